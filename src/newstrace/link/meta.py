"""Article metadata the link stage needs, recovered from the text when cleaning did not set it.

The clean stage owns metadata; this module is the link stage's fallback (and reads what cleaning
removed too, since a removed time line or copyright line is still evidence): the publication time
from time lines ("Published 3:45 p.m. ET, March 3, 2024", "Posted: 04/03/2024 14:05 (UTC)") or the
URL, the article's own outlet (input field, "Click here to read more from X", copyright, URL host),
agency datelines ("CITY, May 2 (Reuters) - "), agency bylines and press-release wires
("/PressPoint Newswire/ --").
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from functools import lru_cache
from typing import Iterable
from zoneinfo import ZoneInfo

from newstrace import lexicon
from newstrace.link.text import fold

MONTHS = {m: i + 1 for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"])}
_MON = r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_TIME = r"(?P<h>\d{1,2})(?:[:.]\s?(?P<mi>\d{2}))?\s*(?P<ap>[ap]\.?\s?m\.?)?"
_ZONE = r"(?:\(?(?P<tz>UTC|GMT|BST|CET|CEST|EET|EEST|ET|EST|EDT|CT|CST|CDT|MT|MST|MDT|PT|PST|PDT|Z)\)?)?"
_DATE_PATTERNS = [
    # "3:45 p.m. ET, March 3, 2024" / "14:05 GMT, 4 March 2024"
    re.compile(_TIME + r"\s*" + _ZONE + r",?\s+(?:(?P<d1>\d{1,2})\s+" + _MON + r"|" + _MON.replace("mon", "mon2") + r"\s+(?P<d2>\d{1,2})),?\s+(?P<y>\d{4})", re.I),
    # "March 3, 2024 at 4:37 PM UTC" / "4 March 2024 14:05 GMT" / "May 2, 2024"
    re.compile(r"(?:(?P<d1>\d{1,2})\s+" + _MON + r"|" + _MON.replace("mon", "mon2") + r"\s+(?P<d2>\d{1,2})),?\s+(?P<y>\d{4})(?:,?\s+(?:at\s+)?" + _TIME + r"\s*" + _ZONE + r")?", re.I),
    # "04/03/2024 14:05 (UTC)" (day first, as European sites write it)
    re.compile(r"(?P<dd>\d{1,2})/(?P<mm>\d{1,2})/(?P<y>\d{4})(?:,?\s+" + _TIME + r"\s*" + _ZONE + r")?", re.I),
    # ISO "2024-03-04T14:05" or "2024-03-04 14:05"
    re.compile(r"(?P<y>\d{4})-(?P<mm>\d{2})-(?P<dd>\d{2})(?:[T ](?P<h>\d{2}):(?P<mi>\d{2}))?"),
]
_TIME_LINE = re.compile(r"^\s*(?:published|updated|posted|first published|last updated|date)\b", re.I)
_DATE_ONLY = re.compile(r"^[\s\w,.:/()-]{6,60}$")
_URL_DATE = re.compile(r"/(?P<y>20\d{2}|19\d{2})[/-](?P<mm>\d{1,2})[/-](?P<dd>\d{1,2})(?:/|-|$)")
_ZONES = {"UTC": "UTC", "GMT": "UTC", "Z": "UTC", "BST": "Europe/London", "CET": "Europe/Paris",
          "CEST": "Europe/Paris", "EET": "Europe/Athens", "EEST": "Europe/Athens",
          "ET": "America/New_York", "EST": "America/New_York", "EDT": "America/New_York",
          "CT": "America/Chicago", "CST": "America/Chicago", "CDT": "America/Chicago",
          "MT": "America/Denver", "MST": "America/Denver", "MDT": "America/Denver",
          "PT": "America/Los_Angeles", "PST": "America/Los_Angeles", "PDT": "America/Los_Angeles"}

AGENCY_DATELINE = re.compile(
    r"^\s*(?P<place>[A-Z][\w.'’ -]{1,40}?)(?:,\s*(?P<date>[A-Z][a-z]{2,9}\.?\s+\d{1,2}(?:,\s*\d{4})?))?\s*"
    r"\((?P<agency>[A-Z][\w.&'’ -]{0,40}?)\)\s*(?:-{1,2}|[\u2013\u2014])\s*")
RELEASE_WIRE = re.compile(r"^\s*(?P<head>[^\n/]{0,80}?)/\s*(?P<wire>[A-Z][\w.&' -]{1,40}?)\s*/\s*(?:-{1,2}|[\u2013\u2014])")
RELEASE_ABOUT = re.compile(r"^\s*About (?P<org>[A-Z][\w.&'’ -]{1,60}?)\s*(?:[:\u2014-]|$)", re.M)
RELEASE_CONTACT = re.compile(r"^\s*(?:media (?:enquiries|inquiries|contact)|press contact|for further information)\b", re.I | re.M)
COPYRIGHT = re.compile(r"^\s*(?:copyright|\u00a9)\s*(?:\u00a9\s*)?(?:\d{4}\s+)?(?P<name>[^\n.]{2,60}?)\.?\s*(?:all rights reserved\.?)?\s*$", re.I)
CLICK_FROM = re.compile(r"^\s*click here to (?:read|get|see) (?:more )?(?:stories )?(?:from|on) (?:the )?(?P<name>.+?)\.?\s*$", re.I)
CLICK_APP = re.compile(r"^\s*click here to get the (?P<name>.+?) app\s*$", re.I)
FOLLOW = re.compile(r"^\s*follow (?P<name>.+?) on (?:social media|twitter|facebook|x)\b", re.I)
MORE_FROM = re.compile(r"^\s*(?:related:\s*)?more (?:top )?stories from (?P<name>.+?)\.?\s*$", re.I)
BYLINE_AGENCY = re.compile(r"^\s*(?:by\s+[^,\n]{2,60},\s*(?P<a1>[^\n]{2,50}?)|(?P<a2>[A-Z][\w .&'-]{1,40}?)\s+staff|staff and (?P<a3>agencies))\s*$", re.I)
_WIRE_NAME = re.compile(r"\b(?:wire|news agency|press agency|news service|press association)\b", re.I)
SEE_ALSO_HOST = re.compile(r"^(?:https?://)?(?:www\.)?(?P<host>[^/:?#]+)", re.I)


@lru_cache(maxsize=1)
def agency_table() -> dict[str, str]:
    """Normalised alias -> canonical agency name, from ``lexicon/data/agencies.txt``."""
    table: dict[str, str] = {}
    for entry in lexicon.load("agencies"):
        names = [n.strip() for n in entry.split("|") if n.strip()]
        for name in names:
            table[norm_name(name)] = names[0]
    return table


def norm_name(name: str | None) -> str:
    """Lower-case letters and digits only, without a leading "the": the key for comparing outlets."""
    if not name:
        return ""
    text = fold(name).lower().strip()
    text = re.sub(r"^the\s+", "", text)
    return re.sub(r"[^a-z0-9]+", "", text)


def names_match(a: str, b: str) -> bool:
    """Two normalised outlet keys name the same outlet ("northline" ~ "northlinewire")."""
    if not a or not b:
        return False
    if a == b:
        return True
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    return len(short) >= 4 and (long_.startswith(short) or (len(short) >= 8 and long_.endswith(short)))


def canonical_agency(name: str | None) -> str | None:
    """The agency's canonical name when ``name`` is a known wire agency ("The AP" -> "Associated Press")."""
    return agency_table().get(norm_name(name)) if name else None


def _to_utc(y: int, mo: int, d: int, h: int, mi: int, tz: str | None) -> datetime | None:
    try:
        local = datetime(y, mo, d, h, mi)
    except ValueError:
        return None
    zone = ZoneInfo(_ZONES.get((tz or "UTC").upper(), "UTC"))
    return local.replace(tzinfo=zone).astimezone(timezone.utc)


def _from_match(m: re.Match[str]) -> tuple[datetime | None, bool]:
    g = m.groupdict()
    year = int(g["y"])
    if g.get("mm"):
        month, day = int(g["mm"]), int(g["dd"])
    else:
        mon = (g.get("mon") or g.get("mon2") or "")[:3].lower()
        month = MONTHS.get(mon, 0)
        day = int(g.get("d1") or g.get("d2") or 0)
    hour = int(g["h"]) if g.get("h") else 12
    minute = int(g["mi"]) if g.get("mi") else 0
    ap = (g.get("ap") or "").replace(".", "").replace(" ", "").lower()
    if ap == "pm" and hour < 12:
        hour += 12
    if ap == "am" and hour == 12:
        hour = 0
    if not (1 <= month <= 12 and 1 <= day <= 31 and 1900 <= year <= 2100 and hour < 24 and minute < 60):
        return None, False
    return _to_utc(year, month, day, hour, minute, g.get("tz")), bool(g.get("h"))


def parse_time_text(text: str) -> datetime | None:
    """The first date (with time and zone when given) in a short line, in UTC."""
    return parse_time_line(text)[0]


def parse_time_line(text: str) -> tuple[datetime | None, bool]:
    """The first date in a short line, in UTC, and whether it gave a time of day and a zone."""
    line = fold(text)[:200]
    for pattern in _DATE_PATTERNS:
        m = pattern.search(line)
        if m:
            value, has_time = _from_match(m)
            if value is not None:
                return value, has_time and bool(m.groupdict().get("tz"))
    return None, False


def parse_iso(value: str | None) -> datetime | None:
    """An ISO 8601 time (``Z`` or an offset; a bare date is noon UTC) as an aware UTC datetime."""
    if not value:
        return None
    text = value.strip().replace("Z", "+00:00")
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        return parse_time_text(value)
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=timezone.utc)
        if len(text) <= 10:
            parsed += timedelta(hours=12)
    return parsed.astimezone(timezone.utc)


def time_from_text(lines: Iterable[str], url: str | None) -> datetime | None:
    """Publication time from the first time-like lines of an article, else from a dated URL."""
    return timestamp_from_text(lines, url)[0]


def timestamp_from_text(lines: Iterable[str], url: str | None) -> tuple[datetime | None, bool]:
    """Like ``time_from_text``, and whether it is a CMS time stamp (time of day and zone given)."""
    for i, line in enumerate(lines):
        if i >= 8:
            break
        # A time line ("Updated 14:05 GMT, 4 March 2024") or a line that is nothing but a date:
        # a date inside a sentence is an event date, not the publication time.
        if len(line) <= 120 and (_TIME_LINE.search(line) or _DATE_ONLY.match(line)):
            value, stamp = parse_time_line(line)
            if value is not None and (_TIME_LINE.search(line) or _mostly_date(line)):
                return value, stamp
    if url:
        m = _URL_DATE.search(url)
        if m:
            return _to_utc(int(m["y"]), int(m["mm"]), int(m["dd"]), 12, 0, "UTC"), False
    return None, False


def _mostly_date(line: str) -> bool:
    words = re.findall(r"[A-Za-z]+", line)
    allowed = {"at", "am", "pm", "a", "p", "m", "utc", "gmt", "bst", "et", "est", "edt", "pt", "pst", "pdt", "cet", "cest", "z"}
    rest = [w for w in words if w.lower()[:3] not in MONTHS and w.lower() not in allowed and not w.lower().endswith("day")]
    return len(rest) == 0


def url_host(url: str | None) -> str:
    if not url:
        return ""
    m = SEE_ALSO_HOST.match(url.strip())
    host = m.group("host").lower() if m else ""
    parts = [p for p in host.split(".") if p not in ("www", "com", "org", "net", "co", "uk", "example", "news")]
    return "".join(parts)


def publisher_names(lines: Iterable[str]) -> list[str]:
    """Outlet names the article gives for itself (promo trailers, follow lines, copyright)."""
    names: list[str] = []
    for line in lines:
        for pattern in (CLICK_APP, CLICK_FROM, FOLLOW, MORE_FROM, COPYRIGHT):
            m = pattern.match(line)
            if m:
                name = m.group("name").strip(" .")
                if name and len(name) <= 60:
                    names.append(_title(name))
                break
    return names


def _title(name: str) -> str:
    letters = [c for c in name if c.isalpha()]
    if letters and all(c.isupper() for c in letters) and len(letters) > 4:
        return " ".join(w.capitalize() for w in name.split())
    return name


def agency_markers(lines: list[str]) -> list[str]:
    """Wire agencies named by a dateline, an agency byline or an agency copyright line."""
    found: list[str] = []
    for line in lines[:10]:
        m = AGENCY_DATELINE.match(line)
        if m:
            found.append(m.group("agency").strip())
        b = BYLINE_AGENCY.match(line)
        if b:
            name = (b.group("a1") or b.group("a2") or "").strip()
            if name and (canonical_agency(name) or re.search(r"\b(?:wire|agency|press|news service)\b", name, re.I)):
                found.append(name)
    for line in lines:
        m = COPYRIGHT.match(line)
        # A known agency, or a name that says it is one ("Northline Wire", "Pacific News Agency").
        if m and (canonical_agency(m.group("name")) or _WIRE_NAME.search(m.group("name"))):
            found.append(m.group("name").strip())
    return found


def release_wire(lines: list[str]) -> str | None:
    """The press-release wire named in a release dateline ("City, Date /PR Wire/ --")."""
    for line in lines[:6]:
        m = RELEASE_WIRE.match(line)
        if m and not AGENCY_DATELINE.match(line):
            return m.group("wire").strip()
    return None


def release_org(body_lines: list[str]) -> str | None:
    """The organisation behind a press release: its "About X:" section, else the lead's subject."""
    for line in body_lines:
        m = RELEASE_ABOUT.match(line)
        if m:
            return m.group("org").strip()
    for line in body_lines[:3]:
        text = RELEASE_WIRE.sub("", line, count=1).strip()
        m = re.match(r"(?P<org>[A-Z][\w&.'’-]*(?:\s+(?:[A-Z][\w&.'’-]*|of|and|&))*)\s+(?:today|on \w+day|\(|,|announced|confirms|confirmed|said|says|is|has|will)", text)
        if m:
            return m.group("org").strip()
    return None


def looks_like_release(lines: list[str]) -> bool:
    text = "\n".join(lines)
    return release_wire(lines) is not None or bool(RELEASE_ABOUT.search(text) and RELEASE_CONTACT.search(text))
