"""Cue patterns of the link stage: outlet citations, stance cues, attributed claims.

No parser: regular expressions over cleaned sentences, so ``link`` stays fast. When the article
comes from ``analyze`` its attributions are used instead (see ``claims_from_attributions``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from newstrace import lexicon
from newstrace.link.meta import canonical_agency, norm_name
from newstrace.link.text import fold, sentences

_NAME = r"(?P<name>(?:[Tt]he\s+)?(?:[A-Z][\w&'’.-]*)(?:\s+(?:[A-Z][\w&'’.-]*|of|and|&|de|du|la))*)"
_VERB = r"(?:first\s+|originally\s+|initially\s+|also\s+|earlier\s+|previously\s+|had\s+|has\s+|have\s+|was\s+)?(?P<verb>reported|reports|said|says|wrote|writes|revealed|broke the news)"
CITATION_PATTERNS = [
    ("reported", re.compile(_NAME + r"(?:'s?|’s?)?\s+" + _VERB + r"\b")),
    ("according to", re.compile(r"\b[Aa]ccording to (?:a |an |the )?(?:(?:news |media )?reports? (?:by|in|from|on) )?(?:(?P<desc>[a-z][a-z -]{0,30}?)\s+)?" + _NAME)),
    ("reported by", re.compile(r"\b(?:[Aa]s |[Ff]irst |[Oo]riginally |first |originally )*reported (?:by|in|on) (?:(?P<desc>[a-z][a-z -]{0,30}?)\s+)?" + _NAME)),
    ("citing", re.compile(r"\b[Cc]iting (?:a |an |the )?(?:reports? (?:by|in|from) )?(?:(?P<desc>[a-z][a-z -]{0,30}?)\s+)?" + _NAME)),
    ("report by", re.compile(r"\b(?:[Aa]|[Tt]he) report (?:by|in|from) (?:(?P<desc>[a-z][a-z -]{0,30}?)\s+)?" + _NAME)),
]
# "according to a report.": the story is attributed to a report that is not named.
_UNNAMED_REPORT = re.compile(r"\b[Aa]ccording to (?:a|the|media|news) (?:news |media )?reports?\s*(?:[.,;]|$)")
# "the agency said", "According to the newspaper": points back at an outlet cited earlier.
_ANAPHOR_CUE = re.compile(
    r"\b(?:[Aa]ccording to (?P<a1>[Tt]he [a-z ]{3,20}?)(?=[,.;]|\s)|(?P<a2>[Tt]he (?:news )?(?:agency|newspaper|paper|local paper|station|broadcaster|publication|outlet|magazine|website|wire service))\s+(?:also\s+)?(?:said|reported|says|added|wrote))",
)
_WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
_NOT_OUTLET_WORDS = {"institute", "service", "ministry", "department", "office", "police", "council",
                     "university", "hospital", "agency's", "commission", "authority", "court", "company"}


@dataclass(frozen=True, slots=True)
class Citation:
    """A mention of another outlet as the source of what the article says."""

    name: str
    cue: str
    paragraph: int
    descriptor: str = ""
    outlet: bool = False


@lru_cache(maxsize=1)
def _outlet_words() -> frozenset[str]:
    return lexicon.load_set("link_outlet_words")


@lru_cache(maxsize=1)
def _descriptors() -> frozenset[str]:
    return lexicon.load_set("link_outlet_descriptors")


@lru_cache(maxsize=1)
def stance_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    out = []
    for entry in lexicon.load("link_stance_cues"):
        stance, _, pattern = entry.partition("\t")
        out.append((stance.strip(), re.compile(pattern.strip(), re.I)))
    return tuple(out)


def clean_name(name: str) -> str:
    name = re.sub(r"^(?:[Tt]he)\s+", "", name.strip())
    name = re.sub(r"(?:'s|’s|'|’)$", "", name).strip(" .,")
    return name


def looks_like_outlet(name: str, descriptor: str = "", known: frozenset[str] = frozenset()) -> bool:
    """Is ``name`` a news outlet: a wire agency, a known publisher, an outlet-like name or descriptor."""
    if not name:
        return False
    if canonical_agency(name) or norm_name(name) in known:
        return True
    tokens = name.lower().split()
    if any(t in _NOT_OUTLET_WORDS for t in tokens):
        return False
    if tokens and tokens[-1] in _outlet_words():
        return True
    desc = descriptor.lower().split()
    return bool(desc) and desc[-1] in _descriptors()


_PERSON_TITLES = {"mayor", "chief", "president", "minister", "governor", "senator", "officer", "dr", "mr", "mrs", "ms", "judge", "police", "sheriff"}


def _reporting_name(name: str) -> bool:
    """"X reported" where X is a broadcaster's call sign ("KQRT"). Any other name may be a company
    reporting its results ("Quillford Foods reported a profit"), so it needs outlet evidence."""
    tokens = name.split()
    if any(t.lower().strip(".") in _PERSON_TITLES | _NOT_OUTLET_WORDS for t in tokens):
        return False
    return len(tokens) == 1 and len(name) >= 3 and name.isupper() and name.isalpha()


def find_citations(paragraphs: list[str]) -> list[Citation]:
    """Every "X reported" / "according to X" / "citing X" / "as reported by X" in the text."""
    found: list[Citation] = []
    for index, para in enumerate(paragraphs):
        text = fold(para)
        spans: list[tuple[int, Citation]] = []
        for cue, pattern in CITATION_PATTERNS:
            for m in pattern.finditer(text):
                name = clean_name(m.group("name"))
                if not name or name.lower() in _WEEKDAYS or len(name) > 60:
                    continue
                descriptor = (m.groupdict().get("desc") or "").strip()
                if cue == "reported":
                    # "trade publication Shopfront Journal reported": the words before the name.
                    before = text[max(0, m.start() - 40) : m.start()].strip().lower().split()
                    descriptor = " ".join(before[-2:])
                    if m.group("verb") in ("said", "says", "wrote", "writes") and not (
                        canonical_agency(name) or looks_like_outlet(name, descriptor)
                    ):
                        continue
                outlet = looks_like_outlet(name, descriptor)
                if not outlet and cue in ("reported", "reported by", "report by") and (m.groupdict().get("verb") in (None, "reported", "reports", "revealed", "broke the news")):
                    outlet = _reporting_name(name)
                spans.append((m.start(), Citation(name, cue, index, descriptor, outlet)))
        for m in _UNNAMED_REPORT.finditer(text):
            spans.append((m.start(), Citation("", "unnamed report", index, "", True)))
        for m in _ANAPHOR_CUE.finditer(text):
            phrase = (m.group("a1") or m.group("a2") or "").strip().lower()
            if phrase in lexicon.load_set("link_outlet_anaphora"):
                spans.append((m.start(), Citation("", "anaphor", index, phrase, True)))
        found.extend(c for _, c in sorted(spans, key=lambda s: s[0]))
    return found


def stance_of(text: str) -> str | None:
    """The stance a sentence expresses through its cue ("denied" -> deny), or None."""
    folded = fold(text)
    for stance, pattern in stance_patterns():
        if pattern.search(folded):
            return stance
    return None


_CUE_CLAUSE = re.compile(
    r"(?:,\s*)?(?:\b(?:according to|citing)\b[^,.;]*|\b(?:[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*|the [a-z ]{2,30}?|he|she|they|it)\s+(?:said|says|reported|told [^,.;]+|added|confirmed|denied)\b[^,.;]*)[,.;]?\s*$"
)


def claim_sentences(body_sentences: list[str], limit: int = 12) -> list[tuple[str, str | None]]:
    """Sentences carrying an attributed or stance-marked claim, with the cue stripped, and stance."""
    out: list[tuple[str, str | None]] = []
    for sentence in body_sentences[:40]:
        folded = fold(sentence)
        stance = stance_of(folded)
        if stance is None and not re.search(r"\b(?:said|says|reported|according to|told|citing)\b", folded):
            continue
        core = _CUE_CLAUSE.sub("", folded).strip(" ,.;\"")
        if len(core.split()) >= 5:
            out.append((core, stance))
        if len(out) >= limit:
            break
    return out


def lead_sentence(paragraphs: list[str]) -> str | None:
    for para in paragraphs:
        for sentence in sentences(para):
            if len(sentence.split()) >= 6:
                return sentence
    return None
