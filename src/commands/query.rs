//! `nea-kg query`: a shipped query by name, a `.rq` file, SPARQL text or stdin, with
//! `--bind` parameters, run over the graph under `--timeout` and the memory bound, its
//! results written as `--format` asks.

use crate::cli::QueryArgs;
use crate::load::Kg;
use crate::output::results::{self, Writing};
use crate::shipped;
use crate::sparql;
use anyhow::{anyhow, bail, Context, Result};
use nea_kg_core::error::quoted;
use std::io::{Read, Write};
use std::path::Path;
use std::process::ExitCode;
use std::time::Duration;

pub fn run(args: QueryArgs) -> Result<ExitCode> {
    let format = args
        .format
        .as_deref()
        .map(results::parse_format)
        .transpose()?;
    let timeout = args.timeout.map(positive_seconds).transpose()?;
    let mut text = resolve(&args.query)?;
    for binding in &args.bind {
        bind(&mut text, binding)?;
    }
    let iris = nea_kg_core::Iris::new(&args.input.base)?;
    let context = sparql::Context {
        base: iris.base().to_owned(),
        entity_ns: iris.entity_namespace(),
        timeout,
        dataset: None,
    };
    // --timeout bounds the query, parsing and evaluation together (not the loading).
    let parsing = std::time::Instant::now();
    let query = sparql::parse(&text.name, &text.text, &context)?;
    let spent = parsing.elapsed();
    let kg = Kg::load(&args.input)?;
    let store = kg.store.clone();
    let name = text.name;
    sparql::guarded_after(&name.clone(), timeout, spent, move || {
        let results = query.execute(&store)?;
        let stdout = std::io::stdout();
        let mut out = std::io::BufWriter::new(stdout.lock());
        let fail = |e| sparql::evaluation_error(&name, e, timeout);
        let writing = Writing {
            name: &name,
            format,
            store: &store,
            entity_ns: &context.entity_ns,
            fail: &fail,
        };
        if let Err(e) = results::write(results, &writing, &mut out) {
            // What is still in the buffer is dropped, not flushed: a query that fails
            // before its results fill it (a header and no rows) leaves stdout empty.
            drop(out.into_parts());
            return Err(e);
        }
        out.flush()?;
        Ok(())
    })?;
    Ok(kg.finish())
}

/// A positive number of seconds, from `--timeout`.
pub fn positive_seconds(t: f64) -> Result<Duration> {
    Duration::try_from_secs_f64(t)
        .ok()
        .filter(|d| !d.is_zero())
        .ok_or_else(|| anyhow!("invalid --timeout {t}: give a positive number of seconds"))
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
            .context("stdin: cannot read the query")?;
        // A UTF-8 byte-order mark is dropped, as `read_file` drops it.
        let text = match text.strip_prefix('\u{FEFF}') {
            Some(rest) => rest.to_owned(),
            None => text,
        };
        crate::explain!("read the query from stdin ({} bytes)", text.len());
        return Ok(QueryText {
            name: "the query on stdin".to_owned(),
            text,
        });
    }
    let path = Path::new(arg);
    let one_word = !arg.contains(char::is_whitespace) && !arg.contains('{');
    if arg.ends_with(".rq") || arg.ends_with(".sparql") || (one_word && path.is_file()) {
        let source = crate::load::read_file(path, "query")?;
        return Ok(QueryText {
            name: source.name,
            text: source.text,
        });
    }
    if one_word {
        return match shipped::find(arg) {
            Ok(q) => Ok({
                crate::explain!("the query: the shipped {}.rq, compiled in", q.name);
                QueryText {
                    name: format!("{}.rq", q.name),
                    text: q.text.to_owned(),
                }
            }),
            Err(several) if several.len() > 1 => bail!(
                "{} names several shipped queries: {}\n  give more of the name",
                quoted(arg),
                several.iter().map(|q| q.name).collect::<Vec<_>>().join(", ")
            ),
            Err(_) => bail!(
                "{} is not a shipped query, a .rq file or SPARQL text\n  `nea-kg queries` lists the shipped queries",
                quoted(arg)
            ),
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
        anyhow!(
            "--bind {}: write it as NAME=VALUE, for example --bind name=ROK",
            quoted(binding)
        )
    })?;
    let var = var.trim_start_matches('?');
    let head = format!("VALUES ?{var} {{");
    let start = query.text.find(&head).ok_or_else(|| {
        anyhow!(
            "{}: has no `VALUES ?{var} {{ … }}` block for --bind {var}=…\n  bind a variable that the query declares with VALUES",
            query.name
        )
    })?;
    let open = start + head.len();
    let close = open
        + query.text[open..]
            .find('}')
            .ok_or_else(|| anyhow!("{}: the VALUES ?{var} block is not closed", query.name))?;
    let literal = oxigraph::model::Literal::new_simple_literal(value).to_string();
    query
        .text
        .replace_range(open..close, &format!(" {literal} "));
    Ok(())
}
