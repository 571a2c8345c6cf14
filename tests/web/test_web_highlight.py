"""Body highlighting: pieces cover the body exactly, marks follow offsets, bad offsets are dropped."""

from __future__ import annotations

import html
from html.parser import HTMLParser

from newstrace.web.highlight import body_html, paragraphs, snippet_html, tip

BODY = "The ministry denied the report.\n\nOne official said \u201cit was over\u201d on Tuesday."


def _att(source: tuple[int, int] | None, cue: tuple[int, int], content: tuple[int, int] | None, stance: str = "assert", kind: str = "organization") -> dict:
    def span(se: tuple[int, int] | None) -> dict | None:
        return None if se is None else {"text": BODY[se[0]:se[1]], "start": se[0], "end": se[1]}

    src = span(source)
    if src is not None:
        src["kind"] = kind
    return {"source": src, "cue": span(cue), "content": span(content), "type": "indirect", "stance": stance}


def test_highlight_pieces_rebuild_each_paragraph() -> None:
    atts = [_att((0, 12), (13, 19), (20, 30), "deny"), _att((33, 45), (46, 50), (51, 64), kind="anonymous")]
    paras = paragraphs(BODY, atts)
    assert ["".join(s.text for s in p) for p in paras] == BODY.split("\n\n")
    ministry = next(s for s in paras[0] if s.text == "The ministry")
    assert ministry.classes == "hl-source kd-organization" and ministry.index == 0 and ministry.anchor == "a0"
    report = next(s for s in paras[0] if s.text == "the report")
    assert "st-deny" in report.classes


def test_highlight_overlapping_marks_split_and_innermost_wins() -> None:
    # a wide content span holding another attribution's source
    atts = [_att(None, (0, 3), (0, 30)), _att((4, 12), (13, 19), None)]
    pieces = paragraphs(BODY, atts)[0]
    inner = next(s for s in pieces if s.text == "ministry")
    assert {m.index for m in inner.marks} == {0, 1} and inner.index == 1
    assert "hl-content" in inner.classes and "hl-source" in inner.classes


def test_highlight_drops_marks_with_wrong_offsets() -> None:
    bad = {"source": {"text": "nobody", "start": 0, "end": 6, "kind": "person"},
           "cue": {"text": "said", "start": 900, "end": 904}, "content": {"text": "x", "start": -5, "end": 2},
           "type": "direct", "stance": "assert"}
    pieces = paragraphs(BODY, [bad])
    assert all(not s.marks for p in pieces for s in p)


def test_highlight_tip_names_source_cue_stance() -> None:
    text = tip(_att((0, 12), (13, 19), (20, 30), "deny"))
    assert text.startswith("Source: The ministry (organization)") and "\u201cdenied\u201d" in text and "deny" in text
    assert tip({"source": None, "cue": {"text": "reportedly"}, "stance": "assert", "type": "indirect"}).startswith("Source: no named source")


class _Spans(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.paras: list[str] = []
        self.spans: list[dict[str, str | None]] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag == "p":
            self.paras.append("")
        elif tag == "span":
            self.spans.append(dict(attrs))

    def handle_data(self, data: str) -> None:
        if self.paras:
            self.paras[-1] += data


def test_highlight_body_html_escapes_text_and_tips() -> None:
    body = 'A <script>alert(1)</script> said "x" & <b>more</b>.\n\nSecond <img src=x onerror=y> part.'
    src = {"text": "A <script>", "start": 0, "end": 10, "kind": "person"}
    cue = {"text": "said", "start": 29, "end": 33}
    atts = [{"source": src, "cue": cue, "content": None, "type": "indirect", "stance": "deny"}]
    out = str(body_html(paragraphs(body, atts), [tip(a) for a in atts]))
    assert "<script" not in out and "<img" not in out and "<b>" not in out
    parser = _Spans()
    parser.feed(out)
    assert set(parser.tags) == {"p", "span"}  # nothing from the body became an element
    assert [p.rstrip("\n") for p in parser.paras] == body.split("\n\n")  # the text round-trips exactly once unescaped
    first = parser.spans[0]
    assert first["class"] == "hl hl-source kd-person" and first["data-a"] == "0" and first["id"] == "a0"
    assert first["data-tip"] == tip(atts[0]) and "<script>" in html.unescape(out.split('data-tip="')[1].split('"')[0])


def test_highlight_body_html_empty_body_is_empty() -> None:
    assert str(body_html(paragraphs("", []), [])) == ""


def test_highlight_snippet_marks_escaped_and_bad_offsets_skipped() -> None:
    text = "Mayor <b>resigned</b> & left"
    good = [text.index("Mayor"), text.index("Mayor") + 5]
    out = str(snippet_html({"text": text, "highlights": [good, [3, 1], [2, 99], ["x", 4], [0, 2]]}))
    assert out == "<mark>Mayor</mark> &lt;b&gt;resigned&lt;/b&gt; &amp; left"
    assert str(snippet_html({"text": "", "highlights": [[0, 1]]})) == ""
