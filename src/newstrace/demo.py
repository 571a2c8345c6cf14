"""``make demo``: ingest the bundled sample corpus into the store and show what newstrace found.

It runs the whole pipeline (clean, analyze, link) into the embedded SQLite store, then prints the
stories, the attributions of the DESIGN.md example article, and the provenance chain of the largest
story: the first report, the re-reports and whom they cite, the wire copies, the denial.
Running it twice is a no-op for the store (ingest is idempotent).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import IO

from newstrace.settings import load_settings

CORPUS = Path(__file__).resolve().parents[2] / "examples" / "corpus"
DESIGN_EXAMPLE_FILE = "design_example.txt"


def _attributions_table(article: dict[str, object], out: IO[str]) -> None:
    out.write(f"\nWho says what in {article.get('headline')!r} ({article.get('publisher')}, {article.get('published_at')}):\n")
    for attribution in article.get("attributions") or []:  # type: ignore[union-attr]
        source = attribution.get("source") or {}
        content = attribution.get("content") or {}
        text = (content.get("text") or "-").replace("\n", " ")
        out.write(
            f"  {source.get('text', '(no source)')!s:<28} [{source.get('kind', '-')}]"
            f"  {attribution['cue']['text']!s:<20} {attribution['stance']:<8} {attribution['type']:<8}"
            f" {text[:60] + ('...' if len(text) > 60 else '')}\n"
        )
    times = article.get("times") or []
    if times:
        out.write("  times: " + ", ".join(f"{t['text']!r} -> {t['value']}" for t in times) + "\n")  # type: ignore[union-attr]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", default=str(CORPUS), help="Input file or directory (default: examples/corpus).")
    parser.add_argument("--db", default="sqlite:///newstrace.db", help="Store URL (default sqlite:///newstrace.db).")
    args = parser.parse_args(argv)
    out = sys.stdout

    from newstrace.store import open_store
    from newstrace.store.linking import linker_from_store
    from newstrace.store.report import ingest_into, overview

    settings = load_settings(overrides={"store.db": args.db})
    out.write(f"newstrace demo: ingesting {args.corpus} into {args.db} (clean, analyze, link)...\n")
    summary = ingest_into(args.db, [args.corpus], settings)
    info = summary.to_dict()
    out.write(
        f"  {info['added']} articles added, {info['unchanged']} already stored, {info['skipped']} skipped, "
        f"{info['rejected']} rejected, in {info['seconds']:.1f}s\n\n"
    )

    store = open_store(args.db)
    try:
        text = overview(store, n_stories=6)
        # The overview ends with the store's own chain; the linker's tree below is the richer view.
        out.write(text.split("\nclaim ", 1)[0].split("\nstory ", 1)[0].rstrip() + "\n")
        from newstrace.ingest import read_path
        from newstrace.records import RawDocument
        from newstrace.store import read

        example = Path(args.corpus) / DESIGN_EXAMPLE_FILE
        ids = [d.id for d in read_path(str(example)) if isinstance(d, RawDocument)] if example.exists() else []
        with store.connect() as conn:
            article = read.get_article(conn, ids[0]) if ids else None
        if article:
            _attributions_table(article, out)
        linker = linker_from_store(store, settings)
        if linker is not None:
            stories = sorted(linker.stories(), key=lambda s: (-len(s.article_ids), s.story_id))
            if stories:
                result = linker.trace(stories[0].story_id)  # type: ignore[attr-defined]
                if result is not None:
                    out.write("\nProvenance of the largest story:\n" + result.to_text() + "\n")
    finally:
        store.close()
    out.write(
        "\nNext: newstrace serve --db " + args.db + "   # browse it at http://127.0.0.1:8000\n"
        "      newstrace stories --db " + args.db + " --format text\n"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
