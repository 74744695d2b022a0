//! Check: registries and a fact sheet, as read from TOML, become the checked model. Every
//! rule a sheet must follow is here, and every problem of a sheet is found in one pass
//! (each with its file, line, item and kind), so a user mends them all at once. What
//! comes out is complete: `emit` turns it into quads without a single check of its own.
//!
//! The rules keep the graph from saying more than the article does: an id names an item
//! of the kind its field takes; a quote is the article's words; a date, a figure or an
//! ordinal the sheet calls stated can be read in its quote or the sentence around it;
//! every class and predicate is one the ontology declares; a claim has a voice, and the
//! author's stance is said, not assumed.

use crate::error::{Error, ErrorKind, Errors, Item, ItemKind, Location};
use crate::ground::{self, Span, Text};
use crate::model::{
    self, Bound, Change, Claim, Entity, Evidence, Fact, Genre, Known, Mention, Object, Publication,
    Quantity, Ref, Relation, SharedEvent, Stance, Statistic, Status, Time, Unit, Voice,
};
use crate::numbers;
use crate::ontology::Ontology;
use crate::sheet::{self, Value, VoiceSpec};
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

/// Checked registries, merged in layers: their entities and shared events by id, each
/// with where it is declared.
#[derive(Debug, Clone, Default)]
pub struct Registry {
    entities: BTreeMap<String, (Entity, Location)>,
    events: BTreeMap<String, (SharedEvent, Location)>,
}

impl Registry {
    /// An entity of the registry.
    pub fn get(&self, id: &str) -> Option<&Entity> {
        self.entities.get(id).map(|(e, _)| e)
    }

    /// A shared event of the registry.
    pub fn event(&self, id: &str) -> Option<&SharedEvent> {
        self.events.get(id).map(|(e, _)| e)
    }

    pub fn len(&self) -> usize {
        self.entities.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entities.is_empty()
    }

    /// Adds a registry on top of this one. An id it declares again must be declared as
    /// it is (a layer adds, it does not change); a name may belong to one entity only.
    pub fn add(&mut self, source: &Source, ontology: &Ontology) -> Result<(), Errors> {
        let parsed: sheet::Registry = sheet::parse(source)?;
        let mut errors = Vec::new();
        let mut ids = Ids::default();
        for e in &parsed.entity {
            let declared = ids.declare(source, &e.id, ItemKind::Entity, &mut errors);
            let Some(entity) = entity(source, e, ontology, &mut errors) else {
                continue;
            };
            if !declared {
                continue;
            }
            let here = Location::line(source.name.clone(), source.line(&e.id));
            match self.entities.get(&entity.id) {
                Some((same, _)) if *same == entity => {}
                Some((_, first)) => errors.push(Error::at(
                    here,
                    ErrorKind::RegistryConflict {
                        what: "entity",
                        id: entity.id.clone(),
                        first: first.clone(),
                    },
                )),
                None if self.events.contains_key(&entity.id) => errors.push(Error::at(
                    here,
                    ErrorKind::DuplicateId {
                        id: entity.id.clone(),
                        first: self.events[&entity.id].1.clone(),
                    },
                )),
                None => {
                    self.entities.insert(entity.id.clone(), (entity, here));
                }
            }
        }
        for e in &parsed.event {
            let declared = ids.declare(source, &e.id, ItemKind::Event, &mut errors);
            let class = vocab::nea_term(e.class.get_ref());
            let here = Location::line(source.name.clone(), source.line(&e.id));
            if !ontology.is_a(&class, nea::EVENT.as_str()) {
                errors.push(
                    Error::at(
                        Location::line(source.name.clone(), source.line(&e.class)),
                        ErrorKind::NotEventClass {
                            class: e.class.get_ref().clone(),
                            choices: event_classes(ontology),
                        },
                    )
                    .about(Item {
                        kind: ItemKind::Event,
                        id: e.id.get_ref().clone(),
                    }),
                );
                continue;
            }
            if !declared {
                continue;
            }
            let event = SharedEvent {
                id: e.id.get_ref().clone(),
                class,
                label: e.label.clone(),
                description: e.description.clone(),
                basis: e.basis.clone(),
            };
            match self.events.get(&event.id) {
                Some((same, _)) if *same == event => {}
                Some((_, first)) => errors.push(Error::at(
                    here,
                    ErrorKind::RegistryConflict {
                        what: "event",
                        id: event.id.clone(),
                        first: first.clone(),
                    },
                )),
                None if self.entities.contains_key(&event.id) => errors.push(Error::at(
                    here,
                    ErrorKind::DuplicateId {
                        id: event.id.clone(),
                        first: self.entities[&event.id].1.clone(),
                    },
                )),
                None => {
                    self.events.insert(event.id.clone(), (event, here));
                }
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(Errors(errors))
        }
    }
}

/// Checks registries, the first the base and each of the others added on top of it.
pub fn registries(sources: &[Source], ontology: &Ontology) -> Result<Registry, Errors> {
    let mut registry = Registry::default();
    let mut errors = Vec::new();
    for source in sources {
        if let Err(e) = registry.add(source, ontology) {
            errors.extend(e.0);
        }
    }
    if errors.is_empty() {
        Ok(registry)
    } else {
        Err(Errors(errors))
    }
}

/// Checks one registry on its own.
pub fn registry(source: &Source, ontology: &Ontology) -> Result<Registry, Errors> {
    registries(std::slice::from_ref(source), ontology)
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

fn event_classes(ontology: &Ontology) -> Vec<String> {
    ontology
        .classes_under(nea::EVENT.as_str())
        .into_iter()
        .map(str::to_owned)
        .collect()
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
        inner_mentions: e.inner_mentions,
    })
}

/// A name that mentions an entity, and where the name was given (the registry or
/// sheet that declares the entity, or the sheet's `[[alias]]`).
struct Name<'n> {
    entity: &'n Entity,
    name: &'n str,
    place: Location,
    in_sheet: bool,
}

/// Checks one sheet, collecting every problem.
struct Checker<'a> {
    input: &'a ArticleInput,
    sheet: &'a sheet::Sheet,
    registry: &'a Registry,
    ontology: &'a Ontology,
    text: Text<'a>,
    aid: String,
    genre: Option<Genre>,
    ids: Ids,
    /// The sheet's own entities, checked.
    own: BTreeMap<String, (Entity, Location)>,
    /// The entities the article uses: named by a fact or mentioned in the text.
    used: BTreeSet<String>,
    /// The shared events the article reports.
    events: BTreeSet<String>,
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
            genre: None,
            ids: Ids::default(),
            own: BTreeMap::new(),
            used: BTreeSet::new(),
            events: BTreeSet::new(),
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
        for (id, (_, location)) in &self.registry.events {
            self.ids
                .seen
                .insert(id.clone(), (ItemKind::Event, location.clone()));
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
        let publication = self.publication();
        self.genre = publication.genre;
        let local_aliases = self.local_aliases();
        let mentions = self.mentions(&local_aliases);
        let local_aliases = local_aliases
            .into_iter()
            .map(|(id, name, _)| (id, name))
            .collect();
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
        let author = publication
            .authors
            .iter()
            .find_map(|r| match r {
                Ref::Entity(id) => Some(id.clone()),
                _ => None,
            })
            .or_else(|| self.author_fact());
        let digest = Sha256::digest(self.input.text.text.as_bytes());
        Some(model::Article {
            id: self.aid.clone(),
            headline: meta.headline.get_ref().clone(),
            alternative_headline: meta.alternative_headline.clone(),
            language: language.clone(),
            publication,
            text: self.input.text.text.clone(),
            sha256: digest.iter().map(|b| format!("{b:02x}")).collect(),
            author,
            own_entities,
            registry_entities,
            shared_events: self.events.clone(),
            local_aliases,
            facts,
            statistics,
            claims,
            mentions,
        })
    }

    /// The article's metadata: genre, dates, address, publisher, authors, dateline.
    fn publication(&mut self) -> Publication {
        let meta = &self.sheet.article;
        let item = Item {
            kind: ItemKind::Article,
            id: self.aid.clone(),
        };
        let genre = meta.genre.as_ref().and_then(|g| {
            let parsed = Genre::parse(g.get_ref());
            if parsed.is_none() {
                self.fail(
                    g,
                    None,
                    ErrorKind::UnknownGenre {
                        genre: g.get_ref().clone(),
                    },
                );
            }
            parsed
        });
        let published = meta.published.as_ref().and_then(|d| self.date(d, &item));
        let published_after = meta
            .published_after
            .as_ref()
            .and_then(|d| self.date(d, &item));
        let published_before = meta
            .published_before
            .as_ref()
            .and_then(|d| self.date(d, &item));
        let bounds = meta
            .published_after
            .as_ref()
            .or(meta.published_before.as_ref());
        if let (Some(b), None) = (bounds, &meta.published_basis) {
            self.fail(b, None, ErrorKind::PublishedBasisMissing);
        }
        let url = meta.url.as_ref().and_then(|u| {
            if oxrdf::NamedNode::new(u.get_ref()).is_ok() && u.get_ref().contains("://") {
                Some(u.get_ref().clone())
            } else {
                self.fail(
                    u,
                    None,
                    ErrorKind::InvalidUrl {
                        url: u.get_ref().clone(),
                    },
                );
                None
            }
        });
        let entity = [ItemKind::Entity];
        let publisher = meta
            .publisher
            .as_ref()
            .and_then(|p| self.resolve(p, "publisher", &item, &entity));
        let publication = meta
            .publication
            .as_ref()
            .and_then(|p| self.resolve(p, "publication", &item, &entity));
        let authors = meta
            .authors
            .iter()
            .filter_map(|a| self.resolve(a, "authors", &item, &entity))
            .collect();
        let dateline = meta
            .dateline
            .as_ref()
            .and_then(|p| self.resolve(p, "dateline", &item, &entity));
        Publication {
            genre,
            published,
            published_after,
            published_before,
            published_basis: meta.published_basis.clone(),
            url,
            publisher,
            publication,
            authors,
            dateline,
            rights: meta.rights.clone(),
        }
    }

    /// The author of the article, from the fact `<article> schema:author <entity>`.
    fn author_fact(&self) -> Option<String> {
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

    /// The names the sheet gives registry entities for this article only: (entity,
    /// name, where the sheet gives it).
    fn local_aliases(&mut self) -> Vec<(String, String, Location)> {
        let mut out = Vec::new();
        for a in &self.sheet.alias {
            let item = Item {
                kind: ItemKind::Entity,
                id: a.entity.get_ref().clone(),
            };
            let resolved = self.resolve(&a.entity, "entity", &item, &[ItemKind::Entity]);
            if let Some(Ref::Entity(id)) = resolved {
                for name in &a.names {
                    out.push((id.clone(), name.get_ref().clone(), self.at(name)));
                }
            }
        }
        out
    }

    /// Every occurrence of every entity's names in the text: the leftmost-longest at
    /// the top, and names inside names nested in them. A name may belong to one entity
    /// only; the entities are taken in the order of their ids, local aliases last.
    fn mentions(&mut self, local_aliases: &[(String, String, Location)]) -> Vec<Mention> {
        let (found, mut errors) = self.find_names(local_aliases);
        self.errors.append(&mut errors);
        let mut numbers: HashMap<String, usize> = HashMap::new();
        let mut at: HashMap<(usize, usize), (String, usize)> = HashMap::new();
        let mut mentions = Vec::new();
        for m in found {
            let n = numbers.entry(m.key.clone()).or_insert(0);
            *n += 1;
            self.used.insert(m.key.clone());
            at.insert((m.start, m.end), (m.key.clone(), *n));
            let span = self.text.span(m.start, m.end);
            mentions.push(Mention {
                entity: m.key,
                number: *n,
                nested_in: m.inside.and_then(|s| at.get(&s).cloned()),
                evidence: evidence(&self.text, span),
            });
        }
        mentions
    }

    /// The names of every entity matched in the text, and the names given twice.
    fn find_names(
        &self,
        local_aliases: &[(String, String, Location)],
    ) -> (Vec<ground::NestedMatch<String>>, Vec<Error>) {
        let mut names: Vec<Name<'_>> = Vec::new();
        let registry = self.registry;
        let mut all: Vec<(&Entity, &Location, bool)> = registry
            .entities
            .values()
            .filter(|(e, _)| !self.own.contains_key(&e.id))
            .map(|(e, l)| (e, l, false))
            .chain(self.own.values().map(|(e, l)| (e, l, true)))
            .collect();
        all.sort_by(|a, b| a.0.id.cmp(&b.0.id));
        for (e, place, in_sheet) in all {
            if !e.mentions {
                continue;
            }
            for name in std::iter::once(&e.label).chain(&e.aliases) {
                names.push(Name {
                    entity: e,
                    name,
                    place: place.clone(),
                    in_sheet,
                });
            }
        }
        for (id, name, place) in local_aliases {
            if let Some(e) = self.entity(id) {
                names.push(Name {
                    entity: e,
                    name,
                    place: place.clone(),
                    in_sheet: true,
                });
            }
        }
        let mut owners: BTreeMap<&str, usize> = BTreeMap::new();
        let mut keys: Vec<(String, &str)> = Vec::new();
        let mut errors = Vec::new();
        for (i, n) in names.iter().enumerate() {
            match owners.get(n.name) {
                Some(&j) if names[j].entity.id != n.entity.id => {
                    let first = &names[j];
                    // The error points at the newcomer: the sheet's name when the other
                    // is the registry's, else the later of the two.
                    let at = if first.in_sheet && !n.in_sheet {
                        first.place.clone()
                    } else {
                        n.place.clone()
                    };
                    let places = (first.place.file != n.place.file)
                        .then(|| (first.place.clone(), n.place.clone()));
                    errors.push(Error::at(
                        at,
                        ErrorKind::NameClash {
                            name: n.name.to_owned(),
                            first: first.entity.id.clone(),
                            second: n.entity.id.clone(),
                            places,
                        },
                    ));
                }
                Some(_) => {}
                None => {
                    owners.insert(n.name, i);
                    keys.push((n.entity.id.clone(), n.name));
                }
            }
        }
        let holds = |id: &String| self.entity(id).is_none_or(|e| e.inner_mentions);
        (
            ground::find_nested_mentions(&self.text, &keys, holds),
            errors,
        )
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
                ItemKind::Event => {
                    self.events.insert(name.clone());
                    Ref::Event(name.clone())
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
                let problem = e;
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

    /// The passage a stated date, figure or ordinal may be read in: the quote's
    /// sentences.
    fn passage(&self, evidence: &Evidence) -> &'a str {
        self.text.sentences_of(&evidence.span)
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
        if !self.ontology.is_property(&iri) {
            let suggestion = self
                .ontology
                .closest_property(&iri)
                .and_then(vocab::compact);
            self.fail(
                p,
                Some(item),
                ErrorKind::UnknownProperty {
                    name: p.get_ref().clone(),
                    suggestion,
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
        if let Some(e) = self.registry.event(id) {
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

    /// The time of a fact: its date, or its interval, and its bounds; and how they are
    /// known. A date the sheet calls stated must be in the quote's sentences.
    fn time(&mut self, f: &sheet::Fact, item: &Item) -> (Time, Option<Known>) {
        let mut time = Time::default();
        let fields: [(&'static str, &Option<Spanned<String>>); 5] = [
            ("date", &f.date),
            ("start", &f.start),
            ("end", &f.end),
            ("after", &f.after),
            ("before", &f.before),
        ];
        let mut given = Vec::new();
        for (field, value) in fields {
            if let Some(d) = value {
                if let Some(literal) = self.date(d, item) {
                    given.push((field, d, literal));
                }
            }
        }
        for (field, _, literal) in &given {
            let slot = match *field {
                "date" => &mut time.date,
                "start" => &mut time.start,
                "end" => &mut time.end,
                "after" => &mut time.after,
                _ => &mut time.before,
            };
            *slot = Some(literal.clone());
        }
        if f.date.is_some() && (f.start.is_some() || f.end.is_some()) {
            self.fail(&f.id, Some(item), ErrorKind::DateAndInterval);
        }
        if let (Some(s), Some(e)) = (&time.start, &time.end) {
            let n = s.value().len().min(e.value().len());
            if s.value()[..n] > e.value()[..n] {
                self.fail(
                    &f.id,
                    Some(item),
                    ErrorKind::StartAfterEnd {
                        start: s.value().to_owned(),
                        end: e.value().to_owned(),
                    },
                );
            }
        }
        let known = match (&f.date_inferred, &f.date_background) {
            (Some(_), Some(_)) => {
                self.fail(&f.id, Some(item), ErrorKind::DateKnownTwice);
                None
            }
            (Some(reason), None) => Some(Known::Inferred(reason.clone())),
            (None, Some(source)) => Some(Known::Background(source.clone())),
            (None, None) => Some(Known::Stated),
        };
        if time.is_empty() {
            if f.date_inferred.is_some() && f.date.is_none() && given.is_empty() {
                self.fail(&f.id, Some(item), ErrorKind::DateInferredWithoutDate);
            } else if f.date_background.is_some() && given.is_empty() {
                self.fail(
                    &f.id,
                    Some(item),
                    ErrorKind::DateBasisWithoutDate {
                        field: "date_background",
                    },
                );
            }
        }
        (time, known)
    }

    fn fact(&mut self, f: &'a sheet::Fact) -> Option<Fact> {
        let item = Item {
            kind: ItemKind::Fact,
            id: f.id.get_ref().clone(),
        };
        let before = self.errors.len();
        let (time, time_known) = self.time(f, &item);
        let (relation, derived_label) = self.relation(f, &item, &time);
        let mut event = self.event_class(f, &item);
        let shared = f.shared.as_ref().and_then(|s| {
            match self.resolve(s, "shared", &item, &[ItemKind::Event]) {
                Some(Ref::Event(id)) => Some(id),
                _ => None,
            }
        });
        if let (Some(id), None) = (&shared, &event) {
            // A fact that reports a shared event is an event of its class.
            event = self.registry.event(id).map(|e| e.class.clone());
        }
        let status = self.status(f, &item);
        let entity = [ItemKind::Entity];
        let entity_or_fact = [ItemKind::Entity, ItemKind::Event, ItemKind::Fact];
        let fact = [ItemKind::Fact, ItemKind::Event];
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
        if let Some(ev) = &evidence {
            self.stated_in_quote(f, &item, ev, time_known.as_ref(), known.as_ref());
        }
        if self.errors.len() > before {
            return None;
        }
        Some(Fact {
            id: item.id,
            label: f.label.clone().or(derived_label).unwrap_or_else(|| {
                shared
                    .as_ref()
                    .and_then(|id| self.registry.event(id))
                    .map(|e| e.label.clone())
                    .unwrap_or_default()
            }),
            event,
            shared,
            relation,
            status,
            negated: f.negated,
            time,
            time_known: time_known?,
            place: place.flatten(),
            ordinal: f.ordinal.as_ref().map(|o| *o.get_ref()),
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

    /// The direct triple of a fact (subject, predicate, and object or value), and the
    /// label it makes; half a triple is an error.
    fn relation(
        &mut self,
        f: &sheet::Fact,
        item: &Item,
        time: &Time,
    ) -> (Option<Relation>, Option<String>) {
        let all = [
            ItemKind::Entity,
            ItemKind::Event,
            ItemKind::Fact,
            ItemKind::Statistic,
            ItemKind::Claim,
            ItemKind::Article,
        ];
        let mut relation = None;
        let mut derived_label = None;
        match (&f.subject, &f.predicate) {
            (Some(subject), Some(predicate)) => {
                let subject_ref = self.resolve(subject, "subject", item, &all);
                let p = self.predicate(predicate, item);
                let object = match (&f.object, &f.value, &time.date) {
                    (Some(o), None, _) => self
                        .resolve(o, "object", item, &all)
                        .map(|r| (Object::Item(r), self.label_of(o.get_ref()))),
                    (None, Some(v), _) => {
                        if matches!(v.get_ref(), Value::Decimal(d) if !d.is_finite()) {
                            self.fail(v, Some(item), ErrorKind::NotFinite { value: None });
                            None
                        } else {
                            let l = value_literal(v.get_ref());
                            let text = l.value().to_owned();
                            Some((Object::Literal(l), text))
                        }
                    }
                    (None, None, Some(d)) => {
                        Some((Object::Literal(d.clone()), d.value().to_owned()))
                    }
                    (Some(_), Some(_), _) => {
                        self.fail(&f.id, Some(item), ErrorKind::ObjectAndValue);
                        None
                    }
                    (None, None, None) => {
                        if f.date.is_none() {
                            self.fail(&f.id, Some(item), ErrorKind::NoObject);
                        }
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
            _ => self.fail(&f.id, Some(item), ErrorKind::IncompleteRelation),
        }
        (relation, derived_label)
    }

    /// The event class of a fact that is an event; an event needs a label, and a fact
    /// must be a relation, an event or the report of a shared event.
    fn event_class(&mut self, f: &sheet::Fact, item: &Item) -> Option<String> {
        let mut event = None;
        if let Some(class) = &f.event {
            let iri = vocab::nea_term(class.get_ref());
            if self.ontology.is_a(&iri, nea::EVENT.as_str()) {
                event = Some(iri);
            } else {
                self.fail(
                    class,
                    Some(item),
                    ErrorKind::NotEventClass {
                        class: class.get_ref().clone(),
                        choices: event_classes(self.ontology),
                    },
                );
            }
            if f.label.is_none() {
                self.fail(&f.id, Some(item), ErrorKind::EventWithoutLabel);
            }
        } else if f.subject.is_none()
            && f.predicate.is_none()
            && f.object.is_none()
            && f.value.is_none()
            && f.shared.is_none()
        {
            self.fail(&f.id, Some(item), ErrorKind::SaysNothing);
        }
        event
    }

    fn status(&mut self, f: &sheet::Fact, item: &Item) -> Option<Status> {
        f.status.as_ref().and_then(|s| {
            let parsed = Status::parse(s.get_ref());
            if parsed.is_none() {
                self.fail(
                    s,
                    Some(item),
                    ErrorKind::UnknownStatus {
                        status: s.get_ref().clone(),
                    },
                );
            }
            parsed
        })
    }

    /// What a fact calls stated must be readable in the quote's sentences: its dates
    /// (unless they are inferred or background), its ordinal and its value.
    fn stated_in_quote(
        &mut self,
        f: &sheet::Fact,
        item: &Item,
        ev: &Evidence,
        time_known: Option<&Known>,
        known: Option<&Known>,
    ) {
        let passage = self.passage(ev);
        if time_known == Some(&Known::Stated) {
            for (field, value) in [
                ("date", &f.date),
                ("start", &f.start),
                ("end", &f.end),
                ("after", &f.after),
                ("before", &f.before),
            ] {
                if let Some(d) = value {
                    if date_literal(d.get_ref()).is_some()
                        && !numbers::gives_date(passage, d.get_ref())
                    {
                        self.fail(
                            d,
                            Some(item),
                            ErrorKind::DateNotInQuote {
                                field,
                                date: d.get_ref().clone(),
                            },
                        );
                    }
                }
            }
        }
        if known == Some(&Known::Stated) {
            if let Some(n) = &f.ordinal {
                let found = numbers::ordinals(passage);
                if !found.contains(n.get_ref()) {
                    self.fail(
                        n,
                        Some(item),
                        ErrorKind::FigureNotInQuote {
                            what: "ordinal",
                            value: n.get_ref().to_string(),
                            found: found.iter().map(ToString::to_string).collect(),
                        },
                    );
                }
            }
            if let Some(v) = &f.value {
                self.figure_in(passage, v, item);
            }
        }
    }

    /// A number the sheet calls stated must be in the passage (as written, scaled,
    /// spelled or as a percentage).
    fn figure_in(&mut self, passage: &str, v: &Spanned<Value>, item: &Item) {
        let value = match v.get_ref() {
            Value::Integer(i) => *i as f64,
            Value::Decimal(d) => *d,
            Value::Text(_) => return,
        };
        if !value.is_finite() || numbers::gives_number(passage, value) {
            return;
        }
        let mut found: Vec<String> = numbers::numbers(passage)
            .iter()
            .map(|n| {
                value_literal(&if n.fract() == 0.0 && n.abs() < 9e15 {
                    Value::Integer(*n as i64)
                } else {
                    Value::Decimal(*n)
                })
                .value()
                .to_owned()
            })
            .collect();
        found.dedup();
        found.truncate(6);
        self.fail(
            v,
            Some(item),
            ErrorKind::FigureNotInQuote {
                what: "figure",
                value: value_literal(v.get_ref()).value().to_owned(),
                found,
            },
        );
    }

    /// A number of a statistic: a finite number, not text.
    fn number(&mut self, v: &Spanned<Value>, item: &Item) -> Option<Literal> {
        match v.get_ref() {
            Value::Text(_) => {
                self.fail(v, Some(item), ErrorKind::ValueNotNumber);
                None
            }
            Value::Decimal(d) if !d.is_finite() => {
                self.fail(v, Some(item), ErrorKind::NotFinite { value: Some(*d) });
                None
            }
            other => Some(value_literal(other)),
        }
    }

    fn statistic(&mut self, t: &'a sheet::Statistic) -> Option<Statistic> {
        let item = Item {
            kind: ItemKind::Statistic,
            id: t.id.get_ref().clone(),
        };
        let before = self.errors.len();
        let value = t.value.as_ref().and_then(|v| self.number(v, &item));
        let min = t.min.as_ref().and_then(|v| self.number(v, &item));
        let max = t.max.as_ref().and_then(|v| self.number(v, &item));
        let from = t.from.as_ref().and_then(|v| self.number(v, &item));
        let to = t.to.as_ref().and_then(|v| self.number(v, &item));
        let bound = t.bound.as_ref().and_then(|b| {
            let parsed = Bound::parse(b.get_ref());
            if parsed.is_none() {
                self.fail(
                    b,
                    Some(&item),
                    ErrorKind::UnknownBound {
                        bound: b.get_ref().clone(),
                    },
                );
            }
            parsed
        });
        let change = t.change.as_ref().and_then(|c| {
            let parsed = match c.get_ref().as_str() {
                "rise" | "increase" | "up" => Some(Change::Rise),
                "fall" | "decrease" | "down" => Some(Change::Fall),
                _ => None,
            };
            if parsed.is_none() {
                self.fail(
                    c,
                    Some(&item),
                    ErrorKind::UnknownChange {
                        change: c.get_ref().clone(),
                    },
                );
            }
            parsed
        });
        let range_given = t.min.is_some() || t.max.is_some();
        let change_given = t.change.is_some() || t.from.is_some() || t.to.is_some();
        let problem = if t.value.is_none() && !range_given && !change_given {
            Some("a statistic needs a quantity")
        } else if range_given && (t.value.is_some() || change_given || t.bound.is_some()) {
            Some("a range (`min`, `max`) stands alone")
        } else if range_given && (t.min.is_none() || t.max.is_none()) {
            Some("a range needs both `min` and `max`; for one side, use `value` with `bound`")
        } else if t.bound.is_some() && (t.value.is_none() || change_given) {
            Some("a `bound` qualifies a `value`")
        } else if (t.from.is_some() || t.to.is_some()) && t.change.is_none() {
            Some("`from` and `to` describe a `change` (rise or fall)")
        } else if t.change.is_some() && t.value.is_none() && t.from.is_none() && t.to.is_none() {
            Some("a `change` needs its size (`value`) or where it went (`from`, `to`)")
        } else {
            None
        };
        if let Some(reason) = problem {
            self.fail(&t.id, Some(&item), ErrorKind::QuantityShape { reason });
        }
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
            &[ItemKind::Entity, ItemKind::Event, ItemKind::Fact],
        );
        let known = self.known(t.known, t.basis.as_deref(), &t.id, &item);
        let evidence = self.evidence(&item, &t.quote, t.occurrence.as_ref());
        if let (Some(ev), Some(Known::Stated)) = (&evidence, &known) {
            let passage = self.passage(ev);
            for v in [&t.value, &t.min, &t.max, &t.from, &t.to]
                .into_iter()
                .flatten()
            {
                if !matches!(v.get_ref(), Value::Text(_)) {
                    self.figure_in(passage, v, &item);
                }
            }
        }
        if self.errors.len() > before {
            return None;
        }
        let quantity = if let (Some(lo), Some(hi)) = (min, max) {
            Quantity::Range(lo, hi)
        } else if let Some(direction) = change {
            Quantity::Change {
                direction,
                by: value,
                from,
                to,
            }
        } else if let Some(b) = bound {
            Quantity::Bounded(b, value?)
        } else {
            Quantity::Value(value?)
        };
        Some(Statistic {
            id: item.id,
            label: t.label.clone(),
            subject: subject?,
            quantity,
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
        let voice = match (&c.voice, &c.claimant) {
            (Some(_), Some(old)) => {
                self.fail(
                    old,
                    Some(&item),
                    ErrorKind::SaidTwice {
                        new: "voice",
                        old: "claimant",
                    },
                );
                None
            }
            (None, Some(old)) => Some(match old.get_ref() {
                sheet::Claimant::Author => Voice::Author,
                sheet::Claimant::Others => Voice::Unnamed,
            }),
            (Some(v), None) => self.voice(v, &item),
            (None, None) => {
                self.fail(&c.id, Some(&item), ErrorKind::VoiceMissing);
                None
            }
        };
        let stance = match (c.stance.as_ref().map(|s| *s.get_ref()), &voice) {
            (None, Some(Voice::Author)) | (Some(sheet::Stance::Endorses), _) => Stance::Endorses,
            (None, _) | (Some(sheet::Stance::Reports), _) => Stance::Reports,
            (Some(sheet::Stance::Rejects), _) => Stance::Rejects,
        };
        if let (Some(Voice::Author), Some(s)) = (&voice, &c.stance) {
            if stance != Stance::Endorses {
                let name = if stance == Stance::Rejects {
                    "rejects"
                } else {
                    "reports"
                };
                self.fail(s, Some(&item), ErrorKind::AuthorStance { stance: name });
            }
        }
        let attribution_quote = match (&c.attribution, &c.reported_as) {
            (Some(_), Some(old)) => {
                self.fail(
                    old,
                    Some(&item),
                    ErrorKind::SaidTwice {
                        new: "attribution",
                        old: "reported_as",
                    },
                );
                None
            }
            (a, old) => a.as_ref().or(old.as_ref()),
        };
        let attribution = attribution_quote
            .and_then(|q| self.evidence(&item, q, c.attribution_occurrence.as_ref()));
        if attribution_quote.is_none() && matches!(voice, Some(Voice::Named(_) | Voice::Joint(_))) {
            self.fail(&c.id, Some(&item), ErrorKind::AttributionMissing);
        }
        let about: Vec<Option<Ref>> = c
            .about
            .iter()
            .map(|a| {
                self.resolve(
                    a,
                    "about",
                    &item,
                    &[ItemKind::Entity, ItemKind::Event, ItemKind::Fact],
                )
            })
            .collect();
        let evidence = self.evidence(&item, &c.quote, c.occurrence.as_ref());
        let date = self.claim_date(c, &item, [attribution.as_ref(), evidence.as_ref()]);
        if self.errors.len() > before {
            return None;
        }
        Some(Claim {
            id: item.id,
            text: c.text.clone(),
            voice: voice?,
            stance,
            attribution,
            about: about.into_iter().flatten().collect(),
            date,
            evidence: evidence?,
        })
    }

    /// When a claim was made, and how that is known: a date given as stated must be
    /// in the sentences of the attribution or of the quote.
    fn claim_date(
        &mut self,
        c: &sheet::Claim,
        item: &Item,
        evidence: [Option<&Evidence>; 2],
    ) -> Option<(Literal, Known)> {
        let Some(d) = &c.date else {
            if c.date_inferred.is_some() {
                self.fail(&c.id, Some(item), ErrorKind::DateInferredWithoutDate);
            } else if c.date_background.is_some() {
                self.fail(
                    &c.id,
                    Some(item),
                    ErrorKind::DateBasisWithoutDate {
                        field: "date_background",
                    },
                );
            }
            return None;
        };
        let literal = self.date(d, item)?;
        let known = match (&c.date_inferred, &c.date_background) {
            (Some(_), Some(_)) => {
                self.fail(&c.id, Some(item), ErrorKind::DateKnownTwice);
                return None;
            }
            (Some(reason), None) => Known::Inferred(reason.clone()),
            (None, Some(source)) => Known::Background(source.clone()),
            (None, None) => Known::Stated,
        };
        if known == Known::Stated {
            let given = evidence
                .into_iter()
                .flatten()
                .any(|ev| numbers::gives_date(self.passage(ev), d.get_ref()));
            // Without evidence the quote's own error has been reported.
            if !given && evidence.iter().any(Option::is_some) {
                self.fail(
                    d,
                    Some(item),
                    ErrorKind::DateNotInQuote {
                        field: "date",
                        date: d.get_ref().clone(),
                    },
                );
            }
        }
        Some((literal, known))
    }

    /// The voice of a claim: the author, unnamed others, an entity, or several.
    fn voice(&mut self, v: &Spanned<VoiceSpec>, item: &Item) -> Option<Voice> {
        let voice_kinds = [ItemKind::Entity];
        let spanned = |s: &str| Spanned::new(v.span(), s.to_owned());
        match v.get_ref() {
            VoiceSpec::One(s) if s == "author" => Some(Voice::Author),
            VoiceSpec::One(s) if s == "unnamed" || s == "others" => Some(Voice::Unnamed),
            VoiceSpec::One(id) => self
                .resolve(&spanned(id), "voice", item, &voice_kinds)
                .map(Voice::Named),
            VoiceSpec::Joint(ids) if ids.len() < 2 => {
                self.fail(v, Some(item), ErrorKind::JointVoiceTooSmall);
                None
            }
            VoiceSpec::Joint(ids) => {
                let refs: Vec<Option<Ref>> = ids
                    .iter()
                    .map(|id| self.resolve(&spanned(id), "voice", item, &voice_kinds))
                    .collect();
                refs.into_iter()
                    .collect::<Option<Vec<_>>>()
                    .map(Voice::Joint)
            }
        }
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
