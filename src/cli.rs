//! The command line, as the user types it: clap definitions only, so the help text is
//! the doc comments and nothing else parses flags. Each command's module under
//! `commands/` takes its arguments from here.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// nea-kg turns an article into an RDF knowledge graph in an embedded Oxigraph store,
/// every fact grounded in the exact words of the article.
///
/// With no --article/--facts, it works on the embedded default: "Confidence builder"
/// (China Watch / China Daily) on China-Japan-ROK cooperation and the lessons of ASEAN.
#[derive(Debug, Parser)]
#[command(name = "nea-kg", version, long_version = LONG_VERSION, max_term_width = 100)]
pub struct Cli {
    /// Print nothing but errors (no progress bar, no summary, no notes).
    #[arg(long, short = 'q', global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Say what is loaded from where: each file read, the embedded default, the corpus,
    /// the store.
    #[arg(long, short = 'v', global = true)]
    pub verbose: bool,
    #[command(subcommand)]
    pub command: Command,
}

/// What `--version` prints after the name: the version, the Oxigraph it is built on (as
/// Cargo.lock pins it, read by build.rs) and the optional features compiled in.
pub const LONG_VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    "\noxigraph ",
    env!("NEA_KG_OXIGRAPH_VERSION"),
    "\nfeatures: rocksdb ",
    env!("NEA_KG_ROCKSDB"),
);

/// The version of the manual page: the program's, without the features of one build
/// (the shipped pages are the same whichever features the binary that wrote them has).
pub const MAN_VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    "\noxigraph ",
    env!("NEA_KG_OXIGRAPH_VERSION"),
);

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
    /// Build a persistent store (RocksDB) in DIR from the articles, with Oxigraph's bulk
    /// loader; every command then takes --store DIR. Needs the rocksdb feature.
    #[command(mut_arg("store", |a| a.help(BUILD_STORE_HELP)))]
    Build(BuildArgs),
    /// Check the graph (or any RDF file) against the SHACL shapes and the article's text;
    /// exit status 1 when it does not conform.
    Validate(ValidateArgs),
    /// Load the graph into a triple store over the SPARQL 1.1 Graph Store HTTP Protocol.
    #[command(after_long_help = PUSH_HELP)]
    Push(PushArgs),
    /// Serve the graph until stopped: a read-only SPARQL 1.1 endpoint, the graph's
    /// resources as linked data, and pages that show the article with its evidence.
    #[command(after_long_help = SERVE_HELP)]
    Serve(ServeArgs),
    /// Write the completion script of a shell to stdout (also shipped in
    /// docs/completions/).
    #[command(after_long_help = COMPLETIONS_HELP)]
    Completions(CompletionsArgs),
    /// Write a manual page (roff) to stdout: nea-kg's, or one command's (also shipped in
    /// docs/man/).
    #[command(after_long_help = MAN_HELP)]
    Man(ManArgs),
    /// Draft a fact sheet for an article from its text and the registry: every item
    /// quotes the article and is marked `draft = true` until a person confirms it.
    #[command(after_long_help = DRAFT_HELP)]
    Draft(DraftArgs),
    /// Show which sentences of an article its sheet covers (facts, claims, figures,
    /// mentions, skips) and which nothing covers; exit status 1 below --min.
    Coverage(CoverageArgs),
}

const DRAFT_HELP: &str = "Examples:
  nea-kg draft --article report.txt -o report.toml
  nea-kg draft --article corpus/report.txt --entities corpus/entities.toml
  nea-kg draft --article report.txt --merge report.toml -o report.toml --force

The loop: draft, confirm or delete each item (delete its `draft = true` line), build
(nea-kg validate --article … --facts …), check coverage, repeat. See docs/draft.md.";

/// The registries a draft or a coverage report reads.
#[derive(Debug, Args)]
pub struct RegistryArgs {
    /// An entity registry (TOML) that adds to the built-in one; repeat it for several.
    #[arg(long, value_name = "FILE")]
    pub entities: Vec<PathBuf>,
    /// Leave the built-in registry out.
    #[arg(long)]
    pub no_default_entities: bool,
}

#[derive(Debug, Args)]
pub struct DraftArgs {
    /// The article's text (UTF-8), its headline on the first line.
    #[arg(long, value_name = "FILE")]
    pub article: PathBuf,
    #[command(flatten)]
    pub registries: RegistryArgs,
    /// Write the draft to FILE (atomically) instead of stdout; an existing file is kept
    /// unless --force.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Let -o replace an existing file.
    #[arg(long)]
    pub force: bool,
    /// The date of publication (YYYY, YYYY-MM or YYYY-MM-DD), when the text does not
    /// give it: dates without a year ("March 24") and relative dates ("last week") are
    /// resolved against it, and marked inferred.
    #[arg(long, value_name = "DATE")]
    pub published: Option<String>,
    /// An existing sheet: write it followed by drafts of only what it does not cover
    /// yet.
    #[arg(long, value_name = "SHEET")]
    pub merge: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct CoverageArgs {
    /// The article's text (UTF-8).
    #[arg(long, value_name = "FILE")]
    pub article: PathBuf,
    /// Its fact sheet (items still marked `draft = true` count: coverage shows what a
    /// sheet being confirmed covers).
    #[arg(long, value_name = "FILE")]
    pub facts: PathBuf,
    #[command(flatten)]
    pub registries: RegistryArgs,
    /// Report: text (a line per sentence) or json.
    #[arg(long, short = 'f', value_enum, default_value = "text")]
    pub format: ReportFormat,
    /// Exit with status 1 when less than this share of the sentences (0 to 100) is
    /// covered.
    #[arg(long, value_name = "PERCENT")]
    pub min: Option<f64>,
}

impl Command {
    /// The command's inputs, for the commands that read a graph.
    pub fn input(&self) -> Option<&InputArgs> {
        match self {
            Self::Export(a) => Some(&a.input),
            Self::Query(a) => Some(&a.input),
            Self::Queries | Self::Completions(_) | Self::Man(_) => None,
            Self::Describe(a) => Some(&a.input),
            Self::Build(a) => Some(&a.input),
            Self::Validate(a) => Some(&a.input),
            Self::Push(a) => Some(&a.input),
            Self::Serve(a) => Some(&a.input),
            Self::Draft(_) | Self::Coverage(_) => None,
        }
    }
}

const COMPLETIONS_HELP: &str = "\
Examples:
  nea-kg completions bash > ~/.local/share/bash-completion/completions/nea-kg
  nea-kg completions zsh > ~/.zfunc/_nea-kg        # with fpath+=(~/.zfunc) in .zshrc
  nea-kg completions fish > ~/.config/fish/completions/nea-kg.fish
  nea-kg completions powershell >> $PROFILE";

const MAN_HELP: &str = "\
Examples:
  nea-kg man | man -l -
  nea-kg man export > nea-kg-export.1";

/// `--store` of `build`: the store it makes, where every other command reads one.
const BUILD_STORE_HELP: &str =
    "The folder to build the store in: a new one (an existing folder is refused)";

const PUSH_HELP: &str = "\
Each named graph goes to ENDPOINT?graph=<its IRI>, as N-Triples; --into IRI sends the
union to one graph and --into-default to ENDPOINT?default. POST merges into what the
store holds (no blank nodes, so a second push adds nothing); --replace uses PUT.

A push writes only where it says: an endpoint with a #fragment, or whose query already
names graph= or default, is refused before anything is sent; a redirect is followed only
to the same origin and to a URL that names the same graph. A push that fails part-way
says which graphs went in and which did not (with --replace: which keep their old
content), and exits with status 2.

Credentials: --user or NEA_KG_USER, and the password in NEA_KG_PASSWORD (never on the
command line, never printed). Over plain http:// the password goes only to this machine
(127.0.0.0/8, ::1, localhost), unless --allow-insecure-auth. https:// trusts the
system's certificate store (or SSL_CERT_FILE / SSL_CERT_DIR), or only the CA
certificates of --cacert FILE (PEM), as curl does.

Endpoints:
  Oxigraph server  http://localhost:7878/store
  Fuseki           http://localhost:3030/DATASET/data
  GraphDB          http://localhost:7200/repositories/REPO/rdf-graphs/service
  Virtuoso         http://localhost:8890/sparql-graph-crud-auth (needs --user)";

const SERVE_HELP: &str = "\
Paths:
  /                the article with every evidence span highlighted (the articles, for a corpus)
  /id/rok, ...     every resource under the base IRI: HTML for a browser, RDF for a client
                   that asks for it (Accept: text/turtle, application/ld+json, ...)
  /entities        the entities, sortable by type and mentions
  /timeline        everything the articles date
  /query           a query page, with the shipped queries
  /sparql          the SPARQL 1.1 Protocol: GET ?query=, POST (form or
                   application/sparql-query), default-graph-uri and named-graph-uri,
                   results as JSON, XML, CSV, TSV or any RDF format (Accept, or format=);
                   without a query, the service description
  /store           the Graph Store Protocol, read side: ?graph=IRI, ?default (the union)

Read-only: an update is refused with 403, as is SERVICE; nothing writes. Each query is
stopped after --timeout seconds, and the memory bound (--max-memory) holds for the whole
process. One line per request goes to stderr. Ctrl-C or SIGTERM stops the server once
the requests in progress are answered.

Examples:
  nea-kg serve
  nea-kg serve --bind 127.0.0.1:0          # any free port; the URL is printed
  nea-kg serve --corpus DIR --cors
  curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * WHERE { ?s ?p ?o } LIMIT 3' http://127.0.0.1:7878/sparql";

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
  time     http://www.w3.org/2006/time#
  vann     http://purl.org/vocab/vann/
  void     http://rdfs.org/ns/void#
  wd       http://www.wikidata.org/entity/
  xsd      http://www.w3.org/2001/XMLSchema#
The base IRI of a query is --base.

Examples:
  nea-kg query cq01
  nea-kg query 'SELECT ?label WHERE { kg:rok skos:altLabel ?label }'
  nea-kg query entity-claims --bind entity=ASEAN --format csv
  nea-kg query my-query.rq --timeout 5";

/// Where the graph comes from.
#[derive(Debug, Clone, Args)]
pub struct InputArgs {
    /// An article's text (UTF-8), or - for stdin. Give --facts with it; repeat both for
    /// several articles.
    #[arg(long, value_name = "FILE", global = true)]
    pub article: Vec<PathBuf>,
    /// The article's fact sheet (TOML, see docs/fact-sheet.md), in the order of
    /// --article; - for stdin.
    #[arg(long, value_name = "FILE", global = true)]
    pub facts: Vec<PathBuf>,
    /// An entity registry (TOML) that adds entities, aliases and shared events to the
    /// built-in one (data/entities.toml); repeat it to add several, in order; - for stdin.
    #[arg(long, value_name = "FILE", global = true)]
    pub entities: Vec<PathBuf>,
    /// Leave the built-in registry out: the registries are only those of --entities
    /// (and the corpus's entities.toml), as for articles about another region.
    #[arg(long, global = true)]
    pub no_default_entities: bool,
    /// A folder of articles: each NAME.txt with its fact sheet NAME.toml, and an entity
    /// registry entities.toml (added to the built-in one) if it holds one. Each article
    /// gets its own named graph.
    #[arg(long, value_name = "DIR", global = true)]
    pub corpus: Option<PathBuf>,
    /// Build the articles whose sheets are sound, report the others, and exit 1 (without
    /// it, one failing sheet stops everything and nothing is loaded).
    #[arg(long, global = true)]
    pub keep_going: bool,
    /// Use the persistent store in DIR (made by `nea-kg build --store DIR`) instead of
    /// building the graph in memory. Needs a nea-kg built with the rocksdb feature.
    #[arg(long, value_name = "DIR", global = true)]
    pub store: Option<PathBuf>,
    /// The base IRI under which every resource's IRI is built.
    #[arg(long, value_name = "IRI", global = true, default_value = nea_kg_core::DEFAULT_BASE)]
    pub base: String,
    /// The most memory the program may use (512M, 4G, ...): a query that needs more is
    /// stopped with a message [default: half the machine's memory].
    #[arg(long, value_name = "SIZE", global = true)]
    pub max_memory: Option<String>,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The RDF format: ttl, nt, nq, trig, rdf (RDF/XML), jsonld (compact, the union of
    /// the graphs) or jsonld-dataset (compact, the named graphs kept), as an extension or
    /// a media type; add .gz to compress (nq.gz) [default: from the output file's
    /// extension, kg.nq.gz say, else ttl].
    #[arg(long, short = 'f', value_name = "FORMAT")]
    pub format: Option<String>,
    /// Which graphs: the article graphs, the entities they name, the ontology, the
    /// dataset description (metadata), or all. Formats without named graphs get their union.
    #[arg(
        long = "graphs",
        alias = "graph",
        value_enum,
        default_value = "all",
        value_name = "CHOICE"
    )]
    pub graphs: GraphChoice,
    /// Write to this file (atomically: a temporary file, then a rename) instead of
    /// stdout; - is stdout.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Leave the articles' text (schema:text) out: for a graph shared where the text's
    /// rights do not allow it (the rights stay with the publisher; see the dataset
    /// description's dcterms:rights).
    #[arg(long)]
    pub no_text: bool,
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
    /// `VALUES ?NAME { … }` block with the string VALUE; a block that holds an IRI is an
    /// entity's, and VALUE is then one of its names, its id or its IRI.
    #[arg(long, value_name = "NAME=VALUE")]
    pub bind: Vec<String>,
    /// Results format: table, csv, tsv, json or xml for SELECT and ASK; ttl, nt, nq, trig,
    /// rdf (RDF/XML) or jsonld for CONSTRUCT and DESCRIBE [default: table, or ttl for
    /// graph results].
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
    #[arg(long, short = 'f', value_enum, default_value = "text")]
    pub format: ReportFormat,
    #[command(flatten)]
    pub input: InputArgs,
}

/// A choice of named graphs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GraphChoice {
    /// Every article's graph: its facts, claims, mentions and evidence.
    Article,
    /// The entities the articles name (types, labels, Wikidata links), one graph shared
    /// by all the articles.
    Entities,
    /// The ontology.
    Ontology,
    /// The dataset description (VoID, DCAT, PROV).
    Metadata,
    /// All of them.
    All,
}

#[derive(Debug, Args)]
pub struct PushArgs {
    /// The store's Graph Store Protocol endpoint (http:// or https://).
    #[arg(long, value_name = "URL")]
    pub endpoint: String,
    /// Send the union of the graphs into this one named graph instead.
    #[arg(
        long,
        alias = "graph",
        value_name = "IRI",
        conflicts_with = "into_default"
    )]
    pub into: Option<String>,
    /// Send the union of the graphs into the store's default graph instead.
    #[arg(long, alias = "default-graph")]
    pub into_default: bool,
    /// Replace what each target graph holds (PUT) instead of merging into it (POST).
    #[arg(long)]
    pub replace: bool,
    /// The user for HTTP basic authentication [env: NEA_KG_USER]; the password is read
    /// from NEA_KG_PASSWORD.
    #[arg(long, value_name = "USER")]
    pub user: Option<String>,
    /// Send the password over plain http:// to a host that is not this machine (not
    /// 127.0.0.0/8, ::1 or localhost), where it would cross the network in clear text.
    #[arg(long)]
    pub allow_insecure_auth: bool,
    /// Trust the store's certificate if the CA certificate(s) in FILE (PEM) signed it,
    /// instead of the system's certificate store, as curl --cacert does; - for stdin.
    #[arg(long, value_name = "FILE")]
    pub cacert: Option<PathBuf>,
    /// Give up on a request after this many seconds.
    #[arg(long, value_name = "SECONDS", default_value_t = 60.0)]
    pub timeout: f64,
    /// Which graphs to push.
    #[arg(
        long = "graphs",
        value_enum,
        default_value = "all",
        value_name = "CHOICE"
    )]
    pub graphs: GraphChoice,
    #[command(flatten)]
    pub input: InputArgs,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The address to listen on, IP:PORT (port 0 picks a free one).
    #[arg(long, value_name = "ADDRESS", default_value = "127.0.0.1:7878")]
    pub bind: String,
    /// Listen on an address other machines can reach (one that is not loopback), where
    /// anyone on the network can read the graph.
    #[arg(long)]
    pub allow_remote: bool,
    /// Let pages of any other site query the endpoint from a browser
    /// (Access-Control-Allow-Origin: *).
    #[arg(long)]
    pub cors: bool,
    /// Stop a query after this many seconds (decimals allowed).
    #[arg(long, value_name = "SECONDS", default_value_t = 30.0)]
    pub timeout: f64,
    #[command(flatten)]
    pub input: InputArgs,
}

#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Validate this RDF file (any format `export` writes, by its extension; .gz too), or
    /// - for stdin (with --data-format), instead of the graph built from the article.
    #[arg(long, value_name = "FILE")]
    pub data: Option<PathBuf>,
    /// The format of --data: ttl, nt, nq, trig, rdf or jsonld, as an extension or a media
    /// type, with .gz if compressed [default: from the file's extension].
    #[arg(long, value_name = "FORMAT", requires = "data")]
    pub data_format: Option<String>,
    /// The SHACL shapes (Turtle), or - for stdin [default: the embedded ontology/shapes.ttl].
    #[arg(long, value_name = "FILE")]
    pub shapes: Option<PathBuf>,
    /// Add this RDF file (an ontology, say: the class hierarchy that sh:class and
    /// sh:targetClass follow) to the data graph; may be repeated.
    #[arg(long, value_name = "FILE")]
    pub ontology: Vec<PathBuf>,
    /// Add the shipped ontology (ontology/nea.ttl) to the data graph: for a file that
    /// holds only some graphs (`export --graphs entities`), so the shapes see its classes'
    /// hierarchy.
    #[arg(long)]
    pub with_ontology: bool,
    /// Report: text (a line per violation), json, or a SHACL validation report
    /// (sh:ValidationReport) as ttl or jsonld.
    #[arg(long, short = 'f', value_enum, default_value = "text")]
    pub format: ValidateFormat,
    #[command(flatten)]
    pub input: InputArgs,
}

/// How `validate` reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ValidateFormat {
    /// A line per violation, for people.
    Text,
    /// For scripts.
    Json,
    /// A SHACL validation report in Turtle.
    Ttl,
    /// A SHACL validation report in JSON-LD.
    Jsonld,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// The command whose page to write (export, query, ...) [default: nea-kg's own page].
    #[arg(value_name = "COMMAND")]
    pub command: Option<String>,
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub input: InputArgs,
}

/// How `describe` and `validate` report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// For people.
    Text,
    /// For scripts.
    Json,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_help_lists_every_predeclared_prefix() {
        for (prefix, iri) in nea_kg_core::vocab::PREFIXES {
            let line = format!("  {prefix:<8} {iri}");
            assert!(
                PREDECLARED.contains(&line),
                "`nea-kg query --help` lacks {line:?}"
            );
        }
        assert!(PREDECLARED.contains("  kg       the entities: <BASE>id/"));
    }

    #[test]
    fn the_command_line_is_well_formed() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }
}
