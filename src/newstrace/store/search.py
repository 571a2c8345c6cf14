"""Full-text search over headlines and bodies: SQLite FTS5 (bm25) or PostgreSQL tsvector (GIN).

A user query is parsed here, never passed through: words, "quoted phrases", ``OR`` between terms
and a trailing ``*`` for a prefix. It becomes an FTS5 expression of quoted strings (so no FTS5
syntax in the input can reach the parser) or a ``websearch_to_tsquery`` string; both are bound
parameters. Results come ranked, headline matches first, with a short highlighted snippet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from newstrace.store import schema as s

MAX_QUERY_CHARS = 500
MAX_TERMS = 32
MAX_OFFSET = 1000
COUNT_CAP = 1000
START, STOP = "\ue000", "\ue001"  # snippet markers (private-use characters)

_TOKEN = re.compile(r'"([^"]*)"?|(\S+)')
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Term:
    words: tuple[str, ...]
    prefix: bool = False


@dataclass(frozen=True)
class Query:
    """A parsed query: groups of alternatives (``a OR b``), all groups required."""

    groups: tuple[tuple[Term, ...], ...]

    @property
    def empty(self) -> bool:
        return not self.groups


def parse_query(text: str) -> Query:
    text = text[:MAX_QUERY_CHARS]
    groups: list[list[Term]] = []
    pending_or = False
    count = 0
    for match in _TOKEN.finditer(text):
        phrase, bare = match.group(1), match.group(2)
        if bare == "OR":
            pending_or = bool(groups)
            continue
        source = phrase if phrase is not None else bare or ""
        words = tuple(_WORD.findall(source))
        if not words:
            continue
        prefix = phrase is None and source.endswith("*") and len(words) == 1
        term = Term(words, prefix)
        count += 1
        if count > MAX_TERMS:
            break
        if pending_or and groups:
            groups[-1].append(term)
        else:
            groups.append([term])
        pending_or = False
    return Query(tuple(tuple(g) for g in groups))


def fts5_expression(query: Query) -> str:
    """The FTS5 MATCH expression: every word double-quoted, so it is only ever a string."""

    def term(t: Term) -> str:
        quoted = '"' + " ".join(w.replace('"', '""') for w in t.words) + '"'
        return quoted + ("*" if t.prefix else "")

    parts = []
    for group in query.groups:
        alternatives = [term(t) for t in group]
        parts.append(alternatives[0] if len(alternatives) == 1 else "(" + " OR ".join(alternatives) + ")")
    return " AND ".join(parts)


def websearch_expression(query: Query) -> str:
    """The same query in ``websearch_to_tsquery`` syntax (which never raises on any input)."""
    parts = []
    for group in query.groups:
        alternatives = ['"' + " ".join(t.words) + '"' if len(t.words) > 1 else t.words[0] for t in group]
        parts.append(" or ".join(alternatives))
    return " ".join(parts)


@dataclass(frozen=True)
class SearchPage:
    hits: list[dict[str, Any]]
    total: int
    total_capped: bool
    next_offset: int | None


def split_snippet(marked: str) -> dict[str, Any]:
    """A marked snippet as plain ``text`` and ``highlights`` ([start, end] offsets into it)."""
    out: list[str] = []
    highlights: list[list[int]] = []
    length = 0
    start: int | None = None
    for char in marked:
        if char == START:
            start = length
        elif char == STOP:
            if start is not None and length > start:
                highlights.append([start, length])
            start = None
        else:
            out.append(char)
            length += 1
    return {"text": "".join(out), "highlights": highlights}


def search(conn: sa.Connection, text: str, offset: int = 0, limit: int = 20) -> SearchPage:
    query = parse_query(text)
    if query.empty:
        return SearchPage([], 0, False, None)
    offset = max(0, min(offset, MAX_OFFSET))
    if conn.dialect.name == "sqlite":
        ranked, total = _sqlite_ranked(conn, fts5_expression(query), offset, limit)
    else:
        ranked, total = _pg_ranked(conn, websearch_expression(query), offset, limit)
    more = len(ranked) > limit
    ranked = ranked[:limit]
    hits = _hits(conn, ranked, query)
    next_offset = offset + limit if more and offset + limit <= MAX_OFFSET else None
    return SearchPage(hits, total, total >= COUNT_CAP, next_offset)


def _sqlite_ranked(conn: sa.Connection, expr: str, offset: int, limit: int) -> tuple[list[tuple[int, str]], int]:
    rows = conn.exec_driver_sql(
        "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? "
        "ORDER BY bm25(articles_fts, 5.0, 1.0), rowid LIMIT ? OFFSET ?",
        (expr, limit + 1, offset),
    ).all()
    seqs = [int(r[0]) for r in rows]
    total = conn.exec_driver_sql(
        "SELECT count(*) FROM (SELECT 1 FROM articles_fts WHERE articles_fts MATCH ? LIMIT ?)", (expr, COUNT_CAP)
    ).scalar_one()
    snippets: dict[int, str] = {}
    if seqs:
        marks = ",".join("?" for _ in seqs[:limit])
        for seq, snippet in conn.exec_driver_sql(
            f"SELECT rowid, snippet(articles_fts, 1, ?, ?, '…', 28) FROM articles_fts "  # noqa: S608 - only ? marks
            f"WHERE articles_fts MATCH ? AND rowid IN ({marks})",
            (START, STOP, expr, *seqs[:limit]),
        ):
            snippets[int(seq)] = snippet
    return [(seq, snippets.get(seq, "")) for seq in seqs], int(total)


def _pg_ranked(conn: sa.Connection, expr: str, offset: int, limit: int) -> tuple[list[tuple[int, str]], int]:
    params = {"q": expr, "limit": limit + 1, "offset": offset, "cap": COUNT_CAP, "start": START, "stop": STOP}
    rows = conn.execute(
        sa.text(
            "SELECT seq FROM articles, websearch_to_tsquery('english', :q) AS query "
            "WHERE search @@ query ORDER BY ts_rank_cd(search, query) DESC, seq LIMIT :limit OFFSET :offset"
        ),
        params,
    ).all()
    seqs = [int(r[0]) for r in rows]
    total = conn.execute(
        sa.text("SELECT count(*) FROM (SELECT 1 FROM articles WHERE search @@ websearch_to_tsquery('english', :q) LIMIT :cap) t"),
        params,
    ).scalar_one()
    snippets: dict[int, str] = {}
    if seqs:
        options = "StartSel=" + START + ", StopSel=" + STOP + ", MaxWords=28, MinWords=12, MaxFragments=1"
        for seq, snippet in conn.execute(
            sa.text(
                "SELECT seq, ts_headline('english', left(body, 20000), websearch_to_tsquery('english', :q), :opts) "
                "FROM articles WHERE seq IN :seqs"
            ).bindparams(sa.bindparam("seqs", expanding=True)),
            {"q": expr, "opts": options, "seqs": seqs[:limit]},
        ):
            snippets[int(seq)] = snippet
    return [(seq, snippets.get(seq, "")) for seq in seqs], int(total)


def _hits(conn: sa.Connection, ranked: list[tuple[int, str]], query: Query) -> list[dict[str, Any]]:
    if not ranked:
        return []
    a, lr = s.articles, s.link_records
    rows = conn.execute(
        sa.select(a.c.seq, a.c.id, a.c.headline, a.c.publisher, a.c.url, a.c.published_at, a.c.outlet,
                  a.c.skipped, a.c.n_attributions, lr.c.story_id)
        .select_from(a.outerjoin(lr, lr.c.article_id == a.c.id))
        .where(a.c.seq.in_([seq for seq, _ in ranked]))
    ).mappings()
    by_seq = {r["seq"]: dict(r) for r in rows}
    hits = []
    for seq, snippet in ranked:
        row = by_seq.get(seq)
        if row is None:
            continue
        row.pop("seq")
        row["snippet"] = split_snippet(snippet)
        hits.append(row)
    return hits
