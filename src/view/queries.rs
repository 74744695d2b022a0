//! Every SPARQL query the pages (and `describe`'s card) ask, in one place, written
//! against the ontology's terms only: evidence is what a resource is
//! `prov:wasDerivedFrom`, its place the `oa:TextPositionSelector` among its
//! `oa:hasSelector`s, its article the `oa:hasSource`; the kind of a resource comes from
//! its `rdf:type` (through `rdfs:subClassOf*`), never from the shape of its IRI. When
//! the graph's model changes, this file is what changes.
//!
//! IRIs are spliced in as `<…>`: every one comes from the store or was checked as an
//! IRI (`NamedNode::new`), and an IRI cannot hold `>`, `"`, `{`, `}` or a space, so it
//! cannot change a query's shape. All queries run over the union of the graphs
//! (`sparql::select`).

/// The kinds of resource that evidence can support, in the order that decides the kind
/// of a resource with several types (a claim is a claim even if it is a fact too), with
/// the class that makes a resource of that kind.
pub const KINDS: [(&str, &str); 5] = [
    ("mention", "nea:Mention"),
    ("claim", "schema:Claim"),
    ("statistic", "nea:Statistic"),
    ("event", "nea:Event"),
    ("fact", "nea:Fact"),
];

fn kind_values() -> String {
    KINDS
        .iter()
        .map(|(kind, class)| format!("({class} \"{kind}\")"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The articles (what evidence has as its source): IRI, headline, and the text that
/// evidence offsets count in.
pub fn articles() -> String {
    "SELECT ?article ?headline ?text WHERE {
       ?article schema:text ?text . FILTER EXISTS { ?evidence oa:hasSource ?article }
       OPTIONAL { ?article schema:headline ?headline }
     } ORDER BY ?article"
        .to_owned()
}

/// An article's own description for its header: every property, with the English label
/// of an object that is a resource.
pub fn article_header(article: &str) -> String {
    format!(
        "SELECT ?p ?o ?label WHERE {{
           <{article}> ?p ?o FILTER(?p != schema:text)
           OPTIONAL {{ ?o rdfs:label ?label FILTER(LANG(?label) = \"\" || LANGMATCHES(LANG(?label), \"en\")) }}
         }}"
    )
}

/// Every evidence span of an article: the resource it supports, its offsets and the
/// quoted words.
pub fn spans(article: &str) -> String {
    format!(
        "SELECT ?x ?start ?end ?exact WHERE {{
           ?ev oa:hasSource <{article}> ; oa:hasSelector ?position .
           ?position a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end .
           ?x prov:wasDerivedFrom ?ev .
           OPTIONAL {{ ?ev oa:hasSelector ?quote . ?quote a oa:TextQuoteSelector ; oa:exact ?exact }}
         }}"
    )
}

/// The kinds of the resources that an article's evidence supports (a row per kind).
pub fn span_kinds(article: &str) -> String {
    format!(
        "SELECT DISTINCT ?x ?kind WHERE {{
           ?ev oa:hasSource <{article}> . ?x prov:wasDerivedFrom ?ev ; a ?type .
           ?type rdfs:subClassOf* ?class .
           VALUES (?class ?kind) {{ {} }}
         }}",
        kind_values()
    )
}

/// What the resources supported by an article's evidence say, for the note shown over
/// each span: their label; for a mention, what it names; for a claim, its text, who
/// makes it and the author's stance; for a statistic, its value and unit.
pub fn span_details(article: &str) -> String {
    format!(
        "SELECT ?x ?label ?of ?ofLabel ?text ?voice ?voiceLabel ?stance ?stanceLabel ?value ?unit ?approximate WHERE {{
           {{ SELECT DISTINCT ?x WHERE {{ ?ev oa:hasSource <{article}> . ?x prov:wasDerivedFrom ?ev }} }}
           OPTIONAL {{ ?x rdfs:label ?label FILTER(LANG(?label) = \"\" || LANGMATCHES(LANG(?label), \"en\")) }}
           OPTIONAL {{ ?x nea:mentionOf ?of OPTIONAL {{ ?of rdfs:label ?ofLabel FILTER(LANGMATCHES(LANG(?ofLabel), \"en\")) }} }}
           OPTIONAL {{ ?x schema:text ?text }}
           OPTIONAL {{ ?x nea:voice ?voice OPTIONAL {{ ?voice rdfs:label ?voiceLabel }} }}
           OPTIONAL {{ ?x nea:stance ?stance OPTIONAL {{ ?stance rdfs:label ?stanceLabel }} }}
           OPTIONAL {{ ?x schema:value ?value }}
           OPTIONAL {{ ?x schema:unitText ?unit }}
           OPTIONAL {{ ?x nea:approximate ?approximate }}
         }}"
    )
}

/// The kinds of one resource (a row per kind).
pub fn kinds_of(x: &str) -> String {
    format!(
        "SELECT DISTINCT ?kind WHERE {{
           <{x}> a ?type . ?type rdfs:subClassOf* ?class .
           VALUES (?class ?kind) {{ {} }}
         }}",
        kind_values()
    )
}

/// Whether a resource is an entity (its class is under `nea:Entity`).
pub fn is_entity(x: &str) -> String {
    format!("SELECT ?type WHERE {{ <{x}> a ?type . ?type rdfs:subClassOf* nea:Entity }} LIMIT 1")
}

/// Whether the graph says anything of an IRI: as subject, object or graph name.
pub fn exists(x: &str) -> String {
    format!(
        "SELECT ?any WHERE {{
           {{ <{x}> ?any ?o }} UNION {{ ?s ?any <{x}> }} UNION {{ GRAPH <{x}> {{ ?s ?any ?o }} }}
         }} LIMIT 1"
    )
}

/// The English (or untagged) labels of a resource, SKOS's preferred one first.
pub fn label(x: &str) -> String {
    format!(
        "SELECT ?label WHERE {{
           {{ <{x}> skos:prefLabel ?label BIND(0 AS ?rank) }} UNION {{ <{x}> rdfs:label ?label BIND(1 AS ?rank) }}
           FILTER(LANG(?label) = \"\" || LANGMATCHES(LANG(?label), \"en\"))
         }} ORDER BY ?rank ?label LIMIT 1"
    )
}

/// What a resource says: every property and value, with the English labels of both.
pub fn outgoing(x: &str) -> String {
    format!(
        "SELECT ?p ?o ?pLabel ?oLabel WHERE {{
           <{x}> ?p ?o
           OPTIONAL {{ ?p rdfs:label ?pLabel FILTER(LANGMATCHES(LANG(?pLabel), \"en\")) }}
           OPTIONAL {{ ?o rdfs:label ?oLabel FILTER(LANG(?oLabel) = \"\" || LANGMATCHES(LANG(?oLabel), \"en\")) }}
         }}"
    )
}

/// What links to a resource ("what links here"), with labels, the first `limit`.
pub fn incoming(x: &str, limit: usize) -> String {
    format!(
        "SELECT ?s ?p ?sLabel ?pLabel WHERE {{
           ?s ?p <{x}>
           OPTIONAL {{ ?s rdfs:label ?sLabel FILTER(LANG(?sLabel) = \"\" || LANGMATCHES(LANG(?sLabel), \"en\")) }}
           OPTIONAL {{ ?p rdfs:label ?pLabel FILTER(LANGMATCHES(LANG(?pLabel), \"en\")) }}
         }} ORDER BY ?p ?s LIMIT {limit}"
    )
}

/// Every entity, with its class and how often the articles mention it.
pub fn entities() -> String {
    "SELECT ?e ?label ?class ?classLabel (COUNT(DISTINCT ?mention) AS ?mentions) WHERE {
       ?e a ?class . ?class rdfs:subClassOf+ nea:Entity .
       OPTIONAL { ?e rdfs:label ?label FILTER(LANG(?label) = \"\" || LANGMATCHES(LANG(?label), \"en\")) }
       OPTIONAL { ?class rdfs:label ?classLabel FILTER(LANGMATCHES(LANG(?classLabel), \"en\")) }
       OPTIONAL { ?mention nea:mentionOf ?e }
     } GROUP BY ?e ?label ?class ?classLabel"
        .to_owned()
}

/// Everything dated (by `nea:date` or a property under it), with how the fact and its
/// date are known, and where its first evidence is.
pub fn timeline() -> String {
    "SELECT ?x ?date ?label ?kind ?known ?dateKnown ?article ?start ?end WHERE {
       ?x ?dated ?date . ?dated rdfs:subPropertyOf* nea:date .
       OPTIONAL { ?x rdfs:label ?label FILTER(LANG(?label) = \"\" || LANGMATCHES(LANG(?label), \"en\")) }
       OPTIONAL { ?x nea:knownBy/skos:notation ?known }
       OPTIONAL { ?x nea:dateKnownBy/skos:notation ?dateKnown }
       OPTIONAL { ?x prov:wasDerivedFrom ?ev . ?ev oa:hasSource ?article ; oa:hasSelector ?p .
                  ?p a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end }
     } ORDER BY STR(?date) ?label ?start"
        .to_owned()
}

// ---------------------------------------------------------------------------------
// The entity card (`describe`, and the resource page of an entity).

/// Every entity's names, to find the one a user means.
pub fn entity_names() -> String {
    "SELECT ?e ?name WHERE { ?e a ?class . ?class rdfs:subClassOf* nea:Entity .
       ?e rdfs:label|skos:prefLabel|skos:altLabel ?name }"
        .to_owned()
}

/// The evidence of a resource: its article, the quoted words, their offsets, paragraph
/// and sentence.
pub fn evidence(x: &str) -> String {
    format!(
        "SELECT ?article ?headline ?exact ?start ?end ?paragraph ?sentence WHERE {{
           <{x}> prov:wasDerivedFrom ?ev . ?ev oa:hasSource ?article ;
             oa:hasSelector ?q, ?p ; nea:paragraph ?paragraph ; nea:sentence ?sentence .
           OPTIONAL {{ ?article schema:headline ?headline }}
           ?q oa:exact ?exact . ?p oa:start ?start ; oa:end ?end }} ORDER BY ?article ?start"
    )
}

/// The text of an article.
pub fn article_text(article: &str) -> String {
    format!("SELECT ?text WHERE {{ <{article}> schema:text ?text }}")
}

/// An entity's names: preferred and alternative labels in every language.
pub fn names(e: &str) -> String {
    format!(
        "SELECT ?name ?preferred WHERE {{ {{ <{e}> skos:prefLabel ?name BIND(0 AS ?preferred) }}
           UNION {{ <{e}> skos:altLabel ?name BIND(1 AS ?preferred) }}
           UNION {{ <{e}> rdfs:label ?name BIND(0 AS ?preferred) }} }} ORDER BY ?preferred ?name"
    )
}

/// The labels of an entity's classes.
pub fn entity_types(e: &str) -> String {
    format!(
        "SELECT ?label WHERE {{ <{e}> a ?t . ?t rdfs:subClassOf* nea:Entity ; rdfs:label ?label }} ORDER BY ?label"
    )
}

/// The entity's Wikidata item.
pub fn same_as(e: &str) -> String {
    format!("SELECT ?wd WHERE {{ <{e}> owl:sameAs ?wd }}")
}

/// The English description of an entity.
pub fn description(e: &str) -> String {
    format!("SELECT ?d WHERE {{ <{e}> rdfs:comment ?d FILTER(LANGMATCHES(LANG(?d), \"en\")) }}")
}

/// How many mentions name an entity: those standing on their own, or (`nested`) those
/// inside a longer name that still refers to it.
pub fn mention_count(e: &str, nested: bool) -> String {
    let filter = if nested {
        "FILTER EXISTS"
    } else {
        "FILTER NOT EXISTS"
    };
    format!(
        "SELECT (COUNT(?m) AS ?n) WHERE {{ ?m nea:mentionOf <{e}> {filter} {{ ?m nea:nestedIn ?outer }} }}"
    )
}

/// The articles that mention an entity or speak of it.
pub fn entity_articles(e: &str) -> String {
    format!(
        "SELECT DISTINCT ?article WHERE {{ ?x prov:wasDerivedFrom/oa:hasSource ?article .
           {{ ?x nea:mentionOf <{e}> }} UNION {{ ?x rdf:subject|rdf:object|nea:participant|nea:place|nea:concerns|nea:statisticOf|schema:about|nea:claimant <{e}> }} }}
         ORDER BY ?article"
    )
}

/// The patterns that read how an item is told: its status and whether it is negated.
const TOLD: &str =
    "OPTIONAL { ?x nea:status/skos:notation ?status } OPTIONAL { ?x nea:negated ?negated }";

/// The pattern that reads when an item happened, as `?date`: a date, or an interval
/// (start/end), or a bound.
const WHEN: &str = "OPTIONAL { ?x nea:date ?day } OPTIONAL { ?x nea:startDate ?start }
   OPTIONAL { ?x nea:endDate ?end } OPTIONAL { ?x nea:dateAfter ?after }
   OPTIONAL { ?x nea:dateBefore ?before }
   OPTIONAL { ?x nea:dateKnownBy/skos:notation ?dateKnown }
   BIND(COALESCE(STR(?day),
     IF(BOUND(?start) || BOUND(?end), CONCAT(COALESCE(STR(?start), \"\"), \"/\", COALESCE(STR(?end), \"\")), ?none),
     IF(BOUND(?after), CONCAT(\"after \", STR(?after)), ?none),
     IF(BOUND(?before), CONCAT(\"before \", STR(?before)), ?none)) AS ?date)";

/// The statements (not events) an entity is the subject or object of.
pub fn relations(e: &str) -> String {
    format!(
        "SELECT ?x ?text ?date ?known ?dateKnown ?status ?negated WHERE {{ ?x a rdf:Statement ; rdfs:label ?text .
           OPTIONAL {{ ?x nea:knownBy/skos:notation ?known }}
           {{ ?x rdf:subject <{e}> }} UNION {{ ?x rdf:object <{e}> }}
           FILTER NOT EXISTS {{ ?x a nea:Event }}
           {TOLD} {WHEN} }} ORDER BY ?date ?text"
    )
}

/// The events an entity takes part in, with its role.
pub fn events(e: &str) -> String {
    format!(
        "SELECT ?x ?text ?date ?role ?known ?dateKnown ?status ?negated WHERE {{ ?x a nea:Event ; rdfs:label ?text .
           OPTIONAL {{ ?x nea:knownBy/skos:notation ?known }}
           VALUES (?p ?role) {{ (nea:participant \"participant\") (nea:place \"place\")
             (nea:concerns \"concerned\") (nea:partOfSeries \"series\")
             (rdf:subject \"subject\") (rdf:object \"object\") }}
           ?x ?p <{e}> {TOLD} {WHEN} }} ORDER BY DESC(BOUND(?date)) ?date ?text ?role"
    )
}

/// The statistics of an entity, as "label: [rise] [about] [at least] value unit", a
/// range as "min to max".
pub fn statistics(e: &str) -> String {
    format!(
        "SELECT ?x ?text WHERE {{ ?x nea:statisticOf <{e}> ; rdfs:label ?label ; schema:unitText ?u ;
           nea:approximate ?approx
           OPTIONAL {{ ?x schema:value ?v }} OPTIONAL {{ ?x schema:minValue ?min }} OPTIONAL {{ ?x schema:maxValue ?max }}
           OPTIONAL {{ ?x nea:bound/rdfs:label ?bound }} OPTIONAL {{ ?x nea:change/rdfs:label ?change }}
           BIND(IF(BOUND(?min) && BOUND(?max) && !BOUND(?bound), CONCAT(STR(?min), \" to \", STR(?max)),
             CONCAT(IF(BOUND(?bound), CONCAT(STR(?bound), \" \"), \"\"), STR(COALESCE(?v, ?min, ?max)))) AS ?number)
           BIND(CONCAT(STR(?label), \": \", IF(BOUND(?change), CONCAT(STR(?change), \" \"), \"\"),
             IF(?approx, \"about \", \"\"), ?number, \" \", STR(?u)) AS ?text) }} ORDER BY ?text"
    )
}

/// The claims about an entity, with who makes each and the author's stance.
pub fn claims(e: &str) -> String {
    claims_where(&format!("?x schema:about <{e}>"))
}

/// The claims an entity makes (as a named voice, or one of a joint voice).
pub fn claims_by(e: &str) -> String {
    claims_where(&format!(
        "?x nea:claimant <{e}> FILTER NOT EXISTS {{ ?x nea:voice nea:AuthorVoice }}"
    ))
}

/// The claims that a pattern on `?x` selects, with who makes each and the author's
/// stance as their role.
fn claims_where(pattern: &str) -> String {
    format!(
        "SELECT ?x ?text ?role WHERE {{ ?x a schema:Claim ; schema:text ?text ;
           nea:voice/skos:notation ?kind ; nea:stance/skos:notation ?stance . {pattern}
           OPTIONAL {{ SELECT ?x (GROUP_CONCAT(?name; separator=\" and \") AS ?names) WHERE {{
             ?x nea:claimant ?who . ?who rdfs:label ?l FILTER(LANGMATCHES(LANG(?l), \"en\")) BIND(STR(?l) AS ?name) }} GROUP BY ?x }}
           BIND(IF(?kind IN (\"named\", \"joint\"), ?names, IF(?kind = \"others\", \"unnamed others\", CONCAT(\"the \", ?kind))) AS ?who)
           BIND(CONCAT(\"by \", ?who, \"; the author \", STR(?stance)) AS ?role) }} ORDER BY ?role ?text"
    )
}
