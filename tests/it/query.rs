//! `nea-kg query` and `nea-kg queries`: every output format parses with a real parser,
//! the timeout holds, updates and SERVICE are refused, errors say where.

use crate::{csv_rows, nea};
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::sparql::results::{
    QueryResultsFormat, QueryResultsParser, SliceQueryResultsParserOutput,
};
use std::io::Write;
use std::process::Stdio;
use std::time::{Duration, Instant};

const CQ09_ROWS: [[&str; 3]; 2] = [
    [
        "European Union",
        "economic integration",
        crate::EMBEDDED_ARTICLE,
    ],
    [
        "North Atlantic Treaty Organization",
        "security",
        crate::EMBEDDED_ARTICLE,
    ],
];

/// Parses SPARQL results (XML, TSV, JSON) with Oxigraph's parser into rows of values.
fn parse_results(bytes: &[u8], format: QueryResultsFormat) -> (Vec<String>, Vec<Vec<String>>) {
    match QueryResultsParser::from_format(format)
        .for_slice(bytes)
        .unwrap()
    {
        SliceQueryResultsParserOutput::Solutions(solutions) => {
            let vars: Vec<String> = solutions
                .variables()
                .iter()
                .map(|v| v.as_str().to_owned())
                .collect();
            let rows = solutions
                .map(|s| {
                    let s = s.unwrap();
                    s.values()
                        .iter()
                        .map(|t| match t {
                            Some(oxigraph::model::Term::Literal(l)) => l.value().to_owned(),
                            Some(oxigraph::model::Term::NamedNode(n)) => n.as_str().to_owned(),
                            Some(t) => t.to_string(),
                            None => String::new(),
                        })
                        .collect()
                })
                .collect();
            (vars, rows)
        }
        SliceQueryResultsParserOutput::Boolean(b) => (vec![], vec![vec![b.to_string()]]),
    }
}

#[test]
fn every_results_format_parses() {
    let expected: Vec<Vec<String>> = CQ09_ROWS
        .iter()
        .map(|r| r.iter().map(|c| (*c).to_owned()).collect())
        .collect();
    let header = ["organization", "role", "article"];
    // CSV, with a CSV reader.
    assert_eq!(
        csv_rows(&nea(&["query", "cq09", "--format", "csv"]).ok(), &header),
        expected
    );
    // JSON, with serde_json.
    let json: serde_json::Value =
        serde_json::from_str(&nea(&["query", "cq09", "--format", "json"]).ok()).unwrap();
    assert_eq!(json["head"]["vars"], serde_json::json!(header));
    let bindings = json["results"]["bindings"].as_array().unwrap();
    let from_json: Vec<Vec<String>> = bindings
        .iter()
        .map(|b| {
            header
                .iter()
                .map(|v| b[*v]["value"].as_str().unwrap().to_owned())
                .collect()
        })
        .collect();
    assert_eq!(from_json, expected);
    // XML and TSV, with Oxigraph's results parser.
    for (name, format) in [
        ("xml", QueryResultsFormat::Xml),
        ("tsv", QueryResultsFormat::Tsv),
    ] {
        let out = nea(&["query", "cq09", "--format", name]).ok();
        let (vars, rows) = parse_results(out.as_bytes(), format);
        assert_eq!(vars, header, "{name}");
        assert_eq!(rows, expected, "{name}");
    }
    // ASK in every format.
    assert_eq!(nea(&["query", "ASK { ?s a nea:Country }"]).ok(), "true\n");
    let out = nea(&["query", "ASK { ?s a nea:Country }", "--format", "xml"]).ok();
    assert_eq!(
        parse_results(out.as_bytes(), QueryResultsFormat::Xml).1,
        [["true"]]
    );
    let json: serde_json::Value =
        serde_json::from_str(&nea(&["query", "ASK { ?s a nea:Nothing }", "--format", "json"]).ok())
            .unwrap();
    assert_eq!(json["boolean"], false);
}

#[test]
fn the_table_shows_entities_by_label_and_aligns_numbers_right() {
    let out = nea(&[
        "query",
        "SELECT ?country ?n WHERE { ?country owl:sameAs wd:Q884 BIND(12 AS ?n) }",
    ])
    .ok();
    assert_eq!(
        out,
        "country            n\n─────────────────  ──\nRepublic of Korea  12\n"
    );
}

#[test]
fn construct_gives_turtle_that_parses_back() {
    let q = "CONSTRUCT { ?e rdfs:label ?l } WHERE { ?e a nea:Country ; rdfs:label ?l }";
    let ttl = nea(&["query", q]).ok();
    assert!(ttl.starts_with("@prefix"), "{ttl}");
    let triples: Vec<_> = RdfParser::from_format(RdfFormat::Turtle)
        .for_slice(ttl.as_bytes())
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(
        triples.len(),
        5,
        "China, Japan, the ROK, the US and Ukraine"
    );
    let nt = nea(&["query", q, "--format", "nt"]).ok();
    assert_eq!(nt.lines().count(), 5);
    let describe = nea(&["query", "DESCRIBE kg:tokyo"]).ok();
    assert!(describe.contains("\"Tokyo\"@en"), "{describe}");
}

#[test]
fn queries_lists_the_shipped_queries_with_their_questions() {
    let out = nea(&["queries"]).ok();
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines.len() >= 19);
    assert!(
        lines[0].starts_with("cq01  ")
            && lines[0].ends_with("normalized diplomatic relations, and in which year?")
    );
    assert!(lines[14].starts_with("cq15  "));
    for extra in ["timeline", "entities", "entity-evidence", "entity-claims"] {
        assert!(
            lines.iter().any(|l| l.starts_with(extra)),
            "{extra} is listed"
        );
    }
}

#[test]
fn a_unique_prefix_names_a_query_and_an_ambiguous_one_is_refused() {
    assert_eq!(
        csv_rows(
            &nea(&["query", "cq05-asean", "--format", "csv"]).ok(),
            &["year", "article"]
        ),
        [["1967", crate::EMBEDDED_ARTICLE]]
    );
    let err = nea(&["query", "entity"]).input_error();
    assert_eq!(err, "error: \"entity\" names several shipped queries: entity-claims, entity-evidence\n  give more of the name\n");
    let err = nea(&["query", "cq99"]).input_error();
    assert_eq!(err, "error: \"cq99\" is not a shipped query, a .rq file or SPARQL text\n  `nea-kg queries` lists the shipped queries\n");
}

#[test]
fn a_query_from_stdin() {
    let mut child = crate::command(&["query", "-", "--format", "csv"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"SELECT ?year WHERE { ?a owl:sameAs wd:Q7768 ; schema:foundingDate ?year }")
        .unwrap();
    let run = crate::wait_within(crate::HANG_GUARD, child, "nea-kg query -");
    assert_eq!(run.ok(), "year\r\n1967\r\n");
}

#[test]
fn bind_sets_a_parameter() {
    let rows = csv_rows(
        &nea(&[
            "query",
            "entity-claims",
            "--bind",
            "name=한국",
            "--format",
            "csv",
        ])
        .ok(),
        &["claim", "relation", "claimant", "stance", "article"],
    );
    assert_eq!(rows.len(), 1);
    assert!(rows[0][0].starts_with("Japan's removal of the \"share fundamental values\" phrase"));
    let rows = csv_rows(
        &nea(&[
            "query",
            "entity-evidence",
            "--bind",
            "name=Tokyo",
            "--format",
            "csv",
        ])
        .ok(),
        &[
            "kind",
            "exact",
            "start",
            "end",
            "paragraph",
            "sentence",
            "article",
        ],
    );
    let kinds: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(
        kinds,
        ["event", "mention"],
        "the meeting held in Tokyo, and the name"
    );
    let err = nea(&["query", "cq01", "--bind", "name=x"]).input_error();
    assert!(err.contains("has no `VALUES ?name { … }` block"), "{err}");
    let err = nea(&[
        "query",
        "SELECT * WHERE { VALUES ?name { \"x\" ",
        "--bind",
        "name=ROK",
    ])
    .input_error();
    assert_eq!(
        err,
        "error: the query: the VALUES ?name block is not closed\n  end it with }, as in VALUES ?name { \"ROK\" }\n"
    );
}

/// The shipped entity queries take the entity's IRI: a name, in any case or language,
/// an id or an IRI is looked up once, and each gives the same rows; a name that fits
/// no entity is an error, as in `describe`, not an empty table.
#[test]
fn an_entity_parameter_is_looked_up_by_name_id_or_iri() {
    let rows = |value: &str| {
        nea(&[
            "query",
            "entity-evidence",
            "--bind",
            value,
            "--format",
            "csv",
        ])
        .ok()
    };
    let by_name = rows("entity=Tokyo");
    assert_eq!(by_name.lines().count(), 3, "{by_name}");
    for other in [
        "entity=tokyo",
        "entity=東京",
        "entity=kg:tokyo",
        "entity=<https://w3id.org/nea-kg/id/tokyo>",
        "name=TOKYO",
    ] {
        assert_eq!(rows(other), by_name, "{other}");
    }
    // A name that two labels of one entity share ("中国") gives each row once.
    let china = rows("entity=中国");
    let mut unique: Vec<&str> = china.lines().collect();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), china.lines().count());
    assert_eq!(china, rows("entity=China"));
    let err = nea(&["query", "entity-claims", "--bind", "entity=Atlantis"]).input_error();
    assert_eq!(
        err,
        "error: no entity is named \"Atlantis\"\n  the nearest names are \"ASEAN\", \"ASEAN+3\", \"ASEAN Way\", \"Japan\", \"NATO\"\n"
    );
}

#[test]
fn timeout_stops_a_runaway_query() {
    // A cross product of all triples, several times: it would run for hours.
    let q = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }";
    let started = Instant::now();
    let run = nea(&["query", q, "--timeout", "1"]);
    let elapsed = started.elapsed();
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: the query: stopped after 1 s (--timeout)\n  narrow the query (more specific patterns, a LIMIT) or give a longer --timeout\n"
    );
    assert!(
        elapsed < Duration::from_secs(4),
        "stopped after {elapsed:?}"
    );
    // While results stream, too.
    let q = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }";
    let started = Instant::now();
    let run = nea(&["query", q, "--timeout", "1", "--format", "csv"]);
    assert_eq!(run.code, 2);
    assert!(started.elapsed() < Duration::from_secs(4));
}

/// Every form of SPARQL UPDATE is refused, with the same message.
#[test]
fn updates_are_refused() {
    for update in [
        "INSERT DATA { <http://a/b> <http://a/c> <http://a/d> }",
        "INSERT DATA { kg:x rdfs:label \"x\" }",
        "DELETE WHERE { ?s ?p ?o }",
        "LOAD <http://example.org/data.ttl>",
    ] {
        let err = nea(&["query", update]).input_error();
        assert_eq!(
            err,
            "error: the query: is a SPARQL UPDATE, and nea-kg query is read-only\n  the graph is rebuilt from the fact sheet on every run: change the sheet instead\n",
            "{update}"
        );
    }
}

/// A SERVICE call is refused wherever it is, even nested in a FILTER EXISTS; the word in
/// a string is no SERVICE call.
#[test]
fn service_is_refused() {
    for query in [
        "SELECT * WHERE { SERVICE <http://dbpedia.org/sparql> { ?s ?p ?o } }",
        "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
        "SELECT * WHERE { ?s ?p ?o FILTER EXISTS { SERVICE SILENT <http://x.example/> { ?s ?q ?r } } }",
    ] {
        let err = nea(&["query", query]).input_error();
        assert_eq!(err, "error: the query: uses SERVICE, and nea-kg never connects to another endpoint\n  load the other data into the same store, or run the query where both are\n", "{query}");
    }
    assert_eq!(
        nea(&["query", "ASK { FILTER(\"SERVICE\" != \"\") }"]).ok(),
        "true\n"
    );
}

#[test]
fn a_syntax_error_shows_line_column_and_the_place() {
    let err = nea(&["query", "SELECT * WHERE { ?s ?p }"]).input_error();
    assert!(
        err.starts_with("error: the query: SPARQL syntax error: error at 1:25"),
        "{err}"
    );
    let err = nea(&["query", "SELECT ?s\nWHERE {\n  ?s rdfs:label ?l ;\n}}"]).input_error();
    assert!(
        err.starts_with("error: the query: SPARQL syntax error: error at 4:3: expected"),
        "{err}"
    );
    assert!(
        err.contains("\n  4 | }}\n    |   ^\n  fix the query at that place\n"),
        "{err}"
    );
}
