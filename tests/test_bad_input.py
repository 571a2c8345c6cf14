"""Bad input, end to end through the real CLI (DESIGN.md "Scale"; issue 3 "Bad input").

Contract: every readable input article yields exactly one output line, in input order; one skipped
by policy (empty, over the size limit) carries its id, ``"skipped": reason`` and empty lists; only
unreadable input is rejected: an stderr message naming file and line, no output line, a line in the
``--rejects`` file. Exit 0 when nothing was rejected (skips included), 3 when something was, 2 on
usage errors.
"""

from __future__ import annotations

import gzip
import json
import shutil
import subprocess
import sys
import zlib
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from newstrace.cli import cli
from newstrace.ingest import read_inputs
from newstrace.ingest.decode import content_id

from conftest import CORPUS

NEWSTRACE = Path(sys.executable).parent / "newstrace"  # the console script of the venv running the tests
COMMANDS = ["clean", "analyze"]
LIST_FIELDS = ("authors", "removed", "attributions", "entities", "times")


def _article(i: int | str) -> dict[str, str]:
    return {"id": f"a{i}", "text": f"Council meets on budget {i}\n\nThe council met on Monday to discuss the budget, officials said. Item {i}."}


def _line(obj: Any) -> bytes:
    return (json.dumps(obj) + "\n").encode("utf-8")


def _invoke(*args: str, input: bytes | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), input=input)


def _lines(text: str) -> list[dict[str, Any]]:
    assert text == "" or text.endswith("\n"), "output must end with a complete line"
    return [json.loads(line) for line in text.splitlines()]


def _assert_skipped(line: dict[str, Any], id: str, reason: str) -> None:
    assert line["id"] == id and line["skipped"] == reason
    assert line["body"] == ""
    for name in LIST_FIELDS:
        assert line[name] == [], name


def _rejected_sources(stderr: str) -> list[str]:
    """The ``source`` of every ``newstrace: rejected <source>: <message>`` line, in order."""
    out = []
    for line in stderr.splitlines():
        if line.startswith("newstrace: rejected "):
            # "<path>:<line>", "<path>:record <n>" or "<path>", then ": <message>"
            out.append(line[len("newstrace: rejected "):].partition(": ")[0])
    return out


@pytest.fixture
def mixed_jsonl(tmp_path: Path) -> Path:
    """A JSONL file with good lines, policy skips and every kind of unreadable line."""
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(
        _line(_article(1))                                             # 1 good
        + b"{not json\n"                                               # 2 malformed JSON
        + b"[1, 2]\n"                                                  # 3 not an object
        + _line({"id": "a4", "text": 42})                              # 4 wrong type: text
        + _line({"id": ["a5"], "text": "A list as id."})               # 5 wrong type: id
        + _line({"id": "a6", "text": "Fine text.", "published_at": 5})  # 6 wrong type: published_at
        + _line({"id": "empty", "text": ""})                           # 7 empty: skipped
        + _line({"id": "blank", "text": " \n\t\n \u00a0\n"})           # 8 whitespace only: skipped
        + b"\n"                                                        # 9 blank line: not an article
        + b'{"id": "a10", "text": "caf\xe9 au lait"}\n'                # 10 invalid UTF-8
        + b'{"id": "a11", "text": "lone \\ud800 surrogate"}\n'         # 11 unencodable text
        + b"[" * 50_000 + b"]" * 50_000 + b"\n"                        # 12 nested too deep
        + _line(_article(13))                                          # 13 good
    )
    return path


MIXED_REJECTED_LINES = [2, 3, 4, 5, 6, 10, 11, 12]


@pytest.mark.parametrize("command", COMMANDS)
def test_bad_input_jsonl_lines_skip_or_reject_exactly(command: str, mixed_jsonl: Path, tmp_path: Path) -> None:
    rejects = tmp_path / "rejects.jsonl"
    result = _invoke(command, str(mixed_jsonl), "--rejects", str(rejects))
    assert result.exit_code == 3
    lines = _lines(result.stdout)
    assert [line["id"] for line in lines] == ["a1", "empty", "blank", "a13"]
    assert "skipped" not in lines[0] and "skipped" not in lines[3]
    assert lines[0]["body"].startswith("The council met on Monday")
    _assert_skipped(lines[1], "empty", "empty")
    _assert_skipped(lines[2], "blank", "empty")
    expected_sources = [f"{mixed_jsonl}:{n}" for n in MIXED_REJECTED_LINES]
    assert _rejected_sources(result.stderr) == expected_sources
    recorded = [json.loads(line) for line in rejects.read_text(encoding="utf-8").splitlines()]
    assert [r["input"] for r in recorded] == expected_sources
    errors = [r["error"] for r in recorded]
    for error, phrase in zip(errors, ["malformed JSON", "expected a JSON object, got list", "'text' must be a string",
                                      "'id' must be a string or integer", "'published_at' must be a string",
                                      "invalid UTF-8", "surrogate", "malformed JSON"]):
        assert phrase in error
    assert "4 articles written, 2 skipped, 8 rejected" in result.stderr


@pytest.mark.parametrize("command", COMMANDS)
def test_bad_input_only_skips_exit_zero_and_huge_line_is_skipped(command: str, tmp_path: Path) -> None:
    path = tmp_path / "skips.jsonl"
    huge_text = "Headline of a huge article\n\n" + "The council met again on Monday. " * 620_000  # about 20 MB
    assert len(huge_text) > 20_000_000
    with path.open("w", encoding="utf-8") as handle:
        for row in (_article(1), {"id": "huge", "text": huge_text}, {"id": "e", "text": "   "}, _article(2)):
            handle.write(json.dumps(row) + "\n")
    result = _invoke(command, str(path))
    assert result.exit_code == 0, result.stderr
    lines = _lines(result.stdout)
    assert [line["id"] for line in lines] == ["a1", "huge", "e", "a2"]
    _assert_skipped(lines[1], "huge", "too_large")
    _assert_skipped(lines[2], "e", "empty")
    assert "rejected" not in result.stderr.replace("0 rejected", "")


def test_bad_input_huge_text_file_is_skipped_by_a_real_process(tmp_path: Path) -> None:
    """A 20 MiB .txt file (over the 20 MB read limit) is skipped with its content-hash id, not rejected."""
    text = "Huge file headline\n\n" + "The harbour board met again on Tuesday, officials said. " * 380_000
    big = tmp_path / "big.txt"
    big.write_text(text, encoding="utf-8")
    assert big.stat().st_size > 20 * 1024 * 1024
    small = tmp_path / "small.txt"
    small.write_text("Small file headline\n\nThe harbour board met on Tuesday, officials said.\n", encoding="utf-8")
    proc = subprocess.run([str(NEWSTRACE), "clean", str(big), str(small)], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    lines = _lines(proc.stdout)
    assert [line["id"] for line in lines] == [content_id(text), content_id(small.read_text(encoding="utf-8"))]
    _assert_skipped(lines[0], content_id(text), "too_large")
    assert lines[1]["headline"] == "Small file headline" and "skipped" not in lines[1]


def test_bad_input_binary_empty_and_undeclared_encoding_files(tmp_path: Path) -> None:
    binary_txt = tmp_path / "a_binary.txt"
    binary_txt.write_bytes(bytes(range(256)) * 64)
    binary_html = tmp_path / "b_binary.html"
    binary_html.write_bytes(gzip.compress(b"<html><body><p>zipped page</p></body></html>" * 50))
    empty = tmp_path / "c_empty.txt"
    empty.write_bytes(b"")
    blank = tmp_path / "d_blank.txt"
    blank.write_bytes(b"\n   \n\t\n")
    latin1 = tmp_path / "e_latin1.txt"
    latin1.write_bytes("Caf\u00e9 reopens on the quay\n\nThe caf\u00e9 reopened on Saturday, the owner said.\n".encode("latin-1"))
    inputs = [binary_txt, binary_html, empty, blank, latin1]
    result = _invoke("clean", *map(str, inputs))
    assert result.exit_code == 3
    lines = _lines(result.stdout)
    assert [line["id"] for line in lines] == [content_id(""), content_id("\n   \n\t\n"), lines[2]["id"]]
    _assert_skipped(lines[0], content_id(""), "empty")
    _assert_skipped(lines[1], content_id("\n   \n\t\n"), "empty")
    assert lines[2]["headline"] == "Caf\u00e9 reopens on the quay"  # not UTF-8, but decodable: read, not rejected
    assert _rejected_sources(result.stderr) == [str(binary_txt), str(binary_html)]
    assert "binary data" in result.stderr


def test_bad_input_truncated_jsonl_gz_keeps_lines_before_the_cut(tmp_path: Path) -> None:
    payload = b"".join(_line(_article(i)) for i in range(300))
    path = tmp_path / "cut.jsonl.gz"
    packed = gzip.compress(payload)
    path.write_bytes(packed[: len(packed) // 2])
    complete = zlib.decompressobj(wbits=31).decompress(path.read_bytes()).count(b"\n")  # lines that survive the cut
    result = _invoke("clean", str(path))
    assert result.exit_code == 3
    ids = [line["id"] for line in _lines(result.stdout)]
    assert ids == [f"a{i}" for i in range(len(ids))] and 0 < len(ids) <= complete
    assert _rejected_sources(result.stderr) == [f"{path}:{len(ids) + 1}"]
    assert "truncated" in result.stderr


def _warc_records(path: Path) -> list[tuple[str, int, int]]:
    from warcio.archiveiterator import ArchiveIterator

    out = []
    with path.open("rb") as handle:
        iterator = ArchiveIterator(handle)
        for record in iterator:
            iterator.read_to_end()
            out.append((record.rec_type, iterator.get_record_offset(), iterator.get_record_length()))
    return out


@pytest.mark.parametrize("command", COMMANDS)
def test_bad_input_truncated_warc_gz_mid_record(command: str, tmp_path: Path) -> None:
    original = CORPUS / "tavish_bay_herald_crawl.warc.gz"
    records = _warc_records(original)
    _, offset, length = records[4]  # record 5: the second HTML response
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(original.read_bytes()[: offset + length // 2])
    full = _lines(_invoke(command, str(original)).stdout)
    result = _invoke(command, str(cut))
    assert result.exit_code == 3
    assert [line["id"] for line in _lines(result.stdout)] == [full[0]["id"]]
    assert _rejected_sources(result.stderr) == [f"{cut}:record 5"]
    assert "truncated" in result.stderr


def test_bad_input_missing_and_unknown_files_do_not_stop_the_run(tmp_path: Path) -> None:
    good = tmp_path / "good.jsonl"
    good.write_bytes(_line(_article(1)) + _line(_article(2)))
    csv = tmp_path / "table.csv"
    csv.write_text("id,text\n1,hello\n")
    missing = tmp_path / "missing.jsonl"
    result = _invoke("clean", str(missing), str(csv), str(good))
    assert result.exit_code == 3
    assert [line["id"] for line in _lines(result.stdout)] == ["a1", "a2"]
    assert _rejected_sources(result.stderr) == [str(missing), str(csv)]
    assert "no such file or directory" in result.stderr and "unknown input format" in result.stderr


def test_bad_input_directory_mixing_good_and_bad_files(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    (corpus / "sub").mkdir(parents=True)
    (corpus / "a.jsonl").write_bytes(_line(_article(1)) + b"{broken\n" + _line({"id": "e", "text": ""}))
    (corpus / "b.txt").write_text("Quay reopens\n\nThe quay reopened on Friday, the port said.\n", encoding="utf-8")
    (corpus / "c.html").write_bytes(b"\x00\x01\x02 not a page" * 100)
    (corpus / "d.jsonl.gz").write_bytes(gzip.compress(_line(_article(4)) + _line(_article(5)))[:-12])
    (corpus / "notes.md").write_text("not an input format: ignored inside a directory")
    (corpus / ".hidden.jsonl").write_bytes(_line(_article("hidden")))
    (corpus / "sub" / "e.txt").write_text("Ferry returns\n\nThe ferry returned on Sunday, the operator said.\n", encoding="utf-8")
    shutil.copy(CORPUS / "tavish_bay_herald_crawl.warc.gz", corpus / "sub" / "f.warc.gz")
    rejects = tmp_path / "rejects.jsonl"
    result = _invoke("clean", str(corpus), "--rejects", str(rejects))
    assert result.exit_code == 3
    lines = _lines(result.stdout)
    ids = [line["id"] for line in lines]
    assert ids[:3] == ["a1", "e", content_id((corpus / "b.txt").read_text(encoding="utf-8"))]
    _assert_skipped(lines[1], "e", "empty")
    d_ids = ids[3:-4]
    assert d_ids in (["a4", "a5"], ["a4"], [])  # whatever the cut gzip still holds, in order
    assert ids[-4] == content_id((corpus / "sub" / "e.txt").read_text(encoding="utf-8"))
    assert len(ids[-3:]) == 3 and all(line["url"].startswith("https://tavishbayherald.example/") for line in lines[-3:])
    assert "ahidden" not in ids
    sources = _rejected_sources(result.stderr)
    assert sources[:2] == [f"{corpus}/a.jsonl:2", f"{corpus}/c.html"]
    assert sources[2].startswith(f"{corpus}/d.jsonl.gz:") and len(sources) == 3
    assert [json.loads(r)["input"] for r in rejects.read_text().splitlines()] == sources


@pytest.mark.parametrize("command", COMMANDS)
def test_bad_input_stdin(command: str) -> None:
    data = _line(_article(1)) + b'{"id": "x", "text": }\n' + _line({"id": "e", "text": "\n"}) + _line(_article(2))
    result = _invoke(command, "-", input=data)
    assert result.exit_code == 3
    lines = _lines(result.stdout)
    assert [line["id"] for line in lines] == ["a1", "e", "a2"]
    _assert_skipped(lines[1], "e", "empty")
    assert _rejected_sources(result.stderr) == ["<stdin>:2"]


def test_bad_input_stdin_real_process(tmp_path: Path, mixed_jsonl: Path) -> None:
    proc = subprocess.run([str(NEWSTRACE), "analyze", "-", "-o", str(tmp_path / "out.jsonl")],
                          input=mixed_jsonl.read_bytes(), capture_output=True, timeout=120)
    assert proc.returncode == 3
    assert proc.stdout == b""
    text = (tmp_path / "out.jsonl").read_text(encoding="utf-8")
    assert [line["id"] for line in _lines(text)] == ["a1", "empty", "blank", "a13"]
    assert _rejected_sources(proc.stderr.decode()) == [f"<stdin>:{n}" for n in MIXED_REJECTED_LINES]


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize(
    "args, message",
    [
        ([], "give at least one INPUT"),
        (["{good}", "--bogus"], "--bogus"),
        (["{good}", "--n-process", "0"], "Invalid value for '--n-process'"),
        (["{good}", "-o", "{tmp}/no/such/dir/out.jsonl"], "cannot write"),
        (["{good}", "--rejects", "{tmp}/no/such/dir/rejects.jsonl"], "cannot write"),
        (["{good}", "-o", "{good}"], "is also an input"),
        (["{tmp}", "-o", "{tmp}/out.jsonl"], "would be read as input"),
    ],
)
def test_bad_input_usage_errors_exit_2(command: str, args: list[str], message: str, tmp_path: Path) -> None:
    good = tmp_path / "good.jsonl"
    good.write_bytes(_line(_article(1)))
    before = good.read_bytes()
    result = _invoke(command, *[a.format(good=good, tmp=tmp_path) for a in args])
    assert result.exit_code == 2
    assert message in result.stderr
    assert result.stdout == ""
    assert good.read_bytes() == before


def test_bad_input_usage_error_real_process() -> None:
    proc = subprocess.run([str(NEWSTRACE), "clean"], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2 and "give at least one INPUT" in proc.stderr and proc.stdout == ""


@pytest.mark.parametrize("command", COMMANDS)
def test_bad_input_output_file_has_only_complete_lines(command: str, mixed_jsonl: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    out.write_text("stale content from an earlier run without a newline")
    proc = subprocess.run([str(NEWSTRACE), command, str(mixed_jsonl), str(CORPUS), "-o", str(out)],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 3 and proc.stdout == ""
    text = out.read_text(encoding="utf-8")
    assert text.endswith("\n") and "stale content" not in text
    lines = _lines(text)
    corpus_ids = [d.id for d in read_inputs([str(CORPUS)])]
    assert [line["id"] for line in lines] == ["a1", "empty", "blank", "a13", *corpus_ids]
    assert f"{4 + len(corpus_ids)} articles written" in proc.stderr and "8 rejected" in proc.stderr


def test_bad_input_clean_output_feeds_analyze_with_skips_kept(mixed_jsonl: Path, tmp_path: Path) -> None:
    cleaned = tmp_path / "cleaned.jsonl"
    assert _invoke("clean", str(mixed_jsonl), "-o", str(cleaned)).exit_code == 3
    result = _invoke("analyze", str(cleaned))
    assert result.exit_code == 0, result.stderr
    lines = _lines(result.stdout)
    assert [line["id"] for line in lines] == ["a1", "empty", "blank", "a13"]
    _assert_skipped(lines[1], "empty", "empty")
    assert "skipped=empty:2" in result.stderr


def test_bad_input_process_pool_matches_one_process(tmp_path: Path) -> None:
    import newstrace
    from newstrace.errors import InputError

    docs = [d for d in read_inputs([str(CORPUS)]) if not isinstance(d, InputError)]
    extra = [_article(i) if i % 5 else {"id": f"e{i}", "text": " "} for i in range(60)]
    items = [*docs, *extra]
    one = [a.to_dict() for a in newstrace.pipe(items, stages=("clean",), n_process=1, batch_size=7)]
    two = [a.to_dict() for a in newstrace.pipe(items, stages=("clean",), n_process=2, batch_size=7)]
    assert len(one) == len(items)
    assert [a["id"] for a in two] == [a["id"] for a in one] == [getattr(i, "id", None) or i["id"] for i in items]
    assert two == one
    assert sum(a.get("skipped") == "empty" for a in two) == 12


def test_bad_input_cli_process_pool_same_output(mixed_jsonl: Path) -> None:
    single = _invoke("clean", str(mixed_jsonl), str(CORPUS), "--n-process", "1", "--batch-size", "3")
    pooled = _invoke("clean", str(mixed_jsonl), str(CORPUS), "--n-process", "2", "--batch-size", "3")
    assert single.exit_code == pooled.exit_code == 3
    assert pooled.stdout == single.stdout
    assert _rejected_sources(pooled.stderr) == _rejected_sources(single.stderr)
