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
    // The flush waits until RocksDB has compacted the ingested files enough not to
    // stall writes. It is a third of the build at N = 1000 and the reason the build
    // time grows faster than N, but without it the store keeps hundreds of overlapping
    // level-0 files and answers cq01 in 31 s instead of 1.2 s (docs/performance.md).
    store
        .flush()
        .with_context(|| format!("{name}: cannot write"))?;
    // Then compacted into the fewest files, as `oxigraph optimize` does: what the bulk
    // loader leaves is several levels of overlapping files, and every lookup reads each
    // of them (at N = 100 the store answered 2.7x slower than an optimized one).
    store
        .optimize()
        .with_context(|| format!("{name}: cannot compact the store"))?;
    drop(store);
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
