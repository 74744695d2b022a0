//! The conventions of the field's command-line tools: `-` for standard input, `-q` and
//! `-v`, `--version` that says what is compiled in, completions and manual pages that
//! cannot go stale, and a final line break on every results format.

use crate::{command, nea, repo, wait_within, Run, HANG_GUARD};
use std::io::Write;
use std::process::Stdio;

/// Runs `nea-kg` with `input` on its standard input.
#[track_caller]
fn nea_with_stdin(args: &[&str], input: &[u8]) -> Run {
    let mut child = command(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_vec();
    // Written from a thread, so a binary that does not read stdin cannot block the test.
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let run = wait_within(HANG_GUARD, child, &format!("nea-kg {args:?} < input"));
    writer.join().unwrap();
    run
}

#[test]
fn version_names_oxigraph_as_cargo_lock_pins_it_and_the_features() {
    let lock = std::fs::read_to_string(repo("Cargo.lock")).unwrap();
    let oxigraph = lock
        .split("[[package]]")
        .find(|p| p.contains("\nname = \"oxigraph\"\n"))
        .and_then(|p| p.lines().find_map(|l| l.strip_prefix("version = ")))
        .unwrap()
        .trim_matches('"')
        .to_owned();
    let rocksdb = if cfg!(feature = "rocksdb") {
        "yes"
    } else {
        "no"
    };
    assert_eq!(
        nea(&["--version"]).ok(),
        format!(
            "nea-kg {}\noxigraph {oxigraph}\nfeatures: rocksdb {rocksdb}\n",
            env!("CARGO_PKG_VERSION")
        )
    );
    assert_eq!(
        nea(&["-V"]).ok(),
        format!("nea-kg {}\n", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn one_sha2_is_compiled() {
    let lock = std::fs::read_to_string(repo("Cargo.lock")).unwrap();
    let versions = lock.matches("\nname = \"sha2\"\n").count();
    assert_eq!(versions, 1, "Cargo.lock holds {versions} versions of sha2");
}

/// The shipped completion scripts and manual pages are what the binary writes: a change
/// to the command line that is not regenerated fails here (`bash docs/regenerate.sh`
/// rewrites them all).
#[test]
fn shipped_completions_and_manual_pages_are_up_to_date() {
    for (shell, file) in [
        ("bash", "nea-kg.bash"),
        ("zsh", "_nea-kg"),
        ("fish", "nea-kg.fish"),
        ("powershell", "_nea-kg.ps1"),
        ("elvish", "nea-kg.elv"),
    ] {
        let shipped =
            std::fs::read_to_string(repo(&format!("docs/completions/{file}"))).unwrap_or_default();
        let made = nea(&["completions", shell]).ok();
        assert!(
            made.contains("nea-kg"),
            "{shell}: {}",
            crate::shorten(&made)
        );
        assert!(
            shipped == made,
            "docs/completions/{file} is stale: run `nea-kg completions {shell} > docs/completions/{file}`"
        );
    }
    let mut pages = vec![("nea-kg.1".to_owned(), vec!["man"])];
    let commands = [
        "export",
        "query",
        "queries",
        "describe",
        "build",
        "validate",
        "push",
        "serve",
        "completions",
        "man",
    ];
    for c in commands {
        pages.push((format!("nea-kg-{c}.1"), vec!["man", c]));
    }
    for (file, args) in &pages {
        let shipped =
            std::fs::read_to_string(repo(&format!("docs/man/{file}"))).unwrap_or_default();
        let made = nea(args).ok();
        assert!(made.contains(".TH "), "{file}: {}", crate::shorten(&made));
        assert!(
            shipped == made,
            "docs/man/{file} is stale: run `nea-kg {} > docs/man/{file}`",
            args.join(" ")
        );
    }
    let listed: Vec<String> = std::fs::read_dir(repo("docs/man"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(listed.len(), pages.len(), "docs/man holds {listed:?}");
    let run = nea(&["man", "nope"]);
    assert_eq!(
        run.input_error(),
        "error: no command \"nope\"\n  give one of: export, query, queries, describe, build, validate, push, serve, completions, man\n"
    );
}

#[test]
fn every_results_format_ends_with_a_line_break() {
    let select = "SELECT ?s WHERE { ?s a <http://www.w3.org/ns/dcat#Dataset> }";
    let ask = "ASK { ?s ?p ?o }";
    let construct = "CONSTRUCT { ?s a ?c } WHERE { ?s a ?c } LIMIT 2";
    for format in ["table", "csv", "tsv", "json", "xml"] {
        for query in [select, ask] {
            let out = nea(&["query", query, "--format", format]).ok();
            assert!(
                out.ends_with('\n') && !out.ends_with("\n\n"),
                "{format} of {query}: {out:?}"
            );
        }
    }
    for format in ["ttl", "nt", "nq", "trig", "rdf", "jsonld"] {
        let out = nea(&["query", construct, "--format", format]).ok();
        assert!(out.ends_with('\n'), "{format}: {out:?}");
        let out = nea(&[
            "export", "--graphs", "metadata", "--format", format, "-o", "-",
        ])
        .ok();
        assert!(out.ends_with('\n'), "export {format}");
    }
    for args in [
        &["describe", "ROK", "--format", "json"][..],
        &["validate", "--format", "json"],
        &["queries"],
    ] {
        let out = nea(args).ok();
        assert!(out.ends_with('\n'), "{args:?}");
    }
}

#[test]
fn every_input_file_can_be_stdin() {
    let article = std::fs::read(repo("data/article.txt")).unwrap();
    let facts = repo("data/facts.toml").display().to_string();
    let text = repo("data/article.txt").display().to_string();
    let from_files = nea(&["export", "-f", "nq", "--article", &text, "--facts", &facts]).ok();
    let from_stdin = nea_with_stdin(
        &["export", "-f", "nq", "--article", "-", "--facts", &facts],
        &article,
    )
    .ok();
    assert_eq!(from_stdin, from_files);
    let sheet = std::fs::read(repo("data/facts.toml")).unwrap();
    let run = nea_with_stdin(
        &["export", "-f", "nq", "--article", &text, "--facts", "-"],
        &sheet,
    );
    assert_eq!(run.ok(), from_files);
    let registry = std::fs::read(repo("data/entities.toml")).unwrap();
    let run = nea_with_stdin(
        &[
            "validate",
            "--entities",
            "-",
            "--no-default-entities",
            "--article",
            &text,
            "--facts",
            &facts,
        ],
        &registry,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    // validate --data -: the format from --data-format.
    let nq = nea(&["export", "-f", "nq"]).ok();
    let run = nea_with_stdin(
        &["validate", "--data", "-", "--data-format", "nq"],
        nq.as_bytes(),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.starts_with("the data on stdin conforms: "),
        "{}",
        run.stderr
    );
    let run = nea_with_stdin(&["validate", "--data", "-"], nq.as_bytes());
    assert_eq!(
        run.input_error(),
        "error: --data -: the format of standard input cannot be told from a name\n  give --data-format (ttl, nt, nq, trig, rdf or jsonld; nq.gz if compressed)\n"
    );
    let shapes = std::fs::read(repo("ontology/shapes.ttl")).unwrap();
    let run = nea_with_stdin(&["validate", "--shapes", "-"], &shapes);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = nea_with_stdin(&["query", "-", "--format", "csv"], b"ASK { ?s ?p ?o }");
    assert_eq!(run.ok(), "true\n");
    // push --cacert -: read before anything is sent (port 9 would refuse anyway).
    let run = nea_with_stdin(
        &[
            "push",
            "--endpoint",
            "https://127.0.0.1:9/store",
            "--cacert",
            "-",
        ],
        b"not a certificate",
    );
    let err = run.input_error();
    assert!(
        err.starts_with("error: --cacert -: holds no PEM certificate"),
        "{err}"
    );
}

#[test]
fn stdin_is_read_once() {
    let run = nea(&["export", "--article", "-", "--facts", "-"]);
    assert_eq!(
        run.input_error(),
        "error: --article, --facts all read standard input (-), which can be read once\n  give at most one of them as -, and the others as files\n"
    );
    let run = nea(&[
        "validate",
        "--data",
        "-",
        "--shapes",
        "-",
        "--data-format",
        "nq",
    ]);
    assert!(run
        .input_error()
        .starts_with("error: --data, --shapes all read standard input"));
    let run = nea(&["query", "-", "--entities", "-"]);
    assert!(run
        .input_error()
        .starts_with("error: --entities, the query all read standard input"));
    let run = nea(&["export", "--corpus", "-"]);
    assert_eq!(
        run.input_error(),
        "error: --corpus -: a corpus is a folder, not standard input\n  give the folder's path\n"
    );
}

#[test]
fn quiet_prints_only_errors_and_verbose_says_what_is_loaded_from_where() {
    let run = nea(&["validate"]);
    assert!(run.stderr.contains("conforms"), "{}", run.stderr);
    let run = nea(&["-q", "validate"]);
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
    let run = nea(&["validate", "--quiet"]);
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
    // Errors still show.
    let run = nea(&[
        "-q",
        "export",
        "--article",
        "missing.txt",
        "--facts",
        "missing.toml",
    ]);
    assert!(run
        .input_error()
        .starts_with("error: missing.txt: cannot read the article"));
    let run = nea(&["-v", "export", "-f", "nq"]);
    assert_eq!(
        run.stderr,
        "nea-kg: the graph: the embedded default, built when nea-kg was compiled (data/article.txt, data/facts.toml, data/entities.toml, ontology/nea.ttl)\n"
    );
    let facts = repo("data/facts.toml").display().to_string();
    let text = repo("data/article.txt").display().to_string();
    let run = nea(&[
        "export",
        "-v",
        "-f",
        "nq",
        "--article",
        &text,
        "--facts",
        &facts,
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(
        lines,
        [
            "nea-kg: the built-in entity registry: the embedded data/entities.toml".to_owned(),
            "nea-kg: the ontology: the embedded ontology/nea.ttl".to_owned(),
            format!(
                "nea-kg: read the article from {text} ({} bytes)",
                std::fs::metadata(&text).unwrap().len()
            ),
            format!(
                "nea-kg: read the fact sheet from {facts} ({} bytes)",
                std::fs::metadata(&facts).unwrap().len()
            ),
        ]
    );
    let run = nea(&["-v", "query", "cq01", "--format", "csv"]);
    assert!(
        run.stderr.starts_with(
            "nea-kg: the query: the shipped cq01-diplomatic-relations.rq, compiled in\n"
        ),
        "{}",
        run.stderr
    );
    let run = nea(&["-v", "validate"]);
    assert!(
        run.stderr
            .starts_with("nea-kg: the shapes: the embedded ontology/shapes.ttl\n"),
        "{}",
        run.stderr
    );
    let run = nea(&["-q", "-v", "queries"]);
    assert!(run.input_error().contains("cannot be used with"));
}
