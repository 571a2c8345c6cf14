"""Time expressions in an article, resolved against its publication time.

``extract_times_text(text, published_at)`` is pure Python (precompiled regexes, no model) and is
what the linker can call; ``extract_times(doc, published_at)`` runs the same rules on a parsed
spaCy doc, uses the parse to tell past from future ("met on Tuesday" vs "will meet on Tuesday"),
and keeps spaCy DATE entities the rules do not cover ("this summer") without a value.

Values follow ISO 8601 / TimeML TIMEX3 at the precision of the expression: ``2023-11-14`` (a day),
``2023-W45`` (a week: "last week"), ``2023-11`` (a month), ``2023`` (a year); ``None`` when it
cannot be resolved (no publication time, "two days earlier" with nothing before it, seasons).
Resolution uses the publication date in its own UTC offset. News conventions:

* a bare weekday ("on Tuesday") is the most recent such day on or before publication, unless
  its clause is in the future tense, then the next one on or after it; "last Tuesday" is strictly
  before, "next Tuesday" strictly after;
* a bare "Feb. 24" takes the publication year unless that is far in the future (then the year
  before) or the tense says otherwise (past: on or before publication; future: on or after);
* "two days earlier", "the next day" count from the last day-level date mentioned before them.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING, Callable, Iterable

from newstrace import lexicon
from newstrace.nlp._doccache import ents as doc_ents
from newstrace.nlp._doccache import text as doc_text
from newstrace.records import TimeExpression

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

__all__ = ["extract_times", "extract_times_text", "parse_published", "resolve_weekday"]

LOGGER = logging.getLogger(__name__)

Tense = str | None  # "past", "future" or None (unknown)
MAX_TEXT_CHARS = 2_000_000


# ---------------------------------------------------------------------------------------------
# Lexicons and patterns (compiled once)


@dataclass(frozen=True)
class _Pattern:
    kind: str
    core: re.Pattern[str]
    gate: tuple[str, ...] | None
    prefix: re.Pattern[str] | None
    prefix_required: bool


@dataclass(frozen=True)
class _Tables:
    months: dict[str, int]  # lower-cased name or abbreviation (no dot) -> 1..12
    weekdays: dict[str, int]  # lower-cased name -> 0..6
    numbers: dict[str, int | None]
    year_blockers: frozenset[str]
    anchors: frozenset[str]
    patterns: tuple[_Pattern, ...]


def _alt(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


@lru_cache(maxsize=1)
def _tables() -> _Tables:
    months: dict[str, int] = {}
    month_forms: list[str] = []
    for number, line in enumerate(lexicon.load("time_months"), start=1):
        for form in line.split("|"):
            months[form.rstrip(".").lower()] = number
            month_forms.append(form)
    weekdays = {name.lower(): i for i, name in enumerate(lexicon.load("time_weekdays"))}
    numbers: dict[str, int | None] = {}
    for line in lexicon.load("time_numbers"):
        word, _, value = line.partition("|")
        numbers[word.lower()] = int(value) if value else None

    # Month and weekday names must be capitalised ("may" and "march" are verbs too).
    mon = rf"(?P<mon>{_alt(month_forms)})(?![A-Za-z])"
    wd = rf"(?P<wd>{_alt(n.capitalize() for n in weekdays)})"
    day = r"(?P<day>3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?(?![0-9])"
    year = r"(?P<year>1[89][0-9]{2}|20[0-9]{2})(?![0-9]|s\b)"
    num = rf"(?P<num>[0-9]{{1,3}}|(?i:{_alt(numbers)}))"
    unit = r"(?P<unit>(?i:day|week|month|year|decade))s?"
    part = r"(?:\s+(?i:morning|afternoon|evening|night))?"
    preps = (
        r"in|since|until|till|by|from|through|during|before|after|of|between|and|to|or|each|every|"
        r"for|around|last|next|this|past"
    )
    year_preps = (
        r"in|since|until|till|by|from|through|during|before|after|of|between|and|to|the|early|mid|"
        r"late|around|as of|circa|year|fiscal|spring|summer|fall|autumn|winter"
    )
    weekday_gate = tuple(weekdays)
    month_gate = tuple(sorted({f.rstrip(".")[:3].lower() for f in month_forms}))
    # (kind, core regex, gate: lower-cased substrings one of which the text must hold (None: always
    # run), prefix: regex that must (or may) end right before the core match, required?)
    # Cores start with a literal-ish token so the scan is fast; optional leading words ("early",
    # "earlier", "in") are checked backwards from each match instead of at every position.
    p = [
        # "Tuesday, Nov. 14, 2023" / "Tuesday, Nov. 14": the explicit date decides.
        ("wd_date", rf"\b{wd},?\s+{mon}\s+{day}(?:,?\s+{year})?", weekday_gate, None, False),
        ("mdy", rf"\b{mon}\s+{day},?\s+{year}", month_gate, None, False),
        ("dmy", rf"\b{day}\s+{mon},?\s+{year}", month_gate, None, False),
        ("the_day_of", rf"\b(?i:the)\s+{day}\s+(?i:of)\s+{mon}(?:,?\s+{year})?", month_gate, None, False),
        ("md", rf"\b{mon}\s+{day}(?!\s*[,:]?\s*[0-9])", month_gate, None, False),
        ("dm", rf"\b{day}\s+{mon}", month_gate, None, False),
        ("my", rf"\b{mon},?\s+(?i:of\s+)?{year}", month_gate,
         r"(?<![A-Za-z])(?P<mod>(?i:early|mid|late))[\s-]*$", False),
        ("iso", r"\b(?P<iy>(?:19|20)[0-9]{2})-(?P<im>0[1-9]|1[0-2])-(?P<id>0[1-9]|[12][0-9]|3[01])\b", ("-",), None, False),
        ("numeric", r"\b(?P<nm>1[0-2]|0?[1-9])/(?P<nd>3[01]|[12][0-9]|0?[1-9])/(?P<ny>(?:19|20)?[0-9]{2})\b", ("/",), None, False),
        ("day_before_yesterday", r"\b(?i:the\s+day\s+before\s+yesterday)\b", ("yesterday",), None, False),
        ("day_after_tomorrow", r"\b(?i:the\s+day\s+after\s+tomorrow)\b", ("tomorrow",), None, False),
        ("rel_day", r"(?<!USA )(?<!USA\u00a0)\b(?P<rel>(?i:(?:yesterday|tomorrow)\s+(?:morning|afternoon|evening|night)|"
                    r"today|tonight|yesterday|tomorrow|"
                    r"this\s+morning|this\s+afternoon|this\s+evening|last\s+night))\b",
         ("today", "tonight", "yesterday", "tomorrow", "this morning", "this afternoon", "this evening", "last night"),
         r"(?<![A-Za-z])(?i:earlier|later)\s+$", False),
        ("mod_wd", rf"\b(?P<wmod>(?i:last|next|this|this\s+coming|this\s+past|coming|past))\s+{wd}{part}\b", weekday_gate, None, False),
        ("wd", rf"\b{wd}{part}\b", weekday_gate, None, False),
        ("numrel", rf"\b{num}\s+{unit}\s+(?P<dir>(?i:ago|from\s+now|earlier|later|before|after|afterwards?|prior))\b",
         ("ago", "from now", "earlier", "later", "before", "after", "prior"), None, False),
        ("anchored_the", r"\b(?i:the\s+(?P<adir>next|following|previous|prior)\s+(?P<aunit>day|week|month|year)|"
                         r"the\s+(?P<bunit>day|night)\s+(?P<bdir>before|after))\b",
         ("the next", "the following", "the previous", "the prior", "the day", "the night"), None, False),
        ("mod_unit", r"\b(?P<umod>(?i:last|this|next|past|coming|previous))\s+(?P<u>(?i:week|month|year|weekend))\b",
         ("week", "month", "year"),
         r"(?<![A-Za-z])(?i:(?:earlier|later|early|late)\s+|(?:the\s+)?(?:end|start|beginning|middle)\s+of\s+)$", False),
        ("mod_month", rf"\b(?P<mmod>(?i:last|next|this))\s+{mon}", month_gate, None, False),
        ("bare_month", rf"(?<![A-Za-z]){mon}(?!\s+[0-9])", month_gate,
         rf"(?<![A-Za-z])(?:(?i:{preps})(?:[\s-]+(?P<mod>(?i:early|mid|late)))?|(?P<mod2>(?i:early|mid|late)))[\s-]+$", True),
        ("year", rf"(?<![0-9A-Za-z.,$]){year}(?!\s*[%$])", None,
         rf"(?<![A-Za-z])(?i:{year_preps})\s+$", True),
        ("year_poss", rf"\b{year}['\u2019]s\b", ("'s", "\u2019s"), None, False),
    ]
    patterns = tuple(
        _Pattern(name, re.compile(rx), gate, re.compile(prefix) if prefix else None, required)
        for name, rx, gate, prefix, required in p
    )
    return _Tables(
        months=months,
        weekdays=weekdays,
        numbers=numbers,
        year_blockers=lexicon.load_set("time_year_blockers"),
        anchors=lexicon.load_set("time_anchor_words"),
        patterns=patterns,
    )


# ---------------------------------------------------------------------------------------------
# Publication time and calendar helpers


def parse_published(published_at: str | None) -> date | None:
    """The calendar date of an ISO 8601 publication time, in its own UTC offset (None if bad)."""
    if not published_at:
        return None
    text = published_at.strip()
    try:
        if len(text) == 10:
            return date.fromisoformat(text)
        return datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00")).date()
    except ValueError:
        LOGGER.debug("unparseable published_at %r", published_at)
        return None


def resolve_weekday(weekday: int, pub: date, mode: str) -> date:
    """The date of ``weekday`` (0 = Monday) near ``pub``.

    ``mode``: "past" (on or before), "future" (on or after), "last" (strictly before), "next"
    (strictly after).
    """
    if mode in ("past", "last"):
        delta = (pub.weekday() - weekday) % 7
        if mode == "last" and delta == 0:
            delta = 7
        return pub - timedelta(days=delta)
    delta = (weekday - pub.weekday()) % 7
    if mode == "next" and delta == 0:
        delta = 7
    return pub + timedelta(days=delta)


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _iso_week(d: date) -> str:
    iso = d.isocalendar()
    return f"{iso[0]:04d}-W{iso[1]:02d}"


def _month_day_year(month: int, day: int, pub: date, tense: Tense) -> date | None:
    """The year of a "Feb. 24" without one: publication year unless far future or tense says."""
    candidates = [d for y in (pub.year - 1, pub.year, pub.year + 1) if (d := _safe_date(y, month, day))]
    if not candidates:
        return None
    if tense == "past":
        past = [d for d in candidates if d <= pub + timedelta(days=1)]
        return past[-1] if past else candidates[0]
    if tense == "future":
        future = [d for d in candidates if d >= pub - timedelta(days=1)]
        return future[0] if future else candidates[-1]
    same = _safe_date(pub.year, month, day)
    if same is None:  # Feb. 29 outside a leap year
        return min(candidates, key=lambda d: abs((d - pub).days))
    if (same - pub).days > 60:
        return _safe_date(pub.year - 1, month, day) or same
    if (pub - same).days > 300:
        return _safe_date(pub.year + 1, month, day) or same
    return same


def _month_year(month: int, pub: date, tense: Tense) -> int:
    if tense == "past":
        return pub.year if month <= pub.month else pub.year - 1
    if tense == "future":
        return pub.year if month >= pub.month else pub.year + 1
    if month > pub.month + 2:
        return pub.year - 1
    if month < pub.month - 10:
        return pub.year + 1
    return pub.year


# ---------------------------------------------------------------------------------------------
# Tense from the surrounding words (text mode)

_FUTURE_RE = re.compile(
    r"(?i)\b(?:will|won't|shall|'ll|going\s+to|set\s+to|due\s+to|scheduled|expected\s+to|"
    r"plans?\s+to|planning\s+to|intends?\s+to|upcoming|next|would)\b|['\u2019]ll\b"
)
_PAST_RE = re.compile(
    r"(?i)\b(?:was|were|had|did|said|told|met|left|took|went|came|began|made|gave|won|lost|"
    r"announced|died|[a-z]{3,}ed)\b"
)
_CLAUSE_END = re.compile(r"[.!?;\n]|,\s+(?:and|but)\s")


def _text_tense(text: str, start: int, end: int) -> Tense:
    """Past or future from the clause around [start, end): a future marker wins, else a past one."""
    left = text[max(0, start - 120) : start]
    cut = list(_CLAUSE_END.finditer(left))
    if cut:
        left = left[cut[-1].end() :]
    right = text[end : end + 60]
    stop = _CLAUSE_END.search(right)
    if stop:
        right = right[: stop.start()]
    window = left + " " + right
    if _FUTURE_RE.search(window):
        return "future"
    if _PAST_RE.search(window):
        return "past"
    return None


# ---------------------------------------------------------------------------------------------
# Matching and resolution


@dataclass
class _Match:
    start: int
    end: int
    kind: str
    groups: dict[str, str | None]
    after_911: bool = False  # "Sept. 11" followed by "attacks", "anniversary"...


def _find(text: str) -> list[_Match]:
    """Every rule match, overlaps resolved: earliest start, then longest, wins."""
    tables = _tables()
    low = text.lower()
    found: list[_Match] = []
    for pat in tables.patterns:
        if pat.gate is not None and not any(g in low for g in pat.gate):
            continue
        kind = pat.kind
        for m in pat.core.finditer(text):
            start, end = m.span()
            groups = m.groupdict()
            if pat.prefix is not None:
                pm = pat.prefix.search(text, max(0, start - 32), start)
                if pm is None:
                    if pat.prefix_required:
                        continue
                else:
                    groups.update({k: v for k, v in pm.groupdict().items() if v})
                    mod = pm.group("mod") if "mod" in pm.re.groupindex and pm.group("mod") else None
                    mod2 = pm.group("mod2") if "mod2" in pm.re.groupindex and pm.group("mod2") else None
                    if kind == "bare_month":
                        if mod:
                            start = pm.start("mod")
                        elif mod2:
                            start = pm.start("mod2")
                    elif kind != "year":
                        start = pm.start()  # "early March 2021", "earlier today", "earlier this week"
            if kind == "year" and not _plausible_year(text, end, tables):
                continue
            match = _Match(start, end, kind, groups)
            if kind == "md" and groups.get("day") in ("11", "11th"):
                match.after_911 = bool(_NINE_ELEVEN.match(text, end))
            found.append(match)
    found.sort(key=lambda f: (f.start, -(f.end - f.start)))
    kept: list[_Match] = []
    last_end = -1
    for f in found:
        if f.start >= last_end:
            kept.append(f)
            last_end = f.end
    return kept


def _plausible_year(text: str, end: int, tables: _Tables) -> bool:
    following = text[end : end + 20].split()
    return not (following and following[0].lower().strip(".,;:") in tables.year_blockers)


def _count(value: str | None) -> int | None:
    if value is None:
        return None
    if value.isdigit():
        return int(value)
    return _tables().numbers.get(" ".join(value.lower().split()))


def _shift(anchor: date, unit: str, n: int, calendar_week: bool = False) -> str:
    """``anchor`` moved by n units, at the unit's precision.

    A shift by weeks gives a day ("two weeks ago", "a week later") unless ``calendar_week``
    ("last week", "the following week"), which gives the ISO week.
    """
    unit = unit.lower()
    if unit == "day":
        return (anchor + timedelta(days=n)).isoformat()
    if unit == "week":
        moved = anchor + timedelta(weeks=n)
        return _iso_week(moved) if calendar_week else moved.isoformat()
    if unit == "month":
        y, m = _add_months(anchor.year, anchor.month, n)
        return f"{y:04d}-{m:02d}"
    if unit == "decade":
        return f"{anchor.year + 10 * n:04d}"
    return f"{anchor.year + n:04d}"


def _resolve(m: _Match, pub: date | None, anchor: date | None, tense: Tense) -> str | None:
    """The ISO value of one match, or None."""
    g = m.groups
    tables = _tables()
    month = tables.months.get((g.get("mon") or "").rstrip(".").lower())
    kind = m.kind
    if kind in ("wd_date", "mdy", "dmy", "the_day_of", "md", "dm"):
        if month == 9 and g.get("day") in ("11", "11th") and not g.get("year") and m.after_911:
            return "2001-09-11"  # "the Sept. 11 attacks"
        if g.get("year"):
            d = _safe_date(int(g["year"] or 0), month or 0, int(g["day"] or 0))
        elif pub is not None and month:
            d = _month_day_year(month, int(g["day"] or 0), pub, tense)
        else:
            d = None
        return d.isoformat() if d else None
    if kind == "my":
        return f"{int(g['year'] or 0):04d}-{month:02d}" if month else None
    if kind == "iso":
        d = _safe_date(int(g["iy"] or 0), int(g["im"] or 0), int(g["id"] or 0))
        return d.isoformat() if d else None
    if kind == "numeric":
        year = int(g["ny"] or 0)
        year = year + 2000 if year < 100 and year <= (pub.year % 100 if pub else 30) + 1 else (
            year + 1900 if year < 100 else year)
        d = _safe_date(year, int(g["nm"] or 0), int(g["nd"] or 0))
        return d.isoformat() if d else None
    if kind in ("year", "year_poss"):
        return g["year"]
    direction = " ".join((g.get("dir") or "").lower().split())
    anchored = kind == "anchored_the" or (kind == "numrel" and direction not in ("ago", "from now"))
    if anchored:
        return _resolve_anchored(g, anchor) if anchor is not None else None
    if pub is None:
        return None
    if kind == "day_before_yesterday":
        return (pub - timedelta(days=2)).isoformat()
    if kind == "day_after_tomorrow":
        return (pub + timedelta(days=2)).isoformat()
    if kind == "rel_day":
        rel = (g["rel"] or "").lower()
        if rel.startswith("yesterday") or rel == "last night":
            return (pub - timedelta(days=1)).isoformat()
        if rel.startswith("tomorrow"):
            return (pub + timedelta(days=1)).isoformat()
        return pub.isoformat()
    if kind in ("wd", "mod_wd"):
        weekday = tables.weekdays[(g["wd"] or "").lower()]
        mod = " ".join((g.get("wmod") or "").lower().split())
        if mod in ("last", "past", "this past"):
            return resolve_weekday(weekday, pub, "last").isoformat()
        if mod in ("next",):
            return resolve_weekday(weekday, pub, "next").isoformat()
        if mod in ("coming", "this coming"):
            return resolve_weekday(weekday, pub, "future").isoformat()
        return resolve_weekday(weekday, pub, "future" if tense == "future" else "past").isoformat()
    if kind == "numrel":
        n = _count(g["num"])
        if n is None:
            return None
        return _shift(pub, g["unit"] or "day", -n if direction == "ago" else n)
    if kind == "mod_unit":
        unit = (g["u"] or "").lower()
        step = {"last": -1, "previous": -1, "past": -1, "this": 0, "next": 1, "coming": 1}[(g["umod"] or "").lower()]
        if unit == "weekend":
            saturday = resolve_weekday(5, pub, "last" if step < 0 else "future")
            if step > 0 and saturday - pub < timedelta(days=2):
                saturday = resolve_weekday(5, pub, "future")
            return saturday.isoformat()
        if (g["umod"] or "").lower() == "past":
            return None  # "the past week" is a duration, not a calendar week
        return _shift(pub, unit, step, calendar_week=True)
    if kind == "mod_month":
        mod = (g["mmod"] or "").lower()
        if month is None:
            return None
        if mod == "last":
            year = pub.year if month < pub.month else pub.year - 1
        elif mod == "next":
            year = pub.year if month > pub.month else pub.year + 1
        else:
            year = pub.year
        return f"{year:04d}-{month:02d}"
    if kind == "bare_month" and month:
        return f"{_month_year(month, pub, tense):04d}-{month:02d}"
    return None


def _resolve_anchored(g: dict[str, str | None], anchor: date) -> str | None:
    if g.get("unit"):
        n = _count(g["num"])
        if n is None:
            return None
        sign = -1 if (g["dir"] or "").lower() in ("earlier", "before", "prior") else 1
        return _shift(anchor, g["unit"] or "day", sign * n)
    if g.get("aunit"):
        sign = -1 if (g["adir"] or "").lower() in ("previous", "prior") else 1
        return _shift(anchor, g["aunit"] or "day", sign, calendar_week=True)
    sign = -1 if (g.get("bdir") or "").lower() == "before" else 1
    return _shift(anchor, "day", sign)


_NEEDS_TENSE = frozenset({"wd", "mod_wd", "md", "dm", "the_day_of", "bare_month", "wd_date"})
_NINE_ELEVEN = re.compile(
    r"(?:\s*,)?\s+(?:\S+\s+){0,2}?(?i:attacks?|terror\w*|hijack\w*|anniversary|memorial|commission|"
    r"victims|families|era|ceremony)\b"
)
_SINCE = re.compile(r".*\b(?i:since|past|last)[\s-]+(?:(?i:early|mid|late)[\s-]+)?$")
_DAY_VALUE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


def _extract(
    text: str, published_at: str | None, tense_of: Callable[[int, int], Tense]
) -> list[TimeExpression]:
    if not text:
        return []
    text = text[:MAX_TEXT_CHARS]
    pub = parse_published(published_at)
    out: list[TimeExpression] = []
    anchor: date | None = None
    for m in _find(text):
        tense = tense_of(m.start, m.end) if m.kind in _NEEDS_TENSE else None
        if m.kind == "bare_month" and _SINCE.match(text, max(0, m.start - 12), m.start):
            tense = "past"
        value = _resolve(m, pub, anchor, tense)
        out.append(TimeExpression(text=text[m.start : m.end], start=m.start, end=m.end, value=value))
        if value and _DAY_VALUE.match(value):
            anchor = date.fromisoformat(value)
    return out


def extract_times_text(text: str, published_at: str | None) -> list[TimeExpression]:
    """Time expressions of a plain text, resolved against ``published_at`` (no model needed)."""
    return _extract(text, published_at, lambda s, e: _text_tense(text, s, e))


# ---------------------------------------------------------------------------------------------
# spaCy entry point

_FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo", "would", "\u2019ll"})
_SPEECH_LEMMAS = frozenset({"say", "tell", "announce", "report", "write", "add", "claim", "state"})


def _doc_tense(doc: Doc, start: int, end: int) -> Tense:
    """Past or future from the verb that governs the expression in the parse."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return _text_tense(doc_text(doc), start, end)
    token = span.root
    for _ in range(4):
        if token.pos_ in ("VERB", "AUX") or token.head is token:
            break
        token = token.head
    if token.pos_ not in ("VERB", "AUX"):
        return _text_tense(doc_text(doc), start, end)
    aux = [c for c in token.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in _FUTURE_AUX for a in aux):
        return "future"
    if any(a.lower_ == "going" for a in aux) or token.tag_ == "VB" and any(a.tag_ == "MD" for a in aux):
        return "future"
    if token.tag_ == "VBD" or any(a.tag_ == "VBD" for a in aux):
        return "past"
    if token.tag_ == "VBN" and any(a.lemma_ == "have" for a in aux):
        return "past"
    if token.tag_ in ("VBZ", "VBP", "VBG") and token.lemma_ not in _SPEECH_LEMMAS:
        return "future"  # "the committee meets on Thursday", "is meeting on Friday"
    return _text_tense(doc_text(doc), start, end)


def _keep_date_entity(ent: Span) -> bool:
    lowered = ent.text.lower()
    if "old" in lowered.split() or re.search(r"\byears?-old\b", lowered):
        return False
    words = set(re.findall(r"[a-z]+", lowered))
    return bool(words & _tables().anchors) or bool(re.search(r"\b1[89][0-9]0s|\b20[0-9]0s", lowered))


def extract_times(doc: Doc, published_at: str | None) -> list[TimeExpression]:
    """Time expressions of a parsed article, resolved against ``published_at``.

    Offsets are character offsets into ``doc.text``. spaCy DATE entities that no rule matched
    are kept with ``value=None`` when they name a period ("this summer", "the 1990s").
    """
    text = doc_text(doc)
    times = _extract(text, published_at, lambda s, e: _doc_tense(doc, s, e))
    taken = [(t.start, t.end) for t in times]
    extra: list[TimeExpression] = []
    for ent in doc_ents(doc):
        if ent.label_ != "DATE":
            continue
        s, e = ent.start_char, ent.end_char
        if any(s < te and ts < e for ts, te in taken) or not _keep_date_entity(ent):
            continue
        extra.append(TimeExpression(text=text[s:e], start=s, end=e, value=None))
    if extra:
        times = sorted(times + extra, key=lambda t: t.start)
    return times
