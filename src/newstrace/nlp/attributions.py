"""Rule-based attribution extraction over a spaCy parse: cue, source and content spans.

Cue predicates come from the lexicons in ``cues``; their source and content from ``arguments``.
Besides verbs, "according to X", headline colons ("Senator: budget is dead") and raising
predicates ("seemed to", "is expected to") are cues. Direct quotes widen the content to the whole
quote, across sentences and paragraphs; a quote split by "he said" and a quote that goes on right
after "he said." belong to the same content, and the content's ``parts`` leave the "he said"
frame out; a quote that ends its paragraph goes on in following paragraphs that are quotes with
no cue of their own. Tagging is univocal, as in PolNeAR: an attribution
nested in another's content either cuts that content (a trailing "..., saying ...") or is dropped.
"""

from __future__ import annotations

import re

from dataclasses import dataclass
from typing import TYPE_CHECKING

from newstrace import lexicon
from newstrace.nlp.arguments import (ADDRESSEE_VERBS, QUOTE_TEXTS, agent, as_clause, content_of, find_source,
                                     framed_content, left_neighbour_subject, mention_ids, own_subject,
                                     right_neighbour_subject, source_ids, span_ids, trim)
from newstrace.nlp.candidate import Cand as _Cand, CharSpan, chars as _chars, make as _cand
from newstrace.nlp.cues import ATTITUDE, COGNITION, INTENT, QUOTE_ONLY, SPEECH, CueLexicon, cue_lexicon, cue_tokens
from newstrace.nlp.kinds import source_kind
from newstrace.nlp.nominal import idiom_cue, noun_cue
from newstrace.nlp.quotes import find_quotes
from newstrace.nlp.quoting import (addressee_quote, colon_quotes, content_parts, quote_for, quoted_paragraphs, signed_quotes,
                                   trailing_frames, type_of, widen)

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
    while left and left[0].text in QUOTE_TEXTS:
        left = left[1:]  # '"WALLACE: ...' in a transcript quoted paragraph by paragraph
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
    topic = next((k for k, t in enumerate(left) if k and t.lower_ in ("on", "to", "about") and t.is_lower), None)
    speaker = left[:topic] if topic is not None else left  # "Obama on Climate Change:": Obama speaks
    return _cand([tok.i], [t.i for t in speaker], right, "colon", tok.i, speaker[-1].i)


def _raising(tok: Token, lex: CueLexicon) -> _Cand | None:
    """"seemed to waver", "is expected to win": no source; subject and clause are the content.
    When the clause's verb is itself a cue ("seemed to recognize"), cue and content are its, except
    after "expected": "is expected to endorse" forecasts an act nobody has done yet."""
    lemma = tok.lemma_.lower()
    if tok.pos_ not in ("VERB", "AUX") or lemma not in lexicon.load_set("cue_raising"):
        return None
    if lemma == "expect" and not any(c.dep_ == "auxpass" for c in tok.children):
        return None
    comp = next((c for c in tok.children if c.dep_ in ("xcomp", "acomp", "attr", "oprd") and c.i > tok.i), None)
    subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if comp is None or subj is None:
        return None
    if comp.dep_ == "xcomp" and lex.class_of(comp.lemma_) is not None and lemma != "expect":
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


_EXTRAPOSING = frozenset({"clear", "unclear", "doubtful", "obvious", "evident", "certain", "uncertain", "apparent",
                          "true", "possible", "plausible"})


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
    if subj.lower_ == "it" and tok.lemma_.lower() in _EXTRAPOSING:
        return None  # "it is clear that ...", "it was clear from the start": nobody is named
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


# Weak rules (a that-clause after any verb, a bare "he said" with no quote, a headline colon, a
# relative clause) whose attributions hold only when the source is someone (person, organisation, outlet,
# official, document): with an "unknown" source they are wrong more often than right.
_NEEDS_KNOWN_SOURCE = frozenset({"generic:ccomp", "cognition:xcomp", "speech:bare", "colon", "attitude:relative"})
_SEEM_VERBS = frozenset({"seem", "appear", "look", "sound"})


def _subject_in_clause(verb: Token) -> tuple[Token, int] | None:
    """A subject with a comma-set relative clause that the parser read as a clause before the verb
    ("Ann Lee, whose firm builds bridges, said ..." as "Ann Lee ... builds" + "said"): the subject
    and the index of the comma that ends its mention."""
    for clause in verb.children:
        if clause.dep_ != "ccomp" or clause.i > verb.i:
            continue
        subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < clause.i
                        and c.pos_ in ("PROPN", "NOUN")), None)
        if subject is None:
            return None
        doc = verb.doc
        rel = next((t for t in doc[subject.i + 1:clause.i] if t.lower_ in ("who", "whose")), None)
        if rel is None or doc[rel.i - 1].text != "," or doc[verb.i - 1].text != ",":
            return None
        if subject.ent_type_ != "PERSON" and any(t.text == "," for t in doc[subject.i + 1:rel.i - 1]):
            return None  # "the plan, the budget, whose ...": no named speaker
        return subject, rel.i - 1
    return None


def _for_clause(verb: Token, lemma: str, lex: CueLexicon) -> tuple[Token, Token] | None:
    """"called for the city to act": the parser makes "for ... to act" a clause with "for" as its
    marker; for a cue that takes "for" ("call for", "push for") the marker and clause are the
    preposition and content."""
    if f"{lemma} for" not in lex.preps:
        return None
    for clause in verb.children:
        if clause.dep_ == "advcl" and clause.i > verb.i:
            mark = next((m for m in clause.children if m.dep_ == "mark" and m.lower_ == "for"), None)
            if mark is not None and all(verb.doc[i].dep_ in ("prt", "advmod") for i in range(verb.i + 1, mark.i)):
                return mark, clause
    return None


def _passive(verb: Token) -> bool:
    """"was asked", "when asked", "Carson, asked about ...": a passive verb or bare participle."""
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children):
        return True
    # "Asked what ..., Lund replied", "when asked how ...": the parser often tags the participle VBD
    return verb.tag_ in ("VBN", "VBD") and verb.dep_ in ("acl", "advcl") and not any(
        c.dep_ in ("aux", "nsubj") for c in verb.children)


# Modals of ability, intent and condition ("would see", "can understand"); "may" and "might" hedge
# a finding ("the data may illustrate ...") and still report it.
_MODALS = frozenset({"will", "would", "could", "should", "can", "'ll", "\u2019ll", "wo", "ca"})


def _unasserted(verb: Token, cls: str) -> bool:
    """A base-form verb nobody is reported to have used: an imperative or bare infinitive ("Let
    them say", "make voters see") for any cue, and an infinitive or modal for a verb of thinking
    ("to believe", "would see"), which tells what someone might think, not what they think."""
    if any(c.dep_ == "neg" for c in verb.children):
        return False
    auxes = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if not auxes:  # a subject or a coordinated verb: a present tense the tagger took for a base form
        return cls in (SPEECH, ATTITUDE, COGNITION) and verb.dep_ != "conj" and not any(
            c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)
    return cls == COGNITION and bool(auxes & (_MODALS | {"to"}))


def _verb(tok: Token, lex: CueLexicon) -> _Cand | None:
    if tok.pos_ not in ("VERB", "AUX"):
        return None
    lemma = tok.lemma_.lower()
    cls = lex.class_of(lemma) or (lex.class_of_form(tok.lower_) if tok.tag_.startswith("VB") else None)
    generic = False
    put_it = next((c for c in tok.children if c.dep_ == "dobj" and c.lower_ == "it" and c.i == tok.i + 1),
                  None) if lemma == "put" else None
    if put_it is not None:
        cls = SPEECH  # "As Lund put it, ...", "as one aide put it: '...'"
    for_clause = _for_clause(tok, lemma, lex)
    if for_clause is not None and cls not in (SPEECH, COGNITION, INTENT):
        cls = ATTITUDE
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
    elif for_clause is not None:
        prep, clause = for_clause
        content, rule = [i for i in span_ids(clause) if i != prep.i], "prep"
    elif put_it is not None:
        commented = as_clause(tok)  # the clause "as X put it" comments on, or the quote after it
        content, prep, rule = (commented, None, "as") if commented is not None else ([], None, "")
    else:
        content, prep, rule = content_of(tok, cls, lex)
    src = find_source(tok)
    if src is not None and src.pos_ == "VERB" and src.tag_ == "VBN" and src.i == tok.sent.start:
        # "Alarmed by the unrest, Senator Lee said": the parse made the participle the subject
        src = left_neighbour_subject(tok) or src
    source_end = len(tok.doc)
    addressed = lemma in ADDRESSEE_VERBS and _passive(tok) and agent(tok) is None
    if addressed:
        src = None  # "Clinton was asked about the emails": she is asked; who asked is not given
    if src is None and cls == SPEECH:
        lost = _subject_in_clause(tok)
        if lost is not None:
            # "Sanders, who sits at zero, said that ...": the parse made "Sanders ... sits" a clause
            src, source_end = lost
            after = next((c for c in tok.children if c.dep_ == "ccomp" and c.i > tok.i), None)
            content = span_ids(after) if after is not None else []
            rule = "ccomp" if after is not None else rule
    lost_left = False
    if src is None and cls == SPEECH and rule != "passive" and not addressed:
        src = left_neighbour_subject(tok)
        lost_left = src is not None
    inverted = None
    if src is None and cls == SPEECH and content and max(content) < tok.i and lemma not in ADDRESSEE_VERBS:
        inverted = right_neighbour_subject(tok)  # '"...," said Jo Lund': the content comes first
        if inverted is not None:
            src = inverted[0]
    if not content and src is not None and cls == SPEECH and rule != "passive" and not quote_only:
        content = framed_content(tok, source_ids(src, tok))
        rule = "frame" if content else rule
    if not content:
        if src is None or cls != SPEECH:
            return None
        rule = "quote"  # '"...," he said.' with a parse that missed the quote: see quote_for
    
    expletive = src is not None and src.lower_ == "it" and rule == "ccomp" and (
        lemma in _SEEM_VERBS or src.dep_ == "nsubjpass" and src.head.i == tok.i)
    if expletive:
        src = None  # "it seems that ...", "it was reported that ...": nobody is named
    if src is None and cls in (ATTITUDE, INTENT, COGNITION) and rule not in ("passive", "as") and not expletive:
        return None
    if cls == COGNITION and rule not in ("ccomp", "parenthetical", "passive", "dobj", "xcomp", "as", "relative", "prep"):
        return None
    if cls == COGNITION and rule == "dobj" and lemma in _FINDINGS and not _is_document(src):
        return None  # "she found a seat" is an action; "the study found higher rates" a finding
    if tok.tag_ == "VB" and _unasserted(tok, cls):
        return None
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
    if inverted is not None:
        source = inverted[1]
    else:
        source = [i for i in source_ids(src, tok) if i < source_end] if src is not None else []
        if lost_left:  # "In addition to Ms. Lee, two members, Jo Lund and Al Ng, have said": the last comma-set names
            commas = [i for i in source if i < src.i and tok.doc[i].text == ","]
            source = trim(tok.doc, [i for i in source if not commas or i > commas[-1]], keep_quotes=False)
    cue = cue_tokens(tok, lex, prep) + ([put_it.i] if put_it is not None else [])
    return _cand(cue, source, content, f"{'generic' if generic else cls}:{rule}", tok.i,
                 src.i if src is not None else None)


# ----------------------------------------------------------------------------- resolution
def _inside(span: CharSpan, outer: CharSpan) -> bool:
    return outer[0] <= span[0] and span[1] <= outer[1]


def _in_quote(doc: Doc, cand: _Cand, quotes: list[CharSpan]) -> bool:
    """True for a cue inside a direct quote: quoted words are someone's content, not a report."""
    cue = _chars(doc, cand.cue)
    return cue is not None and any(qs < cue[0] and cue[1] < qe for qs, qe in quotes)


_RANKS = {"speech": 0, "according_to": 0, "cognition": 1, "generic": 1, "raising": 1, "raising_cue": 1,
          "attitude": 2, "intent": 2, "adjective": 2, "adjective_cue": 2, "noun": 3, "noun_light": 3, "noun_bare": 3,
          "noun_doer": 3, "noun_given": 3, "colon": 3, "colon_quote": 3, "signoff": 0, "fronted_in": 3, "fronted_to": 3,
          "in_view": 3, "idiom": 2}


def _quoted_source(doc: Doc, cand: _Cand, quotes: list[CharSpan]) -> bool:
    """True for a source inside a quote ('"It is time," he said, promising ...' parsed with "It" as
    the subject of "promising"); the cue is outside every quote (see ``_in_quote``), so this is a
    parse that ran into the quoted words."""
    source = _chars(doc, cand.source)
    return source is not None and any(_inside(source, q) for q in quotes)


def _speaker_outside(doc: Doc, cand: _Cand, quotes: list[CharSpan]) -> Token | None:
    """For a participle whose parse ran into a quote ('she stated, "...," adding ...'): the subject
    of the nearest governing verb outside every quote (she)."""
    tok = doc[cand.head]
    if tok.tag_ != "VBG":
        return None
    for verb in tok.ancestors:
        if verb.pos_ not in ("VERB", "AUX") or any(qs <= verb.idx < qe for qs, qe in quotes):
            continue
        subj = own_subject(verb)
        if subj is not None and not any(qs <= subj.idx < qe for qs, qe in quotes):
            return subj
        return None
    return None


def _nobody_reports(doc: Doc, cand: _Cand) -> bool:
    """A stance held by no one: a relative "that" describing a thing ("a party that favors
    tariffs") or the generic "you" ("you can see why ...")."""
    if len(cand.source) != 1:
        return False
    word, family = doc[cand.source[0]], cand.method.split(":")[0]
    if word.lower_ == "that" and word.tag_ == "WDT":
        return family in ("attitude", "cognition") or cand.method == "speech:dobj"
    return word.lower_ == "you" and family in ("attitude", "cognition", "intent")


def _opens_quoted_turn(doc: Doc, cand: _Cand) -> bool:
    """For a speaker label: '"PENCE: Well, ...' opening a paragraph of a transcript quoted paragraph
    by paragraph. The label names who speaks the quote; it is not part of it."""
    first = cand.source[0]
    return first > 0 and doc[first - 1].text in QUOTE_TEXTS and (
        first == 1 or "\n" in doc[first - 2].text or "\n" in doc[first - 2].whitespace_)


def _speaker_label(doc: Doc, cand: _Cand) -> bool:
    """A transcript's speaker label: up to three capitalised words right before the colon ("PENCE:",
    "SEN. LUND:") that open at least two lines, as turns do; a one-off "ANALYSIS:" is a heading."""
    words = [doc[i] for i in cand.source]
    if not (cand.method == "colon" and 1 <= len(words) <= 3 and cand.source[-1] + 1 == cand.head and all(
            w.is_upper and len(w.text.strip(".")) > 1 for w in words)):
        return False
    label = doc.text[words[0].idx:doc[cand.head].idx]
    turns = re.findall(r"(?m)^[ \t]*[\"\u201c]?" + re.escape(label) + ":", doc.text)
    return len(turns) >= 2


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
            if head.dep_ == "advcl" and inner.source and inner.method.startswith("speech:"):
                continue  # "Emphasizing the point, Trump said ...": a speech act of its own
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


def extract(doc: Doc, lex: CueLexicon | None = None) -> tuple[list[Found], int]:
    """All attributions of a parsed text, and the number of unbalanced quotes skipped."""
    lex = lex or cue_lexicon()
    scan = find_quotes(doc.text)
    quotes = list(scan.spans)
    found = candidates(doc, lex)
    labels = {id(c) for c in found if _speaker_label(doc, c)}  # "PENCE:" opening turn after turn
    turns = {id(c) for c in found if id(c) in labels and _opens_quoted_turn(doc, c)}  # and the quote it opens
    cands = [c for c in found if id(c) in turns or not _in_quote(doc, c, quotes)]
    for cand in cands:
        if cand.source and id(cand) not in turns and _quoted_source(doc, cand, quotes):
            cand.source, cand.source_head = [], None
            speaker = _speaker_outside(doc, cand, quotes)
            if speaker is not None:
                cand.source, cand.source_head = trim(doc, mention_ids(speaker), keep_quotes=False), speaker.i
    _own_clauses(doc, cands)
    for cand in cands:
        if cand.method == "speech:dobj" and doc[cand.head].lemma_.lower() in ADDRESSEE_VERBS:
            addressee_quote(doc, cand, quotes)
        if cand.content and id(cand) in turns:
            cand.chars = _chars(doc, cand.content)  # its own line, not the quote that runs on for pages
        elif cand.content:
            widen(doc, cand, quotes)
        elif cand.method != "cites":
            quote_for(doc, cand, quotes)
    cands.extend(colon_quotes(doc, cands, quotes))
    cands.extend(signed_quotes(doc, cands, quotes))
    cands.extend(trailing_frames(doc, cands))
    quoted_paragraphs(doc, cands, quotes)
    _resolve(doc, cands, quotes)
    out: list[Found] = []
    for cand in cands:
        if cand.dropped or (cand.chars is None and cand.method != "cites" and not cand.method.endswith(":bare")):
            continue
        cue = _chars(doc, cand.cue)
        assert cue is not None
        source = _chars(doc, cand.source)
        if cand.method in _NEEDS_KNOWN_SOURCE and source is not None and id(cand) not in labels \
                and source_kind(doc[cand.source[0]:cand.source[-1] + 1]) == "unknown":
            continue  # "the rumor spread that ...": too often no attribution
        if _nobody_reports(doc, cand):
            continue
        kind = type_of(doc.text, cand.chars, quotes, [x for x in (cue, source) if x])
        out.append(Found(cue, source, cand.chars, kind, cand.method, cand.head, cand.source_head,
                         content_parts(doc, cand, cue, source, quotes)))
    return out, scan.unbalanced
