//! `nea-kg describe NAME`: a card for one entity, found by any of its names in any
//! language, its id or its IRI: names, types, Wikidata link, the relations and events it
//! takes part in with their dates, the claims about it, and under each the sentence of
//! the article that supports it. Everything is read from the store with SPARQL, so the
//! card shows what any other store holding the graph would show.

use crate::cli::{DescribeArgs, ReportFormat};
use crate::load::Kg;
use crate::output::table::compact;
use crate::sparql;
use crate::terminal::visible;
use anyhow::{bail, Result};
use nea_kg_core::error::{quoted, shortened};
use nea_kg_core::ground::{self, Text};
use oxigraph::model::{NamedNode, Term};
use oxigraph::store::Store;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::io::Write;
use std::process::ExitCode;

pub fn run(args: DescribeArgs) -> Result<ExitCode> {
    let json = args.format == ReportFormat::Json;
    let kg = Kg::load(&args.input)?;
    let store = kg.store.clone();
    let entity_ns = kg.iris.entity_namespace();
    let name = args.name;
    sparql::guarded("describe", None, move || {
        let db = Db {
            store: &store,
            entity_ns: &entity_ns,
        };
        let iri = db.find(&name)?;
        let card = db.card(&iri)?;
        let stdout = std::io::stdout();
        let mut w = std::io::BufWriter::new(stdout.lock());
        if json {
            serde_json::to_writer_pretty(&mut w, &card).map_err(crate::output::json_io)?;
            writeln!(w)?;
        } else {
            write_card(&mut w, &card)?;
        }
        w.flush()?;
        Ok(())
    })?;
    Ok(kg.finish())
}

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
    pub mentions: usize,
    pub relations: Vec<Item>,
    pub events: Vec<Item>,
    pub statistics: Vec<Item>,
    pub claims: Vec<Item>,
}

/// A relation, event, statistic or claim, with the words that support it.
#[derive(Debug, Serialize)]
pub struct Item {
    pub iri: String,
    pub text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// How the date is known, when the article does not state it: inferred (the year of
    /// "March 22").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date_known: Option<String>,
    /// The entity's part in it (for events: participant, place, concerns, ...), or who
    /// makes a claim and the author's stance.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// How a fact is known, when it is not stated: inferred or background.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub known: Option<String>,
    pub evidence: Vec<Evidence>,
}

#[derive(Debug, Serialize)]
pub struct Evidence {
    pub exact: String,
    pub start: usize,
    pub end: usize,
    pub paragraph: usize,
    pub sentence: usize,
    pub sentence_text: String,
}

struct Db<'a> {
    store: &'a Store,
    entity_ns: &'a str,
}

type Row = HashMap<String, Term>;

fn value(row: &Row, var: &str) -> Option<String> {
    row.get(var).map(|t| match t {
        Term::NamedNode(n) => n.as_str().to_owned(),
        Term::Literal(l) => l.value().to_owned(),
        Term::BlankNode(b) => b.as_str().to_owned(),
    })
}

impl Db<'_> {
    fn select(&self, query: &str) -> Result<Vec<Row>> {
        Ok(sparql::select(self.store, self.entity_ns, query)?
            .into_iter()
            .map(|row| row.into_iter().collect())
            .collect())
    }

    /// The entity a user means.
    fn find(&self, name: &str) -> Result<NamedNode> {
        let entities = self.select(
            "SELECT ?e ?name WHERE { ?e a ?class . ?class rdfs:subClassOf* nea:Entity .
               ?e rdfs:label|skos:prefLabel|skos:altLabel ?name }",
        )?;
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
    fn evidence(&self, node: &str, texts: &mut HashMap<String, String>) -> Result<Vec<Evidence>> {
        let rows = self.select(&format!(
            "SELECT ?article ?exact ?start ?end ?paragraph ?sentence WHERE {{
               <{node}> prov:wasDerivedFrom ?ev . ?ev oa:hasSource ?article ;
                 oa:hasSelector ?q, ?p ; nea:paragraph ?paragraph ; nea:sentence ?sentence .
               ?q oa:exact ?exact . ?p oa:start ?start ; oa:end ?end }} ORDER BY ?start"
        ))?;
        let mut out = Vec::new();
        for row in rows {
            let article = value(&row, "article").unwrap_or_default();
            if !texts.contains_key(&article) {
                let text = self
                    .select(&format!(
                        "SELECT ?text WHERE {{ <{article}> schema:text ?text }}"
                    ))?
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
            let sentence_text = Text::new(&texts[&article]).sentence_at(start).to_owned();
            out.push(Evidence {
                exact: value(&row, "exact").unwrap_or_default(),
                start,
                end: number("end"),
                paragraph: number("paragraph"),
                sentence: number("sentence"),
                sentence_text,
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
                date_known: value(&row, "dateKnown").filter(|k| k != "stated"),
                role,
                known: value(&row, "known").filter(|k| k != "stated"),
            });
        }
        Ok(items)
    }

    fn card(&self, e: &NamedNode) -> Result<Card> {
        let e = e.as_str();
        let mut names: BTreeMap<String, Vec<String>> = BTreeMap::new();
        let mut label = String::new();
        for row in self.select(&format!(
            "SELECT ?name ?preferred WHERE {{ {{ <{e}> skos:prefLabel ?name BIND(0 AS ?preferred) }}
               UNION {{ <{e}> skos:altLabel ?name BIND(1 AS ?preferred) }}
               UNION {{ <{e}> rdfs:label ?name BIND(0 AS ?preferred) }} }} ORDER BY ?preferred ?name"
        ))? {
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
            .select(&format!(
                "SELECT ?label WHERE {{ <{e}> a ?t . ?t rdfs:subClassOf* nea:Entity ; rdfs:label ?label }} ORDER BY ?label"
            ))?
            .iter()
            .filter_map(|r| value(r, "label"))
            .collect();
        let one = |q: String, var: &str| -> Result<Option<String>> {
            Ok(self.select(&q)?.first().and_then(|r| value(r, var)))
        };
        let wikidata = one(format!("SELECT ?wd WHERE {{ <{e}> owl:sameAs ?wd }}"), "wd")?;
        let description = one(
            format!(
                "SELECT ?d WHERE {{ <{e}> rdfs:comment ?d FILTER(LANGMATCHES(LANG(?d), \"en\")) }}"
            ),
            "d",
        )?;
        let mentions = one(
            format!("SELECT (COUNT(?m) AS ?n) WHERE {{ ?m nea:mentionOf <{e}> }}"),
            "n",
        )?
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
        let mut texts = HashMap::new();
        let relations = self.items(
            &format!(
                "SELECT ?x ?text ?date ?known ?dateKnown WHERE {{ ?x a rdf:Statement ; rdfs:label ?text .
                   OPTIONAL {{ ?x nea:knownBy/skos:notation ?known }}
                   OPTIONAL {{ ?x nea:dateKnownBy/skos:notation ?dateKnown }}
                   {{ ?x rdf:subject <{e}> }} UNION {{ ?x rdf:object <{e}> }}
                   FILTER NOT EXISTS {{ ?x a nea:Event }}
                   OPTIONAL {{ ?x nea:date ?date }} }} ORDER BY ?date ?text"
            ),
            &mut texts,
        )?;
        let events = self.items(
            &format!(
                "SELECT ?x ?text ?date ?role ?known ?dateKnown WHERE {{ ?x a nea:Event ; rdfs:label ?text .
                   OPTIONAL {{ ?x nea:knownBy/skos:notation ?known }}
                   OPTIONAL {{ ?x nea:dateKnownBy/skos:notation ?dateKnown }}
                   VALUES (?p ?role) {{ (nea:participant \"participant\") (nea:place \"place\")
                     (nea:concerns \"concerned\") (nea:partOfSeries \"series\")
                     (rdf:subject \"subject\") (rdf:object \"object\") }}
                   ?x ?p <{e}> OPTIONAL {{ ?x nea:date ?date }} }} ORDER BY DESC(BOUND(?date)) ?date ?text ?role"
            ),
            &mut texts,
        )?;
        let statistics = self.items(
            &format!(
                "SELECT ?x ?text WHERE {{ ?x nea:statisticOf <{e}> ; rdfs:label ?label ; schema:value ?v ; schema:unitText ?u ;
                   nea:approximate ?approx
                   BIND(CONCAT(STR(?label), \": \", IF(?approx, \"about \", \"\"), STR(?v), \" \", STR(?u)) AS ?text) }} ORDER BY ?text"
            ),
            &mut texts,
        )?;
        let claims = self.items(
            &format!(
                "SELECT ?x ?text ?role WHERE {{ ?x a schema:Claim ; schema:about <{e}> ; schema:text ?text ;
                   nea:voice/skos:notation ?who ; nea:stance/skos:notation ?stance
                   BIND(CONCAT(\"by the \", STR(?who), \"; the author \", STR(?stance)) AS ?role) }} ORDER BY ?role ?text"
            ),
            &mut texts,
        )?;
        Ok(Card {
            iri: e.to_owned(),
            label,
            types,
            wikidata,
            description,
            names,
            mentions,
            relations,
            events,
            statistics,
            claims,
        })
    }
}

/// Writes the card for people; what the data holds is shown, never obeyed (see
/// `terminal::visible`).
fn write_card(out: &mut dyn Write, card: &Card) -> std::io::Result<()> {
    let mut text = Vec::new();
    card_text(&mut text, card)?;
    out.write_all(visible(&String::from_utf8_lossy(&text)).as_bytes())
}

fn card_text(w: &mut dyn Write, card: &Card) -> std::io::Result<()> {
    writeln!(w, "{}", card.label)?;
    writeln!(w, "  {}", card.iri)?;
    writeln!(w, "  type: {}", card.types.join(", "))?;
    if let Some(wd) = &card.wikidata {
        writeln!(w, "  Wikidata: {wd}")?;
    }
    if let Some(d) = &card.description {
        writeln!(w, "  {d}")?;
    }
    writeln!(
        w,
        "  mentioned {} time{} in the article",
        card.mentions,
        if card.mentions == 1 { "" } else { "s" }
    )?;
    writeln!(w)?;
    writeln!(w, "Names")?;
    for (lang, names) in &card.names {
        writeln!(w, "  {lang:<3} {}", names.join(" · "))?;
    }
    for (title, items) in [
        ("Relations", &card.relations),
        ("Events", &card.events),
        ("Figures", &card.statistics),
        ("Claims about it", &card.claims),
    ] {
        if items.is_empty() {
            continue;
        }
        writeln!(w)?;
        writeln!(w, "{title}")?;
        for item in items {
            let date = item
                .date
                .as_deref()
                .map(|d| format!("{d}  "))
                .unwrap_or_default();
            let role = item
                .role
                .as_deref()
                .map(|r| format!("  ({r})"))
                .unwrap_or_default();
            // How the fact, and apart from it its date, is known, when not stated.
            let notes: Vec<String> = item
                .known
                .iter()
                .cloned()
                .chain(item.date_known.iter().map(|k| format!("date {k}")))
                .collect();
            let known = if notes.is_empty() {
                String::new()
            } else {
                format!("  [{}]", notes.join(", "))
            };
            writeln!(w, "  {date}{}{role}{known}", item.text)?;
            for ev in &item.evidence {
                writeln!(
                    w,
                    "      “{}”  [paragraph {}, sentence {}; characters {}–{}]",
                    ev.sentence_text, ev.paragraph, ev.sentence, ev.start, ev.end
                )?;
            }
        }
    }
    Ok(())
}
