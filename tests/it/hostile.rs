//! Hostile input, one test per class: output files in a shared folder, data that would
//! drive the terminal, dataset clauses, queries built to exhaust the stack, the parser,
//! the memory or the pipe, closed standard streams and signals. Each runs the real
//! binary and checks its exit status, that stdout is empty on an error, that nothing
//! panicked or died of a signal, and the first line of stderr.

use crate::{csv_rows, names, Fixture};
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

/// A device, a pipe or a folder is never replaced: a rename would replace the entry
/// itself (/dev/null becoming a regular file for everyone), so each is refused before
/// anything is built, and the folder is left as it was.
#[test]
fn an_output_that_is_not_a_regular_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("fifo.ttl");
    let status = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(status.success());
    let folder = dir.path().join("folder.ttl");
    std::fs::create_dir(&folder).unwrap();
    let before = names(dir.path());
    let not_regular = |p: &str| {
        format!("error: {p}: is not a regular file (a device, a pipe or a socket), and nea-kg writes files by renaming a finished file over them")
    };
    for device in ["/dev/null", "/dev/full"] {
        let out = run(60, &["export", "-o", device]);
        assert_eq!(out.refused(), not_regular(device));
        assert!(out.stderr.contains(&format!(
            "\n  to write to it, send standard output there: nea-kg … > {device}\n"
        )));
        let kind = std::fs::metadata(device).unwrap().file_type();
        assert!(kind.is_char_device(), "{device} is still a device");
    }
    let f = fifo.display().to_string();
    // A reader would block on the FIFO; nea-kg must not even open it.
    let out = run(60, &["export", "-o", &f]);
    assert_eq!(out.refused(), not_regular(&f));
    assert!(std::fs::symlink_metadata(&fifo)
        .unwrap()
        .file_type()
        .is_fifo());
    let d = folder.display().to_string();
    let out = run(60, &["export", "-o", &d]);
    assert_eq!(out.refused(), format!("error: {d}: is a folder"));
    assert!(names(&folder).is_empty());
    // Query results and reports go to stdout only; nothing was written in the folder.
    assert_eq!(names(dir.path()), before);
}

/// Names an attacker could guess for a temporary file (the target's name with a
/// suffix, the process id, a counter) are planted as symbolic links to a victim file:
/// the export creates its temporary file exclusively under a random name, so none of
/// them is followed, and each is left as it was.
#[test]
fn symlinks_planted_at_guessable_temporary_names_are_never_followed() {
    let dir = tempfile::tempdir().unwrap();
    let victim = dir.path().join("victim.txt");
    std::fs::write(&victim, "precious\n").unwrap();
    let out_dir = dir.path().join("shared");
    std::fs::create_dir(&out_dir).unwrap();
    let mut planted = vec![
        "kg.ttl.tmp".to_owned(),
        ".kg.ttl.tmp".to_owned(),
        "kg.ttl~".to_owned(),
        ".nea-kg.tmp".to_owned(),
        ".nea-kg-.tmp".to_owned(),
    ];
    for n in 0..200 {
        planted.push(format!(".nea-kg-{n}.tmp"));
        planted.push(format!(".nea-kg-{n:06}.tmp"));
    }
    for name in &planted {
        std::os::unix::fs::symlink(&victim, out_dir.join(name)).unwrap();
    }
    let target = out_dir.join("kg.ttl");
    run(60, &["export", "-o", target.to_str().unwrap()]).ended(0);
    assert_eq!(text(&victim), "precious\n");
    for name in &planted {
        let link = out_dir.join(name);
        assert!(std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        assert_eq!(std::fs::read_link(&link).unwrap(), victim);
    }
    assert!(text(&target).starts_with("@prefix "));
    assert_eq!(names(&out_dir).len(), planted.len() + 1, "one new file");
}

/// The umask of this process, from /proc (reading it with umask(2) would change it for
/// every thread of the test binary).
fn umask() -> u32 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let line = status.lines().find(|l| l.starts_with("Umask:")).unwrap();
    u32::from_str_radix(line.split_whitespace().nth(1).unwrap(), 8).unwrap()
}

/// An existing file keeps its permission bits (not the temporary file's 0600); a new
/// one gets 0666 less the umask, as `>` would give it.
#[test]
fn an_existing_file_keeps_its_permissions_and_a_new_one_gets_the_umask() {
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("old.ttl");
    std::fs::write(&old, "old\n").unwrap();
    for mode in [0o640, 0o604, 0o444] {
        std::fs::set_permissions(&old, std::fs::Permissions::from_mode(mode)).unwrap();
        run(60, &["export", "-o", old.to_str().unwrap()]).ended(0);
        let got = std::fs::metadata(&old).unwrap().permissions().mode() & 0o7777;
        assert_eq!(got, mode, "{got:o}");
        assert!(text(&old).starts_with("@prefix "));
    }
    let new = dir.path().join("new.nt");
    run(60, &["export", "-o", new.to_str().unwrap()]).ended(0);
    let got = std::fs::metadata(&new).unwrap().permissions().mode() & 0o7777;
    assert_eq!(got, 0o666 & !umask(), "{got:o}");
    assert!(temporaries(dir.path()).is_empty());
}

/// `-o LINK` where the link points to a file writes the file and keeps the link; a link
/// to nothing is refused.
#[test]
fn a_symlink_to_a_file_is_followed_and_stays_a_link() {
    let dir = tempfile::tempdir().unwrap();
    let real_dir = dir.path().join("real");
    std::fs::create_dir(&real_dir).unwrap();
    let real = real_dir.join("kg.ttl");
    std::fs::write(&real, "old\n").unwrap();
    let link = dir.path().join("link.ttl");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    run(60, &["export", "-o", link.to_str().unwrap()]).ended(0);
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert!(text(&real).starts_with("@prefix "));
    assert!(temporaries(&real_dir).is_empty() && temporaries(dir.path()).is_empty());
    let dangling = dir.path().join("dangling.ttl");
    std::os::unix::fs::symlink(dir.path().join("gone.ttl"), &dangling).unwrap();
    let d = dangling.display().to_string();
    let out = run(60, &["export", "-o", &d]);
    assert_eq!(
        out.refused(),
        format!(
            "error: {d}: is a symbolic link to nothing: No such file or directory (os error 2)"
        )
    );
}

/// A file name of 255 bytes, the longest a name may be, is written: the temporary
/// file's name does not grow from the target's.
#[test]
fn a_file_name_of_255_bytes_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let name = format!("{}.ttl", "a".repeat(251));
    assert_eq!(name.len(), 255);
    let target = dir.path().join(&name);
    run(60, &["export", "-o", target.to_str().unwrap()]).ended(0);
    assert!(text(&target).starts_with("@prefix "));
    assert_eq!(names(dir.path()), [name]);
}

/// `-o -` is standard output: the same bytes as no `-o`, and no file named `-`.
#[test]
fn dash_is_standard_output() {
    let dir = tempfile::tempdir().unwrap();
    let plain = finish(
        command(&["export", "--format", "nt"]).current_dir(dir.path()),
        60,
    );
    let dash = finish(
        command(&["export", "-o", "-", "--format", "nt"]).current_dir(dir.path()),
        60,
    );
    dash.ended(0);
    assert!(!dash.stdout.is_empty());
    assert_eq!(dash.stdout, plain.stdout);
    assert!(names(dir.path()).is_empty(), "{:?}", names(dir.path()));
}

/// Starts exporting `corpus` to `target` (as gzip: a corpus of 20 articles takes a
/// second or more to write), polls the target's folder every 2 ms until the temporary
/// file is there, and stops the process (SIGSTOP), so that what the test does next does
/// not race with it. Returns the stopped process and the temporary file.
fn stopped_while_writing(corpus: &Path, target: &Path) -> (Guard, PathBuf) {
    let folder = target.parent().unwrap();
    let mut export = command(&[
        "export",
        "--corpus",
        corpus.to_str().unwrap(),
        "-o",
        target.to_str().unwrap(),
    ]);
    export.stdout(Stdio::null()).stderr(Stdio::null());
    let mut child = Guard(export.spawn().unwrap());
    let deadline = Instant::now() + Duration::from_secs(60);
    let temporary = loop {
        if let Some(t) = temporaries(folder).pop() {
            break t;
        }
        if let Some(status) = child.0.try_wait().unwrap() {
            panic!("the export ended ({status}) before its temporary file was seen");
        }
        assert!(
            Instant::now() < deadline,
            "no temporary file after 60 s: killed"
        );
        std::thread::sleep(Duration::from_millis(2));
    };
    assert_eq!(signal(&child, libc::SIGSTOP), 0);
    assert!(
        temporary.exists(),
        "the export finished between the sight of its temporary file and SIGSTOP"
    );
    (child, temporary)
}

fn signal(child: &Guard, signal: libc::c_int) -> libc::c_int {
    unsafe { libc::kill(child.0.id() as libc::pid_t, signal) }
}

/// SIGTERM, SIGINT or SIGHUP while an export is being written: the temporary file is
/// removed before the process ends, and the file it was to replace is left as it was.
/// The signal is sent while the process is stopped, and delivered on SIGCONT.
#[test]
fn an_interrupted_export_leaves_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    nea_kg::synth::write_corpus(&corpus, 20).unwrap();
    for sig in [libc::SIGTERM, libc::SIGINT, libc::SIGHUP] {
        let out_dir = dir.path().join(format!("out-{sig}"));
        std::fs::create_dir(&out_dir).unwrap();
        let target = out_dir.join("kg.nq.gz");
        std::fs::write(&target, "the old export\n").unwrap();
        let (mut child, temporary) = stopped_while_writing(&corpus, &target);
        let name = temporary
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        assert!(
            name.len() > ".nea-kg-.tmp".len() && name.ends_with(".tmp"),
            "{name}"
        );
        assert_eq!(signal(&child, sig), 0);
        assert_eq!(signal(&child, libc::SIGCONT), 0);
        let status = wait_within(&mut child, 60);
        assert_eq!(status.signal(), Some(sig), "{status}");
        assert!(!status.core_dumped());
        assert_eq!(names(&out_dir), ["kg.nq.gz"], "signal {sig}");
        assert_eq!(text(&target), "the old export\n");
    }
}

/// While it is written, the temporary file is no more open than the file it replaces:
/// beside a file of 0600 it was 0644 (0666 less the umask), and another user could
/// open it then and read the whole export through that descriptor later.
#[test]
fn a_temporary_file_is_never_more_open_than_its_target() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    nea_kg::synth::write_corpus(&corpus, 20).unwrap();
    let out_dir = dir.path().join("out");
    std::fs::create_dir(&out_dir).unwrap();
    let target = out_dir.join("kg.nq.gz");
    std::fs::write(&target, "private\n").unwrap();
    std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o600)).unwrap();
    let (mut child, temporary) = stopped_while_writing(&corpus, &target);
    let mode = std::fs::metadata(&temporary).unwrap().permissions().mode() & 0o7777;
    assert_eq!(mode & 0o077, 0, "the temporary file is {mode:o}");
    assert_eq!(signal(&child, libc::SIGCONT), 0);
    let status = wait_within(&mut child, 120);
    assert_eq!(status.code(), Some(0), "{status}");
    let mode = std::fs::metadata(&target).unwrap().permissions().mode() & 0o7777;
    assert_eq!(mode, 0o600);
    assert_eq!(names(&out_dir), ["kg.nq.gz"]);
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

/// The arguments, followed by the fixture's files (its registry alone: it relabels
/// an entity the built-in registry declares).
fn on<'a>(fx: &'a Fixture, args: &[&'a str]) -> Vec<String> {
    let mut all: Vec<String> = args.iter().map(|a| (*a).to_owned()).collect();
    all.push("--no-default-entities".to_owned());
    for (flag, file) in [
        ("--article", "article.txt"),
        ("--facts", "facts.toml"),
        ("--entities", "entities.toml"),
    ] {
        all.extend([flag.to_owned(), fx.path(file)]);
    }
    all
}

/// Runs `nea-kg` on the fixture's files; asserts success and returns stdout.
#[track_caller]
fn ok(fx: &Fixture, args: &[&str]) -> String {
    let out = run(60, &on(fx, args));
    out.ended(0);
    out.stdout()
}

/// The table and describe's card show control characters and bidirectional overrides
/// as `\u{…}`; CSV, TSV, JSON, XML and RDF keep the exact data.
#[test]
fn escape_sequences_in_the_data_reach_the_terminal_only_escaped() {
    let fx = hostile_fixture();
    let label = "SELECT ?l WHERE { kg:tokyo rdfs:label ?l }";
    let table = ok(&fx, &["query", label]);
    assert!(table.contains(SHOWN), "{table}");
    assert!(!raw_controls(&table), "{table:?}");
    // An entity in a cell is shown by its label: escaped too.
    let entity = ok(&fx, &["query", "SELECT ?e WHERE { BIND(kg:tokyo AS ?e) }"]);
    assert!(entity.contains(SHOWN), "{entity}");
    assert!(!raw_controls(&entity), "{entity:?}");
    let card = ok(&fx, &["describe", "tokyo"]);
    assert!(card.starts_with(&format!("{SHOWN}\n")), "{card}");
    assert!(
        card.contains("  The capital\\u{1b}[2J of Japan.\n"),
        "{card}"
    );
    assert!(!raw_controls(&card), "{card:?}");
    // The data formats carry the label exactly.
    let csv = ok(&fx, &["query", label, "--format", "csv"]);
    assert_eq!(csv_rows(&csv, &["l"]), [[HOSTILE]]);
    let tsv = ok(&fx, &["query", label, "--format", "tsv"]);
    assert!(tsv.contains(HOSTILE), "{tsv:?}");
    let json = ok(&fx, &["query", label, "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(
        json["results"]["bindings"][0]["l"]["value"].as_str(),
        Some(HOSTILE)
    );
    let xml = ok(&fx, &["query", label, "--format", "xml"]);
    assert!(xml.contains("Tokyo\u{1b}[31mRED"), "{xml:?}");
    let card = ok(&fx, &["describe", "tokyo", "--format", "json"]);
    let card: serde_json::Value = serde_json::from_str(&card).unwrap();
    assert_eq!(card["label"].as_str(), Some(HOSTILE));
    let nt = ok(&fx, &["export", "--format", "nt"]);
    // N-Triples writes the C0 controls as \u escapes, and the others as they are.
    assert!(
        nt.contains("\"Tokyo\\u001B[31mRED\\u001B]0;pwned\\u0007\u{202e}evil\u{9b}2J\"@en"),
        "{nt}"
    );
}

/// Every message on stderr shows what it quotes escaped: a name given to describe, a
/// path, an id in a sheet.
#[test]
fn escape_sequences_in_messages_are_shown_escaped() {
    let fx = hostile_fixture();
    let out = run(60, &on(&fx, &["describe", HOSTILE]));
    // The label matches: the card, escaped. An unknown name: the message, escaped.
    out.ended(0);
    assert!(out.stdout().starts_with(SHOWN));
    let out = run(60, &["describe", "\u{1b}]0;pwned\u{7}\u{202e}"]);
    assert_eq!(
        out.refused(),
        "error: no entity is named \"\\u{1b}]0;pwned\\u{7}\\u{202e}\""
    );
    let out = run(60, &["query", "\u{1b}[2J.rq"]);
    assert_eq!(
        out.refused(),
        "error: \\u{1b}[2J.rq: cannot read the query: no such file"
    );
    fx.edit(
        "facts.toml",
        "object = \"rok\"\n",
        "object = \"rok\\u001B[2J\"\n",
    );
    let out = run(60, &on(&fx, &["export"]));
    out.refused();
    let err = out.stderr.clone();
    assert!(
        err.contains(": unknown id \"rok\\u{1b}[2J\" in `object`"),
        "{err}"
    );
    assert!(!raw_controls(&err), "{err:?}");
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

/// validate's text report shows a shape's message escaped (the shapes file is input
/// too); its JSON report keeps it exact.
#[test]
fn a_violation_with_escape_sequences_is_reported_escaped() {
    let fx = Fixture::new();
    fx.write(
        "shapes.ttl",
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n<http://x/S> a sh:NodeShape ; sh:targetNode <http://x/nothing> ; sh:property <http://x/P> .\n<http://x/P> a sh:PropertyShape ; sh:path <http://x/p> ; sh:minCount 1 ; sh:message \"gone\\u001B]0;pwned\\u0007\\u202E\" .\n",
    );
    let shapes = fx.path("shapes.ttl");
    let out = run(60, &["validate", "--shapes", &shapes]);
    out.ended(1);
    let report = out.stdout();
    assert_eq!(
        report,
        "<http://x/nothing>  <http://x/p>  gone\\u{1b}]0;pwned\\u{7}\\u{202e}  [<http://x/P> sh:minCount]\n"
    );
    assert_eq!(
        out.first_line(),
        "error: the embedded graph does not conform: 1 violation"
    );
    let out = run(60, &["validate", "--shapes", &shapes, "--format", "json"]);
    out.ended(1);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        json["violations"][0]["message"].as_str(),
        Some("gone\u{1b}]0;pwned\u{7}\u{202e}")
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

/// `FROM <g>` makes the default graph exactly that graph, as SPARQL 1.1 says: the
/// ontology's triples, as many as the lines of `export --graph ontology --format nt`.
/// FROM NAMED alone leaves the default graph empty; FROM alone leaves no named graph.
#[test]
fn from_defines_the_dataset_exactly() {
    let ontology = format!("<{GRAPH}ontology>");
    let out = run(60, &["export", "--graph", "ontology", "--format", "nt"]);
    out.ended(0);
    let lines = out.stdout().lines().count();
    assert!(lines > 100);
    let q = |dataset: &str, pattern: &str| {
        format!("SELECT (COUNT(*) AS ?n) {dataset} WHERE {{ {pattern} }}")
    };
    let all = "?s ?p ?o";
    let named = "GRAPH ?g { ?s ?p ?o }";
    assert_eq!(count(&[&q(&format!("FROM {ontology}"), all)]), lines);
    assert_eq!(count(&[&q(&format!("FROM NAMED {ontology}"), all)]), 0);
    assert_eq!(
        count(&[&q(&format!("FROM NAMED {ontology}"), named)]),
        lines
    );
    assert_eq!(count(&[&q(&format!("FROM {ontology}"), named)]), 0);
    assert_eq!(count(&[&q(&format!("FROM <{GRAPH}nothing>"), all)]), 0);
    // Without a dataset clause, the default graph is the union of every graph.
    assert!(count(&[&q("", all)]) > lines);
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

/// Thousands of nested groups: refused before the parser recurses.
#[test]
fn thousands_of_nested_groups_are_refused() {
    let deep = format!("SELECT * WHERE {}{}", "{".repeat(5_000), "}".repeat(5_000));
    let out = run(60, &["query", &deep]);
    assert_eq!(
        out.refused(),
        "error: the query: nests 5000 levels of groups, brackets or parentheses; the limit is 200"
    );
    assert!(out.stderr.contains("\n  flatten the query"));
}

/// The bracket count skipped what looked like an IRI, `<` and a `>` with no space
/// between: `FILTER(1<((((…1))))>0)` hid 50,000 parentheses from it, and the parser,
/// which reads that `<` as "less than", overflowed its stack (SIGABRT). Counted now.
#[test]
fn brackets_hidden_between_less_than_and_greater_than_are_counted() {
    let fx = Fixture::new();
    let (open, close) = ("(".repeat(50_000), ")".repeat(50_000));
    let q = query_file(
        &fx,
        &format!("SELECT (COUNT(*) AS ?n) WHERE {{ FILTER(1<{open}1{close}>0) }}"),
    );
    let out = run(60, &["query", &q]);
    assert_eq!(
        out.refused(),
        format!(
            "error: {q}: nests 50002 levels of groups, brackets or parentheses; the limit is 200"
        )
    );
    let q = query_file(
        &fx,
        &format!("SELECT (COUNT(*) AS ?n) WHERE {{ FILTER(1<#x>{close}\n{open}1{close}) }}"),
    );
    let first = run(60, &["query", &q]).refused().to_owned();
    assert!(
        first.starts_with(&format!("error: {q}: nests ")) && first.ends_with("; the limit is 200"),
        "{first}"
    );
}

const TOO_DEEP: &str = "nests more than 1000 levels deep once parsed (a long chain of operators, UNIONs or OPTIONALs nests as brackets do, and so does a group of many triple patterns or a long path a/b/c/…)";

/// Long chains of operators nest no brackets, but as deep once parsed: `1 + 1 + … + 1`
/// 100,000 long, 20,000 UNIONs, 20,000 OPTIONALs. Each is refused with the limit.
#[test]
fn long_operator_chains_are_refused() {
    let fx = Fixture::new();
    for text in [
        format!(
            "SELECT * WHERE {{ FILTER({}1 > 0) }}",
            "1 + ".repeat(100_000)
        ),
        format!(
            "SELECT * WHERE {{ {}{{ ?s ?p ?o }} }}",
            "{ ?s ?p ?o } UNION ".repeat(20_000)
        ),
        format!(
            "SELECT * WHERE {{ ?s ?p ?o {}}}",
            "OPTIONAL { ?s ?p ?o } ".repeat(20_000)
        ),
    ] {
        let q = query_file(&fx, &text);
        let out = run(60, &["query", &q]);
        assert_eq!(out.refused(), format!("error: {q}: {TOO_DEEP}"));
        assert!(out.stderr.contains("\n  split the query"));
    }
}

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

/// `!(!(!(…)))` 100 deep is within the bracket limit, but the parser backtracks
/// exponentially on it: it stops at the parse deadline (10 s), or at `--timeout`.
#[test]
fn a_query_the_parser_backtracks_on_stops_at_the_parse_deadline() {
    let text = format!(
        "SELECT * WHERE {{ FILTER({}true{}) }}",
        "!(".repeat(100),
        ")".repeat(100)
    );
    let started = Instant::now();
    let out = run(60, &["query", &text]);
    assert_eq!(
        out.refused(),
        "error: the query: still parsing after 10 s: the parser backtracks on deeply nested expressions such as !(!(!(…)))"
    );
    assert!(out
        .stderr
        .contains("\n  simplify the nesting, or give --timeout to allow it longer"));
    assert!(started.elapsed() < Duration::from_secs(30));
    let out = run(60, &["query", &text, "--timeout", "1"]);
    assert_eq!(
        out.refused(),
        "error: the query: stopped after 1 s (--timeout)"
    );
}

/// `--timeout` bounds the query as a whole: the time its parsing took is not given again
/// to its evaluation (`--timeout 3` on a query that parsed for 2 s ran for 5 s).
#[test]
fn the_timeout_bounds_parsing_and_evaluation_together() {
    let deep = format!("{}true{}", "!(".repeat(18), ")".repeat(18));
    // A three-way cross join (about 1.8e11 rows): no machine counts it within the
    // timeout, so the test does not depend on how fast this one is.
    let text = format!(
        "SELECT (COUNT(*) AS ?n) WHERE {{ ?a ?b ?c . ?d ?e ?f . ?g ?h ?i FILTER({deep}) }}"
    );
    let started = Instant::now();
    let out = run(60, &["query", &text, "--timeout", "3"]);
    let took = started.elapsed();
    assert_eq!(
        out.refused(),
        "error: the query: stopped after 3 s (--timeout)"
    );
    assert!(took < Duration::from_secs(4), "{took:?}");
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

/// ORDER BY over a three-way cross join sorts 90 billion rows: the heap passes the
/// bound. Whether the query is cancelled first or the process stopped at the hard bound
/// (an eighth above) depends on how fast the sort's buffer grows; either way the
/// message names the bound and how to raise it, and nothing is on stdout.
#[test]
fn order_by_over_a_cross_join_stops_at_the_memory_bound() {
    let out = run(
        120,
        &[
            "query",
            "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?a ?d ?g",
            "--format",
            "csv",
            "--max-memory",
            "300M",
        ],
    );
    let first = out.refused();
    assert!(
        first == "error: the query: stopped: it needed more than 300.0 MiB of memory (--max-memory)"
            || first
                == "error: stopped: the program needed more than 300.0 MiB of memory (--max-memory)",
        "{first}"
    );
    assert!(out.stderr.contains("or give a larger --max-memory\n"));
}

#[test]
fn an_invalid_memory_bound_is_refused() {
    for size in ["lots", "0", "-1G", "12Q"] {
        let out = run(60, &["query", "cq01", &format!("--max-memory={size}")]);
        assert_eq!(
            out.refused(),
            format!("error: invalid --max-memory {size:?}: give a size such as 512M, 4G or 16GiB")
        );
    }
}

/// A CONSTRUCT of 20 million triples read by `head`: it streams (unsorted, with a note
/// on stderr), so it ends as soon as the pipe closes, with exit status 0.
#[test]
fn a_construct_of_millions_of_triples_ends_when_the_pipe_closes() {
    let query = "CONSTRUCT { <urn:x:s> <urn:x:p> ?k } WHERE { ?a ?b ?c . ?d ?e ?f BIND(CONCAT(STR(?a), STR(?b), STR(?c), STR(?d), STR(?e), STR(?f)) AS ?k) }";
    for format in ["nt", "ttl"] {
        let mut child = Guard(
            command(&["query", query, "--format", format])
                .spawn()
                .unwrap(),
        );
        let mut stdout = child.0.stdout.take().unwrap();
        let mut stderr = child.0.stderr.take().unwrap();
        let mut head = [0u8; 4096];
        stdout.read_exact(&mut head).unwrap();
        drop(stdout);
        let status = wait_within(&mut child, 60);
        let mut message = String::new();
        stderr.read_to_string(&mut message).unwrap();
        assert_eq!(status.code(), Some(0), "{status}: {message}");
        assert_eq!(
            message,
            "the query: more than 100000 triples: written as the engine gives them, not sorted\n"
        );
        assert!(String::from_utf8_lossy(&head).contains("<urn:x:p>"));
    }
}

// ---------------------------------------------------------------------------------------
// Closed standard streams

/// Every command in every format, with its stdout a pipe whose reading end is closed
/// before it starts (`nea-kg … | true`): exit status 0 and nothing on stderr.
#[test]
fn a_closed_stdout_is_a_silent_success_everywhere() {
    let mut cases: Vec<Vec<&str>> = Vec::new();
    for format in ["ttl", "nt", "nq", "trig", "rdf", "jsonld", "nq.gz"] {
        cases.push(vec!["export", "--format", format]);
    }
    for format in ["table", "csv", "tsv", "json", "xml"] {
        cases.push(vec!["query", "cq01", "--format", format]);
    }
    cases.push(vec![
        "query",
        "CONSTRUCT WHERE { ?s ?p ?o }",
        "--format",
        "ttl",
    ]);
    cases.push(vec!["query", "DESCRIBE kg:rok"]);
    cases.push(vec!["query", "ASK {}", "--format", "json"]);
    cases.push(vec!["describe", "ROK"]);
    cases.push(vec!["describe", "ROK", "--format", "json"]);
    cases.push(vec!["validate", "--format", "json"]);
    cases.push(vec!["queries"]);
    cases.push(vec!["--help"]);
    let fx = Fixture::new();
    // validate's text report, with a violation to write.
    fx.write(
        "shapes.ttl",
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n<http://x/S> a sh:NodeShape ; sh:targetNode <http://x/a>, <http://x/b> ; sh:property <http://x/P> .\n<http://x/P> a sh:PropertyShape ; sh:path <http://x/p> ; sh:minCount 1 .\n",
    );
    let shapes = fx.path("shapes.ttl");
    for args in
        cases
            .iter()
            .map(|c| c.as_slice())
            .chain([["validate", "--shapes", shapes.as_str()].as_slice()])
    {
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let mut cmd = command(args);
        cmd.stdout(Stdio::from(writer));
        let out = finish(&mut cmd, 60);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", out.stderr);
        assert_eq!(out.stderr, "", "{args:?}");
    }
}

/// With stderr closed (`2>&-`) or a pipe nobody reads, a message never panics: the
/// exit status is the usual one, and no signal ends the process.
#[test]
fn a_closed_stderr_never_makes_the_process_panic() {
    let cases: [(&[&str], i32); 6] = [
        (&["query", "SELECT * WHERE { ?s ?p }"], 2),
        (&["describe", "Tokio"], 2),
        (&["export", "-o", "/dev/null"], 2),
        (&["no-such-command"], 2),
        (&["validate"], 0),
        (&["query", "cq01", "--format", "csv"], 0),
    ];
    for (args, code) in cases {
        let mut closed = command(args);
        unsafe {
            closed.pre_exec(|| {
                libc::close(2);
                Ok(())
            });
        }
        let out = finish(&mut closed, 60);
        out.ended(code);
        if code == 2 {
            assert!(out.stdout.is_empty(), "{args:?}");
        }
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let mut broken = command(args);
        broken.stderr(Stdio::from(writer));
        let out = finish(&mut broken, 60);
        out.ended(code);
    }
}

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
