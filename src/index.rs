//! The graph held in memory for reading: every quad as four term numbers, sorted in six
//! orders, so that any pattern of bound and free positions is one binary search and a
//! contiguous run of matches. Queries run on it with Oxigraph's own SPARQL engine
//! (`spareval`, through its `QueryableDataset` trait), the engine a store runs them
//! with, so answers are the same; what differs is that nothing is inserted.
//!
//! Why not Oxigraph's in-memory store: inserting is most of the time of a query of the
//! embedded default (the tables of that graph are compiled in, see build.rs and
//! `embedded`), and the store finds a subject's quads by walking every quad about it in
//! every graph, so an entity named in N articles costs N steps per lookup and a corpus
//! query grows as N². Here a lookup is a binary search whatever N is.
//!
//! The persistent store (`--store`) and the server keep Oxigraph's `Store`; `Graph`
//! is either.

use anyhow::{anyhow, Result};
use hashbrown::HashTable;
use oxigraph::model::{
    BlankNode, GraphName, GraphNameRef, Literal, NamedNode, NamedNodeRef, NamedOrBlankNode,
    NamedOrBlankNodeRef, Quad, Term, TermRef,
};
use oxigraph::store::Store;
use spareval::{InternalQuad, QueryableDataset};
use std::borrow::Cow;
use std::convert::Infallible;
use std::hash::{Hash, Hasher};
use std::sync::{Arc, OnceLock};

/// The six orders (SPOG, POSG, OSPG, GSPO, GPOS, GOSP), shared with build.rs, which
/// writes the embedded graph in them.
use nea_kg_core::orders::ORDERS;

/// The number of the default graph in the graph position.
const DEFAULT_GRAPH: u32 = u32::MAX;

/// Where the terms are.
enum Terms {
    /// The tables compiled into the binary (`embedded`).
    Embedded,
    /// Terms of a graph built or read at run time.
    Owned(Table),
}

/// Terms numbered in the order they came, held as one string and ranges of it (a
/// corpus has millions of terms: one allocation each would fragment the heap and slow
/// every allocation after them), with a hash table from a term to its number.
#[derive(Default, Clone)]
struct Table {
    text: String,
    /// Each term's kind (see `parts`), and where its value and its tag or datatype are
    /// in `text`: `text[start..middle]` and `text[middle..end]`.
    terms: Vec<(u8, usize, usize, usize)>,
    ids: HashTable<u32>,
}

const IRI: u8 = 0;
const BLANK: u8 = 1;
const SIMPLE: u8 = 2;
const TAGGED: u8 = 3;
const TYPED: u8 = 4;

/// A term as a kind and two strings: the IRI, blank node id or value, and the language
/// tag or datatype IRI of a literal (empty otherwise).
pub(crate) fn parts(term: TermRef<'_>) -> (u8, &str, &str) {
    match term {
        TermRef::NamedNode(n) => (IRI, n.as_str(), ""),
        TermRef::BlankNode(b) => (BLANK, b.as_str(), ""),
        TermRef::Literal(l) => match l.language() {
            Some(tag) => (TAGGED, l.value(), tag),
            None if l.datatype() == oxigraph::model::vocab::xsd::STRING => (SIMPLE, l.value(), ""),
            None => (TYPED, l.value(), l.datatype().as_str()),
        },
    }
}

fn hash((kind, value, extra): (u8, &str, &str)) -> u64 {
    let mut hasher = rustc_hash::FxHasher::default();
    (kind, value, extra).hash(&mut hasher);
    hasher.finish()
}

impl Table {
    fn parts(&self, id: u32) -> (u8, &str, &str) {
        let (kind, start, middle, end) = self.terms[id as usize];
        (kind, &self.text[start..middle], &self.text[middle..end])
    }

    fn find(&self, term: TermRef<'_>) -> Option<u32> {
        let key = parts(term);
        self.ids
            .find(hash(key), |&id| self.parts(id) == key)
            .copied()
    }

    fn number(&mut self, term: TermRef<'_>) -> u32 {
        let key = parts(term);
        let h = hash(key);
        if let Some(&id) = self.ids.find(h, |&id| self.parts(id) == key) {
            return id;
        }
        let id = u32::try_from(self.terms.len()).expect("fewer than 4 billion terms");
        let start = self.text.len();
        self.text.push_str(key.1);
        let middle = self.text.len();
        self.text.push_str(key.2);
        self.terms.push((key.0, start, middle, self.text.len()));
        let Self { text, terms, ids } = self;
        ids.insert_unique(h, id, |&id| {
            let (kind, start, middle, end) = terms[id as usize];
            hash((kind, &text[start..middle], &text[middle..end]))
        });
        id
    }

    fn term(&self, id: u32) -> Term {
        let (kind, value, extra) = self.parts(id);
        from_parts(kind, value, extra)
    }
}

/// The term `parts` made these of.
pub(crate) fn from_parts(kind: u8, value: &str, extra: &str) -> Term {
    match kind {
        IRI => NamedNode::new_unchecked(value).into(),
        BLANK => BlankNode::new_unchecked(value).into(),
        SIMPLE => Literal::new_simple_literal(value).into(),
        TAGGED => Literal::new_language_tagged_literal_unchecked(value, extra).into(),
        _ => Literal::new_typed_literal(value, NamedNode::new_unchecked(extra)).into(),
    }
}

/// A read-only graph, indexed. Quads are a set: a quad given twice is there once.
pub struct Index {
    terms: Terms,
    /// The quads in each order of `ORDERS`, as the order's key (the numbers permuted),
    /// sorted: the first is filled when the index is made, the others when first read.
    orders: [OnceLock<Cow<'static, [[u32; 4]]>>; 6],
}

impl Index {
    /// The embedded default, from the tables compiled into the binary: nothing to sort.
    pub fn embedded() -> Self {
        let orders = crate::embedded::orders().map(|o| OnceLock::from(Cow::Borrowed(o)));
        Self {
            terms: Terms::Embedded,
            orders,
        }
    }

    /// Any quads, in any order, repeats allowed.
    pub fn new(quads: impl IntoIterator<Item = Quad>) -> Self {
        let mut builder = Builder::default();
        builder.extend(quads);
        builder.finish()
    }

    /// This graph with more quads (the server's description of its endpoint).
    pub fn extended(&self, more: Vec<Quad>) -> Self {
        let mut builder = match &self.terms {
            Terms::Owned(table) => Builder {
                table: table.clone(),
                spog: self.order(0).to_vec(),
            },
            Terms::Embedded => {
                let mut builder = Builder::default();
                builder.extend(crate::embedded::quads().map(Quad::from));
                builder
            }
        };
        builder.extend(more);
        builder.finish()
    }

    /// How many quads.
    pub fn len(&self) -> usize {
        self.order(0).len()
    }

    /// Whether it holds no quad.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The quads sorted in order `k` of `ORDERS` (sorted now if they were not yet).
    fn order(&self, k: usize) -> &[[u32; 4]] {
        self.orders[k].get_or_init(|| {
            let spog = self.order(0);
            let o = ORDERS[k];
            let mut keys: Vec<[u32; 4]> = spog
                .iter()
                .map(|q| [q[o[0]], q[o[1]], q[o[2]], q[o[3]]])
                .collect();
            keys.sort_unstable();
            Cow::Owned(keys)
        })
    }

    /// The term numbered `id`.
    fn term(&self, id: u32) -> Term {
        match &self.terms {
            Terms::Embedded => crate::embedded::term_ref(id)
                .expect("a number the index gave")
                .into_owned(),
            Terms::Owned(table) => table.term(id),
        }
    }

    /// The number of a term, if the graph holds it.
    fn id(&self, term: &Term) -> Option<u32> {
        match &self.terms {
            Terms::Embedded => crate::embedded::id(term),
            Terms::Owned(table) => table.find(term.as_ref()),
        }
    }

    /// Where the quads that match a pattern are: the order whose key starts with the
    /// most bound positions, and the run of its keys that start with their values.
    /// `None` leaves a position free.
    fn locate(&self, pattern: [Option<u32>; 4]) -> (usize, std::ops::Range<usize>) {
        let (k, bound) = (0..ORDERS.len())
            .map(|k| {
                let bound = ORDERS[k]
                    .iter()
                    .take_while(|&&at| pattern[at].is_some())
                    .count();
                (k, bound)
            })
            .max_by_key(|&(k, bound)| (bound, std::cmp::Reverse(k)))
            .expect("six orders");
        let keys = self.order(k);
        let mut prefix = [0; 4];
        for (i, &at) in ORDERS[k][..bound].iter().enumerate() {
            prefix[i] = pattern[at].expect("bound");
        }
        let prefix = &prefix[..bound];
        let start = keys.partition_point(|key| &key[..bound] < prefix);
        let end = start + keys[start..].partition_point(|key| &key[..bound] == prefix);
        (k, start..end)
    }

    /// The quads that match a pattern, as numbers (subject, predicate, object, graph):
    /// a free graph means any named graph, not the default graph (as
    /// `QueryableDataset` has it).
    fn matches(&self, pattern: [Option<u32>; 4]) -> impl Iterator<Item = [u32; 4]> + '_ {
        let (k, run) = self.locate(pattern);
        self.order(k)[run]
            .iter()
            .filter_map(move |&key| fit(k, key, pattern))
    }

    /// The quads that match a pattern, as terms.
    pub fn quads_for_pattern(
        &self,
        subject: Option<NamedOrBlankNodeRef<'_>>,
        predicate: Option<NamedNodeRef<'_>>,
        object: Option<TermRef<'_>>,
        graph_name: Option<GraphNameRef<'_>>,
    ) -> Vec<Quad> {
        let mut pattern = [None; 4];
        for (at, term) in [
            subject.map(|s| Term::from(s.into_owned())),
            predicate.map(|p| Term::from(p.into_owned())),
            object.map(TermRef::into_owned),
        ]
        .into_iter()
        .enumerate()
        {
            if let Some(term) = term {
                match self.id(&term) {
                    Some(id) => pattern[at] = Some(id),
                    None => return Vec::new(),
                }
            }
        }
        let any_graph = graph_name.is_none();
        if let Some(g) = graph_name {
            pattern[3] = match g {
                GraphNameRef::DefaultGraph => Some(DEFAULT_GRAPH),
                GraphNameRef::NamedNode(n) => match self.id(&n.into_owned().into()) {
                    Some(id) => Some(id),
                    None => return Vec::new(),
                },
                GraphNameRef::BlankNode(b) => match self.id(&b.into_owned().into()) {
                    Some(id) => Some(id),
                    None => return Vec::new(),
                },
            };
        }
        let quads = self.matches(pattern).map(|q| self.quad(q)).collect();
        if any_graph {
            // Here a free graph is every graph, the default one too (as `Store` has it).
            let mut all: Vec<Quad> = quads;
            pattern[3] = Some(DEFAULT_GRAPH);
            all.extend(self.matches(pattern).map(|q| self.quad(q)));
            return all;
        }
        quads
    }

    /// Every quad, in the order of their numbers.
    pub fn quads(&self) -> Vec<Quad> {
        self.order(0).iter().map(|&q| self.quad(q)).collect()
    }

    /// The named graphs.
    pub fn named_graphs(&self) -> Vec<NamedOrBlankNode> {
        self.graph_ids()
            .into_iter()
            .filter_map(|g| match self.term(g) {
                Term::NamedNode(n) => Some(n.into()),
                Term::BlankNode(b) => Some(b.into()),
                _ => None,
            })
            .collect()
    }

    /// The numbers of the named graphs.
    fn graph_ids(&self) -> Vec<u32> {
        let gspo = self.order(3);
        let mut graphs = Vec::new();
        let mut at = 0;
        while let Some(key) = gspo.get(at) {
            let g = key[0];
            if g != DEFAULT_GRAPH {
                graphs.push(g);
            }
            at += gspo[at..].partition_point(|k| k[0] == g);
        }
        graphs
    }

    fn quad(&self, [s, p, o, g]: [u32; 4]) -> Quad {
        let subject = match self.term(s) {
            Term::NamedNode(n) => NamedOrBlankNode::from(n),
            Term::BlankNode(b) => b.into(),
            other => unreachable!("a subject that is neither an IRI nor a blank node: {other}"),
        };
        let Term::NamedNode(predicate) = self.term(p) else {
            unreachable!("a predicate that is not an IRI")
        };
        let graph = match g {
            DEFAULT_GRAPH => GraphName::DefaultGraph,
            g => match self.term(g) {
                Term::NamedNode(n) => n.into(),
                Term::BlankNode(b) => b.into(),
                other => unreachable!("a graph name that is a literal: {other}"),
            },
        };
        Quad::new(subject, predicate, self.term(o), graph)
    }
}

/// An index being filled: terms numbered as they come, so that a graph's quads can be
/// dropped once added (a corpus never holds its quads twice).
#[derive(Default)]
pub struct Builder {
    table: Table,
    spog: Vec<[u32; 4]>,
}

impl Builder {
    /// Adds quads.
    pub fn extend(&mut self, quads: impl IntoIterator<Item = Quad>) {
        for q in quads {
            let table = &mut self.table;
            let g = match q.graph_name.as_ref() {
                GraphNameRef::DefaultGraph => DEFAULT_GRAPH,
                GraphNameRef::NamedNode(n) => table.number(n.into()),
                GraphNameRef::BlankNode(b) => table.number(b.into()),
            };
            let quad = [
                table.number(q.subject.as_ref().into()),
                table.number(q.predicate.as_ref().into()),
                table.number(q.object.as_ref()),
                g,
            ];
            self.spog.push(quad);
        }
    }

    /// The index: its first order sorted, each quad once.
    pub fn finish(self) -> Index {
        let mut spog = self.spog;
        spog.sort_unstable();
        spog.dedup();
        let orders = [(); 6].map(|()| OnceLock::new());
        let _ = orders[0].set(Cow::Owned(spog));
        Index {
            terms: Terms::Owned(self.table),
            orders,
        }
    }
}

/// A key of order `k` turned back into (s, p, o, g), if it fits the pattern: the bound
/// positions the key does not start with are checked here, and a free graph is any
/// named graph (the default graph's quads are left out).
fn fit(k: usize, key: [u32; 4], pattern: [Option<u32>; 4]) -> Option<[u32; 4]> {
    let mut quad = [0; 4];
    for (i, &at) in ORDERS[k].iter().enumerate() {
        quad[at] = key[i];
    }
    let fits = quad
        .iter()
        .zip(pattern)
        .all(|(&v, bound)| bound.is_none_or(|b| b == v));
    (fits && (pattern[3].is_some() || quad[3] != DEFAULT_GRAPH)).then_some(quad)
}

/// A term as the engine holds it: the number of a term of the graph, or a term the
/// graph does not hold (a constant of the query, a computed value). A term the graph
/// holds is always given by its number, so equality of terms is equality here.
#[derive(Clone, PartialEq, Eq, Hash)]
pub enum Id {
    Known(u32),
    Other(Box<Term>),
}

/// The index as the engine reads it: shared, so that results can outlive a borrow.
#[derive(Clone)]
pub struct Dataset(pub Arc<Index>);

/// The iterator the engine gets for a pattern: a position in the run of matching keys,
/// holding the index.
struct Run {
    index: Arc<Index>,
    order: usize,
    at: usize,
    end: usize,
    pattern: [Option<u32>; 4],
}

impl Iterator for Run {
    type Item = Result<InternalQuad<Id>, Infallible>;

    fn next(&mut self) -> Option<Self::Item> {
        let keys = self.index.order(self.order);
        while self.at < self.end {
            let key = keys[self.at];
            self.at += 1;
            if let Some([s, p, o, g]) = fit(self.order, key, self.pattern) {
                return Some(Ok(InternalQuad {
                    subject: Id::Known(s),
                    predicate: Id::Known(p),
                    object: Id::Known(o),
                    graph_name: (g != DEFAULT_GRAPH).then_some(Id::Known(g)),
                }));
            }
        }
        None
    }
}

impl QueryableDataset<'static> for Dataset {
    type InternalTerm = Id;
    type Error = Infallible;

    fn internal_quads_for_pattern(
        &self,
        subject: Option<&Id>,
        predicate: Option<&Id>,
        object: Option<&Id>,
        graph_name: Option<Option<&Id>>,
    ) -> impl Iterator<Item = Result<InternalQuad<Id>, Infallible>> + use<> {
        let mut pattern = [None; 4];
        let mut absent = false;
        for (at, term) in [subject, predicate, object].into_iter().enumerate() {
            match term {
                Some(Id::Known(id)) => pattern[at] = Some(*id),
                Some(Id::Other(_)) => absent = true,
                None => {}
            }
        }
        match graph_name {
            Some(Some(Id::Known(g))) => pattern[3] = Some(*g),
            Some(Some(Id::Other(_))) => absent = true,
            Some(None) => pattern[3] = Some(DEFAULT_GRAPH),
            None => {}
        }
        let index = Arc::clone(&self.0);
        let (order, run) = if absent {
            (0, 0..0)
        } else {
            index.locate(pattern)
        };
        Run {
            index,
            order,
            at: run.start,
            end: run.end,
            pattern,
        }
    }

    fn internal_named_graphs(&self) -> impl Iterator<Item = Result<Id, Infallible>> + use<> {
        self.0.graph_ids().into_iter().map(|g| Ok(Id::Known(g)))
    }

    fn contains_internal_graph_name(&self, graph_name: &Id) -> Result<bool, Infallible> {
        Ok(match graph_name {
            Id::Known(g) => {
                *g != DEFAULT_GRAPH && !self.0.locate([None, None, None, Some(*g)]).1.is_empty()
            }
            Id::Other(_) => false,
        })
    }

    fn internalize_term(&self, term: Term) -> Result<Id, Infallible> {
        Ok(match self.0.id(&term) {
            Some(id) => Id::Known(id),
            None => Id::Other(Box::new(term)),
        })
    }

    fn externalize_term(&self, term: Id) -> Result<Term, Infallible> {
        Ok(match term {
            Id::Known(id) => self.0.term(id),
            Id::Other(term) => *term,
        })
    }
}

/// The graph a command reads: an index in memory, or Oxigraph's store.
#[derive(Clone)]
pub enum Graph {
    Index(Arc<Index>),
    Store(Store),
}

impl Graph {
    /// The quads that match a pattern (a free graph is every graph).
    pub fn quads_for_pattern(
        &self,
        subject: Option<NamedOrBlankNodeRef<'_>>,
        predicate: Option<NamedNodeRef<'_>>,
        object: Option<TermRef<'_>>,
        graph_name: Option<GraphNameRef<'_>>,
    ) -> Result<Vec<Quad>> {
        match self {
            Self::Index(index) => {
                Ok(index.quads_for_pattern(subject, predicate, object, graph_name))
            }
            Self::Store(store) => store
                .quads_for_pattern(subject, predicate, object, graph_name)
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| anyhow!("cannot read the store: {e}")),
        }
    }

    /// Every quad.
    pub fn quads(&self) -> Result<Vec<Quad>> {
        match self {
            Self::Index(index) => Ok(index.quads()),
            Self::Store(store) => store
                .iter()
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| anyhow!("cannot read the store: {e}")),
        }
    }

    /// The named graphs, sorted by name.
    pub fn named_graphs(&self) -> Result<Vec<NamedOrBlankNode>> {
        let mut graphs = match self {
            Self::Index(index) => index.named_graphs(),
            Self::Store(store) => store
                .named_graphs()
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| anyhow!("cannot read the store: {e}"))?,
        };
        graphs.sort_by_cached_key(ToString::to_string);
        Ok(graphs)
    }

    /// Whether the graph holds a named graph of this name.
    pub fn contains_named_graph(&self, name: NamedNodeRef<'_>) -> Result<bool> {
        match self {
            Self::Index(index) => Ok(index
                .id(&name.into_owned().into())
                .is_some_and(|g| !index.locate([None, None, None, Some(g)]).1.is_empty())),
            Self::Store(store) => store
                .contains_named_graph(name)
                .map_err(|e| anyhow!("cannot read the store: {e}")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::model::{Literal, NamedNode};

    fn n(s: &str) -> NamedNode {
        NamedNode::new_unchecked(format!("https://example.org/{s}"))
    }

    /// Build.rs writes the embedded graph in these orders.
    #[test]
    fn the_embedded_orders_are_the_index_orders() {
        let embedded = Index::embedded();
        let built = Index::new(crate::embedded::quads().map(Quad::from));
        assert_eq!(embedded.len(), built.len());
        for k in 0..ORDERS.len() {
            let mut a: Vec<Quad> = embedded
                .order(k)
                .iter()
                .map(|&key| unkey(&embedded, k, key))
                .collect();
            let mut b: Vec<Quad> = built
                .order(k)
                .iter()
                .map(|&key| unkey(&built, k, key))
                .collect();
            a.sort_by_cached_key(ToString::to_string);
            b.sort_by_cached_key(ToString::to_string);
            assert_eq!(a, b, "order {k}");
            assert!(embedded.order(k).is_sorted(), "order {k}");
        }
    }

    /// Every shipped query answers the same, row for row, on the index as on Oxigraph's
    /// store holding the same quads: the embedded default and the example corpus.
    #[test]
    fn every_shipped_query_answers_as_the_store_does() {
        use crate::sparql::{self, Context};
        use oxigraph::sparql::QueryResults;
        let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/corpus");
        for source in [None, Some(corpus)] {
            let args = crate::cli::InputArgs {
                article: Vec::new(),
                facts: Vec::new(),
                entities: Vec::new(),
                no_default_entities: false,
                corpus: source.clone(),
                keep_going: false,
                store: None,
                base: nea_kg_core::DEFAULT_BASE.to_owned(),
                max_memory: None,
            };
            let kg = crate::load::Kg::load(&args).unwrap();
            let index = kg.graph.clone();
            let store = oxigraph::store::Store::new().unwrap();
            store.extend(kg.graph.quads().unwrap()).unwrap();
            let store = Graph::Store(store);
            let context = Context {
                base: kg.iris.base().to_owned(),
                entity_ns: kg.iris.entity_namespace(),
                timeout: None,
                dataset: None,
            };
            let answer = |graph: &Graph, text: &str| -> Vec<String> {
                match sparql::parse("q", text, &context)
                    .unwrap()
                    .execute(graph)
                    .unwrap()
                {
                    QueryResults::Solutions(rows) => rows
                        .map(|row| {
                            let row = row.unwrap();
                            row.iter().map(|(v, t)| format!("{v}={t} ")).collect()
                        })
                        .collect(),
                    QueryResults::Boolean(b) => vec![b.to_string()],
                    QueryResults::Graph(triples) => {
                        let mut t: Vec<String> = triples.map(|t| t.unwrap().to_string()).collect();
                        t.sort();
                        t
                    }
                }
            };
            for (name, text) in crate::shipped::QUERIES {
                let on_index = answer(&index, text);
                assert!(
                    !on_index.is_empty() || name.starts_with("entity"),
                    "{name}: no rows"
                );
                assert_eq!(on_index, answer(&store, text), "{name} on {source:?}");
            }
            // A query with two FROM graphs (their merge) and one with FROM NAMED.
            let graphs: Vec<String> = index
                .quads()
                .unwrap()
                .iter()
                .map(|q| q.graph_name.to_string())
                .collect::<std::collections::BTreeSet<_>>()
                .into_iter()
                .collect();
            let merged = format!(
                "SELECT ?p (COUNT(*) AS ?n) FROM {} FROM {} WHERE {{ ?s ?p ?o }} GROUP BY ?p ORDER BY ?p",
                graphs[0], graphs[1]
            );
            assert_eq!(answer(&index, &merged), answer(&store, &merged));
            let named = format!(
                "SELECT ?g (COUNT(*) AS ?n) FROM NAMED {} WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }} GROUP BY ?g",
                graphs[1]
            );
            assert_eq!(answer(&index, &named), answer(&store, &named));
        }
    }

    fn unkey(index: &Index, k: usize, key: [u32; 4]) -> Quad {
        let mut quad = [0; 4];
        for (i, &at) in ORDERS[k].iter().enumerate() {
            quad[at] = key[i];
        }
        index.quad(quad)
    }

    /// An extended index holds its quads and the new ones, each once, whether it was
    /// compiled in or built.
    #[test]
    fn an_extended_index_holds_both() {
        let more = vec![
            Quad::new(n("s"), n("p"), n("o"), n("g")),
            Quad::new(n("s"), n("p"), n("o"), n("g")),
        ];
        for index in [
            Index::embedded(),
            Index::new(crate::embedded::quads().map(Quad::from)),
        ] {
            let extended = index.extended(more.clone());
            assert_eq!(extended.len(), index.len() + 1);
            let found = extended.quads_for_pattern(Some(n("s").as_ref().into()), None, None, None);
            assert_eq!(found, more[..1]);
            assert!(Graph::Index(Arc::new(extended))
                .contains_named_graph(n("g").as_ref())
                .unwrap());
        }
    }

    /// Every combination of bound positions finds exactly the quads a scan finds.
    #[test]
    fn every_pattern_finds_what_a_scan_finds() {
        let lit = Literal::new_simple_literal("x");
        let quads = vec![
            Quad::new(n("a"), n("p"), n("b"), n("g1")),
            Quad::new(n("a"), n("p"), n("b"), n("g2")),
            Quad::new(n("a"), n("q"), lit.clone(), n("g1")),
            Quad::new(n("b"), n("p"), n("a"), GraphName::DefaultGraph),
            Quad::new(n("a"), n("p"), n("b"), n("g1")),
        ];
        let index = Index::new(quads.clone());
        assert_eq!(index.len(), 4);
        let mut distinct = quads.clone();
        distinct.sort_by_cached_key(ToString::to_string);
        distinct.dedup();
        let subjects = [None, Some(n("a")), Some(n("b")), Some(n("z"))];
        let predicates = [None, Some(n("p")), Some(n("q"))];
        let objects: [Option<Term>; 4] = [
            None,
            Some(n("b").into()),
            Some(lit.into()),
            Some(n("a").into()),
        ];
        let graphs = [
            None,
            Some(GraphName::DefaultGraph),
            Some(n("g1").into()),
            Some(n("g2").into()),
        ];
        for s in &subjects {
            for p in &predicates {
                for o in &objects {
                    for g in &graphs {
                        let mut found = index.quads_for_pattern(
                            s.as_ref().map(|s| s.as_ref().into()),
                            p.as_ref().map(NamedNode::as_ref),
                            o.as_ref().map(Term::as_ref),
                            g.as_ref().map(GraphName::as_ref),
                        );
                        found.sort_by_cached_key(ToString::to_string);
                        let expected: Vec<Quad> = distinct
                            .iter()
                            .filter(|q| {
                                s.as_ref().is_none_or(|s| q.subject == s.clone().into())
                                    && p.as_ref().is_none_or(|p| q.predicate == *p)
                                    && o.as_ref().is_none_or(|o| q.object == *o)
                                    && g.as_ref().is_none_or(|g| q.graph_name == *g)
                            })
                            .cloned()
                            .collect();
                        assert_eq!(found, expected, "{s:?} {p:?} {o:?} {g:?}");
                    }
                }
            }
        }
        let graphs: Vec<String> = index
            .named_graphs()
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(graphs.len(), 2);
    }
}
