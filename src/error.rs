//! The error type of the command layer: every failure carries the exit status it
//! deserves (1 for a graph that does not validate, 2 for bad usage or bad input), and a
//! message that names the file, the line and what to do.

use std::fmt;

/// Exit statuses, as documented in the README and `docs/errors.md`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitCode {
    /// The command did what was asked.
    Success = 0,
    /// The graph does not conform (validation failures).
    Validation = 1,
    /// Bad usage or bad input: nothing was produced.
    Input = 2,
}

/// An error with a user-facing message and an exit status.
#[derive(Debug)]
pub struct Error {
    pub code: ExitCode,
    pub message: String,
}

impl Error {
    /// Bad input or usage: exit status 2.
    pub fn input(message: impl Into<String>) -> Self {
        Self {
            code: ExitCode::Input,
            message: message.into(),
        }
    }

    /// Validation failures: exit status 1.
    pub fn validation(message: impl Into<String>) -> Self {
        Self {
            code: ExitCode::Validation,
            message: message.into(),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Turns any error into an input error with context in front of it.
pub trait Context<T> {
    fn context(self, what: impl FnOnce() -> String) -> Result<T>;
}

impl<T, E: fmt::Display> Context<T> for std::result::Result<T, E> {
    fn context(self, what: impl FnOnce() -> String) -> Result<T> {
        self.map_err(|e| Error::input(format!("{}: {e}", what())))
    }
}

/// The 1-based line and column of a byte offset in `source`.
pub fn line_col(source: &str, byte: usize) -> (usize, usize) {
    let byte = byte.min(source.len());
    let before = &source[..floor_char_boundary(source, byte)];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

impl Error {
    /// The reader went away (`nea-kg export | head -1`): not an error, exit 0 quietly.
    pub fn broken_pipe() -> Self {
        Self {
            code: ExitCode::Success,
            message: String::new(),
        }
    }
}
