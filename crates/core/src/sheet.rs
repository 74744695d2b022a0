//! The fact sheet and the entity registry: the curated, human-written statement of what
//! an article says (see `docs/fact-sheet.md`), as the TOML holds it. This module only
//! reads the TOML into these types; `check` turns them into the checked model.

use crate::error::{cut_quoted_parts, Error, ErrorKind, Location};
use crate::source::{line_col, Source};
use serde::Deserialize;
use toml::Spanned;

/// `data/entities.toml`: entities shared by every article about the region.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Registry {
    #[serde(default)]
    pub entity: Vec<Entity>,
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
    #[serde(default = "yes")]
    pub mentions: bool,
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

/// `data/facts.toml`: one article's metadata, facts, statistics and claims.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sheet {
    pub article: ArticleMeta,
    #[serde(default)]
    pub entity: Vec<Entity>,
    #[serde(default)]
    pub fact: Vec<Fact>,
    #[serde(default)]
    pub statistic: Vec<Statistic>,
    #[serde(default)]
    pub claim: Vec<Claim>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArticleMeta {
    pub id: Spanned<String>,
    pub headline: Spanned<String>,
    pub alternative_headline: Option<String>,
    pub language: Spanned<String>,
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
    pub subject: Option<Spanned<String>>,
    pub predicate: Option<Spanned<String>>,
    pub object: Option<Spanned<String>>,
    pub value: Option<Spanned<Value>>,
    pub date: Option<Spanned<String>>,
    pub date_inferred: Option<String>,
    pub place: Option<Spanned<String>>,
    pub ordinal: Option<i64>,
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
    pub value: Spanned<Value>,
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

/// Who makes a claim.
#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Claimant {
    Author,
    Others,
}

/// The author's stance toward a claim.
#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Stance {
    Endorses,
    Rejects,
}

/// A claim made or reported by the article.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Claim {
    pub id: Spanned<String>,
    pub text: String,
    pub claimant: Claimant,
    pub stance: Stance,
    pub reported_as: Option<String>,
    #[serde(default)]
    pub about: Vec<Spanned<String>>,
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
