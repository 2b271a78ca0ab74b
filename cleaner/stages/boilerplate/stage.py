"""The boilerplate stage: config, per-document and corpus adapters, and the writer's decision.

Order of calls: ``run(doc, config)`` for every document (parallel-safe), then once
``run_corpus(docs, config)`` over all documents of the run, then ``line_actions(doc, config)``
and ``clean_title(doc)`` in the writer.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field

from ...bounds import at_least, between
from ...document import Document, Finding
from .classify import classify_lines
from .codes import ACTIONS, CODES, DEFAULT_POLICY, STAGE
from .lexicon import LANGUAGES, load_lexicon
from .repetition import Article, repeated_lines
from .title import split_site_suffix


@dataclass(frozen=True)
class BoilerplateConfig:
    """Options of the boilerplate stage (TOML section ``[boilerplate]``).

    min_score: a line is boilerplate when its best finding scores at least this. 0.5 keeps
        the doubtful findings (subhead-like menu words, bio phrases deep in the body, weak
        phrase hits in long paragraphs: all scored below 0.5) as explanations only.
    policy: class -> "strip" | "keep" | "mark" for lines at or above min_score. Default: strip
        everything but editor_note ("mark": a correction changes how the text must be read).
        Credits are stripped by default; set "credit" to "keep" or "mark" to retain them.
    protect_title: line 1 of a text file is the title: never judged, its site suffix split
        off. Off for page dumps whose first line is not a headline (evaluation on web pages).
    languages: packaged phrase lexicons to load (cleaner/data/boilerplate_<lang>.toml). All
        six by default: phrases are specific enough not to collide across languages.
    extra_lexicons: paths of more lexicon files in the same TOML format.
    extra_phrases: phrase -> class, added to the lexicons. "^p" matches at the start of a
        line, "p$" at its end, "^p$" the whole line, otherwise anywhere.
    repeat_min_titles: a line recurring under at least this many distinct titles of one
        source is that source's boilerplate (3: two articles can share a quoted sentence).
    repeat_min_share: ... and under at least this share of the source's titles (0.3: a
        source's furniture is on most of its pages, a shared paragraph on few).
    repeat_score: score of a repetition finding (0.7: removed at the default min_score).
    """

    min_score: float = 0.5
    policy: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_POLICY))
    protect_title: bool = True
    languages: tuple[str, ...] = LANGUAGES
    extra_lexicons: tuple[str, ...] = ()
    extra_phrases: dict[str, str] = field(default_factory=dict)
    repeat_min_titles: int = 3
    repeat_min_share: float = 0.3
    repeat_score: float = 0.7

    def __post_init__(self) -> None:
        for code, action in self.policy.items():
            if code not in CODES:
                raise ValueError(f"boilerplate.policy: unknown class {code!r}; known: {', '.join(CODES)}")
            if action not in ACTIONS:
                raise ValueError(f"boilerplate.policy.{code}: {action!r} is not one of {ACTIONS}")
        unknown = set(self.languages) - set(LANGUAGES)
        if unknown:
            raise ValueError(f"boilerplate.languages: no lexicon for {sorted(unknown)}; have {LANGUAGES}")
        between("boilerplate", self, 0.0, 1.0, "min_score", "repeat_min_share", "repeat_score")
        at_least("boilerplate", self, 1, "repeat_min_titles")
        if self.extra_lexicons or self.extra_phrases:
            self.lexicon()  # a missing file or unknown class fails here, once, not in every article

    def action(self, code: str) -> str:
        return self.policy.get(code, DEFAULT_POLICY.get(code, "strip"))

    def lexicon(self):
        return load_lexicon(tuple(self.languages), tuple(self.extra_lexicons),
                            tuple(sorted(self.extra_phrases.items())))


def _title_text(doc: Document) -> str | None:
    if doc.title_field is not None:
        return doc.title_field
    return doc.lines[0] if doc.lines else None


def _protected_line(doc: Document, config: BoilerplateConfig) -> int | None:
    """Raw line number of the title line that must never be judged, if any."""
    return doc.title_line if config.protect_title else None


def run(doc: Document, config: BoilerplateConfig) -> None:
    """Record a finding for every suspected boilerplate line; set ``doc.site`` from the title."""
    lexicon = config.lexicon()
    title = doc.title_field
    if _protected_line(doc, config) is not None or title is not None:
        # The headline without the site's name is what a line echoing it repeats.
        title, doc.site = split_site_suffix(_title_text(doc) or "", lexicon.site_words)
    title_index = doc.title_line - 1 if doc.title_line is not None else None
    doc.findings.extend(classify_lines(doc.lines, lexicon, title_index=title_index,
                                       protect_title=config.protect_title, title_text=title))


def _skip_index(doc: Document, config: BoilerplateConfig) -> int | None:
    line = _protected_line(doc, config)
    return None if line is None else line - 1


def run_corpus(docs: list[Document], config: BoilerplateConfig) -> list[Document]:
    """Add ``repeated`` findings for lines recurring across articles of the same source, and
    return the documents that got any (in id order), whose later-stage inputs changed.

    Documents without a source are left out (their publisher is unknown). Deterministic:
    sources and documents are processed in sorted order, whatever order ``docs`` came in.
    """
    changed: list[Document] = []
    by_source: dict[str, list[Document]] = defaultdict(list)
    for doc in docs:
        if doc.source is not None:
            by_source[doc.source].append(doc)
    for source in sorted(by_source):
        group = sorted(by_source[source], key=lambda d: d.id)
        articles = [Article(d.id, _title_text(d) or "", d.lines, _skip_index(d, config)) for d in group]
        found = repeated_lines(articles, min_titles=config.repeat_min_titles, min_share=config.repeat_min_share)
        for doc in group:
            if doc.id in found:
                changed.append(doc)
            for rep in found.get(doc.id, []):
                share = rep.titles / rep.group
                doc.add(Finding(
                    STAGE, "repeated", rep.index + 1, config.repeat_score,
                    f"recurs in {rep.titles} of {rep.group} articles of source {source!r}",
                    {"rule": "repetition", "source": source, "titles": rep.titles,
                     "of": rep.group, "share": round(share, 4)},
                ))
    return sorted(changed, key=lambda d: d.id)


def line_actions(doc: Document, config: BoilerplateConfig, keep: Collection[str] = ()) -> dict[int, str]:
    """Raw line -> "strip" or "mark" for the writer; absent lines are kept as they are.

    A line's decision follows its best-scoring boilerplate finding when that scores at least
    ``min_score`` (ties: the earlier finding). The protected title line is never stripped.
    ``keep``: classes whose lines stay whatever the policy says (the duplicates stage keeps
    datelines).
    """
    best: dict[int, Finding] = {}
    for f in doc.findings:
        if f.stage != STAGE or f.line is None:
            continue
        held = best.get(f.line)
        if held is None or f.score > held.score:
            best[f.line] = f
    protected, min_score, action_of = _protected_line(doc, config), config.min_score, config.action
    actions: dict[int, str] = {}
    for line in sorted(best):
        f = best[line]
        if f.score < min_score or line == protected:
            continue
        action = "keep" if f.code in keep else action_of(f.code)
        if action != "keep":
            actions[line] = action
    return actions


def clean_title(doc: Document, config: BoilerplateConfig | None = None) -> str:
    """The title without its site suffix (the JSON Lines title field, else line 1)."""
    title = _title_text(doc) or ""
    words = (config or BoilerplateConfig()).lexicon().site_words
    return split_site_suffix(title, words)[0]
