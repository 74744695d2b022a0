//! Reading the numbers, ordinals and dates a passage of English gives, so that a figure,
//! an ordinal or a date a sheet calls stated can be checked against its quote: "$800
//! billion" gives 800 and 800,000,000,000, "four-and-a-half-year" 4.5, "the 11th" and
//! "second" the ordinals 11 and 2, "on March 22" the month 3 and the day 22. Words of
//! English only; the rules are general, never tuned to one article.

/// A token of the passage: a word (lower-cased) or a number as written.
#[derive(Debug, Clone, PartialEq)]
enum Token {
    Word(String),
    Number(f64),
    /// A number written with digits and an ordinal suffix (`11th`).
    Ordinal(i64),
}

fn tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_ascii_digit() {
            let start = i;
            while i < chars.len()
                && (chars[i].is_ascii_digit()
                    || ((chars[i] == ',' || chars[i] == '.')
                        && i + 1 < chars.len()
                        && chars[i + 1].is_ascii_digit()))
            {
                i += 1;
            }
            let written: String = chars[start..i].iter().filter(|c| **c != ',').collect();
            let suffix: String = chars[i..]
                .iter()
                .take_while(|c| c.is_ascii_alphabetic())
                .collect::<String>()
                .to_ascii_lowercase();
            if matches!(suffix.as_str(), "st" | "nd" | "rd" | "th") {
                if let Ok(n) = written.parse::<i64>() {
                    out.push(Token::Ordinal(n));
                }
                i += suffix.len();
            } else if let Ok(n) = written.parse::<f64>() {
                out.push(Token::Number(n));
            }
        } else if c.is_alphabetic() {
            let start = i;
            while i < chars.len() && (chars[i].is_alphabetic() || chars[i] == '\'') {
                i += 1;
            }
            out.push(Token::Word(
                chars[start..i].iter().collect::<String>().to_lowercase(),
            ));
        } else {
            i += 1;
        }
    }
    out
}

const UNITS: [&str; 20] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
const TENS: [&str; 8] = [
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];
const ORDINAL_UNITS: [&str; 20] = [
    "zeroth",
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
];
const ORDINAL_TENS: [&str; 8] = [
    "twentieth",
    "thirtieth",
    "fortieth",
    "fiftieth",
    "sixtieth",
    "seventieth",
    "eightieth",
    "ninetieth",
];

fn small(word: &str) -> Option<f64> {
    if let Some(n) = UNITS.iter().position(|w| *w == word) {
        return Some(n as f64);
    }
    TENS.iter()
        .position(|w| *w == word)
        .map(|n| 20.0 + 10.0 * n as f64)
}

fn scale(word: &str) -> Option<f64> {
    Some(match word {
        "hundred" => 1e2,
        "thousand" => 1e3,
        "million" | "mln" => 1e6,
        "billion" | "bn" => 1e9,
        "trillion" | "tn" => 1e12,
        _ => return None,
    })
}

/// Every number the passage gives: as written, with its scale word applied ("800
/// billion" gives 800 and 8e11), spelled out ("twenty-five", "four-and-a-half", "a
/// dozen"), and percentages as their number.
pub fn numbers(text: &str) -> Vec<f64> {
    let tokens = tokens(text);
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        match &tokens[i] {
            Token::Number(n) => {
                out.push(*n);
                let mut value = *n;
                let mut j = i + 1;
                while let Some(Token::Word(w)) = tokens.get(j) {
                    match scale(w) {
                        Some(s) => {
                            value *= s;
                            out.push(value);
                            j += 1;
                        }
                        None => break,
                    }
                }
                i += 1;
            }
            Token::Ordinal(n) => {
                out.push(*n as f64);
                i += 1;
            }
            Token::Word(w) if w == "dozen" => {
                out.push(12.0);
                i += 1;
            }
            Token::Word(w) if small(w).is_some() || (w == "a" && next_is_scale(&tokens, i)) => {
                let (value, used) = spelled(&tokens[i..]);
                if used > 0 {
                    out.push(value);
                    i += used;
                } else {
                    i += 1;
                }
            }
            _ => i += 1,
        }
    }
    out
}

fn next_is_scale(tokens: &[Token], i: usize) -> bool {
    matches!(tokens.get(i + 1), Some(Token::Word(w)) if scale(w).is_some())
}

/// A spelled-out number at the start of `tokens`: its value and how many tokens it took.
fn spelled(tokens: &[Token]) -> (f64, usize) {
    let mut total = 0.0;
    let mut current = 0.0;
    let mut used = 0;
    let mut any = false;
    let mut i = 0;
    while let Some(Token::Word(w)) = tokens.get(i) {
        if let Some(n) = small(w) {
            current += n;
            any = true;
        } else if w == "a" && !any && next_is_scale(tokens, i) {
            current = 1.0;
            any = true;
        } else if let Some(s) = scale(w).filter(|_| any) {
            if s == 100.0 {
                current *= s;
            } else {
                total += current * s;
                current = 0.0;
            }
        } else if w == "and" && any {
            // "one hundred and twenty", "four-and-a-half"
            match (tokens.get(i + 1), tokens.get(i + 2)) {
                (Some(Token::Word(a)), Some(Token::Word(h))) if a == "a" && h == "half" => {
                    current += 0.5;
                    i += 3;
                    used = i;
                    break;
                }
                (Some(Token::Word(n)), _) if small(n).is_some() => {}
                _ => break,
            }
        } else {
            break;
        }
        i += 1;
        used = i;
    }
    (total + current, if any { used } else { 0 })
}

/// Every ordinal the passage gives: `11th`, `second`, `twenty-first`.
pub fn ordinals(text: &str) -> Vec<i64> {
    let tokens = tokens(text);
    let mut out = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        match t {
            Token::Ordinal(n) => out.push(*n),
            Token::Word(w) => {
                if let Some(n) = ORDINAL_UNITS.iter().position(|o| o == w) {
                    let tens = match i.checked_sub(1).and_then(|p| tokens.get(p)) {
                        Some(Token::Word(t)) => TENS.iter().position(|x| x == t),
                        _ => None,
                    };
                    out.push(tens.map_or(0, |t| 20 + 10 * t as i64) + n as i64);
                } else if let Some(n) = ORDINAL_TENS.iter().position(|o| o == w) {
                    out.push(20 + 10 * n as i64);
                }
            }
            Token::Number(_) => {}
        }
    }
    out
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// The months the passage names (1 to 12): capitalised English names or their usual
/// abbreviations (`Jan.`, `Sept.`), so the verb "may" is not May.
pub fn months(text: &str) -> Vec<u32> {
    let mut out = Vec::new();
    for word in text.split(|c: char| !c.is_alphabetic()) {
        if !word.starts_with(|c: char| c.is_uppercase()) {
            continue;
        }
        let w = word.to_lowercase();
        let month = MONTHS.iter().position(|m| {
            *m == w || (w.len() >= 3 && w.len() < m.len() && m.starts_with(&w) && w != "ma")
        });
        if let Some(m) = month {
            out.push(m as u32 + 1);
        }
    }
    out
}

/// Whether a date (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`) can be read in the passage: its year
/// as a number, its month by name, its day as a number.
pub fn gives_date(text: &str, date: &str) -> bool {
    let parts: Vec<&str> = date.split('-').collect();
    let found = numbers(text);
    let has = |n: f64| found.iter().any(|f| (f - n).abs() < 1e-9);
    let year_ok = parts
        .first()
        .and_then(|y| y.parse::<f64>().ok())
        .is_some_and(has);
    let month_ok = parts
        .get(1)
        .is_none_or(|m| m.parse::<u32>().is_ok_and(|m| months(text).contains(&m)));
    let day_ok = parts.get(2).is_none_or(|d| d.parse::<f64>().is_ok_and(has));
    year_ok && month_ok && day_ok
}

/// Whether a number can be read in the passage (as written, scaled, spelled, or as a
/// percentage).
pub fn gives_number(text: &str, value: f64) -> bool {
    numbers(text)
        .iter()
        .any(|n| (n - value).abs() <= 1e-9 * value.abs().max(1.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_scales_and_percentages() {
        assert!(gives_number("has reached $800 billion", 8e11));
        assert!(gives_number("has reached $800 billion", 800.0));
        assert!(gives_number("about 25 percent of global GDP", 25.0));
        assert!(gives_number("up 3.5% on the year", 3.5));
        assert!(gives_number("1.2 trillion yuan", 1.2e12));
        assert!(gives_number("a total of 1,250,000 people", 1_250_000.0));
        assert!(!gives_number("the 16th round", 61.0));
    }

    #[test]
    fn spelled_numbers() {
        assert!(gives_number("after a four-and-a-half-year hiatus", 4.5));
        assert!(gives_number("in \"six key areas\"", 6.0));
        assert!(gives_number("twenty-five countries", 25.0));
        assert!(gives_number("one hundred and twenty delegates", 120.0));
        assert!(gives_number("a dozen ministers", 12.0));
        assert!(gives_number("two world wars", 2.0));
        assert!(gives_number("a million people", 1e6));
        assert!(gives_number("over four years", 4.0));
    }

    #[test]
    fn ordinals_in_digits_and_words() {
        assert_eq!(ordinals("The 11th meeting"), [11]);
        assert_eq!(ordinals("Donald Trump's second term"), [2]);
        assert_eq!(
            ordinals("the twenty-first century and the 2nd try"),
            [21, 2]
        );
        assert!(ordinals("the 16th round").contains(&16));
    }

    #[test]
    fn dates_at_their_precision() {
        assert!(gives_date("normalized their relations in 1965", "1965"));
        assert!(gives_date("held in Tokyo on March 22, 2025", "2025-03-22"));
        assert!(gives_date("on May 26-27, 2024", "2024-05-27"));
        assert!(gives_date("in Sept. 2023", "2023-09"));
        assert!(!gives_date("held in Tokyo on March 22", "2025-03-22"));
        assert!(!gives_date(
            "the trilateral summit held in May last year",
            "2024-05"
        ));
        assert!(!gives_date("in March 2025", "2025-05"));
    }
}
