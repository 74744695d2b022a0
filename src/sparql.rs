//! The one place that runs SPARQL: `query`, `describe` and `validate` (and anything else
//! that asks the store a question) come through here. A query is parsed with the
//! project's prefixes predeclared, refused if it writes (UPDATE) or calls out (SERVICE)
//! or nests deeper than any parser should recurse, and evaluated over the dataset SPARQL
//! 1.1 defines: the union of all graphs as the default graph when the query has no
//! dataset clause, exactly its FROM and FROM NAMED graphs when it has one. Evaluation
//! runs on a thread with a large stack, under the time and memory bounds.

use crate::limits;
use anyhow::{anyhow, bail, Result};
use nea_kg_core::vocab;
use oxigraph::sparql::{
    CancellationToken, PreparedSparqlQuery, QueryEvaluationError, QueryResults, SparqlEvaluator,
};
use oxigraph::store::Store;
use spargebra::SparqlParser;
use std::sync::Mutex;
use std::time::Duration;

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
}

/// A parsed query, ready to run, with the name it is reported under.
pub struct Query {
    pub name: String,
    prepared: PreparedSparqlQuery,
    token: CancellationToken,
}

/// Parses a query: nesting checked first, the project's prefixes predeclared, UPDATE
/// and SERVICE refused, the dataset set as SPARQL 1.1 says.
pub fn parse(name: &str, text: &str, context: &Context) -> Result<Query> {
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
            anyhow!(
                "{name}: is a SPARQL UPDATE, and nea-kg query is read-only\n  the graph is rebuilt from the fact sheet on every run: change the sheet instead"
            )
        } else {
            syntax_error(name, text, &e.to_string())
        }
    })?;
    if uses_service(&parsed.to_string()) {
        bail!(
            "{name}: uses SERVICE, and nea-kg never connects to another endpoint\n  load the other data into the same store, or run the query where both are"
        );
    }
    let token = CancellationToken::new();
    let mut prepared = SparqlEvaluator::new()
        .with_cancellation_token(token.clone())
        .for_query(parsed);
    // With no FROM or FROM NAMED, the default graph is the union of every graph; with
    // one, the dataset is exactly what the query names.
    if prepared.dataset().is_default_dataset() {
        prepared.dataset_mut().set_default_graph_as_union();
    }
    Ok(Query {
        name: name.to_owned(),
        prepared,
        token,
    })
}

impl Query {
    /// Evaluates the query on a store. The results stream: reading them may fail too.
    pub fn execute(self, store: &Store) -> Result<QueryResults<'static>> {
        let name = self.name;
        self.prepared
            .on_store(store)
            .execute()
            .map_err(|e| evaluation_error(&name, e, None))
    }

    /// The token that cancels this query.
    pub fn token(&self) -> CancellationToken {
        self.token.clone()
    }
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

/// The message of a query stopped by `--timeout`.
pub fn timeout_error(name: &str, limit: Duration) -> anyhow::Error {
    anyhow!(
        "{name}: stopped after {} s (--timeout)\n  narrow the query (more specific patterns, a LIMIT) or give a longer --timeout",
        limit.as_secs_f64()
    )
}

/// The message of a query stopped by the memory bound.
pub fn memory_error(name: &str) -> anyhow::Error {
    anyhow!(
        "{name}: stopped: it needed more than {} of memory (--max-memory)\n  narrow the query (more specific patterns, a LIMIT, no cross join) or give a larger --max-memory",
        limits::show_size(limits::memory())
    )
}

/// The tokens of the queries running now, cancelled when the memory bound is passed.
static RUNNING: Mutex<Vec<CancellationToken>> = Mutex::new(Vec::new());

/// Cancels every query in progress (the memory watchdog calls it).
pub fn cancel_running() {
    if let Ok(running) = RUNNING.lock() {
        for token in running.iter() {
            token.cancel();
        }
    }
}

/// Runs `work` (which evaluates queries whose tokens are given, and writes their
/// results) on a thread with a large stack, and gives up on it when the timeout runs
/// out, whatever the engine is doing: the caller then exits, and the thread with it.
pub fn guarded<T: Send + 'static>(
    name: &str,
    tokens: Vec<CancellationToken>,
    timeout: Option<Duration>,
    work: impl FnOnce() -> Result<T> + Send + 'static,
) -> Result<T> {
    if let Ok(mut running) = RUNNING.lock() {
        running.extend(tokens.iter().cloned());
    }
    if limits::memory_tripped() {
        cancel_running();
    }
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::Builder::new()
        .name("query".into())
        .stack_size(limits::QUERY_STACK)
        .spawn(move || {
            let _ = sender.send(work());
        })
        .map_err(|e| anyhow!("cannot start the query's thread: {e}"))?;
    let outcome = match timeout {
        Some(limit) => receiver.recv_timeout(limit).map_err(|_| {
            for t in &tokens {
                t.cancel();
            }
            timeout_error(name, limit)
        }),
        None => receiver
            .recv()
            .map_err(|_| anyhow!("{name}: the query's thread stopped unexpectedly")),
    };
    if let Ok(mut running) = RUNNING.lock() {
        running.clear();
    }
    outcome?
}

/// Runs an internal query (of `describe`, `validate`) and gives its solutions as rows
/// of (variable, term); these queries are the program's own, so a syntax error is a bug.
pub fn select(
    store: &Store,
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
    let QueryResults::Solutions(solutions) = prepared.on_store(store).execute().map_err(fail)?
    else {
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
    let mut out = format!("{name}: SPARQL syntax error: {message}");
    if let Some((line, column)) = location {
        if let Some(source_line) = text.lines().nth(line.saturating_sub(1)) {
            let shown: String = crate::output::shorten(
                &source_line
                    .chars()
                    .map(|c| if c == '\t' { ' ' } else { c })
                    .collect::<String>(),
                200,
            );
            out.push_str(&format!(
                "\n  {line} | {shown}\n  {} | {}^",
                " ".repeat(line.to_string().len()),
                " ".repeat(column.saturating_sub(1).min(200))
            ));
        }
    }
    out.push_str("\n  fix the query at that place");
    anyhow!(out)
}

/// Does a parsed query (in its normalised SPARQL form) call SERVICE? Strings and IRIs
/// are skipped, so a literal that says "SERVICE" does not count.
fn uses_service(normalised: &str) -> bool {
    let mut chars = normalised.char_indices().peekable();
    let mut word = String::new();
    while let Some((_, c)) = chars.next() {
        match c {
            '"' | '\'' => {
                while let Some((_, d)) = chars.next() {
                    if d == '\\' {
                        chars.next();
                    } else if d == c {
                        break;
                    }
                }
            }
            '<' if chars
                .peek()
                .is_some_and(|(_, d)| !d.is_whitespace() && *d != '=') =>
            {
                for (_, d) in chars.by_ref() {
                    if d == '>' {
                        break;
                    }
                }
            }
            c if c.is_alphanumeric() || c == '_' => word.push(c),
            _ => {
                if word.eq_ignore_ascii_case("SERVICE") {
                    return true;
                }
                word.clear();
            }
        }
    }
    word.eq_ignore_ascii_case("SERVICE")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn service_is_found_outside_strings_only() {
        assert!(uses_service(
            "SELECT * WHERE { SERVICE <http://x/> { ?s ?p ?o } }"
        ));
        assert!(!uses_service("SELECT * WHERE { ?s ?p \"SERVICE\" }"));
        assert!(!uses_service("SELECT * WHERE { ?s <http://x/SERVICE> ?o }"));
    }

    fn context() -> Context {
        Context {
            base: nea_kg_core::DEFAULT_BASE.into(),
            entity_ns: "https://w3id.org/nea-kg/id/".into(),
            timeout: None,
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
        let count = |q: &str| -> String {
            let QueryResults::Solutions(mut s) =
                parse("q", q, &context()).unwrap().execute(&store).unwrap()
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

    #[test]
    fn nesting_is_refused_before_parsing() {
        let deep = format!("SELECT * WHERE {}{}", "{".repeat(300), "}".repeat(300));
        let e = parse("q", &deep, &context()).err().unwrap().to_string();
        assert!(e.starts_with("q: nests 300 levels"), "{e}");
    }
}
