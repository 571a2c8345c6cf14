"""Page metadata (headline, authors, publisher, URL, times) from synthetic pages."""

from __future__ import annotations

import json

import pytest

from newstrace.clean.html import parse_html
from newstrace.clean.htmlmeta import extract_page_metadata, jsonld_objects

BODY = (
    "<p>The regional water board raised its drought warning to the second of four levels on Friday, after a "
    "dry spring left reservoirs at their lowest level in a decade, a board spokesman said.</p>"
)


def meta_of(head: str = "", body: str = "", url: str | None = "https://valley.example/news/2024/06/14/drought"):
    html = f"<html lang='en'><head>{head}</head><body>{body}{BODY}</body></html>"
    tree = parse_html(html)
    assert tree is not None
    return extract_page_metadata(tree, url)


def ld(obj: object) -> str:
    return f"<script type='application/ld+json'>{json.dumps(obj)}</script>"


def test_htmlmeta_json_ld_article_in_a_graph() -> None:
    graph = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "WebSite", "name": "Valley Herald", "datePublished": "2001-01-01"},
            {
                "@type": ["NewsArticle"],
                "headline": "Water board raises drought warning",
                "datePublished": "2024-06-14T07:45:00-04:00",
                "author": {"@type": "Person", "name": "Ines Moreau"},
                "publisher": {"@type": "Organization", "name": "Valley Herald"},
            },
        ],
    }
    meta = meta_of(ld(graph))
    assert meta.title == "Water board raises drought warning"
    assert meta.authors == ["Ines Moreau"]
    assert meta.publisher == "Valley Herald"
    assert meta.published_at == "2024-06-14T07:45:00-04:00"


def test_htmlmeta_broken_or_huge_json_ld_is_ignored() -> None:
    broken = "<script type='application/ld+json'>{\"@type\": \"NewsArticle\", \"headline\": </script>"
    huge = ld({"@type": "NewsArticle", "headline": "x", "filler": "y" * 400_000})
    nested = "<script type='application/ld+json'>" + "[" * 5000 + "]" * 5000 + "</script>"
    tree = parse_html(f"<html><head>{broken}{huge}{nested}</head><body>{BODY}</body></html>")
    assert tree is not None
    assert jsonld_objects(tree) == []


def test_htmlmeta_opengraph_and_meta_tags() -> None:
    head = (
        "<title>Water board raises drought warning - Valley Herald</title>"
        "<meta property='og:title' content='Water board raises drought warning - Valley Herald'>"
        "<meta property='og:site_name' content='Valley Herald'>"
        "<meta name='author' content='Ines Moreau'>"
        "<meta property='article:published_time' content='2024-06-14T11:45:00Z'>"
        "<link rel='canonical' href='https://valley.example/news/drought-warning'>"
    )
    meta = meta_of(head, url="https://valley.example/amp/drought?utm=x")
    assert meta.title == "Water board raises drought warning"
    assert meta.authors == ["Ines Moreau"]
    assert meta.publisher == "Valley Herald"
    assert meta.published_at == "2024-06-14T11:45:00Z"
    assert meta.url == "https://valley.example/news/drought-warning"
    assert meta.language == "en"


def test_htmlmeta_visible_headline_wins_and_keeps_its_typography() -> None:
    head = "<meta property='og:title' content='\"Dry spring\": water board raises warning | Valley Herald'>"
    body = "<article><h1>\u201cDry spring\u201d: water board raises warning</h1></article>"
    meta = meta_of(head, body)
    assert meta.title == "\u201cDry spring\u201d: water board raises warning"
    assert meta.headline_node is not None and meta.headline_node.tag == "h1"


def test_htmlmeta_headline_leaves_out_the_kicker() -> None:
    head = "<meta property='og:title' content='Water board raises drought warning'>"
    body = (
        "<h1><span class='headline-kicker'>Reservoirs at record low</span> "
        "<span class='headline-text'>Water board raises drought warning</span></h1>"
    )
    assert meta_of(head, body).title == "Water board raises drought warning"


def test_htmlmeta_byline_markup_when_nothing_structured() -> None:
    body = "<div class='article-header'><span class='byline'>By Ines Moreau and Paul Asante</span></div>"
    assert meta_of(body=body).authors == ["Ines Moreau", "Paul Asante"]


def test_htmlmeta_byline_in_comments_or_related_lists_is_not_the_author() -> None:
    body = (
        "<section class='comments'><span class='author'>Angry Reader</span></section>"
        "<aside><ul><li><span class='author'>Other Writer</span></li></ul></aside>"
    )
    assert meta_of(body=body).authors == []


def test_htmlmeta_author_that_is_the_site_is_only_a_fallback() -> None:
    head = (
        "<meta property='og:site_name' content='Valley Herald'>"
        "<meta name='author' content='Valley Herald'>"
    )
    assert meta_of(head).authors == ["Valley Herald"]
    body = "<p class='byline'>By Ines Moreau</p>"
    assert meta_of(head, body).authors == ["Ines Moreau"]


def test_htmlmeta_date_from_url_when_no_markup() -> None:
    assert meta_of().published_at == "2024-06-14"


def test_htmlmeta_utc_stamp_is_replaced_by_the_same_instant_with_the_site_offset() -> None:
    head = (
        "<meta property='article:published_time' content='2024-06-14T22:30:00Z'>"
        "<meta name='date' content='2024-06-15T00:30:00+02:00'>"
    )
    assert meta_of(head, url=None).published_at == "2024-06-15T00:30:00+02:00"


def test_htmlmeta_republication_stamp_loses_to_the_url_date() -> None:
    head = "<meta property='article:published_time' content='2024-09-30T08:00:00+02:00'>"
    assert meta_of(head).published_at == "2024-06-14"


@pytest.mark.parametrize(
    "body, expected",
    [
        ("<h1>Water board raises drought warning</h1><p>Berlin, 14. Juni 2024 - Von Ines Moreau</p>", "2024-06-14"),
        ("<h1>Water board raises drought warning</h1><div>June 14, 2024 at 9:00</div>", "2024-06-14"),
        ("<h1>Water board raises drought warning</h1><time class='entry-date' datetime='2024-06-13T18:00:00+02:00'>"
         "gestern</time>", "2024-06-13T18:00:00+02:00"),
    ],
)
def test_htmlmeta_visible_dates_near_the_headline(body: str, expected: str) -> None:
    assert meta_of(body=body, url=None).published_at == expected


@pytest.mark.parametrize("lang, expected", [("de-DE", "de"), ("en_US", "en"), ("FR", "fr"), ("", None), ("english", None)])
def test_htmlmeta_language_is_the_primary_subtag(lang: str, expected: str | None) -> None:
    tree = parse_html(f"<html lang='{lang}'><head></head><body>{BODY}</body></html>")
    assert tree is not None
    assert extract_page_metadata(tree, None).language == expected


def test_htmlmeta_relative_canonical_link_is_resolved_against_the_page_url() -> None:
    meta = meta_of("<link rel='canonical' href='/news/drought-warning'>", url="https://valley.example/amp/x")
    assert meta.url == "https://valley.example/news/drought-warning"
