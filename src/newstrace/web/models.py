"""Pydantic models that document the API in ``/openapi.json``.

Handlers serialise the records' own ``to_dict()`` straight to JSON (the records are the contract
and this is faster); these models describe those shapes. ``InputArticle`` also validates the body
of ``POST /api/articles``.
"""

from __future__ import annotations

from typing import Any, Optional

from pydantic import BaseModel, ConfigDict, Field


class ErrorDetail(BaseModel):
    code: str = Field(examples=["not_found"])
    message: str


class ErrorResponse(BaseModel):
    error: ErrorDetail


class InputArticle(BaseModel):
    """One contract input object: ``id`` and raw ``text`` (possibly with markup) or ``html``."""

    model_config = ConfigDict(extra="allow", json_schema_extra={"examples": [{
        "id": "ledger-2023-11-14-1", "text": "Minister resigned\n\nThe ministry denied the report.",
        "publisher": "Daily Ledger", "published_at": "2023-11-14T22:13:20Z"}]})

    id: str | int = Field(description="The article's id (kept as given).")
    text: Optional[str] = Field(None, description="Raw scraped text, possibly with leaked markup.")
    html: Optional[str] = Field(None, description="A raw HTML page.")
    url: Optional[str] = None
    title: Optional[str] = None
    publisher: Optional[str] = None
    published_at: Optional[str] = Field(None, description="ISO 8601.")


class SpanModel(BaseModel):
    text: str
    start: int
    end: int


class SourceModel(SpanModel):
    kind: str
    resolved: Optional[SpanModel] = None


class AttributionModel(BaseModel):
    source: Optional[SourceModel]
    cue: SpanModel
    content: Optional[SpanModel]
    type: str
    stance: str
    hedged: bool = False
    method: str = ""


class RemovalModel(BaseModel):
    text: str
    reason: str


class ArticleModel(BaseModel):
    """``Article.to_dict()``: the JSONL contract of ``clean`` / ``analyze``."""

    model_config = ConfigDict(extra="allow")

    id: str
    url: Optional[str]
    headline: Optional[str]
    publisher: Optional[str]
    published_at: Optional[str]
    updated_at: Optional[str] = None
    authors: list[str]
    dateline: Optional[str] = None
    language: Optional[str] = None
    body: str
    removed: list[RemovalModel]
    attributions: list[AttributionModel]
    entities: list[dict[str, Any]]
    times: list[dict[str, Any]]
    skipped: Optional[str] = None


class OriginModel(BaseModel):
    type: str
    source: Optional[str]
    article_id: Optional[str]


class LinkModel(BaseModel):
    """``LinkRecord.to_dict()``: one line of ``newstrace link``."""

    model_config = ConfigDict(extra="allow")

    id: str
    story_id: str
    duplicate_of: Optional[str]
    origin: OriginModel


class MentionModel(BaseModel):
    id: str
    stance: str
    source: Optional[str]


class ClaimModel(BaseModel):
    model_config = ConfigDict(extra="allow")

    claim_id: str
    text: str
    articles: list[MentionModel]
    first_article_id: Optional[str]
    story_id: Optional[str] = None


class StoryModel(BaseModel):
    model_config = ConfigDict(extra="allow")

    story_id: str
    article_ids: list[str]
    first_published: Optional[str]
    title: Optional[str] = None


class ArticleSummary(BaseModel):
    id: str
    headline: Optional[str]
    publisher: Optional[str]
    outlet: str
    url: Optional[str]
    published_at: Optional[str]
    skipped: Optional[str]
    n_attributions: int
    story_id: Optional[str]


class ArticleDetail(BaseModel):
    article: ArticleModel
    link: Optional[LinkModel]
    claims: list[ClaimModel]


class ArticlePage(BaseModel):
    items: list[ArticleSummary]
    next_cursor: Optional[str] = Field(description="Pass as ?cursor= for the next page; null on the last page.")


class StoryListItem(StoryModel):
    n_articles: int


class StoryPage(BaseModel):
    items: list[StoryListItem]
    next_cursor: Optional[str]


class StoryDetail(BaseModel):
    story: StoryModel
    articles: list[dict[str, Any]] = Field(description="Article summaries with their link fields, in time order.")
    claims: list[ClaimModel]


class ChainNode(BaseModel):
    article_id: str
    headline: Optional[str]
    outlet: Optional[str]
    published_at: Optional[str]
    stance: Optional[str]
    source: Optional[str]
    duplicate_of: Optional[str]
    origin: dict[str, Any]
    first: bool


class ChainEdge(BaseModel):
    from_: str = Field(alias="from")
    to: str
    type: str = Field(description="copy | derived | cites | later")


class Chain(BaseModel):
    first_article_id: Optional[str]
    nodes: list[ChainNode]
    edges: list[ChainEdge]


class ClaimTrace(BaseModel):
    kind: str
    claim: ClaimModel
    trace: Optional[dict[str, Any]] = Field(description="The linker's own trace of the claim, when it stored one.")
    chain: Chain


class Snippet(BaseModel):
    text: str
    highlights: list[list[int]] = Field(description="[start, end] character offsets of the matches in text.")


class SearchHit(ArticleSummary):
    snippet: Snippet


class SearchPage(BaseModel):
    query: str
    total: int
    total_capped: bool = Field(description="True when there are at least this many (counting stops there).")
    items: list[SearchHit]
    next_cursor: Optional[str]


class OutletStats(BaseModel):
    outlet: str
    articles: int
    attributions: int
    anonymous: int
    unsourced: int
    direct: int
    denials: int
    anonymous_share: Optional[float] = Field(description="Anonymous sources / attributions that name a source.")
    top_sources: list[dict[str, Any]]


class SourceStats(BaseModel):
    name: str
    kind: str
    display: str
    mentions: int
    articles: int
    outlets: int


class SourcesResponse(BaseModel):
    outlets: list[OutletStats]
    sources: list[SourceStats]


class CreatedArticle(ArticleDetail):
    created: bool
