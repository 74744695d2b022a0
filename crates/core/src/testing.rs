//! Small inputs for the core's own tests: an article, its sheet and a registry, written
//! in a few lines, and the shortest way to check or build them.

use crate::check::{self, ArticleInput};
use crate::error::Errors;
use crate::model;
use crate::ontology::Ontology;
use crate::source::Source;

/// The article most tests use: a title and three sentences.
pub const ARTICLE: &str = "Neighbours\nJapan and the ROK normalized their relations in 1965. Trade reached $800 billion last year, about 25 percent of the total. Some argue that the region cannot cooperate.\n";

/// A registry of two countries and a city.
pub const REGISTRY: &str = r#"
[[entity]]
id = "japan"
class = "Country"
label = "Japan"
wikidata = "Q17"
ja = ["日本", "日本国"]

[[entity]]
id = "rok"
class = "Country"
label = "Republic of Korea"
aliases = ["ROK"]

[[entity]]
id = "tokyo"
class = "City"
label = "Tokyo"
"#;

/// The `[article]` table of a sheet for `ARTICLE`.
pub const HEADER: &str =
    "[article]\nid = \"neighbours\"\nheadline = \"Neighbours\"\nlanguage = \"en\"\n";

pub fn ontology() -> Ontology {
    Ontology::parse(&Source::new("nea.ttl", crate::ontology::EMBEDDED)).unwrap()
}

pub fn registry() -> check::Registry {
    check::registry(&Source::new("entities.toml", REGISTRY), &ontology()).unwrap()
}

/// The input of a sheet made of `HEADER` and `items`, for `ARTICLE`.
pub fn input(items: &str) -> ArticleInput {
    ArticleInput {
        text: Source::new("article.txt", ARTICLE),
        sheet: Source::new("facts.toml", format!("{HEADER}\n{items}")),
    }
}

/// Checks a sheet of `HEADER` and `items` against `REGISTRY`.
pub fn check(items: &str) -> Result<model::Article, Errors> {
    check::article(&input(items), &registry(), &ontology())
}

/// The messages of a sheet that must fail, one per error.
pub fn errors(items: &str) -> Vec<String> {
    match check(items) {
        Ok(_) => panic!("the sheet should not check:\n{items}"),
        Err(e) => e.iter().map(ToString::to_string).collect(),
    }
}

/// The only error of a sheet that must fail with one.
pub fn error(items: &str) -> String {
    let mut all = errors(items);
    assert_eq!(all.len(), 1, "one error expected: {all:#?}");
    all.remove(0)
}
