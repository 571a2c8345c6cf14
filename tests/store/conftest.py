"""Store fixtures: a real SQLite file and a real PostgreSQL database per test, and a small
hand-written corpus (synthetic sentences written for these tests) with link records, stories
and claims built by hand."""

from __future__ import annotations

import importlib.util
import os
import uuid
from pathlib import Path
from typing import Any, Iterator

import pytest

from newstrace.records import (
    Article, Attribution, Claim, ClaimMention, Entity, LinkRecord, Origin, Removal, Source, Span, Story,
    TimeExpression,
)
from newstrace.store import Store, open_store

ROOT = Path(__file__).resolve().parents[2]


def load_pg_script() -> Any:
    spec = importlib.util.spec_from_file_location("newstrace_pg_server", ROOT / "scripts" / "pg_server.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def pg_server_url() -> Iterator[str]:
    """A running PostgreSQL: NEWSTRACE_TEST_PG_URL, else one started by scripts/pg_server.py."""
    env = os.environ.get("NEWSTRACE_TEST_PG_URL")
    if env:
        yield env
        return
    script = load_pg_script()  # sets XDG_RUNTIME_DIR before pgserver is imported
    try:
        import pgserver  # noqa: F401
    except ImportError:
        pytest.skip("pgserver is not installed (pip install -r requirements.lock)")
    uri, server = script.start()
    yield uri
    del server


def _with_database(uri: str, name: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(uri).set(database=name).render_as_string(hide_password=False)


@pytest.fixture
def pg_url(pg_server_url: str) -> Iterator[str]:
    """A fresh, empty database on the test server, dropped afterwards."""
    import psycopg

    name = "nt_" + uuid.uuid4().hex[:16]
    with psycopg.connect(pg_server_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    yield _with_database(pg_server_url, name)
    with psycopg.connect(pg_server_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.db'}"
    return str(request.getfixturevalue("pg_url"))


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    opened = open_store(store_url)
    yield opened
    opened.close()


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


@pytest.fixture
def corpus_store(store: Store) -> Store:
    """The store with the synthetic corpus and its hand-built links, stories and claims."""
    from newstrace.store import put_records

    links, stories, claims = corpus_links()
    put_records(store, corpus_articles(), links, stories, claims, traces={"claim-resigned": {"steps": ["ledger-1"]}})
    return store
