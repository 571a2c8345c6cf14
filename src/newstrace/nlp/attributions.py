"""Rule-based attribution extraction over a spaCy parse: cue, source and content spans.

Cue predicates come from the lexicons in ``cues``; their source and content from ``arguments``.
Besides verbs, "according to X", headline colons ("Senator: budget is dead") and raising
predicates ("seemed to", "is expected to") are cues. Direct quotes widen the content to the whole
quote, across sentences and paragraphs; a quote split by "he said" and a quote that goes on right
after "he said." belong to the same content. Tagging is univocal, as in PolNeAR: an attribution
nested in another's content either cuts that content (a trailing "..., saying ...") or is dropped.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from newstrace import lexicon
from newstrace.nlp.arguments import (ADDRESSEE_VERBS, QUOTE_TEXTS, content_of, find_source, framed_content, left_neighbour_subject, mention_ids, own_subject,
                                     source_ids, span_ids, trim)
from newstrace.nlp.candidate import Cand as _Cand, CharSpan, chars as _chars, make as _cand
from newstrace.nlp.cues import ATTITUDE, COGNITION, INTENT, QUOTE_ONLY, SPEECH, CueLexicon, cue_lexicon, cue_tokens
from newstrace.nlp.nominal import idiom_cue, noun_cue
from newstrace.nlp.quotes import find_quotes

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token



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
    content_parts: tuple[CharSpan, ...] = ()  # the content without an inserted "he said" frame


# ----------------------------------------------------------------------------- candidates
def _according_to(tok: Token) -> _Cand | None:
    """"according to X": X is the source, the clause it modifies is the content."""
    doc = tok.doc
    if tok.lower_ != "according" or tok.i + 1 >= len(doc) or doc[tok.i + 1].lower_ != "to":
        return None
    to = doc[tok.i + 1]
    pobj = next((c for c in list(to.children) + list(tok.children) if c.dep_ == "pobj"), None)
    source = mention_ids(pobj) if pobj is not None else []
    head = tok.head
    hops = 0
    while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i and hops < 3:
        head, hops = head.head, hops + 1
    skip = set(range(tok.left_edge.i, max(tok.right_edge.i, to.right_edge.i) + 1))
    content: list[int] = []
    if head.i != tok.i:
        sent = tok.sent
        content = [i for i in span_ids(head) if i not in skip and sent.start <= i < sent.end]
        content = [i for i in content if "\n" not in doc[min(i, tok.i):max(i, tok.i)].text]
    return _cand([tok.i, to.i], source, content, "according_to", tok.i,
                 pobj.i if pobj is not None else None)


_VIEW_NOUNS = frozenset({"view", "opinion", "words", "estimation", "assessment", "telling", "mind", "eyes",
                         "reckoning"})


def _in_view(tok: Token) -> _Cand | None:
    """"In Smith's view, the plan is dead" / "the plan, in his words, is dead": the owner is the
    source, the clause the phrase modifies the content."""
    if tok.lower_ not in _VIEW_NOUNS or tok.dep_ != "pobj" or tok.head.lower_ != "in" or any(
            c.dep_ == "amod" for c in tok.children):  # "in their right mind" is no one's view
        return None
    owner = next((c for c in tok.children if c.dep_ == "poss"), None)
    prep = tok.head
    if owner is None or prep.i + 1 > owner.left_edge.i or prep.dep_ != "prep":
        return None
    head = prep.head
    if head.pos_ not in ("VERB", "AUX") or head.i == prep.i:
        return None
    sent = tok.sent
    skip = set(span_ids(prep))
    content = [i for i in span_ids(head) if i not in skip and sent.start <= i < sent.end]
    content = trim(tok.doc, content)
    if len(content) < 3:
        return None
    cue = list(range(owner.right_edge.i + 1, tok.i + 1))  # "view": "In" would swallow the owner
    return _cand(cue, mention_ids(owner), content, "in_view", tok.i, owner.i)


_POLLS = frozenset({"poll", "survey", "polling", "average"})


def _poll_noun(pobj: Token) -> bool:
    """"a new poll", "the RealClearPolitics average of polls", "exit polls"."""
    if pobj.lemma_.lower() in _POLLS - {"average"}:
        return True
    return pobj.lemma_.lower() == "average" and any(
        t.lemma_.lower() in _POLLS for t in pobj.subtree if t.i > pobj.i)


def _fronted_in(tok: Token, lex: CueLexicon) -> _Cand | None:
    """"In a new poll, Clinton leads by four points" / "Trump leads in the polls": the poll is
    the source, the clause it frames the content."""
    if tok.lower_ != "in" or tok.dep_ != "prep":
        return None
    pobj = next((c for c in tok.children if c.dep_ == "pobj"), None)
    if pobj is None or not _poll_noun(pobj):
        return None
    sent = tok.sent
    fronted = tok.i == sent.start or doc_text_before(tok).isspace() or tok.i == sent.start + 1 and not doc_text_before(tok).isalpha()
    skip = set(span_ids(tok))
    if not fronted and (pobj.tag_ in ("NNS", "NNPS") or pobj.lower_ == "polling"):
        return None  # "leads in the polls": the standing in general, not one poll's finding
    if fronted:
        content = [i for i in range(tok.right_edge.i + 1, sent.end) if i not in skip]
    else:
        head = tok.head
        while head.dep_ not in ("ROOT", "ccomp", "conj", "advcl", "relcl") and head.head.i != head.i:
            head = head.head
        start = head.left_edge.i if head.i < tok.i else sent.start
        content = [i for i in range(max(start, sent.start), tok.i)]
    content = trim(tok.doc, content)
    if len(content) < 2:
        return None
    return _cand([tok.i], mention_ids(pobj), content, "fronted_in", tok.i, pobj.i)


_VIEWER_PRONOUNS = frozenset({"him", "her", "them", "me", "us", "many", "most", "some", "others", "anyone",
                              "everyone", "both"})


def _viewer(tok: Token) -> bool:
    """A person or group whose point of view a fronted "To X," gives."""
    if tok.ent_type_ in ("PERSON", "NORP"):
        return True
    low = tok.lower_
    if tok.pos_ == "PRON" or tok.pos_ == "DET" or tok.pos_ == "ADJ":
        return low in _VIEWER_PRONOUNS
    if tok.pos_ == "PROPN":
        return tok.ent_type_ in ("", "PERSON", "NORP")
    lemma = tok.lemma_.lower()
    return tok.pos_ == "NOUN" and (lemma in lexicon.load_set("kind_person_nouns")
                                   or low in lexicon.load_set("kind_group_nouns"))


def _fronted_to(tok: Token) -> _Cand | None:
    """"To Smith, the plan is a betrayal.": the person or group is the source of the view the rest
    of the sentence states ("For X, ..." is mostly a beneficiary, not a view)."""
    if tok.lower_ != "to" or tok.dep_ != "prep":
        return None
    doc = tok.doc
    sent = tok.sent
    first = sent.start
    while first < tok.i and (doc[first].is_space or doc[first].dep_ == "cc" or doc[first].lower_ in ("but", "and", "yet")):
        first += 1
    if first != tok.i:
        return None
    pobj = next((c for c in tok.children if c.dep_ == "pobj"), None)
    if pobj is None or not _viewer(pobj):
        return None
    end = tok.right_edge.i + 1
    if end >= sent.end or doc[end].text != ",":
        return None
    content = trim(doc, list(range(end + 1, sent.end)))
    if len(content) < 3 or not any(doc[i].pos_ in ("VERB", "AUX") for i in content):
        return None
    return _cand([tok.i], mention_ids(pobj), content, "fronted_to", tok.i, pobj.i)


def _colon(tok: Token) -> _Cand | None:
    """A headline-style colon: "Senator: Budget is dead on arrival"."""
    if tok.text != ":":
        return None
    doc = tok.doc
    line_start = doc.text.rfind("\n", 0, tok.idx) + 1
    left = [t for t in doc[max(0, tok.i - 12):tok.i] if t.idx >= line_start and not t.is_space]
    dashes = [k for k, t in enumerate(left) if t.text in ("\u2014", "\u2013", "-", "--") and t.whitespace_]
    if dashes:  # "HEADLINE - Jane Doe: ..." names the speaker after the dash
        left = left[dashes[-1] + 1:]
    if not 1 <= len(left) <= 6 or not left[0].is_title and not left[0].is_upper:
        return None
    if any(t.pos_ in ("VERB", "AUX") for t in left) or not any(t.pos_ in ("PROPN", "NOUN") for t in left):
        return None
    stop = lexicon.load_set("cue_colon_stop")
    if any(t.lower_.strip("’'") in stop for t in left) or tok.whitespace_ == "":
        return None  # "Editor's note:", "UPDATE:", "9:30", "http://"
    right: list[int] = []
    for t in doc[tok.i + 1:]:
        if "\n" in t.text:
            break
        right.append(t.i)
        if "\n" in t.whitespace_:
            break
    right = trim(doc, right)
    if len(right) < 3:
        return None
    return _cand([tok.i], [t.i for t in left], right, "colon", tok.i, left[-1].i)


def _raising(tok: Token, lex: CueLexicon) -> _Cand | None:
    """"seemed to waver", "is expected to win": no source; subject and clause are the content.
    When the clause's verb is itself a cue ("seemed to recognize"), cue and content are its."""
    lemma = tok.lemma_.lower()
    if tok.pos_ not in ("VERB", "AUX") or lemma not in lexicon.load_set("cue_raising"):
        return None
    if lemma == "expect" and not any(c.dep_ == "auxpass" for c in tok.children):
        return None
    comp = next((c for c in tok.children if c.dep_ in ("xcomp", "acomp", "attr") and c.i > tok.i), None)
    subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if comp is None or subj is None:
        return None
    if comp.dep_ == "xcomp" and lex.class_of(comp.lemma_) is not None:
        content, prep, rule = content_of(comp, lex.class_of(comp.lemma_) or "", lex)
        if content:
            cue = list(range(cue_tokens(tok, lex)[0], cue_tokens(comp, lex, prep)[-1] + 1))
            return _cand(cue, mention_ids(subj), content, f"raising_cue:{rule}", comp.i, subj.i)
    content = list(range(subj.left_edge.i, comp.right_edge.i + 1))
    return _cand(cue_tokens(tok, lex), [], content, "raising", tok.i, None)


# Cognition verbs whose plain object is a finding only when a document finds it.
_FINDINGS = frozenset({"find", "prove", "demonstrate", "determine", "hear", "believe", "trust", "understand",
                       "figure", "judge", "guess", "bet", "learn", "reckon", "forget"})


def _is_document(src: Token | None) -> bool:
    return src is not None and src.lower_ in lexicon.load_set("kind_document_nouns")


# Verbs that take clauses without reporting anything ("make sure", "let him", "mean that").
_NOT_CUES = frozenset({"be", "have", "do", "make", "let", "help", "mean", "get", "go", "come", "take",
                       "keep", "leave", "put", "set", "become", "remain", "happen", "seem", "matter",
                       "allow", "win", "cause", "ensure", "need", "lead", "use", "include", "turn",
                       "watch", "join", "require", "provide", "’s", "'s", "give", "bring", "find"})
_ODDS = frozenset({"likely", "unlikely"})


def _adjective(tok: Token, lex: CueLexicon) -> _Cand | None:
    """"were adamant that ...", "is critical of ...", "are likely to say ...": copula + adjective."""
    if tok.pos_ != "ADJ" or tok.dep_ != "acomp" or tok.lemma_.lower() not in lexicon.load_set("cue_adjectives"):
        return None
    cop = tok.head
    subj = own_subject(cop)
    if subj is None or cop.lemma_.lower() not in ("be", "seem", "appear", "remain", "become", "sound", "look"):
        return None
    comp = next((c for c in tok.children if c.dep_ in ("ccomp", "xcomp", "prep") and c.i > tok.i), None)
    if comp is None:
        return None
    prep = None
    if comp.dep_ == "xcomp" and lex.class_of(comp.lemma_) is not None:
        content, prep, rule = content_of(comp, lex.class_of(comp.lemma_) or "", lex)
        if not content:
            return None
        cue = list(range(cue_tokens(cop, lex)[0], cue_tokens(comp, lex, prep)[-1] + 1))
        return _cand(cue, source_ids(subj, cop), content, f"adjective_cue:{rule}", comp.i, subj.i)
    if tok.lemma_.lower() in _ODDS:
        return None  # "is likely to win": a forecast by no one, unless a cue follows ("likely to say")
    if comp.dep_ == "prep":
        pobj = next((c for c in comp.children if c.dep_ in ("pobj", "pcomp")), None)
        if pobj is None:
            return None
        content, prep = span_ids(pobj), comp
    else:
        content = span_ids(comp)
    cue = list(range(cue_tokens(cop, lex)[0], tok.i + 1)) + ([prep.i] if prep is not None and prep.i == tok.i + 1 else [])
    return _cand(cue, source_ids(subj, cop), content, "adjective", tok.i, subj.i)


def doc_text_before(tok: Token) -> str:
    return tok.doc[tok.i - 1].text if tok.i > 0 else ""


def _verb(tok: Token, lex: CueLexicon) -> _Cand | None:
    if tok.pos_ not in ("VERB", "AUX"):
        return None
    lemma = tok.lemma_.lower()
    cls = lex.class_of(lemma) or (lex.class_of_form(tok.lower_) if tok.tag_.startswith("VB") else None)
    generic = False
    if cls is None:
        if any(c.dep_ in ("prep", "prt") and f"{lemma} {c.lower_}" in lex.preps for c in tok.children):
            cls = ATTITUDE
        elif tok.pos_ == "VERB" and lemma not in _NOT_CUES and tok.text[:1].isalpha() and any(
                c.dep_ == "ccomp" and c.i > tok.i and any(m.dep_ == "mark" and m.lower_ in ("that", "whether", "if") for m in c.children)
                for c in tok.children):
            cls = COGNITION  # any verb with a subject and a that-clause reports a stance
            generic = True
        else:
            return None
    quote_only = cls == QUOTE_ONLY
    if quote_only and any(c.dep_ in ("xcomp", "dobj") for c in tok.children):
        return None  # "continued to rise", "began a campaign": aspect, not speech
    if quote_only:
        ccomp = next((c for c in tok.children if c.dep_ == "ccomp"), None)
        content, prep, rule = (span_ids(ccomp), None, "ccomp") if ccomp is not None else ([], None, "")
        cls = SPEECH
    else:
        content, prep, rule = content_of(tok, cls, lex)
    src = find_source(tok)
    if src is None and cls == SPEECH and rule != "passive":
        src = left_neighbour_subject(tok)
    if not content and src is not None and cls == SPEECH and rule != "passive" and not quote_only:
        content = framed_content(tok, source_ids(src, tok))
        rule = "frame" if content else rule
    if not content:
        if src is None or cls != SPEECH:
            return None
        rule = "quote"  # '"...," he said.' with a parse that missed the quote: see _quote_for
    
    if src is None and cls in (ATTITUDE, INTENT, COGNITION) and rule not in ("passive", "as"):
        return None
    if cls == COGNITION and rule not in ("ccomp", "parenthetical", "passive", "dobj", "xcomp", "as", "relative", "prep"):
        return None
    if cls == COGNITION and rule == "dobj" and lemma in _FINDINGS and not _is_document(src):
        return None  # "she found a seat" is an action; "the study found higher rates" a finding
    if tok.dep_ == "xcomp" and cls != SPEECH:
        return None  # "waited to see if ...", "tried to support": the governing verb decides
    if tok.dep_ == "acl" and tok.tag_ == "VBN" and lemma in ("call", "name", "dub", "title", "label"):
        return None  # "a group called X": a name, not a statement
    if tok.i > 0 and doc_text_before(tok) == "<":
        return None  # a leaked markup tag (<tweet ...>)
    if lemma == "cite" and rule == "dobj":
        obj = next(c for c in tok.children if c.dep_ in ("dobj", "attr", "oprd"))
        if obj.lemma_.lower() in lexicon.load_set("attr_source_nouns") or obj.ent_type_ == "PERSON":
            # "The report cites two officials": the officials are the source; no content of its own
            return _Cand(cue_tokens(tok, lex), mention_ids(obj), [], "cites", tok.i, obj.i,
                         chars=None)
    source = source_ids(src, tok) if src is not None else []
    return _cand(cue_tokens(tok, lex, prep), source, content, f"{'generic' if generic else cls}:{rule}", tok.i,
                 src.i if src is not None else None)


# ----------------------------------------------------------------------------- quotes
def _next_quote(text: str, pos: int, quotes: list[CharSpan]) -> CharSpan | None:
    """The quote that starts right after ``pos`` in the same paragraph (only punctuation between)."""
    for qs, qe in quotes:
        if qs >= pos:
            gap = text[pos:qs]
            if not gap.strip(" ,.:;\u2014-\u00a0") and "\n" not in gap:
                return qs, qe
            return None
    return None


def _quote_after_sentence(text: str, pos: int, quotes: list[CharSpan]) -> CharSpan | None:
    """The quote opening the next sentence (in this paragraph or as the next paragraph), if the
    rest of the cue's sentence holds no other quote."""
    for qs, qe in quotes:
        if qs >= pos:
            gap = text[pos:qs].rstrip(" \u00a0\n")
            if len(gap) < 200 and "\n" not in gap and gap.endswith((".", "!", "?", ":")):
                return qs, qe  # also across a paragraph break when the next paragraph opens quoted
            return None
    return None


def _after_colon(text: str, pos: int, quotes: list[CharSpan]) -> CharSpan | None:
    """'He said:' ending its line introduces the next paragraph: the quote that opens it (with
    the paragraphs it runs over), or else that paragraph itself."""
    colon = text.find(":", max(0, pos - 1), pos + 3)
    if colon == -1 or text[pos:colon].strip():
        return None
    line_end = text.find("\n", colon)
    if line_end == -1 or text[colon + 1:line_end].strip():
        return None  # 'He said: "..."' on one line is a plain next quote
    start = colon + 1
    while start < len(text) and text[start].isspace():
        start += 1
    if start >= len(text) or text.count("\n\n", colon, start) > 1:
        return None
    for qs, qe in quotes:
        if qs == start:
            return qs, qe
        if qs > start:
            break
    end = text.find("\n", start)
    end = len(text) if end == -1 else end
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if end - start >= 10 else None


# Responses that are attributions without any content ("Trump declined", "she did not respond").
_BARE_RESPONSES = frozenset({"decline", "refuse", "deny", "confirm", "acknowledge", "comment", "respond",
                             "reply", "answer", "concede", "admit", "dispute", "object", "agree", "disagree"})


def _prev_quote(text: str, pos: int, quotes: list[CharSpan]) -> CharSpan | None:
    """The quote that ends right before ``pos`` in the same paragraph (only punctuation between)."""
    for qs, qe in reversed(quotes):
        if qe <= pos:
            gap = text[qe:pos]
            if not gap.strip(" ,.:;\u2014-\u00a0") and "\n" not in gap:
                return qs, qe
            return None
    return None


def _quote_for(doc: Doc, cand: _Cand, quotes: list[CharSpan]) -> None:
    """A bare speech verb ("he said") takes the quote right before or right after it."""
    region = _chars(doc, cand.cue + cand.source)
    assert region is not None
    found = _prev_quote(doc.text, region[0], quotes) or _next_quote(doc.text, region[1], quotes) \
        or _after_colon(doc.text, region[1], quotes)
    if found is None:
        head = doc[cand.head]
        if head.lemma_.lower() in _BARE_RESPONSES and head.dep_ != "xcomp":
            # "to comment" under another verb ("took the chance to comment") reports nothing
            cand.method = cand.method.replace(":quote", ":bare")  # "The spokesman declined."
        else:
            cand.dropped = True
        return
    cand.chars = found
    cand.content = [t.i for t in doc.char_span(found[0], found[1], alignment_mode="expand") or []]
    _widen(doc, cand, quotes)


_TAIL_DEPS = frozenset({"npadvmod", "prep", "advmod", "agent"})


def _frame_end(doc: Doc, cand: _Cand, pos: int, quotes: list[CharSpan]) -> int:
    """The end of a "he said" frame with its time and place ('she said on Tuesday at a rally') or
    a participle ('he said, noting that ...'), short of the next quote."""
    head = doc[cand.head]
    nxt = next((qs for qs, _ in quotes if qs >= pos), len(doc.text))
    for child in head.children:
        last = child.doc[child.right_edge.i]
        stop = last.idx + len(last.text)
        tail = child.dep_ in _TAIL_DEPS or child.dep_ == "advcl" and child.tag_ == "VBG"  # ", noting that ..."
        if tail and child.idx >= pos and stop <= nxt and "\n" not in doc.text[pos:stop]:
            pos = max(pos, stop)
    return pos


def _widen(doc: Doc, cand: _Cand, quotes: list[CharSpan]) -> None:
    """Content that touches a direct quote takes the whole quote and the quote that resumes right
    after the "he said" that interrupted it."""
    span = _chars(doc, trim(doc, cand.content))
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
            pos = _frame_end(doc, cand, around[1], quotes)
            nxt = _next_quote(doc.text, pos, quotes)
            if nxt is None:  # '"A," he told reporters on Monday. "B."': the quote goes on
                nxt = _quote_after_sentence(doc.text, pos, quotes)
            while nxt is not None:
                end = nxt[1]
                nxt = _next_quote(doc.text, end, quotes)
    cand.chars = (start, end)


_FRAME_PUNCT = " ,\u2014\u2013-\u00a0\n"


def _content_parts(doc: Doc, cand: _Cand, cue: CharSpan, source: CharSpan | None,
                   quotes: list[CharSpan]) -> tuple[CharSpan, ...]:
    """The content's pieces around the "he said" frame it contains ('"A," she said Tuesday, "B."',
    "The plan, he said, will fail"), or () when the content does not contain its own cue."""
    content = cand.chars
    if content is None:
        return ()
    lo = min(cue[0], source[0]) if source else cue[0]
    hi = max(cue[1], source[1]) if source else cue[1]
    if not content[0] < lo or not hi < content[1]:
        return ()
    text = doc.text
    before = [q for q in quotes if content[0] <= q[0] and q[1] <= lo]
    after = [q for q in quotes if hi <= q[0] and q[1] <= content[1]]
    if before and after and "\n" not in text[before[-1][1]:after[0][0]]:
        left, right = before[-1][1], after[0][0]
    else:
        head = doc[cand.head]
        left = min(lo, head.left_edge.idx)
        right = max(hi, head.right_edge.idx + len(head.right_edge.text))
        if left <= content[0] or right >= content[1]:
            return ()
        left = content[0] + len(text[content[0]:left].rstrip(_FRAME_PUNCT))
        right = content[1] - len(text[right:content[1]].lstrip(_FRAME_PUNCT))
    if not content[0] < left <= right < content[1]:
        return ()
    return (content[0], left), (right, content[1])


def _type_of(text: str, content: CharSpan | None, quotes: list[CharSpan], skip: list[CharSpan]) -> str:
    """direct (all quoted), mixed (partly quoted) or indirect; the source and cue inside a split
    quote ("A," he said, "B.") do not count."""
    if content is None:
        return "indirect"
    start, end = content

    def words(lo: int, hi: int) -> int:
        return sum(1 for i in range(lo, hi) if text[i].isalnum() and not any(s <= i < e for s, e in skip))

    parts = [(max(start, qs), min(end, qe)) for qs, qe in quotes if qs < end and qe > start]
    if not parts:
        return "indirect"
    quoted = sum(words(s, e) for s, e in parts)
    return "direct" if quoted >= words(start, end) else "mixed"


# ----------------------------------------------------------------------------- resolution
def _inside(span: CharSpan, outer: CharSpan) -> bool:
    return outer[0] <= span[0] and span[1] <= outer[1]


def _in_quote(doc: Doc, cand: _Cand, quotes: list[CharSpan]) -> bool:
    """True for a cue inside a direct quote: quoted words are someone's content, not a report."""
    cue = _chars(doc, cand.cue)
    return cue is not None and any(qs < cue[0] and cue[1] < qe for qs, qe in quotes)


_RANKS = {"speech": 0, "according_to": 0, "cognition": 1, "generic": 1, "raising": 1, "raising_cue": 1,
          "attitude": 2, "intent": 2, "adjective": 2, "adjective_cue": 2, "noun": 3, "noun_light": 3, "noun_bare": 3, "colon": 3, "colon_quote": 3, "fronted_in": 3, "fronted_to": 3, "in_view": 3, "idiom": 2}


def _rank(cand: _Cand) -> int:
    return _RANKS.get(cand.method.split(":", 1)[0], 2)


def _between_quotes(span: CharSpan, outer: CharSpan, quotes: list[CharSpan]) -> bool:
    """True when ``span`` sits between two quotes of the content ``outer``."""
    return any(outer[0] <= qs and qe <= span[0] for qs, qe in quotes) and any(
        span[1] <= qs and qe <= outer[1] for qs, qe in quotes)


def _resolve(doc: Doc, cands: list[_Cand], quotes: list[CharSpan]) -> None:
    """Univocal tagging: an attribution inside another's content cuts it or is dropped."""
    for inner in cands:
        cue = _chars(doc, inner.cue)
        assert cue is not None
        for outer in cands:
            if outer is inner or outer.dropped or outer.chars is None or not _inside(cue, outer.chars):
                continue
            if _rank(outer) > _rank(inner):
                continue  # a weak cue (a noun, a colon) never swallows a verb of saying
            own = _chars(doc, outer.cue + outer.source)
            if own is not None and _inside(cue, own):
                continue  # '"A," said an aide, who declined to be named, "B."': the aide's clause
            if any(_inside(cue, q) for q in quotes):
                inner.dropped = True  # words inside a quoted statement belong to it
                break
            if _between_quotes(cue, outer.chars, quotes):
                continue  # '"A," he said, noting that ... "B."': the frame between the quotes
            head = doc[inner.head]
            cut = min([cue[0]] + [doc[i].idx for i in inner.source[:1]])
            if head.dep_ in ("advcl", "conj", "parataxis") and cut > outer.chars[0] + 10:
                ids = trim(doc, [t.i for t in doc.char_span(outer.chars[0], cut, alignment_mode="expand") or []])
                span = _chars(doc, ids)
                if span is not None:
                    outer.chars = span
                    continue
            inner.dropped = True
            break


def _own_clauses(doc: Doc, cands: list[_Cand]) -> None:
    """A comma-set relative clause inside a source that is an attribution of its own ("Reid, who
    endorsed Clinton in February, said ...") leaves the source: each token has one role."""
    cue_heads = {c.head: c for c in cands}
    for cand in cands:
        if not cand.source:
            continue
        ids = set(cand.source)
        for head in list(cue_heads):
            tok = doc[head]
            if head in ids and cue_heads[head] is not cand and tok.dep_ in ("relcl", "acl") \
                    and tok.left_edge.i > 0 and doc[tok.left_edge.i - 1].text == ",":
                ids -= set(span_ids(tok))
        if len(ids) != len(cand.source):
            cand.source = trim(doc, sorted(ids), keep_quotes=False)


def candidates(doc: Doc, lex: CueLexicon) -> list[_Cand]:
    """Every cue the rules find, in text order; a token belongs to one cue at most."""
    cands: list[_Cand] = []
    used: set[int] = set()
    for tok in doc:
        if tok.i in used:
            continue
        cand = (_according_to(tok) or _in_view(tok) or _fronted_in(tok, lex) or _fronted_to(tok) or _colon(tok) or _raising(tok, lex) or idiom_cue(tok, lex)
                or _verb(tok, lex)
                or _adjective(tok, lex) or noun_cue(tok, lex))
        if cand is not None and not used.intersection(cand.cue):
            cands.append(cand)
            used.update(cand.cue)
    return cands


def _addressee_quote(doc: Doc, cand: _Cand, quotes: list[CharSpan]) -> None:
    """'"...," she told reporters.': the addressee is no message; the adjacent quote is."""
    region = _chars(doc, cand.cue + cand.source + cand.content)
    assert region is not None
    found = _prev_quote(doc.text, region[0], quotes) or _next_quote(doc.text, region[1], quotes)
    if found is not None:
        cand.content = [t.i for t in doc.char_span(found[0], found[1], alignment_mode="expand") or []]
        cand.method = "speech:quote"


def _quoted_paragraphs(doc: Doc, cands: list[_Cand], quotes: list[CharSpan]) -> None:
    """A quote that ends its paragraph goes on in the next paragraphs that are quotes and nothing
    else, with no cue of their own (the speaker keeps talking)."""
    text = doc.text
    cue_starts = sorted(doc[c.cue[0]].idx for c in cands if not c.dropped)
    by_start = {qs: qe for qs, qe in quotes}
    for cand in cands:
        if cand.dropped or cand.chars is None or not any(qe == cand.chars[1] for _, qe in quotes):
            continue
        end = cand.chars[1]
        while True:
            gap_end = end
            while gap_end < len(text) and text[gap_end] in " \u00a0":
                gap_end += 1
            if not text.startswith("\n", gap_end):
                break
            start = gap_end
            while start < len(text) and text[start].isspace():
                start += 1
            qe = by_start.get(start)
            if qe is None or text.count("\n\n", gap_end, start) > 1:
                break
            after = qe
            while after < len(text) and text[after] in " \u00a0":
                after += 1
            if after < len(text) and text[after] != "\n":
                break  # the paragraph goes on after the quote: "..., she said."
            if any(start <= c < qe for c in cue_starts):
                break
            end = qe
        cand.chars = (cand.chars[0], end)


def _colon_quotes(doc: Doc, cands: list[_Cand], quotes: list[CharSpan]) -> list[_Cand]:
    """"He then listed what a nominee needs:" closing its paragraph, the next one a quote: the
    colon is the cue, the sentence's subject the source, when the line has no cue of its own."""
    text = doc.text
    starts = {qs: qe for qs, qe in quotes}
    taken = {i for c in cands for i in c.cue}
    out: list[_Cand] = []
    for tok in doc:
        if tok.text != ":" or tok.i in taken:
            continue
        line_end = text.find("\n", tok.idx)
        if line_end == -1 or text[tok.idx + 1:line_end].strip():
            continue
        qs = line_end
        while qs < len(text) and text[qs].isspace():
            qs += 1
        if qs not in starts or text.count("\n\n", line_end, qs) > 1:
            continue
        line_start = text.rfind("\n", 0, tok.idx) + 1
        if any(line_start <= doc[i].idx < tok.idx for c in cands if not c.dropped for i in c.cue):
            continue
        root = tok.sent.root
        subj = own_subject(root) if root.pos_ in ("VERB", "AUX") else None
        if subj is None:
            continue
        cand = _cand([tok.i], source_ids(subj, root), [], "colon_quote", tok.i, subj.i)
        cand.chars = (qs, starts[qs])
        out.append(cand)
    return out


def extract(doc: Doc, lex: CueLexicon | None = None) -> tuple[list[Found], int]:
    """All attributions of a parsed text, and the number of unbalanced quotes skipped."""
    lex = lex or cue_lexicon()
    scan = find_quotes(doc.text)
    quotes = list(scan.spans)
    cands = [c for c in candidates(doc, lex) if not _in_quote(doc, c, quotes)]
    _own_clauses(doc, cands)
    for cand in cands:
        if cand.method == "speech:dobj" and doc[cand.head].lemma_.lower() in ADDRESSEE_VERBS:
            _addressee_quote(doc, cand, quotes)
        if cand.content:
            _widen(doc, cand, quotes)
        elif cand.method != "cites":
            _quote_for(doc, cand, quotes)
    cands.extend(_colon_quotes(doc, cands, quotes))
    _quoted_paragraphs(doc, cands, quotes)
    _resolve(doc, cands, quotes)
    out: list[Found] = []
    for cand in cands:
        if cand.dropped or (cand.chars is None and cand.method != "cites" and not cand.method.endswith(":bare")):
            continue
        cue = _chars(doc, cand.cue)
        assert cue is not None
        source = _chars(doc, cand.source)
        kind = _type_of(doc.text, cand.chars, quotes, [x for x in (cue, source) if x])
        out.append(Found(cue, source, cand.chars, kind, cand.method, cand.head, cand.source_head,
                         _content_parts(doc, cand, cue, source, quotes)))
    return out, scan.unbalanced
