//! The project's ontology (`ontology/nea.ttl`): parsed once per build (at compile time
//! for the embedded default), loaded into its own named graph, and consulted by the
//! checker for the classes and properties a fact sheet may name and for the labels of
//! properties.

use crate::error::{Error, ErrorKind, Location};
use crate::source::Source;
use crate::vocab::{self, owl, rdf, rdfs};
use oxrdf::{Term, Triple};
use oxttl::TurtleParser;
use std::collections::{BTreeSet, HashMap};

/// The ontology as shipped in the binary.
pub const EMBEDDED: &str = include_str!("../../../ontology/nea.ttl");

pub struct Ontology {
    pub triples: Vec<Triple>,
    classes: BTreeSet<String>,
    properties: BTreeSet<String>,
    labels: HashMap<String, String>,
    parents: HashMap<String, Vec<String>>,
    declared: BTreeSet<String>,
}

impl Ontology {
    pub fn parse(source: &Source) -> Result<Self, Error> {
        let mut triples = Vec::new();
        for triple in TurtleParser::new().for_slice(source.text.as_bytes()) {
            let triple = triple.map_err(|e| {
                Error::at(
                    Location::file(source.name.clone()),
                    ErrorKind::Ontology {
                        message: e.to_string(),
                    },
                )
            })?;
            triples.push(triple);
        }
        let mut classes = BTreeSet::new();
        let mut properties = BTreeSet::new();
        let mut labels = HashMap::new();
        let mut parents: HashMap<String, Vec<String>> = HashMap::new();
        let mut declared = BTreeSet::new();
        for t in &triples {
            let subject = t.subject.to_string();
            let subject = subject.trim_start_matches('<').trim_end_matches('>');
            if t.predicate == rdf::TYPE {
                declared.insert(subject.to_owned());
                match &t.object {
                    Term::NamedNode(o) if *o == owl::CLASS => {
                        classes.insert(subject.to_owned());
                    }
                    Term::NamedNode(o)
                        if *o == owl::OBJECT_PROPERTY || *o == owl::DATATYPE_PROPERTY =>
                    {
                        properties.insert(subject.to_owned());
                    }
                    _ => {}
                }
            } else if t.predicate == rdfs::SUB_CLASS_OF {
                if let Term::NamedNode(o) = &t.object {
                    parents
                        .entry(subject.to_owned())
                        .or_default()
                        .push(o.as_str().to_owned());
                }
            } else if t.predicate == rdfs::LABEL {
                if let Term::Literal(l) = &t.object {
                    if l.language().is_none_or(|l| l == "en") {
                        labels.insert(subject.to_owned(), l.value().to_owned());
                    }
                }
            }
        }
        Ok(Self {
            triples,
            classes,
            properties,
            labels,
            parents,
            declared,
        })
    }

    /// Is this IRI a class of the ontology?
    pub fn is_class(&self, iri: &str) -> bool {
        self.classes.contains(iri)
    }

    /// Is this IRI a property of the ontology?
    pub fn is_property(&self, iri: &str) -> bool {
        self.properties.contains(iri)
    }

    /// The declared property most like an undeclared one (a misspelling): the closest
    /// by edit distance within the same namespace, if it is close.
    pub fn closest_property(&self, iri: &str) -> Option<&str> {
        let (ns, local) = split(iri);
        let limit = (local.chars().count() / 3).max(1);
        self.properties
            .iter()
            .filter(|p| split(p).0 == ns)
            .map(|p| (crate::ground::distance(split(p).1, local), p))
            .filter(|(d, _)| *d <= limit)
            .min()
            .map(|(_, p)| p.as_str())
    }

    /// The English label of a term.
    pub fn label(&self, iri: &str) -> Option<&str> {
        self.labels.get(iri).map(String::as_str)
    }

    /// Is `class` the class `ancestor` or one of its subclasses?
    pub fn is_a(&self, class: &str, ancestor: &str) -> bool {
        let mut todo = vec![class];
        let mut seen = BTreeSet::new();
        while let Some(c) = todo.pop() {
            if c == ancestor {
                return true;
            }
            if seen.insert(c) {
                todo.extend(
                    self.parents
                        .get(c)
                        .into_iter()
                        .flatten()
                        .map(String::as_str),
                );
            }
        }
        false
    }

    /// The local names of the `nea:` classes under `ancestor`, for messages that list
    /// the choices.
    pub fn classes_under(&self, ancestor: &str) -> Vec<&str> {
        self.classes
            .iter()
            .filter(|c| c.as_str() != ancestor && self.is_a(c, ancestor))
            .filter_map(|c| vocab::nea_local(c))
            .collect()
    }

    /// Is this IRI declared (typed) in the ontology: a class, a property or an individual?
    pub fn is_declared(&self, iri: &str) -> bool {
        self.declared.contains(iri)
    }
}

/// An IRI's namespace and local name, split after its last `#` or `/`.
fn split(iri: &str) -> (&str, &str) {
    match iri.rfind(['#', '/']) {
        Some(i) => iri.split_at(i + 1),
        None => ("", iri),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_nea_constant_is_declared_in_the_ontology() {
        let source = Source {
            name: "ontology/nea.ttl".into(),
            text: EMBEDDED.into(),
        };
        let ontology = Ontology::parse(&source).unwrap();
        for term in vocab::nea::ALL {
            assert!(
                ontology.is_declared(term.as_str()),
                "{term} is not in the ontology"
            );
        }
        assert!(ontology.is_a(&vocab::nea_term("Summit"), vocab::nea::EVENT.as_str()));
    }

    /// OWL tools read an undeclared property as an annotation, which reasoners ignore, and
    /// an undeclared class breaks OWL 2 DL: every term of another vocabulary the mapping
    /// writes is declared in the ontology's "Terms of other vocabularies".
    #[test]
    fn every_term_of_another_vocabulary_the_mapping_writes_is_declared() {
        let source = Source {
            name: "ontology/nea.ttl".into(),
            text: EMBEDDED.into(),
        };
        let ontology = Ontology::parse(&source).unwrap();
        let terms = [
            vocab::schema::ALL,
            vocab::time::ALL,
            vocab::oa::ALL,
            vocab::prov::ALL,
            vocab::skos::ALL,
            vocab::void::ALL,
            vocab::dcat::ALL,
            vocab::dcterms::ALL,
        ];
        let undeclared: Vec<&str> = terms
            .iter()
            .flat_map(|all| all.iter())
            .map(|t| t.as_str())
            .filter(|t| !ontology.is_declared(t))
            .collect();
        assert_eq!(undeclared, Vec::<&str>::new());
    }
}
