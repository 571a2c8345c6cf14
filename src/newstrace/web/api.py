"""JSON API under ``/api``: articles, stories, claims and their trace, search, sources, and the one
write, ``POST /api/articles`` (bearer token). Records are served as their ``to_dict()``."""

from __future__ import annotations

import hmac
import json
import logging
from typing import Any, TypeVar
from urllib.parse import quote

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response

from newstrace.errors import InputError, NewstraceError
from newstrace.store import read
from newstrace.store.read import CursorError, decode_cursor, encode_cursor
from newstrace.store.search import MAX_QUERY_CHARS, search
from newstrace.store.trace import claim_chain
from newstrace.web.app import ApiError, AppState
from newstrace.web.models import (
    ArticleDetail, ArticlePage, ClaimModel, ClaimTrace, CreatedArticle, ErrorResponse, InputArticle, SearchPage,
    SourcesResponse, StoryDetail, StoryPage,
)

LOGGER = logging.getLogger(__name__)

router = APIRouter(prefix="/api", tags=["api"])

ERRORS: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorResponse, "description": "Not found"},
    422: {"model": ErrorResponse, "description": "Invalid parameter or cursor"},
}
_SUMMARY_KEYS = ("id", "headline", "publisher", "outlet", "url", "published_at", "skipped", "n_attributions", "story_id")


def state_of(request: Request) -> AppState:
    nt: AppState = request.app.state.nt
    return nt


def json_response(obj: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    body = json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return Response(body, status_code=status, media_type="application/json", headers=headers)


def page_limit(nt: AppState, limit: int | None) -> int:
    web = nt.settings.web
    if limit is None:
        return web.page_size
    if not 1 <= limit <= web.max_page_size:
        raise ApiError(422, "validation_error", f"limit must be between 1 and {web.max_page_size}")
    return limit


T = TypeVar("T")


def found_or_404(value: T | None, kind: str, item_id: str) -> T:
    """``value``, or the API's 404 error for a ``kind`` (article, story, claim) with no such id."""
    if value is None:
        raise ApiError(404, "not_found", f"no {kind} with id {item_id!r}")
    return value


def _cursor(cursor: str | None, types: tuple[type, ...]) -> list[Any] | None:
    try:
        return decode_cursor(cursor, types)
    except CursorError as exc:
        raise ApiError(422, "invalid_cursor", str(exc)) from None


def summary(row: dict[str, Any]) -> dict[str, Any]:
    return {k: row.get(k) for k in _SUMMARY_KEYS}


# --- reads ---------------------------------------------------------------------------------------


@router.get("/articles", response_model=ArticlePage, responses=ERRORS, summary="List articles (ingestion order)")
def list_articles(
    request: Request,
    cursor: str | None = Query(None, max_length=2048, description="From the previous page's next_cursor."),
    limit: int | None = Query(None, description="Page size (default 50, at most 500)."),
    outlet: str | None = Query(None, max_length=300, description="Only this outlet's articles."),
) -> Response:
    nt = state_of(request)
    size = page_limit(nt, limit)
    key = _cursor(cursor, (int,))
    with nt.store.connect() as conn:
        rows, after = read.list_articles(conn, key[0] if key else None, size, outlet)
    return json_response({"items": [summary(r) for r in rows], "next_cursor": encode_cursor([after]) if after is not None else None})


@router.get("/articles/{article_id:path}", response_model=ArticleDetail, responses=ERRORS, summary="One article, its link record and claims")
def get_article(request: Request, article_id: str) -> Response:
    nt = state_of(request)
    with nt.store.connect() as conn:
        detail = article_detail(conn, article_id)
    return json_response(found_or_404(detail, "article", article_id))


def article_detail(conn: Any, article_id: str) -> dict[str, Any] | None:
    article = read.get_article(conn, article_id)
    if article is None:
        return None
    return {"article": article, "link": read.get_link(conn, article_id), "claims": read.claims_of_article(conn, article_id)}


@router.get("/stories", response_model=StoryPage, responses=ERRORS, summary="List stories, largest first")
def list_stories(
    request: Request,
    cursor: str | None = Query(None, max_length=2048),
    limit: int | None = Query(None, description="Page size (default 50, at most 500)."),
    min_articles: int = Query(1, ge=1, le=1_000_000, description="Only stories with at least this many articles."),
) -> Response:
    nt = state_of(request)
    size = page_limit(nt, limit)
    key = _cursor(cursor, (int, str))
    with nt.store.connect() as conn:
        stories, after = read.list_stories(conn, key, size, min_articles)
    return json_response({"items": stories, "next_cursor": encode_cursor(after) if after else None})


@router.get("/stories/{story_id:path}", response_model=StoryDetail, responses=ERRORS, summary="One story with its articles and claims")
def get_story(request: Request, story_id: str) -> Response:
    nt = state_of(request)
    with nt.store.connect() as conn:
        detail = story_detail(conn, story_id)
    return json_response(found_or_404(detail, "story", story_id))


def story_detail(conn: Any, story_id: str, max_articles: int = 1000) -> dict[str, Any] | None:
    story = read.get_story(conn, story_id)
    if story is None:
        return None
    ids = story["article_ids"][:max_articles]
    found = read.article_summaries(conn, ids)
    rows = sorted((found[i] for i in ids if i in found), key=lambda r: (r.get("published_utc") or "9999", r["id"]))
    articles = [{**summary(r), "duplicate_of": r.get("duplicate_of"),
                 "origin": {"type": r.get("origin_type"), "source": r.get("origin_source"), "article_id": r.get("origin_article_id")}}
                for r in rows]
    return {"story": story, "articles": articles, "claims": read.claims_of_story(conn, story_id)}


# The trace route comes first: ids may contain '/', and the plain route would swallow '/trace'.
@router.get("/claims/{claim_id:path}/trace", response_model=ClaimTrace, responses=ERRORS, summary="A claim's provenance chain")
def get_claim_trace(request: Request, claim_id: str) -> Response:
    nt = state_of(request)
    with nt.store.connect() as conn:
        found = claim_chain(conn, claim_id)
    return json_response(found_or_404(found, "claim", claim_id))


@router.get("/claims/{claim_id:path}", response_model=ClaimModel, responses=ERRORS, summary="One claim")
def get_claim(request: Request, claim_id: str) -> Response:
    nt = state_of(request)
    with nt.store.connect() as conn:
        claim = read.get_claim(conn, claim_id)
    return json_response(found_or_404(claim, "claim", claim_id))


@router.get("/search", response_model=SearchPage, responses=ERRORS, summary="Full-text search of headlines and bodies")
def search_articles(
    request: Request,
    q: str = Query(..., min_length=1, max_length=MAX_QUERY_CHARS, description='Words, "phrases", OR, prefix*.'),
    cursor: str | None = Query(None, max_length=2048),
    limit: int | None = Query(None, description="Page size (default 50, at most 500)."),
) -> Response:
    nt = state_of(request)
    size = page_limit(nt, limit)
    key = _cursor(cursor, (int,))
    with nt.store.connect() as conn:
        page = search(conn, q, key[0] if key else 0, size)
    items = [{**summary(h), "snippet": h["snippet"]} for h in page.hits]
    next_cursor = encode_cursor([page.next_offset]) if page.next_offset is not None else None
    return json_response({"query": q, "total": page.total, "total_capped": page.total_capped, "items": items, "next_cursor": next_cursor})


@router.get("/sources", response_model=SourcesResponse, responses=ERRORS, summary="Who is cited, how often; anonymous share per outlet")
def get_sources(
    request: Request,
    outlet: str | None = Query(None, max_length=300),
    kind: str | None = Query(None, pattern="^(person|organization|outlet|official|anonymous|document|unknown)$"),
    limit: int | None = Query(None, description="Most cited sources to list (default 50, at most 500)."),
) -> Response:
    nt = state_of(request)
    size = page_limit(nt, limit)
    with nt.store.connect() as conn:
        outlets = read.outlet_stats(conn)
        if outlet is not None:
            outlets = [o for o in outlets if o["outlet"] == outlet]
        top = read.top_sources(conn, outlet, kind, size)
        by_outlet = read.sources_by_outlet(conn, 5, [o["outlet"] for o in outlets])
    return json_response({"outlets": [{**o, "top_sources": by_outlet.get(o["outlet"], [])} for o in outlets], "sources": top})


# --- the one write -------------------------------------------------------------------------------


def require_writer(request: Request, nt: AppState) -> None:
    token = nt.settings.web.api_token
    if not token:
        raise ApiError(403, "writes_disabled", "this server accepts no writes: set NEWSTRACE_API_TOKEN to enable them")
    header = request.headers.get("authorization", "")
    scheme, _, given = header.partition(" ")
    if scheme.lower() != "bearer" or not given or not hmac.compare_digest(given.strip().encode(), token.encode()):
        raise ApiError(401, "unauthorized", "a valid 'Authorization: Bearer <token>' header is required to write",
                       {"WWW-Authenticate": 'Bearer realm="newstrace"'})


_INPUT_SCHEMA = InputArticle.model_json_schema()


@router.post(
    "/articles",
    status_code=201,
    response_model=CreatedArticle,
    summary="Ingest one article (clean, analyze, link, store) synchronously",
    description="The body is one contract input object. 201 once the article is stored and queryable; 200 "
                "with the stored article when one with this id exists already (nothing changes). Needs "
                "`Authorization: Bearer <token>`.",
    responses={200: {"model": CreatedArticle, "description": "Already stored"},
               401: {"model": ErrorResponse}, 403: {"model": ErrorResponse}, 413: {"model": ErrorResponse},
               422: {"model": ErrorResponse}},
    openapi_extra={"requestBody": {"required": True, "content": {"application/json": {"schema": _INPUT_SCHEMA}}}},
)
async def create_article(request: Request) -> Response:
    nt = state_of(request)
    require_writer(request, nt)  # before the body is even parsed
    if "json" not in request.headers.get("content-type", "application/json"):
        raise ApiError(415, "unsupported_media_type", "send the article as application/json")
    raw = await request.body()
    try:
        payload = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        raise ApiError(422, "validation_error", "the body is not valid JSON") from None
    return await run_in_threadpool(_create, nt, payload)


def _create(nt: AppState, payload: Any) -> Response:
    from newstrace.ingest import parse_jsonl_object

    try:
        item = parse_jsonl_object(payload, "request body")
    except InputError as exc:
        raise ApiError(422, "validation_error", exc.message) from None
    with nt.write_lock:
        with nt.store.connect() as conn:
            existing = article_detail(conn, item.id)
        if existing is not None:
            return json_response({**existing, "created": False}, 200)
        pipeline = nt.pipeline()
        before = len(pipeline.stats.errors)
        try:
            articles = list(pipeline.pipe([item], errors="record"))
        except NewstraceError as exc:
            raise ApiError(422, "validation_error", str(exc)) from None
        failures = pipeline.stats.errors[before:]
        if failures:
            LOGGER.warning("POST /api/articles: %s", failures[0])
            raise ApiError(500, "processing_failed", f"article {item.id!r} could not be processed")
        nt.appender.add(articles)
    with nt.store.connect() as conn:
        detail = article_detail(conn, item.id)
    return json_response({**(detail or {}), "created": True}, 201, {"Location": "/api/articles/" + quote(item.id, safe="")})
