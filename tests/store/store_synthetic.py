"""A tiny synthetic corpus (sentences written for these tests) and input generators, shared by the
store and web tests: articles with attributions, entities and times, plus hand-built link records,
stories and claims."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

from newstrace.records import (
    Article, Attribution, Claim, ClaimMention, Entity, LinkRecord, Origin, Removal, Source, Span, Story,
    TimeExpression,
)

# --- a tiny synthetic corpus -----------------------------------------------------------------------


def span(body: str, text: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = body.index(text, start + 1)
    return Span.of(body, start, start + len(text))


def source(body: str, text: str, kind: str, resolved: str | None = None) -> Source:
    sp = span(body, text)
    return Source(sp.text, sp.start, sp.end, kind, span(body, resolved) if resolved else None)


LEDGER_BODY = (
    "The finance minister stepped down on Tuesday after budget talks collapsed, according to Reuters.\n\n"
    "Two officials familiar with the talks said the deal was never close. \u201cIt was over before it started,\u201d one official said.\n\n"
    "The ministry denied the report, and party officials would not confirm whether talks took place."
)
COURIER_BODY = (
    "The Daily Ledger reported that the finance minister resigned on Tuesday.\n\n"
    "A ministry spokesperson denied that account in a statement."
)
WEATHER_BODY = "Forecasters said heavy rain would reach the valley on Friday.\n\nFarmers welcomed the news."


def ledger_article(article_id: str = "ledger-1", publisher: str = "Daily Ledger",
                   published_at: str = "2023-11-14T22:13:20Z") -> Article:
    b = LEDGER_BODY
    return Article(
        id=article_id,
        body=b,
        url=f"https://ledger.example/{article_id}",
        headline="Minister resigned after secret budget talks",
        publisher=publisher,
        published_at=published_at,
        authors=("Ana Reporter",),
        removed=(Removal("CLICK HERE TO READ MORE", "promo"), Removal("Related Content", "related")),
        attributions=(
            Attribution(source(b, "Reuters", "outlet"), span(b, "according to"),
                        span(b, "The finance minister stepped down on Tuesday after budget talks collapsed"), "indirect", "assert"),
            Attribution(source(b, "Two officials familiar with the talks", "anonymous"), span(b, "said"),
                        span(b, "the deal was never close"), "indirect", "assert", method="rule:test"),
            Attribution(source(b, "one official", "anonymous"), span(b, "said", 1),
                        span(b, "It was over before it started"), "direct", "assert", hedged=True),
            Attribution(source(b, "The ministry", "organization", resolved="The ministry"), span(b, "denied"),
                        span(b, "the report"), "indirect", "deny"),
            Attribution(source(b, "party officials", "anonymous"), span(b, "would not confirm"),
                        span(b, "whether talks took place"), "indirect", "decline"),
        ),
        entities=(Entity("Tuesday", "DATE", b.index("Tuesday"), b.index("Tuesday") + 7),
                  Entity("Reuters", "ORG", b.index("Reuters"), b.index("Reuters") + 7, "Reuters")),
        times=(TimeExpression("Tuesday", b.index("Tuesday"), b.index("Tuesday") + 7, "2023-11-14"),),
        extras={"section": "politics"},
    )


def courier_article() -> Article:
    b = COURIER_BODY
    return Article(
        id="courier-1", body=b, headline="Minister resigns, Ledger says", publisher="Coastal Courier",
        published_at="2023-11-15T09:30:00+01:00",
        attributions=(
            Attribution(source(b, "The Daily Ledger", "outlet"), span(b, "reported"),
                        span(b, "the finance minister resigned on Tuesday"), "indirect", "assert"),
            Attribution(source(b, "A ministry spokesperson", "official"), span(b, "denied"),
                        span(b, "that account"), "indirect", "deny"),
        ),
    )


def weather_article() -> Article:
    b = WEATHER_BODY
    return Article(
        id="weather-1", body=b, headline="Rain on the way", publisher="Valley Post", published_at="2023-11-16",
        attributions=(Attribution(source(b, "Forecasters", "person"), span(b, "said"),
                                  span(b, "heavy rain would reach the valley on Friday"), "indirect", "assert"),),
    )


def corpus_articles() -> list[Article]:
    copy = ledger_article("harbor-1", "Harbor Times", "2023-11-15T01:00:00+02:00")
    skipped = Article(id="empty-1", skipped="empty", publisher="Valley Post")
    return [ledger_article(), copy, courier_article(), weather_article(), skipped]


def corpus_links() -> tuple[list[LinkRecord], list[Story], list[Claim]]:
    links = [
        LinkRecord("ledger-1", "story-minister", origin=Origin("original")),
        LinkRecord("harbor-1", "story-minister", duplicate_of="ledger-1", origin=Origin("wire_copy", "Daily Ledger", "ledger-1")),
        LinkRecord("courier-1", "story-minister", origin=Origin("rewrite", "Daily Ledger", None)),
        LinkRecord("weather-1", "story-weather", origin=Origin("original")),
        LinkRecord("empty-1", "story-empty", skipped="empty", extras={"note": "kept"}),
    ]
    stories = [
        Story("story-minister", ("ledger-1", "harbor-1", "courier-1"), "2023-11-14T22:13:20Z", "Minister resigns"),
        Story("story-weather", ("weather-1",), "2023-11-16"),
        Story("story-empty", ("empty-1",), None),
    ]
    claims = [
        Claim("claim-resigned", "the finance minister resigned on Tuesday",
              (ClaimMention("ledger-1", "assert", "Reuters"), ClaimMention("harbor-1", "assert", "Reuters"),
               ClaimMention("courier-1", "assert", "The Daily Ledger")),
              "ledger-1", "story-minister"),
        Claim("claim-denial", "the ministry denied the report",
              (ClaimMention("ledger-1", "deny", "The ministry"), ClaimMention("courier-1", "deny", "A ministry spokesperson")),
              "ledger-1", "story-minister"),
    ]
    return links, stories, claims



TOPICS = [
    ("Bridge closed after storm", "The coastal bridge was closed on Monday after a storm damaged its deck, officials said."),
    ("Council approves budget", "The city council approved the new budget late on Tuesday, the mayor's office said in a statement."),
    ("Port workers strike", "Port workers walked out on Wednesday over pay, according to a union spokesperson."),
    ("Library reopens", "The central library reopened on Thursday after two years of repairs, the city announced."),
    ("Train delays continue", "Commuters faced delays for a third day, the rail operator said, blaming a signal fault."),
]
OUTLETS = ["Daily Ledger", "Harbor Times", "Coastal Courier", "Valley Post"]


def synthetic_inputs(n: int, seed: int = 7) -> list[dict[str, Any]]:
    """``n`` raw input objects: topic stories reworded per outlet, some verbatim wire copies."""
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        title, lead = TOPICS[i % len(TOPICS)]
        outlet = OUTLETS[rng.randrange(len(OUTLETS))]
        copy = i >= len(TOPICS) and rng.random() < 0.3
        detail = "" if copy else f" Reporter note {i}: residents described the scene to the {outlet}."
        text = f"{title}\n\n{lead}{detail}\n\nA spokesperson declined to comment further."
        rows.append({"id": f"in-{i:04d}", "text": text, "publisher": outlet,
                     "published_at": f"2024-03-{1 + i % 28:02d}T{8 + i % 10:02d}:00:00Z"})
    return rows


def write_inputs(path: Path, rows: list[Any]) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write((row if isinstance(row, str) else json.dumps(row)) + "\n")
    return path
