#!/usr/bin/env bash
# Interop check: the graph that nea-kg builds must load and answer the same way in other tools.
#
#   1. exports: every format (and a .gz) parses in rdflib, rapper and serdi with the store's count;
#   2. Virtuoso 7: bulk-load the Turtle and N-Quads exports, run cq01, cq05, cq08 over its SPARQL
#      endpoint and compare with `nea-kg query`;
#   3. Oxigraph server: `nea-kg push` (POST, --replace, POST again), the same queries, counts;
#      a graph that nea-kg does not push survives a --replace push, and a push --replace to
#      an endpoint with a #fragment (which once wiped the whole dataset) is refused;
#   4. with NEA_KG_ROCKSDB_BIN set (a nea-kg built with the rocksdb feature): a store made by
#      `nea-kg build --store DIR` opens in `oxigraph serve --location DIR` and answers the same;
#   5. dataset clauses: FROM one graph, FROM two graphs (their merge), FROM NAMED with GRAPH ?g,
#      FROM NAMED without FROM, FROM without FROM NAMED, on a corpus of two articles that state
#      the same relations: `nea-kg query` and rdflib over `nea-kg export` give the same rows.
#
# Installs what it lacks (Debian: virtuoso-opensource, raptor2-utils, serdi; PyPI: rdflib,
# oxigraph), runs its own servers on free loopback ports and stops them. Prints one line per
# check and ends with `interop: N passed, M failed`; exits 1 if any check failed.
# Needs root (apt-get). Usage: tests/interop/run.sh
set -Eeuo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
COMPARE="$HERE/compare.py"
QUERIES=(cq01 cq05 cq08)
BIN="$ROOT/target/release/nea-kg"
SERVER_WAIT=60 # seconds a server may take to answer
T0=$SECONDS

WORK=$(mktemp -d "${TMPDIR:-/tmp}/nea-kg-interop.XXXXXX")
EXP="$WORK/export"        # the exports (Virtuoso's DirsAllowed)
EXPECTED="$WORK/expected" # nea-kg's own answers
mkdir -p "$EXP" "$EXPECTED"
PIDS=()
QUADS=0 TRIPLES=0 GRAPHS=() # the store's counts and graph names, from store_counts
POLICY=/usr/sbin/policy-rc.d
POLICY_SAVED="" # "absent" or the path of the saved original while ours is in place

# ---------------------------------------------------------------------------------------------
# Plumbing

stop_servers() {
  local pid i
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do
    for ((i = 0; i < 100; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  PIDS=()
}

cleanup() {
  local status=$?
  if [[ -z $SUMMARY ]]; then # stopped by an error outside any check: that is a failure too
    fail "run.sh" "stopped (exit $status) at line $ERR_LINE: $ERR_COMMAND"
    echo "interop: $PASSED passed, $FAILED failed"
  fi
  stop_servers
  policy_restore
  rm -rf "$WORK"
}
PASSED=0 FAILED=0 SUMMARY="" ERR_LINE="?" ERR_COMMAND="interrupted"
trap 'ERR_LINE=$LINENO ERR_COMMAND=$BASH_COMMAND' ERR
trap cleanup EXIT
trap 'exit 130' INT TERM

note() { printf '# %s\n' "$*"; }

pass() { PASSED=$((PASSED + 1)); printf 'ok      %s%s\n' "$1" "${2:+: $2}"; }
fail() { FAILED=$((FAILED + 1)); printf 'FAILED  %s: %s\n' "$1" "${2:-failed}"; }
one_line() { tr '\n\t' '  ' | sed 's/  */ /g; s/ $//' | cut -c1-400; }
log_tail() { cat "$@" 2>/dev/null | tail -n 3 | one_line || true; }

# check NAME COMMAND...: one check; COMMAND's output (last line on success) says what it found.
# COMMAND runs in this shell (it may set variables), so it handles its own errors.
check() {
  local name=$1 out status=0
  shift
  "$@" >"$WORK/check.out" 2>&1 || status=$?
  out=$(cat "$WORK/check.out")
  if ((status == 0)); then
    pass "$name" "$(printf '%s\n' "$out" | tail -n 1 | one_line)"
  else
    fail "$name" "$(printf '%s' "$out" | one_line)"
  fi
}

summary() { SUMMARY=printed; echo "interop: $PASSED passed, $FAILED failed"; }

# wait_for SECONDS PID COMMAND...: until COMMAND succeeds, at most SECONDS, while PID lives.
wait_for() {
  local deadline=$((SECONDS + $1)) pid=$2
  shift 2
  until "$@" >/dev/null 2>&1; do
    ((SECONDS < deadline)) && kill -0 "$pid" 2>/dev/null || return 1
    sleep 0.5
  done
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

kg() { "$BIN" "$@"; }

# The store's answer to a SPARQL query file, as SPARQL JSON, into FILE.
expect() { kg query "$1" --format json >"$2"; }

# ---------------------------------------------------------------------------------------------
# 0. Tools and build

policy_block() { # keep apt from starting Virtuoso's own service while installing
  if [[ -e $POLICY ]]; then
    POLICY_SAVED="$WORK/policy-rc.d.orig"
    cp -p "$POLICY" "$POLICY_SAVED"
  else
    POLICY_SAVED=absent
  fi
  printf '#!/bin/sh\nexit 101\n' >"$POLICY"
  chmod 755 "$POLICY"
}

policy_restore() {
  case $POLICY_SAVED in
    "") ;;
    absent) rm -f "$POLICY" ;;
    *) cp -p "$POLICY_SAVED" "$POLICY" ;;
  esac
  POLICY_SAVED=""
}

pip_install() {
  python3 -m pip install -q "$@" 2>/dev/null ||
    python3 -m pip install -q --break-system-packages "$@"
}

oxigraph_cli() {
  local dir
  dir=$(python3 -c 'import sysconfig; print(sysconfig.get_path("scripts"))')
  if [[ -x $dir/oxigraph ]]; then echo "$dir/oxigraph"; else command -v oxigraph; fi
}

install_tools() {
  local missing=() tool
  { command -v virtuoso-t && command -v isql-vt; } >/dev/null || missing+=(virtuoso-opensource)
  command -v rapper >/dev/null || missing+=(raptor2-utils)
  command -v serdi >/dev/null || missing+=(serdi)
  if ((${#missing[@]})); then
    policy_block
    {
      DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
    } >"$WORK/apt.log" 2>&1 || { policy_restore; tail -n 5 "$WORK/apt.log"; return 1; }
    policy_restore
  fi
  python3 -c 'import rdflib' 2>/dev/null || pip_install rdflib || return 1
  oxigraph_cli >/dev/null || pip_install oxigraph || return 1
  for tool in virtuoso-t isql-vt rapper serdi gunzip curl; do
    command -v "$tool" >/dev/null || { echo "$tool missing"; return 1; }
  done
  OXIGRAPH=$(oxigraph_cli) || { echo "oxigraph CLI missing"; return 1; }
  echo "${missing[*]:+installed ${missing[*]}; }rdflib $(python3 -c 'import rdflib; print(rdflib.__version__)'), $("$OXIGRAPH" --version)"
}

build() {
  (cd "$ROOT" && cargo build --release --locked --quiet 2>&1) | tail -n 20
  [[ ${PIPESTATUS[0]} == 0 && -x $BIN ]] && "$BIN" --version
}

# ---------------------------------------------------------------------------------------------
# 1. Exports

store_counts() {
  local q
  QUADS=$(kg query 'SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }' --format json |
    python3 "$COMPARE" rows /dev/stdin) || return 1
  TRIPLES=$(kg query 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }' --format json |
    python3 "$COMPARE" rows /dev/stdin) || return 1
  cat >"$WORK/graphs.rq" <<'EOF'
SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g
EOF
  expect "$WORK/graphs.rq" "$EXPECTED/graphs.json" || return 1
  mapfile -t GRAPHS < <(python3 "$COMPARE" rows "$EXPECTED/graphs.json" | cut -f1)
  ((QUADS > 0 && ${#GRAPHS[@]} > 0)) || { echo "empty store"; return 1; }
  for q in "${QUERIES[@]}"; do expect "$q" "$EXPECTED/$q.json" || return 1; done
  echo "$QUADS quads in ${#GRAPHS[@]} graphs, $TRIPLES triples in their union"
}

export_all() {
  local f
  for f in ttl nt nq trig rdf jsonld jsonld-dataset; do kg export --format "$f" -o "$EXP/kg.$f" || return 1; done
  kg export --format nq -o "$EXP/kg.nq.gz" || return 1
  echo "ttl nt nq trig rdf jsonld jsonld-dataset nq.gz"
}

# The count a file of this format should hold: quads for formats with graphs, else triples.
expected_count() { case $1 in nq | trig | jsonld-dataset) echo "$QUADS" ;; *) echo "$TRIPLES" ;; esac; }

check_gzip() {
  gunzip -t "$EXP/kg.nq.gz" || return 1
  cmp -s <(gunzip -c "$EXP/kg.nq.gz" | LC_ALL=C sort) <(LC_ALL=C sort "$EXP/kg.nq") ||
    { echo "differs from kg.nq"; return 1; }
  echo "$(gunzip -c "$EXP/kg.nq.gz" | wc -l) lines, same as kg.nq"
}

check_rdflib() { # FORMAT
  python3 "$COMPARE" rdflib "$1" "$EXP/kg.$1" "$(expected_count "$1")" "$EXP/kg.nq"
}

check_rapper() { # FORMAT SYNTAX
  local out status=0 n
  out=$(rapper -i "$2" -c "$EXP/kg.$1" 2>&1) || status=$?
  n=$(sed -n 's/.*Parsing returned \([0-9]*\) triples.*/\1/p' <<<"$out")
  if ((status != 0)) || grep -qE '^rapper: (Warning|Error)' <<<"$out"; then
    echo "exit $status: $(grep -E '^rapper: (Warning|Error)' <<<"$out" | head -n 3)"
    return 1
  fi
  [[ $n == "$(expected_count "$1")" ]] || { echo "$n triples, expected $(expected_count "$1")"; return 1; }
  echo "$n triples"
}

check_serdi() { # FORMAT SYNTAX OUTPUT-SYNTAX
  local status=0 n
  serdi -i "$2" -o "$3" "$EXP/kg.$1" >"$WORK/serdi.out" 2>"$WORK/serdi.err" || status=$?
  if ((status != 0)) || [[ -s $WORK/serdi.err ]]; then
    echo "exit $status: $(head -n 3 "$WORK/serdi.err")"
    return 1
  fi
  n=$(wc -l <"$WORK/serdi.out")
  [[ $n == "$(expected_count "$1")" ]] || { echo "$n statements, expected $(expected_count "$1")"; return 1; }
  echo "$n statements"
}

part_exports() {
  local t=$SECONDS f
  check "store counts" store_counts
  check "export" export_all
  check "gzip kg.nq.gz" check_gzip
  for f in ttl nt nq trig rdf jsonld jsonld-dataset; do check "rdflib $f" check_rdflib "$f"; done
  check "rapper ttl" check_rapper ttl turtle
  check "rapper nt" check_rapper nt ntriples
  check "rapper nq" check_rapper nq nquads
  check "rapper trig" check_rapper trig trig
  check "rapper rdf" check_rapper rdf rdfxml
  check "serdi ttl" check_serdi ttl turtle ntriples
  check "serdi nt" check_serdi nt ntriples ntriples
  check "serdi nq" check_serdi nq nquads nquads
  check "serdi trig" check_serdi trig trig nquads
  note "exports: $((SECONDS - t)) s"
}

# ---------------------------------------------------------------------------------------------
# 2. Virtuoso 7

TURTLE_GRAPH=urn:nea-kg:turtle

isql() { # SQL...: run as dba; fails on any *** Error
  local out
  out=$(printf '%s\n' "$@" | timeout 300 isql-vt "127.0.0.1:$VIRTUOSO_PORT" dba dba \
    VERBOSE=OFF BANNER=OFF PROMPT=OFF ECHO=OFF 2>&1) || { echo "$out"; return 1; }
  if grep -q '\*\*\* Error' <<<"$out"; then echo "$out"; return 1; fi
  printf '%s\n' "$out"
}

start_virtuoso() {
  local dir="$WORK/virtuoso"
  mkdir -p "$dir"
  VIRTUOSO_PORT=$(free_port)
  VIRTUOSO_HTTP=$(free_port)
  cat >"$dir/virtuoso.ini" <<EOF
[Database]
DatabaseFile       = $dir/virtuoso.db
ErrorLogFile       = $dir/virtuoso.log
LockFile           = $dir/virtuoso.lck
TransactionFile    = $dir/virtuoso.trx
xa_persistent_file = $dir/virtuoso.pxa
ErrorLogLevel      = 7
FileExtend         = 200
MaxCheckpointRemap = 2000
Striping           = 0
TempStorage        = TempDatabase

[TempDatabase]
DatabaseFile       = $dir/virtuoso-temp.db
TransactionFile    = $dir/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping           = 0

[Parameters]
ServerPort           = 127.0.0.1:$VIRTUOSO_PORT
DisableUnixSocket    = 1
DisableTcpSocket     = 0
MaxClientConnections = 10
CheckpointInterval   = 60
CaseMode             = 2
DirsAllowed          = ., $EXP
NumberOfBuffers      = 10000
MaxDirtyBuffers      = 6000

[HTTPServer]
ServerPort           = 127.0.0.1:$VIRTUOSO_HTTP
ServerRoot           = $dir
MaxClientConnections = 10
ServerThreads        = 10
EnabledDavVSP        = 0
Charset              = UTF-8

[SPARQL]
ResultSetMaxRows      = 1000000
MaxQueryExecutionTime = 120
EOF
  (cd "$dir" && exec virtuoso-t +foreground +configfile "$dir/virtuoso.ini") >"$dir/stdout.log" 2>&1 &
  PIDS+=($!)
  wait_for "$SERVER_WAIT" "${PIDS[-1]}" \
    timeout 5 isql-vt "127.0.0.1:$VIRTUOSO_PORT" dba dba exec="select 1;" &&
    wait_for 10 "${PIDS[-1]}" curl -sf -o /dev/null --max-time 2 "http://127.0.0.1:$VIRTUOSO_HTTP/sparql?query=ASK%7B%7D"
}

virtuoso_load() {
  local rows bad
  isql "ld_dir('$EXP', 'kg.ttl', '$TURTLE_GRAPH');" \
    "ld_dir('$EXP', 'kg.nq', 'urn:nea-kg:nquads-default');" \
    "rdf_loader_run();" "checkpoint;" >/dev/null || return 1
  rows=$(isql "select concat(ll_file, '|', cast(ll_state as varchar), '|', coalesce(ll_error, '')) from DB.DBA.load_list;") || return 1
  rows=$(grep '|' <<<"$rows")
  bad=$(grep -v '|2|$' <<<"$rows" || true)
  [[ -z $bad ]] || { echo "load_list: $bad"; return 1; }
  [[ $(wc -l <<<"$rows") == 2 ]] || { echo "load_list: $rows"; return 1; }
  echo "kg.ttl and kg.nq loaded, no ll_error"
}

# sparql_http URL QUERY-FILE OUT [curl args...]: SPARQL JSON results of a query (POST form).
sparql_http() {
  local url=$1 query=$2 out=$3
  shift 3
  curl -sS --fail-with-body --max-time 120 -H 'Accept: application/sparql-results+json' \
    --data-urlencode "query@$query" "$@" "$url" -o "$out" || { head -c 300 "$out" 2>/dev/null; return 1; }
}

query_file() { ls "$ROOT"/queries/"$1"-*.rq; }

# virtuoso_compare NAME EXPECTED QUERY-FILE dataset-args...
virtuoso_compare() {
  local name=$1 expected=$2 query=$3 out="$WORK/virtuoso-$1.json"
  shift 3
  sparql_http "http://127.0.0.1:$VIRTUOSO_HTTP/sparql" "$query" "$out" "$@" || return 1
  python3 "$COMPARE" results "$expected" "$out"
}

check_virtuoso_turtle_count() {
  local out="$WORK/virtuoso-ttl-count.json" n
  printf 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }\n' >"$WORK/count.rq"
  sparql_http "http://127.0.0.1:$VIRTUOSO_HTTP/sparql" "$WORK/count.rq" "$out" \
    --data-urlencode "default-graph-uri=$TURTLE_GRAPH" || return 1
  n=$(python3 "$COMPARE" rows "$out") || return 1
  [[ $n == "$TRIPLES" ]] || { echo "$n triples, expected $TRIPLES"; return 1; }
  echo "$n triples in <$TURTLE_GRAPH>"
}

part_virtuoso() {
  local t=$SECONDS q g
  local -a nquads_default=() nquads_named=()
  for g in "${GRAPHS[@]}"; do
    nquads_default+=(--data-urlencode "default-graph-uri=$g")
    nquads_named+=(--data-urlencode "named-graph-uri=$g")
  done
  local -a names=("virtuoso bulk load" "virtuoso turtle count" "virtuoso nquads graph counts")
  for q in "${QUERIES[@]}"; do names+=("virtuoso turtle $q" "virtuoso nquads $q"); done

  if ! start_virtuoso >/dev/null 2>&1; then
    local why
    why="virtuoso did not start and answer within ${SERVER_WAIT} s: $(log_tail "$WORK"/virtuoso/*.log)"
    for q in "${names[@]}"; do fail "$q" "$why"; done
  else
    note "virtuoso: up on 127.0.0.1:$VIRTUOSO_PORT (HTTP $VIRTUOSO_HTTP) after $((SECONDS - t)) s"
    check "virtuoso bulk load" virtuoso_load
    check "virtuoso turtle count" check_virtuoso_turtle_count
    check "virtuoso nquads graph counts" \
      virtuoso_compare graphs "$EXPECTED/graphs.json" "$WORK/graphs.rq" "${nquads_named[@]}"
    for q in "${QUERIES[@]}"; do
      check "virtuoso turtle $q" virtuoso_compare "ttl-$q" "$EXPECTED/$q.json" "$(query_file "$q")" \
        --data-urlencode "default-graph-uri=$TURTLE_GRAPH"
      check "virtuoso nquads $q" virtuoso_compare "nq-$q" "$EXPECTED/$q.json" "$(query_file "$q")" \
        "${nquads_default[@]}"
    done
  fi
  stop_servers
  note "virtuoso: $((SECONDS - t)) s"
}

# ---------------------------------------------------------------------------------------------
# 3. Oxigraph server and nea-kg push

start_oxigraph() {
  OXIGRAPH_PORT=$(free_port)
  OXIGRAPH_URL="http://127.0.0.1:$OXIGRAPH_PORT"
  "$OXIGRAPH" serve --location "$WORK/oxigraph" --bind "127.0.0.1:$OXIGRAPH_PORT" \
    >"$WORK/oxigraph.log" 2>&1 &
  PIDS+=($!)
  wait_for "$SERVER_WAIT" "${PIDS[-1]}" curl -sf -o /dev/null --max-time 2 "$OXIGRAPH_URL/query?query=ASK%7B%7D"
}

push() { # push ARGS...: nea-kg push to the Oxigraph server, bounded
  local out status=0
  "$BIN" push --help >/dev/null 2>&1 || { echo "nea-kg has no push command"; return 1; }
  out=$(timeout 180 "$BIN" push --endpoint "$OXIGRAPH_URL/store" --timeout 60 "$@" 2>&1) || status=$?
  ((status == 0)) || { echo "exit $status: $out"; return 1; }
}

# The per-graph counts in Oxigraph equal the store's; says the total.
oxigraph_counts() {
  local out="$WORK/oxigraph-graphs.json" total
  sparql_http "$OXIGRAPH_URL/query" "$WORK/graphs.rq" "$out" || return 1
  python3 "$COMPARE" results "$EXPECTED/graphs.json" "$out" >/dev/null ||
    { python3 "$COMPARE" results "$EXPECTED/graphs.json" "$out"; return 1; }
  total=$(python3 "$COMPARE" rows "$out" | awk -F'\t' '{ n += $2 } END { print n + 0 }')
  echo "$total quads in $(python3 "$COMPARE" rows "$out" | wc -l) graphs"
}

push_then_count() { push "$@" || return 1; oxigraph_counts; }

oxigraph_compare() { # QUERY-NAME
  local out="$WORK/oxigraph-$1.json"
  sparql_http "$OXIGRAPH_URL/query" "$(query_file "$1")" "$out" \
    --data-urlencode union-default-graph= || return 1
  python3 "$COMPARE" results "$EXPECTED/$1.json" "$out"
}

push_unreachable() { # a push to a closed port fails with exit 2 and a message
  local port out status=0
  "$BIN" push --help >/dev/null 2>&1 || { echo "nea-kg has no push command"; return 1; }
  port=$(free_port)
  out=$(timeout 60 "$BIN" push --endpoint "http://127.0.0.1:$port/store" --timeout 5 2>&1) || status=$?
  ((status == 2)) || { echo "exit $status, expected 2: $out"; return 1; }
  [[ -n $out ]] || { echo "exit 2 without a message"; return 1; }
  echo "exit 2: $(head -n 1 <<<"$out")"
}

# A graph of the Oxigraph server that nea-kg does not push: a --replace push must leave it.
UNRELATED=urn:nea-kg:interop:unrelated

unrelated_count() { # the triples of the unrelated graph
  local out="$WORK/unrelated-count.json"
  printf 'SELECT (COUNT(*) AS ?n) WHERE { GRAPH <%s> { ?s ?p ?o } }\n' "$UNRELATED" >"$WORK/unrelated.rq"
  sparql_http "$OXIGRAPH_URL/query" "$WORK/unrelated.rq" "$out" || return 1
  python3 "$COMPARE" rows "$out"
}

# The per-graph counts of nea-kg's graphs in Oxigraph (the unrelated one aside) equal the store's.
oxigraph_counts_besides_unrelated() {
  local out="$WORK/oxigraph-graphs-besides.json"
  cat >"$WORK/graphs-besides.rq" <<EOF
SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(?g != <$UNRELATED>) }
GROUP BY ?g ORDER BY ?g
EOF
  sparql_http "$OXIGRAPH_URL/query" "$WORK/graphs-besides.rq" "$out" || return 1
  python3 "$COMPARE" results "$EXPECTED/graphs.json" "$out"
}

load_unrelated() { # three triples into the unrelated graph, with curl
  local n
  printf '<urn:x:a> <urn:x:p> "1" .\n<urn:x:b> <urn:x:p> "2" .\n<urn:x:c> <urn:x:p> "3" .\n' >"$WORK/unrelated.nt"
  curl -sS --fail-with-body --max-time 60 -X PUT -H 'Content-Type: application/n-triples' \
    --data-binary @"$WORK/unrelated.nt" "$OXIGRAPH_URL/store?graph=urn%3Anea-kg%3Ainterop%3Aunrelated" ||
    return 1
  n=$(unrelated_count) || return 1
  [[ $n == 3 ]] || { echo "<$UNRELATED> holds $n triples, expected 3"; return 1; }
  echo "<$UNRELATED>: 3 triples, loaded with curl"
}

# push --replace to the endpoint with a #fragment: refused with exit 2, the store untouched.
push_fragment_refused() {
  local out status=0 before after
  before=$(unrelated_count) || return 1
  out=$(timeout 60 "$BIN" push --endpoint "$OXIGRAPH_URL/store#frag" --replace --timeout 10 2>&1) ||
    status=$?
  ((status == 2)) || { echo "exit $status, expected 2: $out"; return 1; }
  grep -q 'has a fragment' <<<"$out" || { echo "another message: $out"; return 1; }
  after=$(unrelated_count) || return 1
  [[ $after == "$before" ]] || { echo "<$UNRELATED> went from $before to $after triples"; return 1; }
  oxigraph_counts_besides_unrelated >/dev/null || { oxigraph_counts_besides_unrelated; return 1; }
  echo "exit 2 ($(head -n 1 <<<"$out" | cut -c1-100)…); <$UNRELATED> keeps its $after triples"
}

# push --replace replaces nea-kg's graphs and nothing else.
push_replace_keeps_unrelated() {
  local before after
  before=$(unrelated_count) || return 1
  push --replace || return 1
  after=$(unrelated_count) || return 1
  [[ $after == "$before" ]] || { echo "<$UNRELATED> went from $before to $after triples"; return 1; }
  oxigraph_counts_besides_unrelated >/dev/null || { oxigraph_counts_besides_unrelated; return 1; }
  echo "<$UNRELATED>: $before triples before the push --replace, $after after; nea-kg's graphs as in the store"
}

part_oxigraph() {
  local t=$SECONDS q before
  local -a later=()
  for q in "${QUERIES[@]}"; do later+=("oxigraph $q"); done
  later+=("oxigraph push --replace keeps counts" "oxigraph second POST push keeps counts")
  later+=("oxigraph load an unrelated graph" "oxigraph push --replace to #frag is refused")
  later+=("oxigraph push --replace keeps an unrelated graph")

  if ! start_oxigraph >/dev/null 2>&1; then
    local why
    why="oxigraph did not start and answer within ${SERVER_WAIT} s: $(log_tail "$WORK/oxigraph.log")"
    fail "oxigraph push" "$why"
    for q in "${later[@]}"; do fail "$q" "$why"; done
  else
    note "oxigraph: up on $OXIGRAPH_URL after $((SECONDS - t)) s"
    before=$FAILED
    check "oxigraph push" push_then_count
    if ((FAILED > before)); then
      for q in "${later[@]}"; do fail "$q" "no data: the first push failed"; done
    else
      for q in "${QUERIES[@]}"; do check "oxigraph $q" oxigraph_compare "$q"; done
      check "oxigraph push --replace keeps counts" push_then_count --replace
      check "oxigraph second POST push keeps counts" push_then_count
      before=$FAILED
      check "oxigraph load an unrelated graph" load_unrelated
      if ((FAILED > before)); then
        fail "oxigraph push --replace to #frag is refused" "no unrelated graph to watch"
        fail "oxigraph push --replace keeps an unrelated graph" "no unrelated graph to watch"
      else
        check "oxigraph push --replace to #frag is refused" push_fragment_refused
        check "oxigraph push --replace keeps an unrelated graph" push_replace_keeps_unrelated
      fi
    fi
  fi
  check "push to a closed port exits 2" push_unreachable
  stop_servers
  note "oxigraph: $((SECONDS - t)) s"
}

# ---------------------------------------------------------------------------------------------
# 4. nea-kg's persistent store, served by Oxigraph

store_compare() { # QUERY-NAME
  local out="$WORK/store-$1.json"
  sparql_http "$STORE_URL/query" "$(query_file "$1")" "$out" \
    --data-urlencode union-default-graph= || return 1
  python3 "$COMPARE" results "$EXPECTED/$1.json" "$out"
}

part_store() {
  [[ -n ${NEA_KG_ROCKSDB_BIN:-} ]] || return 0
  local t=$SECONDS q port out status=0
  out=$("$NEA_KG_ROCKSDB_BIN" build --store "$WORK/kg-store" 2>&1) || status=$?
  if ((status != 0)); then
    fail "nea-kg build --store" "exit $status: $out"
    for q in "${QUERIES[@]}"; do fail "oxigraph serve --location: $q" "no store"; done
    return 0
  fi
  pass "nea-kg build --store" "$out"
  port=$(free_port)
  STORE_URL="http://127.0.0.1:$port"
  "$OXIGRAPH" serve --location "$WORK/kg-store" --bind "127.0.0.1:$port" >"$WORK/store.log" 2>&1 &
  PIDS+=($!)
  if ! wait_for "$SERVER_WAIT" "${PIDS[-1]}" curl -sf -o /dev/null --max-time 2 "$STORE_URL/query?query=ASK%7B%7D" >/dev/null 2>&1; then
    for q in "${QUERIES[@]}"; do
      fail "oxigraph serve --location: $q" "the store did not open: $(log_tail "$WORK/store.log")"
    done
  else
    for q in "${QUERIES[@]}"; do check "oxigraph serve --location: $q" store_compare "$q"; done
  fi
  stop_servers
  note "store: $((SECONDS - t)) s"
}

# ---------------------------------------------------------------------------------------------
# 5. Dataset clauses (FROM, FROM NAMED) against rdflib

G=https://w3id.org/nea-kg/graph
CORPUS="$WORK/corpus"

# Two articles, the embedded one under two ids: the same relations in two article graphs.
make_corpus() {
  local id
  mkdir -p "$CORPUS"
  cp "$ROOT/data/entities.toml" "$CORPUS/entities.toml"
  for id in one two; do
    cp "$ROOT/data/article.txt" "$CORPUS/$id.txt"
    sed "s/confidence-builder/confidence-builder-$id/g" "$ROOT/data/facts.toml" >"$CORPUS/$id.toml"
  done
  kg export --corpus "$CORPUS" -o "$WORK/corpus.nq" || return 1
  echo "$(wc -l <"$WORK/corpus.nq") quads in $(kg query 'SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g {} }' --format csv --corpus "$CORPUS" | tail -n 1) graphs"
}

# dataset_compare NAME QUERY: nea-kg's CSV answer and rdflib's over the N-Quads export agree.
dataset_compare() {
  printf '%s\n' "$2" >"$WORK/dataset-$1.rq"
  kg query "$WORK/dataset-$1.rq" --format csv --corpus "$CORPUS" >"$WORK/dataset-$1.csv" || return 1
  python3 "$COMPARE" dataset "$WORK/corpus.nq" "$WORK/dataset-$1.rq" "$WORK/dataset-$1.csv"
}

part_dataset() {
  local t=$SECONDS before=$FAILED q one="<$G/confidence-builder-one>" two="<$G/confidence-builder-two>"
  local normalized='<https://w3id.org/nea-kg/id/japan> <https://w3id.org/nea-kg/ontology#normalizedRelationsWith> ?x'
  local -A queries=(
    [from-one]="SELECT (COUNT(*) AS ?n) FROM <$G/ontology> WHERE { ?s ?p ?o }"
    [from-two]="SELECT (COUNT(*) AS ?n) FROM $one FROM $two WHERE { ?s ?p ?o }"
    [from-two-rows]="SELECT ?x FROM $one FROM $two WHERE { $normalized }"
    [from-twice]="SELECT (COUNT(*) AS ?n) FROM <$G/entities> FROM <$G/entities> WHERE { ?s ?p ?o }"
    [from-named-graph]="SELECT ?g (COUNT(*) AS ?n) FROM <$G/ontology> FROM NAMED <$G/entities> FROM NAMED $one WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
    [from-named-only]="SELECT (COUNT(*) AS ?n) FROM NAMED <$G/entities> WHERE { ?s ?p ?o }"
    [from-named-only-graph]="SELECT ?g (COUNT(*) AS ?n) FROM NAMED <$G/entities> FROM NAMED <$G/metadata> WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
    [from-without-named]="SELECT (COUNT(*) AS ?n) FROM <$G/ontology> WHERE { GRAPH ?g { ?s ?p ?o } }"
  )
  local -a order=(from-one from-two from-two-rows from-twice from-named-graph from-named-only
    from-named-only-graph from-without-named)
  check "dataset corpus" make_corpus
  local corpus_failed=$((FAILED > before))
  for q in "${order[@]}"; do
    if ((corpus_failed)); then
      fail "dataset $q" "no corpus"
    else
      check "dataset $q" dataset_compare "$q" "${queries[$q]}"
    fi
  done
  note "dataset: $((SECONDS - t)) s"
}

# ---------------------------------------------------------------------------------------------

main() {
  local t=$SECONDS before
  check "tools" install_tools
  OXIGRAPH=$(oxigraph_cli 2>/dev/null || echo oxigraph)
  note "tools: $((SECONDS - t)) s"
  t=$SECONDS
  before=$FAILED
  check "build" build
  note "build: $((SECONDS - t)) s"
  if ((FAILED > before)); then # nothing else can run
    summary
    exit 1
  fi
  part_exports
  part_dataset
  part_virtuoso
  part_oxigraph
  part_store
  stop_servers
  note "total: $((SECONDS - T0)) s"
  summary
  ((FAILED == 0))
}

main "$@"
