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
