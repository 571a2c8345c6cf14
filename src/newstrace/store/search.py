"""Full-text search over headlines and bodies: SQLite FTS5 (bm25) or PostgreSQL tsvector (GIN).

A user query is parsed here, never passed through: words, "quoted phrases", ``OR`` between terms
and a trailing ``*`` for a prefix. It becomes an FTS5 expression of quoted strings (so no FTS5
syntax in the input can reach the parser) or a ``websearch_to_tsquery`` string; both are bound
parameters. Results come ranked (BM25 on SQLite, ``ts_rank_cd`` on PostgreSQL; headline matches
weigh more), with a short highlighted snippet.

Scoring every match of a very common word costs time in proportion to the matches (30 ms for 27,000
of them on SQLite), so only the newest ``RANK_WINDOW`` (1,000) matches are scored: a query matching fewer
articles is ranked exactly; a broader one returns the best of its most recent 2,000 matches, which
for news is usually what one wants, and keeps a search under a few milliseconds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterator

import sqlalchemy as sa

from newstrace.store import schema as s

MAX_QUERY_CHARS = 500
RANK_WINDOW = 1000  # ranking looks at the newest this-many matches (see ``search``)
MAX_TERMS = 32
MAX_OFFSET = 1000
COUNT_CAP = 1000

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
    hits = _hits(conn, ranked[:limit], query)
    next_offset = offset + limit if more and offset + limit <= MAX_OFFSET else None
    return SearchPage(hits, total, total >= COUNT_CAP, next_offset)


def _sqlite_ranked(conn: sa.Connection, expr: str, offset: int, limit: int) -> tuple[list[int], int]:
    # FTS5 walks matches newest first (rowid = articles.seq, descending) and scores only the window.
    rows = conn.exec_driver_sql(
        "SELECT rowid FROM (SELECT rowid, bm25(articles_fts, 5.0, 1.0) AS score FROM articles_fts "
        "WHERE articles_fts MATCH ? ORDER BY rowid DESC LIMIT ?) ORDER BY score, rowid DESC LIMIT ? OFFSET ?",
        (expr, RANK_WINDOW, limit + 1, offset),
    ).all()
    total = conn.exec_driver_sql(
        "SELECT count(*) FROM (SELECT 1 FROM articles_fts WHERE articles_fts MATCH ? LIMIT ?)", (expr, COUNT_CAP)
    ).scalar_one()
    return [int(r[0]) for r in rows], int(total)


_PG_RANKED = sa.text(
    "SELECT seq FROM (SELECT seq, search FROM articles WHERE search @@ websearch_to_tsquery('english', :q) "
    "ORDER BY seq DESC LIMIT :window) AS newest "
    "ORDER BY ts_rank_cd(search, websearch_to_tsquery('english', :q)) DESC, seq DESC LIMIT :limit OFFSET :offset"
)
_PG_COUNT = sa.text(
    "SELECT count(*) FROM (SELECT 1 FROM articles WHERE search @@ websearch_to_tsquery('english', :q) LIMIT :cap) t"
)


def _pg_ranked(conn: sa.Connection, expr: str, offset: int, limit: int) -> tuple[list[int], int]:
    params = {"q": expr, "limit": limit + 1, "offset": offset, "cap": COUNT_CAP, "window": RANK_WINDOW}
    seqs = [int(r[0]) for r in conn.execute(_PG_RANKED, params)]
    return seqs, int(conn.execute(_PG_COUNT, params).scalar_one())


# --- snippets: a window of words around the first match, matches marked ----------------------------

_SUFFIXES = ("ings", "ing", "edly", "ed", "es", "s", "ly")
SNIPPET_WORDS = 28


def _stem(word: str) -> str:
    """A crude stem for highlighting only (matching itself is the index's exact job)."""
    lowered = word.lower()
    for suffix in _SUFFIXES:
        if lowered.endswith(suffix) and len(lowered) - len(suffix) >= 3:
            return lowered[: -len(suffix)]
    return lowered


@dataclass(frozen=True)
class Highlighter:
    """Finds the query's (crudely stemmed) words in text, case-insensitively, at word starts."""

    pattern: re.Pattern[str]
    stems: tuple[str, ...]  # lowercased

    def first(self, text: str) -> int | None:
        """Where the first match in ``text`` starts.

        ``str.find`` on the lowercased text is several times faster than the regex (which has no
        literal prefix to skip ahead with); the regex is the fallback when lowercasing changes the
        text's length (offsets would no longer line up).
        """
        lowered = text.lower()
        if len(lowered) != len(text):
            found = self.pattern.search(text)
            return found.start() if found else None
        best: int | None = None
        for stem in self.stems:
            position = lowered.find(stem)
            while position >= 0 and (best is None or position < best):
                before = lowered[position - 1] if position else " "
                if not (before.isalnum() or before == "_"):  # a word start, as the pattern's \b
                    best = position
                    break
                position = lowered.find(stem, position + 1)
        return best

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        return self.pattern.finditer(text)


def highlighter(query: Query) -> Highlighter | None:
    stems = sorted({_stem(w) for group in query.groups for term in group for w in term.words}, key=len, reverse=True)
    if not stems:
        return None
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(x) for x in stems) + r")\w*", re.IGNORECASE)
    return Highlighter(pattern, tuple(stems))


def make_snippet(body: str, pattern: Highlighter | None, words: int = SNIPPET_WORDS) -> dict[str, Any]:
    """About ``words`` words of ``body`` around the first match, as text + highlight offsets."""
    head = body[:200_000]
    first = pattern.first(head) if pattern else None
    center = first or 0
    start = center
    for _ in range(words // 3):  # a third of the window before the match
        previous = head.rfind(" ", 0, max(0, start - 1))
        if previous < 0:
            start = 0
            break
        start = previous + 1
    end = start
    for _ in range(words):
        following = head.find(" ", end + 1)
        if following < 0:
            end = len(head)
            break
        end = following
    text = " ".join(head[start:end].split())
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(body) else ""
    text = prefix + text + suffix
    highlights = [[m.start(), m.end()] for m in pattern.finditer(text)] if pattern else []
    return {"text": text, "highlights": highlights}


_A, _LRT = s.articles, s.link_records
Q_HITS = (
    sa.select(_A.c.seq, _A.c.id, _A.c.headline, _A.c.publisher, _A.c.url, _A.c.published_at, _A.c.outlet,
              _A.c.skipped, _A.c.n_attributions, _LRT.c.story_id, sa.func.substr(_A.c.body, 1, 20_000).label("body"))
    .select_from(_A.outerjoin(_LRT, _LRT.c.article_id == _A.c.id))
    .where(_A.c.seq.in_(sa.bindparam("seqs", expanding=True)))
)


def _hits(conn: sa.Connection, seqs: list[int], query: Query) -> list[dict[str, Any]]:
    if not seqs:
        return []
    by_seq = {r["seq"]: dict(r) for r in conn.execute(Q_HITS, {"seqs": seqs}).mappings()}
    pattern = highlighter(query)
    hits = []
    for seq in seqs:
        row = by_seq.get(seq)
        if row is None:
            continue
        row.pop("seq")
        row["snippet"] = make_snippet(row.pop("body") or "", pattern)
        hits.append(row)
    return hits
