//! `nea-kg serve`: one process that holds the graph and answers over HTTP until it is
//! stopped, read-only. The SPARQL 1.1 Protocol and the read side of the Graph Store
//! Protocol are in `protocol`, the pages and the linked data in `pages`.
//!
//! The HTTP server is tiny_http: synchronous (no async runtime), and it takes a
//! listener bound here, so the address is checked and reported by this program (port 0
//! gives a free port, and the URL printed is the real one), and its `recv_timeout` lets
//! the accepting loop look at the stop flag that SIGINT and SIGTERM raise. Each request
//! is answered on a thread of its own, at most `MAX_IN_FLIGHT` at once; a query runs
//! under `sparql`'s bounds (its own timeout; the process's memory bound), so a runaway
//! query stops alone and the others go on.

pub mod http;
mod pages;
mod protocol;

use crate::index::Graph;
use crate::load::Kg;
use crate::view::model::Article;
use crate::{explain, note, say};
use anyhow::{anyhow, bail, Context, Result};
use http::Reply;
use nea_kg_core::error::quoted;
use std::net::{SocketAddr, TcpListener, ToSocketAddrs};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

/// What the command line sets.
#[derive(Debug, Clone)]
pub struct Config {
    /// Send `Access-Control-Allow-Origin: *`.
    pub cors: bool,
    /// Each query's time limit.
    pub timeout: Duration,
    /// Listening where other machines can reach it (`--allow-remote`).
    pub remote: bool,
}

/// Requests answered at once; more wait for a free place.
pub const MAX_IN_FLIGHT: usize = 64;

/// How long a stop waits for the requests in progress.
const GRACE: Duration = Duration::from_secs(10);

/// Binds the address: loopback only, unless `allow_remote`.
pub fn listen(bind: &str, allow_remote: bool) -> Result<TcpListener> {
    let shown = quoted(bind);
    let addrs: Vec<SocketAddr> = bind
        .to_socket_addrs()
        .map_err(|e| {
            anyhow!("--bind {shown}: not an address to listen on ({e})\n  give IP:PORT, such as 127.0.0.1:7878 or [::1]:7878 (port 0 picks a free one)")
        })?
        .collect();
    let Some(first) = addrs.first() else {
        bail!("--bind {shown}: names no address\n  give IP:PORT, such as 127.0.0.1:7878");
    };
    if !allow_remote {
        if let Some(open) = addrs.iter().find(|a| !a.ip().is_loopback()) {
            bail!(
                "--bind {shown}: {} is not a loopback address: anyone who can reach this machine could read the graph\n  add --allow-remote to mean it, or listen on 127.0.0.1",
                open.ip()
            );
        }
    }
    TcpListener::bind(first).map_err(|e| {
        let why = match e.kind() {
            std::io::ErrorKind::AddrInUse => {
                "the address is in use (another nea-kg serve, or another server, listens there)\n  stop it, or pick another port: --bind 127.0.0.1:PORT (0 picks a free one)".to_owned()
            }
            std::io::ErrorKind::PermissionDenied => {
                "permission denied (ports below 1024 need privileges)\n  pick a port above 1023, such as 7878".to_owned()
            }
            std::io::ErrorKind::AddrNotAvailable => {
                "this machine has no such address\n  listen on 127.0.0.1, or on one of this machine's addresses".to_owned()
            }
            _ => format!("{e}\n  check the address"),
        };
        anyhow!("--bind {shown}: cannot listen on {first}: {why}")
    })
}

/// What every request handler reads: the graph and the settings.
pub struct App {
    /// The graph: indexed in memory, or the persistent store of --store.
    pub graph: Graph,
    pub base: String,
    pub entity_ns: String,
    pub config: Config,
    /// The articles, read once: the home page and the navigation need them.
    pub articles: Vec<Article>,
}

/// Set by SIGINT or SIGTERM.
static STOP: AtomicBool = AtomicBool::new(false);

extern "C" fn on_stop(signal: libc::c_int) {
    STOP.store(true, Ordering::SeqCst);
    // A second signal ends the process at once.
    unsafe {
        libc::signal(signal, libc::SIG_DFL);
    }
}

/// SIGINT and SIGTERM stop the server gracefully (they replace `cleanup`'s handler,
/// which ends the process at once; serve writes no file it would have to remove).
fn stop_on_signals() {
    for signal in [libc::SIGINT, libc::SIGTERM] {
        unsafe {
            libc::signal(signal, on_stop as *const () as libc::sighandler_t);
        }
    }
}

/// Counts the requests in progress, to wait for them when stopping and to cap them.
#[derive(Default)]
struct InFlight {
    count: Mutex<usize>,
    changed: Condvar,
}

impl InFlight {
    fn enter(&self) {
        let mut n = self.count.lock().unwrap_or_else(|e| e.into_inner());
        while *n >= MAX_IN_FLIGHT {
            n = self.changed.wait(n).unwrap_or_else(|e| e.into_inner());
        }
        *n += 1;
    }

    fn leave(&self) {
        let mut n = self.count.lock().unwrap_or_else(|e| e.into_inner());
        *n -= 1;
        self.changed.notify_all();
    }

    /// Waits until none is in progress, or `limit` passes; how many are left.
    fn drain(&self, limit: Duration) -> usize {
        let n = self.count.lock().unwrap_or_else(|e| e.into_inner());
        let (n, _) = self
            .changed
            .wait_timeout_while(n, limit, |n| *n > 0)
            .unwrap_or_else(|e| e.into_inner());
        *n
    }
}

/// Serves until SIGINT or SIGTERM.
pub fn run(listener: TcpListener, kg: Kg, config: Config) -> Result<()> {
    // Pages run the program's own queries with nobody waiting on them in ticks: a thread
    // keeps the memory bound for the server's whole life.
    crate::limits::watch_memory();
    let local = listener
        .local_addr()
        .map_err(|e| anyhow!("cannot read the address listened on: {e}"))?;
    let server = tiny_http::Server::from_listener(listener, None)
        .map_err(|e| anyhow!("cannot start the server: {e}"))?;
    let entity_ns = kg.iris.entity_namespace();
    let base = kg.iris.base().to_owned();
    let mut graph = kg.graph.clone();
    // The dataset description names this endpoint (a dcat:DataService), in the store the
    // endpoint answers from; a persistent store is opened read-only and keeps its own.
    let endpoint = format!("http://{local}/sparql");
    if kg.read_only {
        explain!(
            "the store is read-only: its dataset description does not name the endpoint {endpoint}"
        );
    } else if local.ip().is_unspecified() {
        // Listening on every address (0.0.0.0, ::), the server has no one address that
        // clients elsewhere can use: naming http://0.0.0.0:…/sparql would mislead.
        explain!("listening on every address ({local}): the dataset description names no endpoint");
    } else {
        let service = nea_kg_core::dataset::service(&kg.iris, &endpoint);
        graph = match graph {
            Graph::Index(index) => Graph::Index(Arc::new(index.extended(service))),
            Graph::Store(store) => {
                store
                    .extend(service)
                    .context("cannot describe the endpoint in the store")?;
                Graph::Store(store)
            }
        };
        explain!("the dataset description names the endpoint {endpoint}");
    }
    let articles = crate::sparql::guarded("serve", None, {
        let (graph, entity_ns) = (graph.clone(), entity_ns.clone());
        move || {
            crate::view::model::Site::new(crate::card::Db {
                graph: &graph,
                entity_ns: &entity_ns,
            })
            .articles()
        }
    })?;
    let app = Arc::new(App {
        graph,
        base,
        entity_ns,
        config,
        articles,
    });
    drop(kg);
    stop_on_signals();
    let url = format!("http://{local}/");
    if app.config.remote && !local.ip().is_loopback() {
        note!("nea-kg serve: listening on {local}, which other machines can reach (--allow-remote): anyone on the network can read the graph");
    }
    note!(
        "nea-kg serve: {url} (SPARQL endpoint: {url}sparql, {} article{}); Ctrl-C stops it",
        app.articles.len(),
        if app.articles.len() == 1 { "" } else { "s" }
    );
    let in_flight = Arc::new(InFlight::default());
    while !STOP.load(Ordering::SeqCst) {
        let request = match server.recv_timeout(Duration::from_millis(100)) {
            Ok(Some(r)) => r,
            Ok(None) => continue,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => {
                say!("nea-kg serve: cannot accept a request: {e}");
                continue;
            }
        };
        in_flight.enter();
        let (app, in_flight_here) = (Arc::clone(&app), Arc::clone(&in_flight));
        let spawned = std::thread::Builder::new()
            .name("request".into())
            .spawn(move || {
                answer(&app, request);
                in_flight_here.leave();
            });
        if let Err(e) = spawned {
            in_flight.leave();
            say!("nea-kg serve: cannot start a thread for a request: {e}");
        }
    }
    note!("nea-kg serve: stopping; answering the requests in progress");
    drop(server);
    let left = in_flight.drain(GRACE);
    if left > 0 {
        note!(
            "nea-kg serve: stopped, {left} request{} unanswered after {} s",
            if left == 1 { "" } else { "s" },
            GRACE.as_secs()
        );
    } else {
        note!("nea-kg serve: stopped");
    }
    Ok(())
}

/// A request as the handlers see it.
pub struct Request<'a> {
    pub method: &'a str,
    pub path: String,
    pub query: &'a str,
    headers: &'a [tiny_http::Header],
    pub body: Vec<u8>,
}

impl Request<'_> {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|h| h.field.as_str().as_str().eq_ignore_ascii_case(name))
            .map(|h| h.value.as_str())
    }

    /// The media type of the body, lower-cased, without parameters.
    pub fn content_type(&self) -> Option<String> {
        self.header("Content-Type").map(|c| {
            c.split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase()
        })
    }
}

/// The largest request body read (a query or a form): larger is refused with 413.
const MAX_BODY: usize = 4 << 20;

/// Answers one request, and logs it.
fn answer(app: &App, mut request: tiny_http::Request) {
    let started = Instant::now();
    let method = request.method().as_str().to_owned();
    let target = request.url().to_owned();
    let mut body = Vec::new();
    // The body is what Content-Length or chunked encoding says, and nothing more: a
    // request that asks for a protocol upgrade (Java's HTTP client asks for h2c) hands
    // over the whole connection, which would otherwise be read until the client closes.
    let chunked = request.headers().iter().any(|h| {
        h.field.equiv("Transfer-Encoding")
            && h.value.as_str().to_ascii_lowercase().contains("chunked")
    });
    let limit = match request.body_length() {
        Some(n) => n.min(MAX_BODY + 1),
        None if chunked => MAX_BODY + 1,
        None => 0,
    };
    let too_big = {
        use std::io::Read;
        let reader = request.as_reader();
        match reader.take(limit as u64).read_to_end(&mut body) {
            Ok(n) => n > MAX_BODY,
            Err(_) => false,
        }
    };
    let reply = if too_big {
        Reply::text(413, "the request's body is larger than 4 MiB")
    } else {
        let (path, query) = http::split_target(&target);
        let req = Request {
            method: &method,
            path,
            query,
            headers: request.headers(),
            body,
        };
        // A handler that panics answers 500 rather than leaving the client waiting.
        match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| route(app, &req))) {
            Ok(reply) => reply,
            Err(_) => Reply::text(500, "nea-kg serve: the request failed unexpectedly"),
        }
    };
    let status = reply.status;
    let mut response = tiny_http::Response::from_data(reply.body).with_status_code(status);
    for (name, value) in reply.headers {
        if let Ok(h) = tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes()) {
            response.add_header(h);
        }
    }
    if app.config.cors {
        for (name, value) in [
            ("Access-Control-Allow-Origin", "*"),
            ("Access-Control-Allow-Methods", "GET, HEAD, POST, OPTIONS"),
            ("Access-Control-Allow-Headers", "Accept, Content-Type"),
        ] {
            if let Ok(h) = tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes()) {
                response.add_header(h);
            }
        }
    }
    let _ = request.respond(response);
    note!(
        "{method} {} {status} {:.1} ms",
        crate::output::shorten(&target, 200),
        started.elapsed().as_secs_f64() * 1000.0
    );
}

/// Sends a request where it goes.
fn route(app: &App, req: &Request<'_>) -> Reply {
    if req.method == "OPTIONS" {
        return Reply::new(204, "text/plain", Vec::new()).with("Allow", "GET, HEAD, POST, OPTIONS");
    }
    match req.path.as_str() {
        "/sparql" => protocol::sparql(app, req),
        "/store" => protocol::store(app, req),
        _ if !matches!(req.method, "GET" | "HEAD") => Reply::text(
            405,
            &format!(
                "{} {}: this server is read-only; only GET and HEAD go here (and POST to /sparql for queries)",
                req.method,
                crate::output::shorten(&req.path, 200)
            ),
        )
        .with("Allow", "GET, HEAD"),
        "/style.css" => Reply::new(200, "text/css; charset=utf-8", crate::view::html::STYLE)
            .with("Cache-Control", "max-age=3600"),
        _ => pages::page(app, req),
    }
}
