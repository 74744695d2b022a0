"""Runs HermiT and Pellet, as owlready2 (PyPI) ships them, on an RDF file (N-Triples or
RDF/XML) and says whether each finds it consistent: exit status 1 when one does not.

    python3 tests/owl/reason.py FILE.nt

HermiT runs with ignore_unsupported_datatypes: OWL 2's datatype map has no xsd:gYear,
xsd:gYearMonth or xsd:date, which the graph uses to keep a date's precision, and HermiT
stops at a datatype it does not know unless told to pass over it (the values are then
opaque to it, which is all OWL 2 can say of them). Pellet runs with its defaults: it
knows these types. See docs/ontology.md.
"""

import os
import sys
import time

import owlready2
from owlready2 import OwlReadyInconsistentOntologyError, World


def reasoners():
    return [
        (
            "HermiT",
            lambda w: owlready2.sync_reasoner_hermit(
                w, ignore_unsupported_datatypes=True, debug=0
            ),
        ),
        ("Pellet", lambda w: owlready2.sync_reasoner_pellet(w, debug=0)),
    ]


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: reason.py FILE")
    path = os.path.abspath(sys.argv[1])
    status = 0
    for name, run in reasoners():
        world = World()
        world.get_ontology("file://" + path).load()
        started = time.monotonic()
        try:
            run(world)
            verdict = "consistent"
        except OwlReadyInconsistentOntologyError:
            verdict = "INCONSISTENT"
            status = 1
        except Exception as e:  # the reasoner refused the file: a failure too
            verdict = f"failed: {e}"
            status = 1
        took = time.monotonic() - started
        print(f"{name}: {sys.argv[1]}: {verdict} ({took:.1f} s)")
    return status


if __name__ == "__main__":
    sys.exit(main())
