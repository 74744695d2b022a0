//! The commands, one module each: each takes its parsed arguments (clap did the
//! parsing), calls the layers below (load, sparql, output), and returns the exit status
//! of its outcome, or an error. `main` owns the exit policy.

mod build;
mod describe;
mod export;
pub mod manual;
mod push;
mod queries;
mod query;
mod serve;
mod validate;

use crate::cli::{Cli, Command, InputArgs};
use crate::limits;
use anyhow::{anyhow, bail, Result};
use std::process::ExitCode;

pub use query::{bind, resolve, QueryText};

pub fn run(cli: Cli) -> Result<ExitCode> {
    use crate::terminal::{set_level, Level};
    set_level(match (cli.quiet, cli.verbose) {
        (true, _) => Level::Quiet,
        (false, true) => Level::Verbose,
        (false, false) => Level::Normal,
    });
    one_stdin(&cli.command)?;
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
        Command::Completions(args) => manual::completions(args.shell),
        Command::Man(args) => manual::man(args.command.as_deref()),
    }
}

/// Refuses a run that would read standard input twice: at most one input is `-`.
fn one_stdin(command: &Command) -> Result<()> {
    let mut uses: Vec<&str> = Vec::new();
    let dash = |p: &std::path::Path| crate::load::is_stdin(p);
    if let Some(input) = command.input() {
        uses.extend(
            input
                .article
                .iter()
                .filter(|p| dash(p))
                .map(|_| "--article"),
        );
        uses.extend(input.facts.iter().filter(|p| dash(p)).map(|_| "--facts"));
        uses.extend(
            input
                .entities
                .iter()
                .filter(|p| dash(p))
                .map(|_| "--entities"),
        );
        if input.corpus.as_deref().is_some_and(dash) {
            bail!("--corpus -: a corpus is a folder, not standard input\n  give the folder's path");
        }
        if input.store.as_deref().is_some_and(dash) {
            bail!("--store -: a store is a folder, not standard input\n  give the folder's path");
        }
    }
    match command {
        Command::Validate(a) => {
            uses.extend(a.data.as_deref().filter(|p| dash(p)).map(|_| "--data"));
            uses.extend(a.shapes.as_deref().filter(|p| dash(p)).map(|_| "--shapes"));
        }
        Command::Query(a) if a.query == "-" => uses.push("the query"),
        Command::Push(a) => {
            uses.extend(a.cacert.as_deref().filter(|p| dash(p)).map(|_| "--cacert"));
        }
        _ => {}
    }
    if uses.len() > 1 {
        bail!(
            "{} all read standard input (-), which can be read once\n  give at most one of them as -, and the others as files",
            uses.join(", ")
        );
    }
    Ok(())
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
