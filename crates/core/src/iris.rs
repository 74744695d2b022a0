//! The IRIs of the graph, all built from the sheet's ids under one base IRI
//! (`https://w3id.org/nea-kg/` unless `--base` says otherwise): no blank nodes, and the
//! same ids give the same IRIs on every run.

use crate::error::{Error, ErrorKind};
use oxrdf::NamedNode;

/// The base IRI used when `--base` is not given.
pub const DEFAULT_BASE: &str = "https://w3id.org/nea-kg/";

/// IRIs under the base.
#[derive(Debug, Clone)]
pub struct Iris {
    base: String,
}

impl Iris {
    /// Checks the base: an absolute IRI ending in `/` or `#`.
    pub fn new(base: &str) -> Result<Self, Error> {
        let ok = NamedNode::new(base).is_ok() && (base.ends_with('/') || base.ends_with('#'));
        if !ok {
            return Err(Error::new(ErrorKind::InvalidBase {
                base: base.to_owned(),
            }));
        }
        Ok(Self {
            base: base.to_owned(),
        })
    }

    pub fn base(&self) -> &str {
        &self.base
    }

    /// A resource under the base.
    pub fn node(&self, path: &str) -> NamedNode {
        NamedNode::new_unchecked(format!("{}{path}", self.base))
    }

    pub fn entity(&self, id: &str) -> NamedNode {
        self.node(&format!("id/{id}"))
    }

    /// A registry's shared event.
    pub fn event(&self, id: &str) -> NamedNode {
        self.node(&format!("event/{id}"))
    }

    pub fn article(&self, aid: &str) -> NamedNode {
        self.node(&format!("article/{aid}"))
    }

    /// A resource of one article: its facts, statistics, claims and mentions.
    pub fn in_article(&self, aid: &str, kind: &str, id: &str) -> NamedNode {
        self.node(&format!("article/{aid}/{kind}/{id}"))
    }

    pub fn article_graph(&self, aid: &str) -> NamedNode {
        self.node(&format!("graph/{aid}"))
    }

    pub fn ontology_graph(&self) -> NamedNode {
        self.node("graph/ontology")
    }

    pub fn metadata_graph(&self) -> NamedNode {
        self.node("graph/metadata")
    }

    pub fn entities_graph(&self) -> NamedNode {
        self.node("graph/entities")
    }

    /// The namespace of entity IRIs, declared as the prefix `kg:` in exports and queries.
    pub fn entity_namespace(&self) -> String {
        format!("{}id/", self.base)
    }

    /// Which kind of graph a graph name is.
    pub fn graph_kind(&self, graph: &str) -> GraphKind {
        match graph.strip_prefix(&self.base) {
            Some("graph/ontology") => GraphKind::Ontology,
            Some("graph/metadata") => GraphKind::Metadata,
            Some("graph/entities") => GraphKind::Entities,
            _ => GraphKind::Article,
        }
    }
}

/// The kinds of named graph the build makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GraphKind {
    /// One article's facts, claims, mentions and evidence.
    Article,
    /// The registry's entities the articles name.
    Entities,
    Ontology,
    /// The dataset description.
    Metadata,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_base_must_be_absolute_and_end_in_a_separator() {
        assert!(Iris::new("https://example.org/kg/").is_ok());
        assert!(Iris::new("https://example.org/kg#").is_ok());
        assert!(Iris::new("https://example.org/kg").is_err());
        assert!(Iris::new("not an iri/").is_err());
    }

    #[test]
    fn iris_come_from_ids() {
        let iris = Iris::new(DEFAULT_BASE).unwrap();
        assert_eq!(
            iris.entity("rok").as_str(),
            "https://w3id.org/nea-kg/id/rok"
        );
        assert_eq!(
            iris.in_article("a", "fact", "f").as_str(),
            "https://w3id.org/nea-kg/article/a/fact/f"
        );
        assert_eq!(
            iris.graph_kind(iris.entities_graph().as_str()),
            GraphKind::Entities
        );
        assert_eq!(
            iris.graph_kind(iris.article_graph("x").as_str()),
            GraphKind::Article
        );
    }
}
