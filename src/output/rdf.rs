//! Serialising the graph: sorted, so two runs give identical bytes; prefixes declared
//! only for the namespaces in use and only where every local name is plain (no
//! backslash escapes, no leading digit), so every mainstream store reads it back.

use super::spill::{Runs, Spill};
use anyhow::{anyhow, bail, Result};
use nea_kg_core::error::quoted;
use nea_kg_core::vocab::{self, rdf, xsd};
use oxigraph::io::{JsonLdProfileSet, RdfFormat, RdfSerializer};
use oxigraph::model::{GraphName, NamedNodeRef, Quad, Term, Triple};
use std::collections::BTreeSet;
use std::io::Write;
use std::path::Path;

/// The SHACL namespace.
pub const SH: &str = "http://www.w3.org/ns/shacl#";

/// The RDF formats, as results of CONSTRUCT and DESCRIBE and as input.
pub const FORMATS: &str = "ttl, nt, nq, trig, rdf (RDF/XML) or jsonld";

/// The formats `export` writes: those of `FORMATS`, and JSON-LD that keeps the graphs.
pub const EXPORT_FORMATS: &str = "ttl, nt, nq, trig, rdf (RDF/XML), jsonld or jsonld-dataset";

/// An RDF format from a name, an extension or a media type.
pub fn parse_format(name: &str) -> Result<RdfFormat> {
    let format = match name.to_ascii_lowercase().as_str() {
        "ttl" | "turtle" | "text/turtle" => Some(RdfFormat::Turtle),
        "nt" | "ntriples" | "n-triples" | "application/n-triples" => Some(RdfFormat::NTriples),
        "nq" | "nquads" | "n-quads" | "application/n-quads" => Some(RdfFormat::NQuads),
        "trig" | "application/trig" => Some(RdfFormat::TriG),
        "rdf" | "rdfxml" | "rdf/xml" | "owl" | "application/rdf+xml" => Some(RdfFormat::RdfXml),
        "jsonld" | "json-ld" | "application/ld+json" => Some(RdfFormat::JsonLd {
            profile: JsonLdProfileSet::empty(),
        }),
        _ => None,
    };
    format.ok_or_else(|| {
        anyhow!(
            "unknown RDF format {}\n  use one of {FORMATS} (or their media types); add .gz to compress",
            quoted(name)
        )
    })
}

/// What `export` writes: a format, maybe gzipped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Target {
    pub format: RdfFormat,
    pub gzip: bool,
    /// JSON-LD that keeps the named graphs (`jsonld-dataset`), not their union.
    pub jsonld_dataset: bool,
}

/// The name of the JSON-LD format that keeps the named graphs, as N-Quads and TriG do
/// (`jsonld` gives their union, as N-Triples and Turtle do).
pub const JSONLD_DATASET: &str = "jsonld-dataset";

impl Target {
    /// From `--format` (`nq`, `nq.gz`, a media type) and the output file's name.
    pub fn new(format: Option<&str>, output: Option<&Path>) -> Result<Self> {
        let path_gz = output.is_some_and(|p| p.extension().is_some_and(|e| e == "gz"));
        match format {
            Some(name) => {
                let (name, gz) = match name.strip_suffix(".gz") {
                    Some(inner) => (inner, true),
                    None => (name, false),
                };
                if name.eq_ignore_ascii_case(JSONLD_DATASET) {
                    return Ok(Self {
                        format: RdfFormat::JsonLd {
                            profile: JsonLdProfileSet::empty(),
                        },
                        gzip: gz || path_gz,
                        jsonld_dataset: true,
                    });
                }
                let format = parse_format(name).map_err(|_| {
                    anyhow!(
                        "unknown RDF format {}\n  use one of {EXPORT_FORMATS} (or their media types); add .gz to compress",
                        quoted(name)
                    )
                })?;
                Ok(Self {
                    format,
                    gzip: gz || path_gz,
                    jsonld_dataset: false,
                })
            }
            None => match output {
                Some(path) => {
                    let name = path
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default();
                    let inner = name.strip_suffix(".gz").unwrap_or(&name);
                    let ext = Path::new(inner)
                        .extension()
                        .and_then(|e| e.to_str())
                        .unwrap_or("");
                    let format = parse_format(ext).map_err(|_| {
                        anyhow!(
                            "{}: cannot tell the format from the extension {}\n  name the file .ttl, .nt, .nq, .trig, .rdf or .jsonld (add .gz to compress), or give --format",
                            path.display(),
                            quoted(ext)
                        )
                    })?;
                    Ok(Self {
                        format,
                        gzip: path_gz,
                        jsonld_dataset: false,
                    })
                }
                None => Ok(Self {
                    format: RdfFormat::Turtle,
                    gzip: false,
                    jsonld_dataset: false,
                }),
            },
        }
    }
}

/// The longest IRI every store keeps whole: Virtuoso silently truncates longer ones.
pub const MAX_IRI: usize = 1_879;

/// Refuses IRIs that a mainstream store would truncate or reject.
pub fn check_iris(quads: &[Quad]) -> Result<()> {
    for q in quads {
        let mut iris = vec![q.predicate.as_str()];
        if let oxigraph::model::NamedOrBlankNode::NamedNode(s) = &q.subject {
            iris.push(s.as_str());
        }
        if let Term::NamedNode(o) = &q.object {
            iris.push(o.as_str());
        }
        if let Some(iri) = iris.into_iter().find(|i| i.chars().count() > MAX_IRI) {
            let head: String = iri.chars().take(80).collect();
            bail!(
                "the IRI {head}… is {} characters long; Virtuoso truncates IRIs longer than {MAX_IRI}\n  shorten the ids in the fact sheet, or the --base IRI",
                iri.chars().count()
            );
        }
    }
    Ok(())
}

/// Whether XML 1.0 can hold a character at all, escaped or not: every control
/// character but tab, line feed and carriage return is outside its `Char`
/// production, and so are U+FFFE and U+FFFF. No character reference escapes them
/// (`&#1;` is XML 1.1), so RDF/XML, which Oxigraph writes as XML 1.0, cannot carry them.
fn xml_char(c: char) -> bool {
    !matches!(c, '\0'..='\u{8}' | '\u{B}' | '\u{C}' | '\u{E}'..='\u{1F}' | '\u{FFFE}' | '\u{FFFF}')
}

/// The message for the first term of the quads that RDF/XML cannot carry (a literal
/// holding a control character: the article's text, a quote, a label): which
/// resource and property, which character, and at what offset (code points from 0, as
/// the graph's own offsets count).
fn xml_unsafe(quads: &[Quad], entity_ns: &str) -> Option<String> {
    quads.iter().find_map(|q| {
        let Term::Literal(l) = &q.object else {
            return None;
        };
        let (offset, c) = l.value().chars().enumerate().find(|&(_, c)| !xml_char(c))?;
        let subject = match &q.subject {
            oxigraph::model::NamedOrBlankNode::NamedNode(s) => {
                crate::output::table::compact(s.as_str(), entity_ns)
            }
            s => s.to_string(),
        };
        let what = if c.is_control() { "control character" } else { "noncharacter" };
        Some(format!(
            "{subject} {}: the literal holds the {what} U+{:04X} at offset {}, which RDF/XML cannot carry (XML 1.0 has no way to write it)\n  export Turtle, N-Triples, N-Quads, TriG or JSON-LD instead (--format ttl, nt, nq, trig or jsonld), or remove the character from the article or the sheet",
            crate::output::table::compact(q.predicate.as_str(), entity_ns),
            u32::from(c),
            nea_kg_core::error::thousands(offset)
        ))
    })
}

/// Refuses to write RDF/XML that an XML 1.0 parser would reject: an export in
/// another format is always possible, a broken file never is.
pub fn check_format(quads: &[Quad], format: RdfFormat, entity_ns: &str) -> Result<()> {
    if format != RdfFormat::RdfXml {
        return Ok(());
    }
    match xml_unsafe(quads, entity_ns) {
        Some(m) => Err(anyhow!(m)),
        None => Ok(()),
    }
}

/// Writes RDF/XML with every carriage return as `&#13;`. Oxigraph writes them as
/// they are, and an XML parser turns a literal's `\r\n` into `\n` (end-of-line
/// handling), which shifts every offset of an article saved with CRLF line breaks; a
/// character reference is kept. A carriage return can only come from a literal's
/// text (the serializer's own line breaks are line feeds), where the reference means
/// the same character.
struct XmlCarriageReturns<W: Write>(W);

impl<W: Write> Write for XmlCarriageReturns<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        for (i, part) in buf.split(|&b| b == b'\r').enumerate() {
            if i > 0 {
                self.0.write_all(b"&#13;")?;
            }
            self.0.write_all(part)?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.0.flush()
    }
}

/// Sorts for stable, readable output: by graph (quad formats), subject, predicate with
/// `rdf:type` first, object; IRIs compare by their text, so a resource comes before the
/// resources whose IRIs extend it.
fn key(graph: Option<&GraphName>, t: &Triple) -> (String, String, bool, String, String) {
    let graph = graph.map(graph_key).unwrap_or_default();
    let subject = match &t.subject {
        oxigraph::model::NamedOrBlankNode::NamedNode(s) => s.as_str().to_owned(),
        s => s.to_string(),
    };
    let object = match &t.object {
        Term::NamedNode(o) => o.as_str().to_owned(),
        o => o.to_string(),
    };
    (
        graph,
        subject,
        t.predicate != rdf::TYPE,
        t.predicate.as_str().to_owned(),
        object,
    )
}

/// What sorts a graph's name: an IRI by its text.
pub fn graph_key(graph: &GraphName) -> String {
    match graph {
        GraphName::NamedNode(g) => g.as_str().to_owned(),
        g => g.to_string(),
    }
}

/// Is `local` a plain local name that every Turtle reader accepts as it is?
fn plain_local(local: &str) -> bool {
    let mut chars = local.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

/// The prefixes that shorten at least one IRI in the output, and never need escapes.
fn prefixes_in_use<'a>(
    quads: impl Iterator<Item = &'a Quad>,
    candidates: &[(String, String)],
) -> Vec<(String, String)> {
    let mut used = BTreeSet::new();
    note_prefixes(quads, candidates, &mut used);
    used.into_iter().map(|i| candidates[i].clone()).collect()
}

/// Adds to `used` the candidates that shorten an IRI of the quads.
fn note_prefixes<'a>(
    quads: impl Iterator<Item = &'a Quad>,
    candidates: &[(String, String)],
    used: &mut BTreeSet<usize>,
) {
    let mut note = |iri: NamedNodeRef<'_>| {
        for (i, (_, ns)) in candidates.iter().enumerate() {
            if let Some(local) = iri.as_str().strip_prefix(ns.as_str()) {
                if plain_local(local) {
                    used.insert(i);
                }
            }
        }
    };
    for q in quads {
        if let oxigraph::model::NamedOrBlankNode::NamedNode(s) = &q.subject {
            note(s.as_ref());
        }
        if q.predicate != rdf::TYPE {
            note(q.predicate.as_ref());
        }
        match &q.object {
            Term::NamedNode(o) => note(o.as_ref()),
            Term::Literal(l)
                if ![xsd::STRING, xsd::INTEGER, xsd::DECIMAL, xsd::BOOLEAN]
                    .contains(&l.datatype())
                    && l.language().is_none() =>
            {
                note(l.datatype())
            }
            _ => {}
        }
        if let GraphName::NamedNode(g) = &q.graph_name {
            note(g.as_ref());
        }
    }
}

/// The prefixes an output may declare, sorted.
fn candidates(entity_ns: &str) -> Vec<(String, String)> {
    let mut candidates: Vec<(String, String)> = vocab::PREFIXES
        .iter()
        .map(|(p, ns)| ((*p).to_owned(), (*ns).to_owned()))
        .collect();
    candidates.push(("kg".to_owned(), entity_ns.to_owned()));
    // For SHACL validation reports; declared, as every prefix, only where used.
    candidates.push(("sh".to_owned(), SH.to_owned()));
    candidates.sort();
    candidates
}

/// The prefixes that quads seen so far use, for output written after all of them are
/// seen (a spilled export).
pub struct Prefixes {
    candidates: Vec<(String, String)>,
    used: BTreeSet<usize>,
}

impl Prefixes {
    pub fn new(entity_ns: &str) -> Self {
        Self {
            candidates: candidates(entity_ns),
            used: BTreeSet::new(),
        }
    }

    /// Notes the prefixes these quads use.
    pub fn note(&mut self, quads: &[Quad]) {
        note_prefixes(quads.iter(), &self.candidates, &mut self.used);
    }

    fn list(&self) -> Vec<(String, String)> {
        self.used
            .iter()
            .map(|&i| self.candidates[i].clone())
            .collect()
    }
}

/// A serializer for `format` that declares the prefixes the given quads use (for the
/// formats that have prefixes).
fn serializer(
    format: RdfFormat,
    entity_ns: &str,
    quads: &[Quad],
) -> std::io::Result<RdfSerializer> {
    let prefixes = prefixes_in_use(quads.iter(), &candidates(entity_ns));
    serializer_with(format, &prefixes)
}

/// A serializer for `format` that declares these prefixes (for the formats that have
/// prefixes).
fn serializer_with(
    format: RdfFormat,
    prefixes: &[(String, String)],
) -> std::io::Result<RdfSerializer> {
    let mut serializer = RdfSerializer::from_format(format);
    if matches!(
        format,
        RdfFormat::Turtle | RdfFormat::TriG | RdfFormat::RdfXml
    ) {
        for (prefix, ns) in prefixes {
            serializer = serializer
                .with_prefix(prefix, ns)
                .map_err(|e| std::io::Error::other(e.to_string()))?;
        }
    }
    Ok(serializer)
}

/// Writes the quads in `format`, sorted: triple formats get the union of all graphs.
/// RDF/XML that XML 1.0 cannot hold is refused before a byte is written
/// (`check_format` says why, for a message).
pub fn write(
    quads: &[Quad],
    format: RdfFormat,
    entity_ns: &str,
    out: impl Write,
) -> std::io::Result<()> {
    if format == RdfFormat::RdfXml {
        if let Some(message) = xml_unsafe(quads, entity_ns) {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                message,
            ));
        }
        return write_sorted(quads, format, entity_ns, XmlCarriageReturns(out));
    }
    if matches!(format, RdfFormat::JsonLd { .. }) {
        return super::jsonld::write(quads, false, entity_ns, out);
    }
    write_sorted(quads, format, entity_ns, out)
}

fn write_sorted(
    quads: &[Quad],
    format: RdfFormat,
    entity_ns: &str,
    out: impl Write,
) -> std::io::Result<()> {
    let mut writer = serializer(format, entity_ns, quads)?.for_writer(out);
    if format.supports_datasets() {
        for q in sorted_quads(quads) {
            writer.serialize_quad(q)?;
        }
    } else {
        let mut triples: Vec<(Triple, _)> = quads
            .iter()
            .map(|q| {
                let t = Triple::from(q.clone());
                let k = key(None, &t);
                (t, k)
            })
            .collect();
        triples.sort_by(|a, b| a.1.cmp(&b.1));
        triples.dedup_by(|a, b| a.0 == b.0);
        for (t, _) in &triples {
            writer.serialize_triple(t)?;
        }
    }
    let mut out = writer.finish()?;
    final_newline(format, &mut out)?;
    out.flush()
}

/// The quads sorted for output (by graph, subject, predicate with `rdf:type` first,
/// object), each once.
fn sorted_quads(quads: &[Quad]) -> Vec<&Quad> {
    let mut sorted: Vec<(&Quad, _)> = quads
        .iter()
        .map(|q| (q, key(Some(&q.graph_name), &Triple::from(q.clone()))))
        .collect();
    sorted.sort_by(|a, b| a.1.cmp(&b.1));
    sorted.dedup_by(|a, b| a.0 == b.0);
    sorted.into_iter().map(|(q, _)| q).collect()
}

/// Writes spilled quads, gzipped or not, as `write_target` writes them all at once,
/// byte for byte. JSON-LD has its own way (`jsonld::write_spilled`). A dataset format (N-Quads, TriG) gets the graphs in the order of their
/// names (the first part of the sort key), each read back, changed by `adjust`, sorted
/// and written before the next is read. A triple format (N-Triples, Turtle, RDF/XML)
/// gets the sorted union: each graph's triples sorted into a run on disk, then the runs
/// merged, a piece of each at a time.
pub fn write_spilled(
    spill: &mut Spill,
    prefixes: &Prefixes,
    target: Target,
    entity_ns: &str,
    adjust: &dyn Fn(&mut Vec<Quad>),
    out: impl Write,
) -> std::io::Result<()> {
    let format = target.format;
    if target.jsonld_dataset || matches!(format, RdfFormat::JsonLd { .. }) {
        return gzipped_or_not(target.gzip, out, |out: &mut dyn Write| {
            super::jsonld::write_spilled(spill, target.jsonld_dataset, entity_ns, adjust, out)
        });
    }
    let mut runs = None;
    if !format.supports_datasets() {
        let mut sorted = Runs::new()?;
        for graph in spill.graphs() {
            let mut quads = graph?;
            adjust(&mut quads);
            let mut triples: Vec<(Triple, _)> = quads
                .into_iter()
                .map(|q| {
                    let t = Triple::from(q);
                    let k = key(None, &t);
                    (t, k)
                })
                .collect();
            triples.sort_by(|a, b| a.1.cmp(&b.1));
            triples.dedup_by(|a, b| a.0 == b.0);
            sorted.add(triples.iter().map(|(t, _)| t))?;
        }
        runs = Some(sorted);
    }
    let mut write = |out: &mut dyn Write| -> std::io::Result<()> {
        let mut writer = serializer_with(format, &prefixes.list())?.for_writer(out);
        if let Some(runs) = &runs {
            for t in runs.merge(|t| key(None, t))? {
                writer.serialize_triple(&t?)?;
            }
        } else {
            for graph in spill.graphs() {
                let mut quads = graph?;
                adjust(&mut quads);
                for q in sorted_quads(&quads) {
                    writer.serialize_quad(q)?;
                }
            }
        }
        let mut out = writer.finish()?;
        final_newline(format, &mut out)?;
        out.flush()
    };
    if format == RdfFormat::RdfXml {
        return gzipped_or_not(target.gzip, out, |out: &mut dyn Write| {
            write(&mut XmlCarriageReturns(out))
        });
    }
    gzipped_or_not(target.gzip, out, write)
}

/// Runs `write` on `out`, through gzip when asked. The gzip header carries no time or
/// name, so the bytes are the same on every run.
fn gzipped_or_not(
    gzip: bool,
    out: impl Write,
    mut write: impl FnMut(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    if gzip {
        let mut gz = flate2::GzBuilder::new()
            .mtime(0)
            .write(out, flate2::Compression::default());
        write(&mut gz)?;
        gz.finish()?.flush()
    } else {
        let mut w = std::io::BufWriter::new(out);
        write(&mut w)?;
        w.flush()
    }
}

/// RDF/XML and JSON-LD end with a line break, as every text file should (Oxigraph's
/// serializers end them without one; the line-based formats end with theirs).
fn final_newline(format: RdfFormat, out: &mut impl Write) -> std::io::Result<()> {
    if matches!(format, RdfFormat::RdfXml | RdfFormat::JsonLd { .. }) {
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// Writes triples as they come, unsorted: for results too large to sort before the
/// first byte. The prefixes are those of the first triples, `head`. RDF/XML stops at the
/// first literal XML 1.0 cannot hold.
pub fn write_streaming<E>(
    head: Vec<Triple>,
    rest: impl Iterator<Item = std::result::Result<Triple, E>>,
    format: RdfFormat,
    entity_ns: &str,
    out: impl Write,
) -> std::result::Result<(), StreamError<E>> {
    if format == RdfFormat::RdfXml {
        return stream(head, rest, format, entity_ns, XmlCarriageReturns(out));
    }
    stream(head, rest, format, entity_ns, out)
}

fn stream<E>(
    head: Vec<Triple>,
    rest: impl Iterator<Item = std::result::Result<Triple, E>>,
    format: RdfFormat,
    entity_ns: &str,
    out: impl Write,
) -> std::result::Result<(), StreamError<E>> {
    let quads: Vec<Quad> = head
        .iter()
        .map(|t| t.clone().in_graph(GraphName::DefaultGraph))
        .collect();
    let mut writer = serializer(format, entity_ns, &quads)
        .map_err(StreamError::Write)?
        .for_writer(out);
    let all = head.into_iter().map(Ok).chain(rest);
    for t in all {
        let t = t.map_err(StreamError::Read)?;
        if format == RdfFormat::RdfXml {
            let quad = [t.clone().in_graph(GraphName::DefaultGraph)];
            if let Some(message) = xml_unsafe(&quad, entity_ns) {
                return Err(StreamError::Write(std::io::Error::new(
                    std::io::ErrorKind::InvalidData,
                    message,
                )));
            }
        }
        writer.serialize_triple(&t).map_err(StreamError::Write)?;
    }
    writer
        .finish()
        .and_then(|mut w| {
            final_newline(format, &mut w)?;
            w.flush()
        })
        .map_err(StreamError::Write)
}

/// A streamed write fails on either side: reading the triples or writing them.
#[derive(Debug)]
pub enum StreamError<E> {
    Read(E),
    Write(std::io::Error),
}

/// Writes the quads to `out` as the target says: in its format, gzipped or not. The
/// gzip header carries no time or name, so the bytes are the same on every run.
pub fn write_target(
    quads: &[Quad],
    target: Target,
    entity_ns: &str,
    out: impl Write,
) -> std::io::Result<()> {
    let write = |out: &mut dyn Write| {
        if target.jsonld_dataset {
            super::jsonld::write(quads, true, entity_ns, out)
        } else {
            write(quads, target.format, entity_ns, out)
        }
    };
    gzipped_or_not(target.gzip, out, write)
}
