//! `nea-kg build --store DIR`: a persistent store (RocksDB, behind the `rocksdb`
//! feature), built in a new folder beside DIR and renamed into place, so an interrupted
//! build leaves nothing half-made.

use crate::cli::BuildArgs;
use anyhow::Result;
use std::process::ExitCode;

#[cfg(feature = "rocksdb")]
pub fn run(args: BuildArgs) -> Result<ExitCode> {
    use crate::load;
    use anyhow::{bail, Context};
    use oxigraph::model::Quad;

    let Some(dir) = args.input.store.clone() else {
        bail!("build: give the folder of the store with --store DIR");
    };
    let name = dir.display().to_string();
    if dir.exists() {
        bail!("{name}: already exists\n  remove it first, or give --store a new folder");
    }
    // Raised before Oxigraph opens the store: it sizes RocksDB's open files by it.
    let open_files = crate::limits::raise_open_files();
    let temp = crate::output::file::temporary_folder_beside(&dir)?;
    let store = oxigraph::store::Store::open(temp.path())
        .with_context(|| format!("{name}: cannot create the store"))?;
    let mut loader = store.bulk_loader();
    let mut input = args.input;
    input.store = None;
    // Graphs are gathered into batches of about BATCH quads: fewer, larger sorted files
    // for RocksDB, and memory bounded by the batch, not by the corpus.
    const BATCH: usize = 50_000;
    let mut batch: Vec<Quad> = Vec::new();
    let built = load::each_graph(&input, &mut |quads| {
        batch.extend(quads);
        if batch.len() >= BATCH {
            loader
                .load_quads(std::mem::take(&mut batch))
                .with_context(|| format!("{name}: cannot load"))?;
        }
        Ok(())
    })?;
    loader
        .load_quads(batch)
        .with_context(|| format!("{name}: cannot load"))?;
    loader
        .commit()
        .with_context(|| format!("{name}: cannot load"))?;
    // The bulk loader ingests its files when it commits, all at once: 11 overlapping
    // files per batch, which RocksDB begins to compact in the background. The store is
    // closed at once, without waiting for that, and compacted in one pass into the
    // fewest files, each LZ4-compressed (src/compact.rs): Oxigraph's own `optimize`
    // writes them uncompressed, 1.68 times the size, and what the bulk loader leaves
    // unoptimized answers 2.7x slower (docs/performance.md).
    drop(store);
    crate::compact::compact(temp.path(), open_files).map_err(|failure| {
        let limit = open_files.map_or(String::new(), |n| format!(" (it is {n})"));
        let advice = match failure {
            crate::compact::Failure::OpenFiles(_) => format!(
                "raise the limit of open files{limit}, e.g. with `ulimit -n 65536`, and build again"
            ),
            crate::compact::Failure::Other(_) => "free space beside it (the compaction writes the store once more before it removes the old files) and build again".to_owned(),
        };
        anyhow::Error::new(failure).context(format!(
            "{name}: cannot compact the store\n  nothing was kept; {advice}"
        ))
    })?;
    let kept = temp.keep();
    if let Err(e) = std::fs::rename(&kept, &dir) {
        let _ = std::fs::remove_dir_all(&kept);
        return Err(
            anyhow::Error::new(e).context(format!("{name}: cannot move the store into place"))
        );
    }
    crate::note!(
        "built {name}: {} quads of {} article{}",
        built.quads,
        built.articles,
        if built.articles == 1 { "" } else { "s" }
    );
    Ok(load::outcome(built.failures))
}

#[cfg(not(feature = "rocksdb"))]
pub fn run(args: BuildArgs) -> Result<ExitCode> {
    let dir = args
        .input
        .store
        .unwrap_or_else(|| std::path::PathBuf::from("DIR"));
    Err(crate::load::without_rocksdb(&dir))
}
