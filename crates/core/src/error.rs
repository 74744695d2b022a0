//! Typed errors of the core: every problem a registry, a fact sheet or the ontology can
//! have, with the file, line and item it is found at. `Display` renders the message a
//! user sees (what is wrong, then on the next line what to do), the same text that
//! `docs/errors.md` lists and the tests pin; a library user can match on the kind.

use crate::ground::Spacing;
use std::fmt;

/// The longest piece of user text that a message quotes whole, in characters.
pub const SHOWN_CHARS: usize = 200;
/// How much of a longer piece a message shows, in characters.
const SHOWN_HEAD: usize = 160;
/// How many items of a list a message shows before it counts the rest.
pub const SHOWN_ITEMS: usize = 5;

/// User text (a quote, a headline, an id, a name, a passage) as every message shows
/// it: in double quotes, escaped as Rust's `{:?}` escapes it, and beyond
/// `SHOWN_CHARS` characters cut to its start, an ellipsis and its length, as in
/// `"Japan and the…" (20,000 characters)`. A message stays short whatever the input.
pub fn quoted(text: &str) -> String {
    match cut(text) {
        None => format!("{text:?}"),
        Some((head, length)) => format!(
            "{:?} ({} characters)",
            format!("{head}…"),
            thousands(length)
        ),
    }
}

/// User text shown as it is, without quotes (inside a passage of the article):
/// beyond `SHOWN_CHARS` characters, its start, an ellipsis and its length.
pub fn shortened(text: &str) -> String {
    match cut(text) {
        None => text.to_owned(),
        Some((head, length)) => format!("{head}… ({} characters)", thousands(length)),
    }
}

/// The message of another parser (TOML's, RDF's), which quotes the input as it is
/// (`invalid type: string "…", expected i64`, ``unknown field `…` ``): every part in
/// double quotes or backquotes longer than `SHOWN_CHARS` characters is cut as
/// `quoted` cuts it; the rest of the message is kept, and a short one is unchanged.
pub fn cut_quoted_parts(message: &str) -> String {
    let mut out = String::with_capacity(message.len().min(1_000));
    let mut rest = message;
    while let Some(open) = rest.find(['"', '`']) {
        let delimiter = char::from(rest.as_bytes()[open]);
        out.push_str(&rest[..=open]);
        let body = &rest[open + 1..];
        let mut escaped = false;
        let close = body.char_indices().find_map(|(i, c)| {
            let found = c == delimiter && !escaped;
            escaped = delimiter == '"' && c == '\\' && !escaped;
            found.then_some(i)
        });
        let Some(close) = close else {
            out.push_str(&shortened(body));
            return out;
        };
        match cut(&body[..close]) {
            None => {
                out.push_str(&body[..=close]);
            }
            Some((head, length)) => {
                out.push_str(head);
                out.push('…');
                out.push(delimiter);
                out.push_str(&format!(" ({} characters)", thousands(length)));
            }
        }
        rest = &body[close + 1..];
    }
    out.push_str(rest);
    out
}

/// The start of a text longer than `SHOWN_CHARS` characters, and its length.
fn cut(text: &str) -> Option<(&str, usize)> {
    text.char_indices().nth(SHOWN_CHARS)?;
    let end = text
        .char_indices()
        .nth(SHOWN_HEAD)
        .map_or(text.len(), |(i, _)| i);
    Some((&text[..end], text.chars().count()))
}

/// The line that ends a list cut to its first `shown` of `total` items:
/// `… and 3,995 more`; none when nothing was left out.
pub fn and_more(shown: usize, total: usize) -> Option<String> {
    (total > shown).then(|| format!("… and {} more", thousands(total - shown)))
}

/// A count with a comma between thousands: 4,000.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Where an error was found: a file, and the line (and column) when known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub file: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
}

impl Location {
    pub fn file(file: impl Into<String>) -> Self {
        Self {
            file: file.into(),
            line: None,
            column: None,
        }
    }

    pub fn line(file: impl Into<String>, line: usize) -> Self {
        Self {
            file: file.into(),
            line: Some(line),
            column: None,
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        Ok(())
    }
}

/// The kinds of item a sheet or registry declares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ItemKind {
    Article,
    Entity,
    /// A registry's shared event.
    Event,
    Fact,
    Statistic,
    Claim,
    /// A `[[skip]]`: a passage with nothing to model.
    Skip,
}

impl ItemKind {
    /// The item's name in messages: "fact".
    pub fn name(self) -> &'static str {
        match self {
            Self::Article => "article",
            Self::Entity => "entity",
            Self::Event => "event",
            Self::Fact => "fact",
            Self::Statistic => "statistic",
            Self::Claim => "claim",
            Self::Skip => "skip",
        }
    }

    /// With an article: "a fact".
    pub fn with_article(self) -> &'static str {
        match self {
            Self::Article => "the article",
            Self::Entity => "an entity",
            Self::Event => "a shared event",
            Self::Fact => "a fact",
            Self::Statistic => "a statistic",
            Self::Claim => "a claim",
            Self::Skip => "a skip",
        }
    }
}

/// The item an error is about: `fact "asean-founding"`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub kind: ItemKind,
    pub id: String,
}

impl fmt::Display for Item {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.kind.name(), quoted(&self.id))
    }
}

/// Why a quote could not be located in the article: what grounding found.
pub use crate::ground::QuoteError as QuoteProblem;

/// What is wrong.
#[derive(Debug, Clone, PartialEq)]
pub enum ErrorKind {
    /// The TOML does not parse, or does not have the sheet's shape.
    Toml {
        message: String,
    },
    /// The ontology is not valid Turtle.
    Ontology {
        message: String,
    },
    InvalidBase {
        base: String,
    },
    InvalidId {
        what: &'static str,
        id: String,
    },
    DuplicateId {
        id: String,
        first: Location,
    },
    DuplicateArticle {
        id: String,
        previous: String,
    },
    EmptyArticle,
    /// The article holds NUL bytes or mostly control characters: not a text.
    BinaryArticle,
    /// The article has no sentence after its headline: no line with a letter.
    NoSentences,
    /// Items `nea-kg draft` proposed that nobody has confirmed yet: (kind, id), in the
    /// order of the sheet.
    Drafts {
        items: Vec<(&'static str, String)>,
    },
    HeadlineNotFirstLine {
        headline: String,
        article: String,
        first_line: String,
    },
    InvalidLanguageTag {
        tag: String,
        reason: String,
    },
    /// An id names an item of the wrong kind.
    WrongKind {
        field: &'static str,
        id: String,
        allowed: Vec<ItemKind>,
    },
    UnknownId {
        field: &'static str,
        id: String,
        suggestion: Option<String>,
    },
    Quote {
        quote: String,
        article: String,
        problem: QuoteProblem,
    },
    NameClash {
        name: String,
        first: String,
        second: String,
        /// Where each is declared, when they are in different places.
        places: Option<(Location, Location)>,
    },
    UnknownClass {
        class: String,
        choices: Vec<String>,
    },
    NotEventClass {
        class: String,
        choices: Vec<String>,
    },
    InvalidWikidata {
        value: String,
    },
    UnknownPrefix {
        name: String,
        prefixes: Vec<String>,
    },
    UnknownProperty {
        name: String,
        suggestion: Option<String>,
    },
    InvalidDate {
        date: String,
    },
    BasisMissing,
    ObjectAndValue,
    NoObject,
    IncompleteRelation,
    EventWithoutLabel,
    SaysNothing,
    DateInferredWithoutDate,
    ValueNotNumber,
    NotFinite {
        value: Option<f64>,
    },
    UnknownUnit {
        unit: String,
    },
    /// An id declared differently by two registries.
    RegistryConflict {
        what: &'static str,
        id: String,
        first: Location,
    },
    UnknownGenre {
        genre: String,
    },
    UnknownStatus {
        status: String,
    },
    UnknownBound {
        bound: String,
    },
    UnknownChange {
        change: String,
    },
    /// Bounds on the publication date without `published_basis`.
    PublishedBasisMissing,
    InvalidUrl {
        url: String,
    },
    /// A claim with neither `voice` nor `claimant`.
    VoiceMissing,
    /// A claim with both `voice` and `claimant` (or `attribution` and `reported_as`).
    SaidTwice {
        new: &'static str,
        old: &'static str,
    },
    /// A joint voice of fewer than two.
    JointVoiceTooSmall,
    /// The author's own claim with a stance other than `endorses`.
    AuthorStance {
        stance: &'static str,
    },
    /// A named or joint voice without the words of attribution.
    AttributionMissing,
    /// A date the sheet says is stated that its quote and sentence do not give.
    DateNotInQuote {
        field: &'static str,
        date: String,
    },
    /// A figure or ordinal said to be stated that the quote and sentence do not give.
    FigureNotInQuote {
        what: &'static str,
        value: String,
        found: Vec<String>,
    },
    /// `date` together with `start` or `end`.
    DateAndInterval,
    StartAfterEnd {
        start: String,
        end: String,
    },
    /// `date_inferred` and `date_background` together.
    DateKnownTwice,
    /// A basis for dates without any date.
    DateBasisWithoutDate {
        field: &'static str,
    },
    /// A statistic whose quantity fields do not fit together.
    QuantityShape {
        reason: &'static str,
    },
}

fn list(items: &[impl AsRef<str>]) -> String {
    items
        .iter()
        .map(AsRef::as_ref)
        .collect::<Vec<_>>()
        .join(", ")
}

fn kinds(allowed: &[ItemKind]) -> String {
    allowed
        .iter()
        .map(|k| k.with_article())
        .collect::<Vec<_>>()
        .join(" or ")
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Toml { message } => write!(
                f,
                "{message}\n  fix the TOML at that line; the format is described in docs/fact-sheet.md"
            ),
            Self::Ontology { message } => {
                write!(f, "{message}\n  the ontology must be valid Turtle")
            }
            Self::InvalidBase { base } => write!(
                f,
                "invalid --base {}: it must be an absolute IRI ending in '/' or '#'\n  for example --base https://example.org/kg/",
                quoted(base)
            ),
            Self::InvalidId { what, id } => write!(
                f,
                "the {what} id {} is not valid\n  use lower-case ASCII letters, digits and hyphens, starting with a letter (`rok-normalization-1965`)",
                quoted(id)
            ),
            Self::DuplicateId { id, first } => write!(
                f,
                "duplicate id {}: it is already declared at {first}\n  give each entity, fact, statistic and claim an id of its own",
                quoted(id)
            ),
            Self::DuplicateArticle { id, previous } => write!(
                f,
                "the article id {} is already used by {previous}\n  give each article's sheet its own [article] id",
                quoted(id)
            ),
            Self::EmptyArticle => write!(
                f,
                "the article is empty\n  give the article's text, UTF-8, as a .txt file"
            ),
            Self::BinaryArticle => write!(
                f,
                "the article is binary, not text (it holds NUL bytes or mostly control characters)\n  give the article's text, UTF-8, as a .txt file"
            ),
            Self::NoSentences => write!(
                f,
                "the article has no sentences: no line after the headline holds a word\n  give the article's whole text: its headline on the first line, then its paragraphs"
            ),
            Self::Drafts { items } => {
                let shown: Vec<String> = items
                    .iter()
                    .take(SHOWN_ITEMS)
                    .map(|(kind, id)| format!("{kind} {}", quoted(id)))
                    .collect();
                write!(
                    f,
                    "{} still marked `draft = true`: {}",
                    if items.len() == 1 {
                        "1 item is".to_owned()
                    } else {
                        format!("{} items are", thousands(items.len()))
                    },
                    list(&shown)
                )?;
                if let Some(more) = and_more(shown.len(), items.len()) {
                    write!(f, " {more}")?;
                }
                write!(
                    f,
                    "\n  confirm each one (check it against the article, then delete its `draft = true` line) or delete it; nothing unconfirmed is built"
                )
            }
            Self::HeadlineNotFirstLine {
                headline,
                article,
                first_line,
            } => write!(
                f,
                "the headline {} is not the first line of {article} ({})\n  make `headline` the article's first line, exactly",
                quoted(headline),
                quoted(first_line)
            ),
            Self::InvalidLanguageTag { tag, reason } => write!(
                f,
                "invalid language tag {}: {reason}\n  use a BCP 47 tag such as \"en\" or \"zh-Hans\"",
                quoted(tag)
            ),
            Self::WrongKind { field, id, allowed } => {
                let kinds = kinds(allowed);
                write!(
                    f,
                    "`{field}` names {}, which is not {kinds}\n  give the id of {kinds}",
                    quoted(id)
                )
            }
            Self::UnknownId {
                field,
                id,
                suggestion,
            } => {
                write!(f, "unknown id {} in `{field}`", quoted(id))?;
                if let Some(s) = suggestion {
                    write!(f, " (did you mean {}?)", quoted(s))?;
                }
                write!(
                    f,
                    "\n  declare it in the entity registry or the sheet, or fix the spelling"
                )
            }
            Self::Quote {
                quote,
                article,
                problem,
            } => {
                let quote = quoted(quote);
                match problem {
                    QuoteProblem::Empty => write!(
                        f,
                        "the quote {quote} is empty\n  quote the article's words that support it"
                    ),
                    QuoteProblem::NoWords => write!(
                        f,
                        "the quote {quote} has no letter or digit\n  quote the article's words that support it, not punctuation or spaces alone"
                    ),
                    QuoteProblem::Spacing { passage, spacing } => {
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
                        let note = if passage.contains('\n') {
                            " (⏎ marks a line break)"
                        } else {
                            ""
                        };
                        write!(
                            f,
                            "the quote {quote} {what}\n  the article's passage is: {}{note}\n  {fix}",
                            quoted(&passage.replace('\n', "⏎"))
                        )
                    }
                    QuoteProblem::NotFound { closest } => write!(
                        f,
                        "the quote {quote} is not in {article}\n  the closest passage of the article is: {}\n  copy the words exactly as the article writes them",
                        quoted(closest)
                    ),
                    QuoteProblem::Ambiguous { count, contexts } => {
                        writeln!(
                            f,
                            "the quote {quote} occurs {} times in {article}:",
                            thousands(*count)
                        )?;
                        for (i, c) in contexts.iter().enumerate() {
                            writeln!(f, "    {}. {c}", i + 1)?;
                        }
                        if let Some(more) = and_more(contexts.len(), *count) {
                            writeln!(f, "    {more}")?;
                        }
                        write!(
                            f,
                            "  lengthen the quote, or say which with `occurrence = N` (1 is the first)"
                        )
                    }
                    QuoteProblem::NoSuchOccurrence { count } => write!(
                        f,
                        "the quote {quote}: `occurrence` must be between 1 and {}, the number of times it occurs",
                        thousands(*count)
                    ),
                }
            }
            Self::NameClash {
                name,
                first,
                second,
                places,
            } => {
                write!(
                    f,
                    "the name {} is given to both {} and {}",
                    quoted(name),
                    quoted(first),
                    quoted(second)
                )?;
                if let Some((a, b)) = places {
                    write!(f, " (declared at {a} and {b})")?;
                }
                write!(
                    f,
                    "\n  a name can match one entity only: drop it from one of them, or set `mentions = false`"
                )
            }
            Self::UnknownClass { class, choices } => write!(
                f,
                "unknown class {}\n  use one of the ontology's entity classes: {}",
                quoted(class),
                list(choices)
            ),
            Self::NotEventClass { class, choices } => write!(
                f,
                "{} is not an event class of the ontology\n  use one of: {}",
                quoted(class),
                list(choices)
            ),
            Self::InvalidWikidata { value } => write!(
                f,
                "{} is not a Wikidata item id\n  write the id alone, as `wikidata = \"Q148\"`, or leave it out",
                quoted(value)
            ),
            Self::UnknownPrefix { name, prefixes } => write!(
                f,
                "{} is not a prefixed name with a known prefix\n  write it as `nea:normalizedRelationsWith` or `schema:foundingDate`; the prefixes are {}",
                quoted(name),
                list(prefixes)
            ),
            Self::UnknownProperty { name, suggestion } => {
                write!(f, "{} is not a property of the ontology", quoted(name))?;
                if let Some(s) = suggestion {
                    write!(f, " (did you mean {}?)", quoted(s))?;
                }
                write!(
                    f,
                    "\n  use a property declared in ontology/nea.ttl (its own, or a term of schema.org, PROV, SKOS or Dublin Core it declares), or declare it there first"
                )
            }
            Self::InvalidDate { date } => write!(
                f,
                "invalid date {}\n  write a year (1965), a year and month (2024-05) or a day (2025-03-22)",
                quoted(date)
            ),
            Self::BasisMissing => write!(
                f,
                "a fact that is not stated needs a `basis`\n  say how it is known: the reasoning, or the source of the background knowledge"
            ),
            Self::ObjectAndValue => write!(f, "give `object` or `value`, not both"),
            Self::NoObject => write!(
                f,
                "the predicate has no object\n  add `object` (an id), `value` (a literal) or `date`"
            ),
            Self::IncompleteRelation => write!(
                f,
                "a relation needs `subject`, `predicate` and `object` (or `value`) together\n  complete the triple, or remove its parts to state an event only"
            ),
            Self::EventWithoutLabel => write!(
                f,
                "an event needs a `label`\n  name the event in a few words (\"Founding of ASEAN\")"
            ),
            Self::SaysNothing => write!(
                f,
                "says nothing\n  give it a relation (`subject`, `predicate`, `object`) or make it an event (`event = \"Meeting\"`)"
            ),
            Self::DateInferredWithoutDate => write!(
                f,
                "`date_inferred` without a `date`\n  add the inferred `date`, or remove `date_inferred`"
            ),
            Self::ValueNotNumber => write!(
                f,
                "`value` must be a number\n  write the number itself: 800000000000 for \"$800 billion\""
            ),
            Self::NotFinite { value } => {
                write!(f, "`value` must be a finite number")?;
                match value {
                    Some(v) => write!(f, ", not {v}"),
                    None => Ok(()),
                }
            }
            Self::UnknownUnit { unit } => {
                write!(
                    f,
                    "unknown unit {}\n  use a currency's ISO 4217 code (USD, CNY, JPY, KRW, EUR, …) or one of {}",
                    quoted(unit),
                    crate::model::MEASURES
                        .iter()
                        .map(|(name, _)| *name)
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            }
            Self::RegistryConflict { what, id, first } => write!(
                f,
                "the {what} {} is already declared differently at {first}\n  declare it in one place; a registry that adds to another may repeat a declaration only as it is",
                quoted(id)
            ),
            Self::UnknownGenre { genre } => write!(
                f,
                "unknown genre {}\n  use one of {}",
                quoted(genre),
                crate::model::Genre::NAMES
            ),
            Self::UnknownStatus { status } => write!(
                f,
                "unknown status {}\n  use happened, ongoing, planned (or expected) or cancelled",
                quoted(status)
            ),
            Self::UnknownBound { bound } => write!(
                f,
                "unknown bound {}\n  use at-least, more-than (over), at-most (up-to) or less-than (under)",
                quoted(bound)
            ),
            Self::UnknownChange { change } => write!(
                f,
                "unknown change {}\n  use rise or fall",
                quoted(change)
            ),
            Self::PublishedBasisMissing => write!(
                f,
                "`published_after` and `published_before` need a `published_basis`\n  say what in the text bounds the date of publication"
            ),
            Self::InvalidUrl { url } => write!(
                f,
                "{} is not an absolute URL\n  give the address where the article is published, with its scheme (https://…)",
                quoted(url)
            ),
            Self::VoiceMissing => write!(
                f,
                "a claim needs a `voice`\n  write voice = \"author\", \"unnamed\" (for \"some argue\"), the id of who makes it, or several ids for a joint voice"
            ),
            Self::SaidTwice { new, old } => write!(
                f,
                "`{new}` and `{old}` say the same thing\n  keep `{new}` (`{old}` is its old name)"
            ),
            Self::JointVoiceTooSmall => write!(
                f,
                "a joint voice needs at least two ids\n  give one id as a string for a single voice"
            ),
            Self::AuthorStance { stance } => write!(
                f,
                "the author's own claim cannot have the stance `{stance}`\n  a claim the author makes is endorsed: leave `stance` out or write \"endorses\"; a view the author only reports belongs to its own voice"
            ),
            Self::AttributionMissing => write!(
                f,
                "a claim by a named or joint voice needs its `attribution`\n  quote the article's words that attribute it (\"said Kishida\", \"according to the ministry\")"
            ),
            Self::DateNotInQuote { field, date } => write!(
                f,
                "`{field}` {} is not in the quote or its sentence\n  say how it is known (`date_inferred = \"…\"` with the reasoning, or `date_background = \"…\"` with the source), quote the words that give it, or fix it",
                quoted(date)
            ),
            Self::FigureNotInQuote { what, value, found } => {
                write!(f, "the {what} {value} is not in the quote or its sentence")?;
                if !found.is_empty() {
                    write!(f, ", which give {}", found.join(", "))?;
                }
                write!(
                    f,
                    "\n  fix it, quote the words that give it, or say how it is known (known = \"inferred\" or \"background\", with a `basis`)"
                )
            }
            Self::DateAndInterval => write!(
                f,
                "give `date`, or `start` and `end`, not both\n  `date` is one day, month or year; `start` and `end` make an interval"
            ),
            Self::StartAfterEnd { start, end } => write!(
                f,
                "`start` {} is after `end` {}\n  swap them, or fix the dates",
                quoted(start),
                quoted(end)
            ),
            Self::DateKnownTwice => write!(
                f,
                "`date_inferred` and `date_background` together\n  say one: inferred from the text (the reasoning), or from background knowledge (the source)"
            ),
            Self::DateBasisWithoutDate { field } => write!(
                f,
                "`{field}` without a date\n  add the `date` (or `start`, `end`, `after`, `before`) it explains, or remove `{field}`"
            ),
            Self::QuantityShape { reason } => write!(
                f,
                "{reason}\n  give `value` (with `bound` for \"over\", \"at least\"…), or `min` and `max`, or `change` with `value` and/or `from` and `to`"
            ),
        }
    }
}

/// One problem, where it is, and the item it concerns.
#[derive(Debug, Clone, PartialEq)]
pub struct Error {
    pub location: Option<Location>,
    pub item: Option<Item>,
    pub kind: Box<ErrorKind>,
}

impl Error {
    /// An error with no location (a command-line value, say).
    pub fn new(kind: ErrorKind) -> Self {
        Self {
            location: None,
            item: None,
            kind: Box::new(kind),
        }
    }

    pub fn at(location: Location, kind: ErrorKind) -> Self {
        Self {
            location: Some(location),
            item: None,
            kind: Box::new(kind),
        }
    }

    pub fn about(mut self, item: Item) -> Self {
        self.item = Some(item);
        self
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(location) = &self.location {
            write!(f, "{location}: ")?;
        }
        if let Some(item) = &self.item {
            write!(f, "{item}: ")?;
        }
        self.kind.fmt(f)
    }
}

impl std::error::Error for Error {}

/// Every problem found in one input (a sheet, a registry), in the order of the file.
#[derive(Debug, Clone, PartialEq)]
pub struct Errors(pub Vec<Error>);

impl Errors {
    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Error> {
        self.0.iter()
    }
}

impl From<Error> for Errors {
    fn from(e: Error) -> Self {
        Self(vec![e])
    }
}

/// One error per line group, each after the first led by `error: ` as the first is by
/// the program that prints them.
impl fmt::Display for Errors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("\nerror: ")?;
            }
            e.fmt(f)?;
        }
        Ok(())
    }
}

impl std::error::Error for Errors {}

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_names_the_place_the_item_and_what_to_do() {
        let e = Error::at(
            Location::line("facts.toml", 78),
            ErrorKind::UnknownId {
                field: "object",
                id: "japn".into(),
                suggestion: Some("japan".into()),
            },
        )
        .about(Item {
            kind: ItemKind::Fact,
            id: "japan-rok-normalization".into(),
        });
        assert_eq!(
            e.to_string(),
            "facts.toml:78: fact \"japan-rok-normalization\": unknown id \"japn\" in `object` (did you mean \"japan\"?)\n  declare it in the entity registry or the sheet, or fix the spelling"
        );
    }

    #[test]
    fn several_errors_print_one_after_the_other() {
        let one = Error::at(Location::file("a.txt"), ErrorKind::EmptyArticle);
        let errors = Errors(vec![one.clone(), one]);
        assert_eq!(
            errors.to_string(),
            "a.txt: the article is empty\n  give the article's text, UTF-8, as a .txt file\nerror: a.txt: the article is empty\n  give the article's text, UTF-8, as a .txt file"
        );
    }

    #[test]
    fn short_text_is_quoted_whole() {
        assert_eq!(quoted("NATO"), "\"NATO\"");
        assert_eq!(quoted("a \"b\"\n"), "\"a \\\"b\\\"\\n\"");
        let limit = "é".repeat(SHOWN_CHARS);
        assert_eq!(quoted(&limit), format!("{limit:?}"));
        assert_eq!(shortened(&limit), limit);
    }

    #[test]
    fn long_text_is_cut_with_its_length() {
        let long = "é".repeat(20_000);
        let head = "é".repeat(SHOWN_HEAD);
        assert_eq!(quoted(&long), format!("\"{head}…\" (20,000 characters)"));
        assert_eq!(shortened(&long), format!("{head}… (20,000 characters)"));
    }

    #[test]
    fn long_parts_of_a_parser_message_are_cut() {
        let short = "unknown field `quotes`, expected one of `id`, `label`, `subject`, `predicate`, `object`, `value`, `date`, `date_inferred`, `place`, `ordinal`, `role`, `participants`, `concerns`, `part_of`, `outcome`";
        assert_eq!(cut_quoted_parts(short), short);
        let escaped = "invalid type: string \"a \\\" b\", expected i64";
        assert_eq!(cut_quoted_parts(escaped), escaped);
        let x = "x".repeat(300);
        let head = "x".repeat(SHOWN_HEAD);
        assert_eq!(
            cut_quoted_parts(&format!("invalid type: string \"{x}\", expected i64")),
            format!("invalid type: string \"{head}…\" (300 characters), expected i64")
        );
        assert_eq!(
            cut_quoted_parts(&format!("unknown field `{x}`, expected one of `id`")),
            format!("unknown field `{head}…` (300 characters), expected one of `id`")
        );
        assert_eq!(
            cut_quoted_parts(&format!("unclosed \"{x}")),
            format!("unclosed \"{head}… (300 characters)")
        );
    }

    #[test]
    fn lists_count_what_they_leave_out() {
        assert_eq!(and_more(5, 5), None);
        assert_eq!(and_more(5, 4_000).as_deref(), Some("… and 3,995 more"));
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_000), "1,000");
        assert_eq!(thousands(2_000_000), "2,000,000");
    }
}
