//! The aligned table `query` prints for people: entities by their English label, other
//! IRIs by a prefixed name, literals without their datatypes, numbers aligned right,
//! long cells wrapped to the terminal's width, and nothing that a terminal would obey
//! (control characters and bidirectional overrides are shown escaped).

use crate::index::Graph;
use nea_kg_core::vocab::{self, rdfs};
use oxigraph::model::{NamedNodeRef, Term};
use std::collections::HashMap;
use std::io::Write;

/// How a table names IRIs: an entity by its English label, an article by its headline,
/// other IRIs by a prefixed name where one fits.
pub struct Names {
    labels: HashMap<String, String>,
    entity_ns: String,
}

impl Names {
    pub fn new<'a>(graph: &Graph, entity_ns: &str, terms: impl Iterator<Item = &'a Term>) -> Self {
        let mut labels = HashMap::new();
        let articles = format!(
            "{}article/",
            entity_ns.strip_suffix("id/").unwrap_or(entity_ns)
        );
        let labelled = |iri: &str| {
            iri.starts_with(entity_ns)
                || iri
                    .strip_prefix(&articles)
                    .is_some_and(|id| !id.is_empty() && !id.contains('/'))
        };
        for term in terms {
            if let Term::NamedNode(n) = term {
                if labels.contains_key(n.as_str()) || !labelled(n.as_str()) {
                    continue;
                }
                if let Some(label) = english_label(graph, n.as_ref()) {
                    labels.insert(n.as_str().to_owned(), label);
                }
            }
        }
        Self {
            labels,
            entity_ns: entity_ns.to_owned(),
        }
    }

    pub fn display(&self, term: &Term) -> String {
        match term {
            Term::NamedNode(n) => match self.labels.get(n.as_str()) {
                Some(label) => label.clone(),
                None => compact(n.as_str(), &self.entity_ns),
            },
            Term::Literal(l) => l.value().to_owned(),
            Term::BlankNode(b) => format!("_:{}", b.as_str()),
        }
    }
}

/// The English `rdfs:label` of a resource, if it has one.
pub fn english_label(graph: &Graph, node: NamedNodeRef<'_>) -> Option<String> {
    graph
        .quads_for_pattern(Some(node.into()), Some(rdfs::LABEL), None, None)
        .ok()?
        .into_iter()
        .find_map(|q| match q.object {
            Term::Literal(l) if l.language().is_none_or(|t| t.eq_ignore_ascii_case("en")) => {
                Some(l.value().to_owned())
            }
            _ => None,
        })
}

/// An IRI shortened with a known prefix, or in angle brackets.
pub fn compact(iri: &str, entity_ns: &str) -> String {
    if let Some(local) = iri.strip_prefix(entity_ns) {
        return format!("kg:{local}");
    }
    for (prefix, ns) in vocab::PREFIXES {
        if let Some(local) = iri.strip_prefix(ns) {
            if !local.is_empty() && !local.contains('/') {
                return format!("{prefix}:{local}");
            }
        }
    }
    format!("<{iri}>")
}

fn is_numeric(term: &Term) -> bool {
    use oxigraph::model::vocab::xsd;
    matches!(term, Term::Literal(l) if [xsd::INTEGER, xsd::DECIMAL, xsd::DOUBLE, xsd::FLOAT, xsd::NON_NEGATIVE_INTEGER].contains(&l.datatype()))
}

/// Display width: East Asian wide characters and emoji take two columns.
pub fn width(s: &str) -> usize {
    s.chars().map(char_width).sum()
}

fn char_width(c: char) -> usize {
    let c = c as u32;
    let wide = (0x1100..=0x115F).contains(&c)
        || (0x2E80..=0xA4CF).contains(&c)
        || (0xAC00..=0xD7A3).contains(&c)
        || (0xF900..=0xFAFF).contains(&c)
        || (0xFE30..=0xFE4F).contains(&c)
        || (0xFF00..=0xFF60).contains(&c)
        || (0xFFE0..=0xFFE6).contains(&c)
        || (0x1F300..=0x1FAFF).contains(&c)
        || (0x20000..=0x3FFFD).contains(&c);
    if wide {
        2
    } else {
        1
    }
}

/// Breaks a cell into lines of at most `limit` columns, at spaces where it can.
fn wrap(text: &str, limit: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split(' ') {
        let mut word = word.to_owned();
        loop {
            let sep = usize::from(!line.is_empty());
            if width(&line) + sep + width(&word) <= limit {
                if sep == 1 {
                    line.push(' ');
                }
                line.push_str(&word);
                break;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
                continue;
            }
            // A word longer than the column: cut it.
            let mut head = String::new();
            let mut chars = word.chars();
            for c in chars.by_ref() {
                if width(&head) + char_width(c) > limit {
                    let rest: String = std::iter::once(c).chain(chars).collect();
                    lines.push(head);
                    word = rest;
                    head = String::new();
                    break;
                }
                head.push(c);
            }
            if !head.is_empty() {
                line = head;
                break;
            }
        }
    }
    lines.push(line);
    lines
}

/// Writes an aligned table; with a terminal width, long cells wrap to fit it.
pub fn write_table(
    out: &mut dyn Write,
    header: &[String],
    rows: &[Vec<Option<Term>>],
    names: &Names,
    terminal_width: Option<usize>,
) -> std::io::Result<()> {
    let cells: Vec<Vec<(String, bool)>> = rows
        .iter()
        .map(|r| {
            r.iter()
                .map(|t| match t {
                    Some(t) => (crate::terminal::one_line(&names.display(t)), is_numeric(t)),
                    None => (String::new(), false),
                })
                .collect()
        })
        .collect();
    let mut widths: Vec<usize> = header.iter().map(|h| width(h)).collect();
    for row in &cells {
        for (i, (c, _)) in row.iter().enumerate() {
            widths[i] = widths[i].max(width(c));
        }
    }
    if let Some(total) = terminal_width {
        let gaps = 2 * widths.len().saturating_sub(1);
        let floor: Vec<usize> = header.iter().map(|h| width(h).max(8)).collect();
        while widths.iter().sum::<usize>() + gaps > total {
            let (i, _) = widths
                .iter()
                .enumerate()
                .filter(|(i, w)| **w > floor[*i])
                .max_by_key(|(_, w)| **w)
                .unwrap_or((usize::MAX, &0));
            if i == usize::MAX {
                break;
            }
            widths[i] -= 1;
        }
    }
    let write_row = |out: &mut dyn Write, row: &[(String, bool)]| -> std::io::Result<()> {
        let wrapped: Vec<Vec<String>> = row
            .iter()
            .enumerate()
            .map(|(i, (c, _))| wrap(c, widths[i]))
            .collect();
        let height = wrapped.iter().map(Vec::len).max().unwrap_or(1);
        for k in 0..height {
            let mut s = String::new();
            for (i, lines) in wrapped.iter().enumerate() {
                let c = lines.get(k).map_or("", String::as_str);
                let pad = " ".repeat(widths[i].saturating_sub(width(c)));
                if i > 0 {
                    s.push_str("  ");
                }
                if row[i].1 {
                    s.push_str(&pad);
                    s.push_str(c);
                } else {
                    s.push_str(c);
                    s.push_str(&pad);
                }
            }
            writeln!(out, "{}", s.trim_end())?;
        }
        Ok(())
    };
    let head: Vec<(String, bool)> = header
        .iter()
        .map(|h| (crate::terminal::one_line(h), false))
        .collect();
    write_row(out, &head)?;
    let rule: Vec<(String, bool)> = widths.iter().map(|w| ("─".repeat(*w), false)).collect();
    write_row(out, &rule)?;
    for row in &cells {
        write_row(out, row)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_keeps_words_whole() {
        assert_eq!(wrap("one two three", 7), ["one two", "three"]);
        assert_eq!(wrap("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        assert_eq!(wrap("中国 日本", 4), ["中国", "日本"]);
    }

    #[test]
    fn cells_never_carry_escape_sequences() {
        let names = Names {
            labels: HashMap::new(),
            entity_ns: "http://x/".into(),
        };
        let rows = vec![vec![Some(Term::from(
            oxigraph::model::Literal::new_simple_literal("a\u{1b}]0;pwned\u{7}b\u{202e}c"),
        ))]];
        let mut out = Vec::new();
        write_table(&mut out, &["x".into()], &rows, &names, None).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(
            !text.contains('\u{1b}') && !text.contains('\u{202e}'),
            "{text:?}"
        );
        assert!(text.contains("a\\u{1b}]0;pwned\\u{7}b\\u{202e}c"), "{text}");
    }
}
