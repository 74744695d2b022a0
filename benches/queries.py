#!/usr/bin/env python3
"""Every shipped query at several corpus sizes: nea-kg in memory (`query Q --corpus DIR`),
nea-kg on its store (`query Q --store DIR`, the rocksdb binary) and `oxigraph query` on a
store `oxigraph load` made of the same quads (then `oxigraph optimize`d), with the slope
of log time against log N between the two largest sizes. Prints a Markdown table on
stdout (progress on stderr) and writes the raw figures as JSON.

Run it through `benches/run.sh --queries`, which builds the binaries first; see
docs/performance.md. Each command is a fresh process, timed end to end (wall clock);
the three commands run interleaved, one of each per round; before timing, the three
answers of each query are checked to be the same rows. Every figure comes with the share
of the machine's CPU that other processes took meanwhile: a verdict is "met" or "missed"
only when that share is at most 10 %, "not judged" otherwise.
"""

from __future__ import annotations

import argparse
import json
import math
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench  # noqa: E402  (the harness's measuring and tool-finding functions)

ROOT = bench.ROOT
SLOPE_MAX = 1.15  # issue: slope of log time against log N at most 1.15 (N = 100 -> 1000)
QUIET_MAX = 0.10  # at most 10 % of the machine's CPU taken by other processes


def shipped() -> list[tuple[str, Path]]:
    """The shipped queries, as `nea-kg queries` names them, with their files."""
    out = []
    for f in sorted((ROOT / "queries").glob("*.rq")):
        stem = f.stem
        name = stem if not stem.startswith("cq") else stem[:4]
        out.append((name, f))
    return out


def rows(csv_text: str) -> list[str]:
    """An answer as its sorted lines (the header first): the same rows whatever the
    engine's order among equal sort keys."""
    lines = csv_text.replace("\r\n", "\n").rstrip("\n").split("\n")
    return lines[:1] + sorted(lines[1:])


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--sizes", default="100,1000")
    p.add_argument("--runs", default="5,3", help="timed runs per command, per size")
    p.add_argument("--work", default=str(ROOT / "target" / "bench-queries"))
    p.add_argument("--json", default=None)
    p.add_argument("--nea-kg", default=str(ROOT / "target" / "release" / "nea-kg"))
    p.add_argument("--nea-kg-rocksdb", default=str(ROOT / "target" / "rocksdb" / "release" / "nea-kg"))
    p.add_argument("--gen-corpus", default=str(ROOT / "target" / "release" / "examples" / "gen-corpus"))
    p.add_argument("--oxigraph", default=None)
    p.add_argument("--only", default=None, help="comma-separated query names")
    p.add_argument("--no-store", action="store_true", help="in memory and oxigraph only")
    args = p.parse_args()
    sizes = [int(n) for n in args.sizes.split(",")]
    runs = [int(r) for r in args.runs.split(",")]
    runs += [runs[-1]] * (len(sizes) - len(runs))
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    # The oxigraph binary itself, as bench.py finds it: pyenv's shim in PATH is a bash
    # script that adds tens of milliseconds to every run.
    scripts = Path(bench.sysconfig.get_path("scripts")) / "oxigraph"
    oxigraph = args.oxigraph or (str(scripts) if scripts.is_file() else bench.shutil.which("oxigraph"))
    if not oxigraph:
        raise bench.Failed("the oxigraph CLI is missing: pip install oxigraph (benches/run.sh does)")
    bench.log(f"oxigraph: {oxigraph}")
    queries = shipped()
    if args.only:
        keep = set(args.only.split(","))
        queries = [q for q in queries if q[0] in keep]
    results: dict = {"sizes": sizes, "queries": {}}
    for n, nruns in zip(sizes, runs):
        corpus, store, oxstore, nq = (work / f"corpus-{n}", work / f"store-{n}",
                                      work / f"oxigraph-{n}", work / f"corpus-{n}.nq")
        if not corpus.is_dir():
            bench.log(f"N = {n}: writing the corpus")
            bench.capture([args.gen_corpus, str(n), str(corpus)])
        if not args.no_store and not store.is_dir():
            bench.log(f"N = {n}: nea-kg build --store")
            bench.capture([args.nea_kg_rocksdb, "build", "--quiet", "--corpus", str(corpus), "--store", str(store)])
        if not oxstore.is_dir():
            bench.log(f"N = {n}: oxigraph load, optimize")
            bench.capture([args.nea_kg, "export", "--quiet", "--corpus", str(corpus), "-o", str(nq)])
            bench.capture([oxigraph, "load", "--location", str(oxstore), "--file", str(nq)])
            bench.capture([oxigraph, "optimize", "--location", str(oxstore)])
            nq.unlink()
        for name, file in queries:
            cmds = {
                "memory": [args.nea_kg, "query", name, "--corpus", str(corpus), "--format", "csv"],
                "oxigraph": [oxigraph, "query", "--location", str(oxstore), "--query-file", str(file),
                             "--union-default-graph", "--results-format", "csv"],
            }
            if not args.no_store:
                cmds["store"] = [args.nea_kg_rocksdb, "query", name, "--store", str(store), "--format", "csv"]
            answers = {k: rows(bench.capture(c)) for k, c in cmds.items()}
            first = answers["memory"]
            for k, a in answers.items():
                if a != first:
                    raise bench.Failed(f"{name} at N = {n}: {k} answers {len(a) - 1} rows, memory {len(first) - 1}")
            timed: dict[str, list[dict]] = {k: [] for k in cmds}
            for _ in range(nruns):
                for k, c in cmds.items():
                    timed[k].append(bench.measure(c, peak_memory=False))
            entry = results["queries"].setdefault(name, {})
            entry[str(n)] = {
                k: {"median": statistics.median(r["seconds"] for r in rs),
                    "runs": [r["seconds"] for r in rs],
                    "disturbance": bench.disturbance(rs)}
                for k, rs in timed.items()
            }
            entry[str(n)]["rows"] = len(first) - 1
            shown = ", ".join(f"{k} {v['median'] * 1000:.0f} ms" for k, v in entry[str(n)].items() if k != "rows")
            bench.log(f"N = {n} {name}: {shown}")
    out = Path(args.json) if args.json else work / "results.json"
    out.write_text(json.dumps(results, indent=1))
    print(report(results, args.no_store))
    return 0


def report(results: dict, no_store: bool) -> str:
    sizes = results["sizes"]
    a, b = str(sizes[-2]), str(sizes[-1])
    modes = ["memory"] + ([] if no_store else ["store"]) + ["oxigraph"]
    head = ["query", "rows"]
    for m in modes:
        head += [f"{m} N={a}", f"{m} N={b}", f"{m} slope"]
    head += ["verdict"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    worst = 0.0
    for name, entry in results["queries"].items():
        cells = [name, f"{entry[a]['rows']} / {entry[b]['rows']}"]
        ok, judged = True, True
        for m in modes:
            t1, t2 = entry[a][m]["median"], entry[b][m]["median"]
            slope = math.log(t2 / t1) / math.log(int(b) / int(a))
            cells += [ms(t1), ms(t2), f"{slope:.2f}"]
            worst = max(worst, entry[a][m]["disturbance"], entry[b][m]["disturbance"])
            if m != "oxigraph":
                ok = ok and slope <= SLOPE_MAX
                judged = judged and max(entry[a][m]["disturbance"], entry[b][m]["disturbance"]) <= QUIET_MAX
        cells.append(("met" if ok else "**missed**") if judged else "not judged")
        lines.append("| " + " | ".join(cells) + " |")
    lines.append("")
    lines.append(f"Slopes are d log(time) / d log(N) between N = {a} and {b}; the target is at most "
                 f"{SLOPE_MAX} for nea-kg's columns. Other processes took at most {worst:.0%} of the CPU.")
    return "\n".join(lines)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms" if seconds >= 0.1 else f"{seconds * 1000:.1f} ms"


if __name__ == "__main__":
    try:
        sys.exit(main())
    except bench.Failed as e:
        bench.log(str(e))
        sys.exit(1)
