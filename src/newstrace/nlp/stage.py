"""The analyze stage: attributions, entities and resolved times for each cleaned article.

Articles of a batch are split into paragraph-aligned chunks (``nlp.chunk_chars``), parsed together
with one ``nlp.pipe`` call, and every span found in a chunk is shifted back to body offsets, so
``body[start:end] == text`` holds for 1 MB bodies too. Source kinds, stance, referents, entities
and times come from sibling modules (``kinds``, ``stance``, ``resolve``, ``entities``, ``times``)
through small adapters that fall back to plain defaults when a module is not there.
"""

from __future__ import annotations

import importlib
import logging
from collections import Counter
from typing import TYPE_CHECKING, Any, Callable, Sequence

from newstrace.errors import Skip
from newstrace.nlp.attributions import Found, extract
from newstrace.nlp.chunks import has_words, split_chunks
from newstrace.nlp.language import is_english
from newstrace.pipeline import Item
from newstrace.records import Article, Attribution, Entity, Source, Span, TimeExpression
from newstrace.settings import Settings

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

LOGGER = logging.getLogger(__name__)


def _optional(module: str, name: str) -> Callable[..., Any] | None:
    """A function of a sibling module, or None while that module does not provide it."""
    try:
        mod = importlib.import_module(f"newstrace.nlp.{module}")
    except ImportError:
        return None
    func = getattr(mod, name, None)
    return func if callable(func) else None


_DENY = ("deny", "denie", "denied", "reject", "dismiss", "refute", "disput")
_CONFIRM = ("confirm", "acknowledg", "admit", "conced")
_DECLINE = ("declin", "refus", "would not", "did not respond", "no comment", "not comment",
            "wouldn't", "didn't respond", "could not be reached")
_HEDGES = ("reportedly", "allegedly", "is said to", "are said to", "purportedly", "supposedly")


def fallback_stance(cue: str, content: str | None, sentence: str) -> tuple[str, bool]:
    """Stance from the cue's words alone (used until ``nlp.stance`` exists)."""
    low = cue.lower()
    hedged = any(h in low or h in sentence.lower() for h in _HEDGES[:2]) or any(h in sentence.lower() for h in _HEDGES[2:])
    if any(w in low for w in _DECLINE):
        return "decline", hedged
    if any(w in low for w in _DENY):
        return "deny", hedged
    if any(w in low for w in _CONFIRM):
        return "confirm", hedged
    return "assert", hedged


class AnalyzeStage:
    """Adds attributions, entities and resolved times to articles."""

    name = "analyze"

    def __init__(self, settings: Settings) -> None:
        self.settings = settings.nlp
        self._nlp: Any = None
        self.counts: Counter[str] = Counter()
        self._stance = _optional("stance", "classify_stance") or fallback_stance
        self._kind = _optional("kinds", "source_kind")
        self._resolve = _optional("resolve", "resolve_source")
        self._entities = _optional("entities", "extract_entities")
        self._times = _optional("times", "extract_times")

    @property
    def nlp(self) -> Any:
        if self._nlp is None:
            from newstrace.nlp.model import load_model

            self._nlp = load_model(self.settings.model)
        return self._nlp

    def _check(self, article: Article) -> None:
        if not article.body.strip():
            raise Skip("empty")
        if self.settings.language_check and not is_english(article.body):
            raise Skip("language")

    def process_batch(self, items: Sequence[Item]) -> list[Item | Skip]:
        out: list[Item | Skip] = []
        jobs: list[tuple[int, int, str]] = []  # (position in out, chunk offset, chunk text)
        for item in items:
            if not isinstance(item, Article):
                raise TypeError("analyze needs cleaned articles; put the clean stage first")
            try:
                self._check(item)
            except Skip as skip:
                out.append(skip)
                continue
            for offset, chunk in split_chunks(item.body, self.settings.chunk_chars):
                if has_words(chunk):
                    jobs.append((len(out), offset, chunk))
            out.append(item)
        if not jobs:
            return out
        parts: dict[int, list[tuple[int, Doc]]] = {}
        from newstrace.nlp.model import line_sentences

        nlp = self.nlp
        docs = nlp.pipe((line_sentences(nlp, text) for _, _, text in jobs), batch_size=self.settings.batch_size)
        for (pos, offset, _), doc in zip(jobs, docs):
            parts.setdefault(pos, []).append((offset, doc))
        for pos, chunk_docs in parts.items():
            article = out[pos]
            assert isinstance(article, Article)
            out[pos] = self.analyze_parsed(article, chunk_docs)
        return out

    def analyze_parsed(self, article: Article, chunk_docs: list[tuple[int, Doc]]) -> Article:
        """The article with the attributions, entities and times of its parsed chunks."""
        attributions: list[Attribution] = []
        entities: list[Entity] = []
        times: list[TimeExpression] = []
        for offset, doc in chunk_docs:
            found, unbalanced = extract(doc)
            if unbalanced:
                self.counts["unbalanced_quotes"] += unbalanced
                LOGGER.debug("article %s: %d unbalanced quote mark(s) skipped", article.id, unbalanced)
            attributions.extend(self._record(article.body, doc, offset, f) for f in found)
            if self._entities is not None:
                entities.extend(_shift_entity(e, offset, article.body) for e in self._entities(doc))
            if self._times is not None:
                times.extend(_shift_time(t, offset, article.body) for t in self._times(doc, article.published_at))
        return article.with_(attributions=tuple(attributions), entities=tuple(entities),
                             times=tuple(times), language=article.language or "en")

    def _record(self, body: str, doc: Doc, offset: int, found: Found) -> Attribution:
        cue = Span.of(body, offset + found.cue[0], offset + found.cue[1])
        content = None
        if found.content is not None:
            content = Span.of(body, offset + found.content[0], offset + found.content[1],
                              tuple((offset + s, offset + e) for s, e in found.content_parts))
        source = None
        if found.source is not None:
            span = doc.char_span(found.source[0], found.source[1], alignment_mode="expand")
            kind = self._kind(span) if (self._kind is not None and span is not None) else "unknown"
            resolved = None
            if self._resolve is not None and span is not None:
                ref = self._resolve(span, doc)
                if ref is not None:
                    resolved = Span.of(body, offset + ref[0], offset + ref[1])
            source = Source(body[offset + found.source[0]:offset + found.source[1]],
                            offset + found.source[0], offset + found.source[1], kind, resolved)
        sentence = doc[found.cue_head].sent.text
        stance, hedged = self._stance(cue.text, content.text if content else None, sentence)
        return Attribution(source=source, cue=cue, content=content, type=found.type, stance=stance,
                           hedged=hedged, method=f"rule:{found.method}")


def _shift_entity(entity: Entity, offset: int, body: str) -> Entity:
    """The chunk's entity placed in the body, its text read from the body (the parsed text may
    differ in its spaces, see ``line_sentences``)."""
    start, end = entity.start + offset, entity.end + offset
    return Entity(body[start:end], entity.label, start, end, entity.canonical)


def _shift_time(time: TimeExpression, offset: int, body: str) -> TimeExpression:
    start, end = time.start + offset, time.end + offset
    return TimeExpression(body[start:end], start, end, time.value)
