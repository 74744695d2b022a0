//! One test per checking rule, in process: a sheet of a few lines against a registry of
//! three entities, and the exact message (or the checked model) that comes out.

use crate::error::{ErrorKind, ItemKind, QuoteProblem};
use crate::model::{Known, Object, Quantity, Ref, Unit, Voice};
use crate::source::Source;
use crate::testing::{check, error, errors, ontology, ARTICLE};

const NORMALIZATION: &str = r#"
[[fact]]
id = "normalization"
event = "EstablishmentOfRelations"
label = "Normalization of relations between Japan and the ROK"
subject = "japan"
predicate = "nea:normalizedRelationsWith"
object = "rok"
date = "1965"
participants = ["japan", "rok"]
quote = "Japan and the ROK normalized their relations in 1965"
"#;

#[test]
fn a_sound_sheet_checks_into_the_model() {
    let a = check(NORMALIZATION).unwrap();
    assert_eq!(a.id, "neighbours");
    let f = &a.facts[0];
    assert_eq!(
        f.label,
        "Normalization of relations between Japan and the ROK"
    );
    let r = f.relation.as_ref().unwrap();
    assert_eq!(r.subject, Ref::Entity("japan".into()));
    assert_eq!(
        r.predicate,
        "https://w3id.org/nea-kg/ontology#normalizedRelationsWith"
    );
    assert_eq!(r.object, Object::Item(Ref::Entity("rok".into())));
    assert_eq!(f.time.date.as_ref().unwrap().value(), "1965");
    assert_eq!(f.known, Known::Stated);
    assert_eq!((f.evidence.span.start, f.evidence.span.end), (11, 63));
    assert_eq!(f.evidence.prefix, "Neighbours\n");
    // Japan and the ROK are used (by the fact and by their mentions); Tokyo is not.
    assert_eq!(
        a.registry_entities.iter().collect::<Vec<_>>(),
        ["japan", "rok"]
    );
}

#[test]
fn ids_are_lower_case_words_and_unique() {
    assert_eq!(
        error("[[claim]]\nid = \"Bad_Id\"\ntext = \"x\"\nclaimant = \"author\"\nstance = \"endorses\"\nquote = \"Some argue\"\n"),
        "facts.toml:7: the claim id \"Bad_Id\" is not valid\n  use lower-case ASCII letters, digits and hyphens, starting with a letter (`rok-normalization-1965`)"
    );
    assert_eq!(
        error("[[claim]]\nid = \"japan\"\ntext = \"x\"\nclaimant = \"author\"\nstance = \"endorses\"\nquote = \"Some argue\"\n"),
        "facts.toml:7: duplicate id \"japan\": it is already declared at entities.toml:3\n  give each entity, fact, statistic and claim an id of its own"
    );
}

#[test]
fn an_unknown_id_suggests_an_id_of_the_kind_the_field_takes() {
    let visit = "[[fact]]\nid = \"visit-1965\"\nevent = \"Meeting\"\nlabel = \"A visit\"\nquote = \"1965\"\n";
    // "visit-1956" is two edits from the fact "visit-1965", but a place is an entity.
    let e = error(&format!("{visit}\n[[fact]]\nid = \"tour\"\nevent = \"Meeting\"\nlabel = \"A tour\"\nplace = \"visit-1956\"\nquote = \"1965\"\n"));
    assert!(e.contains("unknown id \"visit-1956\" in `place`\n"), "{e}");
    let e = error(&format!("{visit}\n[[fact]]\nid = \"tour\"\nevent = \"Meeting\"\nlabel = \"A tour\"\nfollows = \"visit-1956\"\nquote = \"1965\"\n"));
    assert!(
        e.contains("unknown id \"visit-1956\" in `follows` (did you mean \"visit-1965\"?)"),
        "{e}"
    );
    let e = error(&format!("{visit}\n[[fact]]\nid = \"tour\"\nevent = \"Meeting\"\nlabel = \"A tour\"\nplace = \"tokio\"\nquote = \"1965\"\n"));
    assert!(e.contains("(did you mean \"tokyo\"?)"), "{e}");
}

#[test]
fn an_id_of_the_wrong_kind_is_named_as_such() {
    let sheet = format!(
        "{NORMALIZATION}\n[[fact]]\nid = \"visit\"\nevent = \"Meeting\"\nlabel = \"A visit\"\nplace = \"normalization\"\nquote = \"1965\"\n"
    );
    assert!(error(&sheet).ends_with(
        "fact \"visit\": `place` names \"normalization\", which is not an entity\n  give the id of an entity"
    ));
}

#[test]
fn the_registry_is_checked_whole() {
    let registry = "[[entity]]\nid = \"x\"\nclass = \"Town\"\nlabel = \"X\"\n\n[[entity]]\nid = \"y\"\nclass = \"Country\"\nlabel = \"Y\"\nwikidata = \"https://www.wikidata.org/wiki/Q1\"\n";
    let e =
        crate::check::registry(&Source::new("entities.toml", registry), &ontology()).unwrap_err();
    let messages: Vec<String> = e.iter().map(ToString::to_string).collect();
    assert_eq!(messages.len(), 2);
    assert!(messages[0].starts_with("entities.toml:3: entity \"x\": unknown class \"Town\"\n  use one of the ontology's entity classes: "));
    assert!(messages[0].contains("Country") && messages[0].contains("City"));
    assert_eq!(
        messages[1],
        "entities.toml:10: entity \"y\": \"https://www.wikidata.org/wiki/Q1\" is not a Wikidata item id\n  write the id alone, as `wikidata = \"Q148\"`, or leave it out"
    );
}

#[test]
fn the_headline_is_the_first_line_and_the_language_a_tag() {
    let input = crate::check::ArticleInput {
        text: Source::new("article.txt", ARTICLE),
        sheet: Source::new(
            "facts.toml",
            "[article]\nid = \"a\"\nheadline = \"Strangers\"\nlanguage = \"en english\"\n",
        ),
    };
    let e = crate::check::article(&input, &crate::testing::registry(), &ontology()).unwrap_err();
    let messages: Vec<String> = e.iter().map(ToString::to_string).collect();
    assert_eq!(
        messages[0],
        "facts.toml:3: the headline \"Strangers\" is not the first line of article.txt (\"Neighbours\")\n  make `headline` the article's first line, exactly"
    );
    assert!(messages[1].starts_with("facts.toml:4: invalid language tag \"en english\""));
}

#[test]
fn an_empty_article_is_refused_before_anything_else() {
    let input = crate::check::ArticleInput {
        text: Source::new("article.txt", " \n\n"),
        sheet: Source::new("facts.toml", crate::testing::HEADER),
    };
    let e = crate::check::article(&input, &crate::testing::registry(), &ontology()).unwrap_err();
    assert_eq!(*e.0[0].kind, ErrorKind::EmptyArticle);
}

#[test]
fn a_name_belongs_to_one_entity() {
    let sheet = "[[entity]]\nid = \"republic\"\nclass = \"Country\"\nlabel = \"Republic\"\naliases = [\"ROK\"]\n";
    // The sheet's entity is the newcomer: the error points at it.
    assert_eq!(
        error(sheet),
        "facts.toml:7: the name \"ROK\" is given to both \"republic\" and \"rok\" (declared at facts.toml:7 and entities.toml:10)\n  a name can match one entity only: drop it from one of them, or set `mentions = false`"
    );
}

#[test]
fn quotes_are_grounded_or_refused_with_the_reason() {
    let claim = |quote: &str| {
        format!("[[claim]]\nid = \"c\"\ntext = \"x\"\nclaimant = \"others\"\nstance = \"rejects\"\nquote = {quote:?}\n")
    };
    let problem = |quote: &str| match &*crate::testing::check(&claim(quote)).unwrap_err().0[0].kind
    {
        ErrorKind::Quote { problem, .. } => problem.clone(),
        other => panic!("{other:?}"),
    };
    assert_eq!(problem(""), QuoteProblem::Empty);
    assert_eq!(problem("..."), QuoteProblem::NoWords);
    assert!(
        matches!(problem("Some argue that the regions"), QuoteProblem::NotFound { closest } if closest.starts_with("Some argue that the region"))
    );
    assert!(matches!(
        problem("the"),
        QuoteProblem::Ambiguous { count: 4, .. }
    ));
    assert!(matches!(
        problem("Neighbours Japan"),
        QuoteProblem::Spacing { .. }
    ));
    let a = check(&claim("Some argue")).unwrap();
    assert_eq!(a.claims[0].voice, Voice::Unnamed);
    assert_eq!(a.claims[0].evidence.exact, "Some argue");
    assert_eq!(a.claims[0].evidence.span.sentence, 4);
}

#[test]
fn an_occurrence_picks_one_of_several() {
    // "the" occurs four times: "the ROK", "their", "the total", "the region".
    let claim = "[[claim]]\nid = \"c\"\ntext = \"x\"\nclaimant = \"author\"\nstance = \"endorses\"\nquote = \"the\"\noccurrence = 4\n";
    let a = check(claim).unwrap();
    assert_eq!(
        a.claims[0].evidence.span.start,
        ARTICLE.find("the region").unwrap()
    );
    let e = error(&claim.replace("occurrence = 4", "occurrence = 9"));
    assert!(e.ends_with("the quote \"the\": `occurrence` must be between 1 and 4, the number of times it occurs"), "{e}");
}

#[test]
fn predicates_have_a_known_prefix_and_nea_terms_exist() {
    let fact = |p: &str| {
        format!("[[fact]]\nid = \"f\"\nsubject = \"japan\"\npredicate = {p:?}\nobject = \"rok\"\nquote = \"normalized\"\n")
    };
    assert!(error(&fact("ex:knows"))
        .contains("\"ex:knows\" is not a prefixed name with a known prefix"));
    assert!(error(&fact("nea:knows")).contains("\"nea:knows\" is not a property of the ontology"));
    // Other vocabularies' terms are those the ontology declares, and a misspelling gets
    // the closest of them.
    assert!(error(&fact("schema:knowsAbout"))
        .contains("\"schema:knowsAbout\" is not a property of the ontology\n"));
    assert!(error(&fact("schema:jobTitel")).contains(
        "\"schema:jobTitel\" is not a property of the ontology (did you mean \"schema:jobTitle\"?)"
    ));
    let a = check(&fact("schema:member")).unwrap();
    // A property without a label in the ontology is labelled from its local name.
    assert_eq!(a.facts[0].label, "Japan member Republic of Korea");
}

#[test]
fn dates_keep_their_precision_and_are_real_days() {
    let fact = |d: &str| {
        format!("[[fact]]\nid = \"f\"\nevent = \"Meeting\"\nlabel = \"A meeting\"\ndate = {d:?}\ndate_inferred = \"for the test\"\nquote = \"1965\"\n")
    };
    for (date, datatype) in [
        ("1965", "gYear"),
        ("1965-06", "gYearMonth"),
        ("2024-02-29", "date"),
    ] {
        let a = check(&fact(date)).unwrap();
        let literal = a.facts[0].time.date.as_ref().unwrap();
        assert_eq!(literal.value(), date);
        assert!(literal.datatype().as_str().ends_with(datatype));
    }
    for bad in [
        "65",
        "1965-13",
        "2023-02-29",
        "1965-6",
        "1965/06",
        "1965-06-31",
    ] {
        assert!(
            error(&fact(bad)).contains(&format!("invalid date \"{bad}\"")),
            "{bad}"
        );
    }
}

#[test]
fn what_is_not_stated_says_how_it_is_known() {
    let fact = "[[fact]]\nid = \"f\"\nsubject = \"japan\"\npredicate = \"nea:normalizedRelationsWith\"\nobject = \"rok\"\nknown = \"inferred\"\nquote = \"normalized\"\n";
    assert!(error(fact).ends_with("fact \"f\": a fact that is not stated needs a `basis`\n  say how it is known: the reasoning, or the source of the background knowledge"));
    let a = check(&format!("{fact}basis = \"They did.\"\n")).unwrap();
    assert_eq!(a.facts[0].known, Known::Inferred("They did.".into()));
}

#[test]
fn a_fact_is_a_whole_relation_or_an_event() {
    let head = "[[fact]]\nid = \"f\"\nquote = \"normalized\"\n";
    assert!(error(&format!(
        "{head}subject = \"japan\"\npredicate = \"schema:member\"\n"
    ))
    .contains("the predicate has no object"));
    assert!(error(&format!("{head}subject = \"japan\"\npredicate = \"schema:member\"\nobject = \"rok\"\nvalue = \"x\"\n")).contains("give `object` or `value`, not both"));
    assert!(
        error(&format!("{head}subject = \"japan\"\nobject = \"rok\"\n"))
            .contains("a relation needs `subject`, `predicate` and `object` (or `value`) together")
    );
    assert!(error(head).contains("fact \"f\": says nothing"));
    assert!(error(&format!("{head}event = \"Meeting\"\n")).contains("an event needs a `label`"));
    assert!(error(&format!("{head}event = \"Party\"\nlabel = \"x\"\n"))
        .contains("\"Party\" is not an event class of the ontology"));
    assert!(error(&format!(
        "{head}event = \"Meeting\"\nlabel = \"x\"\ndate_inferred = \"why\"\n"
    ))
    .contains("`date_inferred` without a `date`"));
    let date_only = check(
        "[[fact]]\nid = \"f\"\nquote = \"relations in 1965\"\nsubject = \"japan\"\npredicate = \"schema:foundingDate\"\ndate = \"1965\"\n",
    )
    .unwrap();
    assert!(
        matches!(&date_only.facts[0].relation.as_ref().unwrap().object, Object::Literal(l) if l.value() == "1965")
    );
}

#[test]
fn statistics_are_finite_numbers_in_a_known_unit() {
    let stat = |value: &str, unit: &str| {
        format!("[[statistic]]\nid = \"s\"\nlabel = \"Trade\"\nsubject = \"japan\"\nvalue = {value}\nunit = {unit:?}\nquote = \"$800 billion\"\n")
    };
    assert!(error(&stat("\"800 billion\"", "USD")).contains("`value` must be a number"));
    assert!(error(&stat("nan", "USD")).contains("`value` must be a finite number, not NaN"));
    assert!(error(&stat("800", "dollars"))
        .contains("unknown unit \"dollars\"\n  use a currency's ISO 4217 code (USD, CNY, JPY, KRW, EUR, …) or one of percent, "));
    let a = check(&stat("800000000000", "USD")).unwrap();
    assert_eq!(a.statistics[0].unit, Unit::Currency("USD".into()));
    assert!(matches!(&a.statistics[0].quantity, Quantity::Value(v) if v.value() == "800000000000"));
    let d = check(&stat("25.0", "percent").replace("$800 billion", "about 25 percent")).unwrap();
    assert!(matches!(&d.statistics[0].quantity, Quantity::Value(v) if v.value() == "25.0"));
}

#[test]
fn every_problem_of_a_sheet_is_reported_at_once() {
    let sheet = "[[fact]]\nid = \"a\"\nsubject = \"japn\"\npredicate = \"nea:normalizedRelationsWith\"\nobject = \"rok\"\nquote = \"normalised\"\n\n[[statistic]]\nid = \"b\"\nlabel = \"x\"\nsubject = \"japan\"\nvalue = 800\nunit = \"furlongs\"\nquote = \"$800 billion\"\n\n[[claim]]\nid = \"a\"\ntext = \"x\"\nclaimant = \"author\"\nstance = \"endorses\"\nquote = \"Some argue\"\n";
    let all = errors(sheet);
    assert_eq!(all.len(), 4, "{all:#?}");
    assert!(all[0]
        .starts_with("facts.toml:22: duplicate id \"a\": it is already declared at facts.toml:7"));
    assert!(
        all[0].starts_with("facts.toml:22: duplicate id"),
        "{all:#?}"
    );
    assert!(
        all[1].contains("fact \"a\": unknown id \"japn\" in `subject` (did you mean \"japan\"?)")
    );
    assert!(all[2].contains("fact \"a\": the quote \"normalised\" is not in article.txt"));
    assert!(all[3].contains("statistic \"b\": unknown unit \"furlongs\""));
}

#[test]
fn errors_carry_their_place_and_item_for_a_program() {
    let e = crate::testing::check("[[claim]]\nid = \"c\"\ntext = \"x\"\nclaimant = \"author\"\nstance = \"endorses\"\nabout = [\"tokio\"]\nquote = \"Some argue\"\n").unwrap_err();
    let e = &e.0[0];
    let location = e.location.as_ref().unwrap();
    assert_eq!(
        (location.file.as_str(), location.line),
        ("facts.toml", Some(11))
    );
    let item = e.item.as_ref().unwrap();
    assert_eq!((item.kind, item.id.as_str()), (ItemKind::Claim, "c"));
    assert!(
        matches!(&*e.kind, ErrorKind::UnknownId { field: "about", id, suggestion: Some(s) } if id == "tokio" && s == "tokyo")
    );
}

#[test]
fn mentions_are_every_name_at_word_boundaries() {
    let a = check("").unwrap();
    let mentioned: Vec<(&str, usize)> = a
        .mentions
        .iter()
        .map(|m| (m.entity.as_str(), m.evidence.span.start))
        .collect();
    assert_eq!(mentioned, [("japan", 11), ("rok", 25)]);
    assert_eq!(a.mentions[1].evidence.exact, "ROK");
}

// ---------------------------------------------------------------- what the quote supports

#[test]
fn a_stated_date_must_be_in_the_quote_or_its_sentence() {
    let fact = |d: &str, extra: &str| {
        format!("[[fact]]\nid = \"f\"\nevent = \"Meeting\"\nlabel = \"A meeting\"\ndate = {d:?}\n{extra}quote = \"Trade reached\"\n")
    };
    // "last year" gives no year: the sheet must say the year is inferred.
    assert_eq!(
        error(&fact("2024", "")),
        "facts.toml:10: fact \"f\": `date` \"2024\" is not in the quote or its sentence\n  say how it is known (`date_inferred = \"…\"` with the reasoning, or `date_background = \"…\"` with the source), quote the words that give it, or fix it"
    );
    let a = check(&fact(
        "2024",
        "date_inferred = \"last year, of an article of 2025\"\n",
    ))
    .unwrap();
    assert_eq!(
        a.facts[0].time_known,
        Known::Inferred("last year, of an article of 2025".into())
    );
    let a = check(&fact(
        "2024",
        "date_background = \"the ministry's records\"\n",
    ))
    .unwrap();
    assert_eq!(
        a.facts[0].time_known,
        Known::Background("the ministry's records".into())
    );
    assert!(error(&fact(
        "2024",
        "date_inferred = \"a\"\ndate_background = \"b\"\n"
    ))
    .contains("`date_inferred` and `date_background` together"));
    // The year is read in the sentence around the quote too.
    check("[[fact]]\nid = \"f\"\nevent = \"Meeting\"\nlabel = \"A meeting\"\ndate = \"1965\"\nquote = \"normalized their relations\"\n").unwrap();
}

#[test]
fn intervals_and_bounds_keep_each_date_at_its_precision() {
    let fact = |dates: &str| {
        format!("[[fact]]\nid = \"f\"\nevent = \"Meeting\"\nlabel = \"A meeting\"\n{dates}date_inferred = \"for the test\"\nquote = \"1965\"\n")
    };
    let a = check(&fact("start = \"2024-05-26\"\nend = \"2024-05-27\"\n")).unwrap();
    let t = &a.facts[0].time;
    assert_eq!(
        (
            t.start.as_ref().unwrap().value(),
            t.end.as_ref().unwrap().value()
        ),
        ("2024-05-26", "2024-05-27")
    );
    assert!(t.date.is_none());
    let a = check(&fact("start = \"1967\"\n")).unwrap();
    assert!(a.facts[0].time.start.is_some() && a.facts[0].time.end.is_none());
    let a = check(&fact("before = \"2030\"\n")).unwrap();
    assert_eq!(a.facts[0].time.before.as_ref().unwrap().value(), "2030");
    assert!(error(&fact("start = \"2024-06\"\nend = \"2024-05-27\"\n"))
        .contains("`start` \"2024-06\" is after `end` \"2024-05-27\""));
    assert!(error(&fact("date = \"2024\"\nstart = \"2024-05\"\n"))
        .contains("give `date`, or `start` and `end`, not both"));
    // Dates of different precision compare by what they share: 2024 and 2024-05 overlap.
    check(&fact("start = \"2024\"\nend = \"2024-05\"\n")).unwrap();
}

#[test]
fn a_stated_figure_or_ordinal_must_be_in_the_quote() {
    let stat = |value: &str, quote: &str| {
        format!("[[statistic]]\nid = \"s\"\nlabel = \"x\"\nsubject = \"japan\"\nvalue = {value}\nunit = \"count\"\nquote = {quote:?}\n")
    };
    assert_eq!(
        error(&stat("61", "about 25 percent")),
        "facts.toml:10: statistic \"s\": the figure 61 is not in the quote or its sentence, which give 800, 800000000000, 25\n  fix it, quote the words that give it, or say how it is known (known = \"inferred\" or \"background\", with a `basis`)"
    );
    check(&stat("800000000000", "$800 billion")).unwrap();
    check(&format!(
        "{}known = \"inferred\"\nbasis = \"the sum of the parts\"\n",
        stat("61", "about 25 percent")
    ))
    .unwrap();
    let ordinal = |n: &str, quote: &str| {
        format!("[[fact]]\nid = \"f\"\nevent = \"Meeting\"\nlabel = \"A meeting\"\nordinal = {n}\nquote = {quote:?}\n")
    };
    assert!(error(&ordinal("2", "Some argue"))
        .contains("the ordinal 2 is not in the quote or its sentence\n"));
}

// ---------------------------------------------------------------- events as they are told

#[test]
fn status_and_negation_are_told_and_keep_the_direct_triple_out() {
    let fact = |extra: &str| {
        format!("[[fact]]\nid = \"f\"\nsubject = \"japan\"\npredicate = \"nea:normalizedRelationsWith\"\nobject = \"rok\"\n{extra}quote = \"normalized their relations\"\n")
    };
    let planned = check(&fact("status = \"expected\"\n")).unwrap();
    assert_eq!(planned.facts[0].status, Some(crate::model::Status::Planned));
    assert!(!planned.facts[0].asserts_relation());
    let negated = check(&fact("negated = true\n")).unwrap();
    assert!(negated.facts[0].negated && !negated.facts[0].asserts_relation());
    assert!(check(&fact("status = \"happened\"\n")).unwrap().facts[0].asserts_relation());
    assert!(error(&fact("status = \"postponed\"\n")).contains(
        "unknown status \"postponed\"\n  use happened, ongoing, planned (or expected) or cancelled"
    ));
}

#[test]
fn quantities_are_values_bounds_ranges_or_changes() {
    let stat = |fields: &str, quote: &str| {
        format!("[[statistic]]\nid = \"s\"\nlabel = \"x\"\nsubject = \"japan\"\n{fields}unit = \"percent\"\nquote = {quote:?}\n")
    };
    let both = "$800 billion last year, about 25 percent";
    let q = |fields: &str, quote: &str| {
        check(&stat(fields, quote)).unwrap().statistics[0]
            .quantity
            .clone()
    };
    assert!(matches!(
        q("value = 25\nbound = \"more-than\"\n", "about 25 percent"),
        Quantity::Bounded(crate::model::Bound::MoreThan, _)
    ));
    assert!(matches!(
        q("min = 25\nmax = 800\n", both),
        Quantity::Range(..)
    ));
    assert!(matches!(
        q("change = \"rise\"\nfrom = 25\nto = 800\n", both),
        Quantity::Change {
            direction: crate::model::Change::Rise,
            by: None,
            ..
        }
    ));
    for (fields, reason) in [
        ("", "a statistic needs a quantity"),
        ("min = 25\n", "a range needs both `min` and `max`"),
        (
            "value = 25\nmin = 25\nmax = 25\n",
            "a range (`min`, `max`) stands alone",
        ),
        (
            "bound = \"at-least\"\nchange = \"rise\"\nfrom = 25\n",
            "a `bound` qualifies a `value`",
        ),
        ("from = 25\n", "`from` and `to` describe a `change`"),
        ("change = \"rise\"\n", "a `change` needs its size"),
    ] {
        let e = error(&stat(fields, "about 25 percent"));
        assert!(e.contains(reason), "{fields:?}: {e}");
    }
    assert!(error(&stat(
        "value = 25\nbound = \"roughly\"\n",
        "about 25 percent"
    ))
    .contains("unknown bound \"roughly\""));
    let yuan = check("[[statistic]]\nid = \"s\"\nlabel = \"x\"\nsubject = \"japan\"\nvalue = 800000000000\nunit = \"CNY\"\nquote = \"$800 billion\"\n").unwrap();
    assert_eq!(yuan.statistics[0].unit, Unit::Currency("CNY".into()));
}

// ---------------------------------------------------------------- voices and stance

const CLAIM: &str = "[[claim]]\nid = \"c\"\ntext = \"The region cannot cooperate.\"\nquote = \"the region cannot cooperate\"\n";

#[test]
fn a_claim_has_a_voice_and_the_authors_stance_is_said_not_assumed() {
    use crate::model::Stance;
    let voice = |fields: &str| check(&format!("{CLAIM}{fields}")).unwrap().claims[0].clone();
    let author = voice("voice = \"author\"\n");
    assert_eq!(
        (author.voice, author.stance),
        (Voice::Author, Stance::Endorses)
    );
    // Unnamed others, reported: the author takes no side unless the sheet says so.
    let others = voice("voice = \"unnamed\"\nattribution = \"Some argue\"\n");
    assert_eq!(
        (&others.voice, others.stance),
        (&Voice::Unnamed, Stance::Reports)
    );
    assert_eq!(others.attribution.unwrap().exact, "Some argue");
    assert_eq!(
        voice("voice = \"unnamed\"\nstance = \"rejects\"\n").stance,
        Stance::Rejects
    );
    let named = voice("voice = \"japan\"\nattribution = \"Some argue\"\n");
    assert_eq!(named.voice, Voice::Named(Ref::Entity("japan".into())));
    let joint = voice("voice = [\"japan\", \"rok\"]\nattribution = \"Some argue\"\n");
    assert_eq!(
        joint.voice,
        Voice::Joint(vec![Ref::Entity("japan".into()), Ref::Entity("rok".into())])
    );
    // The old form still reads.
    let old = voice("claimant = \"others\"\nstance = \"rejects\"\nreported_as = \"Some argue\"\n");
    assert_eq!(old.voice, Voice::Unnamed);
}

#[test]
fn voices_that_would_say_more_than_the_article_are_refused() {
    let e = |fields: &str| error(&format!("{CLAIM}{fields}"));
    assert!(e("").contains("a claim needs a `voice`"));
    assert!(e("voice = \"japan\"\n")
        .contains("a claim by a named or joint voice needs its `attribution`"));
    assert!(e("voice = \"author\"\nstance = \"rejects\"\n")
        .contains("the author's own claim cannot have the stance `rejects`"));
    assert!(e("voice = [\"japan\"]\nattribution = \"Some argue\"\n")
        .contains("a joint voice needs at least two ids"));
    assert!(e("voice = \"author\"\nclaimant = \"author\"\n")
        .contains("`voice` and `claimant` say the same thing"));
    assert!(e("voice = \"japon\"\nattribution = \"Some argue\"\n")
        .contains("unknown id \"japon\" in `voice` (did you mean \"japan\"?)"));
    assert!(e("voice = \"unnamed\"\nattribution = \"Many argue\"\n")
        .contains("the quote \"Many argue\" is not in article.txt"));
}

#[test]
fn a_claim_is_dated_by_when_it_was_made_and_a_stated_date_is_in_its_words() {
    let claim = |fields: &str| check(&format!("{CLAIM}{fields}")).map(|a| a.claims[0].clone());
    let named = "voice = \"japan\"\nattribution = \"Some argue\"\n";
    // No date in the attribution or the quote's sentences: inferred, with the reasoning.
    let inferred = claim(&format!(
        "{named}date = \"2023-05\"\ndate_inferred = \"The week before the article.\"\n"
    ))
    .unwrap();
    let (date, known) = inferred.date.unwrap();
    assert_eq!(date.value(), "2023-05");
    assert_eq!(
        known,
        Known::Inferred("The week before the article.".into())
    );
    let e = |fields: &str| error(&format!("{CLAIM}{named}{fields}"));
    assert!(e("date = \"2023-05\"\n")
        .contains("`date` \"2023-05\" is not in the quote or its sentence"));
    assert!(e("date_inferred = \"Last week.\"\n").contains("`date_inferred` without a `date`"));
    assert!(e("date = \"2023-05-40\"\n").contains("2023-05-40"));
}

// ---------------------------------------------------------------- the article's metadata

#[test]
fn the_articles_metadata_is_checked() {
    let input = |meta: &str| crate::check::ArticleInput {
        text: Source::new("article.txt", ARTICLE),
        sheet: Source::new("facts.toml", format!("{}{meta}", crate::testing::HEADER)),
    };
    let run =
        |meta: &str| crate::check::article(&input(meta), &crate::testing::registry(), &ontology());
    let a = run("genre = \"news\"\npublished = \"2025-03-30\"\nurl = \"https://example.org/neighbours\"\npublisher = \"japan\"\nauthors = [\"rok\"]\ndateline = \"tokyo\"\n").unwrap();
    let p = &a.publication;
    assert_eq!(p.genre, Some(crate::model::Genre::News));
    assert_eq!(p.published.as_ref().unwrap().value(), "2025-03-30");
    assert_eq!(p.dateline, Some(Ref::Entity("tokyo".into())));
    assert_eq!(a.author.as_deref(), Some("rok"));
    let messages = |meta: &str| -> Vec<String> {
        run(meta)
            .unwrap_err()
            .iter()
            .map(ToString::to_string)
            .collect()
    };
    assert!(messages("genre = \"blog\"\n")[0].contains("unknown genre \"blog\""));
    assert!(messages("published_after = \"2025-03-22\"\n")[0].contains("need a `published_basis`"));
    assert!(
        messages("url = \"example.org\"\n")[0].contains("\"example.org\" is not an absolute URL")
    );
    assert!(messages("publisher = \"japn\"\n")[0].contains("unknown id \"japn\" in `publisher`"));
    run("published_after = \"2025-03-22\"\npublished_basis = \"It reports the meeting of that day as held.\"\n").unwrap();
}

// ---------------------------------------------------------------- registries in layers

#[test]
fn a_registry_adds_to_the_one_below_and_may_repeat_it_only_as_it_is() {
    let base = Source::new("entities.toml", crate::testing::REGISTRY);
    let again = Source::new("more.toml", crate::testing::REGISTRY);
    let more = Source::new("more.toml", "[[entity]]\nid = \"seoul\"\nclass = \"City\"\nlabel = \"Seoul\"\n\n[[event]]\nid = \"summit-2024\"\nclass = \"Summit\"\nlabel = \"The 2024 summit\"\n");
    let r = crate::check::registries(&[base.clone(), again, more], &ontology()).unwrap();
    assert!(r.get("seoul").is_some() && r.get("japan").is_some());
    assert_eq!(r.event("summit-2024").unwrap().label, "The 2024 summit");
    let changed = Source::new(
        "mine.toml",
        "[[entity]]\nid = \"tokyo\"\nclass = \"City\"\nlabel = \"Edo\"\n",
    );
    let e = crate::check::registries(&[base.clone(), changed], &ontology()).unwrap_err();
    assert_eq!(
        e.to_string(),
        "mine.toml:2: the entity \"tokyo\" is already declared differently at entities.toml:16\n  declare it in one place; a registry that adds to another may repeat a declaration only as it is"
    );
    let not_event = Source::new(
        "mine.toml",
        "[[event]]\nid = \"x\"\nclass = \"Country\"\nlabel = \"X\"\n",
    );
    assert!(crate::check::registries(&[base, not_event], &ontology())
        .unwrap_err()
        .to_string()
        .contains("event \"x\": \"Country\" is not an event class of the ontology"));
}

#[test]
fn a_sheet_reports_a_shared_event_and_gives_local_aliases() {
    let base = Source::new("entities.toml", crate::testing::REGISTRY);
    let events = Source::new("events.toml", "[[event]]\nid = \"normalization\"\nclass = \"EstablishmentOfRelations\"\nlabel = \"Normalization of Japan-ROK relations\"\n");
    let registry = crate::check::registries(&[base, events], &ontology()).unwrap();
    let input = crate::testing::input("[[alias]]\nentity = \"japan\"\nnames = [\"Neighbours\"]\n\n[[fact]]\nid = \"n\"\nshared = \"normalization\"\ndate = \"1965\"\nquote = \"normalized their relations in 1965\"\n");
    let a = crate::check::article(&input, &registry, &ontology()).unwrap();
    let f = &a.facts[0];
    assert_eq!(f.shared.as_deref(), Some("normalization"));
    assert_eq!(f.label, "Normalization of Japan-ROK relations");
    assert!(f
        .event
        .as_deref()
        .unwrap()
        .ends_with("EstablishmentOfRelations"));
    assert!(a.shared_events.contains("normalization"));
    assert_eq!(
        a.local_aliases,
        [("japan".to_owned(), "Neighbours".to_owned())]
    );
    // The local alias makes a mention in this article: the headline.
    assert!(a
        .mentions
        .iter()
        .any(|m| m.entity == "japan" && m.evidence.exact == "Neighbours"));
    let wrong =
        crate::testing::input("[[fact]]\nid = \"n\"\nshared = \"japan\"\nquote = \"normalized\"\n");
    assert!(crate::check::article(&wrong, &registry, &ontology())
        .unwrap_err()
        .to_string()
        .contains("`shared` names \"japan\", which is not a shared event"));
}

// ---------------------------------------------------------------- mentions inside names

#[test]
fn names_inside_names_are_nested_mentions() {
    let registry = Source::new(
        "entities.toml",
        format!("{}\n[[entity]]\nid = \"japan-rok\"\nclass = \"CountryGroup\"\nlabel = \"Japan and the ROK\"\n\n[[entity]]\nid = \"paper\"\nclass = \"NewsMedia\"\nlabel = \"Trade reached\"\ninner_mentions = false\n", crate::testing::REGISTRY),
    );
    let r = crate::check::registry(&registry, &ontology()).unwrap();
    let a = crate::check::article(&crate::testing::input(""), &r, &ontology()).unwrap();
    type Seen<'a> = (&'a str, usize, Option<(&'a str, usize)>);
    let m: Vec<Seen> = a
        .mentions
        .iter()
        .map(|m| {
            (
                m.entity.as_str(),
                m.number,
                m.nested_in.as_ref().map(|(e, n)| (e.as_str(), *n)),
            )
        })
        .collect();
    assert_eq!(
        m,
        [
            ("japan-rok", 1, None),
            ("japan", 1, Some(("japan-rok", 1))),
            ("rok", 1, Some(("japan-rok", 1))),
            ("paper", 1, None),
        ]
    );
}
