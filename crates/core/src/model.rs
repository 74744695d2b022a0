//! The checked model: what a registry and a fact sheet say once every id is resolved to
//! an item of the right kind, every quote is grounded in the article, every date and
//! figure is parsed and every class and predicate is known. `check` builds it (and finds
//! every problem of a sheet at once); `emit` turns it into quads and cannot fail. The
//! model does not know the base IRI: the same checked article emits under any base.

use crate::ground::Span;
use oxrdf::Literal;
use std::collections::BTreeSet;

/// A reference from one item to another, resolved, of a kind the field allows.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Ref {
    Entity(String),
    Fact(String),
    Statistic(String),
    Claim(String),
    /// The article itself.
    Article,
}

/// An entity of the registry or of a sheet.
#[derive(Debug, Clone, PartialEq)]
pub struct Entity {
    pub id: String,
    /// The IRI of its class in the ontology.
    pub class: String,
    pub label: String,
    pub aliases: Vec<String>,
    /// Names in other languages: (BCP 47 tag, names with the preferred one first).
    pub translations: Vec<(&'static str, Vec<String>)>,
    pub description: Option<String>,
    /// A checked Wikidata item id (`Q148`).
    pub wikidata: Option<String>,
    /// Whether its names are matched in the text.
    pub mentions: bool,
}

/// The quote that supports an item, located in the article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evidence {
    pub span: Span,
    /// The article's text at the span.
    pub exact: String,
    /// Up to `ground::CONTEXT` code points before and after it.
    pub prefix: String,
    pub suffix: String,
}

/// How a fact is known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Known {
    Stated,
    /// Inferred from the text, with the reasoning.
    Inferred(String),
    /// From background knowledge, with its source.
    Background(String),
}

/// A date at the precision the article gives, stated or inferred.
#[derive(Debug, Clone, PartialEq)]
pub struct Date {
    /// `xsd:gYear`, `xsd:gYearMonth` or `xsd:date`.
    pub literal: Literal,
    /// The reasoning, when the article implies the date without stating it.
    pub inferred: Option<String>,
}

/// The object of a relation.
#[derive(Debug, Clone, PartialEq)]
pub enum Object {
    Item(Ref),
    Literal(Literal),
}

/// A relation: the direct triple, also given as a statement node.
#[derive(Debug, Clone, PartialEq)]
pub struct Relation {
    pub subject: Ref,
    /// The predicate's IRI.
    pub predicate: String,
    pub object: Object,
}

/// A relation, an event, or both.
#[derive(Debug, Clone, PartialEq)]
pub struct Fact {
    pub id: String,
    pub label: String,
    /// The IRI of its event class, when it is an event.
    pub event: Option<String>,
    pub relation: Option<Relation>,
    pub date: Option<Date>,
    pub place: Option<Ref>,
    pub ordinal: Option<i64>,
    pub role: Option<String>,
    pub participants: Vec<Ref>,
    pub concerns: Vec<Ref>,
    pub part_of: Option<Ref>,
    pub outcome: Vec<String>,
    pub follows: Option<Ref>,
    pub prepares: Option<Ref>,
    pub known: Known,
    pub note: Option<String>,
    pub evidence: Evidence,
}

/// The unit of a statistic.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Usd,
    Percent,
    Year,
    Count,
}

impl Unit {
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "USD" => Self::Usd,
            "percent" => Self::Percent,
            "year" => Self::Year,
            "count" => Self::Count,
            _ => return None,
        })
    }

    /// The unit as the sheet writes it (`schema:unitText`).
    pub fn text(self) -> &'static str {
        match self {
            Self::Usd => "USD",
            Self::Percent => "percent",
            Self::Year => "year",
            Self::Count => "count",
        }
    }

    /// The UN/CEFACT common code (`schema:unitCode`); none for a currency.
    pub fn code(self) -> Option<&'static str> {
        match self {
            Self::Usd => None,
            Self::Percent => Some("P1"),
            Self::Year => Some("ANN"),
            Self::Count => Some("C62"),
        }
    }
}

/// A figure with its unit.
#[derive(Debug, Clone, PartialEq)]
pub struct Statistic {
    pub id: String,
    pub label: String,
    pub subject: Ref,
    /// The number, in its canonical lexical form.
    pub value: Literal,
    pub unit: Unit,
    pub approximate: bool,
    pub known: Known,
    pub note: Option<String>,
    pub evidence: Evidence,
}

/// Who makes a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Voice {
    Author,
    Others,
}

/// The author's stance toward a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stance {
    Endorses,
    Rejects,
}

/// A claim the article makes or reports.
#[derive(Debug, Clone, PartialEq)]
pub struct Claim {
    pub id: String,
    pub text: String,
    pub voice: Voice,
    pub stance: Stance,
    pub reported_as: Option<String>,
    pub about: Vec<Ref>,
    pub evidence: Evidence,
}

/// One occurrence of an entity's name in the text, numbered per entity from 1.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    pub entity: String,
    pub number: usize,
    pub evidence: Evidence,
}

/// One article and what its sheet says of it, checked.
#[derive(Debug, Clone, PartialEq)]
pub struct Article {
    pub id: String,
    pub headline: String,
    pub alternative_headline: Option<String>,
    /// The BCP 47 tag of the text, as the sheet writes it.
    pub language: String,
    pub text: String,
    /// The SHA-256 of the text, in lower-case hex.
    pub sha256: String,
    /// The entity the sheet names as the article's `schema:author`.
    pub author: Option<String>,
    /// The entities the sheet itself declares and the article uses.
    pub own_entities: Vec<Entity>,
    /// The ids of the registry's entities the article uses.
    pub registry_entities: BTreeSet<String>,
    pub facts: Vec<Fact>,
    pub statistics: Vec<Statistic>,
    pub claims: Vec<Claim>,
    pub mentions: Vec<Mention>,
}
