//! The graph of the embedded default, built at compile time (see build.rs) by the same
//! mapping that builds any other article: the binary loads these tables into its store
//! instead of parsing the ontology and the sheets and mapping them on every run.

use oxrdf::{LiteralRef, NamedNodeRef, QuadRef, TermRef};

mod tables {
    include!(concat!(env!("OUT_DIR"), "/embedded-graph.rs"));
}

fn text(start: u32, end: u32) -> &'static str {
    &tables::STRINGS[start as usize..end as usize]
}

/// The quads of the embedded default, borrowing the strings compiled into the binary.
pub fn quads() -> impl ExactSizeIterator<Item = QuadRef<'static>> {
    let nodes: Vec<NamedNodeRef<'static>> = tables::NODES
        .iter()
        .map(|&(start, end)| NamedNodeRef::new_unchecked(text(start, end)))
        .collect();
    let literals: Vec<LiteralRef<'static>> = tables::LITERALS
        .iter()
        .map(|&(kind, a, b, c, d)| match kind {
            0 => LiteralRef::new_simple_literal(text(a, b)),
            1 => LiteralRef::new_language_tagged_literal_unchecked(text(a, b), text(c, d)),
            _ => LiteralRef::new_typed_literal(text(a, b), NamedNodeRef::new_unchecked(text(c, d))),
        })
        .collect();
    tables::QUADS.iter().map(move |&[s, p, o, g]| {
        let object: TermRef<'static> = if o & tables::LITERAL == 0 {
            nodes[o as usize].into()
        } else {
            literals[(o & !tables::LITERAL) as usize].into()
        };
        QuadRef::new(
            nodes[s as usize],
            nodes[p as usize],
            object,
            nodes[g as usize],
        )
    })
}

#[cfg(test)]
mod tests {
    use crate::cli::InputArgs;
    use oxrdf::Quad;

    /// The tables hold exactly what the mapping builds at run time from the same files.
    #[test]
    fn the_compiled_graph_is_the_one_the_mapping_builds() {
        let args = InputArgs {
            article: Vec::new(),
            facts: Vec::new(),
            entities: Vec::new(),
            no_default_entities: false,
            corpus: None,
            keep_going: false,
            store: None,
            base: nea_kg_core::DEFAULT_BASE.to_owned(),
            max_memory: None,
        };
        assert!(crate::load::is_embedded_default(&args));
        let mut built = Vec::new();
        crate::load::each_graph(&args, &mut |quads| {
            built.extend(quads);
            Ok(())
        })
        .unwrap();
        let mut compiled: Vec<Quad> = super::quads().map(Quad::from).collect();
        assert!(compiled.len() > 4000);
        built.sort_by_cached_key(|q| q.to_string());
        compiled.sort_by_cached_key(|q| q.to_string());
        assert_eq!(compiled, built);
    }
}
