//! `nea-kg completions SHELL` and `nea-kg man [COMMAND]`: the shell completion scripts
//! and the manual pages, made from the clap definitions of `cli` (so they say what the
//! binary accepts). Copies are shipped in docs/completions/ and docs/man/; a test checks
//! that they equal what these commands write.

use crate::cli::Cli;
use anyhow::{bail, Result};
use clap::CommandFactory;
use clap_complete::Shell;
use std::io::Write;
use std::process::ExitCode;

/// The shells, and the file name each one's script is shipped under in docs/completions/.
pub const SHELLS: [(Shell, &str); 5] = [
    (Shell::Bash, "nea-kg.bash"),
    (Shell::Zsh, "_nea-kg"),
    (Shell::Fish, "nea-kg.fish"),
    (Shell::PowerShell, "_nea-kg.ps1"),
    (Shell::Elvish, "nea-kg.elv"),
];

pub fn completions(shell: Shell) -> Result<ExitCode> {
    let mut text = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "nea-kg", &mut text);
    write_stdout(&text)
}

/// The commands that have a page of their own (all but `help`).
pub fn pages() -> Vec<String> {
    Cli::command()
        .get_subcommands()
        .map(|c| c.get_name().to_owned())
        .filter(|n| n != "help")
        .collect()
}

pub fn man(command: Option<&str>) -> Result<ExitCode> {
    let mut cli = Cli::command();
    // Built, so that each command's page lists the global options too.
    cli.build();
    let page = match command {
        None => cli.long_version(crate::cli::MAN_VERSION),
        Some(name) => match cli.find_subcommand(name) {
            Some(sub) if name != "help" => {
                let title = format!("nea-kg-{name}");
                sub.clone()
                    .name(title.clone())
                    .display_name(title.clone())
                    .bin_name(format!("nea-kg {name}"))
                    .version(env!("CARGO_PKG_VERSION"))
            }
            _ => bail!(
                "no command {}\n  give one of: {}",
                nea_kg_core::error::quoted(name),
                pages().join(", ")
            ),
        },
    };
    let mut text = Vec::new();
    clap_mangen::Man::new(page).render(&mut text)?;
    write_stdout(&text)
}

fn write_stdout(bytes: &[u8]) -> Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    out.write_all(bytes)?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
