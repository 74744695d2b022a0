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
    #[command(after_long_help = PREDECLARED)]
    Query(QueryArgs),
    /// List the shipped queries and the questions they answer.
    Queries,
    /// Show one entity: its names in every language, types, relations, events and the
    /// sentences of the article that support them.
    Describe(DescribeArgs),
}

/// The prefixes a query may use without declaring them (kept in step with
/// `vocab::PREFIXES` by a test).
pub const PREDECLARED: &str = "\
Predeclared prefixes (a query may use them without PREFIX):
  dcat     http://www.w3.org/ns/dcat#
  dcterms  http://purl.org/dc/terms/
  kg       the entities: <BASE>id/ (https://w3id.org/nea-kg/id/ by default)
  nea      https://w3id.org/nea-kg/ontology#
  oa       http://www.w3.org/ns/oa#
  owl      http://www.w3.org/2002/07/owl#
  prov     http://www.w3.org/ns/prov#
  rdf      http://www.w3.org/1999/02/22-rdf-syntax-ns#
  rdfs     http://www.w3.org/2000/01/rdf-schema#
  schema   http://schema.org/
  skos     http://www.w3.org/2004/02/skos/core#
  vann     http://purl.org/vocab/vann/
  void     http://rdfs.org/ns/void#
  wd       http://www.wikidata.org/entity/
  xsd      http://www.w3.org/2001/XMLSchema#
The base IRI of a query is --base.

Examples:
  nea-kg query cq01
  nea-kg query 'SELECT ?label WHERE { kg:rok skos:altLabel ?label }'
  nea-kg query entity-claims --bind name=ASEAN --format csv
  nea-kg query my-query.rq --timeout 5";

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
    /// The query: a shipped query's name or unique prefix (cq01; see `nea-kg queries`),
    /// the path of a .rq file, SPARQL text, or - for stdin.
    #[arg(value_name = "QUERY")]
    pub query: String,
    /// Stop the query after this many seconds (decimals allowed), while results stream too.
    #[arg(long, value_name = "SECONDS")]
    pub timeout: Option<f64>,
    /// Set a parameter of the query: NAME=VALUE replaces the values of its
    /// `VALUES ?NAME { … }` block with the string VALUE.
    #[arg(long, value_name = "NAME=VALUE")]
    pub bind: Vec<String>,
    /// Results format: table, csv, tsv, json or xml for SELECT and ASK; ttl, nt, nq or
    /// trig for CONSTRUCT and DESCRIBE [default: table, or ttl for graph results].
    #[arg(long, short = 'f', value_name = "FORMAT")]
    pub format: Option<String>,
    #[command(flatten)]
    pub input: InputArgs,
}

#[derive(Debug, Args)]
pub struct DescribeArgs {
    /// The entity: a label or alias in any language (ROK, 韩国, "Trilateral Cooperation
    /// Secretariat"), its id (rok), or its IRI.
    #[arg(value_name = "NAME")]
    pub name: String,
    /// Output: text (a card for people) or json (for scripts).
    #[arg(long, short = 'f', value_name = "FORMAT", default_value = "text")]
    pub format: String,
    #[command(flatten)]
    pub input: InputArgs,
}
