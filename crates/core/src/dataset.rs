//! The dataset description, in a graph of its own: what the dataset holds (VoID, DCAT),
//! the graphs and their sizes, each article's SHA-256, and the build that made it
//! (PROV): enough for a catalogue, and nothing that changes from one run to the next.

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
