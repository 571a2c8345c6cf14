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
_LEAD_XPATH = etree.XPath(
    ".//*[self::p or self::div or self::h2 or self::h3 or self::span or self::strong or self::dd]"
    f"[re:test(@class, '{_LEAD_HINT}', 'i') or re:test(@id, '{_LEAD_HINT}', 'i')]",
    namespaces={"re": "http://exslt.org/regular-expressions"},
)
_INVISIBLE = frozenset({"script", "style", "noscript", "template", "svg", "button", "select"})
_MIN_LEAD_WORDS = 6
_MAX_LEAD_CHARS = 1200
_MAX_LEADS = 2
_LEAD_WINDOW = 60  # elements before the first paragraph searched when the headline is unknown
_TAIL_SHARE = 0.7  # link-only paragraphs after this share of the body count as link lists
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


def _locate(tree: HtmlElement, paragraphs: list[Block], order: dict[HtmlElement, int]) -> int | None:
    """Document position of the element holding the start of the body (first matching paragraph)."""
    for block in paragraphs[:3]:
        words = block.text.split()
        for start in range(0, min(len(words), 12), 3):
            needle = " ".join(words[start : start + 3])
            if len(needle) < 8:
                continue
            hits = tree.xpath("//body//text()[contains(normalize-space(.), $w)]", w=needle)
            if hits:
                parent = hits[0].getparent()
                if parent is not None and parent in order:
                    return order[parent]
    return None


def recover_lead(tree: HtmlElement, paragraphs: list[Block], headline: HtmlElement | None) -> list[Block]:
    """Standfirst blocks (in page order) that belong before ``paragraphs`` but were dropped."""
    candidates = [c for c in _LEAD_XPATH(tree) if isinstance(c, HtmlElement)]
    if not candidates or not paragraphs:
        return []
    order = {el: i for i, el in enumerate(tree.iter())}
    first = _locate(tree, paragraphs, order)
    if first is None:
        return []
    top = order.get(headline) if headline is not None else None
    body = _norm(" ".join(b.text for b in paragraphs))
    hints = Counter(f"{c.get('class') or ''} {c.get('id') or ''}".strip() for c in candidates)
    picked: list[tuple[int, str]] = []
    for node in candidates:
        position = order.get(node)
        hint = f"{node.get('class') or ''} {node.get('id') or ''}".strip()
        if position is None or position >= first or _NOT_LEAD.search(hint) or hints[hint] >= 3:
            continue
        if (top is not None and position < top) or (top is None and first - position > _LEAD_WINDOW):
            continue
        if any(a.tag in ("li", "a", "aside", "nav", "footer", "figure") for a in node.iterancestors()):
            continue
        text = visible_text(node)
        if not text or text in body or len(text) > _MAX_LEAD_CHARS or len(text.split()) < _MIN_LEAD_WORDS:
            continue
        if text.count(" | ") >= 2 or _link_text_length(node) >= 0.5 * len(text):
            continue
        picked.append((position, text))
    # nested candidates (a "lead" div around a "teaser" p): keep the innermost
    texts = [t for _, t in picked]
    kept = [(p, t) for p, t in picked if not any(o != t and o in t for o in texts)]
    kept = list(dict.fromkeys(kept))[:_MAX_LEADS]
    return [Block(text=t, kind="lead") for _, t in sorted(kept)]


@lru_cache(maxsize=1)
def _prompt_pattern() -> re.Pattern[str]:
    prompts = sorted(lexicon.load("html_related_prompts"), key=len, reverse=True)
    alternatives = "|".join(re.escape(p) for p in prompts)
    return re.compile(rf"^\W{{0,3}}(?:{alternatives})(?:\s*[:|»›>\-–—.!?]|\s*$)", re.IGNORECASE)


def _is_prompt(block: Block) -> bool:
    return _prompt_pattern().match(block.text) is not None and (len(block.text.split()) <= 6 or block.link_share >= 0.3)


def _is_link_only(block: Block) -> bool:
    return block.link_share >= 0.9 and len(block.text.split()) <= 25 and not _URLISH.search(block.text)


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
