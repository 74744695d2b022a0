//! `nea-kg export`: the graph (or some of its graphs) in an RDF format, sorted and
//! byte-stable, to stdout or atomically to a file; or, with `--format html`, a report
//! for people: the article with its evidence and every resource's card, in one file.
//! `--no-text` leaves the articles' text out, and the dataset description's triple
//! counts say so.

use crate::cli::ExportArgs;
use crate::load::{self, Kg};
use crate::output::file::Destination;
use crate::output::rdf;
use anyhow::Result;
use nea_kg_core::Iris;
use oxigraph::model::{GraphName, Literal, Quad, Term};
use std::collections::HashMap;
use std::process::ExitCode;

pub fn run(args: ExportArgs) -> Result<ExitCode> {
    let destination = Destination::new(args.output.as_deref())?;
    if is_html(args.format.as_deref(), destination.path()) {
        return html(&args, &destination);
    }
    let target = rdf::Target::new(args.format.as_deref(), destination.path())?;
    let iris = Iris::new(&args.input.base)?;
    let (all, failures) = load::quads(&args.input)?;
    let mut quads = load::select(all, args.graphs, &iris);
    if args.no_text {
        quads = without_text(quads, &iris);
    }
    rdf::check_iris(&quads)?;
    let entity_ns = iris.entity_namespace();
    rdf::check_format(&quads, target.format, &entity_ns)?;
    destination.write(|out| rdf::write_target(&quads, target, &entity_ns, out))?;
    Ok(load::outcome(failures))
}

/// The quads without the articles' text (the `schema:text` of an article, not a claim's),
/// and the `void:triples` of the
/// dataset description lowered by what was left out, so the counts stay true: those of
/// each graph that lost its text, and the dataset's total.
fn without_text(quads: Vec<Quad>, iris: &Iris) -> Vec<Quad> {
    use nea_kg_core::vocab::{schema, void};
    let articles = iris.node("article/");
    let is_article = |s: &oxigraph::model::NamedOrBlankNode| match s {
        oxigraph::model::NamedOrBlankNode::NamedNode(n) => n
            .as_str()
            .strip_prefix(articles.as_str())
            .is_some_and(|id| !id.is_empty() && !id.contains('/')),
        _ => false,
    };
    let mut removed: HashMap<Term, i64> = HashMap::new();
    let mut kept: Vec<Quad> = quads
        .into_iter()
        .filter(|q| {
            let text = q.predicate.as_ref() == schema::TEXT && is_article(&q.subject);
            if text {
                if let GraphName::NamedNode(g) = &q.graph_name {
                    *removed.entry(g.clone().into()).or_default() += 1;
                }
            }
            !text
        })
        .collect();
    let total: i64 = removed.values().sum();
    removed.insert(iris.node("dataset").into(), total);
    for q in &mut kept {
        let less = removed.get(&Term::from(q.subject.clone()));
        if let (Some(less), true, Term::Literal(n)) =
            (less, q.predicate.as_ref() == void::TRIPLES, &q.object)
        {
            if let Ok(n) = n.value().parse::<i64>() {
                q.object = Literal::from(n - less).into();
            }
        }
    }
    kept
}

/// Whether the user asked for the HTML report: `--format html`, or an output file named
/// `.html` without `--format`.
fn is_html(format: Option<&str>, output: Option<&std::path::Path>) -> bool {
    match format {
        Some(f) => matches!(
            f.to_ascii_lowercase().as_str(),
            "html" | "htm" | "text/html"
        ),
        None => output
            .and_then(|p| p.extension())
            .is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm")),
    }
}

/// The report: built from the whole graph (--graphs does not apply), and written as
/// any export is.
fn html(args: &ExportArgs, destination: &Destination) -> Result<ExitCode> {
    if args.no_text {
        anyhow::bail!("--no-text and --format html: the report shows the article's text\n  leave out --no-text, or export RDF");
    }
    if args.graphs != crate::cli::GraphChoice::All {
        anyhow::bail!("--graphs and --format html: the report shows the whole graph\n  leave out --graphs, or export RDF");
    }
    let kg = Kg::load(&args.input)?;
    let graph = kg.graph.clone();
    let base = kg.iris.base().to_owned();
    let entity_ns = kg.iris.entity_namespace();
    let page = crate::sparql::guarded("export", None, move || {
        crate::view::report(&graph, &base, &entity_ns)
    })?;
    destination.write(|out| out.write_all(page.as_bytes()))?;
    Ok(kg.finish())
}
