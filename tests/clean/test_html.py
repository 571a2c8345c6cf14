"""HTML cleaning end to end, on small synthetic pages written for these tests."""

from __future__ import annotations

import json

import pytest

from newstrace.clean.html import clean_html, parse_html
from newstrace.clean.stage import CleanStage
from newstrace.errors import Skip
from newstrace.records import RawDocument
from newstrace.settings import Settings

PARAS = [
    "The harbour authority closed the eastern pier on Tuesday after inspectors found cracks in two of its "
    "concrete supports, a spokeswoman for the authority said.",
    "Repairs are expected to take at least six weeks, and ferries will use the western terminal in the "
    "meantime, according to a notice posted at the ticket office.",
    "Local fishermen said the closure would cost them several days of work, because the western terminal "
    "has fewer berths and longer queues in the early morning.",
    "The authority said it would publish a full engineering report once the divers had finished surveying "
    "the remaining supports along the pier.",
]


def page(
    body: str,
    head: str = "",
    title: str = "Harbour pier closed after cracks found | Coastal Courier",
) -> str:
    return (
        f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{title}</title>{head}</head>"
        f"<body>{body}</body></html>"
    )


def article(paras: list[str] = PARAS, extra: str = "", before: str = "") -> str:
    ps = "".join(f"<p>{p}</p>" for p in paras)
    return (
        "<header class='site-header'><nav><ul><li><a href='/'>Home</a></li><li><a href='/news'>News</a></li>"
        "<li><a href='/sport'>Sport</a></li><li><a href='/weather'>Weather</a></li></ul></nav></header>"
        f"<main><article><h1>Harbour pier closed after cracks found</h1>{before}"
        f"<div class='article-body'>{ps}{extra}</div></article>"
        "<aside class='related-stories'><h3>Related stories</h3><ul>"
        "<li><a href='/a'>Council approves new budget for the coastal road network</a></li>"
        "<li><a href='/b'>Lighthouse reopens to visitors after a year of renovation works</a></li></ul></aside>"
        "<section id='comments' class='comments'><h3>Comments</h3><div class='comment'><p>Reader comment: "
        "this pier has been falling apart for years and nobody listened to us at all.</p></div></section>"
        "</main><footer class='site-footer'><p>Copyright Coastal Courier. All rights reserved. Contact us "
        "for syndication and advertising enquiries.</p></footer>"
    )


def test_html_keeps_article_paragraphs_and_drops_chrome() -> None:
    result = clean_html(page(article()), "https://courier.example/news/pier")
    body = result.body
    for para in PARAS:
        assert para in body
    for junk in ("Home", "Council approves new budget", "Reader comment", "All rights reserved"):
        assert junk not in body
    assert body.split("\n\n")[-1] == PARAS[-1]


def test_html_body_is_paragraphs_joined_by_blank_lines_with_characters_verbatim() -> None:
    special = (
        "The mayor called it \u201ca serious but manageable problem\u201d \u2014 the second closure in "
        "10\u00a0years \u2014 and promised a full review of maintenance contracts before the winter storms."
    )
    result = clean_html(page(article(PARAS[:2] + [special] + PARAS[2:])))
    paragraphs = result.body.split("\n\n")
    assert special in paragraphs
    assert "\n\n\n" not in result.body and not result.body.startswith("\n")
    assert all(p == p.strip() and "\n" not in p for p in paragraphs)


def test_html_script_in_the_body_never_reaches_the_text() -> None:
    script = "<script>var trackingPixel = 'SECRET_TRACKER'; document.write('<p>injected</p>');</script>"
    style = "<style>.x{color:red} /* STYLE_RULE */</style>"
    result = clean_html(page(article(extra=script + style)))
    assert PARAS[0] in result.body
    for marker in ("SECRET_TRACKER", "trackingPixel", "injected", "STYLE_RULE"):
        assert marker not in result.body


@pytest.mark.parametrize(
    "html",
    [
        "",
        "   \n\t ",
        "just some words, no markup",
        "<html></html>",
        "<html><body><div><span></span></div></body></html>",
        "\x00\x01\x02\x03 binary \xff\xfe garbage \x1b[0m",
        "<<<>>><</>",
        "<?xml version='1.0' encoding='latin-1'?><root/>",
    ],
)
def test_html_empty_or_garbage_gives_an_empty_body(html: str) -> None:
    assert clean_html(html).body == ""


def test_html_stage_skips_an_empty_page_as_empty() -> None:
    stage = CleanStage(Settings())
    with pytest.raises(Skip) as caught:
        stage.process(RawDocument(id="e1", source="test", html="<html><body><nav>Home</nav></body></html>"))
    assert caught.value.reason == "empty"


def test_html_stage_builds_an_article_with_page_metadata() -> None:
    stage = CleanStage(Settings())
    html = page(article(), head="<meta property='og:site_name' content='Coastal Courier'>")
    record = stage.process(RawDocument(id="p1", source="test", html=html, url="https://courier.example/p1"))
    assert record.id == "p1"
    assert record.headline == "Harbour pier closed after cracks found"
    assert record.publisher == "Coastal Courier"
    assert PARAS[1] in record.body


def test_html_deeply_nested_markup_does_not_blow_up() -> None:
    depth = 50_000
    html = page("<div>" * depth + "<p>" + PARAS[0] + "</p>" + "</div>" * depth + article())
    result = clean_html(html)
    assert isinstance(result.body, str)
    tree = parse_html(html)
    assert tree is not None


@pytest.mark.timeout(120)
def test_html_five_megabyte_page_is_cleaned() -> None:
    filler_item = "<li><a href='/x'>Another link in a very long navigation list of the site</a></li>"
    filler = "<nav><ul>" + filler_item * (5_000_000 // len(filler_item)) + "</ul></nav>"
    html = page(filler + article())
    assert len(html) > 5_000_000
    result = clean_html(html)
    assert PARAS[0] in result.body
    assert "Another link" not in result.body


def test_html_non_english_page_is_kept() -> None:
    german = [
        "Der Stadtrat hat am Dienstag beschlossen, die alte Brücke über den Fluss im kommenden Frühjahr "
        "vollständig zu sanieren, wie eine Sprecherin der Verwaltung mitteilte.",
        "Die Arbeiten sollen rund vier Monate dauern; in dieser Zeit wird der Verkehr über eine "
        "Behelfsbrücke am nördlichen Ufer umgeleitet, hieß es weiter.",
        "Anwohner hatten sich seit Jahren über Schlaglöcher und bröckelnde Geländer beschwert und "
        "begrüßten die Entscheidung des Rates ausdrücklich.",
    ]
    html = page(article(german)).replace("lang='en'", "lang='de'")
    result = clean_html(html)
    assert german[0] in result.body
    assert result.language == "de"


def test_html_recovers_a_standfirst_the_extractor_drops() -> None:
    lead = (
        "Inspectors found cracks in two concrete supports, and the pier will stay shut for at least six "
        "weeks while divers survey the rest of the structure."
    )
    result = clean_html(page(article(before=f"<div class='teaser-text'><p>{lead}</p></div>")))
    assert result.body.startswith(lead)
    assert PARAS[0] in result.body


def test_html_drops_related_story_prompts_with_a_reason() -> None:
    prompt = "<p>Read more: <a href='/c'>Ferry timetable changes for the summer season</a></p>"
    paras = PARAS[:2] + ["__PROMPT__"] + PARAS[2:]
    html = page(article(paras)).replace("<p>__PROMPT__</p>", prompt)
    result = clean_html(html)
    assert "Ferry timetable changes" not in result.body
    assert any(r.reason == "related" and "Read more" in r.text for r in result.removed)
    assert PARAS[3] in result.body


def test_html_metadata_from_json_ld_wins_over_visible_markup() -> None:
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": "Harbour pier closed after cracks found",
        "datePublished": "2024-03-05T09:30:00+01:00",
        "dateModified": "2024-03-05T12:00:00+01:00",
        "author": [{"@type": "Person", "name": "Mara Lindqvist"}, {"@type": "Person", "name": "Tom Okafor"}],
        "publisher": {"@type": "NewsMediaOrganization", "name": "Coastal Courier"},
    }
    head = f"<script type='application/ld+json'>{json.dumps(ld)}</script>"
    byline = "<p class='byline'>By Somebody Else</p>"
    result = clean_html(page(article(before=byline), head=head), "https://courier.example/news/pier")
    assert result.authors == ["Mara Lindqvist", "Tom Okafor"]
    assert result.published_at == "2024-03-05T09:30:00+01:00"
    assert result.updated_at == "2024-03-05T12:00:00+01:00"
    assert result.publisher == "Coastal Courier"
    assert result.headline == "Harbour pier closed after cracks found"


def test_html_extract_body_matches_trafilatura_public_entry_point() -> None:
    """extract_body calls trafilatura's extraction sequence directly (no copy, no text
    rendering); its paragraphs must be those of trafilatura's public bare_extraction."""
    from trafilatura import bare_extraction

    from newstrace.clean.html import body_paragraphs, extract_body

    html = page(article(extra="<ul><li>First listed point of the report</li><li>Second point</li></ul>"))
    ours = [b.text for b in extract_body(parse_html(html), None)]  # type: ignore[arg-type]
    doc = bare_extraction(parse_html(html), include_comments=False, include_links=False)
    assert doc is not None
    theirs = [b.text for b in body_paragraphs(doc.body)]
    assert ours == theirs and PARAS[0] in ours


def test_html_single_long_paragraph_is_enough_text() -> None:
    """One paragraph of prose is an article; the minimum-text check counts past its first words."""
    html = page(f"<article><h1>Pier closed</h1><p>{PARAS[0]} {PARAS[1]}</p></article>")
    assert f"{PARAS[0]} {PARAS[1]}" in clean_html(html).body.split("\n\n")
