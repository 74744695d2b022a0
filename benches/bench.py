#!/usr/bin/env python3
"""The nea-kg benchmark: corpus build against `oxigraph load`, and `nea-kg query cq01`
against `oxigraph query`, RDFLib and pyoxigraph. Prints a Markdown report on stdout
(progress on stderr) and writes the raw figures as JSON.

Run it through `benches/run.sh`, which builds the binaries first; see
docs/performance.md. Every command is timed end to end as a fresh process (wall clock,
time.perf_counter around spawn and reap) and its peak memory is the child's maximum
resident set size from wait4(2), the figure `/usr/bin/time -f %M` prints.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import math
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUERY_FILE = ROOT / "queries" / "cq01-diplomatic-relations.rq"

# Targets (docs/performance.md).
QUERY_VS_OXIGRAPH = 2.0  # nea-kg query at most half the time of `oxigraph query`
QUERY_VS_RDFLIB = 20.0  # and at least 20x faster than RDFLib
BUILD_VS_OXIGRAPH = 0.8  # build throughput at least 0.8 of `oxigraph load`
LINEAR_SLOPE_MAX = 1.1  # d log(time) / d log(N) between the two largest N
FLAT_MEMORY_MAX = 1.25  # peak RSS at the largest N over that at the next one


def shown(path: Path) -> str:
    """A path for the report: relative to the checkout when it is inside it."""
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return path.name


def log(msg: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


class Failed(Exception):
    pass


def cpu_counters() -> tuple[float, float]:
    """Seconds of CPU the whole machine has been busy, and stolen by the hypervisor."""
    try:
        f = [int(x) for x in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    except (OSError, ValueError, IndexError):
        return 0.0, 0.0
    tick = os.sysconf("SC_CLK_TCK")
    busy = f[0] + f[1] + f[2] + f[5] + f[6]  # user nice system irq softirq
    return busy / tick, (f[7] if len(f) > 7 else 0) / tick


# Peak memory comes from GNU time (`/usr/bin/time -f %M`), which forks from its own small
# process: a child spawned straight from Python starts with Python's peak RSS as its
# maxrss (Linux carries the high-water mark of the address space it replaces at exec),
# which would put a floor of 20-40 MiB under every small command.
GNU_TIME = "/usr/bin/time"


def measure(cmd: list[str], stdout=subprocess.DEVNULL, cwd=None, peak_memory=True) -> dict:
    """Runs `cmd` once: wall seconds, peak RSS (KiB), exit status, stderr text, and the CPU
    seconds that other processes used meanwhile (the machine's busy time less the
    command's own), to tell a quiet run from a disturbed one. With `peak_memory` the
    command runs under /usr/bin/time, whose own fork and exec (about 3 ms on the 2-core
    VM of docs/performance.md) is then in the wall time; the query runs, of a few
    milliseconds, are therefore timed without it and their memory taken from other runs."""
    with tempfile.TemporaryFile() as err, tempfile.NamedTemporaryFile("r") as rss:
        wrap = peak_memory and os.path.exists(GNU_TIME)
        full = [GNU_TIME, "-f", "%M", "-o", rss.name, *cmd] if wrap else cmd
        busy0, steal0 = cpu_counters()
        start = time.perf_counter()
        proc = subprocess.Popen(full, stdout=stdout, stderr=err, stdin=subprocess.DEVNULL, cwd=cwd)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        busy1, steal1 = cpu_counters()
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
        lines = rss.read().split()
    if proc.returncode != 0:
        raise Failed(f"{' '.join(cmd)} exited {proc.returncode}:\n{stderr}")
    if full is not cmd and lines and lines[-1].isdigit():
        maxrss = int(lines[-1])
    else:
        maxrss = usage.ru_maxrss if peak_memory else None
    own = usage.ru_utime + usage.ru_stime
    return {"seconds": seconds, "maxrss_kib": maxrss, "stderr": stderr,
            "cpu_seconds": own, "other_cpu_seconds": max(0.0, busy1 - busy0 - own),
            "steal_seconds": steal1 - steal0}


def disturbance(runs: list[dict]) -> float:
    """The share of the machine's CPU that other processes (and the hypervisor) took
    during these runs."""
    wall = sum(r["seconds"] for r in runs) * (os.cpu_count() or 1)
    other = sum(r.get("other_cpu_seconds", 0) + r.get("steal_seconds", 0) for r in runs)
    return other / wall if wall else 0.0


def capture(cmd: list[str], cwd=None) -> str:
    """Runs `cmd` once (not timed) and returns its stdout."""
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=cwd, stdin=subprocess.DEVNULL)
    if proc.returncode != 0:
        raise Failed(f"{' '.join(map(str, cmd))} exited {proc.returncode}:\n{proc.stderr}")
    return proc.stdout


def summary(values: list[float]) -> dict:
    return {
        "median": statistics.median(values),
        "min": min(values),
        "max": max(values),
        "n": len(values),
    }


def du_bytes(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def rm(path: Path) -> None:
    if path.is_dir():
        shutil.rmtree(path)
    elif path.exists():
        path.unlink()


# ---------------------------------------------------------------------------------------
# Tools and machine


def find_tools(args) -> dict:
    scripts = Path(sysconfig.get_path("scripts"))
    if not os.path.exists(GNU_TIME):
        log(f"{GNU_TIME} is missing (Debian: apt-get install time): peak memory falls back to "
            "wait4's maxrss, which counts this Python process's peak too")
    tools = {
        "nea": Path(args.nea_kg).resolve(),
        "nea_rocksdb": Path(args.nea_kg_rocksdb).resolve(),
        "gen_corpus": Path(args.gen_corpus).resolve(),
        # The interpreter this script runs under, by the path it was started as: a
        # version manager's shim has already handed over to the real interpreter (so
        # sys.executable is never the shim), and a virtual environment's python is a
        # symlink that must not be resolved: the base interpreter it points to cannot
        # import the environment's packages (pyoxigraph, rdflib).
        "python": Path(sys.executable).absolute(),
        "oxigraph": Path(args.oxigraph) if args.oxigraph else None,
    }
    if tools["oxigraph"] is None:
        found = scripts / "oxigraph"
        tools["oxigraph"] = found if found.is_file() else Path(shutil.which("oxigraph") or "oxigraph")
    needed = ["nea", "oxigraph"] + ([] if args.skip_build else ["nea_rocksdb", "gen_corpus"])
    for name in needed:
        if not tools[name].is_file():
            raise Failed(f"{tools[name]}: not found (benches/run.sh builds and installs everything)")
    return {k: str(v) for k, v in tools.items()}


def snapshot(tools: dict, into: Path) -> dict:
    """Copies the nea-kg binaries into the scratch folder, so that the whole run measures
    one build even if someone rebuilds target/ meanwhile."""
    rm(into)
    into.mkdir(parents=True)
    out = dict(tools)
    for name in ("nea", "nea_rocksdb", "gen_corpus"):
        src = Path(tools[name])
        if src.is_file():
            dst = into / f"{name}-{src.name}"
            shutil.copy2(src, dst)
            out[name] = str(dst)
    return out


def read_first(path: str, pattern: str) -> str:
    try:
        for line in Path(path).read_text().splitlines():
            m = re.match(pattern, line)
            if m:
                return m.group(1).strip()
    except OSError:
        pass
    return "unknown"


def machine(tools: dict) -> dict:
    def version(cmd):
        try:
            return capture(cmd).strip().splitlines()[0]
        except (Failed, OSError, IndexError):
            return "unknown"

    def digest(path):
        try:
            h = hashlib.sha256()
            with open(path, "rb") as f:
                for chunk in iter(lambda: f.read(1 << 20), b""):
                    h.update(chunk)
            return h.hexdigest()[:12]
        except OSError:
            return "absent"

    mem_kib = read_first("/proc/meminfo", r"MemTotal:\s+(\d+)")
    py = tools["python"]
    return {
        "nproc": os.cpu_count(),
        "cpu": read_first("/proc/cpuinfo", r"model name\s*:\s*(.*)"),
        "ram": f"{int(mem_kib) / 1024 / 1024:.1f} GiB" if mem_kib.isdigit() else "unknown",
        "os": read_first("/etc/os-release", r'PRETTY_NAME="?([^"]*)"?') + f", Linux {platform.release()}",
        "rustc": version(["rustc", "-V"]),
        "nea-kg": version([tools["nea"], "--version"]),
        "oxigraph": version([tools["oxigraph"], "--version"]),
        "python": version([py, "--version"]),
        "rdflib": version([py, "-c", "import rdflib; print(rdflib.__version__)"]),
        "pyoxigraph": version([py, "-c", "import pyoxigraph; print(pyoxigraph.__version__)"]),
        # Which build was measured (the version number does not change with the code).
        "binaries": f"target/release/nea-kg sha256 {digest(tools['nea'])}…, "
                    f"target/rocksdb/release/nea-kg sha256 {digest(tools['nea_rocksdb'])}…",
    }


def filesystem(path: Path) -> str:
    """The device and file system type the scratch folder is on (fsync costs differ)."""
    best = ("", "unknown", "unknown")
    try:
        for line in Path("/proc/mounts").read_text().splitlines():
            dev, mount, fstype = line.split()[:3]
            if str(path).startswith(mount.rstrip("/") + "/") and len(mount) >= len(best[0]):
                best = (mount, dev, fstype)
    except OSError:
        pass
    return f"{best[2]} on {best[1]}"


def cpu_idle_share(seconds: float) -> float:
    """The share of CPU time the machine was idle over the next `seconds`."""
    def sample():
        fields = [int(x) for x in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
        return fields[3] + fields[4], sum(fields)  # idle + iowait, total
    idle0, total0 = sample()
    time.sleep(seconds)
    idle1, total1 = sample()
    return (idle1 - idle0) / max(1, total1 - total0)


def settle(limit: float) -> None:
    """Waits (at most `limit` seconds) until the machine is idle, so that a build that
    just finished or another job does not weigh on the first figures."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        try:
            idle = cpu_idle_share(2.0)
        except (OSError, ValueError, IndexError):
            return
        if idle >= 0.95:
            return
        log(f"waiting for an idle machine (idle {idle:.0%} over 2 s)")
    log(f"the machine is still busy after {limit:g} s; going on (see the load average in the report)")


def loadavg() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "unknown"


# ---------------------------------------------------------------------------------------
# Query: nea-kg query cq01 against oxigraph query, RDFLib, pyoxigraph


def rows_of(csv_text: str) -> tuple[list[str], list[tuple[str, ...]]]:
    rows = list(csv.reader(io.StringIO(csv_text)))
    if not rows:
        return [], []
    return rows[0], sorted(tuple(r) for r in rows[1:] if r)


def query_bench(tools: dict, work: Path, runs: int, rdflib_runs: int, warmup: int) -> dict:
    qdir = work / "query"
    rm(qdir)
    qdir.mkdir(parents=True)
    ttl, nq, store = qdir / "kg.ttl", qdir / "kg.nq", qdir / "oxigraph-store"
    capture([tools["nea"], "export", "-o", str(ttl)])
    capture([tools["nea"], "export", "-o", str(nq)])
    capture([tools["oxigraph"], "load", "--location", str(store), "--file", str(nq)])
    q = str(QUERY_FILE)
    commands = {
        "nea-kg": [tools["nea"], "query", "cq01", "--format", "csv"],
        "oxigraph": [tools["oxigraph"], "query", "--location", str(store), "--query-file", q,
                     "--union-default-graph", "--results-format", "csv"],
        "pyoxigraph": [tools["python"], str(ROOT / "benches" / "query_pyoxigraph.py"), str(ttl), q],
        "rdflib": [tools["python"], str(ROOT / "benches" / "query_rdflib.py"), str(ttl), q],
    }
    if Path(tools["nea_rocksdb"]).is_file():
        # No target: the same store-open cost as `oxigraph query`, for comparison.
        nea_store = qdir / "nea-kg-store"
        capture([tools["nea_rocksdb"], "build", "--quiet", "--store", str(nea_store)])
        commands["nea-kg-store"] = [tools["nea_rocksdb"], "query", "cq01", "--store", str(nea_store),
                                    "--format", "csv"]
    # The answers must agree before anything is timed.
    answers = {name: rows_of(capture(cmd)) for name, cmd in commands.items()}
    header, rows = answers["nea-kg"]
    if len(rows) != 3:
        raise Failed(f"nea-kg query cq01 gave {len(rows)} rows, expected 3: {rows}")
    for name, (h, r) in answers.items():
        if (h, r) != (header, rows):
            raise Failed(f"{name} disagrees with nea-kg on cq01:\n  {h} {r}\n  vs {header} {rows}")
    log(f"query: the {len(commands)} commands agree on cq01: {len(rows)} rows {rows}")

    # Interleaved, so that a change in the machine's load hits every command alike.
    wanted = {name: (rdflib_runs if name == "rdflib" else runs) for name in commands}
    times = {name: [] for name in commands}
    rss = {name: [] for name in commands}
    every = []
    for name, cmd in commands.items():
        for _ in range(warmup):
            measure(cmd, peak_memory=False)
    # Timed without /usr/bin/time (its fork and exec would add about 3 ms to every run).
    for i in range(max(wanted.values())):
        for name, cmd in commands.items():
            if i < wanted[name]:
                m = measure(cmd, peak_memory=False)
                every.append(m)
                times[name].append(m["seconds"])
        if (i + 1) % 10 == 0:
            log(f"query: {i + 1}/{max(wanted.values())} rounds")
    # Peak memory from separate runs under /usr/bin/time (not timed).
    for name, cmd in commands.items():
        for _ in range(3):
            rss[name].append(measure(cmd)["maxrss_kib"])
    result = {
        "rows": rows,
        "quads": sum(1 for line in nq.open() if line.strip()),
        "commands": {name: " ".join(cmd) for name, cmd in commands.items()},
        "disturbance": disturbance(every),
        "tools": {name: {"seconds": summary(times[name]), "maxrss_kib": summary(rss[name]),
                         "raw_seconds": times[name]} for name in commands},
    }
    rm(qdir)
    return result


# ---------------------------------------------------------------------------------------
# Build: nea-kg build --corpus --store against oxigraph load --location


COUNT_QUERY = "SELECT (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }"


def count_quads(tools: dict, store: Path) -> int:
    out = capture([tools["oxigraph"], "query", "--location", str(store), "--query", COUNT_QUERY,
                   "--results-format", "csv"])
    return int(out.strip().splitlines()[1])


def build_bench(tools: dict, work: Path, n: int, runs: int, verify: bool) -> dict:
    corpus, nq = work / f"corpus-{n}", work / f"corpus-{n}.nq"
    nea_store, ox_store = work / f"nea-store-{n}", work / f"oxigraph-store-{n}"
    for p in (corpus, nq, nea_store, ox_store):
        rm(p)
    log(f"build N={n}: generating the corpus")
    capture([tools["gen_corpus"], str(n), str(corpus)])
    log(f"build N={n}: exporting corpus.nq (not timed)")
    capture([tools["nea"], "export", "--quiet", "--corpus", str(corpus), "-o", str(nq)])
    quads = sum(1 for line in nq.open("rb") if line.strip())
    result = {"n": n, "quads": quads, "nq_bytes": nq.stat().st_size, "nea": [], "oxigraph": []}
    nea_cmd = [tools["nea_rocksdb"], "build", "--quiet", "--corpus", str(corpus), "--store", str(nea_store)]
    ox_cmd = [tools["oxigraph"], "load", "--location", str(ox_store), "--file", str(nq)]
    for i in range(runs):
        for name, cmd, store in (("nea", nea_cmd, nea_store), ("oxigraph", ox_cmd, ox_store)):
            rm(store)
            m = measure(cmd)
            if name == "nea":
                built = re.search(r"built .*: (\d+) quads of (\d+) article", m["stderr"])
                if not built or int(built.group(1)) != quads or int(built.group(2)) != n:
                    raise Failed(f"nea-kg build N={n}: expected {quads} quads of {n} articles, "
                                 f"it said: {m['stderr'].strip()}")
            m["store_bytes"] = du_bytes(store)
            m["sst_files"] = sum(1 for f in store.glob("*.sst"))
            if verify and i == 0:
                stored = count_quads(tools, store)
                if stored != quads:
                    raise Failed(f"{name} store N={n} holds {stored} quads, corpus.nq has {quads}")
            del m["stderr"]
            result[name].append(m)
            log(f"build N={n} run {i + 1}/{runs}: {name} {m['seconds']:.2f} s, "
                f"{quads / m['seconds']:,.0f} quads/s, {m['maxrss_kib'] / 1024:.0f} MiB, "
                f"other processes {disturbance([m]):.0%} of the CPU")
            rm(store)
    for p in (corpus, nq):
        rm(p)
    return result


# ---------------------------------------------------------------------------------------
# Report


def mib(kib: float) -> str:
    return f"{kib / 1024:,.0f}"


def ms(s: float) -> str:
    return f"{s * 1000:,.1f}"


def secs(s: float) -> str:
    return f"{s:,.2f}" if s < 100 else f"{s:,.1f}"


# Above this share of the machine's CPU taken by other processes, a run is not judged.
QUIET_MAX = 0.10


def verdict(ok: bool, disturbance: float | None = None) -> str:
    """**met** or **missed**; neither when other processes took more than QUIET_MAX of
    the CPU during the runs judged (or their share is unknown), as the figures then
    measure the machine's load as much as the programs."""
    if disturbance is None or disturbance > QUIET_MAX:
        share = "unknown" if disturbance is None else f"{disturbance:.0%}"
        return (f"**not judged** (other processes took {share} of the CPU, more than "
                f"{QUIET_MAX:.0%}: run again on a quiet machine)")
    return "**met**" if ok else "**missed**"


def paired_ratio(times: dict, name: str, base: str = "nea-kg") -> float:
    """The median over rounds of `name`'s time over `base`'s in the same round: the runs
    of a round are interleaved, so a change in the machine's load hits both alike."""
    pairs = zip(times[name], times[base])
    return statistics.median(t / b for t, b in pairs)


def analyse(results: dict) -> dict:
    """The figures the targets are judged on."""
    out = {}
    q = results.get("query")
    if q:
        raw = {k: v["raw_seconds"] for k, v in q["tools"].items()}
        out["query_ratio"] = {k: paired_ratio(raw, k) for k in raw if k != "nea-kg"}
    builds = results.get("build", [])
    rows = []
    for b in builds:
        nea = summary([m["seconds"] for m in b["nea"]])
        ox = summary([m["seconds"] for m in b["oxigraph"]])
        rows.append({
            "n": b["n"], "quads": b["quads"], "nea": nea, "ox": ox,
            "nea_qps": b["quads"] / nea["median"], "ox_qps": b["quads"] / ox["median"],
            "nea_rss": summary([m["maxrss_kib"] for m in b["nea"]]),
            "ox_rss": summary([m["maxrss_kib"] for m in b["oxigraph"]]),
            "nea_store": statistics.median(m["store_bytes"] for m in b["nea"]),
            "ox_store": statistics.median(m["store_bytes"] for m in b["oxigraph"]),
            "disturbance": (disturbance(b["nea"] + b["oxigraph"])
                            if all("other_cpu_seconds" in m for m in b["nea"]) else None),
            "nea_sst": statistics.median(m.get("sst_files", 0) for m in b["nea"]),
            "ox_sst": statistics.median(m.get("sst_files", 0) for m in b["oxigraph"]),
        })
        rows[-1]["ratio"] = rows[-1]["nea_qps"] / rows[-1]["ox_qps"]
    out["build_rows"] = rows
    slopes = []
    for a, b in zip(rows, rows[1:]):
        slopes.append({
            "from": a["n"], "to": b["n"],
            "nea": math.log(b["nea"]["median"] / a["nea"]["median"]) / math.log(b["quads"] / a["quads"]),
            "ox": math.log(b["ox"]["median"] / a["ox"]["median"]) / math.log(b["quads"] / a["quads"]),
            "nea_rss": b["nea_rss"]["median"] / a["nea_rss"]["median"],
            "ox_rss": b["ox_rss"]["median"] / a["ox_rss"]["median"],
        })
    out["slopes"] = slopes
    return out


def report(results: dict) -> str:
    a = analyse(results)
    lines = []
    w = lines.append
    m = results["machine"]
    w("## Machine")
    w("")
    w(f"- {m['nproc']} cores, {m['cpu']}, {m['ram']} RAM, {m['os']}")
    w(f"- {m['rustc']}; {m['nea-kg']}; {m['oxigraph']} (CLI); {m['python']}, "
      f"rdflib {m['rdflib']}, pyoxigraph {m['pyoxigraph']}")
    if "binaries" in m:
        w(f"- measured: {m['binaries']}")
    w(f"- scratch folder (corpora, stores): {m.get('scratch', 'unknown')}")
    w(f"- run: {results['started']} to {results['finished']} ({results['mode']}); "
      f"load average at start {results['load_start']}, at end {results['load_end']}")
    w("")

    q = results.get("query")
    if q:
        t = q["tools"]
        w(f"## Query: cq01 end to end ({q['quads']:,} quads, {len(q['rows'])} rows, "
          "the same answer from every command)")
        w("")
        w("Each run is a fresh process: start, load or open the graph, answer, print CSV, exit. "
          "Timed runs are spawned directly; peak RSS is the median of 3 other runs under "
          "GNU time.")
        w("")
        w("| command | runs | median ms | min ms | max ms | peak RSS MiB (median) | / nea-kg (median of rounds) |")
        w("|---|---:|---:|---:|---:|---:|---:|")
        labels = {
            "nea-kg": "`nea-kg query cq01` (embedded default, in memory)",
            "oxigraph": "`oxigraph query` (prebuilt RocksDB store)",
            "pyoxigraph": "pyoxigraph (load kg.ttl, query)",
            "rdflib": "RDFLib (parse kg.ttl, query)",
            "nea-kg-store": "(no target) `nea-kg query cq01 --store` (prebuilt RocksDB store)",
        }
        for name in [n for n in labels if n in t]:
            s = t[name]["seconds"]
            ratio = "1.00" if name == "nea-kg" else f"{a['query_ratio'][name]:.2f}"
            w(f"| {labels[name]} | {s['n']} | {ms(s['median'])} | {ms(s['min'])} | {ms(s['max'])} "
              f"| {mib(t[name]['maxrss_kib']['median'])} | {ratio} |")
        if "disturbance" in q:
            w("")
            w(f"Other processes took {q['disturbance']:.1%} of the machine's CPU during these runs.")
        w("")

    rows = a["build_rows"]
    if rows:
        w("## Build: `nea-kg build --corpus DIR --store DIR` against `oxigraph load --location DIR --file corpus.nq`")
        w("")
        counted = "; the same quads in both stores (counted)" if results.get("verified") else ""
        w(f"Time is median (min–max) over the runs; quads/s from the median{counted}; "
          "peak RSS, store size and SST files are medians.")
        w("")
        w("| N articles | quads | runs | nea-kg build s | nea-kg quads/s | nea-kg peak RSS MiB "
          "| oxigraph load s | oxigraph quads/s | oxigraph peak RSS MiB | throughput nea-kg / oxigraph "
          "| store MiB nea-kg / oxigraph | SST files nea-kg / oxigraph |")
        w("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for r in rows:
            w(f"| {r['n']:,} | {r['quads']:,} | {r['nea']['n']} "
              f"| {secs(r['nea']['median'])} ({secs(r['nea']['min'])}–{secs(r['nea']['max'])}) "
              f"| {r['nea_qps']:,.0f} | {mib(r['nea_rss']['median'])} "
              f"| {secs(r['ox']['median'])} ({secs(r['ox']['min'])}–{secs(r['ox']['max'])}) "
              f"| {r['ox_qps']:,.0f} | {mib(r['ox_rss']['median'])} | {r['ratio']:.2f} "
              f"| {r['nea_store'] / 2**20:,.1f} / {r['ox_store'] / 2**20:,.1f} "
              f"| {r['nea_sst']:,.0f} / {r['ox_sst']:,.0f} |")
        w("")
        if all(r["disturbance"] is not None for r in rows):
            w("Other processes took " + ", ".join(f"{r['disturbance']:.1%} (N={r['n']:,})" for r in rows)
              + " of the machine's CPU during these runs.")
            w("")
        if a["slopes"]:
            w("Scaling between consecutive N: the slope d log(time) / d log(quads) (1 is linear, "
              "below 1 means a fixed start-up cost still weighs) and the growth of peak RSS.")
            w("")
            w("| N from → to | nea-kg time slope | oxigraph time slope | nea-kg peak RSS × | oxigraph peak RSS × |")
            w("|---|---:|---:|---:|---:|")
            for s in a["slopes"]:
                w(f"| {s['from']:,} → {s['to']:,} | {s['nea']:.2f} | {s['ox']:.2f} "
                  f"| {s['nea_rss']:.2f} | {s['ox_rss']:.2f} |")
            w("")

    w("## Targets")
    w("")
    if q:
        r = a["query_ratio"]
        quiet = q.get("disturbance")
        w(f"- `nea-kg query cq01` at most half the time of `oxigraph query` (ratio ≥ {QUERY_VS_OXIGRAPH:g}): "
          f"{r['oxigraph']:.2f}x, {verdict(r['oxigraph'] >= QUERY_VS_OXIGRAPH, quiet)}")
        w(f"- at least {QUERY_VS_RDFLIB:g}x faster than RDFLib: {r['rdflib']:.1f}x, "
          f"{verdict(r['rdflib'] >= QUERY_VS_RDFLIB, quiet)}")
        w(f"- (no target) pyoxigraph / nea-kg: {r['pyoxigraph']:.2f}x")
    if rows:
        worst = min(rows, key=lambda r: r["ratio"])
        shares = [r["disturbance"] for r in rows]
        busiest = None if None in shares else max(shares)
        ok = all(r["ratio"] >= BUILD_VS_OXIGRAPH for r in rows)
        w(f"- build throughput at least {BUILD_VS_OXIGRAPH:g} of `oxigraph load` at every N: "
          + ", ".join(f"N={r['n']:,}: {r['ratio']:.2f}" for r in rows) + f"; {verdict(ok, busiest)}"
          + ("" if ok else f" (worst at N={worst['n']:,})"))
        if a["slopes"]:
            last = a["slopes"][-1]
            w(f"- build time linear in N (slope ≤ {LINEAR_SLOPE_MAX:g} between the two largest N): "
              f"{last['nea']:.2f} from N={last['from']:,} to N={last['to']:,}, "
              f"{verdict(last['nea'] <= LINEAR_SLOPE_MAX, busiest)}")
            first = rows[0]
            w(f"- peak memory flat in N (at most {FLAT_MEMORY_MAX:g}x between the two largest N): "
              f"{mib(first['nea_rss']['median'])} MiB at N={first['n']:,}, "
              + ", ".join(f"{mib(r['nea_rss']['median'])} MiB at N={r['n']:,}" for r in rows[1:])
              + f"; {last['nea_rss']:.2f}x from N={last['from']:,} to N={last['to']:,}, "
              f"{verdict(last['nea_rss'] <= FLAT_MEMORY_MAX, busiest)}")
    w("")
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--quick", action="store_true", help="a smoke run: N = 1, 10 and fewer runs")
    p.add_argument("--sizes", help="comma-separated N [default: 1,10,100,1000; quick: 1,10]")
    p.add_argument("--build-runs", help="runs per N, comma-separated in the order of --sizes "
                   "[default: 5 each; quick: 2 each]")
    p.add_argument("--query-runs", type=int, help="timed runs per query command [default 30; quick 5]")
    p.add_argument("--rdflib-runs", type=int, help="timed runs of RDFLib [default 30; quick 5]")
    p.add_argument("--warmup", type=int, default=2, help="untimed runs of each query command first")
    p.add_argument("--settle", type=float, default=60,
                   help="wait at most this many seconds for an idle machine before each part [default 60]")
    p.add_argument("--skip-query", action="store_true")
    p.add_argument("--skip-build", action="store_true")
    p.add_argument("--no-verify", action="store_true", help="do not count the quads of the built stores")
    p.add_argument("--work", default=str(ROOT / "target" / "bench"),
                   help="scratch folder (corpora, stores; removed as it goes) [default: target/bench]")
    p.add_argument("--json", help="write the raw figures here [default: WORK/results.json]")
    p.add_argument("--nea-kg", default=str(ROOT / "target" / "release" / "nea-kg"))
    p.add_argument("--nea-kg-rocksdb", default=str(ROOT / "target" / "rocksdb" / "release" / "nea-kg"))
    p.add_argument("--gen-corpus", default=str(ROOT / "target" / "release" / "examples" / "gen-corpus"))
    p.add_argument("--oxigraph", help="the oxigraph CLI [default: the one beside this python]")
    p.add_argument("--report", metavar="JSON", help="only print the report of a saved results.json")
    args = p.parse_args()
    if args.report:
        print(report(json.loads(Path(args.report).read_text())))
        return 0

    sizes = [int(s) for s in (args.sizes or ("1,10" if args.quick else "1,10,100,1000")).split(",")]
    default_runs = {1: 5, 10: 5, 100: 5, 1000: 5}
    if args.build_runs:
        build_runs = [int(r) for r in args.build_runs.split(",")]
        if len(build_runs) == 1:
            build_runs *= len(sizes)
    else:
        build_runs = [2 if args.quick else default_runs.get(n, 2) for n in sizes]
    if len(build_runs) != len(sizes):
        p.error("--build-runs: give one number, or one per size")
    query_runs = args.query_runs or (5 if args.quick else 30)
    rdflib_runs = args.rdflib_runs or (5 if args.quick else 30)

    work = Path(args.work).resolve()
    work.mkdir(parents=True, exist_ok=True)
    try:
        tools = snapshot(find_tools(args), work / "bin")
        results = {
            "mode": "quick" if args.quick else "full",
            "started": time.strftime("%Y-%m-%d %H:%M:%S %Z"),
            "load_start": loadavg(),
            "machine": dict(machine(tools), scratch=f"{shown(work)} ({filesystem(work)})"),
            "tools": tools,
        }
        log(f"machine: {results['machine']}")
        if not args.skip_query:
            settle(args.settle)
            log(f"query: {query_runs} runs ({rdflib_runs} for RDFLib), {args.warmup} warm-up runs each")
            results["query"] = query_bench(tools, work, query_runs, rdflib_runs, args.warmup)
        if not args.skip_build:
            results["build"] = []
            results["verified"] = not args.no_verify
            for n, runs in zip(sizes, build_runs):
                settle(args.settle)
                results["build"].append(build_bench(tools, work, n, runs, not args.no_verify))
        results["finished"] = time.strftime("%Y-%m-%d %H:%M:%S %Z")
        results["load_end"] = loadavg()
    except Failed as e:
        log(f"failed: {e}")
        return 1
    out = Path(args.json) if args.json else work / "results.json"
    out.write_text(json.dumps(results, indent=2) + "\n")
    log(f"raw figures in {out}")
    print(report(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
