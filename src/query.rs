//! Running SPARQL over the store: read-only, over the union of all graphs, with results
//! as an aligned table for people or as the standard formats for programs.

use crate::error::{Error, Result};
use crate::export;
use crate::vocab;
use oxigraph::io::RdfFormat;
use oxigraph::model::{Term, Triple};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::{QueryResults, SparqlEvaluator};
use oxigraph::store::Store;
use std::io::Write;
use std::path::Path;

/// How results are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputFormat {
    Table,
    Results(QueryResultsFormat),
    Rdf(RdfFormat),
}

/// The output format from `--format`.
pub fn parse_format(name: &str) -> Result<OutputFormat> {
    Ok(match name.to_ascii_lowercase().as_str() {
        "table" => OutputFormat::Table,
        "csv" | "text/csv" => OutputFormat::Results(QueryResultsFormat::Csv),
        "tsv" | "text/tab-separated-values" => OutputFormat::Results(QueryResultsFormat::Tsv),
        "json" | "srj" | "application/sparql-results+json" => {
            OutputFormat::Results(QueryResultsFormat::Json)
        }
        "xml" | "srx" | "application/sparql-results+xml" => {
            OutputFormat::Results(QueryResultsFormat::Xml)
        }
        other => match export::parse_format(other) {
            Ok(f) => OutputFormat::Rdf(f),
            Err(_) => {
                return Err(Error::input(format!(
                    "unknown results format {name:?}\n  use table, csv, tsv, json or xml (SELECT, ASK), or {} (CONSTRUCT, DESCRIBE)",
                    export::FORMATS
                )))
            }
        },
    })
}

/// The query text: a `.rq` file's content when the argument names a file, else the
/// argument itself.
pub fn query_text(arg: &str) -> Result<(String, String)> {
    let path = Path::new(arg);
    let looks_like_file = arg.ends_with(".rq") || arg.ends_with(".sparql");
    if looks_like_file || (!arg.contains(char::is_whitespace) && path.is_file()) {
        let source = crate::kg::read_file(path, "query")?;
        return Ok((source.name, source.text));
    }
    Ok(("the query".to_owned(), arg.to_owned()))
}

/// Parses and runs a query, writing its results.
pub fn run(
    store: &Store,
    name: &str,
    text: &str,
    format: Option<OutputFormat>,
    entity_ns: &str,
    out: &mut dyn Write,
) -> Result<()> {
    let mut prepared = SparqlEvaluator::new().parse_query(text).map_err(|e| {
        if SparqlEvaluator::new().parse_update(text).is_ok() {
            Error::input(format!(
                "{name}: is a SPARQL UPDATE, and nea-kg query is read-only\n  the graph is rebuilt from the fact sheet on every run: change the sheet instead"
            ))
        } else {
            Error::input(format!("{name}: SPARQL syntax error: {e}\n  fix the query"))
        }
    })?;
    prepared.dataset_mut().set_default_graph_as_union();
    let results = prepared
        .on_store(store)
        .execute()
        .map_err(|e| Error::input(format!("{name}: the query failed: {e}")))?;
    let fail = |e: oxigraph::sparql::QueryEvaluationError| {
        Error::input(format!("{name}: the query failed: {e}"))
    };
    match results {
        QueryResults::Solutions(solutions) => {
            let variables = solutions.variables().to_vec();
            match format.unwrap_or(OutputFormat::Table) {
                OutputFormat::Table => {
                    let mut rows = Vec::new();
                    for s in solutions {
                        let s = s.map_err(fail)?;
                        rows.push(variables.iter().map(|v| s.get(v).cloned()).collect::<Vec<_>>());
                    }
                    let header: Vec<String> = variables.iter().map(|v| v.as_str().to_owned()).collect();
                    write_table(out, &header, &rows, entity_ns).map_err(io)?;
                }
                OutputFormat::Results(f) => {
                    let mut w = QueryResultsSerializer::from_format(f)
                        .serialize_solutions_to_writer(&mut *out, variables)
                        .map_err(io)?;
                    for s in solutions {
                        let s = s.map_err(fail)?;
                        w.serialize(&s).map_err(io)?;
                    }
                    w.finish().map_err(io)?;
                }
                OutputFormat::Rdf(_) => {
                    return Err(Error::input(format!(
                        "{name}: a SELECT query gives a table, not RDF\n  use --format table, csv, tsv, json or xml"
                    )))
                }
            }
        }
        QueryResults::Boolean(b) => match format.unwrap_or(OutputFormat::Table) {
            OutputFormat::Table => writeln!(out, "{b}").map_err(io)?,
            OutputFormat::Results(f) => {
                QueryResultsSerializer::from_format(f)
                    .serialize_boolean_to_writer(&mut *out, b)
                    .map_err(io)?;
            }
            OutputFormat::Rdf(_) => {
                return Err(Error::input(format!(
                    "{name}: an ASK query gives true or false, not RDF\n  use --format table, csv, tsv, json or xml"
                )))
            }
        },
        QueryResults::Graph(triples) => {
            let format = match format {
                None | Some(OutputFormat::Table) => RdfFormat::Turtle,
                Some(OutputFormat::Rdf(f)) => f,
                Some(OutputFormat::Results(_)) => {
                    return Err(Error::input(format!(
                        "{name}: a CONSTRUCT or DESCRIBE query gives a graph\n  use --format {}",
                        export::FORMATS
                    )))
                }
            };
            let triples = triples.collect::<std::result::Result<Vec<Triple>, _>>().map_err(fail)?;
            let quads: Vec<_> = triples.into_iter().map(|t| t.in_graph(oxigraph::model::GraphName::DefaultGraph)).collect();
            export::write(&quads, format, entity_ns, &mut *out).map_err(io)?;
        }
    }
    out.flush().map_err(io)
}

/// Turns a write error into an error; a closed pipe is not one (`| head` is normal).
pub fn io(e: std::io::Error) -> Error {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        Error::broken_pipe()
    } else {
        Error::input(format!("cannot write the output: {e}"))
    }
}

/// A term as a person reads it: IRIs shortened with the known prefixes, literals as
/// their text.
pub fn display(term: &Term, entity_ns: &str) -> String {
    match term {
        Term::NamedNode(n) => {
            let iri = n.as_str();
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
        Term::Literal(l) => l.value().to_owned(),
        Term::BlankNode(b) => format!("_:{}", b.as_str()),
    }
}

fn is_numeric(term: &Term) -> bool {
    use oxigraph::model::vocab::xsd;
    matches!(term, Term::Literal(l) if [xsd::INTEGER, xsd::DECIMAL, xsd::DOUBLE, xsd::FLOAT].contains(&l.datatype()))
}

/// Display width: East Asian wide characters take two columns.
pub fn width(s: &str) -> usize {
    s.chars()
        .map(|c| {
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
        })
        .sum()
}

fn write_table(
    out: &mut dyn Write,
    header: &[String],
    rows: &[Vec<Option<Term>>],
    entity_ns: &str,
) -> std::io::Result<()> {
    let cells: Vec<Vec<(String, bool)>> = rows
        .iter()
        .map(|r| {
            r.iter()
                .map(|t| match t {
                    Some(t) => (
                        display(t, entity_ns).replace(['\n', '\t'], " "),
                        is_numeric(t),
                    ),
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
    let line = |out: &mut dyn Write, cells: &[(String, bool)]| -> std::io::Result<()> {
        let mut s = String::new();
        for (i, (c, right)) in cells.iter().enumerate() {
            let pad = " ".repeat(widths[i] - width(c));
            if i > 0 {
                s.push_str("  ");
            }
            if *right {
                s.push_str(&pad);
                s.push_str(c);
            } else {
                s.push_str(c);
                if i + 1 < cells.len() {
                    s.push_str(&pad);
                }
            }
        }
        writeln!(out, "{}", s.trim_end())
    };
    let head: Vec<(String, bool)> = header.iter().map(|h| (h.clone(), false)).collect();
    line(out, &head)?;
    let rule: Vec<(String, bool)> = widths.iter().map(|w| ("─".repeat(*w), false)).collect();
    line(out, &rule)?;
    for row in &cells {
        line(out, row)?;
    }
    Ok(())
}
