//! Snapshots of the long outputs of the real binary, with insta (the `.snap` files in
//! `tests/it/snapshots/`): the help of every command, the shipped queries, the card of
//! the ROK, `validate` reports of the embedded graph and of a broken one, and the whole
//! Turtle export of a tiny article of `tests/it/fixtures/`. A change in any of them fails
//! its test with a diff; accept an intended one with `cargo insta review` (or
//! `INSTA_UPDATE=always cargo test`), after reading it against the inputs.
//!
//! What changes between runs or machines is blanked: temporary paths. Help is wrapped
//! the same everywhere: `crate::command` runs the binary without a terminal and without
//! `COLUMNS`, so clap wraps at its fallback width of 100 columns, which is also the
//! `max_term_width` of `src/cli.rs`.

use crate::{nea, repo, Run};

/// Asserts that `value` is the snapshot `name`, which says it is the output of `command`.
#[track_caller]
fn snapshot(name: &str, command: &str, value: &str) {
    let mut settings = insta::Settings::clone_current();
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    settings.set_description(command);
    settings.bind(|| insta::assert_snapshot!(name, value));
}

/// Runs `nea-kg` with these arguments, asserts success with nothing on stderr, and
/// returns stdout.
#[track_caller]
fn quiet_success(args: &[&str]) -> String {
    let run = nea(args);
    assert_eq!(run.stderr, "", "nea-kg {args:?}");
    run.ok()
}

/// A run as a snapshot shows it: exit status, stdout and stderr.
fn shown(run: &Run) -> String {
    format!(
        "exit status: {}\n--- stdout\n{}--- stderr\n{}",
        run.code, run.stdout, run.stderr
    )
}

const SUBCOMMANDS: [&str; 9] = [
    "export", "query", "queries", "describe", "build", "validate", "push", "draft", "coverage",
];

#[test]
fn help() {
    let top = quiet_success(&["--help"]);
    snapshot("help", "nea-kg --help", &top);
    assert_eq!(quiet_success(&["help"]), top, "nea-kg help");
    snapshot(
        "help_help",
        "nea-kg help help",
        &quiet_success(&["help", "help"]),
    );
    for sub in SUBCOMMANDS {
        let help = quiet_success(&[sub, "--help"]);
        snapshot(
            &format!("help_{sub}"),
            &format!("nea-kg {sub} --help"),
            &help,
        );
        assert_eq!(quiet_success(&["help", sub]), help, "nea-kg help {sub}");
    }
}

/// Without a terminal clap wraps help at `COLUMNS` when set, and never wider than the
/// `max_term_width` of 100: a wide `COLUMNS` changes nothing, and no line is longer.
#[test]
fn help_is_never_wider_than_100_columns() {
    for args in std::iter::once(vec!["--help"]).chain(SUBCOMMANDS.map(|s| vec![s, "--help"])) {
        let plain = quiet_success(&args);
        let wide = crate::run_within(
            crate::HANG_GUARD,
            crate::command(&args).env("COLUMNS", "300"),
            "nea-kg --help",
        );
        assert_eq!(wide.ok(), plain, "{args:?} with COLUMNS=300");
        for line in plain.lines() {
            assert!(line.chars().count() <= 100, "{args:?}: {line:?}");
        }
    }
}

#[test]
fn queries() {
    snapshot("queries", "nea-kg queries", &quiet_success(&["queries"]));
}

#[test]
fn describe_rok() {
    snapshot(
        "describe_rok",
        "nea-kg describe ROK",
        &quiet_success(&["describe", "ROK"]),
    );
    snapshot(
        "describe_rok_json",
        "nea-kg describe ROK --format json",
        &quiet_success(&["describe", "ROK", "--format", "json"]),
    );
}

#[test]
fn validate_the_embedded_graph() {
    for (name, format) in [
        ("validate_embedded", "text"),
        ("validate_embedded_json", "json"),
    ] {
        let run = nea(&["validate", "--format", format]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        snapshot(
            name,
            &format!("nea-kg validate --format {format}"),
            &shown(&run),
        );
    }
}

/// A graph broken five ways: a Wikidata link to DBpedia, another as a literal, an entity
/// without its label, a claim without its stance, a selector one character off.
#[test]
fn validate_a_broken_graph() {
    let nq = nea(&["export", "--format", "nq"]).ok();
    let broken: String = nq
        .replace(
            "<http://www.wikidata.org/entity/Q148>",
            "<http://dbpedia.org/resource/China>",
        )
        .replace("<http://www.wikidata.org/entity/Q17>", "\"Q17\"")
        .replace("#start> \"113\"^^", "#start> \"114\"^^")
        .lines()
        .filter(|l| {
            !l.contains(
                "<https://w3id.org/nea-kg/id/tokyo> <http://www.w3.org/2000/01/rdf-schema#label>",
            ) && !l.contains("claim-anti-region> <https://w3id.org/nea-kg/ontology#stance>")
        })
        .map(|l| format!("{l}\n"))
        .collect();
    assert_eq!(broken.lines().count(), nq.lines().count() - 2);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.nq");
    std::fs::write(&path, broken).unwrap();
    for (name, format) in [
        ("validate_broken", "text"),
        ("validate_broken_json", "json"),
        ("validate_broken_ttl", "ttl"),
        ("validate_broken_jsonld", "jsonld"),
    ] {
        let run = nea(&[
            "validate",
            "--data",
            path.to_str().unwrap(),
            "--format",
            format,
        ]);
        assert_eq!(run.code, 1, "{}", run.stderr);
        snapshot(
            name,
            &format!("nea-kg validate --data [TMP]/broken.nq --format {format}"),
            &shown(&run).replace(dir.path().to_str().unwrap(), "[TMP]"),
        );
    }
}

/// The whole Turtle export of a tiny article, its sheet and its registry: one entity
/// with a Wikidata id and names in Chinese, Japanese and Korean, an event, a relation
/// with a date, a statistic, a claim. It also conforms.
#[test]
fn export_a_tiny_article() {
    let file = |name: &str| {
        repo(&format!("tests/it/fixtures/{name}"))
            .to_str()
            .unwrap()
            .to_owned()
    };
    let (article, facts, entities) = (
        file("ferry-talks.txt"),
        file("ferry-talks.toml"),
        file("ferry-entities.toml"),
    );
    let inputs = [
        "--article",
        &article,
        "--facts",
        &facts,
        "--entities",
        &entities,
        // The tiny article has a registry of its own, instead of the built-in one.
        "--no-default-entities",
    ];
    let turtle = quiet_success(&[&["export"][..], &inputs].concat());
    assert!(
        !turtle.contains(env!("CARGO_MANIFEST_DIR")),
        "no local path"
    );
    snapshot(
        "export_ferry_talks",
        "nea-kg export --article tests/it/fixtures/ferry-talks.txt --facts tests/it/fixtures/ferry-talks.toml --entities tests/it/fixtures/ferry-entities.toml --no-default-entities",
        &turtle,
    );
    let run = nea(&[&["validate"][..], &inputs].concat());
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let quads = quiet_success(&[&["export", "--format", "nq"][..], &inputs].concat())
        .lines()
        .count();
    assert_eq!(
        run.stderr,
        format!(
            "the graph conforms: {quads} quads checked against 62 shapes and the article's text\n"
        )
    );
}
