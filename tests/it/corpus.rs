//! Corpus mode: a folder of articles, each in its own named graph, entities shared; a
//! failing sheet stops everything, or with --keep-going is left out (exit status 1).

use crate::{csv_rows, nea};

fn corpus(n: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    nea_kg::synth::write_corpus(dir.path(), n).unwrap();
    dir
}

fn graphs(rows: &[Vec<String>]) -> Vec<String> {
    rows.iter()
        .map(|r| r[0].rsplit('/').next().unwrap().to_owned())
        .collect()
}

#[test]
fn every_article_gets_its_graph_and_entities_are_shared() {
    let dir = corpus(3);
    let c = dir.path().to_str().unwrap();
    let q = "SELECT ?g WHERE { GRAPH ?g { } } ORDER BY ?g";
    let rows = csv_rows(
        &nea(&["query", q, "--corpus", c, "--format", "csv"]).ok(),
        &["g"],
    );
    assert_eq!(
        graphs(&rows),
        [
            "confidence-builder-0001",
            "confidence-builder-0002",
            "confidence-builder-0003",
            "entities",
            "metadata",
            "ontology"
        ]
    );
    // Described once, in the entities graph, however many articles name it: in the
    // union that queries see, Japan has one English label, and cq01 gives each
    // article's three pairs once (a description in every article's graph would give
    // each row 3^4 times over).
    let q = "SELECT ?g WHERE { GRAPH ?g { kg:japan rdfs:label ?l } }";
    assert_eq!(
        graphs(&csv_rows(
            &nea(&["query", q, "--corpus", c, "--format", "csv"]).ok(),
            &["g"]
        )),
        ["entities"]
    );
    let rows = csv_rows(
        &nea(&["query", "cq01", "--corpus", c, "--format", "csv"]).ok(),
        &["countryA", "countryB", "year", "article"],
    );
    assert_eq!(rows.len(), 9, "{rows:?}");
    // Each row says which article gave it: three rows each.
    for n in 1..=3 {
        let article = format!("https://w3id.org/nea-kg/article/confidence-builder-000{n}");
        assert_eq!(
            rows.iter().filter(|r| r[3] == article).count(),
            3,
            "{rows:?}"
        );
    }
    // The same IRI for Japan in every article: one entity, mentioned in three articles.
    let q = "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?m nea:mentionOf kg:japan } }";
    assert_eq!(
        csv_rows(
            &nea(&["query", q, "--corpus", c, "--format", "csv"]).ok(),
            &["n"]
        ),
        [["3"]]
    );
    // Each article keeps its own figures: the trade volume of article 2 is $802 billion.
    let q = "SELECT ?v WHERE { GRAPH <https://w3id.org/nea-kg/graph/confidence-builder-0002> { ?s a schema:MonetaryAmount ; schema:value ?v } }";
    assert_eq!(
        csv_rows(
            &nea(&["query", q, "--corpus", c, "--format", "csv"]).ok(),
            &["v"]
        ),
        [["802000000000"]]
    );
    let run = nea(&["validate", "--corpus", c]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn a_failing_sheet_stops_the_build_unless_keep_going() {
    let dir = corpus(3);
    let c = dir.path().to_str().unwrap();
    let sheet = crate::break_the_second_sheet(dir.path());
    let err = nea(&["export", "--corpus", c]).input_error();
    crate::assert_the_broken_sheet(&err, &sheet);
    let run = nea(&["export", "--corpus", c, "--keep-going", "--format", "nq"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("the quote \"The author is a poet\" is not in"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.ends_with(
            "error: 1 fact sheet failed (shown above); the graph holds the other articles\n"
        ),
        "{}",
        run.stderr
    );
    assert!(run
        .stdout
        .contains("<https://w3id.org/nea-kg/graph/confidence-builder-0001>"));
    assert!(!run
        .stdout
        .contains("<https://w3id.org/nea-kg/graph/confidence-builder-0002>"));
    assert!(run
        .stdout
        .contains("<https://w3id.org/nea-kg/graph/confidence-builder-0003>"));
}

/// The folder's layout is checked before anything is built, even with --keep-going:
/// an article without its sheet is an error naming both files.
#[test]
fn an_article_without_its_sheet() {
    let dir = corpus(2);
    std::fs::remove_file(dir.path().join("article-0002.toml")).unwrap();
    for keep_going in [false, true] {
        let mut args = vec!["export", "--corpus", dir.path().to_str().unwrap()];
        if keep_going {
            args.push("--keep-going");
        }
        let err = nea(&args).input_error();
        assert_eq!(
            err,
            format!(
                "error: {}: an article without its fact sheet: there is no {}\n  write its fact sheet there, or move the article out of the folder\n",
                dir.path().join("article-0002.txt").display(),
                dir.path().join("article-0002.toml").display()
            )
        );
    }
}

/// A sheet without its article was silently left out: it is an error; the registry,
/// entities.toml, stands alone.
#[test]
fn a_sheet_without_its_article() {
    let dir = corpus(2);
    std::fs::rename(
        dir.path().join("article-0002.txt"),
        dir.path().join("article-0002.text"),
    )
    .unwrap();
    let err = nea(&["export", "--corpus", dir.path().to_str().unwrap()]).input_error();
    assert_eq!(
        err,
        format!(
            "error: {}: a fact sheet without its article: there is no {}\n  put the article beside it, or move the sheet out of the folder (only entities.toml, the registry, stands alone)\n",
            dir.path().join("article-0002.toml").display(),
            dir.path().join("article-0002.txt").display()
        )
    );
}

/// An article that is a broken link was silently left out (and a broken
/// entities.toml silently replaced by the embedded registry): both are errors.
#[cfg(unix)]
#[test]
fn a_broken_link_in_the_corpus() {
    for file in ["article-0002.txt", "entities.toml"] {
        let dir = corpus(2);
        let path = dir.path().join(file);
        std::fs::remove_file(&path).unwrap();
        std::os::unix::fs::symlink("gone.txt", &path).unwrap();
        let err = nea(&["export", "--corpus", dir.path().to_str().unwrap()]).input_error();
        assert_eq!(
            err,
            format!(
                "error: {}: is a broken link to gone.txt\n  restore the file it points to, or remove the link\n",
                path.display()
            )
        );
    }
}

/// A folder named like an article is not skipped in silence.
#[test]
fn a_folder_named_like_an_article() {
    let dir = corpus(1);
    std::fs::create_dir(dir.path().join("notes.txt")).unwrap();
    let err = nea(&["export", "--corpus", dir.path().to_str().unwrap()]).input_error();
    assert_eq!(
        err,
        format!(
            "error: {}: is a folder, not an article\n  rename it, or move it out of the folder\n",
            dir.path().join("notes.txt").display()
        )
    );
}

#[test]
fn a_corpus_export_is_byte_stable() {
    let dir = corpus(2);
    let c = dir.path().to_str().unwrap();
    let a = nea(&["export", "--corpus", c, "--format", "trig"]).ok();
    assert_eq!(a, nea(&["export", "--corpus", c, "--format", "trig"]).ok());
}

/// Without the feature only: with it, `build --store` builds the store (see `store.rs`).
#[cfg(not(feature = "rocksdb"))]
#[test]
fn without_the_rocksdb_feature_a_store_is_refused_clearly() {
    let err = nea(&["build", "--store", "kg-store"]).input_error();
    assert_eq!(err, "error: kg-store: this nea-kg was built without persistent stores\n  rebuild it with `cargo build --release --features rocksdb` (it needs libclang-dev)\n");
}
