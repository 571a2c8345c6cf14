#!/usr/bin/env python3
"""Quality of `newstrace link` on the dev sets, checked against floors.

Runs the CLI on ECB+ dev stories, the near-duplicate dev set, the provenance dev set and the
EmergentLite dev headlines (claims), scores each with the shared scorers (claims: BCubed over
claimId groups, computed here), prints a table and a one-line summary, and exits 1 when a figure
is below its floor in `benchmarks/floors.toml` section [link].

usage: python benchmarks/link_quality.py [--data DIR] [--eval DIR] [--keep DIR] [--loto]
--loto: instead, leave-one-topic-out on the ECB+ dev topics for the story parameters: for each
topic, the (SNN k, mix, threshold) best on the other topics is scored on it (cosine-only
thresholds too, for comparison); prints the grid and the cross-validated BCubed F1.
The data default is ../shared/data next to the repository (or $NEWSTRACE_SHARED_DATA); when it is
absent the script says so and exits 77 (skipped, as benchmarks/eval_gate.py expects).
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
import tempfile
import time
import tomllib
from collections import Counter
from pathlib import Path

from shared_paths import shared_dir  # benchmarks/shared_paths.py

ROOT = Path(__file__).resolve().parents[1]
FLOORS = ROOT / "benchmarks" / "floors.toml"


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


def loto_benchmark(data: Path) -> int:
    """Leave-one-topic-out over a story-parameter grid (signatures computed once, in-process)."""
    import dataclasses
    from collections import defaultdict

    from newstrace.cli import _learn_profile, _stream_inputs
    from newstrace.cliutil import Reporter
    from newstrace.link import Linker
    from newstrace.link.cluster import SparseClusterer
    from newstrace.link.index import story_config
    from newstrace.link.signature import compute_signature
    from newstrace.pipeline import build_pipeline
    from newstrace.settings import load_settings

    inputs = str(data / "stories" / "ecbplus_dev.inputs.jsonl")
    gold, topic = {}, {}
    for line in (data / "stories" / "ecbplus_dev.gold.jsonl").open(encoding="utf-8"):
        row = json.loads(line)
        gold[row["id"]], topic[row["id"]] = row["story_id"], str(row["topic"])
    settings = load_settings(None, {})
    profile = _learn_profile((inputs,), settings)
    pipeline = build_pipeline(["clean"], settings, **({"clean": {"profile": profile}} if profile is not None else {}))
    articles = pipeline.pipe(_stream_inputs((inputs,), settings, Reporter(progress=False, rejects_path=None)), errors="record")
    signatures = [compute_signature(a, settings.link) for a in articles]

    def per_item(k: int, mix: float, threshold: float) -> dict[str, tuple[float, float]]:
        run = load_settings(None, {"link.story_threshold": threshold})
        linker = Linker(run)
        linker.story_index = SparseClusterer(dataclasses.replace(story_config(run), snn_k=k, snn_mix=mix))
        linker.add_signatures(signatures, records=False)
        pred = {r.id: r.story_id for r in linker.link_records() if r.id in gold}
        joint = Counter((gold[i], pred[i]) for i in pred)
        gs, ps = Counter(gold[i] for i in pred), Counter(pred.values())
        return {i: (joint[gold[i], pred[i]] / ps[pred[i]], joint[gold[i], pred[i]] / gs[gold[i]]) for i in pred}

    def f1(items: dict[str, tuple[float, float]], ids: list[str]) -> float:
        p = sum(items[i][0] for i in ids) / len(ids)
        r = sum(items[i][1] for i in ids) / len(ids)
        return 2 * p * r / (p + r) if p + r else 0.0

    def cross_validated(results: dict[tuple[int, float, float], dict[str, tuple[float, float]]]) -> tuple[float, Counter]:
        ids_of: dict[str, list[str]] = defaultdict(list)
        for i, t in topic.items():
            ids_of[t].append(i)
        held: dict[str, tuple[float, float]] = {}
        chosen: Counter = Counter()
        for t, ids in ids_of.items():
            rest = [i for i in topic if topic[i] != t]
            best = max(results, key=lambda key: f1(results[key], rest))
            chosen[best] += 1
            held.update({i: results[best][i] for i in ids})
        return f1(held, list(topic)), chosen

    grids = {
        "cosine only": [(0, 0.0, th) for th in (0.18, 0.2, 0.22, 0.23, 0.245, 0.26, 0.28, 0.3, 0.33)],
        "shared nearest neighbours": [(k, mix, th) for k in (9, 10, 11) for mix in (0.2, 0.25, 0.3) for th in (0.29, 0.31, 0.33, 0.35)],
    }
    print(f"{'grid':<26} {'k':>3} {'mix':>5} {'thresh':>6}  dev BCubed F1")
    summary = []
    for name, grid in grids.items():
        results = {key: per_item(*key) for key in grid}
        for key, items in results.items():
            print(f"{name:<26} {key[0]:>3} {key[1]:>5.2f} {key[2]:>6.3f}  {f1(items, list(items)):.4f}")
        score, chosen = cross_validated(results)
        picks = ", ".join(f"{k}:{n}" for k, n in chosen.most_common(3))
        print(f"{name}: leave-one-topic-out BCubed F1 {score:.4f} (chosen per fold: {picks})")
        summary.append(f"loto_{name.split()[0]}={score:.4f}")
    print("link_quality_loto " + " ".join(summary))
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", default=str(shared_dir("data", probe="stories") or ROOT.parent / "shared" / "data"))
    parser.add_argument("--eval", default=None, help="scorer directory (default DATA/../eval)")
    parser.add_argument("--keep", default=None, help="keep outputs in this directory")
    parser.add_argument("--loto", action="store_true", help="leave-one-topic-out on the ECB+ dev story parameters")
    args = parser.parse_args()
    data = Path(args.data)
    scorers = Path(args.eval) if args.eval else data.parent / "eval"
    if not (data / "stories").is_dir() or not (scorers / "score_link.py").exists():
        print(f"link_quality: dev data not found under {data} (or scorers under {scorers}); nothing to measure")
        return 77  # the eval gate's "skipped"
    if args.loto:
        return loto_benchmark(data)
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
