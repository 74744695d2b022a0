#!/usr/bin/env bash
# The nea-kg benchmark (docs/performance.md): builds the binaries, installs the
# comparators if they are missing, then runs benches/bench.py, which prints a Markdown
# report on stdout.
#
#   bash benches/run.sh            # the full run: N = 1, 10, 100, 1000 (~30-40 min on 2 cores)
#   bash benches/run.sh --quick    # a smoke run: N = 1, 10, fewer runs (~2 min once built)
#   bash benches/run.sh --help     # bench.py's options (sizes, runs, scratch folder, ...)
#   bash benches/run.sh --queries  # every shipped query at N = 100 and 1000: in memory, on
#                                  # nea-kg's store and on oxigraph's (benches/queries.py;
#                                  # ~20 min; options after --queries go to queries.py)
#
# Scratch data (corpora, N-Quads, stores) goes to target/bench and is removed as it goes;
# the raw figures stay in target/bench/results.json.
set -euo pipefail
cd "$(dirname "$0")/.."

for a in "$@"; do
  if [ "$a" = "-h" ] || [ "$a" = "--help" ]; then
    if [ "${1:-}" = "--queries" ]; then exec python3 benches/queries.py --help; fi
    exec python3 benches/bench.py --help
  fi
done

say() { printf '[run.sh] %s\n' "$*" >&2; }

# RocksDB (the rocksdb feature) is compiled from source and needs libclang.
if ! dpkg -s libclang-dev >/dev/null 2>&1 && command -v apt-get >/dev/null; then
  say "installing libclang-dev (needed to build RocksDB)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libclang-dev >/dev/null
fi

# GNU time measures peak memory (Debian package time).
if [ ! -x /usr/bin/time ] && command -v apt-get >/dev/null; then
  say "installing time (GNU time, for peak memory)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null
fi

# The comparators: the oxigraph CLI (PyPI package oxigraph), pyoxigraph, RDFLib.
python3 -c 'import rdflib, pyoxigraph' 2>/dev/null || python3 -m pip install -q rdflib pyoxigraph
python3 -c 'import sysconfig, os, sys; sys.exit(not os.path.isfile(os.path.join(sysconfig.get_path("scripts"), "oxigraph")))' \
  || python3 -m pip install -q oxigraph

say "building target/release/nea-kg and the gen-corpus example"
cargo build --release --locked
cargo build --release --locked --example gen-corpus
say "building target/rocksdb/release/nea-kg (the rocksdb feature; the first time takes many minutes)"
cargo build --release --locked --features rocksdb --target-dir target/rocksdb

if [ "${1:-}" = "--queries" ]; then
  shift
  exec python3 benches/queries.py --nea-kg-rocksdb target/rocksdb/release/nea-kg "$@"
fi
exec python3 benches/bench.py "$@"
