//! The dataset description, in a graph of its own: what the dataset holds (VoID, DCAT),
//! the graphs and their sizes, each article's SHA-256, and the build that made it
//! (PROV): enough for a catalogue, and nothing that changes from one run to the next.
//!
//! For a catalogue (DCAT-AP 3, checked by tests/dcat/shapes.ttl): the graph's licence
//! (CC BY 4.0), the rights of the articles' words (each article's text is copied into
//! `schema:text` and quoted in the evidence: those stay the publisher's, which the
//! licence does not cover), and a `dcat:Distribution` per export format with its IANA
//! media type and its EU file type. `nea-kg serve` adds the `dcat:DataService` of its
//! endpoint (`service`).

use crate::iris::Iris;
use crate::vocab::{self, dcat, dcterms, nea, prov, rdf, rdfs, schema, void};
use oxrdf::{GraphName, Literal, NamedNode, NamedNodeRef, Quad, Term};

/// One article that was built.
#[derive(Debug, Clone)]
pub struct ArticleSummary {
    pub id: String,
    pub sha256: String,
    /// The triples of the article's graph.
    pub triples: usize,
    pub headline: String,
    /// Where the article was published, if the sheet says.
    pub url: Option<String>,
    /// The sheet's statement of the rights to the text, if it gives one.
    pub rights: Option<String>,
}

/// The export formats, one `dcat:Distribution` each: `export --format` name, title, IANA
/// media type, EU file type.
pub const DISTRIBUTIONS: [(&str, &str, &str, &str); 6] = [
    ("ttl", "Turtle", "text/turtle", "RDF_TURTLE"),
    ("nt", "N-Triples", "application/n-triples", "RDF_N_TRIPLES"),
    ("nq", "N-Quads", "application/n-quads", "RDF_N_QUADS"),
    ("trig", "TriG", "application/trig", "RDF_TRIG"),
    ("rdf", "RDF/XML", "application/rdf+xml", "RDF_XML"),
    ("jsonld", "JSON-LD", "application/ld+json", "JSON_LD"),
];

/// The dataset's keywords (`dcat:keyword`), for a catalogue's search.
const KEYWORDS: [&str; 5] = [
    "knowledge graph",
    "Northeast Asia",
    "regional cooperation",
    "news articles",
    "claims and evidence",
];

/// The dataset-wide statement of the rights to the articles' words.
const WORDS_RIGHTS: &str = "The articles' words in this dataset (each article's text in schema:text, and the quotes of the evidence in oa:exact, oa:prefix and oa:suffix) are copied from the articles as their publishers published them: the rights in them stay with their publishers and authors, and the dataset's licence (CC BY 4.0) does not cover them. Each article's own statement is its dcterms:rights. `nea-kg export --no-text` leaves the full texts out.";

/// The rights of one article's text: the sheet's `rights`, or what holds by default.
fn article_rights(summary: &ArticleSummary) -> String {
    if let Some(r) = &summary.rights {
        return r.clone();
    }
    let source = match &summary.url {
        Some(url) => format!("as published at {url}"),
        None => "as its publisher published it".to_owned(),
    };
    format!(
        "The text of the article \u{201c}{}\u{201d} is copied byte for byte, {source}, into schema:text, and quoted in the evidence, so that every fact can be checked against it. The rights in the text stay with its publisher and author; the dataset's licence (CC BY 4.0) does not cover it.",
        summary.headline
    )
}

/// The `dcat:DataService` of an endpoint serving the dataset (`nea-kg serve`), in the
/// dataset description's graph: `endpoint` is the SPARQL endpoint's URL.
pub fn service(iris: &Iris, endpoint: &str) -> Vec<Quad> {
    let graph = GraphName::from(iris.metadata_graph());
    let service = iris.node("dataset/service");
    let endpoint = NamedNode::new_unchecked(endpoint);
    let en = |s: &str| Term::from(Literal::new_language_tagged_literal_unchecked(s, "en"));
    let triples: Vec<(NamedNode, NamedNodeRef<'_>, Term)> = vec![
        (service.clone(), rdf::TYPE, dcat::DATA_SERVICE.into()),
        (
            service.clone(),
            dcterms::TITLE,
            en("nea-kg serve: the SPARQL 1.1 endpoint of the nea-kg knowledge graph"),
        ),
        (service.clone(), dcat::ENDPOINT_URL, endpoint.clone().into()),
        // The endpoint answers a request without a query with its service description.
        (service.clone(), dcat::ENDPOINT_DESCRIPTION, endpoint.into()),
        (
            service.clone(),
            dcat::SERVES_DATASET,
            iris.node("dataset").into(),
        ),
        (
            service.clone(),
            dcterms::LICENSE,
            NamedNode::new_unchecked(vocab::GRAPH_LICENSE).into(),
        ),
    ];
    triples
        .into_iter()
        .map(|(s, p, o)| Quad::new(s, p.into_owned(), o, graph.clone()))
        .collect()
}

/// The dataset description: the graphs, their sizes, the source's checksum, the tool.
pub fn describe(
    iris: &Iris,
    articles: &[ArticleSummary],
    entity_triples: usize,
    ontology_triples: usize,
    total: usize,
) -> Vec<Quad> {
    let graph = GraphName::from(iris.metadata_graph());
    let mut quads = Vec::new();
    let mut add = |s: &NamedNode, p: NamedNodeRef<'_>, o: Term| {
        quads.push(Quad::new(s.clone(), p.into_owned(), o, graph.clone()));
    };
    let en = |s: &str| Term::from(Literal::new_language_tagged_literal_unchecked(s, "en"));
    let dataset = iris.node("dataset");
    let build = iris.node("dataset/build");
    let version = env!("CARGO_PKG_VERSION");
    let software = iris.node(&format!("software/nea-kg/{version}"));
    add(&dataset, rdf::TYPE, void::DATASET.into());
    add(&dataset, rdf::TYPE, dcat::DATASET.into());
    add(&dataset, dcterms::TITLE, en("nea-kg knowledge graph"));
    add(&dataset, dcterms::DESCRIPTION, en("Entities, facts, events, statistics and claims of news and opinion articles on Northeast Asian cooperation, each grounded in the exact words of its article."));
    add(&dataset, void::TRIPLES, Literal::from(total as i64).into());
    for keyword in KEYWORDS {
        add(&dataset, dcat::KEYWORD, en(keyword));
    }
    add(
        &dataset,
        dcat::THEME,
        NamedNode::new_unchecked(vocab::THEME_INTERNATIONAL).into(),
    );
    let license = NamedNode::new_unchecked(vocab::GRAPH_LICENSE);
    add(&dataset, dcterms::LICENSE, license.clone().into());
    add(&license, rdf::TYPE, dcterms::LICENSE_DOCUMENT.into());
    add(
        &license,
        rdfs::LABEL,
        en("Creative Commons Attribution 4.0 International (CC BY 4.0)"),
    );
    let words = iris.node("dataset/rights");
    add(&dataset, dcterms::RIGHTS, words.clone().into());
    add(&words, rdf::TYPE, dcterms::RIGHTS_STATEMENT.into());
    add(&words, rdfs::LABEL, en(WORDS_RIGHTS));
    for (ext, name, media, file_type) in DISTRIBUTIONS {
        let d = iris.node(&format!("dataset/distribution/{ext}"));
        let media = NamedNode::new_unchecked(format!("{}{media}", vocab::IANA_MEDIA_TYPES));
        let file_type = NamedNode::new_unchecked(format!("{}{file_type}", vocab::EU_FILE_TYPE));
        add(&dataset, dcat::DISTRIBUTION_PROPERTY, d.clone().into());
        add(&d, rdf::TYPE, dcat::DISTRIBUTION.into());
        add(
            &d,
            dcterms::TITLE,
            en(&format!("The nea-kg knowledge graph in {name}")),
        );
        add(
            &d,
            dcterms::DESCRIPTION,
            en(&format!(
                "Written by `nea-kg export --format {ext}`{}.",
                if matches!(ext, "nq" | "trig") {
                    ", with a named graph per article, the entities, the ontology and this description"
                } else {
                    ", as the union of the graphs"
                }
            )),
        );
        add(&d, dcat::MEDIA_TYPE, media.clone().into());
        add(&media, rdf::TYPE, dcterms::MEDIA_TYPE.into());
        add(&d, dcterms::FORMAT, file_type.clone().into());
        add(&file_type, rdf::TYPE, dcterms::MEDIA_TYPE_OR_EXTENT.into());
        // The dataset's IRI: `nea-kg serve` answers it, in any of these formats.
        add(&d, dcat::ACCESS_URL, dataset.clone().into());
        add(&d, dcterms::LICENSE, license.clone().into());
        add(&d, dcterms::RIGHTS, words.clone().into());
    }
    add(&dataset, prov::WAS_GENERATED_BY, build.clone().into());
    let ontology_graph = iris.ontology_graph();
    add(&dataset, void::SUBSET, ontology_graph.clone().into());
    add(&ontology_graph, rdf::TYPE, void::DATASET.into());
    add(&ontology_graph, dcterms::TITLE, en("The nea-kg ontology"));
    add(
        &ontology_graph,
        void::TRIPLES,
        Literal::from(ontology_triples as i64).into(),
    );
    add(
        &ontology_graph,
        dcterms::SOURCE,
        NamedNode::new_unchecked(vocab::NEA_ONTOLOGY).into(),
    );
    if entity_triples > 0 {
        let g = iris.entities_graph();
        add(&dataset, void::SUBSET, g.clone().into());
        add(&g, rdf::TYPE, void::DATASET.into());
        add(
            &g,
            dcterms::TITLE,
            en("The entities the articles name: types, labels, Wikidata links"),
        );
        add(
            &g,
            void::TRIPLES,
            Literal::from(entity_triples as i64).into(),
        );
    }
    for summary in articles {
        let aid = &summary.id;
        let article = iris.article(aid);
        let g = iris.article_graph(aid);
        add(&dataset, void::SUBSET, g.clone().into());
        add(&dataset, dcterms::SOURCE, article.clone().into());
        add(&g, rdf::TYPE, void::DATASET.into());
        add(
            &g,
            dcterms::TITLE,
            en(&format!("Facts, claims and mentions of the article {aid}")),
        );
        add(&g, dcterms::SOURCE, article.clone().into());
        add(
            &g,
            void::TRIPLES,
            Literal::from(summary.triples as i64).into(),
        );
        add(
            &article,
            nea::SHA256,
            Literal::new_simple_literal(&summary.sha256).into(),
        );
        let rights = iris.node(&format!("article/{aid}/rights"));
        add(&article, dcterms::RIGHTS, rights.clone().into());
        add(&rights, rdf::TYPE, dcterms::RIGHTS_STATEMENT.into());
        add(&rights, rdfs::LABEL, en(&article_rights(summary)));
        if let Some(url) = &summary.url {
            add(
                &rights,
                dcterms::SOURCE,
                NamedNode::new_unchecked(url).into(),
            );
        }
        add(&build, prov::USED, article.into());
    }
    add(&build, rdf::TYPE, prov::ACTIVITY.into());
    add(
        &build,
        rdfs::LABEL,
        en("Build of the nea-kg knowledge graph"),
    );
    add(
        &build,
        prov::USED,
        NamedNode::new_unchecked(vocab::NEA_ONTOLOGY).into(),
    );
    add(&build, prov::WAS_ASSOCIATED_WITH, software.clone().into());
    add(&software, rdf::TYPE, prov::SOFTWARE_AGENT.into());
    add(&software, rdf::TYPE, schema::SOFTWARE_APPLICATION.into());
    add(&software, rdfs::LABEL, en("nea-kg"));
    add(
        &software,
        schema::NAME,
        Literal::new_simple_literal("nea-kg").into(),
    );
    add(
        &software,
        schema::SOFTWARE_VERSION,
        Literal::new_simple_literal(version).into(),
    );
    quads
}
