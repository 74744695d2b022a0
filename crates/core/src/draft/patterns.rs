//! The English patterns the draft reads, each on one sentence: dates (stated, without a
//! year, relative), figures (money, percentages, counts, durations, with the markers
//! "about", "over", "at least"), ordinals, and attributions ("X said", "according to
//! X", "some argue", "we reaffirmed"). Every pattern returns byte ranges of the
//! sentence, so whatever the draft quotes is the sentence's own text. General English
//! only: no rule names an article, a person or a place.

use crate::numbers;

/// A word of a sentence, with its byte range; leading and trailing punctuation is cut
/// off (but `$`, `%` and inner hyphens and apostrophes stay).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word<'a> {
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
}

impl Word<'_> {
    pub fn lower(&self) -> String {
        self.text.to_lowercase()
    }

    fn is(&self, w: &str) -> bool {
        self.text.eq_ignore_ascii_case(w)
    }

    pub fn capitalised(&self) -> bool {
        self.text.starts_with(|c: char| c.is_uppercase())
    }
}

fn is_lead(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '(' | '[' | '\u{201C}' | '\u{2018}' | '\u{2014}' | '\u{2013}' | '-' | '*'
    )
}

fn is_trail(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | ')'
            | ']'
            | ','
            | '.'
            | ';'
            | ':'
            | '!'
            | '?'
            | '\u{201D}'
            | '\u{2019}'
            | '\u{2014}'
            | '\u{2013}'
            | '-'
            | '*'
    )
}

/// The words of a sentence.
pub fn words(s: &str) -> Vec<Word<'_>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices().chain(std::iter::once((s.len(), ' '))) {
        if c.is_whitespace() {
            if let Some(b) = start.take() {
                let chunk: &str = &s[b..i];
                let lead = chunk.len() - chunk.trim_start_matches(is_lead).len();
                let trimmed = chunk[lead..].trim_end_matches(is_trail);
                // Keep the dot of an abbreviation such as "U.S." or "Sept.".
                if !trimmed.is_empty() {
                    out.push(Word {
                        start: b + lead,
                        end: b + lead + trimmed.len(),
                        text: trimmed,
                    });
                }
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    out
}

// ------------------------------------------------------------------ dates

/// A date at the precision a text gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum When {
    Year(i32),
    Month(i32, u32),
    Day(i32, u32, u32),
}

impl When {
    pub fn iso(self) -> String {
        match self {
            Self::Year(y) => format!("{y:04}"),
            Self::Month(y, m) => format!("{y:04}-{m:02}"),
            Self::Day(y, m, d) => format!("{y:04}-{m:02}-{d:02}"),
        }
    }

    pub fn year(self) -> i32 {
        match self {
            Self::Year(y) | Self::Month(y, _) | Self::Day(y, _, _) => y,
        }
    }

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub fn parse(s: &str) -> Option<Self> {
        let parts: Vec<&str> = s.split('-').collect();
        let y: i32 = parts.first()?.parse().ok()?;
        match parts.len() {
            1 => Some(Self::Year(y)),
            2 => Some(Self::Month(y, parts[1].parse().ok()?)),
            3 => Some(Self::Day(y, parts[1].parse().ok()?, parts[2].parse().ok()?)),
            _ => None,
        }
    }
}

/// Days since 1970-01-01 of a day of the proleptic Gregorian calendar.
pub fn days(y: i32, m: u32, d: u32) -> i64 {
    let y = i64::from(y) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The day of a day count (the inverse of `days`).
pub fn civil(z: i64) -> (i32, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y as i32, m, d)
}

/// The day of the week, 0 for Monday.
pub fn weekday(y: i32, m: u32, d: u32) -> u32 {
    // 1970-01-01 was a Thursday.
    ((days(y, m, d) + 3).rem_euclid(7)) as u32
}

/// A date relative to the day of publication.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relative {
    Yesterday,
    Today,
    Tomorrow,
    /// "on Monday": 0 for Monday.
    Weekday(u32),
    /// "last week" (-1), "this week" (0), "next week" (1); likewise months and years.
    Week(i32),
    Weekend(i32),
    Month(i32),
    Year(i32),
    /// "this year marks the 25th anniversary": the year it began.
    Anniversary(i32),
}

/// What a date expression gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateKind {
    /// With its year.
    Stated(When),
    /// "from May 26 to 27", "between 2019 and 2021": an interval.
    Interval(When, When),
    /// "March 24", "in November", "May 26 to 27": no year.
    NoYear {
        month: u32,
        day: Option<u32>,
        day_end: Option<u32>,
    },
    Relative(Relative),
}

/// How the date bounds the event: "since 2008" (not before), "before 2030".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateRole {
    At,
    After,
    Before,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateHit {
    pub start: usize,
    pub end: usize,
    pub kind: DateKind,
    pub role: DateRole,
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// A capitalised month name (or its abbreviation with a dot: "Sept.", "Jan."), 1 to 12.
pub fn month(w: &str) -> Option<u32> {
    if let Some(i) = MONTHS.iter().position(|m| *m == w) {
        return Some(i as u32 + 1);
    }
    let stem = w.strip_suffix('.')?;
    if stem.len() < 3 || !stem.starts_with(|c: char| c.is_uppercase()) {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| m.starts_with(stem) && *m != stem)
        .map(|i| i as u32 + 1)
}

fn day_number(w: &str) -> Option<u32> {
    let d: u32 = w.trim_end_matches(',').parse().ok()?;
    (1..=31).contains(&d).then_some(d)
}

pub fn year_number(w: &str) -> Option<i32> {
    if w.len() != 4 || !w.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let y: i32 = w.parse().ok()?;
    (1800..=2100).contains(&y).then_some(y)
}

/// How the words before word `i` bound a date: "since 2008", "before 2030".
fn role_before(w: &[Word<'_>], i: usize) -> DateRole {
    let prev = i.checked_sub(1).map(|p| w[p].lower());
    let prev2 = i.checked_sub(2).map(|p| w[p].lower());
    match (prev2.as_deref(), prev.as_deref()) {
        (_, Some("since" | "after")) | (Some("no"), Some("earlier")) => DateRole::After,
        (_, Some("before" | "until" | "till" | "by")) => DateRole::Before,
        _ => DateRole::At,
    }
}

/// Every date the sentence gives, in order.
pub fn dates(s: &str) -> Vec<DateHit> {
    let w = words(s);
    let mut out = Vec::new();
    let mut i = 0;
    while i < w.len() {
        // The first form that the words from `i` on take gives the date (if any) and
        // how many words it uses.
        let used = iso_date(&w, i, &mut out)
            .or_else(|| month_first(&w, i, &mut out))
            .or_else(|| day_month_year(&w, i, &mut out))
            .or_else(|| year(s, &w, i, &mut out))
            .or_else(|| relative_date(&w, i, &mut out))
            .unwrap_or_else(|| named_weekday(&w, i, &mut out));
        i += used;
    }
    out
}

/// An ISO date: "2024-05-27".
fn iso_date(w: &[Word<'_>], i: usize, out: &mut Vec<DateHit>) -> Option<usize> {
    let here = w[i];
    let when = When::parse(here.text)
        .filter(|_| here.text.len() == 10 && here.text.as_bytes()[4] == b'-')
        .filter(
            |x| matches!(x, When::Day(_, m, d) if (1..=12).contains(m) && (1..=31).contains(d)),
        )?;
    out.push(DateHit {
        start: here.start,
        end: here.end,
        kind: DateKind::Stated(when),
        role: role_before(w, i),
    });
    Some(1)
}

/// A date that starts with a month name: with a day, a span of days, a year, or alone.
fn month_first(w: &[Word<'_>], i: usize, out: &mut Vec<DateHit>) -> Option<usize> {
    let m = month(w[i].text)?;
    // May is also a verb: a month only before a day or a year, or after a preposition.
    let role = role_before(w, i);
    let used = month_day_year(w, i, m, role, out)
        .or_else(|| month_day_range(w, i, m, role, out))
        .or_else(|| month_day(w, i, m, role, out))
        .or_else(|| month_year(w, i, m, role, out))
        .unwrap_or_else(|| lone_month(w, i, m, role, out));
    Some(used)
}

/// "May 27, 2024": month, day and year.
fn month_day_year(
    w: &[Word<'_>],
    i: usize,
    m: u32,
    role: DateRole,
    out: &mut Vec<DateHit>,
) -> Option<usize> {
    let d = day_number(w.get(i + 1)?.text)?;
    let last = w.get(i + 2)?;
    let y = year_number(last.text)?;
    out.push(DateHit {
        start: w[i].start,
        end: last.end,
        kind: DateKind::Stated(When::Day(y, m, d)),
        role,
    });
    Some(3)
}

/// "May 26 to 27", "May 26 through 28": a span of days of a month, without a year.
fn month_day_range(
    w: &[Word<'_>],
    i: usize,
    m: u32,
    role: DateRole,
    out: &mut Vec<DateHit>,
) -> Option<usize> {
    let d = day_number(w.get(i + 1)?.text)?;
    let t = w.get(i + 2)?;
    let last = w.get(i + 3)?;
    if !(t.is("to") || t.is("and") || t.is("through")) {
        return None;
    }
    let d2 = day_number(last.text)?;
    out.push(DateHit {
        start: w[i].start,
        end: last.end,
        kind: DateKind::NoYear {
            month: m,
            day: Some(d),
            day_end: Some(d2),
        },
        role,
    });
    Some(4)
}

/// "March 24": a month and a day, without a year.
fn month_day(
    w: &[Word<'_>],
    i: usize,
    m: u32,
    role: DateRole,
    out: &mut Vec<DateHit>,
) -> Option<usize> {
    let n = w.get(i + 1)?;
    let d = day_number(n.text)?;
    out.push(DateHit {
        start: w[i].start,
        end: n.end,
        kind: DateKind::NoYear {
            month: m,
            day: Some(d),
            day_end: None,
        },
        role,
    });
    Some(2)
}

/// "May 2024": a month and a year.
fn month_year(
    w: &[Word<'_>],
    i: usize,
    m: u32,
    role: DateRole,
    out: &mut Vec<DateHit>,
) -> Option<usize> {
    let n = w.get(i + 1)?;
    let y = year_number(n.text)?;
    out.push(DateHit {
        start: w[i].start,
        end: n.end,
        kind: DateKind::Stated(When::Month(y, m)),
        role,
    });
    Some(2)
}

/// "in November", "since March": a month alone, a date only after a preposition.
fn lone_month(w: &[Word<'_>], i: usize, m: u32, role: DateRole, out: &mut Vec<DateHit>) -> usize {
    let here = w[i];
    let prev = i.checked_sub(1).map(|p| w[p].lower());
    if matches!(
        prev.as_deref(),
        Some(
            "in" | "since"
                | "until"
                | "by"
                | "of"
                | "last"
                | "next"
                | "this"
                | "early"
                | "late"
                | "mid"
        )
    ) && here.text != "May"
        || matches!(prev.as_deref(), Some("in" | "since" | "last" | "next"))
    {
        out.push(DateHit {
            start: here.start,
            end: here.end,
            kind: DateKind::NoYear {
                month: m,
                day: None,
                day_end: None,
            },
            role,
        });
    }
    1
}

/// "27 May 2024": day, month and year.
fn day_month_year(w: &[Word<'_>], i: usize, out: &mut Vec<DateHit>) -> Option<usize> {
    let d = day_number(w[i].text)?;
    let m = month(w.get(i + 1)?.text)?;
    let last = w.get(i + 2)?;
    let y = year_number(last.text)?;
    out.push(DateHit {
        start: w[i].start,
        end: last.end,
        kind: DateKind::Stated(When::Day(y, m, d)),
        role: role_before(w, i),
    });
    Some(3)
}

/// A year: an interval of years, or a year on its own.
fn year(s: &str, w: &[Word<'_>], i: usize, out: &mut Vec<DateHit>) -> Option<usize> {
    let y = year_number(w[i].text)?;
    Some(year_interval(w, i, y, out).unwrap_or_else(|| single_year(s, w, i, y, out)))
}

/// "between 2019 and 2021", "from 2019 to 2021": an interval of years.
fn year_interval(w: &[Word<'_>], i: usize, y: i32, out: &mut Vec<DateHit>) -> Option<usize> {
    let prev = i.checked_sub(1).map(|p| w[p].lower());
    if !matches!(prev.as_deref(), Some("from" | "between")) {
        return None;
    }
    let t = w.get(i + 1)?;
    let last = w.get(i + 2)?;
    let y2 = year_number(last.text)?;
    if !(t.is("to") || t.is("and")) {
        return None;
    }
    out.push(DateHit {
        start: w[i].start,
        end: last.end,
        kind: DateKind::Interval(When::Year(y), When::Year(y2)),
        role: DateRole::At,
    });
    Some(3)
}

/// "in 2024", "since 2008", "before 2030": a year on its own, with its role.
fn single_year(s: &str, w: &[Word<'_>], i: usize, y: i32, out: &mut Vec<DateHit>) -> usize {
    let here = w[i];
    let next = w.get(i + 1);
    // Not a year when a unit follows ("2024 people") or a currency precedes.
    let unit_follows = next.is_some_and(|n| unit_word(&n.lower()).is_some());
    // "Forum 2024", "Expo 2025": a year that ends a name is part of it.
    let ends_name = i > 0
        && w[i - 1].capitalised()
        && !matches!(
            w[i - 1].lower().as_str(),
            "in" | "on"
                | "by"
                | "since"
                | "after"
                | "before"
                | "until"
                | "from"
                | "to"
                | "and"
                | "as"
                | "at"
                | "for"
                | "during"
                | "of"
                | "between"
        )
        && month(w[i - 1].text).is_none()
        && s[w[i - 1].end..here.start].chars().all(char::is_whitespace);
    if !unit_follows && !ends_name && !here.text.starts_with('$') {
        out.push(DateHit {
            start: here.start,
            end: here.end,
            kind: DateKind::Stated(When::Year(y)),
            role: role_before(w, i),
        });
    }
    1
}

/// "yesterday", "last week", "this year": a date relative to the day of publication.
fn relative_date(w: &[Word<'_>], i: usize, out: &mut Vec<DateHit>) -> Option<usize> {
    let here = w[i];
    let next = w.get(i + 1);
    let lower = here.lower();
    let (rel, used) = match (lower.as_str(), next.map(|n| n.lower())) {
        ("yesterday", _) => Some((Relative::Yesterday, 1)),
        ("today", _) => Some((Relative::Today, 1)),
        ("tomorrow", _) => Some((Relative::Tomorrow, 1)),
        ("last" | "this" | "next", Some(unit)) => {
            let k = match lower.as_str() {
                "last" => -1,
                "this" => 0,
                _ => 1,
            };
            match unit.as_str() {
                "week" => Some((Relative::Week(k), 2)),
                "weekend" => Some((Relative::Weekend(k), 2)),
                "month" => Some((Relative::Month(k), 2)),
                "year" => Some((Relative::Year(k), 2)),
                _ => None,
            }
        }
        _ => None,
    }?;
    let end = w[i + used - 1].end;
    // "this year marks the 25th anniversary of …"
    let anniversary = (rel == Relative::Year(0))
        .then(|| {
            w[i + used..]
                .iter()
                .take(5)
                .position(|x| x.lower().starts_with("anniversary"))
                .and_then(|p| {
                    let ord = w[i + used + p - 1];
                    numbers::ordinals(ord.text)
                        .first()
                        .map(|n| (*n, w[i + used + p].end))
                })
        })
        .flatten();
    if let Some((n, end)) = anniversary {
        out.push(DateHit {
            start: here.start,
            end,
            kind: DateKind::Relative(Relative::Anniversary(n as i32)),
            role: DateRole::At,
        });
    } else {
        out.push(DateHit {
            start: here.start,
            end,
            kind: DateKind::Relative(rel),
            role: DateRole::At,
        });
    }
    Some(used)
}

/// "on Monday", "next Friday": a weekday, a date only after one of those words.
fn named_weekday(w: &[Word<'_>], i: usize, out: &mut Vec<DateHit>) -> usize {
    let here = w[i];
    if let Some(d) = WEEKDAYS.iter().position(|x| *x == here.text) {
        let prev = i.checked_sub(1).map(|p| w[p].lower());
        if matches!(prev.as_deref(), Some("on" | "last" | "next" | "this")) {
            out.push(DateHit {
                start: here.start,
                end: here.end,
                kind: DateKind::Relative(Relative::Weekday(d as u32)),
                role: DateRole::At,
            });
        }
    }
    1
}

// ------------------------------------------------------------------ figures

/// The unit a word names, as the sheet writes it.
pub fn unit_word(w: &str) -> Option<&'static str> {
    Some(match w {
        "percent" | "per" | "%" => "percent",
        "yuan" | "renminbi" | "rmb" => "CNY",
        "yen" => "JPY",
        "won" => "KRW",
        "euro" | "euros" => "EUR",
        "dollar" | "dollars" => "USD",
        "year" | "years" => "year",
        "month" | "months" => "month",
        "week" | "weeks" => "week",
        "day" | "days" => "day",
        "people" | "persons" | "person" | "residents" | "citizens" => "person",
        "kilometre" | "kilometres" | "kilometer" | "kilometers" | "km" => "kilometre",
        "tonne" | "tonnes" | "ton" | "tons" => "tonne",
        _ => return None,
    })
}

/// A figure the sentence gives.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    pub start: usize,
    pub end: usize,
    pub value: f64,
    pub unit: &'static str,
    pub approximate: bool,
    pub bound: Option<&'static str>,
    /// The words after the figure that say what is counted ("Trilateral Summits").
    pub noun: Option<(usize, usize)>,
}

const SPELLED: [&str; 19] = [
    "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "fifteen", "twenty", "thirty", "forty", "fifty", "hundred", "dozen", "dozens",
];

fn scale_word(w: &str) -> bool {
    matches!(
        w,
        "thousand" | "million" | "billion" | "trillion" | "hundred"
    )
}

/// The markers before a figure: (words used, approximate, bound).
fn marker(w: &[Word<'_>], i: usize) -> Option<(usize, bool, Option<&'static str>)> {
    let one = i.checked_sub(1).map(|p| w[p].lower());
    let two = i
        .checked_sub(2)
        .map(|p| format!("{} {}", w[p].lower(), w[p + 1].lower()));
    if let Some(two) = two.as_deref() {
        let found = match two {
            "at least" | "no fewer" | "no less" => Some((false, Some("at-least"))),
            "more than" | "over a" => Some((false, Some("more-than"))),
            "less than" | "fewer than" => Some((false, Some("less-than"))),
            "up to" | "at most" => Some((false, Some("at-most"))),
            _ => None,
        };
        if let Some((a, b)) = found {
            return Some((2, a, b));
        }
    }
    let found = match one.as_deref()? {
        "about" | "around" | "roughly" | "approximately" | "nearly" | "almost" | "some" => {
            (true, None)
        }
        "over" | "above" | "exceeding" => (false, Some("more-than")),
        "under" | "below" => (false, Some("less-than")),
        _ => return None,
    };
    Some((1, found.0, found.1))
}

fn parse_digits(t: &str) -> Option<f64> {
    let t = t
        .trim_start_matches(['$', '€', '¥', '£'])
        .trim_end_matches('%');
    let t = t.strip_prefix("US$").unwrap_or(t);
    if !t.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    t.replace(',', "").parse().ok()
}

/// Every figure the sentence gives: money, percentages, durations, counts.
pub fn figures(s: &str) -> Vec<Figure> {
    let w = words(s);
    let mut out = Vec::new();
    let mut i = 0;
    while i < w.len() {
        let here = w[i];
        let lower = here.lower();
        let prev = i.checked_sub(1).map(|p| w[p].lower());
        // "four-and-a-half-year", "10-day": a number with its unit in one word.
        if let Some((number, unit)) = lower.rsplit_once('-') {
            if let Some(u) =
                unit_word(unit).filter(|u| matches!(*u, "year" | "month" | "week" | "day"))
            {
                let value = numbers::numbers(number).last().copied();
                if let Some(value) = value.filter(|v| *v > 0.0) {
                    let (used, approximate, bound) = marker(&w, i).unwrap_or((0, false, None));
                    out.push(Figure {
                        start: w[i - used].start,
                        end: here.end,
                        value,
                        unit: u,
                        approximate,
                        bound,
                        noun: None,
                    });
                    i += 1;
                    continue;
                }
            }
        }
        let digits = parse_digits(here.text);
        let spelled = SPELLED.contains(&lower.as_str());
        if digits.is_none() && !spelled {
            i += 1;
            continue;
        }
        // A year, a day of a month, or a list's number is no figure.
        let is_year = year_number(here.text).is_some();
        let by_month = prev
            .as_deref()
            .and_then(|p| month(&capitalise(p)))
            .is_some()
            || w.get(i + 1).is_some_and(|n| month(n.text).is_some());
        let currency = if here.text.starts_with("US$") || here.text.starts_with('$') {
            Some("USD")
        } else if here.text.starts_with('€') {
            Some("EUR")
        } else {
            None
        };
        if by_month && currency.is_none() {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        let mut value =
            digits.unwrap_or_else(|| numbers::numbers(here.text).last().copied().unwrap_or(0.0));
        while let Some(n) = w.get(j) {
            let l = n.lower();
            if scale_word(&l) {
                value *= match l.as_str() {
                    "thousand" => 1e3,
                    "million" => 1e6,
                    "billion" => 1e9,
                    "trillion" => 1e12,
                    _ => 1e2,
                };
                j += 1;
            } else {
                break;
            }
        }
        let mut unit = currency;
        let mut end = w[j - 1].end;
        if here.text.ends_with('%') {
            unit = Some("percent");
        } else if let Some(n) = w.get(j) {
            let l = n.lower();
            let u =
                unit_word(&l).filter(|_| l != "per" || w.get(j + 1).is_some_and(|c| c.is("cent")));
            if unit.is_none() {
                if let Some(u) = u {
                    unit = Some(u);
                    end = if l == "per" { w[j + 1].end } else { n.end };
                    // "percentage points"
                } else if l == "percentage"
                    && w.get(j + 1).is_some_and(|p| p.lower().starts_with("point"))
                {
                    unit = Some("percentage-point");
                    end = w[j + 1].end;
                }
            }
        }
        let mut noun = None;
        if unit.is_none() && !is_year {
            // A count: the number before a plural noun, not "the three countries" (a
            // set the text already named).
            let determined = matches!(
                prev.as_deref(),
                Some("the" | "these" | "those" | "all" | "its" | "their" | "our" | "both")
            );
            let mut k = j;
            let mut last_plural = None;
            while let Some(n) = w.get(k) {
                let l = n.lower();
                if !n
                    .text
                    .chars()
                    .all(|c| c.is_alphabetic() || c == '-' || c == '\'' || c == '’')
                {
                    break;
                }
                if l.ends_with('s') && !l.ends_with("ss") && l.len() > 3 {
                    last_plural = Some(k);
                    // Stop at the first plural: "eight Trilateral Summits held".
                    break;
                }
                if k - j >= 2 || matches!(l.as_str(), "of" | "and" | "to" | "in" | "the" | "a") {
                    break;
                }
                k += 1;
            }
            if let (false, Some(k)) = (determined, last_plural) {
                unit = Some("count");
                noun = Some((w[j].start, w[k].end));
                end = w[k].end;
            }
        }
        let Some(unit) = unit else {
            i += 1;
            continue;
        };
        if is_year && unit != "percent" && currency.is_none() && unit == "count" {
            i += 1;
            continue;
        }
        let (used, approximate, bound) = marker(&w, i).unwrap_or((0, false, None));
        out.push(Figure {
            start: w[i - used].start,
            end,
            value,
            unit,
            approximate,
            bound,
            noun,
        });
        i = j.max(i + 1);
    }
    out
}

fn capitalise(w: &str) -> String {
    let mut c = w.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// An ordinal before a capitalised name or an event word: "the Ninth Trilateral
/// Summit", "the 11th … Meeting".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ordinal {
    pub start: usize,
    pub end: usize,
    pub value: i64,
}

pub fn ordinals(s: &str) -> Vec<Ordinal> {
    let w = words(s);
    let mut out = Vec::new();
    for (i, here) in w.iter().enumerate() {
        let l = here.lower();
        let digit_suffix =
            l.ends_with("st") || l.ends_with("nd") || l.ends_with("rd") || l.ends_with("th");
        let digits = l.starts_with(|c: char| c.is_ascii_digit()) && digit_suffix;
        let words_ok = here.capitalised() && numbers::ordinals(&l).len() == 1 && !l.contains(' ');
        if !(digits || words_ok) || l == "first" && !here.capitalised() {
            continue;
        }
        let Some(&n) = numbers::ordinals(&l).first() else {
            continue;
        };
        let next = w.get(i + 1);
        let names = next.is_some_and(|n| n.capitalised())
            || next.is_some_and(|n| {
                matches!(
                    n.lower().as_str(),
                    "summit"
                        | "meeting"
                        | "round"
                        | "session"
                        | "conference"
                        | "plenum"
                        | "congress"
                        | "term"
                )
            });
        if names && !next.is_some_and(|n| n.lower().starts_with("anniversary")) {
            out.push(Ordinal {
                start: here.start,
                end: here.end,
                value: n,
            });
        }
    }
    out
}

// ------------------------------------------------------------------ attributions

/// Who makes a claim, as the words give it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Voice {
    /// Someone the attribution names (its entity is found from the mentions).
    Named,
    /// "some argue", "critics say", "it was widely predicted".
    Unnamed,
    /// The text's own voice: "we reaffirmed", or the author's "should".
    Author,
}

/// A claim the sentence attributes: its words of attribution and what is said, as byte
/// ranges of the sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Attribution {
    pub attribution: Option<(usize, usize)>,
    /// The verb of saying, when there is one: the speaker is named before it, or
    /// right after it ("said a spokesperson").
    pub verb: Option<(usize, usize)>,
    pub quote: (usize, usize),
    pub voice: Voice,
}

const SPEECH: [&str; 34] = [
    "said",
    "says",
    "say",
    "told",
    "tells",
    "argued",
    "argues",
    "argue",
    "stated",
    "states",
    "noted",
    "notes",
    "stressed",
    "stresses",
    "added",
    "warned",
    "warns",
    "claimed",
    "claims",
    "believes",
    "believe",
    "contend",
    "contends",
    "insisted",
    "emphasized",
    "emphasised",
    "continued",
    "predicted",
    "suggested",
    "suggest",
    "maintained",
    "asserted",
    "wrote",
    "expressed",
];

const UNNAMED: [&str; 10] = [
    "some",
    "critics",
    "others",
    "many",
    "analysts",
    "experts",
    "observers",
    "skeptics",
    "sceptics",
    "commentators",
];

/// The end of a sentence without its closing full stop.
fn body_end(s: &str) -> usize {
    s.trim_end().trim_end_matches(['.', '!']).len()
}

fn trim_range(s: &str, a: usize, b: usize) -> Option<(usize, usize)> {
    let part = &s[a..b];
    let lead = part.len()
        - part
            .trim_start_matches(|c: char| c.is_whitespace() || c == ',')
            .len();
    let rest = part[lead..].trim_end_matches(|c: char| c.is_whitespace() || c == ',');
    (rest.chars().any(char::is_alphanumeric)).then_some((a + lead, a + lead + rest.len()))
}

/// An attribution pattern's answer: `None` to try the next, `Some(found)` to decide.
// `Some(None)`: the pattern applies, and the sentence then has no attribution.
type Decision = Option<Option<Attribution>>;

/// The attribution the sentence makes, if any.
pub fn attribution(s: &str) -> Option<Attribution> {
    let w = words(s);
    if w.len() < 3 {
        return None;
    }
    let end = body_end(s);
    quote_then_speaker(s, end)
        .or_else(|| according_to(s, end))
        .or_else(|| it_is_said(s, &w, end))
        .or_else(|| reported_view(s, &w, end))
        .or_else(|| own_voice(s, &w, end))
        .or_else(|| speaker_said_last(s, &w, end))
        .unwrap_or_else(|| speaker_said(s, &w, end))
}

/// “…,” said X. / “…,” X said: a quotation, then who said it.
fn quote_then_speaker(s: &str, end: usize) -> Decision {
    let open = s.trim_start();
    if !(open.starts_with('\u{201C}') || open.starts_with('"')) {
        return None;
    }
    let lead = s.len() - open.len();
    for close in [",\u{201D}", ",\"", "\u{201D},", "\","] {
        if let Some(p) = s.find(close) {
            let after = p + close.len();
            let Some(attribution) = trim_range(s, after, end) else {
                return Some(None);
            };
            let said = words(&s[attribution.0..attribution.1])
                .into_iter()
                .find(|x| SPEECH.contains(&x.lower().as_str()))
                .map(|x| (attribution.0 + x.start, attribution.0 + x.end));
            if let Some(verb) = said {
                // The quotation ends where the closing mark (or the comma before it)
                // starts.
                let quote = s[lead..]
                    .chars()
                    .next()
                    .and_then(|c| trim_range(s, lead + c.len_utf8(), p));
                return Some(quote.map(|quote| Attribution {
                    attribution: Some(attribution),
                    verb: Some(verb),
                    quote,
                    voice: Voice::Named,
                }));
            }
        }
    }
    None
}

/// "According to X, …" / "…, according to X.": the source the text cites.
fn according_to(s: &str, end: usize) -> Decision {
    let p = s.find("ccording to ").map(|p| p - 1)?;
    let comma = s[p..].find(',').map(|c| p + c).unwrap_or(end);
    let attribution = trim_range(s, p, comma);
    let quote = if p < 2 {
        trim_range(s, comma, end)
    } else {
        trim_range(s, 0, p)
    };
    Some(
        attribution
            .zip(quote)
            .map(|(attribution, quote)| Attribution {
                attribution: Some(attribution),
                verb: None,
                quote,
                voice: Voice::Named,
            }),
    )
}

/// "It was widely predicted that …": a verb of view whose holder goes unnamed.
fn it_is_said(s: &str, w: &[Word<'_>], end: usize) -> Decision {
    if w[0].lower() != "it" {
        return None;
    }
    let head: Vec<String> = w.iter().take(5).map(Word::lower).collect();
    let passive = head
        .get(1)
        .is_some_and(|v| v == "was" || v == "is" || v == "has")
        && head.iter().any(|x| {
            matches!(
                x.as_str(),
                "predicted"
                    | "believed"
                    | "expected"
                    | "argued"
                    | "said"
                    | "thought"
                    | "claimed"
                    | "reported"
            )
        });
    if !passive {
        return None;
    }
    let that = w.iter().take(7).position(|x| x.is("that"))?;
    Some(trim_range(s, w[that].end, end).map(|quote| Attribution {
        attribution: Some((w[0].start, w[that].end)),
        verb: None,
        quote,
        voice: Voice::Unnamed,
    }))
}

/// "X has long been regarded as …": a view the text reports without saying whose.
fn reported_view(s: &str, w: &[Word<'_>], end: usize) -> Decision {
    // Also "X was once viewed as …".
    for (k, x) in w.iter().enumerate() {
        let passive = matches!(
            x.lower().as_str(),
            "regarded" | "viewed" | "seen" | "considered" | "described" | "labeled" | "labelled"
        );
        let aux = w[k.saturating_sub(3)..k]
            .iter()
            .any(|a| matches!(a.lower().as_str(), "been" | "is" | "was" | "are" | "were"));
        if passive && aux && w.get(k + 1).is_some_and(|a| a.is("as")) && k >= 2 {
            let first_aux = (k.saturating_sub(3)..k)
                .find(|&i| {
                    matches!(
                        w[i].lower().as_str(),
                        "has" | "have" | "had" | "been" | "is" | "was" | "are" | "were"
                    )
                })
                .unwrap_or(k);
            return Some(trim_range(s, 0, end).map(|quote| Attribution {
                attribution: Some((w[first_aux].start, w[k + 1].end)),
                verb: None,
                quote,
                voice: Voice::Unnamed,
            }));
        }
    }
    None
}

/// "We reaffirmed …", "Recognizing that …, we concurred …": the text's own voice.
fn own_voice(s: &str, w: &[Word<'_>], end: usize) -> Decision {
    let k = w
        .iter()
        .position(|x| x.is("we"))
        .filter(|k| *k == 0 || s[..w[*k].start].trim_end().ends_with(','))?;
    if k > 0 && w[0].lower().ends_with("ing") && w[1].is("that") {
        // A participle before "we": its "that" clause is what they say.
        return Some(
            trim_range(s, w[1].end, w[k].start).map(|quote| Attribution {
                attribution: Some((w[0].start, w[1].end)),
                verb: None,
                quote,
                voice: Voice::Author,
            }),
        );
    }
    let that = w[k..]
        .iter()
        .take(8)
        .position(|x| x.is("that"))
        .map(|p| k + p);
    let (att_end, quote) = match that {
        Some(t) => (w[t].end, trim_range(s, w[t].end, end)),
        None => {
            // "We reaffirmed our commitment to …": the verb and its object.
            let stop = w[k..]
                .iter()
                .take(5)
                .position(|x| x.is("to") || x.is("for") || x.is("in") || x.is("on"))
                .map(|p| k + p)
                .unwrap_or((k + 1).min(w.len() - 1));
            (
                w[stop.saturating_sub(1).max(k + 1).min(w.len() - 1)].end,
                trim_range(s, w[k].start, end),
            )
        }
    };
    Some(quote.map(|quote| Attribution {
        attribution: Some((w[k].start, att_end)),
        verb: None,
        quote,
        voice: Voice::Author,
    }))
}

/// "…, the ministry said.": the words before the comma are what is said.
fn speaker_said_last(s: &str, w: &[Word<'_>], end: usize) -> Decision {
    let last = w
        .last()
        .filter(|x| SPEECH.contains(&x.lower().as_str()) && x.end >= end)?;
    let c = s[..last.start].rfind(',')?;
    let speaker = words(&s[c + 1..last.start]);
    if speaker.is_empty() || speaker.len() > 8 {
        return None;
    }
    let quote = trim_range(s, 0, c);
    let attribution = trim_range(s, c + 1, last.end);
    Some(
        quote
            .zip(attribution)
            .map(|(quote, attribution)| Attribution {
                attribution: Some(attribution),
                verb: Some((last.start, last.end)),
                quote,
                voice: if UNNAMED.contains(&speaker[0].lower().as_str()) {
                    Voice::Unnamed
                } else {
                    Voice::Named
                },
            }),
    )
}

/// "X said (that) …", "X told Y (on DATE) that …", "some argue that …".
fn speaker_said(s: &str, w: &[Word<'_>], end: usize) -> Option<Attribution> {
    let verb = w
        .iter()
        .enumerate()
        .rev()
        .find(|(i, x)| *i > 0 && SPEECH.contains(&x.lower().as_str()) && x.end < end)?
        .0;
    let v = w[verb];
    let clause = speaker_clause(&s[..v.start]);
    let speaker = words(&s[clause..v.start]);
    let speaker_first = speaker.first()?;
    let unnamed = UNNAMED.contains(&speaker_first.lower().as_str());
    // A name, a pronoun, or a definite speaker ("the minister", "a spokesperson").
    let named = speaker
        .iter()
        .any(|x| x.capitalised() || x.is("it") || x.is("he") || x.is("she") || x.is("they"))
        || matches!(speaker_first.lower().as_str(), "the" | "a" | "an");
    if !unnamed && !named {
        return None;
    }
    let att_end = said_to_whom(s, w, verb);
    let quote = trim_range(s, att_end, end)?;
    let att_start = if v.is("told") && clause > 0 && speaker.len() < 3 {
        0
    } else {
        clause
    };
    let attribution = trim_range(s, att_start, att_end)?;
    Some(Attribution {
        attribution: Some(attribution),
        verb: Some((v.start, v.end)),
        quote,
        voice: if unnamed {
            Voice::Unnamed
        } else {
            Voice::Named
        },
    })
}

/// Where the speaker's words start in the text before the verb of saying.
fn speaker_clause(before: &str) -> usize {
    // The words since the last comma or dash, or the sentence's start when they are
    // none ("Liu Pengyu, a spokesperson …, told").
    before
        .rfind([',', '\u{2014}'])
        .filter(|&c| {
            before[c..]
                .chars()
                .filter(|ch| ch.is_alphanumeric())
                .count()
                > 0
        })
        .map(|c| c + before[c..].chars().next().map_or(1, char::len_utf8))
        .unwrap_or(0)
}

/// Where the attribution ends after the verb `w[verb]`: "said that", "told VOA".
fn said_to_whom(s: &str, w: &[Word<'_>], verb: usize) -> usize {
    let v = w[verb];
    let mut k = verb + 1;
    // "told VOA on May 14 that", "said on Friday that": the words up to a near "that"
    // (with no punctuation before it) belong to the attribution.
    let limit = if v.is("told") || v.is("tells") { 8 } else { 5 };
    let that_at = (verb + 1..w.len().min(verb + limit + 1)).find(|&i| w[i].is("that"));
    let clean =
        that_at.is_some_and(|t| !s[v.end..w[t].start].contains([',', ';', '\u{201C}', '"']));
    match that_at {
        Some(t) if clean => k = t,
        _ if v.is("told") || v.is("tells") => k = (verb + 2).min(w.len()),
        _ => {}
    }
    let that = w.get(k).filter(|x| x.is("that")).map(|x| x.end);
    that.unwrap_or(w[k - 1].end)
}

/// Whether the sentence is the author's own judgement ("should", "must", "it is
/// misleading to"): what an opinion piece argues.
pub fn evaluative(s: &str) -> bool {
    let lower = s.to_lowercase();
    words(&lower).iter().any(|w| {
        matches!(
            w.text,
            "should"
                | "must"
                | "ought"
                | "cannot"
                | "misleading"
                | "wrong"
                | "essential"
                | "crucial"
                | "imperative"
        )
    }) || lower.contains("need to")
        || lower.contains("needs to")
}

/// Whether the sentence speaks of the future or of a plan: its events are planned.
pub fn future(s: &str) -> bool {
    words(s).iter().any(|w| {
        matches!(
            w.lower().as_str(),
            "will"
                | "would"
                | "expected"
                | "plans"
                | "planned"
                | "scheduled"
                | "upcoming"
                | "ahead"
                | "next"
        )
    })
}
