//! Exports: every format parses back to the store's quads, byte-stable, atomic.

use crate::{nea, Fixture};
use nea_kg::cli::InputArgs;
use nea_kg::load::Kg;
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{Quad, Triple};
use std::collections::HashSet;

const FORMATS: [(&str, RdfFormat); 7] = [
    ("ttl", RdfFormat::Turtle),
    ("nt", RdfFormat::NTriples),
    ("nq", RdfFormat::NQuads),
    ("trig", RdfFormat::TriG),
    ("rdf", RdfFormat::RdfXml),
    (
        "jsonld",
        RdfFormat::JsonLd {
            profile: oxigraph::io::JsonLdProfileSet::empty(),
        },
    ),
    (
        "jsonld-dataset",
        RdfFormat::JsonLd {
            profile: oxigraph::io::JsonLdProfileSet::empty(),
        },
    ),
];

/// Whether a format keeps the named graphs (`jsonld` is compact JSON-LD of the union,
/// as N-Triples and Turtle are; `jsonld-dataset` keeps them, as N-Quads and TriG do).
fn keeps_graphs(name: &str) -> bool {
    matches!(name, "nq" | "trig" | "jsonld-dataset")
}

fn store_quads() -> HashSet<Quad> {
    let args = InputArgs {
        article: vec![],
        facts: vec![],
        entities: Vec::new(),
        no_default_entities: false,
        corpus: None,
        keep_going: false,
        store: None,
        base: nea_kg_core::DEFAULT_BASE.to_owned(),
        max_memory: None,
    };
    let kg = Kg::load(&args).unwrap();
    kg.graph.quads().unwrap().into_iter().collect()
}

fn parse(bytes: &[u8], format: RdfFormat) -> HashSet<Quad> {
    RdfParser::from_format(format)
        .for_slice(bytes)
        .collect::<Result<_, _>>()
        .unwrap_or_else(|e| panic!("{format} does not parse back: {e}"))
}

#[test]
fn every_format_parses_back_to_the_store() {
    let store = store_quads();
    let union: HashSet<Triple> = store.iter().cloned().map(Triple::from).collect();
    for (name, format) in FORMATS {
        let out = nea(&["export", "--format", name]).ok();
        let parsed = parse(out.as_bytes(), format);
        if keeps_graphs(name) {
            assert_eq!(parsed, store, "{name}: the same quads as the store");
        } else {
            let triples: HashSet<Triple> = parsed.into_iter().map(Triple::from).collect();
            assert_eq!(triples, union, "{name}: the union of the store's graphs");
        }
    }
}

#[test]
fn two_exports_are_identical_bytes() {
    for (format, _) in FORMATS {
        let a = nea(&["export", "--format", format]).ok();
        let b = nea(&["export", "--format", format]).ok();
        assert!(a == b, "{format} differs between runs");
    }
}

/// The embedded default is compiled in ready-made (build.rs); built at run time from the
/// same files it is the same graph, byte for byte.
#[test]
fn the_compiled_in_graph_is_the_one_built_from_its_files() {
    let compiled = nea(&["export", "--format", "nq"]).ok();
    let (a, f, e) = (
        crate::repo("data/article.txt"),
        crate::repo("data/facts.toml"),
        crate::repo("data/entities.toml"),
    );
    let built = nea(&[
        "export",
        "--format",
        "nq",
        "--article",
        a.to_str().unwrap(),
        "--facts",
        f.to_str().unwrap(),
        "--entities",
        e.to_str().unwrap(),
    ])
    .ok();
    assert_eq!(compiled.lines().count(), crate::embedded_quads());
    assert!(
        compiled == built,
        "the compiled-in graph differs from a fresh build"
    );
}

#[test]
fn turtle_declares_only_prefixes_in_use_and_no_escapes() {
    let ttl = nea(&["export"]).ok();
    let declared: Vec<&str> = ttl
        .lines()
        .filter_map(|l| l.strip_prefix("@prefix "))
        .map(|l| l.split(':').next().unwrap())
        .collect();
    for prefix in &declared {
        let uses = ttl
            .lines()
            .filter(|l| !l.starts_with("@prefix") && l.contains(&format!("{prefix}:")))
            .count();
        assert!(uses > 0, "@prefix {prefix} is declared but not used");
    }
    assert!(declared.contains(&"kg") && declared.contains(&"nea") && declared.contains(&"schema"));
    assert!(
        !ttl.lines().any(|l| !l.contains('"') && l.contains("\\")),
        "a backslash escape outside a literal"
    );
}

#[test]
fn the_output_file_extension_picks_the_format() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kg.nq");
    nea(&["export", "-o", path.to_str().unwrap()]).ok();
    let written = std::fs::read_to_string(&path).unwrap();
    assert_eq!(written, nea(&["export", "--format", "nq"]).ok());
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left, ["kg.nq"], "no temporary file left behind");
}

#[test]
fn a_failed_export_leaves_no_file_and_keeps_an_existing_one() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("no-such-folder").join("kg.ttl");
    let err = nea(&["export", "-o", missing.to_str().unwrap()]).input_error();
    assert!(err.contains("does not exist"), "{err}");
    assert!(!missing.exists());
    let fx = Fixture::new();
    let target = fx.path("kg.ttl");
    fx.write("kg.ttl", "precious\n");
    fx.edit(
        "facts.toml",
        "quote = \"The author is a professor\"",
        "quote = \"The author is a poet\"",
    );
    fx.run(&["export", "-o", &target]).input_error();
    assert_eq!(fx.read("kg.ttl"), "precious\n");
}

#[test]
fn a_changed_base_changes_only_the_iris_under_it() {
    let a = nea(&["export", "--format", "nt"]).ok();
    let b = nea(&[
        "export",
        "--format",
        "nt",
        "--base",
        "https://example.org/kg/",
    ])
    .ok();
    assert_eq!(a.lines().count(), b.lines().count());
    let swapped = b.replace("https://example.org/kg/", "https://w3id.org/nea-kg/");
    let mut x: Vec<&str> = a.lines().collect();
    let mut y: Vec<&str> = swapped.lines().collect();
    x.sort_unstable();
    y.sort_unstable();
    assert_eq!(x, y);
    assert!(
        b.contains("<https://w3id.org/nea-kg/ontology#"),
        "the ontology's terms do not move"
    );
}

#[test]
fn gzip_by_extension_or_format_is_deterministic() {
    use std::io::Read;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kg.nq.gz");
    nea(&["export", "-o", path.to_str().unwrap()]).ok();
    let bytes = std::fs::read(&path).unwrap();
    assert_eq!(&bytes[..2], &[0x1f, 0x8b], "gzip magic");
    let mut text = String::new();
    flate2::read::GzDecoder::new(bytes.as_slice())
        .read_to_string(&mut text)
        .unwrap();
    assert_eq!(text, nea(&["export", "--format", "nq"]).ok());
    let again = dir.path().join("again.gz");
    nea(&["export", "--format", "nq.gz", "-o", again.to_str().unwrap()]).ok();
    assert_eq!(
        std::fs::read(&again).unwrap(),
        bytes,
        "the same bytes, no time in the header"
    );
}

#[test]
fn one_graph_or_all() {
    let count = |graph: &str| {
        nea(&["export", "--format", "nq", "--graph", graph])
            .ok()
            .lines()
            .count()
    };
    let (article, entities, ontology, metadata, all) = (
        count("article"),
        count("entities"),
        count("ontology"),
        count("metadata"),
        count("all"),
    );
    assert_eq!(article + entities + ontology + metadata, all);
    assert!(ontology > 400 && metadata > 20 && article > 3000 && entities > 150);
    let ttl = nea(&["export", "--graph", "ontology"]).ok();
    assert!(
        ttl.contains("nea:Country a owl:Class"),
        "the ontology as Turtle"
    );
    assert!(!ttl.contains("kg:"), "no entity in the ontology graph");
}

#[test]
fn awkward_literals_survive_every_format() {
    let fx = Fixture::new();
    let awkward =
        "He said \"no\" \\ then \\\"yes\"\nnew line\ttab — 中国 日本国 대한민국 😀 e\u{301}";
    fx.edit(
        "facts.toml",
        "text = \"Northeast Asia should not create an East Asian version of NATO.\"",
        &format!("text = {}", crate::toml_string(awkward)),
    );
    for (name, format) in FORMATS {
        let out = fx.run(&["export", "--format", name]).ok();
        let quads = parse(out.as_bytes(), format);
        let found = quads.iter().any(
            |q| matches!(&q.object, oxigraph::model::Term::Literal(l) if l.value() == awkward),
        );
        assert!(found, "{name}: the literal did not survive");
    }
}

/// XML 1.0 cannot hold a control character other than tab, line feed and carriage
/// return, escaped or not: RDF/XML of an article that holds one is refused, by
/// `export` and by a CONSTRUCT query, before a byte is written; other formats carry it.
#[test]
fn rdf_xml_refuses_a_control_character() {
    let fx = Fixture::new();
    fx.edit(
        "article.txt",
        "Confidence builder\n",
        "Confidence builder\nA\u{1}B\n",
    );
    let message = "error: <https://w3id.org/nea-kg/article/confidence-builder> schema:text: the literal holds the control character U+0001 at offset 20, which RDF/XML cannot carry (XML 1.0 has no way to write it)\n  export Turtle, N-Triples, N-Quads, TriG or JSON-LD instead (--format ttl, nt, nq, trig or jsonld), or remove the character from the article or the sheet\n";
    let out = fx.path("kg.rdf");
    assert_eq!(fx.run(&["export", "-o", &out]).input_error(), message);
    assert!(!std::path::Path::new(&out).exists(), "no file is written");
    assert_eq!(
        fx.run(&["export", "--format", "rdf"]).input_error(),
        message
    );
    let construct = "CONSTRUCT { ?a schema:text ?t } WHERE { ?a schema:text ?t }";
    assert_eq!(
        fx.run(&["query", construct, "--format", "rdf"])
            .input_error(),
        message
    );
    let turtle = fx.run(&["export", "--format", "ttl"]).ok();
    assert!(turtle.contains("A\\u0001B"), "Turtle carries it escaped");
}

/// Oxigraph writes a literal's carriage returns as they are, and an XML parser turns
/// `\r\n` into `\n`: an article saved with CRLF line breaks came back shorter, every
/// offset shifted. They are written `&#13;`, which XML keeps.
#[test]
fn rdf_xml_keeps_carriage_returns() {
    let fx = Fixture::new();
    let crlf = fx.read("article.txt").replace('\n', "\r\n");
    fx.write("article.txt", &crlf);
    let out = fx.run(&["export", "--format", "rdf"]).ok();
    assert!(!out.contains('\r'), "no carriage return as it is");
    // The article's text has 27; the quotes' context and the mentions' have more.
    assert!(out.matches("&#13;").count() >= crlf.matches('\r').count());
    let article = parse(out.as_bytes(), RdfFormat::RdfXml)
        .into_iter()
        .find(|q| {
            q.subject
                .to_string()
                .ends_with("/article/confidence-builder>")
                && q.predicate.as_str() == "http://schema.org/text"
        })
        .unwrap();
    assert_eq!(
        article.object,
        oxigraph::model::Literal::new_simple_literal(crlf).into()
    );
}

#[test]
fn graphs_is_the_name_of_the_choice_and_graph_its_old_alias() {
    let new = nea(&["export", "--graphs", "ontology", "--format", "nt"]).ok();
    let old = nea(&["export", "--graph", "ontology", "--format", "nt"]).ok();
    assert_eq!(new, old);
    assert!(!new.is_empty());
}

/// Compact JSON-LD: the shipped context inline, classes as `@type`, a node object per
/// subject (sorted by `@id`), typed values in the short form their term gives, no blank
/// nodes; the dataset form holds a node per named graph.
#[test]
fn jsonld_is_compact_with_the_shipped_context() {
    let out = nea(&["export", "--format", "jsonld"]).ok();
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    let shipped: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(crate::repo("ontology/context.jsonld")).unwrap(),
    )
    .unwrap();
    assert_eq!(
        doc["@context"], shipped["@context"],
        "the shipped context, inline"
    );
    assert!(out.ends_with("}\n"));
    assert!(!out.contains("\"_:"), "no blank nodes");
    assert!(!out.contains("rdf:type") && !out.contains("22-rdf-syntax-ns#type"));
    let nodes = doc["@graph"].as_array().unwrap();
    let ids: Vec<&str> = nodes.iter().map(|n| n["@id"].as_str().unwrap()).collect();
    let mut sorted = ids.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(ids, sorted, "one node object per subject, sorted");
    let tokyo = nodes.iter().find(|n| n["@id"] == "kg:tokyo").unwrap();
    assert!(tokyo["@type"].to_string().contains("nea:"), "{tokyo}");
    let statistic = nodes
        .iter()
        .find(|n| {
            n["@id"] == "https://w3id.org/nea-kg/article/confidence-builder/statistic/six-key-areas"
        })
        .unwrap();
    assert_eq!(
        statistic["approximate"], "false",
        "a term coerced to xsd:boolean: {statistic}"
    );

    let dataset = nea(&["export", "--format", "jsonld-dataset"]).ok();
    let doc: serde_json::Value = serde_json::from_str(&dataset).unwrap();
    let graphs: Vec<&str> = doc["@graph"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n.get("@graph").is_some())
        .map(|n| n["@id"].as_str().unwrap())
        .collect();
    assert!(
        graphs.contains(&"https://w3id.org/nea-kg/graph/confidence-builder"),
        "{graphs:?}"
    );
}
