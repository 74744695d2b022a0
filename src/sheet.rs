//! The fact sheet and the entity registry: the curated, human-written statement of what
//! an article says (see `docs/fact-sheet.md`). This module only reads and checks the
//! TOML; grounding the quotes in the text and mapping to RDF happen elsewhere.

use crate::error::{cut_quoted_parts, line_col, quoted, Error, Result};
use serde::Deserialize;
use std::collections::HashMap;
use toml::Spanned;

/// A text with the name it is reported under in messages (a path, or `<embedded>/…`).
#[derive(Debug, Clone)]
pub struct Source {
    pub name: String,
    pub text: String,
}

impl Source {
    /// The 1-based line of a byte span's start, for messages.
    pub fn line<T>(&self, spanned: &Spanned<T>) -> usize {
        line_col(&self.text, spanned.span().start).0
    }
}

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
pub fn parse<T: serde::de::DeserializeOwned>(source: &Source) -> Result<T> {
    toml::from_str(&source.text).map_err(|e| {
        let location = match e.span() {
            Some(span) => {
                let (line, column) = line_col(&source.text, span.start);
                format!("{}:{line}:{column}", source.name)
            }
            None => source.name.clone(),
        };
        // The parser's message can hold the input's own text (`invalid type: string
        // "…"`), as long as the input makes it.
        let message = cut_quoted_parts(e.message().trim_end());
        Error::input(format!(
            "{location}: {message}\n  fix the TOML at that line; the format is described in docs/fact-sheet.md"
        ))
    })
}

/// Checks an id's form: lower-case ASCII letters, digits and hyphens, starting with a letter.
pub fn check_id(source: &Source, id: &Spanned<String>, what: &str) -> Result<()> {
    let s = id.get_ref();
    let mut chars = s.chars();
    let ok = chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if ok {
        Ok(())
    } else {
        Err(Error::input(format!(
            "{}:{}: the {what} id {} is not valid\n  use lower-case ASCII letters, digits and hyphens, starting with a letter (`rok-normalization-1965`)",
            source.name,
            source.line(id),
            quoted(s)
        )))
    }
}

/// Records ids as they are declared and refuses a second declaration.
#[derive(Default)]
pub struct IdIndex<'s> {
    seen: HashMap<String, (&'s Source, usize)>,
}

impl<'s> IdIndex<'s> {
    pub fn declare(&mut self, source: &'s Source, id: &Spanned<String>, what: &str) -> Result<()> {
        check_id(source, id, what)?;
        if let Some((first, start)) = self.seen.get(id.get_ref()) {
            return Err(Error::input(format!(
                "{}:{}: duplicate id {}: it is already declared at {}:{}\n  give each entity, fact, statistic and claim an id of its own",
                source.name,
                source.line(id),
                quoted(id.get_ref()),
                first.name,
                line_col(&first.text, *start).0
            )));
        }
        self.seen
            .insert(id.get_ref().clone(), (source, id.span().start));
        Ok(())
    }
}
