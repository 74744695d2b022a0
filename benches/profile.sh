#!/usr/bin/env bash
# Profiles behind docs/performance.md ("Why"): where `nea-kg query cq01` and
# `nea-kg build --corpus --store` spend their time. Needs perf (Debian: linux-perf) and
# the binaries that benches/run.sh builds.
#
#   bash benches/profile.sh query        # cq01 on the embedded default, 150 runs
#   bash benches/profile.sh build [N]    # the corpus build of N articles (default 1000)
#
# Prints the inclusive shares of the main frames; the perf data stays in the scratch
# folder (target/bench/profile) for `perf report -i FILE`.
set -euo pipefail
cd "$(dirname "$0")/.."
what="${1:-}"
work="$PWD/target/bench/profile"
mkdir -p "$work"
nea="$PWD/target/release/nea-kg"
nea_rocksdb="$PWD/target/rocksdb/release/nea-kg"
gen="$PWD/target/release/examples/gen-corpus"

shares() { # perf data, comm, frame pattern: inclusive shares of the matching frames
  perf report -i "$1" --comm "$2" --children --sort symbol --stdio -g none --percent-limit 0.5 2>/dev/null \
    | grep -v '^#' | grep -v '^$' | sed 's/  */ /g' | cut -c1-170 | grep -E "$3" | head -40
}

case "$what" in
query)
  perf record -q -F 15000 --call-graph dwarf,16384 -o "$work/query.perf" -- \
    bash -c "for i in \$(seq 150); do '$nea' query cq01 --format csv >/dev/null; done"
  echo "== nea-kg query cq01: inclusive share of the nea-kg process's samples"
  shares "$work/query.perf" nea-kg 'nea_kg::|load_batch|MemoryStorageTransaction::insert|EncodedQuad as|spareval::PreparedQuery|_dl_start|_dl_relocate'
  ;;
build)
  n="${2:-1000}"
  corpus="$work/corpus-$n"
  store="$work/store-$n"
  rm -rf "$corpus" "$store"
  "$gen" "$n" "$corpus"
  # 1. Phases, from which threads are busy: the per-article SST writer threads (loading),
  #    the main thread alone (commit: ingesting the SST files), rocksdb:low (compaction,
  #    which Store::flush waits for). Sampling without call graphs barely slows it.
  perf record -q -F 199 -o "$work/build-phases.perf" -- \
    "$nea_rocksdb" build --quiet --corpus "$corpus" --store "$store"
  echo "== nea-kg build N=$n: samples per second by thread kind (main, sst = per-article loader threads, compact = rocksdb:low)"
  perf script -i "$work/build-phases.perf" -F comm,tid,time 2>/dev/null | awk '
    { t = $3 + 0; if (!s) { s = t; m = $2 }
      k = ($1 == "rocksdb:low") ? "compact" : (($2 == m) ? "main" : "sst")
      c[int(t - s) " " k]++ }
    END { for (x in c) print x, c[x] }' | sort -n -k1 -k2 \
    | awk '{ a[$1] = a[$1] " " $2 "=" $3 } END { for (k in a) printf "%3ds %s\n", k, a[k] }' | sort -n
  echo "SST files in the store: $(ls "$store" | grep -c '\.sst$')"
  rm -rf "$store"
  # 2. Call graphs (slower under perf, same shape).
  perf record -q -F 250 --call-graph dwarf,32768 -o "$work/build.perf" -- \
    "$nea_rocksdb" build --quiet --corpus "$corpus" --store "$store"
  echo "== nea-kg build N=$n: inclusive share of all samples, by thread name"
  perf report -i "$work/build.perf" --no-children --sort comm --stdio -g none 2>/dev/null | grep -v '^#' | grep -v '^$'
  shares "$work/build.perf" nea-kg 'nea_kg::|FileBulkLoader::load|RocksDbStorageBulkLoader::commit|IngestExternalFiles|CopyFile|SstFileWriter::Finish|Store::flush'
  rm -rf "$store" "$corpus"
  ;;
*)
  echo "usage: bash benches/profile.sh query | build [N]" >&2
  exit 2
  ;;
esac
