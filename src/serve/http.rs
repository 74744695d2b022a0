//! The small pieces of HTTP the server needs beyond what tiny_http does: a reply,
//! content negotiation by `Accept`, and reading parameters from a query string or a
//! form body.

/// An answer to a request.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(&'static str, String)>,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn new(status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> Self {
        Self {
            status,
            headers: vec![("Content-Type", content_type.to_owned())],
            body: body.into(),
        }
    }

    /// A message for people, as plain text.
    pub fn text(status: u16, message: &str) -> Self {
        let mut body = message.to_owned();
        if !body.ends_with('\n') {
            body.push('\n');
        }
        Self::new(status, "text/plain; charset=utf-8", body)
    }

    pub fn html(status: u16, page: String) -> Self {
        Self::new(status, "text/html; charset=utf-8", page)
    }

    pub fn with(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.headers.push((name, value.into()));
        self
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// One media range of an `Accept` header, with its weight.
#[derive(Debug, Clone, PartialEq)]
struct Range {
    kind: String,
    sub: String,
    q: f32,
}

fn ranges(accept: &str) -> Vec<Range> {
    accept
        .split(',')
        .filter_map(|part| {
            let mut pieces = part.split(';');
            let media = pieces.next()?.trim().to_ascii_lowercase();
            let (kind, sub) = media.split_once('/')?;
            let mut q = 1.0;
            for p in pieces {
                if let Some((k, v)) = p.split_once('=') {
                    if k.trim().eq_ignore_ascii_case("q") {
                        q = v.trim().parse().unwrap_or(0.0);
                    }
                }
            }
            Some(Range {
                kind: kind.trim().to_owned(),
                sub: sub.trim().to_owned(),
                q,
            })
        })
        .collect()
}

/// The offer the client prefers: each offer gets the weight of the most specific range
/// that matches it; the heaviest wins, and among equals the server's order (the first
/// offer is the server's preference). No `Accept` takes the first offer; nothing
/// acceptable is `None` (406).
pub fn negotiate<'a>(accept: Option<&str>, offers: &[&'a str]) -> Option<&'a str> {
    let Some(accept) = accept.filter(|a| !a.trim().is_empty()) else {
        return offers.first().copied();
    };
    let ranges = ranges(accept);
    let mut best: Option<(&str, f32)> = None;
    for offer in offers {
        let (kind, sub) = offer.split_once('/').unwrap_or((offer, ""));
        let matched = ranges
            .iter()
            .filter_map(|r| {
                let specificity = if r.kind == kind && r.sub == sub {
                    3
                } else if r.kind == kind && r.sub == "*" {
                    2
                } else if r.kind == "*" && r.sub == "*" {
                    1
                } else {
                    return None;
                };
                Some((specificity, r.q))
            })
            .max_by_key(|(s, _)| *s)
            .map(|(_, q)| q);
        if let Some(q) = matched.filter(|q| *q > 0.0) {
            if best.is_none_or(|(_, b)| q > b) {
                best = Some((offer, q));
            }
        }
    }
    best.map(|(o, _)| o)
}

/// The parameters of a query string or an `application/x-www-form-urlencoded` body, in
/// order, decoded.
pub fn params(encoded: &str) -> Vec<(String, String)> {
    url::form_urlencoded::parse(encoded.as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

/// The values of one parameter.
pub fn all<'a>(params: &'a [(String, String)], name: &str) -> Vec<&'a str> {
    params
        .iter()
        .filter(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
        .collect()
}

/// A request target split into its decoded path and its query string.
pub fn split_target(target: &str) -> (String, &str) {
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    let path = percent_decode(path);
    (path, query)
}

fn percent_decode(path: &str) -> String {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = |b: u8| (b as char).to_digit(16);
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_client_s_weights_then_the_server_s_order_decide() {
        let offers = ["text/html", "text/turtle", "application/ld+json"];
        assert_eq!(negotiate(None, &offers), Some("text/html"));
        assert_eq!(negotiate(Some("text/turtle"), &offers), Some("text/turtle"));
        assert_eq!(
            negotiate(
                Some("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"),
                &offers
            ),
            Some("text/html")
        );
        assert_eq!(
            negotiate(
                Some("application/ld+json;q=0.9, text/turtle;q=0.5"),
                &offers
            ),
            Some("application/ld+json")
        );
        assert_eq!(negotiate(Some("*/*"), &offers), Some("text/html"));
        assert_eq!(
            negotiate(Some("text/*;q=0.3, text/turtle"), &offers),
            Some("text/turtle")
        );
        assert_eq!(negotiate(Some("image/png"), &offers), None);
        assert_eq!(negotiate(Some("text/turtle;q=0"), &["text/turtle"]), None);
    }

    #[test]
    fn targets_and_forms_are_decoded() {
        assert_eq!(
            split_target("/id/r%C3%A9?x=1"),
            ("/id/ré".to_owned(), "x=1")
        );
        assert_eq!(split_target("/a%2"), ("/a%2".to_owned(), ""));
        assert_eq!(
            params("query=SELECT+*+%7B%7D&default-graph-uri=a&default-graph-uri=b"),
            vec![
                ("query".to_owned(), "SELECT * {}".to_owned()),
                ("default-graph-uri".to_owned(), "a".to_owned()),
                ("default-graph-uri".to_owned(), "b".to_owned())
            ]
        );
    }
}
