"""What a source mention refers to: ``source.resolved`` of the contract.

``resolve_source(span, doc)`` returns the character offsets (into ``doc.text``) of an earlier
mention that names what ``span`` refers to, or None when unsure:

* "he" / "she" -> the nearest compatible person before it (subjects first; gender from titles and
  from the pronouns that follow each person elsewhere in the article); "they" -> the nearest
  plural or collective subject (officials, an organisation); "it" -> the nearest organisation,
  outlet or document subject; "who" / "which" -> the noun the relative clause hangs on;
* "the newspaper", "the agency", "the broadcaster" -> the outlet named before it;
* "the report", "the study", "the statement" -> who is behind the document named before it ("a
  report by the Daily Ledger", "Reuters reported ...", "the ministry said in a statement");
* "the ministry", "the company" -> the organisation named before it ("the Finance Ministry");
* "the minister", "the spokesman" -> the person introduced with that role; "the official",
  "the source" -> the earlier "one official", "a source";
* a surname or short name ("Putin", "the FBI") -> the full name used before it.

A found person given by surname is followed to the full name. Rules over the parse; per-document
tables are cached in ``doc.user_data``.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from newstrace.nlp._doccache import sent_starts as doc_sent_starts
from newstrace.nlp._gender import name_gender, title_gender
from newstrace.nlp._lexre import lex_set, normalize
from newstrace.nlp.entities import entity_clusters
from newstrace.nlp.kinds import doc_outlets, is_outlet_name, source_kind

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["resolve_source"]

_MALE = frozenset({"he", "him", "his", "himself"})
_FEMALE = frozenset({"she", "her", "hers", "herself"})
_PLURAL = frozenset({"they", "them", "their", "theirs", "themselves"})
_NEUTER = frozenset({"it", "its", "itself"})
_RELATIVE = frozenset({"who", "which", "that", "whom", "whose"})
_HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "sen", "rep", "gov", "prof", "gen", "lt", "col"})
_SUBJ = frozenset({"nsubj", "nsubjpass"})
_NP_DEPS = frozenset({"det", "amod", "compound", "poss", "nummod", "nmod", "quantmod", "case"})
_AUTHOR_PREPS = frozenset({"by", "from", "of"})
_REPORT_VERBS = frozenset({"report", "publish", "release", "reveal", "find", "break", "say"})
_WINDOW_SENTS = 5
_MAX_CHARS_BACK = 6000


@dataclass
class _Mention:
    start: int  # token indices
    end: int
    start_char: int
    end_char: int
    canonical: str
    words: int
    subject: bool
    gender: str | None = None
    name_tokens: int = 1  # tokens of the name itself, titles excluded


@dataclass
class _DocTables:
    sent_starts: list[int]
    persons: list[_Mention]
    genders: dict[str, str] = field(default_factory=dict)
    subjects: list[int] = field(default_factory=list)  # token indices of non-pronoun subjects


def _tables(doc: Doc) -> _DocTables:
    cached = doc.user_data.get("newstrace.resolve")
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    sent_starts = doc_sent_starts(doc)
    persons: list[_Mention] = []
    for ent, canonical in entity_clusters(doc):
        if ent.label != "PERSON":
            continue
        span = doc.char_span(ent.start, ent.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        if len(span) > 1 and span[-1].tag_ == "POS":
            span = span[:-1]  # "Donald Trump's"
        title = _title_gender(doc, span)
        name_tokens = len(span)
        start_char = ent.start
        if span.start > 0 and doc[span.start - 1].lower_.rstrip(".") in _HONORIFICS:
            span = doc[span.start - 1 : span.end]  # "Ms. Jones", not "Jones"
            start_char = span.start_char
        persons.append(_Mention(span.start, span.end, start_char, span.end_char, canonical,
                                len(canonical.split()), span.root.dep_ in _SUBJ, title, name_tokens))
    tables = _DocTables(sent_starts, persons)
    tables.genders = _gender_votes(doc, persons)
    tables.subjects = [t.i for t in doc if t.dep_ in _SUBJ and t.pos_ != "PRON"]
    doc.user_data["newstrace.resolve"] = tables
    return tables


def _title_gender(doc: Doc, span: Span) -> str | None:
    words = [t.text for t in span[:2]]
    if span.start > 0:
        words.append(doc[span.start - 1].text)
    for word in words:
        gender = title_gender(word)
        if gender is not None:
            return gender
    return None


def _gender_votes(doc: Doc, persons: list[_Mention]) -> dict[str, str]:
    """Gender per canonical name: titles first, else the first he/she pronoun after each mention
    (before any other person is named) votes."""
    votes: dict[str, list[int]] = {}
    starts = [p.start for p in persons]
    for i, person in enumerate(persons):
        if person.canonical not in votes:
            by_name = name_gender(person.canonical)
            votes[person.canonical] = [5 if by_name == "m" else 0, 5 if by_name == "f" else 0]
        tally = votes[person.canonical]
        if person.gender == "m":
            tally[0] += 3
        elif person.gender == "f":
            tally[1] += 3
        limit = starts[i + 1] if i + 1 < len(starts) else len(doc)
        for tok in doc[person.end : min(limit, person.end + 40)]:
            if tok.lower_ in _MALE:
                tally[0] += 1
                break
            if tok.lower_ in _FEMALE:
                tally[1] += 1
                break
    return {k: ("m" if m > f else "f") for k, (m, f) in votes.items() if m != f}


def _sent_index(tables: _DocTables, token_i: int) -> int:
    return bisect_right(tables.sent_starts, token_i) - 1


def _np_bounds(token: Token) -> tuple[int, int]:
    """Token bounds of the noun phrase headed by ``token`` (its entity when it is in one)."""
    doc = token.doc
    if token.ent_iob_ in ("B", "I"):
        start = token.i
        while start > 0 and doc[start].ent_iob_ == "I":
            start -= 1
        end = token.i + 1
        while end < len(doc) and doc[end].ent_iob_ == "I":
            end += 1
        left = min([start] + [c.left_edge.i for c in token.children if c.dep_ in ("det", "poss") and c.i < start])
        return left, end
    left = token.i
    for child in token.children:
        if child.dep_ in _NP_DEPS and child.i < token.i:
            left = min(left, child.left_edge.i)
    return left, token.i + 1


def _chars(doc: Doc, start: int, end: int) -> tuple[int, int]:
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)


def _full_name(doc: Doc, tables: _DocTables, mention: _Mention, before_char: int) -> tuple[int, int]:
    """The nearest mention before ``before_char`` that spells out ``mention``'s full name."""
    if mention.words >= 2 and mention.name_tokens >= 2:
        return mention.start_char, mention.end_char
    best = None
    for other in tables.persons:
        if other.start_char >= before_char:
            break
        if other.canonical == mention.canonical and other.name_tokens >= 2:
            best = other
    if best is None:
        return mention.start_char, mention.end_char
    return best.start_char, best.end_char


def resolve_source(span: Span, doc: Doc) -> tuple[int, int] | None:
    """Character offsets of what the source mention ``span`` refers to, or None when unsure."""
    if span is None or len(span) == 0:
        return None
    result = _resolve(span, doc)
    if result is None:
        return None
    start, end = result
    # Only an earlier, non-overlapping mention is a referent.
    if end > span.start_char or start >= end or (start, end) == (span.start_char, span.end_char):
        return None
    return result


def _resolve(span: Span, doc: Doc) -> tuple[int, int] | None:
    tables = _tables(doc)
    if len(span) == 1 and (span[0].pos_ == "PRON" or span[0].lower_ in _RELATIVE):
        word = span[0].lower_
        if word in _RELATIVE:
            return _relative(span[0], doc, tables)
        if word in _MALE or word in _FEMALE:
            return _personal(span, doc, tables, "m" if word in _MALE else "f")
        if word in _PLURAL:
            return _collective(span, doc, tables, plural=True)
        if word in _NEUTER:
            return _collective(span, doc, tables, plural=False)
        return None
    head = span.root
    phrase = normalize(span.text)
    definite = phrase.split()[0] in ("the", "this", "that") if phrase else False
    lower = head.lower_
    if definite and head.pos_ != "PROPN":
        if lower in lex_set("kind_outlet_nouns") or lower in ("agency", "service"):
            return _outlet_before(span, doc)
        if lower in lex_set("kind_document_nouns"):
            return _document_author(span, doc, tables)
        if lower in lex_set("kind_org_nouns"):
            return _organisation_before(span, doc, tables)
        if lower in lex_set("kind_official_roles") or lower in lex_set("kind_person_nouns") or lower in lex_set("kind_anonymous_heads"):
            return _role_before(span, doc, tables)
        return None
    return _short_name(span, doc, tables)


# ---------------------------------------------------------------------------------------------
# Pronouns


def _relative(token: Token, doc: Doc, tables: _DocTables) -> tuple[int, int] | None:
    verb = token.head
    if verb.dep_ != "relcl" or verb.head.i >= token.i:
        return None
    noun = verb.head
    if noun.pos_ == "PRON":
        return None
    start, end = _np_bounds(noun)
    for person in tables.persons:
        if person.start <= noun.i < person.end:
            return _full_name(doc, tables, person, person.start_char + 1)
    return _chars(doc, start, end)


def _window(span: Span, tables: _DocTables) -> tuple[int, int]:
    """First sentence index and the current one for a backwards search."""
    current = _sent_index(tables, span.start)
    return max(0, current - _WINDOW_SENTS), current


def _personal(span: Span, doc: Doc, tables: _DocTables, gender: str) -> tuple[int, int] | None:
    first, current = _window(span, tables)
    by_sent: dict[int, list[_Mention]] = {}
    for person in tables.persons:
        if person.end > span.start:
            break
        s = _sent_index(tables, person.start)
        if s >= first:
            by_sent.setdefault(s, []).append(person)
    role_mentions = _role_subjects(span, doc, tables, first)
    for s in range(current, first - 1, -1):
        candidates = by_sent.get(s, []) + role_mentions.get(s, [])
        # Subjects first, then the closest.
        candidates.sort(key=lambda m: (not m.subject, -m.start))
        for cand in candidates:
            known = tables.genders.get(cand.canonical) or cand.gender
            if known is not None and known != gender:
                continue
            if cand.canonical == "":
                return cand.start_char, cand.end_char
            return _full_name(doc, tables, cand, span.start_char)
    return None


def _role_subjects(span: Span, doc: Doc, tables: _DocTables, first: int) -> dict[int, list[_Mention]]:
    """Unnamed singular person/official subjects ("the finance minister") as pronoun candidates."""
    out: dict[int, list[_Mention]] = {}
    roles = lex_set("kind_official_roles") | lex_set("kind_person_nouns")
    start_tok = tables.sent_starts[first] if first < len(tables.sent_starts) else 0
    lo = bisect_right(tables.subjects, start_tok - 1)
    for i in tables.subjects[lo:]:
        if i >= span.start:
            break
        tok = doc[i]
        if tok.tag_ == "NN" and tok.lower_ in roles and not tok.ent_type_:
            s, e = _np_bounds(tok)
            sc, ec = _chars(doc, s, e)
            out.setdefault(_sent_index(tables, tok.i), []).append(_Mention(s, e, sc, ec, "", 0, True))
    return out


def _collective(span: Span, doc: Doc, tables: _DocTables, plural: bool) -> tuple[int, int] | None:
    """ "they" -> plural or collective subject; "it" -> organisation, outlet or document subject."""
    first, current = _window(span, tables)
    first = max(first, current - 3)
    start_tok = tables.sent_starts[first] if first < len(tables.sent_starts) else 0
    best: tuple[int, int] | None = None
    lo = bisect_right(tables.subjects, start_tok - 1)
    for i in tables.subjects[lo:]:
        if i >= span.start:
            break
        tok = doc[i]
        s, e = _np_bounds(tok)
        if any(t.dep_ == "conj" for t in tok.children) and plural:
            last = max(t.i for t in tok.subtree if t.dep_ == "conj")
            e = max(e, last + 1)
        np_span = doc[s:e]
        kind = source_kind(np_span)
        is_plural = tok.tag_ in ("NNS", "NNPS") or (plural and any(t.dep_ == "conj" for t in tok.children))
        if plural:
            ok = (is_plural and kind in ("official", "anonymous", "organization", "person", "unknown", "outlet")) or (
                kind == "organization" and tok.tag_ != "PRP")
        else:
            ok = not is_plural and kind in ("organization", "outlet", "document") and not any(
                p.start <= tok.i < p.end for p in tables.persons)
        if ok:
            best = _chars(doc, s, e)
    return best


# ---------------------------------------------------------------------------------------------
# Definite descriptions and short names


def _outlet_before(span: Span, doc: Doc) -> tuple[int, int] | None:
    found = doc_outlets(doc, span.start_char)
    if found and found[-1][0] >= span.start_char - _MAX_CHARS_BACK * 3:
        return found[-1]
    if span.root.lower_ == "agency":
        # "the agency" with no news outlet before it: a government agency named before.
        best = None
        for ent, _ in entity_clusters(doc):
            if ent.start >= span.start_char:
                break
            if ent.label == "ORG" and "agency" in ent.text.lower():
                best = (ent.start, ent.end)
        return best
    return None


def _document_author(span: Span, doc: Doc, tables: _DocTables) -> tuple[int, int] | None:
    head = span.root
    lemma = head.lemma_.lower()
    lo_tok = tables.sent_starts[max(0, _sent_index(tables, span.start) - 15)]
    earlier = [t for t in doc[lo_tok : span.start] if t.lemma_.lower() == lemma and t.pos_ == "NOUN"]
    for tok in reversed(earlier):
        author = _author_of(tok)
        if author is not None:
            return _chars(doc, *author)
        return None  # the same document named before without an author: unsure
    # "Reuters reported that ..." then "The report said": the reporting subject.
    for tok in reversed(doc[lo_tok : span.start]):
        if tok.pos_ == "VERB" and tok.lemma_.lower() in _REPORT_VERBS and tok.lemma_.lower() != "say":
            subjects = [c for c in tok.children if c.dep_ == "nsubj" and c.pos_ != "PRON"]
            if subjects:
                s, e = _np_bounds(subjects[0])
                if source_kind(doc[s:e]) in ("outlet", "organization"):
                    return _chars(doc, s, e)
    return None


def _author_of(tok: Token) -> tuple[int, int] | None:
    """Who is behind a document noun: "a report by X", "X's report", "X said in a statement"."""
    for child in tok.children:
        if child.dep_ == "poss" and child.pos_ != "PRON":
            return _np_bounds(child)
        if child.dep_ == "prep" and child.lower_ in _AUTHOR_PREPS:
            objs = [c for c in child.children if c.dep_ == "pobj"]
            if objs and (objs[0].pos_ == "PROPN" or objs[0].ent_type_):
                return _np_bounds(objs[0])
        if child.dep_ == "acl":  # "a report published by X"
            for agent in (c for c in child.children if c.dep_ == "agent"):
                objs = [c for c in agent.children if c.dep_ == "pobj"]
                if objs:
                    return _np_bounds(objs[0])
    if tok.dep_ == "pobj" and tok.head.dep_ == "prep" and tok.head.lower_ in ("in", "through"):
        verb = tok.head.head
        subjects = [c for c in verb.children if c.dep_ == "nsubj" and c.pos_ != "PRON"]
        if subjects:
            return _np_bounds(subjects[0])
    return None


def _organisation_before(span: Span, doc: Doc, tables: _DocTables) -> tuple[int, int] | None:
    word = span.root.lower_
    near = tables.sent_starts[max(0, _sent_index(tables, span.start) - 3)]
    near_char = doc[near].idx if near < len(doc) else 0
    best_named = None
    best_near = None
    for ent, _ in entity_clusters(doc):
        if ent.end > span.start_char:
            break
        if ent.label not in ("ORG", "GPE", "NORP") or is_outlet_name(ent.text):
            continue
        if word in ent.text.lower().split():
            best_named = (ent.start, ent.end)
        elif ent.label == "ORG" and ent.start >= near_char and word in ("company", "firm", "group", "bank", "organization", "organisation"):
            best_near = (ent.start, ent.end)
    return best_named or best_near


def _role_before(span: Span, doc: Doc, tables: _DocTables) -> tuple[int, int] | None:
    """ "the minister" -> the person introduced with that role; "the official" -> "one official"."""
    role = span.root.lemma_.lower()
    word = span.root.lower_
    lo = tables.sent_starts[max(0, _sent_index(tables, span.start) - 10)]
    for person in reversed(tables.persons):
        if person.end > span.start or person.start < lo:
            continue
        left = max(0, person.start - 4)
        right = min(len(doc), person.end + 8)
        sent = _sent_index(tables, person.start)
        window = [t for t in doc[left:right] if _sent_index(tables, t.i) == sent]
        context = {t.lower_ for t in window} | {t.lemma_.lower() for t in window}
        if word in context or role in context:
            return _full_name(doc, tables, person, span.start_char)
    for tok in reversed(doc[lo : span.start]):
        if tok.i >= span.start:
            continue
        if (tok.lemma_.lower() == role or tok.lower_ == word) and tok.pos_ == "NOUN":
            s, e = _np_bounds(tok)
            if s < span.start:
                # Extend over "familiar with the talks" and similar post-modifiers.
                e = max(e, max((t.i for t in tok.subtree if t.i >= tok.i and t.dep_ != "relcl" and t.i < span.start), default=tok.i) + 1)
                return _chars(doc, s, e)
    return None


def _short_name(span: Span, doc: Doc, tables: _DocTables) -> tuple[int, int] | None:
    """A surname or short organisation name -> the full name used before it."""
    for person in tables.persons:
        if person.start_char >= span.start_char and person.start < span.end:
            if person.start > span.root.i or person.end <= span.root.i:
                continue
            full = _full_name(doc, tables, person, span.start_char)
            return None if full == (person.start_char, person.end_char) else full
    mine = None
    for ent, canonical in entity_clusters(doc):
        if ent.start <= span.root.idx < ent.end:
            mine = (ent, canonical)
            break
    if mine is None or mine[0].label == "PERSON":
        return None
    ent, canonical = mine
    if normalize(ent.text).replace("the ", "", 1) == normalize(canonical):
        return None
    best = None
    for other, other_canonical in entity_clusters(doc):
        if other.start >= span.start_char:
            break
        if other_canonical == canonical and normalize(other.text).endswith(normalize(canonical)):
            best = (other.start, other.end)
    return best
