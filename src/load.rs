//! Loading: where the graph comes from (the embedded default, the user's files, a corpus
//! folder, or a persistent store built earlier), read, checked and built graph by graph
//! by the core's `Builder`, and indexed in memory (or read from a persistent store). The progress bar and the
//! report of sheets that fail under `--keep-going` live here, at the edge.

use crate::cli::{GraphChoice, InputArgs};
use crate::index::{Graph, Index};
use crate::say;
use anyhow::{anyhow, bail, Result};
use nea_kg_core::iris::GraphKind;
use nea_kg_core::{ArticleInput, Builder, Iris, Source};
use oxigraph::model::{GraphName, Quad};
use oxigraph::store::Store;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};

pub const EMBEDDED_ARTICLE: &str = include_str!("../data/article.txt");
pub const EMBEDDED_FACTS: &str = include_str!("../data/facts.toml");
pub const EMBEDDED_ENTITIES: &str = include_str!("../data/entities.toml");

fn embedded(name: &str, text: &str) -> Source {
    Source::new(format!("<embedded>/{name}"), text)
}

/// The byte-order mark some editors put at the start of a UTF-8 file.
const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Whether a path is `-`, standard input (or output).
pub fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// The bytes of a file, or of standard input for `-`; and the name messages give it.
pub fn read_bytes(path: &Path, what: &str) -> Result<(String, Vec<u8>)> {
    if is_stdin(path) {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin().lock(), &mut bytes)
            .map_err(|e| anyhow!("stdin: cannot read the {what}: {e}"))?;
        crate::explain!("read the {what} from stdin ({} bytes)", bytes.len());
        return Ok(("stdin".to_owned(), bytes));
    }
    let name = path.display().to_string();
    if path.is_dir() {
        bail!("{name}: is a folder, not a file\n  give the path of the {what} file");
    }
    let bytes = std::fs::read(path).map_err(|e| {
        let why = match e.kind() {
            std::io::ErrorKind::NotFound => "no such file".to_owned(),
            std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
            _ => e.to_string(),
        };
        anyhow!("{name}: cannot read the {what}: {why}\n  check the path")
    })?;
    crate::explain!("read the {what} from {name} ({} bytes)", bytes.len());
    Ok((name, bytes))
}

/// Reads a UTF-8 text file (`-`: standard input), with messages that say what went
/// wrong and what to do. A UTF-8 byte-order mark is dropped: the text, its offsets and
/// its checksum start after it.
pub fn read_file(path: &Path, what: &str) -> Result<Source> {
    let (name, mut bytes) = read_bytes(path, what)?;
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        bail!("{name}: the {what} is UTF-16 (it starts with a UTF-16 byte-order mark), not UTF-8\n  convert it to UTF-8 (for example with iconv -f UTF-16 -t UTF-8) and try again");
    }
    let bom = if bytes.starts_with(UTF8_BOM) {
        bytes.drain(..UTF8_BOM.len());
        UTF8_BOM.len()
    } else {
        0
    };
    let text = String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let prefix = String::from_utf8_lossy(&e.as_bytes()[..valid]);
        let (line, column) = nea_kg_core::source::line_col(&prefix, valid);
        anyhow!(
            "{name}:{line}:{column}: the {what} is not valid UTF-8 (byte {})\n  convert it to UTF-8 (for example with iconv) and try again",
            valid + bom
        )
    })?;
    Ok(Source { name, text })
}

/// The registries of `--entities` on top of the built-in one (unless left out), and a
/// builder that has checked them with the ontology: for the commands that read an
/// article without building a graph (draft, coverage).
pub fn registries(entities: &[PathBuf], no_default: bool) -> Result<Builder> {
    let mut sources = Vec::new();
    if !no_default {
        sources.push(embedded("data/entities.toml", EMBEDDED_ENTITIES));
    }
    for p in entities {
        sources.push(read_file(p, "entity registry")?);
    }
    let ontology = embedded("ontology/nea.ttl", nea_kg_core::ontology::EMBEDDED);
    Ok(Builder::new(
        &sources,
        &ontology,
        nea_kg_core::DEFAULT_BASE,
    )?)
}

/// An article's text and its fact sheet, as files.
type Pair = (PathBuf, PathBuf);

/// Where the articles come from.
enum Articles {
    Embedded,
    Files(Vec<Pair>),
}

/// The inputs of a build: the registries (the base first, then each one that adds to
/// it), the ontology and the articles.
pub struct Inputs {
    pub registries: Vec<Source>,
    pub ontology: Source,
    articles: Articles,
}

impl Inputs {
    pub fn from_args(args: &InputArgs) -> Result<Self> {
        let mut registry_paths: Vec<PathBuf> = Vec::new();
        let articles = match (&args.corpus, args.article.len(), args.facts.len()) {
            (Some(dir), 0, 0) => {
                let (pairs, registry) = corpus(dir)?;
                crate::explain!(
                    "the corpus {}: {} article{}{}",
                    dir.display(),
                    pairs.len(),
                    if pairs.len() == 1 { "" } else { "s" },
                    if registry.is_some() {
                        " and its entities.toml"
                    } else {
                        ""
                    }
                );
                registry_paths.extend(registry);
                Articles::Files(pairs)
            }
            (Some(_), _, _) => bail!("--corpus and --article/--facts: give one or the other"),
            (None, 0, 0) => Articles::Embedded,
            (None, a, f) if a == f => Articles::Files(
                args.article
                    .iter()
                    .cloned()
                    .zip(args.facts.iter().cloned())
                    .collect(),
            ),
            (None, a, f) => bail!(
                "{a} --article and {f} --facts: give them in pairs, one fact sheet for each article"
            ),
        };
        registry_paths.extend(args.entities.iter().cloned());
        let mut registries = Vec::new();
        if !args.no_default_entities {
            crate::explain!("the built-in entity registry: the embedded data/entities.toml");
            registries.push(embedded("data/entities.toml", EMBEDDED_ENTITIES));
        }
        for p in &registry_paths {
            registries.push(read_file(p, "entity registry")?);
        }
        crate::explain!("the ontology: the embedded ontology/nea.ttl");
        Ok(Self {
            registries,
            ontology: embedded("ontology/nea.ttl", nea_kg_core::ontology::EMBEDDED),
            articles,
        })
    }

    /// How many articles there are.
    pub fn len(&self) -> usize {
        match &self.articles {
            Articles::Embedded => 1,
            Articles::Files(pairs) => pairs.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The articles, each read when its turn comes.
    pub fn articles(&self) -> Box<dyn Iterator<Item = Result<ArticleInput>> + '_> {
        match &self.articles {
            Articles::Embedded => Box::new(std::iter::once_with(|| {
                crate::explain!(
                    "the article: the embedded default (data/article.txt and data/facts.toml)"
                );
                Ok(ArticleInput {
                    text: embedded("data/article.txt", EMBEDDED_ARTICLE),
                    sheet: embedded("data/facts.toml", EMBEDDED_FACTS),
                })
            })),
            Articles::Files(pairs) => Box::new(pairs.iter().map(|(a, f)| {
                Ok(ArticleInput {
                    text: read_file(a, "article")?,
                    sheet: read_file(f, "fact sheet")?,
                })
            })),
        }
    }
}

/// The articles of a corpus folder: every NAME.txt with its NAME.toml, sorted by name,
/// and the folder's entities.toml if it has one. The folder's layout is checked first,
/// the first problem (in the order of the names) an error: a NAME.txt or entities.toml
/// that is a broken link or a folder, a NAME.txt without its NAME.toml, and a NAME.toml
/// without its NAME.txt (entities.toml, the registry, stands alone).
fn corpus(dir: &Path) -> Result<(Vec<Pair>, Option<PathBuf>)> {
    let name = dir.display();
    if !dir.is_dir() {
        bail!("{name}: is not a folder\n  give --corpus a folder of NAME.txt articles, each with its NAME.toml fact sheet");
    }
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| anyhow!("{name}: cannot read the folder: {e}"))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    let registry = dir.join("entities.toml");
    let mut texts = Vec::new();
    for path in &entries {
        let is_registry = *path == registry;
        if !(has_extension(path, "txt") || is_registry) {
            if has_extension(path, "toml") && !exists(&path.with_extension("txt")) {
                bail!(
                    "{}: a fact sheet without its article: there is no {}\n  put the article beside it, or move the sheet out of the folder (only entities.toml, the registry, stands alone)",
                    path.display(),
                    path.with_extension("txt").display()
                );
            }
            continue;
        }
        let what = if is_registry {
            "the entity registry"
        } else {
            "an article"
        };
        if !path.exists() {
            let target = std::fs::read_link(path)
                .map(|t| format!(" to {}", t.display()))
                .unwrap_or_default();
            bail!(
                "{}: is a broken link{target}\n  restore the file it points to, or remove the link",
                path.display()
            );
        }
        if path.is_dir() {
            bail!(
                "{}: is a folder, not {what}\n  rename it, or move it out of the folder",
                path.display()
            );
        }
        if is_registry {
            continue;
        }
        let sheet = path.with_extension("toml");
        if !exists(&sheet) {
            bail!(
                "{}: an article without its fact sheet: there is no {}\n  write its fact sheet there, or move the article out of the folder",
                path.display(),
                sheet.display()
            );
        }
        texts.push((path.clone(), sheet));
    }
    if texts.is_empty() {
        bail!("{name}: holds no article (NAME.txt)\n  put each article there as NAME.txt with its fact sheet NAME.toml");
    }
    Ok((texts, registry.is_file().then_some(registry)))
}

fn has_extension(path: &Path, ext: &str) -> bool {
    path.extension().is_some_and(|e| e == ext)
}

/// Whether a folder entry is there, as a file, a folder or a link (broken or not).
fn exists(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok()
}

/// A progress bar on stderr for builds that take more than a second; never on a
/// stderr that is not a terminal, nor with --quiet (nor --verbose, whose lines it would
/// overwrite).
struct Progress {
    bar: Option<indicatif::ProgressBar>,
    enabled: bool,
    started: Instant,
    total: u64,
    done: u64,
}

impl Progress {
    fn new(total: usize) -> Self {
        use crate::terminal::{shows, Level};
        Self {
            bar: None,
            enabled: shows(Level::Normal)
                && !shows(Level::Verbose)
                && std::io::stderr().is_terminal(),
            started: Instant::now(),
            total: total as u64,
            done: 0,
        }
    }

    fn step(&mut self) {
        self.done += 1;
        if !self.enabled {
            return;
        }
        if self.bar.is_none() && self.started.elapsed() > Duration::from_secs(1) {
            let bar = indicatif::ProgressBar::new(self.total);
            if let Ok(style) = indicatif::ProgressStyle::with_template(
                "{spinner} building {bar:40} {pos}/{len} graphs, {per_sec}, {eta} left",
            ) {
                bar.set_style(style);
            }
            self.bar = Some(bar);
        }
        if let Some(bar) = &self.bar {
            bar.set_position(self.done);
        }
    }

    fn finish(self) {
        if let Some(bar) = self.bar {
            bar.finish_and_clear();
        }
    }
}

/// What a build produced besides the quads it handed on.
pub struct Built {
    /// Quads in every graph.
    pub quads: usize,
    /// Articles built.
    pub articles: usize,
    /// Sheets that failed under --keep-going (reported on stderr as they failed).
    pub failures: usize,
}

/// Builds the graph, handing each graph's quads to `sink` as soon as it is made. A sheet
/// that fails stops the build, or with --keep-going is reported and left out.
pub fn each_graph(
    args: &InputArgs,
    sink: &mut dyn FnMut(Vec<Quad>) -> Result<()>,
) -> Result<Built> {
    let inputs = Inputs::from_args(args)?;
    let mut builder = Builder::new(&inputs.registries, &inputs.ontology, &args.base)?;
    // The ontology and the dataset description are graphs too.
    let mut progress = Progress::new(inputs.len() + 2);
    let mut failures = 0;
    sink(builder.ontology_graph())?;
    progress.step();
    for input in inputs.articles() {
        let built = input.and_then(|input| builder.article(&input).map_err(anyhow::Error::new));
        match built {
            Ok(quads) => sink(quads)?,
            Err(e) if args.keep_going => {
                say!("error: {}", crate::render(&e));
                failures += 1;
            }
            Err(e) => {
                progress.finish();
                return Err(e);
            }
        }
        progress.step();
    }
    let articles = builder.articles();
    let (metadata, quads) = builder.finish();
    sink(metadata)?;
    progress.step();
    progress.finish();
    Ok(Built {
        quads,
        articles,
        failures,
    })
}

/// The built graph, indexed in memory, or the persistent store that holds it.
pub struct Kg {
    pub graph: Graph,
    pub iris: Iris,
    /// The sheets that failed under --keep-going.
    pub failures: usize,
    /// Whether the store is the persistent one of --store, opened read-only.
    pub read_only: bool,
}

impl Kg {
    /// The graph: the persistent store of --store, or the graph built in memory and
    /// indexed (see `index`).
    pub fn load(args: &InputArgs) -> Result<Self> {
        let iris = Iris::new(&args.base)?;
        if let Some(dir) = &args.store {
            refuse_sources_with_store(args)?;
            crate::explain!("the graph: the store {}", dir.display());
            return Ok(Self {
                graph: Graph::Store(open_store(dir)?),
                iris,
                failures: 0,
                read_only: true,
            });
        }
        let (index, failures) = if is_embedded_default(args) {
            // Built and indexed at compile time: nothing to parse, map, insert or sort.
            crate::explain!("the graph: the embedded default, built when nea-kg was compiled (data/article.txt, data/facts.toml, data/entities.toml, ontology/nea.ttl)");
            (Index::embedded(), 0)
        } else {
            // Each graph's quads are numbered as it is built, then dropped.
            let mut builder = crate::index::Builder::default();
            let built = each_graph(args, &mut |quads| {
                builder.extend(quads);
                Ok(())
            })?;
            (builder.finish(), built.failures)
        };
        Ok(Self {
            graph: Graph::Index(Arc::new(index)),
            iris,
            failures,
            read_only: false,
        })
    }

    /// Ends a command that read the graph: exit status 1 when --keep-going left sheets
    /// out. The store is not freed term by term: the process ends here.
    pub fn finish(self) -> ExitCode {
        let failures = self.failures;
        std::mem::forget(self);
        outcome(failures)
    }
}

/// Every quad: from the persistent store, or built (without a store) for export; and
/// the number of sheets that failed under --keep-going.
pub fn quads(args: &InputArgs) -> Result<(Vec<Quad>, usize)> {
    let mut all = Vec::new();
    let failures = each_graph_anywhere(args, &mut |quads| {
        all.extend(quads);
        Ok(())
    })?;
    Ok((all, failures))
}

/// Hands every graph's quads to `sink`, wherever the graph is: built graph by graph
/// (`each_graph`), the embedded default at once, or a persistent store read graph by
/// graph. Returns the number of sheets that failed under --keep-going.
pub fn each_graph_anywhere(
    args: &InputArgs,
    sink: &mut dyn FnMut(Vec<Quad>) -> Result<()>,
) -> Result<usize> {
    if let Some(dir) = &args.store {
        refuse_sources_with_store(args)?;
        crate::explain!("the graph: the store {}", dir.display());
        let store = open_store(dir)?;
        let fail = |e| anyhow!("{}: cannot read the store: {e}", dir.display());
        let mut graphs: Vec<GraphName> = vec![GraphName::DefaultGraph];
        for g in store.named_graphs() {
            graphs.push(g.map_err(fail)?.into());
        }
        for g in graphs {
            let quads = store
                .quads_for_pattern(None, None, None, Some(g.as_ref()))
                .collect::<std::result::Result<Vec<_>, _>>()
                .map_err(fail)?;
            if !quads.is_empty() {
                sink(quads)?;
            }
        }
        return Ok(0);
    }
    if is_embedded_default(args) {
        crate::explain!("the graph: the embedded default, built when nea-kg was compiled (data/article.txt, data/facts.toml, data/entities.toml, ontology/nea.ttl)");
        sink(crate::embedded::quads().map(Quad::from).collect())?;
        return Ok(0);
    }
    Ok(each_graph(args, sink)?.failures)
}

/// The exit status of a command whose graph lost `failures` sheets under --keep-going:
/// 1, with a message, when it did.
pub fn outcome(failures: usize) -> ExitCode {
    match failures {
        0 => ExitCode::SUCCESS,
        n => {
            say!(
                "error: {n} fact sheet{} failed (shown above); the graph holds the other articles",
                if n == 1 { "" } else { "s" }
            );
            ExitCode::from(1)
        }
    }
}

/// Whether the graph is the embedded default under the default base, which the binary
/// holds ready-made (src/embedded.rs).
pub fn is_embedded_default(args: &InputArgs) -> bool {
    args.store.is_none()
        && args.corpus.is_none()
        && args.article.is_empty()
        && args.facts.is_empty()
        && args.entities.is_empty()
        && !args.no_default_entities
        && args.base == nea_kg_core::DEFAULT_BASE
}

fn refuse_sources_with_store(args: &InputArgs) -> Result<()> {
    if args.corpus.is_some() || !args.article.is_empty() || !args.facts.is_empty() {
        bail!("--store and --article/--facts/--corpus: the store already holds its graph; give one or the other\n  to build a store from articles, use `nea-kg build --store DIR`");
    }
    Ok(())
}

/// Opens a persistent store read-only.
#[cfg(feature = "rocksdb")]
pub fn open_store(dir: &Path) -> Result<Store> {
    if !dir.join("CURRENT").is_file() {
        bail!(
            "{}: is not a store\n  build one with `nea-kg build --store {}`",
            dir.display(),
            dir.display()
        );
    }
    use anyhow::Context;
    Store::open_read_only(dir).with_context(|| format!("{}: cannot open the store", dir.display()))
}

/// Without the rocksdb feature there is no persistent store.
#[cfg(not(feature = "rocksdb"))]
pub fn open_store(dir: &Path) -> Result<Store> {
    Err(without_rocksdb(dir))
}

#[cfg(not(feature = "rocksdb"))]
pub fn without_rocksdb(dir: &Path) -> anyhow::Error {
    anyhow!(
        "{}: this nea-kg was built without persistent stores\n  rebuild it with `cargo build --release --features rocksdb` (it needs libclang-dev)",
        dir.display()
    )
}

/// The quads of the chosen graphs.
pub fn select(quads: Vec<Quad>, choice: GraphChoice, iris: &Iris) -> Vec<Quad> {
    if choice == GraphChoice::All {
        return quads;
    }
    quads
        .into_iter()
        .filter(|q| {
            let kind = match &q.graph_name {
                oxigraph::model::GraphName::NamedNode(g) => iris.graph_kind(g.as_str()),
                _ => GraphKind::Article,
            };
            matches!(
                (choice, kind),
                (GraphChoice::Article, GraphKind::Article)
                    | (GraphChoice::Entities, GraphKind::Entities)
                    | (GraphChoice::Ontology, GraphKind::Ontology)
                    | (GraphChoice::Metadata, GraphKind::Metadata)
            )
        })
        .collect()
}
