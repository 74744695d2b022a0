//! The README's examples work: every `$ nea-kg …` in a console block is run, and its
//! output is the one shown (lines shown as `…` stand for lines left out).

use crate::{nea, repo};

/// Splits a command line on spaces, keeping single-quoted parts whole.
fn words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut quoted = false;
    for c in line.chars() {
        match c {
            '\'' => quoted = !quoted,
            ' ' if !quoted => {
                if !word.is_empty() {
                    words.push(std::mem::take(&mut word));
                }
            }
            c => word.push(c),
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

#[test]
fn the_readme_examples_give_the_output_shown() {
    let readme = std::fs::read_to_string(repo("README.md")).unwrap();
    let mut examples = 0;
    let blocks = readme.split("```console\n").skip(1);
    for block in blocks {
        let block = block.split("\n```").next().unwrap();
        let mut lines = block.lines();
        let command = lines
            .next()
            .unwrap()
            .strip_prefix("$ nea-kg ")
            .expect("a nea-kg command");
        let shown: Vec<&str> = lines.collect();
        let args = words(command);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let output = nea(&args).ok();
        let actual: Vec<&str> = output.lines().collect();
        if shown.is_empty() {
            examples += 1;
            continue;
        }
        if shown.contains(&"  …") {
            // Every line shown appears, in order.
            let mut at = 0;
            for line in shown.iter().filter(|l| **l != "  …") {
                let found = actual[at..].iter().position(|a| a == line);
                assert!(
                    found.is_some(),
                    "`nea-kg {command}`: {line:?} is not in the output:\n{output}"
                );
                at += found.unwrap() + 1;
            }
        } else {
            assert_eq!(actual, shown, "`nea-kg {command}`");
        }
        examples += 1;
    }
    assert!(examples >= 4, "{examples} examples");
}

/// The worked examples of `docs/fact-sheet.md` are the shipped sheets' own items: every
/// TOML block parses, and every item in it whose id a shipped sheet or registry
/// declares says what that item says (the block may leave keys out, never change one).
#[test]
fn the_fact_sheet_examples_are_the_shipped_items() {
    let doc = std::fs::read_to_string(repo("docs/fact-sheet.md")).unwrap();
    let mut shipped: std::collections::HashMap<String, toml::Table> = Default::default();
    for file in [
        "data/entities.toml",
        "data/facts.toml",
        "examples/corpus/entities.toml",
        "examples/corpus/voa-summit-2024.toml",
        "examples/corpus/joint-declaration-2024.toml",
    ] {
        let table: toml::Table = std::fs::read_to_string(repo(file))
            .unwrap()
            .parse()
            .unwrap();
        for (kind, items) in &table {
            let Some(items) = items.as_array() else {
                continue;
            };
            for item in items.iter().filter_map(toml::Value::as_table) {
                if let Some(id) = item.get("id").and_then(toml::Value::as_str) {
                    shipped.insert(format!("{kind}/{id}"), item.clone());
                }
            }
        }
    }
    let mut blocks = 0;
    let mut compared = 0;
    for block in doc.split("```toml\n").skip(1) {
        let block = &block[..block.find("```").unwrap()];
        let table: toml::Table = block
            .parse()
            .unwrap_or_else(|e| panic!("a TOML block of docs/fact-sheet.md: {e}\n{block}"));
        blocks += 1;
        for (kind, items) in &table {
            let Some(items) = items.as_array() else {
                continue;
            };
            for item in items.iter().filter_map(toml::Value::as_table) {
                let Some(id) = item.get("id").and_then(toml::Value::as_str) else {
                    continue;
                };
                let Some(real) = shipped.get(&format!("{kind}/{id}")) else {
                    continue;
                };
                compared += 1;
                for (key, value) in item {
                    let same = match (real.get(key), value.as_str()) {
                        // "..." stands for words left out.
                        (Some(toml::Value::String(r)), Some(v)) if v.contains("...") => {
                            elided_from(v, r)
                        }
                        (r, _) => r == Some(value),
                    };
                    assert!(
                        same,
                        "docs/fact-sheet.md shows {kind} {id:?} with {key} = {value}, the shipped item {:?}",
                        real.get(key)
                    );
                }
            }
        }
    }
    assert!(blocks >= 14, "{blocks} TOML blocks");
    assert!(compared >= 9, "only {compared} items compared");
}

/// Whether `shown` is `real` with words left out as "...": its parts in order.
fn elided_from(shown: &str, real: &str) -> bool {
    let mut rest = real;
    for part in shown.split("...").map(str::trim).filter(|p| !p.is_empty()) {
        match rest.find(part) {
            Some(i) => rest = &rest[i + part.len()..],
            None => return false,
        }
    }
    true
}
