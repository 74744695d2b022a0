//! Each pattern family of the draft on short texts of its own, and the draft as a
//! whole: grounded, deterministic, refused by a build until confirmed.

use super::patterns::{self, DateKind, DateRole, Relative, Voice, When};
use super::{draft, readable, Input};
use crate::check::{self, ArticleInput};
use crate::error::ErrorKind;
use crate::source::Source;
use crate::testing::{ontology, registry};

fn dates(s: &str) -> Vec<(String, DateKind, DateRole)> {
    patterns::dates(s)
        .into_iter()
        .map(|h| (s[h.start..h.end].to_owned(), h.kind, h.role))
        .collect()
}

#[test]
fn stated_dates_keep_their_precision() {
    use DateKind::Stated;
    assert_eq!(
        dates("They met on May 27, 2024 in Seoul."),
        [(
            "May 27, 2024".into(),
            Stated(When::Day(2024, 5, 27)),
            DateRole::At
        )]
    );
    assert_eq!(
        dates("It was signed on 3 March 1999 and revised in June 2005."),
        [
            (
                "3 March 1999".into(),
                Stated(When::Day(1999, 3, 3)),
                DateRole::At
            ),
            (
                "June 2005".into(),
                Stated(When::Month(2005, 6)),
                DateRole::At
            )
        ]
    );
    assert_eq!(
        dates("Relations were normalized in 1965, and no summit was held since 2019."),
        [
            ("1965".into(), Stated(When::Year(1965)), DateRole::At),
            ("2019".into(), Stated(When::Year(2019)), DateRole::After)
        ]
    );
    // A year that ends a name, and "may" the verb, are no dates.
    assert!(dates("Expo 2025 opened. They may agree.").is_empty());
}

#[test]
fn dates_without_a_year_and_intervals() {
    assert_eq!(
        dates("The talks run from June 3 to 5."),
        [(
            "June 3 to 5".into(),
            DateKind::NoYear {
                month: 6,
                day: Some(3),
                day_end: Some(5)
            },
            DateRole::At
        )]
    );
    assert_eq!(
        dates("They met in November."),
        [(
            "November".into(),
            DateKind::NoYear {
                month: 11,
                day: None,
                day_end: None
            },
            DateRole::At
        )]
    );
    assert_eq!(
        dates("Exports grew between 2019 and 2021."),
        [(
            "2019 and 2021".into(),
            DateKind::Interval(When::Year(2019), When::Year(2021)),
            DateRole::At
        )]
    );
}

#[test]
fn relative_dates() {
    let kinds: Vec<DateKind> = dates("Last week they met; next month they sign; on Friday they spoke; this year marks the 30th anniversary of the pact.")
        .into_iter()
        .map(|d| d.1)
        .collect();
    assert_eq!(
        kinds,
        [
            DateKind::Relative(Relative::Week(-1)),
            DateKind::Relative(Relative::Month(1)),
            DateKind::Relative(Relative::Weekday(4)),
            DateKind::Relative(Relative::Anniversary(30)),
        ]
    );
}

#[test]
fn the_calendar_arithmetic_is_right() {
    assert_eq!(patterns::days(1970, 1, 1), 0);
    assert_eq!(patterns::civil(patterns::days(2024, 2, 29)), (2024, 2, 29));
    // 21 May 2024 was a Tuesday.
    assert_eq!(patterns::weekday(2024, 5, 21), 1);
}

fn figures(s: &str) -> Vec<(String, f64, &'static str, bool, Option<&'static str>)> {
    patterns::figures(s)
        .into_iter()
        .map(|f| {
            (
                s[f.start..f.end].to_owned(),
                f.value,
                f.unit,
                f.approximate,
                f.bound,
            )
        })
        .collect()
}

#[test]
fn money_with_currency_and_scale() {
    assert_eq!(
        figures("Trade reached $800 billion."),
        [("$800 billion".into(), 8e11, "USD", false, None)]
    );
    assert_eq!(
        figures("It invested 1.2 trillion yuan."),
        [("1.2 trillion yuan".into(), 1.2e12, "CNY", false, None)]
    );
}

#[test]
fn percentages_with_their_markers() {
    assert_eq!(
        figures("It is about 25 percent of the total, up 3.5% from 2023."),
        [
            ("about 25 percent".into(), 25.0, "percent", true, None),
            ("3.5%".into(), 3.5, "percent", false, None)
        ]
    );
    assert_eq!(
        figures("At least 40 percent agreed, and more than 2,000 people came."),
        [
            (
                "At least 40 percent".into(),
                40.0,
                "percent",
                false,
                Some("at-least")
            ),
            (
                "more than 2,000 people".into(),
                2000.0,
                "person",
                false,
                Some("more-than")
            )
        ]
    );
}

#[test]
fn counts_and_durations() {
    assert_eq!(
        figures("The previous eight summits ended after a four-and-a-half-year hiatus."),
        [
            ("eight summits".into(), 8.0, "count", false, None),
            ("four-and-a-half-year".into(), 4.5, "year", false, None)
        ]
    );
    // "the three countries" names a set the text knows; a day of a month is a date.
    assert!(figures("The three countries met on March 22.").is_empty());
}

#[test]
fn ordinals_before_a_name_or_an_event_word() {
    let found: Vec<i64> = patterns::ordinals(
        "The Ninth Trilateral Summit followed the 11th meeting, their second term.",
    )
    .into_iter()
    .map(|o| o.value)
    .collect();
    assert_eq!(found, [9, 11]);
}

fn attribution(s: &str) -> (Option<String>, String, Voice) {
    let a = patterns::attribution(s).unwrap_or_else(|| panic!("no attribution in {s:?}"));
    (
        a.attribution.map(|(x, y)| s[x..y].to_owned()),
        s[a.quote.0..a.quote.1].to_owned(),
        a.voice,
    )
}

#[test]
fn attributions_said_told_according_to() {
    assert_eq!(
        attribution("The minister said the talks went well."),
        (
            Some("The minister said".into()),
            "the talks went well".into(),
            Voice::Named
        )
    );
    assert_eq!(
        attribution("Kim Min, an adviser to the Blue House, told reporters on Monday that the deal is close."),
        (
            Some("Kim Min, an adviser to the Blue House, told reporters on Monday that".into()),
            "the deal is close".into(),
            Voice::Named
        )
    );
    assert_eq!(
        attribution("The ministry said on Friday that exports rose."),
        (
            Some("The ministry said on Friday that".into()),
            "exports rose".into(),
            Voice::Named
        )
    );
    assert_eq!(
        attribution("According to the ministry, exports rose."),
        (
            Some("According to the ministry".into()),
            "exports rose".into(),
            Voice::Named
        )
    );
    assert_eq!(
        attribution("\u{201C}We will not yield,\u{201D} said a spokesperson."),
        (
            Some("said a spokesperson".into()),
            "We will not yield".into(),
            Voice::Named
        )
    );
}

#[test]
fn reported_views_and_the_texts_own_voice() {
    assert_eq!(
        attribution("Some argue that the bloc lacks shared values."),
        (
            Some("Some argue that".into()),
            "the bloc lacks shared values".into(),
            Voice::Unnamed
        )
    );
    assert_eq!(
        attribution("It was widely predicted that the talks would fail."),
        (
            Some("It was widely predicted that".into()),
            "the talks would fail".into(),
            Voice::Unnamed
        )
    );
    assert_eq!(
        attribution("We shared the view that trade matters."),
        (
            Some("We shared the view that".into()),
            "trade matters".into(),
            Voice::Author
        )
    );
    assert_eq!(
        attribution("Europe has long been regarded as the model."),
        (
            Some("has long been regarded as".into()),
            "Europe has long been regarded as the model".into(),
            Voice::Unnamed
        )
    );
    assert!(patterns::attribution("The river rose in spring.").is_none());
    assert!(patterns::evaluative(
        "The region should not repeat this mistake."
    ));
    assert!(patterns::evaluative(
        "It is misleading to call it backward."
    ));
    assert!(!patterns::evaluative("The region grew fast."));
}

const TEXT: &str = "Neighbours meet\nTOKYO \u{2014} Japan and the ROK normalized their relations in 1965, the ministry said. Trade reached $800 billion last year, about 25 percent of the total. Some argue that the region cannot cooperate. The Northeast Asia Trade Office (NATO2) is new. The Pacific Trade Council (PTC) met in Tokyo on March 3.\n";

fn input<'a>(text: &'a Source, published: Option<&str>) -> Input<'a> {
    Input {
        text,
        id: Some("neighbours".into()),
        registry: Box::leak(Box::new(registry())),
        merge: None,
        published: published.map(str::to_owned),
    }
}

#[test]
fn a_draft_is_grounded_deterministic_and_refused_until_confirmed() {
    let text = Source::new("a.txt", TEXT);
    let sheet = draft(&input(&text, Some("2024-05-21"))).unwrap();
    assert_eq!(sheet, draft(&input(&text, Some("2024-05-21"))).unwrap());
    for expected in [
        "headline = \"Neighbours meet\"",
        "dateline = \"tokyo\"",
        "event = \"EstablishmentOfRelations\"",
        "subject = \"japan\"\npredicate = \"nea:normalizedRelationsWith\"\nobject = \"rok\"",
        "date = \"1965\"",
        "participants = [\"japan\", \"rok\"]",
        "value = 800000000000\nunit = \"USD\"",
        "value = 25\nunit = \"percent\"\napproximate = true",
        "date = \"2023\"\ndate_inferred = \"\u{201C}last year\u{201D} in an article published on 2024-05-21: 2023.\"",
        "voice = \"unnamed\"\nattribution = \"Some argue that\"",
        "label = \"Pacific Trade Council\"\naliases = [\"PTC\"]",
        "date = \"2024-03-03\"\ndate_inferred = \"A date without a year",
    ] {
        assert!(sheet.contains(expected), "{expected:?} not in:\n{sheet}");
    }
    // A build refuses the items still marked draft, naming the first few.
    let drafted = ArticleInput {
        text: text.clone(),
        sheet: Source::new("draft.toml", sheet.clone()),
    };
    let e = check::article(&drafted, &registry(), &ontology()).unwrap_err();
    assert!(
        e.iter()
            .any(|e| matches!(&*e.kind, ErrorKind::Drafts { items } if items.len() > 5)),
        "{e}"
    );
    assert!(
        e.to_string()
            .contains("items are still marked `draft = true`: "),
        "{e}"
    );
    // Confirmed as drafted, every item checks: grounded by construction.
    let confirmed: String = sheet
        .lines()
        .filter(|l| *l != "draft = true")
        .map(|l| format!("{l}\n"))
        .collect();
    let confirmed = ArticleInput {
        text,
        sheet: Source::new("draft.toml", confirmed),
    };
    if let Err(e) = check::article(&confirmed, &registry(), &ontology()) {
        panic!("{e}\n{sheet}");
    }
}

#[test]
fn merge_drafts_only_what_the_sheet_does_not_cover() {
    let text = Source::new("a.txt", TEXT);
    let existing = Source::new(
        "facts.toml",
        "[article]\nid = \"neighbours\"\nheadline = \"Neighbours meet\"\nlanguage = \"en\"\n\n[[skip]]\nquote = \"Some argue that the region cannot cooperate.\"\n",
    );
    let mut i = input(&text, None);
    i.merge = Some(&existing);
    let merged = draft(&i).unwrap();
    assert!(merged.starts_with(&existing.text));
    let drafted = &merged[existing.text.len()..];
    assert!(!drafted.contains("Some argue"), "{drafted}");
    assert!(merged.contains("normalized their relations"), "{merged}");
}

#[test]
fn unreadable_articles_are_refused() {
    let kind = |t: &str| *readable(&Source::new("a.txt", t)).unwrap_err().kind;
    assert_eq!(kind(" \n\n"), ErrorKind::EmptyArticle);
    assert_eq!(kind("Title\nab\0cd\n"), ErrorKind::BinaryArticle);
    assert_eq!(kind("Title\n\n1. 2. 3.\n"), ErrorKind::NoSentences);
}

#[test]
fn a_speaker_after_the_words_said() {
    assert_eq!(
        attribution("Trade will grow, the ministry said."),
        (
            Some("the ministry said".into()),
            "Trade will grow".into(),
            Voice::Named
        )
    );
    assert_eq!(
        attribution("Japan and the ROK expressed concern about the plan."),
        (
            Some("Japan and the ROK expressed".into()),
            "concern about the plan".into(),
            Voice::Named
        )
    );
}

#[test]
fn voices_joint_the_author_s_and_new_names() {
    let text = Source::new(
        "a.txt",
        "Lessons\nJapan and the ROK expressed concern about the plan. Regional trade matters more than ever. Japan and the ROK normalized their relations in 1965. The Pacific Office (PO) opened in Tokyo.\n",
    );
    let sheet = draft(&input(&text, None)).unwrap();
    for expected in [
        // Two voices joined by "and" speak together.
        "voice = [\"japan\", \"rok\"]\nattribution = \"Japan and the ROK expressed\"",
        // With no genre given, an unattributed sentence is no one's claim…
        "class = \"GovernmentOrganization\"\nlabel = \"Pacific Office\"\naliases = [\"PO\"]",
    ] {
        assert!(sheet.contains(expected), "{expected:?} not in:\n{sheet}");
    }
    assert!(!sheet.contains("voice = \"author\""), "{sheet}");
    // … in an opinion piece it is the author's, but a dated event is not.
    let opinion = sheet.replace(
        "language = \"en\"\n",
        "language = \"en\"\ngenre = \"opinion\"\n",
    );
    let existing = Source::new(
        "facts.toml",
        opinion.split("\n[[").next().unwrap().to_owned(),
    );
    let mut i = input(&text, None);
    i.merge = Some(&existing);
    let merged = draft(&i).unwrap();
    assert!(
        merged.contains("voice = \"author\"\nquote = \"Regional trade matters more than ever.\""),
        "{merged}"
    );
    assert!(!merged.contains("voice = \"author\"\nabout = [\"japan\", \"rok\"]\nquote = \"Japan and the ROK normalized"), "{merged}");
}

#[test]
fn a_registry_refuses_an_entity_still_marked_draft() {
    let source = Source::new(
        "entities.toml",
        "[[entity]]\nid = \"x\"\nclass = \"Country\"\nlabel = \"X\"\ndraft = true\n",
    );
    let e = check::registry(&source, &ontology()).unwrap_err();
    assert_eq!(
        e.to_string(),
        "entities.toml:2: 1 item is still marked `draft = true`: entity \"x\"\n  confirm each one (check it against the article, then delete its `draft = true` line) or delete it; nothing unconfirmed is built"
    );
}

#[test]
fn a_new_name_is_a_mention_of_its_candidate() {
    let text = Source::new(
        "a.txt",
        "Title\nThe Foo Bar Group (FBG) said on Friday that sales rose. FBG earned $5 million.\n",
    );
    let sheet = draft(&input(&text, Some("2024-05-21"))).unwrap();
    for expected in [
        "label = \"Foo Bar Group\"\naliases = [\"FBG\"]",
        "voice = \"foo-bar-group\"\nattribution = \"The Foo Bar Group (FBG) said on Friday that\"\ndate = \"2024-05-17\"",
        "subject = \"foo-bar-group\"\nvalue = 5000000\nunit = \"USD\"",
    ] {
        assert!(sheet.contains(expected), "{expected:?} not in:\n{sheet}");
    }
}

#[test]
fn a_sentence_that_gives_a_name() {
    let text = Source::new(
        "a.txt",
        "Title\nThe Land of Japan (LJ) is Japan\u{2019}s official name.\n",
    );
    let sheet = draft(&input(&text, None)).unwrap();
    let expected =
        "subject = \"japan\"\npredicate = \"schema:alternateName\"\nvalue = \"Land of Japan\"";
    assert!(sheet.contains(expected), "{sheet}");
}

#[test]
fn a_claim_the_next_sentence_continues_is_one_statement() {
    let text = Source::new(
        "a.txt",
        "Talks\n\u{201c}Trade matters to every neighbour,\u{201d} said Japan. \u{201c}Cooperation must go on,\u{201d} the minister continued in a letter on May 15.\n",
    );
    let sheet = draft(&input(&text, Some("2024-05-21"))).unwrap();
    let claims: Vec<&str> = sheet.split("[[claim]]").skip(1).collect();
    assert_eq!(claims.len(), 2, "{sheet}");
    // The first takes the date of the words that go on with it, inferred.
    assert!(claims[0].contains("date = \"2024-05-15\""), "{sheet}");
    assert!(
        claims[0].contains("date_inferred = \"The next sentence goes on with the same statement: \\\"the minister continued in a letter on May 15\\\"."),
        "{sheet}"
    );
    // The second, whose words name no entity ("the minister"), takes the first's voice.
    assert!(claims[1].contains("voice = \"japan\""), "{sheet}");
    // Without a verb that goes on, neither changes.
    let text = Source::new(
        "a.txt",
        "Talks\n\u{201c}Trade matters to every neighbour,\u{201d} said Japan. \u{201c}Cooperation must go on,\u{201d} the minister wrote in a letter on May 15.\n",
    );
    let sheet = draft(&input(&text, Some("2024-05-21"))).unwrap();
    let claims: Vec<&str> = sheet.split("[[claim]]").skip(1).collect();
    assert!(!claims[0].contains("date ="), "{sheet}");
    assert!(!claims[1].contains("voice = \"japan\""), "{sheet}");
}
