#!/usr/bin/env bash
# A minimal reproduction, for Oxigraph's issue tracker, of why ORDER BY on a RocksDB
# store costs far more than sorting the rows: spareval's sort (`GraphPattern::OrderBy`
# in spareval's eval.rs) evaluates both rows' keys at every comparison, and on a store
# each key that is a long string is read back from RocksDB's id2str column family each
# time: about 2 n log2(n) reads for n rows, where reading each row's keys once would do.
#
# Only the oxigraph CLI is needed (pip install oxigraph). It loads N triples whose
# objects are distinct 120-character strings, then times the same SELECT with and
# without ORDER BY ?o, for two sizes, and prints what the sort adds per row.
#
#   bash benches/oxigraph-order-by.sh [oxigraph binary] [work folder]
set -euo pipefail
ox="${1:-oxigraph}"
work="${2:-$(mktemp -d)}"
mkdir -p "$work"
for n in 20000 200000; do
  file="$work/data-$n.nt"
  python3 - "$n" > "$file" <<'PY'
import sys
n = int(sys.argv[1])
pad = "x" * 100
for i in range(n):
    # A key whose order differs from the load order, so the sort has work to do.
    k = (i * 7919) % n
    print(f'<http://example.org/s{i}> <http://example.org/p> "{k:012d} {pad}" .')
PY
  rm -rf "$work/store-$n"
  "$ox" load --location "$work/store-$n" --file "$file" 2>/dev/null
  "$ox" optimize --location "$work/store-$n" 2>/dev/null
  for order in "" "ORDER BY ?o"; do
    q="SELECT ?s ?o WHERE { ?s <http://example.org/p> ?o } $order"
    best=""
    for _ in 1 2 3; do
      start=$(date +%s.%N)
      "$ox" query --location "$work/store-$n" --query "$q" --results-format tsv > /dev/null
      end=$(date +%s.%N)
      t=$(echo "$end - $start" | bc)
      if [ -z "$best" ] || [ "$(echo "$t < $best" | bc)" = 1 ]; then best=$t; fi
    done
    printf '%s\t%s\t%.3f s\n' "$n" "${order:-no ORDER BY}" "$best"
  done
done
