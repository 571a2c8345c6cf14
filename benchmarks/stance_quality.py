"""Stance classifier quality on the hand-labelled PolNeAR dev stance items.

Runs ``newstrace.nlp.stance.classify_stance`` directly on each gold item (its gold cue and
content, and the sentence around the cue in the article text), so the figure measures the
classifier alone; the end-to-end figure (with extracted cues) comes from
``score_attributions.py --stance``. Prints accuracy, macro-F1 and per-class P/R/F1, compares
them with ``benchmarks/floors.toml`` section ``[stance]`` and exits 1 when a floor breaks.

    python benchmarks/stance_quality.py [--data DIR] [--errors]

DIR is the shared data folder (default: ``$NEWSTRACE_DATA`` or ``../shared/data`` next to the
repository). Without the data it prints a message and exits 0.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import tomllib
from pathlib import Path

from newstrace.nlp.stance import classify_stance

from shared_paths import shared_dir  # benchmarks/shared_paths.py

ROOT = Path(__file__).resolve().parents[1]
STANCES = ("assert", "deny", "confirm", "decline")
# Sentence ends: . ! ? (optionally followed by closing quotes) then space, or a line break.
_SENT_END = re.compile(r"(?<=[.!?])[\"'\u201d\u2019)]*\s+(?=[\"'\u201c\u2018(]?[A-Z0-9])|\n+")


def sentence_at(text: str, start: int, end: int) -> str:
    """The sentence of ``text`` holding [start, end) by a light regex splitter."""
    left = 0
    for match in _SENT_END.finditer(text, 0, start):
        left = match.end()
    right = len(text)
    match = _SENT_END.search(text, end)
    if match:
        right = match.start()
    return text[left:right]


def scores(pairs: list[tuple[str, str]]) -> dict[str, object]:
    per_class = {}
    for cls in STANCES:
        tp = sum(g == cls and p == cls for g, p in pairs)
        n_pred = sum(p == cls for _, p in pairs)
        n_gold = sum(g == cls for g, _ in pairs)
        prec = tp / n_pred if n_pred else 0.0
        rec = tp / n_gold if n_gold else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        per_class[cls] = {"p": prec, "r": rec, "f1": f1, "n_gold": n_gold, "n_pred": n_pred}
    accuracy = sum(g == p for g, p in pairs) / len(pairs) if pairs else 0.0
    macro = sum(v["f1"] for v in per_class.values()) / len(STANCES)
    return {"accuracy": accuracy, "macro_f1": macro, "per_class": per_class}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", help="the shared data folder (holds polnear/)")
    ap.add_argument("--errors", action="store_true", help="list the misclassified items")
    args = ap.parse_args()
    data = shared_dir("data", args.data, "polnear/stance_gold_dev.jsonl")
    if data is None:
        print("stance_quality: PolNeAR stance gold not found (set --data or NEWSTRACE_DATA); skipped")
        return 0
    polnear = data / "polnear"
    items = [json.loads(line) for line in (polnear / "stance_gold_dev.jsonl").open(encoding="utf-8")]
    texts: dict[str, str] = {}
    pairs: list[tuple[str, str]] = []
    errors: list[str] = []
    started = time.perf_counter()
    for item in items:
        doc_id = item["id"]
        if doc_id not in texts:
            texts[doc_id] = (polnear / "data" / "dev" / "text" / f"{doc_id}.txt").read_text(encoding="utf-8")
        sentence = sentence_at(texts[doc_id], item["cue_start"], item["cue_end"])
        predicted, _hedged = classify_stance(item["cue"], item["content"], sentence)
        pairs.append((item["stance"], predicted))
        if predicted != item["stance"]:
            errors.append(f"  gold={item['stance']:<8} pred={predicted:<8} cue={item['cue']!r} "
                          f"content={(item['content'] or '')[:60]!r}")
    elapsed = time.perf_counter() - started
    result = scores(pairs)

    print(f"{'class':<9}{'P':>7}{'R':>7}{'F1':>7}{'gold':>6}{'pred':>6}")
    for cls, v in result["per_class"].items():  # type: ignore[union-attr]
        print(f"{cls:<9}{v['p']:>7.3f}{v['r']:>7.3f}{v['f1']:>7.3f}{v['n_gold']:>6}{v['n_pred']:>6}")
    if args.errors and errors:
        print("errors:")
        print("\n".join(errors))

    floors_path = ROOT / "benchmarks" / "floors.toml"
    floors = tomllib.loads(floors_path.read_text()).get("stance", {}) if floors_path.is_file() else {}
    broken = [f"{key} {result[key]:.3f} < floor {floor}" for key, floor in floors.items()
              if key in result and float(result[key]) < float(floor)]  # type: ignore[arg-type]
    for line in broken:
        print(f"FLOOR BROKEN: {line}")
    print(f"stance accuracy={result['accuracy']:.3f} macro_F1={result['macro_f1']:.3f} n={len(pairs)} "
          f"errors={len(errors)} time_per_item_us={elapsed / max(1, len(pairs)) * 1e6:.0f}"
          f"{' FLOORS BROKEN' if broken else ''}")
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
