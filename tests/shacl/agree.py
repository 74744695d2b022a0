#!/usr/bin/env python3
"""pyshacl and `nea-kg validate` agree: on the shipped graph, and on copies of it with
one thing broken per shape, both say whether it conforms and report the same
(focus node, source shape) pairs. Grounding checks (quotes against the text) are
nea-kg's own and are left out of the comparison.

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
SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")

nt = subprocess.run([nea_kg, "export", "--format", "nt"], check=True, capture_output=True, text=True).stdout


def without(fragment):
    return lambda text: "".join(l + "\n" for l in text.splitlines() if fragment not in l)


def replace(old, new):
    return lambda text: text.replace(old, new)


CASES = {
    "shipped graph": lambda text: text,
    "missing English label": without("<https://w3id.org/nea-kg/id/tokyo> <http://www.w3.org/2000/01/rdf-schema#label>"),
    "date as a plain string": replace('"1965"^^<http://www.w3.org/2001/XMLSchema#gYear>', '"1965"'),
    "claim without stance": without("claim-anti-region> <https://w3id.org/nea-kg/ontology#stance>"),
    "link that is not Wikidata": replace("<http://www.wikidata.org/entity/Q148>", "<http://dbpedia.org/resource/China>"),
    "statement without evidence": without("fact/eu-headquarters> <http://www.w3.org/ns/prov#wasDerivedFrom>"),
    "statistic without unit": without("statistic/trilateral-gdp-share> <http://schema.org/unitText>"),
    "start after end": replace('#start> "113"^^', '#start> "300"^^'),
}

shapes = rdflib.Graph().parse(shapes_path, format="turtle")
passed = failed = 0
with tempfile.TemporaryDirectory() as tmp:
    for name, edit in CASES.items():
        text = edit(nt)
        path = Path(tmp) / "data.nt"
        path.write_text(text, encoding="utf-8")
        data = rdflib.Graph().parse(path, format="nt")
        conforms, report, _ = pyshacl.validate(data, shacl_graph=shapes, inference="none")
        theirs = {
            (str(report.value(r, SH.focusNode)), str(report.value(r, SH.sourceShape)))
            for r in report.subjects(rdflib.RDF.type, SH.ValidationResult)
        }
        run = subprocess.run([nea_kg, "validate", "--data", str(path), "--format", "json"], capture_output=True, text=True)
        ours_report = json.loads(run.stdout)
        ours = {
            (v["focus"].strip("<>"), v["shape"].strip("<>"))
            for v in ours_report["violations"]
            if v["shape"] != "grounding"
        }
        ours_conform = not ours
        expected_code = 0 if ours_report["conforms"] else 1
        agree = conforms == ours_conform and theirs == ours and run.returncode == expected_code
        if name != "shipped graph":
            agree = agree and len(ours) == 1
        if agree:
            passed += 1
            print(f"ok      {name}: conforms={conforms}, {len(ours)} result(s)")
        else:
            failed += 1
            print(f"FAILED  {name}: pyshacl conforms={conforms} {sorted(theirs)}; nea-kg {sorted(ours)} (exit {run.returncode})")
print(f"shacl: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
