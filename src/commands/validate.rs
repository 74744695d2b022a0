//! `nea-kg validate`: the graph against the SHACL shapes of `ontology/shapes.ttl`, plus
//! the grounding checks SHACL cannot express (each quote is the article's text at its
//! offsets, and the offsets lie within the text). Exit status 1 when it does not conform.

use crate::cli::{ValidateArgs, ValidateFormat};
use crate::load;
use crate::say;
use crate::shacl::{self, DataGraph, Shapes, Violation};
use crate::sparql;
use anyhow::{anyhow, bail, Result};
use nea_kg_core::error::{cut_quoted_parts, quoted};
use nea_kg_core::ontology;
use nea_kg_core::vocab::rdf;
use oxigraph::io::{JsonLdProfileSet, RdfFormat, RdfParser};
use oxigraph::model::{NamedNode, Quad, Term, Triple};
use std::io::{Read, Write};
use std::path::Path;
use std::process::ExitCode;

pub fn run(args: ValidateArgs) -> Result<ExitCode> {
    let shapes = match &args.shapes {
        Some(path) => {
            let source = load::read_file(path, "shapes")?;
            Shapes::parse(&source.name, &source.text)?
        }
        None => {
            crate::explain!("the shapes: the embedded ontology/shapes.ttl");
            Shapes::parse("ontology/shapes.ttl", shacl::EMBEDDED)?
        }
    };
    let mut graph = DataGraph::new();
    let (what, failures) = match &args.data {
        Some(path) => {
            for q in read_rdf(path, "data", "--data", args.data_format.as_deref())? {
                graph.insert(Triple::from(q));
            }
            let what = if load::is_stdin(path) {
                "the data on stdin".to_owned()
            } else {
                path.display().to_string()
            };
            (what, 0)
        }
        None => {
            let (quads, failures) = load::quads(&args.input)?;
            for q in quads {
                graph.insert(Triple::from(q));
            }
            let what = match (
                &args.input.store,
                &args.input.corpus,
                args.input.article.is_empty(),
            ) {
                (Some(dir), _, _) => format!("the store {}", dir.display()),
                (None, Some(dir), _) => format!("the corpus {}", dir.display()),
                (None, None, true) => "the embedded graph".to_owned(),
                (None, None, false) => "the graph".to_owned(),
            };
            (what, failures)
        }
    };
    if args.with_ontology {
        add_turtle(&mut graph, "the shipped ontology", ontology::EMBEDDED)?;
    }
    for path in &args.ontology {
        for q in read_rdf(path, "ontology", "--ontology", None)? {
            graph.insert(Triple::from(q));
        }
    }
    let shapes_count = shapes.len();
    let (violations, triples) = sparql::guarded("validate", None, move || {
        let mut violations = shacl::validate(&shapes, &graph);
        violations.extend(grounding(&graph));
        let triples = graph.read();
        std::mem::forget(graph);
        Ok((violations, triples))
    })?;
    let stdout = std::io::stdout();
    let mut w = std::io::BufWriter::new(stdout.lock());
    match args.format {
        ValidateFormat::Json => {
            let report = serde_json::json!({
                "conforms": violations.is_empty(),
                "triples": triples,
                "shapes": shapes_count,
                "violations": violations,
            });
            serde_json::to_writer_pretty(&mut w, &report).map_err(crate::output::json_io)?;
            writeln!(w)?;
        }
        ValidateFormat::Text => {
            for v in &violations {
                let line = format!(
                    "{}  {}  {}  [{} {}]",
                    v.focus,
                    v.path.as_deref().unwrap_or("-"),
                    v.message,
                    v.shape,
                    v.constraint
                );
                writeln!(w, "{}", crate::terminal::one_line(&line))?;
            }
        }
        ValidateFormat::Ttl | ValidateFormat::Jsonld => {
            let quads = shacl::report_quads(&violations)?;
            let format = if args.format == ValidateFormat::Ttl {
                RdfFormat::Turtle
            } else {
                RdfFormat::JsonLd {
                    profile: JsonLdProfileSet::empty(),
                }
            };
            let iris = nea_kg_core::Iris::new(&args.input.base)?;
            crate::output::rdf::write(&quads, format, &iris.entity_namespace(), &mut w)?;
        }
    }
    w.flush()?;
    drop(w);
    if !violations.is_empty() {
        say!(
            "error: {what} does not conform: {} violation{}",
            violations.len(),
            if violations.len() == 1 { "" } else { "s" }
        );
        return Ok(ExitCode::from(1));
    }
    if failures > 0 {
        return Ok(load::outcome(failures));
    }
    crate::note!("{what} conforms: {triples} quads checked against {shapes_count} shapes and the article's text");
    Ok(ExitCode::SUCCESS)
}

/// Adds the triples of a Turtle text to the graph.
fn add_turtle(graph: &mut DataGraph, name: &str, text: &str) -> Result<()> {
    for q in RdfParser::from_format(RdfFormat::Turtle).for_slice(text.as_bytes()) {
        let q = q.map_err(|e| anyhow!("{name}: {}", cut_quoted_parts(&e.to_string())))?;
        graph.insert(Triple::from(q));
    }
    Ok(())
}

/// Reads any RDF file (its format from `format` or the extension; .gz is decompressed),
/// or standard input for `-`, as it is written: parsed, every term untouched, nothing
/// loaded into a store. `option` names the option it came from, for messages.
fn read_rdf(path: &Path, what: &str, option: &str, format: Option<&str>) -> Result<Vec<Quad>> {
    let stdin = load::is_stdin(path);
    if stdin && format.is_none() {
        if option == "--data" {
            bail!("--data -: the format of standard input cannot be told from a name\n  give --data-format (ttl, nt, nq, trig, rdf or jsonld; nq.gz if compressed)");
        }
        bail!("{option} -: the format of standard input cannot be told from a name\n  give {option} a file named by its format (.ttl, .nt, .nq, .trig, .rdf or .jsonld)");
    }
    let target = crate::output::rdf::Target::new(format, (!stdin).then_some(path))?;
    if path.is_dir() {
        bail!(
            "{}: is a folder, not a file\n  give the path of an RDF file",
            path.display()
        );
    }
    let (name, bytes) = load::read_bytes(path, what)?;
    let bytes = if target.gzip {
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(bytes.as_slice())
            .read_to_end(&mut out)
            .map_err(|e| anyhow!("{name}: not valid gzip: {e}"))?;
        out
    } else {
        bytes
    };
    let format: RdfFormat = target.format;
    RdfParser::from_format(format)
        .for_slice(&bytes)
        .collect::<std::result::Result<Vec<_>, _>>()
        .map_err(|e| {
            anyhow!(
                "{name}: {}\n  the file must be valid {}",
                cut_quoted_parts(&e.to_string()),
                format.name()
            )
        })
}

/// Each quote selector's words are the article's text between its evidence's offsets.
fn grounding(graph: &DataGraph) -> Vec<Violation> {
    let iri = |s: &str| NamedNode::new_unchecked(s);
    let (has_source, has_selector, exact_p, start_p, end_p, text_p) = (
        iri("http://www.w3.org/ns/oa#hasSource"),
        iri("http://www.w3.org/ns/oa#hasSelector"),
        iri("http://www.w3.org/ns/oa#exact"),
        iri("http://www.w3.org/ns/oa#start"),
        iri("http://www.w3.org/ns/oa#end"),
        iri("http://schema.org/text"),
    );
    let rdf_type = NamedNode::from(rdf::TYPE);
    let quote_class = Term::from(iri("http://www.w3.org/ns/oa#TextQuoteSelector"));
    let position_class = Term::from(iri("http://www.w3.org/ns/oa#TextPositionSelector"));
    let literals = |s: &Term, p: &NamedNode| -> Vec<String> {
        graph
            .objects(s, p)
            .iter()
            .filter_map(|o| match o {
                Term::Literal(l) => Some(l.value().to_owned()),
                _ => None,
            })
            .collect()
    };
    let mut rows = Vec::new();
    for (evidence, article) in graph.pairs(&has_source) {
        let selectors = graph.objects(evidence, &has_selector);
        let of = |class: &Term| -> Vec<&Term> {
            selectors
                .iter()
                .filter(|s| graph.objects(s, &rdf_type).contains(class))
                .collect()
        };
        for quote in of(&quote_class) {
            for position in of(&position_class) {
                for exact in literals(quote, &exact_p) {
                    for start in literals(position, &start_p) {
                        for end in literals(position, &end_p) {
                            for text in literals(article, &text_p) {
                                rows.push((
                                    quote.to_string(),
                                    exact.clone(),
                                    start.clone(),
                                    end.clone(),
                                    text,
                                ));
                            }
                        }
                    }
                }
            }
        }
    }
    rows.sort();
    rows.dedup();
    let mut texts: std::collections::HashMap<String, Vec<char>> = std::collections::HashMap::new();
    let mut out = Vec::new();
    for (quote, exact, start, end, text) in rows {
        let chars = texts
            .entry(text.clone())
            .or_insert_with(|| text.chars().collect());
        let (start, end) = (start.parse::<i64>().ok(), end.parse::<i64>().ok());
        let message = match (start, end) {
            (Some(a), Some(b)) if 0 <= a && a < b && (b as usize) <= chars.len() => {
                let there: String = chars[a as usize..b as usize].iter().collect();
                if there == exact {
                    continue;
                }
                format!(
                    "oa:exact {} is not the article's text at [{a}, {b}), which is {}",
                    quoted(&exact),
                    quoted(&there)
                )
            }
            (Some(a), Some(b)) if a >= b => {
                format!("the offsets [{a}, {b}) select no text: oa:start must be less than oa:end")
            }
            (Some(a), Some(b)) => format!(
                "the offsets [{a}, {b}) do not lie within the article's {} characters",
                chars.len()
            ),
            _ => "the offsets are not integers".to_owned(),
        };
        out.push(Violation {
            focus: quote,
            path: Some("<http://www.w3.org/ns/oa#exact>".to_owned()),
            value: Some(format!("{exact:?}")),
            message,
            shape: "grounding".to_owned(),
            constraint: "oa:exact = SUBSTR(schema:text, oa:start + 1, oa:end - oa:start)"
                .to_owned(),
            component: shacl::GROUNDING_COMPONENT.to_owned(),
            severity: format!("{}Violation", crate::output::rdf::SH),
        });
    }
    out.sort();
    out
}
