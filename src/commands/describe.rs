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
    /// How it is told, when not as having happened: planned, ongoing, cancelled, or
    /// "did not happen" (negated).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub told: Option<String>,
    pub evidence: Vec<Evidence>,
}

#[derive(Debug, Serialize)]
pub struct Evidence {
    /// The article the words are from: its IRI and headline.
    pub article: String,
    pub headline: String,
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
            "SELECT ?article ?headline ?exact ?start ?end ?paragraph ?sentence WHERE {{
               <{node}> prov:wasDerivedFrom ?ev . ?ev oa:hasSource ?article ;
                 oa:hasSelector ?q, ?p ; nea:paragraph ?paragraph ; nea:sentence ?sentence .
               OPTIONAL {{ ?article schema:headline ?headline }}
               ?q oa:exact ?exact . ?p oa:start ?start ; oa:end ?end }} ORDER BY ?article ?start"
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
                headline: value(&row, "headline").unwrap_or_default(),
                article: article.clone(),
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
                told: match (value(&row, "negated").as_deref(), value(&row, "status")) {
                    (Some("true"), _) => Some("did not happen".to_owned()),
                    (_, Some(status)) if status != "happened" => Some(status),
                    _ => None,
                },
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
        let count = |nested: bool| -> Result<usize> {
            let filter = if nested {
                "FILTER EXISTS"
            } else {
                "FILTER NOT EXISTS"
            };
            Ok(one(
                format!("SELECT (COUNT(?m) AS ?n) WHERE {{ ?m nea:mentionOf <{e}> {filter} {{ ?m nea:nestedIn ?outer }} }}"),
                "n",
            )?
            .and_then(|n| n.parse().ok())
            .unwrap_or(0))
        };
        let mentions = count(false)?;
        let nested_mentions = count(true)?;
        let articles = self
            .select(&format!(
                "SELECT DISTINCT ?article WHERE {{ ?x prov:wasDerivedFrom/oa:hasSource ?article .
                   {{ ?x nea:mentionOf <{e}> }} UNION {{ ?x rdf:subject|rdf:object|nea:participant|nea:place|nea:concerns|nea:statisticOf|schema:about|nea:claimant <{e}> }} }}
                 ORDER BY ?article"
            ))?
            .iter()
            .filter_map(|r| value(r, "article"))
            .collect();
        let mut texts = HashMap::new();
        let relations = self.items(
            &format!(
                "SELECT ?x ?text ?date ?known ?dateKnown ?status ?negated WHERE {{ ?x a rdf:Statement ; rdfs:label ?text .
                   OPTIONAL {{ ?x nea:knownBy/skos:notation ?known }}
                   OPTIONAL {{ ?x nea:dateKnownBy/skos:notation ?dateKnown }}
                   {{ ?x rdf:subject <{e}> }} UNION {{ ?x rdf:object <{e}> }}
                   FILTER NOT EXISTS {{ ?x a nea:Event }}
                   {TOLD} {WHEN} }} ORDER BY ?date ?text"
            )
            .replace("{TOLD}", TOLD)
            .replace("{WHEN}", WHEN),
            &mut texts,
        )?;
        let events = self.items(
            &format!(
                "SELECT ?x ?text ?date ?role ?known ?dateKnown ?status ?negated WHERE {{ ?x a nea:Event ; rdfs:label ?text .
                   OPTIONAL {{ ?x nea:knownBy/skos:notation ?known }}
                   OPTIONAL {{ ?x nea:dateKnownBy/skos:notation ?dateKnown }}
                   VALUES (?p ?role) {{ (nea:participant \"participant\") (nea:place \"place\")
                     (nea:concerns \"concerned\") (nea:partOfSeries \"series\")
                     (rdf:subject \"subject\") (rdf:object \"object\") }}
                   ?x ?p <{e}> {TOLD} {WHEN} }} ORDER BY DESC(BOUND(?date)) ?date ?text ?role"
            )
            .replace("{TOLD}", TOLD)
            .replace("{WHEN}", WHEN),
            &mut texts,
        )?;
        let statistics = self.items(
            &format!(
                "SELECT ?x ?text WHERE {{ ?x nea:statisticOf <{e}> ; rdfs:label ?label ; schema:unitText ?u ;
                   nea:approximate ?approx
                   OPTIONAL {{ ?x schema:value ?v }} OPTIONAL {{ ?x schema:minValue ?min }} OPTIONAL {{ ?x schema:maxValue ?max }}
                   OPTIONAL {{ ?x nea:bound/rdfs:label ?bound }} OPTIONAL {{ ?x nea:change/rdfs:label ?change }}
                   BIND(IF(BOUND(?min) && BOUND(?max) && !BOUND(?bound), CONCAT(STR(?min), \" to \", STR(?max)),
                     CONCAT(IF(BOUND(?bound), CONCAT(STR(?bound), \" \"), \"\"), STR(COALESCE(?v, ?min, ?max)))) AS ?number)
                   BIND(CONCAT(STR(?label), \": \", IF(BOUND(?change), CONCAT(STR(?change), \" \"), \"\"),
                     IF(?approx, \"about \", \"\"), ?number, \" \", STR(?u)) AS ?text) }} ORDER BY ?text"
            ),
            &mut texts,
        )?;
        let claims = self.items(&claims_query(&format!("?x schema:about <{e}>")), &mut texts)?;
        let claims_by = self.items(
            &claims_query(&format!(
                "?x nea:claimant <{e}> FILTER NOT EXISTS {{ ?x nea:voice nea:AuthorVoice }}"
            )),
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

/// The patterns that read how an item is told: its status and whether it is negated.
const TOLD: &str =
    "OPTIONAL { ?x nea:status/skos:notation ?status } OPTIONAL { ?x nea:negated ?negated }";

/// The pattern that reads when an item happened: a date, or an interval (start/end),
/// or a bound.
const WHEN: &str = "OPTIONAL { ?x nea:date ?day } OPTIONAL { ?x nea:startDate ?start }
   OPTIONAL { ?x nea:endDate ?end } OPTIONAL { ?x nea:dateAfter ?after }
   OPTIONAL { ?x nea:dateBefore ?before }
   BIND(COALESCE(STR(?day),
     IF(BOUND(?start) || BOUND(?end), CONCAT(COALESCE(STR(?start), \"\"), \"/\", COALESCE(STR(?end), \"\")), ?none),
     IF(BOUND(?after), CONCAT(\"after \", STR(?after)), ?none),
     IF(BOUND(?before), CONCAT(\"before \", STR(?before)), ?none)) AS ?date)";

/// The claims that a pattern on `?x` selects, with who makes each and the author's
/// stance as their role.
fn claims_query(pattern: &str) -> String {
    format!(
        "SELECT ?x ?text ?role WHERE {{ ?x a schema:Claim ; schema:text ?text ;
           nea:voice/skos:notation ?kind ; nea:stance/skos:notation ?stance . {pattern}
           OPTIONAL {{ SELECT ?x (GROUP_CONCAT(?name; separator=\" and \") AS ?names) WHERE {{
             ?x nea:claimant ?who . ?who rdfs:label ?l FILTER(LANGMATCHES(LANG(?l), \"en\")) BIND(STR(?l) AS ?name) }} GROUP BY ?x }}
           BIND(IF(?kind IN (\"named\", \"joint\"), ?names, IF(?kind = \"others\", \"unnamed others\", CONCAT(\"the \", ?kind))) AS ?who)
           BIND(CONCAT(\"by \", ?who, \"; the author \", STR(?stance)) AS ?role) }} ORDER BY ?role ?text"
    )
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
    let times = |n: usize| format!("{n} time{}", if n == 1 { "" } else { "s" });
    let inside = match card.nested_mentions {
        0 => String::new(),
        n => format!(", and {} inside longer names", times(n)),
    };
    let place = match card.articles.len() {
        0 | 1 => "in the article".to_owned(),
        n => format!("in {n} articles"),
    };
    writeln!(w, "  mentioned {} {place}{inside}", times(card.mentions))?;
    let several = card.articles.len() > 1;
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
        ("Claims it makes", &card.claims_by),
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
                .chain(item.told.iter().cloned())
                .collect();
            let known = if notes.is_empty() {
                String::new()
            } else {
                format!("  [{}]", notes.join(", "))
            };
            writeln!(w, "  {date}{}{role}{known}", item.text)?;
            for ev in &item.evidence {
                // With several articles, each sentence says which one it is from.
                let from = if several {
                    format!("{}: ", ev.headline)
                } else {
                    String::new()
                };
                writeln!(
                    w,
                    "      “{}”  [{from}paragraph {}, sentence {}; characters {}–{}]",
                    ev.sentence_text, ev.paragraph, ev.sentence, ev.start, ev.end
                )?;
            }
        }
    }
    Ok(())
}
