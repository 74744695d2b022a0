//! `nea-kg push` against a store played by a loopback server in the test: the requests
//! it sends, and what it says when the store fails, redirects, is slow or is not there.
//! Each server binds 127.0.0.1, answers a list of replies in order, gives up after a
//! deadline, and stops when the test drops it.

use crate::{nea, Run};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc};
use std::time::{Duration, Instant};

/// How long a test waits for a request, and how long a server lives at most.
const WAIT: Duration = Duration::from_secs(20);

/// One request as the server saw it.
#[derive(Debug)]
struct Seen {
    method: String,
    /// The request target exactly as sent (`/store?graph=…`).
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

/// What the server answers to one request.
#[derive(Clone)]
struct Reply {
    /// The status line's code and reason, then any header lines (`\r\n` between).
    head: String,
    body: Vec<u8>,
    /// How long to wait before answering.
    delay: Duration,
    /// Bytes sent after the answer, on the same connection.
    extra: Vec<u8>,
    /// Keep the connection open after answering (no `Connection: close`).
    keep_open: bool,
}

impl Reply {
    fn status(head: &str, body: &str) -> Self {
        Self {
            head: head.to_owned(),
            body: body.as_bytes().to_vec(),
            delay: Duration::ZERO,
            extra: Vec::new(),
            keep_open: false,
        }
    }

    /// Answers 204 twice to one request, and keeps the connection open: a client that
    /// reused it would take the second answer for its next request.
    fn twice() -> Self {
        Self {
            extra: b"HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n".to_vec(),
            keep_open: true,
            ..Self::ok()
        }
    }

    fn ok() -> Self {
        Self::status("204 No Content", "")
    }

    fn redirect(code: &str, location: &str) -> Self {
        Self::status(&format!("{code}\r\nLocation: {location}"), "")
    }

    /// Answers 204, but only after `delay`.
    fn slow(delay: Duration) -> Self {
        Self {
            delay,
            ..Self::ok()
        }
    }
}

/// A loopback store that answers `replies` in order, one per connection.
struct Server {
    /// `http://127.0.0.1:PORT/store`.
    url: String,
    port: u16,
    seen: mpsc::Receiver<Seen>,
    stop: Arc<AtomicBool>,
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
    }
}

impl Server {
    fn new(replies: Vec<Reply>) -> Self {
        Self::start(replies, None)
    }

    /// A store that speaks https:// with this TLS configuration.
    fn tls(replies: Vec<Reply>, tls: Arc<rustls::ServerConfig>) -> Self {
        Self::start(replies, Some(tls))
    }

    fn start(replies: Vec<Reply>, tls: Option<Arc<rustls::ServerConfig>>) -> Self {
        let scheme = if tls.is_some() { "https" } else { "http" };
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let port = listener.local_addr().unwrap().port();
        let (tx, seen) = mpsc::channel();
        let stop = Arc::new(AtomicBool::new(false));
        let stopped = stop.clone();
        std::thread::spawn(move || {
            let deadline = Instant::now() + WAIT;
            let alive = || !stopped.load(Ordering::SeqCst) && Instant::now() < deadline;
            // Connections kept open, until the server stops.
            let mut held: Vec<Box<dyn std::any::Any>> = Vec::new();
            for reply in replies {
                let mut stream = loop {
                    match listener.accept() {
                        Ok((stream, _)) => break stream,
                        Err(_) if alive() => std::thread::sleep(Duration::from_millis(5)),
                        Err(_) => return,
                    }
                };
                if prepare(&stream).is_none() {
                    continue;
                }
                match &tls {
                    None => {
                        answer(&mut stream, &reply, &tx, &alive);
                        if reply.keep_open {
                            held.push(Box::new(stream));
                        }
                    }
                    Some(config) => {
                        let Ok(connection) = rustls::ServerConnection::new(config.clone()) else {
                            continue;
                        };
                        let mut stream = rustls::StreamOwned::new(connection, stream);
                        answer(&mut stream, &reply, &tx, &alive);
                        if reply.keep_open {
                            held.push(Box::new(stream));
                        }
                    }
                };
            }
            while !held.is_empty() && alive() {
                std::thread::sleep(Duration::from_millis(10));
            }
        });
        Self {
            url: format!("{scheme}://127.0.0.1:{port}/store"),
            port,
            seen,
            stop,
        }
    }

    /// The next request, waiting at most WAIT for it.
    #[track_caller]
    fn next(&self) -> Seen {
        self.seen
            .recv_timeout(WAIT)
            .expect("the server saw no request in time")
    }

    /// The next `n` requests.
    #[track_caller]
    fn take(&self, n: usize) -> Vec<Seen> {
        (0..n).map(|_| self.next()).collect()
    }

    /// Asserts that no further request came (waiting a moment for a late one).
    #[track_caller]
    fn assert_no_more(&self) {
        if let Ok(r) = self.seen.recv_timeout(Duration::from_millis(200)) {
            panic!("unexpected request: {} {}", r.method, r.target);
        }
    }
}

/// A blocking connection, bounded in time.
fn prepare(stream: &TcpStream) -> Option<()> {
    stream.set_nonblocking(false).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    stream.set_write_timeout(Some(Duration::from_secs(5))).ok()
}

/// Reads one request from `stream`, reports it, and answers it; `None` if the client
/// went away (or refused the TLS handshake).
fn answer(
    stream: &mut (impl Read + Write),
    reply: &Reply,
    tx: &mpsc::Sender<Seen>,
    alive: &dyn Fn() -> bool,
) -> Option<()> {
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    let mut parts = line.split_whitespace();
    let method = parts.next().unwrap_or("").to_owned();
    let target = parts.next().unwrap_or("").to_owned();
    let mut headers = Vec::new();
    loop {
        let mut h = String::new();
        reader.read_line(&mut h).ok()?;
        let h = h.trim_end();
        if h.is_empty() {
            break;
        }
        let (k, v) = h.split_once(':')?;
        headers.push((k.trim().to_owned(), v.trim().to_owned()));
    }
    let length: usize = headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("content-length"))
        .map_or(0, |(_, v)| v.parse().unwrap_or(0));
    let mut body = vec![0; length];
    reader.read_exact(&mut body).ok()?;
    tx.send(Seen {
        method,
        target,
        headers,
        body: String::from_utf8_lossy(&body).into_owned(),
    })
    .ok()?;
    let until = Instant::now() + reply.delay;
    while Instant::now() < until && alive() {
        std::thread::sleep(Duration::from_millis(10));
    }
    let stream = reader.get_mut();
    let _ = write!(
        stream,
        "HTTP/1.1 {}\r\nContent-Length: {}\r\n{}\r\n",
        reply.head,
        reply.body.len(),
        if reply.keep_open {
            ""
        } else {
            "Connection: close\r\n"
        }
    );
    let _ = stream.write_all(&reply.body);
    let _ = stream.write_all(&reply.extra);
    let _ = stream.flush();
    Some(())
}

/// Runs `nea-kg` with these arguments and only the `NEA_KG_*` variables given.
fn nea_env(args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut command = crate::command(args);
    command.envs(env.iter().copied());
    output(&mut command)
}

/// Runs a command made by `crate::command`, failing the test if it hangs.
fn output(command: &mut Command) -> Run {
    crate::run_within(crate::HANG_GUARD, command, "nea-kg push")
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

fn graph(name: &str) -> String {
    format!("https://w3id.org/nea-kg/graph/{name}")
}

#[test]
fn each_named_graph_is_posted_as_n_triples() {
    let store = Server::new(vec![Reply::ok(); 4]);
    let run = nea(&["push", "--endpoint", &store.url]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    let requests = store.take(4);
    let targets: Vec<&str> = requests.iter().map(|r| r.target.as_str()).collect();
    let expect: Vec<String> = ["confidence-builder", "entities", "metadata", "ontology"]
        .iter()
        .map(|g| format!("/store?graph={}", graph_param(&graph(g))))
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
        run.stderr.ends_with(&format!(
            "pushed {} triples in 4 graphs to {}\n",
            crate::embedded_quads(),
            store.url
        )),
        "{}",
        run.stderr
    );
}

#[test]
fn replace_puts_the_union_into_one_graph_with_credentials() {
    let store = Server::new(vec![Reply::status("201 Created", "")]);
    let run = nea_env(
        &[
            "push",
            "--endpoint",
            &store.url,
            "--replace",
            "--graph",
            "urn:x:kg",
            "--user",
            "ann",
        ],
        &[("NEA_KG_PASSWORD", "s3cret")],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let r = store.next();
    assert_eq!(r.method, "PUT");
    assert_eq!(r.target, "/store?graph=urn%3Ax%3Akg");
    assert_eq!(r.header("authorization"), Some("Basic YW5uOnMzY3JldA=="));
    assert_eq!(r.body.lines().count(), crate::embedded_quads());
    assert!(!run.stderr.contains("s3cret"));
    let store = Server::new(vec![Reply::status("200 OK", "")]);
    nea(&[
        "push",
        "--endpoint",
        &store.url,
        "--default-graph",
        "--graphs",
        "ontology",
    ])
    .ok();
    let r = store.next();
    assert_eq!(r.target, "/store?default");
    assert!(r.body.lines().count() > 400);
}

#[test]
fn a_server_error_shows_the_status_and_the_body() {
    let store = Server::new(vec![Reply::status(
        "500 Internal Server Error",
        "Transaction aborted: disk full\nat line 3",
    )]);
    let err = nea(&["push", "--endpoint", &store.url]).input_error();
    let graph = graph_param(&graph("confidence-builder"));
    assert_eq!(
        err,
        format!("error: POST {}?graph={graph}: the store answered 500 Internal Server Error\n  Transaction aborted: disk full\n  at line 3\n  nothing was written: the push stopped at the first of 4 graphs\n  check the endpoint, the credentials and the store's log\n", store.url)
    );
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

// ---------------------------------------------------------------------------------------
// A push writes only where it says.

#[test]
fn an_endpoint_with_a_fragment_is_refused_before_any_request() {
    let store = Server::new(vec![Reply::ok(); 4]);
    for fragment in ["#frag", "#", "#x?graph=urn:y"] {
        let endpoint = format!("{}{fragment}", store.url);
        let err = nea(&["push", "--endpoint", &endpoint, "--replace"]).input_error();
        assert_eq!(
            err,
            format!("error: --endpoint {endpoint:?} has a fragment (#…), which would cut off the graph parameter: the store would take every request for the bare endpoint (with --replace, the whole dataset)\n  remove the fragment from --endpoint\n")
        );
    }
    store.assert_no_more();
}

#[test]
fn an_endpoint_that_already_names_a_graph_is_refused() {
    let store = Server::new(vec![Reply::ok()]);
    for (query, name) in [
        ("?graph=urn:y", "graph"),
        ("?default", "default"),
        ("?x=1&Graph=urn:y", "Graph"),
        ("?default=", "default"),
    ] {
        let endpoint = format!("{}{query}", store.url);
        let err = nea(&["push", "--endpoint", &endpoint, "--graph", "urn:x"]).input_error();
        assert!(
            err.starts_with(&format!(
                "error: --endpoint {endpoint:?} already has a {name:?} parameter, and nea-kg adds graph= (or default) to each request itself\n  give the endpoint without it"
            )),
            "{err}"
        );
    }
    store.assert_no_more();
    // Any other parameter stays, and the graph is added to it.
    let endpoint = format!("{}?x=a%20b", store.url);
    nea(&["push", "--endpoint", &endpoint, "--graph", "urn:x"]).ok();
    assert_eq!(store.next().target, "/store?x=a%20b&graph=urn%3Ax");
}

#[test]
fn a_failure_part_way_says_which_graphs_went_in() {
    let store = Server::new(vec![
        Reply::ok(),
        Reply::status("500 Internal Server Error", "disk full"),
    ]);
    let err = nea(&["push", "--endpoint", &store.url]).input_error();
    let requests = store.take(2);
    store.assert_no_more();
    let url = |g: &str| format!("{}?graph={}", store.url, graph_param(&graph(g)));
    assert_eq!(
        requests[1].target,
        format!("/store?graph={}", graph_param(&graph("entities")))
    );
    let first_count = requests[0].body.lines().count();
    assert_eq!(
        err,
        format!(
            "POST {first_count} triples to <{}>: 204 No Content\n\
             error: POST {}: the store answered 500 Internal Server Error\n  disk full\n  \
             the push stopped part-way: 1 of 4 graphs written\n  \
             written: <{}> ({first_count} triples)\n  \
             not written: <{}> (its request failed)\n  \
             not written: <{}> (not sent)\n  \
             not written: <{}> (not sent)\n  \
             check the endpoint, the credentials and the store's log\n",
            graph("confidence-builder"),
            url("entities"),
            graph("confidence-builder"),
            graph("entities"),
            graph("metadata"),
            graph("ontology"),
        )
    );
    // With --replace, it says what the store now holds.
    let store = Server::new(vec![
        Reply::status("201 Created", ""),
        Reply::ok(),
        Reply::status("503 Service Unavailable", ""),
    ]);
    let err = nea(&["push", "--endpoint", &store.url, "--replace"]).input_error();
    assert_eq!(store.take(3).len(), 3);
    let url = |g: &str| format!("{}?graph={}", store.url, graph_param(&graph(g)));
    let report: Vec<&str> = err.lines().skip(2).collect();
    assert_eq!(
        report,
        [
            format!(
                "error: PUT {}: the store answered 503 Service Unavailable",
                url("metadata")
            )
            .as_str(),
            "  (empty body)",
            "  the push stopped part-way: 2 of 4 graphs replaced; the store now holds:",
            &format!(
                "  replaced: <{}> ({first_count} triples)",
                graph("confidence-builder")
            ),
            report[4],
            &format!(
                "  keeps its old content: <{}> (its request failed)",
                graph("metadata")
            ),
            &format!(
                "  keeps its old content: <{}> (not sent)",
                graph("ontology")
            ),
            "  check the endpoint, the credentials and the store's log",
        ]
    );
    assert!(report[4].starts_with(&format!("  replaced: <{}> (", graph("entities"))));
}

#[test]
fn an_answer_counts_only_for_the_request_it_answers() {
    // The first connection carries a second, unasked-for answer: were it reused, the
    // next graph would be reported written without the store having seen it. Each
    // request has a connection of its own, even one the store keeps open.
    for first in [
        Reply::twice(),
        Reply {
            extra: Vec::new(),
            ..Reply::twice()
        },
    ] {
        let store = Server::new(vec![
            first,
            Reply::status("500 Internal Server Error", "not written"),
        ]);
        let err = nea(&["push", "--endpoint", &store.url, "--timeout", "5"]).input_error();
        let requests = store.take(2);
        assert_eq!(
            requests[1].target,
            format!("/store?graph={}", graph_param(&graph("entities")))
        );
        assert!(
            err.contains(&format!("\n  written: <{}> (", graph("confidence-builder")))
                && err.contains(&format!(
                    "\n  not written: <{}> (its request failed)\n",
                    graph("entities")
                )),
            "{err}"
        );
    }
}

#[test]
fn a_store_slower_than_the_timeout_may_have_written_the_graph() {
    let store = Server::new(vec![Reply::ok(), Reply::slow(Duration::from_secs(10))]);
    let start = Instant::now();
    let err = nea(&["push", "--endpoint", &store.url, "--timeout", "1"]).input_error();
    assert!(
        start.elapsed() < Duration::from_secs(8),
        "{:?}",
        start.elapsed()
    );
    assert_eq!(store.take(2).len(), 2);
    assert!(
        err.contains(&format!(
            "error: POST {}?graph={}: no answer before --timeout\n",
            store.url,
            graph_param(&graph("entities"))
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "\n  unknown: <{}> (the store got the request but gave no answer; it may have written it)\n",
            graph("entities")
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "\n  not written: <{}> (not sent)\n",
            graph("ontology")
        )),
        "{err}"
    );
}

#[test]
fn a_redirect_is_followed_with_the_same_method_and_body() {
    let store = Server::new(vec![
        Reply::redirect("307 Temporary Redirect", "/other/store?graph=urn%3Ax"),
        Reply::ok(),
    ]);
    let run = nea(&["push", "--endpoint", &store.url, "--graph", "urn:x"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let first = store.next();
    let second = store.next();
    assert_eq!(second.method, "POST");
    assert_eq!(second.target, "/other/store?graph=urn%3Ax");
    assert_eq!(first.body, second.body);
    // The summary names the URL that took the graph.
    let port = store.port;
    assert!(
        run.stderr.starts_with(&format!(
            "POST {} triples to <urn:x>: 204 No Content at http://127.0.0.1:{port}/other/store?graph=urn%3Ax (redirected)\n",
            crate::embedded_quads()
        )),
        "{}",
        run.stderr
    );
}

#[test]
fn a_cross_origin_redirect_is_refused_naming_the_target() {
    let elsewhere = Server::new(vec![Reply::ok()]);
    for target in [
        format!("http://127.0.0.1:{}/store?graph=urn%3Ax", elsewhere.port),
        format!("http://localhost:{}/store?graph=urn%3Ax", elsewhere.port),
    ] {
        let store = Server::new(vec![Reply::redirect("308 Permanent Redirect", &target)]);
        let err = nea_env(
            &[
                "push",
                "--endpoint",
                &store.url,
                "--graph",
                "urn:x",
                "--user",
                "ann",
            ],
            &[("NEA_KG_PASSWORD", "s3cret")],
        )
        .input_error();
        assert_eq!(
            err,
            format!("error: POST {}?graph=urn%3Ax: the store redirected to {target}, another origin, and nea-kg does not follow a write there\n  if the store has moved, give its new URL with --endpoint\n", store.url)
        );
        assert_eq!(
            store.next().header("authorization"),
            Some("Basic YW5uOnMzY3JldA==")
        );
    }
    elsewhere.assert_no_more();
}

#[test]
fn a_same_origin_redirect_that_drops_the_graph_is_refused() {
    for location in [
        "/other/store",
        "/other/store?graph=urn%3Ay",
        "/other/store?graph=urn%3Ax&default",
        "/other/store?graph=urn%3Ax&graph=urn%3Ay",
        "other?default",
    ] {
        let store = Server::new(vec![Reply::redirect("302 Found", location), Reply::ok()]);
        let err = nea(&["push", "--endpoint", &store.url, "--graph", "urn:x"]).input_error();
        let resolved = url_join(&store.url, location);
        assert_eq!(
            err,
            format!("error: POST {}?graph=urn%3Ax: the store redirected to {resolved}, which does not name <urn:x>, and nea-kg does not follow a write there\n  give the store's final Graph Store Protocol URL with --endpoint\n", store.url)
        );
        store.next();
        store.assert_no_more();
    }
}

/// A Location resolved against the server's URL (for the test's few shapes).
fn url_join(base: &str, location: &str) -> String {
    let origin = base.trim_end_matches("/store");
    if location.starts_with('/') {
        format!("{origin}{location}")
    } else {
        format!("{origin}/{location}")
    }
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

// ---------------------------------------------------------------------------------------
// Credentials.

const PASSWORD: &str = "s3cret";
/// base64("ann:s3cret"), as the Authorization header carries it.
const TOKEN: &str = "YW5uOnMzY3JldA==";

#[track_caller]
fn assert_no_password(run: &Run, what: &str) {
    for text in [&run.stdout, &run.stderr] {
        assert!(
            !text.contains(PASSWORD) && !text.contains("s3c") && !text.contains(TOKEN),
            "{what}: the password shows:\n{text}"
        );
    }
}

#[test]
fn the_password_never_shows_whatever_the_endpoint() {
    for endpoint in [
        "ann:s3cret@127.0.0.1:9/store",
        "http:/ann:s3cret@127.0.0.1:9/store",
        "http://ann:s3cret@127.0.0.1:9/store",
        "https://ann:s3cret@127.0.0.1:9/store",
        "HTTP://ann:s3cret@127.0.0.1:9/store",
        "http:\\\\ann:s3cret@127.0.0.1:9/store",
        "http:ann:s3cret@127.0.0.1:9/store",
        "//ann:s3cret@127.0.0.1:9/store",
        "ftp://ann:s3cret@127.0.0.1:9/store",
        " http://ann:s3cret@127.0.0.1:9/store ",
        "http://ann:s3c#ret@127.0.0.1:9/store",
        "http://ann:s3c%23ret@127.0.0.1:9/store",
        "http://ann:s3c/ret@127.0.0.1:9/store",
        "http://ann:s3cret@[::1/store",
        "http://ann:s3cret@127.0.0.1:9/store#frag",
        "http://ann:s3cret@127.0.0.1:9/store?graph=urn:x",
        "http://:s3cret@127.0.0.1:9/store",
        // The password pasted as the endpoint: known as a password only by the variable.
        "s3cret",
    ] {
        // With the password in the endpoint only, and with it in NEA_KG_PASSWORD too.
        let with = [("NEA_KG_USER", "ann"), ("NEA_KG_PASSWORD", PASSWORD)];
        let envs: &[&[(&str, &str)]] = if endpoint == PASSWORD {
            &[&with]
        } else {
            &[&[], &with]
        };
        for env in envs {
            let run = nea_env(&["push", "--endpoint", endpoint], env);
            assert_eq!(run.code, 2, "{endpoint}: {}", run.stderr);
            assert!(
                run.stderr.starts_with("error: --endpoint "),
                "{}",
                run.stderr
            );
            assert_no_password(&run, endpoint);
        }
    }
}

#[test]
fn the_password_never_shows_even_when_the_store_echoes_it() {
    let echo = format!("denied: Authorization: Basic {TOKEN} (ann:{PASSWORD})");
    let store = Server::new(vec![Reply::ok(), Reply::status("401 Unauthorized", &echo)]);
    let env = [("NEA_KG_USER", "ann"), ("NEA_KG_PASSWORD", PASSWORD)];
    let run = nea_env(&["push", "--endpoint", &store.url], &env);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("denied: Authorization: Basic *** (ann:***)"),
        "{}",
        run.stderr
    );
    assert_no_password(&run, "a store's answer");
    // A redirect whose Location carries the password.
    let store = Server::new(vec![Reply::redirect(
        "307 Temporary Redirect",
        &format!("http://ann:{PASSWORD}@127.0.0.1:9/store?graph=urn%3Ax"),
    )]);
    let run = nea_env(
        &["push", "--endpoint", &store.url, "--graph", "urn:x"],
        &env,
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_no_password(&run, "a Location");
    // Nor in the help, nor with logging or backtraces asked for.
    let env = [
        ("NEA_KG_USER", "ann"),
        ("NEA_KG_PASSWORD", PASSWORD),
        ("RUST_LOG", "trace"),
        ("RUST_BACKTRACE", "full"),
    ];
    for args in [&["push", "--help"][..], &["push", "-h"], &["help", "push"]] {
        let run = nea_env(args, &env);
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert!(run.stdout.contains("NEA_KG_PASSWORD"), "{}", run.stdout);
        assert_no_password(&run, "--help");
    }
    let store = Server::new(vec![Reply::status("500 Internal Server Error", "")]);
    let run = nea_env(&["push", "--endpoint", &store.url], &env);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_no_password(&run, "RUST_LOG=trace");
}

#[test]
fn a_user_name_with_a_colon_is_refused() {
    for (args, env, source) in [
        (
            &["--user", "ann:s3cret"][..],
            &[("NEA_KG_PASSWORD", PASSWORD)][..],
            "--user",
        ),
        (
            &[][..],
            &[("NEA_KG_USER", "ann:s3cret"), ("NEA_KG_PASSWORD", PASSWORD)][..],
            "NEA_KG_USER",
        ),
        (&["--user", "a:b"][..], &[][..], "--user"),
    ] {
        let store = Server::new(vec![Reply::ok()]);
        let mut all = vec!["push", "--endpoint", &store.url];
        all.extend(args);
        let run = nea_env(&all, env);
        let name = if source == "--user" && args[1] == "a:b" {
            "a"
        } else {
            "ann"
        };
        assert_eq!(
            run.input_error(),
            format!("error: {source} \"{name}:…\" holds a ':', which a user name for basic authentication cannot (RFC 7617: the first ':' ends the user name)\n  give only the user name with {source}, and the password in NEA_KG_PASSWORD\n")
        );
        store.assert_no_more();
    }
    let run = nea_env(
        &[
            "push",
            "--endpoint",
            "http://127.0.0.1:9/store",
            "--user",
            "ann",
        ],
        &[("NEA_KG_PASSWORD", "s3cret\n")],
    );
    assert_no_password(&run, "a password with a newline");
    assert!(run
        .input_error()
        .starts_with("error: NEA_KG_PASSWORD holds a control character"));
}

#[test]
fn a_password_over_plain_http_to_another_host_is_refused() {
    // Non-routable addresses (TEST-NET-1, the IPv6 documentation prefix): the refusal
    // comes before any connection, so nothing is ever sent there.
    for (endpoint, host) in [
        ("http://192.0.2.1:7878/store", "192.0.2.1"),
        ("http://[2001:db8::1]:7878/store", "[2001:db8::1]"),
    ] {
        let start = Instant::now();
        let run = nea_env(
            &[
                "push",
                "--endpoint",
                endpoint,
                "--user",
                "ann",
                "--timeout",
                "10",
            ],
            &[("NEA_KG_PASSWORD", PASSWORD)],
        );
        // A connection attempt would wait the 10 s timeout; a loaded machine still
        // starts the program well within 5.
        assert!(
            start.elapsed() < Duration::from_secs(5),
            "{:?}",
            start.elapsed()
        );
        assert_eq!(
            run.input_error(),
            format!("error: --endpoint \"{endpoint}\" is plain http:// to {host}, which is not this machine: the password would cross the network in clear text\n  use https://, or pass --allow-insecure-auth if the network to the store is trusted\n")
        );
    }
}

/// 0.0.0.0 is not loopback by the rule, yet Linux delivers a connection to it to this
/// machine: the one way to see --allow-insecure-auth send without leaving the machine.
#[cfg(target_os = "linux")]
#[test]
fn allow_insecure_auth_sends_the_password_over_plain_http() {
    let store = Server::new(vec![Reply::ok()]);
    let endpoint = format!("http://0.0.0.0:{}/store", store.port);
    let env = [("NEA_KG_PASSWORD", PASSWORD)];
    let args = [
        "push",
        "--endpoint",
        &endpoint,
        "--user",
        "ann",
        "--graph",
        "urn:x",
    ];
    let err = nea_env(&args, &env).input_error();
    assert!(
        err.contains("the password would cross the network in clear text"),
        "{err}"
    );
    store.assert_no_more();
    let mut allowed = args.to_vec();
    allowed.push("--allow-insecure-auth");
    let run = nea_env(&allowed, &env);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.starts_with(
            "warning: sending the password in clear text to 0.0.0.0 (--allow-insecure-auth)\n"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(
        store.next().header("authorization"),
        Some("Basic YW5uOnMzY3JldA==")
    );
}

// ---------------------------------------------------------------------------------------
// TLS: a store with a private CA.

/// A private CA, and the TLS configuration of a store whose certificate it signed.
struct Pki {
    dir: tempfile::TempDir,
}

impl Pki {
    fn new() -> Self {
        Self {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn path(&self, name: &str) -> String {
        self.dir.path().join(name).display().to_string()
    }

    /// A CA named `name`, its certificate written to NAME.pem.
    fn ca(&self, name: &str) -> rcgen::CertifiedIssuer<'static, rcgen::KeyPair> {
        let mut params = rcgen::CertificateParams::new(Vec::<String>::new()).unwrap();
        params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
        params
            .distinguished_name
            .push(rcgen::DnType::CommonName, format!("nea-kg test CA {name}"));
        let ca = rcgen::CertifiedIssuer::self_signed(params, rcgen::KeyPair::generate().unwrap())
            .unwrap();
        std::fs::write(self.path(&format!("{name}.pem")), ca.pem()).unwrap();
        ca
    }

    /// A store's TLS configuration, its certificate for `names`, signed by `ca`.
    fn store(
        ca: &rcgen::CertifiedIssuer<'static, rcgen::KeyPair>,
        names: &[&str],
        expired: bool,
    ) -> Arc<rustls::ServerConfig> {
        let names: Vec<String> = names.iter().map(|n| (*n).to_owned()).collect();
        let mut params = rcgen::CertificateParams::new(names).unwrap();
        if expired {
            params.not_before = rcgen::date_time_ymd(2000, 1, 1);
            params.not_after = rcgen::date_time_ymd(2001, 1, 1);
        }
        let key = rcgen::KeyPair::generate().unwrap();
        let cert = params.signed_by(&key, ca).unwrap();
        let key = rustls::pki_types::PrivatePkcs8KeyDer::from(key.serialize_der());
        let config = rustls::ServerConfig::builder_with_provider(Arc::new(
            rustls::crypto::ring::default_provider(),
        ))
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(vec![cert.der().clone()], key.into())
        .unwrap();
        Arc::new(config)
    }
}

#[test]
fn a_store_with_a_private_ca_works_with_cacert_or_the_system_store() {
    let pki = Pki::new();
    let ca = pki.ca("ca");
    let store = Server::tls(vec![Reply::ok(); 2], Pki::store(&ca, &["127.0.0.1"], false));
    let env = [("NEA_KG_PASSWORD", PASSWORD)];
    let run = nea_env(
        &[
            "push",
            "--endpoint",
            &store.url,
            "--graph",
            "urn:x",
            "--user",
            "ann",
            "--cacert",
            &pki.path("ca.pem"),
        ],
        &env,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let r = store.next();
    assert_eq!(r.target, "/store?graph=urn%3Ax");
    assert_eq!(r.header("authorization"), Some("Basic YW5uOnMzY3JldA=="));
    // The system's store, as OpenSSL would read it (SSL_CERT_FILE), holding the CA.
    let out = output(
        crate::command(&["push", "--endpoint", &store.url, "--graph", "urn:x"])
            .env_remove("SSL_CERT_DIR")
            .env("SSL_CERT_FILE", pki.path("ca.pem")),
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(store.next().target, "/store?graph=urn%3Ax");
}

#[test]
fn a_certificate_that_is_not_trusted_is_a_clear_error() {
    let pki = Pki::new();
    let ca = pki.ca("ca");
    pki.ca("other");
    let unknown = "it is signed by a CA this machine does not trust (unknown issuer)\n  if the store uses a private CA, give its certificate with --cacert FILE (PEM)";
    for (config, cacert, why) in [
        (Pki::store(&ca, &["127.0.0.1"], false), None, unknown),
        (Pki::store(&ca, &["127.0.0.1"], false), Some("other.pem"), unknown),
        (
            Pki::store(&ca, &["store.example"], false),
            Some("ca.pem"),
            "it is not issued for the name 127.0.0.1\n  use the host name the certificate is issued for (--cacert FILE trusts a private CA, not another name)",
        ),
        (
            Pki::store(&ca, &["127.0.0.1"], true),
            Some("ca.pem"),
            "it has expired\n  renew the store's certificate (--cacert FILE trusts a private CA, not an expired certificate)",
        ),
    ] {
        let store = Server::tls(vec![Reply::ok()], config);
        let cacert = cacert.map(|c| pki.path(c));
        let mut args = vec!["push", "--endpoint", &store.url, "--graph", "urn:x"];
        if let Some(c) = &cacert {
            args.extend(["--cacert", c]);
        }
        let out = output(crate::command(&args)
            .env_remove("SSL_CERT_FILE")
            .env_remove("SSL_CERT_DIR"));
        assert_eq!(
            out.input_error(),
            format!("error: POST {}?graph=urn%3Ax: the certificate of 127.0.0.1 is not trusted: {why}\n", store.url)
        );
        store.assert_no_more();
    }
}

#[test]
fn cacert_must_be_a_readable_pem_file() {
    let pki = Pki::new();
    let ca = pki.ca("ca");
    std::fs::write(pki.path("notes.txt"), "not a certificate\n").unwrap();
    std::fs::write(pki.path("ca.der"), ca.der().as_ref()).unwrap();
    std::fs::write(
        pki.path("broken.pem"),
        "-----BEGIN CERTIFICATE-----\nnot base64 at all!\n-----END CERTIFICATE-----\n",
    )
    .unwrap();
    std::fs::write(
        pki.path("junk.pem"),
        "-----BEGIN CERTIFICATE-----\naGVsbG8=\n-----END CERTIFICATE-----\n",
    )
    .unwrap();
    let store = Server::new(vec![Reply::ok()]);
    let todo = "give the store's CA certificate as a PEM file (-----BEGIN CERTIFICATE-----), as curl --cacert takes it";
    for (file, expect) in [
        ("missing.pem", "cannot read the CA certificate: no such file\n  check the path".to_owned()),
        ("", format!("is a folder, not a file\n  {todo}")),
        ("notes.txt", format!("holds no PEM certificate\n  {todo}; a DER file converts with: openssl x509 -inform der -in FILE -out ca.pem")),
        ("ca.der", format!("holds no PEM certificate\n  {todo}; a DER file converts with: openssl x509 -inform der -in FILE -out ca.pem")),
        ("broken.pem", "not a PEM file (".to_owned()),
        ("junk.pem", "certificate 1 of 1 is not a CA certificate that TLS can use (".to_owned()),
    ] {
        let path = pki.path(file);
        let err = nea(&["push", "--endpoint", &store.url, "--cacert", &path]).input_error();
        assert!(
            err.starts_with(&format!("error: --cacert {path}: {expect}")),
            "{file}: {err}"
        );
    }
    store.assert_no_more();
}

// ---------------------------------------------------------------------------------------
// What a store says, shown safely.

#[test]
fn escape_sequences_in_a_store_answer_come_out_escaped() {
    let hostile =
        "\u{1b}[2J\u{1b}]0;owned\u{7}\u{1b}[31mdisk full\u{1b}[0m\r\nline\rover\u{202e}txt\u{9b}";
    let store = Server::new(vec![Reply::status("500 Internal Server Error", hostile)]);
    let err = nea(&["push", "--endpoint", &store.url, "--graph", "urn:x"]).input_error();
    assert_eq!(
        err,
        format!(
            "error: POST {}?graph=urn%3Ax: the store answered 500 Internal Server Error\n  \
             \\u{{1b}}[2J\\u{{1b}}]0;owned\\u{{7}}\\u{{1b}}[31mdisk full\\u{{1b}}[0m\n  \
             line\\u{{d}}over\\u{{202e}}txt\\u{{9b}}\n  \
             check the endpoint, the credentials and the store's log\n",
            store.url
        )
    );
    assert!(!err.chars().any(|c| c.is_control() && c != '\n'), "{err:?}");
    // A long answer, or one of many lines, is cut; bytes that are not UTF-8 are shown as �.
    let long = format!("{}\u{1b}", "x".repeat(5000));
    let many = "line\n".repeat(100);
    let store = Server::new(vec![
        Reply::status("500 Internal Server Error", &long),
        Reply::status("500 Internal Server Error", &many),
        Reply {
            body: b"bad \xff\xfe bytes".to_vec(),
            ..Reply::status("400 Bad Request", "")
        },
    ]);
    for (lines, last) in [
        (3, format!("  {}…", "x".repeat(300))),
        (12, "  line…".to_owned()),
        (3, "  bad \u{fffd}\u{fffd} bytes".to_owned()),
    ] {
        let err = nea(&["push", "--endpoint", &store.url, "--graph", "urn:x"]).input_error();
        let got: Vec<&str> = err.lines().collect();
        assert_eq!(got.len(), lines, "{err}");
        assert_eq!(got[got.len() - 2], last);
    }
}

#[test]
fn a_store_on_this_machine_is_reached_directly_not_through_a_proxy() {
    let store = Server::new(vec![Reply::ok()]);
    let closed = TcpListener::bind("127.0.0.1:0").unwrap();
    let proxy = format!("http://127.0.0.1:{}", closed.local_addr().unwrap().port());
    drop(closed);
    let out = output(
        crate::command(&[
            "push",
            "--endpoint",
            &store.url,
            "--graph",
            "urn:x",
            "--user",
            "ann",
        ])
        .env_remove("NO_PROXY")
        .env_remove("no_proxy")
        .env("NEA_KG_PASSWORD", PASSWORD)
        .env("ALL_PROXY", &proxy)
        .env("HTTP_PROXY", &proxy)
        .env("http_proxy", &proxy),
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        store.next().header("authorization"),
        Some("Basic YW5uOnMzY3JldA==")
    );
}
