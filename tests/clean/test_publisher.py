"""Publisher recovery: promo trailers, follow prompts, copyright holders, URL domains."""

from __future__ import annotations

import pytest

from newstrace.clean.publisher import agency_name, copyright_holder, from_follow, from_promo, from_url, recase


@pytest.mark.parametrize("line, name", [
    ("CLICK HERE TO READ MORE FROM THE HARBOR HERALD", "Harbor Herald"),
    ("Click here to read more from The Kestrel Review", "The Kestrel Review"),
    ("CLICK HERE TO GET THE BAYSIDE NEWS APP", "Bayside News"),
    ("CLICK HERE TO READ MORE ON CNN BUSINESS", "CNN Business"),
])
def test_publisher_from_promo_trailer(line: str, name: str) -> None:
    assert from_promo(line) == name


def test_publisher_recase_keeps_acronyms_and_small_words() -> None:
    assert recase("THE VOICE OF THE VALLEY") == "Voice of the Valley"
    assert recase("NBC NEWS") == "NBC News"
    assert recase("Harbor Herald") == "Harbor Herald"


def test_publisher_follow_prompt_names_the_outlet() -> None:
    assert from_follow("Follow Harbor Herald on social media for the latest updates.") == "Harbor Herald"
    assert from_follow("Follow us on Twitter") is None


@pytest.mark.parametrize("line, holder", [
    ("Copyright 2024 Harbor Herald. All rights reserved.", "Harbor Herald"),
    ("Copyright © 2019 Example Media, LLC. Click here for reprint permission.", "Example Media"),
    ("(Copyright 2018 The Associated Press. All rights reserved.)", "The Associated Press"),
])
def test_publisher_copyright_holder(line: str, holder: str) -> None:
    assert copyright_holder(line) == holder


def test_publisher_wire_agencies_are_recognised() -> None:
    assert agency_name("The Associated Press") == "Associated Press"
    assert agency_name("Reuters") == "Reuters"
    assert agency_name("Harbor Herald") is None


def test_publisher_from_url_known_phrase_and_split() -> None:
    assert from_url("https://www.greystonedaily.example/news/1") == "Greystone Daily"
    text = "A release distributed by PressPoint Newswire on Monday."
    assert from_url("https://www.presspointnewswire.example/releases/1", text) == "PressPoint Newswire"
    assert from_url("https://www.nytimes.com/2020/01/01/us/x.html") == "The New York Times"
    assert from_url(None) is None
    assert from_url("https://www.qz.example/") is None
