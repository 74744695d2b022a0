#!/usr/bin/env python3
"""The W3C SHACL Core test suite (data-shapes' sht tests, in the copy pyshacl's source
distribution ships) run against `nea-kg validate`. Each test file is both the data and
the shapes graph; it is read with rdflib (its relative IRIs against its own W3C IRI) and
written as N-Triples, which nea-kg validates with itself as --shapes, writing a SHACL
report (--format ttl). A test passes when the report's sh:conforms and its results
(focus node, path, value, source shape, constraint component, severity) are the
expected ones; a shapes file using what nea-kg does not support is refused (exit 2),
counted apart, never passed.

Usage: w3c.py NEA_KG_BINARY SUITE_DIR [--min-passed N] [--min-passed-used N] [--allow-failures]
SUITE_DIR is pyshacl's test/resources/sht_tests/core. Prints a line per test, the
counts for all of SHACL Core and for the components ontology/shapes.ttl uses, and
closes with "w3c: N passed, M failed" (refused tests are not failures; they are what
nea-kg says it does not support). --min-passed and --min-passed-used fail the run when
fewer pass: a regression; with --allow-failures, the known failures (docs/validation.md)
do not fail it.
"""
import argparse
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

import rdflib

# The tests' literals as written: rdflib would otherwise rewrite lexical forms ("1" as a
# boolean to "true"), and the tests are about those forms.
rdflib.NORMALIZE_LITERALS = False

SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")
MF = rdflib.Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
SHT = rdflib.Namespace("http://www.w3.org/ns/shacl-test#")
BASE = "http://datashapes.org/sh/tests/core/"
HANG_GUARD = 120
# The constraint components ontology/shapes.ttl uses, by the tests' file names.
USED = {
    "minCount", "maxCount", "datatype", "class", "nodeKind", "pattern", "in", "languageIn",
    "minInclusive", "minLength", "lessThan", "or", "node", "qualifiedValueShape",
    "qualifiedMinCountDisjoint", "qualifiedValueShapesDisjoint", "targetClass",
    "targetSubjectsOf", "targetObjectsOf", "targetNode",
}

parser = argparse.ArgumentParser()
parser.add_argument("nea_kg")
parser.add_argument("suite")
parser.add_argument("--min-passed", type=int, default=0)
parser.add_argument("--min-passed-used", type=int, default=0)
parser.add_argument("--allow-failures", action="store_true", help="fail only below the floors, not on the known failures")
args = parser.parse_args()


def results(graph, report):
    out = Counter()
    for r in graph.objects(report, SH.result):
        def one(p):
            v = graph.value(r, p)
            if v is None:
                return ""
            if isinstance(v, rdflib.BNode):
                # a blank node (a shape or a path) is compared by its own triples' shape
                return "_:"
            return v.n3()
        out[tuple(one(p) for p in [SH.focusNode, SH.resultPath, SH.value, SH.sourceShape, SH.sourceConstraintComponent, SH.resultSeverity])] += 1
    return out


counts = Counter()
suite = Path(args.suite)
with tempfile.TemporaryDirectory() as tmp:
    for test in sorted(suite.rglob("*.ttl")):
        if test.name == "manifest.ttl":
            continue
        rel = test.relative_to(suite).as_posix()
        name = test.stem
        component = name.rsplit("-", 1)[0]
        used = component in USED
        g = rdflib.Graph()
        g.parse(test, format="turtle", publicID=BASE + rel)
        report = next(iter(g.objects(None, MF.result)), None)
        if report is None or g.value(report, SH.conforms) is None:
            counts["skipped"] += 1
            continue
        expected_conforms = g.value(report, SH.conforms).toPython()
        expected = results(g, report)
        # The data and shapes graphs: the test file itself, or the files it names.
        action = next(iter(g.objects(None, MF.action)), None)
        files = []
        for role, out in [(SHT.dataGraph, "data.nt"), (SHT.shapesGraph, "shapes.nt")]:
            iri = str(g.value(action, role)) if action is not None and g.value(action, role) is not None else BASE + rel
            source = suite / iri[len(BASE):] if iri.startswith(BASE) else test
            graph = g if source == test else rdflib.Graph().parse(source, format="turtle", publicID=iri)
            path = Path(tmp) / out
            path.write_text(graph.serialize(format="nt"), encoding="utf-8")
            files.append(str(path))
        run = subprocess.run(
            [args.nea_kg, "validate", "--data", files[0], "--shapes", files[1], "--format", "ttl"],
            capture_output=True, text=True, timeout=HANG_GUARD,
        )
        if run.returncode == 2:
            counts["refused"] += 1
            counts["refused used" if used else "refused other"] += 1
            why = run.stderr.strip().splitlines()[0] if run.stderr.strip() else ""
            print(f"refused {rel}: {why}")
            continue
        try:
            ours = rdflib.Graph().parse(data=run.stdout, format="turtle")
        except Exception as e:  # a report that is not Turtle fails the test
            counts["failed"] += 1
            counts["failed used" if used else "failed other"] += 1
            print(f"FAILED  {rel}: the report is not Turtle: {e}")
            continue
        ours_report = next(iter(ours.subjects(rdflib.RDF.type, SH.ValidationReport)), None)
        ours_conforms = ours.value(ours_report, SH.conforms).toPython() if ours_report else None
        got = results(ours, ours_report) if ours_report is not None else Counter()
        exit_ok = run.returncode == (0 if ours_conforms else 1)
        if ours_conforms == expected_conforms and got == expected and exit_ok:
            counts["passed"] += 1
            counts["passed used" if used else "passed other"] += 1
            print(f"ok      {rel}")
        else:
            counts["failed"] += 1
            counts["failed used" if used else "failed other"] += 1
            print(f"FAILED  {rel}: conforms {ours_conforms} (expected {expected_conforms})")
            for r in sorted((expected - got).elements()):
                print(f"          missing {r}")
            for r in sorted((got - expected).elements()):
                print(f"          extra   {r}")

total = counts["passed"] + counts["failed"] + counts["refused"]
used_total = counts["passed used"] + counts["failed used"] + counts["refused used"]
print(f"SHACL Core: {total} tests: {counts['passed']} passed, {counts['failed']} failed, {counts['refused']} refused (unsupported)")
print(f"components shapes.ttl uses: {used_total} tests: {counts['passed used']} passed, {counts['failed used']} failed, {counts['refused used']} refused")
regressed = counts["passed"] < args.min_passed or counts["passed used"] < args.min_passed_used
if regressed:
    print(f"fewer tests pass than the floor: {counts['passed']} < {args.min_passed} or {counts['passed used']} < {args.min_passed_used}")
print(f"w3c: {counts['passed']} passed, {counts['failed']} failed")
sys.exit(1 if regressed or (counts["failed"] and not args.allow_failures) else 0)
