"""Leaked markup: multi-line JSON attributes closed by curly quotes, scripts, inline tags, metadata."""

from __future__ import annotations

import pytest

from newstrace.clean.markup import MAX_SCAN, find_markup, strip_markup

EMBED = (
    'Lead line\n\n<cms-player-embed data-config="{"cms.article.publishDate":1700000000000,'
    '"cms.article.updateDate":1700003600000,"html":"<div id=\\"p1\\"></div>\n\nvar q = q||[]; '
    'q.push({ "div": "p1" }); "}\u201d>Video Embed\nThe council met on Monday.\n'
)


def test_markup_multiline_json_embed_is_cut_whole_with_its_placeholder() -> None:
    result = strip_markup(EMBED)
    assert [c.reason for _, c in result.cuts] == ["embed"]
    cut = result.cuts[0][1]
    assert cut.text.startswith("<cms-player-embed") and cut.text.endswith("\u201d>Video Embed")
    assert "The council met on Monday." in result.text
    assert "var q" not in result.text and "Video Embed" not in result.text


def test_markup_epoch_times_and_canonical_url_are_kept() -> None:
    result = strip_markup(EMBED + '<link rel="canonical" href="https://harbor.example/news/1">\n')
    assert result.meta.published_at == "2023-11-14T22:13:20Z"
    assert result.meta.updated_at == "2023-11-14T23:13:20Z"
    assert result.meta.url == "https://harbor.example/news/1"


def test_markup_iso_publish_date_in_json_attribute() -> None:
    text = '<x-meta data-json=\'{"datePublished":"2024-03-04T10:00:00+01:00"}\'></x-meta>\nBody text here.'
    result = strip_markup(text)
    assert result.meta.published_at == "2024-03-04T10:00:00+01:00"
    assert result.text.strip() == "Body text here."


def test_markup_inline_tags_go_and_their_text_stays() -> None:
    result = strip_markup("The <b>mayor</b> said <a href=\"https://x.example\">yes</a>.")
    assert result.text == "The mayor said yes."
    assert {c.reason for _, c in result.cuts} == {"markup"}


def test_markup_script_element_goes_with_its_content() -> None:
    result = strip_markup("Before.\n<script>var a = 1 < 2;</script>\nAfter.")
    assert "var a" not in result.text
    assert "Before." in result.text and "After." in result.text


def test_markup_curly_and_prime_quoted_iframe() -> None:
    text = "See <iframe src=\u201dhttps://v.example/e/1\u201d width=\u201d560\u2033></iframe> here."
    result = strip_markup(text)
    assert result.text == "See  here."


def test_markup_text_that_only_looks_like_a_tag_is_left_alone() -> None:
    text = "Scores: 3 <5 and <THREAD> stays, as does a <3 heart."
    assert strip_markup(text).text == text


def test_markup_unclosed_embed_drops_only_its_line() -> None:
    text = '<cms-embed data-x="{"a": [1, 2\nSecond line stays.'
    result = strip_markup(text)
    assert "Second line stays." in result.text


def test_markup_scan_is_bounded() -> None:
    text = '<cms-embed data-x="{' + "{" * (MAX_SCAN + 10) + "\nBody."
    cuts = find_markup(text)
    assert cuts and cuts[0].end <= len(text)


@pytest.mark.timeout(60)
def test_markup_hostile_input_is_cut_without_quadratic_scans() -> None:
    hostile = ['<a x="' * 20000, "<div " * 50000, '<cms-embed data-x="{' + "{" * 300000, "<!-- " * 20000]
    for text in hostile:
        result = strip_markup(text + "\nBody.")
        assert result.text.endswith("Body.")
