from __future__ import annotations

import pytest

from newstrace import lexicon


@pytest.mark.parametrize("name", lexicon.available())
def test_lexicon_has_no_duplicate_entries(name: str) -> None:
    entries = [e.lower() for e in lexicon.load(name)]
    duplicates = sorted({e for e in entries if entries.count(e) > 1})
    assert not duplicates, f"{name}.txt repeats: {duplicates}"


def test_lexicon_unknown_name_is_a_clear_error() -> None:
    with pytest.raises(FileNotFoundError, match="no lexicon named"):
        lexicon.load("no-such-list")
