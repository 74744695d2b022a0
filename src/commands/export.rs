//! `nea-kg export`: the graph (or some of its graphs) in an RDF format, sorted and
//! byte-stable, to stdout or atomically to a file.

use crate::cli::ExportArgs;
use crate::load;
use crate::output::file::Destination;
use crate::output::rdf;
use anyhow::Result;
use nea_kg_core::Iris;
use std::process::ExitCode;

pub fn run(args: ExportArgs) -> Result<ExitCode> {
    let destination = Destination::new(args.output.as_deref())?;
    let target = rdf::Target::new(args.format.as_deref(), destination.path())?;
    let iris = Iris::new(&args.input.base)?;
    let (all, failures) = load::quads(&args.input)?;
    let quads = load::select(all, args.graphs, &iris);
    rdf::check_iris(&quads)?;
    let entity_ns = iris.entity_namespace();
    rdf::check_format(&quads, target.format, &entity_ns)?;
    destination.write(|out| rdf::write_target(&quads, target, &entity_ns, out))?;
    Ok(load::outcome(failures))
}
