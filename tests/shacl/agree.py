#!/usr/bin/env python3
"""pyshacl and `nea-kg validate` agree: on the shipped graph, and on the copies of it
with one thing broken of broken-graphs.json (beside this file, and shared with
tests/it/validate.rs, which checks nea-kg's whole report of each), both say whether it
conforms and report the same (focus node, source shape) pairs: the case's own. Grounding
checks (quotes against the text) are nea-kg's own and are left out of the comparison.
Then nea-kg's SHACL report as RDF (`--format ttl`) is checked against pyshacl's report by
pyshacl's own comparison of validation reports (the one it runs the W3C tests with: the
same sh:conforms, as many sh:result, and the same focus node, value and path in each),
and its results carry the same (focus node, path, value, source shape, constraint
component, severity) as pyshacl's.

Usage: agree.py NEA_KG_BINARY SHAPES_TTL
Prints a line per case and closes with "shacl: N passed, M failed".
"""
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import logging

import pyshacl
import rdflib
from pyshacl.validator_conformance import compare_validation_reports

# The literals as written: rdflib would otherwise rewrite lexical forms, and the datatype
# cases are about those forms.
rdflib.NORMALIZE_LITERALS = False
GROUNDING = rdflib.URIRef("https://w3id.org/nea-kg/shapes#GroundingCheck")

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
        # The report as RDF, grounding results aside, against pyshacl's.
        rdf_run = subprocess.run([nea_kg, "validate", "--data", str(path), "--format", "ttl"], capture_output=True, text=True, timeout=HANG_GUARD)
        ours_graph = rdflib.Graph().parse(data=rdf_run.stdout, format="turtle")
        ours_node = next(iter(ours_graph.subjects(rdflib.RDF.type, SH.ValidationReport)))
        for r in list(ours_graph.subjects(SH.sourceShape, GROUNDING)):
            ours_graph.remove((ours_node, SH.result, r))
            ours_graph.remove((r, None, None))
        if not any(ours_graph.objects(ours_node, SH.result)):
            ours_graph.set((ours_node, SH.conforms, rdflib.Literal(True)))

        def full(g, node):
            return sorted(
                tuple(str(g.value(r, p)) for p in [SH.focusNode, SH.resultPath, SH.value, SH.sourceShape, SH.sourceConstraintComponent, SH.resultSeverity])
                for r in g.objects(node, SH.result)
            )

        theirs_node = next(iter(report.subjects(rdflib.RDF.type, SH.ValidationReport)))
        same_results = full(ours_graph, ours_node) == full(report, theirs_node)
        # pyshacl's comparison walks the reports as blank nodes, as the W3C tests write
        # them: nea-kg's report and result IRIs are read as blank nodes for it.
        as_bnodes = {n: rdflib.BNode() for n in set(ours_graph.subjects()) if str(n).startswith(("urn:nea-kg:report:", "urn:nea-kg:result:"))}
        compared = rdflib.Graph()
        # The same prefixes as pyshacl's report: its comparison keys paths by prefixed name.
        for prefix, ns in report.namespaces():
            compared.bind(prefix, ns, override=True, replace=True)
        for triple in ours_graph:
            compared.add(tuple(as_bnodes.get(t, t) for t in triple))
        accepted = compare_validation_reports(compared, report, theirs_node, logging.getLogger("agree"))
        if not (same_results and accepted):
            print(f"          the RDF report: pyshacl's comparison {'accepts' if accepted else 'rejects'} it; results {'the same' if same_results else 'differ'}")
            for row in sorted(set(full(ours_graph, ours_node)) ^ set(full(report, theirs_node))):
                print(f"            {row}")
        agree = agree and same_results and accepted
        if agree:
            passed += 1
            print(f"ok      {name}: conforms={conforms}, {len(ours)} result(s); the RDF report as pyshacl's")
        else:
            failed += 1
            print(f"FAILED  {name}: pyshacl conforms={conforms} {sorted(theirs)}; nea-kg {sorted(ours)} (exit {run.returncode}); the case's {sorted(expected)}")
print(f"shacl: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
