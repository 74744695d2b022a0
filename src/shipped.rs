//! The shipped queries: one per competency question of the design brief and the ones a
//! user reaches for next, compiled in from `queries/` by `build.rs`. Each file opens with
//! a comment that states its question.

/// (file stem, text) of every shipped query, sorted by name.
pub const QUERIES: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/queries.rs"));

/// A shipped query.
#[derive(Debug, Clone, Copy)]
pub struct Shipped {
    pub name: &'static str,
    pub text: &'static str,
}

impl Shipped {
    /// The short name: `cq01` for `cq01-diplomatic-relations`, the whole name otherwise.
    pub fn short(&self) -> &'static str {
        match self.name.split_once('-') {
            Some((head, _)) if head.starts_with("cq") => head,
            _ => self.name,
        }
    }

    /// The question the query answers: the first paragraph of its opening comment (up to
    /// an empty comment line), without the `# cq01:` lead.
    pub fn question(&self) -> String {
        let comment: Vec<&str> = self
            .text
            .lines()
            .take_while(|l| l.starts_with('#'))
            .map(|l| l.trim_start_matches('#').trim())
            .take_while(|l| !l.is_empty())
            .collect();
        let joined = comment.join(" ");
        match joined.split_once(": ") {
            Some((head, rest)) if !head.contains(' ') => rest.to_owned(),
            _ => joined,
        }
    }
}

pub fn all() -> impl Iterator<Item = Shipped> {
    QUERIES.iter().map(|&(name, text)| Shipped { name, text })
}

/// Finds a shipped query by its name, its short name or a unique prefix of its name.
pub fn find(name: &str) -> Result<Shipped, Vec<Shipped>> {
    if let Some(q) = all().find(|q| q.name == name || q.short() == name) {
        return Ok(q);
    }
    let matches: Vec<Shipped> = all().filter(|q| q.name.starts_with(name)).collect();
    match matches.as_slice() {
        [one] => Ok(*one),
        _ => Err(matches),
    }
}
