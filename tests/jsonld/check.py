#!/usr/bin/env python3
"""jsonld.js, pyld and rdflib read nea-kg's compact JSON-LD as the same triples and
quads as its N-Quads export: `export --format jsonld` (the union of the graphs) as the
N-Quads' triples, `export --format jsonld-dataset` as its quads, for the embedded graph
and for the examples/corpus corpus. The SHACL report in JSON-LD (`validate --format
jsonld`) is read the same way against its Turtle.

Usage: check.py NEA_KG_BINARY  (run from the repository; jsonld.js from tests/jsonld's
`npm ci`). Prints a line per check and closes with "jsonld: N passed, M failed".
"""
import subprocess
import sys
import tempfile
from pathlib import Path

import rdflib
from pyld import jsonld

nea_kg = sys.argv[1]
HERE = Path(__file__).parent
# A run takes seconds: past this it is taken for hung, and the check fails.
HANG_GUARD = 300


def run(*args):
    return subprocess.run([nea_kg, *args], check=True, capture_output=True, timeout=HANG_GUARD).stdout


def key(term):
    """A term as N-Quads writes it, language tags lower-cased (JSON-LD readers differ on case)."""
    if isinstance(term, rdflib.Literal) and term.language:
        return rdflib.Literal(str(term), lang=term.language.lower()).n3()
    return term.n3()


def quads_of_nquads(text, dataset):
    ds = rdflib.Dataset()
    ds.parse(data=text, format="nquads")
    out = set()
    for s, p, o, g in ds.quads():
        graph = "" if (g is None or g == rdflib.graph.DATASET_DEFAULT_GRAPH_ID) else key(g)
        out.add((key(s), key(p), key(o), graph if dataset else ""))
    return out


def with_rdflib(path, dataset):
    if dataset:
        ds = rdflib.Dataset()
        ds.parse(path, format="json-ld")
        return {
            (key(s), key(p), key(o), "" if (g is None or g == rdflib.graph.DATASET_DEFAULT_GRAPH_ID) else key(g))
            for s, p, o, g in ds.quads()
        }
    g = rdflib.Graph()
    g.parse(path, format="json-ld")
    return {(key(s), key(p), key(o), "") for s, p, o in g}


def with_pyld(path, dataset):
    import json

    doc = json.loads(Path(path).read_text(encoding="utf-8"))
    text = jsonld.to_rdf(doc, {"format": "application/n-quads"})
    return quads_of_nquads(text, dataset)


def with_jsonld_js(path, dataset):
    text = subprocess.run(
        ["node", str(HERE / "to-nquads.mjs"), str(path)], check=True, capture_output=True, text=True, timeout=HANG_GUARD
    ).stdout
    return quads_of_nquads(text, dataset)


READERS = [("jsonld.js", with_jsonld_js), ("pyld", with_pyld), ("rdflib", with_rdflib)]

passed = failed = 0


def check(name, expected, path, dataset):
    global passed, failed
    for reader, read in READERS:
        try:
            got = read(path, dataset)
        except Exception as e:  # a reader that fails is a failed check, with its reason
            failed += 1
            print(f"FAILED  {name}, {reader}: {e}")
            continue
        if got == expected:
            passed += 1
            print(f"ok      {name}, {reader}: {len(got)} {'quads' if dataset else 'triples'}, as in N-Quads")
        else:
            failed += 1
            print(f"FAILED  {name}, {reader}: {len(got)} read, {len(expected)} in N-Quads")
            for q in sorted(expected - got)[:5]:
                print(f"          missing {q}")
            for q in sorted(got - expected)[:5]:
                print(f"          extra   {q}")


with tempfile.TemporaryDirectory() as tmp:
    for label, extra in [("embedded", []), ("examples/corpus", ["--corpus", "examples/corpus"])]:
        nq = run("export", "--format", "nq", *extra).decode("utf-8")
        for fmt, dataset in [("jsonld", False), ("jsonld-dataset", True)]:
            path = Path(tmp) / f"{fmt}.jsonld"
            path.write_bytes(run("export", "--format", fmt, *extra))
            again = run("export", "--format", fmt, *extra)
            if again != path.read_bytes():
                failed += 1
                print(f"FAILED  {label} {fmt}: two runs gave different bytes")
            check(f"{label} {fmt}", quads_of_nquads(nq, dataset), path, dataset)
    # A SHACL report as JSON-LD: the same triples as the Turtle report.
    broken = Path(tmp) / "broken.nt"
    nt = run("export", "--format", "nt").decode("utf-8")
    broken.write_text(nt.replace('"1965"^^<http://www.w3.org/2001/XMLSchema#gYear>', '"1965"'), encoding="utf-8")
    reports = {}
    for fmt in ["ttl", "jsonld"]:
        r = subprocess.run([nea_kg, "validate", "--data", str(broken), "--format", fmt], capture_output=True, timeout=HANG_GUARD)
        reports[fmt] = r.stdout
    path = Path(tmp) / "report.jsonld"
    path.write_bytes(reports["jsonld"])
    g = rdflib.Graph().parse(data=reports["ttl"].decode("utf-8"), format="turtle")
    check("validation report", {(key(s), key(p), key(o), "") for s, p, o in g}, path, False)

print(f"jsonld: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
