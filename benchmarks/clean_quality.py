"""Raw-text cleaning quality on the line-labelled gold set: the eval gate for ``newstrace clean``.

Runs ``newstrace clean`` on ``rawnews/clean_inputs_dev.jsonl``, scores the output with
``eval/score_clean.py`` (keep P/R/F1, junk removed, headline accuracy), prints the figures,
compares them with ``benchmarks/floors.toml`` section ``[clean]`` and exits 1 when a floor breaks.

    python benchmarks/clean_quality.py [--data DIR] [--eval DIR] [-v]

DIR is the shared data folder (default: ``$NEWSTRACE_DATA`` or ``../shared/data`` next to the
repository); the scorer comes from ``$NEWSTRACE_EVAL`` or ``../shared/eval``. Without them it
prints a message and exits 77 (skipped), as ``eval_gate.py`` expects.
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
SKIPPED = 77
FIGURES = ("keep_F1", "keep_P", "keep_R", "junk_removed", "headline_acc")


def floors() -> dict[str, float]:
    path = ROOT / "benchmarks" / "floors.toml"
    return {k: float(v) for k, v in tomllib.loads(path.read_text(encoding="utf-8")).get("clean", {}).items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", help="shared data folder (holding rawnews/)")
    parser.add_argument("--eval", help="folder holding score_clean.py")
    parser.add_argument("-v", "--verbose", action="store_true", help="also list the lines scored wrong")
    args = parser.parse_args()
    data = shared_dir("data", args.data, "rawnews/clean_gold_dev.jsonl")
    scorers = shared_dir("eval", args.eval, "score_clean.py")
    if data is None or scorers is None:
        print("clean_quality: shared data or scorer not found (set NEWSTRACE_DATA / NEWSTRACE_EVAL); skipped")
        return SKIPPED
    inputs = data / "rawnews" / "clean_inputs_dev.jsonl"
    gold = data / "rawnews" / "clean_gold_dev.jsonl"
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "clean.jsonl"
        started = time.perf_counter()
        run = subprocess.run([sys.executable, "-m", "newstrace", "clean", str(inputs), "-o", str(out), "--no-progress"],
                             capture_output=True, text=True, cwd=tmp)
        elapsed = time.perf_counter() - started
        if run.returncode not in (0, 3) or not out.exists():
            print(run.stderr[-2000:])
            print(f"clean_quality: newstrace clean failed (exit {run.returncode})")
            return 1
        if args.verbose:
            detail = subprocess.run([sys.executable, str(scorers / "score_clean.py"), str(gold), str(out), "-v"],
                                    capture_output=True, text=True)
            print(detail.stdout)
        scored = subprocess.run([sys.executable, str(scorers / "score_clean.py"), str(gold), str(out), "--json"],
                                capture_output=True, text=True)
    lines = scored.stdout.strip().splitlines()
    if scored.returncode != 0 or not lines:
        print(scored.stderr[-2000:])
        print("clean_quality: scorer failed")
        return 1
    result = json.loads(lines[0])
    limits = floors()
    print(f"newstrace clean on {inputs.name}: {result['n']} articles, {result['lines']} lines, {elapsed:.1f}s")
    print(f"{'figure':14} {'value':>7} {'floor':>7}  status")
    broken = []
    for name in FIGURES:
        value = float(result[name])
        floor = limits.get(name)
        status = "" if floor is None else ("ok" if value >= floor else "BROKEN")
        if status == "BROKEN":
            broken.append(name)
        shown = f"{floor:7.3f}" if floor is not None else f"{'-':>7}"
        print(f"{name:14} {value:7.3f} {shown}  {status}")
    print(f"lines: tp={result['tp']} fp(junk kept)={result['fp']} fn(body lost)={result['fn']} "
          f"tn(junk removed)={result['tn']}; articles exact {result['articles_exact']}/{result['n']}")
    summary = lines[-1]
    print(f"{summary}  floors {'BROKEN: ' + ', '.join(broken) if broken else 'held'}")
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
