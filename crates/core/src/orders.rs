//! The orders in which the graph held in memory keeps its quads, shared by `build.rs`
//! (which writes the embedded default's quads in them) and the binary's index (which
//! reads them, and sorts any other graph in them).

/// The orders, as positions in (subject, predicate, object, graph): SPOG, POSG, OSPG,
/// GSPO, GPOS, GOSP. Whatever positions a pattern binds, one of them starts with all
/// of them.
pub const ORDERS: [[usize; 4]; 6] = [
    [0, 1, 2, 3],
    [1, 2, 0, 3],
    [2, 0, 1, 3],
    [3, 0, 1, 2],
    [3, 1, 2, 0],
    [3, 2, 0, 1],
];
