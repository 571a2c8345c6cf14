"""Attribution quality on PolNeAR dev: runs the CLI and the shared scorer, checks the floors.

Runs ``newstrace analyze --assume-clean`` on ``polnear/dev.inputs.jsonl``, scores the output with
``../shared/eval/score_attributions.py`` (with the stance items), prints the scorer's table and
summary line, compares the figures with ``benchmarks/floors.toml`` section ``[attributions]`` and
exits 1 when one is below its floor (77 when the data or the scorer is not there).

    python benchmarks/attrib_quality.py [--data DIR] [--eval DIR] [--n-process N]
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

from shared_paths import shared_dir  # benchmarks/shared_paths.py

ROOT = Path(__file__).resolve().parents[1]
SKIPPED = 77
# summary-line key -> floors.toml key
KEYS = {"attribution F1": "attribution_f1", "source_exact_F1": "source_exact_f1",
        "cue_exact_F1": "cue_exact_f1", "content_exact_F1": "content_exact_f1",
        "content_token_F1": "content_token_f1", "stance_macroF1": "stance_macro_f1",
        "stance_coverage": "stance_coverage"}


def parse_summary(line: str) -> dict[str, float]:
    out = {}
    for key, name in KEYS.items():
        match = re.search(re.escape(key) + r"=([0-9.]+)", line)
        if match:
            out[name] = float(match.group(1))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=None, help="shared data folder (default $NEWSTRACE_DATA or ../shared/data)")
    ap.add_argument("--eval", default=None, help="shared eval folder with score_attributions.py")
    ap.add_argument("--n-process", default="1")
    args = ap.parse_args(argv)
    data = shared_dir("data", args.data, "polnear/dev.inputs.jsonl")
    evaldir = Path(args.eval) if args.eval else data.parent / "eval" if data else None
    if data is None or evaldir is None or not evaldir.is_dir() or not (data / "polnear" / "dev.inputs.jsonl").is_file():
        print("PolNeAR dev data or the shared scorer not found (set NEWSTRACE_DATA); skipping")
        return SKIPPED
    polnear = data / "polnear"
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "dev.out.jsonl"
        cli = [sys.executable, "-m", "newstrace", "analyze", str(polnear / "dev.inputs.jsonl"), "-o", str(out),
               "--assume-clean", "--n-process", args.n_process]
        subprocess.run(cli, check=True, stderr=subprocess.DEVNULL)
        score = subprocess.run([sys.executable, str(evaldir / "score_attributions.py"), str(polnear / "data" / "dev"),
                                str(out), "--stance", str(polnear / "stance_gold_dev.jsonl")],
                               check=True, capture_output=True, text=True)
    print(score.stdout.rstrip())
    got = parse_summary(score.stdout.strip().splitlines()[-1])
    with open(ROOT / "benchmarks" / "floors.toml", "rb") as fh:
        floors = tomllib.load(fh).get("attributions", {})
    broken = [f"{k} {got.get(k, 0.0):.3f} < floor {v:.3f}" for k, v in floors.items() if got.get(k, 0.0) < v]
    for line in broken:
        print(f"FLOOR BROKEN: {line}")
    print(("FAIL " if broken else "PASS ") + " ".join(f"{k}={v:.3f}" for k, v in got.items()))
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
