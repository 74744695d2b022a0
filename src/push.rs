//! `nea-kg push`: loads the graph into an external store over the SPARQL 1.1 Graph Store
//! HTTP Protocol. Each named graph goes to `?graph=<its IRI>` (or the union to one graph
//! or the default graph); POST merges, PUT (`--replace`) replaces. Credentials come from
//! the environment and are never printed; redirects are followed with the same method
//! and body; any answer but 2xx is an error that shows the status and the body's start.

use crate::cli::PushArgs;
use crate::error::{quoted, Error, Result};
use crate::export;
use crate::kg::Kg;
use crate::mapping::Iris;
use oxigraph::io::RdfFormat;
use oxigraph::model::{GraphName, Quad};
use std::collections::BTreeMap;
use std::time::Duration;

/// The environment variables that hold the credentials.
pub const USER_VAR: &str = "NEA_KG_USER";
pub const PASSWORD_VAR: &str = "NEA_KG_PASSWORD";

/// Where one batch of triples goes.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Destination {
    Default,
    Graph(String),
}

pub fn run(args: PushArgs) -> Result<()> {
    let endpoint = args.endpoint.trim().to_owned();
    let shown = without_credentials(&endpoint);
    if !(endpoint.starts_with("http://") || endpoint.starts_with("https://")) {
        return Err(Error::input(format!(
            "--endpoint {} is not an http:// or https:// URL\n  give the store's Graph Store Protocol endpoint, for example http://localhost:7878/store",
            quoted(&shown)
        )));
    }
    if endpoint.contains('@')
        && endpoint
            .split("://")
            .nth(1)
            .is_some_and(|r| r.split('/').next().is_some_and(|h| h.contains('@')))
    {
        return Err(Error::input(format!(
            "--endpoint {} carries credentials\n  give the user with --user or {USER_VAR} and the password in {PASSWORD_VAR}, so it never shows in a process list",
            quoted(&shown)
        )));
    }
    let timeout = Duration::try_from_secs_f64(args.timeout)
        .ok()
        .filter(|d| !d.is_zero())
        .ok_or_else(|| {
            Error::input(format!(
                "invalid --timeout {}: give a positive number of seconds",
                args.timeout
            ))
        })?;
    let user = args.user.clone().or_else(|| std::env::var(USER_VAR).ok());
    let auth = match user {
        Some(user) => {
            let password = std::env::var(PASSWORD_VAR).map_err(|_| {
                Error::input(format!(
                    "a user is given but no password\n  set the environment variable {PASSWORD_VAR}"
                ))
            })?;
            Some(format!(
                "Basic {}",
                base64(format!("{user}:{password}").as_bytes())
            ))
        }
        None => None,
    };
    let iris = Iris::new(&args.input.base)?;
    let entity_ns = iris.entity_namespace();
    let (all, failures) = Kg::quads(&args.input)?;
    let quads = crate::run::select_graphs(&all, args.graph_choice, &iris);
    drop(all);
    export::check_iris(&quads)?;
    let mut batches: BTreeMap<Destination, Vec<Quad>> = BTreeMap::new();
    for q in quads {
        let destination = match (&args.graph, args.default_graph, &q.graph_name) {
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
    if let Some(g) = &args.graph {
        oxigraph::model::NamedNode::new(g.as_str()).map_err(|e| {
            Error::input(format!("--graph {} is not an absolute IRI: {e}", quoted(g)))
        })?;
    }
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(timeout))
        .http_status_as_error(false)
        .max_redirects(0)
        .build()
        .into();
    let method = if args.replace { "PUT" } else { "POST" };
    let mut total = 0;
    for (destination, quads) in &batches {
        let mut body = Vec::new();
        export::write(quads, RdfFormat::NTriples, &entity_ns, &mut body)
            .map_err(|e| Error::input(format!("cannot serialise the graph: {e}")))?;
        let url = match destination {
            Destination::Default => with_param(&endpoint, "default"),
            Destination::Graph(g) => with_param(&endpoint, &format!("graph={}", percent_encode(g))),
        };
        let status = send(&agent, method, &url, &body, auth.as_deref())?;
        let target = match destination {
            Destination::Default => "the default graph".to_owned(),
            Destination::Graph(g) => format!("<{g}>"),
        };
        eprintln!("{method} {} triples to {target}: {status}", quads.len());
        total += quads.len();
    }
    eprintln!(
        "pushed {total} triples in {} graph{} to {shown}",
        batches.len(),
        if batches.len() == 1 { "" } else { "s" }
    );
    Kg::finish(&failures)
}

/// Sends one request, following up to five redirects with the same method and body;
/// credentials go along only to the same host.
fn send(
    agent: &ureq::Agent,
    method: &str,
    url: &str,
    body: &[u8],
    auth: Option<&str>,
) -> Result<String> {
    let origin = host_of(url);
    let mut url = url.to_owned();
    for _ in 0..=5 {
        let shown = without_credentials(&url);
        let mut request = ureq::http::Request::builder()
            .method(method)
            .uri(&url)
            .header("Content-Type", "application/n-triples; charset=utf-8")
            .header("Accept", "*/*");
        if let Some(a) = auth.filter(|_| host_of(&url) == origin) {
            request = request.header("Authorization", a);
        }
        let request = request.body(body.to_vec()).map_err(|e| {
            Error::input(format!(
                "{shown}: invalid request: {e}\n  check the --endpoint URL"
            ))
        })?;
        let mut response = agent.run(request).map_err(|e| {
            let why = match &e {
                ureq::Error::Timeout(_) => "no answer before --timeout".to_owned(),
                ureq::Error::HostNotFound => "host not found".to_owned(),
                ureq::Error::ConnectionFailed => "connection refused".to_owned(),
                ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::ConnectionRefused => {
                    "connection refused".to_owned()
                }
                other => other.to_string(),
            };
            Error::input(format!(
                "{method} {shown}: {why}\n  check that the store is running and that --endpoint is its Graph Store Protocol URL"
            ))
        })?;
        let status = response.status();
        if status.is_redirection() {
            let location = response
                .headers()
                .get("location")
                .and_then(|l| l.to_str().ok())
                .ok_or_else(|| {
                    Error::input(format!("{method} {shown}: {status} without a Location"))
                })?;
            url = resolve_location(&url, location);
            continue;
        }
        let text = response
            .body_mut()
            .with_config()
            .limit(64 * 1024)
            .read_to_string()
            .unwrap_or_default();
        if status.is_success() {
            return Ok(status.to_string());
        }
        let start: String = text.trim().chars().take(300).collect();
        return Err(Error::input(format!(
            "{method} {shown}: the store answered {status}\n  {}\n  check the endpoint, the credentials and the store's log",
            if start.is_empty() { "(empty body)".to_owned() } else { start.replace('\n', "\n  ") }
        )));
    }
    Err(Error::input(format!(
        "{method} {}: more than 5 redirects\n  give the final URL with --endpoint",
        without_credentials(&url)
    )))
}

fn with_param(endpoint: &str, param: &str) -> String {
    let sep = if endpoint.contains('?') { '&' } else { '?' };
    format!("{endpoint}{sep}{param}")
}

/// Percent-encodes a query parameter's value (RFC 3986: all but the unreserved).
fn percent_encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// scheme://host[:port] of a URL.
fn host_of(url: &str) -> String {
    let (scheme, rest) = url.split_once("://").unwrap_or(("", url));
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = authority.rsplit('@').next().unwrap_or(authority);
    format!("{scheme}://{}", host.to_ascii_lowercase())
}

/// A Location header, absolute or relative to the URL it answers.
fn resolve_location(url: &str, location: &str) -> String {
    if location.contains("://") {
        location.to_owned()
    } else if location.starts_with('/') {
        format!("{}{location}", host_of(url))
    } else {
        let base = url.split('?').next().unwrap_or(url);
        let dir = base.rsplit_once('/').map_or(base, |(d, _)| d);
        format!("{dir}/{location}")
    }
}

/// A URL with any user:password@ removed, for messages.
pub fn without_credentials(url: &str) -> String {
    match url.split_once("://") {
        Some((scheme, rest)) => {
            let (authority, path) = rest.split_at(rest.find(['/', '?', '#']).unwrap_or(rest.len()));
            let host = authority.rsplit('@').next().unwrap_or(authority);
            format!("{scheme}://{host}{path}")
        }
        None => url.to_owned(),
    }
}

fn base64(bytes: &[u8]) -> String {
    const TABLE: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = (u32::from(chunk[0]) << 16)
            | (u32::from(*chunk.get(1).unwrap_or(&0)) << 8)
            | u32::from(*chunk.get(2).unwrap_or(&0));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(TABLE[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn helpers() {
        assert_eq!(base64(b"user:pass"), "dXNlcjpwYXNz");
        assert_eq!(base64(b"ab"), "YWI=");
        assert_eq!(
            percent_encode("https://w3id.org/nea-kg/graph/x"),
            "https%3A%2F%2Fw3id.org%2Fnea-kg%2Fgraph%2Fx"
        );
        assert_eq!(
            without_credentials("http://u:p@host:1/store?x"),
            "http://host:1/store?x"
        );
        assert_eq!(
            resolve_location("http://h:1/a/store?graph=x", "/b/store?graph=x"),
            "http://h:1/b/store?graph=x"
        );
        assert_eq!(host_of("HTTP://u:p@Host:1/x"), "HTTP://host:1");
    }
}
