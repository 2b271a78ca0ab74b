"""The Python API for projects that use the cleaner as a preprocessing step."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from cleaner import pipeline, selection, writer
from cleaner.config import Config
from cleaner.document import Document
from cleaner.engine import default_workers
from cleaner.reader import require_articles


@dataclass(frozen=True)
class Cleaned:
    """One cleaned article: the text that goes out and the annotated Document behind it."""

    text: str
    document: Document


def clean_text(text: str, config: Config | None = None, doc_id: str = "text") -> Cleaned:
    """Clean one article given as a string (first line = title), as ``cleaner clean`` would.

    Stages that compare articles (repetition across a source, duplicates) see only this one.
    """
    config = config or Config()
    doc = pipeline.document_from_text(text, config, doc_id)
    return Cleaned(selection.clean_text(doc, config), doc)


def clean_folder(
    src: str | Path, dst: str | Path | None = None, config: Config | None = None, workers: int | None = None
) -> pipeline.RunResult:
    """Clean every article under ``src``; write DST (articles, manifest, report) when given.

    Raises :class:`NotADirectoryError` when ``src`` is no folder (read as empty, a mistyped SRC
    would replace DST by an empty output), :class:`cleaner.reader.NoArticlesError` when DST is
    given and ``src`` holds no article file (DST is then left as it was), and
    :class:`cleaner.writer.OutputError` when ``dst`` cannot be used.
    """
    config = config or Config()
    src, dst = Path(src), Path(dst) if dst is not None else None
    if not src.is_dir():
        raise NotADirectoryError(f"input folder {src} is missing or not a folder")
    if dst is not None:
        writer.check_destination(src, dst)
    result = pipeline.run(src, config, workers or default_workers())
    if dst is not None:
        require_articles(src, result.files + len(result.failures), len(result.skipped), config.input)
        writer.write(dst, result, config)
    return result
