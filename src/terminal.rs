//! What reaches a terminal. Labels, quotes, literals, file names and a store's error body
//! come from data the user may not control: an escape sequence in them could move the
//! cursor, retitle the window or hide text, and a bidirectional override could make a
//! line read differently from what it is. Everything printed for people (the table, the
//! card, the messages on stderr) goes through `visible`, which shows such characters as
//! `\u{…}` escapes. Data formats (CSV, TSV, JSON, XML, RDF) keep the exact data.
//!
//! Every message goes through one of three macros, by what it is: `say!` for errors
//! (always shown), `note!` for what a run did (hidden by `-q`), `explain!` for what is
//! loaded from where (shown by `-v`). The level is set once, by `commands::run`.

use std::borrow::Cow;
use std::sync::atomic::{AtomicU8, Ordering};

/// How much a run says on stderr.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    /// `-q`: errors only.
    Quiet = 0,
    /// Errors, and what a run did (a summary, a server's address, a note).
    Normal = 1,
    /// `-v`: also what is loaded from where.
    Verbose = 2,
}

static LEVEL: AtomicU8 = AtomicU8::new(Level::Normal as u8);

/// Sets the level for the rest of the run.
pub fn set_level(level: Level) {
    LEVEL.store(level as u8, Ordering::Relaxed);
}

/// Whether messages of this level are shown.
pub fn shows(level: Level) -> bool {
    LEVEL.load(Ordering::Relaxed) >= level as u8
}

/// Is this character unsafe to print raw: a control character (C0 but line feed and
/// tab, DEL, C1), or an invisible character that reorders or hides text (bidirectional
/// marks, overrides and isolates, and the zero-width format characters).
pub fn is_unsafe(c: char) -> bool {
    match c {
        '\n' | '\t' => false,
        c if c.is_control() => true,
        '\u{061C}'
        | '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2069}' => true,
        '\u{FEFF}' => true,
        _ => false,
    }
}

/// The text with every unsafe character shown as a `\u{…}` escape, and backslashes left
/// as they are (an escape is only ever made by this function, so what it shows is what
/// the data holds: `\u{1b}` in the output is one ESC character in the data).
pub fn visible(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if is_unsafe(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// One line for a table cell: line breaks and tabs become spaces, then `visible`.
pub fn one_line(s: &str) -> String {
    visible(&s.replace(['\n', '\t', '\r'], " ")).into_owned()
}

/// Writes a message to stderr, never panicking when stderr is closed or full.
pub fn message(text: &str) {
    use std::io::Write;
    let mut err = std::io::stderr().lock();
    let _ = writeln!(err, "{}", visible(text));
}

/// An error (or the line of a report that ends in one): `eprintln!` that survives a
/// closed stderr and shows unsafe characters escaped. Always shown, even with `-q`.
#[macro_export]
macro_rules! say {
    ($($arg:tt)*) => {
        $crate::terminal::message(&format!($($arg)*))
    };
}

/// What a run did (a summary, a notice): as `say!`, but hidden by `-q`.
#[macro_export]
macro_rules! note {
    ($($arg:tt)*) => {
        if $crate::terminal::shows($crate::terminal::Level::Normal) {
            $crate::terminal::message(&format!($($arg)*))
        }
    };
}

/// What is loaded from where: as `say!`, but shown only with `-v`.
#[macro_export]
macro_rules! explain {
    ($($arg:tt)*) => {
        if $crate::terminal::shows($crate::terminal::Level::Verbose) {
            $crate::terminal::message(&format!("nea-kg: {}", format!($($arg)*)))
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_overrides_are_shown_not_obeyed() {
        assert_eq!(visible("plain — 中国"), "plain — 中国");
        assert_eq!(visible("a\u{1b}[31mred"), "a\\u{1b}[31mred");
        assert_eq!(visible("\u{1b}]0;title\u{7}"), "\\u{1b}]0;title\\u{7}");
        assert_eq!(visible("abc\u{202e}fed"), "abc\\u{202e}fed");
        assert_eq!(visible("x\u{9b}y\u{7f}"), "x\\u{9b}y\\u{7f}");
        assert_eq!(visible("two\nlines\tand tab"), "two\nlines\tand tab");
        assert_eq!(one_line("a\nb\r\u{1b}"), "a b \\u{1b}");
    }
}
