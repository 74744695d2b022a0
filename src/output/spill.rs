//! Quads set aside graph by graph, so that an export of a corpus holds one graph in
//! memory at a time: each batch of quads is written, grouped by graph, to an anonymous
//! temporary file (unlinked from the start: the kernel frees it however the process
//! ends), and read back one graph at a time, in the order of the graphs' names, to be
//! sorted and written. A graph can come in several batches (the entities graph grows
//! with every article that names a new entity): its pieces are read together.

use crate::index::{from_parts, parts};
use oxigraph::model::{GraphName, NamedOrBlankNode, Quad, Term, TermRef, Triple};
use std::collections::{BTreeMap, HashMap};
use std::fs::File;
use std::io::{Read, Seek, SeekFrom, Write};

/// The quads set aside, and where each graph's pieces are.
pub struct Spill {
    file: File,
    end: u64,
    /// By the graph's name as the output sorts it (`rdf::graph_key`): the graph and its
    /// pieces, as (offset, length) in the file.
    graphs: BTreeMap<String, (GraphName, Vec<(u64, u64)>)>,
}

impl Spill {
    /// An empty spill, in the system's temporary folder.
    pub fn new() -> std::io::Result<Self> {
        Ok(Self {
            file: tempfile::tempfile()?,
            end: 0,
            graphs: BTreeMap::new(),
        })
    }

    /// Sets quads aside.
    pub fn add(&mut self, quads: &[Quad]) -> std::io::Result<()> {
        let mut by_graph: HashMap<&GraphName, Vec<u8>> = HashMap::new();
        for q in quads {
            let bytes = by_graph.entry(&q.graph_name).or_default();
            put(bytes, q.subject.as_ref().into());
            put(bytes, q.predicate.as_ref().into());
            put(bytes, q.object.as_ref());
        }
        for (graph, bytes) in by_graph {
            self.file.write_all(&bytes)?;
            let piece = (self.end, bytes.len() as u64);
            self.end += bytes.len() as u64;
            self.graphs
                .entry(super::rdf::graph_key(graph))
                .or_insert_with(|| (graph.clone(), Vec::new()))
                .1
                .push(piece);
        }
        Ok(())
    }

    /// The names of the graphs set aside, in the order of `rdf::graph_key`.
    pub fn names(&self) -> Vec<GraphName> {
        self.graphs.values().map(|(g, _)| g.clone()).collect()
    }

    /// The quads of one graph (none if it was never set aside).
    pub fn graph(&mut self, graph: &GraphName) -> std::io::Result<Vec<Quad>> {
        match self.graphs.get(&super::rdf::graph_key(graph)) {
            Some((_, pieces)) => read(&mut self.file, graph, pieces),
            None => Ok(Vec::new()),
        }
    }

    /// The graphs, in the order of their names, each as the reader of its quads.
    pub fn graphs(&mut self) -> Graphs<'_> {
        let list: Vec<(GraphName, Vec<(u64, u64)>)> = self.graphs.values().cloned().collect();
        Graphs {
            file: &mut self.file,
            list: list.into_iter(),
        }
    }
}

/// The graphs of a spill, one at a time.
pub struct Graphs<'a> {
    file: &'a mut File,
    list: std::vec::IntoIter<(GraphName, Vec<(u64, u64)>)>,
}

impl Iterator for Graphs<'_> {
    type Item = std::io::Result<Vec<Quad>>;

    fn next(&mut self) -> Option<Self::Item> {
        let (graph, pieces) = self.list.next()?;
        Some(read(self.file, &graph, &pieces))
    }
}

/// Records (triples, or a JSON-LD writer's entries) in sorted runs, one run per graph,
/// in an unlinked temporary file: merged, they are the sorted union of the graphs, read
/// a piece of each run at a time.
pub struct Runs<R> {
    file: File,
    end: u64,
    runs: Vec<(u64, u64)>,
    record: std::marker::PhantomData<R>,
}

/// What a run holds: written with `put`, read back with `take`.
pub trait Record: Sized + Clone + PartialEq {
    fn put(&self, bytes: &mut Vec<u8>);
    fn take(at: &mut &[u8]) -> std::io::Result<Self>;
}

impl Record for Triple {
    fn put(&self, bytes: &mut Vec<u8>) {
        put(bytes, self.subject.as_ref().into());
        put(bytes, self.predicate.as_ref().into());
        put(bytes, self.object.as_ref());
    }

    fn take(at: &mut &[u8]) -> std::io::Result<Self> {
        take_triple(at)
    }
}

/// Three strings, each with its length.
impl Record for [String; 3] {
    fn put(&self, bytes: &mut Vec<u8>) {
        for s in self {
            put_str(bytes, s);
        }
    }

    fn take(at: &mut &[u8]) -> std::io::Result<Self> {
        Ok([
            take_str(at)?.to_owned(),
            take_str(at)?.to_owned(),
            take_str(at)?.to_owned(),
        ])
    }
}

/// How much of each run a merge holds at a time.
const CHUNK: usize = 16 * 1024;

impl<R: Record> Runs<R> {
    pub fn new() -> std::io::Result<Self> {
        Ok(Self {
            file: tempfile::tempfile()?,
            end: 0,
            runs: Vec::new(),
            record: std::marker::PhantomData,
        })
    }

    /// Adds a run: records already sorted, each once. Each record is written with its
    /// length first, so that a reader knows how much to read.
    pub fn add<'a>(&mut self, records: impl Iterator<Item = &'a R>) -> std::io::Result<()>
    where
        R: 'a,
    {
        let mut bytes = Vec::new();
        let mut record = Vec::new();
        for r in records {
            record.clear();
            r.put(&mut record);
            bytes.extend_from_slice(&(record.len() as u64).to_le_bytes());
            bytes.extend_from_slice(&record);
        }
        self.file.write_all(&bytes)?;
        self.runs.push((self.end, bytes.len() as u64));
        self.end += bytes.len() as u64;
        Ok(())
    }

    /// The records of every run in the order of `key`, a record found in several runs
    /// once. Runs must be sorted by the same key, and the key must tell records apart.
    pub fn merge<K: Ord>(&self, key: fn(&R) -> K) -> std::io::Result<Merge<'_, R, K>> {
        let mut merge = Merge {
            file: &self.file,
            readers: self
                .runs
                .iter()
                .map(|&(offset, length)| Reader {
                    at: offset,
                    end: offset + length,
                    buf: Vec::new(),
                    pos: 0,
                })
                .collect(),
            heads: Vec::new(),
            heap: std::collections::BinaryHeap::new(),
            key,
            last: None,
        };
        for i in 0..merge.readers.len() {
            let head = merge.readers[i].next(merge.file)?;
            merge.heads.push(None);
            merge.push(i, head);
        }
        Ok(merge)
    }
}

/// Where a merge is in one run.
struct Reader {
    at: u64,
    end: u64,
    buf: Vec<u8>,
    pos: usize,
}

impl Reader {
    /// Makes sure `n` bytes are buffered, reading a chunk or more.
    fn fill(&mut self, file: &File, n: usize) -> std::io::Result<()> {
        use std::os::unix::fs::FileExt;
        if self.buf.len() - self.pos >= n {
            return Ok(());
        }
        self.buf.drain(..self.pos);
        self.pos = 0;
        let want = (n - self.buf.len()).max(CHUNK) as u64;
        let take = want.min(self.end - self.at) as usize;
        let old = self.buf.len();
        self.buf.resize(old + take, 0);
        file.read_exact_at(&mut self.buf[old..], self.at)?;
        self.at += take as u64;
        if self.buf.len() < n {
            return Err(corrupt());
        }
        Ok(())
    }

    fn next<R: Record>(&mut self, file: &File) -> std::io::Result<Option<R>> {
        if self.pos == self.buf.len() && self.at == self.end {
            return Ok(None);
        }
        self.fill(file, 8)?;
        let length = u64::from_le_bytes(
            self.buf[self.pos..self.pos + 8]
                .try_into()
                .map_err(|_| corrupt())?,
        ) as usize;
        self.pos += 8;
        self.fill(file, length)?;
        let mut at = &self.buf[self.pos..self.pos + length];
        self.pos += length;
        R::take(&mut at).map(Some)
    }
}

/// The merge of sorted runs: the smallest head first.
pub struct Merge<'a, R, K> {
    file: &'a File,
    readers: Vec<Reader>,
    /// The next record of each run.
    heads: Vec<Option<R>>,
    heap: std::collections::BinaryHeap<std::cmp::Reverse<(K, usize)>>,
    key: fn(&R) -> K,
    last: Option<R>,
}

impl<R: Record, K: Ord> Merge<'_, R, K> {
    fn push(&mut self, run: usize, head: Option<R>) {
        if let Some(t) = head {
            self.heap.push(std::cmp::Reverse(((self.key)(&t), run)));
            self.heads[run] = Some(t);
        }
    }
}

impl<R: Record, K: Ord> Iterator for Merge<'_, R, K> {
    type Item = std::io::Result<R>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let std::cmp::Reverse((_, run)) = self.heap.pop()?;
            let record = self.heads[run].take()?;
            match self.readers[run].next(self.file) {
                Ok(head) => self.push(run, head),
                Err(e) => return Some(Err(e)),
            }
            if self.last.as_ref() != Some(&record) {
                self.last = Some(record.clone());
                return Some(Ok(record));
            }
        }
    }
}

fn read(file: &mut File, graph: &GraphName, pieces: &[(u64, u64)]) -> std::io::Result<Vec<Quad>> {
    let mut quads = Vec::new();
    for &(offset, length) in pieces {
        file.seek(SeekFrom::Start(offset))?;
        let mut bytes = vec![0; length as usize];
        file.read_exact(&mut bytes)?;
        let mut at = &bytes[..];
        while !at.is_empty() {
            quads.push(take_triple(&mut at)?.in_graph(graph.clone()));
        }
    }
    Ok(quads)
}

/// Reads a triple: three terms that `put` wrote.
fn take_triple(at: &mut &[u8]) -> std::io::Result<Triple> {
    let subject = match take(at)? {
        Term::NamedNode(n) => NamedOrBlankNode::from(n),
        Term::BlankNode(b) => b.into(),
        _ => return Err(corrupt()),
    };
    let Term::NamedNode(predicate) = take(at)? else {
        return Err(corrupt());
    };
    Ok(Triple::new(subject, predicate, take(at)?))
}

/// Writes a term: its kind, then its two strings.
fn put(bytes: &mut Vec<u8>, term: TermRef<'_>) {
    let (kind, value, extra) = parts(term);
    bytes.push(kind);
    put_str(bytes, value);
    put_str(bytes, extra);
}

/// Writes a string: its length, then its bytes.
fn put_str(bytes: &mut Vec<u8>, s: &str) {
    bytes.extend_from_slice(&(s.len() as u64).to_le_bytes());
    bytes.extend_from_slice(s.as_bytes());
}

/// Reads a term that `put` wrote.
fn take(at: &mut &[u8]) -> std::io::Result<Term> {
    let (&kind, rest) = at.split_first().ok_or_else(corrupt)?;
    *at = rest;
    let value = take_str(at)?.to_owned();
    let extra = take_str(at)?;
    Ok(from_parts(kind, &value, extra))
}

/// Reads a string that `put_str` wrote.
fn take_str<'a>(at: &mut &'a [u8]) -> std::io::Result<&'a str> {
    if at.len() < 8 {
        return Err(corrupt());
    }
    let (len, rest) = at.split_at(8);
    let len = u64::from_le_bytes(len.try_into().map_err(|_| corrupt())?) as usize;
    if rest.len() < len {
        return Err(corrupt());
    }
    let (s, rest) = rest.split_at(len);
    *at = rest;
    std::str::from_utf8(s).map_err(|_| corrupt())
}

fn corrupt() -> std::io::Error {
    std::io::Error::other("the temporary file of the export was changed while it was written")
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::model::{BlankNode, Literal, NamedNode};

    /// Every kind of term comes back as it went, and graphs come back by name, whole.
    #[test]
    fn quads_come_back_graph_by_graph() {
        let n = |s: &str| NamedNode::new_unchecked(format!("https://example.org/{s}"));
        let objects: Vec<Term> = vec![
            n("o").into(),
            BlankNode::new_unchecked("b0").into(),
            Literal::new_simple_literal("plain, with \"quotes\" and ünïcode").into(),
            Literal::new_language_tagged_literal_unchecked("mot", "fr").into(),
            Literal::from(42).into(),
            Literal::new_simple_literal("").into(),
        ];
        let mut spill = Spill::new().unwrap();
        let mut expected: BTreeMap<String, Vec<Quad>> = BTreeMap::new();
        for (i, o) in objects.iter().enumerate() {
            let g: GraphName = if i == 5 {
                GraphName::DefaultGraph
            } else {
                n(["z", "a"][i % 2]).into()
            };
            let q = Quad::new(n(&format!("s{i}")), n("p"), o.clone(), g.clone());
            spill.add(std::slice::from_ref(&q)).unwrap();
            expected
                .entry(super::super::rdf::graph_key(&g))
                .or_default()
                .push(q);
        }
        let got: Vec<Vec<Quad>> = spill.graphs().map(Result::unwrap).collect();
        assert_eq!(got.iter().map(Vec::len).sum::<usize>(), 6);
        assert_eq!(got, expected.into_values().collect::<Vec<_>>());
    }
}
