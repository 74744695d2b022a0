//! The binary: parse the command line, run the command, and turn the outcome into an
//! exit status (0 success, 1 validation failures, 2 usage or input errors). An error
//! prints once, on stderr; a closed stdout is success, as it is for `head`'s writer.

use clap::{CommandFactory, Parser};
use nea_kg::cli::Cli;
use std::process::ExitCode;

#[global_allocator]
static ALLOCATOR: nea_kg::limits::Counting = nea_kg::limits::Counting;

fn main() -> ExitCode {
    nea_kg::cleanup::install();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        // Help and the version go to stdout as clap writes them. A usage error quotes
        // the arguments, which may come from anywhere: it is shown as plain text, with
        // control characters and bidirectional marks escaped like every other message.
        Err(e) if e.use_stderr() => {
            // Rendered again without styles, so that the text holds the arguments as
            // they were given (clap's plain rendering drops escape sequences unseen).
            let plain = Cli::command()
                .styles(clap::builder::Styles::plain())
                .try_get_matches()
                .err()
                .unwrap_or(e);
            nea_kg::terminal::message(plain.render().ansi().to_string().trim_end());
            return ExitCode::from(2);
        }
        Err(e) => {
            let _ = e.print();
            return ExitCode::SUCCESS;
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
