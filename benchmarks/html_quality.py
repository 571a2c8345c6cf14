#!/usr/bin/env python3
"""Quality of HTML cleaning on the trafilatura evaluation pages, checked against floors.

Runs `newstrace clean` on `extraction/trafilatura-eval/inputs.jsonl.gz`, scores the output with
the shared `score_extraction.py` (pooled snippet P/R/F1 of the body; exact-match accuracy of
headline, authors and the date of published_at), prints a table next to trafilatura's own figures
on the same pages, and exits 1 when a figure is below its floor in `benchmarks/floors.toml`
section [html] (the eval gate).

usage: python benchmarks/html_quality.py [--data DIR] [--eval DIR] [--keep DIR]
The data default is $NEWSTRACE_DATA or ../shared/data next to the repository (or next to
its parent, for worktrees); when it is absent the script says so and exits 77 (the eval gate's
"skipped").
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path

from shared_paths import shared_dir  # benchmarks/shared_paths.py

ROOT = Path(__file__).resolve().parents[1]
FLOORS = ROOT / "benchmarks" / "floors.toml"
SKIPPED = 77  # exit status the eval gate reads as "data not available here"
# trafilatura 2.3.1 on the same pages with this scorer (data README; in-sample for trafilatura)
TRAFILATURA = {"body_f1": 0.926, "body_precision": 0.907, "body_recall": 0.946,
               "title_exact": 0.593, "author_exact": 0.519, "date_exact": 0.868}


def newstrace() -> list[str]:
    exe = Path(sys.executable).with_name("newstrace")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "newstrace"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", default=str(shared_dir("data", probe="extraction/trafilatura-eval/inputs.jsonl.gz") or ROOT.parent / "shared" / "data"))
    parser.add_argument("--eval", default=None, help="scorer directory (default DATA/../eval)")
    parser.add_argument("--keep", default=None, help="keep the output in this directory")
    args = parser.parse_args()
    data = Path(args.data) / "extraction" / "trafilatura-eval"
    scorers = Path(args.eval) if args.eval else Path(args.data).parent / "eval"
    scorer = scorers / "score_extraction.py"
    if not (data / "inputs.jsonl.gz").exists() or not scorer.exists():
        print(f"html_quality: {data}/inputs.jsonl.gz or {scorer} not found; nothing to measure")
        return SKIPPED
    floors = tomllib.loads(FLOORS.read_text(encoding="utf-8")).get("html", {}) if FLOORS.exists() else {}
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="html_quality_"))
    work.mkdir(parents=True, exist_ok=True)
    out = work / "trafilatura-eval.clean.jsonl"

    started = time.perf_counter()
    proc = subprocess.run(newstrace() + ["clean", str(data / "inputs.jsonl.gz"), "-o", str(out), "--no-progress"],
                          capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if proc.returncode not in (0, 3):
        sys.stderr.write(proc.stderr)
        print(f"html_quality: newstrace clean failed with exit code {proc.returncode}")
        return 1
    scored = subprocess.run([sys.executable, str(scorer), str(data / "ground-truth.json"), str(out), "--json"],
                            capture_output=True, text=True, check=True)
    result = json.loads(scored.stdout.strip().splitlines()[0])
    meta = result.get("meta", {})
    figures = {
        "body_f1": result["f1"], "body_precision": result["precision"], "body_recall": result["recall"],
        "title_exact": meta.get("title", {}).get("exact", 0.0),
        "author_exact": meta.get("author", {}).get("exact", 0.0),
        "date_exact": meta.get("date", {}).get("exact", 0.0),
    }
    print(f"pages {result['n']}, empty bodies {result['empty']}, missing {result['missing']}, "
          f"{seconds:.1f}s for `newstrace clean`")
    print(f"{'figure':<16} {'newstrace':>9} {'trafilatura':>11} {'floor':>7}  status")
    broken = []
    for name, value in figures.items():
        floor = floors.get(name)
        status = "-" if floor is None else ("ok" if value >= floor else "BROKEN")
        if status == "BROKEN":
            broken.append(name)
        floor_text = "-" if floor is None else f"{floor:.3f}"
        print(f"{name:<16} {value:>9.3f} {TRAFILATURA[name]:>11.3f} {floor_text:>7}  {status}")
    missing = sorted(set(floors) - set(figures))
    for name in missing:
        print(f"{name:<16} {'-':>9} {'-':>11} {floors[name]:>7.3f}  missing")
    summary = " ".join(f"{k}={v:.3f}" for k, v in figures.items())
    print(f"html_quality {summary} broken={len(broken) + len(missing)}")
    return 1 if broken or missing else 0


if __name__ == "__main__":
    sys.exit(main())
