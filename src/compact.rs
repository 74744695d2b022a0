//! The last step of `build --store`: every file of a closed store compacted into the
//! bottom level of each column family, LZ4-compressed.
//!
//! Oxigraph's own `optimize` compacts with the options it opens a store with, and those
//! (RocksDB's `OptimizeLevelStyleCompaction`) leave the first two levels of
//! `compression_per_level` uncompressed. With dynamic level sizes, the level a full
//! compaction writes into counts as the second, so an optimized store is stored
//! uncompressed: 1.68 times the size of what `oxigraph load` leaves
//! (docs/performance.md). Oxigraph's API has no option for it, so the store is closed
//! and opened here through the RocksDB C API that Oxigraph itself links
//! (`oxrocksdb-sys`), with Oxigraph's options except that every level is LZ4, and each
//! column family is compacted once. RocksDB reads any file whatever its compression,
//! so Oxigraph opens the result as it opens its own stores.

use oxrocksdb_sys::*;
use std::ffi::{c_char, c_int, CStr, CString};
use std::path::Path;
use std::ptr;

/// How Oxigraph 0.5 sets up each of its column families (`storage/rocksdb.rs`): the
/// length of the fixed prefix it declares, and whether the family is read by point
/// lookups only. A family not listed is opened with the base options.
const FAMILIES: &[(&str, usize, bool)] = &[
    ("id2str", 0, true),
    ("spog", 17, false),
    ("posg", 17, false),
    ("ospg", 0, false),
    ("gspo", 17, false),
    ("gpos", 17, false),
    ("gosp", 17, false),
    ("dspo", 17, false),
    ("dpos", 17, false),
    ("dosp", 0, false),
    ("graphs", 17, false),
];

/// RocksDB's `BottommostLevelCompaction::kForceOptimized`: rewrite the bottom level too,
/// but not the files this compaction has just written.
const FORCE_OPTIMIZED: u8 = 3;

/// Files kept for the rest of the process when RocksDB is told how many it may open.
const OTHER_FILES: u64 = 48;
/// The fewest open files RocksDB is allowed, whatever the limit: a compaction holds each
/// of its input files open however few it is allowed, and fails if the system refuses.
const MIN_OPEN_FILES: u64 = 32;

/// Why a compaction failed, told apart for the advice the command gives.
#[derive(Debug)]
pub enum Failure {
    /// The process may not open enough files: RocksDB said so, or the files of a column
    /// family would not fit under the limit.
    OpenFiles(String),
    /// Anything else RocksDB reported (most often a full disk).
    Other(String),
}

impl From<String> for Failure {
    fn from(message: String) -> Self {
        if message.contains("Too many open files") {
            Failure::OpenFiles(message)
        } else {
            Failure::Other(message)
        }
    }
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failure::OpenFiles(m) | Failure::Other(m) => f.write_str(m),
        }
    }
}

impl std::error::Error for Failure {}

/// Compacts the closed store in `path`, which must not be open elsewhere, opening at
/// most `open_files` files at once if given (the process's limit,
/// `limits::raise_open_files`); returns how many compactions RocksDB ran on each
/// column family (1 for each that holds data).
pub fn compact(path: &Path, open_files: Option<u64>) -> Result<Vec<u64>, Failure> {
    compact_or_say_why(path, open_files).map_err(Failure::from)
}

fn compact_or_say_why(path: &Path, open_files: Option<u64>) -> Result<Vec<u64>, String> {
    let c_path = CString::new(path.as_os_str().as_encoded_bytes())
        .map_err(|_| "the path of the store contains a NUL byte".to_owned())?;
    // SAFETY: every pointer passed below was created by the matching RocksDB
    // constructor and checked for null, is used while alive, and is destroyed once, by
    // `Owned`'s drop, after the database that uses it is closed.
    unsafe {
        let mut owned = Owned::default();
        let options = owned.options(rocksdb_options_create())?;
        rocksdb_options_optimize_level_style_compaction(options, 512 * 1024 * 1024);
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        rocksdb_options_increase_parallelism(options, c_int::try_from(threads).unwrap_or(1));
        let lz4 = rocksdb_lz4_compression as c_int;
        rocksdb_options_set_compression(options, lz4);
        rocksdb_options_set_max_subcompactions(options, u32::try_from(threads).unwrap_or(1));
        // Opened with its L0 files past the trigger, RocksDB would begin compacting them
        // into the bottom level on its own; the manual compaction below then waits for
        // that and, to be sure of the bottom level, writes it all a second time. At
        // 1,000 articles that was half the build (docs/performance.md).
        rocksdb_options_set_disable_auto_compactions(options, 1);
        // RocksDB keeps every file of the store open unless told how many it may: past
        // the process's limit of open files it fails ("Too many open files"). Leave
        // room for the rest of the process, as Oxigraph does (its reserve is 48).
        // The files RocksDB may hold open, the rest of the process's being kept aside.
        let room = open_files.map(|allowed| allowed.saturating_sub(OTHER_FILES));
        if let Some(room) = room {
            let keep = room.max(MIN_OPEN_FILES);
            rocksdb_options_set_max_open_files(
                options,
                c_int::try_from(keep).unwrap_or(c_int::MAX),
            );
        }
        let levels = rocksdb_options_get_num_levels(options).max(1);
        let mut per_level = vec![lz4; levels as usize];
        rocksdb_options_set_compression_per_level(options, per_level.as_mut_ptr(), levels as usize);
        rocksdb_options_set_info_log_level(options, 2);
        rocksdb_options_set_max_log_file_size(options, 1024 * 1024);
        rocksdb_options_set_recycle_log_file_num(options, 10);
        let table = rocksdb_block_based_options_create();
        if table.is_null() {
            return Err("RocksDB could not create its table options".to_owned());
        }
        owned.table = table;
        rocksdb_block_based_options_set_format_version(table, 5);
        rocksdb_block_based_options_set_index_block_restart_interval(table, 16);
        rocksdb_options_set_block_based_table_factory(options, table);

        let names = list_families(options, &c_path)?;
        let mut family_options = Vec::with_capacity(names.len());
        for name in &names {
            let copy = owned.options(rocksdb_options_create_copy(options))?;
            let setup = FAMILIES
                .iter()
                .find(|(n, _, _)| name.as_bytes() == n.as_bytes());
            if let Some(&(_, prefix, point_lookups)) = setup {
                if point_lookups {
                    rocksdb_options_optimize_for_point_lookup(copy, 128);
                }
                if prefix > 0 {
                    rocksdb_options_set_prefix_extractor(
                        copy,
                        rocksdb_slicetransform_create_fixed_prefix(prefix),
                    );
                }
            }
            family_options.push(copy.cast_const());
        }
        let name_ptrs: Vec<*const c_char> = names.iter().map(|n| n.as_ptr()).collect();
        let mut handles = vec![ptr::null_mut(); names.len()];
        let mut error: *mut c_char = ptr::null_mut();
        let db = rocksdb_open_column_families(
            options,
            c_path.as_ptr(),
            c_int::try_from(names.len()).map_err(|_| "too many column families".to_owned())?,
            name_ptrs.as_ptr(),
            family_options.as_ptr(),
            handles.as_mut_ptr(),
            &mut error,
        );
        take_error(error)?;
        if db.is_null() {
            return Err("RocksDB could not open the store".to_owned());
        }
        owned.db = db;
        owned.handles = handles;
        // A compaction holds all its input files open at once, however few RocksDB may
        // keep: fewer column families side by side if the limit cannot hold their files
        // together, and a clear error if it cannot hold the largest family's.
        let mut files: Vec<u64> = owned
            .handles
            .iter()
            .map(|&h| family_files(db, h, levels))
            .collect();
        files.sort_unstable_by(|a, b| b.cmp(a));
        let mut side_by_side = threads.min(owned.handles.len()).max(1);
        if let (Some(allowed), Some(room)) = (open_files, room) {
            let largest = files.first().copied().unwrap_or(0);
            if largest > room {
                return Err(format!(
                    "Too many open files: a column family of the store has {largest} files, which its compaction opens at once, and the process may open {allowed} ({OTHER_FILES} of them kept for the rest)"
                ));
            }
            while side_by_side > 1 && files.iter().take(side_by_side).sum::<u64>() > room {
                side_by_side -= 1;
            }
        }
        let compaction = rocksdb_compactoptions_create();
        if compaction.is_null() {
            return Err("RocksDB could not create its compaction options".to_owned());
        }
        owned.compaction = compaction;
        // The column families are compacted side by side, one per core: a manual
        // compaction of one family runs on one thread.
        rocksdb_compactoptions_set_exclusive_manual_compaction(compaction, 0);
        rocksdb_compactoptions_set_bottommost_level_compaction(compaction, FORCE_OPTIMIZED);
        let next = std::sync::atomic::AtomicUsize::new(0);
        let shared = Shared {
            db,
            compaction,
            handles: &owned.handles,
        };
        std::thread::scope(|scope| {
            for _ in 0..side_by_side {
                scope.spawn(|| {
                    let shared = &shared;
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(&handle) = shared.handles.get(i) else {
                            break;
                        };
                        rocksdb_compact_range_cf_opt(
                            shared.db,
                            handle,
                            shared.compaction,
                            ptr::null(),
                            0,
                            ptr::null(),
                            0,
                        );
                    }
                });
            }
        });
        // A manual compaction reports nothing; a failed one stops the database's
        // background work and says so here.
        let errors = property(db, c"rocksdb.background-errors");
        if errors.as_deref().is_some_and(|n| n != "0") {
            return Err("RocksDB failed while compacting the store".to_owned());
        }
        Ok(owned.handles.iter().map(|&h| compactions(db, h)).collect())
    }
}

/// The names of the store's column families, as RocksDB recorded them.
unsafe fn list_families(
    options: *const rocksdb_options_t,
    path: &CStr,
) -> Result<Vec<CString>, String> {
    let mut count = 0usize;
    let mut error: *mut c_char = ptr::null_mut();
    let list = rocksdb_list_column_families(options, path.as_ptr(), &mut count, &mut error);
    take_error(error)?;
    if list.is_null() {
        return Err("RocksDB found no column families in the store".to_owned());
    }
    let names = (0..count)
        .map(|i| CStr::from_ptr(*list.add(i)).to_owned())
        .collect();
    rocksdb_list_column_families_destroy(list, count);
    Ok(names)
}

/// RocksDB's error message, if it set one, freed after it is copied.
unsafe fn take_error(error: *mut c_char) -> Result<(), String> {
    taken(error).map_or(Ok(()), Err)
}

/// A database property, if RocksDB knows it.
unsafe fn property(db: *mut rocksdb_t, name: &CStr) -> Option<String> {
    taken(rocksdb_property_value(db, name.as_ptr()))
}

/// A property of a column family, if RocksDB knows it.
unsafe fn family_property(
    db: *mut rocksdb_t,
    family: *mut rocksdb_column_family_handle_t,
    name: &CStr,
) -> Option<String> {
    taken(rocksdb_property_value_cf(db, family, name.as_ptr()))
}

/// A string RocksDB allocated, copied and freed; `None` for a null pointer.
unsafe fn taken(value: *mut c_char) -> Option<String> {
    if value.is_null() {
        return None;
    }
    let text = CStr::from_ptr(value).to_string_lossy().into_owned();
    rocksdb_free(value.cast());
    Some(text)
}

/// The number of files of a column family, over its `levels` levels.
unsafe fn family_files(
    db: *mut rocksdb_t,
    family: *mut rocksdb_column_family_handle_t,
    levels: c_int,
) -> u64 {
    (0..levels)
        .filter_map(|level| {
            let name = CString::new(format!("rocksdb.num-files-at-level{level}")).ok()?;
            family_property(db, family, &name)?
                .trim()
                .parse::<u64>()
                .ok()
        })
        .sum()
}

/// How many compactions of the column family RocksDB counted since the store was
/// opened: the "Comp(cnt)" column of the "Sum" row of its statistics table, counted
/// from the end of the row as from the end of the header (the size column holds a
/// space). 0 if the table is not as expected.
unsafe fn compactions(db: *mut rocksdb_t, family: *mut rocksdb_column_family_handle_t) -> u64 {
    let Some(table) = family_property(db, family, c"rocksdb.cfstats-no-file-histogram") else {
        return 0;
    };
    let lines: Vec<Vec<&str>> = table
        .lines()
        .map(|l| l.split_whitespace().collect())
        .collect();
    let from_end = lines.iter().find_map(|header| {
        let at = header.iter().position(|&c| c == "Comp(cnt)")?;
        Some(header.len() - at)
    });
    let sum = lines.iter().find(|row| row.first() == Some(&"Sum"));
    match (from_end, sum) {
        (Some(from_end), Some(sum)) if sum.len() >= from_end => {
            sum[sum.len() - from_end].parse().unwrap_or(0)
        }
        _ => 0,
    }
}

/// What the compacting threads share: RocksDB's database and compaction options may be
/// used from several threads at once.
struct Shared<'a> {
    db: *mut rocksdb_t,
    compaction: *mut rocksdb_compactoptions_t,
    handles: &'a [*mut rocksdb_column_family_handle_t],
}

// SAFETY: RocksDB's `DB` is thread-safe, and the compaction options and column family
// handles are only read while the threads run; `Owned` outlives them.
unsafe impl Sync for Shared<'_> {}

/// What was created, destroyed in reverse: the column family handles and the database
/// first, then the options they were opened with.
#[derive(Default)]
struct Owned {
    db: *mut rocksdb_t,
    handles: Vec<*mut rocksdb_column_family_handle_t>,
    compaction: *mut rocksdb_compactoptions_t,
    options: Vec<*mut rocksdb_options_t>,
    table: *mut rocksdb_block_based_table_options_t,
}

impl Owned {
    /// Keeps a new options object, refusing a null one.
    fn options(
        &mut self,
        options: *mut rocksdb_options_t,
    ) -> Result<*mut rocksdb_options_t, String> {
        if options.is_null() {
            return Err("RocksDB could not create its options".to_owned());
        }
        self.options.push(options);
        Ok(options)
    }
}

impl Drop for Owned {
    fn drop(&mut self) {
        // SAFETY: each pointer is either null or alive and owned here alone.
        unsafe {
            for &handle in &self.handles {
                if !handle.is_null() {
                    rocksdb_column_family_handle_destroy(handle);
                }
            }
            if !self.db.is_null() {
                rocksdb_close(self.db);
            }
            if !self.compaction.is_null() {
                rocksdb_compactoptions_destroy(self.compaction);
            }
            for &options in &self.options {
                rocksdb_options_destroy(options);
            }
            if !self.table.is_null() {
                rocksdb_block_based_options_destroy(self.table);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::model::Quad;
    use oxigraph::store::Store;

    /// The quads of a five-article corpus, as `build --corpus` gathers them.
    fn corpus_quads() -> Vec<Quad> {
        let dir = tempfile::tempdir().unwrap();
        crate::synth::write_corpus(dir.path(), 5).unwrap();
        let args = crate::cli::InputArgs {
            article: Vec::new(),
            facts: Vec::new(),
            entities: Vec::new(),
            no_default_entities: false,
            corpus: Some(dir.path().to_owned()),
            keep_going: false,
            store: None,
            base: nea_kg_core::DEFAULT_BASE.to_owned(),
            max_memory: None,
        };
        let mut quads = crate::load::Kg::load(&args).unwrap().graph.quads().unwrap();
        quads.sort_by_cached_key(|q| q.to_string());
        quads
    }

    /// A store of `quads`, as the bulk loader leaves it, closed.
    fn loaded(path: &Path, quads: &[Quad]) {
        let store = Store::open(path).unwrap();
        let mut loader = store.bulk_loader();
        for chunk in quads.chunks(1_000) {
            loader.load_quads(chunk.to_vec()).unwrap();
        }
        loader.commit().unwrap();
    }

    fn size(path: &Path) -> u64 {
        std::fs::read_dir(path)
            .unwrap()
            .map(|e| e.unwrap().metadata().unwrap().len())
            .sum()
    }

    fn tables(path: &Path) -> usize {
        std::fs::read_dir(path)
            .unwrap()
            .filter(|e| e.as_ref().unwrap().path().extension() == Some("sst".as_ref()))
            .count()
    }

    /// Compacted here, a store holds the same quads in one file per column family that
    /// has any, and is much smaller than what Oxigraph's `optimize` leaves.
    #[test]
    fn a_compacted_store_is_complete_compressed_and_in_one_file_per_family() {
        let quads = corpus_quads();
        let dir = tempfile::tempdir().unwrap();
        let (ours, theirs) = (dir.path().join("ours"), dir.path().join("theirs"));
        loaded(&ours, &quads);
        loaded(&theirs, &quads);
        let before = tables(&ours);
        let compactions = compact(&ours, None).unwrap();
        Store::open(&theirs).unwrap().optimize().unwrap();
        let (ours_size, theirs_size) = (size(&ours), size(&theirs));
        assert!(
            ours_size * 10 < theirs_size * 8,
            "compacted {ours_size} bytes, optimized {theirs_size}"
        );
        assert!(tables(&ours) <= FAMILIES.len(), "{} files", tables(&ours));
        assert!(before > tables(&ours), "{before} files before");
        // Each quad was written once: no column family compacted twice (RocksDB's own
        // compactions would begin on the many files the bulk loader left).
        assert!(
            compactions.iter().all(|&n| n <= 1) && compactions.iter().sum::<u64>() >= 6,
            "compactions by column family: {compactions:?}"
        );
        let store = Store::open(&ours).unwrap();
        let mut back: Vec<Quad> = store.iter().map(Result::unwrap).collect();
        back.sort_by_cached_key(|q| q.to_string());
        assert_eq!(back, quads);
    }

    /// Under a limit of open files too small for a column family's files, the
    /// compaction refuses at once, saying why, and leaves the store as it was; under a
    /// larger one it compacts.
    #[test]
    fn the_limit_of_open_files_is_kept() {
        let quads = corpus_quads();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("store");
        loaded(&path, &quads);
        let before = tables(&path);
        let error = compact(&path, Some(OTHER_FILES + 5)).unwrap_err();
        assert!(matches!(error, Failure::OpenFiles(_)), "{error:?}");
        let error = error.to_string();
        assert!(
            error.starts_with("Too many open files: a column family of the store has "),
            "{error}"
        );
        assert!(
            error.ends_with(&format!(
                ", and the process may open {} ({OTHER_FILES} of them kept for the rest)",
                OTHER_FILES + 5
            )),
            "{error}"
        );
        assert_eq!(tables(&path), before);
        let compactions = compact(&path, Some(OTHER_FILES + 40)).unwrap();
        assert!(
            compactions.iter().all(|&n| n <= 1) && compactions.iter().sum::<u64>() >= 6,
            "compactions by column family: {compactions:?}"
        );
        assert!(tables(&path) < before);
        let mut back: Vec<Quad> = Store::open(&path)
            .unwrap()
            .iter()
            .map(Result::unwrap)
            .collect();
        back.sort_by_cached_key(|q| q.to_string());
        assert_eq!(back, quads);
    }

    #[test]
    fn a_folder_without_a_store_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("none");
        let error = compact(&missing, None).unwrap_err().to_string();
        assert!(
            error.contains("does not exist") || error.contains("No such file"),
            "{error}"
        );
        assert!(!missing.exists());
    }
}
