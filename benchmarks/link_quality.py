#!/usr/bin/env python3
"""Quality of `newstrace link` on the dev sets, checked against floors.

Runs the CLI on ECB+ dev stories, the near-duplicate dev set, the provenance dev set and the
EmergentLite dev headlines (claims), scores each with the shared scorers (claims: BCubed over
claimId groups, computed here), prints a table and a one-line summary, and exits 1 when a figure
is below its floor in `benchmarks/floors.toml` section [link].

usage: python benchmarks/link_quality.py [--data DIR] [--eval DIR] [--keep DIR]
The data default is ../shared/data next to the repository (or $NEWSTRACE_SHARED_DATA); when it is
absent the script says so and exits 77 (skipped, as benchmarks/eval_gate.py expects).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import time
import tomllib
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FLOORS = ROOT / "benchmarks" / "floors.toml"


def default_data() -> Path:
    """../shared/data beside the repository (a worktree may sit one level deeper)."""
    for parent in ROOT.parents:
        if (parent / "shared" / "data").is_dir():
            return parent / "shared" / "data"
    return ROOT.parent / "shared" / "data"


def newstrace() -> list[str]:
    exe = Path(sys.executable).with_name("newstrace")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "newstrace"]


def run(cmd: list[str]) -> float:
    started = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode not in (0, 3):
        sys.stderr.write(proc.stderr)
        raise SystemExit(f"command failed ({proc.returncode}): {' '.join(cmd)}")
    return time.perf_counter() - started


def last_line_figures(output: str) -> dict[str, float]:
    line = output.strip().splitlines()[-1]
    out = {}
    for part in line.split()[1:]:
        key, _, value = part.partition("=")
        try:
            out[key] = float(value)
        except ValueError:
            pass
    return out


def score(scorer: Path, gold: Path, output: Path) -> dict[str, float]:
    proc = subprocess.run([sys.executable, str(scorer), str(gold), str(output)], capture_output=True, text=True, check=True)
    return last_line_figures(proc.stdout)


def bcubed(gold: list[str], pred: list[str]) -> float:
    joint, gs, ps = Counter(zip(gold, pred)), Counter(gold), Counter(pred)
    n = len(gold)
    p = sum(c * c / ps[b] for (_, b), c in joint.items()) / n
    r = sum(c * c / gs[a] for (a, _), c in joint.items()) / n
    return 2 * p * r / (p + r) if p + r else 0.0


def claims_benchmark(csv_path: Path, work: Path) -> tuple[dict[str, float], float]:
    """Headlines as one-line articles; each article's claim from `link --claims`; BCubed vs claimId."""
    rows = list(csv.DictReader(csv_path.open(encoding="utf-8")))
    inputs = work / "emergent.inputs.jsonl"
    with inputs.open("w", encoding="utf-8") as handle:
        for i, row in enumerate(rows):
            text = row["articleHeadline"]
            handle.write(json.dumps({"id": f"h{i}", "title": text, "text": text}) + "\n")
    claims_out = work / "emergent.claims.jsonl"
    seconds = run(newstrace() + ["link", str(inputs), "-o", str(work / "emergent.link.jsonl"), "--claims", str(claims_out)])
    claim_of: dict[str, str] = {}
    for line in claims_out.open(encoding="utf-8"):
        claim = json.loads(line)
        for mention in claim["articles"]:
            claim_of.setdefault(mention["id"], claim["claim_id"])
    gold = [row["claimId"] for row in rows]
    pred = [claim_of.get(f"h{i}", f"none{i}") for i in range(len(rows))]
    return {"claim_BCubed_F1": bcubed(gold, pred), "n": float(len(rows))}, seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", default=os.environ.get("NEWSTRACE_SHARED_DATA", str(default_data())))
    parser.add_argument("--eval", default=None, help="scorer directory (default DATA/../eval)")
    parser.add_argument("--keep", default=None, help="keep outputs in this directory")
    args = parser.parse_args()
    data = Path(args.data)
    scorers = Path(args.eval) if args.eval else data.parent / "eval"
    if not (data / "stories").is_dir() or not (scorers / "score_link.py").exists():
        print(f"link_quality: dev data not found under {data} (or scorers under {scorers}); nothing to measure")
        return 77  # the eval gate's "skipped"
    floors = tomllib.loads(FLOORS.read_text(encoding="utf-8")).get("link", {}) if FLOORS.exists() else {}
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="link_quality_"))
    work.mkdir(parents=True, exist_ok=True)
    figures: dict[str, float] = {}
    rows: list[tuple[str, str, float, float]] = []
    for name, key in (("ecbplus_dev", "ecb"), ("neardup_dev", "neardup")):
        out = work / f"{name}.link.jsonl"
        seconds = run(newstrace() + ["link", str(data / "stories" / f"{name}.inputs.jsonl"), "-o", str(out)])
        result = score(scorers / "score_link.py", data / "stories" / f"{name}.gold.jsonl", out)
        for metric, value in result.items():
            if metric != "n":
                figures[f"{key}_{metric}"] = value
        rows.append((name, ", ".join(f"{k}={v:.3f}" for k, v in result.items() if k != "n"), result.get("n", 0), seconds))
    prov = data / "provenance"
    if prov.is_dir():
        out = work / "provenance_dev.link.jsonl"
        seconds = run(newstrace() + ["link", str(prov / "dev.inputs.jsonl"), "-o", str(out)])
        result = score(scorers / "score_provenance.py", prov / "dev.gold.jsonl", out)
        keep = ("origin_type_acc", "origin_source_acc", "first_report_acc", "story_F1", "article_id_acc", "dup_pair_F1")
        for metric in keep:
            figures[f"provenance_{metric}"] = result[metric]
        rows.append(("provenance_dev", ", ".join(f"{k}={result[k]:.3f}" for k in keep), result.get("n", 0), seconds))
    emergent = data / "stories" / "emergent_dev.csv"
    if emergent.exists():
        result, seconds = claims_benchmark(emergent, work)
        figures["emergent_claim_BCubed_F1"] = result["claim_BCubed_F1"]
        rows.append(("emergent_dev", f"claim_BCubed_F1={result['claim_BCubed_F1']:.3f}", result["n"], seconds))

    print(f"{'data set':<16} {'n':>6} {'seconds':>8}  figures")
    for name, text, n, seconds in rows:
        print(f"{name:<16} {int(n):>6} {seconds:>8.1f}  {text}")
    broken = []
    print("\nfloors ([link] in benchmarks/floors.toml):")
    for metric, floor in sorted(floors.items()):
        value = figures.get(metric)
        status = "missing" if value is None else ("ok" if value >= floor else "BROKEN")
        if status != "ok":
            broken.append(metric)
        print(f"  {metric:<36} {'-' if value is None else f'{value:.3f}':>7} >= {floor:.3f}  {status}")
    summary = " ".join(f"{k}={v:.3f}" for k, v in sorted(figures.items()))
    print(f"link_quality {summary} broken={len(broken)}")
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
