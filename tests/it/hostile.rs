//! Hostile input, one test per class: output files in a shared folder, data that would
//! drive the terminal, dataset clauses, queries built to exhaust the stack, the parser,
//! the memory or the pipe, closed standard streams and signals. Each runs the real
//! binary and checks its exit status, that stdout is empty on an error, that nothing
//! panicked or died of a signal, and the first line of stderr.

use crate::{csv_rows, Fixture};
use std::io::Read;
use std::os::unix::fs::{FileTypeExt, PermissionsExt};
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

/// The command that runs `nea-kg` with these arguments, without any `NEA_KG_*`
/// variable, its output captured.
fn command(args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_nea-kg"));
    command.args(args);
    for (k, _) in std::env::vars_os() {
        if k.to_string_lossy().starts_with("NEA_KG_") {
            command.env_remove(k);
        }
    }
    command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    command
}

/// How a run ended.
struct Outcome {
    status: ExitStatus,
    stdout: Vec<u8>,
    stderr: String,
}

impl Outcome {
    /// The first line of stderr.
    fn first_line(&self) -> &str {
        self.stderr.lines().next().unwrap_or("")
    }

    /// Asserts a clean end with this exit status: no signal, no core, no panic.
    #[track_caller]
    fn ended(&self, code: i32) -> &Self {
        assert_eq!(
            self.status.signal(),
            None,
            "killed by a signal; stderr:\n{}",
            self.stderr
        );
        assert!(!self.status.core_dumped());
        assert_eq!(
            self.status.code(),
            Some(code),
            "exit status; stderr:\n{}",
            self.stderr
        );
        assert!(
            !self.stderr.contains("panicked") && !self.stderr.contains("overflowed its stack"),
            "{}",
            self.stderr
        );
        self
    }

    /// Asserts a refusal: exit status 2, nothing on stdout; the first line of stderr.
    #[track_caller]
    fn refused(&self) -> &str {
        self.ended(2);
        assert!(
            self.stdout.is_empty(),
            "stdout should be empty: {}",
            String::from_utf8_lossy(&self.stdout)
        );
        self.first_line()
    }

    fn stdout(&self) -> String {
        String::from_utf8(self.stdout.clone()).expect("stdout is UTF-8")
    }
}

/// Kills the child when dropped, so that a failed test leaves no process behind (a
/// stopped one included).
struct Guard(Child);

impl Drop for Guard {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Runs a command to its end, its output read as it comes; kills it and fails the test
/// after `seconds`.
#[track_caller]
fn finish(command: &mut Command, seconds: u64) -> Outcome {
    let mut child = Guard(command.spawn().expect("the binary runs"));
    let drain = |pipe: Option<Box<dyn Read + Send>>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            if let Some(mut pipe) = pipe {
                let _ = pipe.read_to_end(&mut bytes);
            }
            bytes
        })
    };
    let stdout = drain(child.0.stdout.take().map(|p| Box::new(p) as _));
    let stderr = drain(child.0.stderr.take().map(|p| Box::new(p) as _));
    let status = wait_within(&mut child, seconds);
    Outcome {
        status,
        stdout: stdout.join().unwrap(),
        stderr: String::from_utf8_lossy(&stderr.join().unwrap()).into_owned(),
    }
}

/// Waits for the child, at most `seconds`.
#[track_caller]
fn wait_within(child: &mut Guard, seconds: u64) -> ExitStatus {
    let deadline = Instant::now() + Duration::from_secs(seconds);
    loop {
        if let Some(status) = child.0.try_wait().expect("wait for the binary") {
            return status;
        }
        assert!(
            Instant::now() < deadline,
            "nea-kg did not finish in {seconds} s: killed"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// Runs `nea-kg` with these arguments, at most `seconds`.
#[track_caller]
fn run<S: AsRef<str>>(seconds: u64, args: &[S]) -> Outcome {
    let args: Vec<&str> = args.iter().map(AsRef::as_ref).collect();
    finish(&mut command(&args), seconds)
}

/// The names in a folder, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// The temporary files of nea-kg in a folder.
fn temporaries(dir: &Path) -> Vec<PathBuf> {
    names(dir)
        .into_iter()
        .filter(|n| n.starts_with(".nea-kg-"))
        .map(|n| dir.join(n))
        .collect()
}

fn text(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}

// ---------------------------------------------------------------------------------------
// File output

/// The umask of this process, from /proc (reading it with umask(2) would change it for
/// every thread of the test binary).
fn umask() -> u32 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let line = status.lines().find(|l| l.starts_with("Umask:")).unwrap();
    u32::from_str_radix(line.split_whitespace().nth(1).unwrap(), 8).unwrap()
}

// ---------------------------------------------------------------------------------------
// The terminal

/// What the data may hold to drive a terminal: a colour (CSI), a window title (OSC,
/// ended by BEL), a right-to-left override and a C1 control (CSI in one byte).
const HOSTILE: &str = "Tokyo\u{1b}[31mRED\u{1b}]0;pwned\u{7}\u{202e}evil\u{9b}2J";
const SHOWN: &str = "Tokyo\\u{1b}[31mRED\\u{1b}]0;pwned\\u{7}\\u{202e}evil\\u{9b}2J";

fn raw_controls(s: &str) -> bool {
    s.chars()
        .any(|c| (c.is_control() && c != '\n') || ('\u{202a}'..='\u{202e}').contains(&c))
}

/// A fixture whose Tokyo is labelled with escape sequences (its mentions still found
/// by the alias "Tokyo"), and described with a screen-clearing one.
fn hostile_fixture() -> Fixture {
    let fx = Fixture::new();
    fx.edit(
        "entities.toml",
        "label = \"Tokyo\"\n",
        &format!(
            "label = {}\naliases = [\"Tokyo\"]\n",
            crate::toml_string(HOSTILE)
        ),
    );
    fx.edit(
        "entities.toml",
        "description = \"The capital of Japan.\"",
        "description = \"The capital\\u001B[2J of Japan.\"",
    );
    fx
}

/// The arguments, followed by the fixture's files.
fn on<'a>(fx: &'a Fixture, args: &[&'a str]) -> Vec<String> {
    let mut all: Vec<String> = args.iter().map(|a| (*a).to_owned()).collect();
    for (flag, file) in [
        ("--article", "article.txt"),
        ("--facts", "facts.toml"),
        ("--entities", "entities.toml"),
    ] {
        all.extend([flag.to_owned(), fx.path(file)]);
    }
    all
}

/// A usage error quotes the arguments, which may come from anywhere: clap printed them
/// raw (a window title on a terminal, the override even through a pipe). Shown
/// escaped now, like every other message.
#[test]
fn a_usage_error_shows_the_arguments_escaped() {
    for args in [
        vec![
            "describe",
            "x",
            "--format",
            "\u{1b}]0;pwned\u{7}\u{202e}txt",
        ],
        vec!["\u{202e}lave"],
        vec!["export", "--graph", "\u{9b}2J"],
    ] {
        let out = run(60, &args);
        let first = out.refused().to_owned();
        assert!(!raw_controls(&out.stderr), "{:?}", out.stderr);
        assert!(first.starts_with("error: "), "{first}");
    }
    let out = run(
        60,
        &[
            "describe",
            "x",
            "--format",
            "\u{1b}]0;pwned\u{7}\u{202e}txt",
        ],
    );
    assert_eq!(
        out.first_line(),
        "error: invalid value '\\u{1b}]0;pwned\\u{7}\\u{202e}txt' for '--format <FORMAT>'"
    );
}

// ---------------------------------------------------------------------------------------
// The dataset of a query

const GRAPH: &str = "https://w3id.org/nea-kg/graph/";

/// The single number a `SELECT (COUNT(*) AS ?n)` gives.
#[track_caller]
fn count(args: &[&str]) -> usize {
    let mut all = vec!["query"];
    all.extend(args);
    all.extend(["--format", "csv"]);
    let out = run(120, &all);
    out.ended(0);
    csv_rows(&out.stdout(), &["n"])[0][0].parse().unwrap()
}

/// `FROM <a> FROM <b>` is the RDF merge of the two graphs: a triple in both is there
/// once. Two articles of a corpus state the same relations (`kg:japan
/// nea:normalizedRelationsWith kg:rok`), and the engine, given both graphs, gave each
/// twice; given one graph twice (`FROM <g> FROM <g>`, or `FROM NAMED` likewise), it
/// gave every solution twice.
#[test]
fn from_two_graphs_is_their_merge() {
    let ontology = format!("<{GRAPH}ontology>");
    let once = count(&[&format!(
        "SELECT (COUNT(*) AS ?n) FROM {ontology} WHERE {{ ?s ?p ?o }}"
    )]);
    assert_eq!(
        count(&[&format!(
            "SELECT (COUNT(*) AS ?n) FROM {ontology} FROM {ontology} WHERE {{ ?s ?p ?o }}"
        )]),
        once
    );
    assert_eq!(
        count(&[&format!(
            "SELECT (COUNT(*) AS ?n) FROM NAMED {ontology} FROM NAMED {ontology} WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}"
        )]),
        once
    );
    let dir = tempfile::tempdir().unwrap();
    nea_kg::synth::write_corpus(dir.path(), 2).unwrap();
    let corpus = dir.path().to_str().unwrap();
    let (a, b) = (
        format!("<{GRAPH}confidence-builder-0001>"),
        format!("<{GRAPH}confidence-builder-0002>"),
    );
    let merged = count(&[
        &format!("SELECT (COUNT(*) AS ?n) FROM {a} FROM {b} WHERE {{ ?s ?p ?o }}"),
        "--corpus",
        corpus,
    ]);
    let distinct = count(&[
        &format!("SELECT (COUNT(*) AS ?n) WHERE {{ SELECT DISTINCT ?s ?p ?o WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(?g IN ({a}, {b})) }} }}"),
        "--corpus",
        corpus,
    ]);
    let both = count(&[
        &format!(
            "SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {a} {{ ?s ?p ?o }} GRAPH {b} {{ ?s ?p ?o }} }}"
        ),
        "--corpus",
        corpus,
    ]);
    let each = count(&[
        &format!("SELECT (COUNT(*) AS ?n) FROM {a} WHERE {{ ?s ?p ?o }}"),
        "--corpus",
        corpus,
    ]);
    assert!(both > 0, "the two articles share no triple");
    assert_eq!(merged, distinct);
    assert_eq!(merged, 2 * each - both);
    let normalized =
        "SELECT ?x FROM <A> FROM <B> WHERE { kg:japan nea:normalizedRelationsWith ?x }"
            .replace("<A>", &a)
            .replace("<B>", &b);
    let out = run(
        60,
        &["query", &normalized, "--format", "csv", "--corpus", corpus],
    );
    out.ended(0);
    assert_eq!(
        csv_rows(&out.stdout(), &["x"]),
        [["https://w3id.org/nea-kg/id/rok"]]
    );
    // FROM NAMED beside them: GRAPH ?g sees that graph, as it is.
    let graphs = format!("SELECT ?g (COUNT(*) AS ?n) FROM {a} FROM {b} FROM NAMED {a} WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }} GROUP BY ?g");
    let out = run(
        60,
        &["query", &graphs, "--format", "csv", "--corpus", corpus],
    );
    out.ended(0);
    assert_eq!(
        csv_rows(&out.stdout(), &["g", "n"]),
        [[format!("{GRAPH}confidence-builder-0001"), each.to_string()]]
    );
}

// ---------------------------------------------------------------------------------------
// Queries built to exhaust the stack, the parser or the memory

/// Writes a query to a file of the fixture and returns its path.
fn query_file(fx: &Fixture, text: &str) -> String {
    fx.write("q.rq", text);
    fx.path("q.rq")
}

const TOO_DEEP: &str = "nests more than 1000 levels deep once parsed (a long chain of operators, UNIONs or OPTIONALs nests as brackets do, and so does a group of many triple patterns or a long path a/b/c/…)";

/// A group of 50,000 triple patterns, or a path of 50,000 steps (which the parser
/// writes as as many triple patterns): the engine joins them one level each, and the
/// process died of a stack overflow (SIGABRT) in under a second. Refused now.
#[test]
fn a_group_of_many_triple_patterns_is_refused() {
    let fx = Fixture::new();
    let group: String = (0..50_000)
        .map(|i| format!("?a{i} <http://x/p> ?a{} . ", i + 1))
        .collect();
    let path = vec!["<http://x/p>"; 50_000].join("/");
    for text in [
        format!("SELECT (COUNT(*) AS ?n) WHERE {{ {group}}}"),
        format!("SELECT (COUNT(*) AS ?n) WHERE {{ ?s {path} ?o }}"),
    ] {
        let q = query_file(&fx, &text);
        let out = run(60, &["query", &q]);
        assert_eq!(out.refused(), format!("error: {q}: {TOO_DEEP}"));
    }
    // A group of a few dozen patterns is a query like any other.
    let group: String = (0..40)
        .map(|i| format!("?a{i} <http://x/p> ?a{} . ", i + 1))
        .collect();
    assert_eq!(
        count(&[&format!("SELECT (COUNT(*) AS ?n) WHERE {{ {group}}}")]),
        0
    );
}

/// A cross join grouped (every row kept in memory) under `--max-memory 300M`: the
/// query is cancelled when the heap passes the bound, with a message naming it.
#[test]
fn a_cross_join_stops_at_the_memory_bound() {
    let out = run(
        120,
        &[
            "query",
            "SELECT ?a (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f } GROUP BY ?a ?b ?c ?d ?e ?f",
            "--format",
            "csv",
            "--max-memory",
            "300M",
        ],
    );
    assert_eq!(
        out.refused(),
        "error: the query: stopped: it needed more than 300.0 MiB of memory (--max-memory)"
    );
    assert!(out.stderr.contains(
        "\n  narrow the query (more specific patterns, a LIMIT, no cross join) or give a larger --max-memory"
    ));
}

// ---------------------------------------------------------------------------------------
// Closed standard streams

// ---------------------------------------------------------------------------------------
// Shapes

/// A shapes file is input too: a shape that refers to itself (directly, or through
/// others by sh:node, sh:property, sh:or, sh:qualifiedValueShape) made the validator
/// recurse until the stack overflowed (SIGABRT); so did a long chain of shapes, and an
/// RDF list that loops kept growing. Each is refused.
#[test]
fn recursive_shapes_are_refused() {
    let fx = Fixture::new();
    let head = "@prefix sh: <http://www.w3.org/ns/shacl#> .\n@prefix ex: <http://example.org/> .\n";
    let rok = "<https://w3id.org/nea-kg/id/rok>";
    let cases = [
        (
            format!("ex:S a sh:NodeShape ; sh:targetNode {rok} ; sh:node ex:S .\n"),
            "the shape <http://example.org/S> refers to itself (sh:node, sh:property, sh:or or sh:qualifiedValueShape), and SHACL does not define the validation of recursive shapes",
        ),
        (
            format!("ex:S a sh:NodeShape ; sh:targetNode {rok} ; sh:property ex:S .\n"),
            "the shape <http://example.org/S> refers to itself (sh:node, sh:property, sh:or or sh:qualifiedValueShape), and SHACL does not define the validation of recursive shapes",
        ),
        (
            format!("ex:A a sh:NodeShape ; sh:targetNode {rok} ; sh:or ( ex:B ex:C ) .\nex:B a sh:NodeShape ; sh:node ex:C .\nex:C a sh:NodeShape ; sh:qualifiedValueShape ex:A ; sh:qualifiedMinCount 1 .\n"),
            "the shape <http://example.org/A> refers to itself by way of <http://example.org/C> (sh:node, sh:property, sh:or or sh:qualifiedValueShape), and SHACL does not define the validation of recursive shapes",
        ),
        (
            format!("ex:S a sh:NodeShape ; sh:targetNode {rok} ; sh:in _:l .\n_:l <http://www.w3.org/1999/02/22-rdf-syntax-ns#first> 1 ; <http://www.w3.org/1999/02/22-rdf-syntax-ns#rest> _:l .\n"),
            "the RDF list at _:l loops back to _:l",
        ),
    ];
    for (body, message) in cases {
        fx.write("shapes.ttl", &format!("{head}{body}"));
        let shapes = fx.path("shapes.ttl");
        let out = run(60, &["validate", "--shapes", &shapes]);
        assert_eq!(out.refused(), format!("error: {shapes}: {message}"));
    }
    let chain: String = (0..100_000)
        .map(|i| {
            format!(
                "<http://x/s{i}> a sh:NodeShape ; sh:node <http://x/s{}> .\n",
                i + 1
            )
        })
        .collect();
    fx.write(
        "shapes.ttl",
        &format!("{head}{chain}<http://x/s0> sh:targetNode {rok} .\n"),
    );
    let shapes = fx.path("shapes.ttl");
    let out = run(60, &["validate", "--shapes", &shapes]);
    assert_eq!(
        out.refused(),
        format!("error: {shapes}: the shape <http://x/s0> starts a chain of more than 100 shapes that refer to the next")
    );
    // A chain of ten is a chain like any other.
    let chain: String = (0..10)
        .map(|i| {
            format!(
                "<http://x/s{i}> a sh:NodeShape ; sh:node <http://x/s{}> .\n",
                i + 1
            )
        })
        .collect();
    fx.write(
        "shapes.ttl",
        &format!(
            "{head}{chain}<http://x/s10> a sh:NodeShape .\n<http://x/s0> sh:targetNode {rok} .\n"
        ),
    );
    run(60, &["validate", "--shapes", &shapes]).ended(0);
}
