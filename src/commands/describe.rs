//! `nea-kg describe NAME`: a card for one entity, found by any of its names in any
//! language, its id or its IRI: names, types, Wikidata link, the relations and events it
//! takes part in with their dates, the claims about it, and under each the sentence of
//! the article that supports it (the card is built in `card`, shared with `serve`).

use crate::card::{Card, Db};
use crate::cli::{DescribeArgs, ReportFormat};
use crate::load::Kg;
use crate::sparql;
use crate::terminal::visible;
use anyhow::Result;
use std::io::Write;
use std::process::ExitCode;

pub fn run(args: DescribeArgs) -> Result<ExitCode> {
    let json = args.format == ReportFormat::Json;
    let kg = Kg::load(&args.input)?;
    let graph = kg.graph.clone();
    let entity_ns = kg.iris.entity_namespace();
    let name = args.name;
    sparql::guarded("describe", None, move || {
        let db = Db {
            graph: &graph,
            entity_ns: &entity_ns,
        };
        let iri = db.find(&name)?;
        let card = db.card(&iri)?;
        let stdout = std::io::stdout();
        let mut w = std::io::BufWriter::new(stdout.lock());
        if json {
            serde_json::to_writer_pretty(&mut w, &card).map_err(crate::output::json_io)?;
            writeln!(w)?;
        } else {
            write_card(&mut w, &card)?;
        }
        w.flush()?;
        Ok(())
    })?;
    Ok(kg.finish())
}

/// Writes the card for people; what the data holds is shown, never obeyed (see
/// `terminal::visible`).
fn write_card(out: &mut dyn Write, card: &Card) -> std::io::Result<()> {
    let mut text = Vec::new();
    card_text(&mut text, card)?;
    out.write_all(visible(&String::from_utf8_lossy(&text)).as_bytes())
}

fn card_text(w: &mut dyn Write, card: &Card) -> std::io::Result<()> {
    writeln!(w, "{}", card.label)?;
    writeln!(w, "  {}", card.iri)?;
    writeln!(w, "  type: {}", card.types.join(", "))?;
    if let Some(wd) = &card.wikidata {
        writeln!(w, "  Wikidata: {wd}")?;
    }
    if let Some(d) = &card.description {
        writeln!(w, "  {d}")?;
    }
    let times = |n: usize| format!("{n} time{}", if n == 1 { "" } else { "s" });
    let inside = match card.nested_mentions {
        0 => String::new(),
        n => format!(", and {} inside longer names", times(n)),
    };
    let place = match card.articles.len() {
        0 | 1 => "in the article".to_owned(),
        n => format!("in {n} articles"),
    };
    writeln!(w, "  mentioned {} {place}{inside}", times(card.mentions))?;
    let several = card.articles.len() > 1;
    writeln!(w)?;
    writeln!(w, "Names")?;
    for (lang, names) in &card.names {
        writeln!(w, "  {lang:<3} {}", names.join(" · "))?;
    }
    for (title, items) in [
        ("Relations", &card.relations),
        ("Events", &card.events),
        ("Figures", &card.statistics),
        ("Claims about it", &card.claims),
        ("Claims it makes", &card.claims_by),
    ] {
        if items.is_empty() {
            continue;
        }
        writeln!(w)?;
        writeln!(w, "{title}")?;
        for item in items {
            let date = item
                .date
                .as_deref()
                .map(|d| format!("{d}  "))
                .unwrap_or_default();
            let role = item
                .role
                .as_deref()
                .map(|r| format!("  ({r})"))
                .unwrap_or_default();
            // How the fact, and apart from it its date, is known, when not stated; and
            // how it is told, when not as having happened.
            let notes: Vec<String> = item
                .known
                .iter()
                .cloned()
                .chain(item.date_known.iter().map(|k| format!("date {k}")))
                .chain(item.told.iter().cloned())
                .collect();
            let known = if notes.is_empty() {
                String::new()
            } else {
                format!("  [{}]", notes.join(", "))
            };
            writeln!(w, "  {date}{}{role}{known}", item.text)?;
            for ev in &item.evidence {
                // With several articles, each sentence says which one it is from.
                let from = if several {
                    format!("{}: ", ev.headline)
                } else {
                    String::new()
                };
                writeln!(
                    w,
                    "      “{}”  [{from}paragraph {}, sentence {}; characters {}–{}]",
                    ev.sentence_text, ev.paragraph, ev.sentence, ev.start, ev.end
                )?;
            }
        }
    }
    Ok(())
}
