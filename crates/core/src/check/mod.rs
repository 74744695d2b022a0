//! Check: a registry or a fact sheet, as read from TOML, becomes the checked model. Every
//! rule a sheet must follow is here, and every problem of a sheet is found in one pass
//! (each with its file, line, item and kind), so a user mends them all at once. What
//! comes out is complete: `emit` turns it into quads without a single check of its own.

use crate::error::{Error, ErrorKind, Errors, Item, ItemKind, Location, QuoteProblem};
use crate::ground::{self, QuoteError, Span, Text};
use crate::model::{
    self, Claim, Date, Entity, Evidence, Fact, Known, Mention, Object, Ref, Relation, Statistic,
    Unit,
};
use crate::ontology::Ontology;
use crate::sheet::{self, Value};
use crate::source::Source;
use crate::vocab::{self, nea, xsd};
use oxrdf::Literal;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use toml::Spanned;

/// One article's text with its fact sheet.
#[derive(Debug, Clone)]
pub struct ArticleInput {
    pub text: Source,
    pub sheet: Source,
}

/// A checked entity registry: its entities by id, each with where it is declared.
#[derive(Debug, Clone)]
pub struct Registry {
    entities: BTreeMap<String, (Entity, Location)>,
}

impl Registry {
    /// An entity of the registry.
    pub fn get(&self, id: &str) -> Option<&Entity> {
        self.entities.get(id).map(|(e, _)| e)
    }

    pub fn len(&self) -> usize {
        self.entities.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entities.is_empty()
    }
}

/// Checks an entity registry: ids, classes, Wikidata ids.
pub fn registry(source: &Source, ontology: &Ontology) -> Result<Registry, Errors> {
    let parsed: sheet::Registry = sheet::parse(source)?;
    let mut errors = Vec::new();
    let mut ids = Ids::default();
    let mut entities = BTreeMap::new();
    for e in &parsed.entity {
        let declared = ids.declare(source, &e.id, ItemKind::Entity, &mut errors);
        if let Some(entity) = entity(source, e, ontology, &mut errors) {
            if declared {
                let location = Location::line(source.name.clone(), source.line(&e.id));
                entities.insert(entity.id.clone(), (entity, location));
            }
        }
    }
    if errors.is_empty() {
        Ok(Registry { entities })
    } else {
        Err(Errors(errors))
    }
}

/// Checks an article and its sheet against the registry and the ontology.
pub fn article(
    input: &ArticleInput,
    registry: &Registry,
    ontology: &Ontology,
) -> Result<model::Article, Errors> {
    let parsed: sheet::Sheet = sheet::parse(&input.sheet)?;
    if input.text.text.trim().is_empty() {
        return Err(Error::at(
            Location::file(input.text.name.clone()),
            ErrorKind::EmptyArticle,
        )
        .into());
    }
    let mut checker = Checker::new(input, &parsed, registry, ontology);
    let article = checker.article();
    match article {
        Some(a) if checker.errors.is_empty() => Ok(a),
        _ => Err(Errors(checker.errors)),
    }
}

/// The ids declared so far, with their kind and where they are.
#[derive(Default)]
struct Ids {
    seen: HashMap<String, (ItemKind, Location)>,
}

impl Ids {
    /// Declares an id; false (and an error) when it is malformed or already declared.
    fn declare(
        &mut self,
        source: &Source,
        id: &Spanned<String>,
        kind: ItemKind,
        errors: &mut Vec<Error>,
    ) -> bool {
        let here = Location::line(source.name.clone(), source.line(id));
        if !well_formed_id(id.get_ref()) {
            errors.push(Error::at(
                here,
                ErrorKind::InvalidId {
                    what: kind.name(),
                    id: id.get_ref().clone(),
                },
            ));
            return false;
        }
        if let Some((_, first)) = self.seen.get(id.get_ref()) {
            errors.push(Error::at(
                here,
                ErrorKind::DuplicateId {
                    id: id.get_ref().clone(),
                    first: first.clone(),
                },
            ));
            return false;
        }
        self.seen.insert(id.get_ref().clone(), (kind, here));
        true
    }

    fn kind(&self, id: &str) -> Option<ItemKind> {
        self.seen.get(id).map(|(k, _)| *k)
    }
}

/// An id's form: lower-case ASCII letters, digits and hyphens, starting with a letter.
pub fn well_formed_id(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// Checks one entity's class and Wikidata id.
fn entity(
    source: &Source,
    e: &sheet::Entity,
    ontology: &Ontology,
    errors: &mut Vec<Error>,
) -> Option<Entity> {
    let item = Item {
        kind: ItemKind::Entity,
        id: e.id.get_ref().clone(),
    };
    let before = errors.len();
    let class = vocab::nea_term(e.class.get_ref());
    let entity_class = nea::ENTITY.as_str();
    if !ontology.is_class(&class) || !ontology.is_a(&class, entity_class) {
        errors.push(
            Error::at(
                Location::line(source.name.clone(), source.line(&e.class)),
                ErrorKind::UnknownClass {
                    class: e.class.get_ref().clone(),
                    choices: ontology
                        .classes_under(entity_class)
                        .into_iter()
                        .map(str::to_owned)
                        .collect(),
                },
            )
            .about(item.clone()),
        );
    }
    if let Some(q) = &e.wikidata {
        let ok = q.get_ref().strip_prefix('Q').is_some_and(|n| {
            !n.is_empty() && !n.starts_with('0') && n.chars().all(|c| c.is_ascii_digit())
        });
        if !ok {
            errors.push(
                Error::at(
                    Location::line(source.name.clone(), source.line(q)),
                    ErrorKind::InvalidWikidata {
                        value: q.get_ref().clone(),
                    },
                )
                .about(item),
            );
        }
    }
    (errors.len() == before).then(|| Entity {
        id: e.id.get_ref().clone(),
        class,
        label: e.label.clone(),
        aliases: e.aliases.clone(),
        translations: e
            .translations()
            .into_iter()
            .filter(|(_, names)| !names.is_empty())
            .map(|(lang, names)| (lang, names.to_vec()))
            .collect(),
        description: e.description.clone(),
        wikidata: e.wikidata.as_ref().map(|q| q.get_ref().clone()),
        mentions: e.mentions,
    })
}

/// Checks one sheet, collecting every problem.
struct Checker<'a> {
    input: &'a ArticleInput,
    sheet: &'a sheet::Sheet,
    registry: &'a Registry,
    ontology: &'a Ontology,
    text: Text<'a>,
    aid: String,
    ids: Ids,
    /// The sheet's own entities, checked.
    own: BTreeMap<String, (Entity, Location)>,
    /// The entities the article uses: named by a fact or mentioned in the text.
    used: BTreeSet<String>,
    errors: Vec<Error>,
}

impl<'a> Checker<'a> {
    fn new(
        input: &'a ArticleInput,
        sheet: &'a sheet::Sheet,
        registry: &'a Registry,
        ontology: &'a Ontology,
    ) -> Self {
        Self {
            input,
            sheet,
            registry,
            ontology,
            text: Text::new(&input.text.text),
            aid: sheet.article.id.get_ref().clone(),
            ids: Ids::default(),
            own: BTreeMap::new(),
            used: BTreeSet::new(),
            errors: Vec::new(),
        }
    }

    fn sheet_name(&self) -> &'a str {
        &self.input.sheet.name
    }

    /// The location of a spanned value of the sheet.
    fn at<T>(&self, spanned: &Spanned<T>) -> Location {
        Location::line(self.sheet_name(), self.input.sheet.line(spanned))
    }

    fn fail<T>(&mut self, spanned: &Spanned<T>, item: Option<&Item>, kind: ErrorKind) {
        let mut e = Error::at(self.at(spanned), kind);
        e.item = item.cloned();
        self.errors.push(e);
    }

    fn article(&mut self) -> Option<model::Article> {
        let sheet = self.sheet;
        let source = &self.input.sheet;
        for (id, (_, location)) in &self.registry.entities {
            self.ids
                .seen
                .insert(id.clone(), (ItemKind::Entity, location.clone()));
        }
        let mut errors = Vec::new();
        self.ids
            .declare(source, &sheet.article.id, ItemKind::Article, &mut errors);
        for e in &sheet.entity {
            if self
                .ids
                .declare(source, &e.id, ItemKind::Entity, &mut errors)
            {
                if let Some(entity) = entity(source, e, self.ontology, &mut errors) {
                    self.own.insert(entity.id.clone(), (entity, self.at(&e.id)));
                }
            }
        }
        for f in &sheet.fact {
            self.ids.declare(source, &f.id, ItemKind::Fact, &mut errors);
        }
        for s in &sheet.statistic {
            self.ids
                .declare(source, &s.id, ItemKind::Statistic, &mut errors);
        }
        for c in &sheet.claim {
            self.ids
                .declare(source, &c.id, ItemKind::Claim, &mut errors);
        }
        self.errors.append(&mut errors);
        let meta = &sheet.article;
        let first_line = self.input.text.text.lines().next().unwrap_or("").trim();
        if first_line != meta.headline.get_ref() {
            self.fail(
                &meta.headline,
                None,
                ErrorKind::HeadlineNotFirstLine {
                    headline: meta.headline.get_ref().clone(),
                    article: self.input.text.name.clone(),
                    first_line: first_line.to_owned(),
                },
            );
        }
        let language = meta.language.get_ref();
        if let Err(e) = Literal::new_language_tagged_literal("", language) {
            self.fail(
                &meta.language,
                None,
                ErrorKind::InvalidLanguageTag {
                    tag: language.clone(),
                    reason: e.to_string(),
                },
            );
        }
        let mentions = self.mentions();
        let facts: Vec<Fact> = sheet.fact.iter().filter_map(|f| self.fact(f)).collect();
        let statistics: Vec<Statistic> = sheet
            .statistic
            .iter()
            .filter_map(|s| self.statistic(s))
            .collect();
        let claims: Vec<Claim> = sheet.claim.iter().filter_map(|c| self.claim(c)).collect();
        let own_entities = self
            .own
            .values()
            .filter(|(e, _)| self.used.contains(&e.id))
            .map(|(e, _)| e.clone())
            .collect();
        let registry_entities = self
            .used
            .iter()
            .filter(|id| !self.own.contains_key(*id))
            .cloned()
            .collect();
        let digest = Sha256::digest(self.input.text.text.as_bytes());
        Some(model::Article {
            id: self.aid.clone(),
            headline: meta.headline.get_ref().clone(),
            alternative_headline: meta.alternative_headline.clone(),
            language: language.clone(),
            text: self.input.text.text.clone(),
            sha256: digest.iter().map(|b| format!("{b:02x}")).collect(),
            author: self.author(),
            own_entities,
            registry_entities,
            facts,
            statistics,
            claims,
            mentions,
        })
    }

    /// The author of the article, from the fact `<article> schema:author <entity>`.
    fn author(&self) -> Option<String> {
        self.sheet.fact.iter().find_map(|f| {
            let is_author = f.subject.as_ref().is_some_and(|s| *s.get_ref() == self.aid)
                && f.predicate
                    .as_ref()
                    .is_some_and(|p| p.get_ref() == "schema:author");
            is_author
                .then(|| f.object.as_ref().map(|o| o.get_ref().clone()))
                .flatten()
        })
    }

    /// An entity of the sheet or the registry.
    fn entity(&self, id: &str) -> Option<&Entity> {
        self.own
            .get(id)
            .map(|(e, _)| e)
            .or_else(|| self.registry.get(id))
    }

    /// Every occurrence of every entity's names in the text. A name may belong to one
    /// entity only; the entities are taken in the order of their ids.
    fn mentions(&mut self) -> Vec<Mention> {
        // (entity, where it is declared, whether the sheet declares it)
        let mut all: Vec<(&Entity, &Location, bool)> = self
            .registry
            .entities
            .values()
            .filter(|(e, _)| !self.own.contains_key(&e.id))
            .map(|(e, l)| (e, l, false))
            .chain(self.own.values().map(|(e, l)| (e, l, true)))
            .collect();
        all.sort_by(|a, b| a.0.id.cmp(&b.0.id));
        let mut owners: BTreeMap<&str, (&str, &Location, bool)> = BTreeMap::new();
        let mut names: Vec<(String, &str)> = Vec::new();
        let mut errors = Vec::new();
        for (e, location, in_sheet) in all {
            if !e.mentions {
                continue;
            }
            for name in std::iter::once(&e.label).chain(&e.aliases) {
                match owners.get(name.as_str()) {
                    Some((other, other_location, other_in_sheet)) if *other != e.id => {
                        // The error points at the newcomer: the sheet's entity when the
                        // other is the registry's, else the later of the two.
                        let at = if *other_in_sheet && !in_sheet {
                            (*other_location).clone()
                        } else {
                            location.clone()
                        };
                        errors.push(Error::at(
                            at,
                            ErrorKind::NameClash {
                                name: name.clone(),
                                first: (*other).to_owned(),
                                second: e.id.clone(),
                            },
                        ));
                    }
                    Some(_) => {}
                    None => {
                        owners.insert(name.as_str(), (e.id.as_str(), location, in_sheet));
                        names.push((e.id.clone(), name.as_str()));
                    }
                }
            }
        }
        self.errors.append(&mut errors);
        let mut numbers: HashMap<String, usize> = HashMap::new();
        let mut mentions = Vec::new();
        for m in ground::find_mentions(&self.text, &names) {
            let n = numbers.entry(m.key.clone()).or_insert(0);
            *n += 1;
            self.used.insert(m.key.clone());
            let span = self.text.span(m.start, m.end);
            mentions.push(Mention {
                entity: m.key,
                number: *n,
                evidence: evidence(&self.text, span),
            });
        }
        mentions
    }

    /// Resolves an id to an item of one of the allowed kinds.
    fn resolve(
        &mut self,
        id: &Spanned<String>,
        field: &'static str,
        item: &Item,
        allowed: &[ItemKind],
    ) -> Option<Ref> {
        let name = id.get_ref();
        match self.ids.kind(name) {
            Some(kind) if allowed.contains(&kind) => Some(match kind {
                ItemKind::Entity => {
                    self.used.insert(name.clone());
                    Ref::Entity(name.clone())
                }
                ItemKind::Fact => Ref::Fact(name.clone()),
                ItemKind::Statistic => Ref::Statistic(name.clone()),
                ItemKind::Claim => Ref::Claim(name.clone()),
                ItemKind::Article => Ref::Article,
            }),
            Some(_) => {
                self.fail(
                    id,
                    Some(item),
                    ErrorKind::WrongKind {
                        field,
                        id: name.clone(),
                        allowed: allowed.to_vec(),
                    },
                );
                None
            }
            None => {
                let candidates = self
                    .ids
                    .seen
                    .iter()
                    .filter(|(_, (kind, _))| allowed.contains(kind))
                    .map(|(id, _)| id);
                let suggestion = closest_id(candidates, name).cloned();
                self.fail(
                    id,
                    Some(item),
                    ErrorKind::UnknownId {
                        field,
                        id: name.clone(),
                        suggestion,
                    },
                );
                None
            }
        }
    }

    /// Locates a quote in the article.
    fn evidence(
        &mut self,
        item: &Item,
        quote: &Spanned<String>,
        occurrence: Option<&Spanned<usize>>,
    ) -> Option<Evidence> {
        let q = quote.get_ref();
        match self.text.locate(q, occurrence.map(|o| *o.get_ref())) {
            Ok(span) => Some(evidence(&self.text, span)),
            Err(e) => {
                let problem = match e {
                    QuoteError::Empty => QuoteProblem::Empty,
                    QuoteError::NoWords => QuoteProblem::NoWords,
                    QuoteError::Spacing { passage, spacing } => {
                        QuoteProblem::Spacing { passage, spacing }
                    }
                    QuoteError::NotFound { closest } => QuoteProblem::NotFound { closest },
                    QuoteError::Ambiguous { count, contexts } => {
                        QuoteProblem::Ambiguous { count, contexts }
                    }
                    QuoteError::NoSuchOccurrence { count } => {
                        QuoteProblem::NoSuchOccurrence { count }
                    }
                };
                self.fail(
                    quote,
                    Some(item),
                    ErrorKind::Quote {
                        quote: q.clone(),
                        article: self.input.text.name.clone(),
                        problem,
                    },
                );
                None
            }
        }
    }

    fn predicate(&mut self, p: &Spanned<String>, item: &Item) -> Option<String> {
        let Some(iri) = vocab::expand(p.get_ref()) else {
            self.fail(
                p,
                Some(item),
                ErrorKind::UnknownPrefix {
                    name: p.get_ref().clone(),
                    prefixes: vocab::PREFIXES
                        .iter()
                        .map(|(p, _)| (*p).to_owned())
                        .collect(),
                },
            );
            return None;
        };
        if vocab::nea_local(&iri).is_some() && !self.ontology.is_property(&iri) {
            self.fail(
                p,
                Some(item),
                ErrorKind::UnknownProperty {
                    name: p.get_ref().clone(),
                },
            );
            return None;
        }
        Some(iri)
    }

    fn date(&mut self, d: &Spanned<String>, item: &Item) -> Option<Literal> {
        let literal = date_literal(d.get_ref());
        if literal.is_none() {
            self.fail(
                d,
                Some(item),
                ErrorKind::InvalidDate {
                    date: d.get_ref().clone(),
                },
            );
        }
        literal
    }

    fn known(
        &mut self,
        known: sheet::Known,
        basis: Option<&str>,
        id: &Spanned<String>,
        item: &Item,
    ) -> Option<Known> {
        match (known, basis) {
            (sheet::Known::Stated, _) => Some(Known::Stated),
            (sheet::Known::Inferred, Some(b)) => Some(Known::Inferred(b.to_owned())),
            (sheet::Known::Background, Some(b)) => Some(Known::Background(b.to_owned())),
            (_, None) => {
                self.fail(id, Some(item), ErrorKind::BasisMissing);
                None
            }
        }
    }

    /// The English label of an id, for derived statement labels.
    fn label_of(&self, id: &str) -> String {
        if let Some(e) = self.entity(id) {
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

    fn fact(&mut self, f: &'a sheet::Fact) -> Option<Fact> {
        let item = Item {
            kind: ItemKind::Fact,
            id: f.id.get_ref().clone(),
        };
        let before = self.errors.len();
        let date = f.date.as_ref().map(|d| self.date(d, &item));
        let all = [
            ItemKind::Entity,
            ItemKind::Fact,
            ItemKind::Statistic,
            ItemKind::Claim,
            ItemKind::Article,
        ];
        let mut relation = None;
        let mut derived_label = None;
        match (&f.subject, &f.predicate) {
            (Some(subject), Some(predicate)) => {
                let subject_ref = self.resolve(subject, "subject", &item, &all);
                let p = self.predicate(predicate, &item);
                let object = match (&f.object, &f.value, &date) {
                    (Some(o), None, _) => self
                        .resolve(o, "object", &item, &all)
                        .map(|r| (Object::Item(r), self.label_of(o.get_ref()))),
                    (None, Some(v), _) => {
                        if matches!(v.get_ref(), Value::Decimal(d) if !d.is_finite()) {
                            self.fail(v, Some(&item), ErrorKind::NotFinite { value: None });
                            None
                        } else {
                            let l = value_literal(v.get_ref());
                            let text = l.value().to_owned();
                            Some((Object::Literal(l), text))
                        }
                    }
                    (None, None, Some(d)) => d
                        .clone()
                        .map(|d| (Object::Literal(d.clone()), d.value().to_owned())),
                    (Some(_), Some(_), _) => {
                        self.fail(&f.id, Some(&item), ErrorKind::ObjectAndValue);
                        None
                    }
                    (None, None, None) => {
                        self.fail(&f.id, Some(&item), ErrorKind::NoObject);
                        None
                    }
                };
                if let (Some(subject_ref), Some(p), Some((object, object_label))) =
                    (subject_ref, p, object)
                {
                    let p_label = self
                        .ontology
                        .label(&p)
                        .map(str::to_owned)
                        .unwrap_or_else(|| words(&p));
                    derived_label = Some(format!(
                        "{} {p_label} {object_label}",
                        self.label_of(subject.get_ref())
                    ));
                    relation = Some(Relation {
                        subject: subject_ref,
                        predicate: p,
                        object,
                    });
                }
            }
            (None, None) if f.object.is_none() && f.value.is_none() => {}
            _ => self.fail(&f.id, Some(&item), ErrorKind::IncompleteRelation),
        }
        let mut event = None;
        if let Some(class) = &f.event {
            let iri = vocab::nea_term(class.get_ref());
            if self.ontology.is_a(&iri, nea::EVENT.as_str()) {
                event = Some(iri);
            } else {
                self.fail(
                    class,
                    Some(&item),
                    ErrorKind::NotEventClass {
                        class: class.get_ref().clone(),
                        choices: self
                            .ontology
                            .classes_under(nea::EVENT.as_str())
                            .into_iter()
                            .map(str::to_owned)
                            .collect(),
                    },
                );
            }
            if f.label.is_none() {
                self.fail(&f.id, Some(&item), ErrorKind::EventWithoutLabel);
            }
        } else if f.subject.is_none()
            && f.predicate.is_none()
            && f.object.is_none()
            && f.value.is_none()
        {
            self.fail(&f.id, Some(&item), ErrorKind::SaysNothing);
        }
        if f.date_inferred.is_some() && f.date.is_none() {
            self.fail(&f.id, Some(&item), ErrorKind::DateInferredWithoutDate);
        }
        let entity = [ItemKind::Entity];
        let entity_or_fact = [ItemKind::Entity, ItemKind::Fact];
        let fact = [ItemKind::Fact];
        let place = f
            .place
            .as_ref()
            .map(|p| self.resolve(p, "place", &item, &entity));
        let participants: Vec<Option<Ref>> = f
            .participants
            .iter()
            .map(|p| self.resolve(p, "participants", &item, &entity))
            .collect();
        let concerns: Vec<Option<Ref>> = f
            .concerns
            .iter()
            .map(|c| self.resolve(c, "concerns", &item, &entity_or_fact))
            .collect();
        let part_of = f
            .part_of
            .as_ref()
            .map(|s| self.resolve(s, "part_of", &item, &entity));
        let follows = f
            .follows
            .as_ref()
            .map(|x| self.resolve(x, "follows", &item, &fact));
        let prepares = f
            .prepares
            .as_ref()
            .map(|x| self.resolve(x, "prepares", &item, &fact));
        let known = self.known(f.known, f.basis.as_deref(), &f.id, &item);
        let evidence = self.evidence(&item, &f.quote, f.occurrence.as_ref());
        if self.errors.len() > before {
            return None;
        }
        Some(Fact {
            id: item.id,
            label: f.label.clone().or(derived_label).unwrap_or_default(),
            event,
            relation,
            date: date.flatten().map(|literal| Date {
                literal,
                inferred: f.date_inferred.clone(),
            }),
            place: place.flatten(),
            ordinal: f.ordinal,
            role: f.role.clone(),
            participants: participants.into_iter().flatten().collect(),
            concerns: concerns.into_iter().flatten().collect(),
            part_of: part_of.flatten(),
            outcome: f.outcome.clone(),
            follows: follows.flatten(),
            prepares: prepares.flatten(),
            known: known?,
            note: f.note.clone(),
            evidence: evidence?,
        })
    }

    fn statistic(&mut self, t: &'a sheet::Statistic) -> Option<Statistic> {
        let item = Item {
            kind: ItemKind::Statistic,
            id: t.id.get_ref().clone(),
        };
        let before = self.errors.len();
        let value = match t.value.get_ref() {
            Value::Text(_) => {
                self.fail(&t.value, Some(&item), ErrorKind::ValueNotNumber);
                None
            }
            Value::Decimal(d) if !d.is_finite() => {
                self.fail(
                    &t.value,
                    Some(&item),
                    ErrorKind::NotFinite { value: Some(*d) },
                );
                None
            }
            v => Some(value_literal(v)),
        };
        let unit = Unit::parse(t.unit.get_ref());
        if unit.is_none() {
            self.fail(
                &t.unit,
                Some(&item),
                ErrorKind::UnknownUnit {
                    unit: t.unit.get_ref().clone(),
                },
            );
        }
        let subject = self.resolve(
            &t.subject,
            "subject",
            &item,
            &[ItemKind::Entity, ItemKind::Fact],
        );
        let known = self.known(t.known, t.basis.as_deref(), &t.id, &item);
        let evidence = self.evidence(&item, &t.quote, t.occurrence.as_ref());
        if self.errors.len() > before {
            return None;
        }
        Some(Statistic {
            id: item.id,
            label: t.label.clone(),
            subject: subject?,
            value: value?,
            unit: unit?,
            approximate: t.approximate,
            known: known?,
            note: t.note.clone(),
            evidence: evidence?,
        })
    }

    fn claim(&mut self, c: &'a sheet::Claim) -> Option<Claim> {
        let item = Item {
            kind: ItemKind::Claim,
            id: c.id.get_ref().clone(),
        };
        let before = self.errors.len();
        let about: Vec<Option<Ref>> = c
            .about
            .iter()
            .map(|a| self.resolve(a, "about", &item, &[ItemKind::Entity, ItemKind::Fact]))
            .collect();
        let evidence = self.evidence(&item, &c.quote, c.occurrence.as_ref());
        if self.errors.len() > before {
            return None;
        }
        Some(Claim {
            id: item.id,
            text: c.text.clone(),
            voice: match c.claimant {
                sheet::Claimant::Author => model::Voice::Author,
                sheet::Claimant::Others => model::Voice::Others,
            },
            stance: match c.stance {
                sheet::Stance::Endorses => model::Stance::Endorses,
                sheet::Stance::Rejects => model::Stance::Rejects,
            },
            reported_as: c.reported_as.clone(),
            about: about.into_iter().flatten().collect(),
            evidence: evidence?,
        })
    }
}

/// The evidence of a located span: its words and their context.
fn evidence(text: &Text<'_>, span: Span) -> Evidence {
    let (prefix, suffix) = text.context(&span);
    Evidence {
        exact: text.slice(span.start, span.end).to_owned(),
        prefix: prefix.to_owned(),
        suffix: suffix.to_owned(),
        span,
    }
}

/// The declared id most like a mistyped one: one that contains it or is contained in
/// it (when it is at least half of the other), else one within a few edits; none when
/// nothing is close.
fn closest_id<'k>(ids: impl Iterator<Item = &'k String>, name: &str) -> Option<&'k String> {
    let length = name.chars().count();
    let limit = (length / 3).max(1);
    let mut best: Option<(usize, &String)> = None;
    for id in ids {
        // One inside the other counts when it is at least half of it ("japan" for
        // "japan-visit"), not a single letter inside any name.
        let inside =
            |short: &str, long: &str| long.contains(short) && 2 * short.len() >= long.len();
        let d = if inside(name, id) || inside(id, name) {
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
                if day == 0 || day > days_in_month(year, month) {
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

fn days_in_month(year: u32, month: u32) -> u32 {
    let leap = year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400));
    match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
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

#[cfg(test)]
mod tests;
