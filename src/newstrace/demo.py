"""``make demo``: run the pipeline on the bundled sample corpus and print what it found."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from newstrace.ingest import read_inputs
from newstrace.errors import InputError
from newstrace.pipeline import build_pipeline
from newstrace.settings import load_settings

CORPUS = Path(__file__).resolve().parents[2] / "examples" / "corpus"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", default=str(CORPUS))
    parser.add_argument("--db", default="sqlite:///newstrace.db")
    args = parser.parse_args(argv)
    settings = load_settings(overrides={"store.db": args.db})
    items = list(read_inputs([args.corpus], settings.ingest))
    errors = [i for i in items if isinstance(i, InputError)]
    docs = [i for i in items if not isinstance(i, InputError)]
    pipeline = build_pipeline(["clean", "analyze"], settings)
    articles = list(pipeline.pipe(docs, errors="record"))
    out = sys.stdout
    out.write(f"newstrace demo: {len(articles)} articles from {args.corpus} ({len(errors)} rejected inputs)\n")
    reasons = Counter(r.reason for a in articles for r in a.removed)
    out.write(f"removed junk: {sum(reasons.values())} pieces " + ", ".join(f"{k} {v}" for k, v in reasons.most_common()) + "\n")
    for article in articles[:5]:
        out.write(f"  {article.id}: {article.headline!r} | {article.publisher} | {article.published_at}\n")
    out.write(pipeline.stats.summary() + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
