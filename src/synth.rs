//! Synthetic articles for benchmarks and corpus tests: the embedded article and its sheet,
//! rewritten so that article `i` has its own headline, id, years, day, trade figure and
//! GDP share, and every quote of its sheet still grounds in its text (the same rewrite
//! runs over both).

use crate::load::{EMBEDDED_ARTICLE, EMBEDDED_FACTS};

/// The text and the fact sheet of synthetic article `i` (from 1).
pub fn article(i: usize) -> (String, String) {
    let shift = (i % 30) as i32;
    let day = 1 + i % 28;
    let trade = 800 + i;
    let share = 10 + i % 40;
    let rewrite = |s: &str| -> String {
        let mut out = shift_years(s, shift);
        out = out.replace("March 22", &format!("March {day}"));
        out = out.replace("-03-22", &format!("-03-{day:02}"));
        out = out.replace("$800 billion", &format!("${trade} billion"));
        out = out.replace("25 percent", &format!("{share} percent"));
        out = out.replace("Confidence builder", &format!("Confidence builder {i}"));
        out
    };
    let text = rewrite(EMBEDDED_ARTICLE);
    let mut sheet = rewrite(EMBEDDED_FACTS)
        .replace("confidence-builder", &format!("confidence-builder-{i:04}"))
        .replace(
            "value = 800000000000",
            &format!("value = {}", trade as u64 * 1_000_000_000),
        );
    sheet = sheet.replacen("value = 25\n", &format!("value = {share}\n"), 1);
    (text, sheet)
}

/// Adds `shift` to every four-digit year from 1900 to 2099 that stands alone.
fn shift_years(s: &str, shift: i32) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        let year = i + 4 <= chars.len()
            && chars[i..i + 4].iter().all(char::is_ascii_digit)
            && matches!((chars[i], chars[i + 1]), ('1', '9') | ('2', '0'))
            && (i == 0 || !chars[i - 1].is_ascii_alphanumeric())
            && (i + 4 == chars.len() || !chars[i + 4].is_ascii_digit());
        if year {
            let y: i32 = chars[i..i + 4]
                .iter()
                .collect::<String>()
                .parse()
                .unwrap_or(0);
            out.push_str(&(y + shift).to_string());
            i += 4;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

/// Writes `n` synthetic articles, and the entity registry, into `dir`.
pub fn write_corpus(dir: &std::path::Path, n: usize) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    std::fs::write(dir.join("entities.toml"), crate::load::EMBEDDED_ENTITIES)?;
    for i in 1..=n {
        let (text, sheet) = article(i);
        std::fs::write(dir.join(format!("article-{i:04}.txt")), text)?;
        std::fs::write(dir.join(format!("article-{i:04}.toml")), sheet)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_shift_where_they_stand_alone() {
        assert_eq!(
            shift_years("in 1965, 2025-03-22, 12345, Q1965", 3),
            "in 1968, 2028-03-22, 12345, Q1965"
        );
    }
}
