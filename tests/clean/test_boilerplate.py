"""Per-outlet boilerplate: learn repeated lines in a first pass, save/load, bounded memory."""

from __future__ import annotations

from pathlib import Path

import pytest

from newstrace.clean import boilerplate as bp
from newstrace.clean.boilerplate import BoilerplateProfile, learn_profile, line_hash, outlet_key
from newstrace.clean.text import clean_text
from newstrace.records import RawDocument
from newstrace.settings import CleanSettings

CHROME = "Harbor Herald readers can find all of our local reporting on the website every day."


TOPICS = ["harbour budget", "school repairs", "bus routes", "park lighting", "library hours",
          "water rates", "street parking", "bridge tolls"]


def _docs(n: int, outlet: str = "https://harborherald.example/news/") -> list[RawDocument]:
    docs = []
    for i in range(n):
        topic = TOPICS[i % len(TOPICS)]
        text = (f"Council debates the {topic}\n\nThe council met to discuss the {topic} in a long session.\n\n"
                f"Members voted on the {topic} proposal after a heated exchange.\n\n{CHROME}")
        docs.append(RawDocument(id=f"d{i}", source="t", text=text, url=f"{outlet}{i}"))
    return docs


def test_boilerplate_learns_lines_repeated_across_an_outlet() -> None:
    profile = learn_profile(_docs(6), CleanSettings(boilerplate_min_count=4))
    key = outlet_key(url="https://harborherald.example/news/1")
    assert profile.is_chrome(key, CHROME)
    assert not profile.is_chrome(key, "The council met to discuss the bus routes in a long session.")
    assert not profile.is_chrome("other.example", CHROME)


def test_boilerplate_digits_are_folded_so_counters_count_once() -> None:
    assert line_hash("Posted 5 years ago") == line_hash("Posted 6 years ago")


def test_boilerplate_too_few_articles_learn_nothing() -> None:
    profile = learn_profile(_docs(3), CleanSettings(boilerplate_min_count=4))
    assert profile.outlets == {}


def test_boilerplate_exact_reposts_count_once() -> None:
    doc = _docs(1)[0]
    profile = learn_profile([doc] * 10, CleanSettings(boilerplate_min_count=4))
    assert profile.outlets == {}


def test_boilerplate_short_lines_and_quotes_are_never_removed_on_repetition() -> None:
    assert not bp.eligible("What happens next")
    assert not bp.eligible('Critics said “this plan will fail,” and “it costs too much.”')
    assert not bp.eligible("The company did not respond to a request for comment on Friday.")
    assert bp.eligible(CHROME)


def test_boilerplate_profile_removes_chrome_in_clean_text() -> None:
    docs = _docs(6)
    profile = learn_profile(docs, CleanSettings(boilerplate_min_count=4))
    result = clean_text(docs[0].text or "", url=docs[0].url, profile=profile)
    assert CHROME not in result.body
    assert ("chrome" in [r.reason for r in result.removed])
    plain = clean_text(docs[0].text or "", url=docs[0].url)
    assert CHROME in plain.body


def test_boilerplate_bound_profile_uses_the_given_outlet() -> None:
    docs = _docs(6)
    profile = learn_profile(docs, CleanSettings(boilerplate_min_count=4))
    bound = profile.bind(outlet_key(url=docs[0].url))
    result = clean_text(docs[0].text or "", profile=bound)
    assert CHROME not in result.body


def test_boilerplate_save_and_load_round_trip(tmp_path: Path) -> None:
    profile = learn_profile(_docs(6), CleanSettings(boilerplate_min_count=4))
    path = tmp_path / "profile.json"
    bp.save(profile, path)
    loaded = bp.load(path)
    assert loaded.outlets == profile.outlets
    assert loaded.min_count == 4
    settings = CleanSettings(boilerplate_profile=str(path))
    assert learn_profile(iter(()), settings).outlets == profile.outlets


def test_boilerplate_load_rejects_other_json(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_text('{"hello": 1}', encoding="utf-8")
    try:
        bp.load(path)
    except ValueError as exc:
        assert "profile" in str(exc)
    else:
        raise AssertionError("expected ValueError")


def test_boilerplate_memory_is_capped_per_outlet_and_in_total(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bp, "MAX_LINES_PER_OUTLET", 50)
    counts = bp._OutletCounts()
    for i in range(200):
        counts.add([f"line {chr(97 + i % 26)}{chr(97 + i // 26)} {chr(97 + j)} " + "word " * j for j in range(20)], i)
        assert len(counts.counts) <= 50
    monkeypatch.setattr(bp, "MAX_LINES_TOTAL", 120)
    learner = bp.ProfileLearner(CleanSettings(boilerplate_min_count=4))
    for i in range(300):
        tag = f"{chr(97 + i % 26)}{chr(97 + i // 26)}"
        text = f"Head {tag}\n\n" + "\n\n".join(f"row {tag} {chr(97 + j)}" for j in range(10))
        learner.add(RawDocument(id=str(i), source="t", url=f"https://outlet{i % 5}.example/a", text=text))
        assert learner.total <= 120
        assert learner.total == sum(len(c.counts) for c in learner.counts.values())
    assert len(learner.counts) == 5


def test_boilerplate_outlet_key_sources() -> None:
    assert outlet_key(url="https://www.harbor.example/a") == "harbor.example"
    assert outlet_key(extras={"domain": "harbor.example"}) == "harbor.example"
    assert outlet_key(publisher="Harbor Herald") == "name:harbor herald"
    assert outlet_key() is None
    assert isinstance(BoilerplateProfile().lines_for(None), dict)


def test_boilerplate_reposts_of_one_story_do_not_make_chrome() -> None:
    body = "The council met to discuss the harbour budget in a long and heated session."
    docs = [RawDocument(id=f"v{i}", source="t", url=f"https://harborherald.example/v{i}",
                        text=f"Council debates the budget\n\n{body} Update {i}.\n\n{CHROME}") for i in range(8)]
    profile = learn_profile(docs, CleanSettings(boilerplate_min_count=4))
    assert profile.outlets == {}  # one story, eight versions: nothing repeats across stories


def test_boilerplate_cli_saves_the_learned_profile_and_reuses_it_on_stdin(tmp_path: Path) -> None:
    import json

    from click.testing import CliRunner

    from newstrace.cli import cli

    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(json.dumps(d.to_dict()) + "\n" for d in _docs(8)), encoding="utf-8")
    saved = tmp_path / "profile.json"
    first = CliRunner().invoke(cli, ["clean", str(corpus), "--save-boilerplate", str(saved)])
    assert first.exit_code == 0, first.output
    assert CHROME in saved.read_text(encoding="utf-8")
    # stdin gets no first pass; the saved profile still removes the outlet's chrome
    one = json.dumps(_docs(9)[8].to_dict()) + "\n"
    plain = CliRunner().invoke(cli, ["clean", "-"], input=one)
    reused = CliRunner().invoke(cli, ["clean", "-", "--boilerplate", str(saved)], input=one)
    assert plain.exit_code == reused.exit_code == 0
    plain_body = json.loads(plain.stdout.splitlines()[0])["body"]
    reused_record = json.loads(reused.stdout.splitlines()[0])
    assert CHROME in plain_body
    assert CHROME not in reused_record["body"]
    assert {"text": CHROME, "reason": "chrome"} in reused_record["removed"]


def test_boilerplate_cli_save_says_so_when_nothing_was_learned(tmp_path: Path) -> None:
    import json

    from click.testing import CliRunner

    from newstrace.cli import cli

    target = tmp_path / "profile.json"
    one = json.dumps(_docs(1)[0].to_dict()) + "\n"
    result = CliRunner().invoke(cli, ["clean", "-", "--save-boilerplate", str(target)], input=one)
    assert result.exit_code == 0
    assert f"{target} not written" in result.stderr
    assert not target.exists()
    assert len(result.stdout.splitlines()) == 1
