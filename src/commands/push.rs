//! `nea-kg push`: the graph into a triple store over the SPARQL 1.1 Graph Store HTTP
//! Protocol (the client is `crate::gsp`).

use crate::cli::PushArgs;
use anyhow::Result;
use std::process::ExitCode;

pub fn run(args: PushArgs) -> Result<ExitCode> {
    crate::gsp::push(args)
}
