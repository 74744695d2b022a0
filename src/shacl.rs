//! A SHACL Core validator for the constraints `ontology/shapes.ttl` uses, evaluated
//! directly over an Oxigraph store (the union of its graphs is the data graph). It
//! reports what pyshacl or any SHACL processor reports for the same shapes: a result per
//! focus node, path, value and constraint, with the source shape.
//!
//! Supported: targets sh:targetClass, sh:targetSubjectsOf, sh:targetObjectsOf,
//! sh:targetNode; node and property shapes; sh:path (a predicate); sh:minCount,
//! sh:maxCount, sh:datatype, sh:class, sh:nodeKind, sh:pattern, sh:in, sh:languageIn,
//! sh:minInclusive, sh:minLength, sh:lessThan, sh:or, sh:node, sh:qualifiedValueShape
//! with sh:qualifiedMinCount and sh:qualifiedMaxCount, and sh:message. A shape that
//! uses anything else is refused, so nothing is silently left unchecked.

use anyhow::{anyhow, Result};
use nea_kg_core::error::{cut_quoted_parts, quoted, shortened};
use nea_kg_core::vocab::{rdf, rdfs};
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::vocab::xsd;
use oxigraph::model::{Literal, NamedNode, NamedOrBlankNode, Term, Triple};
use oxigraph::store::Store;
use std::collections::{BTreeSet, HashMap, HashSet};

/// The shapes as shipped in the binary.
pub const EMBEDDED: &str = include_str!("../ontology/shapes.ttl");

const SH: &str = "http://www.w3.org/ns/shacl#";

fn sh(local: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{SH}{local}"))
}

/// One failed constraint.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct Violation {
    pub focus: String,
    pub path: Option<String>,
    pub value: Option<String>,
    pub message: String,
    pub shape: String,
    pub constraint: String,
}

#[derive(Debug, Clone)]
enum Target {
    Class(NamedNode),
    SubjectsOf(NamedNode),
    ObjectsOf(NamedNode),
    Node(Term),
}

#[derive(Debug, Clone)]
enum Constraint {
    MinCount(usize),
    MaxCount(usize),
    Datatype(NamedNode),
    Class(NamedNode),
    NodeKind(NamedNode),
    Pattern(String, regex::Regex),
    In(Vec<Term>),
    LanguageIn(Vec<String>),
    MinInclusive(Literal),
    MinLength(usize),
    LessThan(NamedNode),
    Or(Vec<Term>),
    Node(Term),
    Qualified {
        shape: Term,
        min: Option<usize>,
        max: Option<usize>,
    },
}

impl Constraint {
    fn name(&self) -> &'static str {
        match self {
            Self::MinCount(_) => "sh:minCount",
            Self::MaxCount(_) => "sh:maxCount",
            Self::Datatype(_) => "sh:datatype",
            Self::Class(_) => "sh:class",
            Self::NodeKind(_) => "sh:nodeKind",
            Self::Pattern(..) => "sh:pattern",
            Self::In(_) => "sh:in",
            Self::LanguageIn(_) => "sh:languageIn",
            Self::MinInclusive(_) => "sh:minInclusive",
            Self::MinLength(_) => "sh:minLength",
            Self::LessThan(_) => "sh:lessThan",
            Self::Or(_) => "sh:or",
            Self::Node(_) => "sh:node",
            Self::Qualified { .. } => "sh:qualifiedValueShape",
        }
    }
}

#[derive(Debug, Clone)]
struct Shape {
    id: Term,
    targets: Vec<Target>,
    path: Option<NamedNode>,
    constraints: Vec<Constraint>,
    properties: Vec<Term>,
    message: Option<String>,
}

/// Parsed shapes.
pub struct Shapes {
    shapes: HashMap<Term, Shape>,
    order: Vec<Term>,
}

fn subject_term(s: &NamedOrBlankNode) -> Term {
    match s {
        NamedOrBlankNode::NamedNode(n) => n.clone().into(),
        NamedOrBlankNode::BlankNode(b) => b.clone().into(),
    }
}

impl Shapes {
    pub fn parse(name: &str, text: &str) -> Result<Self> {
        let bad =
            |what: String| anyhow!("{name}: {}\n  fix the shapes file", cut_quoted_parts(&what));
        let mut by_subject: HashMap<Term, Vec<(NamedNode, Term)>> = HashMap::new();
        let mut order = Vec::new();
        for quad in RdfParser::from_format(RdfFormat::Turtle).for_slice(text.as_bytes()) {
            let t = Triple::from(quad.map_err(|e| bad(e.to_string()))?);
            let s = subject_term(&t.subject);
            if !by_subject.contains_key(&s) {
                order.push(s.clone());
            }
            by_subject
                .entry(s)
                .or_default()
                .push((t.predicate, t.object));
        }
        let list = |head: &Term| -> Result<Vec<Term>> {
            let mut items = Vec::new();
            let mut node = head.clone();
            let mut seen = HashSet::new();
            while node != Term::from(rdf::NIL.into_owned()) {
                if !seen.insert(node.clone()) {
                    return Err(bad(format!("the RDF list at {head} loops back to {node}")));
                }
                let props = by_subject
                    .get(&node)
                    .ok_or_else(|| bad(format!("broken RDF list at {node}")))?;
                let first = props
                    .iter()
                    .find(|(p, _)| *p == rdf::FIRST)
                    .map(|(_, o)| o.clone());
                let rest = props
                    .iter()
                    .find(|(p, _)| *p == rdf::REST)
                    .map(|(_, o)| o.clone());
                items.push(
                    first.ok_or_else(|| bad(format!("RDF list without rdf:first at {node}")))?,
                );
                node = rest.ok_or_else(|| bad(format!("RDF list without rdf:rest at {node}")))?;
            }
            Ok(items)
        };
        let count = |o: &Term, what: &str| -> Result<usize> {
            match o {
                Term::Literal(l) => l
                    .value()
                    .parse()
                    .map_err(|_| bad(format!("{what} must be a number"))),
                _ => Err(bad(format!("{what} must be a number"))),
            }
        };
        let iri = |o: &Term, what: &str| -> Result<NamedNode> {
            match o {
                Term::NamedNode(n) => Ok(n.clone()),
                _ => Err(bad(format!("{what} must be an IRI"))),
            }
        };
        let mut shapes = HashMap::new();
        let mut shape_order = Vec::new();
        let structural = [
            rdf::TYPE.into_owned(),
            rdfs::COMMENT.into_owned(),
            rdfs::LABEL.into_owned(),
            sh("property"),
            sh("message"),
            sh("path"),
            sh("qualifiedMinCount"),
            sh("qualifiedMaxCount"),
        ];
        for s in &order {
            let props = &by_subject[s];
            let is_shape = props.iter().any(|(p, o)| {
                *p == rdf::TYPE
                    && (*o == Term::from(sh("NodeShape")) || *o == Term::from(sh("PropertyShape")))
            });
            if !is_shape {
                continue;
            }
            let mut shape = Shape {
                id: s.clone(),
                targets: Vec::new(),
                path: None,
                constraints: Vec::new(),
                properties: Vec::new(),
                message: None,
            };
            let get = |local: &str| props.iter().find(|(p, _)| *p == sh(local)).map(|(_, o)| o);
            for (p, o) in props {
                let Some(local) = p.as_str().strip_prefix(SH) else {
                    if !structural.contains(p) {
                        return Err(bad(format!("{s}: unsupported property {p}")));
                    }
                    continue;
                };
                match local {
                    "targetClass" => shape.targets.push(Target::Class(iri(o, "sh:targetClass")?)),
                    "targetSubjectsOf" => shape
                        .targets
                        .push(Target::SubjectsOf(iri(o, "sh:targetSubjectsOf")?)),
                    "targetObjectsOf" => shape
                        .targets
                        .push(Target::ObjectsOf(iri(o, "sh:targetObjectsOf")?)),
                    "targetNode" => shape.targets.push(Target::Node(o.clone())),
                    "path" => shape.path = Some(iri(o, "sh:path (only a predicate is supported)")?),
                    "property" => shape.properties.push(o.clone()),
                    "message" => {
                        if let Term::Literal(l) = o {
                            shape.message = Some(l.value().to_owned());
                        }
                    }
                    "minCount" => shape
                        .constraints
                        .push(Constraint::MinCount(count(o, "sh:minCount")?)),
                    "maxCount" => shape
                        .constraints
                        .push(Constraint::MaxCount(count(o, "sh:maxCount")?)),
                    "minLength" => shape
                        .constraints
                        .push(Constraint::MinLength(count(o, "sh:minLength")?)),
                    "datatype" => shape
                        .constraints
                        .push(Constraint::Datatype(iri(o, "sh:datatype")?)),
                    "class" => shape
                        .constraints
                        .push(Constraint::Class(iri(o, "sh:class")?)),
                    "nodeKind" => shape
                        .constraints
                        .push(Constraint::NodeKind(iri(o, "sh:nodeKind")?)),
                    "lessThan" => shape
                        .constraints
                        .push(Constraint::LessThan(iri(o, "sh:lessThan")?)),
                    "node" => shape.constraints.push(Constraint::Node(o.clone())),
                    "pattern" => {
                        let Term::Literal(l) = o else {
                            return Err(bad("sh:pattern must be a string".into()));
                        };
                        let re = regex::Regex::new(l.value())
                            .map_err(|e| bad(format!("sh:pattern: {e}")))?;
                        shape
                            .constraints
                            .push(Constraint::Pattern(l.value().to_owned(), re));
                    }
                    "minInclusive" => match o {
                        Term::Literal(l) => {
                            shape.constraints.push(Constraint::MinInclusive(l.clone()))
                        }
                        _ => return Err(bad("sh:minInclusive must be a literal".into())),
                    },
                    "in" => shape.constraints.push(Constraint::In(list(o)?)),
                    "or" => shape.constraints.push(Constraint::Or(list(o)?)),
                    "languageIn" => shape.constraints.push(Constraint::LanguageIn(
                        list(o)?
                            .iter()
                            .map(|t| match t {
                                Term::Literal(l) => l.value().to_ascii_lowercase(),
                                other => other.to_string(),
                            })
                            .collect(),
                    )),
                    "qualifiedValueShape" => shape.constraints.push(Constraint::Qualified {
                        shape: o.clone(),
                        min: get("qualifiedMinCount")
                            .map(|c| count(c, "sh:qualifiedMinCount"))
                            .transpose()?,
                        max: get("qualifiedMaxCount")
                            .map(|c| count(c, "sh:qualifiedMaxCount"))
                            .transpose()?,
                    }),
                    "qualifiedMinCount" | "qualifiedMaxCount" => {}
                    other => {
                        return Err(bad(format!(
                            "{s}: the SHACL term sh:{other} is not supported"
                        )))
                    }
                }
            }
            shape_order.push(s.clone());
            shapes.insert(s.clone(), shape);
        }
        check_references(&shapes, &shape_order).map_err(bad)?;
        Ok(Self {
            shapes,
            order: shape_order,
        })
    }

    /// How many shapes there are.
    pub fn len(&self) -> usize {
        self.shapes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.shapes.is_empty()
    }
}

/// The longest chain of shapes that refer to shapes (sh:node, sh:property, sh:or,
/// sh:qualifiedValueShape) a shapes file may have: validation follows each reference
/// by a recursive call.
pub const MAX_SHAPE_DEPTH: usize = 100;

/// The shapes a shape refers to.
fn references(shape: &Shape) -> Vec<&Term> {
    let mut out: Vec<&Term> = shape.properties.iter().collect();
    for c in &shape.constraints {
        match c {
            Constraint::Node(t) | Constraint::Qualified { shape: t, .. } => out.push(t),
            Constraint::Or(options) => out.extend(options),
            _ => {}
        }
    }
    out
}

/// Refuses a shape that refers to itself, directly or through others (SHACL leaves
/// the validation of recursive shapes undefined, and it would never end), and chains
/// of references longer than `MAX_SHAPE_DEPTH`. The walk keeps its own stack, so a
/// chain of any length is measured without recursing.
fn check_references(shapes: &HashMap<Term, Shape>, order: &[Term]) -> Result<(), String> {
    // A shape being walked (None), or walked, with the longest chain below it.
    let mut depth: HashMap<&Term, Option<usize>> = HashMap::new();
    for root in order {
        if depth.contains_key(root) {
            continue;
        }
        depth.insert(root, None);
        let mut stack: Vec<(&Term, Vec<&Term>, usize)> = vec![(root, references(&shapes[root]), 0)];
        loop {
            let level = stack.len();
            let Some((shape, todo, below)) = stack.last_mut() else {
                break;
            };
            let shape: &Term = shape;
            let Some(next) = todo.pop() else {
                let below = *below;
                stack.pop();
                depth.insert(shape, Some(below));
                if let Some((_, _, parent)) = stack.last_mut() {
                    *parent = (*parent).max(below + 1);
                }
                continue;
            };
            let Some(next_shape) = shapes.get(next) else {
                continue;
            };
            let longest = match depth.get(next) {
                Some(None) => {
                    return Err(format!(
                        "the shape {next} refers to itself{} (sh:node, sh:property, sh:or or sh:qualifiedValueShape), and SHACL does not define the validation of recursive shapes",
                        if next == shape { String::new() } else { format!(" by way of {shape}") }
                    ))
                }
                Some(Some(d)) => level + d,
                None => level,
            };
            if longest >= MAX_SHAPE_DEPTH {
                return Err(format!(
                    "the shape {root} starts a chain of more than {MAX_SHAPE_DEPTH} shapes that refer to the next"
                ));
            }
            if let Some(Some(d)) = depth.get(next) {
                *below = (*below).max(d + 1);
            } else {
                depth.insert(next, None);
                stack.push((next, references(next_shape), 0));
            }
        }
    }
    Ok(())
}

/// The data graph: the union of the store's graphs, with the class hierarchy it states.
struct Data<'a> {
    store: &'a Store,
    ancestors: HashMap<Term, HashSet<Term>>,
}

impl<'a> Data<'a> {
    fn new(store: &'a Store) -> Result<Self> {
        let mut parents: HashMap<Term, Vec<Term>> = HashMap::new();
        for q in store.quads_for_pattern(None, Some(rdfs::SUB_CLASS_OF), None, None) {
            let q = q.map_err(|e| anyhow!("cannot read the store: {e}"))?;
            parents
                .entry(subject_term(&q.subject))
                .or_default()
                .push(q.object);
        }
        let mut ancestors = HashMap::new();
        for class in parents.keys() {
            let mut seen = HashSet::new();
            let mut todo = vec![class.clone()];
            while let Some(c) = todo.pop() {
                if seen.insert(c.clone()) {
                    todo.extend(parents.get(&c).into_iter().flatten().cloned());
                }
            }
            ancestors.insert(class.clone(), seen);
        }
        Ok(Self { store, ancestors })
    }

    fn objects(&self, focus: &Term, path: &NamedNode) -> Vec<Term> {
        let subject: NamedOrBlankNode = match focus {
            Term::NamedNode(n) => n.clone().into(),
            Term::BlankNode(b) => b.clone().into(),
            Term::Literal(_) => return Vec::new(),
        };
        let mut seen = HashSet::new();
        self.store
            .quads_for_pattern(Some(subject.as_ref()), Some(path.as_ref()), None, None)
            .filter_map(std::result::Result::ok)
            .map(|q| q.object)
            .filter(|o| seen.insert(o.clone()))
            .collect()
    }

    fn is_instance(&self, node: &Term, class: &NamedNode) -> bool {
        let class = Term::from(class.clone());
        self.objects(node, &rdf::TYPE.into_owned())
            .iter()
            .any(|t| *t == class || self.ancestors.get(t).is_some_and(|a| a.contains(&class)))
    }

    /// The focus nodes of a target, in a stable order.
    fn focus_nodes(&self, target: &Target) -> Vec<Term> {
        let quads = |p: Option<&NamedNode>| {
            self.store
                .quads_for_pattern(None, p.map(NamedNode::as_ref), None, None)
                .filter_map(std::result::Result::ok)
        };
        let subjects: BTreeSet<String> = match target {
            Target::Class(c) => {
                let class = Term::from(c.clone());
                quads(Some(&rdf::TYPE.into_owned()))
                    .filter(|q| {
                        q.object == class
                            || self
                                .ancestors
                                .get(&q.object)
                                .is_some_and(|a| a.contains(&class))
                    })
                    .map(|q| subject_term(&q.subject).to_string())
                    .collect()
            }
            Target::SubjectsOf(p) => quads(Some(p))
                .map(|q| subject_term(&q.subject).to_string())
                .collect(),
            Target::ObjectsOf(p) => {
                let mut seen = HashSet::new();
                let mut terms: Vec<Term> = quads(Some(p))
                    .map(|q| q.object)
                    .filter(|o| seen.insert(o.clone()))
                    .collect();
                terms.sort_by_key(ToString::to_string);
                return terms;
            }
            Target::Node(n) => return vec![n.clone()],
        };
        self.terms(subjects)
    }

    /// Back from the sorted text forms to terms (subjects are IRIs or blank nodes).
    fn terms(&self, texts: BTreeSet<String>) -> Vec<Term> {
        texts
            .into_iter()
            .map(
                |t| match t.strip_prefix('<').and_then(|t| t.strip_suffix('>')) {
                    Some(iri) => NamedNode::new_unchecked(iri).into(),
                    None => {
                        oxigraph::model::BlankNode::new_unchecked(t.trim_start_matches("_:")).into()
                    }
                },
            )
            .collect()
    }
}

/// Validates the store against the shapes; the violations come sorted.
pub fn validate(shapes: &Shapes, store: &Store) -> Result<Vec<Violation>> {
    let data = Data::new(store)?;
    let mut out = Vec::new();
    for id in &shapes.order {
        let shape = &shapes.shapes[id];
        for target in &shape.targets {
            for focus in data.focus_nodes(target) {
                check_node(shapes, &data, shape, &focus, &mut out);
            }
        }
    }
    out.sort();
    out.dedup();
    Ok(out)
}

/// Checks one focus node against a shape (its own constraints and its property shapes).
fn check_node(
    shapes: &Shapes,
    data: &Data<'_>,
    shape: &Shape,
    focus: &Term,
    out: &mut Vec<Violation>,
) {
    match &shape.path {
        Some(path) => {
            let values = data.objects(focus, path);
            check_constraints(shapes, data, shape, focus, Some(path), &values, out);
        }
        None => {
            check_constraints(
                shapes,
                data,
                shape,
                focus,
                None,
                std::slice::from_ref(focus),
                out,
            );
            for p in &shape.properties {
                if let Some(property) = shapes.shapes.get(p) {
                    check_node(shapes, data, property, focus, out);
                }
            }
        }
    }
}

/// Does a node conform to a shape? (For sh:or, sh:node and qualified value shapes.)
fn conforms(shapes: &Shapes, data: &Data<'_>, shape: &Term, node: &Term) -> bool {
    let Some(s) = shapes.shapes.get(shape) else {
        return false;
    };
    let mut found = Vec::new();
    check_node(shapes, data, s, node, &mut found);
    found.is_empty()
}

fn check_constraints(
    shapes: &Shapes,
    data: &Data<'_>,
    shape: &Shape,
    focus: &Term,
    path: Option<&NamedNode>,
    values: &[Term],
    out: &mut Vec<Violation>,
) {
    let mut report = |constraint: &Constraint, value: Option<&Term>, default: String| {
        out.push(Violation {
            focus: focus.to_string(),
            path: path.map(ToString::to_string),
            value: value.map(ToString::to_string),
            message: shape.message.clone().unwrap_or(default),
            shape: shape.id.to_string(),
            constraint: constraint.name().to_owned(),
        });
    };
    for c in &shape.constraints {
        match c {
            Constraint::MinCount(n) if values.len() < *n => report(
                c,
                None,
                format!("at least {n} value(s) expected, {} found", values.len()),
            ),
            Constraint::MaxCount(n) if values.len() > *n => report(
                c,
                None,
                format!("at most {n} value(s) expected, {} found", values.len()),
            ),
            Constraint::Qualified { shape: q, min, max } => {
                let n = values
                    .iter()
                    .filter(|v| conforms(shapes, data, q, v))
                    .count();
                if min.is_some_and(|m| n < m) || max.is_some_and(|m| n > m) {
                    report(c, None, format!("{n} value(s) conform to {q}"));
                }
            }
            _ => {
                for v in values {
                    let ok = match c {
                        Constraint::Datatype(d) => {
                            matches!(v, Term::Literal(l) if l.datatype() == d.as_ref() && well_formed(l))
                        }
                        Constraint::Class(class) => data.is_instance(v, class),
                        Constraint::NodeKind(kind) => match kind.as_str().strip_prefix(SH) {
                            Some("IRI") => matches!(v, Term::NamedNode(_)),
                            Some("Literal") => matches!(v, Term::Literal(_)),
                            Some("BlankNode") => matches!(v, Term::BlankNode(_)),
                            Some("BlankNodeOrIRI") => !matches!(v, Term::Literal(_)),
                            Some("IRIOrLiteral") => !matches!(v, Term::BlankNode(_)),
                            Some("BlankNodeOrLiteral") => !matches!(v, Term::NamedNode(_)),
                            _ => false,
                        },
                        Constraint::Pattern(_, re) => match v {
                            Term::BlankNode(_) => false,
                            Term::NamedNode(n) => re.is_match(n.as_str()),
                            Term::Literal(l) => re.is_match(l.value()),
                        },
                        Constraint::In(items) => items.contains(v),
                        Constraint::LanguageIn(tags) => {
                            matches!(v, Term::Literal(l) if l.language().is_some_and(|t| {
                                let t = t.to_ascii_lowercase();
                                tags.iter().any(|x| t == *x || t.starts_with(&format!("{x}-")))
                            }))
                        }
                        Constraint::MinInclusive(min) => {
                            compare(v, &Term::from(min.clone())).is_some_and(|o| o.is_ge())
                        }
                        Constraint::MinLength(n) => match v {
                            Term::Literal(l) => l.value().chars().count() >= *n,
                            Term::NamedNode(iri) => iri.as_str().chars().count() >= *n,
                            Term::BlankNode(_) => false,
                        },
                        Constraint::LessThan(other) => data
                            .objects(focus, other)
                            .iter()
                            .all(|o| compare(v, o).is_some_and(|ord| ord.is_lt())),
                        Constraint::Or(options) => {
                            options.iter().any(|s| conforms(shapes, data, s, v))
                        }
                        Constraint::Node(s) => conforms(shapes, data, s, v),
                        _ => true,
                    };
                    if !ok {
                        let why = match c {
                            Constraint::Pattern(p, _) => {
                                format!(
                                    "{} does not match the pattern {}",
                                    shortened(&v.to_string()),
                                    quoted(p)
                                )
                            }
                            other => format!(
                                "{} does not satisfy {}",
                                shortened(&v.to_string()),
                                other.name()
                            ),
                        };
                        report(c, Some(v), why);
                    }
                }
            }
        }
    }
}

/// Is a literal's lexical form valid for its datatype? (SHACL's sh:datatype asks both.)
fn well_formed(l: &Literal) -> bool {
    let v = l.value();
    let d = l.datatype();
    if d == xsd::INTEGER {
        let digits = v.strip_prefix(['+', '-']).unwrap_or(v);
        !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit())
    } else if d == xsd::BOOLEAN {
        matches!(v, "true" | "false" | "1" | "0")
    } else if d == xsd::DECIMAL {
        let body = v.strip_prefix(['+', '-']).unwrap_or(v);
        let (a, b) = body.split_once('.').unwrap_or((body, ""));
        !(a.is_empty() && b.is_empty()) && a.chars().chain(b.chars()).all(|c| c.is_ascii_digit())
    } else if d == xsd::G_YEAR || d == xsd::G_YEAR_MONTH || d == xsd::DATE {
        nea_kg_core::check::date_literal(v).is_some_and(|x| x.datatype() == d)
    } else {
        true
    }
}

/// Compares two numeric literals.
fn compare(a: &Term, b: &Term) -> Option<std::cmp::Ordering> {
    let num = |t: &Term| match t {
        Term::Literal(l) if well_formed(l) => l.value().parse::<f64>().ok(),
        _ => None,
    };
    num(a)?.partial_cmp(&num(b)?)
}
