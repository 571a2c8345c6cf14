#!/usr/bin/env python3
"""Speed of `newstrace link`: near-linear scaling on synthetic news, and 10,000 copies of one text.

Generates N short synthetic articles (about 1.3 kB each, all within four days, a quarter of them
wire copies with datelines, trimmed endings and copy-desk edits), then times `newstrace link` on
the first 2,000 and on all 8,000 (interleaved, several repetitions) and reports the ratio and
articles/s. Also times 10,000 identical-body copies under different ids.

usage: python benchmarks/bench_link.py [--n 8000] [--small 2000] [--reps 2] [--no-copies]
Targets (issue 5): time(8000) <= 5 x time(2000); both runs together < 120 s on 2 cores.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

SYLLABLES = ["ka", "lo", "ri", "men", "sa", "tor", "vel", "an", "dri", "po", "lu", "zen", "mar", "ko", "te",
             "bra", "nil", "os", "ur", "fi", "gan", "hel", "ist", "ce", "mo", "ra", "pel", "tin", "dor", "ve"]
COMMON = ("said the on in after and a of to for with officials city police people government company "
          "report new plan week statement told would could may workers local residents council minister "
          "court hospital school market prices deal talks vote").split()
AGENCIES = ["Reuters", "AP", "AFP"]


def word(rng: random.Random, parts: int = 2) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts))


def make_corpus(n: int, seed: int = 7) -> list[dict[str, object]]:
    rng = random.Random(seed)
    lexicon = [word(rng, rng.randint(2, 3)) for _ in range(6000)]
    names = [word(rng, 2).capitalize() + " " + word(rng, 3).capitalize() for _ in range(3000)]
    places = [word(rng, 3).capitalize() for _ in range(800)]
    outlets = [f"The {word(rng, 2).capitalize()} {rng.choice(['Times', 'Post', 'Herald', 'Journal', 'Gazette'])}" for _ in range(60)]
    start = datetime(2024, 5, 1, tzinfo=timezone.utc)
    n_events = max(1, n // 8)
    events = []
    for _ in range(n_events):
        events.append({
            "words": rng.sample(lexicon, 25), "names": rng.sample(names, 3), "place": rng.choice(places),
            "time": start + timedelta(minutes=rng.randint(0, 4 * 24 * 60)),
        })

    def sentence(event: dict[str, object]) -> str:
        words = []
        for _ in range(rng.randint(14, 22)):
            r = rng.random()
            if r < 0.35:
                words.append(rng.choice(event["words"]))  # type: ignore[arg-type]
            elif r < 0.45:
                words.append(rng.choice(event["names"]))  # type: ignore[arg-type]
            elif r < 0.55:
                words.append(str(rng.randint(2, 900)))
            elif r < 0.8:
                words.append(rng.choice(COMMON))
            else:
                words.append(rng.choice(lexicon))
        text = " ".join(words)
        return text[0].upper() + text[1:] + "."

    def article_body(event: dict[str, object]) -> list[str]:
        paragraphs = []
        while sum(len(p) for p in paragraphs) < 1150:
            paragraphs.append(" ".join(sentence(event) for _ in range(rng.randint(1, 2))))
        return paragraphs

    rows: list[dict[str, object]] = []
    originals: list[tuple[dict[str, object], list[str], str, datetime]] = []
    for i in range(n):
        event = rng.choice(events)
        when = event["time"] + timedelta(minutes=rng.randint(0, 36 * 60))  # type: ignore[operator]
        if originals and rng.random() < 0.25:
            ev, paragraphs, agency, t0 = rng.choice(originals)
            keep = paragraphs[: max(1, int(len(paragraphs) * rng.uniform(0.4, 1.0)))]
            edited = []
            for p in keep:
                words = p.split()
                for _ in range(rng.randint(1, 3)):
                    words[rng.randrange(len(words))] = rng.choice(COMMON)
                edited.append(" ".join(words))
            outlet = rng.choice(outlets)
            edited[0] = f"{str(ev['place']).upper()}, May {t0.day} ({agency}) - " + edited[0]
            text = "\n\n".join([sentence(ev)[:70]] + edited + [f"Copyright 2024 {agency}. All rights reserved.",
                                                              f"Click here to read more from {outlet}"])
            rows.append({"id": f"b{i}", "text": text, "publisher": outlet,
                         "published_at": (t0 + timedelta(minutes=rng.randint(5, 600))).strftime("%Y-%m-%dT%H:%M:%SZ")})
            continue
        paragraphs = article_body(event)
        agency = rng.choice(AGENCIES)
        publisher = agency if rng.random() < 0.3 else rng.choice(outlets)
        originals.append((event, paragraphs, agency, when))
        text = "\n\n".join([sentence(event)[:70]] + paragraphs)
        rows.append({"id": f"b{i}", "text": text, "publisher": publisher, "published_at": when.strftime("%Y-%m-%dT%H:%M:%SZ")})
    return rows


def write(rows: list[dict[str, object]], path: Path) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row) + "\n")


def timed_link(path: Path) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one `newstrace link` run; CPU time is what a shared machine
    cannot inflate, wall time what a user waits."""
    exe = Path(sys.executable).with_name("newstrace")
    cmd = [str(exe) if exe.exists() else sys.executable] + ([] if exe.exists() else ["-m", "newstrace"])
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    proc = subprocess.run(cmd + ["link", str(path), "-o", str(path.with_suffix(".out"))], capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr)
        raise SystemExit(f"newstrace link failed on {path}")
    return elapsed, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=8000)
    parser.add_argument("--small", type=int, default=2000)
    parser.add_argument("--reps", type=int, default=2)
    parser.add_argument("--copies", type=int, default=10000)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench_link_"))
    rows = make_corpus(args.n)
    small, large = work / "small.jsonl", work / "large.jsonl"
    write(rows[: args.small], small)
    write(rows, large)
    size = sum(len(str(r["text"])) for r in rows) / len(rows)
    wall: dict[str, list[float]] = {"small": [], "large": []}
    cpu: dict[str, list[float]] = {"small": [], "large": []}
    for _ in range(args.reps):  # interleaved, so both sides see the same machine load
        for name, path in (("small", small), ("large", large)):
            w, c = timed_link(path)
            wall[name].append(round(w, 2))
            cpu[name].append(round(c, 2))
    ws, wl = statistics.median(wall["small"]), statistics.median(wall["large"])
    cs, cl = statistics.median(cpu["small"]), statistics.median(cpu["large"])
    print(f"synthetic articles: {args.n} (mean {size:.0f} chars, ~25% wire copies), work dir {work}")
    print(f"{'run':<22} {'articles':>8} {'wall s':>8} {'cpu s':>8} {'art/s wall':>10} {'art/s cpu':>10}  wall runs / cpu runs")
    print(f"{'link first ' + str(args.small):<22} {args.small:>8} {ws:>8.2f} {cs:>8.2f} {args.small / ws:>10.0f} {args.small / cs:>10.0f}  {wall['small']} / {cpu['small']}")
    print(f"{'link all ' + str(args.n):<22} {args.n:>8} {wl:>8.2f} {cl:>8.2f} {args.n / wl:>10.0f} {args.n / cl:>10.0f}  {wall['large']} / {cpu['large']}")
    line = (f"bench_link ratio_wall={wl / ws:.2f} ratio_cpu={cl / cs:.2f} small_wall_s={ws:.1f} large_wall_s={wl:.1f} "
            f"both_wall_s={ws + wl:.1f} both_cpu_s={cs + cl:.1f} articles_per_s_wall={args.n / wl:.0f} articles_per_s_cpu={args.n / cl:.0f}")
    if args.copies:
        body = "\n\n".join(str(rows[0]["text"]).split("\n\n")[1:])
        copies = work / "copies.jsonl"
        write([{"id": f"c{i}", "text": "Same headline\n\n" + body} for i in range(args.copies)], copies)
        w, c = timed_link(copies)
        print(f"{'identical copies':<22} {args.copies:>8} {w:>8.2f} {c:>8.2f} {args.copies / w:>10.0f} {args.copies / c:>10.0f}")
        line += f" copies_wall_s={w:.1f} copies_cpu_s={c:.1f}"
    print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
