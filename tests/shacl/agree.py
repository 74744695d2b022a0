#!/usr/bin/env python3
"""pyshacl and `nea-kg validate` agree: on the shipped graph, and on the copies of it
with one thing broken of broken-graphs.json (beside this file, and shared with
tests/it/validate.rs, which checks nea-kg's whole report of each), both say whether it
conforms and report the same (focus node, source shape) pairs: the case's own. Grounding
checks (quotes against the text) are nea-kg's own and are left out of the comparison.

Usage: agree.py NEA_KG_BINARY SHAPES_TTL
Prints a line per case and closes with "shacl: N passed, M failed".
"""
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import pyshacl
import rdflib

nea_kg, shapes_path = sys.argv[1], sys.argv[2]
# A run of nea-kg takes seconds: past this it is taken for hung, killed, and the check fails.
HANG_GUARD = 300
SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")

nt = subprocess.run([nea_kg, "export", "--format", "nt"], check=True, capture_output=True, text=True, timeout=HANG_GUARD).stdout


def edit_of(case):
    if "without" in case:
        fragment = case["without"]
        return lambda text: "".join(l + "\n" for l in text.splitlines() if fragment not in l)
    old, new = case["replace"]
    return lambda text: text.replace(old, new)


def shacl_results(case):
    return {
        (v["focus"].strip("<>"), v["shape"].strip("<>"))
        for v in case["violations"]
        if v["shape"] != "grounding"
    }


broken = json.loads((Path(__file__).parent / "broken-graphs.json").read_text(encoding="utf-8"))
CASES = [("shipped graph", lambda text: text, set())] + [
    (case["name"], edit_of(case), shacl_results(case)) for case in broken["cases"]
]

shapes = rdflib.Graph().parse(shapes_path, format="turtle")
passed = failed = 0
with tempfile.TemporaryDirectory() as tmp:
    for name, edit, expected in CASES:
        text = edit(nt)
        if name != "shipped graph" and text == nt:
            failed += 1
            print(f"FAILED  {name}: the edit changed nothing")
            continue
        path = Path(tmp) / "data.nt"
        path.write_text(text, encoding="utf-8")
        data = rdflib.Graph().parse(path, format="nt")
        conforms, report, _ = pyshacl.validate(data, shacl_graph=shapes, inference="none")
        theirs = {
            (str(report.value(r, SH.focusNode)), str(report.value(r, SH.sourceShape)))
            for r in report.subjects(rdflib.RDF.type, SH.ValidationResult)
        }
        run = subprocess.run([nea_kg, "validate", "--data", str(path), "--format", "json"], capture_output=True, text=True, timeout=HANG_GUARD)
        ours_report = json.loads(run.stdout)
        ours = {
            (v["focus"].strip("<>"), v["shape"].strip("<>"))
            for v in ours_report["violations"]
            if v["shape"] != "grounding"
        }
        ours_conform = not ours
        expected_code = 0 if ours_report["conforms"] else 1
        agree = conforms == ours_conform and theirs == ours and ours == expected and run.returncode == expected_code
        if agree:
            passed += 1
            print(f"ok      {name}: conforms={conforms}, {len(ours)} result(s)")
        else:
            failed += 1
            print(f"FAILED  {name}: pyshacl conforms={conforms} {sorted(theirs)}; nea-kg {sorted(ours)} (exit {run.returncode}); the case's {sorted(expected)}")
print(f"shacl: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
