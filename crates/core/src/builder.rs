//! The build, graph by graph: the ontology's graph first, then each article's graph (with
//! the description of the registry's entities it is the first to name, in the entities
//! graph), and last the dataset description. Each graph is handed out as soon as it is
//! made, so memory does not grow with a corpus; what to do with a sheet that fails
//! (stop, or report it and go on) is the caller's choice.

use crate::check::{self, ArticleInput, Registry};
use crate::dataset::{self, ArticleSummary};
use crate::emit;
use crate::error::{Error, ErrorKind, Errors, Location};
use crate::iris::Iris;
use crate::model;
use crate::ontology::Ontology;
use crate::source::Source;
use oxrdf::{GraphName, Quad};
use std::collections::{BTreeMap, BTreeSet};

/// A build in progress.
pub struct Builder {
    iris: Iris,
    ontology: Ontology,
    registry: Registry,
    /// Article ids built so far, with the sheet that declared each.
    seen: BTreeMap<String, String>,
    /// The registries' entities described so far, in the entities graph.
    described: BTreeSet<String>,
    /// The shared events described so far, in the entities graph.
    described_events: BTreeSet<String>,
    summaries: Vec<ArticleSummary>,
    entity_triples: usize,
    total: usize,
}

impl Builder {
    /// Reads and checks the ontology and the registries under a base IRI: the first
    /// registry is the base, each other one adds to it.
    pub fn new(registries: &[Source], ontology: &Source, base: &str) -> Result<Self, Errors> {
        let iris = Iris::new(base)?;
        let ontology = Ontology::parse(ontology)?;
        let registry = check::registries(registries, &ontology)?;
        Ok(Self {
            iris,
            ontology,
            registry,
            seen: BTreeMap::new(),
            described: BTreeSet::new(),
            described_events: BTreeSet::new(),
            summaries: Vec::new(),
            entity_triples: 0,
            total: 0,
        })
    }

    pub fn iris(&self) -> &Iris {
        &self.iris
    }

    /// The ontology's graph.
    pub fn ontology_graph(&mut self) -> Vec<Quad> {
        let graph = GraphName::from(self.iris.ontology_graph());
        let quads: Vec<Quad> = self
            .ontology
            .triples
            .iter()
            .map(|t| t.clone().in_graph(graph.clone()))
            .collect();
        self.total += quads.len();
        quads
    }

    /// Checks one article against the registry and the ontology, without building it.
    pub fn check(&self, input: &ArticleInput) -> Result<model::Article, Errors> {
        let article = check::article(input, &self.registry, &self.ontology)?;
        if let Some(previous) = self.seen.get(&article.id) {
            return Err(Error::at(
                Location::file(input.sheet.name.clone()),
                ErrorKind::DuplicateArticle {
                    id: article.id,
                    previous: previous.clone(),
                },
            )
            .into());
        }
        Ok(article)
    }

    /// Checks and builds one article: its graph's quads, followed by the description of
    /// the registry's entities it is the first to name (in the entities graph).
    pub fn article(&mut self, input: &ArticleInput) -> Result<Vec<Quad>, Errors> {
        let article = self.check(input)?;
        let mut quads = emit::article(&self.iris, &article);
        let triples = quads.len();
        let entities_graph = GraphName::from(self.iris.entities_graph());
        for id in &article.registry_entities {
            if self.described.insert(id.clone()) {
                if let Some(e) = self.registry.get(id) {
                    let description = emit::entity(&self.iris, e, &entities_graph);
                    self.entity_triples += description.len();
                    quads.extend(description);
                }
            }
        }
        for id in &article.shared_events {
            if self.described_events.insert(id.clone()) {
                if let Some(e) = self.registry.event(id) {
                    let description = emit::shared_event(&self.iris, e, &entities_graph);
                    self.entity_triples += description.len();
                    quads.extend(description);
                }
            }
        }
        self.total += quads.len();
        self.seen
            .insert(article.id.clone(), input.sheet.name.clone());
        self.summaries.push(ArticleSummary {
            id: article.id,
            sha256: article.sha256,
            triples,
            headline: article.headline,
            url: article.publication.url,
            rights: article.publication.rights,
        });
        Ok(quads)
    }

    /// How many articles were built.
    pub fn articles(&self) -> usize {
        self.summaries.len()
    }

    /// The dataset description's graph, which closes the build; and the number of quads
    /// of the whole build.
    pub fn finish(self) -> (Vec<Quad>, usize) {
        let metadata = dataset::describe(
            &self.iris,
            &self.summaries,
            self.entity_triples,
            self.ontology.triples.len(),
            self.total,
        );
        let total = self.total + metadata.len();
        (metadata, total)
    }
}

/// Builds every graph of some articles in memory; the first sheet that fails stops it.
pub fn build_all(
    registries: &[Source],
    ontology: &Source,
    articles: &[ArticleInput],
    base: &str,
) -> Result<Vec<Quad>, Errors> {
    let mut builder = Builder::new(registries, ontology, base)?;
    let mut quads = builder.ontology_graph();
    for a in articles {
        quads.extend(builder.article(a)?);
    }
    quads.extend(builder.finish().0);
    Ok(quads)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{input, REGISTRY};

    fn builder() -> Builder {
        Builder::new(
            &[Source::new("entities.toml", REGISTRY)],
            &Source::new("nea.ttl", crate::ontology::EMBEDDED),
            crate::DEFAULT_BASE,
        )
        .unwrap()
    }

    #[test]
    fn a_registry_entity_is_described_once_however_many_articles_name_it() {
        let mut b = builder();
        let label = |quads: &[Quad]| {
            quads
                .iter()
                .filter(|q| {
                    q.subject.to_string() == "<https://w3id.org/nea-kg/id/japan>"
                        && q.predicate == crate::vocab::rdfs::LABEL
                })
                .count()
        };
        let first = b.article(&input("")).unwrap();
        let mut second_input = input("");
        second_input.sheet.text = second_input.sheet.text.replace("neighbours", "again");
        let second = b.article(&second_input).unwrap();
        assert_eq!((label(&first), label(&second)), (1, 0));
        let (metadata, total) = b.finish();
        assert_eq!(total, first.len() + second.len() + metadata.len());
    }

    #[test]
    fn an_article_id_is_used_once() {
        let mut b = builder();
        b.article(&input("")).unwrap();
        let e = b.article(&input("")).unwrap_err();
        assert_eq!(
            e.to_string(),
            "facts.toml: the article id \"neighbours\" is already used by facts.toml\n  give each article's sheet its own [article] id"
        );
    }

    #[test]
    fn the_build_has_its_four_kinds_of_graph() {
        let mut b = builder();
        let iris = b.iris().clone();
        let mut quads = b.ontology_graph();
        quads.extend(b.article(&input("")).unwrap());
        quads.extend(b.finish().0);
        let kinds: std::collections::BTreeSet<String> = quads
            .iter()
            .map(|q| match &q.graph_name {
                GraphName::NamedNode(g) => format!("{:?}", iris.graph_kind(g.as_str())),
                other => panic!("a quad outside the named graphs: {other}"),
            })
            .collect();
        assert_eq!(kinds.len(), 4, "{kinds:?}");
    }
}
