//! ORDER BY on a store, done apart. Oxigraph's engine evaluates the sort keys of both
//! rows at every comparison of its sort; on a RocksDB store each key that is a long
//! string (a claim's text, an IRI) is read from the store again every time, about
//! 2 n log₂ n reads for n rows. At 1,000 articles that was 40 % of cq07 and made its
//! time grow faster than the corpus (docs/performance.md).
//!
//! So a SELECT query whose ORDER BY sits right under its projection, with nothing above
//! but projections, DISTINCT, REDUCED and LIMIT/OFFSET, is run in two steps: first the
//! pattern under ORDER BY, projected on the variables the projection and the sort keys
//! need, on the store, each row read once; then the sort and what is above it, in
//! memory. When every key is a variable whose values are IRIs, strings or language-tagged
//! strings, the rows are sorted here, by SPARQL's order as the engine defines it
//! (`cmp_terms` in spareval: unbound, blank nodes, IRIs, literals; a literal by its text,
//! its datatype, its language), with the same sort the engine calls; any other key is
//! left to the engine, over the rows as a VALUES block in an empty dataset. Either way
//! the rows and their order, ties included, are those of the query run at once: the
//! same rows reach the same sort in the same order. A unit test of `index` runs every
//! shipped query both ways and compares the rows in order.

use oxigraph::model::vocab::{rdf, xsd};
use oxigraph::model::Term;
use spargebra::algebra::{Expression, GraphPattern, OrderExpression};
use spargebra::term::{GroundTerm, Variable};
use spargebra::Query;
use std::cmp::Ordering;
use std::sync::Arc;

/// A row: the value of each variable, in the order of a list of variables.
pub type Row = Vec<Option<Term>>;

/// The variables of an answer and its rows.
pub type Answer = (Arc<[Variable]>, Vec<Row>);

/// A SELECT query cut at its ORDER BY.
#[derive(Clone)]
pub struct Split {
    /// The pattern under ORDER BY, projected on `variables`.
    pub first: Query,
    /// What the rest needs of each row: the projected variables, then those the sort
    /// keys use.
    pub variables: Vec<Variable>,
    /// The query as it was.
    query: Query,
    /// Each sort key as the place of its variable in a row and whether it descends,
    /// when every key is a variable.
    keys: Option<Vec<(usize, bool)>>,
    /// What is above ORDER BY, from the bottom up.
    steps: Vec<Step>,
}

/// One operation above ORDER BY.
#[derive(Clone)]
enum Step {
    Project(Vec<Variable>),
    Distinct,
    Reduced,
    Slice { start: usize, length: Option<usize> },
}

/// The query cut at its ORDER BY, when it has one right under a projection, with
/// nothing above but projections, DISTINCT, REDUCED and LIMIT/OFFSET, and its sort keys
/// read nothing but the row (no EXISTS).
pub fn split(query: &Query) -> Option<Split> {
    let Query::Select {
        dataset,
        pattern,
        base_iri,
    } = query
    else {
        return None;
    };
    // The projection right above ORDER BY: it says what the rest sees of a row.
    let mut projected = None;
    let mut steps = Vec::new();
    let mut node = pattern;
    let (inner, keys) = loop {
        match node {
            GraphPattern::Slice {
                inner,
                start,
                length,
            } => {
                steps.push(Step::Slice {
                    start: *start,
                    length: *length,
                });
                projected = None;
                node = inner;
            }
            GraphPattern::Distinct { inner } => {
                steps.push(Step::Distinct);
                projected = None;
                node = inner;
            }
            GraphPattern::Reduced { inner } => {
                steps.push(Step::Reduced);
                projected = None;
                node = inner;
            }
            GraphPattern::Project { inner, variables } => {
                steps.push(Step::Project(variables.clone()));
                projected = Some(variables);
                node = inner;
            }
            GraphPattern::OrderBy { inner, expression } => break (inner, expression),
            _ => return None,
        }
    };
    steps.reverse();
    let mut variables = projected?.clone();
    for key in keys {
        let (OrderExpression::Asc(e) | OrderExpression::Desc(e)) = key;
        uses(e, &mut variables)?;
    }
    let keys = keys
        .iter()
        .map(|key| match key {
            OrderExpression::Asc(Expression::Variable(v)) => Some((place(&variables, v)?, false)),
            OrderExpression::Desc(Expression::Variable(v)) => Some((place(&variables, v)?, true)),
            _ => None,
        })
        .collect();
    Some(Split {
        first: Query::Select {
            dataset: dataset.clone(),
            pattern: GraphPattern::Project {
                inner: inner.clone(),
                variables: variables.clone(),
            },
            base_iri: base_iri.clone(),
        },
        variables,
        query: query.clone(),
        keys,
        steps,
    })
}

impl Split {
    /// Sorts the rows of the first step here and does what is above the sort, when
    /// every key is a variable and every value of a key is unbound, an IRI, a blank
    /// node, a string or a language-tagged string: the variables of the answer and its
    /// rows. Otherwise the rows come back as they were.
    pub fn sort(&self, mut rows: Vec<Row>) -> Result<Answer, Vec<Row>> {
        let Some(keys) = &self.keys else {
            return Err(rows);
        };
        let plain = |t: &Option<Term>| match t {
            None | Some(Term::NamedNode(_) | Term::BlankNode(_)) => true,
            Some(Term::Literal(l)) => {
                l.datatype() == xsd::STRING || l.datatype() == rdf::LANG_STRING
            }
            #[allow(unreachable_patterns)]
            Some(_) => false,
        };
        if !rows
            .iter()
            .all(|row| keys.iter().all(|&(i, _)| plain(&row[i])))
        {
            return Err(rows);
        }
        rows.sort_unstable_by(|a, b| {
            for &(i, descending) in keys {
                let order = compare(a[i].as_ref(), b[i].as_ref());
                let order = if descending { order.reverse() } else { order };
                if order != Ordering::Equal {
                    return order;
                }
            }
            Ordering::Equal
        });
        let mut layout = self.variables.clone();
        for step in &self.steps {
            match step {
                Step::Project(to) => {
                    let from: Vec<Option<usize>> = to.iter().map(|v| place(&layout, v)).collect();
                    for row in &mut rows {
                        *row = from
                            .iter()
                            .map(|i| i.and_then(|i| row[i].clone()))
                            .collect();
                    }
                    layout = to.clone();
                }
                Step::Distinct => {
                    let mut seen = std::collections::HashSet::new();
                    rows.retain(|row| seen.insert(row.clone()));
                }
                Step::Reduced => rows.dedup(),
                Step::Slice { start, length } => {
                    let kept = rows.len().saturating_sub(*start);
                    let kept = length.map_or(kept, |n| kept.min(n));
                    rows.drain(..(*start).min(rows.len()));
                    rows.truncate(kept);
                }
            }
        }
        Ok((layout.into(), rows))
    }

    /// A row of the first step as a row of the VALUES block; none if it holds a blank
    /// node, which VALUES cannot (the query is then run at once).
    pub fn values(row: Row) -> Option<Vec<Option<GroundTerm>>> {
        row.into_iter()
            .map(|t| match t {
                None => Some(None),
                Some(Term::NamedNode(n)) => Some(Some(GroundTerm::NamedNode(n))),
                Some(Term::Literal(l)) => Some(Some(GroundTerm::Literal(l))),
                Some(_) => None,
            })
            .collect()
    }

    /// The second step: the query's ORDER BY and what is above it, over the rows.
    pub fn then(&self, rows: Vec<Vec<Option<GroundTerm>>>) -> Query {
        let values = GraphPattern::Values {
            variables: self.variables.clone(),
            bindings: rows,
        };
        let mut query = self.query.clone();
        if let Query::Select {
            dataset, pattern, ..
        } = &mut query
        {
            *dataset = None;
            *pattern = under_order_by(pattern, values);
        }
        query
    }
}

/// SPARQL's order of two values, as the engine has it for IRIs, blank nodes and the
/// literals `Split::sort` takes: unbound first, then blank nodes, IRIs, literals; two
/// literals by their text, then their datatype's IRI, then their language.
fn compare(a: Option<&Term>, b: Option<&Term>) -> Ordering {
    let rank = |t: &Term| match t {
        Term::BlankNode(_) => 0,
        Term::NamedNode(_) => 1,
        _ => 2,
    };
    match (a, b) {
        (None, None) => Ordering::Equal,
        (None, Some(_)) => Ordering::Less,
        (Some(_), None) => Ordering::Greater,
        (Some(a), Some(b)) => {
            rank(a).cmp(&rank(b)).then_with(|| match (a, b) {
                (Term::BlankNode(a), Term::BlankNode(b)) => a.as_str().cmp(b.as_str()),
                (Term::NamedNode(a), Term::NamedNode(b)) => a.as_str().cmp(b.as_str()),
                (Term::Literal(a), Term::Literal(b)) => (a.value(), a.datatype(), a.language())
                    .cmp(&(b.value(), b.datatype(), b.language())),
                _ => Ordering::Equal,
            })
        }
    }
}

/// Where a variable is in a row.
fn place(variables: &[Variable], v: &Variable) -> Option<usize> {
    variables.iter().position(|w| w == v)
}

/// The pattern with what is under its ORDER BY replaced (`split` checked the shape).
fn under_order_by(pattern: &GraphPattern, values: GraphPattern) -> GraphPattern {
    match pattern {
        GraphPattern::Slice {
            inner,
            start,
            length,
        } => GraphPattern::Slice {
            inner: Box::new(under_order_by(inner, values)),
            start: *start,
            length: *length,
        },
        GraphPattern::Distinct { inner } => GraphPattern::Distinct {
            inner: Box::new(under_order_by(inner, values)),
        },
        GraphPattern::Reduced { inner } => GraphPattern::Reduced {
            inner: Box::new(under_order_by(inner, values)),
        },
        GraphPattern::Project { inner, variables } => GraphPattern::Project {
            inner: Box::new(under_order_by(inner, values)),
            variables: variables.clone(),
        },
        GraphPattern::OrderBy { expression, .. } => GraphPattern::OrderBy {
            inner: Box::new(values),
            expression: expression.clone(),
        },
        other => other.clone(),
    }
}

/// Adds the variables an expression reads to `into` (each once); none if it reads the
/// dataset (EXISTS).
fn uses(e: &Expression, into: &mut Vec<Variable>) -> Option<()> {
    match e {
        Expression::Variable(v) | Expression::Bound(v) => {
            if !into.contains(v) {
                into.push(v.clone());
            }
        }
        Expression::Exists(_) => return None,
        _ => {
            for operand in crate::algebra::operands(e) {
                uses(operand, into)?;
            }
        }
    }
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::model::{BlankNode, Literal, NamedNode};

    fn parse(text: &str) -> Query {
        spargebra::SparqlParser::new().parse_query(text).unwrap()
    }

    #[test]
    fn a_sorted_select_is_cut_at_its_order_by() {
        let q = parse(
            "SELECT DISTINCT ?a WHERE { ?a ?p ?b } ORDER BY DESC(STRLEN(?b)) ?a LIMIT 3 OFFSET 1",
        );
        let split = split(&q).unwrap();
        let names: Vec<&str> = split.variables.iter().map(Variable::as_str).collect();
        assert_eq!(names, ["a", "b"]);
        assert_eq!(
            split.first.to_string(),
            parse("SELECT ?a ?b WHERE { ?a ?p ?b }").to_string()
        );
        // A key that is an expression is the engine's to sort.
        let rows = vec![vec![None, None]];
        assert_eq!(split.sort(rows.clone()).unwrap_err(), rows);
        let then = split
            .then(vec![Split::values(rows[0].clone()).unwrap()])
            .to_string();
        for part in ["VALUES", "ORDER BY", "DISTINCT", "LIMIT 3", "OFFSET 1"] {
            assert!(then.contains(part), "{then}");
        }
    }

    #[test]
    fn what_cannot_be_cut_is_run_at_once() {
        for text in [
            "SELECT ?a WHERE { ?a ?p ?b }",
            "SELECT ?a WHERE { ?a ?p ?b } ORDER BY (EXISTS { ?a ?q ?c })",
            "ASK { ?a ?p ?b }",
        ] {
            assert!(split(&parse(text)).is_none(), "{text}");
        }
        assert!(Split::values(vec![Some(BlankNode::default().into())]).is_none());
    }

    /// The rows sorted here come in the order the engine gives them, ties included, and
    /// DISTINCT, REDUCED, the projection and LIMIT/OFFSET do what the engine does.
    #[test]
    fn the_sort_here_is_the_engines() {
        let n = |s: &str| {
            Some(Term::from(NamedNode::new_unchecked(format!(
                "http://e.org/{s}"
            ))))
        };
        let plain = |s: &str| Some(Term::from(Literal::new_simple_literal(s)));
        let lang = |s: &str, l: &str| {
            Some(Term::from(Literal::new_language_tagged_literal_unchecked(
                s, l,
            )))
        };
        let values = [
            None,
            n("b"),
            n("a"),
            plain("b"),
            plain("a"),
            plain(""),
            plain("é"),
            plain("Z"),
            lang("a", "fr"),
            lang("a", "en"),
            lang("b", "en"),
            plain("a"),
            n("a"),
        ];
        let mut rows: Vec<Row> = Vec::new();
        for (i, x) in values.iter().enumerate() {
            for y in values.iter().skip(i % 5).step_by(3) {
                rows.push(vec![
                    x.clone(),
                    y.clone(),
                    plain(&format!("{}", rows.len() % 4)),
                ]);
            }
        }
        let engine = |split: &Split, rows: &[Row]| -> Vec<Row> {
            let rows = rows
                .iter()
                .map(|r| Split::values(r.clone()).unwrap())
                .collect();
            let prepared = oxigraph::sparql::SparqlEvaluator::new().for_query(split.then(rows));
            let dataset = crate::index::Dataset(Arc::new(crate::index::Index::new(Vec::new())));
            match prepared.on_queryable_dataset(dataset).execute().unwrap() {
                oxigraph::sparql::QueryResults::Solutions(s) => {
                    s.map(|s| s.unwrap().values().to_vec()).collect()
                }
                _ => unreachable!(),
            }
        };
        for text in [
            "SELECT ?x ?y ?z WHERE { ?x ?y ?z } ORDER BY ?x ?y",
            "SELECT ?x ?y ?z WHERE { ?x ?y ?z } ORDER BY DESC(?y) ?x",
            "SELECT ?z WHERE { ?x ?y ?z } ORDER BY ?y",
            "SELECT DISTINCT ?x ?z WHERE { ?x ?y ?z } ORDER BY ?z ?x LIMIT 7 OFFSET 2",
            "SELECT REDUCED ?y WHERE { ?x ?y ?z } ORDER BY DESC(?y)",
            "SELECT ?x WHERE { ?x ?y ?z } ORDER BY ?x OFFSET 500",
        ] {
            let split = split(&parse(text)).unwrap();
            let names: Vec<&str> = split.variables.iter().map(Variable::as_str).collect();
            let laid: Vec<Row> = rows
                .iter()
                .map(|r| {
                    names
                        .iter()
                        .map(|v| r[["x", "y", "z"].iter().position(|w| w == v).unwrap()].clone())
                        .collect()
                })
                .collect();
            let (_, here) = split.sort(laid.clone()).unwrap();
            assert_eq!(here, engine(&split, &laid), "{text}");
        }
    }

    #[test]
    fn blank_nodes_come_before_iris_and_literals_after() {
        let b = Some(Term::from(BlankNode::new_unchecked("b1")));
        let i = Some(Term::from(NamedNode::new_unchecked("http://e.org/a")));
        let l = Some(Term::from(Literal::new_simple_literal("a")));
        assert_eq!(compare(None, b.as_ref()), Ordering::Less);
        assert_eq!(compare(b.as_ref(), i.as_ref()), Ordering::Less);
        assert_eq!(compare(i.as_ref(), l.as_ref()), Ordering::Less);
        // A typed literal other than a string is the engine's to order.
        let split = split(&parse("SELECT ?x WHERE { ?x ?y ?z } ORDER BY ?x")).unwrap();
        let rows = vec![vec![Some(Term::from(Literal::from(1)))]];
        assert!(split.sort(rows).is_err());
    }
}
