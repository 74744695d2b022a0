//! Running SPARQL over the store: read-only, over the union of all graphs, with the
//! project's prefixes predeclared, a timeout that holds while results stream, and
//! results as an aligned table for people or as the standard formats for programs.

use crate::error::{cut_quoted_parts, quoted, Error, Result, SHOWN_CHARS};
use crate::export;
use crate::shipped;
use crate::vocab::{self, rdfs};
use oxigraph::io::RdfFormat;
use oxigraph::model::{NamedNodeRef, Term, Triple};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::{CancellationToken, QueryEvaluationError, QueryResults, SparqlEvaluator};
use oxigraph::store::Store;
use spargebra::SparqlParser;
use std::collections::HashMap;
use std::io::{IsTerminal, Read, Write};
use std::path::Path;
use std::time::Duration;

/// How results are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputFormat {
    Table,
    Results(QueryResultsFormat),
    Rdf(RdfFormat),
}

/// The output format from `--format`.
pub fn parse_format(name: &str) -> Result<OutputFormat> {
    Ok(match name.to_ascii_lowercase().as_str() {
        "table" => OutputFormat::Table,
        "csv" | "text/csv" => OutputFormat::Results(QueryResultsFormat::Csv),
        "tsv" | "text/tab-separated-values" => OutputFormat::Results(QueryResultsFormat::Tsv),
        "json" | "srj" | "application/sparql-results+json" => {
            OutputFormat::Results(QueryResultsFormat::Json)
        }
        "xml" | "srx" | "application/sparql-results+xml" => {
            OutputFormat::Results(QueryResultsFormat::Xml)
        }
        other => match export::parse_format(other) {
            Ok(f) => OutputFormat::Rdf(f),
            Err(_) => {
                return Err(Error::input(format!(
                    "unknown results format {}\n  use table, csv, tsv, json or xml (SELECT, ASK), or {} (CONSTRUCT, DESCRIBE)",
                    quoted(name),
                    export::FORMATS
                )))
            }
        },
    })
}

/// A query to run: where it came from (for messages) and its text.
pub struct QueryText {
    pub name: String,
    pub text: String,
}

/// The query a user means: `-` (stdin), a shipped query's name or unique prefix, a
/// `.rq` file, or the text itself.
pub fn resolve(arg: &str) -> Result<QueryText> {
    if arg == "-" {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|e| Error::input(format!("stdin: cannot read the query: {e}")))?;
        // A UTF-8 byte-order mark is dropped, as `read_file` drops it.
        let text = match text.strip_prefix('\u{FEFF}') {
            Some(rest) => rest.to_owned(),
            None => text,
        };
        return Ok(QueryText {
            name: "the query on stdin".to_owned(),
            text,
        });
    }
    let path = Path::new(arg);
    let one_word = !arg.contains(char::is_whitespace) && !arg.contains('{');
    if arg.ends_with(".rq") || arg.ends_with(".sparql") || (one_word && path.is_file()) {
        let source = crate::kg::read_file(path, "query")?;
        return Ok(QueryText {
            name: source.name,
            text: source.text,
        });
    }
    if one_word {
        return match shipped::find(arg) {
            Ok(q) => Ok(QueryText {
                name: format!("{}.rq", q.name),
                text: q.text.to_owned(),
            }),
            Err(several) if several.len() > 1 => Err(Error::input(format!(
                "{} names several shipped queries: {}\n  give more of the name",
                quoted(arg),
                several.iter().map(|q| q.name).collect::<Vec<_>>().join(", ")
            ))),
            Err(_) => Err(Error::input(format!(
                "{} is not a shipped query, a .rq file or SPARQL text\n  `nea-kg queries` lists the shipped queries",
                quoted(arg)
            ))),
        };
    }
    Ok(QueryText {
        name: "the query".to_owned(),
        text: arg.to_owned(),
    })
}

/// Sets a parameter of a query: the values of its `VALUES ?name { … }` block become
/// the one string given.
pub fn bind(query: &mut QueryText, binding: &str) -> Result<()> {
    let (var, value) = binding.split_once('=').ok_or_else(|| {
        Error::input(format!(
            "--bind {}: write it as NAME=VALUE, for example --bind name=ROK",
            quoted(binding)
        ))
    })?;
    let var = var.trim_start_matches('?');
    let head = format!("VALUES ?{var} {{");
    let start = query.text.find(&head).ok_or_else(|| {
        Error::input(format!(
            "{}: has no `VALUES ?{var} {{ … }}` block for --bind {var}=…\n  bind a variable that the query declares with VALUES",
            query.name
        ))
    })?;
    let open = start + head.len();
    let close = open
        + query.text[open..].find('}').ok_or_else(|| {
            Error::input(format!(
                "{}: the VALUES ?{var} block is not closed",
                query.name
            ))
        })?;
    let literal = oxigraph::model::Literal::new_simple_literal(value).to_string();
    query
        .text
        .replace_range(open..close, &format!(" {literal} "));
    Ok(())
}

/// The prefixes every query may use without declaring them, as (prefix, IRI).
pub fn predeclared(entity_ns: &str) -> Vec<(String, String)> {
    let mut prefixes: Vec<(String, String)> = vocab::PREFIXES
        .iter()
        .map(|(p, ns)| ((*p).to_owned(), (*ns).to_owned()))
        .collect();
    prefixes.push(("kg".to_owned(), entity_ns.to_owned()));
    prefixes
}

/// What a query run needs besides its text.
#[derive(Clone)]
pub struct Options {
    pub format: Option<OutputFormat>,
    pub timeout: Option<Duration>,
    pub base: String,
    pub entity_ns: String,
}

/// The message of a query stopped by `--timeout`.
pub fn timeout_error(name: &str, limit: Duration) -> Error {
    Error::input(format!(
        "{name}: stopped after {} s (--timeout)\n  narrow the query (more specific patterns, a LIMIT) or give a longer --timeout",
        limit.as_secs_f64()
    ))
}

/// Runs a query on a thread of its own and gives up on it when `--timeout` runs out,
/// whatever the engine is doing: the caller exits, and the thread with it.
pub fn run_with_timeout(store: &Store, query: QueryText, options: Options) -> Result<()> {
    let Some(limit) = options.timeout else {
        let stdout = std::io::stdout();
        let mut w = std::io::BufWriter::new(stdout.lock());
        return run(store, &query, &options, &mut w);
    };
    let name = query.name.clone();
    let store = store.clone();
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let stdout = std::io::stdout();
        let mut w = std::io::BufWriter::new(stdout.lock());
        let _ = sender.send(run(&store, &query, &options, &mut w));
    });
    match receiver.recv_timeout(limit) {
        Ok(result) => result,
        Err(_) => Err(timeout_error(&name, limit)),
    }
}

/// Parses and runs a query, writing its results.
pub fn run(store: &Store, query: &QueryText, options: &Options, out: &mut dyn Write) -> Result<()> {
    let name = &query.name;
    let mut parser = SparqlParser::new()
        .with_base_iri(&options.base)
        .map_err(|e| Error::input(format!("invalid --base {}: {e}", quoted(&options.base))))?;
    for (prefix, ns) in predeclared(&options.entity_ns) {
        parser = parser
            .with_prefix(prefix, ns)
            .map_err(|e| Error::input(format!("invalid prefix: {e}")))?;
    }
    let parsed = parser.clone().parse_query(&query.text).map_err(|e| {
        if parser.parse_update(&query.text).is_ok() {
            Error::input(format!(
                "{name}: is a SPARQL UPDATE, and nea-kg query is read-only\n  the graph is rebuilt from the fact sheet on every run: change the sheet instead"
            ))
        } else {
            syntax_error(name, &query.text, &e.to_string())
        }
    })?;
    if uses_service(&parsed.to_string()) {
        return Err(Error::input(format!(
            "{name}: uses SERVICE, and nea-kg never connects to another endpoint\n  load the other data into the same store, or run the query where both are"
        )));
    }
    let token = CancellationToken::new();
    if let Some(limit) = options.timeout {
        let token = token.clone();
        std::thread::spawn(move || {
            std::thread::sleep(limit);
            token.cancel();
        });
    }
    let mut prepared = SparqlEvaluator::new()
        .with_cancellation_token(token)
        .for_query(parsed);
    prepared.dataset_mut().set_default_graph_as_union();
    let fail = |e: QueryEvaluationError| match (e, options.timeout) {
        (QueryEvaluationError::Cancelled, Some(limit)) => timeout_error(name, limit),
        (e, _) => Error::input(format!("{name}: the query failed: {e}")),
    };
    let results = prepared.on_store(store).execute().map_err(fail)?;
    match results {
        QueryResults::Solutions(solutions) => {
            let variables = solutions.variables().to_vec();
            match options.format.unwrap_or(OutputFormat::Table) {
                OutputFormat::Table => {
                    let mut rows = Vec::new();
                    for s in solutions {
                        let s = s.map_err(fail)?;
                        rows.push(variables.iter().map(|v| s.get(v).cloned()).collect::<Vec<_>>());
                    }
                    let header: Vec<String> = variables.iter().map(|v| v.as_str().to_owned()).collect();
                    let names = Names::new(store, &options.entity_ns, rows.iter().flatten().flatten());
                    let width = std::io::stdout()
                        .is_terminal()
                        .then(|| terminal_size::terminal_size().map(|(w, _)| w.0 as usize))
                        .flatten();
                    write_table(out, &header, &rows, &names, width).map_err(io)?;
                }
                OutputFormat::Results(f) => {
                    let mut w = QueryResultsSerializer::from_format(f)
                        .serialize_solutions_to_writer(&mut *out, variables)
                        .map_err(io)?;
                    for s in solutions {
                        let s = s.map_err(fail)?;
                        w.serialize(&s).map_err(io)?;
                    }
                    w.finish().map_err(io)?;
                }
                OutputFormat::Rdf(_) => {
                    return Err(Error::input(format!(
                        "{name}: a SELECT query gives a table, not RDF\n  use --format table, csv, tsv, json or xml"
                    )))
                }
            }
        }
        QueryResults::Boolean(b) => match options.format.unwrap_or(OutputFormat::Table) {
            OutputFormat::Table => writeln!(out, "{b}").map_err(io)?,
            OutputFormat::Results(f) => {
                QueryResultsSerializer::from_format(f)
                    .serialize_boolean_to_writer(&mut *out, b)
                    .map_err(io)?;
            }
            OutputFormat::Rdf(_) => {
                return Err(Error::input(format!(
                    "{name}: an ASK query gives true or false, not RDF\n  use --format table, csv, tsv, json or xml"
                )))
            }
        },
        QueryResults::Graph(triples) => {
            let format = match options.format {
                None | Some(OutputFormat::Table) => RdfFormat::Turtle,
                Some(OutputFormat::Rdf(f)) => f,
                Some(OutputFormat::Results(_)) => {
                    return Err(Error::input(format!(
                        "{name}: a CONSTRUCT or DESCRIBE query gives a graph\n  use --format {}",
                        export::FORMATS
                    )))
                }
            };
            let triples = triples.collect::<std::result::Result<Vec<Triple>, _>>().map_err(fail)?;
            let quads: Vec<_> = triples
                .into_iter()
                .map(|t| t.in_graph(oxigraph::model::GraphName::DefaultGraph))
                .collect();
            export::check_format(&quads, format, &options.entity_ns)?;
            export::write(&quads, format, &options.entity_ns, &mut *out).map_err(io)?;
        }
    }
    out.flush().map_err(io)
}

/// A syntax error with the line of the query and a caret under the offending part.
fn syntax_error(name: &str, text: &str, message: &str) -> Error {
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
    Error::input(out)
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

/// Turns a write error into an error; a closed pipe is not one (`| head` is normal).
pub fn io(e: std::io::Error) -> Error {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        Error::broken_pipe()
    } else {
        Error::input(format!("cannot write the output: {e}"))
    }
}

/// How a table names IRIs: an entity by its English label, other IRIs by a prefixed
/// name where one fits.
pub struct Names {
    labels: HashMap<String, String>,
    entity_ns: String,
}

impl Names {
    pub fn new<'a>(store: &Store, entity_ns: &str, terms: impl Iterator<Item = &'a Term>) -> Self {
        let mut labels = HashMap::new();
        for term in terms {
            if let Term::NamedNode(n) = term {
                if labels.contains_key(n.as_str()) || !n.as_str().starts_with(entity_ns) {
                    continue;
                }
                if let Some(label) = english_label(store, n.as_ref()) {
                    labels.insert(n.as_str().to_owned(), label);
                }
            }
        }
        Self {
            labels,
            entity_ns: entity_ns.to_owned(),
        }
    }

    pub fn display(&self, term: &Term) -> String {
        match term {
            Term::NamedNode(n) => match self.labels.get(n.as_str()) {
                Some(label) => label.clone(),
                None => compact(n.as_str(), &self.entity_ns),
            },
            Term::Literal(l) => l.value().to_owned(),
            Term::BlankNode(b) => format!("_:{}", b.as_str()),
        }
    }
}

/// The English `rdfs:label` of a resource, if it has one.
pub fn english_label(store: &Store, node: NamedNodeRef<'_>) -> Option<String> {
    store
        .quads_for_pattern(Some(node.into()), Some(rdfs::LABEL), None, None)
        .filter_map(std::result::Result::ok)
        .find_map(|q| match q.object {
            Term::Literal(l) if l.language().is_none_or(|t| t.eq_ignore_ascii_case("en")) => {
                Some(l.value().to_owned())
            }
            _ => None,
        })
}

/// An IRI shortened with a known prefix, or in angle brackets.
pub fn compact(iri: &str, entity_ns: &str) -> String {
    if let Some(local) = iri.strip_prefix(entity_ns) {
        return format!("kg:{local}");
    }
    for (prefix, ns) in vocab::PREFIXES {
        if let Some(local) = iri.strip_prefix(ns) {
            if !local.is_empty() && !local.contains('/') {
                return format!("{prefix}:{local}");
            }
        }
    }
    format!("<{iri}>")
}

fn is_numeric(term: &Term) -> bool {
    use oxigraph::model::vocab::xsd;
    matches!(term, Term::Literal(l) if [xsd::INTEGER, xsd::DECIMAL, xsd::DOUBLE, xsd::FLOAT, xsd::NON_NEGATIVE_INTEGER].contains(&l.datatype()))
}

/// Display width: East Asian wide characters and emoji take two columns.
pub fn width(s: &str) -> usize {
    s.chars().map(char_width).sum()
}

fn char_width(c: char) -> usize {
    let c = c as u32;
    let wide = (0x1100..=0x115F).contains(&c)
        || (0x2E80..=0xA4CF).contains(&c)
        || (0xAC00..=0xD7A3).contains(&c)
        || (0xF900..=0xFAFF).contains(&c)
        || (0xFE30..=0xFE4F).contains(&c)
        || (0xFF00..=0xFF60).contains(&c)
        || (0xFFE0..=0xFFE6).contains(&c)
        || (0x1F300..=0x1FAFF).contains(&c)
        || (0x20000..=0x3FFFD).contains(&c);
    if wide {
        2
    } else {
        1
    }
}

/// Breaks a cell into lines of at most `limit` columns, at spaces where it can.
fn wrap(text: &str, limit: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split(' ') {
        let mut word = word.to_owned();
        loop {
            let sep = usize::from(!line.is_empty());
            if width(&line) + sep + width(&word) <= limit {
                if sep == 1 {
                    line.push(' ');
                }
                line.push_str(&word);
                break;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
                continue;
            }
            // A word longer than the column: cut it.
            let mut head = String::new();
            let mut chars = word.chars();
            for c in chars.by_ref() {
                if width(&head) + char_width(c) > limit {
                    let rest: String = std::iter::once(c).chain(chars).collect();
                    lines.push(head);
                    word = rest;
                    head = String::new();
                    break;
                }
                head.push(c);
            }
            if !head.is_empty() {
                line = head;
                break;
            }
        }
    }
    lines.push(line);
    lines
}

/// Writes an aligned table; with a terminal width, long cells wrap to fit it.
pub fn write_table(
    out: &mut dyn Write,
    header: &[String],
    rows: &[Vec<Option<Term>>],
    names: &Names,
    terminal_width: Option<usize>,
) -> std::io::Result<()> {
    let cells: Vec<Vec<(String, bool)>> = rows
        .iter()
        .map(|r| {
            r.iter()
                .map(|t| match t {
                    Some(t) => (
                        names.display(t).replace(['\n', '\t', '\r'], " "),
                        is_numeric(t),
                    ),
                    None => (String::new(), false),
                })
                .collect()
        })
        .collect();
    let mut widths: Vec<usize> = header.iter().map(|h| width(h)).collect();
    for row in &cells {
        for (i, (c, _)) in row.iter().enumerate() {
            widths[i] = widths[i].max(width(c));
        }
    }
    if let Some(total) = terminal_width {
        let gaps = 2 * widths.len().saturating_sub(1);
        let floor: Vec<usize> = header.iter().map(|h| width(h).max(8)).collect();
        while widths.iter().sum::<usize>() + gaps > total {
            let (i, _) = widths
                .iter()
                .enumerate()
                .filter(|(i, w)| **w > floor[*i])
                .max_by_key(|(_, w)| **w)
                .unwrap_or((usize::MAX, &0));
            if i == usize::MAX {
                break;
            }
            widths[i] -= 1;
        }
    }
    let write_row = |out: &mut dyn Write, row: &[(String, bool)]| -> std::io::Result<()> {
        let wrapped: Vec<Vec<String>> = row
            .iter()
            .enumerate()
            .map(|(i, (c, _))| wrap(c, widths[i]))
            .collect();
        let height = wrapped.iter().map(Vec::len).max().unwrap_or(1);
        for k in 0..height {
            let mut s = String::new();
            for (i, lines) in wrapped.iter().enumerate() {
                let c = lines.get(k).map_or("", String::as_str);
                let pad = " ".repeat(widths[i].saturating_sub(width(c)));
                if i > 0 {
                    s.push_str("  ");
                }
                if row[i].1 {
                    s.push_str(&pad);
                    s.push_str(c);
                } else {
                    s.push_str(c);
                    s.push_str(&pad);
                }
            }
            writeln!(out, "{}", s.trim_end())?;
        }
        Ok(())
    };
    let head: Vec<(String, bool)> = header.iter().map(|h| (h.clone(), false)).collect();
    write_row(out, &head)?;
    let rule: Vec<(String, bool)> = widths.iter().map(|w| ("─".repeat(*w), false)).collect();
    write_row(out, &rule)?;
    for row in &cells {
        write_row(out, row)?;
    }
    Ok(())
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

    #[test]
    fn wrapping_keeps_words_whole() {
        assert_eq!(wrap("one two three", 7), ["one two", "three"]);
        assert_eq!(wrap("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        assert_eq!(wrap("中国 日本", 4), ["中国", "日本"]);
    }

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
}
