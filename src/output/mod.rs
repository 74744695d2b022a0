//! Output: RDF files (`rdf`), query results in the standard formats (`results`), the
//! table for people (`table`), and files written atomically (`file`).

pub mod file;
pub mod jsonld;
pub mod rdf;
pub mod results;
pub mod spill;
pub mod table;

/// User text for a message, at most `limit` characters: longer text is cut, with an
/// ellipsis and its length, so a message never quotes a whole file.
pub fn shorten(text: &str, limit: usize) -> String {
    let count = text.chars().count();
    if count <= limit {
        return text.to_owned();
    }
    let head: String = text.chars().take(limit).collect();
    format!("{head}… ({count} characters)")
}

/// Turns a write error of a serializer (`serde_json`) into the I/O error it wraps, so a
/// closed pipe is recognised as one.
pub fn json_io(e: serde_json::Error) -> std::io::Error {
    if e.is_io() {
        std::io::Error::from(e)
    } else {
        std::io::Error::other(e)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn long_text_is_cut_with_its_length() {
        assert_eq!(super::shorten("short", 10), "short");
        assert_eq!(super::shorten("abcdefghij", 4), "abcd… (10 characters)");
    }
}
