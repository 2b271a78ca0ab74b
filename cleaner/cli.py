"""The command line: a thin click layer over the library. Glue only."""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from cleaner import __version__, pipeline, report, writer
from cleaner.config import Config, ConfigError, load_config
from cleaner.engine import default_workers
from cleaner.explain import as_json, as_text
from cleaner.reader import discover

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class UsageProblem(click.ClickException):
    """A mistake in how the command was called (exit code 2, like click's own usage errors)."""

    exit_code = report.EXIT_USAGE


def common_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """--config, --set, --workers and --quiet, shared by every command."""
    options = [
        click.option(
            "--config",
            "config_path",
            type=click.Path(dir_okay=False, path_type=Path),
            help="TOML settings file (or a pyproject.toml with [tool.cleaner]).",
        ),
        click.option(
            "--set",
            "overrides",
            multiple=True,
            metavar="SECTION.KEY=VALUE",
            help="Override one setting, e.g. --set language.min_probability=0.8 (repeatable).",
        ),
        click.option(
            "--workers",
            type=click.IntRange(min=1),
            default=None,
            help="Worker processes (default: all cores). Output is identical for any count.",
        ),
        click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _config(config_path: Path | None, overrides: tuple[str, ...]) -> Config:
    try:
        return load_config(config_path, overrides)
    except ConfigError as error:
        raise UsageProblem(str(error)) from None


def _run(src: Path, config: Config, workers: int | None, quiet: bool) -> tuple[pipeline.RunResult, float]:
    """Run the pipeline with a progress bar on a terminal; return the result and the seconds taken."""
    started = time.perf_counter()
    files, skipped = discover(src, config.input)
    workers = workers or default_workers()
    show_progress = not quiet and sys.stderr.isatty() and len(files) > 1
    with click.progressbar(length=len(files), label="cleaning", file=sys.stderr) if show_progress else _NoBar() as bar:
        result = pipeline.run(src, config, workers, on_file_done=lambda: bar.update(1), files=files)
    result.skipped = skipped
    return result, time.perf_counter() - started


class _NoBar:
    def __enter__(self) -> _NoBar:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def update(self, steps: int) -> None:
        return None


def _finish(result: pipeline.RunResult, config: Config, seconds: float, quiet: bool) -> None:
    if result.failures or not quiet:
        click.echo(report.summary(result, config, seconds), err=True)


@click.group(context_settings=CONTEXT)
@click.version_option(__version__, "--version", prog_name="cleaner")
def main() -> None:
    """Clean folders of news articles: repair encoding, remove boilerplate lines, identify the
    language, flag garbled copies and group duplicates, with a record of every decision.

    \b
    Example:
      cleaner clean raw/ -o clean/
      cleaner explain raw/002_bff23f48fe3657a5.txt

    \b
    Exit codes: 0 success, 1 check found policy violations, 2 usage error,
    123 some inputs failed (the rest were processed).
    """


@main.command(context_settings=CONTEXT)
@click.argument("src", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("-o", "--output", "dst", required=True, type=click.Path(path_type=Path), help="Folder to write (DST).")
@common_options
def clean(
    src: Path, dst: Path, config_path: Path | None, overrides: tuple[str, ...], workers: int | None, quiet: bool
) -> None:
    """Clean every article under SRC into DST, with manifest.jsonl and report.json.

    DST mirrors SRC: one cleaned .txt per article (.jsonl in, .jsonl out). SRC is never
    modified; DST is replaced as a whole only when the run succeeds.

    \b
    Example:
      cleaner clean raw/ -o clean/ --workers 2
    """
    config = _config(config_path, overrides)
    try:
        writer.check_destination(src, dst)
    except writer.OutputError as error:
        raise UsageProblem(str(error)) from None
    result, seconds = _run(src, config, workers, quiet)
    writer.write(dst, result, config)
    _finish(result, config, seconds, quiet)
    sys.exit(report.exit_code(result))


@main.command(context_settings=CONTEXT)
@click.argument("src", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--report", "report_path", type=click.Path(dir_okay=False, path_type=Path), help="Write the JSON report here.")
@common_options
def check(
    src: Path, report_path: Path | None, config_path: Path | None, overrides: tuple[str, ...], workers: int | None, quiet: bool
) -> None:
    """Run the pipeline over SRC as a CI gate: write only a report, exit by policy.

    \b
    Example:
      cleaner check incoming/ --report check-report.json
    """
    config = _config(config_path, overrides)
    result, seconds = _run(src, config, workers, quiet)
    if report_path is not None:
        report_path.write_text(json.dumps(report.build(result, config), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    _finish(result, config, seconds, quiet)
    sys.exit(report.exit_code(result))


@main.command(context_settings=CONTEXT)
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json_output", is_flag=True, help="Print JSON (one object per article) instead of text.")
@common_options
def explain(
    file: Path, as_json_output: bool, config_path: Path | None, overrides: tuple[str, ...], workers: int | None, quiet: bool
) -> None:
    """Show every line of the article(s) in FILE with its verdict and the reasons for it.

    \b
    Example:
      cleaner explain raw/002_bff23f48fe3657a5.txt
      cleaner explain raw/002_bff23f48fe3657a5.txt --json | jq '.lines[] | select(.verdict=="drop")'
    """
    config = _config(config_path, overrides)
    result = pipeline.run(file.parent, config, 1, files=[file.name])
    for failure in result.failures:
        click.echo(f"error: {failure.path}{':' + str(failure.line) if failure.line else ''}: {failure.reason}", err=True)
    for doc in result.documents:
        if as_json_output:
            click.echo(json.dumps(as_json(doc, config), ensure_ascii=False))
        else:
            click.echo(as_text(doc, config))
    sys.exit(report.exit_code(result))
