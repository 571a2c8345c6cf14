"""Leaked HTML/CMS markup in scraped text: find it, cut it out, keep what it tells.

Real scrapes leak elements whose attributes hold JSON or script text that spans several lines (blank
lines included) and closes with a curly quote (``}”>``), so a tag's end cannot be found with a
simple ``<[^>]*>``: the scanner below walks the attributes, matching brackets inside JSON-looking
values and accepting straight, curly and prime quotes as delimiters. Nothing is executed or fetched;
every scan is bounded. Publish/update times (epoch milliseconds or ISO) and the canonical URL found
in the removed markup are returned as metadata.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from newstrace.clean.timestamps import from_epoch, parse_time_line

# Elements whose content is never article text: the whole element goes, content included.
EMBED_TAGS = frozenset(
    "script style iframe video audio object embed noscript svg template figure figcaption picture img "
    "source form input button select textarea canvas math param track link meta head title amp-img "
    "amp-iframe amp-video amp-ad ins".split()
)
# Formatting elements: only the tag itself goes, the text between stays.
INLINE_TAGS = frozenset(
    "a b i u s em strong span p div br hr sup sub small big blockquote q cite h1 h2 h3 h4 h5 h6 ul ol li "
    "section article header footer main aside nav table tr td th tbody thead tfoot abbr mark time font "
    "center code pre dl dt dd del ins strike tt var wbr html body".split()
)
_TAG_START = re.compile(r"<(?P<close>/)?(?P<name>[A-Za-z][\w:.-]{0,60})(?=[\s>/])|<!--|<!–|<!\[CDATA\[")
_OPEN_QUOTES = "\"'“”‘’″"
_PLACEHOLDER_WORDS = 8  # text after an embed on its own line ("Video Embed") goes with it up to this size
MAX_SCAN = 200_000  # one element never spans more than this many characters
_MAX_REMOVAL_CHARS = 10_000

_PUB_KEYS = (r"publish(?:ed)?_?(?:date|time|at|on)|date_?published|first_?published(?:_?(?:date|at|time))?"
             r"|pub_?date|created_?(?:date|at)|date_?created|display_?date|first_?publish_?date")
_UPD_KEYS = (r"update(?:d)?_?(?:date|time|at|on)|date_?modified|modified_?(?:date|at|time|on)|last_?modified"
             r"|last_?updated|update_?date")
_KEY_VALUE = re.compile(
    rf"[\"'“”]?(?:[\w-]+\.)*(?P<key>{_PUB_KEYS}|{_UPD_KEYS})[\"'“”]?\s*[:=]\s*[\"'“”]?"
    r"(?P<val>\d{10,13}(?!\d)|\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?)",
    re.IGNORECASE,
)
_UPD_KEY = re.compile(_UPD_KEYS, re.IGNORECASE)
_CANONICAL = re.compile(
    r"[\"']canonical(?:_?url|Url|URL)?[\"']\s*:\s*[\"'](?P<u1>https?://[^\"'\s<>]{3,2000})"
    r"|rel=[\"'“”]?canonical[\"'“”]?[^>]{0,300}?href=[\"'“”](?P<u2>https?://[^\"'“”\s<>]{3,2000})"
    r"|href=[\"'“”](?P<u3>https?://[^\"'“”\s<>]{3,2000})[\"'“”][^>]{0,300}?rel=[\"'“”]?canonical"
    r"|(?:property|name)=[\"'“”]og:url[\"'“”][^>]{0,300}?content=[\"'“”](?P<u4>https?://[^\"'“”\s<>]{3,2000})",
    re.IGNORECASE,
)


@dataclass(slots=True)
class MarkupMeta:
    """What removed markup told: first publish and update times (ISO) and a canonical URL."""

    published_at: str | None = None
    updated_at: str | None = None
    url: str | None = None

    def absorb(self, text: str) -> None:
        """Read times and a canonical URL out of a piece of removed markup (first value wins)."""
        if self.published_at is None or self.updated_at is None:
            for m in _KEY_VALUE.finditer(text):
                value = _time_value(m.group("val"))
                if value is None:
                    continue
                if _UPD_KEY.fullmatch(m.group("key")):
                    self.updated_at = self.updated_at or value
                else:
                    self.published_at = self.published_at or value
        if self.url is None:
            c = _CANONICAL.search(text)
            if c is not None:
                self.url = next(g for g in c.groups() if g)


def _time_value(raw: str) -> str | None:
    if raw.isdigit():
        return from_epoch(raw)
    parsed = parse_time_line(raw)
    return parsed.value if parsed is not None else None


@dataclass(slots=True)
class MarkupCut:
    """One cut: ``[start, end)`` of the original text, the reason, and the text removed."""

    start: int
    end: int
    reason: str
    text: str


@dataclass(slots=True)
class MarkupResult:
    """The text with markup cut out, each cut with its offset in the new text, and the metadata."""

    text: str
    cuts: list[tuple[int, MarkupCut]] = field(default_factory=list)
    meta: MarkupMeta = field(default_factory=MarkupMeta)


_BRACKET = re.compile(r"[{}\[\]]")
_DOUBLE_CLOSE = re.compile(r'(?<!\\)["”“″]')
_SINGLE_CLOSE = re.compile(r"(?<!\\)['’‘′]")
_TAG_STOP = re.compile(r"[<>=]")


def _balanced(text: str, i: int, limit: int) -> int:
    """Index just past the bracket that closes the one at ``i`` ({ or [), or -1.

    Quotes are ignored on purpose: leaked JSON has unescaped and curly quotes that break any
    string tracking, while its brackets still balance.
    """
    depth = 0
    for m in _BRACKET.finditer(text, i, limit):
        if m.group() in "{[":
            depth += 1
        else:
            depth -= 1
            if depth == 0:
                return m.end()
    return -1


def tag_end(text: str, i: int, limit: int) -> int:
    """Index just past the ``>`` that closes a start tag whose attributes begin at ``i``, or -1.

    Every search is a C-level regex scan bounded by ``limit``; the Python loop runs once per
    attribute, not once per character.
    """
    n = min(len(text), limit)
    while i < n:
        m = _TAG_STOP.search(text, i, n)
        if m is None:
            return -1
        c, i = m.group(), m.start()
        if c == ">":
            return i + 1
        if c == "<":
            return -1  # a new tag before this one closed: not markup after all
        j = i + 1  # after "="
        while j < n and text[j] in " \t":
            j += 1
        if j < n and text[j] in _OPEN_QUOTES:
            k = j + 1
            if k < n and text[k] in "{[":
                end = _balanced(text, k, n)
                if end > 0:
                    while end < n and text[end] in _OPEN_QUOTES:
                        end += 1
                    i = end
                    continue
            closer = _DOUBLE_CLOSE if text[j] in "\"“”″" else _SINGLE_CLOSE
            close = closer.search(text, k, n)
            if close is None:
                return -1
            i = close.end()
            continue
        i = j
    return -1


def _line_end(text: str, i: int) -> int:
    j = text.find("\n", i)
    return len(text) if j < 0 else j


def _is_placeholder(rest: str) -> bool:
    words = rest.split()
    return len(words) <= _PLACEHOLDER_WORDS and "." not in rest.rstrip(".")[-40:]


def find_markup(text: str) -> list[MarkupCut]:
    """Every leaked element, comment or stray tag in ``text``, in order, not overlapping."""
    cuts: list[MarkupCut] = []
    pos = 0
    n = len(text)
    budget = 20 * n + 1_000_000  # characters scanned in total: hostile text cannot make this quadratic
    while budget > 0:
        m = _TAG_START.search(text, pos)
        if m is None:
            break
        start = m.start()
        token = m.group(0)
        if token.startswith("<!"):
            closer = "]]>" if token.startswith("<![") else None
            end = text.find(closer, m.end(), m.end() + MAX_SCAN) if closer else -1
            budget -= MAX_SCAN
            if closer is None:
                for candidate in ("-->", "–>"):
                    end = text.find(candidate, m.end(), m.end() + MAX_SCAN)
                    if end >= 0:
                        end += len(candidate)
                        break
            else:
                end = end + len(closer) if end >= 0 else -1
            if end < 0:
                end = _line_end(text, start)
            cuts.append(MarkupCut(start, end, "embed", text[start:end]))
            pos = end
            continue
        name = m.group("name").lower()
        embed = name in EMBED_TAGS or "-" in name
        if not embed and name not in INLINE_TAGS:
            pos = m.end()
            continue
        if m.group("close"):
            end = text.find(">", m.end(), m.end() + 200)
            if end < 0:
                pos = m.end()
                continue
            cuts.append(MarkupCut(start, end + 1, "markup", text[start:end + 1]))
            pos = end + 1
            continue
        window = min(MAX_SCAN, budget)
        end = tag_end(text, m.end(), m.end() + window)
        budget -= (end - start) if end > 0 else window
        if end < 0:
            if not embed:
                pos = m.end()
                continue
            end = _line_end(text, start)  # an unclosed embed: drop the rest of its line
        if embed:
            close = re.compile(rf"</{re.escape(name)}\s*>", re.IGNORECASE).search(text, end, min(n, end + window))
            if close is not None and name not in {"img", "source", "input", "link", "meta", "param", "track"}:
                end = close.end()
            else:
                line_end = _line_end(text, end)
                if _is_placeholder(text[end:line_end]):
                    end = line_end
            cuts.append(MarkupCut(start, end, "embed", text[start:end]))
        else:
            cuts.append(MarkupCut(start, end, "markup", text[start:end]))
        pos = end
    return cuts


def strip_markup(text: str) -> MarkupResult:
    """Cut every piece of markup out of ``text``; a cut spanning lines leaves a line break."""
    if "<" not in text:
        return MarkupResult(text=text)
    cuts = find_markup(text)
    if not cuts:
        return MarkupResult(text=text)
    result = MarkupResult(text="")
    pieces: list[str] = []
    offset = 0
    last = 0
    for cut in cuts:
        keep = text[last:cut.start]
        pieces.append(keep)
        offset += len(keep)
        if cut.reason == "embed":
            result.meta.absorb(cut.text)
        shown = cut.text if len(cut.text) <= _MAX_REMOVAL_CHARS else cut.text[:_MAX_REMOVAL_CHARS] + "…"
        result.cuts.append((offset, MarkupCut(cut.start, cut.end, cut.reason, shown)))
        if "\n" in cut.text:
            pieces.append("\n")
            offset += 1
        last = cut.end
    pieces.append(text[last:])
    result.text = "".join(pieces)
    return result
