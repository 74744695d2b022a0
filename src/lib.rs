//! nea-kg, the command: the core crate (`nea-kg-core`) reads and checks fact sheets and
//! maps them to quads; this crate loads them into an Oxigraph store and does what the
//! user asked with it.
//!
//! Every arrow points down the pipeline:
//!
//! ```text
//! main -> commands::* -> load (inputs -> core Builder -> store)
//!                     -> sparql (parse, dataset, bounds) -> output::{results, table, rdf, file}
//!                     -> shacl, push's HTTP client
//! ```
//! `cli` holds the clap definitions only; `terminal`, `limits` and `cleanup` are the
//! edge's safety: what may reach a terminal, how much memory and stack a query gets,
//! and what is removed when the process is interrupted.

pub mod algebra;
pub mod card;
pub mod cleanup;
pub mod cli;
pub mod commands;
#[cfg(feature = "rocksdb")]
pub mod compact;
pub mod embedded;
pub mod gsp;
pub mod index;
pub mod limits;
pub mod load;
pub mod order;
pub mod output;
pub mod serve;
pub mod shacl;
pub mod shipped;
pub mod sparql;
pub mod synth;
pub mod terminal;
pub mod view;

/// An error for people: each cause's first line joined with `: ` (what was being done,
/// then why it failed), then the advice lines (`  do this`) of every cause, in order.
pub fn render(error: &anyhow::Error) -> String {
    let mut heads = Vec::new();
    let mut advice = Vec::new();
    for cause in error.chain() {
        let text = cause.to_string();
        match text.split_once('\n') {
            Some((head, rest)) => {
                heads.push(head.to_owned());
                advice.push(rest.to_owned());
            }
            None => heads.push(text),
        }
    }
    let mut out = heads.join(": ");
    for a in advice {
        out.push('\n');
        out.push_str(&a);
    }
    out
}

/// Is this error, anywhere in its chain, a write to a closed pipe (`nea-kg … | head`)?
pub fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use anyhow::Context;

    #[test]
    fn causes_then_advice() {
        let e = Err::<(), _>(std::io::Error::other("disk full"))
            .context("kg.ttl: cannot write\n  check the free space")
            .unwrap_err();
        assert_eq!(
            render(&e),
            "kg.ttl: cannot write: disk full\n  check the free space"
        );
    }

    #[test]
    fn a_closed_pipe_is_found_under_context() {
        let e = Err::<(), _>(std::io::Error::from(std::io::ErrorKind::BrokenPipe))
            .context("writing the results")
            .unwrap_err();
        assert!(is_broken_pipe(&e));
        assert!(!is_broken_pipe(&anyhow::anyhow!("other")));
    }
}
