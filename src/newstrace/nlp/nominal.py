"""Nominal cues: a reporting noun that carries someone's statement, stance or intention.

PolNeAR-style annotation makes the noun the cue ("his criticism of the plan", "the claim that
...", "calls for a boycott") and its possessor the source; a verb that takes the noun as its object
("made the case that", "raised concerns about", "expressed support for") joins the cue, and its
subject is the source. The content is the noun's clause ("that ...", "to ..."), the object of the
preposition that follows it (``cue_noun_preps``).
Without any of those the noun only names an act of speech ("a statement") and is no cue.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newstrace import lexicon
from newstrace.nlp.arguments import channel_clause, find_source, governing_verb, mention_ids, source_ids, span_ids
from newstrace.nlp.candidate import Cand, make
from newstrace.nlp.cues import CueLexicon, cue_tokens

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

# Prepositions that introduce what a reporting noun is about ("criticism of", "calls for").
_CONTENT_PREPS = frozenset({"of", "on", "about", "over", "for", "against", "to", "regarding", "concerning",
                            "toward", "towards", "into", "with"})
_OWNER_PREPS = frozenset({"by", "from", "among"})
_MODS = frozenset({"amod", "compound", "nummod", "advmod"})


def _clause(noun: Token) -> list[int]:
    """A "that ..." / "to ..." clause attached to the noun ("the claim that", "a plan to")."""
    for child in noun.children:
        if child.i < noun.i:
            continue
        if child.dep_ in ("acl", "ccomp", "relcl"):
            first = child.doc[child.left_edge.i]
            marks = [m for m in child.children if m.dep_ in ("mark", "aux") and m.i < child.i]
            if first.lower_ == "that" and any(m.lower_ == "that" and m.dep_ == "mark" for m in marks):
                return span_ids(child)
            if child.dep_ == "acl" and any(m.lower_ == "to" for m in marks):
                return span_ids(child)
            if child.dep_ in ("acl", "ccomp") and first.lower_ in ("whether", "if"):
                return span_ids(child)
    return []


# Nouns that are attacks or threats on people only; "an attack on the consulate" is an event.
_ANIMATE_ONLY = frozenset({"attack", "assault"})


def _animate(tok: Token) -> bool:
    return tok.ent_type_ in ("PERSON", "ORG", "NORP") or tok.pos_ == "PRON" or tok.lemma_.lower() in lexicon.load_set(
        "kind_person_nouns")


def _named_modifier(noun: Token) -> Token | None:
    """A name or nationality right before the noun that says whose statement it is."""
    if noun.i == 0:
        return None
    prev = noun.doc[noun.i - 1]
    if prev.head.i == noun.i and prev.dep_ in ("compound", "amod") and prev.ent_type_ in ("PERSON", "NORP", "ORG", "GPE") \
            and prev.ent_iob_ != "O" and not any(c.dep_ == "poss" for c in noun.children):
        return prev
    return None


def noun_cue(tok: Token, lex: CueLexicon) -> Cand | None:
    """A reporting noun with content; its owner, "by"-phrase or light verb subject is the source."""
    if tok.pos_ != "NOUN" or tok.lemma_.lower() not in lexicon.load_set("cue_nouns"):
        return None
    if tok.dep_ == "pobj" and tok.head.head.pos_ in ("VERB", "AUX") and channel_clause(tok.head.head) is not None \
            and lex.class_of(tok.head.head.lemma_) is not None:
        return None  # "says in a statement that ...": the verb is the cue, the clause its content
    children = list(tok.children)
    content = _clause(tok)
    prep = None
    rule = "clause"
    if not content:
        pairs = lexicon.load_set("cue_noun_preps")
        lemma = tok.lemma_.lower()
        for child in children:
            if child.dep_ == "prep" and child.i > tok.i and child.lower_ in _CONTENT_PREPS:
                pobj = next((p for p in child.children if p.dep_ in ("pobj", "pcomp")), None)
                if pobj is not None and f"{lemma} {child.lower_}" in pairs and pobj.ent_type_ not in ("DATE", "TIME") \
                        and (lemma not in _ANIMATE_ONLY or _animate(pobj)):  # "his remarks on Saturday": when
                    content, prep, rule = span_ids(pobj), child, "prep"
                break
    if not content:
        return None
    doc = tok.doc
    owner = next((c for c in children if c.dep_ == "poss" and c.pos_ in ("PROPN", "NOUN", "PRON")), None)
    by = None
    if owner is None:
        by = next((c for c in children if c.dep_ == "prep" and c.i > tok.i and c.lower_ in _OWNER_PREPS), None)
        owner = next((p for p in by.children if p.dep_ == "pobj"), None) if by is not None else None
    if owner is None:
        owner = _named_modifier(tok)  # "Trump charges that ...", "the European reluctance to ..."
    left = min([c.left_edge.i for c in children if c.dep_ in _MODS and c.i < tok.i] + [tok.i])
    if owner is not None and owner.i < tok.i:
        left = max(left, owner.right_edge.i + 1)
    cue = list(range(left, tok.i + 1))
    if prep is not None and prep.i == tok.i + 1:
        cue.append(prep.i)
    if by is not None and by.i == tok.i + 1 and prep is None:
        cue.append(by.i)
    if owner is not None:
        return make(cue, mention_ids(owner), content, f"noun:{rule}", tok.i, owner.i)
    verb = tok.head
    if tok.dep_ == "dobj" and verb.pos_ in ("VERB", "AUX") and verb.lemma_.lower() in lexicon.load_set("cue_light_verbs"):
        src = find_source(verb)
        if src is not None:
            lead = cue_tokens(verb, lex)
            cue = list(range(min(lead), tok.i + 1)) + ([prep.i] if prep is not None and prep.i == tok.i + 1 else [])
            return make(cue, source_ids(src, verb), content, f"noun_light:{rule}", tok.i, src.i)
    granted = _granted(tok, prep)
    if granted is not None:  # "Cruz won the endorsement of the governor": the governor endorses Cruz
        giver, taker = granted
        return make(cue, mention_ids(giver), mention_ids(taker), f"noun_given:{rule}", tok.i, giver.i)
    doer = _doer(tok)
    if doer is not None:
        return make(cue, source_ids(doer, doer.head), content, f"noun_doer:{rule}", tok.i, doer.i)
    return make(cue, [], content, f"noun_bare:{rule}", tok.i, None)


_PERSONAL = frozenset({"he", "she", "they", "i", "we"})
# Verbs whose subject receives or meets the act ("faced criticism", "won the endorsement of").
_RECEIVING = frozenset({"face", "draw", "receive", "get", "earn", "attract", "win", "secure", "gain", "garner",
                        "land", "court", "seek", "deserve", "invite", "spark", "provoke", "weather", "endure",
                        "field", "answer", "take", "dodge", "deflect", "fend", "address", "respond", "prompt",
                        "raise", "hear", "come", "fuel", "trigger", "have", "be", "lose", "collect", "accept",
                        "welcome", "enjoy", "need", "want", "ignore", "brush", "shrug", "survive", "confront"})


_GIFTS = frozenset({"endorsement", "backing", "support"})
_GETTING = frozenset({"win", "secure", "earn", "get", "receive", "pick", "land", "gain", "garner", "collect", "snag",
                      "nab", "capture", "lock", "have", "enjoy", "lose"})


def _granted(noun: Token, prep: Token | None) -> tuple[Token, Token] | None:
    """"X won the endorsement of Y": Y (the "of" object) gives, X (the verb's subject) receives."""
    if prep is None or prep.lower_ != "of" or noun.lemma_.lower() not in _GIFTS or noun.dep_ != "dobj":
        return None
    verb = noun.head
    if verb.lemma_.lower() not in _GETTING:
        return None
    giver = next((p for p in prep.children if p.dep_ == "pobj"), None)
    taker = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if giver is None or taker is None or not _animate(giver):
        return None
    return giver, taker


def _doer(noun: Token) -> Token | None:
    """"He avoided direct criticism of Trump", "she rose to the defense of ...": the person who
    does something with the act is its source: a person, a group or organisation, or a personal
    pronoun, never a thing ("the plan drew criticism")."""
    if noun.dep_ != "dobj" and not (noun.dep_ == "pobj" and noun.head.dep_ == "prep"):
        return None
    verb = governing_verb(noun)
    if verb is None or verb.lemma_.lower() in _RECEIVING:
        return None
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subj is None or not _animate(subj) or (subj.pos_ == "PRON" and subj.lower_ not in _PERSONAL):
        return None
    return subj


def _idioms() -> dict[tuple[str, str], frozenset[str]]:
    table: dict[tuple[str, str], set[str]] = {}
    for entry in lexicon.load_set("cue_idioms"):
        verb, noun, link = entry.split()
        table.setdefault((verb, noun), set()).add(link)
    return {k: frozenset(v) for k, v in table.items()}


def idiom_cue(tok: Token, lex: CueLexicon) -> Cand | None:
    """"took aim at X", "made the case that ...", "cast doubt on X", "made it clear that ...":
    a verb and its object form the cue, the subject is the source."""
    if tok.pos_ not in ("VERB", "AUX"):
        return None
    table = _idioms()
    lemma = tok.lemma_.lower()
    for obj in tok.children:
        if obj.i < tok.i or obj.dep_ not in ("dobj", "ccomp", "oprd", "acomp", "attr", "npadvmod"):
            continue
        links = table.get((lemma, obj.lemma_.lower()))
        if links is None:
            continue
        content: list[int] = []
        end = obj.i
        for child in list(obj.children) + list(tok.children):
            if child.dep_ == "prep" and child.lower_ in links and child.i > obj.i:
                pobj = next((p for p in child.children if p.dep_ in ("pobj", "pcomp")), None)
                if pobj is not None:
                    content, end = span_ids(pobj), child.i
                    break
            if "that" in links and child.dep_ in ("ccomp", "acl", "advcl") and child.i > obj.i:
                content = span_ids(child)  # "made it clear that ...", "made the case that ..."
                break
        if not content:
            continue
        src = find_source(tok)
        lead = cue_tokens(tok, lex)
        cue = list(range(min(lead), end + 1))
        source = source_ids(src, tok) if src is not None else []
        return make(cue, source, content, "idiom", tok.i, src.i if src is not None else None)
    return None
