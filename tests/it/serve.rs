//! `nea-kg serve` over loopback: each test starts the real binary on a free port
//! (`--bind 127.0.0.1:0`), reads the URL it prints, talks HTTP to it with a small
//! client of its own, and stops it (SIGTERM, then a kill) when done; a watchdog kills
//! any server still running after `LIFE`.

use crate::{nea, repo};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The longest a test's server may live.
const LIFE: Duration = Duration::from_secs(120);

/// A running `nea-kg serve`.
struct Server {
    child: Arc<Mutex<Child>>,
    /// host:port.
    addr: String,
    /// Everything it printed on stderr so far.
    log: Arc<Mutex<String>>,
    /// The thread that reads its stderr into `log`: it ends when the server has exited
    /// and its last line is in the log.
    reader: Mutex<Option<std::thread::JoinHandle<()>>>,
}

impl Server {
    /// Starts `nea-kg serve --bind 127.0.0.1:0 ARGS` and waits for its URL.
    fn start(args: &[&str]) -> Self {
        Self::start_at("127.0.0.1:0", args)
    }

    /// Starts `nea-kg serve --bind BIND ARGS` and waits for its URL.
    fn start_at(bind: &str, args: &[&str]) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_nea-kg"))
            .arg("serve")
            .args(["--bind", bind])
            .args(args)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the binary runs");
        let stderr = child.stderr.take().unwrap();
        let child = Arc::new(Mutex::new(child));
        let log = Arc::new(Mutex::new(String::new()));
        let (tx, rx) = std::sync::mpsc::channel();
        let reader = {
            let log = Arc::clone(&log);
            std::thread::spawn(move || {
                for line in BufReader::new(stderr).lines() {
                    let Ok(line) = line else { break };
                    {
                        let mut l = log.lock().unwrap();
                        l.push_str(&line);
                        l.push('\n');
                    }
                    // Sent once the line is in the log, so the test reads it there.
                    if let Some(at) = line.find("http://") {
                        let url = &line[at + 7..];
                        let addr = url.split('/').next().unwrap().to_owned();
                        let _ = tx.send(addr);
                    }
                }
            })
        };
        {
            let child = Arc::clone(&child);
            std::thread::spawn(move || {
                std::thread::sleep(LIFE);
                let _ = child.lock().unwrap().kill();
            });
        }
        let addr = match rx.recv_timeout(Duration::from_secs(30)) {
            Ok(a) => a,
            Err(_) => {
                let _ = child.lock().unwrap().kill();
                panic!("nea-kg serve printed no URL:\n{}", log.lock().unwrap());
            }
        };
        Self {
            child,
            addr,
            log,
            reader: Mutex::new(Some(reader)),
        }
    }

    fn log(&self) -> String {
        self.log.lock().unwrap().clone()
    }

    fn get(&self, target: &str, accept: Option<&str>) -> Reply {
        let mut headers = Vec::new();
        if let Some(a) = accept {
            headers.push(("Accept", a));
        }
        self.request("GET", target, &headers, b"")
    }

    fn post(&self, target: &str, content_type: &str, body: &str, accept: Option<&str>) -> Reply {
        let mut headers = vec![("Content-Type", content_type)];
        if let Some(a) = accept {
            headers.push(("Accept", a));
        }
        self.request("POST", target, &headers, body.as_bytes())
    }

    /// One request on a connection of its own.
    fn request(&self, method: &str, target: &str, headers: &[(&str, &str)], body: &[u8]) -> Reply {
        request(&self.addr, method, target, headers, body)
    }

    /// SIGTERM, and the exit status within 15 s; the log then holds all it printed.
    fn stop(&self) -> i32 {
        let pid = self.child.lock().unwrap().id() as i32;
        unsafe { libc::kill(pid, libc::SIGTERM) };
        let started = Instant::now();
        loop {
            if let Some(status) = self.child.lock().unwrap().try_wait().unwrap() {
                // The process is gone, so its stderr ends: the reader finishes the log.
                if let Some(reader) = self.reader.lock().unwrap().take() {
                    reader.join().expect("the stderr reader ends");
                }
                return status.code().unwrap_or(-1);
            }
            assert!(
                started.elapsed() < Duration::from_secs(15),
                "nea-kg serve did not stop on SIGTERM"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let mut child = self.child.lock().unwrap();
        let _ = child.kill();
        let _ = child.wait();
    }
}

/// An answer, as the client read it.
#[derive(Debug)]
struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    fn content_type(&self) -> &str {
        self.header("Content-Type")
            .unwrap_or("")
            .split(';')
            .next()
            .unwrap()
    }

    #[track_caller]
    fn expect(&self, status: u16) -> &Self {
        assert_eq!(
            self.status,
            status,
            "{:?}\n{}",
            self.headers,
            crate::shorten(&self.body)
        );
        self
    }

    fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("{e}: {}", self.body))
    }
}

/// A minimal HTTP/1.1 client: `Connection: close`, the answer read to its end.
fn request(addr: &str, method: &str, target: &str, headers: &[(&str, &str)], body: &[u8]) -> Reply {
    let mut stream = TcpStream::connect(addr).expect("connect to nea-kg serve");
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .unwrap();
    let mut head = format!(
        "{method} {target} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).unwrap();
    stream.write_all(body).unwrap();
    let mut bytes = Vec::new();
    stream.read_to_end(&mut bytes).unwrap();
    let split = bytes
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a head and a body");
    let head = String::from_utf8(bytes[..split].to_vec()).unwrap();
    let mut body = bytes[split + 4..].to_vec();
    let mut lines = head.lines();
    let status = lines
        .next()
        .unwrap()
        .split(' ')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned()))
        .collect();
    let chunked = headers.iter().any(|(k, v)| {
        k.eq_ignore_ascii_case("Transfer-Encoding") && v.eq_ignore_ascii_case("chunked")
    });
    if chunked && method != "HEAD" {
        body = dechunk(&body);
    }
    Reply {
        status,
        headers,
        body: String::from_utf8(body).expect("an answer in UTF-8"),
    }
}

/// The body of a chunked answer.
fn dechunk(mut bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let line = bytes
            .windows(2)
            .position(|w| w == b"\r\n")
            .expect("a chunk size");
        let size = usize::from_str_radix(
            std::str::from_utf8(&bytes[..line])
                .unwrap()
                .split(';')
                .next()
                .unwrap()
                .trim(),
            16,
        )
        .expect("a chunk size in hexadecimal");
        bytes = &bytes[line + 2..];
        if size == 0 {
            return out;
        }
        out.extend_from_slice(&bytes[..size]);
        bytes = &bytes[size + 2..];
    }
}

fn enc(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

fn query_target(query: &str) -> String {
    format!("/sparql?query={}", enc(query))
}

const COUNTRIES: &str = "SELECT ?c WHERE { ?c a nea:Country } ORDER BY ?c";

fn countries_of(reply: &Reply) -> Vec<String> {
    reply.json()["results"]["bindings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["c"]["value"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn serve_prints_its_url_and_answers_both_query_forms() {
    let server = Server::start(&[]);
    assert!(server.log().contains("1 article"), "{}", server.log());
    let expected: Vec<String> = crate::select(COUNTRIES, &["c"])
        .into_iter()
        .map(|r| r[0].clone())
        .collect();
    assert_eq!(expected.len(), 5);
    let by_get = server.get(&query_target(COUNTRIES), None);
    by_get.expect(200);
    assert_eq!(by_get.content_type(), "application/sparql-results+json");
    assert_eq!(countries_of(&by_get), expected);
    let by_form = server.post(
        "/sparql",
        "application/x-www-form-urlencoded",
        &format!("query={}", enc(COUNTRIES)),
        None,
    );
    assert_eq!(countries_of(by_form.expect(200)), expected);
    let direct = server.post("/sparql", "application/sparql-query", COUNTRIES, None);
    assert_eq!(countries_of(direct.expect(200)), expected);
    // A shipped query gives what `nea-kg query` gives.
    let cli = nea(&["query", "cq01", "--format", "csv"]).ok();
    let text = std::fs::read_to_string(repo("queries/cq01-diplomatic-relations.rq")).unwrap();
    let served = server.get(&query_target(&text), Some("text/csv"));
    assert_eq!(served.expect(200).body, cli);
    // One log line per request: method, path, status, time.
    let log = server.log();
    assert!(
        log.lines()
            .any(|l| l.starts_with("POST /sparql 200 ") && l.ends_with(" ms")),
        "{log}"
    );
    assert!(
        log.lines()
            .any(|l| l.starts_with("GET /sparql?query=SELECT")),
        "{log}"
    );
}

#[test]
fn results_and_graphs_come_in_the_format_asked_for() {
    let server = Server::start(&[]);
    let ask = "ASK { kg:rok a nea:Country }";
    for (accept, media, needle) in [
        (
            "application/sparql-results+json",
            "application/sparql-results+json",
            "\"boolean\":true",
        ),
        (
            "application/sparql-results+xml",
            "application/sparql-results+xml",
            "<boolean>true</boolean>",
        ),
        (
            "application/json",
            "application/sparql-results+json",
            "\"boolean\":true",
        ),
    ] {
        let r = server.get(&query_target(ask), Some(accept));
        assert_eq!(r.expect(200).content_type(), media);
        assert!(r.body.contains(needle), "{accept}: {}", r.body);
    }
    for (accept, media) in [
        ("text/csv", "text/csv"),
        ("text/tab-separated-values", "text/tab-separated-values"),
        (
            "application/sparql-results+xml;q=0.5, text/csv;q=0.9",
            "text/csv",
        ),
    ] {
        let r = server.get(&query_target(COUNTRIES), Some(accept));
        assert_eq!(r.expect(200).content_type(), media, "{accept}");
        assert_eq!(r.body.lines().count(), 6, "{accept}: {}", r.body);
    }
    let construct = "CONSTRUCT { kg:rok ?p ?o } WHERE { kg:rok ?p ?o }";
    for (accept, media, needle) in [
        (None, "text/turtle", "kg:rok a nea:Country"),
        (Some("text/turtle"), "text/turtle", "kg:rok"),
        (
            Some("application/n-triples"),
            "application/n-triples",
            "<https://w3id.org/nea-kg/id/rok> <",
        ),
        (
            Some("application/n-quads"),
            "application/n-quads",
            "<https://w3id.org/nea-kg/id/rok> <",
        ),
        (Some("application/trig"), "application/trig", "kg:rok"),
        (
            Some("application/ld+json"),
            "application/ld+json",
            "\"@id\": \"kg:rok\"",
        ),
        (
            Some("application/rdf+xml"),
            "application/rdf+xml",
            "rdf:about=\"https://w3id.org/nea-kg/id/rok\"",
        ),
    ] {
        let r = server.get(&query_target(construct), accept);
        assert_eq!(r.expect(200).content_type(), media, "{accept:?}");
        assert!(r.body.contains(needle), "{accept:?}: {}", r.body);
    }
    // format= wins over Accept, as the query page's download links use it.
    let r = server.get(
        &format!("{}&format=tsv", query_target(COUNTRIES)),
        Some("application/json"),
    );
    assert_eq!(r.expect(200).content_type(), "text/tab-separated-values");
    // Nothing acceptable: 406, with the formats there are.
    let r = server.get(&query_target(COUNTRIES), Some("image/png"));
    assert!(
        r.expect(406)
            .body
            .contains("application/sparql-results+json"),
        "{}",
        r.body
    );
    // A SELECT asked for as RDF is a mistake of the request: 400.
    server
        .get(&format!("{}&format=ttl", query_target(COUNTRIES)), None)
        .expect(400);
    // HEAD: the head alone.
    let head = server.request("HEAD", &query_target(COUNTRIES), &[], b"");
    assert_eq!(head.expect(200).body, "");
}

#[test]
fn default_graph_uri_and_named_graph_uri_set_the_dataset() {
    let server = Server::start(&[]);
    let entities = "https://w3id.org/nea-kg/graph/entities";
    let ontology = "https://w3id.org/nea-kg/graph/ontology";
    let count = |query: &str, params: &str| -> i64 {
        let r = server.get(&format!("{}{params}", query_target(query)), None);
        r.expect(200).json()["results"]["bindings"][0]["n"]["value"]
            .as_str()
            .unwrap()
            .parse()
            .unwrap()
    };
    let n = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }";
    let all = count(n, "");
    let in_entities = count(n, &format!("&default-graph-uri={}", enc(entities)));
    let in_ontology = count(n, &format!("&default-graph-uri={}", enc(ontology)));
    let both = count(
        n,
        &format!(
            "&default-graph-uri={}&default-graph-uri={}",
            enc(entities),
            enc(ontology)
        ),
    );
    assert!(
        in_entities > 100 && in_ontology > 100 && all > both,
        "{all} {in_entities} {in_ontology}"
    );
    assert_eq!(both, in_entities + in_ontology);
    // The request's dataset replaces the query's FROM.
    let from = format!("SELECT (COUNT(*) AS ?n) FROM <{ontology}> WHERE {{ ?s ?p ?o }}");
    assert_eq!(count(&from, ""), in_ontology);
    assert_eq!(
        count(&from, &format!("&default-graph-uri={}", enc(entities))),
        in_entities
    );
    // Named graphs: only those named, and an empty default graph.
    let graphs = "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }";
    assert!(count(graphs, "") >= 4);
    assert_eq!(
        count(graphs, &format!("&named-graph-uri={}", enc(entities))),
        1
    );
    assert_eq!(count(n, &format!("&named-graph-uri={}", enc(entities))), 0);
    // The same by POST, in the form.
    let r = server.post(
        "/sparql",
        "application/x-www-form-urlencoded",
        &format!("query={}&default-graph-uri={}", enc(n), enc(entities)),
        None,
    );
    assert_eq!(
        r.expect(200).json()["results"]["bindings"][0]["n"]["value"],
        in_entities.to_string()
    );
    // A graph IRI that is not one: 400.
    let r = server.get(
        &format!("{}&default-graph-uri=not%20an%20iri", query_target(n)),
        None,
    );
    assert!(
        r.expect(400).body.contains("default-graph-uri"),
        "{}",
        r.body
    );
}

#[test]
fn updates_are_refused_with_403_and_a_clear_body() {
    let server = Server::start(&[]);
    let update = "DELETE WHERE { ?s ?p ?o }";
    for r in [
        server.post(
            "/sparql",
            "application/x-www-form-urlencoded",
            &format!("update={}", enc(update)),
            None,
        ),
        server.post("/sparql", "application/sparql-update", update, None),
        server.get(&query_target(update), None),
        server.post(
            "/sparql",
            "application/sparql-query",
            "INSERT DATA { kg:a kg:b kg:c }",
            None,
        ),
    ] {
        assert_eq!(r.expect(403).content_type(), "text/plain");
        assert!(
            r.body
                .starts_with("this endpoint is read-only: SPARQL Update is refused\n"),
            "{}",
            r.body
        );
    }
    // And nothing changed.
    let cli = nea(&["query", COUNTRIES, "--format", "json"]).ok();
    assert_eq!(
        countries_of(&server.get(&query_target(COUNTRIES), None)).len(),
        5,
        "{cli}"
    );
    // No write anywhere else either.
    for method in ["PUT", "POST", "DELETE"] {
        let r = server.request(
            method,
            "/store?default",
            &[("Content-Type", "text/turtle")],
            b"<a:b> <a:c> <a:d> .",
        );
        assert_eq!(r.expect(405).header("Allow"), Some("GET, HEAD"), "{method}");
    }
    server.request("PUT", "/id/rok", &[], b"").expect(405);
}

#[test]
fn service_calls_are_refused_and_syntax_errors_are_400() {
    let server = Server::start(&[]);
    let r = server.get(
        &query_target("SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"),
        None,
    );
    assert!(
        r.expect(403)
            .body
            .contains("uses SERVICE, and nea-kg never connects to another endpoint"),
        "{}",
        r.body
    );
    let r = server.get(&query_target("SELECT * WHERE { ?s ?p }"), None);
    assert!(
        r.expect(400).body.contains("SPARQL syntax error"),
        "{}",
        r.body
    );
    server
        .post("/sparql", "text/plain", COUNTRIES, None)
        .expect(415);
    server
        .post("/sparql", "application/x-www-form-urlencoded", "", None)
        .expect(400);
    server
        .get(
            &format!("{}&query=ASK%7B%7D", query_target(COUNTRIES)),
            None,
        )
        .expect(400);
}

#[test]
fn without_a_query_the_endpoint_describes_itself() {
    let server = Server::start(&[]);
    let r = server.get("/sparql", Some("text/turtle"));
    assert_eq!(r.expect(200).content_type(), "text/turtle");
    for needle in [
        "<http://www.w3.org/ns/sparql-service-description#Service>",
        "<http://www.w3.org/ns/sparql-service-description#SPARQL11Query>",
        "<http://www.w3.org/ns/sparql-service-description#UnionDefaultGraph>",
        "<https://w3id.org/nea-kg/graph/entities>",
    ] {
        assert!(r.body.contains(needle), "{needle}: {}", r.body);
    }
    assert!(
        r.body.contains(&format!("<http://{}/sparql>", server.addr)),
        "{}",
        r.body
    );
    let page = server.get("/sparql", Some("text/html,*/*;q=0.8"));
    assert_eq!(page.expect(200).content_type(), "text/html");
    assert!(page.body.contains("<h1>SPARQL endpoint</h1>"));
}

#[test]
fn the_graph_store_protocol_reads_graphs() {
    let server = Server::start(&[]);
    let entities = "https://w3id.org/nea-kg/graph/entities";
    let r = server.get(
        &format!("/store?graph={}", enc(entities)),
        Some("application/n-triples"),
    );
    assert_eq!(r.expect(200).content_type(), "application/n-triples");
    let expected = nea(&["export", "--graph", "entities", "--format", "nt"]).ok();
    assert_eq!(r.body.lines().count(), expected.lines().count());
    // What the server holds is the export, and the dataset description of its endpoint.
    let service = |body: &str| -> String {
        body.lines()
            .filter(|l| !l.starts_with("<https://w3id.org/nea-kg/dataset/service>"))
            .map(|l| format!("{l}\n"))
            .collect()
    };
    let union = server.get("/store?default", Some("application/n-triples"));
    let all = nea(&["export", "--format", "nt"]).ok();
    assert_eq!(service(&union.expect(200).body), all);
    assert_eq!(union.body.lines().count(), all.lines().count() + 6);
    let dataset = server.get("/store", None);
    assert_eq!(dataset.expect(200).content_type(), "application/n-quads");
    assert_eq!(
        service(&dataset.body),
        nea(&["export", "--format", "nq"]).ok()
    );
    let r = server.get("/store?graph=https%3A%2F%2Fexample.org%2Fnone", None);
    assert!(r.expect(404).body.contains("no such graph"), "{}", r.body);
    server.get("/store?graph=a&graph=b", None).expect(400);
}

/// The dataset description says where the graph is served: a dcat:DataService with the
/// endpoint's URL, serving the dataset.
#[test]
fn the_dataset_description_names_the_endpoint() {
    let server = Server::start(&[]);
    let query = "PREFIX dcat: <http://www.w3.org/ns/dcat#> SELECT ?endpoint ?dataset WHERE { GRAPH <https://w3id.org/nea-kg/graph/metadata> { ?s a dcat:DataService ; dcat:endpointURL ?endpoint ; dcat:servesDataset ?dataset } }";
    let r = server.get(&query_target(query), Some("text/csv"));
    assert_eq!(
        r.expect(200).body,
        format!(
            "endpoint,dataset\r\nhttp://{}/sparql,https://w3id.org/nea-kg/dataset\r\n",
            server.addr
        )
    );
}

#[test]
fn resources_are_linked_data() {
    let server = Server::start(&[]);
    let page = server.get("/id/rok", Some("text/html,application/xhtml+xml,*/*;q=0.8"));
    assert_eq!(page.expect(200).content_type(), "text/html");
    assert_eq!(page.header("Vary"), Some("Accept"));
    assert!(
        page.body.contains("<h1>Entity: Republic of Korea</h1>"),
        "{}",
        page.body
    );
    assert!(page.body.contains("lang=\"ko\">한국</span>"));
    assert!(page
        .body
        .contains("href=\"http://www.wikidata.org/entity/Q884\""));
    let turtle = server.get("/id/rok", Some("text/turtle"));
    assert_eq!(turtle.expect(200).content_type(), "text/turtle");
    assert!(
        turtle.body.contains("kg:rok a nea:Country"),
        "{}",
        turtle.body
    );
    let jsonld = server.get("/id/rok", Some("application/ld+json"));
    assert_eq!(jsonld.expect(200).content_type(), "application/ld+json");
    // Every resource under the base, facts too; and an article is its text.
    let fact = server.get(
        "/article/confidence-builder/fact/japan-rok-normalization",
        None,
    );
    assert!(fact
        .expect(200)
        .body
        .contains("Japan and the ROK normalized their relations in 1965"));
    let article = server.get("/article/confidence-builder", None);
    assert!(article
        .expect(200)
        .body
        .contains("<fieldset class=\"legend\">"));
    assert_eq!(server.get("/", None).body, article.body);
    server.get("/id/no-such-entity", None).expect(404);
    server.get("/id/rok", Some("image/png")).expect(406);
    // The other pages.
    let entities = server.get("/entities?sort=mentions", None);
    assert!(entities
        .expect(200)
        .body
        .contains("aria-sort=\"descending\""));
    assert!(server
        .get("/timeline", None)
        .expect(200)
        .body
        .contains("<time>1965</time>"));
    let query = server.get("/query?name=cq12", None);
    assert!(
        query
            .expect(200)
            .body
            .contains("11th China-Japan-ROK Trilateral Foreign Ministers&#39; Meeting"),
        "{}",
        query.body
    );
    let css = server.get("/style.css", None);
    assert_eq!(css.expect(200).content_type(), "text/css");
    // The pages run nothing and load nothing from elsewhere.
    let policy = article.header("Content-Security-Policy").unwrap();
    assert!(policy.starts_with("default-src 'none'"), "{policy}");
    assert!(!article.body.contains("<script"));
}

#[test]
fn every_span_of_the_article_is_drawn_with_its_words() {
    let server = Server::start(&[]);
    let page = server.get("/", None).body;
    let spans = crate::select(
        "SELECT ?x ?start ?end WHERE { ?x prov:wasDerivedFrom ?ev . ?ev oa:hasSelector ?p .
           ?p a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end }",
        &["x", "start", "end"],
    );
    assert!(spans.len() > 150, "{}", spans.len());
    for s in &spans {
        let path = s[0].strip_prefix("https://w3id.org/nea-kg").unwrap();
        let marker = format!(
            "data-start=\"{}\" data-end=\"{}\" data-href=\"{path}\"",
            s[1], s[2]
        );
        assert!(page.contains(&marker), "no mark for {s:?}");
    }
}

#[test]
fn fifty_parallel_queries_are_answered_correctly() {
    let server = Arc::new(Server::start(&[]));
    let threads: Vec<_> = (0..50)
        .map(|i| {
            let server = Arc::clone(&server);
            std::thread::spawn(move || {
                let q = format!(
                    "SELECT ?i (COUNT(?m) AS ?n) WHERE {{ BIND({i} AS ?i) ?m nea:mentionOf kg:japan }} GROUP BY ?i"
                );
                let r = server.get(&query_target(&q), None);
                r.expect(200);
                let b = &r.json()["results"]["bindings"][0];
                (b["i"]["value"].as_str().unwrap().to_owned(), b["n"]["value"].as_str().unwrap().to_owned())
            })
        })
        .collect();
    for (i, t) in threads.into_iter().enumerate() {
        // Japan: 6 mentions on their own and 6 inside longer names.
        assert_eq!(t.join().unwrap(), (i.to_string(), "12".to_owned()));
    }
}

#[test]
fn a_runaway_query_times_out_without_stalling_the_others() {
    // The runaway holds a core for 10 s: a query that waited for it would take that long,
    // while one that runs beside it takes milliseconds (under 3 s on a loaded machine).
    let server = Arc::new(Server::start(&["--timeout", "10"]));
    let runaway = {
        let server = Arc::clone(&server);
        std::thread::spawn(move || {
            let started = Instant::now();
            let r = server.get(
                &query_target("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"),
                None,
            );
            (r, started.elapsed())
        })
    };
    std::thread::sleep(Duration::from_millis(300));
    for _ in 0..10 {
        let started = Instant::now();
        let r = server.get(&query_target(COUNTRIES), None);
        assert_eq!(countries_of(r.expect(200)).len(), 5);
        assert!(
            started.elapsed() < Duration::from_secs(3),
            "{:?}",
            started.elapsed()
        );
    }
    let (r, took) = runaway.join().unwrap();
    assert!(
        r.expect(503)
            .body
            .contains("stopped after 10 s (--timeout)"),
        "{}",
        r.body
    );
    assert!(took < Duration::from_secs(20), "{took:?}");
    // And the server goes on.
    server.get(&query_target(COUNTRIES), None).expect(200);
}

/// The memory bound holds per request: a query that needs more is stopped with 503 and
/// the bound named, and the server, back under it, answers the next queries.
#[test]
fn a_query_past_the_memory_bound_is_stopped_and_the_server_goes_on() {
    let server = Server::start(&["--max-memory", "300M"]);
    let r = server.get(
        &query_target(
            "SELECT ?a (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f } GROUP BY ?a ?b ?c ?d ?e ?f",
        ),
        Some("text/csv"),
    );
    assert!(
        r.expect(503)
            .body
            .contains("300.0 MiB of memory (--max-memory)"),
        "{}",
        r.body
    );
    // The bound is re-armed a second after the heap is back under it.
    std::thread::sleep(Duration::from_millis(1500));
    for _ in 0..3 {
        assert_eq!(
            countries_of(server.get(&query_target(COUNTRIES), None).expect(200)).len(),
            5
        );
    }
}

#[test]
fn sigterm_stops_the_server_gracefully() {
    let server = Server::start(&[]);
    server.get("/", None).expect(200);
    assert_eq!(server.stop(), 0);
    let log = server.log();
    assert!(log.contains("nea-kg serve: stopped\n"), "{log}");
}

#[test]
fn cors_only_on_request() {
    let plain = Server::start(&[]);
    assert_eq!(
        plain
            .get(&query_target(COUNTRIES), None)
            .header("Access-Control-Allow-Origin"),
        None
    );
    let open = Server::start(&["--cors"]);
    let r = open.get(&query_target(COUNTRIES), None);
    assert_eq!(r.header("Access-Control-Allow-Origin"), Some("*"));
    let preflight = open.request(
        "OPTIONS",
        "/sparql",
        &[
            ("Origin", "http://example.org"),
            ("Access-Control-Request-Method", "POST"),
        ],
        b"",
    );
    assert_eq!(
        preflight.expect(204).header("Access-Control-Allow-Methods"),
        Some("GET, HEAD, POST, OPTIONS")
    );
}

#[test]
fn a_non_loopback_address_needs_allow_remote() {
    let err = crate::nea_within(20, &["serve", "--bind", "0.0.0.0:0"]).input_error();
    assert_eq!(
        err,
        "error: --bind \"0.0.0.0:0\": 0.0.0.0 is not a loopback address: anyone who can reach this machine could read the graph\n  add --allow-remote to mean it, or listen on 127.0.0.1\n"
    );
}

#[test]
fn allow_remote_says_so_on_start() {
    let server = Server::start_at("0.0.0.0:0", &["--allow-remote"]);
    let log = server.log();
    assert!(
        log.contains(", which other machines can reach (--allow-remote): anyone on the network can read the graph\n"),
        "{log}"
    );
    let port = server.addr.rsplit(':').next().unwrap();
    let r = request(
        &format!("127.0.0.1:{port}"),
        "GET",
        "/sparql",
        &[("Accept", "text/turtle")],
        b"",
    );
    r.expect(200);
    // Listening on every address, it has no one URL to give: the dataset description
    // names no endpoint rather than http://0.0.0.0:….
    let query = "PREFIX dcat: <http://www.w3.org/ns/dcat#> ASK { GRAPH ?g { ?s dcat:endpointURL ?endpoint } }";
    let r = request(
        &format!("127.0.0.1:{port}"),
        "GET",
        &query_target(query),
        &[("Accept", "text/csv")],
        b"",
    );
    assert_eq!(r.expect(200).body, "false\n");
}

#[test]
fn an_address_in_use_is_refused() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = taken.local_addr().unwrap().to_string();
    let err = crate::nea_within(20, &["serve", "--bind", &addr]).input_error();
    assert!(
        err.starts_with(&format!(
            "error: --bind \"{addr}\": cannot listen on {addr}: the address is in use"
        )),
        "{err}"
    );
    assert!(
        err.contains("--bind 127.0.0.1:PORT (0 picks a free one)"),
        "{err}"
    );
}

#[test]
fn an_address_that_is_not_one_is_refused() {
    let err = crate::nea_within(20, &["serve", "--bind", "localhost"]).input_error();
    assert!(
        err.starts_with("error: --bind \"localhost\": not an address to listen on"),
        "{err}"
    );
    assert!(
        err.contains("give IP:PORT, such as 127.0.0.1:7878"),
        "{err}"
    );
}

/// The arguments that build the hostile test article.
fn hostile() -> Vec<String> {
    let dir = repo("tests/data/hostile");
    let path = |f: &str| dir.join(f).display().to_string();
    vec![
        "--article".into(),
        path("article.txt"),
        "--facts".into(),
        path("facts.toml"),
        "--entities".into(),
        path("entities.toml"),
    ]
}

/// No markup of the data survives as markup, and control characters are shown.
#[track_caller]
fn assert_escaped(html: &str) {
    for raw in ["<script", "<img", "<b>", "\u{1b}", "\u{7}", "\u{202e}"] {
        assert!(!html.contains(raw), "{raw:?} is in the page");
    }
    for shown in [
        "&lt;script&gt;window.pwned=1&lt;/script&gt;",
        "Title &lt;b&gt;bold&lt;/b&gt;",
        "\\u{1b}[31m",
        "\\u{202e}evil",
    ] {
        assert!(html.contains(shown), "{shown:?} is not in the page");
    }
}

#[test]
fn markup_and_control_characters_in_the_data_are_shown_as_text() {
    let args = hostile();
    let mut all: Vec<&str> = args.iter().map(String::as_str).collect();
    let server = Server::start(&all);
    let article = server.get("/", None);
    assert_escaped(&article.expect(200).body);
    let entity = server.get("/id/evil", None);
    assert!(
        entity
            .expect(200)
            .body
            .contains("Evil &lt;script&gt;window.pwned = &#39;label&#39;&lt;/script&gt;"),
        "{}",
        entity.body
    );
    assert!(!entity.body.contains("<script"));
    let acme = server.get("/id/acme", None).body;
    assert!(acme.contains("\\u{1b}]0;title\\u{7}艾克美"), "{acme}");
    assert!(!acme.contains("<script"));
    let claim = server.get("/article/hostile/claim/claim-img", None).body;
    assert!(claim.contains("Acme says &lt;img src=x onerror=&quot;window.pwned=&#39;claim&#39;&quot;&gt; &amp; more"), "{claim}");
    let query = server
        .get(
            "/query?query=SELECT%20%3Fl%20WHERE%20%7B%20kg%3Aevil%20rdfs%3Alabel%20%3Fl%20%7D",
            None,
        )
        .body;
    assert!(query.contains("Evil &lt;script&gt;"), "{query}");
    assert!(!query.contains("<script"));
    // The report of export --format html too.
    let out = tempfile::tempdir().unwrap();
    let report = out.path().join("report.html");
    let report_arg = report.display().to_string();
    all.splice(0..0, ["export", "-o", report_arg.as_str()]);
    nea(&all).ok();
    assert_escaped(&std::fs::read_to_string(&report).unwrap());
}

#[test]
fn export_html_is_one_self_contained_file() {
    let out = tempfile::tempdir().unwrap();
    let path = out.path().join("report.html");
    nea(&[
        "export",
        "--format",
        "html",
        "-o",
        &path.display().to_string(),
    ])
    .ok();
    let html = std::fs::read_to_string(&path).unwrap();
    assert!(html.starts_with("<!doctype html>"));
    assert!(html.contains("<style>") && !html.contains("<link rel=\"stylesheet\""));
    assert!(!html.contains("<script") && !html.contains("src=\""));
    // Links stay inside the file: every href is an anchor that exists.
    for href in html
        .split("href=\"")
        .skip(1)
        .map(|s| s.split('"').next().unwrap())
    {
        let id = href
            .strip_prefix('#')
            .unwrap_or_else(|| panic!("a link out of the file: {href}"));
        assert!(html.contains(&format!("id=\"{id}\"")), "no anchor {id}");
    }
    assert!(html.contains("<h3>Entity: Republic of Korea</h3>"));
    // The same bytes on every run.
    let again = out.path().join("again.html");
    nea(&["export", "-o", &again.display().to_string()]).ok();
    assert_eq!(std::fs::read_to_string(&again).unwrap(), html);
}

#[test]
fn a_request_for_an_upgrade_is_answered_at_once() {
    // Java's HTTP client (Jena's rsparql) asks for h2c on plain http://; the answer is
    // HTTP/1.1, at once, not after the client gives up.
    let server = Server::start(&[]);
    let started = Instant::now();
    let r = server.request(
        "GET",
        &query_target(COUNTRIES),
        &[
            ("Connection", "Upgrade, HTTP2-Settings"),
            ("Upgrade", "h2c"),
            ("HTTP2-Settings", "AAMAAABkAAQBAAAAAAIAAAAA"),
        ],
        b"",
    );
    assert_eq!(countries_of(r.expect(200)).len(), 5);
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn a_corpus_has_an_index_and_every_quote_names_its_article() {
    let dir = tempfile::tempdir().unwrap();
    nea_kg::synth::write_corpus(dir.path(), 2).unwrap();
    let server = Server::start(&["--corpus", dir.path().to_str().unwrap()]);
    assert!(server.log().contains("2 articles"), "{}", server.log());
    let index = server.get("/", None);
    assert!(
        index.expect(200).body.contains("<h1>Articles</h1>"),
        "{}",
        index.body
    );
    for a in ["confidence-builder-0001", "confidence-builder-0002"] {
        assert!(
            index.body.contains(&format!("href=\"/article/{a}\"")),
            "{}",
            index.body
        );
        let article = server.get(&format!("/article/{a}"), None);
        assert!(article
            .expect(200)
            .body
            .contains("<fieldset class=\"legend\">"));
    }
    let japan = server.get("/id/japan", None);
    for a in ["confidence-builder-0001", "confidence-builder-0002"] {
        assert!(
            japan
                .expect(200)
                .body
                .contains(&format!("In <a href=\"/article/{a}\">")),
            "{a}"
        );
    }
}

/// On a corpus: the index lists every article, a shared event's page shows each
/// article's report, and a planned or negated relation is said to be so on the page,
/// as on the card.
#[test]
fn a_corpus_is_served_with_each_article_named() {
    let corpus = crate::repo("examples/corpus");
    let server = Server::start(&["--corpus", corpus.to_str().unwrap()]);
    let index = server.get("/", None);
    for article in [
        "/article/confidence-builder",
        "/article/joint-declaration-2024",
        "/article/voa-summit-2024",
    ] {
        assert!(
            index
                .expect(200)
                .body
                .contains(&format!("href=\"{article}\"")),
            "{}",
            index.body
        );
    }
    let event = server.get("/event/ninth-trilateral-summit", None);
    assert!(event
        .expect(200)
        .body
        .contains("<h1>Event: Ninth China-Japan-ROK Trilateral Summit</h1>"));
    for headline in [
        "Confidence builder",
        "Joint Declaration of the Ninth ROK-Japan-China Trilateral Summit",
        "US expects South Korea and Japan to manage ties with China at summit amid growing differences",
    ] {
        assert!(event.body.contains(headline), "{headline}: {}", event.body);
    }
    let xi = server.get("/id/xi-jinping", None);
    assert!(
        xi.expect(200)
            .body
            .contains("<span class=\"told\">[did not happen]</span>"),
        "{}",
        xi.body
    );
    let li = server.get("/id/li-qiang", None);
    assert!(
        li.expect(200)
            .body
            .contains("<span class=\"told\">[planned]</span>"),
        "{}",
        li.body
    );
}
