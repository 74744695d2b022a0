#!/usr/bin/env python3
"""The dataset description conforms to the DCAT-AP 3 shapes of shapes.ttl (beside this
file), checked by pyshacl: the embedded default's, the corpus's (examples/corpus), and
the one `nea-kg serve` gives (with its dcat:DataService). No sh:Violation is allowed;
warnings (recommended properties nea-kg cannot know, such as a contact point) are
counted and listed. The shapes are checked to bite: a copy of the description without a
distribution's dcat:accessURL, or a service without its endpoint, must violate them.

Usage: validate.py NEA_KG_BINARY
Prints a line per check and closes with "dcat: N passed, M failed".
"""
import subprocess
import sys
import urllib.parse
import urllib.request
from pathlib import Path

import pyshacl
import rdflib

nea_kg = sys.argv[1]
here = Path(__file__).resolve().parent
shapes = rdflib.Graph().parse(here / "shapes.ttl", format="turtle")
SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")
DCAT = rdflib.Namespace("http://www.w3.org/ns/dcat#")
METADATA = "https://w3id.org/nea-kg/graph/metadata"
# A run of nea-kg takes seconds: past this it is taken for hung, killed, and the check fails.
HANG_GUARD = 300
passed = failed = 0


def check(name, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
        print(f"ok    {name}")
    else:
        failed += 1
        print(f"FAIL  {name}: {detail}")


def results(nt):
    """pyshacl's results of the shapes on this N-Triples: (violations, warnings) as
    (focus, path, message) triples."""
    data = rdflib.Graph().parse(data=nt, format="nt")
    _, report, _ = pyshacl.validate(data, shacl_graph=shapes, inference="none", allow_warnings=True)
    found = {SH.Violation: [], SH.Warning: []}
    for r in report.subjects(SH.resultSeverity, None):
        severity = report.value(r, SH.resultSeverity)
        found.setdefault(severity, []).append(
            (str(report.value(r, SH.focusNode)), str(report.value(r, SH.resultPath)), str(report.value(r, SH.resultMessage)))
        )
    return data, sorted(found[SH.Violation]), sorted(found[SH.Warning])


def conforms(name, nt, classes):
    data, violations, warnings = results(nt)
    for c in classes:
        n = len(set(data.subjects(rdflib.RDF.type, DCAT[c])))
        check(f"{name}: dcat:{c} described", n > 0, "none in the description")
    check(f"{name}: no violation", not violations, "\n      " + "\n      ".join(map(str, violations)))
    kinds = sorted({m for _, _, m in warnings})
    print(f"      {len(warnings)} warnings (recommended properties): " + "; ".join(kinds))
    return violations


def export(*args):
    return subprocess.run(
        [nea_kg, "export", "--graphs", "metadata", "--format", "nt", *args],
        check=True, capture_output=True, text=True, timeout=HANG_GUARD,
    ).stdout


def served():
    """The metadata graph as `nea-kg serve` gives it."""
    server = subprocess.Popen([nea_kg, "serve", "--bind", "127.0.0.1:0"], stderr=subprocess.PIPE, text=True)
    try:
        line = server.stderr.readline()
        url = line[line.index("http://"):].split()[0]
        target = url + "store?graph=" + urllib.parse.quote(METADATA, safe="")
        request = urllib.request.Request(target, headers={"Accept": "application/n-triples"})
        with urllib.request.urlopen(request, timeout=HANG_GUARD) as answer:
            return answer.read().decode()
    finally:
        server.terminate()
        server.wait(timeout=HANG_GUARD)


embedded = export()
conforms("embedded default", embedded, ["Dataset", "Distribution"])
corpus = str(here.parent.parent / "examples" / "corpus")
conforms("examples/corpus", export("--corpus", corpus), ["Dataset", "Distribution"])
served_nt = served()
conforms("nea-kg serve", served_nt, ["Dataset", "Distribution", "DataService"])

# The shapes bite: a distribution without its access URL, a service without its endpoint.
no_access = "".join(l + "\n" for l in embedded.splitlines() if "<http://www.w3.org/ns/dcat#accessURL>" not in l)
_, violations, _ = results(no_access)
check("shapes: a distribution without dcat:accessURL violates them", len(violations) == 6, violations)
no_endpoint = "".join(l + "\n" for l in served_nt.splitlines() if "<http://www.w3.org/ns/dcat#endpointURL>" not in l)
_, violations, _ = results(no_endpoint)
check("shapes: a data service without dcat:endpointURL violates them", len(violations) == 1, violations)
bad_media = embedded.replace("<https://www.iana.org/assignments/media-types/text/turtle>", "<https://example.org/turtle>")
_, violations, _ = results(bad_media)
check("shapes: a media type outside IANA's register violates them", len(violations) >= 1, violations)

print(f"dcat: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
