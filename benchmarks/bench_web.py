#!/usr/bin/env python3
"""HTTP latency under load: ``newstrace serve`` on a 50,000-article store, N concurrent clients.

    python benchmarks/bench_store.py build          # once: benchmarks/out/bench50k.db
    python benchmarks/bench_web.py --clients 20 --seconds 10 [--workers 1]

Each client is a closed loop on its own keep-alive connection (send a request, read the whole
response, send the next), so 20 clients keep 20 requests in flight; the latency of a request
includes its wait in the server's queue. The clients run in this process on one asyncio loop with
a minimal HTTP/1.1 reader (so the load generator costs little CPU next to the server). Scenarios:
article page, article API, article list API, search API, search page, story and claim pages.
Targets: article page and API (and story, claim pages) p95 < 50 ms, search API and page p95 < 100 ms.

``cpu ms`` is the server's CPU time (all its processes, from /proc) per request answered: unlike the
latencies it hardly depends on what else the machine is running, so it is the figure to compare
between versions. On a shared machine run the bench with a higher priority (``nice -n -5``) and
report the load average printed with the table.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import json
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DB = f"sqlite:///{ROOT / 'benchmarks' / 'out' / 'bench50k.db'}"
TARGETS = {"article page": 50, "article API": 50, "article list API": 50, "search API": 100, "search page": 100,
           "story page": 50, "claim page": 50}


def cursor(key: list[int]) -> str:
    return base64.urlsafe_b64encode(json.dumps(key).encode()).decode().rstrip("=")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def sample_ids(url: str) -> tuple[list[str], list[str], list[str], list[str]]:
    sys.path.insert(0, str(ROOT / "src"))
    import sqlalchemy as sa

    from newstrace.store import open_store
    from newstrace.store import schema as s

    store = open_store(url, create=False)
    with store.connect() as conn:
        articles = [r[0] for r in conn.execute(sa.select(s.articles.c.id))]
        stories = [r[0] for r in conn.execute(sa.select(s.stories.c.story_id).where(s.stories.c.n_articles > 1).limit(5000))]
        claims = [r[0] for r in conn.execute(sa.select(s.claims.c.claim_id).limit(5000))]
        heads = " ".join(r[0] or "" for r in conn.execute(sa.select(s.articles.c.headline).limit(3000)))
    store.close()
    words = sorted(set(re.findall(r"[a-z]{5,}", heads.lower())))
    return articles, stories, claims, words


async def _request(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, path: str) -> int:
    writer.write(f"GET {path} HTTP/1.1\r\nHost: bench\r\nAccept: text/html,application/json\r\n\r\n".encode("latin-1"))
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head[9:12])
    length = 0
    for line in head.split(b"\r\n")[1:]:
        if line[:15].lower() == b"content-length:":
            length = int(line[15:])
    await reader.readexactly(length)
    return status


async def _client(port: int, make_path: Callable[[], str], stop: float, warm: float, out: list[float], errors: list[int],
                  done: list[int]) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        while True:
            path = make_path()
            started = time.perf_counter()
            if started >= stop:
                return
            status = await _request(reader, writer, path)
            elapsed = time.perf_counter() - started
            done[0] += 1
            if started >= warm:
                out.append(elapsed)
                if status != 200:
                    errors.append(status)
    finally:
        writer.close()


async def run_scenario(port: int, make_path: Callable[[], str], clients: int, seconds: float) -> tuple[list[float], list[int], int]:
    """Latency samples after a 1 s warm-up, error statuses, and all requests answered (warm-up included)."""
    now = time.perf_counter()
    warm, stop = now + 1.0, now + 1.0 + seconds
    samples: list[float] = []
    errors: list[int] = []
    done = [0]
    await asyncio.gather(*(_client(port, make_path, stop, warm, samples, errors, done) for _ in range(clients)))
    return samples, errors, done[0]


def _tree(pid: int) -> list[int]:
    """``pid`` and its descendants (Linux /proc)."""
    out, todo = [], [pid]
    while todo:
        current = todo.pop()
        out.append(current)
        try:
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as fh:
                    todo.extend(int(c) for c in fh.read().split())
        except OSError:
            continue
    return out


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of ``pid`` and its descendants so far (0 where /proc is missing)."""
    total = 0
    for current in _tree(pid):
        try:
            with open(f"/proc/{current}/stat") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
        except (OSError, IndexError, ValueError):
            continue
    return total / os.sysconf("SC_CLK_TCK")


def pct(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000 if ordered else float("nan")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", default=DEFAULT_DB)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--only", default=None, help="Run only the scenarios whose name contains this.")
    parser.add_argument("--rounds", type=int, default=1, help="Run every scenario this many times, interleaved; report medians.")
    args = parser.parse_args(argv)
    db_path = args.db.removeprefix("sqlite:///")
    if args.db.startswith("sqlite:///") and not os.path.exists(db_path):
        print(f"bench_web: no store at {db_path}; build it first: python benchmarks/bench_store.py build")
        return 0
    articles, stories, claims, words = sample_ids(args.db)
    rng = random.Random(11)
    scenarios: dict[str, Callable[[], str]] = {
        "article page": lambda: "/articles/" + quote(rng.choice(articles), safe=""),
        "article API": lambda: "/api/articles/" + quote(rng.choice(articles), safe=""),
        "article list API": lambda: "/api/articles?limit=50&cursor=" + cursor([rng.randrange(len(articles))]),
        "search API": lambda: "/api/search?limit=20&q=" + quote(rng.choice(words)),
        "search page": lambda: "/search?q=" + quote(rng.choice(words)),
        "story page": lambda: "/stories/" + quote(rng.choice(stories), safe=""),
        "claim page": lambda: "/claims/" + quote(rng.choice(claims), safe=""),
    }
    if args.only:
        scenarios = {k: v for k, v in scenarios.items() if args.only in k}
    port = free_port()
    env = dict(os.environ, NEWSTRACE_API_TOKEN="")
    server = subprocess.Popen(
        [sys.executable, "-m", "newstrace", "serve", "--db", args.db, "--port", str(port), "--workers", str(args.workers),
         "--no-access-log"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                    break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    print("bench_web: the server did not start:", (server.stderr.read() if server.stderr else b"").decode()[-2000:])
                    return 1
                time.sleep(0.2)
        print(f"store {args.db} ({len(articles):,} articles); {args.clients} concurrent clients, {args.seconds:.0f}s per "
              f"scenario, {args.workers} server worker(s); load average before: {os.getloadavg()[0]:.2f}")
        print(f"{'scenario':<18} {'requests':>8} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} {'errors':>6} "
              f"{'cpu ms':>6}  target")
        results: dict[str, list[tuple[int, float, float, float, float, int, float]]] = {name: [] for name in scenarios}
        for _ in range(args.rounds):
            for name, make_path in scenarios.items():
                cpu_before = cpu_seconds(server.pid)
                samples, errors, answered = asyncio.run(run_scenario(port, make_path, args.clients, args.seconds))
                cpu_ms = (cpu_seconds(server.pid) - cpu_before) * 1000 / max(1, answered)
                results[name].append((len(samples), len(samples) / args.seconds, pct(samples, 0.5), pct(samples, 0.95),
                                      pct(samples, 0.99), len(errors), cpu_ms))
        verdicts = []
        for name, runs in results.items():
            n = sum(r[0] for r in runs)
            rate, p50, p95, p99, cpu_ms = (statistics.median(r[i] for r in runs) for i in (1, 2, 3, 4, 6))
            errors_total = sum(r[5] for r in runs)
            target = TARGETS.get(name)
            verdict = "" if target is None else (f"p95<{target} ok" if p95 < target else f"p95<{target} MISSED")
            if target is not None:
                verdicts.append(p95 < target)
            print(f"{name:<18} {n:>8} {rate:>7.0f} {p50:>7.1f} {p95:>7.1f} {p99:>7.1f} {errors_total:>6} {cpu_ms:>6.2f}  {verdict}")
        print(f"summary: {sum(verdicts)}/{len(verdicts)} latency targets met with {args.clients} clients, "
              f"{args.workers} worker(s), median of {args.rounds} round(s) "
              f"(load average after: {os.getloadavg()[0]:.2f}, {os.cpu_count()} CPUs shared with other jobs)")
    finally:
        server.terminate()
        server.wait(10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
