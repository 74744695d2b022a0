//! `nea-kg query`: a shipped query by name, a `.rq` file, SPARQL text or stdin, with
//! `--bind` parameters, run over the graph under `--timeout` and the memory bound, its
//! results written as `--format` asks.

use crate::card::Db;
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
    let mut entities = Vec::new();
    for binding in &args.bind {
        if let Some(entity) = bind(&mut text, binding)? {
            entities.push(entity);
        }
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
    let mut query = sparql::parse(&text.name, &text.text, &context)?;
    let mut spent = parsing.elapsed();
    let kg = Kg::load(&args.input)?;
    if !entities.is_empty() {
        // An entity given by name is looked up once, so that the query runs with its IRI
        // bound and the store's indexes find its quads (a FILTER on every label cannot).
        let db = Db {
            graph: &kg.graph,
            entity_ns: &context.entity_ns,
        };
        for entity in &entities {
            let iri = db.find(&entity.name)?;
            set_values(&mut text, &entity.var, &format!("<{}>", iri.as_str()))?;
        }
        let parsing = std::time::Instant::now();
        query = sparql::parse(&text.name, &text.text, &context)?;
        spent += parsing.elapsed();
    }
    let graph = kg.graph.clone();
    let name = text.name;
    sparql::guarded_after(&name.clone(), timeout, spent, move || {
        let results = query.execute(&graph)?;
        let stdout = std::io::stdout();
        let mut out = std::io::BufWriter::new(stdout.lock());
        let fail = |e| sparql::evaluation_error(&name, e, timeout);
        let writing = Writing {
            name: &name,
            format,
            graph: &graph,
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

/// A parameter of a query that stands for an entity: its `VALUES` block holds an IRI
/// (`VALUES ?entity { kg:asean }`), and the value given to `--bind` is one of the
/// entity's names, in any language and case, its id or its IRI, found as `describe`
/// finds it.
pub struct EntityParameter {
    pub var: String,
    pub name: String,
}

/// Sets a parameter of a query: the values of its `VALUES ?name { … }` block become
/// the one string given. A block that holds an IRI is an entity's: it is returned, to be
/// set once the graph is loaded and the name can be looked up. `--bind name=…` on a
/// query whose entity is `?entity` (the shipped entity queries before they took the
/// entity's IRI) still works.
pub fn bind(query: &mut QueryText, binding: &str) -> Result<Option<EntityParameter>> {
    let (var, value) = binding.split_once('=').ok_or_else(|| {
        anyhow!(
            "--bind {}: write it as NAME=VALUE, for example --bind name=ROK",
            quoted(binding)
        )
    })?;
    let mut var = var.trim_start_matches('?');
    if var == "name"
        && values_block(query, "name")?.is_none()
        && values_block(query, "entity")?.is_some()
    {
        var = "entity";
    }
    let block = values_block(query, var)?.ok_or_else(|| {
        anyhow!(
            "{}: has no `VALUES ?{var} {{ … }}` block for --bind {var}=…\n  bind a variable that the query declares with VALUES",
            query.name
        )
    })?;
    if is_entity(&query.text[block.clone()]) {
        return Ok(Some(EntityParameter {
            var: var.to_owned(),
            name: value.to_owned(),
        }));
    }
    let literal = oxigraph::model::Literal::new_simple_literal(value).to_string();
    query.text.replace_range(block, &format!(" {literal} "));
    Ok(None)
}

/// Replaces what the `VALUES ?var { … }` block of a query holds.
fn set_values(query: &mut QueryText, var: &str, value: &str) -> Result<()> {
    if let Some(block) = values_block(query, var)? {
        query.text.replace_range(block, &format!(" {value} "));
    }
    Ok(())
}

/// Where the inside of the `VALUES ?var { … }` block of a query is, if it has one.
fn values_block(query: &QueryText, var: &str) -> Result<Option<std::ops::Range<usize>>> {
    let head = format!("VALUES ?{var} {{");
    let Some(open) = query.text.find(&head).map(|at| at + head.len()) else {
        return Ok(None);
    };
    match query.text[open..].find('}') {
        Some(close) => Ok(Some(open..open + close)),
        None => bail!(
            "{}: the VALUES ?{var} block is not closed\n  end it with }}, as in VALUES ?{var} {{ \"ROK\" }}",
            query.name
        ),
    }
}

/// Whether the values of a block are an IRI (`<…>` or a prefixed name), not a literal.
fn is_entity(values: &str) -> bool {
    let v = values.trim();
    v.starts_with('<')
        || v.split_once(':').is_some_and(|(prefix, local)| {
            !local.is_empty()
                && prefix
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '_' || c == '-' || c == '.')
        })
}
