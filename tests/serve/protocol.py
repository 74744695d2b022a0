#!/usr/bin/env python3
"""nea-kg serve against real SPARQL clients: curl, rdflib's SPARQLStore, SPARQLWrapper,
and Apache Jena's remote query (`rsparql`, when Debian's libapache-jena-java is there).

    python3 tests/serve/protocol.py target/release/nea-kg

Starts `nea-kg serve --bind 127.0.0.1:0`, reads the URL it prints, and checks what each
client gets against `nea-kg query` on the same graph, plus the rules of the SPARQL 1.1
Protocol a client can see: status codes, content types, both query forms, the dataset
parameters, the refusal of updates. The server is stopped with SIGTERM at the end (and
killed if it lingers); the whole run gives up after 5 minutes. Prints one line per
check and closes with "N passed, N failed".
"""

import csv
import glob
import io
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BINARY = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "target/release/nea-kg"))
ENTITIES = "https://w3id.org/nea-kg/graph/entities"
ONTOLOGY = "https://w3id.org/nea-kg/graph/ontology"
CQ01 = open(os.path.join(ROOT, "queries/cq01-diplomatic-relations.rq"), encoding="utf-8").read()

passed, failed = 0, 0


def check(name, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
        print(f"ok      {name}")
    else:
        failed += 1
        print(f"FAILED  {name}: {detail}")


def cli_csv(query):
    out = subprocess.run([BINARY, "query", query, "--format", "csv"], capture_output=True, text=True, check=True, timeout=60)
    return list(csv.reader(io.StringIO(out.stdout)))


class Server:
    def __init__(self, *args):
        self.process = subprocess.Popen(
            [BINARY, "serve", "--bind", "127.0.0.1:0", *args],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        self.log = []
        found = threading.Event()

        def read():
            for line in self.process.stderr:
                self.log.append(line)
                m = re.search(r"http://(127\.0\.0\.1:\d+)/", line)
                if m and not found.is_set():
                    self.addr = m.group(1)
                    found.set()
        threading.Thread(target=read, daemon=True).start()
        if not found.wait(30):
            self.process.kill()
            raise SystemExit("nea-kg serve printed no URL:\n" + "".join(self.log))
        self.endpoint = f"http://{self.addr}/sparql"

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            return None


def curl(*args):
    """curl's status, content type and body."""
    out = subprocess.run(
        ["curl", "-s", "-S", "--max-time", "60", "-o", "-", "-w", "\n%{http_code} %{content_type}", *args],
        capture_output=True, text=True, timeout=90)
    body, _, tail = out.stdout.rpartition("\n")
    status, _, ctype = tail.partition(" ")
    return int(status or 0), ctype.split(";")[0], body


def main():
    watchdog = threading.Timer(300, lambda: os._exit(3))
    watchdog.daemon = True
    watchdog.start()
    server = Server()
    e = server.endpoint
    try:
        expected = cli_csv("cq01")

        # curl: both query forms, content negotiation, the dataset, updates.
        status, ctype, body = curl("-G", "--data-urlencode", f"query={CQ01}", "-H", "Accept: text/csv", e)
        check("curl GET ?query= gives CSV", status == 200 and ctype == "text/csv" and list(csv.reader(io.StringIO(body))) == expected, f"{status} {ctype} {body[:300]}")
        status, ctype, body = curl("--data-urlencode", f"query={CQ01}", e)
        check("curl POST form gives SPARQL JSON by default", status == 200 and ctype == "application/sparql-results+json" and len(json.loads(body)["results"]["bindings"]) == len(expected) - 1, f"{status} {ctype}")
        status, ctype, body = curl("-H", "Content-Type: application/sparql-query", "-H", "Accept: application/sparql-results+xml", "--data-binary", CQ01, e)
        check("curl POST application/sparql-query gives SPARQL XML", status == 200 and ctype == "application/sparql-results+xml" and body.count("<result>") == len(expected) - 1, f"{status} {ctype}")
        status, ctype, body = curl("-H", "Accept: text/tab-separated-values", "--data-urlencode", "query=SELECT ?c WHERE { ?c a nea:Country }", e)
        check("curl TSV", status == 200 and ctype == "text/tab-separated-values" and len(body.strip().splitlines()) == 6, f"{status} {ctype} {body[:200]}")
        count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
        n = {}
        for name, params in [("all", []), ("entities", ["--data-urlencode", f"default-graph-uri={ENTITIES}"]),
                             ("ontology", ["--data-urlencode", f"default-graph-uri={ONTOLOGY}"]),
                             ("both", ["--data-urlencode", f"default-graph-uri={ENTITIES}", "--data-urlencode", f"default-graph-uri={ONTOLOGY}"]),
                             ("named only", ["--data-urlencode", f"named-graph-uri={ENTITIES}"])]:
            status, _, body = curl("-G", "--data-urlencode", f"query={count}", *params, e)
            n[name] = int(json.loads(body)["results"]["bindings"][0]["n"]["value"]) if status == 200 else -1
        check("default-graph-uri merges the graphs it names", n["entities"] + n["ontology"] == n["both"] and 0 < n["both"] < n["all"], str(n))
        check("named-graph-uri alone leaves the default graph empty", n["named only"] == 0, str(n))
        status, _, body = curl("--data-urlencode", "update=DELETE WHERE { ?s ?p ?o }", e)
        check("an update (update=) is refused with 403", status == 403 and "read-only" in body, f"{status} {body}")
        status, _, body = curl("-H", "Content-Type: application/sparql-update", "--data-binary", "INSERT DATA { <urn:a> <urn:b> <urn:c> }", e)
        check("an update (application/sparql-update) is refused with 403", status == 403 and "read-only" in body, f"{status} {body}")
        status, _, _ = curl("-G", "--data-urlencode", "query=SELECT * WHERE { ?s ?p", e)
        check("a malformed query is 400", status == 400, str(status))
        status, ctype, body = curl("-H", "Accept: text/turtle", e)
        check("the service description", status == 200 and ctype == "text/turtle" and "sparql-service-description#Service" in body, f"{status} {ctype}")
        status, ctype, body = curl("-H", "Accept: text/turtle", f"http://{server.addr}/id/rok")
        check("linked data: /id/rok as Turtle", status == 200 and ctype == "text/turtle" and "kg:rok a nea:Country" in body, f"{status} {ctype}")
        status, ctype, body = curl("-H", "Accept: application/n-triples", f"http://{server.addr}/store?graph=" + urllib.parse.quote(ENTITIES, safe=""))
        check("Graph Store GET ?graph=", status == 200 and ctype == "application/n-triples" and body.count("\n") > 100, f"{status} {ctype}")

        # rdflib's SPARQLStore: a SELECT, an ASK, a CONSTRUCT.
        import rdflib
        from rdflib.plugins.stores.sparqlstore import SPARQLStore
        store = SPARQLStore(e, returnFormat="json")
        graph = rdflib.Graph(store=store)
        rows = [[str(v) for v in r] for r in graph.query(CQ01)]
        check("rdflib SPARQLStore SELECT", rows == expected[1:], f"{rows} != {expected[1:]}")
        ask = graph.query("ASK { <https://w3id.org/nea-kg/id/rok> a <https://w3id.org/nea-kg/ontology#Country> }")
        check("rdflib SPARQLStore ASK", ask.askAnswer is True, str(ask.askAnswer))
        built = graph.query("CONSTRUCT { ?s ?p ?o } WHERE { BIND(<https://w3id.org/nea-kg/id/rok> AS ?s) ?s ?p ?o }")
        check("rdflib SPARQLStore CONSTRUCT", len(built.graph) > 10, str(len(built.graph)))
        try:
            graph.update("INSERT DATA { <urn:a> <urn:b> <urn:c> }")
            check("rdflib SPARQLStore refuses to update", False, "no error")
        except Exception as err:  # SPARQLStore is read-only on the client side too
            check("rdflib SPARQLStore refuses to update", True, str(err))

        # SPARQLWrapper: GET and POST, JSON and XML, the dataset parameters.
        from SPARQLWrapper import SPARQLWrapper, JSON, XML, POST, GET, TURTLE
        sw = SPARQLWrapper(e)
        sw.setQuery(CQ01)
        sw.setReturnFormat(JSON)
        got = sw.query().convert()
        rows = [[b[v]["value"] for v in got["head"]["vars"]] for b in got["results"]["bindings"]]
        check("SPARQLWrapper GET JSON", rows == expected[1:], str(rows))
        sw.setMethod(POST)
        sw.setReturnFormat(XML)
        doc = sw.query().convert()
        check("SPARQLWrapper POST XML", len(doc.getElementsByTagName("result")) == len(expected) - 1, doc.toxml()[:200])
        sw = SPARQLWrapper(e)
        sw.setMethod(GET)
        sw.addDefaultGraph(ENTITIES)
        sw.setQuery(count)
        sw.setReturnFormat(JSON)
        got = int(sw.query().convert()["results"]["bindings"][0]["n"]["value"])
        check("SPARQLWrapper default-graph-uri", got == n["entities"], f"{got} != {n['entities']}")
        sw = SPARQLWrapper(e)
        sw.setQuery("CONSTRUCT { ?s ?p ?o } WHERE { BIND(<https://w3id.org/nea-kg/id/rok> AS ?s) ?s ?p ?o }")
        sw.setReturnFormat(TURTLE)
        ttl = sw.query().convert()
        check("SPARQLWrapper CONSTRUCT as Turtle", b"kg:rok" in ttl, ttl[:200])
        sw = SPARQLWrapper(e)
        sw.setMethod(POST)
        sw.setQuery("DELETE WHERE { ?s ?p ?o }")
        try:
            sw.query()
            check("SPARQLWrapper update refused", False, "no error")
        except Exception as err:
            check("SPARQLWrapper update refused", "403" in str(err) or "read-only" in str(err) or "Forbidden" in str(err), str(err))

        jena(e, expected)

        check("one log line per request", any(re.match(r"^GET /sparql\?.* 200 \d+\.\d ms$", l.strip()) for l in server.log), "".join(server.log[-5:]))
    finally:
        code = server.stop()
    check("SIGTERM stops the server with status 0", code == 0, str(code))
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


def jena(endpoint, expected):
    """Jena's rsparql, from Debian's libapache-jena-java, with the classpath fix the
    interop notes describe (the jars carry no Class-Path; Xerces' message bundles moved)."""
    jars = glob.glob("/usr/share/java/jena-*.jar")
    if not jars or not shutil.which("java"):
        print("skip    Jena rsparql: libapache-jena-java is not installed")
        return
    extra = tempfile.mkdtemp(prefix="nea-kg-jena-")
    try:
        # The message bundles of the shaded Xerces, where Debian's renamed classes look.
        for jar in jars:
            listing = subprocess.run(["unzip", "-Z1", jar], capture_output=True, text=True).stdout.split()
            bundles = [p for p in listing if p.startswith("org/apache/jena/ext/xerces/") and p.endswith(".properties")]
            if bundles:
                subprocess.run(["unzip", "-q", "-o", jar, *bundles, "-d", extra], check=True)
                src = os.path.join(extra, "org/apache/jena/ext/xerces")
                dst = os.path.join(extra, "xerces")
                shutil.copytree(src, dst, dirs_exist_ok=True)
        # Every jar once (the unversioned links), and one logging binding: slf4j-nop.
        logging = re.compile(r"(slf4j|log4j|logback|commons-logging|maven)")
        jars = [j for j in sorted(glob.glob("/usr/share/java/*.jar"))
                if not re.search(r"-\d[\d.]*\.jar$", j) and not logging.search(os.path.basename(j))]
        jars += ["/usr/share/java/slf4j-api.jar", "/usr/share/java/slf4j-nop.jar"]
        classpath = ":".join([extra, *jars])
        out = subprocess.run(
            ["java", "-cp", classpath, "arq.rsparql", "--service", endpoint, "--results=CSV", "--query", os.path.join(ROOT, "queries/cq01-diplomatic-relations.rq")],
            capture_output=True, text=True, timeout=120)
        rows = list(csv.reader(io.StringIO(out.stdout.replace("\r\n", "\n"))))
        check("Jena rsparql SELECT", out.returncode == 0 and rows == expected, f"{out.returncode} {out.stdout[:300]} {out.stderr[-500:]}")
    finally:
        shutil.rmtree(extra, ignore_errors=True)


if __name__ == "__main__":
    main()
