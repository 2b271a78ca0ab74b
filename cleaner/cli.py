"""The command line: a thin click layer over the library. Glue only."""

from __future__ import annotations

import collections
import contextlib
import json
import sqlite3
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import click

from cleaner import __version__, formats, gate, html_report, pipeline, report, writer
from cleaner.config import Config, ConfigError, find_config, load_config
from cleaner.engine import default_workers
from cleaner.explain import as_json, as_text, explain_pair
from cleaner.reader import NoArticlesError, discover, require_articles
from cleaner.stages.dedup import IndexMismatchError

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
            help="TOML settings file (or a pyproject.toml with [tool.cleaner]). Default: ./cleaner.toml, "
            "else ./pyproject.toml if it has a [tool.cleaner] table.",
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


def html_option(command: Callable[..., Any]) -> Callable[..., Any]:
    """--html FILE on clean and check: the run as one self-contained HTML page."""
    return click.option(
        "--html",
        "html_path",
        type=click.Path(dir_okay=False, path_type=Path),
        help="Also write the run as one self-contained HTML page (charts, worst articles, every line).",
    )(command)


@contextlib.contextmanager
def _writing(what: str, path: Path) -> Iterator[None]:
    """An output that cannot be written (a file in the way, a read-only or full disk) is a
    message naming it, not a traceback."""
    try:
        yield
    except (OSError, sqlite3.Error) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        raise UsageProblem(f"cannot write {what} {path}: {reason}") from None


def _config(config_path: Path | None, overrides: tuple[str, ...]) -> Config:
    try:
        return load_config(config_path or find_config(Path.cwd()), overrides)
    except ConfigError as error:
        raise UsageProblem(str(error)) from None


def _run(
    src: Path, config: Config, workers: int | None, quiet: bool, index: Path | None = None
) -> tuple[pipeline.RunResult, float]:
    """Run the pipeline with a progress bar on a terminal; return the result and the seconds taken."""
    started = time.perf_counter()
    files, skipped, unlisted = discover(src, config.input)
    try:
        require_articles(src, len(files) + len(unlisted), len(skipped), config.input)
    except NoArticlesError as error:
        raise UsageProblem(str(error)) from None
    workers = workers or default_workers()
    items = pipeline.work_items(src, files)  # a big JSON Lines file is several: the bar moves within it
    show_progress = not quiet and sys.stderr.isatty() and len(items) > 1
    with click.progressbar(length=len(items), label="cleaning", file=sys.stderr) if show_progress else _NoBar() as bar:
        try:
            result = pipeline.run(src, config, workers, on_item_done=lambda: bar.update(1), items=items, index=index)
        except (IndexMismatchError, sqlite3.Error) as error:
            raise UsageProblem(f"duplicate index {index}: {error}") from None
    result.skipped = skipped
    result.failures[:0] = unlisted
    return result, time.perf_counter() - started


class _NoBar:
    def __enter__(self) -> _NoBar:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def update(self, steps: int) -> None:
        return None


def _finish(result: pipeline.RunResult, config: Config, seconds: float, quiet: bool, full_report: Path | None) -> None:
    if result.failures or not quiet:
        click.echo(report.summary(result, config, seconds, str(full_report) if full_report else None), err=True)

index_option = click.option(
    "--index",
    "index_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Duplicates index (SQLite): articles repeating one of an earlier drop are marked seen_before.",
)


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
    Exit codes: 0 success, 1 check found a policy error (warnings alone pass), 2 usage error,
    123 some inputs failed (the rest were processed).
    """


@main.command(context_settings=CONTEXT)
@click.argument("src", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("-o", "--output", "dst", required=True, type=click.Path(path_type=Path), help="Folder to write (DST).")
@click.option(
    "--keep-duplicates", is_flag=True, help="Also write exact and near-duplicate copies (default: listed, not written)."
)
@index_option
@html_option
@common_options
def clean(
    src: Path,
    dst: Path,
    keep_duplicates: bool,
    index_path: Path | None,
    html_path: Path | None,
    config_path: Path | None,
    overrides: tuple[str, ...],
    workers: int | None,
    quiet: bool,
) -> None:
    """Clean every article under SRC into DST, with manifest.jsonl and report.json.

    DST mirrors SRC: one cleaned .txt per article (.jsonl in, .jsonl out). SRC is never
    modified; DST is replaced as a whole only when the run succeeds.

    With --index, the drop is checked against every article recorded before and then added to
    the index (after DST is written; a failed run leaves the index as it was).

    \b
    Example:
      cleaner clean raw/ -o clean/ --workers 2
      cleaner clean drop-0042/ -o clean-0042/ --index seen.sqlite
    """
    config = _config(config_path, overrides + (("output.keep_duplicates=true",) if keep_duplicates else ()))
    try:
        writer.check_destination(src, dst)
        if index_path is not None:
            writer.check_index(src, dst, index_path)
    except writer.OutputError as error:
        raise UsageProblem(str(error)) from None
    _check_files([("file", html_path)], dst)
    result, seconds = _run(src, config, workers, quiet, index_path)
    with _writing("output folder", dst):
        writer.write(dst, result, config)
    if index_path is not None:
        with _writing("duplicate index", index_path):
            pipeline.record_drop(result, index_path, config, src.resolve().name)
    if html_path is not None:
        _write_file(html_path, html_report.from_run(result, config, gate.evaluate(result, config, src)))
    _finish(result, config, seconds, quiet, dst / writer.REPORT)
    sys.exit(report.exit_code(result))


@main.command(context_settings=CONTEXT)
@click.argument("src", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--report", "report_path", type=click.Path(dir_okay=False, path_type=Path), help="Write the JSON run report here.")
# --- check gate options (policy in cleaner/policy.py, formats in cleaner/formats/), then `report` ---
@click.option(
    "--format",
    "format_specs",
    multiple=True,
    metavar="NAME[=FILE]",
    help=f"Output format: {', '.join(formats.FORMATS)} (default text), to stdout or to FILE; repeatable, "
    "e.g. --format github --format junit=cleaner.xml.",
)
@click.option(
    "--baseline",
    "baseline_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="A previous --format json result: violations already in it are reported but never fail.",
)
@click.option("--write-baseline", is_flag=True, help="Save the current violations as the --baseline file (then pass).")
@index_option
@html_option
@common_options
def check(
    src: Path,
    report_path: Path | None,
    format_specs: tuple[str, ...],
    baseline_path: Path | None,
    write_baseline: bool,
    index_path: Path | None,
    html_path: Path | None,
    config_path: Path | None,
    overrides: tuple[str, ...],
    workers: int | None,
    quiet: bool,
) -> None:
    """Run the pipeline over SRC as a CI gate: report policy violations, exit by policy.

    The policy is the [check] section of the config. Exit 0 when no error (warnings allowed),
    1 on at least one error not in the baseline, 2 on a usage error, 123 when inputs failed
    (whatever the policy found).

    \b
    Example:
      cleaner check incoming/ --format github --format junit=cleaner-junit.xml
      cleaner check incoming/ --baseline cleaner-baseline.json --write-baseline
      cleaner check incoming/ --index seen.sqlite --set check.seen_before=error   # fail a drop that repeats old articles
    """
    config = _config(config_path, overrides)
    targets = _format_targets(format_specs)
    if write_baseline and baseline_path is None:
        raise UsageProblem("--write-baseline needs --baseline FILE to say where to write it")
    known = None
    if baseline_path is not None and not write_baseline:
        try:
            known = gate.load_baseline(baseline_path)
        except gate.BaselineError as error:
            raise UsageProblem(str(error)) from None
    if index_path is not None and not index_path.is_file():
        raise UsageProblem(f"duplicate index {index_path} does not exist; `cleaner clean --index` creates it")
    _check_files([("file", report_path), ("file", html_path), ("baseline", baseline_path if write_baseline else None)]
                 + [("file", path) for _, path in targets])
    result, seconds = _run(src, config, workers, quiet, index_path)
    if report_path is not None:
        _write_file(report_path, json.dumps(report.build(result, config), ensure_ascii=False, indent=2) + "\n")
    outcome = gate.evaluate(result, config, src)
    if write_baseline and baseline_path is not None:
        with _writing("baseline", baseline_path):
            gate.write_json(baseline_path, gate.to_json(outcome))
        known = collections.Counter(v.fingerprint for v in outcome.violations)
        if not quiet:
            click.echo(f"wrote {report.plural(len(outcome.violations), 'violation')} to the baseline {baseline_path}", err=True)
    if known is not None:
        outcome = gate.apply_baseline(outcome, known)
    for name, path in targets:
        rendered = formats.render(name, outcome, quiet)
        if path is None:
            click.echo(rendered, nl=False)
        else:
            _write_file(path, rendered)
    if html_path is not None:
        _write_file(html_path, html_report.from_run(result, config, outcome))
    _finish(result, config, seconds, quiet, report_path)
    sys.exit(outcome.exit_code)


def _check_files(files: list[tuple[str, Path | None]], dst: Path | None = None) -> None:
    """Refuse before the run the files it could not write at its end (``None``: not asked for)."""
    try:
        for what, path in files:
            if path is not None:
                writer.check_file(what, path, dst)
    except writer.OutputError as error:
        raise UsageProblem(str(error)) from None


def _format_targets(specs: tuple[str, ...]) -> list[tuple[str, Path | None]]:
    """Parse NAME[=FILE] values of --format; at most one may go to stdout."""
    targets: list[tuple[str, Path | None]] = []
    for spec in specs or ("text",):
        name, sep, file = spec.partition("=")
        if name not in formats.FORMATS:
            raise UsageProblem(f"--format {spec!r}: unknown format {name!r}; choose from {', '.join(formats.FORMATS)}")
        if sep and not file:
            raise UsageProblem(f"--format {spec!r}: give a file after '=' or leave '=' out for stdout")
        targets.append((name, Path(file) if sep else None))
    if sum(path is None for _, path in targets) > 1:
        raise UsageProblem("only one --format can go to stdout; give the others a file, e.g. --format junit=out.xml")
    return targets


@main.command("report", context_settings=CONTEXT)
@click.argument("dst", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option(
    "--src",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="The SRC the run read: every line is shown, removed ones struck through (else only lines with findings).",
)
@click.option(
    "-o", "--output", "html_path", default=Path("report.html"), show_default=True,
    type=click.Path(dir_okay=False, path_type=Path), help="HTML file to write.",
)
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors.")
def report_command(dst: Path, src: Path | None, html_path: Path, quiet: bool) -> None:
    """Write one self-contained HTML page about the run that wrote DST.

    \b
    Example:
      cleaner report clean/ --src raw/ -o clean-report.html
    """
    if not (dst / writer.MANIFEST).is_file() or not (dst / writer.REPORT).is_file():
        raise UsageProblem(f"{dst} holds no {writer.MANIFEST} and {writer.REPORT}: give a folder written by cleaner clean")
    try:
        page = html_report.from_output(dst, src)
    except html_report.NotAnOutput as error:
        raise UsageProblem(str(error)) from None
    _write_file(html_path, page)
    if not quiet:
        click.echo(f"wrote {html_path}", err=True)


def _write_file(path: Path, text: str) -> None:
    """Write a report file the user asked for, creating its folder."""
    with _writing("file", path):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
# --- end of check gate options and `report` ---


@main.command(context_settings=CONTEXT)
@click.argument("file", required=False, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--pair",
    nargs=2,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Compare two articles instead: similarity at both duplicate levels, what matched, which is kept.",
)
@click.option(
    "--context",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Run the whole folder FILE sits in (or under) so evidence across articles counts, as in a real run.",
)
@click.option("--json", "as_json_output", is_flag=True, help="Print JSON (one object per article) instead of text.")
@common_options
def explain(
    file: Path | None,
    pair: tuple[Path, Path] | None,
    context: Path | None,
    as_json_output: bool,
    config_path: Path | None,
    overrides: tuple[str, ...],
    workers: int | None,
    quiet: bool,
) -> None:
    """Show every line of the article(s) in FILE with its verdict and the reasons for it.

    \b
    Example:
      cleaner explain raw/002_bff23f48fe3657a5.txt
      cleaner explain raw/002_bff23f48fe3657a5.txt --json | jq '.lines[] | select(.verdict=="drop")'
      cleaner explain --pair raw/000_45b1623a569b7c72.txt raw/004_53272421b92e5f9f.txt
      cleaner explain raw/002_bff23f48fe3657a5.txt --context raw/
    """
    config = _config(config_path, overrides)
    if (file is None) == (not pair):
        raise UsageProblem("give either FILE or --pair A B")
    paths: list[Path] = list(pair) if pair else [file]  # type: ignore[list-item]
    if context is None:
        results = [pipeline.run(path.parent, config, 1, items=pipeline.work_items(path.parent, [path.name])) for path in paths]
        docs = [doc for result in results for doc in result.documents]
        failures = [failure for result in results for failure in result.failures]
    else:
        try:
            names = [path.resolve().relative_to(context.resolve()).as_posix() for path in paths]
        except ValueError:
            raise UsageProblem(f"--context {context}: the article must lie inside that folder") from None
        result = pipeline.run(context, config, workers or default_workers())
        docs = [doc for name in names for doc in result.documents if doc.source_path == name]
        failures = [failure for failure in result.failures if failure.path in names]
        if not docs and not failures:
            raise UsageProblem(f"{', '.join(names)} is not read as an article in {context} (hidden, or another suffix)")
    for failure in failures:
        click.echo(f"error: {failure.path}{':' + str(failure.line) if failure.line else ''}: {failure.reason}", err=True)
    if pair:
        if len(docs) != 2:
            raise UsageProblem("--pair needs two files holding one article each")
        # Read without --context, each file is an article of its own folder: "a/story" and "b/story"
        # are both "story", so they are named by their paths as given.
        ids = None if docs[0].id != docs[1].id else (str(pair[0].with_suffix("")), str(pair[1].with_suffix("")))
        comparison = explain_pair(docs[0], docs[1], config, ids)
        click.echo(json.dumps(comparison.to_dict(), ensure_ascii=False) if as_json_output else comparison.format())
    for doc in docs if not pair else []:
        if as_json_output:
            click.echo(json.dumps(as_json(doc, config), ensure_ascii=False))
        else:
            click.echo(as_text(doc, config))
    sys.exit(report.EXIT_INPUT_FAILED if failures else report.EXIT_OK)
