//! The commands: each takes the parsed arguments, does its work, and returns a result;
//! `main` owns the exit policy.

use crate::cli::{Cli, Command, ExportArgs, GraphChoice, QueryArgs};
use crate::error::Error;
use crate::error::Result;
use crate::export;
use crate::kg::Kg;
use crate::mapping::Iris;
use crate::query;
use crate::shipped;
use oxigraph::model::{GraphName, Quad};
use std::io::Write;

pub fn run(cli: Cli) -> Result<()> {
    match cli.command {
        Command::Export(args) => export_cmd(args),
        Command::Query(args) => query_cmd(args),
        Command::Queries => queries_cmd(),
        Command::Describe(args) => crate::describe::run(args),
        Command::Push(args) => crate::push::run(args),
        Command::Validate(args) => crate::validate::run(args),
    }
}

fn export_cmd(args: ExportArgs) -> Result<()> {
    let target = export::Target::new(args.format.as_deref(), args.output.as_deref())?;
    let kg = Kg::load(&args.input)?;
    let iris = Iris::new(&kg.base)?;
    let quads = select_graphs(&kg.built.quads, args.graph, &iris);
    export::check_iris(&quads)?;
    let entity_ns = iris.entity_namespace();
    match &args.output {
        Some(path) => export::write_atomically(path, |file| {
            export::write_target(&quads, target, &entity_ns, file)
        }),
        None => {
            let stdout = std::io::stdout();
            export::write_target(&quads, target, &entity_ns, stdout.lock()).map_err(query::io)
        }
    }
}

/// The quads of the chosen graphs.
pub fn select_graphs(quads: &[Quad], choice: GraphChoice, iris: &Iris) -> Vec<Quad> {
    let ontology = GraphName::from(iris.ontology_graph());
    let metadata = GraphName::from(iris.metadata_graph());
    quads
        .iter()
        .filter(|q| match choice {
            GraphChoice::All => true,
            GraphChoice::Ontology => q.graph_name == ontology,
            GraphChoice::Metadata => q.graph_name == metadata,
            GraphChoice::Article => q.graph_name != ontology && q.graph_name != metadata,
        })
        .cloned()
        .collect()
}

fn query_cmd(args: QueryArgs) -> Result<()> {
    let format = args
        .format
        .as_deref()
        .map(query::parse_format)
        .transpose()?;
    let timeout = args
        .timeout
        .map(|t| {
            std::time::Duration::try_from_secs_f64(t)
                .ok()
                .filter(|d| !d.is_zero())
                .ok_or_else(|| {
                    Error::input(format!(
                        "invalid --timeout {t}: give a positive number of seconds"
                    ))
                })
        })
        .transpose()?;
    let mut text = query::resolve(&args.query)?;
    for binding in &args.bind {
        query::bind(&mut text, binding)?;
    }
    let kg = Kg::load(&args.input)?;
    let entity_ns = Iris::new(&kg.base)?.entity_namespace();
    let options = query::Options {
        format,
        timeout,
        base: kg.base.clone(),
        entity_ns,
    };
    let result = query::run_with_timeout(&kg.store, text, options);
    // The process ends here: freeing the store term by term would only delay the exit.
    std::mem::forget(kg);
    result
}

fn queries_cmd() -> Result<()> {
    let stdout = std::io::stdout();
    let mut w = std::io::BufWriter::new(stdout.lock());
    let width = shipped::all().map(|q| q.short().len()).max().unwrap_or(0);
    for q in shipped::all() {
        writeln!(w, "{:width$}  {}", q.short(), q.question()).map_err(query::io)?;
    }
    w.flush().map_err(query::io)
}
