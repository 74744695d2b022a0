//! `nea-kg serve`: checks the address, loads the graph once, and hands both to
//! `serve`, which answers until SIGINT or SIGTERM.

use crate::cli::ServeArgs;
use crate::load::Kg;
use crate::serve::{self, Config};
use anyhow::Result;
use std::process::ExitCode;

pub fn run(args: ServeArgs) -> Result<ExitCode> {
    let timeout = super::query::positive_seconds(args.timeout)?;
    let listener = serve::listen(&args.bind, args.allow_remote)?;
    let kg = Kg::load(&args.input)?;
    let failures = kg.failures;
    let config = Config {
        cors: args.cors,
        timeout,
        remote: args.allow_remote,
    };
    serve::run(listener, kg, config)?;
    Ok(crate::load::outcome(failures))
}
