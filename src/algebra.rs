//! A bounded walk over a parsed query's algebra, before it is evaluated: how deep it
//! nests (operator chains such as `1 + 1 + … + 1` or `{…} UNION {…} UNION …` nest as
//! deeply as brackets do, and so do the triple patterns of a group, which the engine
//! joins one after the other; every later step recurses once per level), and whether it
//! calls SERVICE anywhere, in a subquery or inside EXISTS included. The walk stops as
//! soon as the depth passes its limit, so it never recurses further than that itself.

use spargebra::algebra::{
    AggregateExpression, Expression, GraphPattern, OrderExpression, PropertyPathExpression,
};
use spargebra::Query;

/// What the walk found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shape {
    /// The depth, or `limit + 1` when it is deeper than the limit.
    pub depth: usize,
    pub service: bool,
}

/// Walks a query, no deeper than `limit`.
pub fn shape(query: &Query, limit: usize) -> Shape {
    let pattern = match query {
        Query::Select { pattern, .. }
        | Query::Construct { pattern, .. }
        | Query::Describe { pattern, .. }
        | Query::Ask { pattern, .. } => pattern,
    };
    let mut walk = Walk {
        limit,
        deepest: 0,
        service: false,
    };
    walk.pattern(pattern, 1);
    Shape {
        depth: walk.deepest,
        service: walk.service,
    }
}

struct Walk {
    limit: usize,
    deepest: usize,
    service: bool,
}

impl Walk {
    /// Notes a node at `depth`; false when the walk must stop.
    fn at(&mut self, depth: usize) -> bool {
        self.deepest = self.deepest.max(depth);
        depth <= self.limit
    }

    fn pattern(&mut self, p: &GraphPattern, depth: usize) {
        if !self.at(depth) {
            return;
        }
        let d = depth + 1;
        match p {
            // The engine joins a group's triple patterns one after the other, a level
            // each (a path `a/b/c` is a triple pattern per step): a group of 50,000 of
            // them overflowed any stack as surely as 50,000 brackets.
            GraphPattern::Bgp { patterns } => {
                self.at((depth + patterns.len()).min(self.limit + 1));
            }
            GraphPattern::Values { .. } => {}
            GraphPattern::Path { path, .. } => self.path(path, d),
            GraphPattern::Join { left, right }
            | GraphPattern::Union { left, right }
            | GraphPattern::Minus { left, right } => {
                self.pattern(left, d);
                self.pattern(right, d);
            }
            GraphPattern::LeftJoin {
                left,
                right,
                expression,
            } => {
                self.pattern(left, d);
                self.pattern(right, d);
                if let Some(e) = expression {
                    self.expression(e, d);
                }
            }
            GraphPattern::Filter { expr, inner } => {
                self.expression(expr, d);
                self.pattern(inner, d);
            }
            GraphPattern::Extend {
                inner, expression, ..
            } => {
                self.expression(expression, d);
                self.pattern(inner, d);
            }
            GraphPattern::OrderBy { inner, expression } => {
                for e in expression {
                    match e {
                        OrderExpression::Asc(e) | OrderExpression::Desc(e) => self.expression(e, d),
                    }
                }
                self.pattern(inner, d);
            }
            GraphPattern::Group {
                inner, aggregates, ..
            } => {
                for (_, a) in aggregates {
                    if let AggregateExpression::FunctionCall { expr, .. } = a {
                        self.expression(expr, d);
                    }
                }
                self.pattern(inner, d);
            }
            GraphPattern::Graph { inner, .. }
            | GraphPattern::Project { inner, .. }
            | GraphPattern::Distinct { inner }
            | GraphPattern::Reduced { inner }
            | GraphPattern::Slice { inner, .. } => self.pattern(inner, d),
            GraphPattern::Service { inner, .. } => {
                self.service = true;
                self.pattern(inner, d);
            }
            #[allow(unreachable_patterns)]
            _ => {}
        }
    }

    fn expression(&mut self, e: &Expression, depth: usize) {
        if !self.at(depth) {
            return;
        }
        let d = depth + 1;
        if let Expression::Exists(p) = e {
            self.pattern(p, d);
        }
        for child in operands(e) {
            self.expression(child, d);
        }
    }

    fn path(&mut self, p: &PropertyPathExpression, depth: usize) {
        if !self.at(depth) {
            return;
        }
        let d = depth + 1;
        match p {
            PropertyPathExpression::Reverse(a)
            | PropertyPathExpression::ZeroOrMore(a)
            | PropertyPathExpression::OneOrMore(a)
            | PropertyPathExpression::ZeroOrOne(a) => self.path(a, d),
            PropertyPathExpression::Sequence(a, b) | PropertyPathExpression::Alternative(a, b) => {
                self.path(a, d);
                self.path(b, d);
            }
            PropertyPathExpression::NamedNode(_)
            | PropertyPathExpression::NegatedPropertySet(_) => {}
        }
    }
}

/// The expressions an expression applies its operator or function to, in order (none
/// for a constant, a variable, BOUND or EXISTS, whose pattern is not an expression).
pub fn operands(e: &Expression) -> Vec<&Expression> {
    match e {
        Expression::Or(a, b)
        | Expression::And(a, b)
        | Expression::Equal(a, b)
        | Expression::SameTerm(a, b)
        | Expression::Greater(a, b)
        | Expression::GreaterOrEqual(a, b)
        | Expression::Less(a, b)
        | Expression::LessOrEqual(a, b)
        | Expression::Add(a, b)
        | Expression::Subtract(a, b)
        | Expression::Multiply(a, b)
        | Expression::Divide(a, b) => vec![a, b],
        Expression::UnaryPlus(a) | Expression::UnaryMinus(a) | Expression::Not(a) => vec![a],
        Expression::In(a, list) => std::iter::once(&**a).chain(list).collect(),
        Expression::If(a, b, c) => vec![a, b, c],
        Expression::Coalesce(list) | Expression::FunctionCall(_, list) => list.iter().collect(),
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(q: &str) -> Query {
        spargebra::SparqlParser::new().parse_query(q).unwrap()
    }

    #[test]
    fn chains_nest_as_deep_as_brackets() {
        let flat = parse("SELECT * WHERE { ?s ?p ?o }");
        assert!(shape(&flat, 100).depth <= 3);
        let chain = format!(
            "SELECT * WHERE {{ ?s ?p ?o FILTER(1{} > 0) }}",
            " + 1".repeat(300)
        );
        let s = shape(&parse(&chain), 100);
        assert_eq!(s.depth, 101, "the walk stops just past the limit");
        let unions = format!(
            "SELECT * WHERE {{ {}{{ ?s ?p ?o }} }}",
            "{ ?s ?p ?o } UNION ".repeat(50)
        );
        assert!(shape(&parse(&unions), 1000).depth > 50);
        let patterns = |n: usize| {
            let group: String = (0..n)
                .map(|i| format!("?a{i} <http://x/p> ?a{} . ", i + 1))
                .collect();
            parse(&format!("SELECT * WHERE {{ {group}}}"))
        };
        assert!(shape(&patterns(20), 100).depth <= 30);
        assert_eq!(shape(&patterns(500), 100).depth, 101);
        let path = format!(
            "SELECT * WHERE {{ ?s {} ?o }}",
            vec!["<http://x/p>"; 500].join("/")
        );
        assert_eq!(shape(&parse(&path), 100).depth, 101);
    }

    #[test]
    fn service_is_found_wherever_it_hides() {
        for q in [
            "SELECT * WHERE { SERVICE <http://x/> { ?s ?p ?o } }",
            "SELECT * WHERE { ?s ?p ?o FILTER EXISTS { SERVICE <http://x/> { ?s ?p ?o } } }",
            "SELECT * WHERE { { SELECT ?s WHERE { SERVICE SILENT <http://x/> { ?s ?p ?o } } } }",
        ] {
            assert!(shape(&parse(q), 100).service, "{q}");
        }
        assert!(
            !shape(
                &parse("SELECT * WHERE { ?s <http://x/SERVICE> \"SERVICE\" }"),
                100
            )
            .service
        );
    }
}
