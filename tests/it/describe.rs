//! `nea-kg describe`: a card for one entity, found by any of its names.

use crate::{nea, Fixture};

#[test]
fn describe_finds_an_entity_by_alias_label_in_every_language_and_iri() {
    let by_alias = nea(&["describe", "ROK"]).ok();
    assert!(by_alias.starts_with("Republic of Korea\n  https://w3id.org/nea-kg/id/rok\n  type: Country\n  Wikidata: http://www.wikidata.org/entity/Q884\n"), "{by_alias}");
    for name in [
        "韩国",
        "韓国",
        "한국",
        "대한민국",
        "https://w3id.org/nea-kg/id/rok",
        "kg:rok",
        "rok",
        "republic of korea",
    ] {
        assert_eq!(nea(&["describe", name]).ok(), by_alias, "describe {name}");
    }
}

#[test]
fn the_card_shows_names_relations_events_and_their_sentences() {
    let card = nea(&["describe", "Japan"]).ok();
    assert!(
        card.contains("\nNames\n  en  Japan\n  ja  日本 · 日本国\n  ko  일본\n  zh  日本\n"),
        "{card}"
    );
    assert!(
        card.contains("  mentioned 6 times in the article, and 6 times inside longer names\n"),
        "{card}"
    );
    assert!(card.contains("\n  1965  Normalization of relations between Japan and the ROK  (participant, subject)\n      “Japan and the ROK normalized their relations in 1965.”  [paragraph 10, sentence 18; characters 2696–2748]\n"), "{card}");
    assert!(
        card.contains("\n  China restored diplomatic relations with Japan\n")
            || card.contains("1972  Restoration of diplomatic ties between China and Japan"),
        "{card}"
    );
}

#[test]
fn describe_as_json() {
    let out = nea(&[
        "describe",
        "Trilateral Cooperation Secretariat",
        "--format",
        "json",
    ])
    .ok();
    let card: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(card["label"], "Trilateral Cooperation Secretariat");
    assert_eq!(card["names"]["zh"], serde_json::json!(["中日韩合作秘书处"]));
    assert_eq!(
        card["names"]["ja"],
        serde_json::json!(["日中韓三国協力事務局"])
    );
    assert_eq!(
        card["names"]["ko"],
        serde_json::json!(["한중일3국협력사무국"])
    );
    assert_eq!(card["mentions"], 1);
    let relation = &card["relations"][0];
    assert_eq!(relation["text"], "Trilateral Cooperation Secretariat is a component of China-Japan-ROK trilateral cooperation");
    assert_eq!(
        relation["evidence"][0]["exact"],
        "the Trilateral Cooperation Secretariat pales in comparison"
    );
    assert_eq!(
        relation["evidence"][0]["sentence_text"],
        "Northeast Asia lacks a collective defense mechanism such as NATO, and the Trilateral Cooperation Secretariat pales in comparison to the colossal EU headquarters in Brussels."
    );
}

#[test]
fn an_unknown_name_gives_the_nearest_names() {
    let err = nea(&["describe", "Tokio"]).input_error();
    assert_eq!(err, "error: no entity is named \"Tokio\"\n  the nearest names are \"Tokyo\", \"ROK\", \"NATO\", \"ASEAN\", \"China\"\n");
}

#[test]
fn an_ambiguous_name_lists_the_candidates() {
    let fx = Fixture::new();
    fx.edit(
        "entities.toml",
        "label = \"Brussels\"\n",
        "label = \"Brussels\"\nzh = [\"中国\"]\n",
    );
    let err = fx.run(&["describe", "中国"]).input_error();
    assert_eq!(err, "error: \"中国\" names 2 entities:\n    Brussels  (kg:brussels)\n    China  (kg:china)\n  give one of their ids or IRIs\n");
}

#[test]
fn the_card_says_what_is_background_knowledge() {
    let card = nea(&["describe", "Trilateral Cooperation Secretariat"]).ok();
    assert!(card.contains("\n  Trilateral Cooperation Secretariat is a component of China-Japan-ROK trilateral cooperation  [background]\n"), "{card}");
    let card = nea(&["describe", "ASEAN+3"]).ok();
    assert!(
        card.contains("ASEAN Plus Three has at its core Association of Southeast Asian Nations\n"),
        "{card}"
    );
}

/// A date the article does not state (the year of "March 22") is shown as inferred, on
/// the card and in its JSON; a stated one carries no note.
#[test]
fn the_card_says_which_dates_are_inferred() {
    let card = nea(&["describe", "Tokyo"]).ok();
    assert!(card.contains("\nEvents\n  2025-03-22  11th China-Japan-ROK Trilateral Foreign Ministers' Meeting  (place)  [date inferred]\n      “The 11th China-Japan-Republic of Korea Trilateral Foreign Ministers' Meeting held in Tokyo on March 22 was"), "{card}");
    let out = nea(&["describe", "ROK", "--format", "json"]).ok();
    let card: serde_json::Value = serde_json::from_str(&out).unwrap();
    let dates: Vec<(&str, Option<&str>)> = card["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| Some((e["date"].as_str()?, e["date_known"].as_str())))
        .collect();
    assert_eq!(
        dates,
        [
            ("1965", None),
            ("1992", None),
            ("2014", None),
            ("2024-05", Some("inferred")),
            ("2025-03-22", Some("inferred")),
        ]
    );
}
