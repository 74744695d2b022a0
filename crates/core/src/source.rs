//! A text with the name it is reported under in messages, and the arithmetic that turns
//! byte offsets into the lines and columns an error names.

/// A text with the name it is reported under in messages (a path, or `<embedded>/…`).
#[derive(Debug, Clone)]
pub struct Source {
    pub name: String,
    pub text: String,
}

impl Source {
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            text: text.into(),
        }
    }

    /// The 1-based line of a byte offset, for messages.
    pub fn line_at(&self, byte: usize) -> usize {
        line_col(&self.text, byte).0
    }

    /// The 1-based line of a spanned TOML value's start.
    pub fn line<T>(&self, spanned: &toml::Spanned<T>) -> usize {
        self.line_at(spanned.span().start)
    }
}

/// The 1-based line and column (in characters) of a byte offset in `source`.
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns_count_from_one_in_characters() {
        assert_eq!(line_col("ab\ncd", 0), (1, 1));
        assert_eq!(line_col("ab\ncd", 4), (2, 2));
        assert_eq!(line_col("é\nx", 1), (1, 1));
        assert_eq!(line_col("ab", 99), (1, 3));
    }
}
