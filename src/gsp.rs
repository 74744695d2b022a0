//! The Graph Store Protocol client behind `nea-kg push`: loads the graph into an
//! external store over the SPARQL 1.1 Graph Store HTTP Protocol. Each named graph goes
//! to `?graph=<its IRI>` (or the union to one graph or the default graph); POST merges, PUT (`--replace`) replaces. Credentials come from
//! `--user`/NEA_KG_USER and NEA_KG_PASSWORD; https:// trusts the system's certificate
//! store or `--cacert FILE`.
//!
//! A push writes only where it says. Every request URL is built by the `url` crate from
//! an endpoint that has been checked to take a query (no fragment, no `graph=` or
//! `default` of its own), and the exact target handed to the HTTP client is checked to
//! name its graph before it is sent, redirects included: a redirect to another origin,
//! or to a URL that does not name the same graph, is refused, not followed. A graph is
//! reported written only on a 2xx answer to the request that named it; when a push
//! stops part-way, the error says which graphs went in and which did not.
//!
//! The password never shows: messages name the endpoint with anything before its last
//! `@` cut out, every message passes one net (`Secrets`) that hides the password in any
//! form, and plain http:// carries it only to this machine unless the user allows it.
//! What a store sends back is shown through `excerpt`: escaped, and capped.

use crate::cli::PushArgs;
use crate::load;
use crate::note;
use crate::output::rdf as export;
use base64::Engine as _;
use nea_kg_core::error::quoted;
use nea_kg_core::Iris;
use oxigraph::io::RdfFormat;
use oxigraph::model::{GraphName, Quad};
use std::collections::BTreeMap;
use std::path::Path;
use std::process::ExitCode;
use std::time::Duration;
use ureq::http::{HeaderValue, StatusCode, Uri};
use ureq::tls::{Certificate, RootCerts, TlsConfig};
use url::Url;

/// The environment variables that hold the credentials.
pub const USER_VAR: &str = "NEA_KG_USER";
pub const PASSWORD_VAR: &str = "NEA_KG_PASSWORD";

/// Redirects followed for one graph, at most.
const MAX_REDIRECTS: usize = 5;

/// Where one batch of triples goes.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Destination {
    Default,
    Graph(String),
}

impl Destination {
    /// The request URL for this destination: the endpoint with `graph=IRI` (or
    /// `default`) added to its query.
    fn url(&self, endpoint: &Url) -> Url {
        let mut url = endpoint.clone();
        match self {
            Destination::Default => url.query_pairs_mut().append_key_only("default"),
            Destination::Graph(g) => url.query_pairs_mut().append_pair("graph", g),
        };
        url
    }

    /// Whether a query string names this destination and nothing else: exactly one
    /// `graph` or `default` parameter (in any case), and it is this one.
    fn is_named_by(&self, query: Option<&str>) -> bool {
        let named: Vec<(String, String)> = graph_params(query.unwrap_or(""));
        match (self, named.as_slice()) {
            (Destination::Default, [(k, _)]) => k == "default",
            (Destination::Graph(g), [(k, v)]) => k == "graph" && v == g,
            _ => false,
        }
    }
}

impl std::fmt::Display for Destination {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Destination::Default => f.write_str("the default graph"),
            Destination::Graph(g) => write!(f, "<{g}>"),
        }
    }
}

/// The `graph` and `default` parameters of a query string (names in any case), decoded;
/// `;` counts as a separator too, as some servers take it.
fn graph_params(query: &str) -> Vec<(String, String)> {
    url::form_urlencoded::parse(query.replace(';', "&").as_bytes())
        .filter(|(k, _)| k.eq_ignore_ascii_case("graph") || k.eq_ignore_ascii_case("default"))
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

/// The messages of this module: for the user, exit status 2.
struct Error;

impl Error {
    fn input(message: String) -> anyhow::Error {
        anyhow::anyhow!(message)
    }
}

type Result<T, E = anyhow::Error> = std::result::Result<T, E>;

pub fn push(args: PushArgs) -> Result<ExitCode> {
    // Every message of a push goes through this net: whatever a message was built from
    // (the endpoint as typed, a store's answer), the password never reaches the terminal.
    let secrets = Secrets::new(&args.endpoint, args.user.as_deref());
    push_graphs(args, &secrets).map_err(|e| anyhow::anyhow!(secrets.scrub(&crate::render(&e))))
}

fn push_graphs(args: PushArgs, secrets: &Secrets) -> Result<ExitCode> {
    let endpoint = parse_endpoint(&args.endpoint)?;
    let timeout = Duration::try_from_secs_f64(args.timeout)
        .ok()
        .filter(|d| !d.is_zero())
        .ok_or_else(|| {
            Error::input(format!(
                "invalid --timeout {}: give a positive number of seconds",
                args.timeout
            ))
        })?;
    let auth = credentials(args.user.as_deref())?;
    if auth.is_some() && endpoint.scheme() == "http" && !is_loopback(&endpoint) {
        if !args.allow_insecure_auth {
            return Err(Error::input(format!(
                "--endpoint {} is plain http:// to {}, which is not this machine: the password would cross the network in clear text\n  use https://, or pass --allow-insecure-auth if the network to the store is trusted",
                quoted(endpoint.as_str()),
                endpoint.host_str().unwrap_or("?")
            )));
        }
        note!(
            "warning: sending the password in clear text to {} (--allow-insecure-auth)",
            endpoint.host_str().unwrap_or("?")
        );
    }
    let roots = tls_roots(args.cacert.as_deref(), &endpoint)?;
    if let Some(g) = &args.into {
        oxigraph::model::NamedNode::new(g.as_str()).map_err(|e| {
            Error::input(format!("--into {} is not an absolute IRI: {e}", quoted(g)))
        })?;
    }
    let iris = Iris::new(&args.input.base)?;
    let entity_ns = iris.entity_namespace();
    let (all, failures) = load::quads(&args.input)?;
    let quads = load::select(all, args.graphs, &iris);
    export::check_iris(&quads)?;
    let mut batches: BTreeMap<Destination, Vec<Quad>> = BTreeMap::new();
    for q in quads {
        let destination = match (&args.into, args.into_default, &q.graph_name) {
            (Some(g), _, _) => Destination::Graph(g.clone()),
            (None, true, _) => Destination::Default,
            (None, false, GraphName::NamedNode(g)) => Destination::Graph(g.as_str().to_owned()),
            (None, false, _) => Destination::Default,
        };
        batches
            .entry(destination)
            .or_default()
            .push(oxigraph::model::Triple::from(q).in_graph(GraphName::DefaultGraph));
    }
    // A connection of its own for each request: an answer can only be the answer to
    // the request that named its graph, never one left over on a reused connection.
    let mut config = ureq::Agent::config_builder()
        .timeout_global(Some(timeout))
        .http_status_as_error(false)
        .max_redirects(0)
        .max_idle_connections(0)
        .max_idle_connections_per_host(0);
    if let Some(roots) = roots {
        config = config.tls_config(TlsConfig::builder().root_certs(roots).build());
    }
    // A store on this machine is reached directly: a proxy (HTTP_PROXY and the like) could
    // not reach it, and would carry the password across the network.
    if is_loopback(&endpoint) {
        config = config.proxy(None);
    }
    let agent: ureq::Agent = config.build().into();
    let push = Push {
        agent,
        method: if args.replace { "PUT" } else { "POST" },
        auth,
    };
    let mut written: Vec<(&Destination, usize)> = Vec::new();
    for (destination, quads) in &batches {
        let mut body = Vec::new();
        export::write(quads, RdfFormat::NTriples, &entity_ns, &mut body)
            .map_err(|e| Error::input(format!("cannot serialise the graph: {e}")))?;
        match push.send(&endpoint, destination, &body) {
            Ok(answer) => {
                let at = match &answer.redirected_to {
                    Some(url) => format!(" at {url} (redirected)"),
                    None => String::new(),
                };
                note!(
                    "{}",
                    secrets.scrub(&format!(
                        "{} {} triples to {destination}: {}{at}",
                        push.method,
                        quads.len(),
                        answer.status
                    ))
                );
                written.push((destination, quads.len()));
            }
            Err(failure) => {
                let rest: Vec<&Destination> = batches
                    .keys()
                    .skip_while(|d| *d != destination)
                    .skip(1)
                    .collect();
                return Err(Error::input(format!(
                    "{}{}\n  {}",
                    failure.what,
                    report(args.replace, &written, destination, &failure, &rest),
                    failure.todo
                )));
            }
        }
    }
    let total: usize = written.iter().map(|(_, n)| n).sum();
    note!(
        "{}",
        secrets.scrub(&format!(
            "pushed {total} triples in {} graph{} to {endpoint}",
            batches.len(),
            if batches.len() == 1 { "" } else { "s" }
        ))
    );
    Ok(load::outcome(failures))
}

/// The endpoint as a URL that a graph parameter can be added to, or why not. Nothing is
/// sent before this says yes.
fn parse_endpoint(raw: &str) -> Result<Url> {
    let raw = raw.trim();
    let shown = quoted(&redact(raw));
    let example =
        "give the store's Graph Store Protocol endpoint, for example http://localhost:7878/store";
    let url = Url::parse(raw).map_err(|e| {
        Error::input(match e {
            url::ParseError::RelativeUrlWithoutBase => {
                format!("--endpoint {shown} is not an http:// or https:// URL\n  {example}")
            }
            e => format!("--endpoint {shown} is not a valid URL ({e})\n  {example}"),
        })
    })?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(Error::input(format!(
            "--endpoint {shown} is not an http:// or https:// URL\n  {example}"
        )));
    }
    if !url.username().is_empty() || url.password().is_some() {
        let mut bare = url.clone();
        let _ = bare.set_username("");
        let _ = bare.set_password(None);
        return Err(Error::input(format!(
            "--endpoint {} carries credentials\n  give the user with --user or {USER_VAR} and the password in {PASSWORD_VAR}, so it never shows in a process list",
            quoted(bare.as_str())
        )));
    }
    if url.fragment().is_some() {
        return Err(Error::input(format!(
            "--endpoint {shown} has a fragment (#…), which would cut off the graph parameter: the store would take every request for the bare endpoint (with --replace, the whole dataset)\n  remove the fragment from --endpoint"
        )));
    }
    if let Some((k, _)) = graph_params(url.query().unwrap_or("")).first() {
        return Err(Error::input(format!(
            "--endpoint {shown} already has a {k:?} parameter, and nea-kg adds graph= (or default) to each request itself\n  give the endpoint without it; --into IRI or --into-default sends everything to one graph"
        )));
    }
    Ok(url)
}

/// The endpoint as typed, for messages: anything that may be a user or a password, from
/// the start of the authority to the last `@`, is cut out, whatever the shape.
fn redact(raw: &str) -> String {
    let Some(at) = raw.rfind('@') else {
        return raw.to_owned();
    };
    // The authority starts after `scheme:` and any slashes; with no slash after it, only
    // http: and https: are taken as a scheme (`user:pass@host` is not a scheme `user`).
    let scheme_end = raw
        .find(':')
        .filter(|&i| {
            let scheme = &raw[..i];
            scheme.starts_with(|c: char| c.is_ascii_alphabetic())
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        })
        .filter(|&i| {
            raw[i + 1..].starts_with(['/', '\\'])
                || ["http", "https"].contains(&raw[..i].to_ascii_lowercase().as_str())
        })
        .map_or(0, |i| i + 1);
    let rest = &raw[scheme_end..];
    let start = scheme_end + (rest.len() - rest.trim_start_matches(['/', '\\']).len());
    if at < start {
        return raw.to_owned();
    }
    format!("{}***@{}", &raw[..start], &raw[at + 1..])
}

/// At most this many characters of a store's answer are shown, on this many lines.
const EXCERPT_CHARS: usize = 300;
const EXCERPT_LINES: usize = 10;

/// Text from outside (a store's answer), as it may be shown on a terminal: every control
/// character but the line break, and the invisible marks that reorder text, escaped and
/// visible (`\u{1b}`); at most EXCERPT_CHARS characters on EXCERPT_LINES lines, each
/// line after the first indented; `…` where it was cut.
fn excerpt(text: &str) -> String {
    let mut out = String::new();
    let (mut shown, mut lines) = (0, 1);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if shown >= EXCERPT_CHARS {
            out.push('…');
            break;
        }
        match c {
            '\r' if chars.peek() == Some(&'\n') => continue,
            '\n' if lines == EXCERPT_LINES => {
                out.push('…');
                break;
            }
            '\n' => {
                lines += 1;
                out.push_str("\n  ");
            }
            c if c.is_control()
                || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}') =>
            {
                out.extend(c.escape_unicode());
            }
            c => out.push(c),
        }
        shown += 1;
    }
    out
}

/// What one graph's request came to.
struct Answer {
    status: StatusCode,
    /// The URL that answered, when a redirect was followed.
    redirected_to: Option<Url>,
}

/// Why one graph's request failed, and whether the store may have written it anyway.
struct Failure {
    /// What went wrong and where, the first line of the message (and any details).
    what: String,
    /// What to do, the last line.
    todo: String,
    /// The store may have written the graph (it got the request but did not answer).
    maybe_written: bool,
}

impl Failure {
    fn refused(what: String, todo: &str) -> Self {
        Self {
            what,
            todo: todo.to_owned(),
            maybe_written: false,
        }
    }
}

/// The part of the message that says what the store now holds.
fn report(
    replace: bool,
    written: &[(&Destination, usize)],
    failed: &Destination,
    failure: &Failure,
    not_sent: &[&Destination],
) -> String {
    let total = written.len() + 1 + not_sent.len();
    let mut out = String::new();
    if written.is_empty() && !failure.maybe_written {
        if total > 1 {
            out.push_str(&format!(
                "\n  nothing was {}: the push stopped at the first of {total} graphs",
                if replace { "replaced" } else { "written" }
            ));
        }
        return out;
    }
    if written.is_empty() {
        out.push_str(&format!(
            "\n  the store may have {} {failed}: it got the request but gave no answer",
            if replace { "replaced" } else { "written" }
        ));
        if !not_sent.is_empty() {
            out.push_str(&format!(
                "\n  the other {} graph{} {} not sent",
                not_sent.len(),
                if not_sent.len() == 1 { "" } else { "s" },
                if not_sent.len() == 1 { "was" } else { "were" }
            ));
        }
        return out;
    }
    let (done, kept) = if replace {
        ("replaced", "keeps its old content")
    } else {
        ("written", "not written")
    };
    out.push_str(&format!(
        "\n  the push stopped part-way: {} of {total} graphs {done}",
        written.len()
    ));
    if replace {
        out.push_str("; the store now holds:");
    }
    for (d, n) in written {
        out.push_str(&format!("\n  {done}: {d} ({n} triples)"));
    }
    if failure.maybe_written {
        out.push_str(&format!(
            "\n  unknown: {failed} (the store got the request but gave no answer; it may have {done} it)"
        ));
    } else {
        out.push_str(&format!("\n  {kept}: {failed} (its request failed)"));
    }
    for d in not_sent {
        out.push_str(&format!("\n  {kept}: {d} (not sent)"));
    }
    out
}

/// The requests of one push.
struct Push {
    agent: ureq::Agent,
    method: &'static str,
    auth: Option<HeaderValue>,
}

impl Push {
    /// Sends one graph, following same-origin redirects that still name it, with the
    /// same method and body.
    fn send(
        &self,
        endpoint: &Url,
        destination: &Destination,
        body: &[u8],
    ) -> Result<Answer, Failure> {
        let method = self.method;
        let first = destination.url(endpoint);
        let mut url = first.clone();
        for _ in 0..=MAX_REDIRECTS {
            // The exact target the client sends must name this graph, and nothing else.
            let uri: Uri = url.as_str().parse().map_err(|e| {
                Failure::refused(
                    format!("{method} {url}: not a URL the HTTP client can send ({e})"),
                    "check the --endpoint URL",
                )
            })?;
            if !destination.is_named_by(uri.query()) {
                return Err(Failure::refused(
                    format!("{method} {url}: the request would not name {destination}"),
                    "check the --endpoint URL",
                ));
            }
            let mut request = ureq::http::Request::builder()
                .method(method)
                .uri(uri)
                .header("Content-Type", "application/n-triples; charset=utf-8")
                .header("Accept", "*/*");
            if let Some(a) = &self.auth {
                request = request.header("Authorization", a.clone());
            }
            let request = request.body(body.to_vec()).map_err(|e| {
                Failure::refused(
                    format!("{method} {url}: invalid request: {e}"),
                    "check the --endpoint URL",
                )
            })?;
            let mut response = self
                .agent
                .run(request)
                .map_err(|e| transport_failure(method, &url, e))?;
            let status = response.status();
            if status.is_success() {
                return Ok(Answer {
                    status,
                    redirected_to: (url != first).then_some(url),
                });
            }
            if matches!(status.as_u16(), 301 | 302 | 307 | 308) {
                let location = response
                    .headers()
                    .get("location")
                    .and_then(|l| l.to_str().ok())
                    .ok_or_else(|| {
                        Failure::refused(
                            format!(
                                "{method} {url}: the store answered {status} without a Location"
                            ),
                            "check the endpoint and the store's log",
                        )
                    })?;
                url = redirect(method, &url, location, destination)?;
                continue;
            }
            let mut bytes = Vec::new();
            let _ = std::io::Read::read_to_end(
                &mut std::io::Read::take(response.body_mut().as_reader(), 4096),
                &mut bytes,
            );
            let text = String::from_utf8_lossy(&bytes);
            let text = text.trim();
            return Err(Failure::refused(
                format!(
                    "{method} {url}: the store answered {status}\n  {}",
                    if text.is_empty() {
                        "(empty body)".to_owned()
                    } else {
                        excerpt(text)
                    }
                ),
                "check the endpoint, the credentials and the store's log",
            ));
        }
        Err(Failure::refused(
            format!("{method} {url}: more than {MAX_REDIRECTS} redirects"),
            "give the final URL with --endpoint",
        ))
    }
}

/// Where a redirect points, if nea-kg may follow it: the same origin (scheme, host and
/// port), and a URL that still names the same graph.
fn redirect(
    method: &str,
    url: &Url,
    location: &str,
    destination: &Destination,
) -> Result<Url, Failure> {
    let mut next = url.join(location).map_err(|e| {
        Failure::refused(
            format!(
                "{method} {url}: the store redirected to {location:?}, which is not a URL ({e})"
            ),
            "give the store's URL with --endpoint",
        )
    })?;
    let _ = next.set_username("");
    let _ = next.set_password(None);
    next.set_fragment(None);
    if next.origin() != url.origin() {
        return Err(Failure::refused(
            format!("{method} {url}: the store redirected to {next}, another origin, and nea-kg does not follow a write there"),
            "if the store has moved, give its new URL with --endpoint",
        ));
    }
    if !destination.is_named_by(next.query()) {
        return Err(Failure::refused(
            format!("{method} {url}: the store redirected to {next}, which does not name {destination}, and nea-kg does not follow a write there"),
            "give the store's final Graph Store Protocol URL with --endpoint",
        ));
    }
    Ok(next)
}

/// A request that got no answer: connection refused, host not found, timeout, TLS.
fn transport_failure(method: &str, url: &Url, e: ureq::Error) -> Failure {
    if let Some(tls) = tls_error(&e) {
        return tls_failure(method, url, tls);
    }
    let (why, maybe_written) = match &e {
        ureq::Error::Timeout(ureq::Timeout::Resolve | ureq::Timeout::Connect) => {
            ("no connection before --timeout".to_owned(), false)
        }
        ureq::Error::Timeout(_) => ("no answer before --timeout".to_owned(), true),
        ureq::Error::HostNotFound => ("host not found".to_owned(), false),
        ureq::Error::ConnectionFailed => ("connection refused".to_owned(), false),
        ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::ConnectionRefused => {
            ("connection refused".to_owned(), false)
        }
        other => (excerpt(&other.to_string()), true),
    };
    Failure {
        what: format!("{method} {url}: {why}"),
        todo: "check that the store is running and that --endpoint is its Graph Store Protocol URL"
            .to_owned(),
        maybe_written,
    }
}

/// The Authorization header for basic authentication, marked sensitive (so that even a
/// debug print of the request hides it).
fn basic(user: &str, password: &str) -> HeaderValue {
    let token = base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"));
    let mut value =
        HeaderValue::from_str(&format!("Basic {token}")).expect("base64 is a valid header");
    value.set_sensitive(true);
    value
}

/// The credentials, from --user (or NEA_KG_USER) and NEA_KG_PASSWORD, as the header to
/// send; none without a user. Messages never show the password, nor anything after a
/// `:` in the user (`--user ann:secret`, as curl takes it, is a password too).
fn credentials(flag: Option<&str>) -> Result<Option<HeaderValue>> {
    let (user, source) = match flag {
        Some(u) => (u.to_owned(), "--user"),
        None => match std::env::var(USER_VAR) {
            Ok(u) if !u.is_empty() => (u, USER_VAR),
            _ => return Ok(None),
        },
    };
    if let Some((name, _)) = user.split_once(':') {
        return Err(Error::input(format!(
            "{source} {:?} holds a ':', which a user name for basic authentication cannot (RFC 7617: the first ':' ends the user name)\n  give only the user name with {source}, and the password in {PASSWORD_VAR}",
            format!("{name}:…")
        )));
    }
    if user.is_empty() || user.chars().any(char::is_control) {
        return Err(Error::input(format!(
            "{source} is empty or holds a control character\n  give the user name for the store's basic authentication"
        )));
    }
    let password = match std::env::var(PASSWORD_VAR) {
        Ok(p) => p,
        Err(std::env::VarError::NotPresent) => {
            return Err(Error::input(format!(
                "a user is given but no password\n  set the environment variable {PASSWORD_VAR}"
            )))
        }
        Err(std::env::VarError::NotUnicode(_)) => {
            return Err(Error::input(format!(
                "{PASSWORD_VAR} is not valid UTF-8\n  give the password as UTF-8 text"
            )))
        }
    };
    if password.chars().any(char::is_control) {
        return Err(Error::input(format!(
            "{PASSWORD_VAR} holds a control character, which basic authentication cannot carry (RFC 7617)\n  check the variable's value (a trailing newline?)"
        )));
    }
    Ok(Some(basic(&user, &password)))
}

/// The certificates a https:// store's must chain to: those of --cacert, else the
/// system's certificate store (SSL_CERT_FILE and SSL_CERT_DIR as OpenSSL reads them, or
/// the system's bundle), else, on a system without one, the Mozilla roots built in.
fn tls_roots(cacert: Option<&Path>, endpoint: &Url) -> Result<Option<RootCerts>> {
    if let Some(path) = cacert {
        return load_cacert(path).map(Some);
    }
    if endpoint.scheme() != "https" {
        return Ok(None);
    }
    let system = rustls_native_certs::load_native_certs().certs;
    Ok(Some(if system.is_empty() {
        RootCerts::WebPki
    } else {
        RootCerts::from(
            system
                .iter()
                .map(|c| Certificate::from_der(c.as_ref()).to_owned()),
        )
    }))
}

/// The CA certificates of a PEM file (`--cacert FILE`, `-` for stdin), each checked to
/// be one.
fn load_cacert(path: &Path) -> Result<RootCerts> {
    let name = path.display();
    let todo = "give the store's CA certificate as a PEM file (-----BEGIN CERTIFICATE-----), as curl --cacert takes it";
    let stdin = crate::load::is_stdin(path);
    if !stdin && path.is_dir() {
        return Err(Error::input(format!(
            "--cacert {name}: is a folder, not a file\n  {todo}"
        )));
    }
    let read = if stdin {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin().lock(), &mut bytes).map(|_| bytes)
    } else {
        std::fs::read(path)
    };
    crate::explain!("the CA certificates of --cacert: {name}");
    let bytes = read.map_err(|e| {
        let why = match e.kind() {
            std::io::ErrorKind::NotFound => "no such file".to_owned(),
            std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
            _ => e.to_string(),
        };
        Error::input(format!(
            "--cacert {name}: cannot read the CA certificate: {why}\n  check the path"
        ))
    })?;
    let mut certs = Vec::new();
    for item in ureq::tls::parse_pem(&bytes) {
        match item {
            Ok(ureq::tls::PemItem::Certificate(c)) => certs.push(c),
            Ok(_) => {}
            Err(e) => {
                return Err(Error::input(format!(
                    "--cacert {name}: not a PEM file ({e})\n  {todo}"
                )))
            }
        }
    }
    if certs.is_empty() {
        return Err(Error::input(format!(
            "--cacert {name}: holds no PEM certificate\n  {todo}; a DER file converts with: openssl x509 -inform der -in FILE -out ca.pem"
        )));
    }
    for (i, c) in certs.iter().enumerate() {
        let der = rustls::pki_types::CertificateDer::from(c.der().to_vec());
        rustls::RootCertStore::empty().add(der).map_err(|e| {
            Error::input(format!(
                "--cacert {name}: certificate {} of {} is not a CA certificate that TLS can use ({e})\n  {todo}",
                i + 1,
                certs.len()
            ))
        })?;
    }
    Ok(RootCerts::from(certs))
}

/// The TLS error inside a request's error, if it is one.
fn tls_error(e: &ureq::Error) -> Option<&rustls::Error> {
    match e {
        ureq::Error::Rustls(e) => Some(e),
        ureq::Error::Io(io) => io.get_ref()?.downcast_ref::<rustls::Error>(),
        _ => None,
    }
}

/// A failed TLS handshake: which host, why, and what to do (before anything was sent).
fn tls_failure(method: &str, url: &Url, e: &rustls::Error) -> Failure {
    use rustls::CertificateError as C;
    let host = url.host_str().unwrap_or("?");
    let cacert = "give its certificate with --cacert FILE (PEM)";
    let (why, todo) = match e {
        rustls::Error::InvalidCertificate(c) => match c {
            C::UnknownIssuer => (
                "it is signed by a CA this machine does not trust (unknown issuer)".to_owned(),
                format!("if the store uses a private CA, {cacert}"),
            ),
            C::NotValidForName | C::NotValidForNameContext { .. } => (
                format!("it is not issued for the name {host}"),
                "use the host name the certificate is issued for (--cacert FILE trusts a private CA, not another name)".to_owned(),
            ),
            C::Expired | C::ExpiredContext { .. } => (
                "it has expired".to_owned(),
                "renew the store's certificate (--cacert FILE trusts a private CA, not an expired certificate)".to_owned(),
            ),
            C::NotValidYet | C::NotValidYetContext { .. } => (
                "it is not valid yet".to_owned(),
                "check the clocks of this machine and of the store".to_owned(),
            ),
            other => (
                format!("{other:?}"),
                format!("check the store's certificate; if the store uses a private CA, {cacert}"),
            ),
        },
        other => {
            return Failure::refused(
                format!("{method} {url}: TLS with {host} failed: {other}"),
                &format!("check that the store speaks https:// at this port; if it uses a private CA, {cacert}"),
            )
        }
    };
    Failure::refused(
        format!("{method} {url}: the certificate of {host} is not trusted: {why}"),
        &todo,
    )
}

/// Whether the URL's host is this machine: 127.0.0.0/8, ::1 or `localhost`.
fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Ipv4(a)) => a.is_loopback(),
        Some(url::Host::Ipv6(a)) => a.is_loopback(),
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        None => false,
    }
}

/// Everything a message must not show: the password (from NEA_KG_PASSWORD, or in the
/// endpoint as typed) in every form it may take in a message: as is, percent-encoded,
/// and inside the Authorization header's base64.
struct Secrets {
    words: Vec<String>,
}

impl Secrets {
    fn new(endpoint: &str, user: Option<&str>) -> Self {
        let mut passwords = Vec::new();
        if let Ok(p) = std::env::var(PASSWORD_VAR) {
            passwords.push(p);
        }
        if let Ok(url) = Url::parse(endpoint.trim()) {
            if let Some(p) = url.password() {
                passwords.push(p.to_owned());
                let decoded = url::form_urlencoded::parse(format!("p={p}").as_bytes())
                    .next()
                    .map(|(_, v)| v.into_owned());
                passwords.extend(decoded);
            }
        }
        let mut words = Vec::new();
        let user = user.map_or_else(
            || std::env::var(USER_VAR).unwrap_or_default(),
            str::to_owned,
        );
        for p in passwords.into_iter().filter(|p| !p.is_empty()) {
            let encoded: String = url::form_urlencoded::byte_serialize(p.as_bytes()).collect();
            let percent = encoded.replace('+', "%20");
            let token = base64::engine::general_purpose::STANDARD.encode(format!("{user}:{p}"));
            words.extend([p, encoded, percent, token]);
        }
        // The longest first, so that a form containing another is hidden whole.
        words.sort_by_key(|w| std::cmp::Reverse(w.len()));
        words.dedup();
        Self { words }
    }

    fn scrub(&self, message: &str) -> String {
        let mut out = message.to_owned();
        for w in &self.words {
            out = out.replace(w.as_str(), "***");
        }
        out
    }
}
#[cfg(test)]
mod tests {
    use super::*;

    fn endpoint(s: &str) -> Url {
        parse_endpoint(s).unwrap()
    }

    #[test]
    fn request_urls_are_built_by_the_url_library() {
        let e = endpoint("http://h:1/store");
        let g = Destination::Graph("https://w3id.org/nea-kg/graph/x?a=b&c#d".to_owned());
        let url = g.url(&e);
        assert_eq!(
            url.as_str(),
            "http://h:1/store?graph=https%3A%2F%2Fw3id.org%2Fnea-kg%2Fgraph%2Fx%3Fa%3Db%26c%23d"
        );
        assert!(g.is_named_by(url.query()));
        let e = endpoint("http://h:1/store?x=1");
        assert_eq!(
            Destination::Default.url(&e).as_str(),
            "http://h:1/store?x=1&default"
        );
        assert!(Destination::Default.is_named_by(Some("x=1&default")));
        assert!(!Destination::Default.is_named_by(Some("default&graph=a")));
        assert!(!g.is_named_by(Some("graph=a")));
        assert!(!g.is_named_by(None));
        let a = Destination::Graph("a".to_owned());
        assert!(a.is_named_by(Some("graph=a")));
        assert!(!a.is_named_by(Some("graph=a&graph=a")));
        assert!(!a.is_named_by(Some("graph=a&Graph=b")));
    }

    #[test]
    fn endpoints_that_cannot_take_a_graph_are_refused() {
        for bad in [
            "http://h/store#frag",
            "http://h/store#",
            "http://h/store?graph=urn:x",
            "http://h/store?GRAPH=urn:x",
            "http://h/store?default",
            "http://h/store?a=1&default=",
            "http://h/store?a=1;graph=urn:x",
            "http://h/store?%67raph=urn:x",
        ] {
            assert!(parse_endpoint(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn redact_cuts_out_anything_before_the_last_at() {
        for (raw, shown) in [
            ("http://u:p@h/s", "http://***@h/s"),
            ("user:pass@host/s", "***@host/s"),
            ("http:/user:pass@host", "http:/***@host"),
            ("http:user:pass@host", "http:***@host"),
            ("ftp://u:p@h", "ftp://***@h"),
            ("http://u:p#q@h", "http://***@h"),
            ("http://h/store", "http://h/store"),
        ] {
            assert_eq!(redact(raw), shown, "{raw}");
        }
    }

    #[test]
    fn an_excerpt_shows_control_characters_escaped_and_is_capped() {
        assert_eq!(
            excerpt("a\u{1b}[2Jb\r\nc\rd\te"),
            "a\\u{1b}[2Jb\n  c\\u{d}d\\u{9}e"
        );
        assert_eq!(excerpt("x\u{202e}y\u{9b}z"), "x\\u{202e}y\\u{9b}z");
        let long = "é".repeat(1000);
        assert_eq!(excerpt(&long), format!("{}…", "é".repeat(EXCERPT_CHARS)));
        let many = "l\n".repeat(50);
        assert_eq!(excerpt(&many).matches('\n').count(), EXCERPT_LINES - 1);
        assert!(excerpt(&many).ends_with("l…"));
    }

    #[test]
    fn loopback_is_127_8_and_ipv6_1_and_localhost() {
        for (url, loopback) in [
            ("http://127.0.0.1:7878/store", true),
            ("http://127.1.2.3/store", true),
            ("http://[::1]:7878/store", true),
            ("http://localhost/store", true),
            ("http://LOCALHOST./store", false),
            ("http://192.0.2.1/store", false),
            ("http://0.0.0.0/store", false),
            ("http://[::ffff:127.0.0.1]/store", false),
            ("http://localhost.example.org/store", false),
            ("http://2130706433/store", true),
        ] {
            assert_eq!(is_loopback(&endpoint(url)), loopback, "{url}");
        }
    }

    #[test]
    fn scrub_hides_every_form_of_the_password() {
        let secrets = Secrets {
            words: vec!["p@ss word".to_owned(), "p%40ss%20word".to_owned()],
        };
        assert_eq!(secrets.scrub("a p@ss word, p%40ss%20word"), "a ***, ***");
        assert_eq!(
            basic("ann", "s3cret").to_str().unwrap(),
            "Basic YW5uOnMzY3JldA=="
        );
        assert!(basic("ann", "s3cret").is_sensitive());
    }
}
