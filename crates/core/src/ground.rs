//! Grounding: locating quotes and entity names in the article text.
//!
//! Offsets are Unicode code points from 0, end exclusive, as the Web Annotation model
//! and SPARQL's `SUBSTR` count them; paragraphs (non-empty lines) and sentences are
//! numbered from 1. This module is pure: text in, spans out.

use crate::error::{shortened, SHOWN_ITEMS};

/// How much context a `TextQuoteSelector` keeps on each side, in code points.
pub const CONTEXT: usize = 32;

/// A located span of the article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    /// Start, in code points from 0.
    pub start: usize,
    /// End, exclusive, in code points.
    pub end: usize,
    /// Paragraph index of the start, from 1.
    pub paragraph: usize,
    /// Sentence index of the start, from 1, counted across the article.
    pub sentence: usize,
}

/// Why a quote could not be located.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QuoteError {
    Empty,
    /// No letter or digit (`" "`, `"."`, `"—"`): punctuation or spaces alone say
    /// nothing, and they match anywhere.
    NoWords,
    /// In the text only if every run of white space counts as one space: the text's
    /// passage, as it is, and how the two differ.
    Spacing {
        passage: String,
        spacing: Spacing,
    },
    NotFound {
        closest: String,
    },
    /// Found `count` times: the first few (`SHOWN_ITEMS`) in their context.
    Ambiguous {
        count: usize,
        contexts: Vec<String>,
    },
    NoSuchOccurrence {
        count: usize,
    },
}

/// How a quote differs from the passage it matches when white space is taken loosely.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Spacing {
    /// The text breaks the line where the quote has a space (or a tab).
    LineBreakInText,
    /// The quote breaks the line where the text has a space (or a tab).
    LineBreakInQuote,
    /// Other white space: two spaces for one, a tab for a space, `\r\n` for `\n`.
    Other,
}

/// The article text, indexed for code-point offsets, paragraphs and sentences.
pub struct Text<'a> {
    text: &'a str,
    /// Byte offset of each code point, plus the text's length at the end.
    bytes: Vec<usize>,
    /// (start, end) code points of each paragraph.
    paragraphs: Vec<(usize, usize)>,
    /// (start, end) code points of each sentence, in order.
    sentences: Vec<(usize, usize)>,
}

impl<'a> Text<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut bytes: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        bytes.push(text.len());
        let chars: Vec<char> = text.chars().collect();
        let mut paragraphs = Vec::new();
        let mut start = 0;
        for (i, &c) in chars.iter().chain(std::iter::once(&'\n')).enumerate() {
            if c == '\n' {
                let (s, e) = trim(&chars, start, i);
                if s < e {
                    paragraphs.push((s, e));
                }
                start = i + 1;
            }
        }
        let mut sentences = Vec::new();
        for &(ps, pe) in &paragraphs {
            let mut s = ps;
            let mut i = ps;
            while i < pe {
                if matches!(chars[i], '.' | '?' | '!') {
                    let mut j = i + 1;
                    while j < pe && matches!(chars[j], '"' | '\'' | '\u{201D}' | '\u{2019}' | ')') {
                        j += 1;
                    }
                    if j == pe || chars[j].is_whitespace() {
                        sentences.push((s, j));
                        while j < pe && chars[j].is_whitespace() {
                            j += 1;
                        }
                        s = j;
                        i = j;
                        continue;
                    }
                }
                i += 1;
            }
            if s < pe {
                sentences.push((s, pe));
            }
        }
        Self {
            text,
            bytes,
            paragraphs,
            sentences,
        }
    }

    /// The (start, end) code points of each sentence, in order.
    pub fn sentences(&self) -> &[(usize, usize)] {
        &self.sentences
    }

    pub fn as_str(&self) -> &'a str {
        self.text
    }

    /// Length in code points.
    pub fn len(&self) -> usize {
        self.bytes.len() - 1
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The text between two code-point offsets.
    pub fn slice(&self, start: usize, end: usize) -> &'a str {
        &self.text[self.bytes[start]..self.bytes[end]]
    }

    fn char_at_byte(&self, byte: usize) -> usize {
        self.bytes.partition_point(|&b| b < byte)
    }

    /// A span from code-point offsets, with its paragraph and sentence.
    pub fn span(&self, start: usize, end: usize) -> Span {
        let paragraph = self.paragraphs.partition_point(|&(s, _)| s <= start).max(1);
        let sentence = self.sentences.partition_point(|&(s, _)| s <= start).max(1);
        Span {
            start,
            end,
            paragraph,
            sentence,
        }
    }

    /// The sentence that contains a code-point offset.
    pub fn sentence_at(&self, offset: usize) -> &'a str {
        let (s, e) = self.sentence_bounds(offset);
        self.slice(s, e)
    }

    /// The start and end (code points) of the sentence that contains an offset.
    pub fn sentence_bounds(&self, offset: usize) -> (usize, usize) {
        let i = self.sentences.partition_point(|&(s, _)| s <= offset).max(1) - 1;
        self.sentences.get(i).copied().unwrap_or((0, 0))
    }

    /// The sentences a span touches, whole: what a quote's figures and dates may be read
    /// from besides the quote itself.
    pub fn sentences_of(&self, span: &Span) -> &'a str {
        let first = self
            .sentences
            .partition_point(|&(s, _)| s <= span.start)
            .max(1)
            - 1;
        let last_offset = span.end.saturating_sub(1).max(span.start);
        let last = self
            .sentences
            .partition_point(|&(s, _)| s <= last_offset)
            .max(1)
            - 1;
        match (self.sentences.get(first), self.sentences.get(last)) {
            (Some(&(s, _)), Some(&(_, e))) if s <= e => self.slice(s, e),
            _ => self.slice(span.start, span.end),
        }
    }

    /// The `CONTEXT` code points before and after a span.
    pub fn context(&self, span: &Span) -> (&'a str, &'a str) {
        let before = self.slice(span.start.saturating_sub(CONTEXT), span.start);
        let after = self.slice(span.end, (span.end + CONTEXT).min(self.len()));
        (before, after)
    }

    /// Every occurrence of `needle`, overlapping ones included, as code-point starts.
    pub fn occurrences(&self, needle: &str) -> Vec<usize> {
        let mut found = Vec::new();
        if needle.is_empty() {
            return found;
        }
        let mut from = 0;
        while let Some(i) = self.text[from..].find(needle) {
            let byte = from + i;
            found.push(self.char_at_byte(byte));
            from = byte + self.text[byte..].chars().next().map_or(1, char::len_utf8);
        }
        found
    }

    /// Locates a quote; `occurrence` (from 1) picks one when it occurs more than once.
    pub fn locate(&self, quote: &str, occurrence: Option<usize>) -> Result<Span, QuoteError> {
        if quote.is_empty() {
            return Err(QuoteError::Empty);
        }
        if !quote.chars().any(char::is_alphanumeric) {
            return Err(QuoteError::NoWords);
        }
        let found = self.occurrences(quote);
        let length = quote.chars().count();
        let start = match (found.len(), occurrence) {
            (0, _) => {
                return Err(match self.loose_match(quote) {
                    Some((start, end)) => {
                        let passage = self.slice(start, end);
                        QuoteError::Spacing {
                            passage: passage.to_owned(),
                            spacing: spacing(quote, passage),
                        }
                    }
                    None => QuoteError::NotFound {
                        closest: self.closest_passage(quote),
                    },
                })
            }
            (count, Some(n)) if n == 0 || n > count => {
                return Err(QuoteError::NoSuchOccurrence { count })
            }
            (_, Some(n)) => found[n - 1],
            (1, None) => found[0],
            (count, None) => {
                let shown = shortened(quote);
                let contexts = found
                    .iter()
                    .take(SHOWN_ITEMS)
                    .map(|&s| {
                        let span = self.span(s, s + length);
                        let (before, after) = self.context(&span);
                        format!("…{}[{shown}]{}…", one_line(before), one_line(after))
                    })
                    .collect();
                return Err(QuoteError::Ambiguous { count, contexts });
            }
        };
        Ok(self.span(start, start + length))
    }

    /// The first passage of the text that is `quote` when every run of white space
    /// counts as one space, as code points (start, end exclusive). Linear.
    pub fn loose_match(&self, quote: &str) -> Option<(usize, usize)> {
        let (quote, _) = collapse(quote);
        let (text, at) = collapse(self.text);
        let byte = text.find(&quote)?;
        let first = text[..byte].chars().count();
        let start = at[first];
        let mut end = at[first + quote.chars().count() - 1] + 1;
        if quote.ends_with(' ') {
            // The last space stands for the whole run of white space.
            end += self.text[self.bytes[end]..]
                .chars()
                .take_while(|c| c.is_whitespace())
                .count();
        }
        Some((start, end))
    }

    /// The passage of the text most like `quote`: the window of the quote's length,
    /// starting at a word, with the smallest edit distance, widened to whole words.
    ///
    /// The work is bounded. Where the edit distance of the quote against a window at
    /// every word would cost more than `CLOSEST_WORK` steps (a long quote, a long
    /// text), the windows are first ranked by how many of the quote's `GRAM`-grams they
    /// hold (linear in the text and the quote), and only the `CANDIDATES` best are
    /// measured; a quote too long even for that gets the best-ranked window.
    pub fn closest_passage(&self, quote: &str) -> String {
        let q: Vec<char> = quote.chars().collect();
        let chars: Vec<char> = self.text.chars().collect();
        if chars.is_empty() || q.is_empty() {
            return String::new();
        }
        let width = q.len().min(chars.len());
        let starts: Vec<usize> = (0..chars.len())
            .filter(|&s| s == 0 || !chars[s - 1].is_alphanumeric())
            .collect();
        let per_window = q.len().saturating_mul(width);
        let candidates = if starts.len().saturating_mul(per_window) <= CLOSEST_WORK {
            starts
        } else {
            ranked_windows(&chars, &q, &starts, width, CANDIDATES)
        };
        let mut start = if candidates.len().saturating_mul(per_window) <= CLOSEST_WORK {
            let mut best = (usize::MAX, 0);
            let mut row = vec![0usize; q.len() + 1];
            for &start in &candidates {
                let end = (start + width).min(chars.len());
                let d = edit_distance(&q, &chars[start..end], &mut row);
                if d < best.0 || (d == best.0 && start < best.1) {
                    best = (d, start);
                }
            }
            best.1
        } else {
            candidates[0]
        };
        let mut end = (start + width).min(chars.len());
        while end < chars.len() && chars[end].is_alphanumeric() {
            end += 1;
        }
        while start > 0 && chars[start - 1].is_alphanumeric() {
            start -= 1;
        }
        flat(&chars[start..end].iter().collect::<String>())
    }

    /// Every occurrence of `name` that starts and ends at a word boundary.
    pub fn word_occurrences(&self, name: &str) -> Vec<(usize, usize)> {
        let length = name.chars().count();
        self.occurrences(name)
            .into_iter()
            .filter(|&s| {
                let before = s.checked_sub(1).map(|i| self.char(i));
                let after = (s + length < self.len()).then(|| self.char(s + length));
                !before.is_some_and(is_word_char) && !after.is_some_and(is_word_char)
            })
            .map(|s| (s, s + length))
            .collect()
    }

    fn char(&self, i: usize) -> char {
        self.slice(i, i + 1).chars().next().unwrap_or(' ')
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

fn trim(chars: &[char], mut s: usize, mut e: usize) -> (usize, usize) {
    while s < e && chars[s].is_whitespace() {
        s += 1;
    }
    while e > s && chars[e - 1].is_whitespace() {
        e -= 1;
    }
    (s, e)
}

/// The text with every run of white space made one space, and the code point of the
/// text where each of its characters comes from.
fn collapse(s: &str) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(s.len());
    let mut at = Vec::new();
    let mut space = false;
    for (i, c) in s.chars().enumerate() {
        if !(space && c.is_whitespace()) {
            out.push(if c.is_whitespace() { ' ' } else { c });
            at.push(i);
        }
        space = c.is_whitespace();
    }
    (out, at)
}

/// How a quote differs from a passage that has the same words, the same punctuation
/// and white space in the same places: their runs of white space pair up in order.
fn spacing(quote: &str, passage: &str) -> Spacing {
    // For each run of white space, whether it breaks the line.
    let runs = |s: &str| -> Vec<bool> {
        let mut breaks: Vec<bool> = Vec::new();
        let mut space = false;
        for c in s.chars() {
            let line_break = c == '\n' || c == '\r';
            if c.is_whitespace() {
                match breaks.last_mut() {
                    Some(last) if space => *last |= line_break,
                    _ => breaks.push(line_break),
                }
            }
            space = c.is_whitespace();
        }
        breaks
    };
    let pairs: Vec<(bool, bool)> = runs(quote).into_iter().zip(runs(passage)).collect();
    if pairs.iter().any(|&(q, t)| t && !q) {
        Spacing::LineBreakInText
    } else if pairs.iter().any(|&(q, t)| q && !t) {
        Spacing::LineBreakInQuote
    } else {
        Spacing::Other
    }
}

/// Turns line breaks and tabs into spaces, so a passage prints on one line.
fn one_line(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .collect()
}

/// Collapses runs of white space, so a passage prints on one line.
fn flat(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Levenshtein distance between two strings, in code points.
pub fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    edit_distance(&a, &b, &mut vec![0; a.len() + 1])
}

fn edit_distance(a: &[char], b: &[char], row: &mut [usize]) -> usize {
    for (j, cell) in row.iter_mut().enumerate() {
        *cell = j;
    }
    for &cb in b {
        let mut diagonal = row[0];
        row[0] += 1;
        for (j, &ca) in a.iter().enumerate() {
            let substitution = diagonal + usize::from(ca != cb);
            diagonal = row[j + 1];
            row[j + 1] = substitution.min(row[j] + 1).min(row[j + 1] + 1);
        }
    }
    row[a.len()]
}

/// The most steps of edit distance `closest_passage` spends (tens of milliseconds).
const CLOSEST_WORK: usize = 20_000_000;
/// How many windows `closest_passage` measures when it cannot measure them all.
const CANDIDATES: usize = 16;
/// The length of the n-grams that rank windows.
const GRAM: usize = 4;

/// The `count` windows (of `width` characters, at `starts`) that hold the most of the
/// quote's n-grams, best first, the earlier first among equals. Linear in the text and
/// the quote, whatever their lengths.
fn ranked_windows(
    chars: &[char],
    q: &[char],
    starts: &[usize],
    width: usize,
    count: usize,
) -> Vec<usize> {
    let g = GRAM.min(width).max(1);
    let grams: std::collections::HashSet<&[char]> = q.windows(g).collect();
    // hits[i]: how many of the text's n-grams before position i are n-grams of the quote.
    let mut hits = vec![0usize; chars.len() + 1];
    for i in 0..chars.len() {
        let hit = i + g <= chars.len() && grams.contains(&chars[i..i + g]);
        hits[i + 1] = hits[i] + usize::from(hit);
    }
    let score = |s: usize| {
        let end = (s + width).min(chars.len());
        // The n-grams that lie wholly inside the window start in s..=end - g.
        (end + 1)
            .checked_sub(g)
            .map_or(0, |last| hits[last.max(s)] - hits[s])
    };
    let mut ranked: Vec<(usize, usize)> = starts.iter().map(|&s| (score(s), s)).collect();
    ranked.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    ranked.into_iter().take(count).map(|(_, s)| s).collect()
}

/// One entity name matched in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Match<K> {
    pub key: K,
    pub start: usize,
    pub end: usize,
}

/// Finds every name at word boundaries, keeping the leftmost-longest match where names
/// overlap ("China" inside "China Daily" is not kept). Names are (key, name) pairs.
pub fn find_mentions<K: Clone>(text: &Text<'_>, names: &[(K, &str)]) -> Vec<Match<K>> {
    let mut candidates: Vec<Match<K>> = names
        .iter()
        .flat_map(|(key, name)| {
            text.word_occurrences(name)
                .into_iter()
                .map(move |(start, end)| Match {
                    key: key.clone(),
                    start,
                    end,
                })
        })
        .collect();
    candidates.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    let mut kept: Vec<Match<K>> = Vec::new();
    for m in candidates {
        if kept.last().is_none_or(|last| m.start >= last.end) {
            kept.push(m);
        }
    }
    kept
}

/// A name matched in the text, top-level or inside the match of another name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NestedMatch<K> {
    pub key: K,
    pub start: usize,
    pub end: usize,
    /// The span (start, end) of the smallest match that encloses it, if any.
    pub inside: Option<(usize, usize)>,
}

/// Every name at word boundaries: the leftmost-longest matches at the top level, and
/// each name inside one of them ("China" in "China-Japan-ROK cooperation") nested in the
/// smallest that encloses it, unless that one's key says its names do not refer to what
/// they contain (`holds(key)` false: "China" in "China Daily"), or the name is one of
/// the enclosing key's own ("Pengyu" in "Liu Pengyu": one mention, not two). Partial
/// overlaps are not kept. In the order of the text, enclosing before enclosed.
pub fn find_nested_mentions<K: Clone + PartialEq>(
    text: &Text<'_>,
    names: &[(K, &str)],
    holds: impl Fn(&K) -> bool,
) -> Vec<NestedMatch<K>> {
    let mut candidates: Vec<Match<K>> = names
        .iter()
        .flat_map(|(key, name)| {
            text.word_occurrences(name)
                .into_iter()
                .map(move |(start, end)| Match {
                    key: key.clone(),
                    start,
                    end,
                })
        })
        .collect();
    candidates.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    candidates.dedup_by(|a, b| (a.start, a.end) == (b.start, b.end));
    let mut kept: Vec<NestedMatch<K>> = Vec::new();
    let mut rest = Vec::new();
    let mut reach = 0;
    for m in candidates {
        if kept.is_empty() || m.start >= reach {
            reach = m.end;
            kept.push(NestedMatch {
                key: m.key,
                start: m.start,
                end: m.end,
                inside: None,
            });
        } else {
            rest.push(m);
        }
    }
    // The longest first, so an enclosing match is placed before what it encloses.
    rest.sort_by(|a, b| {
        (b.end - b.start)
            .cmp(&(a.end - a.start))
            .then(a.start.cmp(&b.start))
    });
    for m in rest {
        let enclosing = kept
            .iter()
            .filter(|k| {
                k.start <= m.start && m.end <= k.end && (k.start, k.end) != (m.start, m.end)
            })
            .min_by_key(|k| k.end - k.start);
        if let Some(k) = enclosing.filter(|k| holds(&k.key) && k.key != m.key) {
            let inside = Some((k.start, k.end));
            kept.push(NestedMatch {
                key: m.key,
                start: m.start,
                end: m.end,
                inside,
            });
        }
    }
    kept.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_inside_names_are_nested_unless_the_outer_one_says_not() {
        let t = Text::new("China-Japan-ROK cooperation and China Daily, not Chinatown.");
        let names = [
            ("coop", "China-Japan-ROK cooperation"),
            ("cn", "China"),
            ("jp", "Japan"),
            ("cd", "China Daily"),
        ];
        let found: Vec<_> = find_nested_mentions(&t, &names, |k| *k != "cd")
            .into_iter()
            .map(|m| (m.key, m.start, m.inside))
            .collect();
        assert_eq!(
            found,
            [
                ("coop", 0, None),
                ("cn", 0, Some((0, 27))),
                ("jp", 6, Some((0, 27))),
                ("cd", 32, None)
            ]
        );
    }

    #[test]
    fn a_shorter_name_of_the_same_entity_inside_its_longer_name_is_no_second_mention() {
        let t = Text::new("Liu Pengyu spoke; Pengyu added.");
        let names = [("liu", "Liu Pengyu"), ("liu", "Pengyu")];
        let found: Vec<_> = find_nested_mentions(&t, &names, |_| true)
            .into_iter()
            .map(|m| (m.key, m.start, m.inside))
            .collect();
        assert_eq!(found, [("liu", 0, None), ("liu", 18, None)]);
    }

    #[test]
    fn offsets_count_code_points() {
        let t = Text::new("a — b — c");
        let s = t.locate("c", None).unwrap();
        assert_eq!((s.start, s.end), (8, 9));
        assert_eq!(t.slice(s.start, s.end), "c");
    }

    #[test]
    fn sentences_and_paragraphs() {
        let t = Text::new("Title\n\nOne. Two? \"Three.\" Four\nFive.");
        let s = t.locate("Four", None).unwrap();
        assert_eq!((s.paragraph, s.sentence), (2, 5));
        let s = t.locate("Five", None).unwrap();
        assert_eq!((s.paragraph, s.sentence), (3, 6));
        assert_eq!(t.sentence_at(s.start), "Five.");
        assert_eq!(
            t.sentence_at(t.locate("Three", None).unwrap().start),
            "\"Three.\""
        );
    }

    /// A text of numbered sentences, long enough that measuring every window is over
    /// the budget, so the windows are ranked first.
    fn long_text() -> String {
        (1..=400)
            .map(|i| {
                format!("Sentence {i} tells of the {i}th meeting of the ministers in town {i}.")
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn a_typo_in_a_long_quote_finds_its_passage_past_the_budget() {
        let text = long_text();
        let t = Text::new(&text);
        let start = text.find("Sentence 317 ").unwrap();
        let passage = &text[start..start + 200];
        let passage = &passage[..passage.rfind(' ').unwrap()];
        let typo = passage.replacen("ministers", "minsters", 1);
        let words = t.as_str()[..start].matches(' ').count() + 1;
        assert!(
            words * typo.len() * typo.len() > CLOSEST_WORK,
            "the budget is passed"
        );
        assert_eq!(t.closest_passage(&typo), passage);
        assert!(
            matches!(t.locate(&typo, None), Err(QuoteError::NotFound { closest }) if closest == passage)
        );
    }

    #[test]
    fn a_quote_longer_than_the_text_gets_a_passage() {
        let text = long_text();
        let t = Text::new(&text);
        // Longer than the text, and too long for any edit distance within the budget.
        let quote = format!("{text} {text} and more");
        assert_eq!(t.closest_passage(&quote), text);
        assert_eq!(t.closest_passage("x"), "Sentence");
        assert_eq!(Text::new("").closest_passage("x"), "");
    }

    #[test]
    fn a_quote_needs_a_letter_or_digit() {
        let t = Text::new("A. — B 1.");
        for quote in [" ", ".", "—", ". —", "\n"] {
            assert_eq!(t.locate(quote, None), Err(QuoteError::NoWords), "{quote:?}");
        }
        assert_eq!(t.locate("", None), Err(QuoteError::Empty));
        assert_eq!(t.locate("1", None).map(|s| s.start), Ok(7));
        assert_eq!(t.locate("— B", None).map(|s| s.start), Ok(3));
    }

    #[test]
    fn white_space_taken_loosely() {
        let t = Text::new("Title\nJapan and the\nROK met  in\r\n1965.\n");
        let loose = |q: &str| match t.locate(q, None) {
            Err(QuoteError::Spacing { passage, spacing }) => Some((passage, spacing)),
            _ => None,
        };
        let got = loose("Japan and the ROK");
        assert_eq!(
            got,
            Some(("Japan and the\nROK".into(), Spacing::LineBreakInText))
        );
        assert_eq!(
            loose("Japan\nand the\nROK"),
            Some(("Japan and the\nROK".into(), Spacing::LineBreakInQuote))
        );
        assert_eq!(loose("met in"), Some(("met  in".into(), Spacing::Other)));
        assert_eq!(
            loose("in\n1965"),
            Some(("in\r\n1965".into(), Spacing::Other))
        );
        assert_eq!(
            loose("ROK met in 1965. "),
            Some(("ROK met  in\r\n1965.\n".into(), Spacing::LineBreakInText))
        );
        assert_eq!(t.loose_match("Title Japan"), Some((0, 11)));
        assert!(matches!(
            t.locate("Japan and the EU", None),
            Err(QuoteError::NotFound { .. })
        ));
    }

    #[test]
    fn longest_name_wins() {
        let t = Text::new("China Daily and China, not Chinatown.");
        let m = find_mentions(&t, &[("cn", "China"), ("cd", "China Daily")]);
        let got: Vec<_> = m.iter().map(|m| (m.key, m.start)).collect();
        assert_eq!(got, vec![("cd", 0), ("cn", 16)]);
    }
}
