//! The commands, one module each: each takes its parsed arguments (clap did the
//! parsing), calls the layers below (load, sparql, output), and returns the exit status
//! of its outcome, or an error. `main` owns the exit policy.

mod build;
mod coverage;
mod describe;
mod draft;
mod export;
mod push;
mod queries;
mod query;
mod serve;
mod validate;

use crate::cli::{Cli, Command, InputArgs};
use crate::limits;
use anyhow::{anyhow, Result};
use std::process::ExitCode;

pub use query::{bind, resolve, QueryText};

pub fn run(cli: Cli) -> Result<ExitCode> {
    if let Some(input) = cli.command.input() {
        memory_bound(input)?;
    }
    match cli.command {
        Command::Export(args) => export::run(args),
        Command::Query(args) => query::run(args),
        Command::Queries => queries::run(),
        Command::Describe(args) => describe::run(args),
        Command::Push(args) => push::run(args),
        Command::Validate(args) => validate::run(args),
        Command::Build(args) => build::run(args),
        Command::Serve(args) => serve::run(args),
        Command::Draft(args) => draft::run(args),
        Command::Coverage(args) => coverage::run(args),
    }
}

/// Sets the memory bound from `--max-memory`, or the default.
fn memory_bound(input: &InputArgs) -> Result<()> {
    let bytes = match &input.max_memory {
        Some(text) => limits::parse_size(text).ok_or_else(|| {
            anyhow!("invalid --max-memory {text:?}: give a size such as 512M, 4G or 16GiB")
        })?,
        None => limits::default_memory(),
    };
    limits::set_memory(bytes);
    Ok(())
}
