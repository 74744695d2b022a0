//! The dataset description as a catalogue reads it (DCAT-AP): the graph's licence, the
//! rights of the articles' words, a distribution per export format with its media
//! type, and `export --no-text` for a graph without the articles' text. (That it
//! conforms to the DCAT-AP shapes is checked by tests/dcat/validate.py, in CI.)

use crate::{csv_rows, nea, rows, Fixture};

#[test]
fn the_dataset_has_a_licence_and_the_rights_of_the_words() {
    let rows_ = crate::select(
        "SELECT ?license ?rights WHERE { <https://w3id.org/nea-kg/dataset> dcterms:license ?license ; dcterms:rights ?r . ?r a dcterms:RightsStatement ; rdfs:label ?rights }",
        &["license", "rights"],
    );
    assert_eq!(rows_.len(), 1);
    assert_eq!(rows_[0][0], "https://creativecommons.org/licenses/by/4.0/");
    assert!(
        rows_[0][1].contains("the rights in them stay with their publishers and authors"),
        "{}",
        rows_[0][1]
    );
    let article = crate::select(
        "SELECT ?rights WHERE { <https://w3id.org/nea-kg/article/confidence-builder> dcterms:rights/rdfs:label ?rights }",
        &["rights"],
    );
    assert_eq!(
        article,
        rows(&[&["The text of the article \u{201c}Confidence builder\u{201d} is copied byte for byte, as its publisher published it, into schema:text, and quoted in the evidence, so that every fact can be checked against it. The rights in the text stay with its publisher and author; the dataset's licence (CC BY 4.0) does not cover it."]])
    );
}

#[test]
fn each_export_format_is_a_distribution_with_its_media_type() {
    let got = crate::select(
        "SELECT ?d ?media ?format ?access ?license WHERE { <https://w3id.org/nea-kg/dataset> dcat:distribution ?d . ?d a dcat:Distribution ; dcat:mediaType ?media ; dcterms:format ?format ; dcat:accessURL ?access ; dcterms:license ?license } ORDER BY ?d",
        &["d", "media", "format", "access", "license"],
    );
    let d = "https://w3id.org/nea-kg/dataset/distribution/";
    let iana = "https://www.iana.org/assignments/media-types/";
    let eu = "http://publications.europa.eu/resource/authority/file-type/";
    let expected: Vec<Vec<String>> = [
        ("jsonld", "application/ld+json", "JSON_LD"),
        ("nq", "application/n-quads", "RDF_N_QUADS"),
        ("nt", "application/n-triples", "RDF_N_TRIPLES"),
        ("rdf", "application/rdf+xml", "RDF_XML"),
        ("trig", "application/trig", "RDF_TRIG"),
        ("ttl", "text/turtle", "RDF_TURTLE"),
    ]
    .iter()
    .map(|(ext, media, format)| {
        vec![
            format!("{d}{ext}"),
            format!("{iana}{media}"),
            format!("{eu}{format}"),
            "https://w3id.org/nea-kg/dataset".to_owned(),
            "https://creativecommons.org/licenses/by/4.0/".to_owned(),
        ]
    })
    .collect();
    assert_eq!(got, expected);
    // Each media type is one `export --format` takes.
    for row in &expected {
        let media = row[1].strip_prefix(iana).unwrap();
        let out = nea(&["export", "--graphs", "metadata", "--format", media]).ok();
        assert!(!out.is_empty(), "{media}");
    }
}

#[test]
fn a_sheet_gives_the_rights_and_the_source_of_its_text() {
    let fx = Fixture::new();
    fx.edit(
        "facts.toml",
        "genre = \"opinion\"\n",
        "genre = \"opinion\"\nurl = \"https://example.org/confidence-builder\"\nrights = \"© China Daily. Copied with the publisher's permission.\"\n",
    );
    let out = fx
        .run(&[
            "query",
            "SELECT ?rights ?source WHERE { <https://w3id.org/nea-kg/article/confidence-builder> dcterms:rights ?r . ?r rdfs:label ?rights ; dcterms:source ?source }",
            "--format",
            "csv",
        ])
        .ok();
    assert_eq!(
        csv_rows(&out, &["rights", "source"]),
        rows(&[&[
            "© China Daily. Copied with the publisher's permission.",
            "https://example.org/confidence-builder"
        ]])
    );
    // Without the key, the default names the source.
    let fx = Fixture::new();
    fx.edit(
        "facts.toml",
        "genre = \"opinion\"\n",
        "genre = \"opinion\"\nurl = \"https://example.org/confidence-builder\"\n",
    );
    let out = fx
        .run(&[
            "query",
            "SELECT ?rights WHERE { ?article dcterms:rights/rdfs:label ?rights }",
            "--format",
            "csv",
        ])
        .ok();
    assert!(
        out.contains("as published at https://example.org/confidence-builder, into schema:text"),
        "{out}"
    );
}

#[test]
fn no_text_leaves_the_articles_text_out_and_the_counts_say_so() {
    let all = nea(&["export", "--format", "nq"]).ok();
    let without = nea(&["export", "--format", "nq", "--no-text"]).ok();
    let text = "<https://w3id.org/nea-kg/article/confidence-builder> <http://schema.org/text> ";
    assert_eq!(all.lines().filter(|l| l.starts_with(text)).count(), 1);
    assert_eq!(without.lines().filter(|l| l.starts_with(text)).count(), 0);
    // Claims keep their text.
    let claims = |nq: &str| {
        nq.lines()
            .filter(|l| l.contains("/claim/") && l.contains("<http://schema.org/text>"))
            .count()
    };
    assert!(claims(&without) > 10);
    assert_eq!(claims(&without), claims(&all));
    let count = |nq: &str, subject: &str| -> i64 {
        let line = nq
            .lines()
            .find(|l| l.starts_with(&format!("<{subject}> <http://rdfs.org/ns/void#triples> ")))
            .unwrap();
        line.split('"').nth(1).unwrap().parse().unwrap()
    };
    for subject in [
        "https://w3id.org/nea-kg/dataset",
        "https://w3id.org/nea-kg/graph/confidence-builder",
    ] {
        assert_eq!(
            count(&without, subject),
            count(&all, subject) - 1,
            "{subject}"
        );
    }
    let graph = "<https://w3id.org/nea-kg/graph/confidence-builder> .";
    assert_eq!(
        without.lines().filter(|l| l.ends_with(graph)).count() as i64,
        count(&without, "https://w3id.org/nea-kg/graph/confidence-builder")
    );
    let run = nea(&["export", "--format", "html", "--no-text"]);
    assert_eq!(
        run.input_error(),
        "error: --no-text and --format html: the report shows the article's text\n  leave out --no-text, or export RDF\n"
    );
}
