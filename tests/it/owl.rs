//! OWL 2 DL as far as the graph itself can show it, without Java: every class and
//! property the graph uses is declared in the ontology as what it is (OWL tools read an
//! undeclared property as an annotation, which reasoners ignore), no IRI is two kinds of
//! property, and every statement gives its parts in properties OWL tools keep. The OWL
//! API's profile check and the reasoners run in CI (tests/owl/run.sh).

use crate::{csv_rows, nea};

const PREFIXES: &str = "PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX nea: <https://w3id.org/nea-kg/ontology#>
";

const ONTOLOGY: &str = "<https://w3id.org/nea-kg/graph/ontology>";

/// The first column of a query's rows.
fn column(query: &str, variable: &str) -> Vec<String> {
    let out = nea(&["query", &format!("{PREFIXES}{query}"), "--format", "csv"]).ok();
    csv_rows(&out, &[variable])
        .into_iter()
        .map(|r| r[0].clone())
        .collect()
}

/// The IRIs of RDF, RDFS, OWL and XSD are OWL 2's own (built in, or reserved).
const BUILT_IN: &str =
    "FILTER(!STRSTARTS(STR(?term), STR(rdf:)) && !STRSTARTS(STR(?term), STR(rdfs:))
      && !STRSTARTS(STR(?term), STR(owl:))
      && !STRSTARTS(STR(?term), \"http://www.w3.org/2001/XMLSchema#\"))";

#[test]
fn every_property_the_graph_uses_is_declared_in_the_ontology() {
    let undeclared = column(
        &format!(
            "SELECT DISTINCT ?term WHERE {{
               GRAPH ?g {{ ?s ?term ?o }}
               {BUILT_IN}
               FILTER NOT EXISTS {{ GRAPH {ONTOLOGY} {{
                 ?term a ?kind VALUES ?kind {{ owl:ObjectProperty owl:DatatypeProperty owl:AnnotationProperty }}
               }} }}
             }} ORDER BY ?term"
        ),
        "term",
    );
    assert_eq!(undeclared, Vec::<String>::new());
}

#[test]
fn every_class_the_graph_uses_is_declared_in_the_ontology() {
    let undeclared = column(
        &format!(
            "SELECT DISTINCT ?term WHERE {{
               GRAPH ?g {{ ?s a ?term }}
               {BUILT_IN}
               FILTER NOT EXISTS {{ GRAPH {ONTOLOGY} {{ ?term a owl:Class }} }}
             }} ORDER BY ?term"
        ),
        "term",
    );
    assert_eq!(undeclared, Vec::<String>::new());
}

#[test]
fn no_iri_is_two_kinds_of_property_nor_a_data_property_under_an_annotation() {
    let punned = column(
        &format!(
            "SELECT DISTINCT ?term WHERE {{ GRAPH {ONTOLOGY} {{
               {{ ?term a owl:ObjectProperty , owl:DatatypeProperty }}
               UNION {{ ?term a owl:ObjectProperty , owl:AnnotationProperty }}
               UNION {{ ?term a owl:DatatypeProperty , owl:AnnotationProperty }}
               UNION {{ ?term a owl:DatatypeProperty ; rdfs:subPropertyOf rdfs:comment }}
               UNION {{ ?c rdfs:subClassOf ?term FILTER(STRSTARTS(STR(?term), STR(rdf:))) }}
             }} }} ORDER BY ?term"
        ),
        "term",
    );
    assert_eq!(punned, Vec::<String>::new());
}

#[test]
fn every_statement_gives_its_parts_in_properties_owl_tools_keep() {
    let statements = column(
        "SELECT (COUNT(DISTINCT ?st) AS ?n) WHERE { GRAPH ?g { ?st a rdf:Statement } }",
        "n",
    );
    assert_eq!(statements, ["48"]);
    // The same subject, predicate and object in both vocabularies: an IRI object by
    // nea:object, a literal one by nea:objectValue.
    let mismatched = column(
        "SELECT ?st WHERE { GRAPH ?g {
           ?st a rdf:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
           FILTER(NOT EXISTS { ?st nea:subject ?s ; nea:predicate ?p }
             || NOT EXISTS { ?st nea:object|nea:objectValue ?o })
         } } ORDER BY ?st",
        "st",
    );
    assert_eq!(mismatched, Vec::<String>::new());
    let literal_objects = column(
        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?st nea:objectValue ?o FILTER(isLITERAL(?o)) } }",
        "n",
    );
    let iri_objects = column(
        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?st nea:object ?o FILTER(isIRI(?o)) } }",
        "n",
    );
    assert_eq!(
        (literal_objects[0].as_str(), iri_objects[0].as_str()),
        ("8", "40")
    );
}
