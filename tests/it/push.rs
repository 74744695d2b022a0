//! `nea-kg push` against a store played by a loopback server in the test: the requests
//! it sends, and what it says when the store fails or is not there.

use crate::nea;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::mpsc;

/// One request as the server saw it.
#[derive(Debug)]
struct Seen {
    method: String,
    target: String,
    headers: Vec<(String, String)>,
    body: String,
}

impl Seen {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Serves `answers.len()` requests on a loopback port, answering each with the status
/// line and body given, and reports what it received.
fn serve(answers: Vec<(&'static str, &'static str)>) -> (String, mpsc::Receiver<Seen>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for (status, answer) in answers {
            let (stream, _) = listener.accept().unwrap();
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut line = String::new();
            reader.read_line(&mut line).unwrap();
            let mut parts = line.split_whitespace();
            let method = parts.next().unwrap_or("").to_owned();
            let target = parts.next().unwrap_or("").to_owned();
            let mut headers = Vec::new();
            loop {
                let mut h = String::new();
                reader.read_line(&mut h).unwrap();
                let h = h.trim_end();
                if h.is_empty() {
                    break;
                }
                let (k, v) = h.split_once(':').unwrap();
                headers.push((k.trim().to_owned(), v.trim().to_owned()));
            }
            let length: usize = headers
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case("content-length"))
                .map_or(0, |(_, v)| v.parse().unwrap());
            let mut body = vec![0; length];
            reader.read_exact(&mut body).unwrap();
            let mut stream = stream;
            write!(
                stream,
                "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{answer}",
                answer.len()
            )
            .unwrap();
            stream.flush().unwrap();
            tx.send(Seen {
                method,
                target,
                headers,
                body: String::from_utf8(body).unwrap(),
            })
            .unwrap();
        }
    });
    (format!("http://127.0.0.1:{port}/store"), rx)
}

fn graph_param(iri: &str) -> String {
    iri.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

#[test]
fn each_named_graph_is_posted_as_n_triples() {
    let (endpoint, seen) = serve(vec![("204 No Content", ""); 4]);
    let run = nea(&["push", "--endpoint", &endpoint]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let requests: Vec<Seen> = seen.iter().take(4).collect();
    let targets: Vec<&str> = requests.iter().map(|r| r.target.as_str()).collect();
    let expect: Vec<String> = ["confidence-builder", "entities", "metadata", "ontology"]
        .iter()
        .map(|g| {
            format!(
                "/store?graph={}",
                graph_param(&format!("https://w3id.org/nea-kg/graph/{g}"))
            )
        })
        .collect();
    assert_eq!(targets, expect);
    for r in &requests {
        assert_eq!(r.method, "POST");
        assert_eq!(
            r.header("content-type"),
            Some("application/n-triples; charset=utf-8")
        );
        assert!(r.header("authorization").is_none());
    }
    // The bodies are the graphs, as N-Triples: together, the whole export.
    let mut pushed: Vec<&str> = requests.iter().flat_map(|r| r.body.lines()).collect();
    let exported = nea(&["export", "--format", "nt"]).ok();
    let mut all: Vec<&str> = exported.lines().collect();
    pushed.sort_unstable();
    all.sort_unstable();
    assert_eq!(pushed, all);
    assert!(
        run.stderr
            .ends_with(&format!("pushed 4495 triples in 4 graphs to {endpoint}\n")),
        "{}",
        run.stderr
    );
}

#[test]
fn replace_puts_the_union_into_one_graph_with_credentials() {
    let (endpoint, seen) = serve(vec![("201 Created", "")]);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_nea-kg"))
        .args([
            "push",
            "--endpoint",
            &endpoint,
            "--replace",
            "--graph",
            "urn:x:kg",
            "--user",
            "ann",
        ])
        .env("NEA_KG_PASSWORD", "s3cret")
        .output()
        .unwrap();
    assert!(out.status.success());
    let r = seen.recv().unwrap();
    assert_eq!(r.method, "PUT");
    assert_eq!(r.target, "/store?graph=urn%3Ax%3Akg");
    assert_eq!(r.header("authorization"), Some("Basic YW5uOnMzY3JldA=="));
    assert_eq!(r.body.lines().count(), 4495);
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(!stderr.contains("s3cret"));
    let (endpoint, seen) = serve(vec![("200 OK", "")]);
    nea(&[
        "push",
        "--endpoint",
        &endpoint,
        "--default-graph",
        "--graphs",
        "ontology",
    ])
    .ok();
    let r = seen.recv().unwrap();
    assert_eq!(r.target, "/store?default");
    assert!(r.body.lines().count() > 400);
}

#[test]
fn a_server_error_shows_the_status_and_the_body() {
    let (endpoint, _seen) = serve(vec![(
        "500 Internal Server Error",
        "Transaction aborted: disk full\nat line 3",
    )]);
    let err = nea(&["push", "--endpoint", &endpoint]).input_error();
    let graph = graph_param("https://w3id.org/nea-kg/graph/confidence-builder");
    assert_eq!(
        err,
        format!("error: POST {endpoint}?graph={graph}: the store answered 500 Internal Server Error\n  Transaction aborted: disk full\n  at line 3\n  check the endpoint, the credentials and the store's log\n")
    );
}

#[test]
fn a_redirect_is_followed_with_the_same_method_and_body() {
    let (endpoint, seen) = serve(vec![
        (
            "307 Temporary Redirect\r\nLocation: /other/store?graph=urn%3Ax",
            "",
        ),
        ("204 No Content", ""),
    ]);
    nea(&["push", "--endpoint", &endpoint, "--graph", "urn:x"]).ok();
    let first = seen.recv().unwrap();
    let second = seen.recv().unwrap();
    assert_eq!(second.method, "POST");
    assert_eq!(second.target, "/other/store?graph=urn%3Ax");
    assert_eq!(first.body, second.body);
}

#[test]
fn a_refused_connection_is_a_clear_error() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    let endpoint = format!("http://127.0.0.1:{port}/store");
    let err = nea(&["push", "--endpoint", &endpoint, "--graph", "urn:x"]).input_error();
    assert_eq!(
        err,
        format!("error: POST {endpoint}?graph=urn%3Ax: connection refused\n  check that the store is running and that --endpoint is its Graph Store Protocol URL\n")
    );
}

#[test]
fn credentials_stay_out_of_urls_and_messages() {
    let err = nea(&["push", "--endpoint", "http://ann:s3cret@127.0.0.1:9/store"]).input_error();
    assert!(!err.contains("s3cret"), "{err}");
    assert!(err.contains("carries credentials"), "{err}");
    let err = nea(&["push", "--endpoint", "ftp://example.org/store"]).input_error();
    assert!(err.contains("is not an http:// or https:// URL"), "{err}");
    let err = nea(&[
        "push",
        "--endpoint",
        "http://127.0.0.1:9/store",
        "--user",
        "ann",
    ])
    .input_error();
    assert_eq!(
        err,
        "error: a user is given but no password\n  set the environment variable NEA_KG_PASSWORD\n"
    );
}
