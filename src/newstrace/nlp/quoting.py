"""Quote-bound content: a bare "he said" takes the adjacent quote, quotes resume after the frame
and run on over quoted paragraphs, a colon closing a paragraph introduces the next one, and the
content's parts leave an inserted "he said" frame out.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from newstrace.nlp.arguments import own_subject, source_ids, trim
from newstrace.nlp.candidate import Cand as _Cand, CharSpan, chars as _chars, make as _cand

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc


_LINE_SPACE = " \u00a0"


def _skip_space(text: str, pos: int, spaces: str | None = None) -> int:
    """The first position at or after ``pos`` that is not a space (any whitespace, or only the
    characters ``spaces``)."""
    while pos < len(text) and (text[pos] in spaces if spaces is not None else text[pos].isspace()):
        pos += 1
    return pos


def _only_punctuation(gap: str) -> bool:
    """True when ``gap`` joins a quote to its frame: punctuation and spaces on one line."""
    return not gap.strip(" ,.:;\u2014-\u00a0") and "\n" not in gap


def _next_quote(text: str, pos: int, quotes: list[CharSpan]) -> CharSpan | None:
    """The quote that starts right after ``pos`` in the same paragraph (only punctuation between)."""
    for qs, qe in quotes:
        if qs >= pos:
            return (qs, qe) if _only_punctuation(text[pos:qs]) else None
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
    start = _skip_space(text, colon + 1)
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
            return (qs, qe) if _only_punctuation(text[qe:pos]) else None
    return None


def _adjacent_quote(doc: Doc, frame: list[int], quotes: list[CharSpan]) -> CharSpan | None:
    """The quote right before or right after the tokens ``frame``, or the paragraph a colon ending
    the frame's line introduces ("told the crowd:")."""
    region = _chars(doc, frame)
    assert region is not None
    return _prev_quote(doc.text, region[0], quotes) or _next_quote(doc.text, region[1], quotes) \
        or _after_colon(doc.text, region[1], quotes)


def quote_for(doc: Doc, cand: _Cand, quotes: list[CharSpan]) -> None:
    """A bare speech verb ("he said") takes the quote right before or right after it."""
    found = _adjacent_quote(doc, cand.cue + cand.source, quotes)
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
    widen(doc, cand, quotes)


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


def widen(doc: Doc, cand: _Cand, quotes: list[CharSpan]) -> None:
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


def content_parts(doc: Doc, cand: _Cand, cue: CharSpan, source: CharSpan | None,
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


def type_of(text: str, content: CharSpan | None, quotes: list[CharSpan], skip: list[CharSpan]) -> str:
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



def addressee_quote(doc: Doc, cand: _Cand, quotes: list[CharSpan]) -> None:
    """'"...," she told reporters.': the addressee is no message; the adjacent quote (or the
    paragraph a closing colon introduces) is."""
    found = _adjacent_quote(doc, cand.cue + cand.source + cand.content, quotes)
    if found is not None:
        cand.content = [t.i for t in doc.char_span(found[0], found[1], alignment_mode="expand") or []]
        cand.method = "speech:quote"


def quoted_paragraphs(doc: Doc, cands: list[_Cand], quotes: list[CharSpan]) -> None:
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
            gap_end = _skip_space(text, end, _LINE_SPACE)
            if not text.startswith("\n", gap_end):
                break
            start = _skip_space(text, gap_end)
            qe = by_start.get(start)
            if qe is None or text.count("\n\n", gap_end, start) > 1:
                break
            after = _skip_space(text, qe, _LINE_SPACE)
            if after < len(text) and text[after] != "\n":
                break  # the paragraph goes on after the quote: "..., she said."
            if any(start <= c < qe for c in cue_starts):
                break
            end = qe
        cand.chars = (cand.chars[0], end)


def colon_quotes(doc: Doc, cands: list[_Cand], quotes: list[CharSpan]) -> list[_Cand]:
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
        qs = _skip_space(text, line_end)
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


# '"... a real disgrace." ― Jo Lund' closing its line: a quote signed with a dash and a name.
_SIGNATURE = re.compile(r"[ \t\u00a0]*(?:\n[ \t\u00a0]*){0,2}(\u2015|\u2014|\u2013|--|-)[ \t\u00a0]*"
                        r"((?:[A-Z][\w.'\u2019-]*)(?:[ \u00a0](?:[A-Z][\w.'\u2019-]*|de|van|von|da|del|la)){0,3})"
                        r"[.,]?[ \t\u00a0]*(?:\n|$)")


def signed_quotes(doc: Doc, cands: list[_Cand], quotes: list[CharSpan]) -> list[_Cand]:
    """A quote followed by a dash and a name alone on the rest of its line (a list of readers'
    comments, an epigraph): the dash is the cue, the name the source, the quote the content."""
    text = doc.text
    claimed = [c.chars for c in cands if not c.dropped and c.chars is not None]
    out: list[_Cand] = []
    for qs, qe in quotes:
        match = _SIGNATURE.match(text, qe)
        if match is None or any(s < qe and qs < e for s, e in claimed):
            continue
        end = match.end(2)
        if text[end - 1] == "." and end - match.start(2) > 3 and text[end - 3:end - 1].isalpha():
            end -= 1  # "- Bernie Sanders." ends a sentence; "Jo A." and "Jr." keep their dot
        name = doc.char_span(match.start(2), end, alignment_mode="expand")
        dash = doc.char_span(match.start(1), match.end(1), alignment_mode="expand")
        if name is None or dash is None or any(t.is_stop and t.is_lower for t in name) or (
                len(name) < 2 and name[0].ent_type_ not in ("PERSON", "ORG")):
            continue  # a one-word line after a quote is a name only if the tagger says so
        cand = _cand([t.i for t in dash], [t.i for t in name], [], "signoff", dash[0].i, name.root.i)
        cand.chars = (qs, qe)
        out.append(cand)
    return out


# A frame closing its sentence after a comma ("..., fundraising documents show.") that the parser
# did not read as a verb ("show" tagged as a noun, or hung on a participle).
_TRAILING_CUES = frozenset({"show", "shows", "showed", "say", "says", "said", "indicate", "indicates", "suggest",
                            "suggests", "found", "reported", "noted", "added", "wrote", "argued"})
_FRAME_POS = frozenset({"DET", "ADJ", "NOUN", "PROPN", "NUM", "ADP", "PART", "CCONJ"})


def trailing_frames(doc: Doc, cands: list[_Cand]) -> list[_Cand]:
    """'Pate has given to no one else, FEC records show.' parsed without a verb "show": the words
    after the sentence's last comma are the source, the clause before it the content."""
    taken = {i for c in cands for i in c.cue}
    out: list[_Cand] = []
    for sent in doc.sents:
        words = [t for t in sent if not t.is_punct and not t.is_space]
        if len(words) < 6:
            continue
        cue = words[-1]
        if cue.i in taken or cue.lower_ not in _TRAILING_CUES or cue.pos_ in ("VERB", "AUX") and cue.dep_ in (
                "ROOT", "parataxis", "ccomp") and any(c.dep_ in ("nsubj", "nsubjpass") for c in cue.children):
            continue
        i = cue.i - 1
        while i > sent.start and doc[i].text != "," and (doc[i].pos_ in _FRAME_POS or doc[i].tag_ in ("VBN", "VBG")):
            i -= 1
        named = any(doc[k].pos_ in ("NOUN", "PROPN") for k in range(i + 1, cue.i))
        if doc[i].text != "," or not 1 <= cue.i - i - 1 <= 12 or doc[cue.i - 1].pos_ in ("DET", "ADP") \
                or doc[i + 1].lower_ == "according" or not named:
            continue  # "..., according to a transcript of the show.": "the show" is a noun
        content = trim(doc, list(range(sent.start, i)))
        if len(content) < 4:
            continue
        cand = _cand([cue.i], list(range(i + 1, cue.i)), content, "speech:trailing", cue.i, cue.i - 1)
        cand.chars = _chars(doc, content)
        out.append(cand)
    return out
