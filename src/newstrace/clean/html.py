"""Cleaning of HTML pages: trafilatura main text, repaired, then the text-level cleaning.

The page is parsed once with a hardened lxml parser (no network, no huge trees, comments and
processing instructions dropped) and never executed or fetched from. Metadata is read from the
intact tree (``htmlmeta``); trafilatura works on its own copy; the body is rebuilt from
trafilatura's element tree (not its text rendering) so every paragraph keeps its characters.
"""

from __future__ import annotations

import copy
import inspect
import logging
import re
from functools import lru_cache
from typing import Any, Callable

from lxml import etree
from lxml.html import HtmlElement, HTMLParser, document_fromstring

from newstrace.clean.htmlmeta import PageMeta, extract_page_metadata
from newstrace.clean.htmlrepair import Block, drop_related, mark_links, recover_lead
from newstrace.clean.result import CleanResult
from newstrace.records import Removal

LOGGER = logging.getLogger(__name__)

MIN_BODY_CHARS = 40
"""A page whose main text has fewer letters and digits than this (about one sentence) has no
article: an error page, a redirect stub, binary noise. Its body is left empty (the stage skips it)."""
MAX_HTML_CHARS = 8_000_000
"""Pages longer than this are cut before parsing: the tail of such a page is scripts and data."""

# Spaces that trafilatura's whitespace trimming (``str.split``) would turn into plain spaces.
# Between two visible characters they are protected by private-use stand-ins and restored after.
_PROTECTED_SPACES = {"\u00a0": "\ue000", "\u202f": "\ue001", "\u2009": "\ue002", "\u2007": "\ue003"}
_RESTORE = {v: k for k, v in _PROTECTED_SPACES.items()}
# C0 control characters are invalid in HTML text and make lxml refuse to set node text later;
# in UTF-8 they are single bytes that never occur inside a multi-byte character
_CONTROL_BYTES = bytes([*range(0, 9), 11, 12, *range(14, 32)])

# trafilatura's output vocabulary: elements that start a new paragraph of the body
_BLOCKS = frozenset({"p", "head", "item", "quote", "code", "row", "list", "table", "div", "lb", "graphic"})


def parse_html(html: str) -> HtmlElement | None:
    """Parse a page with a hardened parser; ``None`` when nothing usable comes out."""
    if len(html) > MAX_HTML_CHARS:
        LOGGER.debug("page of %d characters cut to %d", len(html), MAX_HTML_CHARS)
        html = html[:MAX_HTML_CHARS]
    data = html.encode("utf-8", errors="replace").translate(None, _CONTROL_BYTES)
    if not data.strip():
        return None
    parser = HTMLParser(
        encoding="utf-8",
        remove_comments=True,
        remove_pis=True,
        no_network=True,
        huge_tree=False,  # keeps libxml2's depth and size limits against pathological nesting
        collect_ids=False,
        default_doctype=False,
    )
    try:
        tree = document_fromstring(data, parser=parser)
    except (etree.ParserError, ValueError):  # "Document is empty" and the like
        return None
    return tree if isinstance(tree, HtmlElement) else None


# a kind of space is looked for in the tree only when the page source has it (as a character or
# an entity): most pages have no thin or figure spaces, many no no-break space
_NBSP_FORMS = ("\u00a0", "&nbsp;", "&#160;", "&#xa0;", "&#xA0;")
_RARE_SPACE_ENTITY = re.compile(r"&(?:thinsp|numsp|#(?:8239|8201|8199|x20(?:2[fF]|0[97])));")


@lru_cache(maxsize=16)
def _spaced_text_xpath(spaces: tuple[str, ...]) -> etree.XPath:
    return etree.XPath("//text()[" + " or ".join(f"contains(., '{c}')" for c in spaces) + "]")


def protect_spaces(tree: HtmlElement, html: str | None = None) -> None:
    """Swap no-break and thin spaces between visible characters for stand-ins (restored later).

    ``html`` (the page source) lets the search skip the kinds of space the page never uses.
    """
    if html is None:
        spaces = tuple(_PROTECTED_SPACES)
    else:
        rare = _RARE_SPACE_ENTITY.search(html) is not None
        nbsp = any(form in html for form in _NBSP_FORMS)
        spaces = tuple(c for c in _PROTECTED_SPACES if (nbsp if c == "\u00a0" else rare or c in html))
    if not spaces:
        return
    for text in _spaced_text_xpath(spaces)(tree):
        parent = text.getparent()
        if parent is None:
            continue
        new = _protect(str(text))
        if new != text:
            if text.is_tail:
                parent.tail = new
            else:
                parent.text = new


_BETWEEN_VISIBLE = re.compile("(?<=\\S)[" + "".join(_PROTECTED_SPACES) + "](?=\\S)")


def _protect(value: str) -> str:
    return _BETWEEN_VISIBLE.sub(lambda m: _PROTECTED_SPACES[m.group(0)], value)


def restore_spaces(text: str) -> str:
    for stand_in, space in _RESTORE.items():
        if stand_in in text:
            text = text.replace(stand_in, space)
    return text


def body_paragraphs(body: etree._Element) -> list[Block]:
    """Flatten trafilatura's output tree into paragraphs, in order, without any added markers.

    List items and table rows become paragraphs of their own (no "- " bullets); table cells are
    joined with a tab; ``<lb/>`` (an HTML ``<br>``) ends a paragraph.
    """
    out: list[Block] = []
    buf: list[str] = []
    kind = "p"

    def flush() -> None:
        text = " ".join("".join(buf).split())
        if text and not all(c in _RESTORE for c in text.replace(" ", "")):
            out.append(Block(text=text, kind=kind))
        buf.clear()

    for event, node in etree.iterwalk(body, events=("start", "end")):
        tag = node.tag if isinstance(node.tag, str) else ""
        if node is body:
            if event == "start" and node.text:
                buf.append(node.text)
            continue
        if event == "start":
            if tag in _BLOCKS:
                flush()
                kind = tag
            elif tag == "cell" and buf:
                buf.append("\t")
            if node.text:
                buf.append(node.text)
        else:
            if tag in _BLOCKS:
                flush()
                kind = "p"
            if node.tail:
                buf.append(node.tail)
    flush()
    return out


def extract_body(tree: HtmlElement, url: str | None) -> list[Block]:
    """Run trafilatura (balanced mode, no comments) on ``tree``, which it may prune in place.

    trafilatura's own entry point (``bare_extraction``) deep-copies the tree and renders a text
    we do not use; calling its extraction sequence directly saves about a millisecond a page
    (5% of the budget). The sequence is internal to trafilatura, so the public entry point is
    kept as the fallback should it move; ``test_html_extract_body_matches_trafilatura`` pins the
    two to the same output. trafilatura only removes comment sections and infinite-scroll
    containers from the tree it gets, so the repairs can still read it afterwards.
    """
    options = copy.copy(_extractor_template())  # reading the config per page costs ~0.5 ms
    options.url = url
    options.source = url and url.encode("utf-8", "replace").decode("utf-8")
    try:
        body = _run_trafilatura(tree, options, url)
    except (RecursionError, ValueError, TypeError) as exc:  # hostile markup; never fatal
        LOGGER.warning("extraction failed for %s: %r", url, exc)
        return []
    return body_paragraphs(body) if body is not None else []


@lru_cache(maxsize=1)
def _extractor_template() -> Any:
    """trafilatura's options for our extraction (balanced, no comments or links, tables), built
    once: its constructor reads eight values from a ConfigParser on every call."""
    from trafilatura.settings import DEFAULT_CONFIG, Extractor

    return Extractor(config=DEFAULT_CONFIG, output_format="python", comments=False, links=False, tables=True)


def _run_trafilatura(tree: HtmlElement, options: Any, url: str | None) -> etree._Element | None:
    try:
        from trafilatura.core import trafilatura_sequence
    except ImportError:  # pragma: no cover - a trafilatura that moved its internals
        trafilatura_sequence = None
    if trafilatura_sequence is None:  # pragma: no cover
        from trafilatura.core import bare_extraction

        doc = bare_extraction(tree, options=options)
        return doc.body if doc is not None else None
    body, text, _, _ = trafilatura_sequence(tree, options, url)
    # the checks bare_extraction makes after the sequence
    if options.max_tree_size and len(body) > options.max_tree_size:
        etree.strip_tags(body, "hi")
        if len(body) > options.max_tree_size:
            return None
    if len(text) < options.min_output_size:
        return None
    return body


def clean_html(html: str, url: str | None = None) -> CleanResult:
    """Main text and metadata of one HTML page.

    Steps: parse (hardened) -> page metadata from the intact tree -> trafilatura main text ->
    repairs (lost lead put back, related-story links dropped) -> the raw-text cleaning of
    ``clean_text`` on that body -> metadata merged (the page's own markup first, then what the
    text reveals). An unparseable or empty page gives an empty body (the stage skips it).
    """
    tree = parse_html(html)
    if tree is None:
        return CleanResult(body="")
    meta = extract_page_metadata(tree, url)
    protect_spaces(tree, html)
    blocks = extract_body(tree, url)
    if blocks:
        blocks = recover_lead(tree, blocks, meta.headline_node) + blocks
    mark_links(blocks, tree)
    blocks, removed = drop_related(blocks)
    if not _has_article_text(blocks):
        blocks = []
    body = restore_spaces("\n\n".join(b.text for b in blocks))
    removed = [Removal(restore_spaces(r.text), r.reason) for r in removed]
    text = _clean_text(body, meta.title, url) if body else CleanResult(body="")
    return _merge(meta, text, removed)


def _has_article_text(blocks: list[Block]) -> bool:
    """At least MIN_BODY_CHARS letters and digits (counted only as far as needed)."""
    count = 0
    for block in blocks:
        for char in block.text:
            if char.isalnum():
                count += 1
                if count >= MIN_BODY_CHARS:
                    return True
    return False


def _merge(meta: PageMeta, text: CleanResult, removed: list[Removal]) -> CleanResult:
    """Page markup wins over what the text cleaner guessed from the body lines."""
    return CleanResult(
        body=text.body,
        removed=removed + list(text.removed),
        headline=meta.title or text.headline,
        publisher=meta.publisher or text.publisher,
        published_at=meta.published_at or text.published_at,
        updated_at=meta.updated_at or text.updated_at,
        authors=list(meta.authors) or list(text.authors),
        url=meta.url or text.url,
        dateline=text.dateline,
        language=meta.language or text.language,
    )


@lru_cache(maxsize=1)
def _text_cleaner() -> tuple[Callable[..., CleanResult], frozenset[str]]:
    from newstrace.clean.text import clean_text

    try:
        params = frozenset(inspect.signature(clean_text).parameters)
    except (TypeError, ValueError):
        params = frozenset()
    return clean_text, params


def _clean_text(body: str, title: str | None, url: str | None) -> CleanResult:
    """Call ``clean_text(body, title=, url=, has_headline=False)`` with the keywords it accepts.

    The body from HTML has no headline line (the page gave it separately), so the text cleaner
    must not take its first line for one; a cleaner without ``has_headline`` gets ``title=""``
    instead of ``None`` for the same effect.
    """
    clean_text, params = _text_cleaner()
    kwargs: dict[str, Any] = {}
    if "has_headline" in params:
        kwargs["has_headline"] = False
        kwargs["title"] = title
    else:
        kwargs["title"] = title or ""
    if "url" in params:
        kwargs["url"] = url
    return clean_text(body, **kwargs)
