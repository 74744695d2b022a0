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

/// The entities' graph alone names classes whose hierarchy lives in the ontology: the
/// shapes' sh:class and sh:targetClass need it, given by --with-ontology (the shipped
/// one) or --ontology FILE. What is left is what the entities' graph really lacks (an
/// event's evidence is in the article's graph).
#[test]
fn the_ontology_can_be_added_to_the_data_graph() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("entities.nq");
    std::fs::write(
        &path,
        nea(&["export", "--format", "nq", "--graphs", "entities"]).ok(),
    )
    .unwrap();
    let data = path.to_str().unwrap();
    let count = |args: &[&str]| -> Vec<serde_json::Value> {
        let run = nea(args);
        assert_eq!(run.code, 1, "{}", run.stderr);
        let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
        report["violations"].as_array().unwrap().clone()
    };
    let alone = count(&["validate", "--data", data, "--format", "json"]);
    assert!(
        alone
            .iter()
            .filter(|v| v["constraint"] == "sh:class")
            .count()
            > 10,
        "{} violations",
        alone.len()
    );
    let with = count(&[
        "validate",
        "--data",
        data,
        "--with-ontology",
        "--format",
        "json",
    ]);
    assert_eq!(with.len(), 1, "{with:?}");
    assert_eq!(with[0]["constraint"], "sh:minCount");
    let ontology = crate::repo("ontology/nea.ttl");
    let given = count(&[
        "validate",
        "--data",
        data,
        "--ontology",
        ontology.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(given, with);
}

/// The report as RDF: a sh:ValidationReport with IRIs (no blank nodes), the same bytes
/// on every run; sh:conforms true for the shipped graph, in Turtle and JSON-LD.
#[test]
fn the_rdf_report_of_a_conforming_graph() {
    let ttl = nea(&["validate", "--format", "ttl"]);
    assert_eq!(ttl.code, 0, "{}", ttl.stderr);
    assert_eq!(
        ttl.stdout,
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n<urn:nea-kg:report:6c62272e07bb014262b821756295c58d> a sh:ValidationReport ;\n\tsh:conforms true .\n"
    );
    let jsonld = nea(&["validate", "--format", "jsonld"]).ok();
    let doc: serde_json::Value = serde_json::from_str(&jsonld).unwrap();
    let graph = doc["@graph"].as_array().unwrap();
    assert_eq!(graph.len(), 1);
    assert_eq!(graph[0]["@type"], "sh:ValidationReport");
    assert_eq!(graph[0]["sh:conforms"], "true");
}

/// A shapes file that uses what the validator does not support is refused, naming the
/// file, the shape and the term: nothing is silently left unchecked.
#[test]
fn unsupported_shacl_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let shapes = dir.path().join("shapes.ttl");
    for (body, term) in [
        (
            "ex:S a sh:NodeShape ; sh:targetNode ex:a ; sh:sparql [ sh:select \"SELECT $this WHERE {}\" ] .",
            "sh:sparql",
        ),
        (
            "ex:S a sh:NodeShape ; sh:targetNode ex:a ; sh:rule [ a sh:TripleRule ] .",
            "sh:rule",
        ),
    ] {
        std::fs::write(
            &shapes,
            format!(
                "@prefix sh: <http://www.w3.org/ns/shacl#> .\n@prefix ex: <http://example.org/> .\n{body}\n"
            ),
        )
        .unwrap();
        let err = nea(&["validate", "--shapes", shapes.to_str().unwrap()]).input_error();
        assert!(
            err.starts_with(&format!("error: {}: ", shapes.display()))
                && err.contains(&format!("the SHACL term {term} is not supported"))
                && err.ends_with("\n  fix the shapes file\n"),
            "{err}"
        );
    }
}
