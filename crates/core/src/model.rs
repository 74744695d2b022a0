//! The checked model: what a registry and a fact sheet say once every id is resolved to
//! an item of the right kind, every quote is grounded in the article, every date and
//! figure is parsed (and, when the sheet says it is stated, read in its quote), and every
//! class and predicate is known. `check` builds it (and finds every problem of a sheet
//! at once); `emit` turns it into quads and cannot fail. The model does not know the
//! base IRI: the same checked article emits under any base.

use crate::ground::Span;
use oxrdf::Literal;
use std::collections::BTreeSet;

/// A reference from one item to another, resolved, of a kind the field allows.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Ref {
    Entity(String),
    /// An event of a registry, shared by the articles that report it.
    Event(String),
    Fact(String),
    Statistic(String),
    Claim(String),
    /// The article itself.
    Article,
}

/// An entity of a registry or of a sheet.
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
    /// Whether names inside its names are mentions of their own entities.
    pub inner_mentions: bool,
}

/// An event of a registry that several articles report.
#[derive(Debug, Clone, PartialEq)]
pub struct SharedEvent {
    pub id: String,
    /// The IRI of its event class.
    pub class: String,
    pub label: String,
    pub description: Option<String>,
    /// Where the registry's description of it comes from (background knowledge).
    pub basis: Option<String>,
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

/// How a fact, a figure or a date is known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Known {
    Stated,
    /// Inferred from the text, with the reasoning.
    Inferred(String),
    /// From background knowledge, with its source.
    Background(String),
}

/// When something happened, at the precision the article gives: a date, or an interval
/// (start and end, either may be open), and bounds (not before, not after). Each date is
/// `xsd:gYear`, `xsd:gYearMonth` or `xsd:date`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Time {
    pub date: Option<Literal>,
    pub start: Option<Literal>,
    pub end: Option<Literal>,
    pub after: Option<Literal>,
    pub before: Option<Literal>,
}

impl Time {
    pub fn is_empty(&self) -> bool {
        self.date.is_none()
            && self.start.is_none()
            && self.end.is_none()
            && self.after.is_none()
            && self.before.is_none()
    }

    /// Every date of it, with its role.
    pub fn dates(&self) -> impl Iterator<Item = (TimeRole, &Literal)> {
        [
            (TimeRole::Date, &self.date),
            (TimeRole::Start, &self.start),
            (TimeRole::End, &self.end),
            (TimeRole::After, &self.after),
            (TimeRole::Before, &self.before),
        ]
        .into_iter()
        .filter_map(|(role, d)| d.as_ref().map(|d| (role, d)))
    }
}

/// What a date of a `Time` is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeRole {
    Date,
    Start,
    End,
    After,
    Before,
}

/// Whether an event happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Happened,
    Ongoing,
    Planned,
    Cancelled,
}

impl Status {
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "happened" => Self::Happened,
            "ongoing" => Self::Ongoing,
            "planned" | "expected" => Self::Planned,
            "cancelled" | "canceled" => Self::Cancelled,
            _ => return None,
        })
    }

    /// Whether the article asserts that it holds now or held: only then does a relation
    /// get its direct triple.
    pub fn asserted(self) -> bool {
        matches!(self, Self::Happened | Self::Ongoing)
    }
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
    /// The shared event of a registry that this fact reports.
    pub shared: Option<String>,
    pub relation: Option<Relation>,
    pub status: Option<Status>,
    /// The article says it did not happen, or does not hold.
    pub negated: bool,
    pub time: Time,
    /// How the dates are known.
    pub time_known: Known,
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

impl Fact {
    /// Whether the direct triple of its relation is written: only for what the article
    /// asserts as holding (not negated, not planned or cancelled).
    pub fn asserts_relation(&self) -> bool {
        !self.negated && self.status.is_none_or(Status::asserted)
    }
}

/// The unit of a statistic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unit {
    /// A currency, by its ISO 4217 code (`USD`, `CNY`, `JPY`, `KRW`, `EUR`).
    Currency(String),
    /// A unit of measure: the name the sheet uses and its UN/CEFACT common code.
    Measure {
        name: &'static str,
        code: &'static str,
    },
}

/// The units of measure a statistic may have, with their UN/CEFACT common codes.
pub const MEASURES: &[(&str, &str)] = &[
    ("percent", "P1"),
    ("percentage-point", "PPT"),
    ("year", "ANN"),
    ("month", "MON"),
    ("week", "WEE"),
    ("day", "DAY"),
    ("count", "C62"),
    ("person", "IE"),
    ("kilometre", "KMT"),
    ("square-kilometre", "KMK"),
    ("tonne", "TNE"),
];

impl Unit {
    pub fn parse(s: &str) -> Option<Self> {
        if let Some(&(name, code)) = MEASURES.iter().find(|(n, _)| *n == s) {
            return Some(Self::Measure { name, code });
        }
        let currency = s.len() == 3 && s.chars().all(|c| c.is_ascii_uppercase());
        currency.then(|| Self::Currency(s.to_owned()))
    }

    /// The unit as the sheet writes it (`schema:unitText`).
    pub fn text(&self) -> &str {
        match self {
            Self::Currency(code) => code,
            Self::Measure { name, .. } => name,
        }
    }

    /// The UN/CEFACT common code (`schema:unitCode`); none for a currency.
    pub fn code(&self) -> Option<&'static str> {
        match self {
            Self::Currency(_) => None,
            Self::Measure { code, .. } => Some(code),
        }
    }
}

/// Which side a bound is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bound {
    /// "at least", "no fewer than" (inclusive)
    AtLeast,
    /// "over", "more than" (exclusive)
    MoreThan,
    AtMost,
    LessThan,
}

impl Bound {
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "at-least" => Self::AtLeast,
            "more-than" | "over" => Self::MoreThan,
            "at-most" | "up-to" => Self::AtMost,
            "less-than" | "under" => Self::LessThan,
            _ => return None,
        })
    }

    /// Whether the bound is a lower one.
    pub fn lower(self) -> bool {
        matches!(self, Self::AtLeast | Self::MoreThan)
    }
}

/// The direction of a change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    Rise,
    Fall,
}

/// What a figure says about its quantity.
#[derive(Debug, Clone, PartialEq)]
pub enum Quantity {
    /// A value, exact or approximate.
    Value(Literal),
    /// A bound ("over four years").
    Bounded(Bound, Literal),
    /// A range ("between 3 and 5").
    Range(Literal, Literal),
    /// A change: its size, and where it went from and to, as far as given.
    Change {
        direction: Change,
        by: Option<Literal>,
        from: Option<Literal>,
        to: Option<Literal>,
    },
}

/// A figure with its unit.
#[derive(Debug, Clone, PartialEq)]
pub struct Statistic {
    pub id: String,
    pub label: String,
    pub subject: Ref,
    pub quantity: Quantity,
    pub unit: Unit,
    pub approximate: bool,
    pub known: Known,
    pub note: Option<String>,
    pub evidence: Evidence,
}

/// Who makes a claim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Voice {
    /// The article's author.
    Author,
    /// Unnamed others ("some argue", "critics say").
    Unnamed,
    /// A named person, government or organisation.
    Named(Ref),
    /// Several together (a joint declaration).
    Joint(Vec<Ref>),
}

/// The author's stance toward a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stance {
    Endorses,
    Rejects,
    /// Reports it without taking a side, as news does.
    Reports,
}

/// A claim the article makes or reports.
#[derive(Debug, Clone, PartialEq)]
pub struct Claim {
    pub id: String,
    pub text: String,
    pub voice: Voice,
    pub stance: Stance,
    /// The article's words of attribution, located.
    pub attribution: Option<Evidence>,
    pub about: Vec<Ref>,
    /// When it was made, and how that date is known.
    pub date: Option<(Literal, Known)>,
    pub evidence: Evidence,
}

/// One occurrence of an entity's name in the text, numbered per entity from 1 in the
/// order of the text; a name inside another name ("China" in "China-Japan-ROK
/// cooperation") is nested in the mention of the enclosing one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    pub entity: String,
    pub number: usize,
    /// The enclosing mention: (entity, number).
    pub nested_in: Option<(String, usize)>,
    pub evidence: Evidence,
}

/// The kind of text an article is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Genre {
    News,
    Opinion,
    Statement,
    JointDeclaration,
    Encyclopedia,
    Interview,
}

impl Genre {
    pub const NAMES: &'static str =
        "news, opinion, statement, joint-declaration, encyclopedia or interview";

    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "news" => Self::News,
            "opinion" => Self::Opinion,
            "statement" => Self::Statement,
            "joint-declaration" => Self::JointDeclaration,
            "encyclopedia" => Self::Encyclopedia,
            "interview" => Self::Interview,
            _ => return None,
        })
    }
}

/// What the article's publisher says of it, and what the text bounds it by.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Publication {
    pub genre: Option<Genre>,
    pub published: Option<Literal>,
    pub published_after: Option<Literal>,
    pub published_before: Option<Literal>,
    /// Why the bounds hold.
    pub published_basis: Option<String>,
    pub url: Option<String>,
    pub publisher: Option<Ref>,
    pub publication: Option<Ref>,
    pub authors: Vec<Ref>,
    pub dateline: Option<Ref>,
    /// The sheet's statement of the rights to the text, if it gives one.
    pub rights: Option<String>,
}

/// One article and what its sheet says of it, checked.
#[derive(Debug, Clone, PartialEq)]
pub struct Article {
    pub id: String,
    pub headline: String,
    pub alternative_headline: Option<String>,
    /// The BCP 47 tag of the text, as the sheet writes it.
    pub language: String,
    pub publication: Publication,
    pub text: String,
    /// The SHA-256 of the text, in lower-case hex.
    pub sha256: String,
    /// The entity the sheet names as the article's author (by `authors`, or by a fact
    /// `<article> schema:author <entity>`).
    pub author: Option<String>,
    /// The entities the sheet itself declares and the article uses.
    pub own_entities: Vec<Entity>,
    /// The ids of the registries' entities the article uses.
    pub registry_entities: BTreeSet<String>,
    /// The ids of the registries' shared events the article reports.
    pub shared_events: BTreeSet<String>,
    /// Names of registry entities only this article uses: (entity, name).
    pub local_aliases: Vec<(String, String)>,
    pub facts: Vec<Fact>,
    pub statistics: Vec<Statistic>,
    pub claims: Vec<Claim>,
    pub mentions: Vec<Mention>,
}
