//! What the graph must say: evidence everywhere, selectors that select, no blank nodes,
//! labels, time at its precision, typed quantities, facts apart from claims.

use crate::{article, csv_rows, nea};
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{NamedOrBlankNode, Quad, Term};
use std::collections::HashMap;

fn ask(query: &str) -> bool {
    match nea(&["query", query, "--format", "csv"]).ok().trim() {
        "true" => true,
        "false" => false,
        other => panic!("not a boolean: {other}"),
    }
}

fn count(query: &str) -> usize {
    let rows = csv_rows(&nea(&["query", query, "--format", "csv"]).ok(), &["n"]);
    rows[0][0].parse().unwrap()
}

const PREFIXES: &str = "PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX nea: <https://w3id.org/nea-kg/ontology#>
PREFIX schema: <http://schema.org/>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX void: <http://rdfs.org/ns/void#>
";

fn exported_quads() -> Vec<Quad> {
    let nq = nea(&["export", "--format", "nq"]).ok();
    RdfParser::from_format(RdfFormat::NQuads)
        .for_slice(nq.as_bytes())
        .collect::<Result<_, _>>()
        .unwrap()
}

/// Each quote selector's words are the article's text at its position selector's
/// offsets: checked with SPARQL's SUBSTR, as a store would, and in Rust, prefix and
/// suffix too.
#[test]
fn every_quote_selector_is_the_text_at_its_offsets() {
    let q = format!(
        "{PREFIXES} SELECT (COUNT(?ev) AS ?all) (SUM(IF(?exact = SUBSTR(?text, ?start + 1, ?end - ?start), 0, 1)) AS ?bad)
         WHERE {{ ?ev oa:hasSource ?a ; oa:hasSelector ?q, ?p .
                 ?q a oa:TextQuoteSelector ; oa:exact ?exact .
                 ?p a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end .
                 ?a schema:text ?text }}"
    );
    let rows = csv_rows(
        &nea(&["query", &q, "--format", "csv"]).ok(),
        &["all", "bad"],
    );
    let all: usize = rows[0][0].parse().unwrap();
    assert!(
        all >= 150,
        "evidence of facts, statistics, claims and mentions: {all}"
    );
    assert_eq!(
        rows[0][1], "0",
        "selectors whose offsets do not select their exact words"
    );
    let text: Vec<char> = article().chars().collect();
    let quads = exported_quads();
    let mut values: HashMap<(String, &str), String> = HashMap::new();
    for q in &quads {
        let local = q
            .predicate
            .as_str()
            .strip_prefix("http://www.w3.org/ns/oa#");
        if let (Some(p @ ("exact" | "prefix" | "suffix" | "start" | "end")), Term::Literal(l)) =
            (local, &q.object)
        {
            values.insert((q.subject.to_string(), p), l.value().to_owned());
        }
    }
    let mut checked = 0;
    for q in quads
        .iter()
        .filter(|q| q.predicate.as_str() == "http://www.w3.org/ns/oa#exact")
    {
        let quote = q.subject.to_string();
        let position = quote.replace("/quote>", "/position>");
        let start: usize = values[&(position.clone(), "start")].parse().unwrap();
        let end: usize = values[&(position, "end")].parse().unwrap();
        let exact = &values[&(quote.clone(), "exact")];
        assert_eq!(
            &text[start..end].iter().collect::<String>(),
            exact,
            "{quote}"
        );
        if let Some(prefix) = values.get(&(quote.clone(), "prefix")) {
            let n = prefix.chars().count();
            assert_eq!(&text[start - n..start].iter().collect::<String>(), prefix);
        }
        if let Some(suffix) = values.get(&(quote.clone(), "suffix")) {
            let n = suffix.chars().count();
            assert_eq!(&text[end..end + n].iter().collect::<String>(), suffix);
        }
        checked += 1;
    }
    assert_eq!(
        checked, all,
        "as many selectors checked in Rust as by SPARQL"
    );
}

#[test]
fn no_blank_node_anywhere() {
    let quads = exported_quads();
    assert!(quads.len() > 4000);
    for q in &quads {
        assert!(!matches!(q.subject, NamedOrBlankNode::BlankNode(_)), "{q}");
        assert!(!matches!(q.object, Term::BlankNode(_)), "{q}");
        assert!(!q.graph_name.is_blank_node(), "{q}");
    }
    assert!(!nea(&["export"]).ok().contains("_:"));
}

#[test]
fn every_statement_event_claim_statistic_and_mention_has_evidence() {
    let kinds = "rdf:Statement nea:Event schema:Claim nea:Statistic nea:Mention";
    let all = format!(
        "{PREFIXES} SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ VALUES ?kind {{ {kinds} }} ?x a ?kind }}"
    );
    let with_evidence = format!(
        "{PREFIXES} SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ VALUES ?kind {{ {kinds} }} ?x a ?kind ;
           prov:wasDerivedFrom ?e . ?e oa:hasSource ?a ; oa:hasSelector ?q, ?p ;
           nea:paragraph ?paragraph ; nea:sentence ?sentence .
           ?q a oa:TextQuoteSelector . ?p a oa:TextPositionSelector }}"
    );
    let all = count(&all);
    assert!(all >= 150, "{all}");
    assert_eq!(count(&with_evidence), all, "something has no evidence");
}

#[test]
fn every_entity_has_an_english_label_and_a_class_of_the_ontology() {
    let entities = format!(
        "{PREFIXES} SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE {{ ?e a ?c . ?c rdfs:subClassOf+ nea:Entity }}"
    );
    assert_eq!(
        count(&entities),
        36,
        "34 entities of the registry, the article's author and the editor of its last line"
    );
    let q = format!(
        "{PREFIXES} ASK {{ ?e a ?c . ?c rdfs:subClassOf+ nea:Entity
           FILTER NOT EXISTS {{ ?e rdfs:label ?l ; <http://www.w3.org/2004/02/skos/core#prefLabel> ?l
             FILTER(LANGMATCHES(LANG(?l), \"en\")) }} }}"
    );
    assert!(!ask(&q), "an entity has no English label");
}

#[test]
fn wikidata_links_are_the_checked_ones() {
    let q = format!(
        "{PREFIXES} SELECT ?label ?qid WHERE {{ ?e <http://www.w3.org/2002/07/owl#sameAs> ?wd ; rdfs:label ?l .
           BIND(STR(?l) AS ?label) BIND(STRAFTER(STR(?wd), \"http://www.wikidata.org/entity/\") AS ?qid) }} ORDER BY ?qid"
    );
    let rows = csv_rows(
        &nea(&["query", &q, "--format", "csv"]).ok(),
        &["label", "qid"],
    );
    let got: Vec<String> = rows.iter().map(|r| format!("{} {}", r[1], r[0])).collect();
    assert_eq!(
        got,
        [
            "Q11708 Southeast Asia",
            "Q148 China",
            "Q1490 Tokyo",
            "Q17 Japan",
            "Q212 Ukraine",
            "Q22686 Donald Trump",
            "Q30 United States",
            "Q458 European Union",
            "Q7184 North Atlantic Treaty Organization",
            "Q7768 Association of Southeast Asian Nations",
            "Q884 Republic of Korea",
        ]
    );
}

#[test]
fn time_keeps_its_precision() {
    let q = format!(
        "{PREFIXES} SELECT ?fact ?type WHERE {{ ?f nea:date ?d . BIND(STRAFTER(STR(?f), \"/fact/\") AS ?fact)
           BIND(STRAFTER(STR(DATATYPE(?d)), \"#\") AS ?type) }} ORDER BY ?fact"
    );
    let rows = csv_rows(
        &nea(&["query", &q, "--format", "csv"]).ok(),
        &["fact", "type"],
    );
    let get = |f: &str| {
        rows.iter()
            .find(|r| r[0] == f)
            .map(|r| r[1].as_str())
            .unwrap()
    };
    assert_eq!(get("japan-rok-normalization"), "gYear"); // "in 1965"
    assert_eq!(get("summit-2024"), "gYearMonth"); // "May last year"
    assert_eq!(get("fmm-11"), "date"); // "March 22"
    let inferred = format!(
        "{PREFIXES} SELECT (COUNT(*) AS ?n) WHERE {{ ?f nea:dateKnownBy nea:Inferred ; nea:dateBasis ?b ; rdfs:comment ?b }}"
    );
    assert_eq!(
        count(&inferred),
        2,
        "the years of \"March 22\" and \"May last year\""
    );
}

#[test]
fn quantities_are_typed_values_with_units() {
    let q = format!(
        "{PREFIXES} ASK {{ ?s a schema:MonetaryAmount ; schema:value 800000000000 ; schema:currency \"USD\" ;
           nea:approximate false . FILTER(DATATYPE(800000000000) = xsd:integer) }}"
    );
    assert!(ask(&q));
    let q = format!(
        "{PREFIXES} ASK {{ ?s a schema:QuantitativeValue ; schema:value 25 ; schema:unitText \"percent\" ; nea:approximate true }}"
    );
    assert!(ask(&q));
}

#[test]
fn facts_are_apart_from_claims() {
    let q = format!("{PREFIXES} ASK {{ ?x a schema:Claim, nea:Fact }}");
    assert!(!ask(&q));
    let q =
        format!("{PREFIXES} ASK {{ ?x a nea:Fact FILTER NOT EXISTS {{ ?x nea:knownBy ?how }} }}");
    assert!(!ask(&q), "every fact says how it is known");
}

#[test]
fn four_kinds_of_named_graph_and_a_dataset_description() {
    let q = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g";
    let rows = csv_rows(&nea(&["query", q, "--format", "csv"]).ok(), &["g", "n"]);
    let graphs: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(
        graphs,
        [
            "https://w3id.org/nea-kg/graph/confidence-builder",
            "https://w3id.org/nea-kg/graph/entities",
            "https://w3id.org/nea-kg/graph/metadata",
            "https://w3id.org/nea-kg/graph/ontology",
        ]
    );
    // The entities graph holds the descriptions of the entities and of the shared
    // events, and nothing else.
    let q = format!(
        "{PREFIXES} ASK {{ GRAPH <https://w3id.org/nea-kg/graph/entities> {{ ?s ?p ?o FILTER(!STRSTARTS(STR(?s), STR(kg:)) && !STRSTARTS(STR(?s), \"https://w3id.org/nea-kg/event/\")) }} }}"
    );
    assert!(!ask(&q));
    let q = format!(
        "{PREFIXES} ASK {{ GRAPH <https://w3id.org/nea-kg/graph/entities> {{ <https://w3id.org/nea-kg/event/ninth-trilateral-summit> a nea:Summit }} }}"
    );
    assert!(ask(&q));
    // The description gives each graph's size and the article's checksum.
    let q = format!(
        "{PREFIXES} SELECT ?triples ?sha WHERE {{ GRAPH <https://w3id.org/nea-kg/graph/metadata> {{
           <https://w3id.org/nea-kg/graph/confidence-builder> void:triples ?triples .
           <https://w3id.org/nea-kg/article/confidence-builder> nea:sha256 ?sha }} }}"
    );
    let meta = csv_rows(
        &nea(&["query", &q, "--format", "csv"]).ok(),
        &["triples", "sha"],
    );
    assert_eq!(meta[0][0], rows[0][1]);
    use sha2::Digest;
    let sha: String = sha2::Sha256::digest(article().as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(meta[0][1], sha);
}
