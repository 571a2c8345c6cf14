"""Stance of a source toward what it is said to say (assert, deny, confirm, decline) and hedging.

Rules over the cue, the content and the sentence, in this order:

1. **decline** — the source withholds a statement: a fixed phrase ("no comment", "could not be
   reached"), or a negation / refusal word ("would not", "declined", "refused", "failed") whose
   complement is a verb of saying or answering ("would not confirm", "declined to comment",
   "did not respond to requests", "refused to pledge", "did not deny"). A refusal of an *action*
   ("refused to release his tax returns", "declined to endorse", "decline to appeal") is assert.
2. **deny** — denial words ("denied", "disputes", "rebutted"), unless the object is an action or
   permission ("could deny permits"); weak ones ("dismissed", "rejected", "challenged") only when
   the object is a claim ("rejected that argument", "dismissed the report as false").
3. **confirm** — "confirmed", "acknowledged", "admitted", "conceded" (not "confirmed the nominee").
4. **assert** — everything else, including speech cues whose content calls something false.

The labelling rules follow ``polnear/README.md`` (stance items) of the shared data. ``hedged`` marks
attributions the writer does not vouch for ("reportedly", "allegedly", "is said to", "according to
reports"). All patterns are lexicon files (``stance_*.txt``) compiled once; a call costs a few
regex searches on short strings.
"""

from __future__ import annotations

import re

from newstrace.nlp._lexre import lex_regex, lex_set, normalize

__all__ = ["classify_stance", "is_hedged"]

_NEGATIONS = frozenset({"not", "never", "no", "without", "neither", "nor"})
# Words allowed between a negation/refusal word and the verb it governs ("did not immediately
# respond", "declined to directly say", "refused even to confirm").
_SKIPPABLE = frozenset(
    {
        "to", "immediately", "directly", "publicly", "specifically", "even", "further",
        "again", "also", "yet", "so", "much", "as", "explicitly", "officially", "formally", "fully",
        "personally", "initially", "always", "ever", "really", "previously", "repeatedly", "then",
        "on", "otherwise", "do", "did", "does", "have", "has", "had", "would", "will", "could",
        "can", "might", "may", "should", "either", "both", "clearly", "flatly", "outright",
        "a", "an", "the", "any", "multiple", "several", "repeated", "numerous", "all",
        "willing", "able", "prepared", "ready", "going", "want", "wanted", "wants", "seem", "seemed",
        "seems", "appear", "appeared", "appears", "chosen", "chose", "choose", "choosing",
        "initial", "immediate", "requests", "request", "for", "its", "his", "her", "their", "our",
    }
)
# "not only brushed off" is not a negation.
_NOT_ONLY = {"not": "only"}
_LY_VERBS = frozenset({"reply", "apply", "supply", "comply", "rely", "imply", "ally", "multiply"})
_REVEAL = frozenset({"reveal", "revealed", "disclose", "disclosed", "divulge", "divulged", "indicate", "indicated"})
_COORD = frozenset({"or", "and", "nor"})
_CLAIM_STOP = frozenset(
    {"that", "of", "by", "from", "to", "for", "which", "who", "about", "in", "on", "with", "at", "as"}
)
_CONFIRM_AS = re.compile(r"\bas (?:the |a |an )?(?:new |next |first )?[a-z]+ ?(?:secretary|director|judge|justice|ambassador|chief|head|attorney|general|minister|member|chair|chairman|commissioner)\b")
_WORD_WINDOW = 14
_MAX_CHARS = 2000
# "dispute" as a noun of conflict, not a denial: "in a dispute over", "a legal dispute with".
_NOUN_DISPUTE = re.compile(r"\b(?:a|an|the|in|their|its|his|her|legal|heated|bitter) (?:[a-z]+ )?disputes?\b|\bdisputes? (?:over|with|between|among)\b")
# Words that make what follows "that" a clause rather than a noun ("rejected that he knew").
_FINITE = frozenset(
    {"is", "was", "were", "are", "would", "will", "could", "had", "has", "have", "did", "does",
     "do", "can", "should", "might", "may", "must", "be", "been", "not"}
)


def classify_stance(cue: str, content: str | None, sentence: str) -> tuple[str, bool]:
    """The stance (assert/deny/confirm/decline) of a source toward its content, and a hedge flag.

    ``cue`` is the cue text as extracted (auxiliaries, negation and adverbs included when the
    extractor kept them), ``content`` the content text or None, ``sentence`` the sentence holding
    the cue: it supplies a negation or refusal just before the cue ("He would not, however,
    confirm") and the complement when the content is missing.
    """
    # Only the start of a long content or sentence matters for these rules; bound the work.
    cue, content, sentence = cue[:_MAX_CHARS], (content or "")[:_MAX_CHARS] or None, sentence[:_MAX_CHARS * 2]
    cue_n = normalize(cue)
    sent_n = normalize(sentence)
    before, after = _context(cue_n, sent_n)
    body = normalize(content) if content else " ".join(after.split()[:_WORD_WINDOW])
    stance = _stance(cue_n, body, before)
    return stance, is_hedged(cue, content, sentence)


def is_hedged(cue: str, content: str | None, sentence: str = "") -> bool:
    """True when the cue or content carries a hedge ("reportedly", "allegedly", "is said to").

    Sentence-level phrases that hedge the whole report ("according to reports", "reports
    suggest") count too; single hedge adverbs elsewhere in the sentence do not, since they may
    belong to another attribution.
    """
    hedge = lex_regex("stance_hedge")
    if hedge.search(normalize(cue)) or (content and hedge.search(normalize(content))):
        return True
    if not sentence:
        return False
    sent_n = normalize(sentence)
    return any(" " in m.group(0) for m in hedge.finditer(sent_n))


def _context(cue_n: str, sent_n: str) -> tuple[str, str]:
    """The normalised sentence text before and after the (first occurrence of the) cue."""
    if not cue_n or not sent_n:
        return "", ""
    at = sent_n.find(cue_n)
    if at < 0:
        # The cue may be discontinuous or tokenised differently: anchor on its first word.
        first = cue_n.split()[0]
        match = re.search(r"(?<![a-z0-9'])" + re.escape(first) + r"(?![a-z0-9'])", sent_n)
        if match is None:
            return "", ""
        return sent_n[: match.start()], sent_n[match.end() :]
    return sent_n[:at], sent_n[at + len(cue_n) :]


def _stance(cue_n: str, body: str, before: str) -> str:
    cue_words = cue_n.split()
    before_words = before.split()[-4:]
    joined = " ".join(cue_words + body.split()[:4])

    if lex_regex("stance_decline").search(joined):
        return "decline"

    withhold_at = _withholding_complement(cue_words, body.split(), before_words)
    if withhold_at is not None:
        return withhold_at

    return _positive_stance(cue_n, body)


def _positive_stance(cue_n: str, body: str) -> str:
    """deny / confirm / assert from the cue words alone (negation already handled)."""
    deny = lex_regex("stance_deny").search(cue_n)
    if deny and not _NOUN_DISPUTE.search(cue_n):
        return "assert" if _is_action_object(_after(cue_n, deny) + body) else "deny"
    weak = lex_regex("stance_deny_weak").search(cue_n)
    if weak:
        return "deny" if _is_claim_object(_after(cue_n, weak) + body) else "assert"
    confirm = lex_regex("stance_confirm").search(cue_n)
    if confirm:
        return "assert" if _is_nonclaim_confirm(_after(cue_n, confirm) + body) else "confirm"
    return "assert"


def _after(cue_n: str, match: re.Match[str]) -> str:
    """The cue words after a match, with a trailing space when there are any ("the notion ")."""
    rest = cue_n[match.end() :].strip()
    return rest + " " if rest else ""


def _withholding_complement(
    cue_words: list[str], body_words: list[str], before_words: list[str]
) -> str | None:
    """Decline/assert when a negation or refusal governs the cue, else None (not negated)."""
    refuse = lex_set("stance_refuse")
    trigger = -1
    for i, word in enumerate(cue_words):
        if (word in _NEGATIONS and _NOT_ONLY.get(word) != _at(cue_words, i + 1)) or word in refuse:
            trigger = i
    if trigger >= 0:
        complement = cue_words[trigger + 1 :] + body_words
    else:
        # "He would not, however, confirm": the negation sits just before the cue.
        if not _negated_before(before_words):
            return None
        complement = cue_words + body_words
    negated = trigger >= 0 and cue_words[trigger] in _NEGATIONS
    if _withhold_verb_first(complement[:_WORD_WINDOW], negated):
        return "decline"
    # A negated or refused denial or confirmation withholds it ("did not deny the report",
    # "refused to admit that"); one whose object is an action stays an assertion ("does not
    # reject the bill", "did not concede defeat").
    if _governed_stance(complement) in ("deny", "confirm"):
        return "decline"
    return "assert" if trigger >= 0 else None


def _governed_stance(words: list[str]) -> str:
    """The positive stance of the verb that opens ``words`` (after skippable words) and its object."""
    for i, word in enumerate(words):
        if _skippable(word):
            continue
        head = " ".join(words[i : i + 3])
        for name in ("stance_deny", "stance_deny_weak", "stance_confirm"):
            match = lex_regex(name).match(head)
            if match:
                return _positive_stance(head, " ".join(words[i + 3 :]))
        return "assert"
    return "assert"


def _at(words: list[str], i: int) -> str:
    return words[i] if 0 <= i < len(words) else ""


def _skippable(word: str) -> bool:
    """Auxiliaries, "to", determiners and adverbs between a negation and its verb."""
    return word in _SKIPPABLE or (word.endswith("ly") and word not in _LY_VERBS)


def _negated_before(before_words: list[str]) -> bool:
    """True when the words right before the cue end with a negation or refusal ("did not")."""
    refuse = lex_set("stance_refuse")
    for word in reversed(before_words):
        if word in _NEGATIONS or word in refuse:
            return True
        if _skippable(word) or word in {"however", "though", "yet"}:
            continue
        return False
    return False


def _withhold_verb_first(words: list[str], negated: bool = False) -> bool:
    """True when the first verb slot of ``words`` (or a coordinated one) is a verb of saying.

    With ``negated`` (a plain negation, not a refusal) revealing verbs count on their own: "did
    not reveal his plans" withholds, while "refused to disclose his records" refuses an action.
    """
    withhold = lex_set("stance_withhold")
    disclose = lex_set("stance_disclose")
    info = lex_set("stance_info_words")
    slot = True  # the next content word is in a verb slot
    for i, word in enumerate(words):
        if _skippable(word):
            continue
        if slot:
            if _at(words, i + 1) in ("with", "as"):
                return False  # "do not identify with", "did not name him as"
            if any(" ".join(words[i : i + k]) in withhold for k in (1, 2, 3, 4)):
                return True
            if word in disclose and any(w in info for w in words[i + 1 : i + 5]):
                return True
            if negated and word in _REVEAL:
                return True
            slot = False
            continue
        if word in _COORD:
            slot = True
        elif word in _CLAIM_STOP:
            # A preposition or clause start ends the verb group ("refused to cooperate with ...").
            return False
    return False


def _object_words(body: str) -> list[str]:
    """The words of the object noun phrase: up to a preposition or clause start, at most 8."""
    out: list[str] = []
    for word in body.split()[:8]:
        if word in _CLAIM_STOP:
            if out:
                break
            if word != "that":
                continue  # "the rejection of that idea": skip the leading preposition
        out.append(word)
    return out


def _head_kind(words: list[str]) -> str | None:
    """ "claim" or "action" for the first object word that is a claim or action noun."""
    claim = lex_set("stance_claim_nouns")
    action = lex_set("stance_action_nouns")
    for word in words:
        if word in claim:
            return "claim"
        if word in action:
            return "action"
    return None


def _is_action_object(body: str) -> bool:
    if body.startswith("that ") or body.startswith("any "):
        return False
    return _head_kind(_object_words(body)) == "action"


def _is_claim_object(body: str) -> bool:
    words = _object_words(body) + body.split()[8:12]
    if not words:
        return False
    if words[0] == "that":
        # "rejected that argument" (a claim noun), "rejected that he knew" (a that-clause with a
        # finite verb); "rejected that treaty" is neither.
        nxt = words[1] if len(words) > 1 else ""
        if nxt in lex_set("stance_claim_nouns"):
            return True
        rest = body.split()[1:12]
        return any(w in _FINITE or w.endswith("ed") for w in rest)
    if _head_kind(_object_words(body)) == "claim":
        return True
    return _as_false(body)


def _as_false(body: str) -> bool:
    """ "... as false", "... as a hoax": the dismissal calls its object untrue."""
    words = body.split()
    false = lex_set("stance_false_words")
    for i, word in enumerate(words[:12]):
        if word == "as":
            return any(w in false for w in words[i + 1 : i + 5])
    return False


def _is_nonclaim_confirm(body: str) -> bool:
    if body.startswith("that "):
        return False
    words = body.split()[:6]
    if any(w in lex_set("stance_confirm_nonclaim") for w in words):
        return True
    return bool(_CONFIRM_AS.search(" ".join(body.split()[:10])))
