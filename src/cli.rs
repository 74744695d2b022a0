//! The command line, as the user types it: clap definitions only, so the help text is
//! the doc comments and nothing else parses flags. `config.rs` turns these into the
//! real configuration.

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

/// nea-kg turns an article into an RDF knowledge graph in an embedded Oxigraph store,
/// every fact grounded in the exact words of the article.
///
/// With no --article/--facts, it works on the embedded default: "Confidence builder"
/// (China Watch / China Daily) on China-Japan-ROK cooperation and the lessons of ASEAN.
#[derive(Debug, Parser)]
#[command(name = "nea-kg", version, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Write the whole graph as RDF (Turtle to stdout by default).
    Export(ExportArgs),
    /// Run a SPARQL query (SELECT, ASK, CONSTRUCT or DESCRIBE) over all graphs.
    Query(QueryArgs),
}

/// Where the graph comes from.
#[derive(Debug, Args)]
pub struct InputArgs {
    /// An article's text (UTF-8). Give --facts with it; repeat both for several articles.
    #[arg(long, value_name = "FILE", global = true)]
    pub article: Vec<PathBuf>,
    /// The article's fact sheet (TOML, see docs/fact-sheet.md), in the order of --article.
    #[arg(long, value_name = "FILE", global = true)]
    pub facts: Vec<PathBuf>,
    /// The entity registry (TOML) [default: the embedded data/entities.toml].
    #[arg(long, value_name = "FILE", global = true)]
    pub entities: Option<PathBuf>,
    /// The base IRI under which every resource's IRI is built.
    #[arg(long, value_name = "IRI", global = true, default_value = crate::mapping::DEFAULT_BASE)]
    pub base: String,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The RDF format: ttl, nt, nq or trig (a file extension or a media type)
    /// [default: from the output file's extension, else ttl].
    #[arg(long, short = 'f', value_name = "FORMAT")]
    pub format: Option<String>,
    /// Write to this file (atomically: a temporary file, then a rename) instead of stdout.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub input: InputArgs,
}

#[derive(Debug, Args)]
pub struct QueryArgs {
    /// The query: SPARQL text, or the path of a .rq file.
    #[arg(value_name = "QUERY")]
    pub query: String,
    /// Results format: table, csv, tsv, json or xml for SELECT and ASK; ttl, nt, nq or
    /// trig for CONSTRUCT and DESCRIBE [default: table, or ttl for graph results].
    #[arg(long, short = 'f', value_name = "FORMAT")]
    pub format: Option<String>,
    #[command(flatten)]
    pub input: InputArgs,
}
