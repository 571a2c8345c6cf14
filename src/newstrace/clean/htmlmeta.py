"""Metadata of an HTML page: headline, authors, publisher, canonical URL, published/updated time.

Sources, most trusted first: schema.org JSON-LD of the article, ``<meta>`` tags (OpenGraph,
Dublin Core, news CMS conventions), microdata (``itemprop``), ``<time>`` elements and byline
markup; htmldate is the last fallback for the date. Why this order: structured data is written for
machines and rarely carries page chrome, while visible markup (``<title>``, bylines) mixes in site
names, roles and dates. Two exceptions: the visible headline (``<h1>``) is preferred when it agrees
with the structured title (or is the page's only one), because it keeps the page's own typography
and no "| Site" suffix; and for the publication time ``<meta>`` comes before JSON-LD, as in
htmldate: when the two disagree, the OpenGraph stamp is the one the page shows more often.

Dates are read in ``htmldates``; names and titles are tidied in ``htmlnames``. Nothing here
fetches or executes anything; JSON-LD blocks are size-bounded before parsing.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass, field
from html import unescape
from typing import Any, Iterable, Iterator
from urllib.parse import urljoin, urlsplit

from lxml import etree
from lxml.html import HtmlElement

from newstrace.clean.htmldates import normalize_date, outside_article, published_date
from newstrace.clean.htmlnames import clean_title, is_site_name, normalize_authors, same_title, site_keys

LOGGER = logging.getLogger(__name__)

MAX_JSONLD_CHARS = 300_000
"""JSON-LD blocks longer than this are skipped (real article metadata is a few kB)."""
MAX_JSON_DEPTH = 6
"""How deep nested JSON-LD objects (``@graph``, ``mainEntity``) are searched for an article."""

_ARTICLE_TYPES = frozenset(
    t.lower()
    for t in (
        "Article", "NewsArticle", "ReportageNewsArticle", "AnalysisNewsArticle", "OpinionNewsArticle",
        "BackgroundNewsArticle", "ReviewNewsArticle", "AskPublicNewsArticle", "SatiricalArticle",
        "AdvertiserContentArticle", "BlogPosting", "LiveBlogPosting", "SocialMediaPosting",
        "DiscussionForumPosting", "TechArticle", "ScholarlyArticle", "MedicalScholarlyArticle",
        "Report", "Review", "Recipe", "HowTo", "PressRelease", "VideoObject",
    )
)
_PAGE_TYPES = frozenset({"webpage", "itempage", "collectionpage", "aboutpage", "profilepage", "qapage", "faqpage"})

# <meta> keys (name, property or itemprop, lower-cased), in order of trust
_META_PUBLISHED = (
    "article:published_time", "og:article:published_time", "article:published", "published_time",
    "datepublished", "publishdate", "publish-date", "publish_date", "pubdate", "article.published",
    "dc.date.issued", "dcterms.issued", "dc.date.created", "dcterms.created", "dc.date", "dcterms.date",
    "date", "sailthru.date", "parsely-pub-date", "cxenseparse:recs:publishtime", "originalpublicationdate",
    "article_date_original", "release_date", "dc.date.created",
)
_META_MODIFIED = (
    "article:modified_time", "og:article:modified_time", "datemodified", "og:updated_time",
    "article.updated", "dcterms.modified", "dc.date.modified", "last-modified", "lastmod",
)
_META_AUTHOR = (
    "author", "article:author", "og:article:author", "dc.creator", "dcterms.creator", "byl",
    "parsely-author", "sailthru.author", "twitter:creator:name", "citation_author", "cxenseparse:author",
)
_META_TITLE = ("og:title", "twitter:title", "dc.title", "headline", "parsely-title", "sailthru.title", "title")
_META_SITE = ("og:site_name", "application-name", "apple-mobile-web-app-title", "publisher", "dc.publisher", "twitter:site")



@dataclass(slots=True)
class PageMeta:
    """What the page says about itself. ``headline_node`` is the visible headline element, if any."""

    title: str | None = None
    authors: list[str] = field(default_factory=list)
    publisher: str | None = None
    url: str | None = None
    published_at: str | None = None
    updated_at: str | None = None
    language: str | None = None
    description: str | None = None
    headline_node: HtmlElement | None = None
    site_names: list[str] = field(default_factory=list)


# ----------------------------------------------------------------------------- collection


def _norm_space(text: str | None) -> str:
    return " ".join(text.split()) if text else ""


def collect_meta(tree: HtmlElement) -> dict[str, list[str]]:
    """All ``<meta>`` values keyed by lower-cased name/property/itemprop/http-equiv, in page order."""
    found: dict[str, list[str]] = {}
    for node in tree.iter("meta"):
        content = node.get("content")
        if content is None:
            continue
        content = _norm_space(content)
        if not content:
            continue
        for attr in ("property", "name", "itemprop", "http-equiv"):
            key = node.get(attr)
            if key:
                found.setdefault(key.strip().lower(), []).append(content)
    return found


def _first(meta: dict[str, list[str]], keys: Iterable[str]) -> str | None:
    for key in keys:
        values = meta.get(key)
        if values:
            return values[0]
    return None


def jsonld_objects(tree: HtmlElement) -> list[dict[str, Any]]:
    """Every JSON object of the page's JSON-LD blocks, flattened out of lists and ``@graph``."""
    objects: list[dict[str, Any]] = []
    for script in tree.iter("script"):
        kind = (script.get("type") or "").lower()
        if "ld+json" not in kind:
            continue
        text = script.text or ""
        if not text.strip() or len(text) > MAX_JSONLD_CHARS:
            continue
        data = _loads_lenient(text)
        if data is not None:
            objects.extend(_flatten(data, 0))
    return objects


def _loads_lenient(text: str) -> Any:
    text = text.strip()
    if text.startswith("<!--") or text.startswith("<![CDATA["):
        text = re.sub(r"^(?:<!--|<!\[CDATA\[)|(?:-->|\]\]>)$", "", text).strip()
    for attempt in (text, re.sub(r",\s*([}\]])", r"\1", text.replace("\n", " ").replace("\t", " "))):
        try:
            return json.loads(attempt)
        except (ValueError, RecursionError):
            continue
    return None


def _flatten(data: Any, depth: int) -> Iterator[dict[str, Any]]:
    if depth > MAX_JSON_DEPTH:
        return
    if isinstance(data, list):
        for item in data[:200]:
            yield from _flatten(item, depth + 1)
    elif isinstance(data, dict):
        graph = data.get("@graph")
        if graph is not None:
            yield from _flatten(graph, depth + 1)
        if "@type" in data:
            yield data
        for key in ("mainEntity", "mainEntityOfPage", "itemReviewed"):
            inner = data.get(key)
            if isinstance(inner, (dict, list)):
                yield from _flatten(inner, depth + 1)


def _types(obj: dict[str, Any]) -> set[str]:
    value = obj.get("@type")
    values = value if isinstance(value, list) else [value]
    return {v.rsplit("/", 1)[-1].lower() for v in values if isinstance(v, str)}


def _text(value: Any) -> str | None:
    """A JSON-LD value as a clean string (first of a list; HTML entities and tags removed)."""
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, (str, int, float))), None)
    if isinstance(value, dict):
        value = value.get("name") or value.get("@value")
    if not isinstance(value, (str, int, float)) or isinstance(value, bool):
        return None
    text = unescape(str(value))
    if "<" in text:
        text = re.sub(r"<[^<>]{0,200}>", " ", text)
    return _norm_space(text) or None


def _names(value: Any, depth: int = 0) -> list[str]:
    """Names in a JSON-LD ``author``/``creator`` value (strings, Person/Organization objects, lists)."""
    if depth > 3 or value is None:
        return []
    if isinstance(value, list):
        return [n for item in value[:20] for n in _names(item, depth + 1)]
    if isinstance(value, str):
        return [value] if not value.lower().startswith(("http://", "https://")) else []
    if isinstance(value, dict):
        name = value.get("name")
        if isinstance(name, list):
            return [n for n in name if isinstance(n, str)]
        if isinstance(name, str):
            return [name]
        parts = [value.get(k) for k in ("givenName", "additionalName", "familyName")]
        joined = " ".join(p for p in parts if isinstance(p, str))
        return [joined] if joined else []
    return []


def _jsonld_authors(article: dict[str, Any] | None) -> tuple[list[str], list[str]]:
    """(people, organisations) named as the article's author or creator in JSON-LD."""
    people: list[str] = []
    orgs: list[str] = []
    if article is None:
        return people, orgs
    value = article.get("author") or article.get("creator")
    for item in value if isinstance(value, list) else [value]:
        is_org = isinstance(item, dict) and bool(_types(item) & {"organization", "newsmediaorganization", "corporation"})
        for raw in _names(item):
            (orgs if is_org else people).extend(normalize_authors(unescape(raw)))
    return people, orgs


def _article_object(objects: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The JSON-LD object describing the article itself (or, failing that, the web page)."""
    articles = [o for o in objects if _types(o) & _ARTICLE_TYPES]
    # an article with a headline and a date is the page's own; teaser lists carry bare ones
    articles.sort(key=lambda o: -(("headline" in o) + ("datePublished" in o) + ("author" in o)))
    if articles:
        return articles[0]
    pages = [o for o in objects if _types(o) & _PAGE_TYPES]
    return pages[0] if pages else None


# ----------------------------------------------------------------------------- headline, authors


# parts of a headline element that are not the headline: kicker/topline ("Dachzeile"), section
# labels, and text meant for screen readers only
_KICKER = re.compile(
    r"kicker|top-?line|dachzeile|over-?line|eyebrow|roof-?line|super-?title|pre-?title|rubric|ressort|"
    r"sr-only|visually-?hidden|screen-?reader|a11y",
    re.IGNORECASE,
)
_INLINE = frozenset({"a", "em", "i", "b", "strong", "u", "mark", "small", "sup", "sub", "abbr", "q", "br", "wbr"})


@dataclass(slots=True)
class _Headline:
    text: str
    node: HtmlElement
    parts: list[str]


def _headline_nodes(tree: HtmlElement) -> list[_Headline]:
    """Visible headline candidates: ``<h1>`` elements, then elements marked as the headline.

    A kicker or screen-reader span inside the heading is left out of its text; when the heading
    is built of several blocks (kicker + headline), each block is kept as a part, so the part
    that matches the structured title can be chosen.
    """
    found: list[_Headline] = []
    seen: set[int] = set()
    nodes = list(tree.iter("h1"))[:12] + tree.xpath(".//*[@itemprop='headline']")[:4]
    for node in nodes:
        if id(node) in seen or not isinstance(node, HtmlElement):
            continue
        seen.add(id(node))
        text = _heading_text(node)
        if 3 <= len(text) <= 300:
            parts = [t for c in node if isinstance(c.tag, str) and c.tag not in _INLINE and (t := _heading_text(c))]
            found.append(_Headline(text, node, parts if len(parts) >= 2 else []))
    return found


_BLOCK_CHILDREN = frozenset({"div", "p", "br", "h1", "h2", "h3", "h4", "li", "header", "section"})
_HEADING_TRIM = " :|-–—·•/"


def _heading_text(node: HtmlElement) -> str:
    """Rendered text of a heading: inline children run together as on screen, block children
    are separated, and a kicker child (with the separator after it) is left out."""
    pieces: list[str] = [node.text or ""]
    for child in node:
        if isinstance(child.tag, str) and child.tag not in ("script", "style"):
            if child.tag in _BLOCK_CHILDREN:
                pieces.append(" ")
            hint = f"{child.get('class') or ''} {child.get('id') or ''}"
            if not _KICKER.search(hint):
                pieces.append(child.text_content())
            if child.tag in _BLOCK_CHILDREN:
                pieces.append(" ")
        pieces.append(child.tail or "")
    return _norm_space("".join(pieces)).strip(_HEADING_TRIM)


def _choose_headline(tree: HtmlElement, structured: list[str], keys: list[str]) -> tuple[str | None, HtmlElement | None]:
    """The visible headline when it agrees with a structured title (or is the page's only
    ``<h1>``); else the first structured title without its site name."""
    nodes = _headline_nodes(tree)
    # a heading (or one of its blocks) that is the structured title exactly, then a close match
    for strict in (True, False):
        for head in nodes:
            for candidate in [*head.parts, head.text] if strict else [head.text, *head.parts]:
                if any(same_title(candidate, t, keys, strict=strict) for t in structured):
                    return candidate, head.node
    h1s = [h for h in nodes if h.node.tag == "h1"]
    if len(h1s) == 1 and not is_site_name(h1s[0].text, keys) and not outside_article(h1s[0].node):
        return h1s[0].text, h1s[0].node
    if structured:
        return clean_title(structured[0], keys), None
    return None, None


# one cheap pass for every element that may carry a byline; ranked below like trafilatura's
# AUTHOR_XPATHS (specific markup first, generic "author" classes last)
_BYLINE_XPATH = etree.XPath(
    "//*[@class or @id or @itemprop or @rel][contains(@class, 'uthor') or contains(@class, 'yl') "
    "or contains(@id, 'uthor') or contains(@itemprop, 'uthor') or @rel='author']"
)
_BYLINE_BEFORE = 30  # elements before the headline searched first for a byline
_BYLINE_AFTER = 200  # ... and after it
_BYLINE_CLASS = re.compile(r"[Aa]uthor|[Bb]yl(?:ine)?(?:\b|_|-|$)")
_BYLINE_TIER1 = re.compile(r"author-?name|AuthorName|authorName")
_BYLINE_TIER2 = re.compile(r"author|submitted-by|posted-by|journalist-name")
_BYLINE_SKIP = re.compile(r"^(?:title|date|meta-date|category|print)$")


def _byline_tier(node: HtmlElement) -> int:
    """1 = explicit author markup, 2 = byline/author classes on text elements, 3 = anything else."""
    cls, ident = node.get("class") or "", node.get("id") or ""
    if node.get("rel") == "author" or ident == "author" or cls == "author" or node.tag == "author" \
            or node.get("itemprop") == "author name" or "Author" in (node.get("data-testid") or "") or _BYLINE_TIER1.search(cls):
        return 1 if node.tag in ("a", "address", "div", "link", "p", "span", "strong", "author") else 3
    if node.tag in ("a", "div", "h3", "h4", "p", "span") and (
        cls in ("byline", "username", "byl", "BBL") or "author" in (node.get("itemprop") or "")
        or "author" in ident or _BYLINE_TIER2.search(cls)
    ):
        return 2
    return 3


def _is_byline_node(node: object) -> bool:
    return isinstance(node, HtmlElement) and bool(
        _BYLINE_CLASS.search(node.get("class") or "") or "uthor" in (node.get("id") or "")
        or "uthor" in (node.get("itemprop") or "") or node.get("rel") == "author"
    )


def _byline_authors(tree: HtmlElement, headline: HtmlElement | None = None) -> list[str]:
    """Author names from byline markup (``rel=author``, ``itemprop=author``, author/byline classes).

    The article header around the headline is searched first (bounded XPath axes), the whole
    page only when it has none. Matches inside comments, sidebars, teaser lists, ``<time>`` and
    ``<figure>`` are skipped: the names there are commenters, other articles' authors or
    photographers.
    """
    scopes = []
    if headline is not None:
        scopes.append(headline.xpath(f"preceding::*[position() <= {_BYLINE_BEFORE}] | following::*[position() <= {_BYLINE_AFTER}]"))
    scopes.append(None)
    for scope in scopes:
        found = _names_in([n for n in (scope if scope is not None else _BYLINE_XPATH(tree)) if _is_byline_node(n)][:60])
        if found:
            return found
    return []


def _names_in(nodes: list[HtmlElement]) -> list[str]:
    ranked = sorted(enumerate(nodes), key=lambda item: (_byline_tier(item[1]), item[0]))
    for _, node in ranked:
        if _BYLINE_SKIP.match(node.get("class") or "") or outside_article(node):
            continue
        text = _norm_space(node.get("content") if node.tag in ("meta", "link") else " ".join(node.itertext()))
        if 2 < len(text) < 120:
            names = normalize_authors(text)
            if names:
                return names
    return []


# ----------------------------------------------------------------------------- main entry


def extract_page_metadata(tree: HtmlElement, url: str | None = None) -> PageMeta:
    """Read the page's own description of itself from an intact (unmodified) tree."""
    meta = collect_meta(tree)
    objects = jsonld_objects(tree)
    article = _article_object(objects)
    result = PageMeta()

    publisher = None
    if article is not None:
        pub = article.get("publisher") or article.get("sourceOrganization")
        publisher = _text(pub)
    if not publisher:
        org = next((o for o in objects if _types(o) & {"newsmediaorganization", "organization"}), None)
        publisher = _text(org.get("name")) if org else None
    site = _first(meta, _META_SITE)
    if site and site.startswith("@"):
        site = None
    result.publisher = publisher or site
    result.site_names = site_keys([publisher, site], url)

    # headline
    title_tag = tree.find(".//title")
    html_title = _norm_space(title_tag.text_content()) if title_tag is not None else None
    structured = [
        _text(article.get("headline")) if article is not None else None,
        _first(meta, _META_TITLE),
        html_title,
    ]
    structured_titles = [unescape(t) for t in structured if t]
    result.title, result.headline_node = _choose_headline(tree, structured_titles, result.site_names)

    # authors: people named by structured data, then <meta>, then byline markup (the costliest
    # search, and no more accurate than <meta> where both exist); an organisation (or the site
    # itself) only when no person is named anywhere
    people, orgs = _jsonld_authors(article)
    keys = result.site_names
    people = [n for n in people if not is_site_name(n, keys)]
    if not people:
        for key in _META_AUTHOR:
            names = [n for raw in meta.get(key, [])[:4] if not raw.lower().startswith(("http://", "https://", "www."))
                     for n in normalize_authors(raw)]
            people = [n for n in names if not is_site_name(n, keys)]
            orgs.extend(n for n in names if is_site_name(n, keys))
            if people:
                break
    if not people:
        people = [n for n in _byline_authors(tree, result.headline_node) if not is_site_name(n, keys)]
    result.authors = list(dict.fromkeys(people or orgs))

    # dates
    stamps = [v for k in _META_PUBLISHED for v in meta.get(k, [])[:2]]
    stamps += [_text(article.get(k)) for k in ("datePublished", "dateCreated")] if article is not None else []
    result.published_at = published_date(tree, [s for s in stamps if s], url, result.headline_node)
    updated = normalize_date(_text(article.get("dateModified"))) if article is not None else None
    result.updated_at = updated or next((d for k in _META_MODIFIED for v in meta.get(k, [])[:1] if (d := normalize_date(v))), None)

    # canonical URL, language, description
    canonical = None
    for link in tree.iter("link"):
        if (link.get("rel") or "").lower() == "canonical" and link.get("href"):
            canonical = link.get("href", "").strip()
            break
    canonical = canonical or _first(meta, ("og:url", "twitter:url"))
    if article is not None and not canonical:
        canonical = _text(article.get("url"))
    if canonical and url and not _is_http_url(canonical):
        canonical = urljoin(url, canonical)  # a relative canonical link ("/news/story")
    result.url = canonical if canonical and _is_http_url(canonical) else url
    result.language = _language(tree.get("lang") or _first(meta, ("content-language", "og:locale", "dc.language")))
    result.description = _first(meta, ("description", "og:description", "twitter:description"))
    return result


_LANGUAGE = re.compile(r"^\s*([A-Za-z]{2,3})(?:[-_][A-Za-z0-9-]*)?\s*$")


def _language(value: str | None) -> str | None:
    """The primary language subtag, lower-cased: "de-DE", "de_DE", "DE" -> "de"."""
    match = _LANGUAGE.match(value or "")
    return match.group(1).lower() if match else None


def _is_http_url(value: str) -> bool:
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc)
