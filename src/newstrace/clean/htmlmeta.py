"""Metadata of an HTML page: headline, authors, publisher, canonical URL, published/updated time.

Sources, most trusted first: schema.org JSON-LD of the article, ``<meta>`` tags (OpenGraph,
Dublin Core, news CMS conventions), microdata (``itemprop``), ``<time>`` elements and byline
markup; htmldate is the fallback for the date. Why this order: structured data is written for
machines and rarely carries page chrome, while visible markup (``<title>``, bylines) mixes in site
names, roles and dates. The visible headline (``<h1>``) is still preferred when it agrees with the
structured title, because it keeps the page's own typography and no "| Site" suffix.

Nothing here fetches or executes anything; JSON-LD blocks are size-bounded before parsing.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from html import unescape
from typing import Any, Iterable, Iterator
from urllib.parse import urlsplit

from lxml.html import HtmlElement

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

_DATE_ISO = re.compile(
    r"(\d{4})-(\d{1,2})-(\d{1,2})"
    r"(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}:?\d{2}|UTC|GMT)?)?"
)
_DATE_SLASH = re.compile(r"\b(\d{4})[/.](\d{1,2})[/.](\d{1,2})\b")
_DATE_DMY = re.compile(r"\b(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})\b")
_DATE_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})(?:T?(\d{2})(\d{2})(\d{2})?)?$")
_EPOCH = re.compile(r"^\d{10}(?:\d{3})?$")
_MIN_YEAR = 1990


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


# ----------------------------------------------------------------------------- dates


def normalize_date(value: str | None, now: datetime | None = None) -> str | None:
    """An ISO 8601 string (keeping the given UTC offset, ``Z`` for epoch times), or ``None``.

    Dates before 1990 or after tomorrow are rejected: a publication date is neither.
    """
    if not value:
        return None
    value = value.strip()[:80]
    now = now or datetime.now(timezone.utc)
    latest = (now + timedelta(days=1)).replace(tzinfo=None)
    if _EPOCH.match(value):
        seconds = int(value) / (1000 if len(value) == 13 else 1)
        try:
            moment = datetime.fromtimestamp(seconds, tz=timezone.utc)
        except (OverflowError, OSError, ValueError):
            return None
        if not _MIN_YEAR <= moment.year or moment.replace(tzinfo=None) > latest:
            return None
        return moment.strftime("%Y-%m-%dT%H:%M:%SZ")
    match = _DATE_ISO.search(value) or _DATE_COMPACT.match(value)
    parts: tuple[str | None, ...]
    if match:
        parts = match.groups() + (None,) * (7 - len(match.groups()))
    elif (m := _DATE_SLASH.search(value)) is not None:
        parts = (m.group(1), m.group(2), m.group(3), None, None, None, None)
    elif (m := _DATE_DMY.search(value)) is not None:
        parts = (m.group(3), m.group(2), m.group(1), None, None, None, None)
    else:
        return _rfc2822(value, latest)
    year, month, day, hour, minute, second, offset = parts
    try:
        moment = datetime(int(year or 0), int(month or 0), int(day or 0), int(hour or 0), int(minute or 0), int(second or 0))
    except ValueError:
        return None
    if moment.year < _MIN_YEAR or moment > latest:
        return None
    if hour is None:
        return moment.strftime("%Y-%m-%d")
    text = moment.strftime("%Y-%m-%dT%H:%M:%S")
    if offset:
        if offset in ("Z", "UTC", "GMT"):
            return text + "Z"
        digits = offset.replace(":", "")
        return f"{text}{digits[:3]}:{digits[3:5]}"
    return text


def _rfc2822(value: str, latest: datetime) -> str | None:
    if not re.search(r"\d{1,2} \w{3} \d{4}", value):
        return None
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if moment.year < _MIN_YEAR or moment.replace(tzinfo=None) > latest:
        return None
    if moment.tzinfo is None:
        return moment.strftime("%Y-%m-%dT%H:%M:%S")
    text = moment.strftime("%Y-%m-%dT%H:%M:%S%z")
    return text[:-2] + ":" + text[-2:]


_URL_DATE = re.compile(
    r"/((?:19|20)\d{2})[/_-](0?[1-9]|1[0-2])[/_-](0?[1-9]|[12]\d|3[01])(?=[/_.-]|$)"
    r"|/((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?=/)"
)
_UTC = ("Z", "+00:00")


def _published(tree: HtmlElement, article: dict[str, Any] | None, meta: dict[str, list[str]], url: str | None) -> str | None:
    """The publication time: structured data, checked against the URL's date, then visible markup.

    A date in the URL path is fixed when the story first goes out; a structured date days after
    it is a re-publication or CMS migration stamp, so the URL's date wins then. A UTC stamp is
    swapped for the same instant written with the site's own offset when the page has one; when
    it falls on the day next to the URL's date, the URL's (local) calendar date is reported.
    """
    structured: list[str] = []
    if article is not None:
        for key in ("datePublished", "dateCreated"):
            date = normalize_date(_text(article.get(key)))
            if date:
                structured.append(date)
    for key in _META_PUBLISHED:
        for value in meta.get(key, [])[:2]:
            date = normalize_date(value)
            if date:
                structured.append(date)
    url_date = _url_date(url)
    if structured:
        chosen = structured[0]
        if url_date and chosen[:10] > url_date and _days_between(chosen[:10], url_date) > 2:
            return url_date
        if chosen.endswith(_UTC):
            local = [d for d in structured + _time_values(tree) if not d.endswith(_UTC) and _same_instant(d, chosen)]
            if local:
                return local[0]
            if url_date and _days_between(chosen[:10], url_date) == 1:
                # a UTC stamp past midnight: the site's own calendar date is the URL's; report
                # that date rather than invent an offset
                return url_date
        return chosen
    if url_date:
        return url_date
    return _microdata_date(tree, "datePublished") or _time_element_date(tree) or _htmldate(tree, url)


def _url_date(url: str | None) -> str | None:
    if not url:
        return None
    match = _URL_DATE.search(urlsplit(url).path)
    if not match:
        return None
    parts = [g for g in match.groups() if g]
    return normalize_date(f"{parts[0]}-{int(parts[1]):02d}-{int(parts[2]):02d}")


def _days_between(a: str, b: str) -> int:
    try:
        return abs((datetime.fromisoformat(a) - datetime.fromisoformat(b)).days)
    except ValueError:
        return 0


def _same_instant(a: str, b: str) -> bool:
    try:
        da, db = datetime.fromisoformat(a.replace("Z", "+00:00")), datetime.fromisoformat(b.replace("Z", "+00:00"))
    except ValueError:
        return False
    if da.tzinfo is None or db.tzinfo is None:
        return False
    return abs((da - db).total_seconds()) <= 60


def _time_values(tree: HtmlElement) -> list[str]:
    values = []
    for node in tree.iter("time"):
        date = normalize_date(node.get("datetime"))
        if date:
            values.append(date)
        if len(values) >= 10:
            break
    return values


def _microdata_date(tree: HtmlElement, prop: str) -> str | None:
    for node in tree.iterfind(f".//*[@itemprop='{prop}']"):
        if _in_comment_or_list(node):
            continue
        value = node.get("content") or node.get("datetime") or node.text_content()
        date = normalize_date(value)
        if date:
            return date
    return None


def _time_element_date(tree: HtmlElement) -> str | None:
    """A ``<time datetime>`` marked as the publication time (``pubdate``, a publish/date class)."""
    for node in tree.iter("time"):
        value = node.get("datetime")
        if not value or _in_comment_or_list(node) or next(node.iterancestors("li"), None) is not None:
            continue  # times in lists belong to other posts or comments
        parent = node.getparent()
        hint = " ".join(filter(None, (node.get("class"), node.get("itemprop"), parent.get("class") if parent is not None else None))).lower()
        if node.get("pubdate") is not None or re.search(r"publi|created|posted|entry-date|article.?date", hint):
            date = normalize_date(value)
            if date:
                return date
    return None


def _htmldate(tree: HtmlElement, url: str | None) -> str | None:
    """htmldate's guess (original date), used only when the page has no structured date."""
    try:
        from htmldate import find_date

        found = find_date(tree, url=url, original_date=True, extensive_search=True)
    except Exception as exc:  # noqa: BLE001 - a date guesser must never sink an article
        LOGGER.debug("htmldate failed on %s: %r", url, exc)
        return None
    return normalize_date(found) if found else None


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


def _heading_text(node: HtmlElement) -> str:
    pieces: list[str] = [node.text or ""]
    for child in node:
        if isinstance(child.tag, str) and child.tag not in ("script", "style"):
            hint = f"{child.get('class') or ''} {child.get('id') or ''}"
            if not _KICKER.search(hint):
                pieces.append(child.text_content())
        pieces.append(child.tail or "")
    return _norm_space(" ".join(pieces))


def _choose_headline(tree: HtmlElement, structured: list[str], keys: list[str]) -> tuple[str | None, HtmlElement | None]:
    """The visible headline when it agrees with a structured title (or is the page's only
    ``<h1>``); else the first structured title without its site name."""
    nodes = _headline_nodes(tree)
    for head in nodes:
        for candidate in [head.text, *head.parts]:
            if any(same_title(candidate, t, keys) for t in structured):
                return candidate, head.node
    h1s = [h for h in nodes if h.node.tag == "h1"]
    if len(h1s) == 1 and not is_site_name(h1s[0].text, keys) and not _in_comment_or_list(h1s[0].node):
        return h1s[0].text, h1s[0].node
    if structured:
        return clean_title(structured[0], keys), None
    return None, None


def _byline_authors(tree: HtmlElement) -> list[str]:
    """Author names from byline markup, with trafilatura's author XPaths (most specific first).

    Matches inside comments, sidebars, teaser lists, ``<time>`` and ``<figure>`` are skipped:
    the names there are commenters, other articles' authors or photographers.
    """
    from trafilatura.xpaths import AUTHOR_XPATHS

    for query in AUTHOR_XPATHS:
        for node in query(tree)[:20]:
            if _in_comment_or_list(node):
                continue
            text = _norm_space(node.get("content") if node.tag in ("meta", "link") else " ".join(node.itertext()))
            if 2 < len(text) < 120:
                names = normalize_authors(text)
                if names:
                    return names
    return []


# a class/id token that starts like one of these marks a container of other people's names
_NOT_BYLINE = re.compile(r"^(?:comment|related|sidebar|teaser|widget|footer|quote|embed|caption|reply|respond)", re.I)


def _in_comment_or_list(node: HtmlElement) -> bool:
    """True inside comments, teaser lists, sidebars, quotes or figures: names there are not the article's."""
    for parent in node.iterancestors():
        if parent.tag in ("body", "html"):
            break
        if parent.tag in ("aside", "footer", "nav", "time", "figure", "blockquote", "figcaption"):
            return True
        hint = f"{parent.get('class') or ''} {parent.get('id') or ''}"
        if any(_NOT_BYLINE.match(token) for token in hint.split()):
            return True
    return False


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

    # authors: people named by structured data, then byline markup, then <meta>; an
    # organisation (or the site itself) only when no person is named anywhere
    people, orgs = _jsonld_authors(article)
    keys = result.site_names
    people = [n for n in people if not is_site_name(n, keys)]
    if not people:
        people = [n for n in _byline_authors(tree) if not is_site_name(n, keys)]
    if not people:
        for key in _META_AUTHOR:
            names = [n for raw in meta.get(key, [])[:4] if not raw.lower().startswith(("http://", "https://", "www."))
                     for n in normalize_authors(raw)]
            people = [n for n in names if not is_site_name(n, keys)]
            orgs.extend(n for n in names if is_site_name(n, keys))
            if people:
                break
    result.authors = list(dict.fromkeys(people or orgs))

    # dates
    result.published_at = _published(tree, article, meta, url)
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
    result.url = canonical if canonical and _is_http_url(canonical) else url
    result.language = (tree.get("lang") or _first(meta, ("content-language", "og:locale", "dc.language")) or None)
    result.description = _first(meta, ("description", "og:description", "twitter:description"))
    return result


def _is_http_url(value: str) -> bool:
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc)
