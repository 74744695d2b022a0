#!/usr/bin/env bash
# Rewrites the shipped shell completions (docs/completions) and manual pages (docs/man)
# from the binary, after a change to the command line:
#   cargo build && bash docs/regenerate.sh [path/to/nea-kg]
# tests/it/conventions.rs fails while they differ from what the binary writes.
set -euo pipefail
cd "$(dirname "$0")/.."
nea="${1:-target/debug/nea-kg}"
"$nea" completions bash >docs/completions/nea-kg.bash
"$nea" completions zsh >docs/completions/_nea-kg
"$nea" completions fish >docs/completions/nea-kg.fish
"$nea" completions powershell >docs/completions/_nea-kg.ps1
"$nea" completions elvish >docs/completions/nea-kg.elv
"$nea" man >docs/man/nea-kg.1
for c in export query queries describe build validate push serve completions man; do
  "$nea" man "$c" >"docs/man/nea-kg-$c.1"
done
