//! Query results as the user asked for them: SELECT and ASK as the table or the standard
//! results formats (CSV, TSV, SPARQL JSON, SPARQL XML), CONSTRUCT and DESCRIBE in any
//! RDF format. Solutions stream in every format but the table (which must see every row
//! to align them); a graph is sorted when it is small enough to sort before its first
//! byte, and streams as the engine gives it otherwise, so `| head` ends it at once.

use crate::index::Graph;
use crate::output::{rdf, table};
use anyhow::{anyhow, bail, Result};
use nea_kg_core::error::quoted;
use oxigraph::io::RdfFormat;
use oxigraph::model::{GraphName, Triple};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::{QueryEvaluationError, QueryResults};
use std::io::{IsTerminal, Write};

/// How results are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Table,
    Results(QueryResultsFormat),
    Rdf(RdfFormat),
}

/// The results format from `--format`.
pub fn parse_format(name: &str) -> Result<Format> {
    Ok(match name.to_ascii_lowercase().as_str() {
        "table" => Format::Table,
        "csv" | "text/csv" => Format::Results(QueryResultsFormat::Csv),
        "tsv" | "text/tab-separated-values" => Format::Results(QueryResultsFormat::Tsv),
        "json" | "srj" | "application/sparql-results+json" => {
            Format::Results(QueryResultsFormat::Json)
        }
        "xml" | "srx" | "application/sparql-results+xml" => {
            Format::Results(QueryResultsFormat::Xml)
        }
        other => match rdf::parse_format(other) {
            Ok(f) => Format::Rdf(f),
            Err(_) => bail!(
                "unknown results format {}\n  use table, csv, tsv, json or xml (SELECT, ASK), or {} (CONSTRUCT, DESCRIBE)",
                quoted(name),
                rdf::FORMATS
            ),
        },
    })
}

/// A graph result up to this many triples is sorted before it is written.
pub const SORTED_UP_TO: usize = 100_000;

/// What the writing of results needs besides them.
pub struct Writing<'a> {
    /// The query's name, for messages.
    pub name: &'a str,
    pub format: Option<Format>,
    /// For the table: the graph to read entity labels from.
    pub graph: &'a Graph,
    pub entity_ns: &'a str,
    /// Turns an evaluation error met while reading the results into a message.
    pub fail: &'a dyn Fn(QueryEvaluationError) -> anyhow::Error,
}

/// Writes the results of a query.
pub fn write(results: QueryResults<'_>, w: &Writing<'_>, out: &mut dyn Write) -> Result<()> {
    let name = w.name;
    let fail = w.fail;
    match results {
        QueryResults::Solutions(solutions) => {
            let variables = solutions.variables().to_vec();
            match w.format.unwrap_or(Format::Table) {
                Format::Table => {
                    let mut rows = Vec::new();
                    for s in solutions {
                        let s = s.map_err(fail)?;
                        rows.push(variables.iter().map(|v| s.get(v).cloned()).collect::<Vec<_>>());
                    }
                    let header: Vec<String> =
                        variables.iter().map(|v| v.as_str().to_owned()).collect();
                    let names =
                        table::Names::new(w.graph, w.entity_ns, rows.iter().flatten().flatten());
                    let width = std::io::stdout()
                        .is_terminal()
                        .then(|| terminal_size::terminal_size().map(|(w, _)| w.0 as usize))
                        .flatten();
                    table::write_table(out, &header, &rows, &names, width)?;
                }
                Format::Results(f) => {
                    let mut serializer = QueryResultsSerializer::from_format(f)
                        .serialize_solutions_to_writer(&mut *out, variables)?;
                    for s in solutions {
                        let s = s.map_err(fail)?;
                        serializer.serialize(&s)?;
                    }
                    serializer.finish()?;
                    // CSV and TSV end each row with a line break already.
                    if matches!(f, QueryResultsFormat::Json | QueryResultsFormat::Xml) {
                        final_newline(out)?;
                    }
                }
                Format::Rdf(_) => bail!(
                    "{name}: a SELECT query gives a table, not RDF\n  use --format table, csv, tsv, json or xml"
                ),
            }
        }
        QueryResults::Boolean(b) => match w.format.unwrap_or(Format::Table) {
            Format::Table => writeln!(out, "{b}")?,
            Format::Results(f) => {
                QueryResultsSerializer::from_format(f).serialize_boolean_to_writer(&mut *out, b)?;
                // Every format writes the boolean without a line break, CSV and TSV too.
                final_newline(out)?;
            }
            Format::Rdf(_) => bail!(
                "{name}: an ASK query gives true or false, not RDF\n  use --format table, csv, tsv, json or xml"
            ),
        },
        QueryResults::Graph(mut triples) => {
            let format = match w.format {
                None | Some(Format::Table) => RdfFormat::Turtle,
                Some(Format::Rdf(f)) => f,
                Some(Format::Results(_)) => bail!(
                    "{name}: a CONSTRUCT or DESCRIBE query gives a graph\n  use --format {}",
                    rdf::FORMATS
                ),
            };
            let mut head: Vec<Triple> = Vec::new();
            for t in triples.by_ref() {
                head.push(t.map_err(fail)?);
                if head.len() > SORTED_UP_TO {
                    break;
                }
            }
            if head.len() <= SORTED_UP_TO {
                let quads: Vec<_> = head
                    .into_iter()
                    .map(|t| t.in_graph(GraphName::DefaultGraph))
                    .collect();
                rdf::check_format(&quads, format, w.entity_ns)?;
                rdf::write(&quads, format, w.entity_ns, &mut *out)?;
            } else {
                crate::note!(
                    "{name}: more than {SORTED_UP_TO} triples: written as the engine gives them, not sorted"
                );
                rdf::write_streaming(head, triples, format, w.entity_ns, &mut *out).map_err(
                    |e| match e {
                        rdf::StreamError::Read(e) => fail(e),
                        rdf::StreamError::Write(e) => anyhow!(e),
                    },
                )?;
            }
        }
    }
    out.flush()?;
    Ok(())
}

/// Results end with a line break, as every text file should, in every format (Oxigraph's
/// serializers end JSON, XML and a boolean's CSV and TSV without one).
fn final_newline(out: &mut dyn Write) -> std::io::Result<()> {
    out.write_all(b"\n")
}
