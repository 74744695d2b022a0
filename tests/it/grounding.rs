//! Grounding: quotes and names located in the article, in code points.

use crate::{article, csv_rows, nea, toml_string, Fixture};

/// The start and end of the evidence of one fact of the embedded sheet.
fn offsets(fact: &str) -> (usize, usize) {
    let q = format!(
        "PREFIX oa: <http://www.w3.org/ns/oa#>
         PREFIX prov: <http://www.w3.org/ns/prov#>
         SELECT ?start ?end WHERE {{
           ?f prov:wasDerivedFrom/oa:hasSelector ?p .
           ?p oa:start ?start ; oa:end ?end .
           FILTER(STRENDS(STR(?f), \"/fact/{fact}\"))
         }}"
    );
    let rows = csv_rows(
        &nea(&["query", &q, "--format", "csv"]).ok(),
        &["start", "end"],
    );
    assert_eq!(rows.len(), 1, "one position for {fact}");
    (rows[0][0].parse().unwrap(), rows[0][1].parse().unwrap())
}

#[test]
fn offsets_are_code_points_past_the_em_dashes() {
    let text = article();
    let quote = "in 2022, the Regional Comprehensive Economic Partnership took effect";
    let byte = text.find(quote).unwrap();
    let code_point = text[..byte].chars().count();
    // Four em-dashes (three bytes each) come before it: bytes and code points differ.
    assert_eq!(text[..byte].matches('—').count(), 4);
    assert_eq!(byte - code_point, 8);
    assert_eq!(
        offsets("rcep-in-force"),
        (code_point, code_point + quote.chars().count())
    );
    assert_eq!(offsets("rcep-in-force"), (2994, 3062));
}

#[test]
fn a_quote_not_in_the_article_is_refused_with_the_closest_passage() {
    let fx = Fixture::new();
    fx.edit(
        "facts.toml",
        "quote = \"Japan and the ROK normalized their relations in 1965\"",
        "quote = \"Japan and the ROK normalised their relations in 1965\"",
    );
    let line = fx
        .read("facts.toml")
        .lines()
        .position(|l| l.contains("normalised"))
        .unwrap()
        + 1;
    let err = fx.run(&["export"]).input_error();
    assert_eq!(
        err,
        format!(
            "error: {}:{line}: fact \"japan-rok-normalization\": the quote \"Japan and the ROK normalised their relations in 1965\" is not in {}\n  the closest passage of the article is: \"Japan and the ROK normalized their relations in 1965\"\n  copy the words exactly as the article writes them\n",
            fx.path("facts.toml"),
            fx.path("article.txt")
        )
    );
}

/// A quote that occurs more than once is refused: the message names the sheet's line,
/// the fact and the article, shows each occurrence in its context and says how to pick
/// one.
#[test]
fn an_ambiguous_quote_lists_its_occurrences() {
    let fx = Fixture::new();
    fx.edit(
        "facts.toml",
        "quote = \"from its Diplomatic Bluebook\"",
        "quote = \"Northeast Asia should\"",
    );
    let line = fx
        .read("facts.toml")
        .lines()
        .position(|l| l.contains("quote = \"Northeast Asia should\""))
        .unwrap()
        + 1;
    let err = fx.run(&["export"]).input_error();
    assert!(
        err.starts_with(&format!(
            "error: {}:{line}: fact \"bluebook-publisher\": the quote \"Northeast Asia should\" occurs 3 times in {}:\n    1. …",
            fx.path("facts.toml"),
            fx.path("article.txt")
        )),
        "{err}"
    );
    let fx = Fixture::new();
    fx.edit(
        "facts.toml",
        "quote = \"the colossal EU headquarters in Brussels\"",
        "quote = \"NATO\"",
    );
    let err = fx.run(&["export"]).input_error();
    assert!(
        err.contains("fact \"eu-headquarters\": the quote \"NATO\" occurs 4 times in"),
        "{err}"
    );
    assert!(
        err.contains(
            "\n    1. … Asian regionalism lie in using [NATO] and the European Union as bench…\n"
        ),
        "{err}"
    );
    assert!(
        err.contains(
            "\n    4. …eating an East Asian version of [NATO]. Northeast Asian cooperation ha…\n"
        ),
        "{err}"
    );
    assert!(err.contains("say which with `occurrence = N`"), "{err}");
}

#[test]
fn occurrence_picks_one_of_several() {
    let fx = Fixture::new();
    fx.edit(
        "facts.toml",
        "quote = \"the colossal EU headquarters in Brussels\"",
        "quote = \"NATO\"\noccurrence = 4",
    );
    let q = "PREFIX oa: <http://www.w3.org/ns/oa#> PREFIX prov: <http://www.w3.org/ns/prov#>
             SELECT ?start WHERE { ?f prov:wasDerivedFrom/oa:hasSelector/oa:start ?start .
             FILTER(STRENDS(STR(?f), \"/fact/eu-headquarters\")) }";
    let rows = csv_rows(&fx.run(&["query", q, "--format", "csv"]).ok(), &["start"]);
    let text = article();
    let fourth = text.match_indices("NATO").nth(3).unwrap().0;
    assert_eq!(rows[0][0], text[..fourth].chars().count().to_string());
    fx.edit("facts.toml", "occurrence = 4", "occurrence = 5");
    let err = fx.run(&["export"]).input_error();
    assert!(
        err.contains("`occurrence` must be between 1 and 4"),
        "{err}"
    );
}

#[test]
fn a_name_inside_a_longer_name_is_nested_unless_the_registry_says_not() {
    let fx = Fixture::new();
    fx.write(
        "article.txt",
        "Title\nChina Daily reports that China and Japan met. China Watch, Chinatown and China's ports.\n",
    );
    fx.write(
        "entities.toml",
        r#"
[[entity]]
id = "china"
class = "Country"
label = "China"

[[entity]]
id = "china-daily"
class = "NewsMedia"
label = "China Daily"
inner_mentions = false

[[entity]]
id = "china-watch"
class = "ThinkTank"
label = "China Watch"
"#,
    );
    fx.write(
        "facts.toml",
        r#"
[article]
id = "t"
headline = "Title"
language = "en"

[[fact]]
id = "report"
subject = "china-daily"
predicate = "schema:about"
object = "china"
quote = "China Daily reports"
"#,
    );
    let q = "PREFIX nea: <https://w3id.org/nea-kg/ontology#>
             PREFIX oa: <http://www.w3.org/ns/oa#> PREFIX prov: <http://www.w3.org/ns/prov#>
             SELECT ?entity ?start WHERE { ?m a nea:Mention ; nea:mentionOf ?entity ;
               prov:wasDerivedFrom/oa:hasSelector/oa:start ?start } ORDER BY ?start ?entity";
    let rows = csv_rows(
        &fx.run(&["query", q, "--format", "csv"]).ok(),
        &["entity", "start"],
    );
    let got: Vec<(String, String)> = rows
        .into_iter()
        .map(|r| (r[0].rsplit('/').next().unwrap().to_owned(), r[1].clone()))
        .collect();
    // The registry says "China Daily" (at 6) merely contains "China": no mention of China
    // inside it. It says nothing of "China Watch" (at 52), so the "China" inside it is a
    // nested mention. "Chinatown" is not a word match; "China's" is.
    let expect = [
        ("china-daily", "6"),
        ("china", "31"),
        ("china", "52"),
        ("china-watch", "52"),
        ("china", "79"),
    ];
    assert_eq!(got, expect.map(|(e, s)| (e.to_owned(), s.to_owned())),);
}

/// A quote of `length` characters that is not in the article: its words, run together
/// on one line and repeated, so every window of the article shares n-grams with it.
fn long_quote(length: usize) -> String {
    let words = article().split_whitespace().collect::<Vec<_>>().join(" ");
    words.chars().cycle().take(length).collect()
}

/// Finding the closest passage of a quote that is not in the article is bounded: it
/// used to measure the quote against a window at every word (quadratic), and a
/// 20,000-character quote did not finish in a minute.
#[test]
fn a_long_quote_not_in_the_article_is_refused_promptly() {
    for length in [20_000, 200_000] {
        let fx = Fixture::new();
        let quote = long_quote(length);
        fx.edit(
            "facts.toml",
            "quote = \"Japan and the ROK normalized their relations in 1965\"",
            &format!("quote = {}", toml_string(&quote)),
        );
        let line = fx
            .read("facts.toml")
            .lines()
            .position(|l| l.starts_with("quote = \"Confidence builder"))
            .unwrap()
            + 1;
        let started = std::time::Instant::now();
        let err = fx.run_within(20, &["export"]).input_error();
        eprintln!(
            "{length}-character quote: refused in {:?}",
            started.elapsed()
        );
        // The message quotes the start of the quote and of the passage, and their lengths.
        let quote_start: String = quote.chars().take(160).collect();
        let passage = article().split_whitespace().collect::<Vec<_>>().join(" ");
        let passage_start: String = passage.chars().take(160).collect();
        assert_eq!(
            err,
            format!(
                "error: {}:{line}: fact \"japan-rok-normalization\": the quote \"{quote_start}…\" ({} characters) is not in {}\n  the closest passage of the article is: \"{passage_start}…\" ({} characters)\n  copy the words exactly as the article writes them\n",
                fx.path("facts.toml"),
                nea_kg_core::error::thousands(length),
                fx.path("article.txt"),
                nea_kg_core::error::thousands(passage.chars().count())
            )
        );
    }
}

/// A quote that differs from the article only at a line break is told so, with the
/// article's passage and its line break shown.
#[test]
fn a_quote_across_a_line_break_says_so() {
    let cases = [
        (
            "Confidence builder Northeast Asia should",
            "crosses a line break of {a}, where the quote has a space\n  the article's passage is: \"Confidence builder⏎Northeast Asia should\" (⏎ marks a line break)\n  write the line break as \\n in the quote, or quote the words on one side of it",
        ),
        (
            "Japan and the ROK\nnormalized their relations in 1965",
            "has a line break where {a} has a space\n  the article's passage is: \"Japan and the ROK normalized their relations in 1965\"\n  write a space there, as the article does",
        ),
        (
            "Japan and the ROK  normalized their relations in 1965",
            "is in {a} only with other white space\n  the article's passage is: \"Japan and the ROK normalized their relations in 1965\"\n  copy the spaces and line breaks exactly as the article writes them",
        ),
    ];
    for (quote, message) in cases {
        let fx = Fixture::new();
        fx.edit(
            "facts.toml",
            "quote = \"Japan and the ROK normalized their relations in 1965\"",
            &format!("quote = {}", toml_string(quote)),
        );
        let line = fx
            .read("facts.toml")
            .lines()
            .position(|l| l == format!("quote = {}", toml_string(quote)))
            .unwrap()
            + 1;
        let err = fx.run(&["export"]).input_error();
        assert_eq!(
            err,
            format!(
                "error: {}:{line}: fact \"japan-rok-normalization\": the quote {quote:?} {}\n",
                fx.path("facts.toml"),
                message.replace("{a}", &fx.path("article.txt"))
            )
        );
    }
}
