//! What the pages show, as data read from the store with the queries of `queries`: the
//! articles, each article's evidence spans with their kind and a note on what each one
//! supports, a resource with its card, properties, evidence and what links to it, the
//! entities and the timeline. Rendering is `html`'s business.

use super::queries;
use crate::card::{value, Card, Db, Evidence, Row};
use anyhow::Result;
use oxigraph::model::{NamedNode, Term};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// The kind of resource a span of evidence supports, from its type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Mention,
    Claim,
    Statistic,
    Event,
    Fact,
}

impl Kind {
    pub const ALL: [Kind; 5] = [
        Kind::Fact,
        Kind::Event,
        Kind::Statistic,
        Kind::Claim,
        Kind::Mention,
    ];

    pub fn from_name(name: &str) -> Option<Self> {
        Some(match name {
            "mention" => Self::Mention,
            "claim" => Self::Claim,
            "statistic" => Self::Statistic,
            "event" => Self::Event,
            "fact" => Self::Fact,
            _ => return None,
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            Self::Mention => "mention",
            Self::Claim => "claim",
            Self::Statistic => "statistic",
            Self::Event => "event",
            Self::Fact => "fact",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Self::Mention => "Mention",
            Self::Claim => "Claim",
            Self::Statistic => "Figure",
            Self::Event => "Event",
            Self::Fact => "Fact",
        }
    }

    /// The most specific of several kinds (the order of `queries::KINDS`).
    fn pick(kinds: &BTreeSet<Kind>) -> Option<Kind> {
        kinds.iter().next().copied()
    }
}

/// An article of the graph.
#[derive(Debug, Clone)]
pub struct Article {
    pub iri: String,
    pub headline: String,
    pub text: String,
}

/// One span of evidence in an article.
#[derive(Debug, Clone)]
pub struct Span {
    /// The resource the words support.
    pub resource: String,
    pub kind: Kind,
    pub start: usize,
    pub end: usize,
    pub exact: String,
    pub note: Note,
}

/// What a span supports, in words.
#[derive(Debug, Clone, Default)]
pub struct Note {
    /// The resource's label, a claim's text, or the label of what a mention names.
    pub title: String,
    /// More: who makes a claim and the author's stance, a figure.
    pub detail: Option<String>,
    /// For a mention: the entity it names.
    pub target: Option<String>,
    /// For a claim: the author's stance and the voice, as short names for classes.
    pub stance: Option<String>,
    pub voice: Option<String>,
}

/// An article with its spans, ready to draw.
#[derive(Debug, Clone)]
pub struct ArticleView {
    pub article: Article,
    /// The article's own description: (property, property label, value, value label).
    pub header: Vec<(String, Option<String>, Term, Option<String>)>,
    /// Sorted by start, then the longer first.
    pub spans: Vec<Span>,
}

/// A property of a resource, or a link to it, with labels.
#[derive(Debug, Clone)]
pub struct Property {
    pub property: String,
    pub property_label: Option<String>,
    pub value: Term,
    pub value_label: Option<String>,
}

/// A resource's page.
#[derive(Debug)]
pub struct Resource {
    pub iri: String,
    pub label: String,
    pub kind: Option<Kind>,
    /// The card, for an entity.
    pub card: Option<Card>,
    pub properties: Vec<Property>,
    pub evidence: Vec<Evidence>,
    /// What links here, as (subject, property, labels) in `Property`'s shape.
    pub incoming: Vec<Property>,
    /// More links there than shown.
    pub incoming_cut: bool,
    /// Labels of the articles the evidence comes from.
    pub article_labels: BTreeMap<String, String>,
}

/// An entity in the list of entities.
#[derive(Debug, Clone)]
pub struct Entity {
    pub iri: String,
    pub label: String,
    pub class: String,
    pub class_label: String,
    pub mentions: usize,
}

/// A dated thing on the timeline.
#[derive(Debug, Clone)]
pub struct Dated {
    pub iri: String,
    pub date: String,
    pub label: String,
    pub known: Option<String>,
    pub date_known: Option<String>,
    /// Its first evidence: article, start, end.
    pub at: Option<(String, usize, usize)>,
}

/// How many links "what links here" shows.
pub const INCOMING_SHOWN: usize = 500;

/// The data of the pages, read from a store.
pub struct Site<'a> {
    pub db: Db<'a>,
}

fn number(row: &Row, var: &str) -> Option<usize> {
    value(row, var).and_then(|v| v.parse().ok())
}

impl<'a> Site<'a> {
    pub fn new(db: Db<'a>) -> Self {
        Self { db }
    }

    fn select(&self, query: &str) -> Result<Vec<Row>> {
        self.db.select(query)
    }

    pub fn articles(&self) -> Result<Vec<Article>> {
        let mut out: Vec<Article> = Vec::new();
        for row in self.select(&queries::articles())? {
            let Some(iri) = value(&row, "article") else {
                continue;
            };
            if out.iter().any(|a| a.iri == iri) {
                continue;
            }
            let text = value(&row, "text").unwrap_or_default();
            let headline = value(&row, "headline")
                .or_else(|| text.lines().next().map(str::to_owned))
                .unwrap_or_else(|| iri.clone());
            out.push(Article {
                iri,
                headline,
                text,
            });
        }
        Ok(out)
    }

    /// The English label of a resource, if it has one.
    pub fn label(&self, iri: &str) -> Result<Option<String>> {
        Ok(self
            .select(&queries::label(iri))?
            .first()
            .and_then(|r| value(r, "label")))
    }

    /// An article with its spans.
    pub fn article(&self, article: Article) -> Result<ArticleView> {
        let iri = article.iri.clone();
        let mut kinds: HashMap<String, BTreeSet<Kind>> = HashMap::new();
        for row in self.select(&queries::span_kinds(&iri))? {
            if let (Some(x), Some(k)) = (value(&row, "x"), value(&row, "kind")) {
                if let Some(k) = Kind::from_name(&k) {
                    kinds.entry(x).or_default().insert(k);
                }
            }
        }
        let mut notes: HashMap<String, Note> = HashMap::new();
        for row in self.select(&queries::span_details(&iri))? {
            let Some(x) = value(&row, "x") else { continue };
            let note = notes.entry(x).or_default();
            let kind = None;
            fill_note(note, &row, kind);
        }
        let length = article.text.chars().count();
        let mut spans = Vec::new();
        let mut seen = BTreeSet::new();
        for row in self.select(&queries::spans(&iri))? {
            let (Some(resource), Some(start), Some(end)) =
                (value(&row, "x"), number(&row, "start"), number(&row, "end"))
            else {
                continue;
            };
            // An offset past the text (a graph edited by hand) is shown nowhere.
            if start >= end || end > length {
                continue;
            }
            if !seen.insert((resource.clone(), start, end)) {
                continue;
            }
            let kind = kinds
                .get(&resource)
                .and_then(Kind::pick)
                .unwrap_or(Kind::Fact);
            let mut note = notes.get(&resource).cloned().unwrap_or_default();
            finish_note(&mut note, kind);
            spans.push(Span {
                exact: value(&row, "exact").unwrap_or_default(),
                resource,
                kind,
                start,
                end,
                note,
            });
        }
        spans.sort_by(|a, b| {
            (a.start, std::cmp::Reverse(a.end), a.kind, &a.resource).cmp(&(
                b.start,
                std::cmp::Reverse(b.end),
                b.kind,
                &b.resource,
            ))
        });
        let mut header = Vec::new();
        for row in self.select(&queries::article_header(&iri))? {
            let (Some(Term::NamedNode(p)), Some(o)) = (row.get("p"), row.get("o")) else {
                continue;
            };
            header.push((p.as_str().to_owned(), None, o.clone(), value(&row, "label")));
        }
        header.sort_by(|a, b| (&a.0, a.2.to_string()).cmp(&(&b.0, b.2.to_string())));
        header.dedup_by(|a, b| a.0 == b.0 && a.2 == b.2);
        Ok(ArticleView {
            article,
            header,
            spans,
        })
    }

    /// A resource's page, or None when the graph says nothing of it.
    pub fn resource(&self, iri: &NamedNode) -> Result<Option<Resource>> {
        let x = iri.as_str();
        if self.select(&queries::exists(x))?.is_empty() {
            return Ok(None);
        }
        let mut kinds = BTreeSet::new();
        for row in self.select(&queries::kinds_of(x))? {
            if let Some(k) = value(&row, "kind").and_then(|k| Kind::from_name(&k)) {
                kinds.insert(k);
            }
        }
        let card = if self.select(&queries::is_entity(x))?.is_empty() {
            None
        } else {
            Some(self.db.card(iri)?)
        };
        let properties = properties(self.select(&queries::outgoing(x))?, "p", "o");
        let mut incoming = properties_in(self.select(&queries::incoming(x, INCOMING_SHOWN + 1))?);
        let incoming_cut = incoming.len() > INCOMING_SHOWN;
        incoming.truncate(INCOMING_SHOWN);
        let mut texts = HashMap::new();
        let evidence = self.db.evidence(x, &mut texts)?;
        let mut article_labels = BTreeMap::new();
        let card_evidence = card.iter().flat_map(|c| {
            c.relations
                .iter()
                .chain(&c.events)
                .chain(&c.statistics)
                .chain(&c.claims)
                .flat_map(|i| &i.evidence)
        });
        for ev in evidence.iter().chain(card_evidence) {
            if !article_labels.contains_key(&ev.article) {
                let label = self
                    .label(&ev.article)?
                    .unwrap_or_else(|| ev.article.clone());
                article_labels.insert(ev.article.clone(), label);
            }
        }
        let label = match &card {
            Some(c) if !c.label.is_empty() => c.label.clone(),
            _ => self
                .label(x)?
                .or_else(|| {
                    properties
                        .iter()
                        .find(|p| p.property == "http://schema.org/text")
                        .and_then(|p| match &p.value {
                            Term::Literal(l) => Some(l.value().to_owned()),
                            _ => None,
                        })
                })
                .unwrap_or_else(|| x.to_owned()),
        };
        Ok(Some(Resource {
            iri: x.to_owned(),
            label,
            kind: Kind::pick(&kinds),
            card,
            properties,
            evidence,
            incoming,
            incoming_cut,
            article_labels,
        }))
    }

    pub fn entities(&self) -> Result<Vec<Entity>> {
        let mut by_iri: BTreeMap<String, Entity> = BTreeMap::new();
        for row in self.select(&queries::entities())? {
            let (Some(iri), Some(class)) = (value(&row, "e"), value(&row, "class")) else {
                continue;
            };
            let mentions = number(&row, "mentions").unwrap_or(0);
            let class_label = value(&row, "classLabel").unwrap_or_else(|| local(&class));
            let label = value(&row, "label").unwrap_or_else(|| local(&iri));
            // An entity with several classes is listed under the first by name.
            match by_iri.get(&iri) {
                Some(e) if e.class_label <= class_label => {}
                _ => {
                    by_iri.insert(
                        iri.clone(),
                        Entity {
                            iri,
                            label,
                            class,
                            class_label,
                            mentions,
                        },
                    );
                }
            }
        }
        Ok(by_iri.into_values().collect())
    }

    pub fn timeline(&self) -> Result<Vec<Dated>> {
        let mut out: Vec<Dated> = Vec::new();
        for row in self.select(&queries::timeline())? {
            let (Some(iri), Some(date)) = (value(&row, "x"), value(&row, "date")) else {
                continue;
            };
            if let Some(d) = out.iter_mut().find(|d| d.iri == iri && d.date == date) {
                if d.at.is_none() {
                    d.at = at(&row);
                }
                continue;
            }
            out.push(Dated {
                label: value(&row, "label").unwrap_or_else(|| local(&iri)),
                known: value(&row, "known"),
                date_known: value(&row, "dateKnown"),
                at: at(&row),
                iri,
                date,
            });
        }
        Ok(out)
    }
}

fn at(row: &Row) -> Option<(String, usize, usize)> {
    Some((
        value(row, "article")?,
        number(row, "start")?,
        number(row, "end")?,
    ))
}

/// The last part of an IRI, for a resource without a label.
pub fn local(iri: &str) -> String {
    iri.rsplit(['/', '#'])
        .find(|s| !s.is_empty())
        .unwrap_or(iri)
        .to_owned()
}

fn properties(rows: Vec<Row>, p: &str, o: &str) -> Vec<Property> {
    let mut out: Vec<Property> = Vec::new();
    for row in rows {
        let (Some(Term::NamedNode(property)), Some(v)) = (row.get(p), row.get(o)) else {
            continue;
        };
        if out
            .iter()
            .any(|q| q.property == property.as_str() && q.value == *v)
        {
            continue;
        }
        out.push(Property {
            property: property.as_str().to_owned(),
            property_label: value(&row, &format!("{p}Label")),
            value: v.clone(),
            value_label: value(&row, &format!("{o}Label")),
        });
    }
    out.sort_by(|a, b| {
        (a.property != RDF_TYPE, &a.property, a.value.to_string()).cmp(&(
            b.property != RDF_TYPE,
            &b.property,
            b.value.to_string(),
        ))
    });
    out
}

fn properties_in(rows: Vec<Row>) -> Vec<Property> {
    let mut out = properties(rows, "p", "s");
    out.sort_by(|a, b| {
        (&a.property, &a.value_label, a.value.to_string()).cmp(&(
            &b.property,
            &b.value_label,
            b.value.to_string(),
        ))
    });
    out
}

const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";

/// Reads what a row of `span_details` says into a note.
fn fill_note(note: &mut Note, row: &Row, _kind: Option<Kind>) {
    if note.title.is_empty() && note.target.is_none() {
        if let Some(l) = value(row, "label") {
            note.title = l;
        }
    }
    if let Some(t) = value(row, "text") {
        // A claim's text says it best.
        note.title = t;
    }
    if note.target.is_none() {
        if let Some(of) = value(row, "of") {
            // A mention is best named by what it names.
            note.title = value(row, "ofLabel").unwrap_or_else(|| local(&of));
            note.target = Some(of);
        }
    }
    if let (Some(v), Some(u)) = (value(row, "value"), value(row, "unit")) {
        let about = if value(row, "approximate").as_deref() == Some("true") {
            "about "
        } else {
            ""
        };
        note.detail = Some(format!("{about}{v} {u}"));
    }
    if note.stance.is_none() {
        if let Some(s) = row.get("stance") {
            let name = value(row, "stanceLabel").unwrap_or_else(|| local(&term_text(s)));
            note.stance = Some(name);
        }
    }
    if note.voice.is_none() {
        if let Some(v) = row.get("voice") {
            let name = value(row, "voiceLabel").unwrap_or_else(|| local(&term_text(v)));
            note.voice = Some(name);
        }
    }
}

/// Completes a note once every row is read: a claim says who makes it and the stance.
fn finish_note(note: &mut Note, kind: Kind) {
    if kind == Kind::Claim {
        let voice = note.voice.clone().unwrap_or_else(|| "unknown".to_owned());
        let stance = note.stance.clone().unwrap_or_else(|| "unknown".to_owned());
        note.detail = Some(format!("made by: {voice}; the author {stance} it"));
    }
}

fn term_text(t: &Term) -> String {
    match t {
        Term::NamedNode(n) => n.as_str().to_owned(),
        Term::Literal(l) => l.value().to_owned(),
        Term::BlankNode(b) => b.as_str().to_owned(),
    }
}

/// A short name for a CSS class: lower-case letters, digits and hyphens.
pub fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_owned()
}
