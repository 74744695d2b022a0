//! Loading: the embedded default or the user's files, read and checked, built into the
//! quads of every graph and loaded into an in-memory Oxigraph store.

use crate::cli::InputArgs;
use crate::error::{Error, Result};
use crate::mapping::{self, ArticleInput, Built};
use crate::ontology;
use crate::sheet::Source;
use oxigraph::store::Store;
use std::path::Path;

pub const EMBEDDED_ARTICLE: &str = include_str!("../data/article.txt");
pub const EMBEDDED_FACTS: &str = include_str!("../data/facts.toml");
pub const EMBEDDED_ENTITIES: &str = include_str!("../data/entities.toml");

/// The built graph and the store that holds it.
pub struct Kg {
    pub built: Built,
    pub store: Store,
    pub base: String,
}

fn embedded(name: &str, text: &str) -> Source {
    Source {
        name: format!("<embedded>/{name}"),
        text: text.to_owned(),
    }
}

/// Reads a UTF-8 text file, with messages that say what went wrong and what to do.
pub fn read_file(path: &Path, what: &str) -> Result<Source> {
    let name = path.display().to_string();
    if path.is_dir() {
        return Err(Error::input(format!(
            "{name}: is a folder, not a file\n  give the path of the {what} file"
        )));
    }
    let bytes = std::fs::read(path).map_err(|e| {
        let why = match e.kind() {
            std::io::ErrorKind::NotFound => "no such file".to_owned(),
            std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
            _ => e.to_string(),
        };
        Error::input(format!(
            "{name}: cannot read the {what}: {why}\n  check the path"
        ))
    })?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let (line, column) = crate::error::line_col(
            &String::from_utf8_lossy(&e.as_bytes()[..e.utf8_error().valid_up_to()]),
            e.utf8_error().valid_up_to(),
        );
        Error::input(format!(
            "{name}:{line}:{column}: the {what} is not valid UTF-8 (byte {})\n  convert it to UTF-8 (for example with iconv) and try again",
            e.utf8_error().valid_up_to()
        ))
    })?;
    Ok(Source { name, text })
}

/// The registry, ontology and articles the user asked for, or the embedded default.
pub fn sources(args: &InputArgs) -> Result<(Source, Source, Vec<ArticleInput>)> {
    let registry = match &args.entities {
        Some(p) => read_file(p, "entity registry")?,
        None => embedded("data/entities.toml", EMBEDDED_ENTITIES),
    };
    let ontology = embedded("ontology/nea.ttl", ontology::EMBEDDED);
    let articles = match (args.article.len(), args.facts.len()) {
        (0, 0) => vec![ArticleInput {
            text: embedded("data/article.txt", EMBEDDED_ARTICLE),
            sheet: embedded("data/facts.toml", EMBEDDED_FACTS),
        }],
        (a, f) if a == f => args
            .article
            .iter()
            .zip(&args.facts)
            .map(|(a, f)| {
                Ok(ArticleInput {
                    text: read_file(a, "article")?,
                    sheet: read_file(f, "fact sheet")?,
                })
            })
            .collect::<Result<_>>()?,
        (a, f) => {
            return Err(Error::input(format!(
                "{a} --article and {f} --facts: give them in pairs, one fact sheet for each article"
            )))
        }
    };
    Ok((registry, ontology, articles))
}

impl Kg {
    /// Builds the graph and loads it into a fresh in-memory store.
    pub fn load(args: &InputArgs) -> Result<Self> {
        let (registry, ontology, articles) = sources(args)?;
        let built = mapping::build(&registry, &ontology, &articles, &args.base)?;
        let store =
            Store::new().map_err(|e| Error::input(format!("cannot open the store: {e}")))?;
        store
            .extend(built.quads.iter().cloned())
            .map_err(|e| Error::input(format!("cannot load the store: {e}")))?;
        Ok(Self {
            built,
            store,
            base: args.base.clone(),
        })
    }
}
