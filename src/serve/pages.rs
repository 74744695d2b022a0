//! The pages, and the graph's resources as linked data: every path under the base IRI
//! (`/id/rok`, `/article/confidence-builder/fact/…`) is the resource whose IRI is the
//! base followed by the path, answered as HTML for a browser and as RDF (the query
//! `DESCRIBE <iri>`) for a client that asks for an RDF format; `/resource?iri=…` does
//! the same for any IRI.

use super::http::{self, negotiate, Reply};
use super::{App, Request};
use crate::card::Db;
use crate::output::results::Format;
use crate::shipped;
use crate::sparql;
use crate::view::html::{self, Links, Nav, QueryOutcome, Sort, Table};
use crate::view::model::Site;
use oxigraph::io::{JsonLdProfileSet, RdfFormat};
use oxigraph::model::{NamedNode, Term};
use oxigraph::sparql::QueryResults;
use std::collections::HashMap;

/// The most rows the query page draws (the downloads have them all).
const ROWS_SHOWN: usize = 1_000;

/// The security policy of every page: nothing runs, nothing loads from elsewhere.
const POLICY: &str = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

fn html(status: u16, page: String) -> Reply {
    Reply::html(status, page)
        .with("Content-Security-Policy", POLICY)
        .with("X-Content-Type-Options", "nosniff")
}

fn site(app: &App) -> Site<'_> {
    Site::new(Db {
        graph: &app.graph,
        entity_ns: &app.entity_ns,
    })
}

fn failed(app: &App, e: &anyhow::Error) -> Reply {
    let body = format!(
        "<h1>Something went wrong</h1>\n<p class=\"error\">{}</p>\n",
        html::esc(&crate::render(e))
    );
    html(
        500,
        html::page("Error", Nav::None, app.articles.len(), &body),
    )
}

fn not_found(app: &App, path: &str) -> Reply {
    let body = format!(
        "<h1>Not found</h1>\n<p>The graph says nothing of <span class=\"iri\">{}</span>.</p>\n<p>See the <a href=\"/\">article</a>, the <a href=\"/entities\">entities</a> or the <a href=\"/timeline\">timeline</a>.</p>\n",
        html::esc(&crate::output::shorten(path, 300))
    );
    html(
        404,
        html::page("Not found", Nav::None, app.articles.len(), &body),
    )
}

/// Every GET that is not the protocol's.
pub fn page(app: &App, req: &Request<'_>) -> Reply {
    let links = Links::server(&app.base);
    let params = http::params(req.query);
    let count = app.articles.len();
    match req.path.as_str() {
        "/" => match app.articles.as_slice() {
            [one] => resource_at(app, req, &one.iri),
            articles => html(
                200,
                html::page(
                    "Articles",
                    Nav::Article,
                    count,
                    &html::index(&links, articles),
                ),
            ),
        },
        "/entities" => {
            let sort = match http::all(&params, "sort").first().copied() {
                Some("type") => Sort::Type,
                Some("mentions") => Sort::Mentions,
                _ => Sort::Name,
            };
            match site(app).entities() {
                Ok(list) => html(
                    200,
                    html::page(
                        "Entities",
                        Nav::Entities,
                        count,
                        &html::entities(&links, &list, sort),
                    ),
                ),
                Err(e) => failed(app, &e),
            }
        }
        "/timeline" => match site(app).timeline() {
            Ok(list) => {
                let names: HashMap<String, String> = app
                    .articles
                    .iter()
                    .map(|a| (a.iri.clone(), a.headline.clone()))
                    .collect();
                html(
                    200,
                    html::page(
                        "Timeline",
                        Nav::Timeline,
                        count,
                        &html::timeline(&links, &list, &names),
                    ),
                )
            }
            Err(e) => failed(app, &e),
        },
        "/query" => query_page(app, &links, &params),
        "/resource" => match http::all(&params, "iri").first() {
            Some(iri) => resource_at(app, req, iri),
            None => Reply::text(400, "/resource needs ?iri=IRI"),
        },
        path => {
            // A resource under the base: its IRI is the base and the path.
            if !app.base.ends_with('/') {
                return not_found(app, path);
            }
            let iri = format!("{}{}", app.base, &path[1..]);
            resource_at(app, req, &iri)
        }
    }
}

/// The RDF formats a resource is offered in, after HTML.
const RESOURCE_TYPES: [&str; 7] = [
    "text/html",
    "text/turtle",
    "application/ld+json",
    "application/n-triples",
    "application/rdf+xml",
    "application/n-quads",
    "application/trig",
];

/// A resource by its IRI: HTML or RDF, as the client asks.
fn resource_at(app: &App, req: &Request<'_>, iri: &str) -> Reply {
    let Ok(node) = NamedNode::new(iri) else {
        return not_found(app, iri);
    };
    let Some(media) = negotiate(req.header("Accept"), &RESOURCE_TYPES) else {
        return Reply::text(
            406,
            &format!(
                "none of the formats this request accepts fits a resource\n  accept one of {}",
                RESOURCE_TYPES.join(", ")
            ),
        );
    };
    let site = site(app);
    let resource = match site.resource(&node) {
        Ok(Some(r)) => r,
        Ok(None) => return not_found(app, iri),
        Err(e) => return failed(app, &e),
    };
    if media != "text/html" {
        let format = match media {
            "application/ld+json" => RdfFormat::JsonLd {
                profile: JsonLdProfileSet::empty(),
            },
            "application/n-triples" => RdfFormat::NTriples,
            "application/rdf+xml" => RdfFormat::RdfXml,
            "application/n-quads" => RdfFormat::NQuads,
            "application/trig" => RdfFormat::TriG,
            _ => RdfFormat::Turtle,
        };
        let reply = super::protocol::run(
            app,
            "the description",
            &format!("DESCRIBE <{}>", node.as_str()),
            None,
            None,
            Some(Format::Rdf(format)),
        );
        return reply.with("Vary", "Accept");
    }
    let links = Links::server(&app.base);
    let count = app.articles.len();
    // An article's page is its text with the evidence.
    if let Some(article) = app.articles.iter().find(|a| a.iri == iri) {
        return match site.article(article.clone()) {
            Ok(view) => html(
                200,
                html::page(
                    &article.headline,
                    Nav::Article,
                    count,
                    &html::article(&links, &view, &app.entity_ns),
                ),
            )
            .with("Vary", "Accept"),
            Err(e) => failed(app, &e),
        };
    }
    let body = html::resource(&links, &resource, &app.entity_ns, 1);
    html(200, html::page(&resource.label, Nav::None, count, &body)).with("Vary", "Accept")
}

/// The query page: the form, the shipped queries, and the results of the query given
/// (`query=`) or of the shipped query named (`name=`).
fn query_page(app: &App, links: &Links, params: &[(String, String)]) -> Reply {
    let shipped: Vec<(String, String)> = shipped::all()
        .map(|q| (q.name.to_owned(), q.question()))
        .collect();
    let (text, run) = match (
        http::all(params, "query").first(),
        http::all(params, "name").first(),
    ) {
        (Some(q), _) => (q.to_string(), true),
        (None, Some(name)) => match shipped::find(name) {
            Ok(q) => (q.text.to_owned(), true),
            Err(_) => (String::new(), false),
        },
        (None, None) => (
            shipped::find("cq01")
                .map(|q| q.text.to_owned())
                .unwrap_or_default(),
            false,
        ),
    };
    let outcome = run.then(|| table(app, &text).map_err(|e| crate::render(&e)));
    let body = html::query(links, &text, &shipped, outcome, &app.entity_ns);
    html(
        200,
        html::page("Query", Nav::Query, app.articles.len(), &body),
    )
}

/// Runs a query of the query page, for its table.
fn table(app: &App, text: &str) -> anyhow::Result<QueryOutcome> {
    let context = sparql::Context {
        base: app.base.clone(),
        entity_ns: app.entity_ns.clone(),
        timeout: Some(app.config.timeout),
        dataset: None,
    };
    let query = sparql::parse("the query", text, &context)?;
    let ticket = query.ticket();
    let graph = app.graph.clone();
    let timeout = app.config.timeout;
    sparql::guarded_alone("the query", Some(timeout), ticket, move || {
        let fail = |e| sparql::evaluation_error("the query", e, Some(timeout));
        Ok(match query.execute(&graph)? {
            QueryResults::Boolean(b) => QueryOutcome::Boolean(b),
            QueryResults::Graph(triples) => {
                let mut n = 0;
                for t in triples {
                    t.map_err(fail)?;
                    n += 1;
                }
                QueryOutcome::Graph(n)
            }
            QueryResults::Solutions(solutions) => {
                let variables: Vec<String> = solutions
                    .variables()
                    .iter()
                    .map(|v| v.as_str().to_owned())
                    .collect();
                let mut rows = Vec::new();
                for s in solutions {
                    let s = s.map_err(fail)?;
                    if rows.len() == ROWS_SHOWN {
                        break;
                    }
                    rows.push(
                        variables
                            .iter()
                            .map(|v| {
                                s.get(v.as_str()).map(|t| {
                                    let label = match t {
                                        Term::NamedNode(n) => {
                                            crate::output::table::english_label(&graph, n.as_ref())
                                        }
                                        _ => None,
                                    };
                                    (t.clone(), label)
                                })
                            })
                            .collect(),
                    );
                }
                QueryOutcome::Table(Table { variables, rows })
            }
        })
    })
}

/// What a browser gets at `/sparql` with no query: how to use the endpoint.
pub fn endpoint_page(app: &App, endpoint: &str) -> Reply {
    let e = html::esc(endpoint);
    let body = format!(
        "<h1>SPARQL endpoint</h1>\n<p>A read-only SPARQL 1.1 endpoint over the graph, at <span class=\"iri\">{e}</span>. Point any SPARQL client at it; try the <a href=\"/query\">query page</a> in a browser.</p>\n<ul>\n<li><code>GET {e}?query=…</code>, or <code>POST</code> a form (<code>query=…</code>) or the query itself as <code>application/sparql-query</code>.</li>\n<li><code>default-graph-uri</code> and <code>named-graph-uri</code> set the dataset; without them (and without FROM), the default graph is the union of every graph.</li>\n<li>Results as SPARQL JSON (the default), XML, CSV or TSV; graphs as Turtle, N-Triples, N-Quads, TriG, JSON-LD or RDF/XML: by <code>Accept</code>, or <code>format=json|xml|csv|tsv|ttl|nt|nq|trig|jsonld|rdf</code>.</li>\n<li>Updates and SERVICE are refused (403). A query is stopped after {} s.</li>\n<li>The graphs themselves: <code>GET /store?graph=IRI</code> (Graph Store Protocol), <code>/store?default</code> for the union.</li>\n</ul>\n<p>Ask for <code>text/turtle</code> here for the service description.</p>\n",
        app.config.timeout.as_secs_f64()
    );
    html(
        200,
        html::page("SPARQL endpoint", Nav::None, app.articles.len(), &body),
    )
    .with("Vary", "Accept")
}
