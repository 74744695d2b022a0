//! The fact sheet and the entity registry: the curated, human-written statement of what
//! an article says (see `docs/fact-sheet.md`), as the TOML holds it. This module only
//! reads the TOML into these types; `check` turns them into the checked model.

use crate::error::{cut_quoted_parts, Error, ErrorKind, Location};
use crate::source::{line_col, Source};
use serde::Deserialize;
use toml::Spanned;

/// A registry (`data/entities.toml`, a corpus's `entities.toml`, `--entities FILE`):
/// entities shared by every article about the region, and events several articles
/// report.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Registry {
    #[serde(default)]
    pub entity: Vec<Entity>,
    #[serde(default)]
    pub event: Vec<SharedEvent>,
}

/// One entity of the registry or of a sheet.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entity {
    pub id: Spanned<String>,
    pub class: Spanned<String>,
    pub label: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    pub wikidata: Option<Spanned<String>>,
    pub description: Option<String>,
    #[serde(default)]
    pub zh: Vec<String>,
    #[serde(default)]
    pub ja: Vec<String>,
    #[serde(default)]
    pub ko: Vec<String>,
    /// Whether its names are matched in the text.
    #[serde(default = "yes")]
    pub mentions: bool,
    /// Whether names inside its names ("China" in "China Daily") refer to their own
    /// entities: false for a name that merely contains another.
    #[serde(default = "yes")]
    pub inner_mentions: bool,
}

fn yes() -> bool {
    true
}

impl Entity {
    /// Names in other languages, as (BCP 47 tag, names with the preferred one first).
    pub fn translations(&self) -> [(&'static str, &[String]); 3] {
        [("zh", &self.zh), ("ja", &self.ja), ("ko", &self.ko)]
    }
}

/// An event that several articles report, declared once in a registry; each sheet that
/// reports it says so with `shared = "ID"` on its own fact, with its own quote.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SharedEvent {
    pub id: Spanned<String>,
    /// An event class of the ontology (`Summit`).
    pub class: Spanned<String>,
    pub label: String,
    pub description: Option<String>,
    /// Where what the registry says of it (its class, label, description) comes from.
    pub basis: Option<String>,
}

/// `data/facts.toml`: one article's metadata, facts, statistics and claims.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sheet {
    pub article: ArticleMeta,
    #[serde(default)]
    pub entity: Vec<Entity>,
    /// Names of registry entities that only this article uses.
    #[serde(default)]
    pub alias: Vec<LocalAlias>,
    #[serde(default)]
    pub fact: Vec<Fact>,
    #[serde(default)]
    pub statistic: Vec<Statistic>,
    #[serde(default)]
    pub claim: Vec<Claim>,
}

/// The article itself: what the sheet says of it, as its publisher gives it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArticleMeta {
    pub id: Spanned<String>,
    pub headline: Spanned<String>,
    pub alternative_headline: Option<String>,
    pub language: Spanned<String>,
    /// news, opinion, statement, joint-declaration, encyclopedia or interview.
    pub genre: Option<Spanned<String>>,
    /// The date of publication the publisher gives (YYYY, YYYY-MM or YYYY-MM-DD).
    pub published: Option<Spanned<String>>,
    /// Bounds on the date of publication, when only those are known, with their basis.
    pub published_after: Option<Spanned<String>>,
    pub published_before: Option<Spanned<String>>,
    pub published_basis: Option<String>,
    pub url: Option<Spanned<String>>,
    /// Entity ids: who publishes it, in which publication, who wrote it, where.
    pub publisher: Option<Spanned<String>>,
    pub publication: Option<Spanned<String>>,
    #[serde(default)]
    pub authors: Vec<Spanned<String>>,
    pub dateline: Option<Spanned<String>>,
    /// Who holds the rights to the article's text, and on what terms it is copied into
    /// the graph (the dataset description's `dcterms:rights` for the article).
    pub rights: Option<String>,
}

/// Names that only this article gives an entity of a registry.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LocalAlias {
    pub entity: Spanned<String>,
    pub names: Vec<Spanned<String>>,
}

/// How a fact is known.
#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq, Default)]
#[serde(rename_all = "lowercase")]
pub enum Known {
    #[default]
    Stated,
    Inferred,
    Background,
}

/// A literal value of a fact.
#[derive(Debug, Deserialize, Clone)]
#[serde(untagged)]
pub enum Value {
    Integer(i64),
    Decimal(f64),
    Text(String),
}

/// A relation, an event, or both.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fact {
    pub id: Spanned<String>,
    pub label: Option<String>,
    pub event: Option<Spanned<String>>,
    /// The id of a registry's shared event this fact reports.
    pub shared: Option<Spanned<String>>,
    pub subject: Option<Spanned<String>>,
    pub predicate: Option<Spanned<String>>,
    pub object: Option<Spanned<String>>,
    pub value: Option<Spanned<Value>>,
    /// happened, ongoing, planned (or expected) or cancelled.
    pub status: Option<Spanned<String>>,
    /// The article says it did not happen, or does not hold.
    #[serde(default)]
    pub negated: bool,
    pub date: Option<Spanned<String>>,
    /// An interval: its start and end, each at its own precision.
    pub start: Option<Spanned<String>>,
    pub end: Option<Spanned<String>>,
    /// Bounds: not before, not after.
    pub after: Option<Spanned<String>>,
    pub before: Option<Spanned<String>>,
    /// The reasoning, when the article implies the dates without stating them.
    pub date_inferred: Option<String>,
    /// The source, when the dates come from background knowledge.
    pub date_background: Option<String>,
    pub place: Option<Spanned<String>>,
    pub ordinal: Option<Spanned<i64>>,
    pub role: Option<String>,
    #[serde(default)]
    pub participants: Vec<Spanned<String>>,
    #[serde(default)]
    pub concerns: Vec<Spanned<String>>,
    pub part_of: Option<Spanned<String>>,
    #[serde(default)]
    pub outcome: Vec<String>,
    pub follows: Option<Spanned<String>>,
    pub prepares: Option<Spanned<String>>,
    #[serde(default)]
    pub known: Known,
    pub basis: Option<String>,
    pub quote: Spanned<String>,
    pub occurrence: Option<Spanned<usize>>,
    pub note: Option<String>,
}

/// A figure with its unit.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Statistic {
    pub id: Spanned<String>,
    pub label: String,
    pub subject: Spanned<String>,
    /// The number; or a range (`min`, `max`), a bound (`bound` with `value`), or a change
    /// (`change`, with `value` for its size and/or `from` and `to`).
    pub value: Option<Spanned<Value>>,
    pub min: Option<Spanned<Value>>,
    pub max: Option<Spanned<Value>>,
    /// at-least, more-than, at-most or less-than: `value` is a bound.
    pub bound: Option<Spanned<String>>,
    /// rise or fall: the figure is a change.
    pub change: Option<Spanned<String>>,
    pub from: Option<Spanned<Value>>,
    pub to: Option<Spanned<Value>>,
    pub unit: Spanned<String>,
    #[serde(default)]
    pub approximate: bool,
    #[serde(default)]
    pub known: Known,
    pub basis: Option<String>,
    pub quote: Spanned<String>,
    pub occurrence: Option<Spanned<usize>>,
    pub note: Option<String>,
}

/// Who makes a claim, as the old format said it (kept: `author` or `others`).
#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Claimant {
    Author,
    Others,
}

/// The voice of a claim: `"author"`, `"unnamed"` (the unnamed others of "some argue"),
/// an entity's id, or several ids (a joint voice).
#[derive(Debug, Deserialize, Clone)]
#[serde(untagged)]
pub enum VoiceSpec {
    One(String),
    Joint(Vec<String>),
}

/// The author's stance toward a claim.
#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Stance {
    Endorses,
    Rejects,
    Reports,
}

/// A claim made or reported by the article.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Claim {
    pub id: Spanned<String>,
    pub text: String,
    pub voice: Option<Spanned<VoiceSpec>>,
    /// The old name of `voice`: author or others.
    pub claimant: Option<Spanned<Claimant>>,
    pub stance: Option<Spanned<Stance>>,
    /// The article's words of attribution ("Some argue", "said Kishida"): a quote.
    pub attribution: Option<Spanned<String>>,
    pub attribution_occurrence: Option<Spanned<usize>>,
    /// The old name of `attribution`.
    pub reported_as: Option<Spanned<String>>,
    #[serde(default)]
    pub about: Vec<Spanned<String>>,
    /// When the voice made the claim ("told VOA on May 14"), at the precision given.
    pub date: Option<Spanned<String>>,
    pub date_inferred: Option<String>,
    pub date_background: Option<String>,
    pub quote: Spanned<String>,
    pub occurrence: Option<Spanned<usize>>,
}

/// Parses a TOML document, turning syntax and shape errors into messages with the file,
/// line and column.
pub fn parse<T: serde::de::DeserializeOwned>(source: &Source) -> Result<T, Error> {
    toml::from_str(&source.text).map_err(|e| {
        let location = match e.span() {
            Some(span) => {
                let (line, column) = line_col(&source.text, span.start);
                Location {
                    file: source.name.clone(),
                    line: Some(line),
                    column: Some(column),
                }
            }
            None => Location::file(source.name.clone()),
        };
        Error::at(
            location,
            // The parser's message can hold the input's own text (`invalid type: string
            // "…"`), as long as the input makes it.
            ErrorKind::Toml {
                message: cut_quoted_parts(e.message().trim_end()),
            },
        )
    })
}
