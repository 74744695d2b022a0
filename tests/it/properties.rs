//! Property tests: grounding finds any quote cut from any text at the right code-point
//! offsets (or refuses it when it has no letter or digit); any label or claim text
//! survives export and re-import in every format (RDF/XML refuses what XML 1.0 cannot
//! hold).

use crate::toml_string;
use nea_kg_core::ground::{QuoteError, Text};
use nea_kg_core::{ArticleInput, Source};
use oxigraph::io::{JsonLdProfileSet, RdfFormat, RdfParser};
use oxigraph::model::Term;
use proptest::prelude::*;

/// Text made of the characters that break serialisers: quotes, backslashes, line
/// breaks, tabs, control characters, combining marks, CJK, emoji, and plain letters.
fn awkward_char() -> impl Strategy<Value = char> {
    prop_oneof![
        4 => proptest::char::range('a', 'z'),
        1 => Just(' '),
        1 => Just('"'),
        1 => Just('\''),
        1 => Just('\\'),
        1 => Just('\n'),
        1 => Just('\t'),
        1 => Just('\r'),
        1 => proptest::char::range('\u{1}', '\u{1f}'),
        1 => proptest::char::range('\u{300}', '\u{36f}'),
        1 => proptest::char::range('\u{4e00}', '\u{9fff}'),
        1 => proptest::char::range('\u{ac00}', '\u{d7a3}'),
        1 => proptest::char::range('\u{1f300}', '\u{1f64f}'),
        1 => Just('—'),
        1 => Just('<'),
        1 => Just('&'),
    ]
}

fn awkward_string(max: usize) -> impl Strategy<Value = String> {
    proptest::collection::vec(awkward_char(), 1..max).prop_map(|v| v.into_iter().collect())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn grounding_finds_any_quote_at_its_code_points(
        text in any::<String>(),
        a in any::<prop::sample::Index>(),
        b in any::<prop::sample::Index>(),
    ) {
        let chars: Vec<char> = text.chars().collect();
        prop_assume!(!chars.is_empty());
        let (i, j) = (a.index(chars.len()), b.index(chars.len()));
        let (start, end) = (i.min(j), i.max(j) + 1);
        let quote: String = chars[start..end].iter().collect();
        let t = Text::new(&text);
        if !quote.chars().any(char::is_alphanumeric) {
            // Punctuation or spaces alone ground nothing.
            prop_assert_eq!(t.locate(&quote, None), Err(QuoteError::NoWords));
            return Ok(());
        }
        // Which occurrence of the quote starts at `start`?
        let occurrence = t.occurrences(&quote).iter().position(|&s| s == start).unwrap() + 1;
        let span = t.locate(&quote, Some(occurrence)).unwrap();
        prop_assert_eq!((span.start, span.end), (start, end));
        prop_assert_eq!(t.slice(span.start, span.end), quote.as_str());
    }
}

const FORMATS: [RdfFormat; 6] = [
    RdfFormat::Turtle,
    RdfFormat::NTriples,
    RdfFormat::NQuads,
    RdfFormat::TriG,
    RdfFormat::RdfXml,
    RdfFormat::JsonLd {
        profile: JsonLdProfileSet::empty(),
    },
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn labels_and_claims_survive_every_format(
        label in awkward_string(40),
        claim in prop_oneof![awkward_string(60), awkward_string(3000)],
    ) {
        let registry = Source {
            name: "entities.toml".into(),
            text: format!("[[entity]]\nid = \"x\"\nclass = \"Country\"\nlabel = {}\n", toml_string(&label)),
        };
        let article = Source { name: "article.txt".into(), text: "Title\nSome words here.\n".into() };
        let sheet = Source {
            name: "facts.toml".into(),
            text: format!(
                "[article]\nid = \"a\"\nheadline = \"Title\"\nlanguage = \"en\"\n\n[[claim]]\nid = \"c\"\ntext = {}\nclaimant = \"author\"\nstance = \"endorses\"\nabout = [\"x\"]\nquote = \"Some words\"\n",
                toml_string(&claim)
            ),
        };
        let ontology = Source { name: "nea.ttl".into(), text: nea_kg_core::ontology::EMBEDDED.into() };
        let built = nea_kg_core::build_all(&[registry], &ontology, &[ArticleInput { text: article, sheet }], nea_kg_core::DEFAULT_BASE).unwrap();
        // XML 1.0 cannot hold a control character but tab, line feed and carriage return.
        let xml_unsafe = |s: &str| s.chars().any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'));
        for format in FORMATS {
            let mut out = Vec::new();
            let written = nea_kg::output::rdf::write(&built, format, "https://w3id.org/nea-kg/id/", &mut out);
            if format == RdfFormat::RdfXml && (xml_unsafe(&label) || xml_unsafe(&claim)) {
                prop_assert!(written.is_err() && out.is_empty(), "RDF/XML is refused before a byte is written");
                continue;
            }
            written.unwrap();
            let quads: Vec<_> = RdfParser::from_format(format)
                .for_slice(&out)
                .collect::<Result<_, _>>()
                .map_err(|e| TestCaseError::fail(format!("{format}: {e}")))?;
            for wanted in [&label, &claim] {
                let found = quads.iter().any(|q| matches!(&q.object, Term::Literal(l) if l.value() == wanted.as_str()));
                prop_assert!(found, "{}: {:?} did not survive", format, wanted);
            }
        }
    }
}
