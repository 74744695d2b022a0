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

/// A shapes file's error, with the file's name and what to do.
fn bad(name: &str, what: String) -> anyhow::Error {
    anyhow!("{name}: {}\n  fix the shapes file", cut_quoted_parts(&what))
}

/// A subject's properties, in the order the file gives them.
type Properties = Vec<(NamedNode, Term)>;

/// The first value of a shape's sh: property.
fn get<'p>(props: &'p [(NamedNode, Term)], local: &str) -> Option<&'p Term> {
    props.iter().find(|(p, _)| *p == sh(local)).map(|(_, o)| o)
}

/// Is a parameter's value the literal true?
fn is_true(o: &Term) -> bool {
    matches!(o, Term::Literal(l) if l.value() == "true")
}

/// The shapes graph as read: each subject's properties, and the subjects in file order.
struct ShapesGraph<'n> {
    name: &'n str,
    by_subject: HashMap<Term, Properties>,
    order: Vec<Term>,
}

impl<'n> ShapesGraph<'n> {
    /// Reads the Turtle file's triples, grouped by subject.
    fn read(name: &'n str, text: &str) -> Result<Self> {
        let mut by_subject: HashMap<Term, Properties> = HashMap::new();
        let mut order = Vec::new();
        for quad in RdfParser::from_format(RdfFormat::Turtle).for_slice(text.as_bytes()) {
            let t = Triple::from(quad.map_err(|e| bad(name, e.to_string()))?);
            let s = subject_term(&t.subject);
            if !by_subject.contains_key(&s) {
                order.push(s.clone());
            }
            by_subject
                .entry(s)
                .or_default()
                .push((t.predicate, t.object));
        }
        Ok(Self {
            name,
            by_subject,
            order,
        })
    }

    /// A shapes file's error.
    fn bad(&self, what: String) -> anyhow::Error {
        bad(self.name, what)
    }

    /// The members of the RDF list that starts at `head`.
    fn list(&self, head: &Term) -> Result<Vec<Term>> {
        let mut items = Vec::new();
        let mut node = head.clone();
        let mut seen = HashSet::new();
        while node != Term::from(rdf::NIL.into_owned()) {
            if !seen.insert(node.clone()) {
                return Err(self.bad(format!("the RDF list at {head} loops back to {node}")));
            }
            let props = self
                .by_subject
                .get(&node)
                .ok_or_else(|| self.bad(format!("broken RDF list at {node}")))?;
            let first = props
                .iter()
                .find(|(p, _)| *p == rdf::FIRST)
                .map(|(_, o)| o.clone());
            let rest = props
                .iter()
                .find(|(p, _)| *p == rdf::REST)
                .map(|(_, o)| o.clone());
            items.push(
                first.ok_or_else(|| self.bad(format!("RDF list without rdf:first at {node}")))?,
            );
            node = rest.ok_or_else(|| self.bad(format!("RDF list without rdf:rest at {node}")))?;
        }
        Ok(items)
    }

    /// A parameter's value as a count.
    fn count(&self, o: &Term, what: &str) -> Result<usize> {
        match o {
            Term::Literal(l) => l
                .value()
                .parse()
                .map_err(|_| self.bad(format!("{what} must be a number"))),
            _ => Err(self.bad(format!("{what} must be a number"))),
        }
    }

    /// A parameter's value as an IRI.
    fn iri(&self, o: &Term, what: &str) -> Result<NamedNode> {
        match o {
            Term::NamedNode(n) => Ok(n.clone()),
            _ => Err(self.bad(format!("{what} must be an IRI"))),
        }
    }

    /// The shapes, as SHACL defines them: instances of sh:NodeShape or sh:PropertyShape,
    /// subjects of a target, or values of a shape-expecting parameter (sh:property,
    /// sh:node, sh:qualifiedValueShape, sh:not, a member of sh:or, sh:and, sh:xone),
    /// typed or not: none is left out unchecked.
    fn shape_nodes(&self) -> Result<HashSet<Term>> {
        let mut shape_nodes: HashSet<Term> = HashSet::new();
        for (subject, props) in &self.by_subject {
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
                    "or" | "and" | "xone" => shape_nodes.extend(self.list(o)?),
                    _ => {}
                }
            }
        }
        Ok(shape_nodes)
    }

    /// Reads one shape: its targets, path, constraint components and settings.
    fn read_shape(&self, s: &Term, props: &[(NamedNode, Term)]) -> Result<Shape> {
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
        for (p, o) in props {
            let Some(local) = p.as_str().strip_prefix(SH) else {
                if let Some(target) = implicit_target(s, p, o) {
                    shape.targets.push(target);
                }
                continue;
            };
            match local {
                "targetClass" | "targetSubjectsOf" | "targetObjectsOf" | "targetNode" => {
                    shape.targets.push(self.read_target(local, o)?)
                }
                "path" => {
                    shape.path = Some(parse_path(&self.by_subject, o, 0).map_err(|e| self.bad(e))?)
                }
                "severity" => shape.severity = self.iri(o, "sh:severity")?,
                "deactivated" => shape.deactivated = is_true(o),
                "property" => shape.properties.push(o.clone()),
                "message" => {
                    if let Term::Literal(l) = o {
                        shape.message = Some(l.value().to_owned());
                    }
                }
                // Not constraints: they describe shapes for people and forms.
                "name" | "description" | "order" | "group" | "defaultValue" => {}
                // Parameters read with the component they belong to.
                "ignoredProperties" | "flags" => {}
                "qualifiedMinCount" | "qualifiedMaxCount" | "qualifiedValueShapesDisjoint" => {}
                _ => {
                    if let Some(c) = self.read_component(s, props, local, o)? {
                        shape.constraints.push(c);
                    }
                }
            }
        }
        Ok(shape)
    }

    /// Reads an explicit target (sh:targetClass, sh:targetSubjectsOf, sh:targetObjectsOf,
    /// sh:targetNode).
    fn read_target(&self, local: &str, o: &Term) -> Result<Target> {
        Ok(match local {
            "targetClass" => Target::Class(self.iri(o, "sh:targetClass")?),
            "targetSubjectsOf" => Target::SubjectsOf(self.iri(o, "sh:targetSubjectsOf")?),
            "targetObjectsOf" => Target::ObjectsOf(self.iri(o, "sh:targetObjectsOf")?),
            _ => Target::Node(o.clone()),
        })
    }

    /// Reads a constraint component's parameter (None: a flag set to false); refuses
    /// an sh: term that is not supported.
    fn read_component(
        &self,
        s: &Term,
        props: &[(NamedNode, Term)],
        local: &str,
        o: &Term,
    ) -> Result<Option<Constraint>> {
        Ok(Some(match local {
            "maxLength" => Constraint::MaxLength(self.count(o, "sh:maxLength")?),
            "maxInclusive" | "minExclusive" | "maxExclusive" => {
                let Term::Literal(l) = o else {
                    return Err(self.bad(format!("sh:{local} must be a literal")));
                };
                match local {
                    "maxInclusive" => Constraint::MaxInclusive(l.clone()),
                    "minExclusive" => Constraint::MinExclusive(l.clone()),
                    _ => Constraint::MaxExclusive(l.clone()),
                }
            }
            "hasValue" => Constraint::HasValue(o.clone()),
            "uniqueLang" => return Ok(is_true(o).then_some(Constraint::UniqueLang)),
            "equals" => Constraint::Equals(self.iri(o, "sh:equals")?),
            "disjoint" => Constraint::Disjoint(self.iri(o, "sh:disjoint")?),
            "lessThanOrEquals" => Constraint::LessThanOrEquals(self.iri(o, "sh:lessThanOrEquals")?),
            "and" => Constraint::And(self.list(o)?),
            "xone" => Constraint::Xone(self.list(o)?),
            "not" => Constraint::Not(o.clone()),
            "closed" => return self.read_closed(props, o),
            "minCount" => Constraint::MinCount(self.count(o, "sh:minCount")?),
            "maxCount" => Constraint::MaxCount(self.count(o, "sh:maxCount")?),
            "minLength" => Constraint::MinLength(self.count(o, "sh:minLength")?),
            "datatype" => Constraint::Datatype(self.iri(o, "sh:datatype")?),
            "class" => Constraint::Class(self.iri(o, "sh:class")?),
            "nodeKind" => Constraint::NodeKind(self.iri(o, "sh:nodeKind")?),
            "lessThan" => Constraint::LessThan(self.iri(o, "sh:lessThan")?),
            "node" => Constraint::Node(o.clone()),
            "pattern" => self.read_pattern(s, props, o)?,
            "minInclusive" => match o {
                Term::Literal(l) => Constraint::MinInclusive(l.clone()),
                _ => return Err(self.bad("sh:minInclusive must be a literal".into())),
            },
            "in" => Constraint::In(self.list(o)?),
            "or" => Constraint::Or(self.list(o)?),
            "languageIn" => Constraint::LanguageIn(
                self.list(o)?
                    .iter()
                    .map(|t| match t {
                        Term::Literal(l) => l.value().to_ascii_lowercase(),
                        other => other.to_string(),
                    })
                    .collect(),
            ),
            "qualifiedValueShape" => self.read_qualified(props, o)?,
            other => return Err(self.unsupported(s, other)),
        }))
    }

    /// Refuses an sh: term outside SHACL Core, so nothing is silently left unchecked.
    fn unsupported(&self, s: &Term, other: &str) -> anyhow::Error {
        self.bad(format!("{s}: the SHACL term sh:{other} is not supported"))
    }

    /// Reads sh:closed, with its sh:ignoredProperties (None: not closed).
    fn read_closed(&self, props: &[(NamedNode, Term)], o: &Term) -> Result<Option<Constraint>> {
        if !is_true(o) {
            return Ok(None);
        }
        let mut ignored = Vec::new();
        if let Some(head) = get(props, "ignoredProperties") {
            for t in self.list(head)? {
                ignored.push(self.iri(&t, "sh:ignoredProperties")?);
            }
        }
        Ok(Some(Constraint::Closed(ignored)))
    }

    /// Reads sh:pattern, with its sh:flags, into a regular expression.
    fn read_pattern(&self, s: &Term, props: &[(NamedNode, Term)], o: &Term) -> Result<Constraint> {
        let Term::Literal(l) = o else {
            return Err(self.bad("sh:pattern must be a string".into()));
        };
        let flags = match get(props, "flags") {
            Some(Term::Literal(f)) => f.value().to_owned(),
            _ => String::new(),
        };
        if let Some(c) = flags.chars().find(|c| !"imsx".contains(*c)) {
            return Err(self.bad(format!(
                "{s}: the sh:flags letter {c} is not supported (i, m, s and x are)"
            )));
        }
        let source = if flags.is_empty() {
            l.value().to_owned()
        } else {
            format!("(?{flags}){}", l.value())
        };
        let re = regex::Regex::new(&source).map_err(|e| self.bad(format!("sh:pattern: {e}")))?;
        Ok(Constraint::Pattern(l.value().to_owned(), re))
    }

    /// Reads sh:qualifiedValueShape, with its counts and sh:qualifiedValueShapesDisjoint.
    fn read_qualified(&self, props: &[(NamedNode, Term)], o: &Term) -> Result<Constraint> {
        Ok(Constraint::Qualified {
            shape: o.clone(),
            min: get(props, "qualifiedMinCount")
                .map(|c| self.count(c, "sh:qualifiedMinCount"))
                .transpose()?,
            max: get(props, "qualifiedMaxCount")
                .map(|c| self.count(c, "sh:qualifiedMaxCount"))
                .transpose()?,
            disjoint: matches!(
                get(props, "qualifiedValueShapesDisjoint"),
                Some(Term::Literal(l)) if l.value() == "true"
            ),
        })
    }
}

/// A shape that is also a class targets its instances (an implicit class target);
/// other properties outside SHACL say nothing to it.
fn implicit_target(s: &Term, p: &NamedNode, o: &Term) -> Option<Target> {
    let class = [
        Term::from(rdfs::CLASS.into_owned()),
        Term::from(NamedNode::new_unchecked(
            "http://www.w3.org/2002/07/owl#Class",
        )),
    ];
    match s {
        Term::NamedNode(n) if *p == rdf::TYPE && class.contains(o) => {
            Some(Target::Class(n.clone()))
        }
        _ => None,
    }
}

/// For sh:qualifiedValueShapesDisjoint: each property shape's sibling shapes, the
/// qualified value shapes of the other property shapes of the shapes it is a property of.
fn siblings(shapes: &HashMap<Term, Shape>, shape_order: &[Term]) -> HashMap<Term, Vec<Term>> {
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
    siblings
}

impl Shapes {
    /// Parses a shapes file (Turtle), refusing what SHACL Core does not define.
    pub fn parse(name: &str, text: &str) -> Result<Self> {
        let graph = ShapesGraph::read(name, text)?;
        let shape_nodes = graph.shape_nodes()?;
        let mut shapes = HashMap::new();
        let mut shape_order = Vec::new();
        for s in &graph.order {
            let props = &graph.by_subject[s];
            if !shape_nodes.contains(s) {
                continue;
            }
            let shape = graph.read_shape(s, props)?;
            shape_order.push(s.clone());
            shapes.insert(s.clone(), shape);
        }
        check_references(&shapes, &shape_order).map_err(|e| graph.bad(e))?;
        let siblings = siblings(&shapes, &shape_order);
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

/// Checks a shape's own constraints on a focus node's values, in the shape's order
/// (sh:closed first).
fn check_constraints(
    shapes: &Shapes,
    data: &Data<'_>,
    shape: &Shape,
    focus: &Term,
    path: Option<&Path>,
    values: &[Term],
    out: &mut Vec<Violation>,
) {
    let mut check = Check {
        shapes,
        data,
        shape,
        focus,
        path,
        values,
        out,
    };
    check.closed();
    for c in &shape.constraints {
        match c {
            Constraint::Class(_) | Constraint::Datatype(_) | Constraint::NodeKind(_) => {
                check.value_type(c)
            }
            Constraint::MinCount(_) | Constraint::MaxCount(_) => check.cardinality(c),
            Constraint::MinExclusive(_)
            | Constraint::MinInclusive(_)
            | Constraint::MaxExclusive(_)
            | Constraint::MaxInclusive(_) => check.value_range(c),
            Constraint::MinLength(_)
            | Constraint::MaxLength(_)
            | Constraint::Pattern(..)
            | Constraint::LanguageIn(_)
            | Constraint::UniqueLang => check.string_based(c),
            Constraint::Equals(_)
            | Constraint::Disjoint(_)
            | Constraint::LessThan(_)
            | Constraint::LessThanOrEquals(_) => check.property_pair(c),
            Constraint::Not(_) | Constraint::And(_) | Constraint::Or(_) | Constraint::Xone(_) => {
                check.logical(c)
            }
            Constraint::Node(_) | Constraint::Qualified { .. } => check.shape_based(c),
            Constraint::Closed(_) | Constraint::HasValue(_) | Constraint::In(_) => check.other(c),
        }
    }
}

/// One check of a shape's constraints on a focus node: what it reads, where results go.
struct Check<'a, 'd> {
    shapes: &'a Shapes,
    data: &'a Data<'d>,
    shape: &'a Shape,
    focus: &'a Term,
    path: Option<&'a Path>,
    values: &'a [Term],
    out: &'a mut Vec<Violation>,
}

impl Check<'_, '_> {
    /// Adds a result for a constraint, with the shape's sh:message if it has one.
    fn report(
        &mut self,
        constraint: &Constraint,
        component: &str,
        value: Option<&Term>,
        default: String,
    ) {
        let component = format!("{SH}{component}");
        self.out.push(Violation {
            component,
            focus: self.focus.to_string(),
            path: self.path.map(Path::text),
            value: value.map(ToString::to_string),
            message: self.shape.message.clone().unwrap_or(default),
            shape: self.shape.id.to_string(),
            constraint: constraint.name().to_owned(),
            severity: self.shape.severity.as_str().to_owned(),
        });
    }

    /// Adds a result for each value that fails a constraint checked value by value.
    fn each_value(&mut self, c: &Constraint, ok: impl Fn(&Term) -> bool) {
        let values = self.values;
        for v in values {
            if !ok(v) {
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
                self.report(c, c.component(), Some(v), why);
            }
        }
    }

    /// sh:closed: reports each property outside the shape with its own path and value.
    fn closed(&mut self) {
        let shape = self.shape;
        for c in &shape.constraints {
            let Constraint::Closed(ignored) = c else {
                continue;
            };
            let allowed: HashSet<&NamedNode> = shape
                .properties
                .iter()
                .filter_map(|p| self.shapes.shapes.get(p))
                .filter_map(|p| match &p.path {
                    Some(Path::Predicate(n)) => Some(n),
                    _ => None,
                })
                .chain(ignored)
                .collect();
            for v in self.values {
                for (p, o) in self.data.graph.properties(v) {
                    if !allowed.contains(p) {
                        self.out.push(Violation {
                            focus: self.focus.to_string(),
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
    }

    /// Value type: sh:class, sh:datatype, sh:nodeKind.
    fn value_type(&mut self, c: &Constraint) {
        let data = self.data;
        match c {
            Constraint::Datatype(d) => self.each_value(
                c,
                |v| matches!(v, Term::Literal(l) if l.datatype() == d.as_ref() && well_formed(l)),
            ),
            Constraint::Class(class) => self.each_value(c, |v| data.is_instance(v, class)),
            Constraint::NodeKind(kind) => {
                self.each_value(c, |v| match kind.as_str().strip_prefix(SH) {
                    Some("IRI") => matches!(v, Term::NamedNode(_)),
                    Some("Literal") => matches!(v, Term::Literal(_)),
                    Some("BlankNode") => matches!(v, Term::BlankNode(_)),
                    Some("BlankNodeOrIRI") => !matches!(v, Term::Literal(_)),
                    Some("IRIOrLiteral") => !matches!(v, Term::BlankNode(_)),
                    Some("BlankNodeOrLiteral") => !matches!(v, Term::NamedNode(_)),
                    _ => false,
                })
            }
            _ => {}
        }
    }

    /// Cardinality: sh:minCount, sh:maxCount.
    fn cardinality(&mut self, c: &Constraint) {
        let found = self.values.len();
        match c {
            Constraint::MinCount(n) if found < *n => self.report(
                c,
                c.component(),
                None,
                format!("at least {n} value(s) expected, {found} found"),
            ),
            Constraint::MaxCount(n) if found > *n => self.report(
                c,
                c.component(),
                None,
                format!("at most {n} value(s) expected, {found} found"),
            ),
            _ => {}
        }
    }

    /// Value range: sh:minExclusive, sh:minInclusive, sh:maxExclusive, sh:maxInclusive.
    fn value_range(&mut self, c: &Constraint) {
        let (bound, in_range): (&Literal, fn(std::cmp::Ordering) -> bool) = match c {
            Constraint::MinInclusive(min) => (min, std::cmp::Ordering::is_ge),
            Constraint::MaxInclusive(max) => (max, std::cmp::Ordering::is_le),
            Constraint::MinExclusive(min) => (min, std::cmp::Ordering::is_gt),
            Constraint::MaxExclusive(max) => (max, std::cmp::Ordering::is_lt),
            _ => return,
        };
        let bound = Term::from(bound.clone());
        self.each_value(c, |v| compare(v, &bound).is_some_and(in_range));
    }

    /// String-based: sh:minLength, sh:maxLength, sh:pattern, sh:languageIn, sh:uniqueLang.
    fn string_based(&mut self, c: &Constraint) {
        match c {
            Constraint::MinLength(n) => self.each_value(c, |v| match v {
                Term::Literal(l) => l.value().chars().count() >= *n,
                Term::NamedNode(iri) => iri.as_str().chars().count() >= *n,
                Term::BlankNode(_) => false,
            }),
            Constraint::MaxLength(n) => self.each_value(c, |v| match v {
                Term::Literal(l) => l.value().chars().count() <= *n,
                Term::NamedNode(iri) => iri.as_str().chars().count() <= *n,
                Term::BlankNode(_) => false,
            }),
            Constraint::Pattern(_, re) => self.each_value(c, |v| match v {
                Term::BlankNode(_) => false,
                Term::NamedNode(n) => re.is_match(n.as_str()),
                Term::Literal(l) => re.is_match(l.value()),
            }),
            Constraint::LanguageIn(tags) => self.each_value(c, |v| {
                matches!(v, Term::Literal(l) if l.language().is_some_and(|t| {
                    let t = t.to_ascii_lowercase();
                    tags.iter().any(|x| t == *x || t.starts_with(&format!("{x}-")))
                }))
            }),
            Constraint::UniqueLang => self.unique_lang(c),
            _ => {}
        }
    }

    /// sh:uniqueLang: a result per language tag that more than one value has.
    fn unique_lang(&mut self, c: &Constraint) {
        let mut counts: std::collections::BTreeMap<String, usize> =
            std::collections::BTreeMap::new();
        for v in self.values {
            if let Term::Literal(l) = v {
                if let Some(lang) = l.language() {
                    *counts.entry(lang.to_ascii_lowercase()).or_default() += 1;
                }
            }
        }
        for (lang, n) in counts {
            if n > 1 {
                self.report(
                    c,
                    c.component(),
                    None,
                    format!("{n} values have the language tag {lang}"),
                );
            }
        }
    }

    /// Property pair: sh:equals, sh:disjoint, sh:lessThan, sh:lessThanOrEquals.
    fn property_pair(&mut self, c: &Constraint) {
        let (data, focus) = (self.data, self.focus);
        match c {
            Constraint::Equals(other) => self.equals(c, other),
            Constraint::Disjoint(other) => {
                self.each_value(c, |v| !data.objects(focus, other).contains(v))
            }
            Constraint::LessThan(other) | Constraint::LessThanOrEquals(other) => {
                self.less_than(c, other)
            }
            _ => {}
        }
    }

    /// sh:equals: a result per value missing on either side.
    fn equals(&mut self, c: &Constraint, other: &NamedNode) {
        let values = self.values;
        let theirs = self.data.objects(self.focus, other);
        for v in values.iter().filter(|v| !theirs.contains(v)) {
            self.report(
                c,
                c.component(),
                Some(v),
                format!("{} is not a value of {other}", shortened(&v.to_string())),
            );
        }
        for v in theirs.iter().filter(|v| !values.contains(v)) {
            self.report(
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

    /// sh:lessThan, sh:lessThanOrEquals: a result per pair of a value and a value of the
    /// other property that are not in order, as SHACL has it.
    fn less_than(&mut self, c: &Constraint, other: &NamedNode) {
        let strict = matches!(c, Constraint::LessThan(_));
        let values = self.values;
        let theirs = self.data.objects(self.focus, other);
        for v in values {
            for o in &theirs {
                let ordered =
                    compare(v, o).is_some_and(|ord| if strict { ord.is_lt() } else { ord.is_le() });
                if !ordered {
                    self.report(
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

    /// Logical: sh:not, sh:and, sh:or, sh:xone.
    fn logical(&mut self, c: &Constraint) {
        let (shapes, data) = (self.shapes, self.data);
        let conforms = |s: &Term, v: &Term| conforms(shapes, data, s, v);
        match c {
            Constraint::Not(s) => self.each_value(c, |v| !conforms(s, v)),
            Constraint::And(options) => {
                self.each_value(c, |v| options.iter().all(|s| conforms(s, v)))
            }
            Constraint::Or(options) => {
                self.each_value(c, |v| options.iter().any(|s| conforms(s, v)))
            }
            Constraint::Xone(options) => self.each_value(c, |v| {
                options.iter().filter(|s| conforms(s, v)).count() == 1
            }),
            _ => {}
        }
    }

    /// Shape-based: sh:node, sh:qualifiedValueShape (sh:property is checked by
    /// `check_node`).
    fn shape_based(&mut self, c: &Constraint) {
        let (shapes, data) = (self.shapes, self.data);
        match c {
            Constraint::Node(s) => self.each_value(c, |v| conforms(shapes, data, s, v)),
            Constraint::Qualified {
                shape: q,
                min,
                max,
                disjoint,
            } => self.qualified(c, q, *min, *max, *disjoint),
            _ => {}
        }
    }

    /// sh:qualifiedValueShape: counts the values that conform (and to no sibling shape,
    /// if disjoint), against sh:qualifiedMinCount and sh:qualifiedMaxCount.
    fn qualified(
        &mut self,
        c: &Constraint,
        q: &Term,
        min: Option<usize>,
        max: Option<usize>,
        disjoint: bool,
    ) {
        let (shapes, data) = (self.shapes, self.data);
        let siblings: &[Term] = if disjoint {
            shapes
                .siblings
                .get(&self.shape.id)
                .map_or(&[], Vec::as_slice)
        } else {
            &[]
        };
        let n = self
            .values
            .iter()
            .filter(|v| {
                conforms(shapes, data, q, v)
                    && !siblings.iter().any(|s| conforms(shapes, data, s, v))
            })
            .count();
        if min.is_some_and(|m| n < m) {
            self.report(
                c,
                c.component(),
                None,
                format!("{n} value(s) conform to {q}"),
            );
        }
        if max.is_some_and(|m| n > m) {
            self.report(
                c,
                "QualifiedMaxCountConstraintComponent",
                None,
                format!("{n} value(s) conform to {q}"),
            );
        }
    }

    /// Other: sh:hasValue, sh:in (sh:closed is checked first, by `closed`).
    fn other(&mut self, c: &Constraint) {
        match c {
            Constraint::HasValue(t) if !self.values.contains(t) => self.report(
                c,
                c.component(),
                None,
                format!("the value {} is missing", shortened(&t.to_string())),
            ),
            Constraint::In(items) => self.each_value(c, |v| items.contains(v)),
            _ => {}
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
