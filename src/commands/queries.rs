//! `nea-kg queries`: the shipped queries and the questions they answer.

use crate::shipped;
use anyhow::Result;
use std::io::Write;
use std::process::ExitCode;

pub fn run() -> Result<ExitCode> {
    let stdout = std::io::stdout();
    let mut w = std::io::BufWriter::new(stdout.lock());
    let width = shipped::all().map(|q| q.short().len()).max().unwrap_or(0);
    for q in shipped::all() {
        writeln!(w, "{:width$}  {}", q.short(), q.question())?;
    }
    w.flush()?;
    Ok(ExitCode::SUCCESS)
}
