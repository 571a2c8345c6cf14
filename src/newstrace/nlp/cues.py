"""Cue lexicons and cue spans: which words introduce an attribution, and how far the cue reaches.

A cue is a predicate (a verb of saying, believing, evaluating or intending, or "according to")
together with what PolNeAR-style annotation counts as part of it: auxiliaries and modals ("has
said", "would not confirm"), negation, a few adverbs ("also", "reportedly"), particles ("pointed
out"), a preposition that introduces the content ("called for"), and a colon that directly follows.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from newstrace import lexicon

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

SPEECH = "speech"
COGNITION = "cognition"
ATTITUDE = "attitude"
INTENT = "intent"
QUOTE_ONLY = "quote_only"
# A lemma in two lists takes the first class in this order.
_CLASS_FILES = ((SPEECH, "cue_speech"), (COGNITION, "cue_cognition"), (ATTITUDE, "cue_attitude"),
                (INTENT, "cue_intent"), (QUOTE_ONLY, "cue_quote_only"))


@dataclass(frozen=True, slots=True)
class CueLexicon:
    """The word lists the extractor needs, loaded once."""

    verb_class: dict[str, str]
    adverbs: frozenset[str]
    preps: frozenset[str]

    def class_of(self, lemma: str) -> str | None:
        return self.verb_class.get(lemma.lower())

    def class_of_form(self, form: str) -> str | None:
        """The class of an inflected verb form whose lemma the tagger got wrong ("hopes" -> "hop")."""
        form = form.lower()
        if form.endswith("ing"):
            stems: tuple[str, ...] = (form[:-3], form[:-3] + "e", form[:-4])  # hoping, planning
        elif form.endswith("ed"):
            stems = (form[:-1], form[:-2], form[:-3])  # hoped, wanted, planned
        elif form.endswith("s"):
            stems = (form[:-1], form[:-2])  # hopes, pushes
        else:
            return None  # "sent", "provide": the lemma is right, the form is not a cue's
        for stem in stems:
            if len(stem) > 2 and stem in self.verb_class:
                return self.verb_class[stem]
        return None


@lru_cache(maxsize=1)
def cue_lexicon() -> CueLexicon:
    """The cue lexicon from ``lexicon/data/cue_*.txt``."""
    verb_class: dict[str, str] = {}
    for cls, name in _CLASS_FILES:
        for lemma in lexicon.load_set(name):
            verb_class.setdefault(lemma, cls)
    return CueLexicon(verb_class, lexicon.load_set("cue_adverbs"), lexicon.load_set("cue_preps"))


_AUX_DEPS = {"aux", "auxpass", "neg"}


def cue_tokens(verb: Token, lex: CueLexicon, prep: Token | None = None) -> list[int]:
    """Token indices of the cue headed by ``verb``: verb, auxiliaries, negation, cue adverbs,
    particle, the content-introducing preposition when given, and a directly following colon."""
    doc = verb.doc
    ids = {verb.i}
    for child in verb.children:
        if child.dep_ in _AUX_DEPS and child.i < verb.i:
            ids.add(child.i)
            # "did not" / "would not": negation hanging off the auxiliary chain
        elif child.dep_ == "advmod" and child.lower_ in lex.adverbs and abs(child.i - verb.i) <= 3:
            ids.add(child.i)
        elif child.dep_ == "prt" and child.i == verb.i + 1:
            ids.add(child.i)
    if prep is not None:
        ids.add(prep.i)
    # Keep the cue contiguous: only the run of chosen tokens adjacent to the verb (adverbs and
    # auxiliaries may sit between), never a word that jumps over the subject.
    lo = hi = verb.i
    while lo - 1 in ids or (lo - 1 >= 0 and doc[lo - 1].dep_ in ("advmod", "neg") and lo - 2 in ids):
        lo -= 1
    while hi + 1 in ids:
        hi += 1
    if hi + 1 < len(doc) and doc[hi + 1].text == ":":
        hi += 1
    return list(range(lo, hi + 1))
