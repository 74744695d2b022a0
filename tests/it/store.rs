//! Persistent stores (the rocksdb feature): `nea-kg build --store DIR`, then every
//! command on `--store DIR` answers as it does in memory.

use crate::nea;

/// The CSV answer of a query (a shipped name or SPARQL text) on the store in `store`.
fn on_store(query: &str, store: &std::path::Path) -> String {
    nea(&[
        "query",
        query,
        "--store",
        store.to_str().unwrap(),
        "--format",
        "csv",
    ])
    .ok()
}

#[test]
fn a_built_store_answers_as_the_memory_store_does() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("kg-store");
    let s = store.to_str().unwrap();
    let run = nea(&["build", "--store", s]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        format!(
            "built {s}: {} quads of 1 article\n",
            crate::embedded_quads()
        )
    );
    for q in ["cq01", "cq05", "cq08", "cq11"] {
        assert_eq!(
            nea(&["query", q, "--store", s, "--format", "csv"]).ok(),
            nea(&["query", q, "--format", "csv"]).ok(),
            "{q}"
        );
    }
    assert_eq!(
        nea(&["export", "--store", s, "--format", "nq"]).ok(),
        nea(&["export", "--format", "nq"]).ok()
    );
    assert_eq!(
        nea(&["describe", "ROK", "--store", s]).ok(),
        nea(&["describe", "ROK"]).ok()
    );
    let run = nea(&["validate", "--store", s]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // Never over an existing store.
    let err = nea(&["build", "--store", s]).input_error();
    assert_eq!(
        err,
        format!("error: {s}: already exists\n  remove it first, or give --store a new folder\n")
    );
}

#[test]
fn a_corpus_store() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    nea_kg::synth::write_corpus(&corpus, 5).unwrap();
    let store = dir.path().join("store");
    let run = nea(&[
        "build",
        "--corpus",
        corpus.to_str().unwrap(),
        "--store",
        store.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let q = "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { } }";
    assert_eq!(
        on_store(q, &store),
        "n\r\n8\r\n",
        "5 articles, the entities, the ontology, the dataset description"
    );
    // Each entity described once: cq01 gives each article's 3 pairs once.
    let csv = on_store("cq01", &store);
    assert_eq!(csv.lines().count(), 1 + 5 * 3, "{csv}");
}

#[test]
fn a_folder_that_is_not_a_store() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_str().unwrap();
    let err = nea(&["query", "cq01", "--store", d]).input_error();
    assert_eq!(
        err,
        format!("error: {d}: is not a store\n  build one with `nea-kg build --store {d}`\n")
    );
}

/// A build that fails part-way leaves nothing: no store, no half-made folder beside it.
/// With --keep-going the store holds the other articles, and the exit status says one
/// failed.
#[test]
fn a_failed_build_leaves_nothing_and_keep_going_builds_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    nea_kg::synth::write_corpus(&corpus, 3).unwrap();
    let sheet = crate::break_the_second_sheet(&corpus);
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    let store = out.join("store");
    let (c, s) = (corpus.to_str().unwrap(), store.to_str().unwrap());
    let err = nea(&["build", "--corpus", c, "--store", s]).input_error();
    crate::assert_the_broken_sheet(&err, &sheet);
    assert_eq!(crate::names(&out), Vec::<String>::new());

    let run = nea(&["build", "--corpus", c, "--store", s, "--keep-going"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.ends_with(
            "error: 1 fact sheet failed (shown above); the graph holds the other articles\n"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(crate::names(&out), ["store"]);
    let q = "SELECT ?g WHERE { GRAPH ?g { } } ORDER BY ?g";
    let csv = on_store(q, &store);
    assert!(csv.contains("confidence-builder-0001"), "{csv}");
    assert!(!csv.contains("confidence-builder-0002"), "{csv}");
    assert!(csv.contains("confidence-builder-0003"), "{csv}");
}

#[test]
fn build_needs_the_folder_of_the_store() {
    let err = nea(&["build"]).input_error();
    assert_eq!(
        err,
        "error: build: give the folder of the store with --store DIR\n"
    );
}

/// A store already holds its graph: articles given beside it are refused, not merged.
#[test]
fn a_store_and_articles_together_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let s = store.to_str().unwrap();
    assert_eq!(nea(&["build", "--store", s]).code, 0);
    let corpus = dir.path().join("corpus");
    nea_kg::synth::write_corpus(&corpus, 1).unwrap();
    let err = nea(&[
        "query",
        "cq01",
        "--store",
        s,
        "--corpus",
        corpus.to_str().unwrap(),
    ])
    .input_error();
    assert_eq!(
        err,
        "error: --store and --article/--facts/--corpus: the store already holds its graph; give one or the other\n  to build a store from articles, use `nea-kg build --store DIR`\n"
    );
}

/// A build under a low limit of open files (100, soft and hard) whose store has more
/// files than that when it is compacted: RocksDB is told how many it may keep open.
/// Before, the compaction opened them all and failed ("Too many open files").
#[test]
fn a_build_keeps_within_the_limit_of_open_files() {
    use std::os::unix::process::CommandExt;
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    nea_kg::synth::write_corpus(&corpus, 120).unwrap();
    let store = dir.path().join("store");
    let mut build = crate::command(&[
        "build",
        "--corpus",
        corpus.to_str().unwrap(),
        "--store",
        store.to_str().unwrap(),
    ]);
    // SAFETY: setrlimit is async-signal-safe, and only this child's limit changes.
    unsafe {
        build.pre_exec(|| {
            let limit = libc::rlimit {
                rlim_cur: 100,
                rlim_max: 100,
            };
            if libc::setrlimit(libc::RLIMIT_NOFILE, &limit) == 0 {
                Ok(())
            } else {
                Err(std::io::Error::last_os_error())
            }
        });
    }
    let run = crate::run_within(300, &mut build, "build under 100 open files");
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.ends_with("quads of 120 articles\n"),
        "{}",
        run.stderr
    );
    let csv = on_store("cq01", &store);
    assert_eq!(csv.lines().count(), 1 + 120 * 3, "{csv}");
}
