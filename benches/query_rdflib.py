"""RDFLib comparator for the query benchmark: load a Turtle file into a Graph, run a
SPARQL query, print the results as CSV (the header, then one line per row).

    python3 benches/query_rdflib.py kg.ttl queries/cq01-diplomatic-relations.rq

Kept minimal on purpose: it runs as a fresh process per timed run, so everything it
imports is part of what is measured, as it is for a user.
"""
import csv
import sys

import rdflib

graph = rdflib.Graph()
graph.parse(sys.argv[1], format="turtle")
with open(sys.argv[2], encoding="utf-8") as f:
    result = graph.query(f.read())
out = csv.writer(sys.stdout, lineterminator="\n")
out.writerow([str(v) for v in result.vars])
for row in result:
    out.writerow(["" if term is None else str(term) for term in row])
