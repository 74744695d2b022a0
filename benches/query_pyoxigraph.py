"""pyoxigraph comparator for the query benchmark: load a Turtle file into an in-memory
Store, run a SPARQL query, print the results as CSV (the header, then one line per row).

    python3 benches/query_pyoxigraph.py kg.ttl queries/cq01-diplomatic-relations.rq

Kept minimal on purpose: it runs as a fresh process per timed run, so everything it
imports is part of what is measured, as it is for a user.
"""
import csv
import sys

from pyoxigraph import RdfFormat, Store

store = Store()
store.load(path=sys.argv[1], format=RdfFormat.TURTLE)
with open(sys.argv[2], encoding="utf-8") as f:
    solutions = store.query(f.read())
names = [v.value for v in solutions.variables]
out = csv.writer(sys.stdout, lineterminator="\n")
out.writerow(names)
for solution in solutions:
    out.writerow(["" if solution[n] is None else solution[n].value for n in names])
