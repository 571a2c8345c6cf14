"""Cleaning of raw scraped text: remove junk line by line, keep every kept paragraph verbatim.

The steps, in order:
1. cut leaked markup (``markup.py``) and keep the times and canonical URL it holds;
2. take the first non-blank line as the headline (raw scraped layout) unless told otherwise;
3. classify every other line on its own: data-file rules (``rules.py``), time lines, bylines,
   ALL-CAPS teasers of other stories, learned per-outlet chrome;
4. classify in context: headline repeats and deks, "Story highlights" blocks, key-point blocks,
   stand-alone author names at the top, duplicates and pull quotes, author bios at the end;
5. recover metadata: times, authors, publisher, dateline and the wire agency it names.

Cleaning removes, it never rewrites: a kept paragraph is a line of the input, unchanged except for
ASCII spaces at its ends (markup cut out of a line is the one exception). Over-deleting a real
paragraph is worse than leaving a promo line in, so every context rule is narrow.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from newstrace.clean import publisher as pub
from newstrace.clean.boilerplate import BoilerplateProfile, outlet_key
from newstrace.clean.bylines import name_only, parse_byline, parse_dateline
from newstrace.clean.markup import MarkupMeta, strip_markup
from newstrace.clean.result import CleanResult
from newstrace.clean.rules import default_rules
from newstrace.clean.timestamps import parse_date_text, parse_time_line
from newstrace.records import Removal

_EDGE = " \t\r\f\v"
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_NORM_SPACE = re.compile(r"\s+")
_URL_DATE = re.compile(r"/(20\d{2}|19\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:/|$|-)")
_TERMINAL = re.compile(r"[.!?…:;\"”’')\]]\s*$")
_HIGHLIGHTS = re.compile(r"(?:story highlights|key points|highlights|in brief|the gist|tl;dr|summary)\b:?", re.I)
_HOMEPAGE = re.compile(r"visit .{1,40}'?s? homepage for more stories\.?", re.I)
_BIO = re.compile(
    r"(?-i:(?!(?:The|This|That|These|Those|It|He|She|They|We|Our|His|Her|Its|An?|In|On|At|As)\b)"
    r"(?:Dr\.? |Prof\.? |Rev\.? )?(?:(?:[A-Z]\.){1,3} ?[A-Z][\w'’-]+(?: [A-Z][\w'’-]+)?"
    r"|[A-Z][\w'’-]+(?: [A-Z]\.)*(?: (?:de |van |von |del |la )?[A-Z][\w'’-]+){1,3}))"
    r"(?: \(@\w+\))?,? (?:is|was|has been|serves as|writes|covers|reports|lives)\b.{0,500}", re.S)
_BIO_CUES = re.compile(
    r"\b(?:author|writer|reporter|columnist|editor|correspondent|professor|fellow|host|contributor|director"
    r"|founder|analyst|journalist|commentator|intern|scholar|researcher|associate|lecturer|chair|president"
    r"|follow (?:him|her|them)|(?:his|her|their) (?:latest |new |most recent )?book)\b", re.I)
_ABOUT = re.compile(r"About (?:the )?(?P<org>[A-Z][\w&.'’ -]{1,60}?)\.?")
_QUOTES = "\"'“”‘’«»"
_VERBISH = re.compile(r"(?-i:[A-Z]{2,}(?<!S)(?:S|ED)|SAYS|SAID|[A-Z]+’S|[A-Z]+'S)")  # WANTS, BLAMED; not PASS
_ABOUT_INLINE = re.compile(r"About (?:the )?(?P<org>[A-Z][\w&.'’ -]{1,60}?):\s+(?:The )?(?P<rest>.+)", re.S)
# A time line sets the publication time only with a time of day: a bare date line is as often an
# event or archive date, and later stages treat a metadata time as firm (it gates stories). The
# line itself is still listed in `removed` for them to read.
_STAMP = re.compile(r"T\d\d:\d\d")
_BY_PREFIX = re.compile(r"^(?:by|from|written by)\s*:?\s+", re.I)
_LIST_ITEM = re.compile(r"^(?:\d{1,2}[.)]|[•■▪●*\-–—]\s)")
_TEASER_MIN_WORDS = 6
_PULL_QUOTE_WORDS = (6, 45)
_PULL_QUOTE_WINDOW = 6  # lines on each side where a pull quote's source paragraph is looked for
_TOP_LINES = 8  # ... except for lines this near the top, which are compared with the whole body
_MAX_LINE_CHARS = 100_000  # longer "lines" are kept as they are, never scanned by the line rules
_HEADLINE_SKIP = frozenset({"ad", "separator", "share", "embed"})
_STRONG_TOP_REASONS = frozenset({"byline", "timestamp", "share", "ad", "separator", "embed", "caption", "subscribe",
                                 "chrome", "dek", "headline", "related", "promo", "editor_note"})


@dataclass(slots=True)
class _Line:
    """One non-blank line: its line number in the cleaned text, the paragraph text, its verdict."""

    offset: int
    text: str
    words: int
    reason: str | None = None
    _norm: str | None = None

    @property
    def norm(self) -> str:
        """The line with spaces collapsed and case folded (computed once)."""
        if self._norm is None:
            self._norm = _norm(self.text)
        return self._norm


@dataclass(slots=True)
class _Meta:
    """Metadata collected while classifying lines."""

    published: str | None = None
    updated: str | None = None
    authors: list[str] = field(default_factory=list)
    publisher: list[tuple[int, str]] = field(default_factory=list)  # (rank, name); lower rank wins
    wire: str | None = None

    def add_authors(self, names: list[str]) -> None:
        for name in names:
            if name not in self.authors:
                self.authors.append(name)


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


_BLANK = " \t\r\f\v\n\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000" + _INVISIBLE


def _is_blank(text: str) -> bool:
    return not text.strip(_BLANK)


def _url_date(url: str | None) -> date | None:
    if not url:
        return None
    m = _URL_DATE.search(url)
    if m is None:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def _is_caps_teaser(text: str, words: int) -> bool:
    """An ALL-CAPS headline of another story (Fox-style teaser) rather than a short subhead.

    Wire subheads in capitals are short ("FAUCI URGES CAUTION") and factbox heads are questions, so
    only lines of six or more words that do not end with "?" or ":" and are not list items count.
    """
    if words < _TEASER_MIN_WORDS or words > 30 or not text.isupper() or len(text) < 20:
        return False
    if text.rstrip()[-1:] in "?:" or text[:1] in _QUOTES or _LIST_ITEM.match(text):
        return False
    if words >= 8 or ":" in text:
        return True
    # Six or seven words: a teaser reads as a sentence ("GOWDY WANTS COMEY TO TESTIFY AGAIN"),
    # a subhead as a noun phrase ("BROAD BACKING FOR A U.S. RESPONSE").
    return any(_VERBISH.fullmatch(token) for token in text.split())


def _glued_dek(text: str, head_chars: int) -> bool:
    """Headline and a one-sentence dek on one line: "Headline Dek starts here." (no punctuation
    between, the dek short). A lede that merely begins with the headline's words continues in
    lower case or after a full stop, and a long remainder is body glued on, which stays."""
    rest = text[head_chars:]
    if not rest.startswith(" ") or len(rest.split()) > 35:
        return False
    first = rest.lstrip()[:1]
    return first.isupper() or first in "\"“'‘"


class _Cleaner:
    """One article's cleaning state (a fresh object per call keeps ``clean_text`` re-entrant)."""

    def __init__(self, title: str | None, publisher: str | None, url: str | None,
                 profile: BoilerplateProfile | None, has_headline: bool) -> None:
        self.title = title
        self.publisher = publisher
        self.url = url
        self.profile = profile
        self.outlet = outlet_key(publisher, url) if profile is not None else None
        self.has_headline = has_headline
        self.hint = _url_date(url)
        self.meta = _Meta()
        self.rules = default_rules()

    # --- step 3: one line on its own -------------------------------------------------------
    def classify(self, line: _Line) -> str | None:
        text, words = line.text, line.words
        if len(text) > _MAX_LINE_CHARS:
            return None
        if words <= 20 and len(text) <= 120:  # before the rules: "Updated 14:05 GMT, ..." holds a time
            timeline = parse_time_line(text, self.hint)
            if timeline is not None:
                self._time(timeline.value, timeline.updated)
                return "dateline"  # the gold's "byline_dateline": stand-alone time lines
        rule = self.rules.match(text, words)
        if rule is not None:
            self._absorb(rule.reason, text)
            return rule.reason
        if text[:2].lower() in {"by", "wr", "st", "po"}:
            names = parse_byline(text)
            if names is not None:
                self.meta.add_authors(names)
                when = parse_date_text(text, self.hint)
                if when:
                    self._time(when, False)
                return "byline"
        if _is_caps_teaser(text, words):
            return "promo"
        if self.profile is not None and self.profile.is_chrome(self.outlet, text):
            return "chrome"
        return None

    def _time(self, value: str | None, updated: bool) -> None:
        if value is None or not _STAMP.search(value):
            return
        if updated:
            self.meta.updated = self.meta.updated or value
        else:
            self.meta.published = self.meta.published or value

    def _absorb(self, reason: str, text: str) -> None:
        """Metadata held by a removed line: the outlet a promo names, a copyright holder, an agency."""
        if reason == "promo":
            name = pub.from_promo(text)
            if name:
                self.meta.publisher.append((1, name))
        elif reason in {"share", "chrome"}:
            name = pub.from_follow(text)
            if name:
                self.meta.publisher.append((2, name))
        elif reason == "copyright":
            holder = pub.copyright_holder(text)
            if holder:
                agency = pub.agency_name(holder)
                if agency:
                    self.meta.wire = self.meta.wire or agency
                else:
                    self.meta.publisher.append((3, holder))
        elif reason == "byline":
            named = _BY_PREFIX.sub("", text.strip()).strip(" .")
            agency = pub.agency_name(named)
            if agency:
                self.meta.wire = self.meta.wire or agency
                if _BY_PREFIX.match(text.strip()):
                    self.meta.add_authors([named])  # "By The Associated Press": the agency is the author
        elif reason == "embed" and ("{" in text or "=" in text):
            found = MarkupMeta()
            found.absorb(text)
            self._time(found.published_at, False)
            self._time(found.updated_at, True)

    # --- step 4: lines in context ---------------------------------------------------------
    def in_context(self, lines: list[_Line], headline: str | None) -> None:
        chrome = [x for x in lines if x.reason == "chrome"]
        if chrome and len(chrome) * 2 > len(lines):
            for line in chrome:  # learned chrome is a minority of an article; more is a mislearned story
                line.reason = None
        self._headline_repeats(lines, headline)
        self._highlights(lines)
        self._key_points(lines)
        self._top_names(lines)
        self._duplicates(lines)
        self._trailing_bios(lines)
        self._about_block(lines)

    def _headline_repeats(self, lines: list[_Line], headline: str | None) -> None:
        if not headline:
            return
        head = _norm(headline)
        if len(head) < 8:
            return
        size = len(head)
        for i, line in enumerate(lines):
            if line.reason is not None or (i >= 3 and abs(len(line.text) - size) > 3):
                continue
            norm = line.norm
            if norm == head:
                line.reason = "headline"
            elif i < 3 and norm.startswith(head) and _glued_dek(line.text, len(headline.strip())):
                line.reason = "dek"  # headline and standfirst glued on one line

    def _highlights(self, lines: list[_Line]) -> None:
        for i, line in enumerate(lines[:8]):
            m = _HIGHLIGHTS.match(line.text)
            if m is None or line.words > 40 or (line.reason is not None and line.reason != "dek"):
                continue
            if m.end() == len(line.text) or line.text.lower().startswith("story highlights"):
                line.reason = "dek"
                for nxt in lines[i + 1: i + 7]:
                    if nxt.reason is not None or _TERMINAL.search(nxt.text) or nxt.words > 30:
                        break
                    nxt.reason = "dek"
            return

    def _key_points(self, lines: list[_Line]) -> None:
        """Bullet key points that precede a "visit our homepage" line at the top are a dek."""
        for i, line in enumerate(lines[:8]):
            if _HOMEPAGE.fullmatch(line.text):
                before = [x for x in lines[:i] if x.reason is None]
                if 1 <= len(before) <= 6 and all(x.words <= 45 for x in before):
                    for x in before:
                        x.reason = "dek"
                return

    def _top_names(self, lines: list[_Line]) -> None:
        """A stand-alone author name at the very top (before any kept paragraph) is a byline."""
        for i, line in enumerate(lines[:4]):
            if line.reason is None:
                names = name_only(line.text)
                nxt = lines[i + 1] if i + 1 < len(lines) else None
                if names and not (nxt is not None and nxt.reason is None and name_only(nxt.text)):
                    line.reason = "byline"
                    self.meta.add_authors(names)
                    continue
                return
            if line.reason not in _STRONG_TOP_REASONS:
                return

    def _duplicates(self, lines: list[_Line]) -> None:
        seen: dict[str, str | None] = {}
        for line in lines:
            norm = line.text
            if norm in seen:
                if line.reason is None and (line.words >= 8 or seen[norm] is not None):
                    earlier = seen[norm]
                    line.reason = earlier if earlier not in (None, "headline", "dek") else "duplicate"
                continue
            seen[norm] = line.reason
        kept = [x for x in lines if x.reason is None]
        if len(kept) < 2:
            return
        # Pull quotes repeat part of a nearby paragraph: look for each short line inside the lines
        # around it (a window keeps this linear in the article's length).
        folded = [x.text.casefold() for x in kept]  # casefold may change lengths: offsets from these
        joined = "\x00".join(folded)
        starts, pos = [], 0
        for text in folded:
            starts.append(pos)
            pos += len(text) + 1
        low, high = _PULL_QUOTE_WORDS
        window = _PULL_QUOTE_WINDOW
        n = len(kept)
        for k, line in enumerate(kept):
            if low <= line.words <= high:
                own, own_end = starts[k], starts[k] + len(folded[k])
                probe = joined[own:own_end]
                lo = starts[max(0, k - window)]
                # Summary bullets at the top repeat sentences from anywhere below them.
                reach = n if k < _TOP_LINES else k + window + 1
                hi = starts[reach] - 1 if reach < n else len(joined)
                if joined.find(probe, lo, own) >= 0 or joined.find(probe, own_end, hi) >= 0:
                    line.reason = "duplicate"  # a pull quote repeating part of a paragraph

    def _trailing_bios(self, lines: list[_Line]) -> None:
        """Author bios and contributor notes are the last lines: look only at the final three."""
        tail = [x for x in lines if x.reason is None][-3:]
        for line in tail:
            if line.words <= 60 and _BIO.fullmatch(line.text) and _BIO_CUES.search(line.text):
                if not any(q in line.text[:1] for q in "\"“'‘"):
                    line.reason = "bio"

    def _about_block(self, lines: list[_Line]) -> None:
        """A closing "About <Organisation>" head whose next paragraph starts with that name (press
        release boilerplate) is removed with the short paragraphs that follow it."""
        tail = lines[-5:]
        for line in tail:
            m = _ABOUT_INLINE.match(line.text)
            if m and line.reason is None and line.words <= 100 and m.group("rest").startswith(m.group("org")):
                line.reason = "credit"  # "About Harbor Co.: Harbor Co. runs ..." on one line
        for i, line in enumerate(tail[:-1]):
            m = _ABOUT.fullmatch(line.text)
            if m is None:
                continue
            rest = tail[i + 1:]
            org = m.group("org")
            if rest[0].text.startswith((org, "The " + org)) and len(rest) <= 3 and all(x.words <= 100 for x in rest):
                for x in [line, *rest]:
                    x.reason = x.reason or "credit"
            return

    # --- step 5: metadata -----------------------------------------------------------------
    def publisher_name(self, kept_text: str) -> str | None:
        if self.publisher:
            return self.publisher
        if self.meta.publisher:
            ranked = sorted(enumerate(self.meta.publisher), key=lambda p: (p[1][0], -p[0]))
            return ranked[0][1][1]
        return pub.from_url(self.url, kept_text)


def _split_lines(text: str) -> list[_Line]:
    """The non-blank lines of ``text``, each with its line number (the order of removals).

    Word counts only steer which rules may fire, so spaces are counted rather than words split.
    """
    lines: list[_Line] = []
    blank, edge, limit = _BLANK, _EDGE, _MAX_LINE_CHARS
    for number, raw in enumerate(text.split("\n")):
        if not raw:
            continue
        para = raw.strip(edge)
        if para and (para[0].isalnum() or para.strip(blank)):
            lines.append(_Line(number, para, para.count(" ") + 1 if len(para) <= limit else 1 << 20))
    return lines


def clean_text(
    text: str,
    *,
    title: str | None = None,
    publisher: str | None = None,
    url: str | None = None,
    profile: BoilerplateProfile | None = None,
    has_headline: bool = True,
) -> CleanResult:
    """Clean raw scraped text: body, every removal with its reason, and the metadata found.

    With ``has_headline`` the first non-blank line is the headline (raw scraped layout); when
    ``title`` is given instead, a first line repeating it is dropped as a headline repeat. With
    ``has_headline=False`` the text is a body only (e.g. an HTML extractor's output): the same
    junk removal and metadata recovery run, but no line is taken as the headline.
    """
    cleaner = _Cleaner(title, publisher, url, profile, has_headline)
    cut = strip_markup(text)
    lines = _split_lines(cut.text)
    # A cut is listed before the lines that follow it: order by (line number, cuts first).
    removed: list[tuple[float, Removal]] = [(cut.text.count("\n", 0, off) - 0.5, Removal(c.text, c.reason))
                                            for off, c in cut.cuts]
    headline = title
    head_line: _Line | None = None  # the line taken as (or repeating) the headline
    if lines and title is not None and _norm(lines[0].text) == _norm(title):
        head_line = lines.pop(0)
        if not has_headline:
            removed.append((head_line.offset, Removal(head_line.text, "headline")))
    elif lines and has_headline and title is None:
        while lines:
            first = lines.pop(0)
            rule = cleaner.rules.match(first.text, first.words) if len(lines) > 0 else None
            if rule is not None and rule.kind == "line" and rule.reason in _HEADLINE_SKIP:
                removed.append((first.offset, Removal(first.text, rule.reason)))
                continue
            headline, head_line = first.text, first
            break

    for line in lines:
        line.reason = cleaner.classify(line)
    cleaner.in_context(lines, headline)
    kept = [x for x in lines if x.reason is None]
    if not kept and head_line is not None:
        # Nothing but the headline is left (a one-line item): it is the body too, rather than an
        # empty article that would be skipped.
        removed = [r for r in removed if r[1].text != head_line.text or r[1].reason != "headline"]
        kept = [head_line]
    removed.extend((x.offset, Removal(x.text, x.reason)) for x in lines if x.reason is not None)
    removed.sort(key=lambda pair: pair[0])
    body = "\n\n".join(x.text for x in kept)
    meta = cleaner.meta
    published = cut.meta.published_at or meta.published
    updated = cut.meta.updated_at or meta.updated
    dateline = None
    for line in kept[:3]:
        found = parse_dateline(line.text)
        if found is not None:
            dateline = found.text
            if found.agency and meta.wire is None:
                meta.wire = pub.agency_name(found.agency) or found.agency
            break
    extras = {"wire": meta.wire} if meta.wire else {}
    return CleanResult(
        body=body,
        removed=[r for _, r in removed],
        headline=headline.strip(_EDGE) if headline else headline,
        publisher=cleaner.publisher_name(body),
        published_at=published or updated,
        updated_at=updated,
        authors=meta.authors,
        url=cut.meta.url,
        dateline=dateline,
        extras=extras,
    )
