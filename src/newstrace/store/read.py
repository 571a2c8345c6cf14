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


_IDS = sa.bindparam("ids", expanding=True)
_LR = s.link_records

# Statements are built once, here: building a select per call costs several times its execution.
Q_ARTICLES = sa.select(s.articles).where(s.articles.c.id.in_(_IDS))
Q_ARTICLE = sa.select(s.articles).where(s.articles.c.id == sa.bindparam("id"))
Q_CHILDREN = {
    name: sa.select(s.TABLES[name]).where(s.TABLES[name].c.article_id.in_(_IDS))
    .order_by(s.TABLES[name].c.article_id, s.TABLES[name].c.idx)
    for name in ("removals", "attributions", "entities", "times")
}
Q_SUMMARIES = (
    sa.select(*SUMMARY_COLUMNS, _LR.c.story_id, _LR.c.duplicate_of, _LR.c.origin_type, _LR.c.origin_source,
              _LR.c.origin_article_id, s.articles.c.published_utc)
    .select_from(s.articles.outerjoin(_LR, _LR.c.article_id == s.articles.c.id))
    .where(s.articles.c.id.in_(_IDS))
)
_LIST_BASE = (
    sa.select(*SUMMARY_COLUMNS, _LR.c.story_id)
    .select_from(s.articles.outerjoin(_LR, _LR.c.article_id == s.articles.c.id))
    .where(s.articles.c.seq > sa.bindparam("after"))
    .order_by(s.articles.c.seq)
    .limit(sa.bindparam("limit"))
)
Q_LIST = {False: _LIST_BASE, True: _LIST_BASE.where(s.articles.c.outlet == sa.bindparam("outlet"))}
Q_LINKS = sa.select(_LR).where(_LR.c.article_id.in_(_IDS))
Q_STORIES = sa.select(s.stories).where(s.stories.c.story_id.in_(_IDS))
Q_MEMBERS = (
    sa.select(s.story_articles).where(s.story_articles.c.story_id.in_(_IDS))
    .order_by(s.story_articles.c.story_id, s.story_articles.c.position)
)
Q_STORY_OF = sa.select(_LR.c.story_id).where(_LR.c.article_id == sa.bindparam("id"))
_ST = s.stories
_STORY_PAGE = (
    sa.select(_ST).where(_ST.c.n_articles >= sa.bindparam("min"))
    .order_by(_ST.c.n_articles.desc(), _ST.c.story_id).limit(sa.bindparam("limit"))
)
Q_STORY_PAGE = {
    False: _STORY_PAGE,
    True: _STORY_PAGE.where(sa.or_(_ST.c.n_articles < sa.bindparam("n"),
                                   sa.and_(_ST.c.n_articles == sa.bindparam("n"), _ST.c.story_id > sa.bindparam("sid")))),
}
_CM = s.claim_mentions
Q_CLAIMS = sa.select(s.claims).where(s.claims.c.claim_id.in_(_IDS))
Q_MENTIONS = sa.select(_CM).where(_CM.c.claim_id.in_(_IDS)).order_by(_CM.c.claim_id, _CM.c.position)
Q_TRACE = sa.select(s.claims.c.trace).where(s.claims.c.claim_id == sa.bindparam("id"))
Q_CLAIMS_OF_STORY = (
    sa.select(s.claims).where(s.claims.c.story_id == sa.bindparam("id"))
    .order_by(s.claims.c.n_articles.desc(), s.claims.c.claim_id).limit(sa.bindparam("limit"))
)
Q_CLAIMS_OF_ARTICLE = (
    sa.select(s.claims)
    .where(s.claims.c.claim_id.in_(sa.select(_CM.c.claim_id).where(_CM.c.article_id == sa.bindparam("id"))))
    .order_by(s.claims.c.n_articles.desc(), s.claims.c.claim_id).limit(sa.bindparam("limit"))
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
        for row in conn.execute(Q_ARTICLES, {"ids": list(part)}).mappings():
            rows[row["id"]] = row
    need = [i for i, r in rows.items() if not r["extra"] and not r["lists"]]  # lists is always written today
    children: dict[str, dict[str, list[Any]]] = {
        name: defaultdict(list) for name in ("removals", "attributions", "entities", "times")
    }
    for name, lists in children.items():
        for part in chunks(need):
            for child in conn.execute(Q_CHILDREN[name], {"ids": list(part)}).mappings():
                lists[child["article_id"]].append(child)
    return {
        i: article_dict(
            row,
            children["removals"][i], children["attributions"][i], children["entities"][i], children["times"][i],
        )
        for i, row in rows.items()
    }


def get_article(conn: sa.Connection, article_id: str) -> dict[str, Any] | None:
    row = conn.execute(Q_ARTICLE, {"id": article_id}).mappings().first()
    if row is None:
        return None
    if row["extra"] or row["lists"]:
        return article_dict(row, (), (), (), ())
    return get_articles(conn, [article_id]).get(article_id)


def article_summaries(conn: sa.Connection, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    """Headline, outlet, time... (no body) of these articles, with their link record fields."""
    out: dict[str, dict[str, Any]] = {}
    for part in chunks(list(ids)):
        for row in conn.execute(Q_SUMMARIES, {"ids": list(part)}).mappings():
            out[row["id"]] = dict(row)
    return out


def list_articles(
    conn: sa.Connection, after_seq: int | None, limit: int, outlet: str | None = None
) -> tuple[list[dict[str, Any]], int | None]:
    """Articles in ingestion order after ``after_seq``; returns the page and the next cursor key."""
    params: dict[str, Any] = {"after": after_seq or 0, "limit": limit + 1}
    if outlet is not None:
        params["outlet"] = outlet
    rows = [dict(r) for r in conn.execute(Q_LIST[outlet is not None], params).mappings()]
    more = len(rows) > limit
    rows = rows[:limit]
    return rows, (rows[-1]["seq"] if more and rows else None)


Q_LINK = sa.select(_LR).where(_LR.c.article_id == sa.bindparam("id"))


def get_link(conn: sa.Connection, article_id: str) -> dict[str, Any] | None:
    row = conn.execute(Q_LINK, {"id": article_id}).mappings().first()
    return link_dict(row) if row else None


def get_links(conn: sa.Connection, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    out = {}
    for part in chunks(list(ids)):
        for row in conn.execute(Q_LINKS, {"ids": list(part)}).mappings():
            out[row["article_id"]] = link_dict(row)
    return out


def all_link_records(conn: sa.Connection) -> list[dict[str, Any]]:
    query = sa.select(s.link_records).order_by(s.link_records.c.article_id)
    return [link_dict(r) for r in conn.execute(query).mappings()]


# --- stories -------------------------------------------------------------------------------------


def _children(conn: sa.Connection, query: Any, key: str, rows: Sequence[Any]) -> dict[str, list[Any]]:
    """The child rows (``query`` over ``:ids``) of these parent rows, grouped by ``key``; parents
    whose row keeps the whole record in ``extra`` need none."""
    ids = [r[key] for r in rows if not r["extra"]]
    children: dict[str, list[Any]] = defaultdict(list)
    for part in chunks(ids):
        for child in conn.execute(query, {"ids": list(part)}).mappings():
            children[child[key]].append(child)
    return children


def _stories_by_rows(conn: sa.Connection, rows: Sequence[Any]) -> list[dict[str, Any]]:
    members = _children(conn, Q_MEMBERS, "story_id", rows)
    return [story_dict(r, members[r["story_id"]]) for r in rows]


def get_story(conn: sa.Connection, story_id: str) -> dict[str, Any] | None:
    row = conn.execute(Q_STORIES, {"ids": [story_id]}).mappings().first()
    return _stories_by_rows(conn, [row])[0] if row else None


Q_STORY_SIZE = sa.select(s.stories.c.story_id, s.stories.c.n_articles, s.stories.c.title).where(s.stories.c.story_id == sa.bindparam("id"))


def story_size(conn: sa.Connection, story_id: str) -> dict[str, Any] | None:
    """A story's id, title and number of articles (without the member list)."""
    row = conn.execute(Q_STORY_SIZE, {"id": story_id}).mappings().first()
    return dict(row) if row else None


def story_id_of(conn: sa.Connection, article_id: str) -> str | None:
    value = conn.execute(Q_STORY_OF, {"id": article_id}).scalar()
    return str(value) if value is not None else None


def list_stories(
    conn: sa.Connection, after: list[Any] | None, limit: int, min_articles: int = 1
) -> tuple[list[dict[str, Any]], list[Any] | None]:
    """Stories, largest first (ties by id), as ``Story.to_dict()`` plus ``n_articles``."""
    params: dict[str, Any] = {"min": min_articles, "limit": limit + 1}
    if after is not None:
        params["n"], params["sid"] = after
    rows = list(conn.execute(Q_STORY_PAGE[after is not None], params).mappings())
    more = len(rows) > limit
    rows = rows[:limit]
    stories = _stories_by_rows(conn, rows)
    for story, row in zip(stories, rows):
        story["n_articles"] = row["n_articles"]
    return stories, ([rows[-1]["n_articles"], rows[-1]["story_id"]] if more and rows else None)


def _pages(conn: sa.Connection, table: sa.Table, key: str, page: int) -> Any:
    """Every row of ``table``, in ``key`` order, a page (list) at a time (keyset pagination)."""
    column = table.c[key]
    after: str | None = None
    while True:
        query = sa.select(table).order_by(column).limit(page)
        if after is not None:
            query = query.where(column > after)
        rows = list(conn.execute(query).mappings())
        if not rows:
            return
        yield rows
        after = rows[-1][key]


def iter_stories(conn: sa.Connection, page: int = 1000) -> Any:
    """Every story (``Story.to_dict()``), in id order, read page by page."""
    for rows in _pages(conn, s.stories, "story_id", page):
        yield from _stories_by_rows(conn, rows)


# --- claims --------------------------------------------------------------------------------------


def _claims_by_rows(conn: sa.Connection, rows: Sequence[Any]) -> list[dict[str, Any]]:
    mentions = _children(conn, Q_MENTIONS, "claim_id", rows)
    return [claim_dict(r, mentions[r["claim_id"]]) for r in rows]


def get_claim(conn: sa.Connection, claim_id: str) -> dict[str, Any] | None:
    row = conn.execute(Q_CLAIMS, {"ids": [claim_id]}).mappings().first()
    return _claims_by_rows(conn, [row])[0] if row else None


def stored_trace(conn: sa.Connection, claim_id: str) -> dict[str, Any] | None:
    value = conn.execute(Q_TRACE, {"id": claim_id}).scalar()
    return dict(json.loads(value)) if value else None


def claims_of_story(conn: sa.Connection, story_id: str, limit: int = 200) -> list[dict[str, Any]]:
    return _claims_by_rows(conn, list(conn.execute(Q_CLAIMS_OF_STORY, {"id": story_id, "limit": limit}).mappings()))


def claims_of_article(conn: sa.Connection, article_id: str, limit: int = 200) -> list[dict[str, Any]]:
    return _claims_by_rows(conn, list(conn.execute(Q_CLAIMS_OF_ARTICLE, {"id": article_id, "limit": limit}).mappings()))


def iter_claims(conn: sa.Connection, page: int = 1000) -> Any:
    """Every claim (``Claim.to_dict()``), in id order, read page by page."""
    for rows in _pages(conn, s.claims, "claim_id", page):
        yield from _claims_by_rows(conn, rows)


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
