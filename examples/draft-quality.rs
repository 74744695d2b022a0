//! The quality of `nea-kg draft`, measured against the hand-confirmed sheets:
//! `cargo run --release --example draft-quality` prints the table of docs/draft.md.
//!
//! For each article shipped with a confirmed sheet, the draft is made from the text and
//! the registries alone (and, as `--published` gives it, the date of publication the
//! sheet states: the one thing a user would type; nothing else of the sheet is read).
//! Then, sentence by sentence (the sentence where an item's quote starts):
//!
//! - quotes: the share of the confirmed facts, figures and claims whose sentence the
//!   draft quotes in some item;
//! - dates: the share of the confirmed dates (of facts and claims: `date`, `start`,
//!   `end`, `after`, `before`) that a drafted item of the same sentence gives with the
//!   same value and precision;
//! - figures: the share of the confirmed statistics' values and facts' ordinals that a
//!   drafted item of the same sentence gives;
//! - attributions: the share of the confirmed claims' attributions whose sentence holds
//!   a drafted claim's attribution;
//! - kept: the share of drafted facts, figures and claims whose sentence holds a
//!   confirmed item; and, stricter, a confirmed item of the same kind (a drafted claim
//!   kept only where the sheet has a claim);
//! - grounded: whether the draft, with every `draft = true` removed, passes every check
//!   of a build (grounding, ids, stated dates and figures).
//!
//! Then the time `draft` takes per 1,000 words, on a text of over 5,000 words.

use nea_kg_core::model::{Article, Quantity};
use nea_kg_core::{draft, ArticleInput, Builder, Source};
use std::collections::BTreeSet;
use std::time::Instant;

struct Shipped {
    name: &'static str,
    text: &'static str,
    sheet: &'static str,
}

const SHIPPED: [Shipped; 3] = [
    Shipped {
        name: "confidence-builder",
        text: "data/article.txt",
        sheet: "data/facts.toml",
    },
    Shipped {
        name: "voa-summit-2024",
        text: "examples/corpus/voa-summit-2024.txt",
        sheet: "examples/corpus/voa-summit-2024.toml",
    },
    Shipped {
        name: "joint-declaration-2024",
        text: "examples/corpus/joint-declaration-2024.txt",
        sheet: "examples/corpus/joint-declaration-2024.toml",
    },
];

fn read(path: &str) -> Source {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    Source::new(path, text)
}

/// Each item's sentence (where its quote starts), with its kind.
fn items(a: &Article) -> Vec<(&'static str, usize)> {
    let mut out: Vec<(&'static str, usize)> = Vec::new();
    out.extend(a.facts.iter().map(|f| ("fact", f.evidence.span.sentence)));
    out.extend(
        a.statistics
            .iter()
            .map(|s| ("statistic", s.evidence.span.sentence)),
    );
    out.extend(a.claims.iter().map(|c| ("claim", c.evidence.span.sentence)));
    out
}

/// Every date, as (sentence, value, datatype).
fn dates(a: &Article) -> Vec<(usize, String, String)> {
    let mut out = Vec::new();
    for f in &a.facts {
        for (_, d) in f.time.dates() {
            out.push((
                f.evidence.span.sentence,
                d.value().to_owned(),
                d.datatype().as_str().to_owned(),
            ));
        }
    }
    for c in &a.claims {
        if let Some((d, _)) = &c.date {
            let sentence = c
                .attribution
                .as_ref()
                .map_or(c.evidence.span.sentence, |e| e.span.sentence);
            out.push((
                sentence,
                d.value().to_owned(),
                d.datatype().as_str().to_owned(),
            ));
        }
    }
    out
}

/// Every figure and ordinal, as (sentence, value).
fn figures(a: &Article) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for s in &a.statistics {
        let value = match &s.quantity {
            Quantity::Value(v) | Quantity::Bounded(_, v) => v.value().to_owned(),
            Quantity::Range(a, b) => format!("{}-{}", a.value(), b.value()),
            Quantity::Change { by, to, .. } => by
                .as_ref()
                .or(to.as_ref())
                .map_or(String::new(), |v| v.value().to_owned()),
        };
        out.push((s.evidence.span.sentence, normal(&value)));
    }
    for f in &a.facts {
        if let Some(n) = f.ordinal {
            out.push((f.evidence.span.sentence, n.to_string()));
        }
    }
    out
}

fn normal(v: &str) -> String {
    v.parse::<f64>().map_or(v.to_owned(), |f| format!("{f}"))
}

fn attributions(a: &Article) -> Vec<usize> {
    a.claims
        .iter()
        .filter_map(|c| c.attribution.as_ref().map(|e| e.span.sentence))
        .collect()
}

fn share(hit: usize, all: usize) -> String {
    if all == 0 {
        "–".to_owned()
    } else {
        format!("{:.0}% ({hit}/{all})", 100.0 * hit as f64 / all as f64)
    }
}

fn main() {
    let registries = vec![
        read("data/entities.toml"),
        read("examples/corpus/entities.toml"),
    ];
    let ontology = read("ontology/nea.ttl");
    let builder = Builder::new(&registries, &ontology, nea_kg_core::DEFAULT_BASE)
        .unwrap_or_else(|e| panic!("{e}"));
    println!(
        "| article | quotes | dates | figures | attributions | drafted items kept | kept, same kind | grounded |"
    );
    println!("|---|---|---|---|---|---|---|---|");
    for s in &SHIPPED {
        let text = read(s.text);
        let sheet = read(s.sheet);
        let confirmed = builder
            .check(&ArticleInput {
                text: text.clone(),
                sheet: sheet.clone(),
            })
            .unwrap_or_else(|e| panic!("{}: {e}", s.sheet));
        let published = confirmed
            .publication
            .published
            .as_ref()
            .map(|d| d.value().to_owned());
        let drafted = draft::draft(&draft::Input {
            text: &text,
            id: Some(s.name.to_owned()),
            registry: builder.registry(),
            merge: None,
            published,
        })
        .unwrap_or_else(|e| panic!("{}: {e}", s.text));
        let confirmed_by_hand: String = drafted
            .lines()
            .filter(|l| *l != "draft = true")
            .map(|l| format!("{l}\n"))
            .collect();
        let grounded = builder.check(&ArticleInput {
            text: text.clone(),
            sheet: Source::new("draft.toml", confirmed_by_hand),
        });
        let grounded = match grounded {
            Ok(_) => "yes".to_owned(),
            Err(e) => {
                eprintln!("{}: the draft fails a check:\n{e}", s.name);
                format!("no ({} errors)", e.len())
            }
        };
        let draft = builder
            .check_with_drafts(&ArticleInput {
                text: text.clone(),
                sheet: Source::new("draft.toml", drafted),
            })
            .unwrap_or_else(|e| panic!("{}: the draft does not read: {e}", s.name));
        let drafted_sentences: BTreeSet<usize> = items(&draft).iter().map(|(_, n)| *n).collect();
        let confirmed_sentences: BTreeSet<usize> =
            items(&confirmed).iter().map(|(_, n)| *n).collect();
        let c_items = items(&confirmed);
        if std::env::args().any(|a| a == "--misses") {
            let mut misses: Vec<String> = Vec::new();
            let sentence = |a: &Article, n: usize| {
                let t = nea_kg_core::ground::Text::new(&a.text);
                let (s, e) = t.sentences()[n - 1];
                t.slice(s, e).chars().take(90).collect::<String>()
            };
            for (kind, n) in &c_items {
                if !drafted_sentences.contains(n) {
                    misses.push(format!(
                        "  quote of a {kind}: {n} {}",
                        sentence(&confirmed, *n)
                    ));
                }
            }
            let d: BTreeSet<_> = dates(&draft).into_iter().collect();
            for x in dates(&confirmed).iter().filter(|x| !d.contains(*x)) {
                misses.push(format!(
                    "  date {} ({}) in {} {}",
                    x.1,
                    x.2,
                    x.0,
                    sentence(&confirmed, x.0)
                ));
            }
            let f: BTreeSet<_> = figures(&draft).into_iter().collect();
            for x in figures(&confirmed).iter().filter(|x| !f.contains(*x)) {
                misses.push(format!(
                    "  figure {} in {} {}",
                    x.1,
                    x.0,
                    sentence(&confirmed, x.0)
                ));
            }
            let a: BTreeSet<_> = attributions(&draft).into_iter().collect();
            for x in attributions(&confirmed).iter().filter(|x| !a.contains(*x)) {
                misses.push(format!("  attribution in {x} {}", sentence(&confirmed, *x)));
            }
            eprintln!("{}: not proposed\n{}", s.name, misses.join("\n"));
        }
        let quotes = c_items
            .iter()
            .filter(|(_, n)| drafted_sentences.contains(n))
            .count();
        let d_dates: BTreeSet<_> = dates(&draft).into_iter().collect();
        let c_dates = dates(&confirmed);
        let date_hits = c_dates.iter().filter(|d| d_dates.contains(d)).count();
        let d_figures: BTreeSet<_> = figures(&draft).into_iter().collect();
        let c_figures = figures(&confirmed);
        let figure_hits = c_figures.iter().filter(|f| d_figures.contains(f)).count();
        let d_attr: BTreeSet<_> = attributions(&draft).into_iter().collect();
        let c_attr = attributions(&confirmed);
        let attr_hits = c_attr.iter().filter(|n| d_attr.contains(n)).count();
        let d_items = items(&draft);
        let kept = d_items
            .iter()
            .filter(|(_, n)| confirmed_sentences.contains(n))
            .count();
        let c_kinds: BTreeSet<(&str, usize)> = c_items.iter().copied().collect();
        let kept_kind = d_items.iter().filter(|i| c_kinds.contains(i)).count();
        println!(
            "| {} | {} | {} | {} | {} | {} | {} | {} |",
            s.name,
            share(quotes, c_items.len()),
            share(date_hits, c_dates.len()),
            share(figure_hits, c_figures.len()),
            share(attr_hits, c_attr.len()),
            share(kept, d_items.len()),
            share(kept_kind, d_items.len()),
            grounded
        );
    }
    // Speed: the three texts' bodies, repeated to over 5,000 words.
    let mut big = String::from("A long article for timing\n");
    let mut words = 0;
    while words < 5_000 {
        for s in &SHIPPED {
            let t = read(s.text).text;
            let body: String = t.lines().skip(1).map(|l| format!("{l}\n")).collect();
            words += body.split_whitespace().count();
            big.push_str(&body);
        }
    }
    let source = Source::new("big.txt", big);
    let runs = 5;
    let start = Instant::now();
    for _ in 0..runs {
        draft::draft(&draft::Input {
            text: &source,
            id: None,
            registry: builder.registry(),
            merge: None,
            published: Some("2024-05-21".to_owned()),
        })
        .unwrap_or_else(|e| panic!("{e}"));
    }
    let each = start.elapsed().as_secs_f64() / f64::from(runs);
    println!();
    println!(
        "draft of a {words}-word text: {:.1} ms ({:.1} ms per 1,000 words)",
        each * 1e3,
        each * 1e3 * 1000.0 / words as f64
    );
}
