//! Emit: the checked model becomes quads. Every modelling commitment of the design brief
//! is made here, and nothing here can fail: `check` has already refused whatever would
//! not map. Facts, statistics, claims, mentions and their evidence go to the article's
//! named graph, with the entities that only its own sheet declares; the registry's
//! entities are described once, in the entities graph (see `builder`).

use crate::iris::Iris;
use crate::model::{
    Article, Claim, Entity, Evidence, Fact, Known, Mention, Object, Ref, Stance, Statistic, Unit,
    Voice,
};
use crate::vocab::{nea, oa, owl, prov, rdf, rdfs, schema, skos, WD};
use oxrdf::{GraphName, Literal, NamedNode, NamedNodeRef, Quad, Term};

/// The quads of one article's graph (its entities of its own included).
pub fn article(iris: &Iris, a: &Article) -> Vec<Quad> {
    let mut e = Emitter {
        iris,
        aid: &a.id,
        article: iris.article(&a.id),
        graph: GraphName::from(iris.article_graph(&a.id)),
        quads: Vec::new(),
    };
    e.metadata(a);
    for m in &a.mentions {
        e.mention(m);
    }
    for f in &a.facts {
        e.fact(f);
    }
    for s in &a.statistics {
        e.statistic(s);
    }
    let author = a.author.as_deref().map(|id| iris.entity(id));
    for c in &a.claims {
        e.claim(c, author.as_ref());
    }
    let mut quads = e.quads;
    for entity in &a.own_entities {
        quads.extend(self::entity(
            iris,
            entity,
            &GraphName::from(iris.article_graph(&a.id)),
        ));
    }
    quads
}

/// The description of an entity: type, labels, names in other languages, Wikidata link.
pub fn entity(iris: &Iris, e: &Entity, graph: &GraphName) -> Vec<Quad> {
    let node = iris.entity(&e.id);
    let mut quads = Vec::new();
    let mut add = |p: NamedNodeRef<'_>, o: Term| {
        quads.push(Quad::new(node.clone(), p.into_owned(), o, graph.clone()));
    };
    add(rdf::TYPE, NamedNode::new_unchecked(&e.class).into());
    add(rdfs::LABEL, en(&e.label).into());
    add(skos::PREF_LABEL, en(&e.label).into());
    for alias in &e.aliases {
        add(skos::ALT_LABEL, en(alias).into());
    }
    for (lang, names) in &e.translations {
        for (i, name) in names.iter().enumerate() {
            let p = if i == 0 {
                skos::PREF_LABEL
            } else {
                skos::ALT_LABEL
            };
            add(
                p,
                Literal::new_language_tagged_literal_unchecked(name, *lang).into(),
            );
        }
    }
    if let Some(d) = &e.description {
        add(rdfs::COMMENT, en(d).into());
    }
    if let Some(q) = &e.wikidata {
        add(
            owl::SAME_AS,
            NamedNode::new_unchecked(format!("{WD}{q}")).into(),
        );
    }
    quads
}

fn en(s: &str) -> Literal {
    Literal::new_language_tagged_literal_unchecked(s, "en")
}

struct Emitter<'a> {
    iris: &'a Iris,
    aid: &'a str,
    article: NamedNode,
    graph: GraphName,
    quads: Vec<Quad>,
}

impl Emitter<'_> {
    fn add(&mut self, s: &NamedNode, p: NamedNodeRef<'_>, o: impl Into<Term>) {
        self.quads.push(Quad::new(
            s.clone(),
            p.into_owned(),
            o.into(),
            self.graph.clone(),
        ));
    }

    fn node(&self, r: &Ref) -> NamedNode {
        match r {
            Ref::Entity(id) => self.iris.entity(id),
            Ref::Fact(id) => self.iris.in_article(self.aid, "fact", id),
            Ref::Statistic(id) => self.iris.in_article(self.aid, "statistic", id),
            Ref::Claim(id) => self.iris.in_article(self.aid, "claim", id),
            Ref::Article => self.article.clone(),
        }
    }

    fn metadata(&mut self, a: &Article) {
        let lang = a.language.to_ascii_lowercase();
        let node = self.article.clone();
        let headline = Literal::new_language_tagged_literal_unchecked(&a.headline, &lang);
        self.add(&node, rdf::TYPE, schema::OPINION_NEWS_ARTICLE);
        self.add(&node, rdfs::LABEL, headline.clone());
        self.add(&node, schema::HEADLINE, headline);
        if let Some(alt) = &a.alternative_headline {
            let alt = Literal::new_language_tagged_literal_unchecked(alt, &lang);
            self.add(&node, schema::ALTERNATIVE_HEADLINE, alt);
        }
        self.add(
            &node,
            schema::IN_LANGUAGE,
            Literal::new_simple_literal(&a.language),
        );
        self.add(&node, schema::TEXT, Literal::new_simple_literal(&a.text));
    }

    fn evidence(&mut self, node: &NamedNode, ev: &Evidence) {
        let resource = NamedNode::new_unchecked(format!("{}/evidence", node.as_str()));
        let quote = NamedNode::new_unchecked(format!("{}/quote", resource.as_str()));
        let position = NamedNode::new_unchecked(format!("{}/position", resource.as_str()));
        let article = self.article.clone();
        self.add(node, prov::WAS_DERIVED_FROM, resource.clone());
        self.add(&resource, rdf::TYPE, nea::EVIDENCE);
        self.add(&resource, rdf::TYPE, oa::SPECIFIC_RESOURCE);
        self.add(&resource, oa::HAS_SOURCE, article);
        self.add(&resource, oa::HAS_SELECTOR, quote.clone());
        self.add(&resource, oa::HAS_SELECTOR, position.clone());
        self.add(
            &resource,
            nea::PARAGRAPH,
            Literal::from(ev.span.paragraph as i64),
        );
        self.add(
            &resource,
            nea::SENTENCE,
            Literal::from(ev.span.sentence as i64),
        );
        self.add(&quote, rdf::TYPE, oa::TEXT_QUOTE_SELECTOR);
        self.add(&quote, oa::EXACT, Literal::new_simple_literal(&ev.exact));
        if !ev.prefix.is_empty() {
            self.add(&quote, oa::PREFIX, Literal::new_simple_literal(&ev.prefix));
        }
        if !ev.suffix.is_empty() {
            self.add(&quote, oa::SUFFIX, Literal::new_simple_literal(&ev.suffix));
        }
        self.add(&position, rdf::TYPE, oa::TEXT_POSITION_SELECTOR);
        self.add(&position, oa::START, Literal::from(ev.span.start as i64));
        self.add(&position, oa::END, Literal::from(ev.span.end as i64));
    }

    fn mention(&mut self, m: &Mention) {
        let mention =
            self.iris
                .in_article(self.aid, "mention", &format!("{}-{}", m.entity, m.number));
        let entity = self.iris.entity(&m.entity);
        self.add(&mention, rdf::TYPE, nea::MENTION);
        self.add(&mention, rdf::TYPE, oa::ANNOTATION);
        self.add(&mention, nea::MENTION_OF, entity);
        let target = NamedNode::new_unchecked(format!("{}/evidence", mention.as_str()));
        self.add(&mention, oa::HAS_TARGET, target);
        self.evidence(&mention, &m.evidence);
    }

    fn known(&mut self, node: &NamedNode, known: &Known) {
        let (term, basis) = match known {
            Known::Stated => (nea::STATED, None),
            Known::Inferred(b) => (nea::INFERRED, Some(b)),
            Known::Background(b) => (nea::BACKGROUND, Some(b)),
        };
        self.add(node, nea::KNOWN_BY, term);
        if let Some(b) = basis {
            self.add(node, nea::BASIS, en(b));
            self.add(node, rdfs::COMMENT, en(b));
        }
    }

    fn fact(&mut self, f: &Fact) {
        let node = self.iris.in_article(self.aid, "fact", &f.id);
        self.add(&node, rdf::TYPE, nea::FACT);
        if let Some(r) = &f.relation {
            let subject = self.node(&r.subject);
            let predicate = NamedNode::new_unchecked(&r.predicate);
            let object: Term = match &r.object {
                Object::Item(o) => self.node(o).into(),
                Object::Literal(l) => l.clone().into(),
            };
            self.quads.push(Quad::new(
                subject.clone(),
                predicate.clone(),
                object.clone(),
                self.graph.clone(),
            ));
            self.add(&node, rdf::TYPE, rdf::STATEMENT);
            self.add(&node, rdf::TYPE, nea::STATEMENT);
            self.add(&node, rdf::SUBJECT, subject);
            self.add(&node, rdf::PREDICATE, predicate);
            self.add(&node, rdf::OBJECT, object);
        }
        if let Some(class) = &f.event {
            self.add(&node, rdf::TYPE, nea::EVENT);
            self.add(&node, rdf::TYPE, NamedNode::new_unchecked(class));
        }
        self.add(&node, rdfs::LABEL, en(&f.label));
        if let Some(d) = &f.date {
            self.add(&node, nea::DATE, d.literal.clone());
            match &d.inferred {
                Some(reason) => {
                    self.add(&node, nea::DATE_KNOWN_BY, nea::INFERRED);
                    self.add(&node, nea::DATE_BASIS, en(reason));
                    self.add(&node, rdfs::COMMENT, en(reason));
                }
                None => self.add(&node, nea::DATE_KNOWN_BY, nea::STATED),
            }
        }
        if let Some(p) = &f.place {
            let p = self.node(p);
            self.add(&node, nea::PLACE, p);
        }
        if let Some(n) = f.ordinal {
            self.add(&node, nea::ORDINAL, Literal::from(n));
        }
        if let Some(role) = &f.role {
            self.add(&node, nea::ROLE, en(role));
        }
        for p in &f.participants {
            let p = self.node(p);
            self.add(&node, nea::PARTICIPANT, p);
        }
        for c in &f.concerns {
            let c = self.node(c);
            self.add(&node, nea::CONCERNS, c);
        }
        if let Some(s) = &f.part_of {
            let s = self.node(s);
            self.add(&node, nea::PART_OF_SERIES, s);
        }
        for o in &f.outcome {
            self.add(&node, nea::OUTCOME, en(o));
        }
        if let Some(x) = &f.follows {
            let x = self.node(x);
            self.add(&node, nea::FOLLOWS, x);
        }
        if let Some(x) = &f.prepares {
            let x = self.node(x);
            self.add(&node, nea::PREPARES, x);
        }
        if let Some(note) = &f.note {
            self.add(&node, rdfs::COMMENT, en(note));
        }
        self.known(&node, &f.known);
        self.evidence(&node, &f.evidence);
    }

    fn statistic(&mut self, t: &Statistic) {
        let node = self.iris.in_article(self.aid, "statistic", &t.id);
        let class = match t.unit {
            Unit::Usd => schema::MONETARY_AMOUNT,
            _ => schema::QUANTITATIVE_VALUE,
        };
        self.add(&node, rdf::TYPE, nea::FACT);
        self.add(&node, rdf::TYPE, nea::STATISTIC);
        self.add(&node, rdf::TYPE, class);
        self.add(&node, rdfs::LABEL, en(&t.label));
        self.add(&node, schema::VALUE, t.value.clone());
        let unit = Literal::new_simple_literal(t.unit.text());
        self.add(&node, schema::UNIT_TEXT, unit.clone());
        match t.unit.code() {
            Some(c) => self.add(&node, schema::UNIT_CODE, Literal::new_simple_literal(c)),
            None => self.add(&node, schema::CURRENCY, unit),
        }
        self.add(&node, nea::APPROXIMATE, Literal::from(t.approximate));
        let subject = self.node(&t.subject);
        self.add(&node, nea::STATISTIC_OF, subject);
        if let Some(note) = &t.note {
            self.add(&node, rdfs::COMMENT, en(note));
        }
        self.known(&node, &t.known);
        self.evidence(&node, &t.evidence);
    }

    fn claim(&mut self, c: &Claim, author: Option<&NamedNode>) {
        let node = self.iris.in_article(self.aid, "claim", &c.id);
        self.add(&node, rdf::TYPE, schema::CLAIM);
        self.add(&node, rdf::TYPE, nea::CLAIM);
        self.add(&node, rdfs::LABEL, en(&c.text));
        self.add(&node, schema::TEXT, en(&c.text));
        let article = self.article.clone();
        self.add(&node, schema::APPEARANCE, article);
        match c.voice {
            Voice::Author => {
                self.add(&node, nea::VOICE, nea::AUTHOR_VOICE);
                if let Some(author) = author {
                    self.add(&node, schema::AUTHOR, author.clone());
                }
            }
            Voice::Others => self.add(&node, nea::VOICE, nea::OTHERS_VOICE),
        }
        let stance = match c.stance {
            Stance::Endorses => nea::ENDORSES,
            Stance::Rejects => nea::REJECTS,
        };
        self.add(&node, nea::STANCE, stance);
        if let Some(r) = &c.reported_as {
            self.add(&node, nea::REPORTING_PHRASE, Literal::new_simple_literal(r));
        }
        for about in &c.about {
            let about = self.node(about);
            self.add(&node, schema::ABOUT, about);
        }
        self.evidence(&node, &c.evidence);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{check, registry};
    use crate::DEFAULT_BASE;

    /// The quads of a sheet (the article's graph and the registry entities it uses),
    /// as N-Quads lines without the graph, for easy matching.
    fn emitted(items: &str) -> Vec<String> {
        let iris = Iris::new(DEFAULT_BASE).unwrap();
        let a = check(items).unwrap();
        let mut quads = article(&iris, &a);
        let registry = registry();
        let graph = GraphName::from(iris.entities_graph());
        for id in &a.registry_entities {
            quads.extend(entity(&iris, registry.get(id).unwrap(), &graph));
        }
        assert!(
            quads.iter().all(|q| !q.subject.is_blank_node()
                && !q.object.is_blank_node()
                && !q.graph_name.is_blank_node()),
            "no blank nodes"
        );
        quads
            .iter()
            .map(|q| format!("{} {} {}", q.subject, q.predicate, q.object))
            .collect()
    }

    fn has(quads: &[String], s: &str, p: &str, o: &str) -> bool {
        let expand = |t: &str| {
            for (prefix, ns) in crate::vocab::PREFIXES {
                if let Some(local) = t.strip_prefix(&format!("{prefix}:")) {
                    return format!("<{ns}{local}>");
                }
            }
            if let Some(local) = t.strip_prefix("kg:") {
                return format!("<{DEFAULT_BASE}{local}>");
            }
            t.to_owned()
        };
        let object = match o.rsplit_once("^^") {
            Some((value, datatype)) => format!("{value}^^{}", expand(datatype)),
            None => expand(o),
        };
        let line = format!("{} {} {object}", expand(s), expand(p));
        quads.contains(&line)
    }

    const FACT: &str = "[[fact]]\nid = \"n\"\nevent = \"EstablishmentOfRelations\"\nlabel = \"Normalization\"\nsubject = \"japan\"\npredicate = \"nea:normalizedRelationsWith\"\nobject = \"rok\"\ndate = \"1965\"\nparticipants = [\"japan\", \"rok\"]\nquote = \"Japan and the ROK normalized their relations in 1965\"\n";

    #[test]
    fn a_relation_is_a_direct_triple_and_a_statement_node() {
        let q = emitted(FACT);
        let fact = "kg:article/neighbours/fact/n";
        assert!(has(
            &q,
            "kg:id/japan",
            "nea:normalizedRelationsWith",
            "kg:id/rok"
        ));
        assert!(has(&q, fact, "rdf:type", "rdf:Statement"));
        assert!(has(&q, fact, "rdf:subject", "kg:id/japan"));
        assert!(has(
            &q,
            fact,
            "rdf:predicate",
            "nea:normalizedRelationsWith"
        ));
        assert!(has(&q, fact, "rdf:object", "kg:id/rok"));
        assert!(has(&q, fact, "rdf:type", "nea:Event"));
        assert!(has(&q, fact, "rdf:type", "nea:EstablishmentOfRelations"));
        assert!(has(&q, fact, "nea:participant", "kg:id/rok"));
        assert!(has(&q, fact, "nea:knownBy", "nea:Stated"));
    }

    #[test]
    fn a_date_keeps_its_precision_and_says_how_it_is_known() {
        let q = emitted(FACT);
        let fact = "kg:article/neighbours/fact/n";
        assert!(has(&q, fact, "nea:date", "\"1965\"^^xsd:gYear"));
        assert!(has(&q, fact, "nea:dateKnownBy", "nea:Stated"));
        let inferred = emitted(&FACT.replace(
            "date = \"1965\"",
            "date = \"1965-06\"\ndate_inferred = \"June, from the treaty\"",
        ));
        assert!(has(
            &inferred,
            fact,
            "nea:date",
            "\"1965-06\"^^xsd:gYearMonth"
        ));
        assert!(has(&inferred, fact, "nea:dateKnownBy", "nea:Inferred"));
        assert!(has(
            &inferred,
            fact,
            "nea:dateBasis",
            "\"June, from the treaty\"@en"
        ));
    }

    #[test]
    fn evidence_has_both_selectors_and_its_place() {
        let q = emitted(FACT);
        let ev = "kg:article/neighbours/fact/n/evidence";
        assert!(has(
            &q,
            "kg:article/neighbours/fact/n",
            "prov:wasDerivedFrom",
            ev
        ));
        assert!(has(&q, ev, "oa:hasSource", "kg:article/neighbours"));
        assert!(has(&q, ev, "nea:paragraph", "\"2\"^^xsd:integer"));
        assert!(has(&q, ev, "nea:sentence", "\"2\"^^xsd:integer"));
        let quote = "kg:article/neighbours/fact/n/evidence/quote";
        assert!(has(
            &q,
            quote,
            "oa:exact",
            "\"Japan and the ROK normalized their relations in 1965\""
        ));
        assert!(has(&q, quote, "oa:prefix", "\"Neighbours\\n\""));
        let position = "kg:article/neighbours/fact/n/evidence/position";
        assert!(has(&q, position, "oa:start", "\"11\"^^xsd:integer"));
        assert!(has(&q, position, "oa:end", "\"63\"^^xsd:integer"));
    }

    #[test]
    fn statistics_are_typed_quantities() {
        let q = emitted("[[statistic]]\nid = \"t\"\nlabel = \"Trade\"\nsubject = \"japan\"\nvalue = 800000000000\nunit = \"USD\"\nquote = \"$800 billion\"\n\n[[statistic]]\nid = \"s\"\nlabel = \"Share\"\nsubject = \"japan\"\nvalue = 25\nunit = \"percent\"\napproximate = true\nquote = \"about 25 percent\"\n");
        let t = "kg:article/neighbours/statistic/t";
        assert!(has(&q, t, "rdf:type", "schema:MonetaryAmount"));
        assert!(has(&q, t, "schema:currency", "\"USD\""));
        assert!(has(&q, t, "schema:value", "\"800000000000\"^^xsd:integer"));
        assert!(has(&q, t, "nea:approximate", "\"false\"^^xsd:boolean"));
        let s = "kg:article/neighbours/statistic/s";
        assert!(has(&q, s, "rdf:type", "schema:QuantitativeValue"));
        assert!(has(&q, s, "schema:unitCode", "\"P1\""));
        assert!(has(&q, s, "nea:approximate", "\"true\"^^xsd:boolean"));
        assert!(has(&q, s, "nea:statisticOf", "kg:id/japan"));
    }

    #[test]
    fn claims_say_who_makes_them_and_the_authors_stance() {
        let q = emitted("[[entity]]\nid = \"writer\"\nclass = \"Person\"\nlabel = \"The writer\"\nmentions = false\n\n[[fact]]\nid = \"by\"\nsubject = \"neighbours\"\npredicate = \"schema:author\"\nobject = \"writer\"\nquote = \"Neighbours\"\n\n[[claim]]\nid = \"c\"\ntext = \"The region cannot cooperate.\"\nclaimant = \"others\"\nstance = \"rejects\"\nreported_as = \"Some argue\"\nabout = [\"japan\"]\nquote = \"the region cannot cooperate\"\n\n[[claim]]\nid = \"d\"\ntext = \"Trade grew.\"\nclaimant = \"author\"\nstance = \"endorses\"\nquote = \"Trade reached\"\n");
        let c = "kg:article/neighbours/claim/c";
        assert!(has(&q, c, "rdf:type", "schema:Claim"));
        assert!(has(&q, c, "nea:voice", "nea:OthersVoice"));
        assert!(has(&q, c, "nea:stance", "nea:Rejects"));
        assert!(has(&q, c, "nea:reportingPhrase", "\"Some argue\""));
        assert!(has(&q, c, "schema:about", "kg:id/japan"));
        assert!(has(&q, c, "schema:appearance", "kg:article/neighbours"));
        let d = "kg:article/neighbours/claim/d";
        assert!(has(&q, d, "nea:voice", "nea:AuthorVoice"));
        assert!(has(&q, d, "schema:author", "kg:id/writer"));
        // The sheet's own entity is described in the article's graph.
        assert!(has(&q, "kg:id/writer", "rdfs:label", "\"The writer\"@en"));
    }

    #[test]
    fn entities_carry_labels_in_every_language_and_checked_links() {
        let q = emitted(FACT);
        assert!(has(&q, "kg:id/japan", "rdf:type", "nea:Country"));
        assert!(has(&q, "kg:id/japan", "skos:prefLabel", "\"Japan\"@en"));
        assert!(has(&q, "kg:id/japan", "skos:prefLabel", "\"日本\"@ja"));
        assert!(has(&q, "kg:id/japan", "skos:altLabel", "\"日本国\"@ja"));
        assert!(has(&q, "kg:id/japan", "owl:sameAs", "wd:Q17"));
        assert!(has(&q, "kg:id/rok", "skos:altLabel", "\"ROK\"@en"));
        assert!(!q.iter().any(|l| l.starts_with(
            "<https://w3id.org/nea-kg/id/rok> <http://www.w3.org/2002/07/owl#sameAs>"
        )));
    }

    #[test]
    fn mentions_point_at_their_entity_and_words() {
        let q = emitted("");
        let m = "kg:article/neighbours/mention/rok-1";
        assert!(has(&q, m, "rdf:type", "nea:Mention"));
        assert!(has(&q, m, "nea:mentionOf", "kg:id/rok"));
        assert!(has(
            &q,
            "kg:article/neighbours/mention/rok-1/evidence/quote",
            "oa:exact",
            "\"ROK\""
        ));
    }

    #[test]
    fn the_article_carries_its_text_and_headline() {
        let q = emitted("");
        let a = "kg:article/neighbours";
        assert!(has(&q, a, "rdf:type", "schema:OpinionNewsArticle"));
        assert!(has(&q, a, "schema:headline", "\"Neighbours\"@en"));
        assert!(has(&q, a, "schema:inLanguage", "\"en\""));
        assert!(q.iter().any(|l| l.starts_with("<https://w3id.org/nea-kg/article/neighbours> <http://schema.org/text> \"Neighbours\\nJapan")));
    }
}
