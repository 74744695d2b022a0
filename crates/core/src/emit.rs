//! Emit: the checked model becomes quads. Every modelling commitment of the design brief
//! is made here, and nothing here can fail: `check` has already refused whatever would
//! not map. Facts, statistics, claims, mentions and their evidence go to the article's
//! named graph, with the entities that only its own sheet declares; the registries'
//! entities and shared events are described once, in the entities graph (see `builder`).
//!
//! A relation gets its direct triple only when the article asserts it: not when it is
//! negated ("none of the three were in office"), planned or cancelled. The statement
//! node carries it either way, with the qualifiers that say how it is told.

use crate::iris::Iris;
use crate::model::{
    Article, Bound, Change, Claim, Entity, Evidence, Fact, Genre, Known, Mention, Object, Quantity,
    Ref, SharedEvent, Stance, Statistic, Status, TimeRole, Unit, Voice,
};
use crate::vocab::{nea, oa, owl, prov, rdf, rdfs, schema, skos, time, xsd, WD};
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
    for (entity, name) in &a.local_aliases {
        let node = iris.entity(entity);
        e.add(&node, skos::ALT_LABEL, en(name));
    }
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

/// The description of a shared event: its classes, label and description.
pub fn shared_event(iris: &Iris, e: &SharedEvent, graph: &GraphName) -> Vec<Quad> {
    let node = iris.event(&e.id);
    let mut quads = Vec::new();
    let mut add = |p: NamedNodeRef<'_>, o: Term| {
        quads.push(Quad::new(node.clone(), p.into_owned(), o, graph.clone()));
    };
    add(rdf::TYPE, nea::EVENT.into());
    add(rdf::TYPE, NamedNode::new_unchecked(&e.class).into());
    add(rdfs::LABEL, en(&e.label).into());
    if let Some(d) = &e.description {
        add(rdfs::COMMENT, en(d).into());
    }
    // What the registry says of it is background knowledge; what each article tells
    // of it is in the article's own fact, which reports it (nea:reportsEvent).
    add(nea::KNOWN_BY, nea::BACKGROUND.into());
    let basis = e.basis.as_deref().unwrap_or(SHARED_EVENT_BASIS);
    add(nea::BASIS, en(basis).into());
    quads
}

/// The basis of a shared event whose registry gives none.
pub const SHARED_EVENT_BASIS: &str = "Declared in an entity registry as an event that several articles report; what each article says of it is in the facts that report it (nea:reportsEvent).";

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
            Ref::Event(id) => self.iris.event(id),
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
        let p = &a.publication;
        let (own, aligned) = match p.genre {
            Some(Genre::News) => (Some(nea::NEWS_REPORT), schema::NEWS_ARTICLE),
            Some(Genre::Opinion) => (Some(nea::OPINION_PIECE), schema::OPINION_NEWS_ARTICLE),
            Some(Genre::Statement) => (Some(nea::OFFICIAL_STATEMENT), schema::ARTICLE),
            Some(Genre::JointDeclaration) => (Some(nea::JOINT_DECLARATION), schema::ARTICLE),
            Some(Genre::Encyclopedia) => (Some(nea::ENCYCLOPEDIA_ENTRY), schema::ARTICLE),
            Some(Genre::Interview) => (Some(nea::INTERVIEW), schema::ARTICLE),
            None => (None, schema::ARTICLE),
        };
        // Every article is a schema:Article, whatever its genre: a store without
        // schema.org's class hierarchy finds them all by it.
        self.add(&node, rdf::TYPE, schema::ARTICLE);
        if aligned != schema::ARTICLE {
            self.add(&node, rdf::TYPE, aligned);
        }
        if let Some(own) = own {
            self.add(&node, rdf::TYPE, own);
        }
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
        if let Some(d) = &p.published {
            self.add(&node, schema::DATE_PUBLISHED, d.clone());
        }
        if let Some(d) = &p.published_after {
            self.add(&node, nea::PUBLISHED_AFTER, d.clone());
        }
        if let Some(d) = &p.published_before {
            self.add(&node, nea::PUBLISHED_BEFORE, d.clone());
        }
        if let Some(b) = &p.published_basis {
            self.add(&node, nea::PUBLICATION_DATE_BASIS, en(b));
        }
        if let Some(url) = &p.url {
            self.add(
                &node,
                schema::URL,
                Literal::new_typed_literal(url, xsd::ANY_URI),
            );
        }
        let links = [
            (schema::PUBLISHER, p.publisher.iter().collect::<Vec<_>>()),
            (nea::PUBLISHED_IN, p.publication.iter().collect()),
            (schema::AUTHOR, p.authors.iter().collect()),
            (schema::LOCATION_CREATED, p.dateline.iter().collect()),
        ];
        for (property, refs) in links {
            for r in refs {
                let o = self.node(r);
                self.add(&node, property, o);
            }
        }
    }

    /// An evidence resource: the article's words at a span, with both selectors.
    fn selectors(&mut self, resource: &NamedNode, ev: &Evidence) {
        let quote = NamedNode::new_unchecked(format!("{}/quote", resource.as_str()));
        let position = NamedNode::new_unchecked(format!("{}/position", resource.as_str()));
        let article = self.article.clone();
        let resource = resource.clone();
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

    /// The evidence of a resource: `{node}/evidence`, derived from.
    fn evidence(&mut self, node: &NamedNode, ev: &Evidence) {
        let resource = NamedNode::new_unchecked(format!("{}/evidence", node.as_str()));
        self.add(node, prov::WAS_DERIVED_FROM, resource.clone());
        self.selectors(&resource, ev);
    }

    fn mention(&mut self, m: &Mention) {
        let mention = self.mention_node(&m.entity, m.number);
        let entity = self.iris.entity(&m.entity);
        self.add(&mention, rdf::TYPE, nea::MENTION);
        self.add(&mention, rdf::TYPE, oa::ANNOTATION);
        self.add(&mention, nea::MENTION_OF, entity);
        if let Some((outer, number)) = &m.nested_in {
            let outer = self.mention_node(outer, *number);
            self.add(&mention, nea::NESTED_IN, outer);
        }
        let target = NamedNode::new_unchecked(format!("{}/evidence", mention.as_str()));
        self.add(&mention, oa::HAS_TARGET, target);
        self.evidence(&mention, &m.evidence);
    }

    fn mention_node(&self, entity: &str, number: usize) -> NamedNode {
        self.iris
            .in_article(self.aid, "mention", &format!("{entity}-{number}"))
    }

    fn known(&mut self, node: &NamedNode, known: &Known) {
        let (term, basis) = known_term(known);
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
            if f.asserts_relation() {
                self.quads.push(Quad::new(
                    subject.clone(),
                    predicate.clone(),
                    object.clone(),
                    self.graph.clone(),
                ));
            }
            // Twice: in RDF's reification vocabulary for RDF tools, and in the
            // ontology's own properties, which OWL tools keep (OWL 2 reserves RDF's).
            self.add(&node, rdf::TYPE, rdf::STATEMENT);
            self.add(&node, rdf::TYPE, nea::STATEMENT);
            self.add(&node, rdf::SUBJECT, subject.clone());
            self.add(&node, rdf::PREDICATE, predicate.clone());
            self.add(&node, rdf::OBJECT, object.clone());
            self.add(&node, nea::SUBJECT, subject);
            self.add(&node, nea::PREDICATE, predicate);
            let qualifier = match &object {
                Term::Literal(_) => nea::OBJECT_VALUE,
                _ => nea::OBJECT,
            };
            self.add(&node, qualifier, object);
        }
        if let Some(class) = &f.event {
            self.add(&node, rdf::TYPE, nea::EVENT);
            self.add(&node, rdf::TYPE, NamedNode::new_unchecked(class));
        }
        if let Some(shared) = &f.shared {
            let event = self.iris.event(shared);
            self.add(&node, nea::REPORTS_EVENT, event.clone());
            // The shared node gets this article's evidence too.
            let resource = NamedNode::new_unchecked(format!("{}/evidence", node.as_str()));
            self.add(&event, prov::WAS_DERIVED_FROM, resource);
        }
        self.add(&node, rdfs::LABEL, en(&f.label));
        if let Some(status) = f.status {
            let term = match status {
                Status::Happened => nea::HAPPENED,
                Status::Ongoing => nea::ONGOING,
                Status::Planned => nea::PLANNED,
                Status::Cancelled => nea::CANCELLED,
            };
            self.add(&node, nea::STATUS, term);
        }
        if f.negated {
            self.add(&node, nea::NEGATED, Literal::from(true));
        }
        self.time(&node, f);
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

    /// The time of a fact, twice: plain properties that keep each date's precision
    /// (`nea:date`, `nea:startDate`, `nea:endDate`, `nea:dateAfter`, `nea:dateBefore`)
    /// for simple queries, and OWL-Time (`time:hasTime` an instant or an interval, each
    /// instant `time:inXSDgYear`, `time:inXSDgYearMonth` or `time:inXSDDate` at its
    /// precision; bounds as `time:after` and `time:before`).
    fn time(&mut self, node: &NamedNode, f: &Fact) {
        if f.time.is_empty() {
            return;
        }
        let t = NamedNode::new_unchecked(format!("{}/time", node.as_str()));
        self.add(node, time::HAS_TIME, t.clone());
        for (role, date) in f.time.dates() {
            let (plain, instant) = match role {
                TimeRole::Date => (nea::DATE, None),
                TimeRole::Start => (nea::START_DATE, Some(("start", time::HAS_BEGINNING))),
                TimeRole::End => (nea::END_DATE, Some(("end", time::HAS_END))),
                TimeRole::After => (nea::DATE_AFTER, Some(("after", time::AFTER))),
                TimeRole::Before => (nea::DATE_BEFORE, Some(("before", time::BEFORE))),
            };
            self.add(node, plain, date.clone());
            let at = match instant {
                None => {
                    self.add(&t, rdf::TYPE, time::INSTANT);
                    t.clone()
                }
                Some((name, link)) => {
                    let i = NamedNode::new_unchecked(format!("{}/{name}", t.as_str()));
                    self.add(&t, link, i.clone());
                    self.add(&i, rdf::TYPE, time::INSTANT);
                    i
                }
            };
            let precision = if date.datatype() == xsd::G_YEAR {
                time::IN_XSD_G_YEAR
            } else if date.datatype() == xsd::G_YEAR_MONTH {
                time::IN_XSD_G_YEAR_MONTH
            } else {
                time::IN_XSD_DATE
            };
            self.add(&at, precision, date.clone());
        }
        if f.time.start.is_some() || f.time.end.is_some() {
            self.add(&t, rdf::TYPE, time::INTERVAL);
        } else if f.time.date.is_none() {
            // Bounds alone: a time known only by what it is after or before.
            self.add(&t, rdf::TYPE, time::INTERVAL);
        }
        let (term, basis) = known_term(&f.time_known);
        self.add(node, nea::DATE_KNOWN_BY, term);
        if let Some(b) = basis {
            self.add(node, nea::DATE_BASIS, en(b));
            self.add(node, rdfs::COMMENT, en(b));
        }
    }

    fn statistic(&mut self, t: &Statistic) {
        let node = self.iris.in_article(self.aid, "statistic", &t.id);
        let class = match t.unit {
            Unit::Currency(_) => schema::MONETARY_AMOUNT,
            Unit::Measure { .. } => schema::QUANTITATIVE_VALUE,
        };
        self.add(&node, rdf::TYPE, nea::FACT);
        self.add(&node, rdf::TYPE, nea::STATISTIC);
        self.add(&node, rdf::TYPE, class);
        self.add(&node, rdfs::LABEL, en(&t.label));
        match &t.quantity {
            Quantity::Value(v) => self.add(&node, schema::VALUE, v.clone()),
            Quantity::Bounded(bound, v) => {
                let (side, term) = match bound {
                    Bound::AtLeast => (schema::MIN_VALUE, nea::AT_LEAST),
                    Bound::MoreThan => (schema::MIN_VALUE, nea::MORE_THAN),
                    Bound::AtMost => (schema::MAX_VALUE, nea::AT_MOST),
                    Bound::LessThan => (schema::MAX_VALUE, nea::LESS_THAN),
                };
                self.add(&node, side, v.clone());
                self.add(&node, nea::BOUND, term);
            }
            Quantity::Range(lo, hi) => {
                self.add(&node, schema::MIN_VALUE, lo.clone());
                self.add(&node, schema::MAX_VALUE, hi.clone());
            }
            Quantity::Change {
                direction,
                by,
                from,
                to,
            } => {
                let term = match direction {
                    Change::Rise => nea::RISE,
                    Change::Fall => nea::FALL,
                };
                self.add(&node, nea::CHANGE, term);
                if let Some(v) = by {
                    self.add(&node, schema::VALUE, v.clone());
                }
                if let Some(v) = from {
                    self.add(&node, nea::FROM_VALUE, v.clone());
                }
                if let Some(v) = to {
                    self.add(&node, nea::TO_VALUE, v.clone());
                }
            }
        }
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
        match &c.voice {
            Voice::Author => {
                self.add(&node, nea::VOICE, nea::AUTHOR_VOICE);
                if let Some(author) = author {
                    self.add(&node, schema::AUTHOR, author.clone());
                    self.add(&node, nea::CLAIMANT, author.clone());
                }
            }
            Voice::Unnamed => self.add(&node, nea::VOICE, nea::OTHERS_VOICE),
            Voice::Named(r) => {
                self.add(&node, nea::VOICE, nea::NAMED_VOICE);
                let who = self.node(r);
                self.add(&node, nea::CLAIMANT, who);
            }
            Voice::Joint(refs) => {
                self.add(&node, nea::VOICE, nea::JOINT_VOICE);
                for r in refs {
                    let who = self.node(r);
                    self.add(&node, nea::CLAIMANT, who);
                }
            }
        }
        let stance = match c.stance {
            Stance::Endorses => nea::ENDORSES,
            Stance::Rejects => nea::REJECTS,
            Stance::Reports => nea::REPORTS,
        };
        self.add(&node, nea::STANCE, stance);
        if let Some(a) = &c.attribution {
            self.add(
                &node,
                nea::REPORTING_PHRASE,
                Literal::new_simple_literal(&a.exact),
            );
            // The attribution is evidence of who makes the claim, not of the claim
            // itself: linked by nea:attribution, located by its own selectors.
            let resource = NamedNode::new_unchecked(format!("{}/attribution", node.as_str()));
            self.add(&node, nea::ATTRIBUTION, resource.clone());
            self.selectors(&resource, a);
        }
        for about in &c.about {
            let about = self.node(about);
            self.add(&node, schema::ABOUT, about);
        }
        if let Some((date, known)) = &c.date {
            // When it was said or written: the claim is a creative work.
            self.add(&node, schema::DATE_CREATED, date.clone());
            let (term, basis) = known_term(known);
            self.add(&node, nea::DATE_KNOWN_BY, term);
            if let Some(b) = basis {
                self.add(&node, nea::DATE_BASIS, en(b));
                self.add(&node, rdfs::COMMENT, en(b));
            }
        }
        self.evidence(&node, &c.evidence);
    }
}

fn known_term(known: &Known) -> (NamedNodeRef<'static>, Option<&String>) {
    match known {
        Known::Stated => (nea::STATED, None),
        Known::Inferred(b) => (nea::INFERRED, Some(b)),
        Known::Background(b) => (nea::BACKGROUND, Some(b)),
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
        // The same parts in the ontology's properties, which OWL tools keep.
        assert!(has(&q, fact, "nea:subject", "kg:id/japan"));
        assert!(has(
            &q,
            fact,
            "nea:predicate",
            "nea:normalizedRelationsWith"
        ));
        assert!(has(&q, fact, "nea:object", "kg:id/rok"));
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
        // No genre given: an article, and nothing more is claimed.
        assert!(has(&q, a, "rdf:type", "schema:Article"));
        assert!(!q.iter().any(|l| l.contains("OpinionNewsArticle")));
        assert!(has(&q, a, "schema:headline", "\"Neighbours\"@en"));
        assert!(has(&q, a, "schema:inLanguage", "\"en\""));
        assert!(q.iter().any(|l| l.starts_with("<https://w3id.org/nea-kg/article/neighbours> <http://schema.org/text> \"Neighbours\\nJapan")));
    }

    #[test]
    fn a_negated_or_planned_relation_has_no_direct_triple() {
        let fact = "[[fact]]\nid = \"f\"\nsubject = \"japan\"\npredicate = \"nea:normalizedRelationsWith\"\nobject = \"rok\"\nquote = \"normalized their relations\"\n";
        let direct =
            |q: &[String]| has(q, "kg:id/japan", "nea:normalizedRelationsWith", "kg:id/rok");
        assert!(direct(&emitted(fact)));
        let negated = emitted(&format!("{fact}negated = true\n"));
        assert!(!direct(&negated));
        assert!(has(
            &negated,
            "kg:article/neighbours/fact/f",
            "nea:negated",
            "\"true\"^^xsd:boolean"
        ));
        assert!(has(
            &negated,
            "kg:article/neighbours/fact/f",
            "rdf:object",
            "kg:id/rok"
        ));
        let planned = emitted(&format!("{fact}status = \"planned\"\n"));
        assert!(!direct(&planned));
        assert!(has(
            &planned,
            "kg:article/neighbours/fact/f",
            "nea:status",
            "nea:Planned"
        ));
    }

    #[test]
    fn time_is_given_plainly_and_with_owl_time_at_its_precision() {
        let q = emitted("[[fact]]\nid = \"f\"\nevent = \"Meeting\"\nlabel = \"A meeting\"\nstart = \"2024-05-26\"\nend = \"2024-05\"\nbefore = \"2030\"\ndate_inferred = \"for the test\"\nquote = \"1965\"\n");
        let f = "kg:article/neighbours/fact/f";
        let t = "kg:article/neighbours/fact/f/time";
        assert!(has(&q, f, "nea:startDate", "\"2024-05-26\"^^xsd:date"));
        assert!(has(&q, f, "nea:endDate", "\"2024-05\"^^xsd:gYearMonth"));
        assert!(has(&q, f, "nea:dateBefore", "\"2030\"^^xsd:gYear"));
        assert!(has(&q, f, "time:hasTime", t));
        assert!(has(&q, t, "rdf:type", "time:Interval"));
        assert!(has(&q, t, "time:hasBeginning", &format!("{t}/start")));
        assert!(has(
            &q,
            &format!("{t}/start"),
            "time:inXSDDate",
            "\"2024-05-26\"^^xsd:date"
        ));
        assert!(has(
            &q,
            &format!("{t}/end"),
            "time:inXSDgYearMonth",
            "\"2024-05\"^^xsd:gYearMonth"
        ));
        assert!(has(&q, t, "time:before", &format!("{t}/before")));
        assert!(has(
            &q,
            &format!("{t}/before"),
            "time:inXSDgYear",
            "\"2030\"^^xsd:gYear"
        ));
        assert!(has(&q, f, "nea:dateKnownBy", "nea:Inferred"));
        let point = emitted(FACT);
        let t = "kg:article/neighbours/fact/n/time";
        assert!(has(&point, t, "rdf:type", "time:Instant"));
        assert!(has(&point, t, "time:inXSDgYear", "\"1965\"^^xsd:gYear"));
    }

    #[test]
    fn bounds_ranges_and_changes_are_said_as_such() {
        let stat = |fields: &str| {
            emitted(&format!("[[statistic]]\nid = \"s\"\nlabel = \"x\"\nsubject = \"japan\"\n{fields}unit = \"percent\"\nquote = \"$800 billion last year, about 25 percent\"\n"))
        };
        let s = "kg:article/neighbours/statistic/s";
        let over = stat("value = 25\nbound = \"more-than\"\n");
        assert!(has(&over, s, "schema:minValue", "\"25\"^^xsd:integer"));
        assert!(has(&over, s, "nea:bound", "nea:MoreThan"));
        assert!(!over.iter().any(|l| l.contains("schema.org/value>")));
        let range = stat("min = 25\nmax = 800\n");
        assert!(has(&range, s, "schema:maxValue", "\"800\"^^xsd:integer"));
        let change = stat("change = \"fall\"\nfrom = 800\nto = 25\n");
        assert!(has(&change, s, "nea:change", "nea:Fall"));
        assert!(has(&change, s, "nea:fromValue", "\"800\"^^xsd:integer"));
        assert!(has(&change, s, "nea:toValue", "\"25\"^^xsd:integer"));
    }

    #[test]
    fn a_named_voice_is_the_claimant_and_its_attribution_is_evidence() {
        let q = emitted("[[claim]]\nid = \"c\"\ntext = \"x\"\nvoice = \"rok\"\nattribution = \"Some argue\"\nquote = \"the region cannot cooperate\"\n");
        let c = "kg:article/neighbours/claim/c";
        assert!(has(&q, c, "nea:voice", "nea:NamedVoice"));
        assert!(has(&q, c, "nea:claimant", "kg:id/rok"));
        assert!(has(&q, c, "nea:stance", "nea:Reports"));
        assert!(has(
            &q,
            c,
            "nea:attribution",
            "kg:article/neighbours/claim/c/attribution"
        ));
        assert!(has(
            &q,
            "kg:article/neighbours/claim/c/attribution/quote",
            "oa:exact",
            "\"Some argue\""
        ));
        // The attribution is not evidence of the claim itself.
        assert!(!has(
            &q,
            c,
            "prov:wasDerivedFrom",
            "kg:article/neighbours/claim/c/attribution"
        ));
    }

    #[test]
    fn the_genre_and_the_publishers_metadata_type_the_article() {
        let iris = Iris::new(DEFAULT_BASE).unwrap();
        let input = crate::check::ArticleInput {
            text: crate::source::Source::new("article.txt", crate::testing::ARTICLE),
            sheet: crate::source::Source::new(
                "facts.toml",
                format!("{}genre = \"news\"\npublished = \"2025-03-30\"\nurl = \"https://example.org/n\"\npublisher = \"japan\"\ndateline = \"tokyo\"\n", crate::testing::HEADER),
            ),
        };
        let a = crate::check::article(&input, &registry(), &crate::testing::ontology()).unwrap();
        let q: Vec<String> = article(&iris, &a)
            .iter()
            .map(|q| format!("{} {} {}", q.subject, q.predicate, q.object))
            .collect();
        let art = "kg:article/neighbours";
        assert!(has(&q, art, "rdf:type", "nea:NewsReport"));
        assert!(has(&q, art, "rdf:type", "schema:NewsArticle"));
        assert!(has(
            &q,
            art,
            "schema:datePublished",
            "\"2025-03-30\"^^xsd:date"
        ));
        assert!(has(&q, art, "schema:publisher", "kg:id/japan"));
        assert!(has(&q, art, "schema:locationCreated", "kg:id/tokyo"));
    }
}
