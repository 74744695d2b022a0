//! A SHACL Core validator, evaluated over the data graph as parsed (an in-memory graph:
//! the union of the file's graphs, every term as written). It reports what pyshacl or
//! any SHACL processor reports for the same shapes: a result per focus node, path, value
//! and constraint, with the source shape, the constraint component and the severity,
//! and writes them as a standard `sh:ValidationReport` (`report_quads`).
//!
//! Supported: all of SHACL Core (docs/validation.md lists it): the four targets and
//! implicit class targets; node and property shapes; property paths; every core
//! constraint component; sh:severity, sh:deactivated, sh:message. A shape that uses any
//! other sh: term (SHACL-SPARQL, SHACL-AF) is refused, so nothing is silently left
//! unchecked.

use anyhow::{anyhow, Result};
use nea_kg_core::error::{cut_quoted_parts, quoted, shortened};
use nea_kg_core::vocab::{rdf, rdfs};
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{Literal, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad, Term, Triple};
use oxigraph::store::Store;
use std::collections::{HashMap, HashSet};
use std::str::FromStr;

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
    /// The SHACL constraint component, as an IRI: `sh:sourceConstraintComponent`.
    pub component: String,
    /// The shape's sh:severity, as an IRI (sh:Violation unless the shape says).
    pub severity: String,
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
        /// sh:qualifiedValueShapesDisjoint: a value that conforms to a sibling shape
        /// does not count.
        disjoint: bool,
    },
    MaxLength(usize),
    MaxInclusive(Literal),
    MinExclusive(Literal),
    MaxExclusive(Literal),
    HasValue(Term),
    UniqueLang,
    Equals(NamedNode),
    Disjoint(NamedNode),
    LessThanOrEquals(NamedNode),
    And(Vec<Term>),
    Not(Term),
    Xone(Vec<Term>),
    Closed(Vec<NamedNode>),
}

/// A SHACL property path.
#[derive(Debug, Clone)]
enum Path {
    Predicate(NamedNode),
    Inverse(Box<Path>),
    Sequence(Vec<Path>),
    Alternative(Vec<Path>),
    ZeroOrMore(Box<Path>),
    OneOrMore(Box<Path>),
    ZeroOrOne(Box<Path>),
}

impl Path {
    /// The path as text: a predicate's IRI, or the path in SPARQL's syntax.
    fn text(&self) -> String {
        match self {
            Self::Predicate(p) => p.to_string(),
            Self::Inverse(p) => format!("^{}", p.text()),
            Self::Sequence(ps) => format!(
                "({})",
                ps.iter().map(Self::text).collect::<Vec<_>>().join("/")
            ),
            Self::Alternative(ps) => format!(
                "({})",
                ps.iter().map(Self::text).collect::<Vec<_>>().join("|")
            ),
            Self::ZeroOrMore(p) => format!("{}*", p.text()),
            Self::OneOrMore(p) => format!("{}+", p.text()),
            Self::ZeroOrOne(p) => format!("{}?", p.text()),
        }
    }
}

impl Constraint {
    /// The local name (in the sh: namespace) of the constraint's component.
    fn component(&self) -> &'static str {
        match self {
            Self::MinCount(_) => "MinCountConstraintComponent",
            Self::MaxCount(_) => "MaxCountConstraintComponent",
            Self::Datatype(_) => "DatatypeConstraintComponent",
            Self::Class(_) => "ClassConstraintComponent",
            Self::NodeKind(_) => "NodeKindConstraintComponent",
            Self::Pattern(..) => "PatternConstraintComponent",
            Self::In(_) => "InConstraintComponent",
            Self::LanguageIn(_) => "LanguageInConstraintComponent",
            Self::MinInclusive(_) => "MinInclusiveConstraintComponent",
            Self::MinLength(_) => "MinLengthConstraintComponent",
            Self::LessThan(_) => "LessThanConstraintComponent",
            Self::Or(_) => "OrConstraintComponent",
            Self::Node(_) => "NodeConstraintComponent",
            Self::Qualified { .. } => "QualifiedMinCountConstraintComponent",
            Self::MaxLength(_) => "MaxLengthConstraintComponent",
            Self::MaxInclusive(_) => "MaxInclusiveConstraintComponent",
            Self::MinExclusive(_) => "MinExclusiveConstraintComponent",
            Self::MaxExclusive(_) => "MaxExclusiveConstraintComponent",
            Self::HasValue(_) => "HasValueConstraintComponent",
            Self::UniqueLang => "UniqueLangConstraintComponent",
            Self::Equals(_) => "EqualsConstraintComponent",
            Self::Disjoint(_) => "DisjointConstraintComponent",
            Self::LessThanOrEquals(_) => "LessThanOrEqualsConstraintComponent",
            Self::And(_) => "AndConstraintComponent",
            Self::Not(_) => "NotConstraintComponent",
            Self::Xone(_) => "XoneConstraintComponent",
            Self::Closed(_) => "ClosedConstraintComponent",
        }
    }

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
            Self::MaxLength(_) => "sh:maxLength",
            Self::MaxInclusive(_) => "sh:maxInclusive",
            Self::MinExclusive(_) => "sh:minExclusive",
            Self::MaxExclusive(_) => "sh:maxExclusive",
            Self::HasValue(_) => "sh:hasValue",
            Self::UniqueLang => "sh:uniqueLang",
            Self::Equals(_) => "sh:equals",
            Self::Disjoint(_) => "sh:disjoint",
            Self::LessThanOrEquals(_) => "sh:lessThanOrEquals",
            Self::And(_) => "sh:and",
            Self::Not(_) => "sh:not",
            Self::Xone(_) => "sh:xone",
            Self::Closed(_) => "sh:closed",
        }
    }
}

#[derive(Debug, Clone)]
struct Shape {
    id: Term,
    targets: Vec<Target>,
    path: Option<Path>,
    constraints: Vec<Constraint>,
    properties: Vec<Term>,
    message: Option<String>,
    /// sh:severity: the IRI's local name in sh: (Violation, Warning, Info).
    severity: NamedNode,
    deactivated: bool,
}

/// Parsed shapes.
pub struct Shapes {
    shapes: HashMap<Term, Shape>,
    order: Vec<Term>,
    /// For sh:qualifiedValueShapesDisjoint: a property shape's sibling shapes, the
    /// qualified value shapes of the other property shapes of the shapes it is a
    /// property of.
    siblings: HashMap<Term, Vec<Term>>,
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
        // A shape, as SHACL defines it: an instance of sh:NodeShape or sh:PropertyShape,
        // a subject of a target, or a value of a shape-expecting parameter (sh:property,
        // sh:node, sh:qualifiedValueShape, sh:not, a member of sh:or, sh:and, sh:xone),
        // typed or not: none is left out unchecked.
        let mut shape_nodes: HashSet<Term> = HashSet::new();
        for (subject, props) in &by_subject {
            for (p, o) in props {
                let local = p.as_str().strip_prefix(SH).unwrap_or("");
                if (*p == rdf::TYPE
                    && (*o == Term::from(sh("NodeShape")) || *o == Term::from(sh("PropertyShape"))))
                    || local.starts_with("target")
                {
                    shape_nodes.insert(subject.clone());
                }
                match local {
                    "property" | "node" | "qualifiedValueShape" | "not" => {
                        shape_nodes.insert(o.clone());
                    }
                    "or" | "and" | "xone" => shape_nodes.extend(list(o)?),
                    _ => {}
                }
            }
        }
        for s in &order {
            let props = &by_subject[s];
            if !shape_nodes.contains(s) {
                continue;
            }
            let mut shape = Shape {
                id: s.clone(),
                targets: Vec::new(),
                path: None,
                constraints: Vec::new(),
                properties: Vec::new(),
                message: None,
                severity: sh("Violation"),
                deactivated: false,
            };
            let get = |local: &str| props.iter().find(|(p, _)| *p == sh(local)).map(|(_, o)| o);
            for (p, o) in props {
                let Some(local) = p.as_str().strip_prefix(SH) else {
                    // A shape that is also a class targets its instances (an implicit
                    // class target); other properties outside SHACL say nothing to it.
                    let class = [
                        Term::from(rdfs::CLASS.into_owned()),
                        Term::from(NamedNode::new_unchecked(
                            "http://www.w3.org/2002/07/owl#Class",
                        )),
                    ];
                    if *p == rdf::TYPE && class.contains(o) {
                        if let Term::NamedNode(n) = s {
                            shape.targets.push(Target::Class(n.clone()));
                        }
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
                    "path" => shape.path = Some(parse_path(&by_subject, o, 0).map_err(bad)?),
                    "severity" => shape.severity = iri(o, "sh:severity")?,
                    "deactivated" => {
                        shape.deactivated = matches!(o, Term::Literal(l) if l.value() == "true")
                    }
                    // Not constraints: they describe shapes for people and forms.
                    "name" | "description" | "order" | "group" | "defaultValue" => {}
                    "maxLength" => shape
                        .constraints
                        .push(Constraint::MaxLength(count(o, "sh:maxLength")?)),
                    "maxInclusive" | "minExclusive" | "maxExclusive" => {
                        let Term::Literal(l) = o else {
                            return Err(bad(format!("sh:{local} must be a literal")));
                        };
                        shape.constraints.push(match local {
                            "maxInclusive" => Constraint::MaxInclusive(l.clone()),
                            "minExclusive" => Constraint::MinExclusive(l.clone()),
                            _ => Constraint::MaxExclusive(l.clone()),
                        });
                    }
                    "hasValue" => shape.constraints.push(Constraint::HasValue(o.clone())),
                    "uniqueLang" => {
                        if matches!(o, Term::Literal(l) if l.value() == "true") {
                            shape.constraints.push(Constraint::UniqueLang);
                        }
                    }
                    "equals" => shape
                        .constraints
                        .push(Constraint::Equals(iri(o, "sh:equals")?)),
                    "disjoint" => shape
                        .constraints
                        .push(Constraint::Disjoint(iri(o, "sh:disjoint")?)),
                    "lessThanOrEquals" => shape
                        .constraints
                        .push(Constraint::LessThanOrEquals(iri(o, "sh:lessThanOrEquals")?)),
                    "and" => shape.constraints.push(Constraint::And(list(o)?)),
                    "xone" => shape.constraints.push(Constraint::Xone(list(o)?)),
                    "not" => shape.constraints.push(Constraint::Not(o.clone())),
                    "closed" => {
                        if matches!(o, Term::Literal(l) if l.value() == "true") {
                            let mut ignored = Vec::new();
                            if let Some(head) = get("ignoredProperties") {
                                for t in list(head)? {
                                    ignored.push(iri(&t, "sh:ignoredProperties")?);
                                }
                            }
                            shape.constraints.push(Constraint::Closed(ignored));
                        }
                    }
                    "ignoredProperties" | "flags" => {}
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
                        let flags = match get("flags") {
                            Some(Term::Literal(f)) => f.value().to_owned(),
                            _ => String::new(),
                        };
                        if let Some(c) = flags.chars().find(|c| !"imsx".contains(*c)) {
                            return Err(bad(format!(
                                "{s}: the sh:flags letter {c} is not supported (i, m, s and x are)"
                            )));
                        }
                        let source = if flags.is_empty() {
                            l.value().to_owned()
                        } else {
                            format!("(?{flags}){}", l.value())
                        };
                        let re = regex::Regex::new(&source)
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
                        disjoint: matches!(
                            get("qualifiedValueShapesDisjoint"),
                            Some(Term::Literal(l)) if l.value() == "true"
                        ),
                    }),
                    "qualifiedMinCount" | "qualifiedMaxCount" | "qualifiedValueShapesDisjoint" => {}
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
        let qualified = |id: &Term| -> Vec<Term> {
            shapes.get(id).map_or_else(Vec::new, |s| {
                s.constraints
                    .iter()
                    .filter_map(|c| match c {
                        Constraint::Qualified { shape, .. } => Some(shape.clone()),
                        _ => None,
                    })
                    .collect()
            })
        };
        let mut siblings: HashMap<Term, Vec<Term>> = HashMap::new();
        for parent in shape_order.iter().map(|id| &shapes[id]) {
            for property in &parent.properties {
                let own = qualified(property);
                let entry = siblings.entry(property.clone()).or_default();
                for other in parent.properties.iter().filter(|p| *p != property) {
                    for q in qualified(other) {
                        if !own.contains(&q) && !entry.contains(&q) {
                            entry.push(q);
                        }
                    }
                }
            }
        }
        Ok(Self {
            shapes,
            order: shape_order,
            siblings,
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

/// A property path from the shapes graph: a predicate, or a blank node for
/// sh:inversePath, sh:alternativePath, sh:zeroOrMorePath, sh:oneOrMorePath,
/// sh:zeroOrOnePath, or an RDF list (a sequence).
fn parse_path(
    by_subject: &HashMap<Term, Vec<(NamedNode, Term)>>,
    term: &Term,
    depth: usize,
) -> Result<Path, String> {
    if depth > MAX_SHAPE_DEPTH {
        return Err(format!("the path at {term} nests too deep"));
    }
    let node = match term {
        Term::NamedNode(n) => return Ok(Path::Predicate(n.clone())),
        Term::Literal(l) => return Err(format!("sh:path cannot be a literal ({l})")),
        Term::BlankNode(_) => term,
    };
    let props = by_subject
        .get(node)
        .ok_or_else(|| format!("the path {node} is described nowhere"))?;
    let one = |p: &NamedNode| props.iter().find(|(q, _)| q == p).map(|(_, o)| o);
    let list = |head: &Term| -> Result<Vec<Term>, String> {
        let mut items = Vec::new();
        let mut node = head.clone();
        while node != Term::from(rdf::NIL.into_owned()) {
            if items.len() > 10_000 {
                return Err(format!("the RDF list at {head} does not end"));
            }
            let props = by_subject
                .get(&node)
                .ok_or_else(|| format!("broken RDF list at {node}"))?;
            let get = |p: NamedNodeRef<'_>| props.iter().find(|(q, _)| *q == p).map(|(_, o)| o);
            items.push(
                get(rdf::FIRST)
                    .ok_or_else(|| format!("RDF list without rdf:first at {node}"))?
                    .clone(),
            );
            node = get(rdf::REST)
                .ok_or_else(|| format!("RDF list without rdf:rest at {node}"))?
                .clone();
        }
        Ok(items)
    };
    let inner = |o: &Term| parse_path(by_subject, o, depth + 1);
    if one(&rdf::FIRST.into_owned()).is_some() {
        let steps = list(node)?
            .iter()
            .map(inner)
            .collect::<Result<Vec<_>, _>>()?;
        return Ok(Path::Sequence(steps));
    }
    if let Some(o) = one(&sh("inversePath")) {
        return Ok(Path::Inverse(Box::new(inner(o)?)));
    }
    if let Some(o) = one(&sh("alternativePath")) {
        let options = list(o)?.iter().map(inner).collect::<Result<Vec<_>, _>>()?;
        return Ok(Path::Alternative(options));
    }
    if let Some(o) = one(&sh("zeroOrMorePath")) {
        return Ok(Path::ZeroOrMore(Box::new(inner(o)?)));
    }
    if let Some(o) = one(&sh("oneOrMorePath")) {
        return Ok(Path::OneOrMore(Box::new(inner(o)?)));
    }
    if let Some(o) = one(&sh("zeroOrOnePath")) {
        return Ok(Path::ZeroOrOne(Box::new(inner(o)?)));
    }
    Err(format!("the path {node} is not a SHACL property path"))
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
            Constraint::Or(options) | Constraint::And(options) | Constraint::Xone(options) => {
                out.extend(options)
            }
            Constraint::Not(t) => out.push(t),
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

/// The data graph as parsed: the union of a dataset's graphs, every term exactly as
/// the file wrote it (no store in between, which would rewrite literals such as an
/// `xsd:nonNegativeInteger` into an `xsd:integer`).
#[derive(Debug, Default, Clone)]
pub struct DataGraph {
    /// How many statements were read, repeats (one triple in two graphs) included.
    read: usize,
    triples: HashSet<Triple>,
    by_subject: HashMap<Term, HashMap<NamedNode, Vec<Term>>>,
    by_predicate: HashMap<NamedNode, Vec<(Term, Term)>>,
    by_object: HashMap<Term, HashMap<NamedNode, Vec<Term>>>,
}

impl DataGraph {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a triple (of any graph: the data graph is their union); a repeat is ignored.
    pub fn insert(&mut self, triple: Triple) {
        self.read += 1;
        if self.triples.contains(&triple) {
            return;
        }
        let s = subject_term(&triple.subject);
        self.by_subject
            .entry(s.clone())
            .or_default()
            .entry(triple.predicate.clone())
            .or_default()
            .push(triple.object.clone());
        self.by_object
            .entry(triple.object.clone())
            .or_default()
            .entry(triple.predicate.clone())
            .or_default()
            .push(s.clone());
        self.by_predicate
            .entry(triple.predicate.clone())
            .or_default()
            .push((s, triple.object.clone()));
        self.triples.insert(triple);
    }

    /// Every quad of a store, as the graph's union.
    pub fn from_store(store: &Store) -> Result<Self> {
        let mut graph = Self::new();
        for q in store.iter() {
            let q = q.map_err(|e| anyhow!("cannot read the store: {e}"))?;
            graph.insert(Triple::from(q));
        }
        Ok(graph)
    }

    /// How many statements (quads) were read into the graph.
    pub fn read(&self) -> usize {
        self.read
    }

    /// How many distinct triples.
    pub fn len(&self) -> usize {
        self.triples.len()
    }

    pub fn is_empty(&self) -> bool {
        self.triples.is_empty()
    }

    /// The objects of a subject and predicate, in the order they were read.
    pub fn objects(&self, subject: &Term, predicate: &NamedNode) -> &[Term] {
        self.by_subject
            .get(subject)
            .and_then(|p| p.get(predicate))
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    /// The subjects of a predicate and object, in the order they were read.
    pub fn subjects(&self, object: &Term, predicate: &NamedNode) -> &[Term] {
        self.by_object
            .get(object)
            .and_then(|p| p.get(predicate))
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    /// The predicates and objects of a subject.
    fn properties(&self, subject: &Term) -> Vec<(&NamedNode, &Term)> {
        self.by_subject
            .get(subject)
            .into_iter()
            .flatten()
            .flat_map(|(p, os)| os.iter().map(move |o| (p, o)))
            .collect()
    }

    /// The (subject, object) pairs of a predicate.
    pub fn pairs(&self, predicate: &NamedNode) -> &[(Term, Term)] {
        self.by_predicate
            .get(predicate)
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }
}

/// The data graph with the class hierarchy it states.
struct Data<'a> {
    graph: &'a DataGraph,
    ancestors: HashMap<Term, HashSet<Term>>,
}

impl<'a> Data<'a> {
    fn new(graph: &'a DataGraph) -> Self {
        let mut parents: HashMap<Term, Vec<Term>> = HashMap::new();
        for (s, o) in graph.pairs(&rdfs::SUB_CLASS_OF.into_owned()) {
            parents.entry(s.clone()).or_default().push(o.clone());
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
        Self { graph, ancestors }
    }

    fn objects(&self, focus: &Term, path: &NamedNode) -> Vec<Term> {
        self.graph.objects(focus, path).to_vec()
    }

    /// The value nodes of a path from a focus node, each once, in a stable order.
    fn values(&self, focus: &Term, path: &Path) -> Vec<Term> {
        self.walk(std::slice::from_ref(focus), path, false)
    }

    /// The nodes a path reaches from some nodes (walked backwards when `inverse`).
    fn walk(&self, nodes: &[Term], path: &Path, inverse: bool) -> Vec<Term> {
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        let mut add = |t: &Term, out: &mut Vec<Term>| {
            if seen.insert(t.clone()) {
                out.push(t.clone());
            }
        };
        match path {
            Path::Predicate(p) => {
                for n in nodes {
                    let next = if inverse {
                        self.graph.subjects(n, p)
                    } else {
                        self.graph.objects(n, p)
                    };
                    for t in next {
                        add(t, &mut out);
                    }
                }
            }
            Path::Inverse(q) => return self.walk(nodes, q, !inverse),
            Path::Sequence(steps) => {
                let mut current = nodes.to_vec();
                let ordered: Vec<&Path> = if inverse {
                    steps.iter().rev().collect()
                } else {
                    steps.iter().collect()
                };
                for step in ordered {
                    current = self.walk(&current, step, inverse);
                }
                return current;
            }
            Path::Alternative(options) => {
                for option in options {
                    for t in self.walk(nodes, option, inverse) {
                        add(&t, &mut out);
                    }
                }
            }
            Path::ZeroOrOne(q) => {
                for t in nodes.iter().cloned().chain(self.walk(nodes, q, inverse)) {
                    add(&t, &mut out);
                }
            }
            Path::ZeroOrMore(q) | Path::OneOrMore(q) => {
                if matches!(path, Path::ZeroOrMore(_)) {
                    for t in nodes {
                        add(t, &mut out);
                    }
                }
                let mut frontier = self.walk(nodes, q, inverse);
                let mut reached = HashSet::new();
                while !frontier.is_empty() {
                    let mut next = Vec::new();
                    for t in frontier {
                        if reached.insert(t.clone()) {
                            add(&t, &mut out);
                            next.push(t);
                        }
                    }
                    frontier = self.walk(&next, q, inverse);
                }
            }
        }
        out
    }

    fn is_instance(&self, node: &Term, class: &NamedNode) -> bool {
        let class = Term::from(class.clone());
        self.graph
            .objects(node, &rdf::TYPE.into_owned())
            .iter()
            .any(|t| *t == class || self.ancestors.get(t).is_some_and(|a| a.contains(&class)))
    }

    /// The focus nodes of a target, in a stable order.
    fn focus_nodes(&self, target: &Target) -> Vec<Term> {
        let mut nodes: Vec<Term> = match target {
            Target::Class(c) => {
                let class = Term::from(c.clone());
                self.graph
                    .pairs(&rdf::TYPE.into_owned())
                    .iter()
                    .filter(|(_, o)| {
                        *o == class || self.ancestors.get(o).is_some_and(|a| a.contains(&class))
                    })
                    .map(|(s, _)| s.clone())
                    .collect()
            }
            Target::SubjectsOf(p) => self.graph.pairs(p).iter().map(|(s, _)| s.clone()).collect(),
            Target::ObjectsOf(p) => self.graph.pairs(p).iter().map(|(_, o)| o.clone()).collect(),
            Target::Node(n) => vec![n.clone()],
        };
        nodes.sort_by_cached_key(ToString::to_string);
        nodes.dedup();
        nodes
    }
}

/// Validates the data graph against the shapes; the violations come sorted.
pub fn validate(shapes: &Shapes, graph: &DataGraph) -> Vec<Violation> {
    let data = Data::new(graph);
    let mut out = Vec::new();
    for id in &shapes.order {
        let shape = &shapes.shapes[id];
        // A shape's focus nodes are a set: a node two targets name is validated once.
        let mut focus_nodes: Vec<Term> = shape
            .targets
            .iter()
            .flat_map(|t| data.focus_nodes(t))
            .collect();
        focus_nodes.sort_by_cached_key(ToString::to_string);
        focus_nodes.dedup();
        for focus in focus_nodes {
            check_node(shapes, &data, shape, &focus, &mut out);
        }
    }
    // Results that repeat are kept, as SHACL has them: a node reached by two paths, two
    // constraints of one kind (two sh:class) that both fail.
    out.sort();
    out
}

/// Checks one focus node against a shape (its own constraints and its property shapes).
fn check_node(
    shapes: &Shapes,
    data: &Data<'_>,
    shape: &Shape,
    focus: &Term,
    out: &mut Vec<Violation>,
) {
    if shape.deactivated {
        return;
    }
    match &shape.path {
        Some(path) => {
            let values = data.values(focus, path);
            check_constraints(shapes, data, shape, focus, Some(path), &values, out);
            for v in &values {
                for p in &shape.properties {
                    if let Some(property) = shapes.shapes.get(p) {
                        check_node(shapes, data, property, v, out);
                    }
                }
            }
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
    path: Option<&Path>,
    values: &[Term],
    out: &mut Vec<Violation>,
) {
    // sh:closed reports each property outside the shape with its own path and value.
    for c in &shape.constraints {
        let Constraint::Closed(ignored) = c else {
            continue;
        };
        let allowed: HashSet<&NamedNode> = shape
            .properties
            .iter()
            .filter_map(|p| shapes.shapes.get(p))
            .filter_map(|p| match &p.path {
                Some(Path::Predicate(n)) => Some(n),
                _ => None,
            })
            .chain(ignored)
            .collect();
        for v in values {
            for (p, o) in data.graph.properties(v) {
                if !allowed.contains(p) {
                    out.push(Violation {
                        focus: focus.to_string(),
                        path: Some(p.to_string()),
                        value: Some(o.to_string()),
                        message: shape.message.clone().unwrap_or_else(|| {
                            format!("{} is not a property this closed shape allows", p)
                        }),
                        shape: shape.id.to_string(),
                        constraint: c.name().to_owned(),
                        component: format!("{SH}{}", c.component()),
                        severity: shape.severity.as_str().to_owned(),
                    });
                }
            }
        }
    }
    let mut report =
        |constraint: &Constraint, component: &str, value: Option<&Term>, default: String| {
            let component = format!("{SH}{component}");
            out.push(Violation {
                component,
                focus: focus.to_string(),
                path: path.map(Path::text),
                value: value.map(ToString::to_string),
                message: shape.message.clone().unwrap_or(default),
                shape: shape.id.to_string(),
                constraint: constraint.name().to_owned(),
                severity: shape.severity.as_str().to_owned(),
            });
        };
    for c in &shape.constraints {
        match c {
            Constraint::MinCount(n) if values.len() < *n => report(
                c,
                c.component(),
                None,
                format!("at least {n} value(s) expected, {} found", values.len()),
            ),
            Constraint::MaxCount(n) if values.len() > *n => report(
                c,
                c.component(),
                None,
                format!("at most {n} value(s) expected, {} found", values.len()),
            ),
            Constraint::HasValue(t) if !values.contains(t) => report(
                c,
                c.component(),
                None,
                format!("the value {} is missing", shortened(&t.to_string())),
            ),
            Constraint::UniqueLang => {
                let mut counts: std::collections::BTreeMap<String, usize> =
                    std::collections::BTreeMap::new();
                for v in values {
                    if let Term::Literal(l) = v {
                        if let Some(lang) = l.language() {
                            *counts.entry(lang.to_ascii_lowercase()).or_default() += 1;
                        }
                    }
                }
                for (lang, n) in counts {
                    if n > 1 {
                        report(
                            c,
                            c.component(),
                            None,
                            format!("{n} values have the language tag {lang}"),
                        );
                    }
                }
            }
            Constraint::Equals(other) => {
                let theirs = data.objects(focus, other);
                for v in values.iter().filter(|v| !theirs.contains(v)) {
                    report(
                        c,
                        c.component(),
                        Some(v),
                        format!("{} is not a value of {other}", shortened(&v.to_string())),
                    );
                }
                for v in theirs.iter().filter(|v| !values.contains(v)) {
                    report(
                        c,
                        c.component(),
                        Some(v),
                        format!(
                            "{} of {other} is not a value here",
                            shortened(&v.to_string())
                        ),
                    );
                }
            }
            Constraint::Closed(_) => {}
            // A result per pair of a value and a value of the other property that are
            // not in order, as SHACL has it.
            Constraint::LessThan(other) | Constraint::LessThanOrEquals(other) => {
                let strict = matches!(c, Constraint::LessThan(_));
                let theirs = data.objects(focus, other);
                for v in values {
                    for o in &theirs {
                        let ordered = compare(v, o).is_some_and(|ord| {
                            if strict {
                                ord.is_lt()
                            } else {
                                ord.is_le()
                            }
                        });
                        if !ordered {
                            report(
                                c,
                                c.component(),
                                Some(v),
                                format!(
                                    "{} does not satisfy {}",
                                    shortened(&v.to_string()),
                                    c.name()
                                ),
                            );
                        }
                    }
                }
            }
            Constraint::Qualified {
                shape: q,
                min,
                max,
                disjoint,
            } => {
                let siblings: &[Term] = if *disjoint {
                    shapes.siblings.get(&shape.id).map_or(&[], Vec::as_slice)
                } else {
                    &[]
                };
                let n = values
                    .iter()
                    .filter(|v| {
                        conforms(shapes, data, q, v)
                            && !siblings.iter().any(|s| conforms(shapes, data, s, v))
                    })
                    .count();
                if min.is_some_and(|m| n < m) {
                    report(
                        c,
                        c.component(),
                        None,
                        format!("{n} value(s) conform to {q}"),
                    );
                }
                if max.is_some_and(|m| n > m) {
                    report(
                        c,
                        "QualifiedMaxCountConstraintComponent",
                        None,
                        format!("{n} value(s) conform to {q}"),
                    );
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
                        Constraint::MaxInclusive(max) => {
                            compare(v, &Term::from(max.clone())).is_some_and(|o| o.is_le())
                        }
                        Constraint::MinExclusive(min) => {
                            compare(v, &Term::from(min.clone())).is_some_and(|o| o.is_gt())
                        }
                        Constraint::MaxExclusive(max) => {
                            compare(v, &Term::from(max.clone())).is_some_and(|o| o.is_lt())
                        }
                        Constraint::MaxLength(n) => match v {
                            Term::Literal(l) => l.value().chars().count() <= *n,
                            Term::NamedNode(iri) => iri.as_str().chars().count() <= *n,
                            Term::BlankNode(_) => false,
                        },
                        Constraint::Disjoint(other) => !data.objects(focus, other).contains(v),
                        Constraint::And(options) => {
                            options.iter().all(|s| conforms(shapes, data, s, v))
                        }
                        Constraint::Not(s) => !conforms(shapes, data, s, v),
                        Constraint::Xone(options) => {
                            options
                                .iter()
                                .filter(|s| conforms(shapes, data, s, v))
                                .count()
                                == 1
                        }
                        Constraint::MinLength(n) => match v {
                            Term::Literal(l) => l.value().chars().count() >= *n,
                            Term::NamedNode(iri) => iri.as_str().chars().count() >= *n,
                            Term::BlankNode(_) => false,
                        },
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
                        report(c, c.component(), Some(v), why);
                    }
                }
            }
        }
    }
}

/// The XSD types derived from xsd:integer, with their bounds (None: unbounded).
const INTEGER_TYPES: &[(&str, Option<i128>, Option<i128>)] = &[
    ("integer", None, None),
    ("nonNegativeInteger", Some(0), None),
    ("positiveInteger", Some(1), None),
    ("nonPositiveInteger", None, Some(0)),
    ("negativeInteger", None, Some(-1)),
    ("long", Some(i64::MIN as i128), Some(i64::MAX as i128)),
    ("int", Some(i32::MIN as i128), Some(i32::MAX as i128)),
    ("short", Some(i16::MIN as i128), Some(i16::MAX as i128)),
    ("byte", Some(i8::MIN as i128), Some(i8::MAX as i128)),
    ("unsignedLong", Some(0), Some(u64::MAX as i128)),
    ("unsignedInt", Some(0), Some(u32::MAX as i128)),
    ("unsignedShort", Some(0), Some(u16::MAX as i128)),
    ("unsignedByte", Some(0), Some(u8::MAX as i128)),
];

const XSD: &str = "http://www.w3.org/2001/XMLSchema#";

/// Is a literal's lexical form valid for its datatype? (SHACL's sh:datatype asks both.)
/// Datatypes outside XSD's built-in ones are taken as they are.
fn well_formed(l: &Literal) -> bool {
    use oxsdatatypes as x;
    let v = l.value();
    let d = l.datatype();
    let Some(local) = d.as_str().strip_prefix(XSD) else {
        return true;
    };
    if let Some((_, min, max)) = INTEGER_TYPES.iter().find(|(name, ..)| *name == local) {
        let digits = v.strip_prefix(['+', '-']).unwrap_or(v);
        if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
            return false;
        }
        let negative = v.starts_with('-') && digits.chars().any(|c| c != '0');
        return match v.parse::<i128>() {
            Ok(n) => min.is_none_or(|m| n >= m) && max.is_none_or(|m| n <= m),
            // Beyond i128: only the unbounded sides hold such a number.
            Err(_) => {
                if negative {
                    min.is_none()
                } else {
                    max.is_none()
                }
            }
        };
    }
    match local {
        "boolean" => matches!(v, "true" | "false" | "1" | "0"),
        "decimal" => {
            let body = v.strip_prefix(['+', '-']).unwrap_or(v);
            let (a, b) = body.split_once('.').unwrap_or((body, ""));
            !(a.is_empty() && b.is_empty())
                && a.chars().chain(b.chars()).all(|c| c.is_ascii_digit())
        }
        "gYear" | "gYearMonth" | "date" => {
            nea_kg_core::check::date_literal(v).is_some_and(|x| x.datatype() == d)
        }
        "double" => v.parse::<x::Double>().is_ok(),
        "float" => v.parse::<x::Float>().is_ok(),
        "dateTime" => v.parse::<x::DateTime>().is_ok(),
        "dateTimeStamp" => v
            .parse::<x::DateTime>()
            .is_ok_and(|t| t.timezone().is_some()),
        "time" => v.parse::<x::Time>().is_ok(),
        "gMonth" => v.parse::<x::GMonth>().is_ok(),
        "gDay" => v.parse::<x::GDay>().is_ok(),
        "gMonthDay" => v.parse::<x::GMonthDay>().is_ok(),
        "duration" => v.parse::<x::Duration>().is_ok(),
        "dayTimeDuration" => v.parse::<x::DayTimeDuration>().is_ok(),
        "yearMonthDuration" => v.parse::<x::YearMonthDuration>().is_ok(),
        _ => true,
    }
}

/// Compares two literals as SPARQL does for the types it orders: numbers (any XSD
/// numeric type with any other), date-times, dates, and strings; None where they do
/// not compare (a violation of the range constraint asking).
fn compare(a: &Term, b: &Term) -> Option<std::cmp::Ordering> {
    use oxsdatatypes as x;
    let (Term::Literal(a), Term::Literal(b)) = (a, b) else {
        return None;
    };
    if !well_formed(a) || !well_formed(b) {
        return None;
    }
    let numeric = |l: &Literal| {
        let local = l.datatype().as_str().strip_prefix(XSD)?;
        let is_number = INTEGER_TYPES.iter().any(|(name, ..)| *name == local)
            || matches!(local, "decimal" | "double" | "float");
        is_number.then(|| l.value().parse::<f64>().ok()).flatten()
    };
    if let (Some(x), Some(y)) = (numeric(a), numeric(b)) {
        return x.partial_cmp(&y);
    }
    if a.datatype() != b.datatype() {
        return None;
    }
    match a.datatype().as_str().strip_prefix(XSD)? {
        "dateTime" | "dateTimeStamp" => a
            .value()
            .parse::<x::DateTime>()
            .ok()?
            .partial_cmp(&b.value().parse::<x::DateTime>().ok()?),
        "date" => a
            .value()
            .parse::<x::Date>()
            .ok()?
            .partial_cmp(&b.value().parse::<x::Date>().ok()?),
        "time" => a
            .value()
            .parse::<x::Time>()
            .ok()?
            .partial_cmp(&b.value().parse::<x::Time>().ok()?),
        "gYear" => a
            .value()
            .parse::<x::GYear>()
            .ok()?
            .partial_cmp(&b.value().parse::<x::GYear>().ok()?),
        "string" => Some(a.value().cmp(b.value())),
        _ => None,
    }
}

/// The IRI of the shape that stands for nea-kg's grounding checks (a quote is the
/// article's text at its offsets), which SHACL cannot express, in an RDF report.
pub const GROUNDING_SHAPE: &str = "https://w3id.org/nea-kg/shapes#GroundingCheck";
/// The constraint component of the grounding checks, in an RDF report.
pub const GROUNDING_COMPONENT: &str = "https://w3id.org/nea-kg/shapes#GroundingConstraintComponent";

/// A 128-bit FNV-1a hash of the parts, as hex: the stable name of a report or a result,
/// derived from its content alone.
fn content_hash<'a>(parts: impl IntoIterator<Item = &'a str>) -> String {
    const OFFSET: u128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d;
    const PRIME: u128 = 0x0000_0000_0100_0000_0000_0000_0000_013b;
    let mut h = OFFSET;
    for part in parts {
        for b in part.bytes().chain([0u8]) {
            h ^= u128::from(b);
            h = h.wrapping_mul(PRIME);
        }
    }
    format!("{h:032x}")
}

/// The violations as a standard SHACL validation report (`sh:ValidationReport`), in the
/// default graph. The report and each result are IRIs, not blank nodes:
/// `urn:nea-kg:report:HASH` and `urn:nea-kg:result:HASH`, the hash of their content, so
/// the same violations give the same report, byte for byte.
pub fn report_quads(violations: &[Violation]) -> Result<Vec<Quad>> {
    let term = |text: &str, what: &str| -> Result<Term> {
        Term::from_str(text).map_err(|e| anyhow!("the {what} {text} is not an RDF term: {e}"))
    };
    let iri =
        |text: &str| NamedNode::new_unchecked(text.trim_start_matches('<').trim_end_matches('>'));
    let mut quads = Vec::new();
    let mut ids = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for v in violations {
        let shape = if v.shape == "grounding" {
            GROUNDING_SHAPE.to_owned()
        } else {
            v.shape.clone()
        };
        let component = if v.shape == "grounding" {
            GROUNDING_COMPONENT.to_owned()
        } else {
            v.component.clone()
        };
        let content = content_hash([
            v.focus.as_str(),
            v.path.as_deref().unwrap_or(""),
            v.value.as_deref().unwrap_or(""),
            shape.as_str(),
            component.as_str(),
            v.message.as_str(),
            v.severity.as_str(),
        ]);
        // A result that repeats (SHACL keeps each) gets its own IRI: its ordinal among
        // the same results.
        let repeat = seen.entry(content.clone()).or_insert(0usize);
        *repeat += 1;
        let id = if *repeat == 1 {
            content
        } else {
            content_hash([content.as_str(), repeat.to_string().as_str()])
        };
        let result = NamedNode::new_unchecked(format!("urn:nea-kg:result:{id}"));
        let mut add = |p: &str, o: Term| {
            let predicate = match p {
                "type" => rdf::TYPE.into_owned(),
                local => sh(local),
            };
            quads.push(Quad::new(
                result.clone(),
                predicate,
                o,
                oxigraph::model::GraphName::DefaultGraph,
            ))
        };
        add("focusNode", term(&v.focus, "focus node")?);
        // A predicate path; a complex one (written in SPARQL's syntax in the text and
        // JSON reports) would need blank nodes, which the report never has.
        if let Some(path) = v
            .path
            .as_deref()
            .and_then(|p| p.strip_prefix('<')?.strip_suffix('>'))
            .filter(|p| !p.contains(['<', '>']))
        {
            add("resultPath", NamedNode::new_unchecked(path).into());
        }
        if let Some(value) = &v.value {
            let value = if v.shape == "grounding" {
                // The grounding check quotes the oa:exact string as JSON does.
                let text: String = serde_json::from_str(value).unwrap_or_else(|_| value.clone());
                Literal::new_simple_literal(text).into()
            } else {
                term(value, "value")?
            };
            add("value", value);
        }
        if shape.starts_with("_:") {
            add("sourceShape", term(&shape, "shape")?);
        } else {
            add("sourceShape", iri(&shape).into());
        }
        add("sourceConstraintComponent", iri(&component).into());
        add("resultSeverity", iri(&v.severity).into());
        add(
            "resultMessage",
            Literal::new_simple_literal(&v.message).into(),
        );
        add("type", sh("ValidationResult").into());
        ids.push(id);
    }
    ids.sort();
    let report = NamedNode::new_unchecked(format!(
        "urn:nea-kg:report:{}",
        content_hash(ids.iter().map(String::as_str))
    ));
    let add_report = |p: NamedNode, o: Term| {
        Quad::new(
            report.clone(),
            p,
            o,
            oxigraph::model::GraphName::DefaultGraph,
        )
    };
    quads.push(add_report(
        rdf::TYPE.into_owned(),
        sh("ValidationReport").into(),
    ));
    quads.push(add_report(
        sh("conforms"),
        Literal::from(violations.is_empty()).into(),
    ));
    for id in &ids {
        quads.push(add_report(
            sh("result"),
            NamedNode::new_unchecked(format!("urn:nea-kg:result:{id}")).into(),
        ));
    }
    Ok(quads)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(value: &str, local: &str) -> Literal {
        Literal::new_typed_literal(value, NamedNode::new_unchecked(format!("{XSD}{local}")))
    }

    #[test]
    fn integer_types_keep_their_bounds() {
        assert!(well_formed(&typed("0", "nonNegativeInteger")));
        assert!(!well_formed(&typed("-1", "nonNegativeInteger")));
        assert!(!well_formed(&typed("0", "positiveInteger")));
        assert!(well_formed(&typed("127", "byte")));
        assert!(!well_formed(&typed("300", "byte")));
        assert!(!well_formed(&typed("c", "byte")));
        assert!(!well_formed(&typed("1004.0", "integer")));
        assert!(well_formed(&typed(
            "123456789012345678901234567890123456789012",
            "integer"
        )));
        assert!(!well_formed(&typed(
            "123456789012345678901234567890123456789012",
            "long"
        )));
        assert!(well_formed(&typed("2002-10-10T12:00:00-05:00", "dateTime")));
        assert!(!well_formed(&typed("no", "boolean")));
    }

    #[test]
    fn values_compare_as_sparql_orders_them() {
        let t = |v: &str, d: &str| Term::from(typed(v, d));
        use std::cmp::Ordering::*;
        assert_eq!(
            compare(&t("2", "integer"), &t("2.5", "decimal")),
            Some(Less)
        );
        assert_eq!(
            compare(
                &t("2002-10-10T12:00:00-05:00", "dateTime"),
                &t("2002-10-10T17:00:00Z", "dateTime")
            ),
            Some(Equal)
        );
        assert_eq!(compare(&t("2", "integer"), &t("2002", "gYear")), None);
        assert_eq!(compare(&t("x", "integer"), &t("1", "integer")), None);
    }

    #[test]
    fn paths_walk_both_ways() {
        let shapes = Shapes::parse(
            "shapes.ttl",
            "@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .
             ex:S a sh:NodeShape ; sh:targetNode ex:c ;
               sh:property [ sh:path ( [ sh:inversePath ex:p ] [ sh:zeroOrMorePath ex:q ] ) ; sh:minCount 3 ] .",
        )
        .unwrap();
        let mut graph = DataGraph::new();
        let n = |l: &str| NamedNode::new_unchecked(format!("http://example.org/{l}"));
        graph.insert(Triple::new(n("a"), n("p"), n("c")));
        graph.insert(Triple::new(n("a"), n("q"), n("b")));
        graph.insert(Triple::new(n("b"), n("q"), n("a")));
        // ^ex:p reaches a; ex:q* then a and b: two values, fewer than three.
        let found = validate(&shapes, &graph);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(
            found[0].path.as_deref(),
            Some("(^<http://example.org/p>/<http://example.org/q>*)")
        );
    }

    #[test]
    fn the_report_names_results_by_their_content() {
        let v = Violation {
            focus: "<http://example.org/a>".into(),
            path: Some("<http://example.org/p>".into()),
            value: None,
            message: "m".into(),
            shape: "<http://example.org/S>".into(),
            constraint: "sh:minCount".into(),
            component: format!("{SH}MinCountConstraintComponent"),
            severity: format!("{SH}Violation"),
        };
        let once = report_quads(std::slice::from_ref(&v)).unwrap();
        assert_eq!(once, report_quads(std::slice::from_ref(&v)).unwrap());
        assert!(once
            .iter()
            .all(|q| matches!(q.subject, NamedOrBlankNode::NamedNode(_))));
        // A repeated result is a second result, with its own IRI.
        let twice = report_quads(&[v.clone(), v]).unwrap();
        let results = twice.iter().filter(|q| q.predicate == sh("result")).count();
        assert_eq!(results, 2);
    }
}
