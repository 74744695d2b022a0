//! Integration tests: they run the real binary, as a user would, and check its output
//! against what the article says. One test binary, a module per topic.

mod corpus;
mod describe;
mod errors;
mod export;
mod graph;
mod grounding;
mod properties;
mod push;
mod query;
mod questions;
mod readme;
#[cfg(feature = "rocksdb")]
mod store;
mod validate;

use std::path::{Path, PathBuf};
use std::process::Command;

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

/// Runs `nea-kg` with these arguments.
pub fn nea(args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_nea-kg"))
        .args(args)
        .output()
        .expect("the binary runs");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    }
}

/// The repository's own files.
pub fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
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
    pub fn run(&self, args: &[&str]) -> Run {
        let (a, f, e) = (
            self.path("article.txt"),
            self.path("facts.toml"),
            self.path("entities.toml"),
        );
        let mut all: Vec<&str> = args.to_vec();
        all.extend(["--article", &a, "--facts", &f, "--entities", &e]);
        nea(&all)
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
