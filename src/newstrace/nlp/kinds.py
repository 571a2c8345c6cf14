"""The kind of a source mention: person, organization, outlet, official, anonymous, document, unknown.

Rules over the mention's head noun, its determiner, its named-entity type and the words around it,
in this order (the first that applies wins):

1. pronouns take the kind of their resolved referent when one is given ("he" -> person otherwise);
2. **anonymous**: an anonymity phrase in the mention or right after it ("people familiar with the
   matter", "officials who spoke on condition of anonymity"), an anonymous head ("a source",
   "insiders", "one"), or an official role counted without a name ("one official", "two officials
   familiar with the talks", "a senior administration official");
3. **outlet**: a known outlet or agency name ("Reuters", "The New York Times"), a proper name ending
   in an outlet word ("the Daily Ledger"), or an outlet noun ("the newspaper", "the broadcaster";
   "the agency" only when a news agency was named before it);
4. **person** for a named person ("Vladimir Putin", "Mr. Smith", "Senator Jane Doe");
5. head nouns: **document** ("the report", "a statement", "court papers"), **official** ("Ukrainian
   officials", "the minister", "a White House spokesman", "police"), **organization** ("the
   ministry", "the company"), a single unnamed **person** ("a witness"), vague groups **unknown**
   ("critics");
6. the named-entity type of the head (ORG, GPE, NORP -> organization; PERSON -> person).

Everything is set lookups on a parsed span; no extra model.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from typing import TYPE_CHECKING

from newstrace import lexicon
from newstrace.nlp._doccache import ents as doc_ents
from newstrace.nlp._doccache import sent_starts
from newstrace.nlp._doccache import text as doc_text
from newstrace.nlp._lexre import lex_regex, lex_set, normalize

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["source_kind", "is_outlet_name", "find_outlets", "doc_outlets", "PRONOUN_KINDS"]

PRONOUN_KINDS: dict[str, str] = {
    "he": "person", "him": "person", "his": "person", "she": "person", "her": "person",
    "i": "person", "me": "person", "my": "person", "himself": "person", "herself": "person",
    "they": "unknown", "them": "unknown", "their": "unknown", "we": "unknown", "us": "unknown",
    "it": "unknown", "its": "unknown", "who": "unknown", "which": "unknown", "that": "unknown",
    "you": "unknown", "whom": "unknown", "this": "unknown", "these": "unknown", "those": "unknown",
}
_ORG_LABELS = frozenset({"ORG", "GPE", "NORP", "FAC", "LOC"})
_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those"})
_WIRE_NOUNS = frozenset({"agency", "news agency", "wire service", "wire", "newswire", "news service"})
_NEWS_AGENCY_HINT = re.compile(r"\b(?:news agency|wire service|newswire)\b", re.IGNORECASE)
_WEAK_OUTLET_WORDS = frozenset(
    {"Post", "Star", "Press", "Record", "Leader", "Standard", "Express", "Mirror", "Globe", "Monitor",
     "Register", "Bee", "Mercury", "Advertiser", "Sentinel", "Observer", "Guardian", "Courier",
     "Examiner", "Bulletin", "Argus", "Clarion", "Wire", "Dispatch", "Free Press", "Weekly"}
)
_COUNTED = frozenset({"a", "an", "one", "two", "three", "four", "five", "several", "another", "multiple"})
_PEOPLE = frozenset({"people", "persons", "individuals"})
_ORG_SUFFIXES = frozenset({"inc", "corp", "co", "ltd", "llc", "plc", "group", "party", "ag", "sa", "gmbh"})
_TITLES = frozenset(
    {"mr", "mrs", "ms", "miss", "dr", "sen", "rep", "gov", "gen", "col", "lt", "sgt", "prof", "rev",
     "president", "senator", "governor", "minister", "secretary", "judge", "justice", "mayor",
     "representative", "chancellor", "premier", "king", "queen", "prince", "princess", "pope",
     "sir", "lady", "lord", "sheikh", "ambassador", "chief", "director", "speaker", "leader"}
)


@lru_cache(maxsize=1)
def _outlet_names() -> frozenset[str]:
    names = set()
    for name in lexicon.load("outlets"):
        names.add(name)
        if name.startswith("The "):
            names.add(name[4:])
    return frozenset(names)


@lru_cache(maxsize=1)
def _outlet_names_lower() -> frozenset[str]:
    """Lower-cased names of five characters or more: "REUTERS", "Politifact" still match."""
    return frozenset(n.lower() for n in _outlet_names() if len(n) >= 5)


@lru_cache(maxsize=1)
def _outlet_regex() -> re.Pattern[str]:
    names = sorted(_outlet_names(), key=lambda n: (-len(n), n))
    body = "|".join(re.escape(n) for n in names)
    return re.compile(r"(?<![\w.])(?:[Tt]he\s+)?(?:" + body + r")(?![\w])")


@lru_cache(maxsize=1)
def _outlet_name_regex() -> re.Pattern[str]:
    """A capitalised name ending in an outlet word, optionally "The"-prefixed: "the Daily Ledger"."""
    words = sorted(lexicon.load("kind_outlet_words"), key=lambda w: (-len(w), w))
    tail = "|".join(re.escape(w) for w in words)
    cap = r"[A-Z][\w.&'\u2019-]*"
    return re.compile(rf"(?:[Tt]he\s+)?(?:{cap}\s+){{0,4}}(?:{tail})(?![\w])|(?:[Tt]he\s+)?Daily\s+{cap}(?:\s+{cap})?")


def _strip_outlet(text: str) -> str:
    text = " ".join(text.split())
    text = re.sub(r"['\u2019]s?$", "", text)
    if text[:4] in ("The ", "the "):
        text = text[4:]
    return text


@lru_cache(maxsize=8192)
def is_outlet_name(text: str) -> bool:
    """True when ``text`` is a known outlet or agency, or a proper name shaped like one."""
    core = _strip_outlet(text)
    if not core:
        return False
    names = _outlet_names()
    if core in names or (len(core) >= 5 and core.lower() in _outlet_names_lower()):
        return True
    words = core.split()
    if len(words) == 1 and text.lstrip()[:4] in ("The ", "the ") and core in lex_set_cased("kind_outlet_words"):
        return True  # "the Post has learned", "the Journal reported"
    if not all(w[:1].isupper() or w[:1].isdigit() or w in ("of", "and", "&", "de", "la", "el") for w in words):
        return False
    if len(words) >= 2 and (words[-1] in lex_set_cased("kind_outlet_words") or words[0] == "Daily"):
        # "John Post" is a person: the weaker outlet words need "the" in front.
        return words[-1] not in _WEAK_OUTLET_WORDS or text.lstrip()[:4] in ("The ", "the ")
    return False


@lru_cache(maxsize=None)
def lex_set_cased(name: str) -> frozenset[str]:
    return frozenset(lexicon.load(name))


def find_outlets(text: str, end: int | None = None) -> list[tuple[int, int]]:
    """Character spans of outlet names in ``text`` (before ``end`` when given), in order."""
    limit = len(text) if end is None else end
    spans = [m.span() for m in _outlet_regex().finditer(text, 0, limit)]
    for m in _outlet_name_regex().finditer(text, 0, limit):
        if is_outlet_name(m.group(0)) and not any(s <= m.start() < e for s, e in spans):
            spans.append(m.span())
    return sorted(spans)


def doc_outlets(doc: Doc, before: int | None = None) -> list[tuple[int, int]]:
    """``find_outlets`` over the whole doc text, computed once per doc; those ending before
    character ``before`` when given."""
    found = doc.user_data.get("newstrace.outlets")
    if found is None:
        found = find_outlets(doc_text(doc))
        doc.user_data["newstrace.outlets"] = found
    if before is None:
        return list(found)
    return [(s, e) for s, e in found if e <= before]


# ---------------------------------------------------------------------------------------------


def _is_pronoun(span: Span) -> bool:
    return len(span) == 1 and (span[0].pos_ == "PRON" or span[0].lower_ in PRONOUN_KINDS)


def _head(span: Span) -> Token:
    root = span.root
    # "one of the officials": the head is the noun after "of".
    if root.lower_ in ("one", "some", "several", "many", "two", "three") :
        for child in root.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                objects = [c for c in child.children if c.dep_ == "pobj"]
                if objects and objects[0].i < span.end:
                    return objects[0]
    return root


def _head_phrase(head: Token, span: Span) -> str:
    """The head noun with a preceding compound word when that forms a listed role ("prime minister")."""
    prev = head.doc[head.i - 1] if head.i - 1 >= span.start else None
    if prev is not None and prev.dep_ in ("compound", "amod"):
        return f"{prev.lower_} {head.lower_}"
    return head.lower_


def _in(word_or_phrase: str, head: Token, name: str) -> bool:
    words = lex_set(name)
    return word_or_phrase in words or head.lower_ in words or head.lemma_.lower() in words


def _determiner(span: Span, head: Token) -> str:
    """The counting determiner of the mention ("a", "one", "two", "several"), lower-cased, or ""."""
    for tok in span:
        if tok.i >= head.i:
            break
        if tok.dep_ in ("det", "nummod", "quantmod", "predet") or tok.like_num or tok.lower_ in lex_set("kind_indefinite"):
            return tok.lower_
    return ""


def _name_votes(doc: Doc) -> dict[str, str]:
    """Per document: the majority entity label of each name, and PERSON for the last word of every
    person's name, so "Trump" tagged ORG once is still read as the person named elsewhere."""
    cached = doc.user_data.get("newstrace.kind_names")
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    votes: dict[str, dict[str, int]] = {}
    for ent in doc_ents(doc):
        if ent.label_ not in ("PERSON", "ORG", "GPE", "NORP"):
            continue
        keys = {ent.text}
        if ent.label_ == "PERSON" and len(ent) > 1:
            keys.add(ent[-1].text)
        for key in keys:
            bucket = votes.setdefault(key, {})
            bucket[ent.label_] = bucket.get(ent.label_, 0) + (2 if key != ent.text else 1)
    result = {k: max(v.items(), key=lambda kv: kv[1])[0] for k, v in votes.items()}
    doc.user_data["newstrace.kind_names"] = result
    return result


def _named(span: Span, head: Token) -> str | None:
    """The entity label covering the head, or "PERSON" for a title + proper name ("Mr. Smith")."""
    if head.ent_type_ or (head.pos_ == "PROPN" and head.is_title):
        voted = _name_votes(head.doc).get(head.text)
        if voted == "PERSON" and (head.ent_type_ in ("", "ORG", "GPE", "NORP")):
            if normalize(head.text) not in _ORG_SUFFIXES and head.lower_ not in lex_set("kind_org_nouns"):
                return "PERSON"
    if head.ent_type_:
        return head.ent_type_
    if head.pos_ == "PROPN":
        tokens = [t for t in span if t.pos_ == "PROPN"]
        if tokens and any(normalize(t.text) in _TITLES for t in span if t.i < head.i):
            return "PERSON"
        return "PROPN"
    return None


def _anonymous_after(span: Span) -> bool:
    """An anonymity phrase right after the mention in its sentence ("..., who spoke on condition")."""
    doc = span.doc
    stop = min(len(doc), span.end + 14)
    if span.end < len(doc) and doc[span.end].is_sent_start:
        return False
    starts = sent_starts(doc)
    after = bisect_right(starts, span.start)
    sent_end = starts[after] if after < len(starts) else len(doc)
    tail = doc[span.end : min(stop, sent_end)].text
    return bool(tail) and bool(lex_regex("kind_anonymous_phrases").search(normalize(tail)))


def source_kind(span: Span, resolved: Span | None = None) -> str:
    """The kind of a source mention; ``resolved`` is its referent when known (used for pronouns,
    and to tell "the official" who was anonymous before)."""
    if len(span) == 0:
        return "unknown"
    if _is_pronoun(span):
        if resolved is not None and len(resolved) and not _is_pronoun(resolved):
            return source_kind(resolved)
        return PRONOUN_KINDS.get(span[0].lower_, "unknown")

    text_n = normalize(span.text)
    head = _head(span)
    named = _named(span, head)
    has_name = named is not None

    # 2. anonymous
    if lex_regex("kind_anonymous_phrases").search(text_n) and named != "PERSON":
        return "anonymous"
    if text_n in ("no one", "nobody", "none"):
        return "unknown"
    if named == "NORP" and _determiner(span, head) in _COUNTED:
        return "anonymous"  # "one Republican", "two Democratic lawmakers"
    if not has_name:
        if head.lower_ in _PEOPLE:
            # "two people" is a counted, unnamed source; "most people" a vague group.
            counted = _determiner(span, head) in lex_set("kind_indefinite")
            return "anonymous" if counted and _determiner(span, head) not in ("some", "other") else "unknown"
        if _in(head.lower_, head, "kind_anonymous_heads"):
            return "anonymous"
        phrase = _head_phrase(head, span)
        if _in(phrase, head, "kind_official_roles") and not _in(phrase, head, "kind_spokes_roles"):
            if _determiner(span, head) in lex_set("kind_indefinite") or _anonymous_after(span):
                return "anonymous"
            if resolved is not None and len(resolved) and resolved.start != span.start:
                if source_kind(resolved) == "anonymous":
                    return "anonymous"

    # 3. outlet
    if is_outlet_name(span.text):
        return "outlet"
    if not has_name:
        phrase = _head_phrase(head, span)
        if phrase in _WIRE_NOUNS or head.lower_ == "agency":
            if "news" in text_n or "wire" in text_n:
                return "outlet"
            if text_n.startswith("the ") or text_n.startswith("this "):
                return "outlet" if _news_agency_before(span, resolved) else "organization"
        elif phrase in lex_set("kind_outlet_nouns") or head.lower_ in lex_set("kind_outlet_nouns"):
            return "outlet"

    # 4. named person
    if named == "PERSON":
        return "person"

    # 5. head nouns
    phrase = _head_phrase(head, span)
    if named not in ("ORG", "GPE", "NORP", "FAC", "LOC", "PROPN"):
        if _in(phrase, head, "kind_document_nouns"):
            return "document"
        if _in(phrase, head, "kind_official_roles"):
            return "official"
        if _in(phrase, head, "kind_org_nouns"):
            return "organization"
        if head.lower_ in lex_set("kind_group_nouns"):
            return "unknown"
        if _in(phrase, head, "kind_person_nouns"):
            return "person"
    elif named == "PROPN" and _in(phrase, head, "kind_document_nouns") and head.pos_ != "PROPN":
        return "document"

    # 6. entity type of the head
    if named in _ORG_LABELS:
        if _in(phrase, head, "kind_official_roles") and named in ("NORP", "GPE"):
            return "official"
        return "organization"
    if named == "PROPN":
        if normalize(span[-1].text) in _ORG_SUFFIXES or head.lower_ in lex_set("kind_org_nouns"):
            return "organization"
        if head.is_upper and len(head) <= 6 and len(span) <= 2:
            return "organization"  # "the IMF", "NATO"
        return "person"
    if any(t.dep_ == "appos" and t.ent_type_ == "PERSON" and t.head.i == head.i for t in span):
        return "person"  # "Trump's running mate, Indiana Gov. Mike Pence,"
    return _name_shaped(span)


def _name_shaped(span: Span) -> str:
    """Last resort for a capitalised mention the tagger missed: person, or organization if voted."""
    words = [t for t in span if not t.is_punct]
    if not words or len(words) > 4 or words[0].lower_ in _DETERMINERS:
        return "unknown"
    if not all(t.is_title or t.is_upper for t in words):
        return "unknown"
    if any(t.lower_ in PRONOUN_KINDS or t.is_stop for t in words):
        return "unknown"
    votes = _name_votes(span.doc)
    vote = votes.get(span.text) or votes.get(words[-1].text)
    if vote in _ORG_LABELS:
        return "organization"
    if words[-1].is_upper and len(words[-1]) <= 6 and vote != "PERSON":
        return "organization"
    return "person"


def _news_agency_before(span: Span, resolved: Span | None) -> bool:
    """True when "the agency" refers to a news agency: resolved to an outlet or one named before."""
    if resolved is not None and len(resolved) and is_outlet_name(resolved.text):
        return True
    if doc_outlets(span.doc, span.start_char):
        return True
    before = doc_text(span.doc)[max(0, span.start_char - 20_000) : span.start_char]
    return bool(_NEWS_AGENCY_HINT.search(before))
