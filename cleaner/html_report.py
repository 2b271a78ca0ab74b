"""One self-contained HTML page about a run: numbers, charts, worst articles, every line and why.

The page is built from manifest records (the documented account of a run) plus each article's
lines, so it can come from a run in memory (``--html`` on ``clean`` and ``check``, which also
shows the policy's verdicts) or from a written DST (``cleaner report DST``). DST holds only the
cleaned text, so removed lines can be shown struck through only when ``--src SRC`` gives the
input again; each article is re-read and used only if its SHA-256 still matches the manifest.
Everything (CSS, SVG charts, a little JavaScript) is inline: nothing is fetched at view time.
"""

from __future__ import annotations

import dataclasses
import html
import json
from collections import Counter, defaultdict
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from string import Template
from typing import Any

from cleaner import manifest, report, selection
from cleaner.config import Config, ConfigError, from_mapping
from cleaner.gate import Outcome
from cleaner.pipeline import RunResult
from cleaner.policy import Violation
from cleaner.reader import InputConfig, read_articles

WORST_SHOWN = 50
TOP_GROUPS = 15
# The manifest fields the page reads: a record without one was not written by this cleaner.
READ_FIELDS = ("id", "source_path", "record_line", "raw_sha256", "language", "lines_raw", "lines_removed",
               "encoding_repairs", "garble_score", "garbled", "exact_dup_of", "near_dup_group", "event_group",
               "findings")


class NotAnOutput(ValueError):
    """The folder given to ``cleaner report`` holds files of that name that cleaner did not write."""


@dataclass
class Article:
    """One article on the page: its manifest record, its lines (None when unknown), its violations."""

    record: dict[str, Any]
    lines: list[str] | None
    violations: list[Violation]

    @property
    def removed_share(self) -> float:
        return len(self.record["lines_removed"]) / self.record["lines_raw"] if self.record["lines_raw"] else 0.0

    def count(self, severity: str) -> int:
        return sum(v.severity == severity and not v.baselined for v in self.violations)

    def trouble(self) -> tuple[Any, ...]:
        """Sort key, worst first: policy errors, warnings, garbling, share removed, findings."""
        r = self.record
        return (
            -self.count("error"),
            -self.count("warn"),
            -(r["garbled"] is True),
            -(r["garble_score"] or 0.0),
            -self.removed_share,
            -len(r["findings"] or ()),
            r["id"],
        )


def from_run(result: RunResult, config: Config, outcome: Outcome | None = None) -> str:
    """The page of a run still in memory (with the policy verdicts of ``outcome`` when given)."""
    full = dataclasses.replace(config, output=dataclasses.replace(config.output, manifest_findings=True))
    by_article: dict[str, list[Violation]] = defaultdict(list)
    for violation in outcome.violations if outcome else ():
        by_article[violation.article].append(violation)
    articles = [
        Article(
            manifest.record(doc, full, doc.source_path, selection.clean_text(doc, full)),
            list(doc.lines),
            by_article.get(doc.id, []),
        )
        for doc in result.documents
    ]
    return render(articles, report.build(result, config), outcome, lines_note="")


def from_output(dst: Path, src: Path | None = None) -> str:
    """The page of a written DST; with ``src``, the input is re-read to show every line."""
    records, run_report = _read_output(dst)
    lines = _raw_lines(src, records, _input_config(run_report)) if src is not None else {}
    articles = [Article(r, lines.get(r["id"]), []) for r in records]
    if src is None:
        note = "Lines are shown only where a stage left a finding: give --src SRC to see every line."
    else:
        missing = sum(a.lines is None for a in articles)
        note = "Lines are shown as read from SRC, before encoding repair."
        if missing:
            note += f" {missing} article(s) changed in SRC since the run or are missing: their lines are not shown."
    return render(articles, run_report, None, lines_note=note)


def _read_output(dst: Path) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """The manifest records and run report of DST; raise ``NotAnOutput`` on anything else."""
    records = []
    lines = (dst / "manifest.jsonl").read_text(encoding="utf-8", errors="replace").splitlines()
    for number, line in enumerate(lines, start=1):
        if not line:
            continue
        record = _json_object(line)
        missing = [name for name in READ_FIELDS if name not in record]
        if record.get("schema") != manifest.SCHEMA_VERSION:
            problem = f"is no manifest record of schema {manifest.SCHEMA_VERSION}"
        elif missing:
            problem = f"lacks {', '.join(missing)}"
        else:
            records.append(record)
            continue
        raise NotAnOutput(f"{dst} was not written by cleaner: manifest.jsonl line {number} {problem}")
    run_report = _json_object((dst / "report.json").read_text(encoding="utf-8", errors="replace"))
    if run_report.get("schema") != report.SCHEMA_VERSION:
        raise NotAnOutput(f"{dst} was not written by cleaner: report.json is no run report of schema {report.SCHEMA_VERSION}")
    return records, run_report


def _json_object(text: str) -> dict[str, Any]:
    """``text`` read as a JSON object; anything else is an empty one."""
    try:
        value = json.loads(text)
    except (ValueError, RecursionError):
        return {}
    return value if isinstance(value, dict) else {}


def _input_config(run_report: dict[str, Any]) -> InputConfig:
    try:
        return from_mapping({"input": run_report.get("config", {}).get("input", {})}).input
    except ConfigError:
        return InputConfig()


def _raw_lines(src: Path, records: list[dict[str, Any]], input_config: InputConfig) -> dict[str, list[str]]:
    wanted = {r["id"]: r["raw_sha256"] for r in records}
    found: dict[str, list[str]] = {}
    for path in sorted({r["source_path"] for r in records}):
        if not (src / path).is_file():
            continue
        docs, _ = read_articles(src, path, input_config)
        for doc in docs:
            if wanted.get(doc.id) == doc.raw_sha256:
                found[doc.id] = doc.lines
    return found


def render(articles: list[Article], run_report: dict[str, Any], outcome: Outcome | None, lines_note: str) -> str:
    """The whole page."""
    ordered = sorted(articles, key=Article.trouble)
    anchors = {a.record["id"]: f"a{index}" for index, a in enumerate(ordered)}
    body = [
        f"<h1>cleaner report <span class=\"muted\">{_e(str(len(articles)))} articles</span></h1>",
        f"<p class=\"muted\">cleaner {_e(run_report.get('versions', {}).get('cleaner', '?'))}; "
        "self-contained page, nothing is loaded from the network.</p>",
        "<h2>At a glance</h2>",
        _tiles(articles, run_report, outcome),
        "<h2>Charts</h2>",
        _charts(articles, run_report),
        "<h2>Worst articles</h2>",
        _worst(ordered[:WORST_SHOWN], anchors),
        "<h2>Articles</h2>",
        f"<p class=\"muted\">{_e(lines_note)}</p>" if lines_note else "",
        "<p><input id=\"filter\" type=\"search\" placeholder=\"filter by article id\" aria-label=\"filter by article id\">"
        "<button id=\"expand\" type=\"button\">expand / collapse all</button> <span id=\"js-status\"></span></p>",
        *(_article(a, anchors[a.record["id"]]) for a in ordered),
        _failures(run_report),
    ]
    template = Template(resources.files("cleaner").joinpath("data/report.html").read_text(encoding="utf-8"))
    return template.substitute(title=f"cleaner report: {len(articles)} articles", body="\n".join(body))


def _tiles(articles: list[Article], run_report: dict[str, Any], outcome: Outcome | None) -> str:
    counts = run_report.get("counts", {})
    records = [a.record for a in articles]
    lines_raw = sum(r["lines_raw"] for r in records)
    lines_removed = sum(len(r["lines_removed"]) for r in records)
    tiles: list[tuple[str, str, Any, str]] = [
        ("articles", "articles", len(records), ""),
        ("files", "input files", counts.get("files", "?"), ""),
        ("failed", "inputs failed", counts.get("failed", 0), "bad" if counts.get("failed") else ""),
        ("skipped", "files skipped", counts.get("skipped", 0), ""),
        ("lines_raw", "raw lines", lines_raw, ""),
        ("lines_removed", f"lines removed ({lines_removed / lines_raw:.1%})" if lines_raw else "lines removed", lines_removed, ""),
        ("encoding_repairs", "lines repaired", sum(len(r["encoding_repairs"]) for r in records), ""),
        ("garbled", "garbled articles", sum(r["garbled"] is True for r in records), ""),
        ("exact_duplicates", "exact copies", sum(r["exact_dup_of"] is not None for r in records), ""),
        ("near_dup_groups", "near-duplicate groups", len({r["near_dup_group"] for r in records} - {None}), ""),
        ("event_groups", "event groups", len({r["event_group"] for r in records} - {None}), ""),
    ]
    if outcome is not None:
        s = outcome.summary()
        tiles += [
            ("errors", "policy errors", s["errors"], "bad" if s["errors"] else ""),
            ("warnings", "policy warnings", s["warnings"], "warn" if s["warnings"] else ""),
            ("baselined", "baselined", s["baselined"], ""),
        ]
    cells = [
        f"<div class=\"tile {cls}\"><span class=\"value\" data-count=\"{key}\">{_e(str(value))}</span>{_e(label)}</div>"
        for key, label, value, cls in tiles
    ]
    verdict = ""
    if outcome is not None:
        passed = outcome.exit_code == 0
        verdict = (
            f"<p>check verdict: <span class=\"verdict {'pass' if passed else 'fail'}\" data-count=\"verdict\">"
            f"{'PASS' if passed else 'FAIL'}</span> (exit code {outcome.exit_code})</p>"
        )
    return verdict + "<div class=\"tiles\">" + "".join(cells) + "</div>"


def _charts(articles: list[Article], run_report: dict[str, Any]) -> str:
    records = [a.record for a in articles]
    classes: Counter[str] = Counter()
    for r in records:
        removed = set(r["lines_removed"])
        seen: set[int] = set()
        for f in r["findings"] or ():
            if f["stage"] == "boilerplate" and f["line"] in removed and f["line"] not in seen:
                seen.add(f["line"])
                classes[f["code"]] += 1
    languages = Counter(r["language"] for r in records)
    bins = Counter(min(int(r["garble_score"] * 10), 9) for r in records if r["garble_score"] is not None)
    garble = [(f"{b / 10:.1f}–{(b + 1) / 10:.1f}", bins[b]) for b in range(10)] if bins else []
    charts = [
        ("Lines removed per boilerplate class", _ranked(classes)),
        ("Languages", _ranked(languages)),
        ("Garble scores (articles per score band)", garble),
        (f"Largest near-duplicate groups (top {TOP_GROUPS})", _groups(records, "near_dup_group")),
        (f"Largest event groups (top {TOP_GROUPS})", _groups(records, "event_group")),
    ]
    return "<div class=\"charts\">" + "".join(_bar_chart(title, items) for title, items in charts) + "</div>"


def _ranked(counter: Counter[str]) -> list[tuple[str, int]]:
    return sorted(counter.items(), key=lambda item: (-item[1], item[0]))


def _groups(records: list[dict[str, Any]], key: str) -> list[tuple[str, int]]:
    return _ranked(Counter(r[key] for r in records if r[key] is not None))[:TOP_GROUPS]


def _bar_chart(title: str, items: list[tuple[str, int]]) -> str:
    """A horizontal bar chart as inline SVG; an empty chart says the stage did not report."""
    if not items:
        return f"<div class=\"chart\"><h3>{_e(title)}</h3><p class=\"empty\">nothing to show: not evaluated or none found</p></div>"
    row, label_width, bar_width = 22, 170, 260
    top = max(value for _, value in items) or 1
    parts = []
    for index, (label, value) in enumerate(items):
        y = index * row
        width = max(1, round(bar_width * value / top)) if value else 0
        shown = label if len(label) <= 26 else label[:25] + "…"
        parts.append(
            f"<g><title>{_e(label)}: {value}</title>"
            f"<text x=\"{label_width - 6}\" y=\"{y + 15}\" text-anchor=\"end\">{_e(shown)}</text>"
            f"<rect x=\"{label_width}\" y=\"{y + 4}\" width=\"{width}\" height=\"14\" rx=\"2\"></rect>"
            f"<text x=\"{label_width + width + 6}\" y=\"{y + 15}\">{value}</text></g>"
        )
    height = row * len(items) + 4
    return (
        f"<div class=\"chart\"><h3>{_e(title)}</h3>"
        f"<svg viewBox=\"0 0 {label_width + bar_width + 60} {height}\" role=\"img\" aria-label=\"{_e(title)}\">"
        + "".join(parts)
        + "</svg></div>"
    )


def _worst(ordered: list[Article], anchors: dict[str, str]) -> str:
    head = (
        "<tr><th>article</th><th class=\"num\">errors</th><th class=\"num\">warnings</th>"
        "<th class=\"num\">removed</th><th class=\"num\">garble</th><th>language</th><th class=\"num\">findings</th></tr>"
    )
    rows = []
    for a in ordered:
        r = a.record
        garble = f"{r['garble_score']:.2f}" if r["garble_score"] is not None else "–"
        rows.append(
            f"<tr><td><a href=\"#{anchors[r['id']]}\">{_e(r['id'])}</a></td>"
            f"<td class=\"num\">{a.count('error')}</td><td class=\"num\">{a.count('warn')}</td>"
            f"<td class=\"num\">{len(r['lines_removed'])}/{r['lines_raw']}</td><td class=\"num\">{garble}</td>"
            f"<td>{_e(r['language'])}</td><td class=\"num\">{len(r['findings'] or ())}</td></tr>"
        )
    return f"<table id=\"worst\">{head}{''.join(rows)}</table>"


def _article(a: Article, anchor: str) -> str:
    r = a.record
    removed = set(r["lines_removed"])
    reasons: dict[int | None, list[str]] = defaultdict(list)
    for f in r["findings"] or ():
        reasons[f["line"]].append(f"<span class=\"finding\">{_e(f['stage'])}/{_e(f['code'])}: {_e(f['detail'])}</span>")
    for v in a.violations:
        state = " (baselined)" if v.baselined else ""
        reasons[v.line].append(f"<span class=\"violation {v.severity}\">{v.severity}{state} {_e(v.rule)}: {_e(v.message)}</span>")
    badges = "".join(
        f"<span class=\"badge {cls}\">{_e(text)}</span>"
        for cls, text in (
            ("error", _plural(a.count("error"), "error")),
            ("warn", _plural(a.count("warn"), "warning")),
            ("", f"{len(removed)} removed" if removed else ""),
            ("", r["language"]),
            ("error", "garbled" if r["garbled"] else ""),
        )
        if text
    )
    facts = [f"source <code>{_e(r['source_path'])}</code>" + (f" line {r['record_line']}" if r["record_line"] else "")]
    for key in ("duplicate_of", "exact_dup_of", "near_dup_group", "event_group"):
        if r[key] is not None:
            facts.append(f"{key.replace('_', ' ')} <code>{_e(str(r[key]))}</code>")
    whole = "".join(f"<li>{item}</li>" for item in reasons.get(None, []))
    numbers = range(1, r["lines_raw"] + 1) if a.lines is not None else sorted(k for k in reasons if k is not None)
    rows = []
    for number in numbers:
        text = _e(a.lines[number - 1]) if a.lines is not None and number <= len(a.lines) else "<span class=\"empty\">(text not available)</span>"
        if number in removed:
            text = f"<del>{text}</del>"
        why = "<br>".join(reasons.get(number, []))
        rows.append(f"<tr class=\"{'removed' if number in removed else 'kept'}\"><td class=\"n\">{number}</td><td class=\"t\">{text}</td><td class=\"r\">{why}</td></tr>")
    return (
        f"<details class=\"article\" id=\"{anchor}\" data-id=\"{_e(r['id'])}\"><summary>{_e(r['id'])}{badges}</summary><div>"
        f"<p class=\"muted\">{'; '.join(facts)}</p>"
        + (f"<ul>{whole}</ul>" if whole else "")
        + (f"<table class=\"lines\">{''.join(rows)}</table>" if rows else "<p class=\"empty\">no line has a finding</p>")
        + "</div></details>"
    )


def _failures(run_report: dict[str, Any]) -> str:
    items = [("failed", f) for f in run_report.get("failures", [])] + [("skipped", f) for f in run_report.get("skipped", [])]
    if not items:
        return ""
    rows = "".join(
        f"<tr><td>{kind}</td><td><code>{_e(f['path'])}</code>{':' + str(f['line']) if f.get('line') else ''}</td><td>{_e(f['reason'])}</td></tr>"
        for kind, f in items
    )
    return f"<h2>Inputs failed or skipped</h2><table id=\"failures\"><tr><th></th><th>input</th><th>reason</th></tr>{rows}</table>"


def _plural(count: int, word: str) -> str:
    """'' for zero, else '1 error' / '2 errors'."""
    return report.plural(count, word) if count else ""


def _e(text: str) -> str:
    return html.escape(text, quote=True)
