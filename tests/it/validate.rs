//! `nea-kg validate`: the shipped graph conforms; a graph with one thing broken per
//! shape gives exactly that one violation, and exit status 1.

use crate::nea;

#[test]
fn the_shipped_graph_conforms() {
    let run = nea(&["validate"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.stderr,
        format!(
            "the embedded graph conforms: {} quads checked against 62 shapes and the article's text\n",
            crate::embedded_quads()
        )
    );
    let json: serde_json::Value =
        serde_json::from_str(&nea(&["validate", "--format", "json"]).ok()).unwrap();
    assert_eq!(json["conforms"], true);
    assert_eq!(json["violations"], serde_json::json!([]));
}

/// Each case of `tests/shacl/broken-graphs.json` (shared with `tests/shacl/agree.py`,
/// which checks that pyshacl agrees): the export as N-Quads with one thing broken,
/// validated with `--data`, gives exactly the case's violations, and exit status 1.
#[test]
fn each_broken_graph_gives_exactly_its_violations() {
    let file = crate::repo("tests/shacl/broken-graphs.json");
    let cases: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
    let cases = cases["cases"].as_array().unwrap();
    assert!(cases.len() >= 9, "{} cases", cases.len());
    let nq = nea(&["export", "--format", "nq"]).ok();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.nq");
    for case in cases {
        let name = case["name"].as_str().unwrap();
        let edited: String = match (case.get("without"), case.get("replace")) {
            (Some(without), None) => {
                let without = without.as_str().unwrap();
                nq.lines()
                    .filter(|l| !l.contains(without))
                    .map(|l| format!("{l}\n"))
                    .collect()
            }
            (None, Some(replace)) => {
                nq.replace(replace[0].as_str().unwrap(), replace[1].as_str().unwrap())
            }
            _ => panic!("{name}: give `without` or `replace`"),
        };
        assert_ne!(edited, nq, "{name}: the edit changed nothing");
        std::fs::write(&path, edited).unwrap();
        let run = nea(&[
            "validate",
            "--data",
            path.to_str().unwrap(),
            "--format",
            "json",
        ]);
        assert_eq!(run.code, 1, "{name}: {}", run.stderr);
        let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
        assert_eq!(report["conforms"], false, "{name}");
        let fields = ["focus", "path", "shape", "constraint", "message"];
        let got: Vec<Vec<&serde_json::Value>> = report["violations"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| fields.iter().map(|f| &v[*f]).collect())
            .collect();
        let expected: Vec<Vec<&serde_json::Value>> = case["violations"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| fields.iter().map(|f| &v[*f]).collect())
            .collect();
        assert_eq!(got, expected, "{name}");
        let n = expected.len();
        assert!(
            run.stderr.ends_with(&format!(
                "does not conform: {n} violation{}\n",
                if n == 1 { "" } else { "s" }
            )),
            "{name}: {}",
            run.stderr
        );
    }
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
