"""Titles without site names and author names out of bylines."""

from __future__ import annotations

import pytest

from newstrace.clean.htmlnames import clean_title, is_site_name, normalize_authors, same_title, site_keys

KEYS = site_keys(["Valley Herald"], "https://www.valleyherald.example/news/1")


@pytest.mark.parametrize(
    "title, expected",
    [
        ("Water board raises drought warning - Valley Herald", "Water board raises drought warning"),
        ("Water board raises drought warning | Valley Herald", "Water board raises drought warning"),
        ("Valley Herald | Water board raises drought warning", "Water board raises drought warning"),
        ("Water board raises drought warning \u2013 valleyherald.example", "Water board raises drought warning"),
        ("Drought warning - what it means for gardens", "Drought warning - what it means for gardens"),
        ("Valley Herald", "Valley Herald"),
    ],
)
def test_htmlnames_clean_title_strips_only_the_site(title: str, expected: str) -> None:
    assert clean_title(title, KEYS) == expected


def test_htmlnames_same_title_matches_headline_and_structured_title() -> None:
    assert same_title("Water board raises drought warning", "Water board raises drought warning - Valley Herald", KEYS)
    assert not same_title("Valley Herald", "Water board raises drought warning - Valley Herald", KEYS)
    assert not same_title("Weather", "Water board raises drought warning", KEYS)


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("By Jane Doe and John Roe", ["Jane Doe", "John Roe"]),
        ("Von Max Muster und Erika Beispiel", ["Max Muster", "Erika Beispiel"]),
        ("Par Claire Dupont", ["Claire Dupont"]),
        ("Jane Doe, Staff Writer", ["Jane Doe"]),
        ("Jane Doe | 12.03.2024, 14:05", ["Jane Doe"]),
        ("By Jane Doe Updated March 12, 2024", ["Jane Doe"]),
        ("Jane Doe (@janedoe) jane@example.org", ["Jane Doe"]),
        ("Jane Doe; John Roe; Ana Lima", ["Jane Doe", "John Roe", "Ana Lima"]),
        ("Jane Doe for The Valley Herald", ["Jane Doe"]),
        ("Photo: Jane Doe", []),
        ("Unknown", []),
        ("admin", []),
        ("", []),
        ("x" * 400, []),
    ],
)
def test_htmlnames_normalize_authors(raw: str, expected: list[str]) -> None:
    assert normalize_authors(raw) == expected


def test_htmlnames_site_name_recognised_as_an_author() -> None:
    assert is_site_name("Valley Herald", KEYS)
    assert is_site_name("valleyherald.example", KEYS)
    assert not is_site_name("Jane Doe", KEYS)
