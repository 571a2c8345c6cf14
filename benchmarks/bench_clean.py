"""Raw-text cleaning speed and memory on ``rawnews/abp_dev.jsonl`` (4,940 real scraped articles).

Three measurements, each printed as a table and summed up in the last line:

1. ``clean_text`` in one process on one core: rows fed as ``title + "\\n\\n" + text`` (the raw
   layout of the gold inputs); one untimed warm-up pass, then several repetitions; articles/s
   from CPU time (``process_time``, robust on a shared machine) and from wall time.
2. ``newstrace clean`` end to end (JSONL in, JSONL out, boilerplate first pass included) on the
   same rows written as ``{"id", "text"}``; wall time per repetition.
3. Peak memory of ``newstrace clean`` on 5,000 and 50,000 articles (abp_dev repeated, every copy
   perturbed so that no line repeats exactly, and with the ``domain`` field so the per-outlet
   boilerplate learner runs): each run in a fresh process that reports its own peak RSS (VmHWM;
   ``ru_maxrss`` of a child would still count the benchmark process it was forked from).

    python benchmarks/bench_clean.py [--data DIR] [--repeat 3] [--sizes 5000,50000] [--no-cli] [--no-memory]

DIR is the shared data folder (default: ``$NEWSTRACE_DATA`` or ``../shared/data`` next to the
repository). Without it the script prints a message and exits 0. Run it with ``nice`` on a shared
machine; it uses one core.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from shared_paths import shared_dir  # benchmarks/shared_paths.py

ROOT = Path(__file__).resolve().parents[1]
TARGET = 2_000  # articles/s, issue 3


def load_rows(path: Path) -> list[dict[str, str]]:
    rows = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            rec = json.loads(line)
            rows.append({"id": rec["id"], "title": rec.get("title") or "", "text": rec.get("text") or "",
                         "domain": rec.get("domain") or ""})
    return rows


def bench_in_process(rows: list[dict[str, str]], repeat: int) -> list[tuple[float, float]]:
    from newstrace.clean.text import clean_text

    texts = [r["title"] + "\n\n" + r["text"] for r in rows]
    # Untimed warm-up pass: the rules compile their first-character dispatch lazily (about 0.4 s
    # of CPU once per process); the timed runs measure the steady state.
    for text in texts:
        clean_text(text)
    runs = []
    for _ in range(repeat):
        cpu, wall = time.process_time(), time.perf_counter()
        for text in texts:
            clean_text(text)
        runs.append((len(texts) / (time.process_time() - cpu), len(texts) / (time.perf_counter() - wall)))
    return runs


def write_jsonl(path: Path, rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")


def _tag(k: int) -> str:
    letters = ""
    while True:
        letters = chr(97 + k % 26) + letters
        k //= 26
        if not k:
            return "q" + letters


def scaled_rows(rows: list[dict[str, str]], n: int) -> list[dict[str, str]]:
    """``n`` articles: abp_dev repeated; copy k > 0 gets a letter tag on every line (no exact repeats)."""
    out = []
    for i in range(n):
        row = rows[i % len(rows)]
        k = i // len(rows)
        if k == 0:
            text, title = row["text"], row["title"]
        else:
            tag = _tag(k)
            text = "\n".join(f"{line} {tag}" if line.strip() else line for line in row["text"].split("\n"))
            title = f"{row['title']} {tag}"
        out.append({"id": f"{row['id']}-{k}", "text": title + "\n\n" + text, "domain": row["domain"]})
    return out


def run_cli(path: Path, measure: bool) -> tuple[float, float | None, int]:
    """Wall seconds, peak RSS in MB of the child (when ``measure``), exit code."""
    if measure:
        code = ("import resource, sys\n"
                "from newstrace.cli import main\n"
                "try:\n"
                f"    main(['clean', {str(path)!r}, '-o', {os.devnull!r}, '--no-progress'])\n"
                "except SystemExit as exc:\n"
                "    status = exc.code or 0\n"
                "else:\n"
                "    status = 0\n"
                "peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
                "try:\n"  # VmHWM starts afresh at exec; ru_maxrss may still hold the forking parent's size
                "    for row in open('/proc/self/status'):\n"
                "        if row.startswith('VmHWM:'):\n"
                "            peak = int(row.split()[1])\n"
                "except OSError:\n"
                "    pass\n"
                "print('MAXRSS', peak, file=sys.stderr)\n"
                "sys.exit(status)\n")
        cmd = [sys.executable, "-c", code]
    else:
        cmd = [sys.executable, "-m", "newstrace", "clean", str(path), "-o", os.devnull, "--no-progress"]
    started = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=path.parent)
    elapsed = time.perf_counter() - started
    peak = None
    for line in proc.stderr.splitlines():
        if line.startswith("MAXRSS "):
            peak = int(line.split()[1]) / 1024  # Linux reports KiB
    return elapsed, peak, proc.returncode


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", help="shared data folder (holding rawnews/)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--sizes", default="5000,50000", help="corpus sizes for the memory runs")
    parser.add_argument("--no-cli", action="store_true", help="skip the end-to-end CLI runs")
    parser.add_argument("--no-memory", action="store_true", help="skip the 5k/50k memory runs")
    args = parser.parse_args()
    data = shared_dir("data", args.data, "rawnews/abp_dev.jsonl")
    if data is None:
        print("bench_clean: rawnews/abp_dev.jsonl not found (set NEWSTRACE_DATA); nothing measured")
        return 0
    rows = load_rows(data / "rawnews" / "abp_dev.jsonl")
    summary = []

    runs = bench_in_process(rows, args.repeat)
    print(f"1. clean_text in process, {len(rows)} articles (title + blank line + text), one core")
    print(f"{'run':>4} {'art/s (cpu)':>12} {'art/s (wall)':>13}")
    for i, (cpu, wall) in enumerate(runs, 1):
        print(f"{i:>4} {cpu:12.0f} {wall:13.0f}")
    best_cpu = max(c for c, _ in runs)
    median_cpu = statistics.median(c for c, _ in runs)
    print(f"best {best_cpu:.0f} art/s, median {median_cpu:.0f} art/s (cpu time); target {TARGET}")
    summary.append(f"clean_text={median_cpu:.0f}art/s(median cpu)")

    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        if not args.no_cli:
            path = tmpdir / "abp_dev.clean_input.jsonl"
            write_jsonl(path, [{"id": r["id"], "text": r["title"] + "\n\n" + r["text"]} for r in rows])
            print(f"\n2. newstrace clean end to end on {len(rows)} articles ({{id, text}} JSONL -> JSONL)")
            print(f"{'run':>4} {'seconds':>8} {'art/s':>7}")
            rates = []
            for i in range(args.repeat):
                elapsed, _, code = run_cli(path, measure=False)
                rates.append(len(rows) / elapsed)
                print(f"{i + 1:>4} {elapsed:8.2f} {rates[-1]:7.0f}" + ("" if code == 0 else f"  exit {code}"))
            summary.append(f"cli={statistics.median(rates):.0f}art/s(median wall)")
        if not args.no_memory:
            sizes = [int(s) for s in args.sizes.split(",") if s]
            print("\n3. peak memory of newstrace clean (fresh process each; boilerplate learning on)")
            print(f"{'articles':>9} {'seconds':>8} {'art/s':>7} {'peak MB':>8}")
            peaks = []
            for n in sizes:
                path = tmpdir / f"scaled_{n}.jsonl"
                write_jsonl(path, scaled_rows(rows, n))
                elapsed, peak, code = run_cli(path, measure=True)
                path.unlink()
                peaks.append(peak or 0.0)
                print(f"{n:>9} {elapsed:8.1f} {n / elapsed:7.0f} {peak or float('nan'):8.1f}"
                      + ("" if code == 0 else f"  exit {code}"))
            if len(peaks) >= 2 and peaks[0]:
                print(f"peak memory ratio {sizes[-1]}/{sizes[0]} articles: {peaks[-1] / peaks[0]:.2f}")
                summary.append(f"peak_mb={'/'.join(f'{p:.0f}' for p in peaks)}@{'/'.join(str(s) for s in sizes)}")
    print("bench_clean " + " ".join(summary))
    return 0


if __name__ == "__main__":
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    sys.exit(main())
