//! `nea-kg validate`: the shipped graph conforms; a graph with one thing broken per
//! shape gives exactly that one violation, and exit status 1.

use crate::nea;

#[test]
fn the_shipped_graph_conforms() {
    let run = nea(&["validate"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert_eq!(run.stdout, "");
    assert_eq!(run.stderr, "the embedded graph conforms: 5589 quads checked against 61 shapes and the article's text\n");
    let json: serde_json::Value =
        serde_json::from_str(&nea(&["validate", "--format", "json"]).ok()).unwrap();
    assert_eq!(json["conforms"], true);
    assert_eq!(json["violations"], serde_json::json!([]));
}

/// The export as N-Quads with one edit, validated with `--data`.
fn broken(edit: impl Fn(&str) -> String) -> (i32, serde_json::Value, String) {
    let dir = tempfile::tempdir().unwrap();
    let nq = nea(&["export", "--format", "nq"]).ok();
    let edited = edit(&nq);
    assert_ne!(edited, nq, "the edit changed nothing");
    let path = dir.path().join("broken.nq");
    std::fs::write(&path, edited).unwrap();
    let run = nea(&[
        "validate",
        "--data",
        path.to_str().unwrap(),
        "--format",
        "json",
    ]);
    let report = serde_json::from_str(&run.stdout).unwrap();
    (run.code, report, run.stderr)
}

fn without_line(containing: &'static str) -> impl Fn(&str) -> String {
    move |nq: &str| {
        nq.lines()
            .filter(|l| !l.contains(containing))
            .map(|l| format!("{l}\n"))
            .collect()
    }
}

#[track_caller]
fn one_violation(report: &serde_json::Value, focus: &str, shape: &str, constraint: &str) {
    let violations = report["violations"].as_array().unwrap();
    assert_eq!(violations.len(), 1, "{violations:#?}");
    let v = &violations[0];
    assert_eq!(v["focus"], format!("<{focus}>"));
    assert_eq!(v["shape"], shape);
    assert_eq!(v["constraint"], constraint);
    assert_eq!(report["conforms"], false);
}

#[test]
fn a_missing_english_label() {
    let (code, report, stderr) = broken(without_line(
        "<https://w3id.org/nea-kg/id/tokyo> <http://www.w3.org/2000/01/rdf-schema#label>",
    ));
    assert_eq!(code, 1);
    assert!(
        stderr.ends_with("does not conform: 1 violation\n"),
        "{stderr}"
    );
    one_violation(
        &report,
        "https://w3id.org/nea-kg/id/tokyo",
        "<https://w3id.org/nea-kg/shapes#EntityEnglishLabelShape>",
        "sh:qualifiedValueShape",
    );
    assert_eq!(
        report["violations"][0]["message"],
        "an entity needs an English rdfs:label"
    );
}

#[test]
fn a_selector_off_by_one() {
    let (code, report, _) = broken(|nq| nq.replace("#start> \"113\"^^", "#start> \"114\"^^"));
    assert_eq!(code, 1);
    one_violation(
        &report,
        "https://w3id.org/nea-kg/article/confidence-builder/fact/fmm-11/evidence/quote",
        "grounding",
        "oa:exact = SUBSTR(schema:text, oa:start + 1, oa:end - oa:start)",
    );
    let message = report["violations"][0]["message"].as_str().unwrap();
    assert!(message.ends_with("is not the article's text at [114, 215), which is \"he 11th China-Japan-Republic of Korea Trilateral Foreign Ministers' Meeting held in Tokyo on March 22\""), "{message}");
}

#[test]
fn a_selector_past_the_end_of_the_text() {
    let (code, report, _) = broken(|nq| nq.replace("#end> \"215\"^^", "#end> \"9215\"^^"));
    assert_eq!(code, 1);
    let message = report["violations"][0]["message"].as_str().unwrap();
    assert_eq!(
        message,
        "the offsets [113, 9215) do not lie within the article's 7206 characters"
    );
}

#[test]
fn a_date_as_a_plain_string() {
    let (code, report, _) = broken(|nq| {
        nq.replace(
            "\"1965\"^^<http://www.w3.org/2001/XMLSchema#gYear>",
            "\"1965\"",
        )
    });
    assert_eq!(code, 1);
    one_violation(
        &report,
        "https://w3id.org/nea-kg/article/confidence-builder/fact/japan-rok-normalization",
        "<https://w3id.org/nea-kg/shapes#DateValueShape>",
        "sh:or",
    );
}

#[test]
fn a_claim_without_stance() {
    let (code, report, _) = broken(without_line(
        "claim-anti-region> <https://w3id.org/nea-kg/ontology#stance>",
    ));
    assert_eq!(code, 1);
    one_violation(
        &report,
        "https://w3id.org/nea-kg/article/confidence-builder/claim/claim-anti-region",
        "<https://w3id.org/nea-kg/shapes#ClaimStanceShape>",
        "sh:minCount",
    );
}

#[test]
fn a_link_that_is_not_wikidata() {
    let (code, report, _) = broken(|nq| {
        nq.replace(
            "<http://www.wikidata.org/entity/Q148>",
            "<http://dbpedia.org/resource/China>",
        )
    });
    assert_eq!(code, 1);
    one_violation(
        &report,
        "https://w3id.org/nea-kg/id/china",
        "<https://w3id.org/nea-kg/shapes#WikidataLinkShape>",
        "sh:pattern",
    );
}

#[test]
fn a_statement_without_evidence() {
    let (code, report, _) = broken(without_line(
        "fact/eu-headquarters> <http://www.w3.org/ns/prov#wasDerivedFrom>",
    ));
    assert_eq!(code, 1);
    one_violation(
        &report,
        "https://w3id.org/nea-kg/article/confidence-builder/fact/eu-headquarters",
        "<https://w3id.org/nea-kg/shapes#DerivedFromEvidenceShape>",
        "sh:minCount",
    );
}

#[test]
fn the_text_report_has_a_line_per_violation() {
    let dir = tempfile::tempdir().unwrap();
    let nq = nea(&["export", "--format", "nq"]).ok();
    let edited = nq
        .replace(
            "<http://www.wikidata.org/entity/Q148>",
            "<http://dbpedia.org/resource/China>",
        )
        .replace("<http://www.wikidata.org/entity/Q17>", "\"Q17\"");
    let path = dir.path().join("two.nq");
    std::fs::write(&path, edited).unwrap();
    let run = nea(&["validate", "--data", path.to_str().unwrap()]);
    assert_eq!(run.code, 1);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 3, "{}", run.stdout);
    assert_eq!(lines[0], "<https://w3id.org/nea-kg/id/china>  <http://www.w3.org/2002/07/owl#sameAs>  owl:sameAs must be a Wikidata entity IRI (http://www.wikidata.org/entity/Q…)  [<https://w3id.org/nea-kg/shapes#WikidataLinkShape> sh:pattern]");
    assert!(
        lines[1].starts_with(
            "<https://w3id.org/nea-kg/id/japan>  <http://www.w3.org/2002/07/owl#sameAs>  "
        ) && lines[1].ends_with("sh:nodeKind]"),
        "{}",
        lines[1]
    );
    assert!(lines[2].ends_with("sh:pattern]"));
    assert_eq!(
        run.stderr,
        format!("error: {} does not conform: 3 violations\n", path.display())
    );
}

#[test]
fn validate_data_refuses_what_it_cannot_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.ttl");
    std::fs::write(&path, "<http://a/b> <http://a/c> .\n").unwrap();
    let err = nea(&["validate", "--data", path.to_str().unwrap()]).input_error();
    assert!(
        err.starts_with(&format!("error: {}: ", path.display()))
            && err.contains("the file must be valid Turtle"),
        "{err}"
    );
    let err = nea(&["validate", "--data", "no-such.nq"]).input_error();
    assert!(
        err.starts_with("error: no-such.nq: cannot read the data:"),
        "{err}"
    );
}
