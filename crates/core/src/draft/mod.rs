//! The draft: a first fact sheet for an article, from its text and the registry alone,
//! for a person to confirm or delete item by item (`nea-kg draft`). Every item it
//! proposes quotes the article's own words (so it cannot fail grounding) and carries
//! `draft = true` (so a build refuses it until someone confirms it). The rules are
//! general English patterns (`patterns`) and the registry's names; nothing here knows
//! any one article. The output is deterministic: the same text and registry give the
//! same bytes.

pub mod patterns;
#[cfg(test)]
mod tests;

use crate::check::Registry;
use crate::error::{Error, ErrorKind, Errors, Location};
use crate::ground::{self, Text};
use crate::numbers;
use crate::sheet;
use crate::source::Source;
use patterns::{DateHit, DateKind, DateRole, Relative, Voice, When};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

/// What a draft starts from.
pub struct Input<'a> {
    /// The article's text.
    pub text: &'a Source,
    /// The article's id, when the caller has one (from the file's name).
    pub id: Option<String>,
    pub registry: &'a Registry,
    /// An existing sheet: draft only what it does not cover yet, after its own text.
    pub merge: Option<&'a Source>,
    /// The date of publication, when the text does not give it (`--published`): dates
    /// without a year and relative dates are resolved against it.
    pub published: Option<String>,
}

/// Checks that a text is an article a draft can read: not empty, not binary, with at
/// least one sentence.
pub fn readable(text: &Source) -> Result<(), Error> {
    let at = || Location::file(text.name.clone());
    let t = &text.text;
    if t.trim().is_empty() {
        return Err(Error::at(at(), ErrorKind::EmptyArticle));
    }
    let control = t
        .chars()
        .filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
        .count();
    if t.contains('\0') || control * 10 > t.chars().count() {
        return Err(Error::at(at(), ErrorKind::BinaryArticle));
    }
    if !t
        .lines()
        .skip(1)
        .any(|l| l.chars().any(char::is_alphabetic))
    {
        return Err(Error::at(at(), ErrorKind::NoSentences));
    }
    Ok(())
}

/// One item of the draft, as TOML: its table, comments and fields.
struct Item {
    table: &'static str,
    comments: Vec<String>,
    fields: Vec<(&'static str, Val)>,
    /// Where it starts in the text, in bytes, for the order.
    at: usize,
}

enum Val {
    S(String),
    I(i64),
    F(f64),
    B(bool),
    L(Vec<String>),
}

fn toml_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 9.0e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

impl Val {
    fn render(&self) -> String {
        match self {
            Self::S(s) => toml_string(s),
            Self::I(i) => i.to_string(),
            Self::F(f) => number(*f),
            Self::B(b) => b.to_string(),
            Self::L(l) => format!(
                "[{}]",
                l.iter()
                    .map(|s| toml_string(s))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }
    }
}

/// A lower-case id from a text: ASCII letters and digits, hyphens between words.
pub fn slug(text: &str, words: usize) -> String {
    let mut out = String::new();
    for w in text
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(words)
    {
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(&w.to_ascii_lowercase());
    }
    if !out.starts_with(|c: char| c.is_ascii_lowercase()) {
        out.insert_str(0, "x-");
    }
    out
}

/// A name of the text matched to an entity.
#[derive(Debug, Clone)]
struct Mention {
    entity: String,
    class: String,
    start: usize,
    end: usize,
}

/// The article, indexed: its sentences (bytes), the registry's mentions (bytes).
struct Doc<'a> {
    text: &'a str,
    indexed: Text<'a>,
    sentences: Vec<(usize, usize)>,
    mentions: Vec<Mention>,
    published: Option<When>,
}

impl Doc<'_> {
    fn sentence(&self, i: usize) -> &str {
        let (s, e) = self.sentences[i];
        &self.text[s..e]
    }

    fn mentions_in(&self, start: usize, end: usize) -> impl Iterator<Item = &Mention> {
        self.mentions
            .iter()
            .filter(move |m| m.start >= start && m.end <= end)
    }

    /// The quote for a byte range, with its occurrence when the words occur more than
    /// once.
    fn quote(&self, start: usize, end: usize) -> (String, Option<usize>) {
        let q = &self.text[start..end];
        let cp = self.text[..start].chars().count();
        let all = self.indexed.occurrences(q);
        let occurrence = (all.len() > 1)
            .then(|| all.iter().position(|&o| o == cp).map(|p| p + 1))
            .flatten();
        (q.to_owned(), occurrence)
    }
}

fn class_name(iri: &str) -> &str {
    iri.rsplit(['/', '#']).next().unwrap_or(iri)
}

/// The draft of a sheet, as TOML text.
pub fn draft(input: &Input<'_>) -> Result<String, Errors> {
    readable(input.text)?;
    let existing: Option<sheet::Sheet> = match input.merge {
        Some(src) => Some(sheet::parse(src)?),
        None => None,
    };
    let text = input.text.text.as_str();
    let indexed = Text::new(text);
    let to_byte = |cp: usize| indexed.slice(0, cp).len();
    let sentences: Vec<(usize, usize)> = indexed
        .sentences()
        .iter()
        .map(|&(s, e)| (to_byte(s), to_byte(e)))
        .collect();
    // The names to match: the registry's, and those the existing sheet adds.
    let mut names: Vec<(String, String)> = Vec::new();
    let mut classes: BTreeMap<String, String> = BTreeMap::new();
    let mut ids: BTreeSet<String> = BTreeSet::new();
    for e in input.registry.entities() {
        ids.insert(e.id.clone());
        classes.insert(e.id.clone(), class_name(&e.class).to_owned());
        if e.mentions {
            names.push((e.id.clone(), e.label.clone()));
            for a in &e.aliases {
                names.push((e.id.clone(), a.clone()));
            }
        }
    }
    let mut covered: BTreeSet<usize> = BTreeSet::new();
    if let Some(sheet) = &existing {
        ids.insert(sheet.article.id.get_ref().clone());
        for e in &sheet.entity {
            ids.insert(e.id.get_ref().clone());
            classes.insert(e.id.get_ref().clone(), e.class.get_ref().clone());
            if e.mentions {
                names.push((e.id.get_ref().clone(), e.label.clone()));
                for a in &e.aliases {
                    names.push((e.id.get_ref().clone(), a.clone()));
                }
            }
        }
        for a in &sheet.alias {
            for n in &a.names {
                names.push((a.entity.get_ref().clone(), n.get_ref().clone()));
            }
        }
        ids.extend(sheet.fact.iter().map(|f| f.id.get_ref().clone()));
        ids.extend(sheet.statistic.iter().map(|f| f.id.get_ref().clone()));
        ids.extend(sheet.claim.iter().map(|f| f.id.get_ref().clone()));
        let quotes = sheet
            .fact
            .iter()
            .map(|f| (&f.quote, &f.occurrence))
            .chain(sheet.statistic.iter().map(|s| (&s.quote, &s.occurrence)))
            .chain(sheet.claim.iter().map(|c| (&c.quote, &c.occurrence)))
            .chain(sheet.skip.iter().map(|k| (&k.quote, &k.occurrence)))
            .collect::<Vec<_>>();
        for (q, occurrence) in quotes {
            if let Ok(span) = indexed.locate(q.get_ref(), occurrence.as_ref().map(|o| *o.get_ref()))
            {
                let first = span.sentence;
                let last = indexed
                    .span(span.end.saturating_sub(1).max(span.start), span.end)
                    .sentence;
                covered.extend(first..=last);
            }
        }
    }
    let name_refs: Vec<(String, &str)> =
        names.iter().map(|(k, n)| (k.clone(), n.as_str())).collect();
    let mentions: Vec<Mention> = ground::find_mentions(&indexed, &name_refs)
        .into_iter()
        .map(|m| Mention {
            class: classes.get(&m.key).cloned().unwrap_or_default(),
            entity: m.key,
            start: to_byte(m.start),
            end: to_byte(m.end),
        })
        .collect();

    let mut out = String::new();
    let mut items: Vec<Item> = Vec::new();
    let mut doc = Doc {
        text,
        indexed,
        sentences,
        mentions,
        published: None,
    };

    // ---------------------------------------------------------------- [article]
    let meta = article_table(&doc, input, &classes, &names);
    ids.insert(
        input
            .id
            .clone()
            .unwrap_or_else(|| slug(text.lines().next().unwrap_or("").trim(), 6)),
    );
    doc.published = meta.published;
    if let Some(sheet) = &existing {
        doc.published = sheet
            .article
            .published
            .as_ref()
            .and_then(|p| When::parse(p.get_ref()));
        out.push_str(&input.merge.map(|m| m.text.clone()).unwrap_or_default());
        if !out.ends_with('\n') {
            out.push('\n');
        }
        out.push_str(
            "\n# ================================================================ drafted by nea-kg draft --merge\n# What the sheet above does not cover yet. Confirm each item (delete its `draft = true`) or delete it.\n",
        );
    } else {
        out.push_str(&meta.toml);
    }

    // ---------------------------------------------------------------- entities
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for m in &doc.mentions {
        *counts.entry(m.entity.as_str()).or_default() += 1;
    }
    if !counts.is_empty() && existing.is_none() {
        out.push_str(
            "\n# Entities of the registry the text names (mentions), found by their names:\n",
        );
        for (id, n) in &counts {
            let _ = writeln!(out, "#   {id}: {n}");
        }
    }
    let (new, extra) = candidates(&doc, input.registry, &names, &mut ids);
    items.extend(new);
    // The names the draft proposes as local aliases count as mentions of their entity
    // where no other name is matched.
    for m in extra {
        if !doc
            .mentions
            .iter()
            .any(|x| x.start < m.end && m.start < x.end)
        {
            doc.mentions.push(m);
        }
    }
    doc.mentions.sort_by_key(|m| (m.start, m.end));

    // ---------------------------------------------------------------- sentences
    let genre = existing
        .as_ref()
        .and_then(|s| s.article.genre.as_ref().map(|g| g.get_ref().clone()))
        .or(meta.genre.clone());
    let headline_end = text.lines().next().map_or(0, str::len);
    for i in 0..doc.sentences.len() {
        let (s0, _) = doc.sentences[i];
        if s0 < headline_end || covered.contains(&(i + 1)) {
            continue;
        }
        let sentence = doc.sentence(i).to_owned();
        if !sentence.chars().any(char::is_alphabetic) {
            continue;
        }
        sentence_items(&doc, i, &sentence, genre.as_deref(), &mut ids, &mut items);
    }
    items.sort_by_key(|it| (it.at, table_rank(it.table)));
    date_continued_claims(&doc, &mut items);
    for it in &items {
        out.push('\n');
        for c in &it.comments {
            let _ = writeln!(out, "# {c}");
        }
        let _ = writeln!(out, "[[{}]]", it.table);
        for (k, v) in &it.fields {
            let _ = writeln!(out, "{k} = {}", v.render());
        }
        out.push_str("draft = true\n");
    }
    Ok(out)
}

/// The text of an item's field.
fn text_field(item: &Item, key: &str) -> Option<String> {
    item.fields
        .iter()
        .find(|(k, _)| *k == key)
        .and_then(|(_, v)| match v {
            Val::S(s) => Some(s.clone()),
            _ => None,
        })
}

/// Whether an attribution says the speaker goes on with what the previous sentence
/// quoted: "the spokesperson continued", "he added", "she went on".
fn continues(attribution: &str) -> bool {
    let words: Vec<&str> = attribution
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    words.iter().any(|w| matches!(*w, "continued" | "added"))
        || words.windows(2).any(|w| w == ["went", "on"])
}

/// A claim whose next sentence goes on with it ("…,” the spokesperson continued in an
/// email on May 15) is one statement by one speaker: the continuation takes the voice
/// of the claim before when its own words ("the spokesperson", "he") named no entity,
/// and the claim before takes the continuation's date, inferred, when it has none.
fn date_continued_claims(doc: &Doc<'_>, items: &mut [Item]) {
    let field = |it: &Item, key: &str| -> Option<String> {
        it.fields
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| v.render())
    };
    let sentence_of = |at: usize| doc.sentences.iter().position(|&(s, e)| s <= at && at < e);
    let claims: Vec<usize> = (0..items.len())
        .filter(|&i| items[i].table == "claim")
        .collect();
    for pair in claims.windows(2) {
        let (before, after) = (pair[0], pair[1]);
        let (Some(date), Some(attribution)) = (
            text_field(&items[after], "date"),
            text_field(&items[after], "attribution"),
        ) else {
            continue;
        };
        let next = match (sentence_of(items[before].at), sentence_of(items[after].at)) {
            (Some(a), Some(b)) => b == a + 1,
            _ => false,
        };
        if !next || !continues(&attribution) {
            continue;
        }
        let unnamed = Val::S("unnamed".to_owned()).render();
        let (voice_before, voice_after) = (
            field(&items[before], "voice"),
            field(&items[after], "voice"),
        );
        if voice_after.as_deref() == Some(unnamed.as_str())
            && voice_before.as_deref() != Some(unnamed.as_str())
        {
            if let Some(i) = items[before].fields.iter().position(|(k, _)| *k == "voice") {
                let voice = match &items[before].fields[i].1 {
                    Val::S(v) => Val::S(v.clone()),
                    Val::L(l) => Val::L(l.clone()),
                    _ => continue,
                };
                let after_item = &mut items[after];
                if let Some(slot) = after_item.fields.iter_mut().find(|(k, _)| *k == "voice") {
                    slot.1 = voice;
                }
                after_item
                    .comments
                    .retain(|c| !c.starts_with("The speaker is no entity of the registry"));
                after_item
                    .comments
                    .push("The speaker goes on from the sentence before.".to_owned());
            }
        } else if voice_before != voice_after {
            continue;
        }
        if field(&items[before], "date").is_some() {
            continue;
        }
        let own = text_field(&items[after], "date_inferred");
        let mut basis =
            format!("The next sentence goes on with the same statement: \"{attribution}\".");
        if let Some(own) = own {
            basis = format!("{basis} {own}");
        }
        items[before].fields.push(("date", Val::S(date)));
        items[before].fields.push(("date_inferred", Val::S(basis)));
    }
}

fn table_rank(t: &str) -> usize {
    match t {
        "alias" => 0,
        "entity" => 1,
        "fact" => 2,
        "statistic" => 3,
        _ => 4,
    }
}

struct Meta {
    genre: Option<String>,
    published: Option<When>,
    toml: String,
}

/// The `[article]` table from what the text gives.
fn article_table(
    doc: &Doc<'_>,
    input: &Input<'_>,
    classes: &BTreeMap<String, String>,
    names: &[(String, String)],
) -> Meta {
    let text = doc.text;
    let headline = text.lines().next().unwrap_or("").trim().to_owned();
    let id = input.id.clone().unwrap_or_else(|| slug(&headline, 6));
    let mut toml = String::from("# A draft by nea-kg draft: every item below is a proposal, grounded in the article's\n# words. Confirm each one (check it, mend it, delete its `draft = true` line) or delete\n# it; a build refuses any item still marked draft. See docs/fact-sheet.md.\n\n[article]\n");
    let _ = writeln!(toml, "id = {}", toml_string(&id));
    let _ = writeln!(toml, "headline = {}", toml_string(&headline));
    toml.push_str("language = \"en\"\n");
    // A second line without a full stop, before the body: a standfirst.
    if let Some(second) = text.lines().nth(1).map(str::trim).filter(|l| {
        !l.is_empty()
            && l.split_whitespace().count() <= 30
            && !l.ends_with(['.', '!', '?', ':', '\u{201D}', '"'])
            && !l.contains('\u{2014}')
    }) {
        let _ = writeln!(
            toml,
            "# alternative_headline = {}  # the second line has no full stop: a standfirst?",
            toml_string(second)
        );
    }
    let paragraphs: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    // A dateline: "WASHINGTON — " at the start of a paragraph.
    let mut dateline = None;
    let mut dateline_word = None;
    for p in paragraphs.iter().skip(1).take(4) {
        let head: String = p
            .chars()
            .take_while(|c| c.is_uppercase() || *c == ' ' || *c == ',' || *c == '.')
            .collect();
        let rest = &p[head.len()..];
        let head = head.trim().trim_end_matches(',');
        if head.len() >= 3
            && head.chars().filter(|c| c.is_alphabetic()).count() >= 3
            && (rest.starts_with('\u{2014}')
                || rest.starts_with('\u{2013}')
                || rest.starts_with('('))
        {
            dateline_word = Some(head.to_owned());
            let want = head.to_lowercase();
            // The registry's place whose name (or its part before a comma) is the word.
            let mut found: Vec<(&String, bool)> = Vec::new();
            for e in input.registry.entities() {
                let all = std::iter::once(&e.label).chain(e.aliases.iter());
                for n in all {
                    let first = n.split(',').next().unwrap_or(n).trim().to_lowercase();
                    if first == want {
                        found.push((&e.id, class_name(&e.class) == "City"));
                    }
                }
            }
            found.sort_by_key(|(id, city)| (!city, (*id).clone()));
            dateline = found.first().map(|(id, _)| (*id).clone());
            break;
        }
    }
    // A date of the text's first lines: the day it was published or issued.
    let given = input.published.as_deref().and_then(When::parse);
    let mut published = given;
    for p in paragraphs
        .iter()
        .skip(1)
        .take(3)
        .filter(|_| given.is_none())
    {
        if let Some(hit) = patterns::dates(p)
            .into_iter()
            .find(|h| matches!(h.kind, DateKind::Stated(When::Day(..))))
        {
            if let DateKind::Stated(w) = hit.kind {
                published = Some(w);
                break;
            }
        }
    }
    let we = doc
        .sentences
        .iter()
        .filter(|&&(s, e)| {
            patterns::words(&text[s..e])
                .iter()
                .any(|w| w.text == "We" || w.text == "we")
        })
        .count();
    let judging = doc
        .sentences
        .iter()
        .filter(|&&(s, e)| patterns::evaluative(&text[s..e]))
        .count();
    let lower_head = headline.to_lowercase();
    let genre = if lower_head.contains("joint declaration")
        || lower_head.contains("joint statement")
    {
        Some("joint-declaration")
    } else if lower_head.contains("statement") || lower_head.contains("declaration") || we >= 3 {
        Some("statement")
    } else if dateline_word.is_some() {
        Some("news")
    } else if judging >= 3 {
        Some("opinion")
    } else {
        None
    };
    match genre {
        Some(g) => {
            let _ = writeln!(toml, "genre = {}  # guessed from the text: check it", toml_string(g));
        }
        None => toml.push_str("# genre = \"news\"  # news, opinion, statement, joint-declaration, encyclopedia or interview\n"),
    }
    match published {
        Some(w) if given.is_some() => {
            let _ = writeln!(toml, "published = {}  # as given to nea-kg draft: say where it comes from", toml_string(&w.iso()));
            toml.push_str("# published_basis = \"…\"\n");
        }
        Some(w) => {
            let _ = writeln!(toml, "published = {}  # the first full date of the text: check it is the date of publication", toml_string(&w.iso()));
        }
        None => toml.push_str("# published = \"YYYY-MM-DD\"  # the text gives no full date: give it, with published_basis\n"),
    }
    match (&dateline, &dateline_word) {
        (Some(id), _) => {
            let _ = writeln!(toml, "dateline = {}", toml_string(id));
        }
        (None, Some(w)) => {
            let _ = writeln!(
                toml,
                "# dateline: the text is filed from {}, a name no entity of the registry has",
                toml_string(w)
            );
        }
        _ => {}
    }
    // A byline, and "The author is …" lines.
    for p in &paragraphs {
        if let Some(rest) = p
            .strip_prefix("By ")
            .filter(|r| r.len() < 80 && r.starts_with(|c: char| c.is_uppercase()))
        {
            let authors: Vec<&String> = names
                .iter()
                .filter(|(id, n)| {
                    rest.contains(n.as_str()) && classes.get(id).is_some_and(|c| c == "Person")
                })
                .map(|(id, _)| id)
                .collect();
            if authors.is_empty() {
                let _ = writeln!(
                    toml,
                    "# authors: the byline says {}; declare them as entities",
                    toml_string(rest)
                );
            } else {
                let list: Vec<String> = authors.iter().map(|a| toml_string(a)).collect();
                let _ = writeln!(toml, "authors = [{}]", list.join(", "));
            }
        }
        let lower = p.to_lowercase();
        if lower.starts_with("the author is") || lower.starts_with("the writer is") {
            let _ = writeln!(toml, "# the author: {}", toml_string(p));
        }
    }
    Meta {
        genre: genre.map(str::to_owned),
        published,
        toml,
    }
}

// ------------------------------------------------------------------ new entities

const TITLES: [&str; 24] = [
    "President",
    "Premier",
    "Prime",
    "Minister",
    "Foreign",
    "Chancellor",
    "King",
    "Queen",
    "Secretary",
    "General",
    "Chairman",
    "Chair",
    "Spokesperson",
    "Spokesman",
    "Ambassador",
    "Mr.",
    "Ms.",
    "Mrs.",
    "Dr.",
    "Vice",
    "Deputy",
    "Defense",
    "Defence",
    "Senator",
];

const FUNCTION_WORDS: [&str; 40] = [
    "The",
    "A",
    "An",
    "In",
    "On",
    "At",
    "As",
    "But",
    "And",
    "However",
    "Moreover",
    "While",
    "When",
    "If",
    "This",
    "That",
    "These",
    "Those",
    "It",
    "Its",
    "Their",
    "Our",
    "We",
    "They",
    "He",
    "She",
    "For",
    "With",
    "By",
    "From",
    "After",
    "Before",
    "Since",
    "Ahead",
    "Just",
    "Some",
    "Many",
    "Recalling",
    "Recognizing",
    "Pointing",
];

fn demonym(w: &str) -> bool {
    w.starts_with(|c: char| c.is_uppercase())
        && (w.ends_with("ese")
            || w.ends_with("ian")
            || w.ends_with("ean")
            || w.ends_with("can")
            || w.ends_with("ish")
            || w.ends_with("ch"))
}

fn event_word(w: &str) -> bool {
    matches!(
        w,
        "Summit" | "Summits" | "Meeting" | "Meetings" | "Conference" | "Talks" | "Session"
    )
}

fn guess_class(name: &str) -> &'static str {
    let last = name.rsplit(' ').next().unwrap_or(name);
    if name.chars().all(|c| c.is_ascii_uppercase()) {
        // An acronym: what it stands for decides; "Concept" until someone says.
        return "Concept";
    }
    match last {
        "Ministry" | "Department" | "Embassy" | "Office" | "Council" | "Cabinet" | "Government"
        | "Parliament" | "Assembly" | "Administration" | "Service" | "Agency" | "Commission" => {
            "GovernmentOrganization"
        }
        "Secretariat" | "Organization" | "Organisation" | "Association" | "Union" | "Nations"
        | "Bank" | "Fund" => "IntergovernmentalOrganization",
        "Forum" | "Mechanism" | "Dialogue" | "Framework" => "Mechanism",
        "Agreement" | "Treaty" | "Accord" | "Pact" | "Partnership" => "Agreement",
        "Declaration" | "Charter" | "Statement" | "Vision" | "Plan" | "Report" | "Strategy"
        | "Initiative" | "Decade" => "Document",
        "University" | "College" => "University",
        "Institute" | "Center" | "Centre" | "Foundation" => "ThinkTank",
        "News" | "Times" | "Daily" | "Post" | "Press" | "Watch" => "NewsMedia",
        _ if name.split(' ').count() <= 3
            && name.split(' ').all(|w| {
                w.chars().all(char::is_alphabetic) && w.starts_with(|c: char| c.is_uppercase())
            }) =>
        {
            "Person"
        }
        _ => "Concept",
    }
}

/// What the text names that the registry does not know by that name.
#[derive(Default)]
struct Unregistered {
    /// New names, each with the byte where it first occurs.
    found: BTreeMap<String, usize>,
    /// Names the text gives an entity of the registry, `(entity, name)`, each with the
    /// byte where it first occurs.
    aliases: BTreeMap<(String, String), usize>,
    /// The acronym a new name defines: "Long Name (ABC)".
    defined: BTreeMap<String, String>,
}

/// The entity a name is already taken by (`taken` pairs ids with names).
fn taken_by(taken: &[(String, String)], n: &str) -> Option<String> {
    taken
        .iter()
        .find(|(_, name)| name == n)
        .map(|(id, _)| id.clone())
}

/// Whether a name is already an entity's.
fn is_taken(taken: &[(String, String)], n: &str) -> bool {
    taken.iter().any(|(_, name)| name == n)
}

/// Candidate entities and local aliases: names the registry does not have.
fn candidates(
    doc: &Doc<'_>,
    registry: &Registry,
    taken: &[(String, String)],
    ids: &mut BTreeSet<String>,
) -> (Vec<Item>, Vec<Mention>) {
    let mut names = Unregistered::default();
    capitalised_names(doc, registry, taken, &mut names);
    // After the runs: a defined acronym drops itself and the pieces of its long name
    // from the names they found.
    defined_acronyms(doc.text, taken, &mut names);
    let mut items = Vec::new();
    let mut extra = Vec::new();
    alias_items(doc, registry, &names.aliases, &mut items, &mut extra);
    entity_items(doc, registry, &names, ids, &mut items, &mut extra);
    (items, extra)
}

/// A sentence cut into words, with where it starts in the text (bytes).
struct Words<'t> {
    start: usize,
    text: &'t str,
    w: Vec<patterns::Word<'t>>,
}

/// Collects the new names and the aliases in the text's runs of capitalised words.
fn capitalised_names(
    doc: &Doc<'_>,
    registry: &Registry,
    taken: &[(String, String)],
    names: &mut Unregistered,
) {
    let headline_end = doc.text.lines().next().map_or(0, str::len);
    let people: Vec<(&str, Vec<&str>)> = registry
        .entities()
        .filter(|e| class_name(&e.class) == "Person")
        .map(|e| (e.id.as_str(), e.label.split(' ').collect()))
        .collect();
    for &(s, e) in &doc.sentences {
        if s < headline_end {
            continue;
        }
        let sentence = &doc.text[s..e];
        let words = Words {
            start: s,
            text: sentence,
            w: patterns::words(sentence),
        };
        let mut i = 0;
        while i < words.w.len() {
            if !words.w[i].capitalised() {
                i += 1;
                continue;
            }
            let j = run_end(&words, i);
            for part in run_parts(doc, &words, i, j) {
                part_name(&words, part, &people, taken, names);
            }
            i = j;
        }
    }
}

/// Where the run of capitalised words from word `i` ends (the index after its last).
fn run_end(words: &Words<'_>, i: usize) -> usize {
    // Runs of capitalised words, with "of", "the", "for" and "and" inside.
    let (sentence, w) = (words.text, &words.w);
    let mut j = i + 1;
    while j < w.len() {
        let joined = sentence[w[j - 1].end..w[j].start]
            .chars()
            .all(char::is_whitespace);
        if !joined {
            break;
        }
        let connector = matches!(w[j].text, "of" | "the" | "for" | "and")
            && w.get(j + 1).is_some_and(|n| n.capitalised())
            && sentence[w[j].end..w[j + 1].start]
                .chars()
                .all(char::is_whitespace);
        if !w[j].capitalised() && !connector {
            break;
        }
        j += 1;
    }
    j
}

/// The parts of the run of words `i..j` that may be names the registry does not have.
fn run_parts(doc: &Doc<'_>, words: &Words<'_>, i: usize, j: usize) -> Vec<(usize, usize)> {
    let (s, w) = (words.start, &words.w);
    // Split the run at the registry's names.
    let mut parts: Vec<(usize, usize)> = Vec::new();
    let mut k = i;
    let mut start = i;
    while k < j {
        let at = s + w[k].start;
        if let Some(m) = doc.mentions.iter().find(|m| m.start <= at && at < m.end) {
            if start < k {
                parts.push((start, k));
            }
            while k < j && s + w[k].start < m.end {
                k += 1;
            }
            start = k;
        } else {
            k += 1;
        }
    }
    if start < j {
        parts.push((start, j));
    }
    // "People’s Republic of China", "Charter of the United Nations": words that are no
    // name of the registry, then "of" and one that is, make one name.
    if let Some(&(a, b)) = parts.first() {
        let of = (b < j)
            .then(|| b.checked_sub(1))
            .flatten()
            .filter(|&o| o > a && matches!(w[o].text, "of" | "the"));
        let at = s + w[b.min(w.len() - 1)].start;
        let mention = doc.mentions.iter().find(|m| m.start == at);
        if let (Some(_), Some(m), true) = (of, mention, a == i) {
            let mut end = b;
            while end < j && s + w[end].start < m.end {
                end += 1;
            }
            parts[0] = (a, end);
        }
    }
    parts
}

/// Records what a part of a run names: a new name, or a person's name used alone.
fn part_name(
    words: &Words<'_>,
    (mut a, mut b): (usize, usize),
    people: &[(&str, Vec<&str>)],
    taken: &[(String, String)],
    names: &mut Unregistered,
) {
    let (s, sentence, w) = (words.start, words.text, &words.w);
    // Leading function words, titles and demonyms are not part of a name.
    while a < b
        && (FUNCTION_WORDS.contains(&w[a].text)
            || TITLES.contains(&w[a].text)
            || demonym(w[a].text)
            || matches!(w[a].text, "of" | "the" | "for" | "and")
            || (matches!(w[a].text, "South" | "North" | "East" | "West")
                && w.get(a + 1).is_some_and(|n| demonym(n.text))))
    {
        a += 1;
    }
    while b > a && matches!(w[b - 1].text, "of" | "the" | "for" | "and") {
        b -= 1;
    }
    if a >= b {
        return;
    }
    let name = &sentence[w[a].start..w[b - 1].end];
    if b - a == 1 {
        // One word: a person's name used alone ("Pengyu"), or an acronym.
        let word = w[a].text;
        if let Some((id, _)) = people
            .iter()
            .find(|(_, parts)| parts.len() > 1 && parts.contains(&word))
        {
            if !is_taken(taken, word) {
                names
                    .aliases
                    .entry(((*id).to_owned(), word.to_owned()))
                    .or_insert(s + w[a].start);
            }
            return;
        }
        let acronym = word.len() >= 2
            && word.len() <= 6
            && word.chars().all(|c| c.is_ascii_uppercase())
            && a > 0;
        if !acronym {
            return;
        }
    }
    if event_word(w[b - 1].text)
        || demonym(w[b - 1].text)
        || w[a..b]
            .iter()
            .any(|x| !numbers::ordinals(&x.lower()).is_empty() && x.text != "Second")
        || is_taken(taken, name)
        || name.chars().any(|c| c.is_ascii_digit())
    {
        return;
    }
    names.found.entry(name.to_owned()).or_insert(s + w[a].start);
}

/// Collects the acronyms the text defines, "Long Name (ABC)", as aliases.
fn defined_acronyms(text: &str, taken: &[(String, String)], names: &mut Unregistered) {
    // The acronym names what the long name names: it is an alias of the registry's
    // entity with either name, else of the new entity.
    for (p, _) in text.match_indices(" (") {
        let after = &text[p + 2..];
        let Some(close) = after.find(')') else {
            continue;
        };
        let abc = &after[..close];
        if !(2..=8).contains(&abc.len()) || !abc.chars().all(|c| c.is_ascii_uppercase()) {
            continue;
        }
        let line_start = text[..p].rfind('\n').map_or(0, |i| i + 1);
        let before = patterns::words(&text[line_start..p]);
        let mut initials = String::new();
        let mut first = None;
        for (k, x) in before.iter().enumerate().rev() {
            if x.capitalised() {
                initials.insert(0, x.text.chars().next().unwrap_or(' '));
            } else if !matches!(x.text, "of" | "the" | "and" | "for") {
                break;
            }
            if initials.len() == abc.len() {
                first = Some(k);
                break;
            }
        }
        let Some(k) = first.filter(|_| initials == abc) else {
            continue;
        };
        let long = &text[line_start + before[k].start..p];
        match (taken_by(taken, long), taken_by(taken, abc)) {
            (Some(id), None) => {
                names.aliases.entry((id, abc.to_owned())).or_insert(p + 2);
            }
            (None, Some(id)) => {
                names
                    .aliases
                    .entry((id, long.to_owned()))
                    .or_insert(line_start + before[k].start);
            }
            (None, None) => {
                names.defined.insert(long.to_owned(), abc.to_owned());
                names
                    .found
                    .entry(long.to_owned())
                    .or_insert(line_start + before[k].start);
            }
            (Some(_), Some(_)) => {}
        }
        names
            .found
            .retain(|name, _| name != abc && !(long.contains(name.as_str()) && name != long));
    }
}

/// Drafts an `[[alias]]` for each name the text gives an entity of the registry.
fn alias_items(
    doc: &Doc<'_>,
    registry: &Registry,
    aliases: &BTreeMap<(String, String), usize>,
    items: &mut Vec<Item>,
    extra: &mut Vec<Mention>,
) {
    // Its occurrences are mentions of the entity in the draft, as they will be in the sheet.
    for (entity, name) in aliases.keys() {
        for (a, b) in doc.indexed.word_occurrences(name) {
            extra.push(Mention {
                entity: entity.clone(),
                class: registry
                    .get(entity)
                    .map(|e| class_name(&e.class).to_owned())
                    .unwrap_or_default(),
                start: doc.indexed.slice(0, a).len(),
                end: doc.indexed.slice(0, b).len(),
            });
        }
    }
    for ((entity, name), at) in aliases {
        items.push(Item {
            table: "alias",
            comments: vec![format!(
                "{} is not a name of the registry; it may be a name this article gives {entity}",
                toml_string(name)
            )],
            fields: vec![
                ("entity", Val::S(entity.clone())),
                ("names", Val::L(vec![name.clone()])),
            ],
            at: *at,
        });
    }
}

/// Drafts an `[[entity]]` for each new name, its class guessed, a near name suggested.
fn entity_items(
    doc: &Doc<'_>,
    registry: &Registry,
    names: &Unregistered,
    ids: &mut BTreeSet<String>,
    items: &mut Vec<Item>,
    extra: &mut Vec<Mention>,
) {
    for (name, at) in &names.found {
        let mut id = slug(name, 8);
        while ids.contains(&id) {
            id.push_str("-2");
        }
        ids.insert(id.clone());
        let count = doc.indexed.word_occurrences(name).len();
        let mut comments = vec![format!(
            "A name the registry does not have: {} mention{}",
            count,
            if count == 1 { "" } else { "s" }
        )];
        let mut class = guess_class(name).to_owned();
        if let Some(close) = did_you_mean(registry, name) {
            comments.push(format!(
                "did you mean {}? then delete this entity, or make the name a local [[alias]]",
                toml_string(&close)
            ));
            // "South Korea" and "Republic of Korea" end alike: likely of one class.
            if let Some(e) = registry.get(&close) {
                let last = |n: &str| n.rsplit(' ').next().unwrap_or(n).to_owned();
                if last(&e.label) == last(name) {
                    class = class_name(&e.class).to_owned();
                }
            }
        }
        comments.push(format!("class {class}: guessed from the name; check it"));
        // Its names are mentions of it in the draft, as they will be in the sheet.
        let all_names = std::iter::once(name).chain(names.defined.get(name));
        for n in all_names {
            for (a, b) in doc.indexed.word_occurrences(n) {
                extra.push(Mention {
                    entity: id.clone(),
                    class: class.clone(),
                    start: doc.indexed.slice(0, a).len(),
                    end: doc.indexed.slice(0, b).len(),
                });
            }
        }
        let mut fields = vec![
            ("id", Val::S(id)),
            ("class", Val::S(class)),
            ("label", Val::S(name.clone())),
        ];
        if let Some(a) = names.defined.get(name) {
            fields.push(("aliases", Val::L(vec![a.clone()])));
        }
        items.push(Item {
            table: "entity",
            comments,
            fields,
            at: *at,
        });
    }
}

/// The registry's entity whose name is closest to a new name: one that shares a word
/// with it, or is a few edits away.
fn did_you_mean(registry: &Registry, name: &str) -> Option<String> {
    let words: BTreeSet<&str> = name.split(' ').filter(|w| w.len() > 3).collect();
    let mut best: Option<(usize, String)> = None;
    for e in registry.entities() {
        for n in std::iter::once(&e.label).chain(e.aliases.iter()) {
            let d = ground::distance(&n.to_lowercase(), &name.to_lowercase());
            let shared = n.split(' ').filter(|w| words.contains(w)).count();
            let last = |x: &str| x.rsplit(' ').next().unwrap_or(x).to_owned();
            // A few edits away; else the same head word ("South Korea", "Republic of
            // Korea"), the shorter name first; else the most words in common.
            let score = if d <= 2 {
                d
            } else if last(n) == last(name) {
                3 + n.split(' ').count()
            } else if shared > 0 {
                40 - shared.min(5)
            } else {
                continue;
            };
            if best
                .as_ref()
                .is_none_or(|(b, id)| score < *b || score == *b && e.id < *id)
            {
                best = Some((score, e.id.clone()));
            }
        }
    }
    best.map(|(_, id)| id)
}

// ------------------------------------------------------------------ sentence items

/// The event class a sentence's words name, if any, with the verb's position.
/// The event words, with the class each names.
const EVENT_WORDS: [(&str, &str); 25] = [
    ("came into force", "EntryIntoForce"),
    ("entered into force", "EntryIntoForce"),
    ("come into force", "EntryIntoForce"),
    ("took effect", "EntryIntoForce"),
    ("take effect", "EntryIntoForce"),
    ("normalized", "EstablishmentOfRelations"),
    ("normalised", "EstablishmentOfRelations"),
    ("diplomatic ties", "EstablishmentOfRelations"),
    ("diplomatic relations", "EstablishmentOfRelations"),
    ("formal relations", "EstablishmentOfRelations"),
    ("summit", "Summit"),
    ("was established", "Founding"),
    ("was founded", "Founding"),
    ("establishment of", "Founding"),
    ("founding of", "Founding"),
    ("launched", "Launch"),
    ("launch of", "Launch"),
    ("meeting", "Meeting"),
    ("convened", "Meeting"),
    (" met ", "Meeting"),
    ("talks", "Meeting"),
    ("conference", "Meeting"),
    ("held in", "Meeting"),
    ("will host", "Meeting"),
    ("signed", "Meeting"),
];

/// The class of the event words near a date of the sentence (bytes `at` to `end`): the
/// most specific within 60 bytes of it ("convened … on May 27, 2024, on the occasion of
/// the Ninth Trilateral Summit"), else the last before it, else the first after.
fn event_class_near(s: &str, at: usize, end: usize) -> Option<&'static str> {
    let l = s.to_ascii_lowercase();
    let near = EVENT_WORDS.iter().find(|(word, _)| {
        l.match_indices(word)
            .any(|(p, _)| p + word.len() + 60 >= at && p <= end + 60)
    });
    if let Some((_, class)) = near {
        return Some(class);
    }
    let mut before: Option<(usize, &'static str)> = None;
    let mut after: Option<(usize, &'static str)> = None;
    for (word, class) in EVENT_WORDS {
        for (p, _) in l.match_indices(word) {
            if p < at {
                if before.is_none_or(|(b, _)| p > b) {
                    before = Some((p, class));
                }
            } else if after.is_none_or(|(a, _)| p < a) {
                after = Some((p, class));
            }
        }
    }
    before.or(after).map(|(_, c)| c)
}

fn event_class(s: &str) -> Option<&'static str> {
    let l = s.to_lowercase();
    let has = |p: &str| l.contains(p);
    Some(
        if has("came into force")
            || has("entered into force")
            || has("took effect")
            || has("come into force")
            || has("take effect")
        {
            "EntryIntoForce"
        } else if has("normalized") && has("relations")
            || has("normalised") && has("relations")
            || has("diplomatic ties")
            || has("diplomatic relations")
            || has("established formal relations")
            || has("formal relations")
        {
            "EstablishmentOfRelations"
        } else if has("summit") {
            "Summit"
        } else if has("was established")
            || has("was founded")
            || has("establishment of")
            || has("founding of")
        {
            "Founding"
        } else if has("launched") || has("launch of") {
            "Launch"
        } else if has("meeting")
            || has("convened")
            || has(" met ")
            || has("talks")
            || has("conference")
            || has("forum")
            || has("held in")
            || has("will host")
            || has("signed")
        {
            "Meeting"
        } else {
            return None;
        },
    )
}

/// The date fields of a fact (`date`, `start`, `after`, …) with their values.
type DateFields = Vec<(&'static str, String)>;

/// A date of a sentence, resolved: its fields, and the reasoning when inferred.
type Resolved = (DateHit, DateFields, Option<String>);

/// The date fields a date gives, and the reasoning when the text does not state them.
fn resolve(
    hit: &DateHit,
    phrase: &str,
    published: Option<When>,
    future: bool,
) -> Option<(DateFields, Option<String>)> {
    let role = match hit.role {
        DateRole::At => "date",
        DateRole::After => "after",
        DateRole::Before => "before",
    };
    let basis = |result: &str| {
        published.map(|p| {
            format!(
                "{} in an article published on {}: {result}.",
                toml_basis(phrase),
                p.iso()
            )
        })
    };
    match hit.kind {
        DateKind::Stated(w) => Some((vec![(role, w.iso())], None)),
        DateKind::Interval(a, b) => Some((vec![("start", a.iso()), ("end", b.iso())], None)),
        DateKind::NoYear {
            month,
            day,
            day_end,
        } => {
            let p = published?;
            let (py, pm, pd) = match p {
                When::Day(y, m, d) => (y, m, d),
                When::Month(y, m) => (y, m, 0),
                When::Year(_) => return None,
            };
            // The year that puts the date nearest the day of publication; a sentence
            // that is not about the future looks back.
            let key = i64::from(month) * 31 + i64::from(day.unwrap_or(15));
            let now = i64::from(pm) * 31 + i64::from(if pd == 0 { 15 } else { pd });
            let year = if !future {
                if key > now {
                    py - 1
                } else {
                    py
                }
            } else if key - now > 183 {
                py - 1
            } else if now - key > 183 {
                py + 1
            } else {
                py
            };
            let fields = match (day, day_end) {
                (Some(d), Some(d2)) => vec![
                    ("start", When::Day(year, month, d).iso()),
                    ("end", When::Day(year, month, d2).iso()),
                ],
                (Some(d), None) => vec![(role, When::Day(year, month, d).iso())],
                _ => vec![(role, When::Month(year, month).iso())],
            };
            let b = basis(&format!("the year {year}"))?;
            Some((fields, Some(format!("A date without a year: {b}"))))
        }
        DateKind::Relative(rel) => {
            let p = published?;
            let day = match p {
                When::Day(y, m, d) => Some(patterns::days(y, m, d)),
                _ => None,
            };
            let (y, m) = match p {
                When::Day(y, m, _) | When::Month(y, m) => (y, Some(m)),
                When::Year(y) => (y, None),
            };
            let iso_day = |z: i64| {
                let (a, b, c) = patterns::civil(z);
                When::Day(a, b, c).iso()
            };
            let fields: Vec<(&'static str, String)> = match rel {
                Relative::Year(k) => vec![(role, When::Year(y + k).iso())],
                Relative::Anniversary(n) => vec![(role, When::Year(y - n).iso())],
                Relative::Month(k) => {
                    let m = i64::from(m?) - 1 + i64::from(k) + i64::from(y) * 12;
                    vec![(
                        role,
                        When::Month((m / 12) as i32, (m % 12) as u32 + 1).iso(),
                    )]
                }
                Relative::Yesterday => vec![(role, iso_day(day? - 1))],
                Relative::Today => vec![(role, iso_day(day?))],
                Relative::Tomorrow => vec![(role, iso_day(day? + 1))],
                Relative::Week(k) | Relative::Weekend(k) => {
                    let z = day?;
                    let (a, b, c) = patterns::civil(z);
                    let monday = z - i64::from(patterns::weekday(a, b, c)) + 7 * i64::from(k);
                    let (from, to) = if matches!(rel, Relative::Weekend(_)) {
                        (monday + 5, monday + 6)
                    } else {
                        (monday, monday + 6)
                    };
                    vec![("after", iso_day(from)), ("before", iso_day(to))]
                }
                Relative::Weekday(d) => {
                    let z = day?;
                    let (a, b, c) = patterns::civil(z);
                    let today = i64::from(patterns::weekday(a, b, c));
                    let target = i64::from(d);
                    let delta = if future {
                        (target - today).rem_euclid(7)
                    } else {
                        -((today - target).rem_euclid(7))
                    };
                    vec![(role, iso_day(z + delta))]
                }
            };
            let result = fields
                .iter()
                .map(|(_, v)| v.as_str())
                .collect::<Vec<_>>()
                .join(" to ");
            let b = basis(&result)?;
            Some((fields, Some(b)))
        }
    }
}

fn toml_basis(phrase: &str) -> String {
    format!("\u{201C}{phrase}\u{201D}")
}

/// Whether a sentence of an opinion piece is the author's own claim: in an opinion
/// piece the author argues whatever they do not attribute, unless the sentence reports
/// a dated event ("China and Japan restored diplomatic ties in 1972") or is a line
/// about the text itself (the author's affiliation, a contact address).
fn author_claim(sentence: &str) -> bool {
    if patterns::evaluative(sentence) {
        return true;
    }
    let lower = sentence.to_lowercase();
    let about_the_text = ["the author", "contact ", "email ", "e-mail ", "follow "]
        .iter()
        .any(|p| lower.starts_with(p))
        || sentence.contains('@');
    let dated_event = event_class(sentence).is_some() && !patterns::dates(sentence).is_empty();
    !about_the_text && !dated_event
}

/// What an entry into force, a founding or a launch is about.
const CONCERNED: [&str; 6] = [
    "Agreement",
    "Document",
    "Mechanism",
    "IntergovernmentalOrganization",
    "RegionalOrganization",
    "MultilateralFramework",
];

/// The ontology's relation a sentence's verb names between two countries.
fn relation_predicate(sentence: &str) -> Option<&'static str> {
    let l = sentence.to_lowercase();
    let relations = l.contains("relations") || l.contains("ties");
    if !relations {
        return None;
    }
    if l.contains("normalized") || l.contains("normalised") {
        Some("nea:normalizedRelationsWith")
    } else if l.contains("restored") {
        Some("nea:restoredDiplomaticRelationsWith")
    } else if l.contains("established") {
        Some("nea:establishedDiplomaticRelationsWith")
    } else {
        None
    }
}

const EVENT_PARTICIPANTS: [&str; 8] = [
    "Country",
    "Person",
    "GovernmentOrganization",
    "IntergovernmentalOrganization",
    "RegionalOrganization",
    "CountryGroup",
    "Mechanism",
    "ThinkTank",
];

fn label_of(sentence: &str) -> String {
    let words: Vec<&str> = sentence.split_whitespace().collect();
    let mut out = words.iter().take(12).copied().collect::<Vec<_>>().join(" ");
    out = out.trim_end_matches(['.', ',', ';', ':']).to_owned();
    if words.len() > 12 {
        out.push('…');
    }
    out
}

/// A sentence being drafted, with what every family of its items reads: where it is,
/// what it names, and its whole text as a quote.
struct Sentence<'d> {
    doc: &'d Doc<'d>,
    /// Its number, from 1: ids carry it ("claim-s3-1").
    n: usize,
    /// Where it starts in the text, in bytes: patterns give positions in the sentence.
    start: usize,
    text: &'d str,
    genre: Option<&'d str>,
    /// The registry's names within it.
    mentions: Vec<&'d Mention>,
    /// The whole sentence as a quote, with its occurrence when its words recur.
    quote: String,
    occurrence: Option<usize>,
    /// It speaks of what is still to come: its events are planned.
    future: bool,
}

/// The first id of a kind that sentence `n` has not taken yet: `claim-s3-1`, `-2`, …
fn next_id(kind: &str, n: usize, ids: &mut BTreeSet<String>) -> String {
    let mut k = 1;
    loop {
        let id = format!("{kind}-s{n}-{k}");
        if ids.insert(id.clone()) {
            return id;
        }
        k += 1;
    }
}

/// Adds a quote under `key` (`quote`, `attribution`) and its occurrence if its words recur.
fn quote_fields(
    fields: &mut Vec<(&'static str, Val)>,
    q: String,
    o: Option<usize>,
    key: &'static str,
) {
    fields.push((key, Val::S(q)));
    if let Some(o) = o {
        fields.push((
            if key == "quote" {
                "occurrence"
            } else {
                "attribution_occurrence"
            },
            Val::I(o as i64),
        ));
    }
}

/// Adds `key` with the entities' ids, sorted and each once, when there is any.
fn push_entities<'m>(
    fields: &mut Vec<(&'static str, Val)>,
    key: &'static str,
    ids: impl Iterator<Item = &'m String>,
) {
    let ids: BTreeSet<&String> = ids.collect();
    if !ids.is_empty() {
        fields.push((key, Val::L(ids.into_iter().cloned().collect())));
    }
}

/// The entities of some mentions, each once, in the order they are first named.
fn first_named<'m>(mentions: impl Iterator<Item = &'m &'m Mention>) -> Vec<String> {
    mentions
        .map(|m| m.entity.clone())
        .fold(Vec::new(), |mut v, e| {
            if !v.contains(&e) {
                v.push(e);
            }
            v
        })
}

/// Drafts every item of one sentence, one family after another.
fn sentence_items(
    doc: &Doc<'_>,
    i: usize,
    sentence: &str,
    genre: Option<&str>,
    ids: &mut BTreeSet<String>,
    items: &mut Vec<Item>,
) {
    let (start, end) = doc.sentences[i];
    let (quote, occurrence) = doc.quote(start, end);
    let s = Sentence {
        doc,
        n: i + 1,
        start,
        text: sentence,
        genre,
        mentions: doc.mentions_in(start, end).collect(),
        quote,
        occurrence,
        future: patterns::future(sentence),
    };
    // The order is the output's for items at the same byte and table (the sort keeps
    // it), and claims come first because a date a claim takes is no date of an event.
    office_items(&s, ids, items);
    name_items(&s, ids, items);
    let claim_dates = claim_items(&s, ids, items);
    event_items(&s, &claim_dates, ids, items);
    figure_items(&s, ids, items);
}

/// Drafts who holds which office, as `schema:jobTitle`.
fn office_items(s: &Sentence<'_>, ids: &mut BTreeSet<String>, items: &mut Vec<Item>) {
    // "Chinese Premier Li Qiang", "President of the Republic of Korea Yoon Suk Yeol".
    let (s0, sentence, mentions) = (s.start, s.text, &s.mentions);
    let w = patterns::words(sentence);
    for m in mentions.iter().filter(|m| m.class == "Person") {
        let first = w.iter().position(|x| s0 + x.start == m.start);
        let Some(first) = first else { continue };
        let mut a = first;
        while a > 0 {
            let prev = w[a - 1];
            let joined = sentence[prev.end..w[a].start]
                .chars()
                .all(char::is_whitespace);
            let in_mention = mentions.iter().any(|x| {
                x.start <= s0 + prev.start && s0 + prev.end <= x.end && x.class != "Person"
            });
            let titleish = TITLES.contains(&prev.text)
                || demonym(prev.text)
                || matches!(
                    prev.text,
                    "of" | "the" | "State" | "Council" | "South" | "North"
                )
                || in_mention
                || prev.text == "People’s"
                || prev.text == "Republic";
            if !joined || !titleish {
                break;
            }
            a -= 1;
        }
        while a < first && matches!(w[a].text, "of" | "the") {
            a += 1;
        }
        if a == first || !w[a..first].iter().any(|x| TITLES.contains(&x.text)) {
            continue;
        }
        let title = &sentence[w[a].start..w[first - 1].end];
        let (q, o) = s.doc.quote(s0 + w[a].start, m.end);
        let mut fields = vec![
            ("id", Val::S(next_id("title", s.n, ids))),
            ("subject", Val::S(m.entity.clone())),
            ("predicate", Val::S("schema:jobTitle".into())),
            ("value", Val::S(title.to_owned())),
        ];
        quote_fields(&mut fields, q, o, "quote");
        items.push(Item {
            table: "fact",
            comments: vec!["An office the text gives its holder: write the title in full (\"Premier of China\")".into()],
            fields,
            at: s0 + w[a].start,
        });
    }
}

/// Drafts a name the sentence gives an entity, as `schema:alternateName`.
fn name_items(s: &Sentence<'_>, ids: &mut BTreeSet<String>, items: &mut Vec<Item>) {
    // "The People’s Republic of China (PRC) is China’s official name".
    let (s0, sentence) = (s.start, s.text);
    let Some(is) = sentence.find(" is ") else {
        return;
    };
    let rest = &sentence[is + 4..];
    let owner = s.mentions.iter().find(|m| {
        m.start >= s0 + is + 4
            && (sentence[m.end - s0..].starts_with("\u{2019}s ")
                || sentence[m.end - s0..].starts_with("'s "))
    });
    let named = rest
        .trim_end_matches(['.', ' '])
        .rsplit(' ')
        .next()
        .is_some_and(|w| w == "name");
    let (Some(m), true) = (owner, named) else {
        return;
    };
    let head = &sentence[..is];
    let head = head.strip_prefix("The ").unwrap_or(head);
    let name = head.split(" (").next().unwrap_or(head).trim();
    if name.is_empty() || !name.chars().next().is_some_and(char::is_uppercase) {
        return;
    }
    let mut fields = vec![
        ("id", Val::S(next_id("name", s.n, ids))),
        ("subject", Val::S(m.entity.clone())),
        ("predicate", Val::S("schema:alternateName".into())),
        ("value", Val::S(name.to_owned())),
    ];
    quote_fields(&mut fields, s.quote.clone(), s.occurrence, "quote");
    items.push(Item {
        table: "fact",
        comments: vec![],
        fields,
        at: s0,
    });
}

/// Drafts the sentence's claim, attributed or the author's; returns the dates it took.
fn claim_items(
    s: &Sentence<'_>,
    ids: &mut BTreeSet<String>,
    items: &mut Vec<Item>,
) -> Vec<DateHit> {
    // A date the claim takes is when it was said: no event of the sentence gets it.
    if let Some(att) = patterns::attribution(s.text) {
        attributed_claim(s, &att, ids, items)
    } else {
        if matches!(s.genre, Some("opinion")) && author_claim(s.text) {
            author_claim_item(s, ids, items);
        }
        Vec::new()
    }
}

/// Drafts a claim the sentence attributes to a speaker, with who said it and when.
fn attributed_claim(
    s: &Sentence<'_>,
    att: &patterns::Attribution,
    ids: &mut BTreeSet<String>,
    items: &mut Vec<Item>,
) -> Vec<DateHit> {
    let (s0, sentence, mentions) = (s.start, s.text, &s.mentions);
    let mut claim_dates: Vec<DateHit> = Vec::new();
    let mut fields = vec![("id", Val::S(next_id("claim", s.n, ids)))];
    let (qs, qe) = att.quote;
    fields.push(("text", Val::S(sentence[qs..qe].to_owned())));
    let mut comments = vec!["Rewrite `text` as the claim in a sentence of your own.".to_owned()];
    match claim_voice(s, att) {
        ClaimVoice::Joint(voices) => fields.push(("voice", Val::L(voices))),
        ClaimVoice::One(v) => fields.push(("voice", Val::S(v))),
        ClaimVoice::Unknown => {
            comments.push(
                "The speaker is no entity of the registry: declare one, or keep \"unnamed\"."
                    .into(),
            );
            fields.push(("voice", Val::S("unnamed".into())));
        }
    }
    if let Some((a, b)) = att.attribution {
        let (q, o) = s.doc.quote(s0 + a, s0 + b);
        quote_fields(&mut fields, q, o, "attribution");
        // When they said it: a date of the attribution.
        for hit in patterns::dates(&sentence[a..b]) {
            let phrase = &sentence[a + hit.start..a + hit.end];
            if let Some((dates, basis)) = resolve(&hit, phrase, s.doc.published, false) {
                if let Some((_, d)) = dates.iter().find(|(k, _)| *k == "date") {
                    fields.push(("date", Val::S(d.clone())));
                    if let Some(b) = basis {
                        fields.push(("date_inferred", Val::S(b)));
                    }
                    claim_dates.push(DateHit {
                        start: a + hit.start,
                        end: a + hit.end,
                        ..hit
                    });
                    break;
                }
            }
        }
    }
    push_entities(
        &mut fields,
        "about",
        mentions
            .iter()
            .filter(|m| m.start >= s0 + qs && m.end <= s0 + qe)
            .map(|m| &m.entity),
    );
    let (q, o) = s.doc.quote(s0 + qs, s0 + qe);
    quote_fields(&mut fields, q, o, "quote");
    items.push(Item {
        table: "claim",
        comments,
        fields,
        at: s0 + qs,
    });
    claim_dates
}

/// Who a claim's voice is, as far as the registry knows them.
enum ClaimVoice {
    /// Two or more entities speaking together: "Japan and China expressed …".
    Joint(Vec<String>),
    /// One entity, or "author" or "unnamed".
    One(String),
    /// A speaker the registry does not name.
    Unknown,
}

/// Who speaks an attributed claim: entities of the registry, "author" or "unnamed".
fn claim_voice(s: &Sentence<'_>, att: &patterns::Attribution) -> ClaimVoice {
    let (s0, sentence, mentions) = (s.start, s.text, &s.mentions);
    // "Japan and China expressed …": a joint voice.
    if let (Voice::Named, Some((a, _)), Some((vs, _))) = (att.voice, att.attribution, att.verb) {
        let before = first_named(
            mentions
                .iter()
                .filter(|m| m.start >= s0 + a && m.end <= s0 + vs)
                .filter(|m| EVENT_PARTICIPANTS.contains(&m.class.as_str())),
        );
        let and = sentence[a..vs].contains(" and ");
        if before.len() >= 2 && and && !sentence[a..vs].contains(',') {
            return ClaimVoice::Joint(before);
        }
    }
    let voice = match att.voice {
        Voice::Author => Some("author".to_owned()),
        Voice::Unnamed => Some("unnamed".to_owned()),
        Voice::Named => att.attribution.and_then(|(a, b)| {
            let inside: Vec<&&Mention> = mentions
                .iter()
                .filter(|m| m.start >= s0 + a && m.end <= s0 + b)
                .collect();
            let (vs, ve) = att.verb.map_or((b, b), |(x, y)| (s0 + x, s0 + y));
            // A person named in the attribution; else who is named before the verb;
            // else, after a verb that opens it ("said a spokesperson for …"), who
            // is named after it.
            inside
                .iter()
                .filter(|m| m.class == "Person")
                .min_by_key(|m| {
                    if m.end <= vs {
                        vs - m.end
                    } else {
                        m.start - ve
                    }
                })
                .or_else(|| {
                    inside
                        .iter()
                        .filter(|m| m.end <= vs)
                        .max_by_key(|m| m.start)
                })
                .or_else(|| {
                    (vs == s0 + a)
                        .then(|| {
                            inside
                                .iter()
                                .filter(|m| m.start >= ve)
                                .min_by_key(|m| m.start)
                        })
                        .flatten()
                })
                .map(|m| m.entity.clone())
        }),
    };
    voice.map_or(ClaimVoice::Unknown, ClaimVoice::One)
}

/// Drafts the author's own judgement in an opinion piece, quoting the whole sentence.
fn author_claim_item(s: &Sentence<'_>, ids: &mut BTreeSet<String>, items: &mut Vec<Item>) {
    let mut fields = vec![
        ("id", Val::S(next_id("claim", s.n, ids))),
        ("text", Val::S(label_of(s.text))),
        ("voice", Val::S("author".into())),
    ];
    push_entities(&mut fields, "about", s.mentions.iter().map(|m| &m.entity));
    quote_fields(&mut fields, s.quote.clone(), s.occurrence, "quote");
    items.push(Item {
        table: "claim",
        comments: vec!["The author's own judgement: rewrite `text` in a sentence of your own, and quote only the words that make it.".into()],
        fields,
        at: s.start,
    });
}

/// The dates of the sentence that an event can take, resolved.
fn event_dates(s: &Sentence<'_>, claim_dates: &[DateHit]) -> Vec<Resolved> {
    let (s0, sentence) = (s.start, s.text);
    let hits: Vec<DateHit> = patterns::dates(sentence)
        .into_iter()
        // A claim's date is when it was said.
        .filter(|h| !claim_dates.iter().any(|c| c.start == h.start))
        // "Forum 2024" is a name, not a date of the sentence.
        .filter(|h| {
            !s.mentions
                .iter()
                .any(|m| m.start <= s0 + h.start && s0 + h.end <= m.end)
        })
        .collect();
    let mut resolved: Vec<Resolved> = Vec::new();
    for h in &hits {
        let phrase = &sentence[h.start..h.end];
        if let Some((fields, basis)) = resolve(h, phrase, s.doc.published, s.future) {
            // A stated date must be readable where the sheet's check reads it.
            if basis.is_none() && !fields.iter().all(|(_, d)| numbers::gives_date(sentence, d)) {
                continue;
            }
            resolved.push((*h, fields, basis));
        }
    }
    resolved
}

/// Drafts the sentence's events, relations and dates: one fact for each date it gives.
fn event_items(
    s: &Sentence<'_>,
    claim_dates: &[DateHit],
    ids: &mut BTreeSet<String>,
    items: &mut Vec<Item>,
) {
    let (s0, sentence, mentions) = (s.start, s.text, &s.mentions);
    let class = event_class(sentence);
    let resolved = event_dates(s, claim_dates);
    let ordinals = patterns::ordinals(sentence);
    let participants = first_named(
        mentions
            .iter()
            .filter(|m| EVENT_PARTICIPANTS.contains(&m.class.as_str())),
    );
    let place = mentions
        .iter()
        .find(|m| {
            matches!(m.class.as_str(), "City" | "Country" | "Region")
                && sentence[..m.start - s0]
                    .trim_end()
                    .rsplit(' ')
                    .next()
                    .is_some_and(|p| matches!(p, "in" | "at"))
        })
        .map(|m| m.entity.clone());
    let eventful = class.is_some()
        && (participants.len() >= 2
            || place.is_some()
            || !resolved.is_empty()
            || !ordinals.is_empty());
    if !eventful && resolved.is_empty() {
        return;
    }
    // An event the sentence gives no date is still one fact.
    let groups: Vec<Option<&Resolved>> = if resolved.is_empty() {
        vec![None]
    } else {
        resolved.iter().map(Some).collect()
    };
    for (k, g) in groups.into_iter().enumerate() {
        let mut fields = vec![("id", Val::S(next_id("fact", s.n, ids)))];
        let mut comments = Vec::new();
        let event = g
            .and_then(|(h, _, _)| event_class_near(sentence, h.start, h.end))
            .or(class)
            .unwrap_or("Meeting");
        fields.push(("event", Val::S(event.into())));
        if class.is_none() {
            comments.push("A date with no event word: choose the event class, or make it a relation (subject, predicate, date).".into());
        }
        fields.push(("label", Val::S(label_of(sentence))));
        // "Japan and the ROK normalized their relations": the relation itself, between
        // the two countries the sentence names.
        let countries: Vec<&String> = participants
            .iter()
            .filter(|p| {
                mentions
                    .iter()
                    .any(|m| &m.entity == *p && m.class == "Country")
            })
            .collect();
        if let (Some(predicate), [a, b]) = (relation_predicate(sentence), countries.as_slice()) {
            fields.push(("subject", Val::S((*a).clone())));
            fields.push(("predicate", Val::S(predicate.into())));
            fields.push(("object", Val::S((*b).clone())));
        }
        if s.future {
            fields.push(("status", Val::S("planned".into())));
        }
        if let Some((_, dates, basis)) = g {
            for (key, d) in dates {
                fields.push((key, Val::S(d.clone())));
            }
            if let Some(b) = basis {
                fields.push(("date_inferred", Val::S(b.clone())));
            }
        }
        if let Some(p) = &place {
            fields.push(("place", Val::S(p.clone())));
        }
        if k == 0 {
            if let Some(o) = ordinals.first() {
                fields.push(("ordinal", Val::I(o.value)));
            }
        }
        if !participants.is_empty() {
            fields.push(("participants", Val::L(participants.clone())));
        }
        // What came into force, was founded or launched.
        if matches!(event, "EntryIntoForce" | "Founding" | "Launch") {
            push_entities(
                &mut fields,
                "concerns",
                mentions
                    .iter()
                    .filter(|m| CONCERNED.contains(&m.class.as_str()))
                    .map(|m| &m.entity),
            );
        }
        quote_fields(&mut fields, s.quote.clone(), s.occurrence, "quote");
        items.push(Item {
            table: "fact",
            comments,
            fields,
            at: s0 + g.map_or(0, |(h, _, _)| h.start),
        });
    }
}

/// Drafts a statistic for each figure in the sentence that the sheet's check can read.
fn figure_items(s: &Sentence<'_>, ids: &mut BTreeSet<String>, items: &mut Vec<Item>) {
    let (s0, sentence) = (s.start, s.text);
    for f in patterns::figures(sentence) {
        if !numbers::gives_number(sentence, f.value) {
            continue;
        }
        // What the figure is about: the entity named last before it (in this
        // sentence or an earlier one), else the first named after it.
        let Some(subject) = s
            .doc
            .mentions
            .iter()
            .rfind(|m| m.start < s0 + f.start)
            .or(s.mentions.first().copied())
            .or(s.doc.mentions.first())
            .map(|m| m.entity.clone())
        else {
            continue;
        };
        let (q, o) = s.doc.quote(s0 + f.start, s0 + f.end);
        let mut fields = vec![
            ("id", Val::S(next_id("figure", s.n, ids))),
            (
                "label",
                Val::S(format!(
                    "What \u{201C}{}\u{201D} measures",
                    &sentence[f.start..f.end]
                )),
            ),
            ("subject", Val::S(subject)),
            ("value", Val::F(f.value)),
        ];
        if let Some(b) = f.bound {
            fields.push(("bound", Val::S(b.into())));
        }
        fields.push(("unit", Val::S(f.unit.into())));
        if f.approximate {
            fields.push(("approximate", Val::B(true)));
        }
        quote_fields(&mut fields, q, o, "quote");
        items.push(Item {
            table: "statistic",
            comments: vec!["Say what is measured in `label`, and check `subject`.".into()],
            fields,
            at: s0 + f.start,
        });
    }
}
