"""Row writers: articles (+ lists, full-text index, per-outlet and per-source counts), link records,
stories, claims and the linker state. Each takes an open write transaction; none commits.

All statements are SQLAlchemy Core with bound parameters (the FTS5 insert is a fixed statement with
``?`` placeholders): no value is ever formatted into SQL text.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any, Iterable, Mapping, Sequence

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from newstrace.records import Article, Claim, LinkRecord, Story
from newstrace.store import schema as s
from newstrace.store.rows import article_rows, claim_rows, link_row, source_display, story_rows

_CHUNK = 500  # ids per IN (...) list, well under SQLite's parameter limit


def _insert(conn: sa.Connection, table: sa.Table) -> Any:
    return (postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert)(table)


def chunks(items: Sequence[Any], size: int = _CHUNK) -> Iterable[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def existing_ids(conn: sa.Connection, ids: Sequence[str]) -> set[str]:
    found: set[str] = set()
    for part in chunks(list(ids)):
        found.update(r[0] for r in conn.execute(sa.select(s.articles.c.id).where(s.articles.c.id.in_(part))))
    return found


def next_seq(conn: sa.Connection) -> int:
    return int(conn.execute(sa.select(sa.func.coalesce(sa.func.max(s.articles.c.seq), 0))).scalar_one()) + 1


def insert_articles(conn: sa.Connection, articles: Sequence[Article], first_seq: int, batch: int) -> None:
    """Insert new articles with their removals, attributions, entities, times; index them for
    search; add them to the per-outlet and per-source counts."""
    if not articles:
        return
    bundles = [article_rows(a, first_seq + i, batch) for i, a in enumerate(articles)]
    conn.execute(s.articles.insert(), [b["articles"] for b in bundles])
    for name in ("removals", "attributions", "entities", "times"):
        rows = [r for b in bundles for r in b[name]]
        if rows:
            conn.execute(s.TABLES[name].insert(), rows)
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql(
            "INSERT INTO articles_fts(rowid, headline, body) VALUES (?, ?, ?)",
            [(b["articles"]["seq"], b["articles"]["headline"] or "", b["articles"]["body"]) for b in bundles],
        )
    _add_counts(conn, bundles)


def _add_counts(conn: sa.Connection, bundles: Sequence[Mapping[str, Any]]) -> None:
    outlet_counts: dict[str, Counter[str]] = defaultdict(Counter)
    source_counts: dict[tuple[str, str, str], list[Any]] = {}
    for bundle in bundles:
        row = bundle["articles"]
        if row["skipped"]:
            continue  # skipped by policy: no body, nothing cited
        counts = outlet_counts[row["outlet"]]
        counts["articles"] += 1
        seen_here: set[tuple[str, str, str]] = set()
        for a in bundle["attributions"]:
            counts["attributions"] += 1
            counts["direct"] += a["type"] == "direct"
            counts["denials"] += a["stance"] == "deny"
            if a["source_name"] is None:
                counts["unsourced"] += 1
                continue
            kind = a["source_kind"] or "unknown"
            counts["anonymous"] += kind == "anonymous"
            key = (row["outlet"], a["source_name"], kind)
            named = a["resolved_text"] if a["resolved_text"] is not None else a["source_text"]
            entry = source_counts.setdefault(key, [source_display(named), 0, 0])
            entry[1] += 1
            if key not in seen_here:
                seen_here.add(key)
                entry[2] += 1
    columns = ("articles", "attributions", "anonymous", "unsourced", "direct", "denials")
    rows = [{"outlet": o, **{c: counts[c] for c in columns}} for o, counts in sorted(outlet_counts.items())]
    stmt = _insert(conn, s.outlets)
    stmt = stmt.on_conflict_do_update(
        index_elements=[s.outlets.c.outlet],
        set_={c: getattr(s.outlets.c, c) + getattr(stmt.excluded, c) for c in columns},
    )
    if rows:
        conn.execute(stmt, rows)
    if source_counts:
        src_rows = [
            {"outlet": k[0], "name": k[1], "kind": k[2], "display": v[0], "mentions": v[1], "articles": v[2]}
            for k, v in sorted(source_counts.items())
        ]
        stmt = _insert(conn, s.sources)
        stmt = stmt.on_conflict_do_update(
            index_elements=[s.sources.c.outlet, s.sources.c.name, s.sources.c.kind],
            set_={
                "mentions": s.sources.c.mentions + stmt.excluded.mentions,
                "articles": s.sources.c.articles + stmt.excluded.articles,
            },
        )
        conn.execute(stmt, src_rows)


def put_link_records(conn: sa.Connection, records: Sequence[LinkRecord]) -> None:
    """Insert or replace the link records of these articles."""
    if not records:
        return
    ids = [r.id for r in records]
    for part in chunks(ids):
        conn.execute(s.link_records.delete().where(s.link_records.c.article_id.in_(part)))
    conn.execute(s.link_records.insert(), [link_row(r) for r in records])


def delete_link_records(conn: sa.Connection, ids: Sequence[str]) -> None:
    for part in chunks(list(ids)):
        conn.execute(s.link_records.delete().where(s.link_records.c.article_id.in_(part)))


def put_stories(conn: sa.Connection, stories: Sequence[Story]) -> None:
    """Insert or replace these stories (and their member lists)."""
    if stories:
        delete_stories(conn, [st.story_id for st in stories])
        _insert_with_children(conn, s.stories, s.story_articles, [story_rows(st) for st in stories])


def delete_stories(conn: sa.Connection, ids: Sequence[str]) -> None:
    _delete_with_children(conn, s.stories, s.story_articles, "story_id", ids)


def put_claims(conn: sa.Connection, claims: Sequence[Claim], traces: Mapping[str, Mapping[str, Any] | None]) -> None:
    """Insert or replace these claims (and their mentions), with the linker's trace when given."""
    if claims:
        delete_claims(conn, [c.claim_id for c in claims])
        _insert_with_children(conn, s.claims, s.claim_mentions,
                              [claim_rows(c, traces.get(c.claim_id)) for c in claims])


def delete_claims(conn: sa.Connection, ids: Sequence[str]) -> None:
    _delete_with_children(conn, s.claims, s.claim_mentions, "claim_id", ids)


def _insert_with_children(conn: sa.Connection, parents: sa.Table, children: sa.Table,
                          made: Sequence[tuple[dict[str, Any], list[dict[str, Any]]]]) -> None:
    """Insert parent rows and their child rows (``story_rows`` / ``claim_rows`` output)."""
    conn.execute(parents.insert(), [row for row, _ in made])
    kids = [kid for _, its in made for kid in its]
    if kids:
        conn.execute(children.insert(), kids)


def _delete_with_children(conn: sa.Connection, parents: sa.Table, children: sa.Table, key: str,
                          ids: Sequence[str]) -> None:
    for part in chunks(list(ids)):
        conn.execute(children.delete().where(children.c[key].in_(part)))
        conn.execute(parents.delete().where(parents.c[key].in_(part)))


def read_linker_state(conn: sa.Connection) -> Mapping[str, Any] | None:
    row = conn.execute(sa.select(s.linker_state).where(s.linker_state.c.id == 1)).mappings().first()
    return dict(row) if row else None


def save_linker_state(conn: sa.Connection, version: int, batches: int, fmt: str, data: bytes) -> None:
    conn.execute(s.linker_state.delete().where(s.linker_state.c.id == 1))
    conn.execute(s.linker_state.insert().values(id=1, version=version, batches=batches, format=fmt, data=data))
