#!/usr/bin/env python3
"""The speed of `nea-kg serve`, against `oxigraph serve-read-only` on the same data and
the same query, in the same run.

    cargo build --release --locked
    python3 benches/serve.py [target/release/nea-kg] [--queries 1000] [--rounds 300]

Both servers listen on loopback ports of their own. nea-kg serves the embedded default;
Oxigraph (PyPI `oxigraph`, installed with pip if missing) serves a store loaded from
`nea-kg export -o kg.nq`, with `--union-default-graph` so the shipped query sees what it
sees in nea-kg. The client is Python's http.client over persistent connections (one
per client thread), the same for both servers.

Measured:
- the latency of the shipped query cq01 (SPARQL JSON results), one client, `--rounds`
  requests to each server, interleaved (one to each per round) after 20 warm-up
  requests each; the median and the 90th percentile, and the ratio of the medians;
- `--queries` requests of cq01 from 8 client threads at once, to each server: errors
  (any status but 200, or an answer that differs from the first) and the wall time;
- the article page (GET /): the median time as the client sees it, and as the server
  logs it (`GET / 200 X ms`: rendering alone, without the network).

Prints a Markdown report on stdout; the raw figures go to target/bench/serve.json.
Both servers are stopped at the end; the run gives up after 10 minutes.
"""

import argparse
import http.client
import json
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(port, limit=30):
    started = time.monotonic()
    while time.monotonic() - started < limit:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.05)
    raise SystemExit(f"nothing listens on port {port} after {limit} s")


class Client:
    """One persistent connection."""

    def __init__(self, port):
        self.port = port
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    def get(self, target, accept):
        self.conn.request("GET", target, headers={"Accept": accept})
        r = self.conn.getresponse()
        body = r.read()
        if r.getheader("Connection", "").lower() == "close":
            self.conn.close()
            self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        return r.status, body


def timed(client, target, accept):
    started = time.perf_counter()
    status, body = client.get(target, accept)
    return time.perf_counter() - started, status, body


def ms(seconds):
    return f"{seconds * 1000:.2f} ms"


def rows(body):
    """The solutions of a SPARQL JSON answer, as sorted tuples (engines may order
    differently when a query does not say)."""
    data = json.loads(body)
    return sorted(tuple(sorted((k, v["value"]) for k, v in b.items())) for b in data["results"]["bindings"])


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("binary", nargs="?", default=os.path.join(ROOT, "target/release/nea-kg"))
    parser.add_argument("--queries", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=300)
    parser.add_argument("--clients", type=int, default=8)
    args = parser.parse_args()
    watchdog = threading.Timer(600, lambda: os._exit(3))
    watchdog.daemon = True
    watchdog.start()
    binary = os.path.abspath(args.binary)
    oxigraph = shutil.which("oxigraph")
    if oxigraph is None:
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", "oxigraph"], check=True)
        oxigraph = shutil.which("oxigraph")
    # pyenv's shim adds a shell script to the start; the real binary does not matter
    # here (the server is timed while it runs), but use it when it is there.
    real = subprocess.run([oxigraph, "--version"], capture_output=True, text=True).stdout.strip()
    work = tempfile.mkdtemp(prefix="nea-kg-bench-serve-")
    processes = []
    try:
        nq = os.path.join(work, "kg.nq")
        subprocess.run([binary, "export", "-o", nq], check=True)
        store = os.path.join(work, "store")
        subprocess.run([oxigraph, "load", "--location", store, "--file", nq], check=True, capture_output=True)
        nea_port, ox_port = free_port(), free_port()
        nea_log = open(os.path.join(work, "nea.log"), "w+")
        processes.append(subprocess.Popen([binary, "serve", "--bind", f"127.0.0.1:{nea_port}"], stdout=subprocess.DEVNULL, stderr=nea_log))
        processes.append(subprocess.Popen([oxigraph, "serve-read-only", "--location", store, "--bind", f"127.0.0.1:{ox_port}", "--union-default-graph"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        wait_for(nea_port)
        wait_for(ox_port)
        query = open(os.path.join(ROOT, "queries/cq01-diplomatic-relations.rq"), encoding="utf-8").read()
        target = "/sparql?query=" + urllib.parse.quote(query, safe="")
        ox_target = "/query?query=" + urllib.parse.quote(query, safe="")
        accept = "application/sparql-results+json"
        servers = {"nea-kg serve": (nea_port, target), "oxigraph serve-read-only": (ox_port, ox_target)}

        # The answers agree.
        answers = {}
        for name, (port, t) in servers.items():
            status, body = Client(port).get(t, accept)
            assert status == 200, (name, status, body[:300])
            answers[name] = rows(body)
        assert answers["nea-kg serve"] == answers["oxigraph serve-read-only"], answers
        assert len(answers["nea-kg serve"]) == 3, answers

        # Latency, one client, interleaved.
        clients = {name: Client(port) for name, (port, _) in servers.items()}
        for _ in range(20):
            for name, (_, t) in servers.items():
                clients[name].get(t, accept)
        latency = {name: [] for name in servers}
        for _ in range(args.rounds):
            for name, (_, t) in servers.items():
                took, status, _ = timed(clients[name], t, accept)
                assert status == 200
                latency[name].append(took)

        # Throughput: N queries from 8 clients at once.
        load = {}
        for name, (port, t) in servers.items():
            errors = []
            expected = answers[name]
            per = [args.queries // args.clients + (1 if i < args.queries % args.clients else 0) for i in range(args.clients)]

            def work_on(count):
                c = Client(port)
                for _ in range(count):
                    try:
                        status, body = c.get(t, accept)
                        if status != 200 or rows(body) != expected:
                            errors.append(status)
                    except Exception as e:  # a broken connection counts as an error
                        errors.append(repr(e))
            threads = [threading.Thread(target=work_on, args=(n,)) for n in per]
            started = time.perf_counter()
            for th in threads:
                th.start()
            for th in threads:
                th.join()
            took = time.perf_counter() - started
            load[name] = {"queries": sum(per), "errors": len(errors), "seconds": took, "per_second": sum(per) / took}

        # The article page.
        page = Client(nea_port)
        for _ in range(5):
            page.get("/", "text/html")
        page_times = []
        size = 0
        for _ in range(50):
            took, status, body = timed(page, "/", "text/html")
            assert status == 200
            page_times.append(took)
            size = len(body)
        time.sleep(0.3)
        nea_log.seek(0)
        logged = [float(m.group(1)) / 1000 for m in re.finditer(r"^GET / 200 (\d+\.\d) ms$", nea_log.read(), re.M)][-50:]
    finally:
        for p in processes:
            p.send_signal(signal.SIGTERM)
        for p in processes:
            try:
                p.wait(10)
            except subprocess.TimeoutExpired:
                p.kill()
        shutil.rmtree(work, ignore_errors=True)

    def pct(xs, q):
        xs = sorted(xs)
        return xs[min(len(xs) - 1, int(q * len(xs)))]

    med = {n: statistics.median(v) for n, v in latency.items()}
    ratio = med["nea-kg serve"] / med["oxigraph serve-read-only"]
    figures = {
        "latency": latency, "load": load, "page_client": page_times, "page_server": logged, "page_bytes": size,
        "oxigraph": real, "machine": platform.platform(), "cpus": os.cpu_count(),
    }
    os.makedirs(os.path.join(ROOT, "target/bench"), exist_ok=True)
    with open(os.path.join(ROOT, "target/bench/serve.json"), "w") as f:
        json.dump(figures, f, indent=1)

    print("| cq01 over loopback, one client | median | 90th percentile |")
    print("|---|---|---|")
    for n in servers:
        print(f"| {n} | {ms(med[n])} | {ms(pct(latency[n], 0.9))} |")
    print(f"\nRatio of the medians, nea-kg / oxigraph: **{ratio:.2f}** ({args.rounds} requests each, interleaved).\n")
    print(f"| {args.queries} queries of cq01, {args.clients} clients at once | errors | wall time | queries per second |")
    print("|---|---|---|---|")
    for n, l in load.items():
        print(f"| {n} | {l['errors']} | {l['seconds']:.2f} s | {l['per_second']:.0f} |")
    print(f"\n| article page (GET /, {size:,} bytes) | median | 90th percentile |")
    print("|---|---|---|")
    print(f"| as the client sees it | {ms(statistics.median(page_times))} | {ms(pct(page_times, 0.9))} |")
    if logged:
        print(f"| as the server logs it (rendering) | {ms(statistics.median(logged))} | {ms(pct(logged, 0.9))} |")
    print(f"\nOxigraph: {real}; machine: {platform.platform()}, {os.cpu_count()} CPUs.")
    bad = [n for n, l in load.items() if l["errors"]]
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
