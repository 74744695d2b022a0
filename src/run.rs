//! The commands: each takes the parsed arguments, does its work, and returns a result;
//! `main` owns the exit policy.

use crate::cli::{Cli, Command, ExportArgs, QueryArgs};
use crate::error::Result;
use crate::export;
use crate::kg::Kg;
use crate::mapping::Iris;
use crate::query;
use oxigraph::io::RdfFormat;
use std::io::Write;

pub fn run(cli: Cli) -> Result<()> {
    match cli.command {
        Command::Export(args) => export_cmd(args),
        Command::Query(args) => query_cmd(args),
    }
}

fn export_cmd(args: ExportArgs) -> Result<()> {
    let format = match (&args.format, &args.output) {
        (Some(f), _) => export::parse_format(f)?,
        (None, Some(path)) => export::format_of_path(path)?,
        (None, None) => RdfFormat::Turtle,
    };
    let kg = Kg::load(&args.input)?;
    let entity_ns = Iris::new(&kg.base)?.entity_namespace();
    let quads = &kg.built.quads;
    match &args.output {
        Some(path) => export::write_atomically(path, |file| {
            let mut w = std::io::BufWriter::new(file);
            export::write(quads, format, &entity_ns, &mut w)?;
            w.flush()
        }),
        None => {
            let stdout = std::io::stdout();
            let mut w = std::io::BufWriter::new(stdout.lock());
            export::write(quads, format, &entity_ns, &mut w).map_err(query::io)?;
            w.flush().map_err(query::io)
        }
    }
}

fn query_cmd(args: QueryArgs) -> Result<()> {
    let format = args
        .format
        .as_deref()
        .map(query::parse_format)
        .transpose()?;
    let (name, text) = query::query_text(&args.query)?;
    let kg = Kg::load(&args.input)?;
    let entity_ns = Iris::new(&kg.base)?.entity_namespace();
    let stdout = std::io::stdout();
    let mut w = std::io::BufWriter::new(stdout.lock());
    let result = query::run(&kg.store, &name, &text, format, &entity_ns, &mut w);
    // The process ends here: freeing the store term by term would only delay the exit.
    std::mem::forget(kg);
    result
}
