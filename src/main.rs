//! The binary: parse the command line, run the command, and turn the outcome into an
//! exit status (0 success, 1 validation failures, 2 usage or input errors). An error
//! prints once, on stderr; a closed stdout is success, as it is for `head`'s writer.

use clap::Parser;
use nea_kg::cli::Cli;
use std::process::ExitCode;

#[global_allocator]
static ALLOCATOR: nea_kg::limits::Counting = nea_kg::limits::Counting;

fn main() -> ExitCode {
    nea_kg::cleanup::install();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    match nea_kg::commands::run(cli) {
        Ok(code) => code,
        Err(e) if nea_kg::is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            nea_kg::say!("error: {}", nea_kg::render(&e));
            ExitCode::from(2)
        }
    }
}
