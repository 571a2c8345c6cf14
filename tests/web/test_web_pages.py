"""Server-rendered pages: they render, escape everything, carry the CSP, and explain empty states."""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any

import pytest

from .web_helpers import XSS

PAGES = ["/", "/search?q=minister", "/articles/ledger-1", "/stories", "/stories?all=1", "/stories/story-minister",
         "/claims/claim-resigned", "/sources", "/sources?outlet=Daily+Ledger&kind=anonymous",
         "/articles/xss-%3Cscript%3E1", "/stories/story-%3Cb%3Exss%3C%2Fb%3E", "/claims/claim-%3Ci%3Exss%3C%2Fi%3E"]
HTML = {"accept": "text/html"}


@pytest.mark.parametrize("path", PAGES)
def test_pages_render_with_csp(client: Any, path: str) -> None:
    response = client.get(path, headers=HTML)
    assert response.status_code == 200, response.text[:500]
    assert response.headers["content-type"].startswith("text/html")
    csp = response.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    assert response.headers["x-content-type-options"] == "nosniff"
    tags = elements(response.text)
    names = [name for name, _ in tags]
    assert names.count("script") == 1 and dict(tags[names.index("script")][1])["src"] == "/static/app.js"
    assert not {"iframe", "img", "object", "embed", "style", "base"} & set(names)
    for name, attrs in tags:
        keys = {k for k, _ in attrs}
        assert not any(k.startswith("on") for k in keys), (name, attrs)  # no event handlers at all
        assert "style" not in keys, (name, attrs)  # inline styles would need 'unsafe-inline'
        for key, value in attrs:
            if key in ("href", "src", "action"):
                assert value is not None and (value.startswith(("/", "#", "https://ledger.example"))), (name, attrs)


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, attrs))


def elements(html: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    """Every element a browser would create from ``html``, with its attributes."""
    parser = _Elements()
    parser.feed(html)
    return parser.found


@pytest.mark.parametrize("path", ["/articles/xss-%3Cscript%3E1", "/stories/story-%3Cb%3Exss%3C%2Fb%3E",
                                  "/claims/claim-%3Ci%3Exss%3C%2Fi%3E", "/", "/sources", "/search?q=breach"])
def test_pages_escape_hostile_text(client: Any, path: str) -> None:
    html = client.get(path, headers=HTML).text
    for payload in XSS[:-1]:
        assert payload not in html  # only ever present escaped, as text
    assert "&lt;script&gt;" in html or "&lt;img" in html  # ...and it is there, visibly
    for name, attrs in elements(html):
        assert name != "script" or dict(attrs).get("src") == "/static/app.js"
        assert not any(k.startswith("on") for k, _ in attrs)
        assert not any((v or "").strip().lower().startswith("javascript") for _, v in attrs)


def test_pages_template_syntax_in_articles_is_text() -> None:
    from newstrace.web.pages import ENV

    html = ENV.from_string("<p>{{ body }}</p>").render(body=XSS[-1])
    assert html == "<p>{{ 7*7 }} {% raw %}</p>"


def test_pages_article_shows_text_markup_and_removed(client: Any) -> None:
    html = client.get("/articles/ledger-1", headers=HTML).text
    assert "Minister resigned after secret budget talks" in html
    assert 'class="hl hl-source kd-organization"' in html or "hl-source kd-organization" in html
    assert "hl-content st-deny" in html and "hl-cue" in html
    assert "data-tip=\"Source: The ministry (organization)" in html
    assert "<details class=\"removed\">" in html and "CLICK HERE TO READ MORE" in html
    assert "href=\"https://ledger.example/ledger-1\"" in html
    hostile = client.get("/articles/xss-%3Cscript%3E1", headers=HTML).text
    assert "href=\"javascript" not in hostile and "javascript:window.__pwned=&#39;url&#39;" in hostile


def test_pages_story_timeline_marks_first_and_copies(client: Any) -> None:
    html = client.get("/stories/story-minister", headers=HTML).text
    assert html.index("tl-first") < html.index("tl-copy")
    assert "First report" in html and "Copy of Daily Ledger" in html and "+46 min" in html


def test_pages_claim_has_svg_chain(client: Any) -> None:
    html = client.get("/claims/claim-resigned", headers=HTML).text
    assert "<svg class=\"chain\"" in html and "edge e-copy" in html and "edge e-cites" in html
    assert html.count("class=\"node-link\"") == 3


def test_pages_empty_store_explains_what_to_do(tmp_path: Any) -> None:
    from fastapi.testclient import TestClient

    from newstrace.web import create_app

    from .web_helpers import web_settings

    settings = web_settings(f"sqlite:///{tmp_path / 'new.db'}")
    with TestClient(create_app(settings)) as fresh:  # serve creates and migrates a new store
        home = fresh.get("/", headers=HTML).text
        assert "The store is empty" in home and "newstrace ingest" in home
        assert "No stories yet" in fresh.get("/stories", headers=HTML).text
        assert "No sources yet" in fresh.get("/sources", headers=HTML).text
        assert "No articles match" in fresh.get("/search?q=anything", headers=HTML).text
    assert (tmp_path / "new.db").exists()


def test_pages_not_found_is_a_page_for_browsers_and_json_otherwise(client: Any) -> None:
    page = client.get("/articles/missing", headers=HTML)
    assert page.status_code == 404 and "Not found" in page.text and page.headers["content-type"].startswith("text/html")
    plain = client.get("/articles/missing")
    assert plain.status_code == 404 and plain.json()["error"]["code"] == "not_found"
    bad = client.get("/search?q=x&cursor=%%%", headers=HTML)
    assert bad.status_code == 422 and "Invalid request" in bad.text
