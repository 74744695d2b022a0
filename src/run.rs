//! The commands: each takes the parsed arguments, does its work, and returns a result;
//! `main` owns the exit policy.

use crate::cli::{BuildArgs, Cli, Command, ExportArgs, GraphChoice, QueryArgs};
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
        Command::Build(args) => build_cmd(args),
    }
}

fn export_cmd(args: ExportArgs) -> Result<()> {
    let target = export::Target::new(args.format.as_deref(), args.output.as_deref())?;
    let iris = Iris::new(&args.input.base)?;
    let (all, failures) = Kg::quads(&args.input)?;
    let quads = select_graphs(&all, args.graph, &iris);
    drop(all);
    export::check_iris(&quads)?;
    let entity_ns = iris.entity_namespace();
    export::check_format(&quads, target.format, &entity_ns)?;
    match &args.output {
        Some(path) => export::write_atomically(path, |file| {
            export::write_target(&quads, target, &entity_ns, file)
        })?,
        None => {
            let stdout = std::io::stdout();
            export::write_target(&quads, target, &entity_ns, stdout.lock()).map_err(query::io)?
        }
    }
    Kg::finish(&failures)
}

/// `nea-kg build --store DIR`: a persistent store, written in a folder beside DIR and
/// renamed into place, so an interrupted build leaves nothing half-made.
#[cfg(feature = "rocksdb")]
fn build_cmd(args: BuildArgs) -> Result<()> {
    let dir = args.input.store.clone().ok_or_else(|| {
        Error::input("build: give the folder of the store with --store DIR".to_owned())
    })?;
    let name = dir.display().to_string();
    if dir.exists() {
        return Err(Error::input(format!(
            "{name}: already exists\n  remove it first, or give --store a new folder"
        )));
    }
    let (_, temp) = export::temp_beside(&dir, "building")?;
    let result = (|| {
        let store = oxigraph::store::Store::open(&temp)
            .map_err(|e| Error::input(format!("{name}: cannot create the store: {e}")))?;
        let mut loader = store.bulk_loader();
        let mut input = args.input;
        input.store = None;
        // Graphs are gathered into batches of about BATCH quads: fewer, larger sorted
        // files for RocksDB, and memory bounded by the batch, not by the corpus.
        const BATCH: usize = 50_000;
        let mut batch: Vec<oxigraph::model::Quad> = Vec::new();
        let fail =
            |e: oxigraph::store::StorageError| Error::input(format!("{name}: cannot load: {e}"));
        let summary = crate::kg::build_into(&input, &mut |quads| {
            batch.extend(quads);
            if batch.len() >= BATCH {
                loader
                    .load_quads(std::mem::take(&mut batch))
                    .map_err(fail)?;
            }
            Ok(())
        })?;
        loader.load_quads(batch).map_err(fail)?;
        loader.commit().map_err(fail)?;
        // The flush waits until RocksDB has compacted the ingested files enough not to
        // stall writes. It is a third of the build at N = 1000 and the reason the build
        // time grows faster than N, but without it the store keeps hundreds of
        // overlapping level-0 files and answers cq01 in 31 s instead of 1.2 s
        // (docs/performance.md).
        store
            .flush()
            .map_err(|e| Error::input(format!("{name}: cannot write: {e}")))?;
        drop(store);
        std::fs::rename(&temp, &dir)
            .map_err(|e| Error::input(format!("{name}: cannot move the store into place: {e}")))?;
        eprintln!(
            "built {name}: {} quads of {} article{}",
            summary.quads,
            summary.articles.len(),
            if summary.articles.len() == 1 { "" } else { "s" }
        );
        Ok(summary.failures)
    })();
    match result {
        Ok(failures) => Kg::finish(&failures),
        Err(e) => {
            let _ = std::fs::remove_dir_all(&temp);
            Err(e)
        }
    }
}

#[cfg(not(feature = "rocksdb"))]
fn build_cmd(args: BuildArgs) -> Result<()> {
    let dir = args
        .input
        .store
        .unwrap_or_else(|| std::path::PathBuf::from("DIR"));
    Err(crate::kg::without_rocksdb(&dir))
}

/// The quads of the chosen graphs.
pub fn select_graphs(quads: &[Quad], choice: GraphChoice, iris: &Iris) -> Vec<Quad> {
    let ontology = GraphName::from(iris.ontology_graph());
    let metadata = GraphName::from(iris.metadata_graph());
    let entities = GraphName::from(iris.entities_graph());
    quads
        .iter()
        .filter(|q| match choice {
            GraphChoice::All => true,
            GraphChoice::Ontology => q.graph_name == ontology,
            GraphChoice::Metadata => q.graph_name == metadata,
            GraphChoice::Entities => q.graph_name == entities,
            GraphChoice::Article => {
                q.graph_name != ontology && q.graph_name != metadata && q.graph_name != entities
            }
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
    let mut kg = Kg::load(&args.input)?;
    let entity_ns = Iris::new(&kg.base)?.entity_namespace();
    let options = query::Options {
        format,
        timeout,
        base: kg.base.clone(),
        entity_ns,
    };
    let result = query::run_with_timeout(&kg.store, text, options);
    let failures = std::mem::take(&mut kg.failures);
    // The process ends here: freeing the store term by term would only delay the exit.
    std::mem::forget(kg);
    result?;
    Kg::finish(&failures)
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
