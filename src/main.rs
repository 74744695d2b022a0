//! The binary: parse the command line, run, and turn the outcome into an exit status
//! (0 success, 1 validation failures, 2 usage or input errors). Errors print once, on
//! stderr; a closed stdout is success.

use clap::Parser;
use nea_kg::cli::Cli;
use nea_kg::error::ExitCode;

fn main() {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() {
                ExitCode::Input
            } else {
                ExitCode::Success
            };
            let _ = e.print();
            std::process::exit(code as i32);
        }
    };
    if let Err(e) = nea_kg::run::run(cli) {
        if !e.message.is_empty() {
            eprintln!("error: {}", e.message);
        }
        std::process::exit(e.code as i32);
    }
}
