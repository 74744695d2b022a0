//! Integration tests: they run the real binary, as a user would, and check its output
//! against what the article says. One test binary, a module per topic.

mod catalog;
mod conventions;
mod corpus;
mod describe;
mod draft;
mod errors;
mod examples;
mod export;
mod graph;
mod grounding;
mod hostile;
mod owl;
mod properties;
mod push;
mod query;
mod questions;
mod readme;
mod serve;
mod snapshots;
#[cfg(feature = "rocksdb")]
mod store;
mod telling;
mod validate;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The names in a folder, sorted.
pub fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Breaks the sheet of the second article of a `synth` corpus: one of its quotes is no
/// longer in the article. Returns the sheet's path.
pub fn break_the_second_sheet(corpus: &Path) -> PathBuf {
    let sheet = corpus.join("article-0002.toml");
    let text = std::fs::read_to_string(&sheet).unwrap();
    let broken = text.replace(
        "quote = \"The author is a professor\"",
        "quote = \"The author is a poet\"",
    );
    assert_ne!(broken, text, "the quote to break is in the sheet");
    std::fs::write(&sheet, broken).unwrap();
    sheet
}

/// Asserts that `err` is the error of the sheet `break_the_second_sheet` broke.
#[track_caller]
pub fn assert_the_broken_sheet(err: &str, sheet: &Path) {
    assert!(
        err.starts_with(&format!("error: {}:", sheet.display())),
        "{err}"
    );
    assert!(
        err.contains("the quote \"The author is a poet\" is not in"),
        "{err}"
    );
}

/// The outcome of one run of the binary.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Asserts success and returns stdout.
    #[track_caller]
    pub fn ok(self) -> String {
        assert_eq!(self.code, 0, "expected success; stderr:\n{}", self.stderr);
        self.stdout
    }

    /// Asserts exit status 2 (usage or input error), no panic and no output on stdout.
    #[track_caller]
    pub fn input_error(self) -> String {
        assert_eq!(
            self.code, 2,
            "expected exit 2; stdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
        assert!(
            !self.stderr.contains("panicked"),
            "panicked:\n{}",
            self.stderr
        );
        assert!(
            self.stdout.is_empty(),
            "stdout should be empty:\n{}",
            self.stdout
        );
        self.stderr
    }
}

/// How long any run of the binary may take before its test fails as hung: far above the
/// slowest run (seconds, in a debug build on a busy machine), a guard, not a measure of
/// speed.
pub const HANG_GUARD: u64 = 120;

/// The command that runs `nea-kg` with these arguments, in an environment of its own: no
/// `NEA_KG_*` variable of the test's environment reaches it (a test that wants one sets
/// it on the command), nor `COLUMNS` or `LINES` (help is wrapped the same for everyone),
/// and its standard input is empty.
pub fn command(args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_nea-kg"));
    command.args(args).stdin(Stdio::null());
    for (name, _) in std::env::vars_os() {
        if name.to_string_lossy().starts_with("NEA_KG_") {
            command.env_remove(name);
        }
    }
    command.env_remove("COLUMNS").env_remove("LINES");
    command
}

/// Runs `nea-kg` with these arguments (see [`command`]), failing the test if it hangs.
#[track_caller]
pub fn nea(args: &[&str]) -> Run {
    nea_within(HANG_GUARD, args)
}

/// Runs `nea-kg` with these arguments, and fails the test if it has not finished after
/// `seconds`: a guard against hangs, not a measure of speed.
#[track_caller]
pub fn nea_within(seconds: u64, args: &[&str]) -> Run {
    run_within(seconds, &mut command(args), &format!("nea-kg {args:?}"))
}

/// Runs `command` with its output piped, and fails the test (the process killed) if it
/// has not finished after `seconds`.
#[track_caller]
pub fn run_within(seconds: u64, command: &mut Command, what: &str) -> Run {
    let child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    wait_within(seconds, child, what)
}

/// Waits for `child`, reading what it writes to the pipes still held (its stdout or
/// stderr may have been taken), and fails the test, the process killed, if it has not
/// finished after `seconds`. The output is read as it comes, so a full pipe never passes
/// for a hang.
#[track_caller]
pub fn wait_within(seconds: u64, mut child: Child, what: &str) -> Run {
    let drain = |pipe: Option<Box<dyn Read + Send>>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            if let Some(mut pipe) = pipe {
                pipe.read_to_end(&mut bytes).expect("read the output");
            }
            bytes
        })
    };
    let stdout = drain(child.stdout.take().map(|p| Box::new(p) as _));
    let stderr = drain(child.stderr.take().map(|p| Box::new(p) as _));
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let mut pause = Duration::from_millis(1);
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for the binary") {
            break status;
        }
        if Instant::now() > deadline {
            child.kill().expect("kill the binary");
            child.wait().expect("wait for the killed binary");
            panic!("{what} did not finish in {seconds} s: killed");
        }
        std::thread::sleep(pause);
        pause = (pause * 2).min(Duration::from_millis(10));
    };
    Run {
        code: status.code().unwrap_or(-1),
        stdout: String::from_utf8(stdout.join().unwrap()).expect("stdout is UTF-8"),
        stderr: String::from_utf8(stderr.join().unwrap()).expect("stderr is UTF-8"),
    }
}

/// The repository's own files.
pub fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// The number of quads of the embedded default's graph, as `export` writes them: for
/// the tests whose point is not the size of the graph.
pub fn embedded_quads() -> usize {
    static QUADS: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *QUADS.get_or_init(|| nea(&["export", "--format", "nq"]).ok().lines().count())
}

pub fn article() -> String {
    std::fs::read_to_string(repo("data/article.txt")).unwrap()
}

/// A folder holding a copy of the embedded inputs, to be edited by a test.
pub struct Fixture {
    pub dir: tempfile::TempDir,
}

impl Default for Fixture {
    fn default() -> Self {
        Self::new()
    }
}

impl Fixture {
    pub fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        for f in ["article.txt", "facts.toml", "entities.toml"] {
            std::fs::copy(repo(&format!("data/{f}")), dir.path().join(f)).unwrap();
        }
        Self { dir }
    }

    pub fn path(&self, name: &str) -> String {
        self.dir.path().join(name).display().to_string()
    }

    pub fn write(&self, name: &str, content: &str) {
        std::fs::write(self.dir.path().join(name), content).unwrap();
    }

    pub fn read(&self, name: &str) -> String {
        std::fs::read_to_string(self.dir.path().join(name)).unwrap()
    }

    /// Replaces `from` (which must occur) with `to` in one of the files.
    pub fn edit(&self, name: &str, from: &str, to: &str) {
        let text = self.read(name);
        assert!(text.contains(from), "{from:?} is not in {name}");
        self.write(name, &text.replacen(from, to, 1));
    }

    /// Runs the binary on this fixture's files.
    #[track_caller]
    pub fn run(&self, args: &[&str]) -> Run {
        nea(&self
            .args(args)
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>())
    }

    /// Runs the binary on this fixture's files, killed and failed after `seconds`.
    #[track_caller]
    pub fn run_within(&self, seconds: u64, args: &[&str]) -> Run {
        nea_within(
            seconds,
            &self
                .args(args)
                .iter()
                .map(String::as_str)
                .collect::<Vec<_>>(),
        )
    }

    /// The arguments, followed by this fixture's files (its registry instead of the
    /// built-in one).
    fn args(&self, args: &[&str]) -> Vec<String> {
        let (a, f, e) = (
            self.path("article.txt"),
            self.path("facts.toml"),
            self.path("entities.toml"),
        );
        let mut all: Vec<String> = args.iter().map(|s| (*s).to_owned()).collect();
        all.extend(["--article".to_owned(), a, "--facts".to_owned(), f]);
        // The fixture's registry is a copy of the built-in one, edited by the test: it
        // stands alone.
        all.extend([
            "--entities".to_owned(),
            e,
            "--no-default-entities".to_owned(),
        ]);
        all
    }
}

/// Parses CSV query results into rows (the header row dropped, checked first).
#[track_caller]
pub fn csv_rows(csv: &str, header: &[&str]) -> Vec<Vec<String>> {
    let mut reader = csv::ReaderBuilder::new().from_reader(csv.as_bytes());
    let got: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(got, header, "result variables");
    reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

/// Runs a query over the embedded default and returns its CSV rows.
#[track_caller]
pub fn select(query: &str, header: &[&str]) -> Vec<Vec<String>> {
    csv_rows(&nea(&["query", query, "--format", "csv"]).ok(), header)
}

/// The IRI of the embedded article.
pub const EMBEDDED_ARTICLE: &str = "https://w3id.org/nea-kg/article/confidence-builder";

/// Runs a query whose rows come from the article's text over the embedded default: its
/// variables are `header` and then `article`, which every row must give as the embedded
/// article; returns the rows without it.
#[track_caller]
pub fn select_in_article(query: &str, header: &[&str]) -> Vec<Vec<String>> {
    let mut with_article = header.to_vec();
    with_article.push("article");
    select(query, &with_article)
        .into_iter()
        .map(|mut row| {
            assert_eq!(
                row.pop().as_deref(),
                Some(EMBEDDED_ARTICLE),
                "the article column"
            );
            row
        })
        .collect()
}

/// Rows as owned strings, for comparisons.
pub fn rows(rows: &[&[&str]]) -> Vec<Vec<String>> {
    rows.iter()
        .map(|r| r.iter().map(|c| (*c).to_owned()).collect())
        .collect()
}

/// A TOML basic string for any text: quotes, backslashes and control characters escaped.
pub fn toml_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// At most 2,000 characters of a long text, for a failing test's message.
pub fn shorten(text: &str) -> String {
    if text.chars().count() <= 2_000 {
        return text.to_owned();
    }
    let head: String = text.chars().take(2_000).collect();
    format!("{head}… ({} characters)", text.chars().count())
}
