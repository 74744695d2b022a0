//! Bad input: each gives a message naming the file, the line and what to do, exit
//! status 2, no panic and nothing on stdout.

use crate::{nea, toml_string, Fixture};

/// The 1-based line of the first line of `file` containing `needle`.
fn line_of(fx: &Fixture, file: &str, needle: &str) -> usize {
    fx.read(file)
        .lines()
        .position(|l| l.contains(needle))
        .expect(needle)
        + 1
}

#[test]
fn toml_syntax_error_names_line_and_column() {
    let fx = Fixture::new();
    fx.edit("facts.toml", "id = \"eu-pillar\"", "id = \"eu-pillar");
    let line = line_of(&fx, "facts.toml", "id = \"eu-pillar");
    let err = fx.run(&["export"]).input_error();
    assert_eq!(
        err,
        format!(
            "error: {}:{line}:16: invalid basic string, expected `\"`\n  fix the TOML at that line; the format is described in docs/fact-sheet.md\n",
            fx.path("facts.toml")
        )
    );
}

#[test]
fn unknown_key() {
    let fx = Fixture::new();
    fx.edit(
        "facts.toml",
        "quote = \"has reached $800 billion\"",
        "quotes = \"has reached $800 billion\"",
    );
    let line = line_of(&fx, "facts.toml", "quotes = ");
    let err = fx.run(&["export"]).input_error();
    assert!(
        err.starts_with(&format!(
            "error: {}:{line}:1: unknown field `quotes`, expected one of `id`, `label`, `subject`",
            fx.path("facts.toml")
        )),
        "{err}"
    );
}

#[test]
fn missing_required_field() {
    let fx = Fixture::new();
    fx.edit("entities.toml", "label = \"Tokyo\"\n", "");
    let err = fx.run(&["export"]).input_error();
    assert!(
        err.contains("entities.toml:") && err.contains(": missing field `label`"),
        "{err}"
    );
}

#[test]
fn wrong_type() {
    let fx = Fixture::new();
    fx.edit("facts.toml", "ordinal = 11", "ordinal = \"eleventh\"");
    let line = line_of(&fx, "facts.toml", "ordinal = \"eleventh\"");
    let err = fx.run(&["export"]).input_error();
    assert!(
        err.starts_with(&format!(
            "error: {}:{line}:11: invalid type: string \"eleventh\", expected i64",
            fx.path("facts.toml")
        )),
        "{err}"
    );
}

#[test]
fn unknown_entity_id_suggests_the_closest() {
    let fx = Fixture::new();
    fx.edit(
        "facts.toml",
        "predicate = \"nea:normalizedRelationsWith\"\nobject = \"rok\"",
        "predicate = \"nea:normalizedRelationsWith\"\nobject = \"japn\"",
    );
    let line = line_of(&fx, "facts.toml", "object = \"japn\"");
    let err = fx.run(&["export"]).input_error();
    assert_eq!(
        err,
        format!(
            "error: {}:{line}: fact \"japan-rok-normalization\": unknown id \"japn\" in `object` (did you mean \"japan\"?)\n  declare it in the entity registry or the sheet, or fix the spelling\n",
            fx.path("facts.toml")
        )
    );
}

#[test]
fn duplicate_id() {
    let fx = Fixture::new();
    fx.edit("facts.toml", "id = \"eu-pillar\"", "id = \"nato-pillar\"");
    let first = line_of(&fx, "facts.toml", "id = \"nato-pillar\"");
    let text = fx.read("facts.toml");
    let second = text
        .lines()
        .enumerate()
        .filter(|(_, l)| l.contains("id = \"nato-pillar\""))
        .nth(1)
        .unwrap()
        .0
        + 1;
    let err = fx.run(&["export"]).input_error();
    let f = fx.path("facts.toml");
    assert_eq!(
        err,
        format!("error: {f}:{second}: duplicate id \"nato-pillar\": it is already declared at {f}:{first}\n  give each entity, fact, statistic and claim an id of its own\n")
    );
}

#[test]
fn a_quote_without_a_letter_or_digit() {
    for quote in [" ", ".", "—"] {
        let fx = Fixture::new();
        fx.edit(
            "facts.toml",
            "quote = \"from its Diplomatic Bluebook\"",
            &format!("quote = {}", toml_string(quote)),
        );
        let line = line_of(
            &fx,
            "facts.toml",
            &format!("quote = {}", toml_string(quote)),
        );
        let err = fx.run(&["export"]).input_error();
        assert_eq!(
            err,
            format!(
                "error: {}:{line}: fact \"bluebook-publisher\": the quote {quote:?} has no letter or digit\n  quote the article's words that support it, not punctuation or spaces alone\n",
                fx.path("facts.toml")
            )
        );
    }
}

#[test]
fn invalid_date() {
    let fx = Fixture::new();
    fx.edit("facts.toml", "date = \"1972\"", "date = \"1972-13\"");
    let line = line_of(&fx, "facts.toml", "1972-13");
    let err = fx.run(&["export"]).input_error();
    assert_eq!(
        err,
        format!(
            "error: {}:{line}: fact \"china-japan-restoration\": invalid date \"1972-13\"\n  write a year (1965), a year and month (2024-05) or a day (2025-03-22)\n",
            fx.path("facts.toml")
        )
    );
}

#[test]
fn unknown_class_lists_the_classes() {
    let fx = Fixture::new();
    fx.edit("entities.toml", "class = \"City\"", "class = \"Town\"");
    let err = fx.run(&["export"]).input_error();
    assert!(err.contains(": entity \"tokyo\": unknown class \"Town\"\n  use one of the ontology's entity classes: AcademicDepartment, Agreement, City,"), "{err}");
}

#[test]
fn unknown_predicate() {
    let fx = Fixture::new();
    fx.edit("facts.toml", "nea:headquarteredIn", "nea:hasHeadquartersIn");
    let err = fx.run(&["export"]).input_error();
    assert!(err.contains(": fact \"eu-headquarters\": \"nea:hasHeadquartersIn\" is not a property of the ontology"), "{err}");
}

#[test]
fn empty_article() {
    let fx = Fixture::new();
    fx.write("article.txt", "\n\n");
    let err = fx.run(&["export"]).input_error();
    assert_eq!(
        err,
        format!(
            "error: {}: the article is empty\n  give the article's text, UTF-8, as a .txt file\n",
            fx.path("article.txt")
        )
    );
}

#[test]
fn article_not_utf8() {
    let fx = Fixture::new();
    std::fs::write(
        fx.dir.path().join("article.txt"),
        b"Confidence builder\nab\xffc\n",
    )
    .unwrap();
    let err = fx.run(&["export"]).input_error();
    assert_eq!(
        err,
        format!(
            "error: {}:2:3: the article is not valid UTF-8 (byte 21)\n  convert it to UTF-8 (for example with iconv) and try again\n",
            fx.path("article.txt")
        )
    );
}

/// A UTF-8 byte-order mark at the start of the article, the sheet, the registry or a
/// query file is dropped: the headline check, every quote and every offset work as
/// without it, and the export is the same, byte for byte.
#[test]
fn a_byte_order_mark_is_dropped() {
    let fx = Fixture::new();
    let plain = fx.run(&["export", "--format", "nq"]).ok();
    for file in ["article.txt", "facts.toml", "entities.toml"] {
        fx.write(file, &format!("\u{FEFF}{}", fx.read(file)));
    }
    assert!(fx.read("article.txt").starts_with('\u{FEFF}'));
    assert_eq!(fx.run(&["export", "--format", "nq"]).ok(), plain);
    fx.write(
        "q.rq",
        "\u{FEFF}SELECT ?start WHERE { ?p <http://www.w3.org/ns/oa#start> ?start } ORDER BY ?start LIMIT 1",
    );
    // The first mention, "Northeast Asia", starts the second line: after the 18
    // characters of the headline and its line break, not after a 20th, the mark.
    let rows = fx.run(&["query", &fx.path("q.rq"), "--format", "csv"]).ok();
    assert_eq!(rows, "start\r\n19\r\n");
}

#[test]
fn an_article_in_utf16() {
    let fx = Fixture::new();
    let utf16: Vec<u8> = "\u{FEFF}Confidence builder\n"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    std::fs::write(fx.dir.path().join("article.txt"), utf16).unwrap();
    let err = fx.run(&["export"]).input_error();
    assert_eq!(
        err,
        format!(
            "error: {}: the article is UTF-16 (it starts with a UTF-16 byte-order mark), not UTF-8\n  convert it to UTF-8 (for example with iconv -f UTF-16 -t UTF-8) and try again\n",
            fx.path("article.txt")
        )
    );
}

#[test]
fn missing_file() {
    let err = nea(&[
        "export",
        "--article",
        "no-such-article.txt",
        "--facts",
        "no-such-facts.toml",
    ])
    .input_error();
    assert_eq!(
        err,
        "error: no-such-article.txt: cannot read the article: no such file\n  check the path\n"
    );
}

#[test]
fn folder_instead_of_file() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_str().unwrap();
    let err = nea(&["export", "--article", d, "--facts", d]).input_error();
    assert_eq!(
        err,
        format!("error: {d}: is a folder, not a file\n  give the path of the article file\n")
    );
}

#[test]
fn articles_and_sheets_come_in_pairs() {
    let err = nea(&["export", "--article", "a.txt"]).input_error();
    assert_eq!(
        err,
        "error: 1 --article and 0 --facts: give them in pairs, one fact sheet for each article\n"
    );
}

#[test]
fn invalid_base_iri() {
    let err = nea(&["export", "--base", "not an iri"]).input_error();
    assert_eq!(err, "error: invalid --base \"not an iri\": it must be an absolute IRI ending in '/' or '#'\n  for example --base https://example.org/kg/\n");
}

#[test]
fn invalid_language_tag() {
    let fx = Fixture::new();
    fx.edit("facts.toml", "language = \"en\"", "language = \"english!\"");
    let err = fx.run(&["export"]).input_error();
    assert!(err.contains(": invalid language tag \"english!\""), "{err}");
}

#[test]
fn unknown_format() {
    let err = nea(&["export", "--format", "xyz"]).input_error();
    assert_eq!(err, "error: unknown RDF format \"xyz\"\n  use one of ttl, nt, nq, trig, rdf (RDF/XML), jsonld or jsonld-dataset (or their media types); add .gz to compress\n");
    let err = nea(&["query", "ASK {}", "--format", "yaml"]).input_error();
    assert!(
        err.starts_with("error: unknown results format \"yaml\""),
        "{err}"
    );
}

#[test]
fn unknown_extension() {
    let err = nea(&["export", "-o", "kg.txt"]).input_error();
    assert_eq!(err, "error: kg.txt: cannot tell the format from the extension \"txt\"\n  name the file .ttl, .nt, .nq, .trig, .rdf or .jsonld (add .gz to compress), or give --format\n");
    assert!(!std::path::Path::new("kg.txt").exists());
}

#[test]
fn a_name_given_to_two_entities() {
    let fx = Fixture::new();
    fx.edit(
        "entities.toml",
        "label = \"Brussels\"\n",
        "label = \"Brussels\"\naliases = [\"ROK\"]\n",
    );
    let err = fx.run(&["export"]).input_error();
    assert!(err.contains(": the name \"ROK\" is given to both"), "{err}");
    assert!(err.contains("a name can match one entity only"), "{err}");
}

#[test]
fn a_fact_that_is_not_stated_without_basis() {
    let fx = Fixture::new();
    fx.edit("facts.toml", "known = \"inferred\"\nbasis = \"The article was contributed to China Watch, a think tank powered by China Daily, so China Daily publishes it.\"\n", "known = \"inferred\"\n");
    let line = line_of(&fx, "facts.toml", "id = \"article-publisher\"");
    let err = fx.run(&["export"]).input_error();
    assert_eq!(err, format!("error: {}:{line}: fact \"article-publisher\": a fact that is not stated needs a `basis`\n  say how it is known: the reasoning, or the source of the background knowledge\n", fx.path("facts.toml")));
}

#[test]
fn a_statistic_with_an_unknown_unit() {
    let fx = Fixture::new();
    fx.edit("facts.toml", "unit = \"percent\"", "unit = \"per cent\"");
    let line = line_of(&fx, "facts.toml", "unit = \"per cent\"");
    let err = fx.run(&["export"]).input_error();
    assert_eq!(err, format!("error: {}:{line}: statistic \"trilateral-gdp-share\": unknown unit \"per cent\"\n  use a currency's ISO 4217 code (USD, CNY, JPY, KRW, EUR, …) or one of percent, percentage-point, year, month, week, day, count, person, kilometre, square-kilometre, tonne\n", fx.path("facts.toml")));
}

#[test]
fn a_statistic_whose_value_is_text() {
    let fx = Fixture::new();
    fx.edit("facts.toml", "value = 25\n", "value = \"about 25\"\n");
    let err = fx.run(&["export"]).input_error();
    assert!(
        err.contains(": statistic \"trilateral-gdp-share\": `value` must be a number"),
        "{err}"
    );
}

#[test]
fn a_statistic_that_is_not_a_finite_number() {
    let fx = Fixture::new();
    fx.edit("facts.toml", "value = 25\n", "value = nan\n");
    let err = fx.run(&["export"]).input_error();
    assert!(
        err.contains(
            ": statistic \"trilateral-gdp-share\": `value` must be a finite number, not NaN"
        ),
        "{err}"
    );
}

#[test]
fn an_invalid_wikidata_id() {
    let fx = Fixture::new();
    fx.edit(
        "entities.toml",
        "wikidata = \"Q1490\"",
        "wikidata = \"https://www.wikidata.org/wiki/Q1490\"",
    );
    let err = fx.run(&["export"]).input_error();
    assert!(err.contains(": entity \"tokyo\": \"https://www.wikidata.org/wiki/Q1490\" is not a Wikidata item id\n  write the id alone, as `wikidata = \"Q148\"`, or leave it out\n"), "{err}");
}

#[test]
fn a_headline_that_is_not_the_first_line() {
    let fx = Fixture::new();
    fx.edit(
        "facts.toml",
        "headline = \"Confidence builder\"",
        "headline = \"Confidence Builder\"",
    );
    let err = fx.run(&["export"]).input_error();
    assert!(
        err.contains(": the headline \"Confidence Builder\" is not the first line of"),
        "{err}"
    );
}

#[test]
fn an_event_without_a_label() {
    let fx = Fixture::new();
    fx.edit("facts.toml", "label = \"Establishment of ASEAN\"\n", "");
    let err = fx.run(&["export"]).input_error();
    assert!(
        err.contains(": fact \"asean-founding\": an event needs a `label`"),
        "{err}"
    );
}

#[test]
fn an_iri_too_long_for_the_stores() {
    let long = format!("https://example.org/{}/", "a".repeat(1900));
    let err = nea(&["export", "--base", &long]).input_error();
    assert!(
        err.contains("characters long; Virtuoso truncates IRIs longer than 1879"),
        "{err}"
    );
}

#[test]
fn an_invalid_timeout() {
    for (arg, shown) in [("--timeout=-1", "-1"), ("--timeout=0", "0")] {
        let err = nea(&["query", "cq01", arg]).input_error();
        assert_eq!(
            err,
            format!("error: invalid --timeout {shown}: give a positive number of seconds\n")
        );
    }
}

#[test]
fn a_closed_stdout_is_not_an_error() {
    use std::io::Read;
    use std::process::Stdio;
    use std::time::Duration;
    let mut child = crate::command(&["export", "--format", "nt"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let (sent, first) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut first = [0u8; 10];
        let read = stdout.read_exact(&mut first).map(|()| first);
        // The pipe is closed here, as `| head -c 10` would.
        drop(stdout);
        let _ = sent.send(read);
    });
    match first.recv_timeout(Duration::from_secs(crate::HANG_GUARD)) {
        Ok(read) => {
            read.expect("the first 10 bytes");
        }
        Err(_) => {
            let _ = child.kill();
            panic!("no output in {} s", crate::HANG_GUARD);
        }
    }
    let run = crate::wait_within(crate::HANG_GUARD, child, "nea-kg export");
    assert_eq!(run.code, 0);
    assert_eq!(run.stderr, "");
}

#[test]
fn usage_errors_exit_2() {
    let run = nea(&["export", "--no-such-flag"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("unexpected argument '--no-such-flag'"));
    let run = nea(&[]);
    assert_eq!(run.code, 2);
    let run = nea(&["exprot"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("unrecognized subcommand 'exprot'"),
        "{}",
        run.stderr
    );
}

/// A sheet for the fixture's article with one fact, whose quote is on line 11.
fn one_fact(fx: &Fixture, headline: &str, object: &str, quote: &str) {
    fx.write(
        "facts.toml",
        &format!(
            "[article]\nid = \"t\"\nheadline = {}\nlanguage = \"en\"\n\n[[fact]]\nid = \"f\"\nsubject = \"japan\"\npredicate = \"schema:about\"\nobject = {}\nquote = {}\n",
            toml_string(headline),
            toml_string(object),
            toml_string(quote)
        ),
    );
}

#[test]
fn a_quote_that_occurs_thousands_of_times() {
    let fx = Fixture::new();
    fx.write("article.txt", &format!("Title\n{}\n", "x ".repeat(4_000)));
    one_fact(&fx, "Title", "rok", "x");
    let err = fx.run(&["export"]).input_error();
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(
        lines[0],
        format!(
            "error: {}:11: fact \"f\": the quote \"x\" occurs 4,000 times in {}:",
            fx.path("facts.toml"),
            fx.path("article.txt")
        )
    );
    assert_eq!(
        lines[1],
        "    1. …Title [x] x x x x x x x x x x x x x x x x…"
    );
    assert_eq!(
        lines[5],
        "    5. …Title x x x x [x] x x x x x x x x x x x x x x x x…"
    );
    assert_eq!(lines[6], "    … and 3,995 more");
    assert_eq!(
        lines[7..],
        ["  lengthen the quote, or say which with `occurrence = N` (1 is the first)"]
    );
}

#[test]
fn a_first_line_of_two_megabytes() {
    let fx = Fixture::new();
    let first = "A".repeat(2_000_000);
    fx.write("article.txt", &format!("{first}\nJapan and the ROK.\n"));
    one_fact(&fx, "Title", "rok", "Japan and the ROK");
    let err = fx.run(&["export"]).input_error();
    assert_eq!(
        err,
        format!(
            "error: {}:3: the headline \"Title\" is not the first line of {} (\"{}…\" (2,000,000 characters))\n  make `headline` the article's first line, exactly\n",
            fx.path("facts.toml"),
            fx.path("article.txt"),
            "A".repeat(160)
        )
    );
}

#[test]
fn a_huge_unknown_id() {
    let fx = Fixture::new();
    let id = "x".repeat(200_000);
    one_fact(
        &fx,
        "Confidence builder",
        &id,
        "Japan and the ROK normalized",
    );
    let err = nea_within_20(&fx);
    assert_eq!(
        err,
        format!(
            "error: {}:10: fact \"f\": unknown id \"{}…\" (200,000 characters) in `object`\n  declare it in the entity registry or the sheet, or fix the spelling\n",
            fx.path("facts.toml"),
            &id[..160]
        )
    );
}

#[test]
fn a_huge_value_of_the_wrong_type() {
    let fx = Fixture::new();
    let value = "eleventh ".repeat(100_000);
    fx.edit(
        "facts.toml",
        "ordinal = 11",
        &format!("ordinal = {}", toml_string(&value)),
    );
    let line = line_of(&fx, "facts.toml", "ordinal = \"eleventh");
    let err = fx.run(&["export"]).input_error();
    assert_eq!(
        err,
        format!(
            "error: {}:{line}:11: invalid type: string \"{}…\" (900,000 characters), expected i64\n  fix the TOML at that line; the format is described in docs/fact-sheet.md\n",
            fx.path("facts.toml"),
            &value[..160]
        )
    );
}

/// Exports the fixture, failing the test after 20 s; the error message.
fn nea_within_20(fx: &Fixture) -> String {
    fx.run_within(20, &["export"]).input_error()
}

#[test]
fn every_row_of_the_error_catalog_has_its_test() {
    let catalog = std::fs::read_to_string(crate::repo("docs/errors.md")).unwrap();
    let mut rows = 0;
    for line in catalog
        .lines()
        .filter(|l| l.starts_with("| ") && l.ends_with("` |"))
    {
        let test = line.rsplit('`').nth(1).unwrap();
        let (module, name) = test.split_once("::").unwrap();
        let source =
            std::fs::read_to_string(crate::repo(&format!("tests/it/{module}.rs"))).unwrap();
        assert!(
            source.contains(&format!("fn {name}()")),
            "docs/errors.md names {test}, which does not exist"
        );
        rows += 1;
    }
    assert!(rows >= 40, "{rows} rows");
}

#[test]
fn every_error_of_a_sheet_is_reported_in_one_run() {
    let fx = Fixture::new();
    fx.edit(
        "facts.toml",
        "object = \"rok\"\ndate = \"1965\"",
        "object = \"japn\"\ndate = \"1965\"",
    );
    fx.edit("facts.toml", "unit = \"USD\"", "unit = \"dollars\"");
    let err = fx.run(&["export"]).input_error();
    let errors: Vec<&str> = err.lines().filter(|l| l.starts_with("error: ")).collect();
    assert_eq!(errors.len(), 2, "{err}");
    assert!(errors[0].contains("unknown id \"japn\" in `object` (did you mean \"japan\"?)"));
    assert!(errors[1].contains("unknown unit \"dollars\""));
}
