//! The card of an entity, as data: its names in every language, types, Wikidata link,
//! description, how often it is mentioned, the relations and events it takes part in,
//! its figures and the claims about it, each with the words of the article that support
//! it and the sentence around them. Everything is read from the store with the queries
//! of `view::queries`, so a card shows what any other store holding the graph would
//! show. `describe` prints it; `serve` and `export --format html` render it as HTML.

use crate::index::Graph;
use crate::output::table::compact;
use crate::sparql;
use crate::view::queries;
use anyhow::{bail, Result};
use nea_kg_core::error::{quoted, shortened};
use nea_kg_core::ground::{self, Text};
use oxigraph::model::{NamedNode, Term};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// The card of one entity.
#[derive(Debug, Serialize)]
pub struct Card {
    pub iri: String,
    pub label: String,
    pub types: Vec<String>,
    pub wikidata: Option<String>,
    pub description: Option<String>,
    /// Names by BCP 47 tag, the preferred one first.
    pub names: BTreeMap<String, Vec<String>>,
    /// Mentions of the entity's names standing on their own.
    pub mentions: usize,
    /// Mentions inside a longer name that still refers to it.
    pub nested_mentions: usize,
    /// The articles that mention it or speak of it, by IRI.
    pub articles: Vec<String>,
    pub relations: Vec<Item>,
    pub events: Vec<Item>,
    pub statistics: Vec<Item>,
    /// Claims about it.
    pub claims: Vec<Item>,
    /// Claims it makes (a named or joint voice).
    pub claims_by: Vec<Item>,
}

/// A relation, event, statistic or claim, with the words that support it.
#[derive(Debug, Serialize)]
pub struct Item {
    pub iri: String,
    pub text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// The entity's part in it (for events: participant, place, concerns, ...), or who
    /// makes a claim and the author's stance.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// How a fact is known, when it is not stated: inferred or background.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub known: Option<String>,
    /// How its date is known, when it is not stated: inferred or background.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date_known: Option<String>,
    /// How it is told, when not as having happened: planned, ongoing, cancelled, or
    /// "did not happen" (negated).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub told: Option<String>,
    pub evidence: Vec<Evidence>,
}

#[derive(Debug, Serialize)]
pub struct Evidence {
    /// The article the words are in: its IRI and headline.
    pub article: String,
    pub headline: String,
    pub exact: String,
    pub start: usize,
    pub end: usize,
    pub paragraph: usize,
    pub sentence: usize,
    pub sentence_text: String,
    /// Where the sentence starts in the article (code points), to find the quote in it.
    #[serde(skip)]
    pub sentence_start: usize,
}

/// Asks the store for cards.
pub struct Db<'a> {
    pub graph: &'a Graph,
    pub entity_ns: &'a str,
}

/// A solution, by variable name.
pub type Row = HashMap<String, Term>;

pub fn value(row: &Row, var: &str) -> Option<String> {
    row.get(var).map(|t| match t {
        Term::NamedNode(n) => n.as_str().to_owned(),
        Term::Literal(l) => l.value().to_owned(),
        Term::BlankNode(b) => b.as_str().to_owned(),
    })
}

impl Db<'_> {
    /// Runs one of the program's own queries.
    pub fn select(&self, query: &str) -> Result<Vec<Row>> {
        Ok(sparql::select(self.graph, self.entity_ns, query)?
            .into_iter()
            .map(|row| row.into_iter().collect())
            .collect())
    }

    /// The entity a user means.
    pub fn find(&self, name: &str) -> Result<NamedNode> {
        let entities = self.select(&queries::entity_names())?;
        let wanted = name.trim();
        let iri = if let Some(local) = wanted.strip_prefix("kg:") {
            Some(format!("{}{local}", self.entity_ns))
        } else if wanted.starts_with('<') && wanted.ends_with('>') {
            Some(wanted[1..wanted.len() - 1].to_owned())
        } else if wanted.contains("://") {
            Some(wanted.to_owned())
        } else {
            None
        };
        let mut found: Vec<String> = Vec::new();
        let mut labels: BTreeMap<String, String> = BTreeMap::new();
        for row in &entities {
            let (Some(e), Some(n)) = (value(row, "e"), value(row, "name")) else {
                continue;
            };
            let id = e.strip_prefix(self.entity_ns).unwrap_or("").to_owned();
            let hit = match &iri {
                Some(iri) => *iri == e,
                None => n.to_lowercase() == wanted.to_lowercase() || id == wanted,
            };
            if hit && !found.contains(&e) {
                found.push(e.clone());
            }
            labels.entry(e).or_insert(n);
        }
        for row in &entities {
            if let (Some(e), Some(Term::Literal(l))) = (value(row, "e"), row.get("name")) {
                if l.language().is_some_and(|t| t == "en") {
                    labels.insert(e, l.value().to_owned());
                }
            }
        }
        match found.len() {
            1 => Ok(NamedNode::new_unchecked(found.remove(0))),
            0 => {
                // Names are short: a longer probe only costs time.
                let probe: String = wanted.to_lowercase().chars().take(100).collect();
                let mut names: Vec<(usize, String)> = entities
                    .iter()
                    .filter_map(|r| value(r, "name"))
                    .map(|n| (ground::distance(&n.to_lowercase(), &probe), n))
                    .collect();
                names.sort();
                names.dedup_by(|a, b| a.1 == b.1);
                let nearest: Vec<String> =
                    names.into_iter().take(5).map(|(_, n)| quoted(&n)).collect();
                bail!(
                    "no entity is named {}\n  the nearest names are {}",
                    quoted(wanted),
                    nearest.join(", ")
                )
            }
            _ => {
                found.sort();
                let list: Vec<String> = found
                    .iter()
                    .map(|e| {
                        format!(
                            "    {}  ({})",
                            shortened(labels.get(e).map_or("", String::as_str)),
                            compact(e, self.entity_ns)
                        )
                    })
                    .collect();
                bail!(
                    "{} names {} entities:\n{}\n  give one of their ids or IRIs",
                    quoted(wanted),
                    found.len(),
                    list.join("\n")
                )
            }
        }
    }

    /// The evidence of a resource, with the sentence that holds it.
    pub fn evidence(
        &self,
        node: &str,
        texts: &mut HashMap<String, String>,
    ) -> Result<Vec<Evidence>> {
        let rows = self.select(&queries::evidence(node))?;
        let mut out = Vec::new();
        for row in rows {
            let article = value(&row, "article").unwrap_or_default();
            if !texts.contains_key(&article) {
                let text = self
                    .select(&queries::article_text(&article))?
                    .first()
                    .and_then(|r| value(r, "text"))
                    .unwrap_or_default();
                texts.insert(article.clone(), text);
            }
            let number = |v: &str| {
                value(&row, v)
                    .and_then(|s| s.parse::<usize>().ok())
                    .unwrap_or(0)
            };
            let start = number("start");
            let text = Text::new(&texts[&article]);
            let (sentence_start, sentence_end) = text.sentence_bounds(start);
            let sentence_text = text.slice(sentence_start, sentence_end).to_owned();
            out.push(Evidence {
                article: article.clone(),
                headline: value(&row, "headline").unwrap_or_default(),
                exact: value(&row, "exact").unwrap_or_default(),
                start,
                end: number("end"),
                paragraph: number("paragraph"),
                sentence: number("sentence"),
                sentence_text,
                sentence_start,
            });
        }
        Ok(out)
    }

    fn items(&self, query: &str, texts: &mut HashMap<String, String>) -> Result<Vec<Item>> {
        let mut items: Vec<Item> = Vec::new();
        for row in self.select(query)? {
            let iri = value(&row, "x").unwrap_or_default();
            let role = value(&row, "role");
            if let Some(existing) = items.iter_mut().find(|i| i.iri == iri) {
                if let (Some(r), Some(old)) = (role, existing.role.as_mut()) {
                    if !old.split(", ").any(|o| o == r) {
                        old.push_str(", ");
                        old.push_str(&r);
                    }
                }
                continue;
            }
            items.push(Item {
                evidence: self.evidence(&iri, texts)?,
                iri,
                text: value(&row, "text").unwrap_or_default(),
                date: value(&row, "date"),
                role,
                known: value(&row, "known").filter(|k| k != "stated"),
                date_known: value(&row, "dateKnown").filter(|k| k != "stated"),
                told: match (value(&row, "negated").as_deref(), value(&row, "status")) {
                    (Some("true"), _) => Some("did not happen".to_owned()),
                    (_, Some(status)) if status != "happened" => Some(status),
                    _ => None,
                },
            });
        }
        Ok(items)
    }

    pub fn card(&self, e: &NamedNode) -> Result<Card> {
        let e = e.as_str();
        let mut names: BTreeMap<String, Vec<String>> = BTreeMap::new();
        let mut label = String::new();
        for row in self.select(&queries::names(e))? {
            if let Some(Term::Literal(l)) = row.get("name") {
                let lang = l.language().unwrap_or("").to_owned();
                if lang == "en" && label.is_empty() {
                    label = l.value().to_owned();
                }
                let list = names.entry(lang).or_default();
                if !list.iter().any(|n| n == l.value()) {
                    list.push(l.value().to_owned());
                }
            }
        }
        let types = self
            .select(&queries::entity_types(e))?
            .iter()
            .filter_map(|r| value(r, "label"))
            .collect();
        let one = |q: String, var: &str| -> Result<Option<String>> {
            Ok(self.select(&q)?.first().and_then(|r| value(r, var)))
        };
        let wikidata = one(queries::same_as(e), "wd")?;
        let description = one(queries::description(e), "d")?;
        let count = |nested: bool| -> Result<usize> {
            Ok(one(queries::mention_count(e, nested), "n")?
                .and_then(|n| n.parse().ok())
                .unwrap_or(0))
        };
        let mentions = count(false)?;
        let nested_mentions = count(true)?;
        let articles = self
            .select(&queries::entity_articles(e))?
            .iter()
            .filter_map(|r| value(r, "article"))
            .collect();
        let mut texts = HashMap::new();
        let relations = self.items(&queries::relations(e), &mut texts)?;
        let events = self.items(&queries::events(e), &mut texts)?;
        let statistics = self.items(&queries::statistics(e), &mut texts)?;
        let claims = self.items(&queries::claims(e), &mut texts)?;
        let claims_by = self.items(&queries::claims_by(e), &mut texts)?;
        Ok(Card {
            iri: e.to_owned(),
            label,
            types,
            wikidata,
            description,
            names,
            mentions,
            nested_mentions,
            articles,
            relations,
            events,
            statistics,
            claims,
            claims_by,
        })
    }
}
