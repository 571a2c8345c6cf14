#!/usr/bin/env python3
"""Speed of HTML cleaning against trafilatura alone, measured in the same run.

For every page of the trafilatura evaluation set, `trafilatura.extract(html, url=url)` (default
settings) and `newstrace.clean.html.clean_html(html, url)` run back to back, the order alternating
from page to page and repetition to repetition, so machine load hits both sides alike. CPU time of
this process is the primary measure (the machine is shared); wall time is printed as well.
Target of issue 3: newstrace / trafilatura <= 1.2.

usage: python benchmarks/bench_html.py [--data DIR] [--pages N] [--reps R] [--check]
The data default is $NEWSTRACE_DATA or ../shared/data next to the repository (or next to
its parent, for worktrees); when it is absent the script says so and exits 0.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from pathlib import Path

from shared_paths import shared_dir  # benchmarks/shared_paths.py

ROOT = Path(__file__).resolve().parents[1]
TARGET_RATIO = 1.2
WARM_UP_PAGES = 60


def load_pages(path: Path, limit: int) -> list[tuple[str, str | None]]:
    pages = []
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            pages.append((record["html"], record.get("url")))
            if limit and len(pages) >= limit:
                break
    return pages


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", default=str(shared_dir("data", probe="extraction/trafilatura-eval/inputs.jsonl.gz") or ROOT.parent / "shared" / "data"))
    parser.add_argument("--pages", type=int, default=300, help="pages to use (0 = all 990)")
    parser.add_argument("--reps", type=int, default=3, help="repetitions over the pages")
    parser.add_argument("--check", action="store_true", help=f"exit 1 when the ratio exceeds {TARGET_RATIO}")
    args = parser.parse_args()
    inputs = Path(args.data) / "extraction" / "trafilatura-eval" / "inputs.jsonl.gz"
    if not inputs.exists():
        print(f"bench_html: {inputs} not found; nothing to measure")
        return 0
    sys.path.insert(0, str(ROOT / "src"))
    import logging

    logging.disable(logging.CRITICAL)  # trafilatura logs a warning per discarded page
    import trafilatura

    from newstrace.clean.html import clean_html

    pages = load_pages(inputs, args.pages)
    # Untimed warm-up on both sides: imports, lexicons, and the line rules' combined patterns, which
    # compile lazily per first character (about 1 s once per process, like any regex cache).
    for html, url in pages[:WARM_UP_PAGES]:
        trafilatura.extract(html, url=url)
        clean_html(html, url)

    def traf(html: str, url: str | None) -> None:
        trafilatura.extract(html, url=url)

    def ours(html: str, url: str | None) -> None:
        clean_html(html, url)

    sides = {"trafilatura": traf, "newstrace": ours}
    cpu = dict.fromkeys(sides, 0.0)
    wall = dict.fromkeys(sides, 0.0)
    for rep in range(args.reps):
        for i, (html, url) in enumerate(pages):
            order = ("trafilatura", "newstrace") if (i + rep) % 2 == 0 else ("newstrace", "trafilatura")
            for name in order:
                c0, w0 = time.process_time(), time.perf_counter()
                sides[name](html, url)
                cpu[name] += time.process_time() - c0
                wall[name] += time.perf_counter() - w0
    n = len(pages) * args.reps
    print(f"{'side':<12} {'pages/s (cpu)':>14} {'pages/s (wall)':>15} {'ms/page (cpu)':>14}")
    for name in sides:
        print(f"{name:<12} {n / cpu[name]:>14.1f} {n / wall[name]:>15.1f} {1000 * cpu[name] / n:>14.2f}")
    ratio_cpu = cpu["newstrace"] / cpu["trafilatura"]
    ratio_wall = wall["newstrace"] / wall["trafilatura"]
    print(f"bench_html pages={len(pages)} reps={args.reps} trafilatura={n / cpu['trafilatura']:.1f}p/s "
          f"newstrace={n / cpu['newstrace']:.1f}p/s ratio_cpu={ratio_cpu:.3f} ratio_wall={ratio_wall:.3f} "
          f"target<={TARGET_RATIO}")
    return 1 if args.check and ratio_cpu > TARGET_RATIO else 0


if __name__ == "__main__":
    sys.exit(main())
