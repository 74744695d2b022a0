#!/usr/bin/env python3
"""Helpers for tests/interop/run.sh.

  compare.py rdflib FORMAT FILE COUNT REFERENCE.nq
      Parse FILE with rdflib (FORMAT: ttl, nt, nq, trig, rdf, jsonld, jsonld-dataset) and fail unless it
      holds COUNT triples (quads for nq, trig, jsonld-dataset), the same statements as the N-Quads
      REFERENCE (graph names ignored for the triple formats).
  compare.py results EXPECTED.json ACTUAL.json
      Compare two SPARQL JSON results: same variables, same rows in the same order.
      Values compare as strings; literals also by datatype (no datatype = xsd:string,
      typed-literal = literal) with numbers compared canonically, language tags
      case-insensitively. Prints the row count, or the first difference.
  compare.py rows FILE.json
      Print the rows of a SPARQL JSON result, one a line, values separated by tabs.
  compare.py dataset DATA.nq QUERY.rq EXPECTED.csv
      Run QUERY (with FROM / FROM NAMED) in rdflib over the N-Quads file loaded as a
      Dataset, and compare its rows with nea-kg's CSV answer: the same variables, the
      same rows as a multiset (values as strings). rdflib builds the dataset of a
      FROM clause from the graphs it holds (it would fetch a graph it lacks from the web:
      that is turned off). Prints the row count, or the first difference.

Exit status 0 when the check holds, 1 otherwise (with the reason on stdout).
"""

import json
import sys
from decimal import Decimal, InvalidOperation

XSD = "http://www.w3.org/2001/XMLSchema#"
INTEGER_TYPES = {
    XSD + t
    for t in (
        "integer", "int", "long", "short", "byte", "nonNegativeInteger",
        "nonPositiveInteger", "negativeInteger", "positiveInteger", "unsignedLong",
        "unsignedInt", "unsignedShort", "unsignedByte",
    )
}
FLOAT_TYPES = {XSD + "double", XSD + "float"}


def rdflib_check(fmt, path, count, reference):
    import rdflib

    rdflib.NORMALIZE_LITERALS = False
    syntax = {"ttl": "turtle", "nt": "nt", "nq": "nquads", "trig": "trig",
              "rdf": "xml", "jsonld": "json-ld", "jsonld-dataset": "json-ld"}[fmt]
    quads = fmt in ("nq", "trig", "jsonld-dataset")

    def statements(file, syntax, quads):
        if quads:
            ds = rdflib.Dataset()
            ds.parse(file, format=syntax)
            return [(s, p, o, g) for s, p, o, g in ds.quads((None, None, None, None))]
        g = rdflib.Graph()
        g.parse(file, format=syntax)
        return list(g)

    got = statements(path, syntax, quads)
    ref = statements(reference, "nquads", True)
    if not quads:
        ref = [(s, p, o) for s, p, o, _ in ref]
    got_set, ref_set = set(got), set(ref)
    if len(got) != int(count):
        return False, f"{len(got)} statements, expected {count}"
    if got_set != ref_set:
        missing = sorted(ref_set - got_set)
        extra = sorted(got_set - ref_set)
        first = missing[:1] or extra[:1]
        return False, (f"{len(missing)} missing, {len(extra)} extra vs N-Quads, "
                       f"first: {' '.join(t.n3() for t in first[0] if t is not None)}")
    return True, f"{len(got)} {'quads' if quads else 'triples'}, the same as in the N-Quads export"


def canonical(term):
    """A comparable form of one SPARQL JSON term."""
    if term is None:
        return None
    kind = term.get("type")
    value = term.get("value")
    if kind in ("uri", "bnode"):
        return (kind, value if kind == "uri" else "_")
    lang = term.get("xml:lang")
    if lang:
        return ("literal", value, "@" + lang.lower())
    datatype = term.get("datatype", XSD + "string")
    if datatype in INTEGER_TYPES:
        try:
            value = str(int(value))
        except ValueError:
            pass
    elif datatype == XSD + "decimal":
        try:
            value = str(Decimal(value).normalize())
        except InvalidOperation:
            pass
    elif datatype in FLOAT_TYPES:
        try:
            value = repr(float(value))
        except ValueError:
            pass
    elif datatype == XSD + "boolean":
        value = {"1": "true", "0": "false"}.get(value, value)
    return ("literal", value, datatype)


def show(term):
    if term is None:
        return "(unbound)"
    if term[0] == "uri":
        return f"<{term[1]}>"
    if term[0] == "bnode":
        return "_:b"
    return f'"{term[1]}"' + (term[2] if term[2].startswith("@") else f"^^<{term[2]}>")


def load_results(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        raise SystemExit(f"{path}: not SPARQL JSON: {text[:200]!r}") from None
    return data["head"]["vars"], data["results"]["bindings"]


def results_check(expected_path, actual_path):
    evars, erows = load_results(expected_path)
    avars, arows = load_results(actual_path)
    if evars != avars:
        return False, f"variables {avars}, expected {evars}"
    if len(erows) != len(arows):
        return False, f"{len(arows)} rows, expected {len(erows)}"
    for i, (erow, arow) in enumerate(zip(erows, arows), 1):
        for var in evars:
            e, a = canonical(erow.get(var)), canonical(arow.get(var))
            if e != a:
                return False, f"row {i} ?{var}: {show(a)}, expected {show(e)}"
    return True, f"{len(erows)} rows"


def rows(path):
    variables, bindings = load_results(path)
    for row in bindings:
        print("\t".join(row.get(v, {}).get("value", "") for v in variables))
    return True, None


def dataset_check(data, query_path, expected_csv):
    import csv

    import rdflib
    import rdflib.plugins.sparql

    rdflib.NORMALIZE_LITERALS = False
    rdflib.plugins.sparql.SPARQL_LOAD_GRAPHS = False
    ds = rdflib.Dataset()
    ds.parse(data, format="nquads")
    with open(query_path, encoding="utf-8") as f:
        result = ds.query(f.read())
    variables = [str(v) for v in result.vars]
    got = sorted(tuple("" if v is None else str(v) for v in row) for row in result)
    with open(expected_csv, encoding="utf-8", newline="") as f:
        table = list(csv.reader(f))
    header, expected = table[0], sorted(tuple(r) for r in table[1:])
    if header != variables:
        return False, f"rdflib's variables {variables}, nea-kg's {header}"
    if got != expected:
        from collections import Counter

        more = sorted((Counter(expected) - Counter(got)).items())[:1]
        fewer = sorted((Counter(got) - Counter(expected)).items())[:1]
        return False, (f"rdflib {len(got)} rows, nea-kg {len(expected)}; "
                       f"rows nea-kg gives more often (times more): {more}, "
                       f"rows rdflib gives more often: {fewer}")
    return True, f"{len(got)} rows: " + "; ".join(",".join(r) for r in got[:3])[:200]


def main(argv):
    command, args = argv[1], argv[2:]
    if command == "rdflib":
        ok, message = rdflib_check(*args)
    elif command == "results":
        ok, message = results_check(*args)
    elif command == "rows":
        ok, message = rows(*args)
    elif command == "dataset":
        ok, message = dataset_check(*args)
    else:
        raise SystemExit(f"unknown command {command}")
    if message:
        print(message)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
