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
) -> None:
    """Shared body of ``clean`` and ``analyze``: stream inputs through stages into JSONL."""
    from newstrace.pipeline import build_pipeline

    settings = _settings(ctx, **{"run.batch_size": batch_size, "run.n_process": n_process, "run.engine": engine})
    if not inputs:
        raise click.UsageError("give at least one INPUT (a file, a directory or - for stdin)")
    check_outputs_apart_from_inputs({"'-o' / '--output'": output, "'--rejects'": rejects}, inputs)
    reporter = Reporter(progress=progress, rejects_path=rejects)
    try:
        profile = None
        assume_clean = stage_kwargs.get("clean", {}).get("assume_clean", False)
        if "clean" in stages and settings.clean.learn_boilerplate and "-" not in inputs and not assume_clean:
            profile = _learn_profile(inputs, settings)
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
    """First pass over re-readable inputs: learn per-publisher boilerplate lines, if supported."""
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
@click.pass_context
def clean(ctx: click.Context, inputs: tuple[str, ...], output: str, batch_size: int | None,
          n_process: int | None, progress: bool | None, rejects: str | None, engine: str | None,
          ray_address: str | None) -> None:
    """Clean articles: body without markup and junk, every removal with its reason, metadata.

    INPUT is a file or directory: .jsonl, .jsonl.gz, .txt (one article), .html, .warc, .warc.gz,
    or - for JSONL on stdin. A JSONL line is an object with 'id' and 'text' (raw scraped text) or
    'html'; optional 'url', 'title', 'publisher', 'published_at'. One output line per readable
    article, in input order; unreadable input is reported on stderr (exit 3).
    """
    run_articles(ctx, inputs, ["clean"], output, batch_size, n_process, progress, rejects, {}, engine, ray_address)


@cli.command()
@click.argument("inputs", nargs=-1)
@_common_run_options
@click.option("--assume-clean", is_flag=True, help="Take each input 'text' verbatim as the body (no cleaning at all).")
@click.pass_context
def analyze(ctx: click.Context, inputs: tuple[str, ...], output: str, batch_size: int | None,
            n_process: int | None, progress: bool | None, rejects: str | None, engine: str | None,
            ray_address: str | None, assume_clean: bool) -> None:
    """Clean, then find attributions (who says what, cue, stance), entities and resolved dates.

    INPUT is as for `clean`. With --assume-clean the body is the input text exactly.
    """
    kwargs: dict[str, Any] = {"clean": {"assume_clean": assume_clean}}
    run_articles(ctx, inputs, ["clean", "analyze"], output, batch_size, n_process, progress, rejects, kwargs, engine, ray_address)


def main(argv: list[str] | None = None) -> None:
    """Console entry point."""
    try:
        cli.main(args=argv, prog_name="newstrace", standalone_mode=True)
    except BrokenPipeError:  # `newstrace clean ... | head`: stop quietly
        sys.stderr.close()
        sys.exit(EXIT_OK)
