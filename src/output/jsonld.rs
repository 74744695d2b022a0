//! Compact JSON-LD 1.1 for people: the shipped `@context` (ontology/context.jsonld),
//! written inline so the file reads offline; `@type` for classes; one node object per
//! subject, sorted, its properties and values sorted, so two runs give identical bytes.
//!
//! A value is written in the short form a term of the context gives (`"date": "1965"`
//! for a term coerced to `xsd:gYear`) only when the term's coercion says exactly what
//! the value is; any other value is written in full (`{"@value": …, "@type": …}`) under
//! its compact IRI, so a JSON-LD processor reads back exactly the triples written.

use nea_kg_core::vocab::rdf;
use oxigraph::model::{GraphName, NamedOrBlankNode, Quad, Term};
use serde_json::{Map, Value};
use std::collections::{BTreeMap, HashMap};
use std::io::Write;

/// The shipped context, as in ontology/context.jsonld.
pub const CONTEXT: &str = include_str!("../../ontology/context.jsonld");

/// What a term of the context says its values are.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Coercion {
    /// Nothing: a string is an `xsd:string`.
    None,
    /// An IRI.
    Id,
    /// A literal of this datatype (its IRI).
    Datatype(String),
}

/// The context: its prefixes and its terms (by the IRI they stand for).
struct Context {
    json: Map<String, Value>,
    prefixes: Vec<(String, String)>,
    terms: HashMap<String, (String, Coercion)>,
    names: std::collections::HashSet<String>,
}

impl Context {
    /// The shipped context, with `kg` the entity namespace in use.
    fn new(entity_ns: &str) -> Self {
        let parsed: Value = serde_json::from_str(CONTEXT).expect("the shipped context is JSON");
        let mut json = parsed["@context"]
            .as_object()
            .expect("the shipped context has an @context object")
            .clone();
        json.insert("kg".to_owned(), Value::String(entity_ns.to_owned()));
        let mut prefixes: Vec<(String, String)> = json
            .iter()
            .filter_map(|(k, v)| v.as_str().map(|ns| (k.clone(), ns.to_owned())))
            .collect();
        // The longest namespace first, so the most specific prefix wins.
        prefixes.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(&b.0)));
        let expand = |text: &str| -> String {
            match text.split_once(':') {
                Some((p, local)) => prefixes
                    .iter()
                    .find(|(name, _)| name == p)
                    .map(|(_, ns)| format!("{ns}{local}"))
                    .unwrap_or_else(|| text.to_owned()),
                None => text.to_owned(),
            }
        };
        let mut terms = HashMap::new();
        let mut names = std::collections::HashSet::new();
        for (name, v) in &json {
            names.insert(name.clone());
            let Some(def) = v.as_object() else { continue };
            let Some(id) = def.get("@id").and_then(Value::as_str) else {
                continue;
            };
            let coercion = match def.get("@type").and_then(Value::as_str) {
                None => Coercion::None,
                Some("@id") => Coercion::Id,
                Some(t) => Coercion::Datatype(expand(t)),
            };
            terms.insert(expand(id), (name.clone(), coercion));
        }
        Self {
            json,
            prefixes,
            terms,
            names,
        }
    }

    /// An IRI as a compact IRI (`nea:Fact`) where a prefix fits, else whole.
    fn compact(&self, iri: &str) -> String {
        for (prefix, ns) in &self.prefixes {
            if let Some(local) = iri.strip_prefix(ns.as_str()) {
                let short = format!("{prefix}:{local}");
                // `prefix://…` would be read as an absolute IRI; a term's name would be
                // read as the term.
                if !local.is_empty() && !local.starts_with("//") && !self.names.contains(&short) {
                    return short;
                }
            }
        }
        iri.to_owned()
    }

    /// An IRI as a property key with no term behind it: the compact IRI, unless that is
    /// a term's name (whose coercion would apply), then the whole IRI.
    fn plain_key(&self, iri: &str) -> String {
        for (prefix, ns) in &self.prefixes {
            if let Some(local) = iri.strip_prefix(ns.as_str()) {
                let short = format!("{prefix}:{local}");
                if !local.is_empty() && !local.starts_with("//") {
                    return if self.names.contains(&short) {
                        iri.to_owned()
                    } else {
                        short
                    };
                }
            }
        }
        iri.to_owned()
    }

    fn node_id(&self, term: &NamedOrBlankNode) -> String {
        match term {
            NamedOrBlankNode::NamedNode(n) => self.compact(n.as_str()),
            NamedOrBlankNode::BlankNode(b) => format!("_:{}", b.as_str()),
        }
    }

    /// A value in full: an object that says what it is, whatever the key's term.
    fn full_value(&self, term: &Term) -> Value {
        match term {
            Term::NamedNode(n) => serde_json::json!({ "@id": self.compact(n.as_str()) }),
            Term::BlankNode(b) => serde_json::json!({ "@id": format!("_:{}", b.as_str()) }),
            Term::Literal(l) => match l.language() {
                Some(lang) => serde_json::json!({ "@value": l.value(), "@language": lang }),
                None if l.datatype() == oxigraph::model::vocab::xsd::STRING => {
                    Value::String(l.value().to_owned())
                }
                None => serde_json::json!({
                    "@value": l.value(),
                    "@type": self.compact(l.datatype().as_str()),
                }),
            },
        }
    }

    /// The key and value of one property value: the term's short form where its
    /// coercion fits the value exactly, else the full form.
    fn entry(&self, predicate: &str, object: &Term) -> (String, Value) {
        if let Some((name, coercion)) = self.terms.get(predicate) {
            let short = match (coercion, object) {
                (Coercion::Id, Term::NamedNode(n)) => Some(Value::String(self.compact(n.as_str()))),
                (Coercion::Id, Term::BlankNode(b)) => {
                    Some(Value::String(format!("_:{}", b.as_str())))
                }
                (Coercion::Datatype(d), Term::Literal(l))
                    if l.language().is_none() && l.datatype().as_str() == d =>
                {
                    Some(Value::String(l.value().to_owned()))
                }
                (Coercion::None, _) => Some(self.full_value(object)),
                _ => None,
            };
            if let Some(value) = short {
                return (name.clone(), value);
            }
        }
        (self.plain_key(predicate), self.full_value(object))
    }
}

/// The node objects of some triples: one per subject, sorted by `@id`.
fn nodes<'a>(context: &Context, triples: impl Iterator<Item = &'a Quad>) -> Vec<(String, Value)> {
    let mut by_subject: BTreeMap<String, BTreeMap<String, Vec<Value>>> = BTreeMap::new();
    for q in triples {
        let id = context.node_id(&q.subject);
        let props = by_subject.entry(id).or_default();
        let (key, value) = match (&q.object, q.predicate == rdf::TYPE) {
            (Term::NamedNode(class), true) => (
                "@type".to_owned(),
                Value::String(context.compact(class.as_str())),
            ),
            _ => context.entry(q.predicate.as_str(), &q.object),
        };
        props.entry(key).or_default().push(value);
    }
    by_subject
        .into_iter()
        .map(|(id, props)| {
            let mut node = Map::new();
            node.insert("@id".to_owned(), Value::String(id.clone()));
            for (key, mut values) in props {
                values.sort_by_cached_key(|v| v.to_string());
                values.dedup();
                let value = if values.len() == 1 {
                    values.pop().unwrap_or(Value::Null)
                } else {
                    Value::Array(values)
                };
                node.insert(key, value);
            }
            (id, Value::Object(node))
        })
        .collect()
}

/// Writes the quads as compact JSON-LD: with `dataset`, the default graph's nodes and a
/// node per named graph holding its own `@graph`; without, the union of the graphs.
pub fn write(
    quads: &[Quad],
    dataset: bool,
    entity_ns: &str,
    mut out: impl Write,
) -> std::io::Result<()> {
    let context = Context::new(entity_ns);
    let top: Vec<Value> = if dataset {
        let mut graphs: BTreeMap<String, Vec<&Quad>> = BTreeMap::new();
        let mut default = Vec::new();
        for q in quads {
            match &q.graph_name {
                GraphName::DefaultGraph => default.push(q),
                GraphName::NamedNode(g) => graphs
                    .entry(context.compact(g.as_str()))
                    .or_default()
                    .push(q),
                GraphName::BlankNode(b) => graphs
                    .entry(format!("_:{}", b.as_str()))
                    .or_default()
                    .push(q),
            }
        }
        let mut top: BTreeMap<String, Value> =
            nodes(&context, default.into_iter()).into_iter().collect();
        for (g, members) in graphs {
            let inner: Vec<Value> = nodes(&context, members.into_iter())
                .into_iter()
                .map(|(_, v)| v)
                .collect();
            let node = top
                .entry(g.clone())
                .or_insert_with(|| serde_json::json!({ "@id": g }));
            if let Value::Object(map) = node {
                map.insert("@graph".to_owned(), Value::Array(inner));
            }
        }
        top.into_values().collect()
    } else {
        let mut seen = std::collections::HashSet::new();
        let union = quads
            .iter()
            .filter(|q| seen.insert((q.subject.clone(), q.predicate.clone(), q.object.clone())));
        nodes(&context, union).into_iter().map(|(_, v)| v).collect()
    };
    let mut doc = Map::new();
    doc.insert("@context".to_owned(), Value::Object(sorted(context.json)));
    doc.insert("@graph".to_owned(), Value::Array(top));
    serde_json::to_writer_pretty(&mut out, &Value::Object(doc)).map_err(super::json_io)?;
    out.write_all(b"\n")?;
    out.flush()
}

/// The map with its keys in order (whatever serde_json's map keeps).
fn sorted(map: Map<String, Value>) -> Map<String, Value> {
    let ordered: BTreeMap<String, Value> = map.into_iter().collect();
    ordered.into_iter().collect()
}
