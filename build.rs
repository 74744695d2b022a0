//! Compiles into the binary what can be computed before it runs:
//!
//! - the shipped queries (`queries/*.rq`): a table of their file names and texts;
//! - the graph of the embedded default (the article, its fact sheet, the registry and
//!   the ontology in `data/` and `ontology/`), built here by the core crate, the same
//!   code the binary runs for any other article, and written as tables of strings, IRIs,
//!   literals and quads that the binary loads into its store without parsing or mapping
//!   anything. A sheet that does not build fails the compilation with the core's own
//!   message;
//! - what `--version` says besides the version: the Oxigraph version Cargo.lock pins, and
//!   whether the `rocksdb` feature is compiled in.

use std::collections::HashMap;
use std::fmt::Write;
use std::path::Path;

fn main() {
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let out = Path::new(&out);
    queries(out);
    embedded_graph(out);
    version();
}

/// `NEA_KG_OXIGRAPH_VERSION` (from Cargo.lock, so it is the version compiled in, not
/// the range Cargo.toml asks for) and `NEA_KG_ROCKSDB` (yes or no).
fn version() {
    println!("cargo:rerun-if-changed=Cargo.lock");
    let lock = std::fs::read_to_string("Cargo.lock").expect("Cargo.lock");
    let oxigraph = lock
        .split("[[package]]")
        .find(|p| p.lines().any(|l| l.trim() == "name = \"oxigraph\""))
        .and_then(|p| p.lines().find_map(|l| l.trim().strip_prefix("version = ")))
        .map(|v| v.trim_matches('"').to_owned())
        .expect("Cargo.lock names the oxigraph package and its version");
    println!("cargo:rustc-env=NEA_KG_OXIGRAPH_VERSION={oxigraph}");
    let rocksdb = std::env::var_os("CARGO_FEATURE_ROCKSDB").is_some();
    println!(
        "cargo:rustc-env=NEA_KG_ROCKSDB={}",
        if rocksdb { "yes" } else { "no" }
    );
}

fn queries(out: &Path) {
    println!("cargo:rerun-if-changed=queries");
    let dir = Path::new("queries");
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("the queries folder")
        .map(|e| {
            e.expect("a folder entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|n| n.ends_with(".rq"))
        .collect();
    names.sort();
    let mut text = String::from("&[\n");
    for name in &names {
        println!("cargo:rerun-if-changed=queries/{name}");
        let stem = name.trim_end_matches(".rq");
        writeln!(
            text,
            "    ({stem:?}, include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/queries/{name}\"))),"
        )
        .unwrap();
    }
    text.push_str("]\n");
    std::fs::write(out.join("queries.rs"), text).expect("write the query table");
}

/// The files the embedded graph is made from, as the binary names them.
const SOURCES: [&str; 4] = [
    "data/article.txt",
    "data/facts.toml",
    "data/entities.toml",
    "ontology/nea.ttl",
];

fn embedded_graph(out: &Path) {
    // A change to the core is a change of the build-dependency: cargo reruns this script.
    for path in SOURCES {
        println!("cargo:rerun-if-changed={path}");
    }
    let source = |path: &str| nea_kg_core::Source {
        name: format!("<embedded>/{path}"),
        text: std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}")),
    };
    let article = nea_kg_core::ArticleInput {
        text: source(SOURCES[0]),
        sheet: source(SOURCES[1]),
    };
    let built = nea_kg_core::build_all(
        &[source(SOURCES[2])],
        &source(SOURCES[3]),
        &[article],
        nea_kg_core::DEFAULT_BASE,
    )
    .unwrap_or_else(|e| panic!("the embedded default does not build:\n{e}"));
    // Terms are numbered in sorted order (IRIs by their text, then literals by value,
    // kind and tag or datatype), so that the binary finds a term's number by binary
    // search without building a map; a literal's number follows every IRI's.
    let mut iris = std::collections::BTreeSet::new();
    let mut literals = std::collections::BTreeSet::new();
    for q in &built {
        let oxrdf::NamedOrBlankNode::NamedNode(s) = &q.subject else {
            panic!("a blank node in the embedded graph: {q}");
        };
        let oxrdf::GraphName::NamedNode(g) = &q.graph_name else {
            panic!("a quad outside the named graphs: {q}");
        };
        iris.extend([s.as_str(), q.predicate.as_str(), g.as_str()]);
        match &q.object {
            oxrdf::Term::NamedNode(n) => {
                iris.insert(n.as_str());
            }
            oxrdf::Term::Literal(l) => {
                literals.insert(literal_key(l));
            }
            _ => panic!("a blank node in the embedded graph: {q}"),
        }
    }
    let mut tables = Tables::default();
    let mut node_ids = HashMap::new();
    for iri in &iris {
        let range = tables.range(iri);
        node_ids.insert(*iri, tables.nodes.len() as u32);
        tables.nodes.push(range);
    }
    let mut literal_ids = HashMap::new();
    for (value, kind, extra) in &literals {
        let entry = (*kind, tables.range(value), tables.range(extra));
        let id = (iris.len() + tables.literals.len()) as u32;
        literal_ids.insert((value.clone(), *kind, extra.clone()), id);
        tables.literals.push(entry);
    }
    let mut quads = String::new();
    let mut ids = Vec::with_capacity(built.len());
    for q in &built {
        let o = match &q.object {
            oxrdf::Term::NamedNode(n) => node_ids[n.as_str()],
            oxrdf::Term::Literal(l) => literal_ids[&literal_key(l)],
            _ => unreachable!("checked above"),
        };
        let (oxrdf::NamedOrBlankNode::NamedNode(s), oxrdf::GraphName::NamedNode(g)) =
            (&q.subject, &q.graph_name)
        else {
            unreachable!("checked above")
        };
        let quad = [
            node_ids[s.as_str()],
            node_ids[q.predicate.as_str()],
            o,
            node_ids[g.as_str()],
        ];
        writeln!(quads, "{quad:?},").unwrap();
        ids.push(quad);
    }
    let mut code = String::new();
    writeln!(
        code,
        "// Generated by build.rs from {} and the mapping: do not edit.\n",
        SOURCES.join(", ")
    )
    .unwrap();
    writeln!(
        code,
        "pub static STRINGS: &str = include_str!(concat!(env!(\"OUT_DIR\"), \"/embedded-strings.txt\"));"
    )
    .unwrap();
    writeln!(code, "pub static NODES: &[(u32, u32)] = &[").unwrap();
    for (start, end) in &tables.nodes {
        writeln!(code, "({start}, {end}),").unwrap();
    }
    writeln!(
        code,
        "];\npub static LITERALS: &[(u8, u32, u32, u32, u32)] = &["
    )
    .unwrap();
    for (kind, (a, b), (c, d)) in &tables.literals {
        writeln!(code, "({kind}, {a}, {b}, {c}, {d}),").unwrap();
    }
    writeln!(code, "];\npub static QUADS: &[[u32; 4]] = &[\n{quads}];").unwrap();
    // The quads in the six orders the index reads (see src/index.rs), each sorted and
    // without repeats: what the binary would otherwise sort on every run.
    ids.sort_unstable();
    ids.dedup();
    writeln!(code, "pub static ORDERS: [&[[u32; 4]]; 6] = [").unwrap();
    for order in nea_kg_core::orders::ORDERS {
        let mut keys: Vec<[u32; 4]> = ids
            .iter()
            .map(|q| [q[order[0]], q[order[1]], q[order[2]], q[order[3]]])
            .collect();
        keys.sort_unstable();
        writeln!(code, "&[").unwrap();
        for k in keys {
            writeln!(code, "{k:?},").unwrap();
        }
        writeln!(code, "],").unwrap();
    }
    writeln!(code, "];").unwrap();
    std::fs::write(out.join("embedded-strings.txt"), &tables.strings)
        .expect("write the embedded strings");
    std::fs::write(out.join("embedded-graph.rs"), code).expect("write the embedded graph");
}

/// What orders literals: the value, the kind (0 simple, 1 language-tagged, 2 typed) and
/// the tag or datatype (empty for a simple literal).
fn literal_key(l: &oxrdf::Literal) -> (String, u8, String) {
    if let Some(lang) = l.language() {
        (l.value().to_owned(), 1, lang.to_owned())
    } else if l.datatype() == oxrdf::vocab::xsd::STRING {
        (l.value().to_owned(), 0, String::new())
    } else {
        (l.value().to_owned(), 2, l.datatype().as_str().to_owned())
    }
}

/// A range of the string table, `start..end` in bytes.
type Range = (u32, u32);

/// Every distinct string once, and the IRIs and literals as ranges of them.
#[derive(Default)]
struct Tables {
    strings: String,
    ranges: HashMap<String, Range>,
    nodes: Vec<Range>,
    /// Kind (0 simple, 1 language-tagged, 2 typed), the value, the tag or datatype.
    literals: Vec<(u8, Range, Range)>,
}

impl Tables {
    fn range(&mut self, s: &str) -> Range {
        if let Some(r) = self.ranges.get(s) {
            return *r;
        }
        let start = self.strings.len() as u32;
        self.strings.push_str(s);
        let r = (start, self.strings.len() as u32);
        self.ranges.insert(s.to_owned(), r);
        r
    }
}
