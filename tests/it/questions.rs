//! The competency questions of the design brief, each answered by its query in
//! `queries/`, run through the binary, with the rows the article supports.

use crate::{article, repo, rows, select, select_in_article};

/// A competency question runs by its shipped name, as a user types it.
fn cq(name: &str) -> String {
    name.to_owned()
}

#[test]
fn a_shipped_query_runs_from_its_file_too() {
    let file = repo("queries/cq05-asean-established.rq");
    assert_eq!(
        select_in_article(file.to_str().unwrap(), &["year"]),
        rows(&[&["1967"]])
    );
}

#[test]
fn cq01_diplomatic_relations() {
    // "Japan and the ROK normalized their relations in 1965. China and Japan restored
    // diplomatic ties in 1972. China and the ROK established formal relations in 1992."
    assert_eq!(
        select_in_article(&cq("cq01"), &["countryA", "countryB", "year"]),
        rows(&[
            &["Japan", "Republic of Korea", "1965"],
            &["China", "Japan", "1972"],
            &["China", "Republic of Korea", "1992"],
        ])
    );
}

#[test]
fn cq02_agreements_in_force() {
    // "In 2014, a China-Japan-ROK trilateral investment agreement came into force, and in
    // 2022, the Regional Comprehensive Economic Partnership took effect"
    assert_eq!(
        select_in_article(&cq("cq02"), &["agreement", "year"]),
        rows(&[
            &["China-Japan-ROK trilateral investment agreement", "2014"],
            &["Regional Comprehensive Economic Partnership", "2022"],
        ])
    );
}

#[test]
fn cq03_eleventh_foreign_ministers_meeting() {
    // "The 11th ... Trilateral Foreign Ministers' Meeting held in Tokyo on March 22 ...
    // reached consensus on advancing practical cooperation in "six key areas" in a
    // comprehensive and balanced manner"; the year, 2025, is inferred (cq15).
    assert_eq!(
        select_in_article(&cq("cq03"), &["meeting", "place", "date", "outcome"]),
        rows(&[&[
            "11th China-Japan-ROK Trilateral Foreign Ministers' Meeting",
            "Tokyo",
            "2025-03-22",
            "Consensus on advancing practical cooperation in six key areas in a comprehensive and balanced manner",
        ]])
    );
}

#[test]
fn cq04_trilateral_figures() {
    // "The trade volume among China, Japan and the ROK has reached $800 billion, the three
    // nations account for about 25 percent of global GDP"
    assert_eq!(
        select_in_article(&cq("cq04"), &["measure", "value", "unit", "approximate"]),
        rows(&[
            &["Share of global GDP", "25", "percent", "true"],
            &[
                "Trade volume among China, Japan and the ROK",
                "800000000000",
                "USD",
                "false"
            ],
        ])
    );
}

#[test]
fn cq05_asean_established() {
    // "ASEAN has maintained peace among its member states since its establishment in 1967"
    assert_eq!(
        select_in_article(&cq("cq05"), &["year"]),
        rows(&[&["1967"]])
    );
}

#[test]
fn cq06_frameworks_with_asean_at_core() {
    // "with ASEAN at the core, such as the ASEAN Regional Forum, the "ASEAN+3" and the
    // East Asia Summit"
    assert_eq!(
        select_in_article(&cq("cq06"), &["framework"]),
        rows(&[
            &["ASEAN Plus Three"],
            &["ASEAN Regional Forum"],
            &["East Asia Summit"]
        ])
    );
}

#[test]
fn cq07_claims_and_stances() {
    let got = select_in_article(&cq("cq07"), &["claim", "claimant", "stance"]);
    // What unnamed others say, which the author argues against: "Some argue", "Some go so
    // far as to say", "Some believe", "widely predicted", "How can anyone claim", "has long
    // been regarded as"; and one the author only reports and builds on: "Southeast Asia was
    // once viewed as the "Balkans of Asia"", then "Despite all the odds, ASEAN has
    // maintained peace".
    let others: Vec<_> = got.iter().filter(|r| r[1] == "others").cloned().collect();
    assert_eq!(
        others,
        rows(&[
            &["ASEAN would be a failed attempt at regional integration, because its member states differed vastly in political systems, economic development, religion and culture, and had territorial disputes left over from colonial rule.", "others", "rejects"],
            &["After World War II, Southeast Asia was the \"Balkans of Asia\".", "others", "reports"],
            &["Building regionalism in Northeast Asia is unrealistic, if not naive, because the region is plagued by formidable security challenges, territorial disputes and historical issues.", "others", "rejects"],
            &["China, Japan and the ROK lack shared values.", "others", "rejects"],
            &["Europe, particularly Western Europe, is the model of regional cooperation, its dual engines of security (NATO) and economic integration (the EU) being the reference by which other regional collaboration is measured.", "others", "rejects"],
            &["Northeast Asia has made no progress in regional integration.", "others", "rejects"],
            &["Northeast Asia is inherently an anti-region, a region without the DNA for collaboration.", "others", "rejects"],
            &["The cooperation of China, Japan and the ROK is at best a marriage of convenience formed in response to the uncertainties created by Donald Trump's second term as US president.", "others", "rejects"],
        ])
    );
    // The author's own claims, all endorsed.
    let author: Vec<_> = got.iter().filter(|r| r[1] == "author").collect();
    assert_eq!(author.len(), 33);
    assert!(author.iter().all(|r| r[2] == "endorses"));
    for claim in [
        "Northeast Asia should not create an East Asian version of NATO.",
        "The key to overcoming pessimism about Northeast Asian cooperation is to build confidence.",
        "ASEAN has proved to be the most successful regional bloc in the developing world.",
        "Northeast Asia should draw on ASEAN's successful experience in forging shared regional values amid diversity.",
    ] {
        assert!(author.iter().any(|r| r[0] == claim), "missing author claim {claim:?}");
    }
    assert_eq!(
        got.len(),
        others.len() + author.len(),
        "claimant is author or others"
    );
}

#[test]
fn cq08_statement_evidence() {
    let got = select_in_article(&cq("cq08"), &["statement", "exact", "start", "end"]);
    let text: Vec<char> = article().chars().collect();
    assert!(
        got.len() >= 40,
        "every relation of the sheet is a statement: {}",
        got.len()
    );
    for row in &got {
        let (start, end): (usize, usize) = (row[2].parse().unwrap(), row[3].parse().unwrap());
        let slice: String = text[start..end].iter().collect();
        assert_eq!(
            slice, row[1],
            "the offsets of {} select its exact words",
            row[0]
        );
    }
    let normalization = got
        .iter()
        .find(|r| r[0].ends_with("/fact/japan-rok-normalization"))
        .expect("the 1965 normalization is a statement");
    assert_eq!(
        normalization[1..],
        [
            "Japan and the ROK normalized their relations in 1965",
            "2696",
            "2748"
        ]
    );
}

#[test]
fn cq09_europe_model() {
    // "with its dual engines of security (NATO) and economic integration (the EU)"
    assert_eq!(
        select_in_article(&cq("cq09"), &["organization", "role"]),
        rows(&[
            &["European Union", "economic integration"],
            &["North Atlantic Treaty Organization", "security"],
        ])
    );
}

#[test]
fn cq10_author_and_publication() {
    // "The author is a professor at the School of International Studies at Nanjing
    // University. The author contributed this article to China Watch, a think tank
    // powered by China Daily." The article does not name its author.
    assert_eq!(
        select_in_article(
            &cq("cq10"),
            &[
                "author",
                "position",
                "affiliation",
                "publication",
                "publisher"
            ]
        ),
        rows(&[&[
            "Author of \"Confidence builder\"",
            "professor",
            "School of International Studies, Nanjing University",
            "China Watch",
            "China Daily",
        ]])
    );
}

#[test]
fn cq11_mention_counts() {
    let got = select_in_article(&cq("cq11"), &["entity", "mentions", "nested"]);
    let count = |entity: &str| {
        got.iter()
            .find(|r| r[0] == entity)
            .map(|r| r[1].parse::<usize>().unwrap())
            .unwrap_or(0)
    };
    let nested = |entity: &str| {
        got.iter()
            .find(|r| r[0] == entity)
            .map(|r| r[2].parse::<usize>().unwrap())
            .unwrap_or(0)
    };
    // Counted in the article by hand, the longest name winning: "Northeast Asia" 11
    // times (never inside "Northeast Asian"); ASEAN 7 times alone plus "Association of
    // Southeast Asian Nations" once ("ASEAN Regional Forum", "ASEAN+3" and "ASEAN Way"
    // are entities of their own); China alone 3 times (the other "China"s are inside
    // "China-Japan-ROK cooperation", "China Watch", "China Daily" and the names of
    // meetings and agreements); NATO 4; EU 2 + "European Union" 1; the US once as "US
    // president" and once as "Washington"; Europe twice ("Western Europe" is its own).
    for (entity, n) in [
        ("Northeast Asia", 11),
        ("Association of Southeast Asian Nations", 8),
        ("China", 3),
        ("Japan", 6),
        ("Republic of Korea", 5),
        ("North Atlantic Treaty Organization", 4),
        ("European Union", 3),
        ("United States", 2),
        ("Europe", 2),
        ("World War II", 2),
        ("China Daily", 1),
        ("China Watch", 1),
        ("Trilateral Cooperation Secretariat", 1),
        ("Regional Comprehensive Economic Partnership", 1),
    ] {
        assert_eq!(count(entity), n, "mentions of {entity}");
    }
    // Names inside longer names that still refer to the entity: "China" in
    // "China-Japan-Republic of Korea Trilateral Foreign Ministers' Meeting",
    // "China-Japan-ROK Trilateral Summit Meeting", "China-Japan-ROK cooperation" (twice)
    // and "China-Japan-ROK trilateral investment agreement"; none in "China Watch" and
    // "China Daily", whose names do not refer to China. So China is named 3 + 5 = 8 times.
    // Japan: those five, and "US-Japan-ROK". ASEAN: "ASEAN Regional Forum", "ASEAN+3",
    // "ASEAN Way". Europe: "Western Europe".
    for (entity, n) in [
        ("China", 5),
        ("Japan", 6),
        ("Republic of Korea", 6),
        ("Association of Southeast Asian Nations", 3),
        ("United States", 1),
        ("Europe", 1),
        ("China Daily", 0),
        ("Northeast Asia", 0),
    ] {
        assert_eq!(nested(entity), n, "nested mentions of {entity}");
    }
    assert_eq!(got[0][0], "Japan", "most mentioned first, nested included");
}

#[test]
fn cq12_timeline() {
    assert_eq!(
        select_in_article(&cq("cq12"), &["date", "event"]),
        rows(&[
            &[
                "1965",
                "Normalization of relations between Japan and the ROK"
            ],
            &["1967", "Establishment of ASEAN"],
            &[
                "1972",
                "Restoration of diplomatic ties between China and Japan"
            ],
            &[
                "1992",
                "Establishment of formal relations between China and the ROK"
            ],
            &[
                "2008",
                "Launch of the China-Japan-ROK trilateral summit mechanism"
            ],
            &[
                "2014",
                "Entry into force of the China-Japan-ROK trilateral investment agreement"
            ],
            &[
                "2022",
                "Entry into force of the Regional Comprehensive Economic Partnership"
            ],
            &["2024-05", "Trilateral summit of May 2024"],
            &[
                "2025-03-22",
                "11th China-Japan-ROK Trilateral Foreign Ministers' Meeting"
            ],
        ])
    );
}

#[test]
fn cq13_trilateral_institutions() {
    assert_eq!(
        select_in_article(&cq("cq13"), &["institution"]),
        rows(&[
            &["China-Japan-ROK Trilateral Foreign Ministers' Meeting"],
            &["China-Japan-ROK trilateral summit mechanism"],
            &["Trilateral Cooperation Secretariat"],
        ])
    );
}

#[test]
fn cq14_east_asian_names() {
    let got = select(&cq("cq14"), &["entity", "lang", "label"]);
    let names = |entity: &str| -> Vec<[String; 2]> {
        got.iter()
            .filter(|r| r[0] == entity)
            .map(|r| [r[1].clone(), r[2].clone()])
            .collect()
    };
    let expect = |pairs: &[(&str, &str)]| -> Vec<[String; 2]> {
        pairs
            .iter()
            .map(|(l, n)| [(*l).to_owned(), (*n).to_owned()])
            .collect()
    };
    assert_eq!(
        names("China"),
        expect(&[
            ("ja", "中国"),
            ("ja", "中華人民共和国"),
            ("ko", "중국"),
            ("ko", "중화인민공화국"),
            ("zh", "中华人民共和国"),
            ("zh", "中国")
        ])
    );
    assert_eq!(
        names("Japan"),
        expect(&[
            ("ja", "日本"),
            ("ja", "日本国"),
            ("ko", "일본"),
            ("zh", "日本")
        ])
    );
    assert_eq!(
        names("Republic of Korea"),
        expect(&[
            ("ja", "大韓民国"),
            ("ja", "韓国"),
            ("ko", "대한민국"),
            ("ko", "한국"),
            ("zh", "大韩民国"),
            ("zh", "韩国")
        ])
    );
    assert_eq!(
        names("Association of Southeast Asian Nations"),
        expect(&[
            ("ja", "東南アジア諸国連合"),
            ("ko", "동남아시아국가연합"),
            ("ko", "아세안"),
            ("zh", "东南亚国家联盟"),
            ("zh", "东盟")
        ])
    );
    assert_eq!(
        names("Regional Comprehensive Economic Partnership"),
        expect(&[
            ("ja", "地域的な包括的経済連携協定"),
            ("ko", "역내포괄적경제동반자협정"),
            ("zh", "区域全面经济伙伴关系协定")
        ])
    );
    assert_eq!(
        names("Trilateral Cooperation Secretariat"),
        expect(&[
            ("ja", "日中韓三国協力事務局"),
            ("ko", "한중일3국협력사무국"),
            ("zh", "中日韩合作秘书处")
        ])
    );
}

#[test]
fn cq15_inferred_facts() {
    let got = select_in_article(&cq("cq15"), &["fact", "basis"]);
    let facts: Vec<&str> = got.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(
        facts,
        [
            "11th China-Japan-ROK Trilateral Foreign Ministers' Meeting",
            "China Daily publishes \"Confidence builder\"",
            "China-Japan-ROK Trilateral Foreign Ministers' Meeting is a component of China-Japan-ROK trilateral cooperation",
            "China-Japan-ROK trilateral summit mechanism is a component of China-Japan-ROK trilateral cooperation",
            "Editor of China Watch works for China Watch",
            "Trilateral summit of May 2024",
        ]
    );
    // The years of "March 22" and of "May last year" are inferred, and say why, each from
    // what the text gives (Trump's second term, "last year", the hiatus), not from the
    // other.
    assert!(got[0][1].contains("\"March 22\" without a year"));
    assert!(got[0][1].contains("second term"));
    assert!(got[5][1].contains("\"May last year\""));
    assert!(got[5][1].contains("second term") && !got[5][1].contains("March 22"));
}
