//! Writes a synthetic corpus for benchmarks and tests:
//! `cargo run --release --example gen-corpus -- N DIR` writes N articles derived from the
//! embedded one (each NAME.txt with its NAME.toml) and the entity registry into DIR.

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(n), Some(dir)) = (args.first().and_then(|n| n.parse().ok()), args.get(1)) else {
        eprintln!("usage: gen-corpus N DIR");
        std::process::exit(2);
    };
    if let Err(e) = nea_kg::synth::write_corpus(std::path::Path::new(dir), n) {
        eprintln!("error: {dir}: {e}");
        std::process::exit(2);
    }
    eprintln!("wrote {n} articles to {dir}");
}
