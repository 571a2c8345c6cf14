"""Stand-alone time lines ("Published 3:45 p.m. ET, March 3, 2024") -> ISO 8601 with the UTC offset.

A line is a time line when, once its date, clock time and time-zone are taken out, only the words
of ``lexicon/data/clean_time_words.txt`` and punctuation remain. The offset comes from the zone
abbreviation (``clean_timezones.txt``); the US and EU zones named without a season ("ET") get their
daylight-saving offset from the date itself, so "3:45 p.m. ET, March 3, 2024" is ``-05:00`` and
"7:17 a.m. ET, May 4, 2024" is ``-04:00``. Times from epoch milliseconds are UTC and written ``Z``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from functools import lru_cache

from newstrace import lexicon

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "oct": 10, "nov": 11, "dec": 12,
}
_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
          r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_WEEKDAY = r"(?:mon|tue|tues|wed|wednes|thu|thur|thurs|fri|sat|satur|sun)(?:day)?\.?"
DATE_RE = re.compile(
    r"(?P<iso>\b(?P<iy>\d{4})-(?P<im>\d{1,2})-(?P<id>\d{1,2})(?:[T ](?P<ih>\d{1,2}):(?P<imin>\d{2})"
    r"(?::(?P<isec>\d{2}))?(?:\.\d+)?(?P<itz>Z|[+-]\d{2}:?\d{2})?)?)"
    rf"|(?P<mdy>\b(?P<m1>{_MONTH})\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\b,?(?:\s+(?P<y1>\d{{4}})\b)?)"
    rf"|(?P<dmy>\b(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m2>{_MONTH}),?\s+(?P<y2>\d{{4}})\b)"
    r"|(?P<num>\b(?P<n1>\d{1,2})[/.](?P<n2>\d{1,2})[/.](?P<n3>\d{4}|\d{2})\b)",
    re.IGNORECASE,
)
TIME_RE = re.compile(
    r"\b(?P<h>\d{1,2})[:.](?P<mi>\d{2})(?::(?P<s>\d{2}))?(?:\s*(?P<ap>[ap]\.?\s?m\b\.?))?"
    r"|\b(?P<h2>\d{1,2})\s*(?P<ap2>[ap]\.?\s?m\b\.?)"
    r"|\b(?P<noon>noon|midnight)\b",
    re.IGNORECASE,
)
_TZ_RE = re.compile(r"\(?\b(?P<tz>[A-Z]{1,5})(?P<off>[+-]\d{1,2}(?::?\d{2})?)?\)?|(?P<num>[+-]\d{2}:?\d{2})\b")
_RELATIVE_RE = re.compile(
    r"(?:(?:published|updated|posted|last updated)\s*:?\s*)?(?:about |over |almost |nearly |more than )?"
    r"(?:\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+"
    r"(?:sec|secs|second|seconds|min|mins|minute|minutes|hr|hrs|hour|hours|day|days|week|weeks|month|months"
    r"|year|years)\s+ago\.?|just now|yesterday|today",
    re.IGNORECASE,
)
_DIGIT = re.compile(r"\d")
_WORD_RE = re.compile(r"[^\W\d_]+(?:\.[^\W\d_]\.?)?")
_WEEKDAY_RE = re.compile(rf"{_WEEKDAY}$", re.IGNORECASE)
_MONTH_RE = re.compile(rf"{_MONTH}$", re.IGNORECASE)
_UPDATED_RE = re.compile(r"\b(?:updated|modified|revised)\b", re.IGNORECASE)
_PREFIX_RE = re.compile(r"\b(?:published|updated|posted|modified|created|date|dated)\b", re.IGNORECASE)
US_ZONES = frozenset({"ET", "EST", "EDT", "CT", "CST", "CDT", "MT", "MST", "MDT", "PT", "PST", "PDT"})
_MAX_LINE = 120


@dataclass(frozen=True, slots=True)
class TimeLine:
    """A parsed time line: ``updated`` when the line says so; ``value`` is ISO 8601 or ``None``."""

    updated: bool
    value: str | None


@lru_cache(maxsize=1)
def _zones() -> dict[str, str]:
    table: dict[str, str] = {}
    for entry in lexicon.load("clean_timezones"):
        name, _, offset = entry.partition(" ")
        table[name] = offset.strip()
    return table


@lru_cache(maxsize=1)
def _time_words() -> frozenset[str]:
    words: set[str] = set()
    for entry in lexicon.load_set("clean_time_words"):
        words.update(entry.split())
    return frozenset(words)


def _parse_offset(text: str) -> timedelta:
    sign = -1 if text.startswith("-") else 1
    digits = text[1:].replace(":", "")
    hours = int(digits[:-2] or 0) if len(digits) > 2 else int(digits)
    minutes = int(digits[-2:]) if len(digits) > 2 else 0
    return sign * timedelta(hours=hours, minutes=minutes)


def _nth_sunday(year: int, month: int, n: int) -> date:
    first = date(year, month, 1)
    day = first + timedelta(days=(6 - first.weekday()) % 7)
    return day + timedelta(weeks=n - 1)


def _last_sunday(year: int, month: int) -> date:
    nxt = date(year + (month == 12), month % 12 + 1, 1)
    last = nxt - timedelta(days=1)
    return last - timedelta(days=(last.weekday() + 1) % 7)


def us_dst(local: datetime) -> bool:
    """True when a US local (wall-clock) time falls in daylight-saving time (rules since 1987)."""
    year = local.year
    if year >= 2007:
        start, end = _nth_sunday(year, 3, 2), _nth_sunday(year, 11, 1)
    else:
        start, end = _nth_sunday(year, 4, 1), _last_sunday(year, 10)
    begin = datetime(start.year, start.month, start.day, 2)
    finish = datetime(end.year, end.month, end.day, 2)
    naive = local.replace(tzinfo=None)
    return begin <= naive < finish


def eu_summer(local: datetime, standard: timedelta) -> bool:
    """True when a European local time falls in summer time (last Sunday of March to of October)."""
    year = local.year
    begin = datetime.combine(_last_sunday(year, 3), datetime.min.time()) + timedelta(hours=1) + standard
    finish = datetime.combine(_last_sunday(year, 10), datetime.min.time()) + timedelta(hours=1) + standard
    return begin <= local.replace(tzinfo=None) < finish


def zone_offset(name: str, local: datetime) -> timedelta | None:
    """UTC offset of a zone abbreviation at a local time, or ``None`` for an unknown abbreviation."""
    rule = _zones().get(name.upper())
    if rule is None:
        return None
    if rule.startswith("us/"):
        base = _parse_offset(rule[3:])
        return base + timedelta(hours=1) if us_dst(local) else base
    if rule.startswith("eu/"):
        base = _parse_offset(rule[3:])
        return base + timedelta(hours=1) if eu_summer(local, base) else base
    if rule == "uk":
        return timedelta(hours=1) if eu_summer(local, timedelta(0)) else timedelta(0)
    return _parse_offset(rule)


def iso(moment: datetime) -> str:
    """ISO 8601 with seconds; a zero offset is written ``Z``."""
    text = moment.isoformat(timespec="seconds")
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def from_epoch(value: str) -> str | None:
    """Epoch seconds or milliseconds -> UTC ISO (``Z``); ``None`` when out of a sane range."""
    number = int(value)
    if number > 10**11:  # milliseconds
        number //= 1000
    if not 0 < number < 4_102_444_800:  # before 2100
        return None
    return iso(datetime.fromtimestamp(number, tz=timezone.utc))


def _year(text: str) -> int:
    year = int(text)
    if year < 100:
        year += 2000 if year < 70 else 1900
    return year


def _date_of(m: re.Match[str], month_first: bool, hint: date | None) -> tuple[int, int, int] | None:
    if m.group("iso"):
        return int(m.group("iy")), int(m.group("im")), int(m.group("id"))
    if m.group("mdy"):
        if not m.group("y1"):
            return None
        return int(m.group("y1")), MONTHS[m.group("m1")[:3].lower()], int(m.group("d1"))
    if m.group("dmy"):
        return int(m.group("y2")), MONTHS[m.group("m2")[:3].lower()], int(m.group("d2"))
    a, b, year = int(m.group("n1")), int(m.group("n2")), _year(m.group("n3"))
    if a > 12:
        return year, b, a
    if b > 12:
        return year, a, b
    if hint is not None:
        if (year, a, b) == (hint.year, hint.month, hint.day):
            return year, a, b
        if (year, b, a) == (hint.year, hint.month, hint.day):
            return year, b, a
    return (year, a, b) if month_first else (year, b, a)


def _clock(m: re.Match[str]) -> tuple[int, int, int] | None:
    if m.group("noon"):
        return (12, 0, 0) if m.group("noon").lower() == "noon" else (0, 0, 0)
    hour = int(m.group("h") or m.group("h2"))
    minute = int(m.group("mi") or 0)
    second = int(m.group("s") or 0)
    ampm = (m.group("ap") or m.group("ap2") or "").lower()
    if ampm:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if ampm.startswith("p") else 0)
    if hour > 23 or minute > 59 or second > 59:
        return None
    return hour, minute, second


def _blank(text: str, start: int, end: int) -> str:
    return text[:start] + " " * (end - start) + text[end:]


def parse_time_line(line: str, hint: date | None = None) -> TimeLine | None:
    """Parse a stand-alone time line, or return ``None`` when the line is anything else.

    ``hint`` (e.g. a date found in the article URL) settles day/month order in "04/03/2024".
    """
    text = line.strip()
    if not text or len(text) > _MAX_LINE:
        return None
    if _RELATIVE_RE.fullmatch(text):
        return TimeLine(updated=bool(_UPDATED_RE.search(text)), value=None)
    if _DIGIT.search(text) is None and "noon" not in text.lower() and "midnight" not in text.lower():
        return None
    rest = text
    dm = DATE_RE.search(rest)
    if dm:
        rest = _blank(rest, dm.start(), dm.end())
    tm = None
    if not (dm and dm.group("iso") and dm.group("ih")):
        tm = TIME_RE.search(rest)
        if tm:
            rest = _blank(rest, tm.start(), tm.end())
    if dm is None and tm is None:
        return None
    zone = None
    zm = None
    search_from = tm.end() if tm else (dm.end() if dm else 0)
    for candidate in _TZ_RE.finditer(rest, search_from if tm else 0):
        name = candidate.group("tz")
        if candidate.group("num") or (name and name.upper() in _zones()):
            zm = candidate
            break
    if zm is not None:
        zone = zm.group("num") or zm.group("tz")
        offset_text = zm.group("off")
        rest = _blank(rest, zm.start(), zm.end())
    else:
        offset_text = None
    for word in _WORD_RE.findall(rest):
        low = word.lower()
        if low in _time_words() or _WEEKDAY_RE.match(low) or _MONTH_RE.match(low):
            continue
        return None
    if _DIGIT.search(rest) is not None:
        return None
    updated = bool(_UPDATED_RE.search(text))
    if dm is None:
        # A clock time alone (live-blog stamps such as "4:05 p.m.") is a time line without a value.
        return TimeLine(updated=updated, value=None) if (tm and (_PREFIX_RE.search(text) or tm.group("ap")
                                                                 or tm.group("ap2") or zm)) else None
    us_zone = zone is not None and zone.upper() in US_ZONES
    ampm = bool(tm and (tm.group("ap") or tm.group("ap2")))
    ymd = _date_of(dm, month_first=us_zone or ampm, hint=hint)
    if ymd is None:
        return TimeLine(updated=updated, value=None)
    try:
        day = date(*ymd)
    except ValueError:
        return None
    if dm.group("iso") and dm.group("ih"):
        clock: tuple[int, int, int] | None = (int(dm.group("ih")), int(dm.group("imin")), int(dm.group("isec") or 0))
        if dm.group("itz"):
            zone = dm.group("itz")
    else:
        clock = _clock(tm) if tm else None
    if clock is None:
        return TimeLine(updated=updated, value=day.isoformat())
    try:
        local = datetime(day.year, day.month, day.day, *clock)
    except ValueError:
        return None
    return TimeLine(updated=updated, value=_with_zone(local, zone, offset_text))


def _with_zone(local: datetime, zone: str | None, offset_text: str | None) -> str:
    if zone is None:
        return local.isoformat(timespec="seconds")
    if zone == "Z" or zone[0] in "+-":
        offset = timedelta(0) if zone == "Z" else _parse_offset(zone)
    else:
        found = zone_offset(zone, local)
        if found is None:
            return local.isoformat(timespec="seconds")
        offset = found
        if offset_text:  # "UTC+2", "GMT-5"
            offset += _parse_offset(offset_text if ":" in offset_text or len(offset_text) > 3 else offset_text)
    return iso(local.replace(tzinfo=timezone(offset)))


def parse_date_text(text: str, hint: date | None = None) -> str | None:
    """The first full date (and time) found anywhere in a short text, as ISO, or ``None``."""
    dm = DATE_RE.search(text)
    if dm is None:
        return None
    tail = text[dm.start(): dm.end() + 40]
    parsed = parse_time_line(tail, hint)
    if parsed is not None and parsed.value:
        return parsed.value
    ymd = _date_of(dm, month_first=True, hint=hint)
    if ymd is None:
        return None
    try:
        return date(*ymd).isoformat()
    except ValueError:
        return None
