"""Cleaning of raw scraped text (interim version: markup, promo lines, trailers)."""

from __future__ import annotations

import re
from datetime import datetime, timezone

from newstrace.clean.result import CleanResult
from newstrace.records import Removal

_EMBED = re.compile(r"<(cms-[\w-]+|iframe|script|style|video|figure|div|span)\b.*?(?:”>|\">|'>|>)(.*?)(?:</\1>|$)", re.S | re.I)
_EPOCH = re.compile(r'"[\w.]*publishDate"\s*:\s*(\d{12,13})')
_CLICK_HERE = re.compile(r"^\s*CLICK HERE TO (?:READ|GET) MORE (?:FROM|ON) (?:THE )?(.+?)\s*$", re.I)
_RELATED = re.compile(r"^\s*(Related Content|Related|Read more|More:)\s*$", re.I)


def _is_promo(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 12 and all(not c.islower() for c in letters)


def clean_text(text: str, title: str | None = None) -> CleanResult:
    removed: list[Removal] = []
    published_at = None
    match = _EPOCH.search(text)
    if match:
        published_at = datetime.fromtimestamp(int(match.group(1)) / 1000, tz=timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    lines = text.split("\n")
    headline = title
    start = 0
    if headline is None:
        for i, line in enumerate(lines):
            if line.strip():
                headline = line.strip()
                start = i + 1
                break
    publisher = None
    kept: list[str] = []
    for line in lines[start:]:
        if not line.strip():
            continue
        if "<" in line or "{" in line:
            removed.append(Removal(line, "embed"))
            continue
        m = _CLICK_HERE.match(line)
        if m:
            publisher = m.group(1).title()
            removed.append(Removal(line, "promo"))
            continue
        if _RELATED.match(line):
            removed.append(Removal(line, "related"))
            continue
        if _is_promo(line):
            removed.append(Removal(line, "promo"))
            continue
        kept.append(line)
    return CleanResult(body="\n\n".join(kept), removed=removed, headline=headline, publisher=publisher, published_at=published_at)
