"""Named entities of an article with one canonical name per real-world entity.

spaCy finds the mentions; the rules here give every mention of the same entity the same
``canonical`` name within the article:

* people: titles and possessives are dropped ("Mr. Putin's" -> "Putin"), and a short mention takes
  the full name it abbreviates ("Putin", "Mr. Putin" -> "Vladimir Putin"). When several full names
  share a surname ("Donald Trump", "Ivanka Trump"), a gendered title decides ("Mrs. Clinton"),
  else the one named most often, then the first introduced;
* a name the tagger labels ORG in one place and PERSON elsewhere is relabelled PERSON;
* known aliases map to one name (``entity_aliases.txt``: "the U.S." / "United States");
* acronyms map to the full name they abbreviate in the same article ("FBI" after "Federal Bureau
  of Investigation"), and a short organisation or outlet name to a longer one it ends with
  ("the Times" -> "New York Times") or starts with ("Goldman" -> "Goldman Sachs").

``entity_clusters(doc)`` is the same analysis as (entity, cluster key) pairs, cached on the doc,
for source resolution.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import TYPE_CHECKING

from newstrace import lexicon
from newstrace.nlp._doccache import ents as doc_ents
from newstrace.nlp._doccache import text as doc_text
from newstrace.nlp._gender import name_gender, title_gender
from newstrace.nlp.kinds import is_outlet_name
from newstrace.records import Entity

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["extract_entities", "canonical_name", "entity_clusters", "KEPT_LABELS"]

KEPT_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"}
)
_ORGLIKE = frozenset({"ORG", "GPE", "LOC", "FAC", "NORP"})
_TITLE_WORDS = frozenset(
    {"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "lord", "lady", "rev", "fr",
     "sen", "senator", "rep", "representative", "gov", "governor", "president", "vice", "pres",
     "prime", "minister", "secretary", "gen", "general", "col", "colonel", "lt", "capt", "captain",
     "sgt", "adm", "admiral", "judge", "justice", "mayor", "chancellor", "premier", "king", "queen",
     "prince", "princess", "pope", "sheikh", "ambassador", "speaker", "chief", "former", "late",
     "then", "candidate", "nominee", "leader", "attorney", "state", "u.s.", "us", "house",
     "senate", "democratic", "republican", "detective", "officer", "agent", "coach", "ceo"}
)
_POSSESSIVE = re.compile(r"(?:['\u2019]s|['\u2019])$")
_LEADING_THE = re.compile(r"^(?:the|The|THE)\s+")
_ACRONYM_SKIP = frozenset({"of", "the", "and", "for", "on", "in", "&", "de", "du", "la", "at"})
_MAX_ENTITIES = 20_000


@lru_cache(maxsize=1)
def _aliases() -> tuple[dict[str, str], dict[str, str]]:
    """(exact alias -> canonical, lower-cased alias of 4+ chars -> canonical)."""
    exact: dict[str, str] = {}
    lower: dict[str, str] = {}
    for line in lexicon.load("entity_aliases"):
        names = [n.strip() for n in line.split("|") if n.strip()]
        canonical = names[0]
        for name in names:
            key = _LEADING_THE.sub("", name)
            exact[key] = canonical
            if len(key) >= 4:
                lower[key.lower()] = canonical
    return exact, lower


@lru_cache(maxsize=4096)
def _clean(text: str) -> str:
    """Whitespace collapsed, curly apostrophes kept, leading "the" and trailing possessive removed."""
    out = " ".join(text.split())
    if "(" in out:
        out = re.sub(r"\s*\([^)]*\)?\s*$", "", out) or out
    out = _POSSESSIVE.sub("", out)
    out = _LEADING_THE.sub("", out)
    return out.strip(" ,;:\"'\u201c\u201d")


@lru_cache(maxsize=4096)
def _person_core(text: str) -> str:
    """A person's name without titles: "Mr. Putin" -> "Putin", "Sen. Jane Doe" -> "Jane Doe"."""
    words = _clean(text).split()
    while len(words) > 1 and words[0].lower().rstrip(".") in _TITLE_WORDS:
        words = words[1:]
    # Drop a trailing generational suffix only when a surname remains ("Martin Luther King Jr.").
    if len(words) > 2 and words[-1].rstrip(".").lower() in ("jr", "sr", "ii", "iii", "iv"):
        words = words[:-1]
    return " ".join(words).rstrip(",")


@lru_cache(maxsize=4096)
def canonical_name(text: str, label: str) -> str:
    """The article-independent canonical form of one mention (aliases, titles, "the", "'s")."""
    exact, lower = _aliases()
    core = _person_core(text) if label == "PERSON" else _clean(text)
    if label != "PERSON":
        if core in exact:
            return exact[core]
        if core.lower() in lower:
            return lower[core.lower()]
    return core or " ".join(text.split())


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w.lower() not in _ACRONYM_SKIP and w[:1].isalpha()).upper()


def entity_clusters(doc: Doc) -> list[tuple[Entity, str]]:
    """Each kept entity of ``doc`` with its canonical name (cached on the doc)."""
    cached = doc.user_data.get("newstrace.entities")
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    ents = [e for e in doc_ents(doc) if e.label_ in KEPT_LABELS][:_MAX_ENTITIES]
    text = doc_text(doc)

    # Labels: a name tagged PERSON more often than anything else is a person everywhere.
    votes: dict[str, Counter[str]] = {}
    for ent in ents:
        votes.setdefault(_person_core(ent.text), Counter())[ent.label_] += 1
    person_full: list[tuple[int, str]] = []  # (start, full name) of multi-word PERSON mentions
    labels: list[str] = []
    for ent in ents:
        label = ent.label_
        core = _person_core(ent.text)
        if label in ("ORG", "GPE", "NORP") and votes[core].get("PERSON", 0) > votes[core][label]:
            label = "PERSON"
        labels.append(label)
        if label == "PERSON" and len(core.split()) >= 2:
            person_full.append((ent.start_char, core))
    surnames: dict[str, list[tuple[int, str]]] = {}
    firsts: dict[str, set[str]] = {}
    for start, full in person_full:
        surnames.setdefault(full.split()[-1], []).append((start, full))
        firsts.setdefault(full.split()[0], set()).add(full)
    full_counts = Counter(full for _, full in person_full)

    # Single-token surnames tagged ORG/NORP ("Trump" as ORG) become people when a full name ends in them.
    for i, ent in enumerate(ents):
        core = _person_core(ent.text)
        if labels[i] in ("ORG", "NORP") and len(core.split()) == 1 and core in surnames and core not in _aliases()[0]:
            labels[i] = "PERSON"

    org_names = [canonical_name(e.text, labels[i]) for i, e in enumerate(ents) if labels[i] in _ORGLIKE]
    # longest first; names of one length in the order the article mentions them (not a set's hash order)
    long_orgs = sorted(dict.fromkeys(n for n in org_names if len(n.split()) >= 2), key=lambda n: -len(n))
    acronyms: dict[str, str] = {}
    for name in long_orgs:
        initials = _initials(name)
        if len(initials) >= 2:
            acronyms.setdefault(initials, name)

    out: list[tuple[Entity, str]] = []
    for i, ent in enumerate(ents):
        label = labels[i]
        canonical = canonical_name(ent.text, label)
        if label == "PERSON":
            gender = title_gender(ent.text.split()[0]) or (
                title_gender(doc[ent.start - 1].text) if ent.start > 0 else None)
            canonical = _person_canonical(canonical, ent.start_char, surnames, firsts, full_counts, gender)
        elif label in _ORGLIKE:
            canonical = _org_canonical(canonical, acronyms, long_orgs)
        start, end = _trim(text, ent.start_char, ent.end_char)
        out.append((Entity(text=text[start:end], label=label, start=start, end=end, canonical=canonical), canonical))
    doc.user_data["newstrace.entities"] = out
    return out


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop an unclosed parenthesis the tagger swallowed ("Federal Bureau of Investigation (FBI")
    and a trailing possessive ("Donald Trump's")."""
    piece = text[start:end]
    cut = piece.rfind("(")
    if cut > 0 and ")" not in piece[cut:]:
        end = start + len(piece[:cut].rstrip())
        piece = text[start:end]
    match = _POSSESSIVE.search(piece)
    if match and match.start() > 0:
        end = start + match.start()
        piece = text[start:end]
    stripped = piece.rstrip(" \t\n'\"\u201d\u2019,;:-")
    if stripped:
        end = start + len(stripped)
    return start, end


def _person_canonical(
    core: str,
    start: int,
    surnames: dict[str, list[tuple[int, str]]],
    firsts: dict[str, set[str]],
    counts: Counter[str],
    gender: str | None = None,
) -> str:
    words = core.split()
    if len(words) >= 2:
        # "Barack Hussein Obama" and "Barack Obama": the most frequent form with the same ends.
        same = [f for f in counts if f.split()[0] == words[0] and f.split()[-1] == words[-1]]
        return max(same, key=lambda f: (counts[f], -len(f))) if same else core
    if not words:
        return core
    candidates = surnames.get(words[0])
    if candidates:
        fulls = {f for _, f in candidates}
        if gender is not None and len(fulls) > 1:
            # "Mrs. Clinton" with "Bill Clinton" and "Hillary Clinton" named: the woman.
            matching = {f for f in fulls if name_gender(f) == gender}
            fulls = matching or fulls
        if len(fulls) == 1:
            return _person_canonical(next(iter(fulls)), start, {}, firsts, counts)
        # Several people share the surname: the one named most often, then the first introduced
        # (relatives are usually named in full, the article's subject by surname).
        first_seen = {f: min(s for s, g in candidates if g == f) for f in fulls}
        best = max(fulls, key=lambda f: (counts[f], -first_seen[f]))
        return _person_canonical(best, start, {}, firsts, counts)
    by_first = firsts.get(words[0])
    if by_first and len(by_first) == 1:
        return next(iter(by_first))  # "Hillary" -> "Hillary Clinton"
    return core


def _org_canonical(name: str, acronyms: dict[str, str], long_orgs: list[str]) -> str:
    compact = name.replace(".", "")
    if compact.isupper() and compact in acronyms and acronyms[compact] != name:
        return acronyms[compact]
    words = name.split()
    if len(words) == 1 and not name.isupper():
        for longer in long_orgs:
            parts = longer.split()
            if parts[0] == name and longer != name:
                return longer  # "Goldman" -> "Goldman Sachs"
    for longer in long_orgs:
        parts = longer.split()
        if len(parts) > len(words) and parts[-len(words):] == words and (
            len(words) >= 2 or is_outlet_name(longer)
        ):
            return longer  # "Times" -> "New York Times" (outlets), "Justice Department" -> ...
    return name


def extract_entities(doc: Doc) -> list[Entity]:
    """Named-entity mentions of ``doc`` (offsets into ``doc.text``) with canonical names."""
    return [entity for entity, _ in entity_clusters(doc)]
