//! The graph as pages for people: the article with every evidence span highlighted by
//! kind, a page per resource (its card, its properties, the words that support it and
//! what links to it), the entities, the timeline, the query page. `serve` sends these
//! pages; `export --format html` puts the article and every card into one file.
//!
//! `queries` holds every SPARQL query the pages ask, `model` reads their answers into
//! data, `html` draws the data.

pub mod html;
pub mod model;
pub mod queries;

use crate::card::Db;
use crate::index::Graph;
use anyhow::Result;
use oxigraph::model::NamedNode;
use std::collections::{BTreeSet, HashSet};

/// The report of `export --format html`: every article with its evidence, and a card for
/// every resource that evidence supports and every entity, in one self-contained file.
pub fn report(graph: &Graph, base: &str, entity_ns: &str) -> Result<String> {
    let site = model::Site::new(Db { graph, entity_ns });
    let mut views = Vec::new();
    for article in site.articles()? {
        views.push(site.article(article)?);
    }
    let mut iris: BTreeSet<String> = BTreeSet::new();
    for e in site.entities()? {
        iris.insert(e.iri);
    }
    for v in &views {
        for s in &v.spans {
            iris.insert(s.resource.clone());
        }
    }
    let mut resources = Vec::new();
    for iri in &iris {
        if let Some(r) = site.resource(&NamedNode::new(iri.as_str())?)? {
            resources.push(r);
        }
    }
    let mut present: HashSet<String> = iris.into_iter().collect();
    present.extend(views.iter().map(|v| v.article.iri.clone()));
    let links = html::Links::report(base, present);
    Ok(html::report(&links, &views, &resources, entity_ns))
}
