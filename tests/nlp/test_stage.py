"""The analyze stage end to end with the real model: the DESIGN.md example, bad input, offsets."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newstrace.pipeline import build_pipeline
from newstrace.records import Article, RawDocument
from newstrace.settings import load_settings

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def analyze() -> Any:
    pytest.importorskip("spacy")
    from newstrace.nlp.stage import AnalyzeStage

    return AnalyzeStage(load_settings())


def _run(stage: Any, *bodies: str) -> list[Any]:
    return stage.process_batch([Article(id=f"a{i}", body=b) for i, b in enumerate(bodies)])


def _check_offsets(article: Article) -> None:
    body = article.body
    for att in article.attributions:
        for part in (att.source, att.cue, att.content):
            if part is not None:
                assert body[part.start:part.end] == part.text
        if att.source is not None and att.source.resolved is not None:
            r = att.source.resolved
            assert body[r.start:r.end] == r.text
    for ent in article.entities:
        assert body[ent.start:ent.end] == ent.text
    for t in article.times:
        assert body[t.start:t.end] == t.text


def test_stage_design_example(design_example: str) -> None:
    pipeline = build_pipeline(["clean", "analyze"])
    (article,) = list(pipeline.pipe([RawDocument(id="d", source="t", text=design_example)]))
    _check_offsets(article)
    got = [(a.source.text if a.source else None, a.cue.text, a.content.text if a.content else None, a.type, a.stance)
           for a in article.attributions]
    assert got == [
        ("a report", "according to",
         "The finance minister stepped down on Tuesday after a deal with the opposition collapsed", "indirect", "assert"),
        ("two officials familiar with the talks", "cites", None, "indirect", "assert"),
        ("one official", "reportedly said", '"It was over before it started,"', "direct", "assert"),
        ("The ministry", "denied", "the report", "indirect", "deny"),
        ("party officials", "would not confirm", "whether talks took place", "indirect", "decline"),
    ]
    hedged = [a.hedged for a in article.attributions]
    assert hedged[2] is True
    assert all(a.method.startswith("rule:") for a in article.attributions)


def test_stage_skips_empty_and_non_english(analyze: Any) -> None:
    from newstrace.errors import Skip

    out = _run(analyze, "", "   \n ", "Die Regierung hat am Dienstag erklärt, dass die Verhandlungen gescheitert sind "
               "und der Minister zurücktreten werde.", "The mayor said the bridge is safe.")
    assert [o.reason if isinstance(o, Skip) else "ok" for o in out] == ["empty", "empty", "language", "ok"]
    assert out[3].language == "en" and len(out[3].attributions) == 1


def test_stage_text_without_sentences_does_not_crash(analyze: Any) -> None:
    out = _run(analyze, "... --- ***", "\u201c\u201d\u201c", "12 34 56")
    assert all(isinstance(o, Article) and o.attributions == () for o in out)


_PARAGRAPH = 'The mayor said the bridge would reopen. "It is safe," an engineer added.\n\n'


def test_stage_chunks_keep_offsets_right() -> None:
    from dataclasses import replace

    from newstrace.nlp.stage import AnalyzeStage

    settings_ = load_settings()
    stage = AnalyzeStage(replace(settings_, nlp=replace(settings_.nlp, chunk_chars=500)))
    body = _PARAGRAPH * 300  # many chunks
    (article,) = _run(stage, body)
    assert len(article.attributions) == 2 * 300
    _check_offsets(article)
    assert article.attributions[-1].cue.start > len(body) - 100


@pytest.mark.slow
def test_stage_one_megabyte_body(analyze: Any) -> None:
    body = _PARAGRAPH * 14000  # about 1 MB
    assert len(body) > 1_000_000
    (article,) = _run(analyze, body)
    assert len(article.attributions) >= 2 * 14000 * 0.99
    _check_offsets(article)
    assert article.attributions[-1].cue.start > 990_000


def test_stage_unbalanced_quote_keeps_other_attributions(analyze: Any) -> None:
    body = 'The senator said "the vote was stolen.\n\nThe governor denied the claim on Friday.'
    (article,) = _run(analyze, body)
    assert [a.cue.text for a in article.attributions][-1] == "denied"
    assert analyze.counts["unbalanced_quotes"] >= 1


def test_stage_no_break_space_is_parsed_as_space_and_kept_in_text(analyze: Any) -> None:
    body = "Union\u00a0leader Ann\u00a0Berg said\u00a0that the strike would end on Monday."
    (article,) = _run(analyze, body)
    (att,) = article.attributions
    assert att.source is not None and att.source.text == "Union\u00a0leader Ann\u00a0Berg"
    assert att.content is not None and att.content.text == "that the strike would end on Monday"
    _check_offsets(article)
    assert any(e.text == "Ann\u00a0Berg" for e in article.entities)


def test_stage_horizontal_bar_signature_is_split_from_the_quote(analyze: Any) -> None:
    body = "Readers wrote in.\n\u201cThe toll is far too high for families.\u201d\u2015Jo Lund\nThe vote is in May."
    (article,) = _run(analyze, body)
    (att,) = [a for a in article.attributions if a.source is not None and a.source.text == "Jo Lund"]
    assert att.cue.text == "\u2015"
    assert att.content is not None and att.content.text == "\u201cThe toll is far too high for families.\u201d"
    _check_offsets(article)


@given(st.lists(st.sampled_from([
    "The mayor said", " that ", '"', "\u201c", "\u201d", " the plan failed", ", officials said.", "\n\n",
    "according to the report", " denied ", "It ", "reportedly ", ":", " Smith", ".", "' ", "\u00a0"]), max_size=30))
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_stage_offsets_always_match_body(analyze: Any, parts: list[str]) -> None:
    body = "".join(parts)
    if not body.strip():
        return
    for out in _run(analyze, body):
        if isinstance(out, Article):
            _check_offsets(out)


def test_stage_process_pool_gives_same_result(design_example: str) -> None:
    settings_ = load_settings()
    docs = [RawDocument(id=f"d{i}", source="t", text=design_example) for i in range(4)]
    one = [a.to_dict() for a in build_pipeline(["clean", "analyze"], settings_).pipe(docs, batch_size=1)]
    two = [a.to_dict() for a in build_pipeline(["clean", "analyze"], settings_).pipe(docs, batch_size=1, n_process=2)]
    assert one == two
