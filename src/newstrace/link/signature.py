"""Phase one of linking: a pure function from one article to a small picklable ``Signature``.

Everything the global phase needs is here (fingerprints, story terms, time, outlet, agency and
press-release markers, outlet citations, claims and quotes), so signatures can be computed on any
worker (process pool, Ray) and shipped to the single process that groups them.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from newstrace.link import meta
from newstrace.link.cues import Citation, claim_sentences, find_citations, lead_sentence, stance_of
from newstrace.link.fingerprint import minhash, shingles, token_hashes
from newstrace.link.text import (
    content_lines, direct_quotes, fold, sentences, stem, stopwords, words,
)
from newstrace.records import Article
from newstrace.settings import LinkSettings

MAX_WORDS = 4000  # words kept for alignment checks: bounds the cost of one hostile article
LEAD_WORDS = 40
TOP_TERMS = 120
MAX_CLAIMS = 7  # the headline/lead claim and up to six attributed ones
_TOKEN = re.compile(r"[^\W_]+(?:['’.\-][^\W_]+)*")
_NAME_SEQ = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z][\w'’-]*(?:\s+[A-Z][a-z][\w'’-]*)+")
_CALENDAR = frozenset("monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec".split())
_YEAR = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")


@dataclass(frozen=True, slots=True)
class ClaimText:
    """A claim an article carries: the assertion text, its stance and source, and its role."""

    text: str
    stance: str = "assert"
    source: str | None = None
    role: str = "main"  # main (headline/lead) or attributed


@dataclass(frozen=True, slots=True)
class Signature:
    """What the global linking phase knows about one article."""

    id: str
    skipped: str | None = None
    published: float | None = None
    published_at: str | None = None
    headline: str | None = None
    publisher: str | None = None
    publisher_keys: tuple[str, ...] = ()
    content_hash: str = ""
    shingles: np.ndarray = field(default_factory=lambda: np.zeros(0, np.uint32))
    minhash: np.ndarray = field(default_factory=lambda: np.zeros(0, np.uint32))
    lead_minhash: np.ndarray = field(default_factory=lambda: np.zeros(0, np.uint32))
    word_ids: np.ndarray = field(default_factory=lambda: np.zeros(0, np.uint32))
    terms: dict[str, float] = field(default_factory=dict)
    entities: dict[str, float] = field(default_factory=dict)
    year: int | None = None
    agencies: tuple[str, ...] = ()
    dateline_agency: str | None = None
    release_wire: str | None = None
    release_org: str | None = None
    citations: tuple[Citation, ...] = ()
    stance: str | None = None
    time_from_text: bool = False
    """``published`` is a date read from the text (a date line, the URL), not metadata or a CMS
    time stamp ("Updated 14:05 GMT, 4 March 2024"); such dates order articles but gate no story."""
    claims: tuple[ClaimText, ...] = ()
    quotes: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """A JSON-able form (arrays as lists) for persisting the index."""
        out: dict[str, Any] = {}
        for name in self.__slots__:  # type: ignore[attr-defined]
            value = getattr(self, name)
            if isinstance(value, np.ndarray):
                value = base64.b64encode(value.astype("<u4").tobytes()).decode("ascii")
            elif name == "citations":
                value = [[c.name, c.cue, c.paragraph, c.descriptor, c.outlet] for c in value]
            elif name == "claims":
                value = [[c.text, c.stance, c.source, c.role] for c in value]
            elif isinstance(value, tuple):
                value = list(value)
            out[name] = value
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Signature:
        kwargs = dict(data)
        for name in ("shingles", "minhash", "lead_minhash", "word_ids"):
            raw = kwargs.get(name) or ""
            if isinstance(raw, str):
                kwargs[name] = np.frombuffer(base64.b64decode(raw), dtype="<u4").astype(np.uint32)
            else:
                kwargs[name] = np.asarray(raw, dtype=np.uint32)
        kwargs["citations"] = tuple(Citation(*c) for c in kwargs.get("citations") or ())
        kwargs["claims"] = tuple(ClaimText(*c) for c in kwargs.get("claims") or ())
        for name in ("publisher_keys", "agencies", "quotes"):
            kwargs[name] = tuple(kwargs.get(name) or ())
        return cls(**kwargs)


def _iso(value: Any) -> str | None:
    return None if value is None else value.strftime("%Y-%m-%dT%H:%M:%SZ")


def _story_terms(headline: str | None, lines: list[str]) -> tuple[dict[str, float], dict[str, float]]:
    """Weighted term counts: names (capitalised inside a sentence) and numbers count three times."""
    stop = stopwords()
    terms: Counter[str] = Counter()
    ents: Counter[str] = Counter()
    stems: dict[str, str] = {}
    for line in ([headline] if headline else []) + lines:
        for name in _NAME_SEQ.findall(line):
            if " " in name:  # a full name ("Vincent Jackson") tells two look-alike events apart
                ents[name.lower()] += 1.0
        for i, tok in enumerate(_TOKEN.findall(line)):
            low = tok.lower()
            if low.endswith(("'s", "’s")):
                low = low[:-2]
            low = low.strip("'’.-")
            if len(low) < 2 or low in stop:
                continue
            weight = 1.0
            if tok[0].isdigit():
                weight = 3.0
            elif tok[0].isupper() and low not in _CALENDAR:
                ents[low] += 1.0
                if i > 0:
                    weight = 3.0
            key = stems.get(low)
            if key is None:
                key = stems[low] = stem(low)
            terms[key] += weight
    top = dict(terms.most_common(TOP_TERMS))
    return top, dict(ents.most_common(TOP_TERMS // 2))


def _year(lines: list[str]) -> int | None:
    years = [int(y) for line in lines for y in _YEAR.findall(line)]
    return max(years) if years else None


def compute_signature(article: Article, settings: LinkSettings) -> Signature:
    """The signature of one article (pure: same article and settings, same signature)."""
    if article.skipped:
        # A skipped article (empty body, say) still states its headline's claim.
        claims = (ClaimText(fold(article.headline).strip(), "assert", None, "main"),) if article.headline else ()
        return Signature(id=article.id, skipped=article.skipped, published_at=article.published_at,
                         published=_epoch(meta.parse_iso(article.published_at)), headline=article.headline,
                         claims=claims)
    body = article.body or ""
    raw_lines = [fold(x).strip() for x in body.split("\n") if x.strip()]
    removed = [fold(r.text).strip() for r in article.removed if r.text.strip()]
    extra = [fold(article.dateline)] if article.dateline else []
    evidence = extra + removed + raw_lines
    lines = content_lines(body)
    if lines and article.headline and lines[0] == fold(article.headline).strip():
        lines = lines[1:]  # the cleaner kept the headline as the first paragraph
    if lines:  # a copy desk adds or drops the dateline: compare without it
        lines[0] = meta.AGENCY_DATELINE.sub("", lines[0], count=1)
        lines[0] = meta.RELEASE_WIRE.sub("", lines[0], count=1).strip()
        lines = [ln for ln in lines if ln]

    published = meta.parse_iso(article.published_at)
    from_text = published is None
    if published is None:
        published, stamp = meta.timestamp_from_text(removed + raw_lines, article.url)
        from_text = not stamp  # a CMS time stamp with time of day and zone is as good as metadata

    names = meta.publisher_names(evidence)
    agencies = meta.agency_markers(extra + raw_lines + removed)
    dateline_agency = None
    for line in extra + raw_lines[:6]:
        m = meta.AGENCY_DATELINE.match(line)
        if m:
            dateline_agency = m.group("agency").strip()
            break
    agency_keys = {meta.norm_name(a) for a in agencies} | {
        meta.norm_name(meta.canonical_agency(a)) for a in agencies if meta.canonical_agency(a)}
    own_names = []
    for name in names:
        if any(meta.names_match(meta.norm_name(name), key) for key in agency_keys):
            agencies.append(name)  # "Copyright 2024 Northline Wire" under a "(Northline)" dateline
        else:
            own_names.append(name)
    publisher = article.publisher or (own_names[0] if own_names else None)
    keys = [meta.norm_name(n) for n in ([article.publisher] if article.publisher else []) + own_names]
    host = meta.url_host(article.url)
    if host:
        keys.append(host)
    canon = meta.canonical_agency(publisher) if publisher else None
    if canon:
        keys.append(meta.norm_name(canon))

    tokens: list[str] = []
    for line in lines:
        tokens.extend(words(line))
    shingle_set = shingles(tokens, settings.shingle_size)
    lead = shingles(tokens[:LEAD_WORDS], settings.shingle_size)
    terms, ents = _story_terms(article.headline, lines)

    wire = meta.release_wire(raw_lines + removed)
    is_release = wire is not None or meta.looks_like_release(raw_lines + removed)
    paragraphs = [p for p in lines if p]
    citations = tuple(find_citations(paragraphs))
    lead_text = lead_sentence(paragraphs)
    head_stance = stance_of(article.headline or "") if article.headline else None
    stance = head_stance or (stance_of(lead_text) if lead_text else None)
    claims = _claims(article, paragraphs, lead_text, stance)
    quotes = tuple(dict.fromkeys(q for p in paragraphs for q in direct_quotes(p)))
    return Signature(
        id=article.id,
        published=_epoch(published),
        published_at=article.published_at or _iso(published),
        headline=article.headline,
        publisher=publisher,
        publisher_keys=tuple(dict.fromkeys(k for k in keys if k)),
        content_hash=hashlib.sha1(" ".join(tokens).encode("utf-8")).hexdigest() if tokens else "",
        shingles=shingle_set,
        minhash=minhash(shingle_set, settings.num_perm),
        lead_minhash=minhash(lead, max(8, settings.num_perm // 2)),
        word_ids=token_hashes(tokens[:MAX_WORDS]).astype(np.uint32),
        terms=terms,
        entities=ents,
        year=_year(lines),
        agencies=tuple(dict.fromkeys(agencies)),
        dateline_agency=dateline_agency,
        release_wire=wire,
        release_org=meta.release_org(raw_lines + removed) if is_release else None,
        citations=citations,
        stance=stance,
        time_from_text=from_text and published is not None,
        claims=claims,
        quotes=quotes[:50],
    )


def _epoch(value: Any) -> float | None:
    return None if value is None else float(value.timestamp())


def _claims(article: Article, paragraphs: list[str], lead: str | None, stance: str | None) -> tuple[ClaimText, ...]:
    out: list[ClaimText] = []
    main = article.headline or lead
    if main:
        out.append(ClaimText(fold(main).strip(), stance or "assert", None, "main"))
    if article.attributions:
        for attribution in article.attributions:
            if attribution.content is None or len(attribution.content.text.split()) < 4:
                continue
            source = attribution.source
            name = None
            if source is not None:
                name = source.resolved.text if source.resolved is not None else source.text
            out.append(ClaimText(fold(attribution.content.text).strip(), attribution.stance, name, "attributed"))
    else:
        body_sentences = [s for p in paragraphs for s in sentences(p)]
        for text, sentence_stance in claim_sentences(body_sentences):
            out.append(ClaimText(text, sentence_stance or "assert", None, "attributed"))
    if out and out[0].role == "main":
        # An attributed claim that only restates the headline is the headline's claim.
        main_words = set(words(out[0].text))
        out = [out[0]] + [c for c in out[1:] if not set(words(c.text)) <= main_words]
    seen: set[str] = set()
    unique = []
    for claim in out:
        key = claim.text.lower()
        if key not in seen:
            seen.add(key)
            unique.append(claim)
    return tuple(unique[:MAX_CLAIMS])
