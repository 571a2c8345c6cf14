"""Word lists and patterns as data files, loaded once.

Each list is ``lexicon/data/<name>.txt``: one entry per line, ``#`` starts a comment, blank lines
are ignored, entries are kept as written (case included). ``load(name)`` returns a tuple in file
order; ``load_set(name)`` a lower-cased frozenset for membership tests. A test checks that no file
holds an entry twice.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

__all__ = ["load", "load_set", "available"]


def _read(name: str) -> list[str]:
    path = resources.files("newstrace.lexicon") / "data" / f"{name}.txt"
    if not path.is_file():
        raise FileNotFoundError(f"no lexicon named {name!r} (looked for lexicon/data/{name}.txt)")
    entries: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        entry = line.split(" #", 1)[0].strip() if not line.lstrip().startswith("#") else ""
        if entry:
            entries.append(entry)
    return entries


@lru_cache(maxsize=None)
def load(name: str) -> tuple[str, ...]:
    """The entries of ``lexicon/data/<name>.txt`` in file order."""
    return tuple(_read(name))


@lru_cache(maxsize=None)
def load_set(name: str) -> frozenset[str]:
    """The entries of ``lexicon/data/<name>.txt``, lower-cased, as a set."""
    return frozenset(e.lower() for e in _read(name))


def available() -> list[str]:
    """Names of every lexicon file shipped with the package."""
    folder = resources.files("newstrace.lexicon") / "data"
    return sorted(p.name[:-4] for p in folder.iterdir() if p.name.endswith(".txt"))
