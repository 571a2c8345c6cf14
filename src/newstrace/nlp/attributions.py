"""Rule-based attribution extraction over a spaCy parse: cue, source and content spans.

For each cue predicate (see ``cues``) the source is the mention in its own clause (the subject,
the relative pronoun, the "by" agent, the object of "according to", or the subject inherited by a
participle or a coordinated verb), and the content is its message (a clause, an object, a "to"
clause, the clause an "X said" parenthetical interrupts). Direct quotes widen the content to the
whole quote, across sentences and paragraphs, and a quote split by "he said" is one content.
Tagging is univocal, as in PolNeAR: no token belongs to two attributions.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable

from newstrace.nlp.cues import ATTITUDE, COGNITION, INTENT, SPEECH, CueLexicon, cue_lexicon, cue_tokens
from newstrace.nlp.quotes import find_quotes

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span, Token

CharSpan = tuple[int, int]

_SUBJ = ("nsubj", "csubj")
_CONTENT_PREPS = {"about", "on", "of", "for", "against", "over", "to", "with", "at"}
_QUOTE_CHARS = set("\"'\u201c\u201d\u2018\u2019\u201e\u00ab\u00bb`")


@dataclass(frozen=True, slots=True)
class Found:
    """One attribution as character spans into the parsed text (``doc.text``)."""

    cue: CharSpan
    source: CharSpan | None
    content: CharSpan | None
    type: str
    method: str
    cue_head: int  # token index of the cue's head word (for stance and source-kind lookups)
    source_head: int | None


@dataclass(slots=True)
class _Cand:
    cue: list[int]
    source: list[int]
    content: list[int]
    method: str
    head: int
    source_head: int | None = None
    content_chars: CharSpan | None = None


def _chars(doc: Doc, ids: Iterable[int]) -> CharSpan | None:
    ids = sorted(ids)
    if not ids:
        return None
    last = doc[ids[-1]]
    return doc[ids[0]].idx, last.idx + len(last.text)


def _is_punct(tok: Token) -> bool:
    return tok.is_punct or tok.is_space or tok.text in _QUOTE_CHARS


def _trim(doc: Doc, ids: list[int], keep_quotes: bool = True) -> list[int]:
    """Drop leading/trailing punctuation (quote marks stay when asked) and coordinators."""
    ids = sorted(ids)
    def drop(tok: Token) -> bool:
        if tok.is_space:
            return True
        if keep_quotes and tok.text in _QUOTE_CHARS | {"''", "``"}:
            return False
        return _is_punct(tok) or tok.dep_ == "cc"
    while ids and drop(doc[ids[0]]):
        ids.pop(0)
    while ids and drop(doc[ids[-1]]):
        ids.pop()
    return ids


def _subtree(tok: Token) -> list[int]:
    return [t.i for t in tok.subtree]


def _span_ids(tok: Token) -> list[int]:
    """Token ids of the contiguous subtree span of ``tok`` (``left_edge`` .. ``right_edge``)."""
    return list(range(tok.left_edge.i, tok.right_edge.i + 1))


def _np_ids(tok: Token) -> list[int]:
    """The mention headed by ``tok``: its subtree, trimmed."""
    return _trim(tok.doc, _span_ids(tok), keep_quotes=False)


# ----------------------------------------------------------------------------- sources
def _own_subject(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in _SUBJ:
            return child
    return None


def _agent(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "agent":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    return pobj
    return None


def _find_source(verb: Token) -> Token | None:
    """The source mention of a cue verb: its subject, its agent, or an inherited subject."""
    subj = _own_subject(verb)
    if subj is not None:
        return subj
    agent = _agent(verb)
    if agent is not None:
        return agent
    cur = verb
    for _ in range(3):
        dep = cur.dep_
        head = cur.head
        if head is cur:
            return None
        if dep in ("conj", "xcomp", "advcl"):
            subj = _own_subject(head) or _agent(head)
            if subj is not None:
                return subj
            cur = head
            continue
        if dep in ("acl", "relcl") and head.pos_ in ("NOUN", "PROPN", "PRON"):
            return head
        return None
    return None


def _source_ids(src: Token, verb: Token) -> list[int]:
    if verb.dep_ in ("acl", "relcl") and src is verb.head:
        # "a statement saying ..." -> the noun phrase without the clause that holds the cue
        ids = [i for i in _span_ids(src) if not (verb.left_edge.i <= i <= verb.right_edge.i)]
        return _trim(src.doc, ids, keep_quotes=False)
    return _np_ids(src)


# ----------------------------------------------------------------------------- contents
def _content_of(verb: Token, cls: str, lex: CueLexicon) -> tuple[list[int], Token | None, str]:
    """Content token ids of a cue verb, the preposition that joins the cue, and a rule id."""
    children = list(verb.children)
    for child in children:
        if child.dep_ == "ccomp":
            return _span_ids(child), None, "ccomp"
    right = [c for c in children if c.i > verb.i]
    if cls in (SPEECH, ATTITUDE, INTENT) or cls == COGNITION:
        for child in right:
            if child.dep_ in ("xcomp",) and cls in (INTENT, SPEECH, COGNITION, ATTITUDE):
                return _span_ids(child), None, "xcomp"
        objs = [c for c in right if c.dep_ in ("dobj", "attr", "oprd")]
        if objs and cls != COGNITION:
            obj = objs[0]
            ids = _span_ids(obj)
            # "described the plan as reckless", "accused him of lying": the object's complement
            for c in right:
                if c.i > obj.right_edge.i and c.dep_ in ("prep", "oprd", "xcomp", "advcl", "ccomp") and (
                    c.dep_ != "prep" or c.lower_ in ("as", "of", "for", "to")):
                    ids = list(range(ids[0], c.right_edge.i + 1))
            return ids, None, "dobj"
        for child in right:
            if child.dep_ == "prep" and f"{verb.lemma_.lower()} {child.lower_}" in lex.preps:
                pobjs = [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
                if pobjs:
                    return _span_ids(pobjs[0]), child, "prep"
        for child in right:
            if child.dep_ == "prep" and child.lower_ in _CONTENT_PREPS and cls in (SPEECH, ATTITUDE) \
                    and child.i == verb.i + 1:
                pobjs = [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
                if pobjs:
                    return _span_ids(pobjs[0]), child, "prep"
    # "The plan, she said, will fail." / "It will fail, he said": the interrupted clause
    head = verb.head
    if verb.dep_ in ("parataxis", "ccomp", "advcl", "conj") and head is not verb and cls in (SPEECH, COGNITION):
        if head.pos_ in ("VERB", "AUX") and _own_subject(verb) is not None:
            skip = set(_span_ids(verb))
            ids = [i for i in _span_ids(head) if i not in skip]
            if verb.dep_ in ("parataxis", "ccomp") or (verb.i > head.i and verb.i == verb.sent.end - 2):
                return ids, None, "parenthetical"
    return [], None, ""


def _according_to(tok: Token) -> _Cand | None:
    """"according to X": X is the source, the clause it modifies is the content."""
    if tok.lower_ != "according" or tok.i + 1 >= len(tok.doc) or tok.doc[tok.i + 1].lower_ != "to":
        return None
    to = tok.doc[tok.i + 1]
    pobj = next((c for c in list(to.children) + list(tok.children) if c.dep_ == "pobj"), None)
    src = _np_ids(pobj) if pobj is not None else []
    head = tok.head
    hops = 0
    while head.pos_ not in ("VERB", "AUX") and head.head is not head and hops < 3:
        head, hops = head.head, hops + 1
    skip = set(range(tok.left_edge.i, max(tok.right_edge.i, to.right_edge.i) + 1))
    if head is tok:
        content: list[int] = []
    else:
        content = [i for i in _span_ids(head) if i not in skip]
        sent = tok.sent
        content = [i for i in content if sent.start <= i < sent.end]
    return _Cand([tok.i, to.i], src, content, "according_to", tok.i,
                 source_head=pobj.i if pobj is not None else None)


# ----------------------------------------------------------------------------- extraction
def _verb_candidate(tok: Token, lex: CueLexicon) -> _Cand | None:
    if tok.pos_ not in ("VERB", "AUX"):
        return None
    cls = lex.class_of(tok.lemma_)
    if cls is None:
        return None
    content, prep, rule = _content_of(tok, cls, lex)
    if not content:
        return None
    src_tok = _find_source(tok)
    if src_tok is None and cls in (ATTITUDE, INTENT, COGNITION):
        return None
    if cls == COGNITION and rule not in ("ccomp", "parenthetical"):
        return None
    source = _source_ids(src_tok, tok) if src_tok is not None else []
    cue = cue_tokens(tok, lex, prep)
    cue_set = set(cue)
    source = [i for i in source if i not in cue_set]
    content = [i for i in content if i not in cue_set and i not in set(source)]
    return _Cand(cue, source, content, f"{cls}:{rule}", tok.i,
                 source_head=src_tok.i if src_tok is not None else None)


def _widen_to_quotes(doc: Doc, cand: _Cand, quotes: list[CharSpan]) -> None:
    """Content overlapping a direct quote takes the whole quote; a quote that resumes right after
    the "he said" that split it joins the same content."""
    span = _chars(doc, _trim(doc, cand.content))
    if span is None:
        return
    start, end = span
    touched = False
    for qs, qe in quotes:
        if qs < end and qe > start:
            start, end = min(start, qs), max(end, qe)
            touched = True
    if touched:
        around = _chars(doc, cand.cue + cand.source)
        if around is not None and around[0] >= end - 1:
            gap_end = around[1]
            for qs, qe in quotes:
                if qs >= gap_end and not doc.text[gap_end:qs].strip(" ,:;\u2014-\n") and "\n\n" not in doc.text[gap_end:qs]:
                    end = qe
                    break
    cand.content_chars = (start, end)


def _type_of(text: str, content: CharSpan | None, quotes: list[CharSpan]) -> str:
    if content is None:
        return "indirect"
    start, end = content
    inside = sum(min(end, qe) - max(start, qs) for qs, qe in quotes if qs < end and qe > start)
    if inside <= 0:
        return "indirect"
    words = [c for c in text[start:end] if c.isalnum()]
    quoted = sum(1 for qs, qe in quotes if qs < end and qe > start for c in text[max(start, qs):min(end, qe)] if c.isalnum())
    return "direct" if quoted >= len(words) else "mixed"


def extract(doc: Doc, lex: CueLexicon | None = None) -> tuple[list[Found], int]:
    """All attributions of a parsed text, and the number of unbalanced quotes skipped."""
    lex = lex or cue_lexicon()
    scan = find_quotes(doc.text)
    quotes = list(scan.spans)
    cands: list[_Cand] = []
    for tok in doc:
        cand = _according_to(tok) or _verb_candidate(tok, lex)
        if cand is not None:
            cands.append(cand)
    for cand in cands:
        _widen_to_quotes(doc, cand, quotes)
    return _resolve(doc, cands, quotes), scan.unbalanced


def _resolve(doc: Doc, cands: list[_Cand], quotes: list[CharSpan]) -> list[Found]:
    """Univocal tagging: a cue inside another attribution's content or source is dropped."""
    spans = []
    for cand in cands:
        content = cand.content_chars or _chars(doc, _trim(doc, cand.content))
        spans.append(content)
    out: list[Found] = []
    taken: list[CharSpan] = []
    for cand, content in zip(cands, spans):
        cue = _chars(doc, cand.cue)
        assert cue is not None
        nested = False
        for other, ocontent in zip(cands, spans):
            if other is cand or ocontent is None:
                continue
            if ocontent[0] <= cue[0] and cue[1] <= ocontent[1]:
                nested = True
                break
        if nested:
            continue
        source = _chars(doc, cand.source)
        out.append(Found(cue, source, content, _type_of(doc.text, content, quotes), cand.method,
                         cand.head, cand.source_head))
    return out
