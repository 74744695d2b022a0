//! `nea-kg validate`: the graph against the SHACL shapes of `ontology/shapes.ttl`, plus
//! the grounding checks SHACL cannot express (each quote is the article's text at its
//! offsets, and the offsets lie within the text). Exit status 1 when it does not conform.

use crate::cli::{ReportFormat, ValidateArgs};
use crate::load::{self, Kg};
use crate::say;
use crate::shacl::{self, Shapes, Violation};
use crate::sparql;
use anyhow::{anyhow, bail, Context, Result};
use nea_kg_core::error::{cut_quoted_parts, quoted};
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::Term;
use oxigraph::store::Store;
use std::io::{Read, Write};
use std::path::Path;
use std::process::ExitCode;

pub fn run(args: ValidateArgs) -> Result<ExitCode> {
    let json = args.format == ReportFormat::Json;
    let shapes = match &args.shapes {
        Some(path) => {
            let source = load::read_file(path, "shapes")?;
            Shapes::parse(&source.name, &source.text)?
        }
        None => {
            crate::explain!("the shapes: the embedded ontology/shapes.ttl");
            Shapes::parse("ontology/shapes.ttl", shacl::EMBEDDED)?
        }
    };
    let (store, what, failures) = match &args.data {
        Some(path) => (
            load_file(path, args.data_format.as_deref())?,
            if load::is_stdin(path) {
                "the data on stdin".to_owned()
            } else {
                path.display().to_string()
            },
            0,
        ),
        None => {
            let kg = Kg::load(&args.input)?;
            let what = match (
                &args.input.store,
                &args.input.corpus,
                args.input.article.is_empty(),
            ) {
                (Some(dir), _, _) => format!("the store {}", dir.display()),
                (None, Some(dir), _) => format!("the corpus {}", dir.display()),
                (None, None, true) => "the embedded graph".to_owned(),
                (None, None, false) => "the graph".to_owned(),
            };
            let failures = kg.failures;
            (kg.store, what, failures)
        }
    };
    let shapes_count = shapes.len();
    let checked = store.clone();
    let (violations, triples) = sparql::guarded("validate", None, move || {
        let mut violations = shacl::validate(&shapes, &checked)?;
        violations.extend(grounding(&checked)?);
        Ok((violations, checked.len().unwrap_or(0)))
    })?;
    let stdout = std::io::stdout();
    let mut w = std::io::BufWriter::new(stdout.lock());
    if json {
        let report = serde_json::json!({
            "conforms": violations.is_empty(),
            "triples": triples,
            "shapes": shapes_count,
            "violations": violations,
        });
        serde_json::to_writer_pretty(&mut w, &report).map_err(crate::output::json_io)?;
        writeln!(w)?;
    } else {
        for v in &violations {
            let line = format!(
                "{}  {}  {}  [{} {}]",
                v.focus,
                v.path.as_deref().unwrap_or("-"),
                v.message,
                v.shape,
                v.constraint
            );
            writeln!(w, "{}", crate::terminal::one_line(&line))?;
        }
    }
    w.flush()?;
    drop(w);
    std::mem::forget(store);
    if !violations.is_empty() {
        say!(
            "error: {what} does not conform: {} violation{}",
            violations.len(),
            if violations.len() == 1 { "" } else { "s" }
        );
        return Ok(ExitCode::from(1));
    }
    if failures > 0 {
        return Ok(load::outcome(failures));
    }
    crate::note!("{what} conforms: {triples} quads checked against {shapes_count} shapes and the article's text");
    Ok(ExitCode::SUCCESS)
}

/// Loads any RDF file (its format from --data-format or the extension; .gz is
/// decompressed), or standard input for `-`, into a store.
fn load_file(path: &Path, format: Option<&str>) -> Result<Store> {
    let stdin = load::is_stdin(path);
    if stdin && format.is_none() {
        bail!("--data -: the format of standard input cannot be told from a name\n  give --data-format (ttl, nt, nq, trig, rdf or jsonld; nq.gz if compressed)");
    }
    let target = crate::output::rdf::Target::new(format, (!stdin).then_some(path))?;
    if path.is_dir() {
        bail!(
            "{}: is a folder, not a file\n  give the path of an RDF file",
            path.display()
        );
    }
    let (name, bytes) = load::read_bytes(path, "data")?;
    let bytes = if target.gzip {
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(bytes.as_slice())
            .read_to_end(&mut out)
            .map_err(|e| anyhow!("{name}: not valid gzip: {e}"))?;
        out
    } else {
        bytes
    };
    let store = Store::new().context("cannot open a store")?;
    let format: RdfFormat = target.format;
    let mut loader = store.bulk_loader();
    loader
        .load_from_slice(RdfParser::from_format(format), &bytes)
        .map_err(|e| {
            anyhow!(
                "{name}: {}\n  the file must be valid {}",
                cut_quoted_parts(&e.to_string()),
                format.name()
            )
        })?;
    loader
        .commit()
        .with_context(|| format!("{name}: cannot load"))?;
    Ok(store)
}

/// Each quote selector's words are the article's text between its evidence's offsets.
fn grounding(store: &Store) -> Result<Vec<Violation>> {
    let query = "PREFIX oa: <http://www.w3.org/ns/oa#> PREFIX schema: <http://schema.org/>
        SELECT ?quote ?exact ?start ?end ?text WHERE {
          ?evidence oa:hasSource ?article ; oa:hasSelector ?quote, ?position .
          ?quote a oa:TextQuoteSelector ; oa:exact ?exact .
          ?position a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end .
          ?article schema:text ?text }";
    let solutions = sparql::select(store, "", query)?;
    let mut texts: std::collections::HashMap<String, Vec<char>> = std::collections::HashMap::new();
    let mut out = Vec::new();
    for row in solutions {
        let get = |v: &str| row.iter().find(|(name, _)| name == v).map(|(_, t)| t);
        let lit = |v: &str| match get(v) {
            Some(Term::Literal(l)) => l.value().to_owned(),
            _ => String::new(),
        };
        let quote = get("quote").map(ToString::to_string).unwrap_or_default();
        let (exact, text) = (lit("exact"), lit("text"));
        let chars = texts
            .entry(text.clone())
            .or_insert_with(|| text.chars().collect());
        let (start, end) = (
            lit("start").parse::<i64>().ok(),
            lit("end").parse::<i64>().ok(),
        );
        let message = match (start, end) {
            (Some(a), Some(b)) if 0 <= a && a < b && (b as usize) <= chars.len() => {
                let there: String = chars[a as usize..b as usize].iter().collect();
                if there == exact {
                    continue;
                }
                format!(
                    "oa:exact {} is not the article's text at [{a}, {b}), which is {}",
                    quoted(&exact),
                    quoted(&there)
                )
            }
            (Some(a), Some(b)) if a >= b => {
                format!("the offsets [{a}, {b}) select no text: oa:start must be less than oa:end")
            }
            (Some(a), Some(b)) => format!(
                "the offsets [{a}, {b}) do not lie within the article's {} characters",
                chars.len()
            ),
            _ => "the offsets are not integers".to_owned(),
        };
        out.push(Violation {
            focus: quote,
            path: Some("<http://www.w3.org/ns/oa#exact>".to_owned()),
            value: Some(format!("{exact:?}")),
            message,
            shape: "grounding".to_owned(),
            constraint: "oa:exact = SUBSTR(schema:text, oa:start + 1, oa:end - oa:start)"
                .to_owned(),
        });
    }
    out.sort();
    Ok(out)
}
