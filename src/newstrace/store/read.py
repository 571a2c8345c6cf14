"""Read queries: articles, stories, claims, link records, sources, counts. Each takes a connection.

Lists use keyset (cursor) pagination: a cursor is the last row's sort key, opaque to clients, so
a page costs the same wherever it is and rows added meanwhile never shift a page.
"""

from __future__ import annotations

import base64
import json
from collections import defaultdict
from typing import Any, Sequence

import sqlalchemy as sa

from newstrace.store import schema as s
from newstrace.store.rows import article_dict, claim_dict, link_dict, story_dict
from newstrace.store.write import chunks

SUMMARY_COLUMNS = (
    s.articles.c.id, s.articles.c.seq, s.articles.c.headline, s.articles.c.publisher, s.articles.c.url,
    s.articles.c.published_at, s.articles.c.outlet, s.articles.c.skipped, s.articles.c.n_attributions,
)


class CursorError(ValueError):
    """A pagination cursor that this store did not hand out."""


def encode_cursor(key: Sequence[Any]) -> str:
    raw = json.dumps(list(key), separators=(",", ":")).encode("utf-8")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def decode_cursor(cursor: str | None, types: Sequence[type]) -> list[Any] | None:
    """The key in ``cursor``, checked against the expected element ``types``; None for no cursor."""
    if not cursor:
        return None
    if len(cursor) > 2048:
        raise CursorError("cursor too long")
    try:
        key = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except (ValueError, UnicodeDecodeError):
        raise CursorError("malformed cursor") from None
    if not isinstance(key, list) or len(key) != len(types):
        raise CursorError("malformed cursor")
    for value, kind in zip(key, types):
        if not isinstance(value, kind) or isinstance(value, bool):
            raise CursorError("malformed cursor")
    return key


# --- articles ------------------------------------------------------------------------------------


def get_articles(conn: sa.Connection, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    """Full article dicts (``Article.to_dict()``) by id; unknown ids are absent."""
    rows: dict[str, Any] = {}
    for part in chunks(list(ids)):
        for row in conn.execute(sa.select(s.articles).where(s.articles.c.id.in_(part))).mappings():
            rows[row["id"]] = row
    need = [i for i, r in rows.items() if not r["extra"]]
    children: dict[str, dict[str, list[Any]]] = {
        name: defaultdict(list) for name in ("removals", "attributions", "entities", "times")
    }
    for name, lists in children.items():
        table = s.TABLES[name]
        for part in chunks(need):
            query = sa.select(table).where(table.c.article_id.in_(part)).order_by(table.c.article_id, table.c.idx)
            for child in conn.execute(query).mappings():
                lists[child["article_id"]].append(child)
    return {
        i: article_dict(
            row,
            children["removals"][i], children["attributions"][i], children["entities"][i], children["times"][i],
        )
        for i, row in rows.items()
    }


def get_article(conn: sa.Connection, article_id: str) -> dict[str, Any] | None:
    return get_articles(conn, [article_id]).get(article_id)


def article_summaries(conn: sa.Connection, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    """Headline, outlet, time... (no body) of these articles, with their link record fields."""
    out: dict[str, dict[str, Any]] = {}
    lr = s.link_records
    for part in chunks(list(ids)):
        query = (
            sa.select(*SUMMARY_COLUMNS, lr.c.story_id, lr.c.duplicate_of, lr.c.origin_type, lr.c.origin_source,
                      lr.c.origin_article_id, s.articles.c.published_utc)
            .select_from(s.articles.outerjoin(lr, lr.c.article_id == s.articles.c.id))
            .where(s.articles.c.id.in_(part))
        )
        for row in conn.execute(query).mappings():
            out[row["id"]] = dict(row)
    return out


def list_articles(
    conn: sa.Connection, after_seq: int | None, limit: int, outlet: str | None = None
) -> tuple[list[dict[str, Any]], int | None]:
    """Articles in ingestion order after ``after_seq``; returns the page and the next cursor key."""
    lr = s.link_records
    query = (
        sa.select(*SUMMARY_COLUMNS, lr.c.story_id)
        .select_from(s.articles.outerjoin(lr, lr.c.article_id == s.articles.c.id))
        .order_by(s.articles.c.seq)
        .limit(limit + 1)
    )
    if after_seq is not None:
        query = query.where(s.articles.c.seq > after_seq)
    if outlet is not None:
        query = query.where(s.articles.c.outlet == outlet)
    rows = [dict(r) for r in conn.execute(query).mappings()]
    more = len(rows) > limit
    rows = rows[:limit]
    return rows, (rows[-1]["seq"] if more and rows else None)


def get_link(conn: sa.Connection, article_id: str) -> dict[str, Any] | None:
    row = conn.execute(sa.select(s.link_records).where(s.link_records.c.article_id == article_id)).mappings().first()
    return link_dict(row) if row else None


def get_links(conn: sa.Connection, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    out = {}
    for part in chunks(list(ids)):
        for row in conn.execute(sa.select(s.link_records).where(s.link_records.c.article_id.in_(part))).mappings():
            out[row["article_id"]] = link_dict(row)
    return out


def all_link_records(conn: sa.Connection) -> list[dict[str, Any]]:
    query = sa.select(s.link_records).order_by(s.link_records.c.article_id)
    return [link_dict(r) for r in conn.execute(query).mappings()]


# --- stories -------------------------------------------------------------------------------------


def _stories_by_rows(conn: sa.Connection, rows: Sequence[Any]) -> list[dict[str, Any]]:
    ids = [r["story_id"] for r in rows if not r["extra"]]
    members: dict[str, list[Any]] = defaultdict(list)
    for part in chunks(ids):
        query = (
            sa.select(s.story_articles)
            .where(s.story_articles.c.story_id.in_(part))
            .order_by(s.story_articles.c.story_id, s.story_articles.c.position)
        )
        for m in conn.execute(query).mappings():
            members[m["story_id"]].append(m)
    return [story_dict(r, members[r["story_id"]]) for r in rows]


def get_story(conn: sa.Connection, story_id: str) -> dict[str, Any] | None:
    row = conn.execute(sa.select(s.stories).where(s.stories.c.story_id == story_id)).mappings().first()
    return _stories_by_rows(conn, [row])[0] if row else None


def story_id_of(conn: sa.Connection, article_id: str) -> str | None:
    query = sa.select(s.link_records.c.story_id).where(s.link_records.c.article_id == article_id)
    value = conn.execute(query).scalar()
    return str(value) if value is not None else None


def list_stories(
    conn: sa.Connection, after: list[Any] | None, limit: int, min_articles: int = 1
) -> tuple[list[dict[str, Any]], list[Any] | None]:
    """Stories, largest first (ties by id), as ``Story.to_dict()`` plus ``n_articles``."""
    st = s.stories
    query = sa.select(st).where(st.c.n_articles >= min_articles).order_by(st.c.n_articles.desc(), st.c.story_id).limit(limit + 1)
    if after is not None:
        n, sid = after
        query = query.where(sa.or_(st.c.n_articles < n, sa.and_(st.c.n_articles == n, st.c.story_id > sid)))
    rows = list(conn.execute(query).mappings())
    more = len(rows) > limit
    rows = rows[:limit]
    stories = _stories_by_rows(conn, rows)
    for story, row in zip(stories, rows):
        story["n_articles"] = row["n_articles"]
    return stories, ([rows[-1]["n_articles"], rows[-1]["story_id"]] if more and rows else None)


def iter_stories(conn: sa.Connection, page: int = 1000) -> Any:
    """Every story (``Story.to_dict()``), in id order, read page by page."""
    after: str | None = None
    while True:
        query = sa.select(s.stories).order_by(s.stories.c.story_id).limit(page)
        if after is not None:
            query = query.where(s.stories.c.story_id > after)
        rows = list(conn.execute(query).mappings())
        if not rows:
            return
        yield from _stories_by_rows(conn, rows)
        after = rows[-1]["story_id"]


# --- claims --------------------------------------------------------------------------------------


def _claims_by_rows(conn: sa.Connection, rows: Sequence[Any]) -> list[dict[str, Any]]:
    ids = [r["claim_id"] for r in rows if not r["extra"]]
    mentions: dict[str, list[Any]] = defaultdict(list)
    cm = s.claim_mentions
    for part in chunks(ids):
        query = sa.select(cm).where(cm.c.claim_id.in_(part)).order_by(cm.c.claim_id, cm.c.position)
        for m in conn.execute(query).mappings():
            mentions[m["claim_id"]].append(m)
    return [claim_dict(r, mentions[r["claim_id"]]) for r in rows]


def get_claim(conn: sa.Connection, claim_id: str) -> dict[str, Any] | None:
    row = conn.execute(sa.select(s.claims).where(s.claims.c.claim_id == claim_id)).mappings().first()
    return _claims_by_rows(conn, [row])[0] if row else None


def stored_trace(conn: sa.Connection, claim_id: str) -> dict[str, Any] | None:
    value = conn.execute(sa.select(s.claims.c.trace).where(s.claims.c.claim_id == claim_id)).scalar()
    return dict(json.loads(value)) if value else None


def claims_of_story(conn: sa.Connection, story_id: str, limit: int = 200) -> list[dict[str, Any]]:
    query = (
        sa.select(s.claims).where(s.claims.c.story_id == story_id)
        .order_by(s.claims.c.n_articles.desc(), s.claims.c.claim_id).limit(limit)
    )
    return _claims_by_rows(conn, list(conn.execute(query).mappings()))


def claims_of_article(conn: sa.Connection, article_id: str, limit: int = 200) -> list[dict[str, Any]]:
    ids = sa.select(s.claim_mentions.c.claim_id).where(s.claim_mentions.c.article_id == article_id)
    query = (
        sa.select(s.claims).where(s.claims.c.claim_id.in_(ids))
        .order_by(s.claims.c.n_articles.desc(), s.claims.c.claim_id).limit(limit)
    )
    return _claims_by_rows(conn, list(conn.execute(query).mappings()))


def iter_claims(conn: sa.Connection, page: int = 1000) -> Any:
    after: str | None = None
    while True:
        query = sa.select(s.claims).order_by(s.claims.c.claim_id).limit(page)
        if after is not None:
            query = query.where(s.claims.c.claim_id > after)
        rows = list(conn.execute(query).mappings())
        if not rows:
            return
        yield from _claims_by_rows(conn, rows)
        after = rows[-1]["claim_id"]


# --- sources and counts --------------------------------------------------------------------------


def outlet_stats(conn: sa.Connection, limit: int = 500) -> list[dict[str, Any]]:
    """Per outlet: articles, attributions, anonymous share, unsourced, direct quotes, denials."""
    o = s.outlets
    query = sa.select(o).order_by(o.c.attributions.desc(), o.c.outlet).limit(limit)
    out = []
    for row in conn.execute(query).mappings():
        item = dict(row)
        sourced = item["attributions"] - item["unsourced"]
        item["anonymous_share"] = round(item["anonymous"] / sourced, 4) if sourced else None
        out.append(item)
    return out


def top_sources(
    conn: sa.Connection, outlet: str | None = None, kind: str | None = None, limit: int = 100
) -> list[dict[str, Any]]:
    """Who is cited, how often (mentions and articles), by how many outlets; across outlets or in one."""
    src = s.sources
    query = (
        sa.select(
            src.c.name, src.c.kind, sa.func.min(src.c.display).label("display"),
            sa.func.sum(src.c.mentions).label("mentions"), sa.func.sum(src.c.articles).label("articles"),
            sa.func.count().label("outlets"),
        )
        .group_by(src.c.name, src.c.kind)
        .order_by(sa.desc("mentions"), src.c.name, src.c.kind)
        .limit(limit)
    )
    if outlet is not None:
        query = query.where(src.c.outlet == outlet)
    if kind is not None:
        query = query.where(src.c.kind == kind)
    return [
        {k: (int(v) if k in ("mentions", "articles", "outlets") else v) for k, v in r.items()}
        for r in conn.execute(query).mappings()
    ]


def sources_by_outlet(conn: sa.Connection, per_outlet: int = 5, outlets: Sequence[str] = ()) -> dict[str, list[dict[str, Any]]]:
    """The most cited sources of each outlet (at most ``per_outlet`` each)."""
    src = s.sources
    query = sa.select(src).order_by(src.c.outlet, src.c.mentions.desc(), src.c.name)
    if outlets:
        query = query.where(src.c.outlet.in_(list(outlets)))
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in conn.execute(query).mappings():
        if len(out[row["outlet"]]) < per_outlet:
            out[row["outlet"]].append(dict(row))
    return dict(out)


def counts(conn: sa.Connection) -> dict[str, int]:
    def count(table: sa.Table, *where: Any) -> int:
        return int(conn.execute(sa.select(sa.func.count()).select_from(table).where(*where)).scalar_one())

    return {
        "articles": count(s.articles),
        "skipped": count(s.articles, s.articles.c.skipped.is_not(None)),
        "stories": count(s.stories),
        "multi_article_stories": count(s.stories, s.stories.c.n_articles > 1),
        "claims": count(s.claims),
        "outlets": count(s.outlets),
        "attributions": int(conn.execute(sa.select(sa.func.coalesce(sa.func.sum(s.outlets.c.attributions), 0))).scalar_one()),
    }
