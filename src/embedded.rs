//! The graph of the embedded default, built at compile time (see build.rs) by the same
//! mapping that builds any other article: the binary reads these tables (strings, IRIs
//! and literals numbered in sorted order, the quads, and the quads sorted in the six
//! orders of the index) instead of parsing the ontology and the sheets and mapping
//! them on every run, and queries them where they are, without a store.

use oxrdf::{LiteralRef, NamedNodeRef, QuadRef, Term, TermRef};

mod tables {
    include!(concat!(env!("OUT_DIR"), "/embedded-graph.rs"));
}

fn text(start: u32, end: u32) -> &'static str {
    &tables::STRINGS[start as usize..end as usize]
}

/// The term numbered `id`: an IRI below `NODES.len()`, a literal from there on.
pub fn term_ref(id: u32) -> Option<TermRef<'static>> {
    let id = id as usize;
    if let Some(&(start, end)) = tables::NODES.get(id) {
        return Some(NamedNodeRef::new_unchecked(text(start, end)).into());
    }
    let &(kind, a, b, c, d) = tables::LITERALS.get(id - tables::NODES.len())?;
    Some(
        match kind {
            0 => LiteralRef::new_simple_literal(text(a, b)),
            1 => LiteralRef::new_language_tagged_literal_unchecked(text(a, b), text(c, d)),
            _ => LiteralRef::new_typed_literal(text(a, b), NamedNodeRef::new_unchecked(text(c, d))),
        }
        .into(),
    )
}

/// The number of a term, if the embedded graph holds it: found by binary search, as the
/// tables are sorted (see build.rs).
pub fn id(term: &Term) -> Option<u32> {
    match term {
        Term::NamedNode(n) => tables::NODES
            .binary_search_by(|&(start, end)| text(start, end).cmp(n.as_str()))
            .ok()
            .map(|i| i as u32),
        Term::Literal(l) => {
            let (kind, extra) = if let Some(lang) = l.language() {
                (1, lang)
            } else if l.datatype() == oxrdf::vocab::xsd::STRING {
                (0, "")
            } else {
                (2, l.datatype().as_str())
            };
            tables::LITERALS
                .binary_search_by(|&(k, a, b, c, d)| {
                    text(a, b)
                        .cmp(l.value())
                        .then(k.cmp(&kind))
                        .then_with(|| text(c, d).cmp(extra))
                })
                .ok()
                .map(|i| (tables::NODES.len() + i) as u32)
        }
        _ => None,
    }
}

/// The quads in the six orders of the index, sorted, each quad once.
pub fn orders() -> [&'static [[u32; 4]]; 6] {
    tables::ORDERS
}

/// The quads of the embedded default, borrowing the strings compiled into the binary.
pub fn quads() -> impl ExactSizeIterator<Item = QuadRef<'static>> {
    let named = |id: u32| match term_ref(id) {
        Some(TermRef::NamedNode(n)) => n,
        _ => unreachable!("build.rs numbers the IRIs first"),
    };
    tables::QUADS.iter().map(move |&[s, p, o, g]| {
        QuadRef::new(
            named(s),
            named(p),
            term_ref(o).expect("build.rs numbers every term"),
            named(g),
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

    /// Every term is found again by its number, and no other term has one.
    #[test]
    fn every_term_is_found_by_its_number() {
        let mut id = 0;
        while let Some(term) = super::term_ref(id) {
            assert_eq!(super::id(&term.into_owned()), Some(id), "{term}");
            id += 1;
        }
        assert!(id > 1000);
        let absent = oxrdf::Literal::new_simple_literal("no article says this");
        assert_eq!(super::id(&absent.into()), None);
        let iri = oxrdf::NamedNode::new_unchecked("https://example.org/absent");
        assert_eq!(super::id(&iri.into()), None);
    }
}
