#!/usr/bin/env python3
"""Writes ontology/context.jsonld, the JSON-LD context nea-kg ships and writes inline in
its compact JSON-LD, from the graphs it describes: run it after a change to the
ontology's properties and commit the result (the writer stays correct without it: a
property without a term, or a value its term's coercion does not fit, is written in
full under its compact IRI).

- a prefix for each vocabulary nea-kg uses (and `kg` for the entities; `sh` for
  validation reports);
- a term named by its local name for every nea: property, coerced to `@id` where
  every value is an IRI (or the ontology declares an owl:ObjectProperty), or to the one
  datatype all its values have;
- a term named by its compact IRI (`prov:wasDerivedFrom`) for another vocabulary's
  property whose values all are IRIs, or all of one datatype other than xsd:string.

Usage: make_context.py NEA_KG_BINARY  (from the repository: reads the embedded graph
and the examples/corpus corpus, and ontology/nea.ttl).
"""
import collections
import json
import subprocess
import sys

import rdflib

rdflib.NORMALIZE_LITERALS = False
nea_kg = sys.argv[1]
PREFIXES = {
    "dcat": "http://www.w3.org/ns/dcat#", "dcterms": "http://purl.org/dc/terms/",
    "kg": "https://w3id.org/nea-kg/id/", "nea": "https://w3id.org/nea-kg/ontology#",
    "oa": "http://www.w3.org/ns/oa#", "owl": "http://www.w3.org/2002/07/owl#",
    "prov": "http://www.w3.org/ns/prov#", "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#", "schema": "http://schema.org/",
    "sh": "http://www.w3.org/ns/shacl#", "skos": "http://www.w3.org/2004/02/skos/core#",
    "time": "http://www.w3.org/2006/time#", "vann": "http://purl.org/vocab/vann/",
    "void": "http://rdfs.org/ns/void#", "wd": "http://www.wikidata.org/entity/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def compact(iri):
    for prefix, ns in sorted(PREFIXES.items(), key=lambda kv: -len(kv[1])):
        local = iri[len(ns):]
        if iri.startswith(ns) and local and "/" not in local and "#" not in local:
            return f"{prefix}:{local}"
    return None


kinds = collections.defaultdict(set)
for extra in ([], ["--corpus", "examples/corpus"]):
    nq = subprocess.run([nea_kg, "export", "--format", "nq", *extra], check=True, capture_output=True, text=True).stdout
    ds = rdflib.Dataset()
    ds.parse(data=nq, format="nquads")
    for _, p, o, _ in ds.quads():
        if isinstance(o, rdflib.URIRef):
            kinds[p].add("@id")
        elif isinstance(o, rdflib.Literal):
            kinds[p].add("lang" if o.language else str(o.datatype or XSD_STRING))
        else:
            kinds[p].add("bnode")
ontology = rdflib.Graph().parse("ontology/nea.ttl", format="turtle")
for p in ontology.subjects(rdflib.RDF.type, rdflib.OWL.ObjectProperty):
    if not kinds[p]:
        kinds[p].add("@id")
for p in ontology.subjects(rdflib.RDF.type, rdflib.OWL.DatatypeProperty):
    kinds[p]  # a term even without values

context = dict(PREFIXES)
for p, seen in sorted(kinds.items()):
    name = compact(str(p))
    if name is None or p == rdflib.RDF.type:
        continue
    prefix, local = name.split(":", 1)
    term = {"@id": name}
    if seen == {"@id"}:
        term["@type"] = "@id"
    elif len(seen) == 1 and next(iter(seen)) not in ("lang", "bnode", XSD_STRING):
        datatype = compact(next(iter(seen)))
        if datatype:
            term["@type"] = datatype
    if prefix == "nea":
        context[local] = term
    elif "@type" in term:
        context[name] = term
# The validation report's links.
for local in ["result", "sourceShape", "sourceConstraintComponent", "resultSeverity", "resultPath"]:
    context[f"sh:{local}"] = {"@id": f"sh:{local}", "@type": "@id"}
context["sh:conforms"] = {"@id": "sh:conforms", "@type": "xsd:boolean"}

with open("ontology/context.jsonld", "w", encoding="utf-8") as f:
    json.dump({"@context": context}, f, indent=2, sort_keys=True, ensure_ascii=False)
    f.write("\n")
print(f"ontology/context.jsonld: {len(context)} entries")
