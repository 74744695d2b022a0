//! The SPARQL 1.1 Protocol (`/sparql`) and the read side of the Graph Store HTTP
//! Protocol (`/store`). Queries go through `sparql::parse` (read-only, the project's
//! prefixes, the dataset of the request or of the query) and their results through
//! `output::results`, as `nea-kg query` writes them; graphs through `output::rdf`.
//!
//! Status codes: 200; 400 for a malformed request or query; 403 for an update or a
//! SERVICE call (refused, whatever the query says); 404 for a graph the store does not
//! hold; 405 for a method that would write; 406 when no format the client accepts fits
//! the results; 503 for a query stopped by the timeout or the memory bound; 500 for a
//! failure while evaluating.

use super::http::{self, negotiate, Reply};
use super::{App, Request};
use crate::output::rdf;
use crate::output::results::{self, Format, Writing};
use crate::sparql::{self, Refusal, Refused, Stopped};
use oxigraph::io::{JsonLdProfileSet, RdfFormat};
use oxigraph::model::{GraphName, GraphNameRef, Literal, NamedNode, NamedNodeRef, Quad};
use oxigraph::sparql::results::QueryResultsFormat;
use oxigraph::sparql::QueryResults;

/// The results formats of SELECT and ASK, the first the default (the Protocol's
/// recommendation, JSON), with the aliases clients send.
const SOLUTION_TYPES: [&str; 7] = [
    "application/sparql-results+json",
    "application/sparql-results+xml",
    "text/csv",
    "text/tab-separated-values",
    "application/json",
    "application/xml",
    "text/xml",
];

/// The formats of a graph, the first the default.
const GRAPH_TYPES: [&str; 7] = [
    "text/turtle",
    "application/n-triples",
    "application/n-quads",
    "application/trig",
    "application/ld+json",
    "application/rdf+xml",
    "text/plain",
];

fn solution_format(media: &str) -> QueryResultsFormat {
    match media {
        "application/sparql-results+xml" | "application/xml" | "text/xml" => {
            QueryResultsFormat::Xml
        }
        "text/csv" => QueryResultsFormat::Csv,
        "text/tab-separated-values" => QueryResultsFormat::Tsv,
        _ => QueryResultsFormat::Json,
    }
}

fn graph_format(media: &str) -> RdfFormat {
    match media {
        "application/n-triples" | "text/plain" => RdfFormat::NTriples,
        "application/n-quads" => RdfFormat::NQuads,
        "application/trig" => RdfFormat::TriG,
        "application/ld+json" => RdfFormat::JsonLd {
            profile: JsonLdProfileSet::empty(),
        },
        "application/rdf+xml" => RdfFormat::RdfXml,
        _ => RdfFormat::Turtle,
    }
}

/// The media type to send with a format.
fn media_type(format: Format) -> String {
    match format {
        Format::Results(f) => f.media_type().to_owned(),
        Format::Rdf(f) => f.media_type().to_owned(),
        Format::Table => "text/plain".to_owned(),
    }
}

fn not_acceptable(what: &str, offers: &[&str]) -> Reply {
    Reply::text(
        406,
        &format!(
            "none of the formats this request accepts fits {what}\n  accept one of {}",
            offers.join(", ")
        ),
    )
}

const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";

const READ_ONLY: &str = "this endpoint is read-only: SPARQL Update is refused\n  the graph is built from the articles and their fact sheets: change those, and restart nea-kg serve";

/// `/sparql`: a query by GET or POST, or the service description.
pub fn sparql(app: &App, req: &Request<'_>) -> Reply {
    let mut params = http::params(req.query);
    let content_type = req.content_type();
    match req.method {
        "GET" | "HEAD" => {}
        "POST" => match content_type.as_deref() {
            Some("application/x-www-form-urlencoded") => {
                params.extend(http::params(&String::from_utf8_lossy(&req.body)));
            }
            Some("application/sparql-query") => match String::from_utf8(req.body.clone()) {
                Ok(text) => {
                    if !http::all(&params, "query").is_empty() {
                        return Reply::text(400, "the query is both in the body and in the URL (query=)\n  send it once");
                    }
                    params.push(("query".to_owned(), text));
                }
                Err(_) => return Reply::text(400, "the query is not valid UTF-8"),
            },
            Some("application/sparql-update") => return Reply::text(403, READ_ONLY),
            other => {
                return Reply::text(
                    415,
                    &format!(
                        "POST /sparql with {}: send a query as application/x-www-form-urlencoded (query=...) or as application/sparql-query",
                        other.unwrap_or("no Content-Type")
                    ),
                )
            }
        },
        _ => {
            return Reply::text(
                405,
                &format!("{} /sparql: use GET or POST", req.method),
            )
            .with("Allow", "GET, HEAD, POST")
        }
    }
    if !http::all(&params, "update").is_empty() {
        return Reply::text(403, READ_ONLY);
    }
    let queries = http::all(&params, "query");
    let text = match queries.as_slice() {
        [] if req.method == "POST" => {
            return Reply::text(400, "POST /sparql without a query\n  send query=... (a form) or the query itself as application/sparql-query")
        }
        [] => return service_description(app, req),
        [one] => one.to_string(),
        _ => return Reply::text(400, "more than one query= parameter\n  send one query per request"),
    };
    let dataset = {
        let default: Vec<String> = http::all(&params, "default-graph-uri")
            .into_iter()
            .map(str::to_owned)
            .collect();
        let named: Vec<String> = http::all(&params, "named-graph-uri")
            .into_iter()
            .map(str::to_owned)
            .collect();
        (!default.is_empty() || !named.is_empty()).then_some(sparql::Dataset { default, named })
    };
    let format = match http::all(&params, "format").first() {
        Some(f) => match results::parse_format(f) {
            Ok(Format::Table) | Err(_) => {
                return Reply::text(
                    400,
                    &format!(
                        "format={}: not a results format\n  use json, xml, csv or tsv (SELECT, ASK), or {} (CONSTRUCT, DESCRIBE)",
                        crate::output::shorten(f, 100),
                        rdf::FORMATS
                    ),
                )
            }
            Ok(f) => Some(f),
        },
        None => None,
    };
    run(
        app,
        "the query",
        &text,
        dataset,
        req.header("Accept"),
        format,
    )
}

/// Runs a query and writes its results as negotiated (or as `format` says).
pub fn run(
    app: &App,
    name: &str,
    text: &str,
    dataset: Option<sparql::Dataset>,
    accept: Option<&str>,
    format: Option<Format>,
) -> Reply {
    let context = sparql::Context {
        base: app.base.clone(),
        entity_ns: app.entity_ns.clone(),
        timeout: Some(app.config.timeout),
        dataset,
    };
    let query = match sparql::parse(name, text, &context) {
        Ok(q) => q,
        Err(e) => return refusal(&e),
    };
    let ticket = query.ticket();
    let graph = app.graph.clone();
    let entity_ns = app.entity_ns.clone();
    let accept = accept.map(str::to_owned);
    let owned_name = name.to_owned();
    let timeout = app.config.timeout;
    let outcome = sparql::guarded_alone(name, Some(timeout), ticket, move || {
        let results = query.execute(&graph)?;
        let format = match format {
            Some(f) => Some(f),
            None => {
                let graph = matches!(results, QueryResults::Graph(_));
                let (offers, other): (&[&str], &[&str]) = if graph {
                    (&GRAPH_TYPES, &SOLUTION_TYPES)
                } else {
                    (&SOLUTION_TYPES, &GRAPH_TYPES)
                };
                let pick = |m: &str| {
                    if graph {
                        Format::Rdf(graph_format(m))
                    } else {
                        Format::Results(solution_format(m))
                    }
                };
                // A client that asks only for the other kind of results (rdflib asks
                // for SPARQL JSON whatever the query) gets this kind's default format.
                negotiate(accept.as_deref(), offers)
                    .or_else(|| {
                        negotiate(accept.as_deref(), other)
                            .filter(|m| !m.starts_with("text/plain"))
                            .map(|_| offers[0])
                    })
                    .map(pick)
            }
        };
        let Some(format) = format else {
            let what = match &results {
                QueryResults::Graph(_) => ("a graph", &GRAPH_TYPES[..]),
                _ => ("query results", &SOLUTION_TYPES[..]),
            };
            return Ok(not_acceptable(what.0, what.1));
        };
        let mut body = Vec::new();
        let fail = |e| sparql::evaluation_error(&owned_name, e, Some(timeout));
        let writing = Writing {
            name: &owned_name,
            format: Some(format),
            graph: &graph,
            entity_ns: &entity_ns,
            fail: &fail,
        };
        match results::write(results, &writing, &mut body) {
            Ok(()) => Ok(Reply::new(200, &media_type(format), body)),
            Err(e) if e.downcast_ref::<Stopped>().is_some() => Err(e),
            Err(e) => Ok(Reply::text(400, &crate::render(&e))),
        }
    });
    match outcome {
        Ok(reply) => reply,
        Err(e) => refusal(&e),
    }
}

/// The status of a query that did not run to its end.
fn refusal(e: &anyhow::Error) -> Reply {
    let message = crate::render(e);
    if let Some(r) = e.downcast_ref::<Refused>() {
        return match r.kind {
            Refusal::Update => Reply::text(403, &format!("{READ_ONLY}\n{message}")),
            Refusal::Service => Reply::text(403, &message),
        };
    }
    if e.downcast_ref::<Stopped>().is_some() {
        return Reply::text(503, &message);
    }
    if message.contains("the query failed") {
        return Reply::text(500, &message);
    }
    Reply::text(400, &message)
}

/// The service description (SPARQL 1.1 Service Description) of the endpoint, in a
/// negotiated RDF format, or for a browser a page that says how to use it.
fn service_description(app: &App, req: &Request<'_>) -> Reply {
    let mut offers = vec!["text/html"];
    offers.extend(GRAPH_TYPES);
    let Some(media) = negotiate(req.header("Accept"), &offers) else {
        return not_acceptable("the service description", &offers);
    };
    let host = req
        .header("Host")
        .filter(|h| {
            h.chars()
                .all(|c| c.is_ascii_alphanumeric() || ".-:[]".contains(c))
        })
        .unwrap_or("127.0.0.1");
    let endpoint = format!("http://{host}/sparql");
    if media == "text/html" {
        return super::pages::endpoint_page(app, &endpoint);
    }
    let sd = "http://www.w3.org/ns/sparql-service-description#";
    let formats = "http://www.w3.org/ns/formats/";
    let node = |s: &str| NamedNode::new_unchecked(s);
    let n = |local: &str| node(&format!("{sd}{local}"));
    let service = node(&endpoint);
    let dataset = node(&format!("{endpoint}#dataset"));
    let default = node(&format!("{endpoint}#default-graph"));
    let mut quads = Vec::new();
    let mut add = |s: &NamedNode, p: NamedNode, o: oxigraph::model::Term| {
        quads.push(Quad::new(s.clone(), p, o, GraphName::DefaultGraph));
    };
    add(&service, node(RDF_TYPE), n("Service").into());
    add(&service, n("endpoint"), service.clone().into());
    add(&service, n("supportedLanguage"), n("SPARQL11Query").into());
    add(&service, n("feature"), n("UnionDefaultGraph").into());
    for f in [
        "SPARQL_Results_JSON",
        "SPARQL_Results_XML",
        "SPARQL_Results_CSV",
        "SPARQL_Results_TSV",
        "Turtle",
        "N-Triples",
        "N-Quads",
        "TriG",
        "JSON-LD",
        "RDF_XML",
    ] {
        add(
            &service,
            n("resultFormat"),
            node(&format!("{formats}{f}")).into(),
        );
    }
    add(&service, n("defaultDataset"), dataset.clone().into());
    add(&dataset, node(RDF_TYPE), n("Dataset").into());
    add(&dataset, n("defaultGraph"), default.clone().into());
    add(&default, node(RDF_TYPE), n("Graph").into());
    let graphs: Vec<NamedNode> = app
        .graph
        .named_graphs()
        .unwrap_or_default()
        .into_iter()
        .filter_map(|g| match g {
            oxigraph::model::NamedOrBlankNode::NamedNode(g) => Some(g),
            oxigraph::model::NamedOrBlankNode::BlankNode(_) => None,
        })
        .collect();
    for (i, g) in graphs.iter().enumerate() {
        let named = node(&format!("{endpoint}#graph-{}", i + 1));
        add(&dataset, n("namedGraph"), named.clone().into());
        add(&named, node(RDF_TYPE), n("NamedGraph").into());
        add(&named, n("name"), g.clone().into());
    }
    add(
        &service,
        node("http://www.w3.org/2000/01/rdf-schema#comment"),
        Literal::new_language_tagged_literal_unchecked(
            "nea-kg serve: a read-only SPARQL 1.1 endpoint over the knowledge graph of the articles; with no dataset in the request or the query, the default graph is the union of every named graph.",
            "en",
        )
        .into(),
    );
    write_graph(app, &quads, graph_format(media), media)
}

fn write_graph(app: &App, quads: &[Quad], format: RdfFormat, media: &str) -> Reply {
    if let Err(e) = rdf::check_format(quads, format, &app.entity_ns) {
        return Reply::text(406, &crate::render(&e));
    }
    let mut body = Vec::new();
    match rdf::write(quads, format, &app.entity_ns, &mut body) {
        Ok(()) => Reply::new(200, format.media_type(), body).with("Vary", "Accept"),
        Err(e) => Reply::text(500, &format!("cannot write the graph as {media}: {e}")),
    }
}

/// `/store`: the Graph Store Protocol's GET (and HEAD). `?graph=IRI` gives one graph,
/// `?default` the default graph (here the union of every graph, as queries see it),
/// no parameter the whole dataset.
pub fn store(app: &App, req: &Request<'_>) -> Reply {
    if !matches!(req.method, "GET" | "HEAD") {
        return Reply::text(
            405,
            &format!(
                "{} /store: this server is read-only; the Graph Store Protocol answers GET and HEAD only",
                req.method
            ),
        )
        .with("Allow", "GET, HEAD");
    }
    let params = http::params(req.query);
    let graphs = http::all(&params, "graph");
    let default = params.iter().any(|(k, _)| k == "default");
    let accept = req.header("Accept");
    let quads: Vec<Quad> = match (graphs.as_slice(), default) {
        ([], false) => {
            let offers = ["application/n-quads", "application/trig"];
            let Some(media) = negotiate(accept, &offers) else {
                return not_acceptable("the whole dataset", &offers);
            };
            let all = app.graph.quads();
            return match all {
                Ok(q) => write_graph(app, &q, graph_format(media), media),
                Err(e) => Reply::text(500, &format!("cannot read the store: {e}")),
            };
        }
        ([], true) => {
            let all = app.graph.quads();
            match all {
                Ok(q) => q
                    .into_iter()
                    .map(|q| Quad::new(q.subject, q.predicate, q.object, GraphName::DefaultGraph))
                    .collect(),
                Err(e) => return Reply::text(500, &format!("cannot read the store: {e}")),
            }
        }
        ([graph], false) => {
            let Ok(g) = NamedNodeRef::new(graph) else {
                return Reply::text(
                    400,
                    &format!(
                        "graph={}: not an absolute IRI",
                        crate::output::shorten(graph, 200)
                    ),
                );
            };
            match app.graph.contains_named_graph(g) {
                Ok(true) => {}
                Ok(false) => {
                    return Reply::text(
                        404,
                        &format!("graph={}: the store holds no such graph\n  the service description (GET /sparql) lists the graphs", crate::output::shorten(graph, 200)),
                    )
                }
                Err(e) => return Reply::text(500, &format!("cannot read the store: {e}")),
            }
            let in_graph =
                app.graph
                    .quads_for_pattern(None, None, None, Some(GraphNameRef::NamedNode(g)));
            match in_graph {
                Ok(q) => q,
                Err(e) => return Reply::text(500, &format!("cannot read the store: {e}")),
            }
        }
        _ => {
            return Reply::text(
                400,
                "name one graph: ?graph=IRI, or ?default (or nothing, for the whole dataset)",
            )
        }
    };
    let Some(media) = negotiate(accept, &GRAPH_TYPES) else {
        return not_acceptable("a graph", &GRAPH_TYPES);
    };
    write_graph(app, &quads, graph_format(media), media)
}
