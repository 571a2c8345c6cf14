"""Server-rendered HTML pages: home, search, article, story, claim, sources.

Templates are Jinja2 with autoescaping on for everything; no template marks user data safe. Links
to article URLs are only made for http(s) URLs. The pages need no JavaScript to work.
"""

from __future__ import annotations

import functools
import math
from datetime import datetime, timezone
from typing import Any
from urllib.parse import quote, urlsplit

import jinja2
from markupsafe import Markup, escape
from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from newstrace.records import SOURCE_KINDS, STANCES
from newstrace.store import read
from newstrace.store.read import CursorError, decode_cursor, encode_cursor
from newstrace.store.rows import outlet_of
from newstrace.store.search import MAX_QUERY_CHARS, search
from newstrace.store.trace import claim_chain
from newstrace.web import graph, highlight
from newstrace.web.api import story_detail
from newstrace.web.app import HERE, ApiError, AppState

router = APIRouter(include_in_schema=False)

_DICT_ATTRIBUTES = frozenset(dir(dict))


class _Environment(jinja2.Environment):
    """Jinja with a fast path for ``row.key`` on plain dicts (what every template reads).

    Jinja's ``getattr`` tries the attribute first and falls back to the item through a caught
    ``AttributeError``: a few hundred of those per page were a tenth of its cost. For a dict the
    result is the same without the exception: dict methods (``get``, ``items``...) stay methods
    whatever the keys (an article id may well be ``"get"``), any other name is the item.
    """

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) is dict and attribute not in _DICT_ATTRIBUTES:
            try:
                return obj[attribute]
            except KeyError:
                return self.undefined(obj=obj, name=attribute)
        return super().getattr(obj, attribute)


ENV = _Environment(
    loader=jinja2.FileSystemLoader(str(HERE / "templates")),
    autoescape=True,
    trim_blocks=True,
    lstrip_blocks=True,
    auto_reload=False,  # templates ship with the package; no stat() of the file on every render
)

STANCE_LABELS = {"assert": "asserts", "deny": "denies", "confirm": "confirms", "decline": "declines to confirm"}
KIND_LABELS = {
    "person": "named person", "organization": "organisation", "outlet": "news outlet", "official": "official body",
    "anonymous": "anonymous / unnamed", "document": "document", "unknown": "unknown",
}
ORIGIN_LABELS = {"original": "original reporting", "wire_copy": "wire copy", "rewrite": "rewrite",
                 "press_release": "press release", "unknown": "origin unknown"}


def parse_time(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


@functools.lru_cache(maxsize=4096)
def fmt_time(value: str | None, with_time: bool = True) -> str:
    """``2023-11-14T22:13:20Z`` -> ``14 Nov 2023, 22:13 UTC`` (the source's own offset kept)."""
    moment = parse_time(value)
    if moment is None:
        return value or "date unknown"
    day = f"{moment.day} {moment:%b %Y}"
    if not with_time or (len(value or "") <= 10):
        return day
    offset = moment.strftime("%z")
    zone = "UTC" if offset in ("+0000", "") else f"UTC{offset[:3]}:{offset[3:]}"
    return f"{day}, {moment:%H:%M} {zone}"


def fmt_delta(first: str | None, later: str | None) -> str:
    a, b = parse_time(first), parse_time(later)
    if a is None or b is None:
        return ""
    minutes = int((b - a).total_seconds() // 60)
    if minutes <= 0:
        return "same time" if minutes == 0 else "earlier"
    if minutes < 60:
        return f"+{minutes} min"
    hours = minutes // 60
    if hours < 48:
        return f"+{hours} h {minutes % 60:02d} min"
    return f"+{math.floor(hours / 24)} days"


def http_url(value: str | None) -> str | None:
    """The URL if it is http(s), else None (a ``javascript:`` URL must never become a link)."""
    if not value:
        return None
    try:
        scheme = urlsplit(value.strip()).scheme.lower()
    except ValueError:
        return None
    return value.strip() if scheme in ("http", "https") else None


def q(value: Any) -> str:
    """A path segment: ids may hold any character."""
    return quote(str(value), safe="")


def pct(value: float | None) -> str:
    return "–" if value is None else f"{value:.0%}"


def stance_chip(stance: Any, count: int | None = None) -> Markup:
    """A stance label with its colour dot (and a count)."""
    value = "" if isinstance(stance, jinja2.Undefined) else str(stance or "")
    tail = "" if count is None or isinstance(count, jinja2.Undefined) else f" <b>{escape(count)}</b>"
    return Markup(f'<span class="chip st-{escape(value)}"><span class="dot"></span>'
                  f'{escape(STANCE_LABELS.get(value, value))}{tail}</span>')


def kind_chip(kind: Any) -> Markup:
    """A source kind label with its colour dot."""
    value = "" if isinstance(kind, jinja2.Undefined) else str(kind or "")
    return Markup(f'<span class="chip kind kd-{escape(value)}"><span class="dot"></span>{escape(KIND_LABELS.get(value, value))}</span>')


def hits_html(hits: list[dict[str, Any]]) -> Markup:
    """The search results as ``<li>`` items (built here: a template loop was a tenth of the page's cost).

    Every value goes through ``escape``; ids are also percent-encoded for the links.
    """
    out: list[str] = []
    for h in hits:
        n = h.get("n_attributions")
        meta = [f'<span class="outlet">{escape(h.get("outlet"))}</span><span class="sep">·</span>'
                f'<time>{escape(fmt_time(h.get("published_at")))}</time>']
        if n:
            meta.append(f'<span class="sep">·</span>{escape(n)} attribution{"s" if n != 1 else ""}')
        if h.get("story_id"):
            meta.append(f'<span class="sep">·</span><a href="/stories/{escape(q(h["story_id"]))}">story</a>')
        snip = h.get("snippet") or {}
        snippet_p = f'<p class="snippet">{highlight.snippet_html(snip)}</p>' if snip.get("text") else ""
        out.append(f'<li class="hit"><a class="row-title" href="/articles/{escape(q(h.get("id")))}">'
                   f'{escape(h.get("headline") or "(no headline)")}</a><div class="meta">{"".join(meta)}</div>{snippet_p}</li>\n')
    return Markup("".join(out))


ENV.filters.update(time=fmt_time, date=lambda v: fmt_time(v, False), q=q, pct=pct, http_url=http_url)
ENV.globals.update(STANCE_LABELS=STANCE_LABELS, KIND_LABELS=KIND_LABELS, ORIGIN_LABELS=ORIGIN_LABELS,
                   STANCES=STANCES, SOURCE_KINDS=SOURCE_KINDS, delta=fmt_delta, snippet=highlight.snippet_html, hits_html=hits_html,
                   stance_chip=stance_chip, kind_chip=kind_chip)


def render(name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    html = ENV.get_template(name).render(**context)
    return HTMLResponse(html, status_code=status_code, headers={"Cache-Control": "no-cache"})


def render_error(request: Request, status: int, message: str) -> Response:
    titles = {404: "Not found", 405: "Method not allowed", 413: "Too large", 422: "Invalid request"}
    return render("error.html", status, page="error", status=status, title=titles.get(status, "Something went wrong"),
                  message=message if status < 500 else "The server could not answer this request.")


def nt_of(request: Request) -> AppState:
    nt: AppState = request.app.state.nt
    return nt


# --- pages ---------------------------------------------------------------------------------------


@router.get("/", response_class=HTMLResponse)
def home(request: Request) -> HTMLResponse:
    nt = nt_of(request)
    with nt.store.connect() as conn:
        counts = read.counts(conn)
        stories, _ = read.list_stories(conn, None, 8, min_articles=2)
        if not stories:
            stories, _ = read.list_stories(conn, None, 8)
        heads = read.article_summaries(conn, [st["article_ids"][0] for st in stories if st["article_ids"]])
        recent, _ = read.list_articles(conn, max(0, _max_seq(conn) - 8), 8)
        outlets = read.outlet_stats(conn, 6)
    for story in stories:
        story["headline"] = story.get("title") or (heads.get(story["article_ids"][0], {}).get("headline") if story["article_ids"] else None)
    return render("home.html", page="home", counts=counts, stories=stories, recent=list(reversed(recent)), outlets=outlets, query="")


def _max_seq(conn: Any) -> int:
    import sqlalchemy as sa

    from newstrace.store import schema as s

    return int(conn.execute(sa.select(sa.func.coalesce(sa.func.max(s.articles.c.seq), 0))).scalar_one())


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request, q: str = Query("", max_length=MAX_QUERY_CHARS), cursor: str | None = Query(None, max_length=64)) -> HTMLResponse:
    nt = nt_of(request)
    try:
        key = decode_cursor(cursor, (int,))
    except CursorError:
        raise ApiError(422, "invalid_cursor", "this page link is not valid") from None
    offset = key[0] if key else 0
    page = None
    if q.strip():
        with nt.store.connect() as conn:
            page = search(conn, q, offset, 20)
    next_cursor = encode_cursor([page.next_offset]) if page and page.next_offset is not None else None
    return render("search.html", page="search", query=q, result=page, offset=offset, next_cursor=next_cursor)


@router.get("/articles/{article_id:path}", response_class=HTMLResponse)
def article_page(request: Request, article_id: str) -> HTMLResponse:
    nt = nt_of(request)
    with nt.store.connect() as conn:
        article = read.get_article(conn, article_id)
        if article is None:
            raise ApiError(404, "not_found", f"There is no article with the id \u201c{article_id}\u201d.")
        link = read.get_link(conn, article_id)
        claims = read.claims_of_article(conn, article_id, 50)
        story = read.story_size(conn, link["story_id"]) if link else None
        related = [i for i in (link.get("duplicate_of"), (link.get("origin") or {}).get("article_id")) if i] if link else []
        heads = read.article_summaries(conn, related) if related else {}
    outlet = outlet_of(article.get("publisher"), article.get("url"))
    attributions = article["attributions"]
    body_html = highlight.body_html(highlight.paragraphs(article["body"], attributions), [highlight.tip(a) for a in attributions])
    stance_counts = {s: sum(1 for a in attributions if a.get("stance") == s) for s in STANCES}
    kinds_used = sorted({(a.get("source") or {}).get("kind") or "unknown" for a in attributions if a.get("source")})
    return render("article.html", page="article", a=article, link=link, claims=claims, story=story, heads=heads,
                  outlet=outlet, body_html=body_html, stance_counts=stance_counts, kinds_used=kinds_used)


@router.get("/stories", response_class=HTMLResponse)
def stories_page(request: Request, cursor: str | None = Query(None, max_length=2048), all: int = Query(0, ge=0, le=1)) -> HTMLResponse:
    nt = nt_of(request)
    try:
        key = decode_cursor(cursor, (int, str))
    except CursorError:
        raise ApiError(422, "invalid_cursor", "this page link is not valid") from None
    with nt.store.connect() as conn:
        stories, after = read.list_stories(conn, key, 30, 1 if all else 2)
        heads = read.article_summaries(conn, [st["article_ids"][0] for st in stories if st["article_ids"]])
    for story in stories:
        first = heads.get(story["article_ids"][0], {}) if story["article_ids"] else {}
        story["headline"] = story.get("title") or first.get("headline")
        story["outlet"] = first.get("outlet")
    return render("stories.html", page="stories", stories=stories, next_cursor=encode_cursor(after) if after else None, all=all)


@router.get("/stories/{story_id:path}", response_class=HTMLResponse)
def story_page(request: Request, story_id: str) -> HTMLResponse:
    nt = nt_of(request)
    with nt.store.connect() as conn:
        detail = story_detail(conn, story_id, 500)
    if detail is None:
        raise ApiError(404, "not_found", f"There is no story with the id \u201c{story_id}\u201d.")
    articles = detail["articles"]
    first = next((a for a in articles if a["published_at"]), articles[0] if articles else None)
    ids = {a["id"] for a in articles}
    outlets = sorted({a["outlet"] for a in articles})
    copies = sum(1 for a in articles if a.get("duplicate_of"))
    return render("story.html", page="story", story=detail["story"], articles=articles, claims=detail["claims"],
                  first=first, ids=ids, outlets=outlets, copies=copies, by_id={a["id"]: a for a in articles})


@router.get("/claims/{claim_id:path}", response_class=HTMLResponse)
def claim_page(request: Request, claim_id: str) -> HTMLResponse:
    nt = nt_of(request)
    with nt.store.connect() as conn:
        found = claim_chain(conn, claim_id)
        story = read.get_story(conn, found["claim"]["story_id"]) if found and found["claim"].get("story_id") else None
    if found is None:
        raise ApiError(404, "not_found", f"There is no claim with the id \u201c{claim_id}\u201d.")
    chain = found["chain"]
    drawing = graph.layout(chain)
    stance_counts = {s: sum(1 for n in chain["nodes"] if n.get("stance") == s) for s in STANCES}
    parents: dict[str, list[dict[str, str]]] = {}
    for edge in chain["edges"]:
        parents.setdefault(edge["to"], []).append(edge)
    by_id = {n["article_id"]: n for n in chain["nodes"]}
    return render("claim.html", page="claim", claim=found["claim"], chain=chain, drawing=drawing, story=story,
                  stance_counts=stance_counts, parents=parents, by_id=by_id, G=graph)


@router.get("/sources", response_class=HTMLResponse)
def sources_page(request: Request, outlet: str | None = Query(None, max_length=300),
                 kind: str | None = Query(None, max_length=20), more: int = Query(0, ge=0, le=1)) -> HTMLResponse:
    nt = nt_of(request)
    if kind is not None and kind not in SOURCE_KINDS:
        kind = None
    limit = 300 if more else 30
    with nt.store.connect() as conn:
        outlets = read.outlet_stats(conn)
        top = read.top_sources(conn, outlet or None, kind, limit + 1)
        by_outlet = read.sources_by_outlet(conn, 3, [o["outlet"] for o in outlets])
    total = {k: sum(o[k] for o in outlets) for k in ("articles", "attributions", "anonymous", "unsourced")}
    sourced = total["attributions"] - total["unsourced"]
    total["anonymous_share"] = total["anonymous"] / sourced if sourced else None
    return render("sources.html", page="sources", outlets=outlets, top=top[:limit], has_more=len(top) > limit and not more,
                  by_outlet=by_outlet, total=total, outlet=outlet or "", kind=kind or "")
