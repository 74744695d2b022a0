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

/// The longest piece of user text that a message quotes whole, in characters.
pub const SHOWN_CHARS: usize = 200;
/// How much of a longer piece a message shows, in characters.
const SHOWN_HEAD: usize = 160;
/// How many items of a list a message shows before it counts the rest.
pub const SHOWN_ITEMS: usize = 5;

/// User text (a quote, a headline, an id, a name, a passage) as every message shows
/// it: in double quotes, escaped as Rust's `{:?}` escapes it, and beyond
/// `SHOWN_CHARS` characters cut to its start, an ellipsis and its length, as in
/// `"Japan and the…" (20,000 characters)`. A message stays short whatever the input.
pub fn quoted(text: &str) -> String {
    match cut(text) {
        None => format!("{text:?}"),
        Some((head, length)) => format!(
            "{:?} ({} characters)",
            format!("{head}…"),
            thousands(length)
        ),
    }
}

/// User text shown as it is, without quotes (inside a passage of the article):
/// beyond `SHOWN_CHARS` characters, its start, an ellipsis and its length.
pub fn shortened(text: &str) -> String {
    match cut(text) {
        None => text.to_owned(),
        Some((head, length)) => format!("{head}… ({} characters)", thousands(length)),
    }
}

/// The message of another parser (TOML's, RDF's), which quotes the input as it is
/// (`invalid type: string "…", expected i64`, ``unknown field `…` ``): every part in
/// double quotes or backquotes longer than `SHOWN_CHARS` characters is cut as
/// `quoted` cuts it; the rest of the message is kept, and a short one is unchanged.
pub fn cut_quoted_parts(message: &str) -> String {
    let mut out = String::with_capacity(message.len().min(1_000));
    let mut rest = message;
    while let Some(open) = rest.find(['"', '`']) {
        let delimiter = char::from(rest.as_bytes()[open]);
        out.push_str(&rest[..=open]);
        let body = &rest[open + 1..];
        let mut escaped = false;
        let close = body.char_indices().find_map(|(i, c)| {
            let found = c == delimiter && !escaped;
            escaped = delimiter == '"' && c == '\\' && !escaped;
            found.then_some(i)
        });
        let Some(close) = close else {
            out.push_str(&shortened(body));
            return out;
        };
        match cut(&body[..close]) {
            None => {
                out.push_str(&body[..=close]);
            }
            Some((head, length)) => {
                out.push_str(head);
                out.push('…');
                out.push(delimiter);
                out.push_str(&format!(" ({} characters)", thousands(length)));
            }
        }
        rest = &body[close + 1..];
    }
    out.push_str(rest);
    out
}

/// The start of a text longer than `SHOWN_CHARS` characters, and its length.
fn cut(text: &str) -> Option<(&str, usize)> {
    text.char_indices().nth(SHOWN_CHARS)?;
    let end = text
        .char_indices()
        .nth(SHOWN_HEAD)
        .map_or(text.len(), |(i, _)| i);
    Some((&text[..end], text.chars().count()))
}

/// The line that ends a list cut to its first `shown` of `total` items:
/// `… and 3,995 more`; none when nothing was left out.
pub fn and_more(shown: usize, total: usize) -> Option<String> {
    (total > shown).then(|| format!("… and {} more", thousands(total - shown)))
}

/// A count with a comma between thousands: 4,000.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_text_is_quoted_whole() {
        assert_eq!(quoted("NATO"), "\"NATO\"");
        assert_eq!(quoted("a \"b\"\n"), "\"a \\\"b\\\"\\n\"");
        let limit = "é".repeat(SHOWN_CHARS);
        assert_eq!(quoted(&limit), format!("{limit:?}"));
        assert_eq!(shortened(&limit), limit);
    }

    #[test]
    fn long_text_is_cut_with_its_length() {
        let long = "é".repeat(20_000);
        let head = "é".repeat(SHOWN_HEAD);
        assert_eq!(quoted(&long), format!("\"{head}…\" (20,000 characters)"));
        assert_eq!(shortened(&long), format!("{head}… (20,000 characters)"));
    }

    #[test]
    fn long_parts_of_a_parser_message_are_cut() {
        let short = "unknown field `quotes`, expected one of `id`, `label`, `subject`, `predicate`, `object`, `value`, `date`, `date_inferred`, `place`, `ordinal`, `role`, `participants`, `concerns`, `part_of`, `outcome`";
        assert_eq!(cut_quoted_parts(short), short);
        let escaped = "invalid type: string \"a \\\" b\", expected i64";
        assert_eq!(cut_quoted_parts(escaped), escaped);
        let x = "x".repeat(300);
        let head = "x".repeat(SHOWN_HEAD);
        assert_eq!(
            cut_quoted_parts(&format!("invalid type: string \"{x}\", expected i64")),
            format!("invalid type: string \"{head}…\" (300 characters), expected i64")
        );
        assert_eq!(
            cut_quoted_parts(&format!("unknown field `{x}`, expected one of `id`")),
            format!("unknown field `{head}…` (300 characters), expected one of `id`")
        );
        assert_eq!(
            cut_quoted_parts(&format!("unclosed \"{x}")),
            format!("unclosed \"{head}… (300 characters)")
        );
    }

    #[test]
    fn lists_count_what_they_leave_out() {
        assert_eq!(and_more(5, 5), None);
        assert_eq!(and_more(5, 4_000).as_deref(), Some("… and 3,995 more"));
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_000), "1,000");
        assert_eq!(thousands(2_000_000), "2,000,000");
    }
}
