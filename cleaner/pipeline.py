"""The pipeline: per-document stages in parallel, then corpus stages on the driver.

Each stage annotates the Documents; none drops anything. What goes out is decided afterwards by
:mod:`cleaner.selection` and written by :mod:`cleaner.writer`, so ``clean``, ``check`` and
``explain`` are one pipeline with different sinks.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from cleaner import selection
from cleaner.config import Config
from cleaner.document import Document
from cleaner.engine import ordered_map
from cleaner.reader import Failure, Part, bom_removed, discover, parts, read_articles, split_lines
from cleaner.stages import boilerplate, dedup, encoding, garble, language


@dataclass
class RunResult:
    """Everything one run produced: annotated documents in id order, and what failed or was skipped."""

    documents: list[Document]
    failures: list[Failure] = field(default_factory=list)
    skipped: list[Failure] = field(default_factory=list)
    files: int = 0


def process_document(doc: Document, config: Config) -> None:
    """Run the per-document stages, in order, on one document."""
    encoding.run(doc, config.encoding)
    boilerplate.run(doc, config.boilerplate)
    language.run(doc, config.language, skip_lines=selection.removed_lines(doc, config))
    garble.run(doc, config.garble)
    doc.dedup_signature = document_signature(doc, config)


def document_signature(doc: Document, config: Config) -> dedup.DocSignature:
    """Duplicates signatures of the cleaned article (boilerplate removed: shared notices would
    make unrelated articles look alike; title and datelines kept for near copies and events: see
    ``selection.duplicates_text``); exact copies and their completeness by the body that goes out."""
    return dedup.signatures(
        selection.duplicates_text(doc, config), selection.title(doc, config), doc.date, config.duplicates, doc.language,
        body=selection.body_text(doc, config),
    )


def process_file(item: tuple[str, Part | None], src: Path, config: Config) -> tuple[list[Document], list[Failure]]:
    """Read one input file (or part of one: ``reader.parts``) and run the per-document stages; a
    crash in a stage fails that document only."""
    relative, part = item
    docs, failures = read_articles(src, relative, config.input, part)
    processed = []
    for doc in docs:
        try:
            process_document(doc, config)
        except Exception as error:  # one bad article must never stop the batch
            failures.append(
                Failure(relative, f"internal error while cleaning: {type(error).__name__}: {error}", doc.record_line)
            )
        else:
            processed.append(doc)
    return processed, failures


def process_corpus(docs: list[Document], config: Config) -> None:
    """Run the stages that need every document at once.

    Copy and event groups come before the garble corpus pass (it weighs names against the event
    group), and the kept copy of each group after it (a garbled copy is never the one kept).
    """
    for doc in boilerplate.run_corpus(docs, config.boilerplate):  # a source's furniture came off
        doc.dedup_signature = document_signature(doc, config)
    dedup.group_documents(docs, [doc.dedup_signature for doc in docs], config.duplicates)
    garble.run_corpus(docs, config.garble)
    dedup.choose_representatives(docs, config.duplicates)


def work_items(src: Path, files: list[str]) -> list[tuple[str, Part | None]]:
    """What the workers are given: each file (relative to ``src``), or each part of a big one."""
    return [(relative, part) for relative in files for part in parts(src, relative)]


def run(
    src: Path,
    config: Config,
    workers: int = 1,
    on_item_done: Callable[[], None] | None = None,
    items: list[tuple[str, Part | None]] | None = None,
    index: Path | None = None,
) -> RunResult:
    """Read and clean every article under ``src`` (or just the ``work_items`` given), calling
    ``on_item_done`` as each item is finished (a progress bar's tick).

    With ``index`` (a duplicates index file), articles that repeat one of an earlier drop get a
    ``seen_before`` finding. The index is only read here, never written (see
    :func:`record_drop`); a missing or empty index file means nothing was seen before.
    """
    if items is None:
        files, skipped, unlisted = discover(src, config.input)
        items = work_items(src, files)
    else:
        skipped, unlisted = [], []
    task = functools.partial(process_file, src=src, config=config)
    results = ordered_map(task, items, workers, on_item_done)
    documents: list[Document] = []
    failures: list[Failure] = list(unlisted)
    seen: dict[str, str] = {}
    for docs, file_failures in results:
        failures.extend(file_failures)
        for doc in docs:
            if doc.id in seen:
                failures.append(
                    Failure(doc.source_path, f"duplicate id {doc.id!r}, first used in {seen[doc.id]}", doc.record_line)
                )
                continue
            seen[doc.id] = doc.source_path
            documents.append(doc)
    documents.sort(key=lambda d: d.id)
    process_corpus(documents, config)
    if index is not None and index.is_file() and index.stat().st_size:
        with dedup.open_index(index, config.duplicates, read_only=True) as opened:
            opened.mark(documents, [doc.dedup_signature for doc in documents])
    return RunResult(documents=documents, failures=failures, skipped=skipped, files=len({relative for relative, _ in items}))


def record_drop(result: RunResult, index: Path, config: Config, drop_name: str) -> None:
    """Add every article of the run to the duplicates index, in one transaction (its folder made if new)."""
    index.parent.mkdir(parents=True, exist_ok=True)
    with dedup.open_index(index, config.duplicates) as opened:
        opened.add([doc.id for doc in result.documents], [doc.dedup_signature for doc in result.documents], drop_name)


def document_from_text(text: str, config: Config, doc_id: str = "text") -> Document:
    """A Document for a string given directly (the Python API), processed like a .txt file: a
    leading byte order mark (which Python's utf-8 codec keeps) is removed as from a file."""
    body = text.removeprefix("\ufeff")
    doc = Document(
        id=doc_id,
        source_path=f"{doc_id}.txt",
        lines=split_lines(body),
        raw_sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
    )
    if body != text:
        doc.findings.append(bom_removed())
    process_document(doc, config)
    process_corpus([doc], config)
    return doc
