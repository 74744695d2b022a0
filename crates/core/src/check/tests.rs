//! One test per checking rule, in process: a sheet of a few lines against a registry of
//! three entities, and the exact message (or the checked model) that comes out.

use crate::error::{ErrorKind, ItemKind, QuoteProblem};
use crate::model::{Known, Object, Ref, Unit, Voice};
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
    assert_eq!(f.date.as_ref().unwrap().literal.value(), "1965");
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
        "facts.toml:7: the name \"ROK\" is given to both \"republic\" and \"rok\"\n  a name can match one entity only: drop it from one of them, or set `mentions = false`"
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
    assert_eq!(a.claims[0].voice, Voice::Others);
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
    let a = check(&fact("schema:knowsAbout")).unwrap();
    // A property outside the ontology is labelled from its local name.
    assert_eq!(a.facts[0].label, "Japan knows about Republic of Korea");
}

#[test]
fn dates_keep_their_precision_and_are_real_days() {
    let fact = |d: &str| {
        format!("[[fact]]\nid = \"f\"\nevent = \"Meeting\"\nlabel = \"A meeting\"\ndate = {d:?}\nquote = \"1965\"\n")
    };
    for (date, datatype) in [
        ("1965", "gYear"),
        ("1965-06", "gYearMonth"),
        ("2024-02-29", "date"),
    ] {
        let a = check(&fact(date)).unwrap();
        let literal = &a.facts[0].date.as_ref().unwrap().literal;
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
        "{head}subject = \"japan\"\npredicate = \"schema:knowsAbout\"\n"
    ))
    .contains("the predicate has no object"));
    assert!(error(&format!("{head}subject = \"japan\"\npredicate = \"schema:knowsAbout\"\nobject = \"rok\"\nvalue = 1\n")).contains("give `object` or `value`, not both"));
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
    let date_only = check(&format!(
        "{head}subject = \"japan\"\npredicate = \"schema:foundingDate\"\ndate = \"1965\"\n"
    ))
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
        .contains("unknown unit \"dollars\"\n  use USD, percent, year or count"));
    let a = check(&stat("800000000000", "USD")).unwrap();
    assert_eq!(a.statistics[0].unit, Unit::Usd);
    assert_eq!(a.statistics[0].value.value(), "800000000000");
    let d = check(&stat("2.50", "percent")).unwrap();
    assert_eq!(d.statistics[0].value.value(), "2.5");
}

#[test]
fn every_problem_of_a_sheet_is_reported_at_once() {
    let sheet = "[[fact]]\nid = \"a\"\nsubject = \"japn\"\npredicate = \"nea:normalizedRelationsWith\"\nobject = \"rok\"\nquote = \"normalised\"\n\n[[statistic]]\nid = \"b\"\nlabel = \"x\"\nsubject = \"japan\"\nvalue = 1\nunit = \"furlongs\"\nquote = \"Trade\"\n\n[[claim]]\nid = \"a\"\ntext = \"x\"\nclaimant = \"author\"\nstance = \"endorses\"\nquote = \"Some argue\"\n";
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
