"""The UI in a real browser (Debian's chromium via Playwright): pages, interactions, screenshots
(kept in test-artifacts/), and proof that script in an article never runs."""

from __future__ import annotations

from typing import Any

import pytest

from .web_helpers import screenshot

pytestmark = pytest.mark.browser

PAGES = {
    "home": "/",
    "search": "/search?q=minister",
    "article": "/articles/ledger-1",
    "story": "/stories/story-minister",
    "claim": "/claims/claim-resigned",
    "sources": "/sources",
    "stories": "/stories",
    "not-found": "/articles/no-such-article",
}
HOSTILE = ["/articles/xss-%3Cscript%3E1", "/stories/story-%3Cb%3Exss%3C%2Fb%3E", "/claims/claim-%3Ci%3Exss%3C%2Fi%3E",
           "/search?q=breach", "/", "/sources", "/search?q=%3Cscript%3Ewindow.__pwned%3D1%3C%2Fscript%3E"]


def _watch(tab: Any) -> dict[str, list[str]]:
    seen: dict[str, list[str]] = {"console": [], "dialogs": [], "errors": [], "requests": []}
    tab.on("console", lambda m: seen["console"].append(m.text))
    tab.on("pageerror", lambda e: seen["errors"].append(str(e)))
    tab.on("request", lambda r: seen["requests"].append(r.url))

    def on_dialog(dialog: Any) -> None:
        seen["dialogs"].append(dialog.message)
        dialog.dismiss()

    tab.on("dialog", on_dialog)
    return seen


@pytest.mark.parametrize("name", list(PAGES))
def test_browser_pages_render_cleanly(page: Any, live_url: str, name: str) -> None:
    seen = _watch(page)
    response = page.goto(live_url + PAGES[name])
    assert response is not None and response.status == (404 if name == "not-found" else 200)
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").first.is_visible()
    assert "newstrace" in page.title()
    screenshot(page, name)
    assert not [m for m in seen["console"] if "Content Security Policy" in m], seen["console"]  # nothing we serve is blocked
    assert not seen["errors"]
    assert all(url.startswith(live_url) for url in seen["requests"]), seen["requests"]  # no CDN, no outside request


@pytest.mark.parametrize("path", HOSTILE)
def test_browser_article_script_never_runs(page: Any, live_url: str, path: str) -> None:
    seen = _watch(page)
    page.goto(live_url + path)
    page.wait_for_load_state("networkidle")
    for piece in page.locator("main .hl, main a").all()[:40]:  # hover what an attacker could target
        if piece.is_visible():
            piece.hover(timeout=3000)
    page.wait_for_timeout(100)
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.title() != "pwned" and "newstrace" in page.title()
    assert not seen["dialogs"]
    assert page.locator("iframe, img, object, embed").count() == 0
    if path.startswith("/articles/"):
        assert "<script>window.__pwned" in page.locator(".body").inner_text()  # shown as text
        screenshot(page, "hostile-article")


def test_browser_hover_shows_source_cue_and_stance(page: Any, live_url: str) -> None:
    page.goto(live_url + PAGES["article"])
    source = page.locator(".body .hl-source", has_text="The ministry").first
    source.hover()
    tip = page.evaluate("el => getComputedStyle(el, '::after').content", source.element_handle())
    assert "Source: The ministry (organization)" in tip and "denied" in tip and "deny" in tip
    index = source.get_attribute("data-a")
    assert page.locator(f'.hl.active[data-a="{index}"]').count() >= 3  # source, cue and content light up together
    assert page.locator(f'.attr.active[data-a="{index}"]').count() == 1
    screenshot(page, "article-hover")


def test_browser_keyboard_focus_shows_tip(page: Any, live_url: str) -> None:
    page.goto(live_url + PAGES["article"])
    first = page.locator(".body .hl").first
    first.focus()
    assert page.evaluate("el => document.activeElement === el", first.element_handle())
    tip = page.evaluate("el => getComputedStyle(el, '::after').content", first.element_handle())
    assert tip.startswith('"Source:')


def test_browser_removed_junk_is_collapsible(page: Any, live_url: str) -> None:
    page.goto(live_url + PAGES["article"])
    item = page.locator(".removed li").first
    assert not item.is_visible()
    page.locator(".removed summary").click()
    assert item.is_visible() and "promo" in item.inner_text()


def test_browser_search_from_the_home_page(page: Any, live_url: str) -> None:
    page.goto(live_url + "/")
    page.fill(".hero input[name=q]", "forecasters")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search?q=forecasters")
    hit = page.locator(".hit").first
    assert "Rain on the way" in hit.inner_text() and hit.locator("mark").inner_text().lower() == "forecasters"
    hit.locator("a.row-title").click()
    page.wait_for_url("**/articles/weather-1")


def test_browser_claim_graph_links_to_articles(page: Any, live_url: str) -> None:
    page.goto(live_url + PAGES["claim"])
    assert page.locator("svg.chain .node").count() == 3
    assert page.locator("svg.chain path.edge").count() >= 2
    page.locator("svg.chain .node-link").nth(0).click()
    page.wait_for_url("**/articles/ledger-1")


def test_browser_article_on_a_phone(browser: Any, live_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True)
    tab = context.new_page()
    tab.goto(live_url + PAGES["article"])
    width = tab.evaluate("document.documentElement.scrollWidth")
    assert width <= 390  # nothing overflows sideways
    screenshot(tab, "article-phone")
    context.close()
