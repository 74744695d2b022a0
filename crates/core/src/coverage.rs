//! Coverage: which sentences of an article its sheet models, and which nothing does. A
//! sentence is covered when a fact, a statistic or a claim quotes it (or a claim's
//! attribution does), when a `[[skip]]` marks it as having nothing to model, or when it
//! is the headline (the `[article]` table's). The article's dates, figures and entity
//! mentions are "used" when they lie inside some item's quote or attribution. Pure:
//! the checked article in, the report out.

use crate::draft::patterns;
use crate::ground::{Span, Text};
use crate::model::Article;

/// What covers one sentence.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Sentence {
    /// From 1, as the graph numbers them.
    pub number: usize,
    pub text: String,
    pub facts: Vec<String>,
    pub statistics: Vec<String>,
    pub claims: Vec<String>,
    /// The entities the sentence mentions (top-level mentions), in order, once each.
    pub mentions: Vec<String>,
    pub skipped: bool,
    pub headline: bool,
}

impl Sentence {
    pub fn covered(&self) -> bool {
        self.headline
            || self.skipped
            || !self.facts.is_empty()
            || !self.statistics.is_empty()
            || !self.claims.is_empty()
    }
}

/// How many of a kind there are, and how many some item uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Count {
    pub used: usize,
    pub total: usize,
}

impl Count {
    /// The share used, in percent (100 when there are none).
    pub fn percent(self) -> f64 {
        if self.total == 0 {
            100.0
        } else {
            100.0 * self.used as f64 / self.total as f64
        }
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Report {
    pub sentences: Vec<Sentence>,
    pub covered: Count,
    pub dates: Count,
    pub figures: Count,
    pub mentions: Count,
}

/// The coverage of a checked article by its sheet.
pub fn report(article: &Article) -> Report {
    let text = Text::new(&article.text);
    let bounds: Vec<(usize, usize)> = text.sentences().to_vec();
    let headline_len = article.text.lines().next().map_or(0, |l| l.chars().count());
    let mut sentences: Vec<Sentence> = bounds
        .iter()
        .enumerate()
        .map(|(i, &(s, e))| Sentence {
            number: i + 1,
            text: text.slice(s, e).to_owned(),
            headline: e <= headline_len
                || article.alternative_headline.as_deref() == Some(text.slice(s, e)),
            ..Sentence::default()
        })
        .collect();
    // The sentences a span touches (indices from 0).
    let touched = |span: &Span| -> std::ops::RangeInclusive<usize> {
        let first = bounds.partition_point(|&(s, _)| s <= span.start).max(1) - 1;
        let last_at = span.end.saturating_sub(1).max(span.start);
        let last = bounds.partition_point(|&(s, _)| s <= last_at).max(1) - 1;
        first..=last
    };
    let mut spans: Vec<(usize, usize)> = Vec::new();
    for f in &article.facts {
        for i in touched(&f.evidence.span) {
            push_once(&mut sentences[i].facts, &f.id);
        }
        spans.push((f.evidence.span.start, f.evidence.span.end));
    }
    for s in &article.statistics {
        for i in touched(&s.evidence.span) {
            push_once(&mut sentences[i].statistics, &s.id);
        }
        spans.push((s.evidence.span.start, s.evidence.span.end));
    }
    for c in &article.claims {
        for e in std::iter::once(&c.evidence).chain(c.attribution.as_ref()) {
            for i in touched(&e.span) {
                push_once(&mut sentences[i].claims, &c.id);
            }
            spans.push((e.span.start, e.span.end));
        }
    }
    for k in &article.skips {
        for i in touched(&k.span) {
            sentences[i].skipped = true;
        }
    }
    let used = |start: usize, end: usize| spans.iter().any(|&(s, e)| s <= start && end <= e);
    let mut mentions = Count::default();
    for m in article.mentions.iter().filter(|m| m.nested_in.is_none()) {
        let span = &m.evidence.span;
        if let Some(i) = touched(span).next() {
            push_once(&mut sentences[i].mentions, &m.entity);
        }
        mentions.total += 1;
        mentions.used += usize::from(used(span.start, span.end));
    }
    let mut dates = Count::default();
    let mut figures = Count::default();
    for (i, &(s, e)) in bounds.iter().enumerate() {
        if sentences[i].headline {
            continue;
        }
        let sentence = text.slice(s, e);
        // Byte offsets of the sentence to code points of the article.
        let cp = |b: usize| s + sentence[..b].chars().count();
        for d in patterns::dates(sentence) {
            dates.total += 1;
            dates.used += usize::from(used(cp(d.start), cp(d.end)));
        }
        for f in patterns::figures(sentence) {
            figures.total += 1;
            figures.used += usize::from(used(cp(f.start), cp(f.end)));
        }
        for o in patterns::ordinals(sentence) {
            figures.total += 1;
            figures.used += usize::from(used(cp(o.start), cp(o.end)));
        }
    }
    let covered = Count {
        used: sentences.iter().filter(|s| s.covered()).count(),
        total: sentences.len(),
    };
    Report {
        sentences,
        covered,
        dates,
        figures,
        mentions,
    }
}

fn push_once(list: &mut Vec<String>, id: &str) {
    if !list.iter().any(|x| x == id) {
        list.push(id.to_owned());
    }
}
