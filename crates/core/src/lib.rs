//! nea-kg-core: an article and its curated fact sheet in, the quads of an RDF knowledge
//! graph out, every fact grounded in the exact words of the article. Pure: text in,
//! quads or typed errors out; nothing here knows about files, terminals or stores.
//!
//! The pipeline, one module a step:
//!
//! ```text
//! sheet (TOML -> types) -> check (+ ground, ontology, vocab) -> model -> emit -> quads
//!                                                 builder: graph by graph, + dataset
//! ```

pub mod builder;
pub mod check;
pub mod coverage;
pub mod dataset;
pub mod draft;
pub mod emit;
pub mod error;
pub mod ground;
pub mod iris;
pub mod model;
pub mod numbers;
pub mod ontology;
pub mod orders;
pub mod sheet;
pub mod source;
#[cfg(test)]
pub mod testing;
pub mod vocab;

pub use builder::{build_all, Builder};
pub use check::ArticleInput;
pub use error::{Error, ErrorKind, Errors};
pub use iris::{Iris, DEFAULT_BASE};
pub use source::Source;
