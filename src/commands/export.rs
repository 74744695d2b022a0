//! `nea-kg export`: the graph (or some of its graphs) in an RDF format, sorted and
//! byte-stable, to stdout or atomically to a file; or, with `--format html`, a report
//! for people: the article with its evidence and every resource's card, in one file.
//! `--no-text` leaves the articles' text out, and the dataset description's triple
//! counts say so.

use crate::cli::ExportArgs;
use crate::load::{self, Kg};
use crate::output::file::Destination;
use crate::output::rdf;
use crate::output::spill::Spill;
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
    if !load::is_embedded_default(&args.input) {
        return spilled(&args, target, &destination, &iris);
    }
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

/// RDF of a corpus or a store, in any format, written with one graph in
/// memory at a time: the graphs are built (or read) and set aside in a temporary file,
/// then read back graph by graph in the order of their names, sorted and written (a
/// dataset format), or sorted into runs that are merged (a triple format, the union).
/// The bytes are those of the export that holds every quad at once.
fn spilled(
    args: &ExportArgs,
    target: rdf::Target,
    destination: &Destination,
    iris: &Iris,
) -> Result<ExitCode> {
    let mut spilled = Spilled::new(args, target, iris)?;
    destination.write(|out| spilled.write(target, out))?;
    Ok(load::outcome(spilled.failures))
}

/// The message when the graphs cannot be set aside: the temporary folder is full or
/// cannot be written.
const ROOM: &str = "cannot write the temporary file of the export\n  an export sets every graph aside in the temporary folder first (about the size of the output): free space there, or set TMPDIR to a folder with room";

/// A graph set aside for export, with what the writing needs besides the quads.
struct Spilled {
    spill: Spill,
    prefixes: rdf::Prefixes,
    entity_ns: String,
    /// With --no-text: the text quads each graph lost, and the dataset's total.
    removed: HashMap<Term, i64>,
    failures: usize,
}

impl Spilled {
    /// Builds (or reads) the graphs that --graphs chooses, without the text under
    /// --no-text, checked (for the format too: RDF/XML cannot hold every character),
    /// and sets them aside.
    fn new(args: &ExportArgs, target: rdf::Target, iris: &Iris) -> Result<Self> {
        use anyhow::Context;
        let entity_ns = iris.entity_namespace();
        let mut spill = Spill::new().context(ROOM)?;
        let mut prefixes = rdf::Prefixes::new(&entity_ns);
        let mut removed: HashMap<Term, i64> = HashMap::new();
        let failures = load::each_graph_anywhere(&args.input, &mut |quads| {
            let mut quads = load::select(quads, args.graphs, iris);
            if args.no_text {
                quads = strip_text(quads, iris, &mut removed);
            }
            rdf::check_iris(&quads)?;
            rdf::check_format(&quads, target.format, &entity_ns)?;
            prefixes.note(&quads);
            spill.add(&quads).context(ROOM)
        })?;
        if args.no_text {
            let total: i64 = removed.values().sum();
            removed.insert(iris.node("dataset").into(), total);
        }
        Ok(Self {
            spill,
            prefixes,
            entity_ns,
            removed,
            failures,
        })
    }

    fn write(&mut self, target: rdf::Target, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        let removed = &self.removed;
        let adjust = |quads: &mut Vec<Quad>| lower_counts(quads, removed);
        rdf::write_spilled(
            &mut self.spill,
            &self.prefixes,
            target,
            &self.entity_ns,
            &adjust,
            out,
        )
    }
}

/// The quads without the articles' text (the `schema:text` of an article, not a claim's),
/// and the `void:triples` of the
/// dataset description lowered by what was left out, so the counts stay true: those of
/// each graph that lost its text, and the dataset's total.
fn without_text(quads: Vec<Quad>, iris: &Iris) -> Vec<Quad> {
    let mut removed: HashMap<Term, i64> = HashMap::new();
    let mut kept = strip_text(quads, iris, &mut removed);
    let total: i64 = removed.values().sum();
    removed.insert(iris.node("dataset").into(), total);
    lower_counts(&mut kept, &removed);
    kept
}

/// The quads without the articles' text, counting in `removed` what each graph lost.
fn strip_text(quads: Vec<Quad>, iris: &Iris, removed: &mut HashMap<Term, i64>) -> Vec<Quad> {
    use nea_kg_core::vocab::schema;
    let articles = iris.node("article/");
    let is_article = |s: &oxigraph::model::NamedOrBlankNode| match s {
        oxigraph::model::NamedOrBlankNode::NamedNode(n) => n
            .as_str()
            .strip_prefix(articles.as_str())
            .is_some_and(|id| !id.is_empty() && !id.contains('/')),
        _ => false,
    };
    quads
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
        .collect()
}

/// The `void:triples` of the dataset description lowered by what `removed` says each
/// graph (and the dataset, under its own IRI) lost.
fn lower_counts(quads: &mut [Quad], removed: &HashMap<Term, i64>) {
    use nea_kg_core::vocab::void;
    for q in quads {
        let less = removed.get(&Term::from(q.subject.clone()));
        if let (Some(less), true, Term::Literal(n)) =
            (less, q.predicate.as_ref() == void::TRIPLES, &q.object)
        {
            if let Ok(n) = n.value().parse::<i64>() {
                q.object = Literal::from(n - less).into();
            }
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::{GraphChoice, InputArgs};

    /// A spilled export is the export of every quad at once, byte for byte: every RDF
    /// format (JSON-LD as the union and as a dataset), gzipped or not, every graph or one kind, with or without the
    /// text.
    #[test]
    fn a_spilled_export_is_the_export_of_every_quad_at_once() {
        let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/corpus");
        let input = InputArgs {
            article: Vec::new(),
            facts: Vec::new(),
            entities: Vec::new(),
            no_default_entities: false,
            corpus: Some(corpus),
            keep_going: false,
            store: None,
            base: nea_kg_core::DEFAULT_BASE.to_owned(),
            max_memory: None,
        };
        let iris = Iris::new(&input.base).unwrap();
        let (all, _) = load::quads(&input).unwrap();
        for graphs in [
            GraphChoice::All,
            GraphChoice::Entities,
            GraphChoice::Article,
        ] {
            for no_text in [false, true] {
                for (format, gzip, jsonld_dataset) in [
                    ("nq", false, false),
                    ("trig", false, false),
                    ("nq", true, false),
                    ("nt", false, false),
                    ("ttl", true, false),
                    ("rdf", false, false),
                    ("jsonld", false, false),
                    ("jsonld", true, false),
                    ("jsonld", false, true),
                ] {
                    let target = rdf::Target {
                        format: rdf::parse_format(format).unwrap(),
                        gzip,
                        jsonld_dataset,
                    };
                    let mut quads = load::select(all.clone(), graphs, &iris);
                    if no_text {
                        quads = without_text(quads, &iris);
                    }
                    let mut at_once = Vec::new();
                    rdf::write_target(&quads, target, &iris.entity_namespace(), &mut at_once)
                        .unwrap();
                    let args = ExportArgs {
                        format: None,
                        graphs,
                        output: None,
                        no_text,
                        input: input.clone(),
                    };
                    let mut spilled = Vec::new();
                    Spilled::new(&args, target, &iris)
                        .unwrap()
                        .write(target, &mut spilled)
                        .unwrap();
                    assert!(at_once.len() > 1000, "{graphs:?} {format}");
                    assert!(
                        at_once == spilled,
                        "{graphs:?} no_text={no_text} {format} gzip={gzip} dataset={jsonld_dataset}"
                    );
                }
            }
        }
    }
}
