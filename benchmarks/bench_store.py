#!/usr/bin/env python3
"""Store benchmarks: build a large store, time queries, compare ingest with the bare pipeline.

    python benchmarks/bench_store.py build   --db sqlite:///benchmarks/out/bench50k.db --n 50000
    python benchmarks/bench_store.py queries --db sqlite:///benchmarks/out/bench50k.db
    python benchmarks/bench_store.py ingest  --n 1000 --reps 3

``build`` runs the real pipeline (clean + analyze) once over the sample corpus (examples/corpus),
then perturbs those records into ``--n`` articles (new ids, outlets, dates, an extra paragraph of
corpus words, headline variants) grouped into stories with link records and claims, and loads them
as precomputed records. When the analyze stage found no attributions, simple ones are made from
"said" / "according to" so article pages have highlights to render.

``queries`` times store calls without HTTP (article, story, claim chain, search).

``ingest`` compares ``newstrace ingest`` (in process: read, clean, analyze, link, store) with the
bare pipeline on the same perturbed raw inputs, interleaved, ``--reps`` times each, and prints the
ratios: against ``newstrace analyze`` alone (read, clean, analyze, JSONL to /dev/null; the strict
reading, since it leaves linking to the store's side) and against analyze + link (the whole
pipeline without a store).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Iterator, Sequence

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "examples" / "corpus"
sys.path.insert(0, str(ROOT / "src"))

from newstrace.records import (  # noqa: E402
    Article, Attribution, Claim, ClaimMention, LinkRecord, Origin, RawDocument, Source, Span, Story,
)
from newstrace.settings import load_settings  # noqa: E402

OUTLET_A = ["Harbor", "Valley", "Northern", "Coastal", "Metro", "County", "Riverside", "Capital", "Evening", "Morning",
            "Western", "Eastern", "Union", "Lakeside", "Highland", "Island", "Central", "Bay", "Prairie", "Summit"]
OUTLET_B = ["Times", "Post", "Ledger", "Courier", "Gazette", "Herald", "Tribune", "Observer", "Journal", "Chronicle", "Wire", "Star", "News", "Record", "Dispatch"]
SOURCES = [("a spokesperson", "anonymous"), ("two officials", "anonymous"), ("the ministry", "organization"),
           ("police", "official"), ("the council", "organization"), ("Maria Lindqvist", "person"),
           ("a senior official", "anonymous"), ("the report", "document"), ("Reuters", "outlet"), ("the mayor", "official")]
_SAID = re.compile(r"\b(said|according to|told|denied|confirmed)\b")


def corpus_records() -> list[Article]:
    """The sample corpus through the real pipeline (clean + analyze)."""
    from newstrace.errors import InputError
    from newstrace.ingest import read_inputs
    from newstrace.pipeline import build_pipeline

    if not CORPUS.exists():
        sys.exit(f"bench_store: the sample corpus {CORPUS} is missing")
    settings = load_settings(environ={})
    docs = [d for d in read_inputs([str(CORPUS)], settings.ingest) if not isinstance(d, InputError)]
    articles = [a for a in build_pipeline(["clean", "analyze"], settings).pipe(docs, errors="record") if not a.skipped]
    return articles


def _synthetic_attributions(body: str, rng: random.Random) -> tuple[Attribution, ...]:
    out = []
    for match in _SAID.finditer(body):
        cue = Span.of(body, match.start(), match.end())
        end = body.find(".", match.end())
        end = len(body) if end < 0 else end
        content = Span.of(body, match.end() + 1, end) if end > match.end() + 1 else None
        name, kind = SOURCES[rng.randrange(len(SOURCES))]
        start = max(0, match.start() - 1 - len(name))
        src = Source(body[start:match.start() - 1], start, match.start() - 1, kind) if match.start() > len(name) else None
        stance = {"denied": "deny", "confirmed": "confirm"}.get(match.group(1), "assert")
        if src is not None and not src.text.strip():
            src = None
        out.append(Attribution(src, cue, content, "indirect", stance, method="bench:synthetic"))
        if len(out) >= 12:
            break
    return tuple(out)


def perturbed(bases: Sequence[Article], n: int, seed: int = 1) -> Iterator[tuple[Article, int]]:
    """``n`` articles from ``bases``: (article, index of its base)."""
    rng = random.Random(seed)
    words = sorted({w for a in bases for w in re.findall(r"[A-Za-z]{4,}", a.body)})
    outlets = [f"{a} {b}" for a in OUTLET_A for b in OUTLET_B]
    for i in range(n):
        b = rng.randrange(len(bases))
        base = bases[b]
        extra = " ".join(rng.choice(words) for _ in range(rng.randint(20, 60)))
        body = base.body + "\n\n" + extra[0].upper() + extra[1:] + "."
        attributions = base.attributions or _synthetic_attributions(base.body, rng)
        day = 1 + rng.randrange(700)
        year, doy = 2023 + day // 365, day % 365
        month, dom = 1 + doy // 31 % 12, 1 + doy % 28
        yield Article(
            id=f"bench-{i:06d}",
            body=body,
            url=f"https://news{i % 97}.example/{i}",
            headline=f"{base.headline or 'Untitled'} ({rng.choice(words)})",
            publisher=rng.choice(outlets),
            published_at=f"{year}-{month:02d}-{dom:02d}T{rng.randrange(24):02d}:{rng.randrange(60):02d}:00Z",
            authors=base.authors,
            removed=base.removed,
            attributions=attributions,
            entities=base.entities,
            times=base.times,
        ), b


def link_data(articles: Sequence[Article], rng: random.Random) -> tuple[list[LinkRecord], list[Story], list[Claim]]:
    """Stories of 1-10 consecutive articles: the first is original, later ones copies, rewrites or own reports."""
    links: list[LinkRecord] = []
    stories: list[Story] = []
    claims: list[Claim] = []
    i = 0
    while i < len(articles):
        size = min(len(articles) - i, min(10, int(rng.expovariate(0.45)) + 1))
        group = sorted(articles[i : i + size], key=lambda a: a.published_at or "")
        i += size
        first = group[0]
        story_id = f"story-{first.id}"
        for j, article in enumerate(group):
            if j == 0:
                links.append(LinkRecord(article.id, story_id, origin=Origin("original")))
            elif rng.random() < 0.4:
                links.append(LinkRecord(article.id, story_id, first.id, Origin("wire_copy", first.publisher, first.id)))
            elif rng.random() < 0.5:
                links.append(LinkRecord(article.id, story_id, None, Origin("rewrite", first.publisher, first.id)))
            else:
                links.append(LinkRecord(article.id, story_id, origin=Origin("original")))
        stories.append(Story(story_id, tuple(a.id for a in group), first.published_at, first.headline))
        if size > 1:
            for k in range(rng.randint(1, 3)):
                mentions = tuple(
                    ClaimMention(a.id, "deny" if rng.random() < 0.15 else "assert", first.publisher if j else "a spokesperson")
                    for j, a in enumerate(group))
                text = (first.body.split(".")[k % max(1, first.body.count("."))] or first.body[:80]).strip()[:200]
                claims.append(Claim(f"claim-{first.id}-{k}", text or "a claim", mentions, first.id, story_id))
    return links, stories, claims


def build(url: str, n: int, chunk: int = 2000) -> None:
    from newstrace.store import open_store, put_records

    started = time.perf_counter()
    bases = corpus_records()
    print(f"pipeline over the corpus: {len(bases)} articles, {sum(len(a.attributions) for a in bases)} attributions "
          f"({time.perf_counter() - started:.1f}s)")
    store = open_store(url)
    rng = random.Random(7)
    batch: list[Article] = []
    loaded = 0
    load_started = time.perf_counter()
    for article, _ in perturbed(bases, n):
        batch.append(article)
        if len(batch) >= chunk:
            put_records(store, batch, *link_data(batch, rng))
            loaded += len(batch)
            batch = []
            print(f"\r{loaded}/{n} articles", end="", file=sys.stderr)
    if batch:
        put_records(store, batch, *link_data(batch, rng))
        loaded += len(batch)
    seconds = time.perf_counter() - load_started
    print(f"\rloaded {loaded} articles into {url} in {seconds:.1f}s ({loaded / seconds:,.0f} articles/s)")
    store.close()


def _percentiles(samples: list[float]) -> tuple[float, float, float]:
    ordered = sorted(samples)

    def at(q: float) -> float:
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000

    return at(0.5), at(0.95), at(0.99)


def queries(url: str, n: int = 300) -> None:
    import sqlalchemy as sa

    from newstrace.store import open_store, read
    from newstrace.store import schema as s
    from newstrace.store.search import search
    from newstrace.store.trace import claim_chain

    store = open_store(url, create=False)
    rng = random.Random(3)
    with store.connect() as conn:
        ids = [r[0] for r in conn.execute(sa.select(s.articles.c.id))]
        story_ids = [r[0] for r in conn.execute(sa.select(s.stories.c.story_id).where(s.stories.c.n_articles > 1).limit(5000))]
        claim_ids = [r[0] for r in conn.execute(sa.select(s.claims.c.claim_id).limit(5000))]
        words = [w for w in re.findall(r"[a-z]{5,}", " ".join(r[0] or "" for r in conn.execute(sa.select(s.articles.c.headline).limit(2000))))]
    print(f"store {url}: {len(ids)} articles")
    cases = {
        "article (to_dict)": lambda c: read.get_article(c, rng.choice(ids)),
        "story + summaries": lambda c: read.article_summaries(c, (read.get_story(c, rng.choice(story_ids)) or {"article_ids": []})["article_ids"]),
        "claim chain": lambda c: claim_chain(c, rng.choice(claim_ids)) if claim_ids else None,
        "search 1 word": lambda c: search(c, rng.choice(words), 0, 20),
        "search 2 words": lambda c: search(c, f"{rng.choice(words)} {rng.choice(words)}", 0, 20),
    }
    print(f"{'query':<22} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}")
    with store.connect() as conn:
        for name, call in cases.items():
            samples = []
            for _ in range(n):
                t = time.perf_counter()
                call(conn)
                samples.append(time.perf_counter() - t)
            p50, p95, p99 = _percentiles(samples)
            print(f"{name:<22} {p50:>8.2f} {p95:>8.2f} {p99:>8.2f}")
    store.close()


# --- ingest vs. the bare pipeline ------------------------------------------------------------------


def raw_inputs(n: int, path: Path, seed: int = 5) -> None:
    """``n`` raw input lines: the corpus's raw inputs with new ids and an extra sentence."""
    from newstrace.errors import InputError
    from newstrace.ingest import read_inputs

    docs = [d for d in read_inputs([str(CORPUS)], load_settings(environ={}).ingest)
            if isinstance(d, RawDocument) and not isinstance(d, InputError)]
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            d = docs[i % len(docs)]
            line: dict[str, Any] = {"id": f"raw-{i:06d}", "publisher": d.publisher, "published_at": d.published_at, "url": d.url}
            tail = f"\n\nResidents gathered on day {rng.randrange(1000)} to discuss item {i}."
            if d.html:
                line["html"] = d.html.replace("</body>", f"<p>{tail.strip()}</p></body>")
            else:
                line["text"] = (d.text or "") + tail
            out.write(json.dumps(line) + "\n")


def _bare(path: Path, link: bool = False) -> float:
    """The pipeline without a store: ``analyze`` to JSONL, and with ``link`` also the link stage
    (one ``Linker.add`` over all articles, link records as JSONL), as ``analyze | link`` runs it."""
    from newstrace.cli import _learn_profile
    from newstrace.errors import InputError
    from newstrace.ingest import read_inputs
    from newstrace.pipeline import build_pipeline

    settings = load_settings(environ={})
    started = time.perf_counter()
    profile = _learn_profile((str(path),), settings)
    kwargs = {"clean": {"profile": profile}} if profile is not None else {}
    pipeline = build_pipeline(["clean", "analyze"], settings, **kwargs)
    docs = (d for d in read_inputs([str(path)], settings.ingest) if not isinstance(d, InputError))
    articles = []
    with open(os.devnull, "w", encoding="utf-8") as sink:
        for article in pipeline.pipe(docs, errors="record"):
            sink.write(json.dumps(article.to_dict(), ensure_ascii=False) + "\n")
            if link:
                articles.append(article)
        if link:
            from newstrace.link import Linker

            for record in Linker(settings).add(articles):
                sink.write(json.dumps(record.to_dict(), ensure_ascii=False) + "\n")
    return time.perf_counter() - started


def _ingest(path: Path, url: str) -> float:
    from newstrace.store import ingest, open_store

    settings = load_settings(environ={})
    started = time.perf_counter()
    store = open_store(url)
    summary = ingest([str(path)], store, settings)
    store.close()
    assert summary.ok, summary.to_dict()
    return time.perf_counter() - started


def ingest_ratio(n: int, reps: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "raw.jsonl"
        raw_inputs(n, path)
        _bare(path)  # warm up: imports, model load
        bare, linked, stored = [], [], []
        for rep in range(reps):
            bare.append(_bare(path))
            linked.append(_bare(path, link=True))
            stored.append(_ingest(path, f"sqlite:///{tmp}/ingest{rep}.db"))
        print(f"{'run':<36} {'median s':>9} {'articles/s':>11}")
        for name, times in (("bare pipeline (analyze)", bare), ("bare pipeline (analyze + link)", linked),
                            ("ingest into SQLite", stored)):
            median = statistics.median(times)
            print(f"{name:<36} {median:>9.2f} {n / median:>11,.1f}")
        for name, base in (("analyze", bare), ("analyze + link", linked)):
            ratios = [s / b for s, b in zip(stored, base)]
            print(f"ingest / bare pipeline ({name}): median ratio {statistics.median(ratios):.2f} "
                  f"(per rep: {', '.join(f'{r:.2f}' for r in ratios)}; target <= 1.30) on {n} articles, {reps} reps")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build")
    b.add_argument("--db", default=f"sqlite:///{ROOT / 'benchmarks' / 'out' / 'bench50k.db'}")
    b.add_argument("--n", type=int, default=50_000)
    q = sub.add_parser("queries")
    q.add_argument("--db", default=f"sqlite:///{ROOT / 'benchmarks' / 'out' / 'bench50k.db'}")
    q.add_argument("--n", type=int, default=300)
    i = sub.add_parser("ingest")
    i.add_argument("--n", type=int, default=1000)
    i.add_argument("--reps", type=int, default=3)
    args = parser.parse_args(argv)
    (ROOT / "benchmarks" / "out").mkdir(parents=True, exist_ok=True)
    if args.command == "build":
        build(args.db, args.n)
    elif args.command == "queries":
        queries(args.db, args.n)
    else:
        ingest_ratio(args.n, args.reps)
    return 0


if __name__ == "__main__":
    sys.exit(main())
