//! The mapping from a grounded fact sheet to quads: every modelling commitment of the
//! design brief is made here. Facts, statistics, claims, mentions and their evidence go
//! to the article's named graph, with the entities that only its own sheet declares. The
//! registry's entities are shared by the articles, so each one an article names is
//! described once, in the entities graph, however many articles name it (in the union
//! of the graphs, which is what queries see, a description repeated in every article's
//! graph would multiply every join on it). The ontology and the dataset description have
//! graphs of their own. IRIs come from the sheet's ids under the base IRI, so
//! there are no blank nodes and two runs give the same quads.

use crate::error::{and_more, quoted, thousands, Error, Result};
use crate::ground::{self, QuoteError, Spacing, Span, Text};
use crate::ontology::Ontology;
use crate::sheet::{
    self, Claimant, Entity, Fact, IdIndex, Known, Registry, Sheet, Source, Stance, Value,
};
use crate::vocab::{self, dcat, dcterms, nea, oa, owl, prov, rdf, rdfs, schema, skos, void, xsd};
use oxrdf::{GraphName, Literal, NamedNode, NamedNodeRef, Quad, Term};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use toml::Spanned;

/// The base IRI used when `--base` is not given.
pub const DEFAULT_BASE: &str = "https://w3id.org/nea-kg/";

/// One article with its sheet.
#[derive(Debug, Clone)]
pub struct ArticleInput {
    pub text: Source,
    pub sheet: Source,
}

/// The built graph: quads in every graph, what each article holds, and the sheets that
/// failed (with `--keep-going`).
pub struct Built {
    pub quads: Vec<Quad>,
    pub articles: Vec<ArticleSummary>,
    pub failures: Vec<Error>,
}

/// One article that was built, for the dataset description.
#[derive(Debug, Clone)]
pub struct ArticleSummary {
    pub id: String,
    pub sha256: String,
    /// The triples of the article's graph.
    pub triples: usize,
}

/// What a streaming build produced, besides the quads it handed to the sink.
pub struct Summary {
    pub articles: Vec<ArticleSummary>,
    pub failures: Vec<Error>,
    pub quads: usize,
}

/// IRIs under the base.
pub struct Iris {
    base: String,
}

impl Iris {
    pub fn new(base: &str) -> Result<Self> {
        let ok = NamedNode::new(base).is_ok() && (base.ends_with('/') || base.ends_with('#'));
        if !ok {
            return Err(Error::input(format!(
                "invalid --base {}: it must be an absolute IRI ending in '/' or '#'\n  for example --base https://example.org/kg/",
                quoted(base)
            )));
        }
        Ok(Self {
            base: base.to_owned(),
        })
    }
    fn node(&self, path: &str) -> NamedNode {
        NamedNode::new_unchecked(format!("{}{path}", self.base))
    }
    pub fn entity(&self, id: &str) -> NamedNode {
        self.node(&format!("id/{id}"))
    }
    pub fn article(&self, aid: &str) -> NamedNode {
        self.node(&format!("article/{aid}"))
    }
    fn in_article(&self, aid: &str, kind: &str, id: &str) -> NamedNode {
        self.node(&format!("article/{aid}/{kind}/{id}"))
    }
    pub fn article_graph(&self, aid: &str) -> NamedNode {
        self.node(&format!("graph/{aid}"))
    }
    pub fn ontology_graph(&self) -> NamedNode {
        self.node("graph/ontology")
    }
    pub fn metadata_graph(&self) -> NamedNode {
        self.node("graph/metadata")
    }
    pub fn entities_graph(&self) -> NamedNode {
        self.node("graph/entities")
    }
    /// The namespace of entity IRIs, declared as a prefix in exports.
    pub fn entity_namespace(&self) -> String {
        format!("{}id/", self.base)
    }
}

/// Builds every graph in memory: the ontology, each article, and the dataset
/// description. The first sheet that fails stops the build.
pub fn build(
    registry: &Source,
    ontology_source: &Source,
    articles: &[ArticleInput],
    base: &str,
) -> Result<Built> {
    let mut quads = Vec::new();
    let summary = build_into(
        registry,
        ontology_source,
        articles.iter().map(|a| Ok(a.clone())),
        base,
        false,
        &mut |batch| {
            quads.extend(batch);
            Ok(())
        },
    )?;
    Ok(Built {
        quads,
        articles: summary.articles,
        failures: summary.failures,
    })
}

/// Builds graph by graph, handing each graph's quads to `sink` as soon as it is made,
/// so that memory does not grow with the corpus. With `keep_going`, a sheet that fails
/// is reported (on stderr) and left out, and the build goes on; otherwise it stops.
pub fn build_into(
    registry: &Source,
    ontology_source: &Source,
    articles: impl Iterator<Item = Result<ArticleInput>>,
    base: &str,
    keep_going: bool,
    sink: &mut dyn FnMut(Vec<Quad>) -> Result<()>,
) -> Result<Summary> {
    let iris = Iris::new(base)?;
    let ontology = Ontology::parse(ontology_source)?;
    let registry_sheet: Registry = sheet::parse(registry)?;
    let ontology_graph = GraphName::from(iris.ontology_graph());
    let ontology_quads: Vec<Quad> = ontology
        .triples
        .iter()
        .map(|t| t.clone().in_graph(ontology_graph.clone()))
        .collect();
    let mut total = ontology_quads.len();
    sink(ontology_quads)?;
    let mut summaries = Vec::new();
    let mut failures = Vec::new();
    let mut seen_articles: BTreeMap<String, String> = BTreeMap::new();
    let mut described: BTreeSet<String> = BTreeSet::new();
    let mut entity_triples = 0;
    for input in articles {
        let result = input.and_then(|input| {
            map_article(
                &iris,
                &ontology,
                registry,
                &registry_sheet,
                &input,
                &mut seen_articles,
                &mut described,
            )
        });
        match result {
            Ok((summary, mut quads, entities)) => {
                total += quads.len() + entities.len();
                entity_triples += entities.len();
                summaries.push(summary);
                quads.extend(entities);
                sink(quads)?;
            }
            Err(e) if keep_going => {
                eprintln!("error: {}", e.message);
                failures.push(e);
            }
            Err(e) => return Err(e),
        }
    }
    let metadata = describe_dataset(&iris, &summaries, entity_triples, total, &ontology)?;
    total += metadata.len();
    sink(metadata)?;
    Ok(Summary {
        articles: summaries,
        failures,
        quads: total,
    })
}

/// One article's graph, and the description (in the entities graph) of the registry's
/// entities it names that no earlier article named; `described` gains them.
fn map_article(
    iris: &Iris,
    ontology: &Ontology,
    registry: &Source,
    registry_sheet: &Registry,
    input: &ArticleInput,
    seen: &mut BTreeMap<String, String>,
    described: &mut BTreeSet<String>,
) -> Result<(ArticleSummary, Vec<Quad>, Vec<Quad>)> {
    let sheet: Sheet = sheet::parse(&input.sheet)?;
    let aid = sheet.article.id.get_ref().clone();
    if let Some(previous) = seen.get(&aid) {
        return Err(Error::input(format!(
            "{}: the article id {} is already used by {previous}\n  give each article's sheet its own [article] id",
            input.sheet.name,
            quoted(&aid)
        )));
    }
    let mut mapper = Mapper::new(iris, ontology, registry, registry_sheet, input, &sheet)?;
    let entities = mapper.map(described)?;
    let quads = mapper.finish();
    seen.insert(aid.clone(), input.sheet.name.clone());
    described.extend(
        mapper
            .used
            .iter()
            .filter(|id| mapper.is_shared(id))
            .cloned(),
    );
    let digest = Sha256::digest(input.text.text.as_bytes());
    let sha256 = digest.iter().map(|b| format!("{b:02x}")).collect();
    Ok((
        ArticleSummary {
            id: aid,
            sha256,
            triples: quads.len(),
        },
        quads,
        entities,
    ))
}

/// What an id in the sheet can refer to.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Entity,
    Fact,
    Statistic,
    Claim,
    Article,
}

struct Mapper<'a> {
    iris: &'a Iris,
    ontology: &'a Ontology,
    input: &'a ArticleInput,
    sheet: &'a Sheet,
    text: Text<'a>,
    aid: String,
    article: NamedNode,
    graph: GraphName,
    ids: HashMap<String, Kind>,
    /// Entities by id, with the file they were declared in.
    entities: BTreeMap<String, (&'a Entity, &'a Source)>,
    /// The registry, to tell its (shared) entities from the sheet's own.
    registry: &'a Source,
    /// The entities graph.
    entities_graph: GraphName,
    used: BTreeSet<String>,
    quads: Vec<Quad>,
}

impl<'a> Mapper<'a> {
    fn new(
        iris: &'a Iris,
        ontology: &'a Ontology,
        registry: &'a Source,
        registry_sheet: &'a Registry,
        input: &'a ArticleInput,
        sheet: &'a Sheet,
    ) -> Result<Self> {
        if input.text.text.trim().is_empty() {
            return Err(Error::input(format!(
                "{}: the article is empty\n  give the article's text, UTF-8, as a .txt file",
                input.text.name
            )));
        }
        let aid = sheet.article.id.get_ref().clone();
        let mut index = IdIndex::default();
        let mut ids = HashMap::new();
        let mut entities = BTreeMap::new();
        for e in &registry_sheet.entity {
            index.declare(registry, &e.id, "entity")?;
            ids.insert(e.id.get_ref().clone(), Kind::Entity);
            entities.insert(e.id.get_ref().clone(), (e, registry));
        }
        let s = &input.sheet;
        index.declare(s, &sheet.article.id, "article")?;
        ids.insert(aid.clone(), Kind::Article);
        for e in &sheet.entity {
            index.declare(s, &e.id, "entity")?;
            ids.insert(e.id.get_ref().clone(), Kind::Entity);
            entities.insert(e.id.get_ref().clone(), (e, s));
        }
        for f in &sheet.fact {
            index.declare(s, &f.id, "fact")?;
            ids.insert(f.id.get_ref().clone(), Kind::Fact);
        }
        for t in &sheet.statistic {
            index.declare(s, &t.id, "statistic")?;
            ids.insert(t.id.get_ref().clone(), Kind::Statistic);
        }
        for c in &sheet.claim {
            index.declare(s, &c.id, "claim")?;
            ids.insert(c.id.get_ref().clone(), Kind::Claim);
        }
        let text = Text::new(&input.text.text);
        let first_line = input.text.text.lines().next().unwrap_or("").trim();
        if first_line != sheet.article.headline.get_ref() {
            return Err(Error::input(format!(
                "{}:{}: the headline {} is not the first line of {} ({})\n  make `headline` the article's first line, exactly",
                s.name,
                s.line(&sheet.article.headline),
                quoted(sheet.article.headline.get_ref()),
                input.text.name,
                quoted(first_line)
            )));
        }
        Ok(Self {
            iris,
            ontology,
            input,
            sheet,
            text,
            article: iris.article(&aid),
            graph: GraphName::from(iris.article_graph(&aid)),
            aid,
            ids,
            entities,
            registry,
            entities_graph: GraphName::from(iris.entities_graph()),
            used: BTreeSet::new(),
            quads: Vec::new(),
        })
    }

    fn add(&mut self, s: &NamedNode, p: NamedNodeRef<'_>, o: impl Into<Term>) {
        self.quads.push(Quad::new(
            s.clone(),
            p.into_owned(),
            o.into(),
            self.graph.clone(),
        ));
    }

    fn en(&self, s: &str) -> Literal {
        Literal::new_language_tagged_literal_unchecked(s, "en")
    }

    /// Maps the sheet into the article's graph; returns the description of the registry's
    /// entities it names that are not in `described` yet.
    fn map(&mut self, described: &BTreeSet<String>) -> Result<Vec<Quad>> {
        self.map_article()?;
        self.map_mentions()?;
        for fact in &self.sheet.fact {
            self.map_fact(fact)?;
        }
        for statistic in &self.sheet.statistic {
            self.map_statistic(statistic)?;
        }
        let author = self.article_author();
        for claim in &self.sheet.claim {
            self.map_claim(claim, author.as_ref())?;
        }
        let mut shared = Vec::new();
        for id in &self.used {
            if !self.is_shared(id) {
                let quads = self.map_entity(id, &self.graph)?;
                self.quads.extend(quads);
            } else if !described.contains(id) {
                shared.extend(self.map_entity(id, &self.entities_graph)?);
            }
        }
        Ok(shared)
    }

    /// Whether an entity is the registry's (described in the entities graph) rather than
    /// the sheet's own (described in the article's graph).
    fn is_shared(&self, id: &str) -> bool {
        self.entities
            .get(id)
            .is_some_and(|(_, source)| std::ptr::eq(*source, self.registry))
    }

    fn finish(&mut self) -> Vec<Quad> {
        std::mem::take(&mut self.quads)
    }

    fn map_article(&mut self) -> Result<()> {
        let meta = &self.sheet.article;
        let lang = meta.language.get_ref();
        let a = self.article.clone();
        let headline = Literal::new_language_tagged_literal(meta.headline.get_ref(), lang)
            .map_err(|e| {
                Error::input(format!(
                    "{}:{}: invalid language tag {}: {e}\n  use a BCP 47 tag such as \"en\" or \"zh-Hans\"",
                    self.input.sheet.name,
                    self.input.sheet.line(&meta.language),
                    quoted(lang)
                ))
            })?;
        self.add(&a, rdf::TYPE, schema::OPINION_NEWS_ARTICLE);
        self.add(&a, rdfs::LABEL, headline.clone());
        self.add(&a, schema::HEADLINE, headline);
        if let Some(alt) = &meta.alternative_headline {
            let alt =
                Literal::new_language_tagged_literal_unchecked(alt, lang.to_ascii_lowercase());
            self.add(&a, schema::ALTERNATIVE_HEADLINE, alt);
        }
        self.add(&a, schema::IN_LANGUAGE, Literal::new_simple_literal(lang));
        self.add(
            &a,
            schema::TEXT,
            Literal::new_simple_literal(self.text.as_str()),
        );
        Ok(())
    }

    /// The author of the article, from the fact `<article> schema:author <entity>`.
    fn article_author(&self) -> Option<NamedNode> {
        self.sheet.fact.iter().find_map(|f| {
            let is_author = f.subject.as_ref().is_some_and(|s| *s.get_ref() == self.aid)
                && f.predicate
                    .as_ref()
                    .is_some_and(|p| p.get_ref() == "schema:author");
            is_author
                .then(|| f.object.as_ref().map(|o| self.iris.entity(o.get_ref())))
                .flatten()
        })
    }

    /// Resolves an id of the sheet to its IRI, checking its kind.
    fn resolve(
        &mut self,
        id: &Spanned<String>,
        field: &str,
        owner: &str,
        allowed: &[Kind],
    ) -> Result<NamedNode> {
        let name = id.get_ref();
        let s = &self.input.sheet;
        match self.ids.get(name) {
            Some(kind) if allowed.contains(kind) => Ok(match kind {
                Kind::Entity => {
                    self.used.insert(name.clone());
                    self.iris.entity(name)
                }
                Kind::Fact => self.iris.in_article(&self.aid, "fact", name),
                Kind::Statistic => self.iris.in_article(&self.aid, "statistic", name),
                Kind::Claim => self.iris.in_article(&self.aid, "claim", name),
                Kind::Article => self.article.clone(),
            }),
            Some(_) => Err(Error::input(format!(
                "{}:{}: {owner}: `{field}` names {}, which is not {}\n  give the id of {}",
                s.name,
                s.line(id),
                quoted(name),
                kinds_text(allowed),
                kinds_text(allowed)
            ))),
            None => {
                let closest = closest_id(self.ids.keys(), name)
                    .map(|k| format!(" (did you mean {}?)", quoted(k)))
                    .unwrap_or_default();
                Err(Error::input(format!(
                    "{}:{}: {owner}: unknown id {} in `{field}`{closest}\n  declare it in the entity registry or the sheet, or fix the spelling",
                    s.name,
                    s.line(id),
                    quoted(name)
                )))
            }
        }
    }

    /// Locates a quote and writes the evidence of `node`.
    fn evidence(
        &mut self,
        node: &NamedNode,
        owner: &str,
        quote: &Spanned<String>,
        occurrence: Option<&Spanned<usize>>,
    ) -> Result<()> {
        let s = &self.input.sheet;
        let q = quote.get_ref();
        let span = self
            .text
            .locate(q, occurrence.map(|o| *o.get_ref()))
            .map_err(|e| {
                let head = format!(
                    "{}:{}: {owner}: the quote {}",
                    s.name,
                    s.line(quote),
                    quoted(q)
                );
                Error::input(match e {
                    QuoteError::Empty => format!("{head} is empty\n  quote the article's words that support it"),
                    QuoteError::NoWords => format!("{head} has no letter or digit\n  quote the article's words that support it, not punctuation or spaces alone"),
                    QuoteError::Spacing { passage, spacing } => {
                        let article = &self.input.text.name;
                        let (what, fix) = match spacing {
                            Spacing::LineBreakInText => (
                                format!("crosses a line break of {article}, where the quote has a space"),
                                "write the line break as \\n in the quote, or quote the words on one side of it",
                            ),
                            Spacing::LineBreakInQuote => (
                                format!("has a line break where {article} has a space"),
                                "write a space there, as the article does",
                            ),
                            Spacing::Other => (
                                format!("is in {article} only with other white space"),
                                "copy the spaces and line breaks exactly as the article writes them",
                            ),
                        };
                        let note = if passage.contains('\n') { " (⏎ marks a line break)" } else { "" };
                        format!(
                            "{head} {what}\n  the article's passage is: {}{note}\n  {fix}",
                            quoted(&passage.replace('\n', "⏎"))
                        )
                    }
                    QuoteError::NotFound { closest } => format!(
                        "{head} is not in {}\n  the closest passage of the article is: {}\n  copy the words exactly as the article writes them",
                        self.input.text.name,
                        quoted(&closest)
                    ),
                    QuoteError::Ambiguous { count, contexts } => {
                        let mut lines: Vec<String> = contexts.iter().enumerate().map(|(i, c)| format!("    {}. {c}", i + 1)).collect();
                        lines.extend(and_more(contexts.len(), count).map(|more| format!("    {more}")));
                        format!(
                            "{head} occurs {} times in {}:\n{}\n  lengthen the quote, or say which with `occurrence = N` (1 is the first)",
                            thousands(count),
                            self.input.text.name,
                            lines.join("\n")
                        )
                    }
                    QuoteError::NoSuchOccurrence { count } => format!(
                        "{head}: `occurrence` must be between 1 and {}, the number of times it occurs",
                        thousands(count)
                    ),
                })
            })?;
        self.write_evidence(node, &span);
        Ok(())
    }

    fn write_evidence(&mut self, node: &NamedNode, span: &Span) {
        let ev = NamedNode::new_unchecked(format!("{}/evidence", node.as_str()));
        let quote = NamedNode::new_unchecked(format!("{}/quote", ev.as_str()));
        let position = NamedNode::new_unchecked(format!("{}/position", ev.as_str()));
        let (before, after) = self.text.context(span);
        let exact = self.text.slice(span.start, span.end);
        let a = self.article.clone();
        self.add(node, prov::WAS_DERIVED_FROM, ev.clone());
        self.add(&ev, rdf::TYPE, nea::EVIDENCE);
        self.add(&ev, rdf::TYPE, oa::SPECIFIC_RESOURCE);
        self.add(&ev, oa::HAS_SOURCE, a);
        self.add(&ev, oa::HAS_SELECTOR, quote.clone());
        self.add(&ev, oa::HAS_SELECTOR, position.clone());
        self.add(&ev, nea::PARAGRAPH, Literal::from(span.paragraph as i64));
        self.add(&ev, nea::SENTENCE, Literal::from(span.sentence as i64));
        self.add(&quote, rdf::TYPE, oa::TEXT_QUOTE_SELECTOR);
        self.add(&quote, oa::EXACT, Literal::new_simple_literal(exact));
        if !before.is_empty() {
            self.add(&quote, oa::PREFIX, Literal::new_simple_literal(before));
        }
        if !after.is_empty() {
            self.add(&quote, oa::SUFFIX, Literal::new_simple_literal(after));
        }
        self.add(&position, rdf::TYPE, oa::TEXT_POSITION_SELECTOR);
        self.add(&position, oa::START, Literal::from(span.start as i64));
        self.add(&position, oa::END, Literal::from(span.end as i64));
    }

    fn map_mentions(&mut self) -> Result<()> {
        let mut owners: BTreeMap<&str, &str> = BTreeMap::new();
        let mut names: Vec<(String, &str)> = Vec::new();
        for (id, (e, source)) in &self.entities {
            if !e.mentions {
                continue;
            }
            for name in std::iter::once(&e.label).chain(&e.aliases) {
                if let Some(other) = owners.insert(name.as_str(), id.as_str()) {
                    if other != id {
                        return Err(Error::input(format!(
                            "{}:{}: the name {} is given to both {} and {}\n  a name can match one entity only: drop it from one of them, or set `mentions = false`",
                            source.name,
                            source.line(&e.id),
                            quoted(name),
                            quoted(other),
                            quoted(id)
                        )));
                    }
                    continue;
                }
                names.push((id.clone(), name.as_str()));
            }
        }
        let matches = ground::find_mentions(&self.text, &names);
        let mut numbers: HashMap<String, usize> = HashMap::new();
        for m in matches {
            let n = numbers.entry(m.key.clone()).or_insert(0);
            *n += 1;
            let mention = self
                .iris
                .in_article(&self.aid, "mention", &format!("{}-{n}", m.key));
            let entity = self.iris.entity(&m.key);
            self.used.insert(m.key.clone());
            let span = self.text.span(m.start, m.end);
            self.add(&mention, rdf::TYPE, nea::MENTION);
            self.add(&mention, rdf::TYPE, oa::ANNOTATION);
            self.add(&mention, nea::MENTION_OF, entity);
            let target = NamedNode::new_unchecked(format!("{}/evidence", mention.as_str()));
            self.add(&mention, oa::HAS_TARGET, target);
            self.write_evidence(&mention, &span);
        }
        Ok(())
    }

    /// The description of an entity: type, labels, Wikidata link, in `graph`.
    fn map_entity(&self, id: &str, graph: &GraphName) -> Result<Vec<Quad>> {
        let (e, source) = self.entities[id];
        let node = self.iris.entity(id);
        let mut quads = Vec::new();
        let mut add = |p: NamedNodeRef<'_>, o: Term| {
            quads.push(Quad::new(node.clone(), p.into_owned(), o, graph.clone()));
        };
        let class = vocab::nea_term(e.class.get_ref());
        if !self.ontology.is_class(&class) || !self.ontology.is_a(&class, nea_entity()) {
            return Err(Error::input(format!(
                "{}:{}: entity {}: unknown class {}\n  use one of the ontology's entity classes: {}",
                source.name,
                source.line(&e.class),
                quoted(id),
                quoted(e.class.get_ref()),
                self.ontology.classes_under(nea_entity()).join(", ")
            )));
        }
        add(rdf::TYPE, NamedNode::new_unchecked(class).into());
        let label = self.en(&e.label);
        add(rdfs::LABEL, label.clone().into());
        add(skos::PREF_LABEL, label.into());
        for alias in &e.aliases {
            let alias = self.en(alias);
            add(skos::ALT_LABEL, alias.into());
        }
        for (lang, names) in e.translations() {
            for (i, name) in names.iter().enumerate() {
                let p = if i == 0 {
                    skos::PREF_LABEL
                } else {
                    skos::ALT_LABEL
                };
                add(
                    p,
                    Literal::new_language_tagged_literal_unchecked(name, lang).into(),
                );
            }
        }
        if let Some(d) = &e.description {
            let d = self.en(d);
            add(rdfs::COMMENT, d.into());
        }
        if let Some(q) = &e.wikidata {
            let ok = q.get_ref().strip_prefix('Q').is_some_and(|n| {
                !n.is_empty() && !n.starts_with('0') && n.chars().all(|c| c.is_ascii_digit())
            });
            if !ok {
                return Err(Error::input(format!(
                    "{}:{}: entity {}: {} is not a Wikidata item id\n  write the id alone, as `wikidata = \"Q148\"`, or leave it out",
                    source.name,
                    source.line(q),
                    quoted(id),
                    quoted(q.get_ref())
                )));
            }
            add(
                owl::SAME_AS,
                NamedNode::new_unchecked(format!("{}{}", vocab::WD, q.get_ref())).into(),
            );
        }
        Ok(quads)
    }

    fn predicate(&self, p: &Spanned<String>, owner: &str) -> Result<NamedNode> {
        let s = &self.input.sheet;
        let iri = vocab::expand(p.get_ref()).ok_or_else(|| {
            Error::input(format!(
                "{}:{}: {owner}: {} is not a prefixed name with a known prefix\n  write it as `nea:normalizedRelationsWith` or `schema:foundingDate`; the prefixes are {}",
                s.name,
                s.line(p),
                quoted(p.get_ref()),
                vocab::PREFIXES.iter().map(|(p, _)| *p).collect::<Vec<_>>().join(", ")
            ))
        })?;
        if vocab::nea_local(&iri).is_some() && !self.ontology.is_property(&iri) {
            return Err(Error::input(format!(
                "{}:{}: {owner}: {} is not a property of the ontology\n  use a property declared in ontology/nea.ttl, or declare it there first",
                s.name,
                s.line(p),
                quoted(p.get_ref())
            )));
        }
        Ok(NamedNode::new_unchecked(iri))
    }

    fn date(&self, d: &Spanned<String>, owner: &str) -> Result<Literal> {
        date_literal(d.get_ref()).ok_or_else(|| {
            Error::input(format!(
                "{}:{}: {owner}: invalid date {}\n  write a year (1965), a year and month (2024-05) or a day (2025-03-22)",
                self.input.sheet.name,
                self.input.sheet.line(d),
                quoted(d.get_ref())
            ))
        })
    }

    fn known(
        &mut self,
        node: &NamedNode,
        known: Known,
        basis: Option<&str>,
        owner: &str,
        id: &Spanned<String>,
    ) -> Result<()> {
        let term = match known {
            Known::Stated => nea::STATED,
            Known::Inferred => nea::INFERRED,
            Known::Background => nea::BACKGROUND,
        };
        self.add(node, nea::KNOWN_BY, term);
        match (known, basis) {
            (Known::Stated, _) => {}
            (_, Some(b)) => {
                let b = self.en(b);
                self.add(node, nea::BASIS, b.clone());
                self.add(node, rdfs::COMMENT, b);
            }
            (_, None) => {
                return Err(Error::input(format!(
                    "{}:{}: {owner}: a fact that is not stated needs a `basis`\n  say how it is known: the reasoning, or the source of the background knowledge",
                    self.input.sheet.name,
                    self.input.sheet.line(id)
                )))
            }
        }
        Ok(())
    }

    fn map_fact(&mut self, f: &'a Fact) -> Result<()> {
        let s = &self.input.sheet;
        let id = f.id.get_ref();
        let owner = format!("fact {}", quoted(id));
        let node = self.iris.in_article(&self.aid, "fact", id);
        self.add(&node, rdf::TYPE, nea::FACT);
        let date = f.date.as_ref().map(|d| self.date(d, &owner)).transpose()?;
        // The direct triple and the statement node.
        let mut derived_label = None;
        match (&f.subject, &f.predicate) {
            (Some(subject), Some(predicate)) => {
                let all = [Kind::Entity, Kind::Fact, Kind::Statistic, Kind::Claim, Kind::Article];
                let subject_node = self.resolve(subject, "subject", &owner, &all)?;
                let p = self.predicate(predicate, &owner)?;
                let (object, object_label): (Term, String) = match (&f.object, &f.value, &date) {
                    (Some(o), None, _) => {
                        let n = self.resolve(o, "object", &owner, &all)?;
                        (n.into(), self.label_of(o.get_ref()))
                    }
                    (None, Some(v), _) => {
                        if matches!(v.get_ref(), Value::Decimal(d) if !d.is_finite()) {
                            return Err(Error::input(format!(
                                "{}:{}: {owner}: `value` must be a finite number",
                                s.name,
                                s.line(v)
                            )));
                        }
                        let l = value_literal(v.get_ref());
                        let text = l.value().to_owned();
                        (l.into(), text)
                    }
                    (None, None, Some(d)) => (d.clone().into(), d.value().to_owned()),
                    (Some(_), Some(_), _) => {
                        return Err(Error::input(format!(
                            "{}:{}: {owner}: give `object` or `value`, not both", s.name, s.line(&f.id)
                        )))
                    }
                    (None, None, None) => {
                        return Err(Error::input(format!(
                            "{}:{}: {owner}: the predicate has no object\n  add `object` (an id), `value` (a literal) or `date`", s.name, s.line(&f.id)
                        )))
                    }
                };
                self.quads.push(Quad::new(subject_node.clone(), p.clone(), object.clone(), self.graph.clone()));
                self.add(&node, rdf::TYPE, rdf::STATEMENT);
                self.add(&node, rdf::TYPE, nea::STATEMENT);
                self.add(&node, rdf::SUBJECT, subject_node);
                self.add(&node, rdf::PREDICATE, p.clone());
                self.add(&node, rdf::OBJECT, object);
                let p_label = self
                    .ontology
                    .label(p.as_str())
                    .map(str::to_owned)
                    .unwrap_or_else(|| words(p.as_str()));
                derived_label = Some(format!("{} {p_label} {object_label}", self.label_of(subject.get_ref())));
            }
            (None, None) if f.object.is_none() && f.value.is_none() => {}
            _ => {
                return Err(Error::input(format!(
                    "{}:{}: {owner}: a relation needs `subject`, `predicate` and `object` (or `value`) together\n  complete the triple, or remove its parts to state an event only",
                    s.name, s.line(&f.id)
                )))
            }
        }
        if let Some(class) = &f.event {
            let iri = vocab::nea_term(class.get_ref());
            if !self.ontology.is_a(&iri, nea::EVENT.as_str()) {
                return Err(Error::input(format!(
                    "{}:{}: {owner}: {} is not an event class of the ontology\n  use one of: {}",
                    s.name,
                    s.line(class),
                    quoted(class.get_ref()),
                    self.ontology.classes_under(nea::EVENT.as_str()).join(", ")
                )));
            }
            self.add(&node, rdf::TYPE, nea::EVENT);
            self.add(&node, rdf::TYPE, NamedNode::new_unchecked(iri));
            if f.label.is_none() {
                return Err(Error::input(format!(
                    "{}:{}: {owner}: an event needs a `label`\n  name the event in a few words (\"Founding of ASEAN\")",
                    s.name, s.line(&f.id)
                )));
            }
        } else if derived_label.is_none() {
            return Err(Error::input(format!(
                "{}:{}: {owner}: says nothing\n  give it a relation (`subject`, `predicate`, `object`) or make it an event (`event = \"Meeting\"`)",
                s.name, s.line(&f.id)
            )));
        }
        let label = f.label.clone().or(derived_label).unwrap_or_default();
        let label = self.en(&label);
        self.add(&node, rdfs::LABEL, label);
        if let Some(d) = date {
            self.add(&node, nea::DATE, d);
            match &f.date_inferred {
                Some(reason) => {
                    self.add(&node, nea::DATE_KNOWN_BY, nea::INFERRED);
                    let r = self.en(reason);
                    self.add(&node, nea::DATE_BASIS, r.clone());
                    self.add(&node, rdfs::COMMENT, r);
                }
                None => self.add(&node, nea::DATE_KNOWN_BY, nea::STATED),
            }
        } else if f.date_inferred.is_some() {
            return Err(Error::input(format!(
                "{}:{}: {owner}: `date_inferred` without a `date`\n  add the inferred `date`, or remove `date_inferred`",
                s.name, s.line(&f.id)
            )));
        }
        let entity_or_fact = [Kind::Entity, Kind::Fact];
        if let Some(place) = &f.place {
            let p = self.resolve(place, "place", &owner, &[Kind::Entity])?;
            self.add(&node, nea::PLACE, p);
        }
        if let Some(n) = f.ordinal {
            self.add(&node, nea::ORDINAL, Literal::from(n));
        }
        if let Some(role) = &f.role {
            let r = self.en(role);
            self.add(&node, nea::ROLE, r);
        }
        for p in &f.participants {
            let n = self.resolve(p, "participants", &owner, &[Kind::Entity])?;
            self.add(&node, nea::PARTICIPANT, n);
        }
        for c in &f.concerns {
            let n = self.resolve(c, "concerns", &owner, &entity_or_fact)?;
            self.add(&node, nea::CONCERNS, n);
        }
        if let Some(series) = &f.part_of {
            let n = self.resolve(series, "part_of", &owner, &[Kind::Entity])?;
            self.add(&node, nea::PART_OF_SERIES, n);
        }
        for o in &f.outcome {
            let o = self.en(o);
            self.add(&node, nea::OUTCOME, o);
        }
        if let Some(x) = &f.follows {
            let n = self.resolve(x, "follows", &owner, &[Kind::Fact])?;
            self.add(&node, nea::FOLLOWS, n);
        }
        if let Some(x) = &f.prepares {
            let n = self.resolve(x, "prepares", &owner, &[Kind::Fact])?;
            self.add(&node, nea::PREPARES, n);
        }
        if let Some(note) = &f.note {
            let n = self.en(note);
            self.add(&node, rdfs::COMMENT, n);
        }
        self.known(&node, f.known, f.basis.as_deref(), &owner, &f.id)?;
        self.evidence(&node, &owner, &f.quote, f.occurrence.as_ref())
    }

    fn map_statistic(&mut self, t: &'a sheet::Statistic) -> Result<()> {
        let s = &self.input.sheet;
        let id = t.id.get_ref();
        let owner = format!("statistic {}", quoted(id));
        let node = self.iris.in_article(&self.aid, "statistic", id);
        let value = match t.value.get_ref() {
            Value::Text(_) => {
                return Err(Error::input(format!(
                    "{}:{}: {owner}: `value` must be a number\n  write the number itself: 800000000000 for \"$800 billion\"",
                    s.name,
                    s.line(&t.value)
                )))
            }
            Value::Decimal(d) if !d.is_finite() => {
                return Err(Error::input(format!(
                    "{}:{}: {owner}: `value` must be a finite number, not {d}",
                    s.name,
                    s.line(&t.value)
                )))
            }
            v => value_literal(v),
        };
        let unit = t.unit.get_ref().as_str();
        let (class, code) = match unit {
            "USD" => (schema::MONETARY_AMOUNT, None),
            "percent" => (schema::QUANTITATIVE_VALUE, Some("P1")),
            "year" => (schema::QUANTITATIVE_VALUE, Some("ANN")),
            "count" => (schema::QUANTITATIVE_VALUE, Some("C62")),
            other => {
                return Err(Error::input(format!(
                    "{}:{}: {owner}: unknown unit {}\n  use USD, percent, year or count",
                    s.name,
                    s.line(&t.unit),
                    quoted(other)
                )))
            }
        };
        self.add(&node, rdf::TYPE, nea::FACT);
        self.add(&node, rdf::TYPE, nea::STATISTIC);
        self.add(&node, rdf::TYPE, class);
        let label = self.en(&t.label);
        self.add(&node, rdfs::LABEL, label);
        self.add(&node, schema::VALUE, value);
        self.add(&node, schema::UNIT_TEXT, Literal::new_simple_literal(unit));
        match code {
            Some(c) => self.add(&node, schema::UNIT_CODE, Literal::new_simple_literal(c)),
            None => self.add(&node, schema::CURRENCY, Literal::new_simple_literal(unit)),
        }
        self.add(&node, nea::APPROXIMATE, Literal::from(t.approximate));
        let subject = self.resolve(&t.subject, "subject", &owner, &[Kind::Entity, Kind::Fact])?;
        self.add(&node, nea::STATISTIC_OF, subject);
        if let Some(note) = &t.note {
            let n = self.en(note);
            self.add(&node, rdfs::COMMENT, n);
        }
        self.known(&node, t.known, t.basis.as_deref(), &owner, &t.id)?;
        self.evidence(&node, &owner, &t.quote, t.occurrence.as_ref())
    }

    fn map_claim(&mut self, c: &'a sheet::Claim, author: Option<&NamedNode>) -> Result<()> {
        let id = c.id.get_ref();
        let owner = format!("claim {}", quoted(id));
        let node = self.iris.in_article(&self.aid, "claim", id);
        self.add(&node, rdf::TYPE, schema::CLAIM);
        self.add(&node, rdf::TYPE, nea::CLAIM);
        let text = self.en(&c.text);
        self.add(&node, rdfs::LABEL, text.clone());
        self.add(&node, schema::TEXT, text);
        let a = self.article.clone();
        self.add(&node, schema::APPEARANCE, a);
        match c.claimant {
            Claimant::Author => {
                self.add(&node, nea::VOICE, nea::AUTHOR_VOICE);
                if let Some(author) = author {
                    self.add(&node, schema::AUTHOR, author.clone());
                }
            }
            Claimant::Others => self.add(&node, nea::VOICE, nea::OTHERS_VOICE),
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
            let n = self.resolve(about, "about", &owner, &[Kind::Entity, Kind::Fact])?;
            self.add(&node, schema::ABOUT, n);
        }
        self.evidence(&node, &owner, &c.quote, c.occurrence.as_ref())
    }

    /// The English label of an id, for derived statement labels.
    fn label_of(&self, id: &str) -> String {
        if let Some((e, _)) = self.entities.get(id) {
            return e.label.clone();
        }
        if id == self.aid {
            return format!("\"{}\"", self.sheet.article.headline.get_ref());
        }
        self.sheet
            .fact
            .iter()
            .find(|f| f.id.get_ref() == id)
            .and_then(|f| f.label.clone())
            .unwrap_or_else(|| id.to_owned())
    }
}

/// The declared id most like a mistyped one: one that contains it or is contained in
/// it, else one within a few edits; none when nothing is close.
fn closest_id<'k>(ids: impl Iterator<Item = &'k String>, name: &str) -> Option<&'k String> {
    let length = name.chars().count();
    let limit = (length / 3).max(1);
    let mut best: Option<(usize, &String)> = None;
    for id in ids {
        let d = if id.contains(name) || name.contains(id.as_str()) {
            0
        } else if id.chars().count().abs_diff(length) > limit {
            // The distance is at least the difference in length: too far to suggest,
            // and not worth measuring (a long name against every id is quadratic).
            continue;
        } else {
            ground::distance(id, name)
        };
        if best.is_none_or(|(bd, b)| (d, id) < (bd, b)) {
            best = Some((d, id));
        }
    }
    best.filter(|(d, _)| *d <= limit).map(|(_, id)| id)
}

fn nea_entity() -> &'static str {
    "https://w3id.org/nea-kg/ontology#Entity"
}

fn kinds_text(kinds: &[Kind]) -> String {
    kinds
        .iter()
        .map(|k| match k {
            Kind::Entity => "an entity",
            Kind::Fact => "a fact",
            Kind::Statistic => "a statistic",
            Kind::Claim => "a claim",
            Kind::Article => "the article",
        })
        .collect::<Vec<_>>()
        .join(" or ")
}

/// "foundingDate" -> "founding date", for labels of properties outside the ontology.
fn words(iri: &str) -> String {
    let local = iri.rsplit(['/', '#']).next().unwrap_or(iri);
    let mut out = String::new();
    for c in local.chars() {
        if c.is_uppercase() {
            out.push(' ');
            out.extend(c.to_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// A date at its precision: `xsd:gYear`, `xsd:gYearMonth` or `xsd:date`.
pub fn date_literal(s: &str) -> Option<Literal> {
    let parts: Vec<&str> = s.split('-').collect();
    let digits = |p: &str, n: usize| p.len() == n && p.chars().all(|c| c.is_ascii_digit());
    if !digits(parts[0], 4) {
        return None;
    }
    let year: u32 = parts[0].parse().ok()?;
    let datatype = match parts.len() {
        1 => xsd::G_YEAR,
        2 | 3 => {
            let month: u32 = parts[1].parse().ok().filter(|_| digits(parts[1], 2))?;
            if !(1..=12).contains(&month) {
                return None;
            }
            if parts.len() == 3 {
                let day: u32 = parts[2].parse().ok().filter(|_| digits(parts[2], 2))?;
                let leap = year.is_multiple_of(4)
                    && (!year.is_multiple_of(100) || year.is_multiple_of(400));
                let days = [
                    31,
                    if leap { 29 } else { 28 },
                    31,
                    30,
                    31,
                    30,
                    31,
                    31,
                    30,
                    31,
                    30,
                    31,
                ];
                if day == 0 || day > days[month as usize - 1] {
                    return None;
                }
                xsd::DATE
            } else {
                xsd::G_YEAR_MONTH
            }
        }
        _ => return None,
    };
    Some(Literal::new_typed_literal(s, datatype))
}

/// A literal in its canonical lexical form, so every store reads back the same value.
pub fn value_literal(v: &Value) -> Literal {
    match v {
        Value::Integer(i) => Literal::from(*i),
        Value::Decimal(d) => {
            let mut s = format!("{d}");
            if !s.contains('.') {
                s.push_str(".0");
            }
            Literal::new_typed_literal(s, xsd::DECIMAL)
        }
        Value::Text(t) => date_literal(t).unwrap_or_else(|| Literal::new_simple_literal(t)),
    }
}

/// The dataset description: the graphs, their sizes, the source's checksum, the tool.
fn describe_dataset(
    iris: &Iris,
    articles: &[ArticleSummary],
    entity_triples: usize,
    total: usize,
    ontology: &Ontology,
) -> Result<Vec<Quad>> {
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
        Literal::from(ontology.triples.len() as i64).into(),
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
    Ok(quads)
}
