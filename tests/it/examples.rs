//! The example corpus (`examples/corpus`): three real articles of three genres. Each
//! construct of the model for any article is pinned here on the words of a real text:
//! a named voice reported without a side taken, a joint voice, a planned event over an
//! interval, a negated fact, a lower bound, article-local aliases over a registry in
//! layers, one event reported by several articles, nested mentions, the article column.

use crate::{csv_rows, nea, repo, rows};

const VOA: &str = "https://w3id.org/nea-kg/article/voa-summit-2024";
const DECLARATION: &str = "https://w3id.org/nea-kg/article/joint-declaration-2024";
const OPINION: &str = "https://w3id.org/nea-kg/article/confidence-builder";
const NINTH: &str = "https://w3id.org/nea-kg/event/ninth-trilateral-summit";

fn corpus() -> String {
    repo("examples/corpus").to_str().unwrap().to_owned()
}

/// A query over the example corpus: its CSV rows.
#[track_caller]
fn select(query: &str, header: &[&str]) -> Vec<Vec<String>> {
    let out = nea(&["query", query, "--corpus", &corpus(), "--format", "csv"]).ok();
    csv_rows(&out, header)
}

#[track_caller]
fn ask(query: &str) -> bool {
    let out = nea(&["query", query, "--corpus", &corpus(), "--format", "csv"]).ok();
    match out.trim_end() {
        "true" => true,
        "false" => false,
        other => panic!("not a boolean: {other}"),
    }
}

#[test]
fn the_corpus_builds_and_conforms() {
    let run = nea(&["validate", "--corpus", &corpus()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.starts_with("the corpus ") && run.stderr.contains(" conforms: "),
        "{}",
        run.stderr
    );
    let articles = select(
        "SELECT ?a ?genre WHERE { ?a a schema:Article ; a ?genre FILTER(?genre IN (nea:NewsReport, nea:OpinionPiece, nea:JointDeclaration)) } ORDER BY ?a",
        &["a", "genre"],
    );
    assert_eq!(
        articles,
        rows(&[
            &[OPINION, "https://w3id.org/nea-kg/ontology#OpinionPiece"],
            &[
                DECLARATION,
                "https://w3id.org/nea-kg/ontology#JointDeclaration"
            ],
            &[VOA, "https://w3id.org/nea-kg/ontology#NewsReport"],
        ])
    );
}

/// "Liu Pengyu, a spokesperson for the Chinese Embassy in Washington, told VOA on May
/// 14 that …": a named person's claim, which the reporter only reports; the words of
/// attribution are its evidence, and the date it was said is inferred (no year).
#[test]
fn a_named_person_s_claim_is_reported_without_taking_a_side() {
    let q = "SELECT ?claimant ?voice ?stance ?said ?dateKnown ?phrase ?attribution WHERE {
        ?c a schema:Claim ; schema:appearance <https://w3id.org/nea-kg/article/voa-summit-2024> ;
           nea:claimant ?who ; nea:voice ?voice ; nea:stance ?stance ;
           schema:dateCreated ?said ; nea:dateKnownBy ?dateKnown ;
           nea:reportingPhrase ?phrase ; nea:attribution/oa:hasSelector/oa:exact ?attribution .
        ?who rdfs:label ?l . BIND(STR(?l) AS ?claimant)
        FILTER(?who = kg:liu-pengyu) }";
    let got = select(
        q,
        &[
            "claimant",
            "voice",
            "stance",
            "said",
            "dateKnown",
            "phrase",
            "attribution",
        ],
    );
    let attribution =
        "Liu Pengyu, a spokesperson for the Chinese Embassy in Washington, told VOA on May 14";
    assert_eq!(
        got,
        rows(&[&[
            "Liu Pengyu",
            "https://w3id.org/nea-kg/ontology#NamedVoice",
            "https://w3id.org/nea-kg/ontology#Reports",
            "2024-05-14",
            "https://w3id.org/nea-kg/ontology#Inferred",
            attribution,
            attribution,
        ]])
    );
    // No claim of the news report is the reporter's: each is someone's, reported.
    let q = "SELECT ?stance (COUNT(*) AS ?n) WHERE { ?c schema:appearance <https://w3id.org/nea-kg/article/voa-summit-2024> ; nea:stance ?stance ; nea:voice ?v FILTER(?v != nea:AuthorVoice) } GROUP BY ?stance";
    assert_eq!(
        select(q, &["stance", "n"]),
        rows(&[&["https://w3id.org/nea-kg/ontology#Reports", "5"]])
    );
}

/// "we reaffirmed our commitment …": the three leaders speak as one; "Japan and the
/// People's Republic of China expressed appreciation": two of the three.
#[test]
fn a_joint_voice_names_every_claimant() {
    let q = "SELECT ?claim ?claimant ?stance ?article WHERE {
        ?c schema:text ?t ; nea:voice nea:JointVoice ; nea:stance/skos:notation ?s ; schema:appearance ?article .
        BIND(STR(?t) AS ?claim) BIND(STR(?s) AS ?stance)
        { SELECT ?c (COUNT(?who) AS ?claimant) WHERE { ?c nea:claimant ?who } GROUP BY ?c }
        FILTER(CONTAINS(?claim, \"appreciate\") || CONTAINS(?claim, \"Vision\")) } ORDER BY ?claim";
    assert_eq!(
        select(q, &["claim", "claimant", "stance", "article"]),
        rows(&[
            &["Japan and China appreciate the efforts of the Republic of Korea, as chair, to bring trilateral cooperation back on track.", "2", "reports", DECLARATION],
            &["The three leaders reaffirm their commitment to implementing the Trilateral Cooperation Vision for the Next Decade.", "3", "endorses", DECLARATION],
        ])
    );
    // cq07 names them.
    let out = nea(&["query", "cq07", "--corpus", &corpus(), "--format", "csv"]).ok();
    assert!(out.contains("track.\",\"China, Japan\",reports,"), "{out}");
}

/// "expected to hold their summit from May 26 to 27": planned, over an interval whose
/// two ends are days, the year inferred from the date of publication.
#[test]
fn a_planned_event_over_an_interval() {
    let q = "SELECT ?status ?start ?end ?begin ?finish ?dateKnown WHERE {
        <https://w3id.org/nea-kg/article/voa-summit-2024/fact/voa-ninth-summit> nea:status ?status ;
          nea:startDate ?start ; nea:endDate ?end ; nea:dateKnownBy ?dateKnown ;
          time:hasTime ?t . ?t a time:Interval ;
          time:hasBeginning/time:inXSDDate ?begin ; time:hasEnd/time:inXSDDate ?finish }";
    assert_eq!(
        select(
            q,
            &["status", "start", "end", "begin", "finish", "dateKnown"]
        ),
        rows(&[&[
            "https://w3id.org/nea-kg/ontology#Planned",
            "2024-05-26",
            "2024-05-27",
            "2024-05-26",
            "2024-05-27",
            "https://w3id.org/nea-kg/ontology#Inferred",
        ]])
    );
}

/// "Li Qiang is expected to attend in place of Chinese President Xi Jinping": Li Qiang's
/// attendance is a direct triple of the planned summit's statement; Xi Jinping's is a
/// negated statement, and never a triple.
#[test]
fn a_negated_fact_has_no_direct_triple() {
    let statement = "SELECT ?negated WHERE { ?s a rdf:Statement ; rdf:predicate schema:attendee ; rdf:object kg:xi-jinping ; nea:negated ?negated ; nea:status nea:Planned }";
    assert_eq!(select(statement, &["negated"]), rows(&[&["true"]]));
    assert!(!ask("ASK { ?summit schema:attendee kg:xi-jinping }"));
    assert!(ask("ASK { ?s a rdf:Statement ; rdf:predicate schema:attendee ; rdf:object kg:li-qiang ; nea:status nea:Planned }"));
    // A planned attendance is not asserted as a triple either: it has not happened.
    assert!(!ask("ASK { ?summit schema:attendee kg:li-qiang }"));
}

/// "their first trilateral summit since December 2019": no summit after December 2019
/// (a negated event bounded below), and one in December 2019, inferred.
#[test]
fn a_lower_bound_keeps_its_precision() {
    let q = "SELECT ?after ?type ?negated WHERE {
        <https://w3id.org/nea-kg/article/voa-summit-2024/fact/no-summit-since-2019> nea:dateAfter ?after ; nea:negated ?negated ;
          time:hasTime ?t . ?t a time:Interval ; time:after/time:inXSDgYearMonth ?a . BIND(DATATYPE(?a) AS ?type)
        FILTER NOT EXISTS { <https://w3id.org/nea-kg/article/voa-summit-2024/fact/no-summit-since-2019> nea:dateBefore ?b } }";
    assert_eq!(
        select(q, &["after", "type", "negated"]),
        rows(&[&[
            "2019-12",
            "http://www.w3.org/2001/XMLSchema#gYearMonth",
            "true"
        ]])
    );
    let out = nea(&[
        "query",
        "timeline",
        "--corpus",
        &corpus(),
        "--format",
        "csv",
    ])
    .ok();
    assert!(out.contains("after:2019-12,A China-Japan-ROK trilateral summit after December 2019,stated,did not happen,"), "{out}");
    assert!(out.contains("after:2024-05-13 before:2024-05-19,Summit of China and Russia in May 2024,inferred,happened,"), "{out}");
}

/// The corpus's registry adds to the built-in one; "South Korea", "PRC" and "Pengyu" are
/// names only the news report gives, "TCS" only the declaration: mentions there, and
/// labels in that article's graph alone.
#[test]
fn a_registry_in_layers_and_names_local_to_one_article() {
    // From the corpus's registry, beside the built-in one.
    assert!(ask("ASK { GRAPH <https://w3id.org/nea-kg/graph/entities> { kg:liu-pengyu a nea:Person . kg:rok a nea:Country } }"));
    let q = "SELECT ?name ?entity ?g WHERE { GRAPH ?g { ?m nea:mentionOf ?e ; prov:wasDerivedFrom/oa:hasSelector/oa:exact ?x } BIND(STR(?x) AS ?name) BIND(STR(?e) AS ?entity) FILTER(?name IN (\"South Korea\", \"PRC\", \"Pengyu\", \"TCS\")) } ORDER BY ?g ?name";
    let got = select(q, &["name", "entity", "g"]);
    assert_eq!(
        got,
        rows(&[
            &[
                "TCS",
                "https://w3id.org/nea-kg/id/tcs",
                "https://w3id.org/nea-kg/graph/joint-declaration-2024"
            ],
            &[
                "PRC",
                "https://w3id.org/nea-kg/id/china",
                "https://w3id.org/nea-kg/graph/voa-summit-2024"
            ],
            &[
                "PRC",
                "https://w3id.org/nea-kg/id/china",
                "https://w3id.org/nea-kg/graph/voa-summit-2024"
            ],
            &[
                "Pengyu",
                "https://w3id.org/nea-kg/id/liu-pengyu",
                "https://w3id.org/nea-kg/graph/voa-summit-2024"
            ],
            &[
                "South Korea",
                "https://w3id.org/nea-kg/id/rok",
                "https://w3id.org/nea-kg/graph/voa-summit-2024"
            ],
            &[
                "South Korea",
                "https://w3id.org/nea-kg/id/rok",
                "https://w3id.org/nea-kg/graph/voa-summit-2024"
            ],
        ])
    );
    // A local alias is a label in its article's graph only, never in the entities
    // graph that every article shares.
    let q = "SELECT ?g WHERE { GRAPH ?g { kg:rok skos:altLabel ?l FILTER(STR(?l) = \"South Korea\") } }";
    assert_eq!(
        select(q, &["g"]),
        rows(&[&["https://w3id.org/nea-kg/graph/voa-summit-2024"]])
    );
}

/// The Ninth Trilateral Summit: one node, reported by the three articles (planned in
/// the news report, held in the declaration, "May last year" in the opinion piece),
/// each report's evidence on it.
#[test]
fn one_event_reported_by_three_articles() {
    let q = format!("SELECT ?article ?status ?date WHERE {{ ?f nea:reportsEvent <{NINTH}> ; prov:wasDerivedFrom/oa:hasSource ?article . OPTIONAL {{ ?f nea:status/skos:notation ?s }} OPTIONAL {{ ?f nea:date ?d }} OPTIONAL {{ ?f nea:startDate ?st }} BIND(COALESCE(STR(?s), \"\") AS ?status) BIND(STR(COALESCE(?d, ?st)) AS ?date) }} ORDER BY ?article");
    assert_eq!(
        select(&q, &["article", "status", "date"]),
        rows(&[
            &[OPINION, "happened", "2024-05"],
            &[DECLARATION, "happened", "2024-05-27"],
            &[VOA, "planned", "2024-05-26"],
        ])
    );
    let q = format!("SELECT DISTINCT ?source WHERE {{ <{NINTH}> prov:wasDerivedFrom/oa:hasSource ?source }} ORDER BY ?source");
    assert_eq!(
        select(&q, &["source"]),
        rows(&[&[OPINION], &[DECLARATION], &[VOA]])
    );
    // Described once, in the entities graph; what the registry says is background.
    let q = format!(
        "SELECT ?g ?known WHERE {{ GRAPH ?g {{ <{NINTH}> a nea:Summit ; nea:knownBy ?known }} }}"
    );
    assert_eq!(
        select(&q, &["g", "known"]),
        rows(&[&[
            "https://w3id.org/nea-kg/graph/entities",
            "https://w3id.org/nea-kg/ontology#Background"
        ]])
    );
    let out = nea(&[
        "query",
        "shared-events",
        "--corpus",
        &corpus(),
        "--format",
        "csv",
    ])
    .ok();
    assert!(
        out.starts_with("event,report,date,status,exact,article\r\n"),
        "{out}"
    );
    assert_eq!(
        out.matches("Ninth China-Japan-ROK Trilateral Summit,")
            .count(),
        3,
        "{out}"
    );
    assert_eq!(
        out.matches("Eighth China-Japan-ROK Trilateral Summit,")
            .count(),
        2,
        "{out}"
    );
}

/// "Chinese Embassy in Washington", "VOA’s Korean Service", "Charter of the United
/// Nations": names inside names are mentions nested in the enclosing one.
#[test]
fn names_inside_names_are_nested_mentions() {
    let q = "SELECT ?inner ?outer WHERE { ?m nea:nestedIn ?o ; nea:mentionOf ?e . ?o nea:mentionOf ?f .
        ?e rdfs:label ?i . ?f rdfs:label ?u . BIND(STR(?i) AS ?inner) BIND(STR(?u) AS ?outer)
        FILTER(?e IN (kg:united-states, kg:voa, kg:united-nations) && LANGMATCHES(LANG(?i), \"en\") && LANGMATCHES(LANG(?u), \"en\")) } ORDER BY ?inner ?outer";
    assert_eq!(
        select(q, &["inner", "outer"]),
        rows(&[
            &["United Nations", "Charter of the United Nations"],
            &["United States", "Embassy of China in the United States"],
            // "US" in "US-Japan-ROK cooperation framework", in the opinion piece.
            &["United States", "US-Japan-ROK cooperation framework"],
            &["Voice of America", "VOA Korean Service"],
        ])
    );
    // cq11 counts both kinds, per article.
    let out = nea(&["query", "cq11", "--corpus", &corpus(), "--format", "csv"]).ok();
    assert!(
        out.contains(&format!("Liu Pengyu,2,0,{VOA}\r\n")),
        "a shorter name inside the longer one of the same entity is no second mention: {out}"
    );
    assert!(
        out.contains(&format!("United Nations,0,1,{DECLARATION}\r\n")),
        "{out}"
    );
}

/// Rows that come from a text say which: Li Qiang's evidence comes from two articles,
/// each row with its own article, never offsets of two texts unmarked.
#[test]
fn every_row_from_a_text_names_its_article() {
    let out = nea(&[
        "query",
        "entity-evidence",
        "--bind",
        "name=Li Qiang",
        "--corpus",
        &corpus(),
        "--format",
        "csv",
    ])
    .ok();
    let rows = csv_rows(
        &out,
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
    let mut articles: Vec<&str> = rows.iter().map(|r| r[6].as_str()).collect();
    articles.dedup();
    assert_eq!(articles, [DECLARATION, VOA]);
    let voa = std::fs::read_to_string(repo("examples/corpus/voa-summit-2024.txt")).unwrap();
    let declaration =
        std::fs::read_to_string(repo("examples/corpus/joint-declaration-2024.txt")).unwrap();
    for r in &rows {
        let text = if r[6] == VOA { &voa } else { &declaration };
        let (start, end): (usize, usize) = (r[2].parse().unwrap(), r[3].parse().unwrap());
        let words: String = text.chars().skip(start).take(end - start).collect();
        assert_eq!(
            words, r[1],
            "the offsets select the words, in their own article"
        );
    }
    // cq10 reads each article's own graph: the declaration's authors with the
    // positions the declaration gives, the news report's publisher.
    let out = nea(&["query", "cq10", "--corpus", &corpus(), "--format", "csv"]).ok();
    assert!(out.contains(&format!("Li Qiang,Premier of the State Council of the People’s Republic of China,,,Office of the President of the Republic of Korea,{DECLARATION}\r\n")), "{out}");
    assert!(!out.contains("Premier of China,"), "{out}");
    assert!(
        out.contains(&format!(",,,,Voice of America,{VOA}\r\n")),
        "{out}"
    );
}
