//! nea-kg: an article and its curated fact sheet in, an RDF knowledge graph out, every
//! fact grounded in the exact words of the article.
//!
//! The layers, pure where they can be: `sheet` reads the TOML, `ground` locates quotes
//! and names in the text, `mapping` turns both into quads, `kg` loads them into an
//! Oxigraph store, `export` and `query` write them out. For the embedded default the
//! mapping runs at compile time (build.rs) and `embedded` holds its quads ready-made.
//! Only `run` knows about the terminal.

pub mod cli;
pub mod describe;
pub mod embedded;
pub mod error;
pub mod export;
pub mod ground;
pub mod kg;
pub mod mapping;
pub mod ontology;
pub mod push;
pub mod query;
pub mod run;
pub mod shacl;
pub mod sheet;
pub mod shipped;
pub mod synth;
pub mod validate;
pub mod vocab;
