"""Publication and update times of an HTML page, as ISO 8601 strings with the source's offset.

Structured stamps (JSON-LD, ``<meta>``) come first, checked against the date in the URL path;
then microdata and ``<time>`` elements outside comments and teaser lists; htmldate last.
"""

from __future__ import annotations

import logging
import re
from datetime import datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from functools import lru_cache
from urllib.parse import urlsplit

from lxml import etree
from lxml.html import HtmlElement

from newstrace import lexicon

LOGGER = logging.getLogger(__name__)

_DATE_ISO = re.compile(
    r"(\d{4})-(\d{1,2})-(\d{1,2})"
    r"(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}:?\d{2}|UTC|GMT)?)?"
)
_DATE_SLASH = re.compile(r"\b(\d{4})[/.](\d{1,2})[/.](\d{1,2})\b")
_DATE_DMY = re.compile(r"\b(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})\b")
_DATE_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})(?:T?(\d{2})(\d{2})(\d{2})?)?$")
_EPOCH = re.compile(r"^\d{10}(?:\d{3})?$")
_MIN_YEAR = 1990


# a class/id token that starts like one of these marks a container of other people's names
_NOT_BYLINE = re.compile(r"^(?:comment|related|sidebar|teaser|widget|footer|quote|embed|caption|reply|respond)", re.I)


def outside_article(node: HtmlElement) -> bool:
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
# day first ("/meldungen/29-10-2021", "bericht_vom_22.04.2020"): European order, 4-digit year last
_URL_DATE_DMY = re.compile(r"[/_-](0?[1-9]|[12]\d|3[01])[-_.](0?[1-9]|1[0-2])[-_.]((?:19|20)\d{2})(?=[/_.-]|$)")
_UTC = ("Z", "+00:00")


def published_date(
    tree: HtmlElement, structured: list[str], url: str | None, headline: HtmlElement | None = None
) -> str | None:
    """The publication time: structured data, checked against the URL's date, then visible markup.

    A date in the URL path is fixed when the story first goes out; a structured date days after
    it is a re-publication or CMS migration stamp, so the URL's date wins then. A UTC stamp is
    swapped for the same instant written with the site's own offset when the page has one; when
    it falls on the day next to the URL's date, the URL's (local) calendar date is reported.
    """
    structured = [d for d in (normalize_date(v) for v in structured) if d]
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
    return (
        _microdata_date(tree, "datePublished")
        or _time_element_date(tree)
        or visible_date(anchor := headline if headline is not None else _first_heading(tree), _NEAR_HEADLINE)
        or _htmldate(tree, url)
        or visible_date(anchor, _AFTER_HEADLINE)
    )


def _url_date(url: str | None) -> str | None:
    if not url:
        return None
    path = urlsplit(url).path
    match = _URL_DATE.search(path)
    if match:
        year, month, day = [g for g in match.groups() if g]
    elif (dmy := _URL_DATE_DMY.search(path)) is not None:
        day, month, year = dmy.groups()
    else:
        return None
    return normalize_date(f"{year}-{int(month):02d}-{int(day):02d}")


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


_ITEMPROP = etree.XPath("//*[@itemprop=$prop]")


def _microdata_date(tree: HtmlElement, prop: str) -> str | None:
    for node in _ITEMPROP(tree, prop=prop):
        if outside_article(node):
            continue
        value = node.get("content") or node.get("datetime") or node.text_content()
        date = normalize_date(value)
        if date:
            return date
    return None


def _time_element_date(tree: HtmlElement) -> str | None:
    """A ``<time datetime>`` marked as the publication time (``pubdate``, a publish/date class),
    else the page's only ``<time datetime>``: one date on a page is the article's date."""
    usable = []
    for node in tree.iter("time"):
        value = node.get("datetime")
        if not value or outside_article(node) or next(node.iterancestors("li"), None) is not None:
            continue  # times in lists belong to other posts or comments
        usable.append(value)
        parent = node.getparent()
        hint = " ".join(filter(None, (node.get("class"), node.get("itemprop"), parent.get("class") if parent is not None else None))).lower()
        if node.get("pubdate") is not None or re.search(r"publi|created|posted|entry-date|article.?date", hint):
            date = normalize_date(value)
            if date:
                return date
    return normalize_date(usable[0]) if len(usable) == 1 else None


def _htmldate(tree: HtmlElement, url: str | None) -> str | None:
    """htmldate's guess (original date), used only when the page has no structured date."""
    try:
        from htmldate import find_date

        found = find_date(tree, url=url, original_date=True, extensive_search=False)
    except Exception as exc:  # noqa: BLE001 - a date guesser must never sink an article
        LOGGER.debug("htmldate failed on %s: %r", url, exc)
        return None
    return normalize_date(found) if found else None


# ----------------------------------------------------------------------------- dates written out

_NUMERIC_DMY = re.compile(r"\b(\d{1,2})\.\s?(\d{1,2})\.\s?((?:19|20)\d{2})\b")
_ISO_DAY = re.compile(r"\b((?:19|20)\d{2})-(\d{2})-(\d{2})\b")
_NEAR_HEADLINE = 300  # characters of page text after the headline read before asking htmldate
_AFTER_HEADLINE = 1500  # ... and after it
_BEFORE_HEADLINE = 200  # ... and before it (dates above the headline)


@lru_cache(maxsize=1)
def _month_patterns() -> tuple[dict[str, int], re.Pattern[str], re.Pattern[str]]:
    months = {}
    for entry in lexicon.load("html_month_names"):
        name, number = entry.rsplit(" ", 1)
        months[name.lower()] = int(number)
    names = "|".join(re.escape(n) for n in sorted(months, key=len, reverse=True))
    day_month = re.compile(rf"\b(\d{{1,2}})\.?\s+(?:de\s+)?({names})\.?,?\s+(?:de\s+)?((?:19|20)\d{{2}})\b", re.IGNORECASE)
    month_day = re.compile(rf"\b({names})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+((?:19|20)\d{{2}})\b", re.IGNORECASE)
    return months, day_month, month_day


def written_date(text: str) -> str | None:
    """The first calendar date written out in ``text``: "3.11.2021", "3. November 2021",
    "5 de mayo de 2022", "March 5, 2022", "2022-03-05" (all-numeric d/m/y with slashes is
    ambiguous between US and European order and is not read)."""
    months, day_month, month_day = _month_patterns()
    found: list[tuple[int, str | None]] = []
    for pattern, order in ((_NUMERIC_DMY, "dmy"), (_ISO_DAY, "ymd"), (day_month, "dMy"), (month_day, "Mdy")):
        match = pattern.search(text)
        if not match:
            continue
        a, b, c = match.groups()
        if order == "dmy":
            y, m, d = c, b, a
        elif order == "ymd":
            y, m, d = a, b, c
        elif order == "dMy":
            y, m, d = c, str(months[b.lower()]), a
        else:
            y, m, d = c, str(months[a.lower()]), b
        found.append((match.start(), normalize_date(f"{y}-{int(m):02d}-{int(d):02d}")))
    dates = [(pos, date) for pos, date in found if date]
    return min(dates)[1] if dates else None


def _first_heading(tree: HtmlElement) -> HtmlElement | None:
    for tag in ("h1", "h2"):
        node = tree.find(f".//body//{tag}")
        if node is not None:
            return node
    return None


def visible_date(headline: HtmlElement | None, window: int = _AFTER_HEADLINE) -> str | None:
    """A date written in the page text right after the headline (or just above it): where the
    byline and dateline of an article sit when the page has no date markup."""
    if headline is None:
        return None
    after = _texts(headline.xpath("following::text()[normalize-space()][position() <= 40]"))
    date = written_date(after[:window])
    if date:
        return date
    before = _texts(headline.xpath("preceding::text()[normalize-space()][position() <= 8]"))
    return written_date(before[-_BEFORE_HEADLINE:])


def _texts(nodes: list[object]) -> str:
    kept = []
    for node in nodes:
        parent = getattr(node, "getparent", lambda: None)()
        if parent is not None and getattr(node, "is_text", False) and parent.tag in ("script", "style", "noscript"):
            continue
        kept.append(" ".join(str(node).split()))
    return " | ".join(kept)
