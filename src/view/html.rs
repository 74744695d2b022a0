//! The pages as HTML: server-rendered, readable without JavaScript (there is none),
//! semantic (landmarks, headings, tables with headers, `lang` on names in other
//! languages), one stylesheet. Every piece of data goes through `esc`, which escapes
//! what HTML would read as markup and shows control and bidirectional characters as
//! `\u{…}` escapes, as the terminal does; links go only where `Links` says, and a
//! link out of the graph only to `http:` or `https:`.
//!
//! The article is drawn with every evidence span as a `<mark>` of its kind; where spans
//! overlap, the text is cut at every boundary and the marks nest (a span that crosses
//! another's edge is split into several marks, all with the same `data-span`). Each
//! piece of text inside marks is one link, to the innermost span's resource, with a
//! note beside it (shown on hover and focus) that names every span over it, each with
//! its link.

use super::model::{local, slug, ArticleView, Dated, Entity, Kind, Property, Resource, Span};
use crate::card::{Card, Evidence, Item};
use crate::output::table::compact;
use crate::terminal::is_unsafe;
use oxigraph::model::Term;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write;

/// The stylesheet, served at `/style.css` and inlined in the report.
pub const STYLE: &str = include_str!("style.css");

/// Text for HTML: `&`, `<`, `>`, `"` and `'` escaped, and control, bidirectional and
/// invisible format characters shown as `\u{…}`.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\r' => out.push_str("\\u{d}"),
            c if is_unsafe(c) => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out
}

/// Percent-encodes a query parameter's value.
pub fn url_param(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

/// Where links go: to the server's paths, or to anchors in one file.
pub struct Links {
    base: String,
    mode: Mode,
}

enum Mode {
    Server,
    /// The report: resources with a card in the file, by IRI, to their anchor.
    Static(HashSet<String>),
}

impl Links {
    /// Links of the server: a resource under the base at its path.
    pub fn server(base: &str) -> Self {
        Self {
            base: base.to_owned(),
            mode: Mode::Server,
        }
    }

    /// Links inside one file: to the resources that have a card in it.
    pub fn report(base: &str, present: HashSet<String>) -> Self {
        Self {
            base: base.to_owned(),
            mode: Mode::Static(present),
        }
    }

    pub fn is_static(&self) -> bool {
        matches!(self.mode, Mode::Static(_))
    }

    /// The path of a resource of the graph on the server: the IRI's part after the
    /// base (`/id/rok`), or `/resource?iri=…` for an IRI outside it or with a fragment.
    pub fn path_of(base: &str, iri: &str) -> String {
        match iri.strip_prefix(base) {
            Some(rest) if base.ends_with('/') && !rest.contains(['#', '?']) => {
                format!("/{rest}")
            }
            _ => format!("/resource?iri={}", url_param(iri)),
        }
    }

    /// Where a link to a resource goes, if anywhere.
    pub fn resource(&self, iri: &str) -> Option<String> {
        match &self.mode {
            Mode::Server => {
                if iri.starts_with(&self.base) {
                    Some(Self::path_of(&self.base, iri))
                } else {
                    outside(iri)
                }
            }
            Mode::Static(present) => present.contains(iri).then(|| format!("#{}", anchor(iri))),
        }
    }

    /// A page of the server (`/entities`); none in the report.
    fn page(&self, path: &str) -> Option<String> {
        match self.mode {
            Mode::Server => Some(path.to_owned()),
            Mode::Static(_) => None,
        }
    }

    /// The spot of a span in its article's page.
    pub fn spot(&self, article: &str, start: usize, end: usize) -> Option<String> {
        let id = spot_id(article, start, end);
        match &self.mode {
            Mode::Server => self.resource(article).map(|p| format!("{p}#{id}")),
            Mode::Static(_) => Some(format!("#{id}")),
        }
    }
}

/// A link out of the graph: only to the web.
fn outside(iri: &str) -> Option<String> {
    (iri.starts_with("http://") || iri.starts_with("https://")).then(|| iri.to_owned())
}

/// The anchor of a resource's card in the report.
pub fn anchor(iri: &str) -> String {
    format!("r-{}", slug(iri.split_once("://").map_or(iri, |(_, r)| r)))
}

/// The id of a span's first mark in its article.
pub fn spot_id(article: &str, start: usize, end: usize) -> String {
    format!("at-{}-{start}-{end}", slug(&local(article)))
}

/// A link, or the text alone where there is nowhere to go.
fn link(href: Option<String>, text: &str, class: Option<&str>) -> String {
    let class = class.map(|c| format!(" class=\"{c}\"")).unwrap_or_default();
    match href {
        Some(h) => format!("<a{class} href=\"{}\">{}</a>", esc(&h), esc(text)),
        None => format!("<span{class}>{}</span>", esc(text)),
    }
}

/// The pages in the navigation bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nav {
    Article,
    Entities,
    Timeline,
    Query,
    None,
}

/// A whole page of the server.
pub fn page(title: &str, nav: Nav, articles: usize, body: &str) -> String {
    let item = |which: Nav, href: &str, text: &str| {
        let current = if which == nav {
            " aria-current=\"page\""
        } else {
            ""
        };
        format!("<li><a href=\"{href}\"{current}>{text}</a></li>")
    };
    let home = if articles == 1 { "Article" } else { "Articles" };
    format!(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{} · nea-kg</title>\n<link rel=\"stylesheet\" href=\"/style.css\">\n</head>\n<body>\n<a class=\"skip\" href=\"#main\">Skip to the content</a>\n<header class=\"site\"><a class=\"name\" href=\"/\">nea-kg</a>\n<nav aria-label=\"Main\"><ul>{}{}{}{}<li><a href=\"/sparql\">SPARQL endpoint</a></li></ul></nav></header>\n<main id=\"main\">\n{body}</main>\n<footer class=\"site\">A read-only view of the graph, served by nea-kg {}. Every fact points at the words of the article it came from.</footer>\n</body>\n</html>\n",
        esc(title),
        item(Nav::Article, "/", home),
        item(Nav::Entities, "/entities", "Entities"),
        item(Nav::Timeline, "/timeline", "Timeline"),
        item(Nav::Query, "/query", "Query"),
        env!("CARGO_PKG_VERSION"),
    )
}

/// The index of the articles (a corpus).
pub fn index(links: &Links, articles: &[super::model::Article]) -> String {
    let mut out = String::from("<h1>Articles</h1>\n<ul>\n");
    for a in articles {
        let _ = writeln!(
            out,
            "<li>{}</li>",
            link(links.resource(&a.iri), &a.headline, None)
        );
    }
    out.push_str("</ul>\n");
    out
}

/// A term as a person reads it: a resource by its label (linked where it can be), a
/// literal as its text, in its language, with its datatype beside it when it is not a
/// plain string.
fn term(links: &Links, t: &Term, label: Option<&str>, entity_ns: &str) -> String {
    match t {
        Term::NamedNode(n) => {
            let text = label.map(str::to_owned).unwrap_or_else(|| {
                let short = compact(n.as_str(), entity_ns);
                if short.starts_with('<') {
                    local(n.as_str())
                } else {
                    short
                }
            });
            link(links.resource(n.as_str()), &text, None)
        }
        Term::Literal(l) => {
            let text = esc(l.value());
            if let Some(lang) = l.language() {
                format!("<span lang=\"{}\">{text}</span>", esc(lang))
            } else if l.datatype().as_str() == "http://www.w3.org/2001/XMLSchema#string" {
                text
            } else {
                format!(
                    "{text} <span class=\"lit-type\">{}</span>",
                    esc(&compact(l.datatype().as_str(), entity_ns))
                )
            }
        }
        Term::BlankNode(b) => esc(&format!("_:{}", b.as_str())),
    }
}

/// The legend of the kinds of span, each with its filter.
fn legend(view: &ArticleView) -> String {
    let mut counts: BTreeMap<Kind, usize> = BTreeMap::new();
    for s in &view.spans {
        *counts.entry(s.kind).or_default() += 1;
    }
    let mut out = String::from(
        "<fieldset class=\"legend\"><legend>Evidence by kind (untick to hide)</legend><ul>\n",
    );
    for kind in Kind::ALL {
        let n = counts.get(&kind).copied().unwrap_or(0);
        let what = match kind {
            Kind::Fact => "facts (relations)",
            Kind::Event => "events",
            Kind::Statistic => "figures",
            Kind::Claim => "claims",
            Kind::Mention => "mentions of entities",
        };
        let swatches = if kind == Kind::Claim {
            "<span class=\"swatch k-claim stance-endorses\">endorsed</span> <span class=\"swatch k-claim stance-rejects\">rejected</span> <span class=\"swatch k-claim\">reported</span>".to_owned()
        } else {
            format!(
                "<span class=\"swatch k-{}\">{}</span>",
                kind.name(),
                kind.title()
            )
        };
        let _ = writeln!(
            out,
            "<li><input type=\"checkbox\" id=\"show-{k}\" checked> <label for=\"show-{k}\">{swatches} {n} {what}</label></li>",
            k = kind.name()
        );
    }
    out.push_str("</ul></fieldset>\n");
    out
}

/// The note over a piece of text: every span over it, innermost first.
fn note(links: &Links, spans: &[&Span], id: &str) -> String {
    let mut out = format!("<span class=\"tip\" id=\"{id}\">");
    for s in spans.iter().rev() {
        let detail = s
            .note
            .detail
            .as_deref()
            .map(|d| format!(" <span>({})</span>", esc(d)))
            .unwrap_or_default();
        let title = if s.note.title.is_empty() {
            local(&s.resource)
        } else {
            s.note.title.clone()
        };
        match (&s.note.target, s.kind) {
            (Some(target), Kind::Mention) => {
                let _ = write!(
                    out,
                    "<span class=\"tip-item\"><span class=\"tip-kind\">{} of</span> {}</span>",
                    link(links.resource(&s.resource), "Mention", None),
                    link(links.resource(target), &title, None)
                );
            }
            _ => {
                let _ = write!(
                    out,
                    "<span class=\"tip-item\"><span class=\"tip-kind\">{}:</span> {}{detail}</span>",
                    s.kind.title(),
                    link(links.resource(&s.resource), &title, None)
                );
            }
        }
    }
    out.push_str("</span>");
    out
}

/// The classes of a span's marks.
fn mark_class(s: &Span, depth: usize) -> String {
    let mut class = format!("k-{} d{}", s.kind.name(), depth.min(4));
    if let Some(stance) = &s.note.stance {
        let _ = write!(class, " stance-{}", slug(stance));
    }
    if let Some(voice) = &s.note.voice {
        let _ = write!(class, " voice-{}", slug(voice));
    }
    class
}

/// The article's text with its spans, as paragraphs.
pub fn article_text(links: &Links, view: &ArticleView) -> String {
    let chars: Vec<char> = view.article.text.chars().collect();
    let spans = &view.spans;
    let mut cuts: Vec<usize> = vec![0, chars.len()];
    for s in spans {
        cuts.push(s.start);
        cuts.push(s.end);
    }
    for (i, c) in chars.iter().enumerate() {
        if *c == '\n' {
            cuts.push(i);
            cuts.push(i + 1);
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    let article = &view.article.iri;
    let mut out = String::from("<div class=\"text\">\n<p>");
    let mut stack: Vec<usize> = Vec::new();
    let mut ids: HashSet<String> = HashSet::new();
    let mut first_mark: HashSet<usize> = HashSet::new();
    let mut in_paragraph = false;
    let mut notes = 0;
    for pair in cuts.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        if a >= b {
            continue;
        }
        let piece: String = chars[a..b].iter().collect();
        if piece == "\n" {
            for _ in stack.drain(..) {
                out.push_str("</mark>");
            }
            if in_paragraph {
                out.push_str("</p>\n<p>");
                in_paragraph = false;
            }
            continue;
        }
        in_paragraph = true;
        let active: Vec<usize> = (0..spans.len())
            .filter(|&i| spans[i].start <= a && spans[i].end >= b)
            .collect();
        let keep = stack
            .iter()
            .zip(&active)
            .take_while(|(x, y)| x == y)
            .count();
        for _ in keep..stack.len() {
            out.push_str("</mark>");
        }
        stack.truncate(keep);
        for &i in &active[keep..] {
            let s = &spans[i];
            let mut attrs = format!(
                "class=\"{}\" data-span=\"{i}\" data-kind=\"{}\" data-start=\"{}\" data-end=\"{}\"",
                mark_class(s, stack.len()),
                s.kind.name(),
                s.start,
                s.end
            );
            if let Some(href) = links.resource(&s.resource) {
                let _ = write!(attrs, " data-href=\"{}\"", esc(&href));
            }
            if first_mark.insert(i) {
                let id = spot_id(article, s.start, s.end);
                if ids.insert(id.clone()) {
                    let _ = write!(attrs, " id=\"{id}\"");
                }
            }
            let _ = write!(out, "<mark {attrs}>");
            stack.push(i);
        }
        // White space between two spans inside a third is no place to click.
        if active.is_empty() || piece.trim().is_empty() {
            out.push_str(&esc(&piece));
            continue;
        }
        notes += 1;
        let over: Vec<&Span> = active.iter().map(|&i| &spans[i]).collect();
        let innermost = over[over.len() - 1];
        let tip = format!("n{notes}");
        let href = links
            .resource(&innermost.resource)
            .map(|h| format!(" href=\"{}\"", esc(&h)))
            .unwrap_or_default();
        let _ = write!(
            out,
            "<span class=\"seg-wrap\"><a class=\"seg\"{href} aria-describedby=\"{tip}\">{}</a>{}</span>",
            esc(&piece),
            note(links, &over, &tip)
        );
    }
    for _ in stack.drain(..) {
        out.push_str("</mark>");
    }
    out.push_str("</p>\n</div>\n");
    // An empty paragraph (the text ended with a line break) says nothing.
    out.replace("<p></p>\n", "")
}

/// The article page's content: headline, what the graph says of the article, the
/// legend with its filters, and the text with its evidence.
pub fn article(links: &Links, view: &ArticleView, entity_ns: &str) -> String {
    let mut out = String::new();
    let a = &view.article;
    let id = anchor(&a.iri);
    let _ = writeln!(
        out,
        "<article id=\"{id}\" aria-labelledby=\"{id}-h\">\n<h1 id=\"{id}-h\">{}</h1>",
        esc(&a.headline)
    );
    let _ = writeln!(
        out,
        "<p class=\"sub\">The article's text with every piece of evidence of the graph highlighted by kind. Hover over or focus a highlight to see what it supports; follow it to the resource. <span class=\"iri\">{}</span></p>",
        esc(&a.iri)
    );
    if !view.header.is_empty() {
        out.push_str("<details><summary>What the graph says of the article</summary>\n<dl class=\"props\">\n");
        for (p, _, o, label) in &view.header {
            let _ = writeln!(
                out,
                "<dt>{}</dt><dd>{}</dd>",
                esc(&compact(p, entity_ns)),
                term(links, o, label.as_deref(), entity_ns)
            );
        }
        out.push_str("</dl></details>\n");
    }
    out.push_str(&legend(view));
    out.push_str(&article_text(links, view));
    out.push_str("</article>\n");
    out
}

/// A quote in its sentence, the quoted words marked.
fn in_context(ev: &Evidence) -> String {
    let chars: Vec<char> = ev.sentence_text.chars().collect();
    let from = ev.start.saturating_sub(ev.sentence_start).min(chars.len());
    let to = ev
        .end
        .saturating_sub(ev.sentence_start)
        .clamp(from, chars.len());
    let part = |a: usize, b: usize| esc(&chars[a..b].iter().collect::<String>());
    if ev.start < ev.sentence_start || chars.is_empty() {
        return format!("<mark>{}</mark>", esc(&ev.exact));
    }
    format!(
        "{}<mark>{}</mark>{}",
        part(0, from),
        part(from, to),
        part(to, chars.len())
    )
}

/// The evidence of a resource, each in its sentence, with where it is.
fn evidence_list(
    links: &Links,
    evidence: &[Evidence],
    articles: &BTreeMap<String, String>,
) -> String {
    let mut out = String::from("<ul class=\"evidence\">\n");
    for ev in evidence {
        let article = articles
            .get(&ev.article)
            .cloned()
            .unwrap_or_else(|| local(&ev.article));
        let _ = writeln!(
            out,
            "<li><blockquote>{}</blockquote><span class=\"where\">In {}, paragraph {}, sentence {}; characters {}–{}: {}</span></li>",
            in_context(ev),
            link(links.resource(&ev.article), &article, None),
            ev.paragraph,
            ev.sentence,
            ev.start,
            ev.end,
            link(links.spot(&ev.article, ev.start, ev.end), "see it in the article", None)
        );
    }
    out.push_str("</ul>\n");
    out
}

fn items(
    links: &Links,
    title: &str,
    items: &[Item],
    articles: &BTreeMap<String, String>,
) -> String {
    if items.is_empty() {
        return String::new();
    }
    let mut out = format!("<h3>{}</h3>\n<ul class=\"items\">\n", esc(title));
    for item in items {
        // Each part, escaped, in its frame when the item has it; planned, cancelled or
        // not happened is said, as the card says it.
        let part = |value: &Option<String>, before: &str, after: &str| {
            value
                .as_deref()
                .map(|v| format!("{before}{}{after}", esc(v)))
                .unwrap_or_default()
        };
        let date = part(&item.date, "<time>", "</time> ");
        let role = part(&item.role, " (", ")");
        let known = part(&item.known, " <span class=\"known\">", "</span>");
        let told = part(&item.told, " <span class=\"told\">[", "]</span>");
        let _ = writeln!(
            out,
            "<li>{date}{}{role}{known}{told}\n{}</li>",
            link(links.resource(&item.iri), &item.text, None),
            evidence_list(links, &item.evidence, articles)
        );
    }
    out.push_str("</ul>\n");
    out
}

/// The card of an entity.
fn card(links: &Links, card: &Card, articles: &BTreeMap<String, String>) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "<p>{}. Mentioned {} time{}.</p>",
        esc(&card.types.join(", ")),
        card.mentions,
        if card.mentions == 1 { "" } else { "s" }
    );
    if let Some(d) = &card.description {
        let _ = writeln!(out, "<p>{}</p>", esc(d));
    }
    if let Some(wd) = &card.wikidata {
        let shown = wd.rsplit('/').next().unwrap_or(wd);
        let target = if links.is_static() { None } else { outside(wd) };
        let _ = writeln!(out, "<p>Wikidata: {}</p>", link(target, shown, None));
    }
    out.push_str("<h2>Names</h2>\n<table><thead><tr><th scope=\"col\">Language</th><th scope=\"col\">Names</th></tr></thead><tbody>\n");
    for (lang, names) in &card.names {
        let shown: Vec<String> = names
            .iter()
            .map(|n| {
                if lang.is_empty() {
                    esc(n)
                } else {
                    format!("<span lang=\"{}\">{}</span>", esc(lang), esc(n))
                }
            })
            .collect();
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td>{}</td></tr>",
            if lang.is_empty() {
                "(none)".to_owned()
            } else {
                esc(lang)
            },
            shown.join(" · ")
        );
    }
    out.push_str("</tbody></table>\n");
    if !(card.relations.is_empty()
        && card.events.is_empty()
        && card.statistics.is_empty()
        && card.claims.is_empty())
    {
        out.push_str("<h2>What the article says of it</h2>\n");
    }
    out.push_str(&items(links, "Relations", &card.relations, articles));
    out.push_str(&items(links, "Events", &card.events, articles));
    out.push_str(&items(links, "Figures", &card.statistics, articles));
    out.push_str(&items(links, "Claims about it", &card.claims, articles));
    out
}

fn properties(links: &Links, list: &[Property], entity_ns: &str) -> String {
    let mut out = String::from("<dl class=\"props\">\n");
    for p in list {
        let name = p
            .property_label
            .clone()
            .unwrap_or_else(|| compact(&p.property, entity_ns));
        let _ = writeln!(
            out,
            "<dt>{}</dt><dd>{}</dd>",
            link(links.resource(&p.property), &name, None),
            term(links, &p.value, p.value_label.as_deref(), entity_ns)
        );
    }
    out.push_str("</dl>\n");
    out
}

/// A resource's page content (or its card in the report, under a heading of `level`).
pub fn resource(links: &Links, r: &Resource, entity_ns: &str, level: u8) -> String {
    let mut out = String::new();
    let kind = r
        .kind
        .map(|k| format!("{}: ", k.title()))
        .or_else(|| r.card.as_ref().map(|_| "Entity: ".to_owned()))
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "<h{level}>{}{}</h{level}>\n<p class=\"iri\">{}</p>",
        esc(&kind),
        esc(&r.label),
        esc(&r.iri)
    );
    let sub = level + 1;
    if let Some(c) = &r.card {
        out.push_str(&card(links, c, &r.article_labels));
    }
    if !r.evidence.is_empty() {
        let _ = writeln!(out, "<h{sub}>The words that support it</h{sub}>");
        out.push_str(&evidence_list(links, &r.evidence, &r.article_labels));
    }
    let _ = writeln!(out, "<h{sub}>What the graph says of it</h{sub}>");
    out.push_str(&properties(links, &r.properties, entity_ns));
    if !r.incoming.is_empty() {
        let _ = writeln!(out, "<h{sub}>What links here</h{sub}>\n<ul>");
        for p in &r.incoming {
            let name = p
                .property_label
                .clone()
                .unwrap_or_else(|| compact(&p.property, entity_ns));
            let _ = writeln!(
                out,
                "<li>{} <span class=\"where\">({})</span></li>",
                term(links, &p.value, p.value_label.as_deref(), entity_ns),
                esc(&name)
            );
        }
        out.push_str("</ul>\n");
        if r.incoming_cut {
            let _ = writeln!(
                out,
                "<p>Only the first {} are shown.</p>",
                super::model::INCOMING_SHOWN
            );
        }
    }
    out
}

/// How the list of entities is sorted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sort {
    Name,
    Type,
    Mentions,
}

/// The entities page's content.
pub fn entities(links: &Links, list: &[Entity], sort: Sort) -> String {
    let mut list: Vec<&Entity> = list.iter().collect();
    match sort {
        Sort::Name => list.sort_by(|a, b| {
            (a.label.to_lowercase(), &a.iri).cmp(&(b.label.to_lowercase(), &b.iri))
        }),
        Sort::Type => list.sort_by(|a, b| {
            (&a.class_label, a.label.to_lowercase()).cmp(&(&b.class_label, b.label.to_lowercase()))
        }),
        Sort::Mentions => list.sort_by(|a, b| {
            (std::cmp::Reverse(a.mentions), a.label.to_lowercase())
                .cmp(&(std::cmp::Reverse(b.mentions), b.label.to_lowercase()))
        }),
    }
    let header = |which: Sort, key: &str, text: &str, class: &str| {
        let aria = if which == sort {
            if which == Sort::Mentions {
                " aria-sort=\"descending\""
            } else {
                " aria-sort=\"ascending\""
            }
        } else {
            ""
        };
        let inner = match links.page(&format!("/entities?sort={key}")) {
            Some(h) if which != sort => format!("<a href=\"{h}\">{text}</a>"),
            _ => text.to_owned(),
        };
        format!("<th scope=\"col\"{class}{aria}>{inner}</th>")
    };
    let mut out = format!(
        "<h1>Entities</h1>\n<p class=\"sub\">{} entities; sort by a column's heading.</p>\n<table>\n<thead><tr>{}{}{}</tr></thead>\n<tbody>\n",
        list.len(),
        header(Sort::Name, "name", "Entity", ""),
        header(Sort::Type, "type", "Type", ""),
        header(Sort::Mentions, "mentions", "Mentions", " class=\"num\""),
    );
    for e in list {
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td>{}</td><td class=\"num\">{}</td></tr>",
            link(links.resource(&e.iri), &e.label, None),
            link(links.resource(&e.class), &e.class_label, None),
            e.mentions
        );
    }
    out.push_str("</tbody></table>\n");
    out
}

/// The timeline page's content.
pub fn timeline(links: &Links, list: &[Dated], articles: &HashMap<String, String>) -> String {
    let mut out = String::from(
        "<h1>Timeline</h1>\n<p class=\"sub\">Everything the articles date, oldest first, at the precision the text gives; a date the text implies without stating it is marked inferred.</p>\n<table>\n<thead><tr><th scope=\"col\">Date</th><th scope=\"col\">What</th><th scope=\"col\">Known</th><th scope=\"col\">In the article</th></tr></thead>\n<tbody>\n",
    );
    for d in list {
        let known = match (&d.known, &d.date_known) {
            (_, Some(dk)) if dk != "stated" => format!("date {}", dk),
            (Some(k), _) => k.clone(),
            _ => "stated".to_owned(),
        };
        let at = match &d.at {
            Some((article, start, end)) => {
                let name = articles
                    .get(article)
                    .cloned()
                    .unwrap_or_else(|| local(article));
                link(links.spot(article, *start, *end), &name, None)
            }
            None => String::new(),
        };
        let _ = writeln!(
            out,
            "<tr><td><time>{}</time></td><td>{}</td><td>{}</td><td>{at}</td></tr>",
            esc(&d.date),
            link(links.resource(&d.iri), &d.label, None),
            esc(&known)
        );
    }
    out.push_str("</tbody></table>\n");
    out
}

/// The results of a query as a table: variables as headings, resources linked.
pub struct Table {
    pub variables: Vec<String>,
    pub rows: Vec<Vec<Option<Cell>>>,
}

/// A cell of the results: the term, and the English label of a resource.
pub type Cell = (Term, Option<String>);

/// The query page's content: the form, the shipped queries, and the results or the
/// error of the query run.
pub fn query(
    links: &Links,
    text: &str,
    shipped: &[(String, String)],
    outcome: Option<Result<QueryOutcome, String>>,
    entity_ns: &str,
) -> String {
    let mut out = String::from(
        "<h1>Query</h1>\n<p class=\"sub\">SPARQL 1.1, read-only, over the union of the graphs; the project's prefixes (kg:, nea:, schema:, skos:, oa:, prov:, …) are predeclared. Pick a shipped query or write your own.</p>\n",
    );
    let _ = writeln!(
        out,
        "<form method=\"get\" action=\"/query\">\n<label for=\"q\">Query</label>\n<textarea id=\"q\" name=\"query\" rows=\"14\" spellcheck=\"false\">{}</textarea>\n<p><button type=\"submit\">Run</button></p>\n</form>",
        esc(text)
    );
    match outcome {
        None => {}
        Some(Err(message)) => {
            let _ = writeln!(
                out,
                "<h2>Error</h2>\n<p class=\"error\" role=\"alert\">{}</p>",
                esc(&message)
            );
        }
        Some(Ok(QueryOutcome::Boolean(b))) => {
            let _ = writeln!(out, "<h2>Answer</h2>\n<p>{b}</p>");
        }
        Some(Ok(QueryOutcome::Table(t))) => {
            let _ = writeln!(
                out,
                "<h2>Results</h2>\n<p>{} row{}. Download: {}</p>",
                t.rows.len(),
                if t.rows.len() == 1 { "" } else { "s" },
                downloads(text, &["json", "xml", "csv", "tsv"])
            );
            out.push_str("<table>\n<thead><tr>");
            for v in &t.variables {
                let _ = write!(out, "<th scope=\"col\">{}</th>", esc(v));
            }
            out.push_str("</tr></thead>\n<tbody>\n");
            for row in &t.rows {
                out.push_str("<tr>");
                for cell in row {
                    let shown = cell
                        .as_ref()
                        .map(|(t, label)| term(links, t, label.as_deref(), entity_ns))
                        .unwrap_or_default();
                    let _ = write!(out, "<td>{shown}</td>");
                }
                out.push_str("</tr>\n");
            }
            out.push_str("</tbody></table>\n");
        }
        Some(Ok(QueryOutcome::Graph(n))) => {
            let _ = writeln!(
                out,
                "<h2>Results</h2>\n<p>A graph of {n} triple{}. Download: {}</p>",
                if n == 1 { "" } else { "s" },
                downloads(text, &["ttl", "nt", "nq", "trig", "jsonld", "rdf"])
            );
        }
    }
    out.push_str("<h2>Shipped queries</h2>\n<ul>\n");
    for (name, question) in shipped {
        let _ = writeln!(
            out,
            "<li><a href=\"/query?name={}\">{}</a>: {}</li>",
            url_param(name),
            esc(name),
            esc(question)
        );
    }
    out.push_str("</ul>\n");
    out
}

/// What a query gave, for the query page.
pub enum QueryOutcome {
    Table(Table),
    Boolean(bool),
    /// A graph, by its number of triples (downloadable, not drawn).
    Graph(usize),
}

fn downloads(text: &str, formats: &[&str]) -> String {
    formats
        .iter()
        .map(|f| {
            format!(
                "<a href=\"/sparql?query={}&amp;format={f}\" download>{}</a>",
                url_param(text),
                f.to_uppercase()
            )
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The report of `export --format html`: one file, the stylesheet inlined, the articles
/// with their evidence, then a card for every resource, all links inside the file.
pub fn report(
    links: &Links,
    views: &[ArticleView],
    resources: &[Resource],
    entity_ns: &str,
) -> String {
    let title = match views {
        [one] => one.article.headline.clone(),
        _ => format!("{} articles", views.len()),
    };
    let mut body = String::new();
    let _ = writeln!(
        body,
        "<nav aria-label=\"Contents\"><ul>{}<li><a href=\"#resources\">Resources ({})</a></li></ul></nav>",
        views
            .iter()
            .map(|v| format!(
                "<li><a href=\"#{}\">{}</a></li>",
                anchor(&v.article.iri),
                esc(&v.article.headline)
            ))
            .collect::<String>(),
        resources.len()
    );
    for v in views {
        body.push_str(&article(links, v, entity_ns));
    }
    body.push_str("<h2 id=\"resources\">Resources</h2>\n");
    for r in resources {
        let _ = writeln!(
            body,
            "<section class=\"card\" id=\"{}\">\n{}</section>",
            anchor(&r.iri),
            resource(links, r, entity_ns, 3)
        );
    }
    format!(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n<title>{} · nea-kg report</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n<a class=\"skip\" href=\"#main\">Skip to the content</a>\n<main id=\"main\">\n{body}</main>\n<footer class=\"site\">Made by nea-kg {} from the graph: every fact points at the words of the article it came from.</footer>\n</body>\n</html>\n",
        esc(&title),
        env!("CARGO_PKG_VERSION")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_and_control_characters_are_escaped() {
        assert_eq!(
            esc("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
        assert_eq!(
            esc("a\u{1b}[31mb\u{202e}c\r"),
            "a\\u{1b}[31mb\\u{202e}c\\u{d}"
        );
        assert_eq!(esc("中国 — ok\n"), "中国 — ok\n");
    }

    fn span(resource: &str, kind: Kind, start: usize, end: usize) -> Span {
        Span {
            resource: format!("https://w3id.org/nea-kg/{resource}"),
            kind,
            start,
            end,
            exact: String::new(),
            note: Default::default(),
        }
    }

    #[test]
    fn overlapping_spans_nest_cut_at_every_boundary() {
        use super::super::model::{Article, ArticleView};
        let view = ArticleView {
            article: Article {
                iri: "https://w3id.org/nea-kg/article/a".into(),
                headline: "H".into(),
                text: "abcde fghij klmno\nsecond <line>".into(),
            },
            header: Vec::new(),
            // a [0, 11) and b [6, 17) cross; c [6, 11) sits inside both.
            spans: vec![
                span("x/a", Kind::Claim, 0, 11),
                span("x/b", Kind::Fact, 6, 17),
                span("x/c", Kind::Mention, 6, 11),
                span("x/d", Kind::Event, 18, 24),
            ],
        };
        let links = Links::server("https://w3id.org/nea-kg/");
        let out = article_text(&links, &view);
        // Balanced, and b is cut where a ends: opened twice.
        assert_eq!(
            out.matches("<mark ").count(),
            out.matches("</mark>").count()
        );
        assert_eq!(out.matches("data-span=\"1\"").count(), 2, "{out}");
        assert_eq!(out.matches("data-span=\"0\"").count(), 1, "{out}");
        // The piece inside all three links to the innermost, and its note names all three.
        let inner = out.split("fghij").next().unwrap();
        assert!(
            inner.ends_with("<a class=\"seg\" href=\"/x/c\" aria-describedby=\"n2\">"),
            "{out}"
        );
        let note = out
            .split("id=\"n2\">")
            .nth(1)
            .unwrap()
            .split("</span></span>")
            .next()
            .unwrap();
        for r in ["/x/a", "/x/b", "/x/c"] {
            assert!(note.contains(&format!("href=\"{r}\"")), "{note}");
        }
        // The first mark of each span carries the spot's id; paragraphs close marks.
        assert!(out.contains("id=\"at-a-0-11\""));
        assert!(out.contains("</p>\n<p>"));
        assert!(out.contains("&lt;line&gt;"));
    }

    #[test]
    fn links_go_to_paths_under_the_base_and_out_only_to_the_web() {
        let links = Links::server("https://w3id.org/nea-kg/");
        assert_eq!(
            links.resource("https://w3id.org/nea-kg/id/rok").as_deref(),
            Some("/id/rok")
        );
        assert_eq!(
            links
                .resource("https://w3id.org/nea-kg/ontology#Country")
                .as_deref(),
            Some("/resource?iri=https%3A%2F%2Fw3id.org%2Fnea-kg%2Fontology%23Country")
        );
        assert_eq!(
            links
                .resource("http://www.wikidata.org/entity/Q884")
                .as_deref(),
            Some("http://www.wikidata.org/entity/Q884")
        );
        assert_eq!(links.resource("javascript:alert(1)"), None);
        assert_eq!(links.resource("urn:x:y"), None);
    }
}
