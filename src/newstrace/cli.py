"""The ``newstrace`` command line: flags -> Settings -> library calls. No logic of its own.

Exit codes: 0 when nothing was rejected (skips included), 3 when some input was rejected or an
article failed, 2 on usage errors. Output is JSONL on stdout or ``-o FILE``; messages go to stderr.
"""

from __future__ import annotations

import json
import sys
from typing import IO, Any, Iterable, Iterator

import click

from newstrace.cliutil import Reporter, check_outputs_apart_from_inputs, open_output, write_jsonl
from newstrace.errors import ConfigError, InputError, NewstraceError
from newstrace.records import Article, RawDocument
from newstrace.settings import Settings, load_settings

EXIT_OK, EXIT_USAGE, EXIT_REJECTED = 0, 2, 3

INPUT_HELP = (
    "INPUT is a file or directory: .jsonl, .jsonl.gz, .txt (one article), .html, .warc, .warc.gz, "
    "or - for JSONL on stdin. A JSONL line is an object with 'id' and 'text' (raw scraped text) or "
    "'html'; optional 'url', 'title', 'publisher', 'published_at'."
)


def _settings(ctx: click.Context, **overrides: Any) -> Settings:
    try:
        return load_settings(ctx.obj.get("config"), overrides)
    except ConfigError as exc:
        raise click.UsageError(str(exc)) from None


def _common_run_options(func: Any) -> Any:
    func = click.option("--ray-address", default=None, help="Ray cluster address for --engine ray (default: start Ray locally).")(func)
    func = click.option("--engine", type=click.Choice(["local", "ray"]), default=None, help="local (one process or --n-process workers) or ray (Ray Data).")(func)
    func = click.option("--rejects", type=click.Path(dir_okay=False), help="Also write rejected input (with the reason) to this JSONL file.")(func)
    func = click.option("--progress/--no-progress", default=None, help="Progress on stderr (default: when stderr is a terminal).")(func)
    func = click.option("--n-process", "n_process", type=click.IntRange(1, 256), default=None, help="Worker processes (default 1).")(func)
    func = click.option("--batch-size", type=click.IntRange(1, 100_000), default=None, help="Articles per batch (default 64).")(func)
    func = click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True), default="-", help="Output JSONL file (default stdout).")(func)
    return func


def _boilerplate_options(func: Any) -> Any:
    func = click.option("--save-boilerplate", "save_boilerplate", type=click.Path(dir_okay=False), default=None,
                        help="Write the per-outlet boilerplate learned in the first pass to this JSON file.")(func)
    func = click.option("--boilerplate", "boilerplate", type=click.Path(exists=True, dir_okay=False), default=None,
                        help="Use a saved boilerplate profile (from --save-boilerplate) instead of learning one; "
                             "works with stdin too.")(func)
    return func


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.option("--config", type=click.Path(exists=True, dir_okay=False), default=None, help="Settings file (default ./newstrace.toml if present).")
@click.option("-v", "--verbose", count=True, help="More log output on stderr (-vv for debug).")
@click.version_option(package_name="newstrace")
@click.pass_context
def cli(ctx: click.Context, config: str | None, verbose: int) -> None:
    """newstrace: clean scraped news, find who says what, and trace where claims came from.

    \b
    Typical use:
      newstrace clean corpus.jsonl -o clean.jsonl      # clean bodies + removed junk + metadata
      newstrace analyze corpus.jsonl -o analyzed.jsonl # + attributions, entities, times
      newstrace link analyzed.jsonl -o links.jsonl     # duplicates, stories, origins
      newstrace ingest corpus/ --db sqlite:///news.db  # everything into a store
      newstrace serve --db sqlite:///news.db           # browse it at http://127.0.0.1:8000
    """
    import logging

    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, stream=sys.stderr, format="%(levelname)s %(name)s: %(message)s")
    ctx.ensure_object(dict)
    ctx.obj["config"] = config


def _stream_inputs(paths: Iterable[str], settings: Settings, reporter: Reporter) -> Iterator[RawDocument | Article]:
    """Yield readable records; report every unreadable one (stderr, rejects file) and go on."""
    from newstrace.ingest import read_inputs

    for item in read_inputs(paths, settings.ingest):
        if isinstance(item, InputError):
            reporter.reject(item.source, item.message)
        else:
            yield item


def run_articles(
    ctx: click.Context,
    inputs: tuple[str, ...],
    stages: list[str],
    output: str,
    batch_size: int | None,
    n_process: int | None,
    progress: bool | None,
    rejects: str | None,
    stage_kwargs: dict[str, Any],
    engine: str | None = None,
    ray_address: str | None = None,
    boilerplate: str | None = None,
    save_boilerplate: str | None = None,
) -> None:
    """Shared body of ``clean`` and ``analyze``: stream inputs through stages into JSONL."""
    from newstrace.pipeline import build_pipeline

    settings = _settings(ctx, **{"run.batch_size": batch_size, "run.n_process": n_process, "run.engine": engine,
                                 "clean.boilerplate_profile": boilerplate})
    if not inputs:
        raise click.UsageError("give at least one INPUT (a file, a directory or - for stdin)")
    check_outputs_apart_from_inputs({"'-o' / '--output'": output, "'--rejects'": rejects}, inputs)
    reporter = Reporter(progress=progress, rejects_path=rejects)
    try:
        profile = None
        assume_clean = stage_kwargs.get("clean", {}).get("assume_clean", False)
        if "clean" in stages and not assume_clean:
            profile = _learn_profile(inputs, settings)
            if profile is not None and save_boilerplate:
                from newstrace.clean.boilerplate import save_profile

                save_profile(profile, save_boilerplate)
        if save_boilerplate and profile is None:
            click.echo(f"newstrace: nothing learned, {save_boilerplate} not written (--save-boilerplate needs "
                       "file inputs, no --boilerplate and clean.learn_boilerplate on)", err=True)
        if profile is not None:
            stage_kwargs.setdefault("clean", {})["profile"] = profile
        pipeline = build_pipeline(stages, settings, **stage_kwargs)
        with open_output(output) as out:
            if settings.run.engine == "ray":
                from newstrace.scale.ray import ray_pipe

                records = ray_pipe(_stream_inputs(inputs, settings, reporter), stages, settings,
                                   address=ray_address, stage_kwargs=stage_kwargs, stats=pipeline.stats)
            else:
                records = pipeline.pipe(_stream_inputs(inputs, settings, reporter), errors="record")
            for article in records:
                write_jsonl(out, article.to_dict())
                reporter.tick(article.skipped)
        for error in pipeline.stats.errors:
            reporter.error(str(error))
    except NewstraceError as exc:
        reporter.close()
        raise click.ClickException(str(exc)) from None
    reporter.close(pipeline.stats.summary())
    ctx.exit(EXIT_REJECTED if reporter.rejected or pipeline.stats.errors else EXIT_OK)


def _learn_profile(inputs: tuple[str, ...], settings: Settings) -> Any:
    """First pass over re-readable inputs: learn per-publisher boilerplate lines; None when the
    settings say not to learn (or name a saved profile) or an input is stdin (read only once)."""
    if not settings.clean.learns_boilerplate or "-" in inputs:
        return None
    try:
        from newstrace.clean.boilerplate import learn_profile
    except ImportError:
        return None
    from newstrace.ingest import read_inputs

    docs = (d for d in read_inputs(inputs, settings.ingest) if isinstance(d, RawDocument))
    return learn_profile(docs, settings.clean)


@cli.command()
@click.argument("inputs", nargs=-1)
@_common_run_options
@_boilerplate_options
@click.pass_context
def clean(ctx: click.Context, inputs: tuple[str, ...], output: str, batch_size: int | None,
          n_process: int | None, progress: bool | None, rejects: str | None, engine: str | None,
          ray_address: str | None, boilerplate: str | None, save_boilerplate: str | None) -> None:
    """Clean articles: body without markup and junk, every removal with its reason, metadata.

    INPUT is a file or directory: .jsonl, .jsonl.gz, .txt (one article), .html, .warc, .warc.gz,
    or - for JSONL on stdin. A JSONL line is an object with 'id' and 'text' (raw scraped text) or
    'html'; optional 'url', 'title', 'publisher', 'published_at'. One output line per readable
    article, in input order; unreadable input is reported on stderr (exit 3).

    Lines that repeat across many articles of one outlet (site chrome) are learned in a first
    pass over the inputs and removed with reason 'chrome'; --save-boilerplate keeps what was
    learned, --boilerplate reuses it (e.g. for stdin or a small daily batch).
    """
    run_articles(ctx, inputs, ["clean"], output, batch_size, n_process, progress, rejects, {}, engine, ray_address,
                 boilerplate, save_boilerplate)


@cli.command()
@click.argument("inputs", nargs=-1)
@_common_run_options
@_boilerplate_options
@click.option("--assume-clean", is_flag=True, help="Take each input 'text' verbatim as the body (no cleaning at all).")
@click.pass_context
def analyze(ctx: click.Context, inputs: tuple[str, ...], output: str, batch_size: int | None,
            n_process: int | None, progress: bool | None, rejects: str | None, engine: str | None,
            ray_address: str | None, boilerplate: str | None, save_boilerplate: str | None,
            assume_clean: bool) -> None:
    """Clean, then find attributions (who says what, cue, stance), entities and resolved dates.

    INPUT is as for `clean`. With --assume-clean the body is the input text exactly.
    """
    kwargs: dict[str, Any] = {"clean": {"assume_clean": assume_clean}}
    run_articles(ctx, inputs, ["clean", "analyze"], output, batch_size, n_process, progress, rejects, kwargs, engine,
                 ray_address, boilerplate, save_boilerplate)


def _link_inputs(ctx: click.Context, inputs: tuple[str, ...], batch_size: int | None, n_process: int | None,
                 progress: bool | None, rejects: str | None, engine: str | None = None,
                 ray_address: str | None = None) -> tuple[Any, Reporter, Any, Settings]:
    """Shared body of ``link`` and ``trace``: clean raw inputs (analyze records pass through), link."""
    from newstrace.link import Linker
    from newstrace.link.signature import compute_signature
    from newstrace.pipeline import build_pipeline

    settings = _settings(ctx, **{"run.batch_size": batch_size, "run.n_process": n_process, "run.engine": engine})
    if not inputs:
        raise click.UsageError("give at least one INPUT (a file, a directory or - for stdin)")
    reporter = Reporter(progress=progress, rejects_path=rejects)
    stage_kwargs: dict[str, Any] = {}
    profile = _learn_profile(inputs, settings)
    if profile is not None:
        stage_kwargs["clean"] = {"profile": profile}
    pipeline = build_pipeline(["clean"], settings, **stage_kwargs)
    linker = Linker(settings)
    try:
        if settings.run.engine == "ray":
            from newstrace.scale.ray import ray_pipe

            articles = ray_pipe(_stream_inputs(inputs, settings, reporter), ["clean"], settings,
                                address=ray_address, stage_kwargs=stage_kwargs, stats=pipeline.stats)
        else:
            articles = pipeline.pipe(_stream_inputs(inputs, settings, reporter), errors="record")
        # Phase one (signatures) streams; the article bodies are not kept.
        linker.add_signatures([compute_signature(a, settings.link) for a in articles], records=False)
    except NewstraceError as exc:
        reporter.close()
        raise click.ClickException(str(exc)) from None
    for error in pipeline.stats.errors:
        reporter.error(str(error))
    return linker, reporter, pipeline, settings


@cli.command()
@click.argument("inputs", nargs=-1)
@_common_run_options
@click.option("--claims", "claims_path", type=click.Path(dir_okay=False, allow_dash=True), default=None, help="Also write one JSONL line per claim to this file.")
@click.option("--stories", "stories_path", type=click.Path(dir_okay=False, allow_dash=True), default=None, help="Also write one JSONL line per story to this file.")
@click.pass_context
def link(ctx: click.Context, inputs: tuple[str, ...], output: str, batch_size: int | None, n_process: int | None,
         progress: bool | None, rejects: str | None, engine: str | None, ray_address: str | None,
         claims_path: str | None, stories_path: str | None) -> None:
    """Per article: story_id, duplicate_of (earliest near-copy) and origin (original, wire_copy,
    rewrite, press_release; with its source outlet and article).

    INPUT is as for `clean`, or `analyze` output (its attributions are reused). One output line
    per readable input article, in input order; skipped articles get a singleton story_id.
    """
    check_outputs_apart_from_inputs({"'-o' / '--output'": output, "'--rejects'": rejects,
                                     "'--claims'": claims_path, "'--stories'": stories_path}, inputs)
    linker, reporter, pipeline, _ = _link_inputs(ctx, inputs, batch_size, n_process, progress, rejects, engine, ray_address)
    with open_output(output) as out:
        for record in linker.link_records():
            write_jsonl(out, record.to_dict())
            reporter.tick(record.skipped)
    if claims_path:
        with open_output(claims_path) as out:
            for claim in linker.claims():
                write_jsonl(out, claim.to_dict())
    if stories_path:
        with open_output(stories_path) as out:
            for story in linker.stories():
                write_jsonl(out, story.to_dict())
    reporter.close(pipeline.stats.summary())
    ctx.exit(EXIT_REJECTED if reporter.rejected or pipeline.stats.errors else EXIT_OK)


@cli.command()
@click.argument("id")
@click.argument("inputs", nargs=-1)
@click.option("--db", default=None, metavar="URL", help="Read from this store instead of INPUT (default when no INPUT is given: sqlite:///newstrace.db).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", help="A readable tree (default) or JSON.")
@click.option("--rejects", type=click.Path(dir_okay=False), help="Also write rejected input (with the reason) to this JSONL file.")
@click.pass_context
def trace(ctx: click.Context, id: str, inputs: tuple[str, ...], db: str | None, fmt: str, rejects: str | None) -> None:
    """Provenance chain of an article's story, a story or a claim: the first report, re-reports and
    whom they cite, denials, confirmations and refusals, wire copies grouped as one source.

    ID is an article id, a story id (s-...) or a claim id (c-...) as `link` prints them. With INPUT
    the inputs are linked on the fly; without INPUT (or with --db) the store is read.
    """
    if inputs and db:
        raise click.UsageError("give INPUT files or --db, not both")
    if not inputs:
        _trace_from_db(ctx, id, db, fmt)
        return
    linker, reporter, pipeline, _ = _link_inputs(ctx, inputs, None, None, False, rejects)
    result = linker.trace(id)
    reporter.close(pipeline.stats.summary())
    if result is None:
        sys.stderr.write(f"newstrace: no article, story or claim with id {id!r} in the input\n")
        ctx.exit(EXIT_USAGE)
    if fmt == "json":
        sys.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(result.to_text() + "\n")
    ctx.exit(EXIT_REJECTED if reporter.rejected or pipeline.stats.errors else EXIT_OK)


def _trace_from_db(ctx: click.Context, item_id: str, db: str | None, fmt: str) -> None:
    """``trace ID --db URL``: the linker's tree from the state the store keeps, else the store's chain."""
    from newstrace.store.linking import linker_from_store
    from newstrace.store.trace import NotFound, render_trace_text, trace_from_store

    settings = _settings(ctx, **{"store.db": db})
    store = _open_store(settings)
    try:
        linker = linker_from_store(store, settings)
        result = linker.trace(item_id) if linker is not None and hasattr(linker, "trace") else None
        if result is not None:
            text = json.dumps(result.to_dict(), ensure_ascii=False, indent=2) if fmt == "json" else result.to_text()
        else:
            try:
                chain = trace_from_store(store, item_id)
            except NotFound:
                sys.stderr.write(f"newstrace: no article, story or claim with id {item_id!r} in {settings.store.db}\n")
                ctx.exit(EXIT_USAGE)
            text = json.dumps(chain, ensure_ascii=False, indent=2) if fmt == "json" else render_trace_text(chain)
    finally:
        store.close()
    sys.stdout.write(text + "\n")


# --- store commands: ingest, stories, show, search, sources, export, serve ------------------------

DB_HELP = "Store URL (SQLAlchemy): sqlite:///path.db (default sqlite:///newstrace.db) or postgresql://user@host/db."
EXIT_NOT_FOUND = 1


def _db_option(func: Any) -> Any:
    return click.option("--db", default=None, metavar="URL", help=DB_HELP)(func)


def _format_option(choices: tuple[str, ...], default: str) -> Any:
    return click.option("--format", "fmt", type=click.Choice(choices), default=default, show_default=True,
                        help="Output format (json is machine-readable).")


def _open_store(settings: Settings, create: bool = False) -> Any:
    from newstrace.store import open_store

    try:
        return open_store(settings.store.db, create=create)
    except NewstraceError as exc:
        raise click.ClickException(str(exc)) from None


def _emit_json(obj: Any, output: str = "-") -> None:
    with open_output(output) as out:
        out.write(json.dumps(obj, ensure_ascii=False, indent=2))
        out.write("\n")


@cli.command()
@click.argument("inputs", nargs=-1)
@_db_option
@click.option("--batch-size", type=click.IntRange(1, 100_000), default=None, help="Articles per committed batch (default 256, setting store.commit_batch).")
@click.option("--progress/--no-progress", default=None, help="Progress bar on stderr (default: when stderr is a terminal).")
@click.option("--rejects", type=click.Path(dir_okay=False), help="Also write rejected input (with the reason) to this JSONL file.")
@_format_option(("text", "json"), "text")
@click.pass_context
def ingest(ctx: click.Context, inputs: tuple[str, ...], db: str | None, batch_size: int | None,
           progress: bool | None, rejects: str | None, fmt: str) -> None:
    """Run the whole pipeline (clean, analyze, link) over INPUT into the store.

    INPUT is as for `clean`. Idempotent (articles already stored, by id or content hash, are not
    processed again), resumable (each batch is committed with the linker state; re-run after an
    interruption to finish) and incremental (new articles join existing stories and claims).
    Progress and a summary go to stderr; with --format json the summary is printed on stdout.
    Exit 0, or 3 when some input was rejected or an article failed.
    """
    from newstrace.cliutil import ProgressBar
    from newstrace.store import ingest as run_ingest

    if not inputs:
        raise click.UsageError("give at least one INPUT (a file, a directory or - for stdin)")
    settings = _settings(ctx, **{"store.db": db, "run.batch_size": batch_size})
    store = _open_store(settings, create=True)
    reporter = Reporter(progress=False, rejects_path=rejects)
    bar = ProgressBar(progress)

    def show(p: Any, force: bool = False) -> None:
        extra = f"added {p.added}, unchanged {p.unchanged}, skipped {p.skipped}, rejected {p.rejected}, errors {p.errors}"
        bar.update(p.processed, p.total, p.elapsed, extra, force)

    def on_reject(error: InputError) -> None:
        bar.clear()
        reporter.reject(error.source, error.message)

    def on_error(error: Any) -> None:
        bar.clear()
        reporter.error(str(error))

    try:
        summary = run_ingest(list(inputs), store, settings, batch_size=batch_size, on_progress=show,
                             on_reject=on_reject, on_error=on_error)
    except KeyboardInterrupt:
        bar.clear()
        sys.stderr.write("newstrace: interrupted; committed batches are kept, run the same command again to finish\n")
        ctx.exit(130)
    except NewstraceError as exc:
        bar.clear()
        raise click.ClickException(str(exc)) from None
    finally:
        store.close()
        if reporter.rejects_file is not None:
            reporter.rejects_file.close()
    bar.clear()
    info = summary.to_dict()
    sys.stderr.write(
        f"newstrace: ingest into {settings.store.db}: {info['added']} added ({info['skipped']} skipped by policy), "
        f"{info['unchanged']} already stored, {info['rejected']} rejected, {info['errors']} failed, "
        f"{info['batches']} batches in {info['seconds']:.1f}s\n"
    )
    if fmt == "json":
        _emit_json(info)
    ctx.exit(EXIT_OK if summary.ok else EXIT_REJECTED)


@cli.command()
@_db_option
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True), default="-", help="Output file (default stdout).")
@click.option("--min-articles", type=click.IntRange(1), default=1, show_default=True, help="Only stories with at least this many articles.")
@click.option("--limit", type=click.IntRange(1), default=None, help="At most this many stories (largest first).")
@_format_option(("jsonl", "json", "text"), "jsonl")
@click.pass_context
def stories(ctx: click.Context, db: str | None, output: str, min_articles: int, limit: int | None, fmt: str) -> None:
    """Story clusters in the store: one JSON line per story (story_id, article_ids, first_published),
    largest first."""
    from newstrace.store import read
    from newstrace.store.text import stories_table

    settings = _settings(ctx, **{"store.db": db})
    store = _open_store(settings)
    found: list[dict[str, Any]] = []
    with store.connect() as conn:
        after = None
        while True:
            page, after = read.list_stories(conn, after, 1000, min_articles)
            found.extend(page)
            if after is None or (limit and len(found) >= limit):
                break
        found = found[:limit] if limit else found
        first_ids = [st["article_ids"][0] for st in found if st["article_ids"]]
        heads = read.article_summaries(conn, first_ids) if fmt == "text" else {}
    store.close()
    for story in found:
        story.pop("n_articles", None)
    if fmt == "json":
        _emit_json(found, output)
        return
    with open_output(output) as out:
        if fmt == "text":
            titles = {st["story_id"]: heads.get(st["article_ids"][0], {}).get("headline") for st in found if st["article_ids"]}
            out.write(stories_table(found, titles))
        else:
            for story in found:
                write_jsonl(out, story)


@cli.command()
@click.argument("item_id", metavar="ID")
@_db_option
@_format_option(("text", "json"), "text")
@click.pass_context
def show(ctx: click.Context, item_id: str, db: str | None, fmt: str) -> None:
    """Show one stored article (clean body, attributions, removed junk, links) by its id.

    A story or claim id shows that story or claim instead. Exit 1 when nothing has this id.
    """
    from newstrace.store import read
    from newstrace.store.text import article_text
    from newstrace.store.trace import NotFound, render_trace_text, trace_in

    settings = _settings(ctx, **{"store.db": db})
    store = _open_store(settings)
    with store.connect() as conn:
        article = read.get_article(conn, item_id)
        if article is not None:
            link = read.get_link(conn, item_id)
            claims = read.claims_of_article(conn, item_id)
            if fmt == "json":
                _emit_json({"article": article, "link": link, "claims": claims})
            else:
                click.echo(article_text(article, link, claims), nl=False)
            store.close()
            return
        try:
            found = trace_in(conn, item_id)
        except NotFound:
            store.close()
            click.echo(f"newstrace: no article, story or claim with id {item_id!r}", err=True)
            ctx.exit(EXIT_NOT_FOUND)
    store.close()
    if fmt == "json":
        _emit_json(found)
    else:
        click.echo(render_trace_text(found), nl=False)


@cli.command()
@click.argument("query")
@_db_option
@click.option("--limit", type=click.IntRange(1, 500), default=20, show_default=True)
@_format_option(("text", "json"), "text")
@click.pass_context
def search(ctx: click.Context, query: str, db: str | None, limit: int, fmt: str) -> None:
    """Full-text search of headlines and bodies: words, "exact phrases", OR, prefix*."""
    from newstrace.store.search import search as run_search
    from newstrace.store.text import search_text

    settings = _settings(ctx, **{"store.db": db})
    store = _open_store(settings)
    with store.connect() as conn:
        page = run_search(conn, query, 0, limit)
    store.close()
    if fmt == "json":
        _emit_json({"query": query, "total": page.total, "total_capped": page.total_capped, "hits": page.hits})
    else:
        click.echo(search_text(query, page.hits, page.total, page.total_capped), nl=False)


@cli.command()
@_db_option
@click.option("--outlet", default=None, help="Only this outlet's sources.")
@click.option("--kind", type=click.Choice(["person", "organization", "outlet", "official", "anonymous", "document", "unknown"]), default=None)
@click.option("--limit", type=click.IntRange(1, 10_000), default=30, show_default=True, help="Most cited sources to list.")
@_format_option(("text", "json"), "text")
@click.pass_context
def sources(ctx: click.Context, db: str | None, outlet: str | None, kind: str | None, limit: int, fmt: str) -> None:
    """Who is cited, how often, and each outlet's share of anonymous sources."""
    from newstrace.store import read
    from newstrace.store.text import sources_text

    settings = _settings(ctx, **{"store.db": db})
    store = _open_store(settings)
    with store.connect() as conn:
        outlets = read.outlet_stats(conn)
        if outlet is not None:
            outlets = [o for o in outlets if o["outlet"] == outlet]
        top = read.top_sources(conn, outlet, kind, limit)
        by_outlet = read.sources_by_outlet(conn, 5, [o["outlet"] for o in outlets])
    store.close()
    if fmt == "json":
        _emit_json({"outlets": [{**o, "top_sources": by_outlet.get(o["outlet"], [])} for o in outlets], "sources": top})
    else:
        click.echo(sources_text(outlets, top, by_outlet), nl=False)


@cli.command()
@click.argument("table", type=click.Choice(["articles", "attributions", "links", "stories", "claims", "sources", "graph"]))
@_db_option
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "parquet", "gexf", "graphml"]), default=None,
              help="jsonl (default), csv or parquet for tables; gexf (default) or graphml for the graph.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True), default="-", help="Output file (default stdout).")
@click.pass_context
def export(ctx: click.Context, table: str, db: str | None, fmt: str | None, output: str) -> None:
    """Export a table (JSONL, CSV, Parquet) or the who-cites-whom graph (GEXF, GraphML for Gephi).

    \b
    newstrace export articles --format parquet -o articles.parquet
    newstrace export attributions --format csv -o attributions.csv
    newstrace export graph --format gexf -o citations.gexf
    """
    from newstrace.store.export import GRAPH_FORMATS, TABLE_FORMATS, export_graph, export_table

    fmt = fmt or ("gexf" if table == "graph" else "jsonl")
    if table == "graph" and fmt not in GRAPH_FORMATS:
        raise click.UsageError(f"the graph exports as {' or '.join(GRAPH_FORMATS)}, not {fmt}")
    if table != "graph" and fmt not in TABLE_FORMATS:
        raise click.UsageError(f"tables export as {', '.join(TABLE_FORMATS)}, not {fmt}")
    settings = _settings(ctx, **{"store.db": db})
    store = _open_store(settings)
    try:
        if fmt == "parquet":
            if output == "-":
                count = export_table(store, table, fmt, sys.stdout.buffer)
            else:
                with open(output, "wb") as handle:
                    count = export_table(store, table, fmt, handle)
            what = f"{count} {table} rows"
        else:
            with open_output(output) as out:
                if table == "graph":
                    n_nodes, n_edges = export_graph(store, fmt, out)
                    what = f"{n_nodes} nodes, {n_edges} edges"
                else:
                    what = f"{export_table(store, table, fmt, out)} {table} rows"
    finally:
        store.close()
    click.echo(f"newstrace: exported {what} as {fmt}", err=True)


@cli.command()
@_db_option
@click.option("--host", default=None, help="Interface to listen on (default 127.0.0.1).")
@click.option("--port", type=click.IntRange(0, 65535), default=None, help="Port (default 8000).")
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True, help="Server processes.")
@click.option("--access-log/--no-access-log", default=True, show_default=True, help="Log every request on stderr.")
@click.pass_context
def serve(ctx: click.Context, db: str | None, host: str | None, port: int | None, workers: int, access_log: bool) -> None:
    """Serve the HTTP API (/api/..., OpenAPI at /openapi.json) and the web UI.

    The store is created and migrated on first start. Reads are open; writes (POST /api/articles)
    need `Authorization: Bearer TOKEN` with the token from NEWSTRACE_API_TOKEN or web.api_token.
    """
    from newstrace.web.server import run_server

    settings = _settings(ctx, **{"store.db": db, "web.host": host, "web.port": port})
    try:
        run_server(settings, workers=workers, access_log=access_log)
    except NewstraceError as exc:
        raise click.ClickException(str(exc)) from None


def main(argv: list[str] | None = None) -> None:
    """Console entry point."""
    try:
        cli.main(args=argv, prog_name="newstrace", standalone_mode=True)
    except BrokenPipeError:  # `newstrace clean ... | head`: stop quietly
        sys.stderr.close()
        sys.exit(EXIT_OK)
