"""Repairs of trafilatura's known failure modes, on its paragraphs and the original page tree.

1. Lost leads. trafilatura discards elements whose class says ``teaser`` and often misses the
   standfirst that sits between the headline and the body in its own container (its issue #164,
   "handling of teaser class"). ``recover_lead`` puts back such a block when it lies after the
   headline and before the first extracted paragraph, reads like prose, and is not one of a
   repeated series (a teaser *list* of other stories repeats the same class).
2. Related-story links kept as text. ``drop_related`` removes paragraphs that introduce other
   articles ("Read more:", "Lesen Sie auch", "Lea también" ... see the ``html_related_prompts``
   lexicon) and paragraphs made only of link text when they come in runs, follow such a prompt,
   or sit in the last part of the body (lists of links to other pages, not article text).
   Link text is recognised by matching short paragraphs against the page's anchor texts.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from lxml import etree
from lxml.html import HtmlElement

from newstrace import lexicon
from newstrace.records import Removal

# class/id words of standfirst containers ("article-intro", "teaser-text", "p.lead", "chapo", "dek")
_LEAD_HINT = r"intro|lead|lede|teaser|excerpt|summary|standfirst|chapo|chapeau|abstract|preface|subline|subhead|subtitle|description|dek|deck"
# ... unless the same attribute says it is about an image, the site, the byline or a widget
_NOT_LEAD = re.compile(
    r"img|image|photo|picture|site-|caption|asset|media|video|figure|gallery|slide|logo|author|meta|date|tile|card|"
    r"related|widget|sidebar|nav|footer|menu|comment|form",
    re.IGNORECASE,
)
_LEAD_RE = re.compile(_LEAD_HINT, re.IGNORECASE)
_LEAD_TAGS = ("p", "div", "h2", "h3", "span", "strong", "dd")
_POSITION = etree.XPath("count(preceding::*) + count(ancestor::*)")
_INVISIBLE = frozenset({"script", "style", "noscript", "template", "svg", "button", "select"})
_MIN_LEAD_WORDS = 6
_MAX_LEAD_CHARS = 1200
_MAX_LEADS = 2
_LEAD_SCAN = 150  # elements after the headline searched for a standfirst
_LEAD_WINDOW = 60  # elements before the first paragraph searched when the headline is unknown
_TAIL_SHARE = 0.7  # link-only paragraphs after this share of the body count as link lists
_MAX_LINK_PARAGRAPH = 300  # characters; longer paragraphs are prose, whatever their links
_URLISH = re.compile(r"^(?:https?://|www\.)|@\w+\.\w+|^\S+\.[a-z]{2,4}(?:/\S*)?$", re.IGNORECASE)


@dataclass(slots=True)
class Block:
    """A body paragraph as the repairs see it (text, trafilatura element kind, link characters)."""

    text: str
    kind: str
    link_chars: int = 0

    @property
    def link_share(self) -> float:
        return self.link_chars / max(1, len(self.text))


def visible_text(node: HtmlElement) -> str:
    """Whitespace-normalised text of ``node`` without script, style and other invisible parts."""
    parts: list[str] = []
    skip = 0
    for event, el in etree.iterwalk(node, events=("start", "end")):
        invisible = isinstance(el.tag, str) and el.tag in _INVISIBLE
        if event == "start":
            if invisible:
                skip += 1
            elif not skip and el.text:
                parts.append(el.text)
        else:
            if invisible:
                skip -= 1
            if not skip and el.tail and el is not node:
                parts.append(el.tail)
    return " ".join("".join(parts).split())


def _link_text_length(node: HtmlElement) -> int:
    return sum(len(" ".join(a.text_content().split())) for a in node.iter("a"))


def _norm(text: str) -> str:
    return " ".join(text.split())


def _position(node: HtmlElement) -> int:
    """Index of ``node`` in document order (counted in C by XPath, no Python walk of the tree)."""
    return int(_POSITION(node))


def _locate(tree: HtmlElement, paragraphs: list[Block]) -> HtmlElement | None:
    """The element holding the start of the body (the first paragraph found in the page)."""
    for block in paragraphs[:3]:
        words = block.text.split()
        for start in range(0, min(len(words), 12), 3):
            needle = " ".join(words[start : start + 3])
            if len(needle) < 8:
                continue
            hits = tree.xpath("//body//text()[contains(normalize-space(.), $w)]", w=needle)
            if hits:
                parent = hits[0].getparent()
                if isinstance(parent, HtmlElement):
                    return parent
    return None


def _is_lead_hint(node: HtmlElement) -> bool:
    cls, ident = node.get("class"), node.get("id")
    return bool((cls and _LEAD_RE.search(cls)) or (ident and _LEAD_RE.search(ident)))


def recover_lead(tree: HtmlElement, paragraphs: list[Block], headline: HtmlElement | None) -> list[Block]:
    """Standfirst blocks (in page order) that belong before ``paragraphs`` but were dropped.

    Only elements after the headline (or, without one, shortly before the first paragraph) are
    looked at, through bounded XPath axes rather than a walk of the whole page.
    """
    if not paragraphs:
        return []
    first = None
    if headline is not None:
        scope = headline.xpath(f"following::*[position() <= {_LEAD_SCAN}]")
    else:
        first = _locate(tree, paragraphs)
        if first is None:
            return []
        scope = first.xpath(f"preceding::*[position() <= {_LEAD_WINDOW}]")
    candidates = [n for n in scope if isinstance(n, HtmlElement) and n.tag in _LEAD_TAGS and _is_lead_hint(n)]
    if not candidates:
        return []
    body = _norm(" ".join(b.text for b in paragraphs))
    hints = Counter(f"{c.get('class') or ''} {c.get('id') or ''}".strip() for c in candidates)
    plausible: list[tuple[HtmlElement, str]] = []
    for node in candidates:
        hint = f"{node.get('class') or ''} {node.get('id') or ''}".strip()
        if _NOT_LEAD.search(hint) or hints[hint] >= 3:
            continue
        if any(a.tag in ("li", "a", "aside", "nav", "footer", "figure") for a in node.iterancestors()):
            continue
        text = visible_text(node)
        if not text or text in body or len(text) > _MAX_LEAD_CHARS or len(text.split()) < _MIN_LEAD_WORDS:
            continue
        if text.count(" | ") >= 2 or _link_text_length(node) >= 0.5 * len(text):
            continue
        plausible.append((node, text))
    if not plausible:
        return []
    first = first if first is not None else _locate(tree, paragraphs)
    if first is None:
        return []
    limit = _position(first)
    picked = [(pos, text) for node, text in plausible if (pos := _position(node)) < limit]
    # nested candidates (a "lead" div around a "teaser" p): keep the innermost
    texts = [t for _, t in picked]
    kept = [(p, t) for p, t in picked if not any(o != t and o in t for o in texts)]
    kept = list(dict.fromkeys(kept))[:_MAX_LEADS]
    return [Block(text=t, kind="lead") for _, t in sorted(kept)]


@lru_cache(maxsize=1)
def _prompt_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    prompts = sorted(lexicon.load("html_related_prompts"), key=len, reverse=True)
    alternatives = "|".join(re.escape(p) for p in prompts)
    delimited = re.compile(rf"^\W{{0,3}}(?:{alternatives})(?:\s*[:|»›>\-–—.!?]|\s*$)", re.IGNORECASE)
    leading = re.compile(rf"^\W{{0,3}}(?:{alternatives})\b", re.IGNORECASE)
    return delimited, leading


def _prompt_pattern() -> re.Pattern[str]:
    return _prompt_patterns()[0]


def _is_prompt(block: Block) -> bool:
    """ "Read more: <link>", "Lesen Sie auch", or a short heading starting with such words
    ("More stories from the region") that does not end like a sentence."""
    delimited, leading = _prompt_patterns()
    words = len(block.text.split())
    if delimited.match(block.text):
        return words <= 6 or block.link_share >= 0.3
    return words <= 6 and not block.text.rstrip().endswith(".") and leading.match(block.text) is not None


def _is_link_only(block: Block) -> bool:
    return block.link_share >= 0.9 and len(block.text.split()) <= 25 and not _URLISH.search(block.text)


def _leads_elsewhere(href: str | None) -> bool:
    """A link to another page (not an in-page anchor such as a heading's own ``#id``)."""
    if not href:
        return False
    href = href.strip().lower()
    return bool(href) and not href.startswith(("#", "javascript:"))


def mark_links(paragraphs: list[Block], tree: HtmlElement) -> None:
    """Set ``link_chars`` of short paragraphs whose text (after a related-story prompt) is the
    text of a link on the page. Cheaper than asking trafilatura to keep links, and enough for
    the link-list tests below, which only look at short paragraphs."""
    short = [b for b in paragraphs if len(b.text) <= _MAX_LINK_PARAGRAPH]
    if not short:
        return
    anchors = {
        t for a in tree.iter("a")
        if _leads_elsewhere(a.get("href")) and len(t := " ".join(a.text_content().split())) >= 3
    }
    for block in short:
        if block.text in anchors:
            block.link_chars = len(block.text)
            continue
        match = _prompt_pattern().match(block.text)
        if match:
            rest = block.text[match.end():].strip()
            if rest in anchors:
                block.link_chars = len(rest)


def drop_related(paragraphs: list[Block]) -> tuple[list[Block], list[Removal]]:
    """Remove related-story prompts and link-list paragraphs; return what is kept and the removals."""
    prompt = [_is_prompt(b) for b in paragraphs]
    link_only = [_is_link_only(b) for b in paragraphs]
    n = len(paragraphs)
    kept: list[Block] = []
    removed: list[Removal] = []
    for i, block in enumerate(paragraphs):
        in_run = (i > 0 and link_only[i - 1]) or (i + 1 < n and link_only[i + 1])
        after_prompt = i > 0 and prompt[i - 1]
        if prompt[i] or (link_only[i] and (in_run or after_prompt or i >= _TAIL_SHARE * n)):
            removed.append(Removal(block.text, "related"))
        else:
            kept.append(block)
    return kept, removed
