"""Grammatical gender of a person's name, from titles and common first names (lexicon files)."""

from __future__ import annotations

from newstrace.nlp._lexre import lex_set

MALE_TITLES = frozenset({"mr", "sir", "lord", "king", "prince", "father", "brother", "monsieur", "herr"})
FEMALE_TITLES = frozenset(
    {"mrs", "ms", "miss", "madam", "madame", "dame", "lady", "queen", "princess", "sister", "frau"}
)


def title_gender(word: str) -> str | None:
    """ "m" for "Mr.", "f" for "Mrs." / "Ms.", else None."""
    w = word.lower().rstrip(".")
    if w in MALE_TITLES:
        return "m"
    if w in FEMALE_TITLES:
        return "f"
    return None


def name_gender(name: str) -> str | None:
    """ "m" / "f" from the first name of ``name`` when it is a common, unambiguous one."""
    words = name.split()
    if len(words) < 2:
        return None
    first = words[0].lower().rstrip(".,")
    male = first in lex_set("kind_first_names_male")
    female = first in lex_set("kind_first_names_female")
    if male == female:
        return None
    return "m" if male else "f"
