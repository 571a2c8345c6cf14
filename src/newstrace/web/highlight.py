"""Split an article body into paragraphs of segments marked by the attributions that cover them.

Each attribution contributes up to three marks (its source, cue and content spans). Marks may
nest or overlap (a quote's content can contain another attribution's source), so the body is cut
at every mark boundary and each piece carries every mark over it; ``body_html`` renders each piece
as one ``<span>`` with classes, never as nested markup, so overlaps can't break the HTML. Offsets
are checked (``body[start:end] == text``) and marks that fail are dropped, not trusted.

``body_html`` builds the body's HTML here rather than in the template: a Jinja loop over a few
hundred pieces was most of an article page's cost. Every piece of text and every attribute value
goes through ``markupsafe.escape`` (the same escaping Jinja's autoescape applies).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping, Sequence

from markupsafe import Markup, escape

MAX_MARKS = 3000  # attributions beyond ~1000 are listed but not highlighted


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    role: str  # source | cue | content
    index: int  # which attribution
    css: str


@dataclass
class Segment:
    text: str
    marks: list[Mark] = field(default_factory=list)
    anchor: str | None = None  # id of the first piece of an attribution (link target)

    @property
    def classes(self) -> str:
        names = []
        for mark in self.marks:
            names.append(mark.css)
        return " ".join(dict.fromkeys(names))

    @property
    def index(self) -> int | None:
        """The attribution whose tip this piece shows: the innermost (shortest) mark over it."""
        if not self.marks:
            return None
        return min(self.marks, key=lambda m: (m.end - m.start, m.index)).index


def _valid(body: str, span: Mapping[str, Any] | None) -> tuple[int, int] | None:
    if not span:
        return None
    try:
        start, end = int(span["start"]), int(span["end"])
    except (KeyError, TypeError, ValueError):
        return None
    if not 0 <= start < end <= len(body) or body[start:end] != span.get("text"):
        return None
    return start, end


def marks_of(body: str, attributions: Sequence[Mapping[str, Any]]) -> list[Mark]:
    marks: list[Mark] = []
    for i, attribution in enumerate(attributions):
        source = attribution.get("source")
        for role, span, css in (
            ("content", attribution.get("content"), f"hl-content st-{_slug(attribution.get('stance'))}"),
            ("source", source, f"hl-source kd-{_slug(source.get('kind') if source else None)}"),
            ("cue", attribution.get("cue"), "hl-cue"),
        ):
            where = _valid(body, span)
            if where is not None:
                marks.append(Mark(where[0], where[1], role, i, css))
        if len(marks) >= MAX_MARKS:
            break
    return marks


def _slug(value: Any) -> str:
    text = str(value or "unknown")
    return text if text.isalnum() else "unknown"


def paragraphs(body: str, attributions: Sequence[Mapping[str, Any]]) -> list[list[Segment]]:
    """The body as paragraphs (split at blank lines) of marked segments."""
    marks = marks_of(body, attributions)
    cuts = {0, len(body)}
    for mark in marks:
        cuts.add(mark.start)
        cuts.add(mark.end)
    # Paragraph breaks: the text between paragraphs ("\n\n") is never inside a segment.
    breaks: list[tuple[int, int]] = []
    position = 0
    while True:
        found = body.find("\n\n", position)
        if found < 0:
            break
        end = found
        while end < len(body) and body[end] == "\n":
            end += 1
        breaks.append((found, end))
        cuts.update((found, end))
        position = end
    points = sorted(cuts)
    starts: dict[int, list[Mark]] = {}
    for mark in marks:
        starts.setdefault(mark.start, []).append(mark)
    active: list[Mark] = []
    out: list[list[Segment]] = [[]]
    seen_anchor: set[int] = set()
    break_at = {a: b for a, b in breaks}
    skip_until = -1
    for a, b in zip(points, points[1:]):
        active = [m for m in active if m.end > a] + starts.get(a, [])
        if a < skip_until:
            continue
        if a in break_at:
            skip_until = break_at[a]
            if out[-1]:
                out.append([])
            continue
        segment = Segment(body[a:b], sorted(active, key=lambda m: (m.index, m.role)))
        index = segment.index
        if index is not None and index not in seen_anchor:
            seen_anchor.add(index)
            segment.anchor = f"a{index}"
        out[-1].append(segment)
    return [p for p in out if p]


def tip(attribution: Mapping[str, Any]) -> str:
    """The hover text of an attribution: who, through which cue, with what stance."""
    source = attribution.get("source")
    who = f"{source['text']} ({source.get('kind') or 'unknown'})" if source else "no named source"
    resolved = (source or {}).get("resolved")
    if resolved and resolved.get("text") and resolved.get("text") != source.get("text"):  # type: ignore[union-attr]
        who += f" = {resolved['text']}"
    cue = (attribution.get("cue") or {}).get("text") or "?"
    parts = [f"Source: {who}", f"cue \u201c{cue}\u201d", f"{attribution.get('stance', 'assert')}", f"{attribution.get('type', 'indirect')}"]
    if attribution.get("hedged"):
        parts.append("hedged")
    return " \u00b7 ".join(parts)


def body_html(paras: Sequence[Sequence[Segment]], tips: Sequence[str]) -> Markup:
    """The body as ``<p>`` elements of escaped text and highlight ``<span>`` elements."""
    out: list[str] = []
    tip_html = [str(escape(t)) for t in tips]
    for para in paras:
        out.append("<p>")
        for seg in para:
            text = str(escape(seg.text))
            if not seg.marks:
                out.append(text)
                continue
            index = seg.index
            anchor = f' id="{escape(seg.anchor)}"' if seg.anchor else ""
            tip_text = tip_html[index] if index is not None and 0 <= index < len(tip_html) else ""
            out.append(f'<span class="hl {escape(seg.classes)}" data-a="{index}" data-tip="{tip_text}" '
                       f'tabindex="0"{anchor}>{text}</span>')
        out.append("</p>\n")
    return Markup("".join(out))


def snippet_html(snippet: Mapping[str, Any]) -> Markup:
    """A search snippet ``{"text", "highlights": [[start, end], ...]}`` as escaped text with ``<mark>``s.

    Highlights out of order, overlapping or out of range are skipped.
    """
    text = str(snippet.get("text") or "")
    out: list[str] = []
    last = 0
    for pair in snippet.get("highlights") or ():
        try:
            start, end = int(pair[0]), int(pair[1])
        except (TypeError, ValueError, IndexError):
            continue
        if not last <= start < end <= len(text):
            continue
        out.append(str(escape(text[last:start])))
        out.append(f"<mark>{escape(text[start:end])}</mark>")
        last = end
    out.append(str(escape(text[last:])))
    return Markup("".join(out))
