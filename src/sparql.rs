//! The one place that runs SPARQL: `query`, `describe` and `validate` (and anything else
//! that asks the store a question) come through here. A query is parsed with the
//! project's prefixes predeclared, refused if it writes (UPDATE) or calls out (SERVICE)
//! or nests deeper than any parser should recurse, and evaluated over the dataset SPARQL
//! 1.1 defines: the union of all graphs as the default graph when the query has no
//! dataset clause, exactly its FROM and FROM NAMED graphs when it has one. Evaluation
//! runs on a thread with a large stack, under the time and memory bounds.

use crate::index::{self, Graph, Index};
use crate::{algebra, limits, order};
use anyhow::{anyhow, bail, Result};
use nea_kg_core::error::quoted;
use nea_kg_core::error::{cut_quoted_parts, SHOWN_CHARS};
use nea_kg_core::vocab;
use oxigraph::model::{GraphName, GraphNameRef, NamedNode, NamedOrBlankNode, Quad};
use oxigraph::sparql::{
    CancellationToken, PreparedSparqlQuery, QueryEvaluationError, QueryResults, SparqlEvaluator,
};
use spargebra::SparqlParser;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::RecvTimeoutError;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The prefixes every query may use without declaring them, as (prefix, IRI).
pub fn predeclared(entity_ns: &str) -> Vec<(String, String)> {
    let mut prefixes: Vec<(String, String)> = vocab::PREFIXES
        .iter()
        .map(|(p, ns)| ((*p).to_owned(), (*ns).to_owned()))
        .collect();
    prefixes.push(("kg".to_owned(), entity_ns.to_owned()));
    prefixes
}

/// What a query is run with besides its text.
#[derive(Debug, Clone)]
pub struct Context {
    /// The base IRI of the query (`--base`).
    pub base: String,
    /// The namespace of the `kg:` prefix.
    pub entity_ns: String,
    /// `--timeout`.
    pub timeout: Option<Duration>,
    /// A dataset given beside the query (the SPARQL 1.1 Protocol's `default-graph-uri`
    /// and `named-graph-uri`): it replaces the query's FROM and FROM NAMED.
    pub dataset: Option<Dataset>,
}

/// A dataset named outside the query, by the IRIs of its graphs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Dataset {
    /// The graphs whose merge is the default graph (none: an empty default graph).
    pub default: Vec<String>,
    /// The graphs `GRAPH` may see (none: no named graph).
    pub named: Vec<String>,
}

/// A parsed query, ready to run, with the name it is reported under.
pub struct Query {
    pub name: String,
    prepared: PreparedSparqlQuery,
    /// Its place among the running queries (for the memory bound), and its token.
    id: u64,
    token: CancellationToken,
    /// A SELECT query cut at its ORDER BY, to sort apart on a store (`order`).
    split: Option<order::Split>,
}

/// Why a query is refused before it runs: a server answers these apart from syntax
/// errors (403, not 400).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// A SPARQL UPDATE.
    Update,
    /// A SERVICE call.
    Service,
}

/// A refused query: the kind of refusal, and the message for people.
#[derive(Debug)]
pub struct Refused {
    pub kind: Refusal,
    pub message: String,
}

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Refused {}

/// Parses a query: nesting checked first, the project's prefixes predeclared, UPDATE
/// and SERVICE refused, the dataset set as SPARQL 1.1 says. The parser recurses and
/// can backtrack for long on some nestings, so it runs on a thread with a large stack,
/// within `--timeout` (or `PARSE_LIMIT`).
pub fn parse(name: &str, text: &str, context: &Context) -> Result<Query> {
    let limit = context.timeout.unwrap_or(PARSE_LIMIT);
    let (owned_name, owned_text, owned_context) =
        (name.to_owned(), text.to_owned(), context.clone());
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::Builder::new()
        .name("parse".into())
        .stack_size(limits::QUERY_STACK)
        .spawn(move || {
            let _ = sender.send(parse_here(&owned_name, &owned_text, &owned_context));
        })
        .map_err(|e| anyhow!("cannot start the parser's thread: {e}"))?;
    match receiver.recv_timeout(limit) {
        Ok(parsed) => parsed,
        Err(RecvTimeoutError::Timeout) => match context.timeout {
            Some(limit) => Err(timeout_error(name, limit)),
            None => Err(anyhow!(
                "{name}: still parsing after {} s: the parser backtracks on deeply nested expressions such as !(!(!(…)))\n  simplify the nesting, or give --timeout to allow it longer",
                limit.as_secs()
            )),
        },
        Err(RecvTimeoutError::Disconnected) => {
            Err(anyhow!("{name}: the parser stopped unexpectedly"))
        }
    }
}

fn parse_here(name: &str, text: &str, context: &Context) -> Result<Query> {
    let depth = limits::nesting(text);
    if depth > limits::MAX_NESTING {
        bail!(
            "{name}: nests {depth} levels of groups, brackets or parentheses; the limit is {}\n  flatten the query (most deep nesting can be written as a sequence of patterns)",
            limits::MAX_NESTING
        );
    }
    let mut parser = SparqlParser::new()
        .with_base_iri(&context.base)
        .map_err(|e| anyhow!("invalid --base {:?}: {e}", context.base))?;
    for (prefix, ns) in predeclared(&context.entity_ns) {
        parser = parser
            .with_prefix(prefix, ns)
            .map_err(|e| anyhow!("invalid prefix: {e}"))?;
    }
    let parsed = parser.clone().parse_query(text).map_err(|e| {
        if parser.parse_update(text).is_ok() {
            anyhow::Error::new(Refused {
                kind: Refusal::Update,
                message: format!("{name}: is a SPARQL UPDATE, and nea-kg query is read-only\n  the graph is rebuilt from the fact sheet on every run: change the sheet instead"),
            })
        } else {
            syntax_error(name, text, &e.to_string())
        }
    })?;
    let shape = algebra::shape(&parsed, limits::MAX_DEPTH);
    if shape.depth > limits::MAX_DEPTH {
        // Dropping a tree this deep recurses as deep: it is left to the process's end.
        std::mem::forget(parsed);
        bail!(
            "{name}: nests more than {} levels deep once parsed (a long chain of operators, UNIONs or OPTIONALs nests as brackets do, and so does a group of many triple patterns or a long path a/b/c/…)\n  split the query, or write the chain as a VALUES block or a shorter pattern",
            limits::MAX_DEPTH
        );
    }
    if shape.service {
        return Err(anyhow::Error::new(Refused {
            kind: Refusal::Service,
            message: format!("{name}: uses SERVICE, and nea-kg never connects to another endpoint\n  load the other data into the same store, or run the query where both are"),
        }));
    }
    let dataset = context
        .dataset
        .as_ref()
        .map(|d| -> Result<(Vec<GraphName>, Vec<NamedOrBlankNode>)> {
            let iri = |param: &str, iri: &String| {
                NamedNode::new(iri.as_str())
                    .map_err(|e| anyhow!("{param} {}: not an absolute IRI: {e}", quoted(iri)))
            };
            Ok((
                d.default
                    .iter()
                    .map(|g| iri("default-graph-uri", g).map(GraphName::from))
                    .collect::<Result<_>>()?,
                d.named
                    .iter()
                    .map(|g| iri("named-graph-uri", g).map(NamedOrBlankNode::from))
                    .collect::<Result<_>>()?,
            ))
        })
        .transpose()?;
    let token = CancellationToken::new();
    let id = NEXT_ID.fetch_add(1, Ordering::Relaxed);
    if let Ok(mut running) = RUNNING.lock() {
        running.push((id, token.clone()));
    }
    let split = order::split(&parsed);
    let mut prepared = SparqlEvaluator::new()
        .with_cancellation_token(token.clone())
        .for_query(parsed);
    // A dataset given beside the query replaces the query's own (SPARQL 1.1 Protocol,
    // 2.1.4); with no FROM or FROM NAMED, the default graph is the union of every graph;
    // with one, the dataset is exactly what the query names: a graph named twice is
    // named once (the default graph is a merge, the named graphs a set).
    if let Some((default, named)) = dataset {
        prepared.dataset_mut().set_default_graph(distinct(&default));
        prepared
            .dataset_mut()
            .set_available_named_graphs(distinct(&named));
    } else if prepared.dataset().is_default_dataset() {
        prepared.dataset_mut().set_default_graph_as_union();
    } else {
        let dataset = prepared.dataset_mut();
        if let Some(graphs) = dataset.default_graph_graphs() {
            let graphs = distinct(graphs);
            dataset.set_default_graph(graphs);
        }
        if let Some(graphs) = dataset.available_named_graphs() {
            let graphs = distinct(graphs);
            dataset.set_available_named_graphs(graphs);
        }
    }
    Ok(Query {
        name: name.to_owned(),
        prepared,
        id,
        token,
        split,
    })
}

/// A query's hold on the list of running queries: while it is held, the memory bound
/// can cancel the query; `cancel` stops it alone; dropping it takes the query off the
/// list. (Without a ticket, `guarded` clears the whole list when it ends, which suits
/// a command that runs one query.)
pub struct Ticket {
    id: u64,
    token: CancellationToken,
}

impl Ticket {
    /// Stops this query, and no other.
    pub fn cancel(&self) {
        self.token.cancel();
    }
}

impl Drop for Ticket {
    fn drop(&mut self) {
        if let Ok(mut running) = RUNNING.lock() {
            running.retain(|(id, _)| *id != self.id);
        }
    }
}

/// Counts the queries parsed, to tell them apart in the list of running ones.
static NEXT_ID: AtomicU64 = AtomicU64::new(0);

/// The items in their first order, each once.
fn distinct<T: Clone + Eq + std::hash::Hash>(items: &[T]) -> Vec<T> {
    let mut seen = std::collections::HashSet::new();
    items
        .iter()
        .filter(|item| seen.insert(*item))
        .cloned()
        .collect()
}

impl Query {
    /// The query's ticket: hold it while the query runs (see `Ticket`).
    pub fn ticket(&self) -> Ticket {
        Ticket {
            id: self.id,
            token: self.token.clone(),
        }
    }

    /// Evaluates the query on the graph. The results stream: reading them may fail too.
    pub fn execute(self, graph: &Graph) -> Result<QueryResults<'static>> {
        let name = self.name;
        let mut prepared = self.prepared;
        let merged = match prepared.dataset().default_graph_graphs() {
            Some(graphs) if graphs.len() > 1 => Some(merge(graph, graphs, &prepared)?),
            _ => None,
        };
        let results = match merged {
            Some(merged) => {
                prepared
                    .dataset_mut()
                    .set_default_graph(vec![GraphName::DefaultGraph]);
                run_on(prepared, &Graph::Index(Arc::new(merged)))
            }
            None => match (&self.split, graph) {
                (Some(split), Graph::Store(store)) => {
                    sorted_apart(prepared, split, store, &self.token)
                }
                _ => run_on(prepared, graph),
            },
        };
        results.map_err(|e| evaluation_error(&name, e, None))
    }
}

/// Runs a query cut at its ORDER BY (`order`) on a store: the rows from the store, each
/// read once, then the sort and what is above it in memory, here or by the engine over
/// the rows as a VALUES block. A row holding a blank node cannot be in VALUES: a query
/// the engine must sort and that finds one is run at once.
fn sorted_apart(
    prepared: PreparedSparqlQuery,
    split: &order::Split,
    store: &oxigraph::store::Store,
    token: &CancellationToken,
) -> std::result::Result<QueryResults<'static>, QueryEvaluationError> {
    use oxigraph::sparql::{QuerySolution, QuerySolutionIter};
    let mut first = SparqlEvaluator::new()
        .with_cancellation_token(token.clone())
        .for_query(split.first.clone());
    *first.dataset_mut() = prepared.dataset().clone();
    let QueryResults::Solutions(solutions) = first.on_store(store).execute()? else {
        return prepared.on_store(store).execute();
    };
    let mut rows = Vec::new();
    for solution in solutions {
        rows.push(solution?.values().to_vec());
    }
    let rows = match split.sort(rows) {
        Ok((variables, rows)) => {
            let columns = Arc::clone(&variables);
            let solutions = rows
                .into_iter()
                .map(move |row| Ok(QuerySolution::from((Arc::clone(&columns), row))));
            return Ok(QueryResults::Solutions(QuerySolutionIter::new(
                variables, solutions,
            )));
        }
        Err(rows) => rows,
    };
    let Some(values) = rows.into_iter().map(order::Split::values).collect() else {
        return prepared.on_store(store).execute();
    };
    SparqlEvaluator::new()
        .with_cancellation_token(token.clone())
        .for_query(split.then(values))
        .on_queryable_dataset(index::Dataset(Arc::new(Index::new(Vec::new()))))
        .execute()
}

/// Evaluates a prepared query on the graph: the index through the engine's
/// `QueryableDataset` trait, a store as Oxigraph runs it.
fn run_on(
    prepared: PreparedSparqlQuery,
    graph: &Graph,
) -> std::result::Result<QueryResults<'static>, QueryEvaluationError> {
    match graph {
        Graph::Index(index) => prepared
            .on_queryable_dataset(index::Dataset(Arc::clone(index)))
            .execute(),
        Graph::Store(store) => prepared.on_store(store).execute(),
    }
}

/// The dataset of a query with several FROM graphs, in an index of its own: their RDF
/// merge as its default graph (a triple in two of them is there once, as SPARQL 1.1
/// says; the engine would give it twice), and the FROM NAMED graphs as they are.
fn merge(graph: &Graph, graphs: &[GraphName], query: &PreparedSparqlQuery) -> Result<Index> {
    let mut quads = Vec::new();
    for g in graphs {
        let in_graph = graph.quads_for_pattern(None, None, None, Some(g.as_ref()))?;
        quads.extend(
            in_graph
                .into_iter()
                .map(|q| Quad::new(q.subject, q.predicate, q.object, GraphName::DefaultGraph)),
        );
    }
    for g in query.dataset().available_named_graphs().unwrap_or_default() {
        let name = GraphNameRef::from(g.as_ref());
        quads.extend(graph.quads_for_pattern(None, None, None, Some(name))?);
    }
    Ok(Index::new(quads))
}

/// The message for a failed evaluation: a query stopped by a bound says which.
pub fn evaluation_error(
    name: &str,
    e: QueryEvaluationError,
    timeout: Option<Duration>,
) -> anyhow::Error {
    match e {
        QueryEvaluationError::Cancelled if limits::memory_tripped() => memory_error(name),
        QueryEvaluationError::Cancelled => match timeout {
            Some(limit) => timeout_error(name, limit),
            None => anyhow!("{name}: the query was cancelled"),
        },
        e => anyhow!("{name}: the query failed: {e}"),
    }
}

/// A query stopped by a bound (a server answers it as unavailable, not as an error
/// of the query), with the message for people.
#[derive(Debug)]
pub struct Stopped {
    pub message: String,
}

impl std::fmt::Display for Stopped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Stopped {}

/// The message of a query stopped by `--timeout`.
pub fn timeout_error(name: &str, limit: Duration) -> anyhow::Error {
    anyhow::Error::new(Stopped {
        message: format!(
            "{name}: stopped after {} s (--timeout)\n  narrow the query (more specific patterns, a LIMIT) or give a longer --timeout",
            limit.as_secs_f64()
        ),
    })
}

/// The message of a query stopped by the memory bound.
pub fn memory_error(name: &str) -> anyhow::Error {
    anyhow::Error::new(Stopped {
        message: format!(
            "{name}: stopped: it needed more than {} of memory (--max-memory)\n  narrow the query (more specific patterns, a LIMIT, no cross join) or give a larger --max-memory",
            limits::show_size(limits::memory())
        ),
    })
}

/// The tokens of the queries running now, cancelled when the memory bound is passed.
static RUNNING: Mutex<Vec<(u64, CancellationToken)>> = Mutex::new(Vec::new());

/// Cancels every query in progress (`limits::check_memory` calls it when the heap passes
/// the bound).
pub fn cancel_running() {
    if let Ok(running) = RUNNING.lock() {
        for (_, token) in running.iter() {
            token.cancel();
        }
    }
}

/// How long parsing may take when no `--timeout` is given: a normal query parses in
/// well under a millisecond, but the parser backtracks exponentially on some deep
/// nestings (`!(!(!(…)))`).
pub const PARSE_LIMIT: Duration = Duration::from_secs(10);

/// Runs `work` (evaluating queries, writing their results) on a thread with a large
/// stack, and gives up on it when `timeout` runs out, whatever the engine is doing: the
/// caller then exits, and the thread with it.
pub fn guarded<T: Send + 'static>(
    name: &str,
    timeout: Option<Duration>,
    work: impl FnOnce() -> Result<T> + Send + 'static,
) -> Result<T> {
    guarded_after(name, timeout, Duration::ZERO, work)
}

/// `guarded`, for a query that has already `spent` some of its `timeout` (parsing it):
/// the whole query, parsing and evaluation, stops when `timeout` runs out.
pub fn guarded_after<T: Send + 'static>(
    name: &str,
    timeout: Option<Duration>,
    spent: Duration,
    work: impl FnOnce() -> Result<T> + Send + 'static,
) -> Result<T> {
    let outcome = run_bounded(name, timeout, spent, cancel_running, work);
    if let Ok(mut running) = RUNNING.lock() {
        running.clear();
    }
    outcome
}

/// `guarded` for one query among others (a server's request): when `timeout` runs
/// out, only the query of `ticket` is stopped, and the others run on.
pub fn guarded_alone<T: Send + 'static>(
    name: &str,
    timeout: Option<Duration>,
    ticket: Ticket,
    work: impl FnOnce() -> Result<T> + Send + 'static,
) -> Result<T> {
    run_bounded(name, timeout, Duration::ZERO, || ticket.cancel(), work)
}

fn run_bounded<T: Send + 'static>(
    name: &str,
    timeout: Option<Duration>,
    spent: Duration,
    cancel: impl FnOnce(),
    work: impl FnOnce() -> Result<T> + Send + 'static,
) -> Result<T> {
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::Builder::new()
        .name("query".into())
        .stack_size(limits::QUERY_STACK)
        .spawn(move || {
            let _ = sender.send(work());
        })
        .map_err(|e| anyhow!("cannot start the query's thread: {e}"))?;
    // The caller waits in ticks, checking the memory bound at each (so no thread of its
    // own watches it), until the work ends or the timeout runs out.
    let deadline = timeout.map(|limit| (limit, Instant::now() + limit.saturating_sub(spent)));
    loop {
        let wait = match deadline {
            Some((_, at)) => at
                .saturating_duration_since(Instant::now())
                .min(limits::MEMORY_TICK),
            None => limits::MEMORY_TICK,
        };
        match receiver.recv_timeout(wait) {
            Ok(result) => break result,
            Err(RecvTimeoutError::Disconnected) => {
                bail!("{name}: the query's thread stopped unexpectedly")
            }
            Err(RecvTimeoutError::Timeout) => {
                limits::check_memory();
                if let Some((limit, at)) = deadline {
                    if Instant::now() >= at {
                        cancel();
                        return Err(timeout_error(name, limit));
                    }
                }
            }
        }
    }
}

/// Runs an internal query (of `describe`, `validate`) and gives its solutions as rows
/// of (variable, term); these queries are the program's own, so a syntax error is a bug.
pub fn select(
    graph: &Graph,
    entity_ns: &str,
    query: &str,
) -> Result<Vec<Vec<(String, oxigraph::model::Term)>>> {
    let mut evaluator = SparqlEvaluator::new();
    for (p, ns) in predeclared(entity_ns) {
        if !ns.is_empty() {
            evaluator = evaluator.with_prefix(p, ns)?;
        }
    }
    let mut prepared = evaluator
        .parse_query(query)
        .map_err(|e| anyhow!("internal query: {e}\n{query}"))?;
    prepared.dataset_mut().set_default_graph_as_union();
    let fail = |e: QueryEvaluationError| evaluation_error("an internal query", e, None);
    let QueryResults::Solutions(solutions) = run_on(prepared, graph).map_err(fail)? else {
        return Ok(Vec::new());
    };
    solutions
        .map(|s| {
            let s = s.map_err(fail)?;
            Ok(s.iter()
                .map(|(v, t)| (v.as_str().to_owned(), t.clone()))
                .collect())
        })
        .collect()
}

/// A syntax error with the line of the query and a caret under the offending part.
fn syntax_error(name: &str, text: &str, message: &str) -> anyhow::Error {
    // Oxigraph's parser reports "error at LINE:COLUMN: …".
    let location = message.strip_prefix("error at ").and_then(|rest| {
        let (line, rest) = rest.split_once(':')?;
        let column = rest.split(|c: char| !c.is_ascii_digit()).next()?;
        Some((line.parse::<usize>().ok()?, column.parse::<usize>().ok()?))
    });
    let mut out = format!("{name}: SPARQL syntax error: {}", cut_quoted_parts(message));
    if let Some((line, column)) = location {
        if let Some(source_line) = text.lines().nth(line.saturating_sub(1)) {
            let (shown, caret) = around(source_line, column.saturating_sub(1));
            out.push_str(&format!(
                "\n  {line} | {shown}\n  {} | {}^",
                " ".repeat(line.to_string().len()),
                " ".repeat(caret)
            ));
        }
    }
    out.push_str("\n  fix the query at that place");
    anyhow!(out)
}

/// A line of the query as an error shows it, tabs as spaces, and where the caret goes
/// under the character at `column` (from 0): a line longer than `SHOWN_CHARS`
/// characters is cut to that many around the column, an ellipsis where it was cut.
fn around(line: &str, column: usize) -> (String, usize) {
    let chars: Vec<char> = line
        .chars()
        .map(|c| if c == '\t' { ' ' } else { c })
        .collect();
    if chars.len() <= SHOWN_CHARS {
        return (chars.into_iter().collect(), column);
    }
    let start = column
        .saturating_sub(SHOWN_CHARS / 2)
        .min(chars.len() - SHOWN_CHARS);
    let end = start + SHOWN_CHARS;
    let mut shown = String::new();
    if start > 0 {
        shown.push('…');
    }
    shown.extend(&chars[start..end]);
    if end < chars.len() {
        shown.push('…');
    }
    (shown, column - start + usize::from(start > 0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::store::Store;

    #[test]
    fn a_long_line_is_shown_around_its_column() {
        assert_eq!(around("SELECT\t*", 7), ("SELECT *".to_owned(), 7));
        let line = format!("{}?x{}", "a".repeat(1_000), "b".repeat(1_000));
        let (shown, caret) = around(&line, 1_000);
        assert_eq!(shown.chars().count(), SHOWN_CHARS + 2);
        assert_eq!(shown.chars().nth(caret), Some('?'));
        assert!(shown.starts_with('…') && shown.ends_with('…'));
        let (shown, caret) = around(&line, 3);
        assert_eq!(
            (shown.chars().nth(caret), shown.chars().next()),
            (Some('a'), Some('a'))
        );
        let (shown, caret) = around(&line, 2_002);
        assert_eq!((caret, shown.chars().last()), (SHOWN_CHARS + 1, Some('b')));
    }

    fn context() -> Context {
        Context {
            base: nea_kg_core::DEFAULT_BASE.into(),
            entity_ns: "https://w3id.org/nea-kg/id/".into(),
            timeout: None,
            dataset: None,
        }
    }

    #[test]
    fn the_dataset_is_the_union_unless_the_query_names_one() {
        use oxigraph::model::{GraphName, NamedNode, Quad};
        let store = Store::new().unwrap();
        let g = |n: &str| GraphName::from(NamedNode::new(format!("http://g/{n}")).unwrap());
        let node = NamedNode::new("http://x/s").unwrap();
        for graph in ["a", "b"] {
            store
                .insert(&Quad::new(
                    node.clone(),
                    node.clone(),
                    node.clone(),
                    g(graph),
                ))
                .unwrap();
        }
        for graph in both(&store) {
            let count = |q: &str| -> String {
                let QueryResults::Solutions(mut s) =
                    parse("q", q, &context()).unwrap().execute(&graph).unwrap()
                else {
                    panic!("not a SELECT")
                };
                s.next().unwrap().unwrap().get("n").unwrap().to_string()
            };
            let int = |n: u8| format!("\"{n}\"^^<http://www.w3.org/2001/XMLSchema#integer>");
            assert_eq!(count("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"), int(2));
            assert_eq!(
                count("SELECT (COUNT(*) AS ?n) FROM <http://g/a> WHERE { ?s ?p ?o }"),
                int(1)
            );
            assert_eq!(
                count("SELECT (COUNT(*) AS ?n) FROM NAMED <http://g/a> WHERE { ?s ?p ?o }"),
                int(0)
            );
            assert_eq!(
            count(
                "SELECT (COUNT(*) AS ?n) FROM NAMED <http://g/b> WHERE { GRAPH ?g { ?s ?p ?o } }"
            ),
            int(1)
        );
        }
    }

    /// The store and an index of the same quads: a query must answer the same on both.
    fn both(store: &Store) -> [Graph; 2] {
        let quads = store.iter().map(Result::unwrap);
        [
            Graph::Store(store.clone()),
            Graph::Index(Arc::new(Index::new(quads))),
        ]
    }

    #[test]
    fn a_dataset_given_beside_the_query_replaces_its_own() {
        use oxigraph::model::{GraphName, Literal, NamedNode, Quad};
        let store = Store::new().unwrap();
        let node = NamedNode::new("http://x/s").unwrap();
        for (graph, n) in [("a", 1), ("b", 2), ("b", 3)] {
            let g = GraphName::from(NamedNode::new(format!("http://g/{graph}")).unwrap());
            store
                .insert(&Quad::new(node.clone(), node.clone(), Literal::from(n), g))
                .unwrap();
        }
        for graph in both(&store) {
            let count = |q: &str, default: &[&str], named: &[&str]| -> String {
                let mut c = context();
                c.dataset = Some(Dataset {
                    default: default.iter().map(|g| format!("http://g/{g}")).collect(),
                    named: named.iter().map(|g| format!("http://g/{g}")).collect(),
                });
                let QueryResults::Solutions(mut s) =
                    parse("q", q, &c).unwrap().execute(&graph).unwrap()
                else {
                    panic!("not a SELECT")
                };
                let n = s.next().unwrap().unwrap().get("n").unwrap().clone();
                match n {
                    oxigraph::model::Term::Literal(l) => l.value().to_owned(),
                    other => other.to_string(),
                }
            };
            let all = "SELECT (COUNT(*) AS ?n) FROM <http://g/a> WHERE { ?s ?p ?o }";
            assert_eq!(count(all, &["b"], &[]), "2");
            assert_eq!(count(all, &["a", "b"], &[]), "3");
            assert_eq!(count(all, &[], &["a"]), "0");
            let named = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }";
            assert_eq!(count(named, &[], &["b"]), "2");
        }
        let mut c = context();
        c.dataset = Some(Dataset {
            default: vec!["not an iri".into()],
            named: vec![],
        });
        let all = "SELECT (COUNT(*) AS ?n) FROM <http://g/a> WHERE { ?s ?p ?o }";
        let e = parse("q", all, &c).err().unwrap().to_string();
        assert!(
            e.starts_with("default-graph-uri \"not an iri\": not an absolute IRI"),
            "{e}"
        );
    }

    #[test]
    fn updates_and_service_are_refused_as_such() {
        let kind = |q: &str| {
            parse("q", q, &context())
                .err()
                .unwrap()
                .downcast::<Refused>()
                .unwrap()
                .kind
        };
        assert_eq!(
            kind("INSERT DATA { <http://a> <http://b> <http://c> }"),
            Refusal::Update
        );
        assert_eq!(
            kind("SELECT * WHERE { SERVICE <http://x/sparql> { ?s ?p ?o } }"),
            Refusal::Service
        );
    }

    #[test]
    fn nesting_is_refused_before_parsing() {
        let deep = format!("SELECT * WHERE {}{}", "{".repeat(300), "}".repeat(300));
        let e = parse("q", &deep, &context()).err().unwrap().to_string();
        assert!(e.starts_with("q: nests 300 levels"), "{e}");
    }
}
