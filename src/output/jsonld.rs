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

use super::spill::{Runs, Spill};

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

/// One statement as its node's `@id`, a key and a value: `@type` for a class, else the
/// predicate's term (see `Context::entry`).
fn entry_of(context: &Context, q: &Quad) -> (String, String, Value) {
    let id = context.node_id(&q.subject);
    let (key, value) = match (&q.object, q.predicate == rdf::TYPE) {
        (Term::NamedNode(class), true) => (
            "@type".to_owned(),
            Value::String(context.compact(class.as_str())),
        ),
        _ => context.entry(q.predicate.as_str(), &q.object),
    };
    (id, key, value)
}

/// A node object: its `@id`, then each key (in order) with its value, or its values as
/// an array.
fn node(id: String, props: impl IntoIterator<Item = (String, Vec<Value>)>) -> Value {
    let mut node = Map::new();
    node.insert("@id".to_owned(), Value::String(id));
    for (key, mut values) in props {
        let value = if values.len() == 1 {
            values.pop().unwrap_or(Value::Null)
        } else {
            Value::Array(values)
        };
        node.insert(key, value);
    }
    Value::Object(node)
}

/// The node objects of some triples: one per subject, sorted by `@id`, the values of
/// each key sorted (by their JSON text) and each once.
fn nodes<'a>(context: &Context, triples: impl Iterator<Item = &'a Quad>) -> Vec<(String, Value)> {
    let mut by_subject: BTreeMap<String, BTreeMap<String, Vec<Value>>> = BTreeMap::new();
    for q in triples {
        let (id, key, value) = entry_of(context, q);
        by_subject
            .entry(id)
            .or_default()
            .entry(key)
            .or_default()
            .push(value);
    }
    by_subject
        .into_iter()
        .map(|(id, props)| {
            let props = props.into_iter().map(|(key, mut values)| {
                values.sort_by_cached_key(|v| v.to_string());
                values.dedup();
                (key, values)
            });
            (id.clone(), node(id, props))
        })
        .collect()
}

/// The `@id` of a named graph's node (none for the default graph).
fn graph_id(context: &Context, graph: &GraphName) -> Option<String> {
    match graph {
        GraphName::DefaultGraph => None,
        GraphName::NamedNode(g) => Some(context.compact(g.as_str())),
        GraphName::BlankNode(b) => Some(format!("_:{}", b.as_str())),
    }
}

/// Writes the quads as compact JSON-LD: with `dataset`, the default graph's nodes and a
/// node per named graph holding its own `@graph`; without, the union of the graphs.
pub fn write(
    quads: &[Quad],
    dataset: bool,
    entity_ns: &str,
    out: impl Write,
) -> std::io::Result<()> {
    let context = Context::new(entity_ns);
    let mut document = Document::begin(out, &context)?;
    if dataset {
        let mut graphs: BTreeMap<String, Vec<&Quad>> = BTreeMap::new();
        let mut default = Vec::new();
        for q in quads {
            match graph_id(&context, &q.graph_name) {
                None => default.push(q),
                Some(id) => graphs.entry(id).or_default().push(q),
            }
        }
        let mut top: BTreeMap<String, Value> =
            nodes(&context, default.into_iter()).into_iter().collect();
        for (g, members) in graphs {
            let node = top
                .entry(g.clone())
                .or_insert_with(|| serde_json::json!({ "@id": g }));
            with_graph(node, &context, members.into_iter());
        }
        for node in top.values() {
            document.node(node)?;
        }
    } else {
        let mut seen = std::collections::HashSet::new();
        let union = quads
            .iter()
            .filter(|q| seen.insert((q.subject.clone(), q.predicate.clone(), q.object.clone())));
        for (_, node) in nodes(&context, union) {
            document.node(&node)?;
        }
    }
    document.end()
}

/// Gives a named graph's node the graph's own nodes, as its `@graph`.
fn with_graph<'a>(node: &mut Value, context: &Context, quads: impl Iterator<Item = &'a Quad>) {
    let inner: Vec<Value> = nodes(context, quads).into_iter().map(|(_, v)| v).collect();
    if let Value::Object(map) = node {
        map.insert("@graph".to_owned(), Value::Array(inner));
    }
}

/// Writes quads set aside graph by graph (a corpus or a store) as `write` writes them
/// all at once, byte for byte, holding one graph in memory at a time: with `dataset`,
/// the graphs are read back in the order of their nodes' `@id`s; without, the
/// statements of each graph are sorted into a run on disk, as an `@id`, a key and a
/// value's JSON text, and the runs merged, so that a resource that several graphs
/// describe (an entity every article names) is one node. `adjust` changes each graph
/// as it is read back.
pub fn write_spilled(
    spill: &mut Spill,
    dataset: bool,
    entity_ns: &str,
    adjust: &dyn Fn(&mut Vec<Quad>),
    out: impl Write,
) -> std::io::Result<()> {
    let context = Context::new(entity_ns);
    if dataset {
        let mut default = spill.graph(&GraphName::DefaultGraph)?;
        adjust(&mut default);
        // The default graph of a corpus is empty; of a store, whatever was pushed there.
        let mut defaults = nodes(&context, default.iter()).into_iter().peekable();
        let mut graphs: Vec<(String, GraphName)> = spill
            .names()
            .into_iter()
            .filter_map(|g| graph_id(&context, &g).map(|id| (id, g)))
            .collect();
        graphs.sort_by(|a, b| a.0.cmp(&b.0));
        let mut document = Document::begin(out, &context)?;
        let mut at = 0;
        while at < graphs.len() {
            let id = graphs[at].0.clone();
            // Two graphs whose IRIs compact to one `@id` are one node, as in `write`.
            let mut quads = Vec::new();
            while at < graphs.len() && graphs[at].0 == id {
                let mut more = spill.graph(&graphs[at].1)?;
                adjust(&mut more);
                quads.append(&mut more);
                at += 1;
            }
            while let Some((_, node)) = defaults.next_if(|(d, _)| *d < id) {
                document.node(&node)?;
            }
            let mut node = match defaults.next_if(|(d, _)| *d == id) {
                Some((_, node)) => node,
                None => serde_json::json!({ "@id": id }),
            };
            with_graph(&mut node, &context, quads.iter());
            document.node(&node)?;
        }
        for (_, node) in defaults {
            document.node(&node)?;
        }
        return document.end();
    }
    let mut runs: Runs<[String; 3]> = Runs::new()?;
    for graph in spill.graphs() {
        let mut quads = graph?;
        adjust(&mut quads);
        let mut entries: Vec<[String; 3]> = quads
            .iter()
            .map(|q| {
                let (id, key, value) = entry_of(&context, q);
                [id, key, value.to_string()]
            })
            .collect();
        entries.sort_unstable();
        entries.dedup();
        runs.add(entries.iter())?;
    }
    let mut document = Document::begin(out, &context)?;
    let mut current: Option<(String, Props)> = None;
    for entry in runs.merge(Clone::clone)? {
        let [id, key, text] = entry?;
        let value: Value = serde_json::from_str(&text).map_err(super::json_io)?;
        match &mut current {
            Some((at, props)) if *at == id => match props.last_mut() {
                Some((k, values)) if *k == key => values.push(value),
                _ => props.push((key, vec![value])),
            },
            _ => {
                if let Some((id, props)) = current.take() {
                    document.node(&node(id, props))?;
                }
                current = Some((id, vec![(key, vec![value])]));
            }
        }
    }
    if let Some((id, props)) = current {
        document.node(&node(id, props))?;
    }
    document.end()
}

/// A node's keys in order, each with its values.
type Props = Vec<(String, Vec<Value>)>;

/// A JSON-LD document written node by node, with the bytes serde_json's pretty printer
/// gives the whole document: `{"@context": …, "@graph": [node, …]}`, two spaces a level,
/// and a final line break.
struct Document<W: Write> {
    out: W,
    nodes: usize,
}

impl<W: Write> Document<W> {
    fn begin(mut out: W, context: &Context) -> std::io::Result<Self> {
        out.write_all(b"{\n  \"@context\": ")?;
        nested(&mut out, &Value::Object(sorted(context.json.clone())), "  ")?;
        out.write_all(b",\n  \"@graph\": [")?;
        Ok(Self { out, nodes: 0 })
    }

    fn node(&mut self, node: &Value) -> std::io::Result<()> {
        let head: &[u8] = if self.nodes == 0 {
            b"\n    "
        } else {
            b",\n    "
        };
        self.out.write_all(head)?;
        self.nodes += 1;
        nested(&mut self.out, node, "    ")
    }

    fn end(mut self) -> std::io::Result<()> {
        let tail: &[u8] = if self.nodes == 0 {
            b"]\n}\n"
        } else {
            b"\n  ]\n}\n"
        };
        self.out.write_all(tail)?;
        self.out.flush()
    }
}

/// A value pretty-printed as it reads inside a document, `indent` deep: every line but
/// the first indented. JSON escapes a line break inside a string, so each one in the
/// text is the printer's.
fn nested(out: &mut impl Write, value: &Value, indent: &str) -> std::io::Result<()> {
    let text = serde_json::to_string_pretty(value).map_err(super::json_io)?;
    let mut lines = text.split('\n');
    if let Some(first) = lines.next() {
        out.write_all(first.as_bytes())?;
    }
    for line in lines {
        out.write_all(b"\n")?;
        out.write_all(indent.as_bytes())?;
        out.write_all(line.as_bytes())?;
    }
    Ok(())
}

/// The map with its keys in order (whatever serde_json's map keeps).
fn sorted(map: Map<String, Value>) -> Map<String, Value> {
    let ordered: BTreeMap<String, Value> = map.into_iter().collect();
    ordered.into_iter().collect()
}
