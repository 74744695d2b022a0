//! What a sheet may not say: the rules that keep the graph from saying more than the
//! article (a date, a figure or an ordinal the quote does not give, a voice or a stance
//! it does not show), and the shapes of the constructs of any article (voices, time,
//! quantities, metadata, registries in layers). Each pins the first line of the
//! message and the line of advice, with exit status 2.

use crate::{nea, Fixture};

/// Validates the fixture after replacing `from` with `to` in `file`; returns the
/// message, without the folder of the fixture.
#[track_caller]
fn refused(file: &str, from: &str, to: &str) -> String {
    let fx = Fixture::new();
    fx.edit(file, from, to);
    let err = fx.run(&["validate"]).input_error();
    let folder = format!("{}/", fx.dir.path().display());
    err.replace(&folder, "")
}

#[test]
fn a_misspelled_predicate_is_refused_with_the_closest() {
    assert_eq!(
        refused("facts.toml", "predicate = \"schema:jobTitle\"", "predicate = \"schema:jobTitel\""),
        "error: facts.toml:39: fact \"author-job-title\": \"schema:jobTitel\" is not a property of the ontology (did you mean \"schema:jobTitle\"?)\n  use a property declared in ontology/nea.ttl (its own, or a term of schema.org, PROV, SKOS or Dublin Core it declares), or declare it there first\n"
    );
}

/// `date = "2025"` on "the upcoming 10th China-Japan-ROK Trilateral Summit Meeting",
/// which gives no date; a figure of 61 on "six key areas"; an ordinal of 16 on "The
/// 11th …".
#[test]
fn what_the_quote_does_not_give_cannot_be_stated() {
    assert_eq!(
        refused("facts.toml", "quote = \"the upcoming 10th", "date = \"2025\"\nquote = \"the upcoming 10th"),
        "error: facts.toml:182: fact \"summit-10\": `date` \"2025\" is not in the quote or its sentence\n  say how it is known (`date_inferred = \"…\"` with the reasoning, or `date_background = \"…\"` with the source), quote the words that give it, or fix it\n"
    );
    assert_eq!(
        refused("facts.toml", "value = 6\n", "value = 61\n"),
        "error: facts.toml:522: statistic \"six-key-areas\": the figure 61 is not in the quote or its sentence, which give 3, 6, 10\n  fix it, quote the words that give it, or say how it is known (known = \"inferred\" or \"background\", with a `basis`)\n"
    );
    assert_eq!(
        refused("facts.toml", "ordinal = 11", "ordinal = 16"),
        "error: facts.toml:163: fact \"fmm-11\": the ordinal 16 is not in the quote or its sentence, which give 11\n  fix it, quote the words that give it, or say how it is known (known = \"inferred\" or \"background\", with a `basis`)\n"
    );
}

const FIRST_CLAIM: &str =
    "voice = \"unnamed\"\nstance = \"rejects\"\nattribution = \"Some argue\"\n";

#[test]
fn a_claim_s_voice_and_stance_are_told_not_assumed() {
    let claim = |to: &str| refused("facts.toml", FIRST_CLAIM, to);
    assert_eq!(
        claim("stance = \"rejects\"\nattribution = \"Some argue\"\n"),
        "error: facts.toml:530: claim \"claim-lack-shared-values\": a claim needs a `voice`\n  write voice = \"author\", \"unnamed\" (for \"some argue\"), the id of who makes it, or several ids for a joint voice\n"
    );
    assert_eq!(
        claim("voice = \"japan\"\nstance = \"rejects\"\n"),
        "error: facts.toml:530: claim \"claim-lack-shared-values\": a claim by a named or joint voice needs its `attribution`\n  quote the article's words that attribute it (\"said Kishida\", \"according to the ministry\")\n"
    );
    assert_eq!(
        claim("voice = \"author\"\nstance = \"rejects\"\n"),
        "error: facts.toml:533: claim \"claim-lack-shared-values\": the author's own claim cannot have the stance `rejects`\n  a claim the author makes is endorsed: leave `stance` out or write \"endorses\"; a view the author only reports belongs to its own voice\n"
    );
    assert_eq!(
        claim("voice = [\"japan\"]\nstance = \"rejects\"\nattribution = \"Some argue\"\n"),
        "error: facts.toml:532: claim \"claim-lack-shared-values\": a joint voice needs at least two ids\n  give one id as a string for a single voice\n"
    );
    assert_eq!(
        claim("voice = \"unnamed\"\nclaimant = \"others\"\nstance = \"rejects\"\nattribution = \"Some argue\"\n"),
        "error: facts.toml:533: claim \"claim-lack-shared-values\": `voice` and `claimant` say the same thing\n  keep `voice` (`claimant` is its old name)\n"
    );
}

#[test]
fn the_article_s_metadata_is_checked() {
    assert_eq!(
        refused("facts.toml", "genre = \"opinion\"", "genre = \"editorial\""),
        "error: facts.toml:8: unknown genre \"editorial\"\n  use one of news, opinion, statement, joint-declaration, encyclopedia or interview\n"
    );
    assert_eq!(
        refused("facts.toml", "published_basis = ", "# published_basis = "),
        "error: facts.toml:10: `published_after` and `published_before` need a `published_basis`\n  say what in the text bounds the date of publication\n"
    );
    assert_eq!(
        refused("facts.toml", "genre = \"opinion\"", "genre = \"opinion\"\nurl = \"chinawatch.cn/article\""),
        "error: facts.toml:9: \"chinawatch.cn/article\" is not an absolute URL\n  give the address where the article is published, with its scheme (https://…)\n"
    );
}

/// The summit of May 2024 given a day and an interval, an interval that ends before it
/// starts, a date known two ways, and a reasoning without a date.
#[test]
fn time_is_a_date_an_interval_or_bounds_known_one_way() {
    let summit = |to: &str| refused("facts.toml", "date = \"2024-05\"\n", to);
    assert_eq!(
        summit("date = \"2024-05\"\nstart = \"2024-05\"\n"),
        "error: facts.toml:145: fact \"summit-2024\": give `date`, or `start` and `end`, not both\n  `date` is one day, month or year; `start` and `end` make an interval\n"
    );
    assert_eq!(
        summit("start = \"2024-06\"\nend = \"2024-05\"\n"),
        "error: facts.toml:145: fact \"summit-2024\": `start` \"2024-06\" is after `end` \"2024-05\"\n  swap them, or fix the dates\n"
    );
    assert_eq!(
        summit("date = \"2024-05\"\ndate_background = \"The record of the summit.\"\n"),
        "error: facts.toml:145: fact \"summit-2024\": `date_inferred` and `date_background` together\n  say one: inferred from the text (the reasoning), or from background knowledge (the source)\n"
    );
    assert_eq!(
        refused("facts.toml", "quote = \"the upcoming 10th", "date_inferred = \"Soon.\"\nquote = \"the upcoming 10th"),
        "error: facts.toml:174: fact \"summit-10\": `date_inferred` without a `date`\n  add the inferred `date`, or remove `date_inferred`\n"
    );
    assert_eq!(
        refused("facts.toml", "status = \"planned\"", "status = \"postponed\""),
        "error: facts.toml:180: fact \"summit-10\": unknown status \"postponed\"\n  use happened, ongoing, planned (or expected) or cancelled\n"
    );
    assert_eq!(
        refused("facts.toml", "event = \"Summit\"", "event = \"Country\""),
        "error: facts.toml:146: fact \"summit-2024\": \"Country\" is not an event class of the ontology\n  use one of: DiplomaticInitiative, EntryIntoForce, EstablishmentOfRelations, Founding, Launch, Meeting, PolicyChange, Summit\n"
    );
}

#[test]
fn a_quantity_is_a_value_a_bound_a_range_or_a_change() {
    let figure = |to: &str| refused("facts.toml", "value = 6\n", to);
    assert_eq!(
        figure("value = 6\nbound = \"around\"\n"),
        "error: facts.toml:523: statistic \"six-key-areas\": unknown bound \"around\"\n  use at-least, more-than (over), at-most (up-to) or less-than (under)\n"
    );
    assert_eq!(
        figure("value = 6\nchange = \"sideways\"\n"),
        "error: facts.toml:523: statistic \"six-key-areas\": unknown change \"sideways\"\n  use rise or fall\n"
    );
    assert_eq!(
        figure("min = 6\n"),
        "error: facts.toml:519: statistic \"six-key-areas\": a range needs both `min` and `max`; for one side, use `value` with `bound`\n  give `value` (with `bound` for \"over\", \"at least\"…), or `min` and `max`, or `change` with `value` and/or `from` and `to`\n"
    );
}

/// A registry added with --entities may repeat the built-in one only as it is; a local
/// alias may not take a name another entity has; a shared event must be declared.
#[test]
fn registries_in_layers_never_contradict_one_another() {
    let fx = Fixture::new();
    fx.write(
        "more.toml",
        "[[entity]]\nid = \"tokyo\"\nclass = \"City\"\nlabel = \"Tokyo Metropolis\"\n",
    );
    let err = nea(&["validate", "--entities", &fx.path("more.toml")]).input_error();
    assert_eq!(
        err,
        format!(
            "error: {}:2: the entity \"tokyo\" is already declared differently at <embedded>/data/entities.toml:179\n  declare it in one place; a registry that adds to another may repeat a declaration only as it is\n",
            fx.path("more.toml")
        )
    );
    fx.write(
        "events.toml",
        "[[event]]\nid = \"ninth-trilateral-summit\"\nclass = \"Summit\"\nlabel = \"Another summit\"\n",
    );
    let err = nea(&["validate", "--entities", &fx.path("events.toml")]).input_error();
    assert!(
        err.starts_with(&format!(
            "error: {}:2: the event \"ninth-trilateral-summit\" is already declared differently at <embedded>/data/entities.toml:",
            fx.path("events.toml")
        )),
        "{err}"
    );
    // The same declaration again is no conflict: a registry may repeat the one below.
    let run = nea(&[
        "validate",
        "--entities",
        &crate::repo("data/entities.toml").display().to_string(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        refused(
            "facts.toml",
            "[[fact]]\nid = \"article-author\"",
            "[[alias]]\nentity = \"japan\"\nnames = [\"Tokyo\"]\n\n[[fact]]\nid = \"article-author\""
        ),
        "error: facts.toml:31: the name \"Tokyo\" is given to both \"tokyo\" and \"japan\" (declared at entities.toml:179 and facts.toml:31)\n  a name can match one entity only: drop it from one of them, or set `mentions = false`\n"
    );
    assert_eq!(
        refused("facts.toml", "shared = \"ninth-trilateral-summit\"", "shared = \"ninth-summit\""),
        "error: facts.toml:147: fact \"summit-2024\": unknown id \"ninth-summit\" in `shared`\n  declare it in the entity registry or the sheet, or fix the spelling\n"
    );
}
