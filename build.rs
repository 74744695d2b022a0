//! Compiles the shipped queries (`queries/*.rq`) into the binary: a table of their
//! file names and texts, sorted by name.

use std::fmt::Write;
use std::path::Path;

fn main() {
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
    let mut out = String::from("&[\n");
    for name in &names {
        println!("cargo:rerun-if-changed=queries/{name}");
        let stem = name.trim_end_matches(".rq");
        writeln!(
            out,
            "    ({stem:?}, include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/queries/{name}\"))),"
        )
        .unwrap();
    }
    out.push_str("]\n");
    let target = Path::new(&std::env::var("OUT_DIR").unwrap()).join("queries.rs");
    std::fs::write(target, out).expect("write the query table");
}
