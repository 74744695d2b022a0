//! `nea-kg coverage`: which sentences of an article its sheet covers (facts, figures,
//! claims, skips) and which nothing covers, and the share of the article's dates,
//! figures and entity mentions some item uses. Items still marked `draft = true` count:
//! coverage is how a sheet being confirmed shows what is left. Text for people, or
//! `--format json`; exit status 1 when the share of sentences covered is below `--min`.

use crate::cli::{CoverageArgs, ReportFormat};
use crate::load;
use crate::terminal;
use anyhow::{bail, Context, Result};
use nea_kg_core::coverage::{self, Count, Report};
use nea_kg_core::ArticleInput;
use std::io::Write;
use std::process::ExitCode;

pub fn run(args: CoverageArgs) -> Result<ExitCode> {
    if let Some(min) = args.min {
        if !(0.0..=100.0).contains(&min) {
            bail!("invalid --min {min}: give a share of the sentences between 0 and 100");
        }
    }
    let input = ArticleInput {
        text: load::read_file(&args.article, "article")?,
        sheet: load::read_file(&args.facts, "fact sheet")?,
    };
    nea_kg_core::draft::readable(&input.text)?;
    let builder = load::registries(
        &args.registries.entities,
        args.registries.no_default_entities,
    )?;
    let article = builder.check_with_drafts(&input)?;
    let report = coverage::report(&article);
    let out = match args.format {
        ReportFormat::Text => text(&report),
        ReportFormat::Json => json(&report),
    };
    let stdout = std::io::stdout();
    let mut lock = stdout.lock();
    lock.write_all(out.as_bytes())
        .and_then(|()| lock.flush())
        .context("cannot write to stdout")?;
    let below = args.min.is_some_and(|min| report.covered.percent() < min);
    if below {
        crate::say!(
            "coverage: {:.1}% of the sentences are covered, below --min {}",
            report.covered.percent(),
            args.min.unwrap_or_default()
        );
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

fn line(label: &str, c: Count) -> String {
    format!("{label}: {} of {} ({:.0}%)\n", c.used, c.total, c.percent())
}

fn text(r: &Report) -> String {
    let mut out = String::new();
    for s in &r.sentences {
        let mut what: Vec<String> = Vec::new();
        if s.headline {
            what.push("headline".into());
        }
        if s.skipped {
            what.push("skip".into());
        }
        for (kind, ids) in [
            ("fact", &s.facts),
            ("statistic", &s.statistics),
            ("claim", &s.claims),
        ] {
            if !ids.is_empty() {
                what.push(format!("{kind} {}", ids.join(", ")));
            }
        }
        let status = if s.covered() {
            "covered"
        } else {
            "NOT COVERED"
        };
        let mentions = if s.mentions.is_empty() {
            String::new()
        } else {
            format!(" (mentions {})", s.mentions.join(", "))
        };
        out.push_str(&format!(
            "{:>3} {status}{}{mentions}: {}\n",
            s.number,
            if what.is_empty() {
                String::new()
            } else {
                format!(" by {}", what.join("; "))
            },
            terminal::visible(&short(&s.text)),
        ));
    }
    out.push('\n');
    out.push_str(&line("sentences covered", r.covered));
    out.push_str(&line("dates used", r.dates));
    out.push_str(&line("figures used", r.figures));
    out.push_str(&line("mentions used", r.mentions));
    out
}

/// A sentence shown on one line: its first 100 characters.
fn short(s: &str) -> String {
    let mut out: String = s.chars().take(100).collect();
    if s.chars().count() > 100 {
        out.push('…');
    }
    out
}

fn json(r: &Report) -> String {
    let count = |c: Count| serde_json::json!({"used": c.used, "total": c.total, "percent": (c.percent() * 10.0).round() / 10.0});
    let sentences: Vec<serde_json::Value> = r
        .sentences
        .iter()
        .map(|s| {
            serde_json::json!({
                "number": s.number,
                "text": s.text,
                "covered": s.covered(),
                "headline": s.headline,
                "skipped": s.skipped,
                "facts": s.facts,
                "statistics": s.statistics,
                "claims": s.claims,
                "mentions": s.mentions,
            })
        })
        .collect();
    let value = serde_json::json!({
        "sentences": sentences,
        "covered": count(r.covered),
        "dates": count(r.dates),
        "figures": count(r.figures),
        "mentions": count(r.mentions),
    });
    let mut s = serde_json::to_string_pretty(&value).unwrap_or_default();
    s.push('\n');
    s
}
