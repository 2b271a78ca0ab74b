"""The check policy: rules that turn one article's annotations into violations, by severity.

Rules read the typed fields and findings the stages left on a :class:`Document`, plus what the
selection kept; they never look at scores a stage did not record. A field that is still ``None``
(its stage did not run) means "not evaluated", and the rule passes.

This module knows nothing of runs, baselines or output formats (see :mod:`cleaner.gate`), so the
root config can import :class:`CheckConfig` without a cycle.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from cleaner.document import Document

SEVERITIES = ("error", "warn", "off")

RULES: dict[str, str] = {
    "language": "the article's language is not one of check.allowed_languages",
    "boilerplate": "more than check.max_boilerplate_share of the article's non-blank lines were removed as boilerplate",
    "garbled": "the garble stage marked the article garbled (corrupted names, spun text)",
    "seen_before": "the article duplicates one already in the persistent index (sent before)",
    "duplicate": "the article is an exact or near copy of another article of the same drop",
    "mojibake": "a kept line still looks like mojibake after repair",
    "empty": "nothing but the title is left after cleaning",
    "short": "the cleaned body has fewer than check.min_body_chars characters",
}


@dataclass(frozen=True)
class CheckConfig:
    """The policy of ``cleaner check``: one severity ("error", "warn" or "off") per rule.

    An error makes ``check`` exit 1; a warning is reported and the gate still passes.

    language: severity when the language is not in ``allowed_languages`` (default "error": text
        in a language the consumers do not handle is useless to them). The rule is inactive
        while ``allowed_languages`` is empty.
    allowed_languages: ISO 639-1 codes accepted, e.g. ["en", "de"] (default empty: any language;
        a tool cannot guess a corpus's languages). Add "und" to accept undetermined articles.
    boilerplate: severity when an article's boilerplate share is over ``max_boilerplate_share``
        (default "warn": a removed line is already gone from the output; a mostly-furniture
        article more likely means a broken scrape or an index page, worth a look, not a block).
    max_boilerplate_share: the largest share of non-blank lines removed as boilerplate (default
        0.5: in real articles furniture is a few lines around many paragraphs).
    garbled: severity for an article the garble stage marked garbled (default "error": a
        corrupted name is a factual error readers will take for the truth).
    seen_before: severity for a copy of an article already in the persistent index (default
        "warn": re-sent articles are common in feeds and the manifest already marks them, so the
        drop is usable; the warning tells the supplier's habit).
    duplicate: severity for an exact or near copy of another article of the same drop (default
        "off": syndicated reprints in one drop are normal and the manifest groups them).
    mojibake: severity for a kept line that still looks like mojibake (default "error": the
        repair failed and damaged text would go out as is).
    empty: severity for an article with no body left after cleaning (default "error": an empty
        article is a failed scrape or a cleaning mistake, never content).
    short: severity for a body shorter than ``min_body_chars`` (default "warn": briefs exist,
        but a very short body is often a teaser or a paywall stub).
    min_body_chars: characters of cleaned body text (title excluded, spaces at the line ends not
        counted) below which ``short`` fires (default 200: about two sentences).
    """

    language: str = "error"
    allowed_languages: tuple[str, ...] = ()
    boilerplate: str = "warn"
    max_boilerplate_share: float = 0.5
    garbled: str = "error"
    seen_before: str = "warn"
    duplicate: str = "off"
    mojibake: str = "error"
    empty: str = "error"
    short: str = "warn"
    min_body_chars: int = 200

    def __post_init__(self) -> None:
        for rule in RULES:
            value = getattr(self, rule)
            if value not in SEVERITIES:
                raise ValueError(f"check.{rule} must be one of {', '.join(SEVERITIES)}, not {value!r}")
        if not 0.0 <= self.max_boilerplate_share <= 1.0:
            raise ValueError(f"check.max_boilerplate_share must be between 0 and 1, not {self.max_boilerplate_share}")
        if self.min_body_chars < 0:
            raise ValueError(f"check.min_body_chars must be 0 or more, not {self.min_body_chars}")

    def severities(self) -> dict[str, str]:
        return {rule: getattr(self, rule) for rule in RULES}



@dataclass(frozen=True)
class Violation:
    """One rule broken by one article (``line`` is the raw line, or None for the whole article).

    ``fingerprint`` identifies the violation across runs: a hash of the article id, the rule and,
    for a line, the line's stripped text (not its number), so adding or removing other lines,
    other articles, changing thresholds or severities leaves it unchanged.
    """

    rule: str
    severity: str
    article: str
    path: str
    record_line: int | None
    line: int | None
    message: str
    fingerprint: str
    baselined: bool = False

    def sort_key(self) -> tuple[str, int, str, str]:
        return (self.article, self.line or 0, self.rule, self.fingerprint)


@dataclass(frozen=True)
class Selected:
    """What the selection kept of one article: the facts rules need besides the Document."""

    removed: frozenset[int]
    body: tuple[str, ...]


def fingerprint(article: str, rule: str, anchor: str) -> str:
    digest = hashlib.sha256(f"{article}\x00{rule}\x00{anchor}".encode("utf-8"))
    return digest.hexdigest()[:16]


def evaluate(doc: Document, selected: Selected, config: CheckConfig) -> list[Violation]:
    """Every violation of ``doc`` under ``config``, in line order; rules set to "off" are skipped."""
    found = []
    for rule, check in _CHECKS.items():
        severity = getattr(config, rule)
        if severity == "off":
            continue
        for line, message in check(doc, selected, config):
            anchor = doc.lines[line - 1].strip() if line is not None else ""
            found.append(
                Violation(
                    rule=rule,
                    severity=severity,
                    article=doc.id,
                    path=doc.source_path,
                    record_line=doc.record_line,
                    line=line,
                    message=message,
                    fingerprint=fingerprint(doc.id, rule, anchor),
                )
            )
    return sorted(found, key=Violation.sort_key)


Hit = tuple[int | None, str]


def _language(doc: Document, selected: Selected, config: CheckConfig) -> list[Hit]:
    if not config.allowed_languages or doc.language in config.allowed_languages:
        return []
    allowed = ", ".join(config.allowed_languages)
    return [(None, f"language {doc.language!r} is not allowed (allowed: {allowed})")]


def _boilerplate(doc: Document, selected: Selected, config: CheckConfig) -> list[Hit]:
    non_blank = sum(1 for line in doc.lines if line.strip())
    marked = {f.line for f in doc.findings_of("boilerplate") if f.line is not None}
    removed = len(marked & selected.removed)
    if not non_blank or removed / non_blank <= config.max_boilerplate_share:
        return []
    return [
        (None, f"{removed} of {non_blank} non-blank lines ({removed / non_blank:.0%}) removed as boilerplate, "
               f"more than check.max_boilerplate_share={config.max_boilerplate_share:g}")
    ]


def _garbled(doc: Document, selected: Selected, config: CheckConfig) -> list[Hit]:
    if doc.garbled is not True:
        return []
    names = [f.line for f in doc.findings_of("garble") if f.code == "corrupted_name" and f.line is not None]
    score = f"garble score {doc.garble_score:.2f}" if doc.garble_score is not None else "garbled"
    where = f"; corrupted names on lines {', '.join(map(str, sorted(set(names))))}" if names else ""
    return [(None, f"{score}{where}")]


def _duplicate_findings(codes: tuple[str, ...]) -> Callable[[Document, Selected, CheckConfig], list[Hit]]:
    def check(doc: Document, selected: Selected, config: CheckConfig) -> list[Hit]:
        hits = [f for f in doc.findings_of("duplicates") if f.code in codes]
        return [(None, f.detail) for f in hits[:1]]

    return check


def _mojibake(doc: Document, selected: Selected, config: CheckConfig) -> list[Hit]:
    lines = sorted(
        {f.line for f in doc.findings_of("encoding") if f.code == "unrepaired" and f.line is not None} - selected.removed
    )
    return [(line, f"still looks like mojibake after repair: {_excerpt(doc.lines[line - 1])}") for line in lines]


def _body_chars(selected: Selected) -> int:
    return sum(len(line.strip()) for line in selected.body)


def _empty(doc: Document, selected: Selected, config: CheckConfig) -> list[Hit]:
    return [] if _body_chars(selected) else [(None, "no body text is left after cleaning")]


def _short(doc: Document, selected: Selected, config: CheckConfig) -> list[Hit]:
    chars = _body_chars(selected)
    if chars == 0 or chars >= config.min_body_chars:  # an empty body is the "empty" rule's
        return []
    return [(None, f"body has {chars} characters, fewer than check.min_body_chars={config.min_body_chars}")]


def _excerpt(text: str, width: int = 60) -> str:
    text = text.strip()
    return repr(text if len(text) <= width else text[: width - 1] + "…")


_CHECKS: dict[str, Callable[[Document, Selected, CheckConfig], list[Hit]]] = {
    "language": _language,
    "boilerplate": _boilerplate,
    "garbled": _garbled,
    "seen_before": _duplicate_findings(("seen_before",)),
    "duplicate": _duplicate_findings(("exact_duplicate", "near_duplicate")),
    "mojibake": _mojibake,
    "empty": _empty,
    "short": _short,
}
