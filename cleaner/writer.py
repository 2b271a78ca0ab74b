"""Write a run into DST: cleaned articles mirroring SRC, manifest.jsonl and report.json.

Everything is written into a hidden staging folder beside DST and swapped in at the end, so
DST never holds a half-written file or a mix of two runs, and a crash leaves the previous output
as it was. Only a folder that is empty or holds a previous cleaner output is ever replaced.
The hidden folders carry the host and process that made them: a run killed outright (no
clean-up) leaves them behind, and the next run removes a dead process's staging folder and puts
back an output it had moved aside but not yet replaced.
"""

from __future__ import annotations

import glob
import json
import os
import shutil
import socket
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TextIO

from cleaner import manifest, report, selection
from cleaner.config import Config
from cleaner.document import Document
from cleaner.pipeline import RunResult
from cleaner.reader import MANIFEST, REPORT


class OutputError(Exception):
    """DST cannot be written; the message says what to do."""


def check_destination(src: Path, dst: Path) -> None:
    """Refuse a DST inside SRC (it would be read as input next time) or one holding other files,
    after recovering what a killed run left beside it (``recover_interrupted``)."""
    try:
        src_resolved, dst_resolved = src.resolve(), dst.resolve()
    except RuntimeError as error:  # a symbolic link loop
        raise OutputError(f"output path {dst} cannot be used: {error}") from None
    recover_interrupted(dst_resolved)
    if dst_resolved == src_resolved or src_resolved in dst_resolved.parents:
        raise OutputError(f"output folder {dst} is inside the input folder {src}; choose a folder outside it")
    if dst_resolved in src_resolved.parents:
        raise OutputError(f"input folder {src} is inside the output folder {dst}, which is replaced; choose another")
    if dst.exists() and not dst.is_dir():
        raise OutputError(f"output path {dst} exists and is not a folder")
    _check_writable(dst)
    if dst.is_dir() and any(dst.iterdir()) and not (dst / MANIFEST).is_file():
        raise OutputError(
            f"output folder {dst} is not empty and holds no {MANIFEST}; "
            "choose an empty or new folder (a previous cleaner output is replaced)"
        )


def check_index(src: Path, dst: Path, index: Path) -> None:
    """Refuse, before the run, a duplicates index the run could not keep: inside DST (replaced as a
    whole by every run, it would lose every earlier drop), inside SRC (never modified), read-only,
    or in a folder that cannot be made or written."""
    resolved = _resolve("duplicate index", index)
    for folder, what in ((dst.resolve(), "output"), (src.resolve(), "input")):
        if resolved.is_relative_to(folder):
            where = "the" if resolved == folder else "inside the"
            raise OutputError(f"duplicate index {index} is {where} {what} folder {folder.name}; keep it outside")
    blocked = _unwritable_ancestor(resolved)
    if not blocked and resolved.is_file() and not os.access(resolved, os.W_OK):
        blocked = "the file is not writable"
    if blocked:
        raise OutputError(f"cannot write duplicate index {index}: {blocked}")


def check_file(what: str, path: Path, dst: Path | None = None) -> None:
    """Refuse, before the run, a file the run could not write at its end (a report, a baseline):
    a folder in its place (or the output folder ``dst`` the run makes), a file in the way of its
    folder, a folder without write permission."""
    resolved = _resolve(what, path)
    if dst is not None and resolved == dst.resolve():
        raise OutputError(f"cannot write {what} {path}: it is the output folder")
    if resolved.is_dir():
        raise OutputError(f"cannot write {what} {path}: it is a folder")
    blocked = _unwritable_ancestor(resolved)
    if blocked:
        raise OutputError(f"cannot write {what} {path}: {blocked}")


def _resolve(what: str, path: Path) -> Path:
    """``path`` made absolute, links followed; a symbolic link loop on the way is an ``OutputError``."""
    try:
        return path.resolve()
    except RuntimeError as error:
        raise OutputError(f"cannot write {what} {path}: {error}") from None


def _check_writable(dst: Path) -> None:
    """Refuse, before the run, a DST the final swap cannot make: the staging folder is made in
    DST's parent and renamed over DST, so the parent must be a writable folder and DST no mount point."""
    if dst.is_dir() and os.path.ismount(dst):
        raise OutputError(f"output folder {dst} is a mount point, which cannot be replaced; choose a folder inside it")
    blocked = _unwritable_ancestor(dst.resolve())
    if blocked:
        raise OutputError(f"output folder {dst} cannot be made: {blocked}")


def _unwritable_ancestor(path: Path) -> str | None:
    """Why ``path`` cannot be made in its nearest existing folder (a file in the way, no write
    permission), or None when it can."""
    parent = path.parent
    while not parent.exists():
        parent = parent.parent
    if not parent.is_dir():
        return f"{parent} is a file, not a folder"
    if not os.access(parent, os.W_OK | os.X_OK):
        return f"{parent} is not writable"
    return None


def _hidden(dst: Path, kind: str) -> Path:
    """This run's staging ("tmp") or set-aside ("old") folder beside ``dst``, named after the host
    and process that own it."""
    return dst.parent / f".{dst.name}.{kind}-{socket.gethostname()}-{os.getpid()}"


def _dead_owner(folder: Path, dst: Path, kind: str) -> bool:
    """Whether ``folder`` is a hidden folder of ``dst`` left by a process of this host that no longer runs."""
    host, _, pid = folder.name.removeprefix(f".{dst.name}.{kind}-").rpartition("-")
    if host != socket.gethostname() or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except (ProcessLookupError, OverflowError):  # no such process (a number beyond any)
        return True
    except OSError:
        return False  # it runs, as another user
    return False


def recover_interrupted(dst: Path) -> None:
    """Remove the staging folders of dead runs of this host; put back an output such a run had set
    aside (between the two renames of ``_swap_in``) when no output took its place."""
    if not dst.parent.is_dir():
        return
    for kind in ("tmp", "old"):
        for folder in sorted(dst.parent.glob(f".{glob.escape(dst.name)}.{kind}-*")):
            if not _dead_owner(folder, dst, kind):
                continue
            if kind == "old" and not dst.exists():
                try:
                    os.rename(folder, dst)
                except OSError as error:
                    raise OutputError(f"the previous output {folder}, set aside by a killed run, cannot be put "
                                      f"back as {dst}: {error.strerror or error}") from None
            else:
                shutil.rmtree(folder, ignore_errors=True)


def write(dst: Path, result: RunResult, config: Config) -> None:
    """Write the cleaned articles, manifest and report of ``result`` into ``dst``, atomically."""
    dst = dst.resolve()  # "." has no name to make a sibling staging folder from
    dst.parent.mkdir(parents=True, exist_ok=True)
    staging = _hidden(dst, "tmp")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    try:
        with (staging / MANIFEST).open("w", encoding="utf-8") as manifest_file:
            _write_articles(staging, result.documents, config, manifest_file)
        with (staging / REPORT).open("w", encoding="utf-8") as handle:
            json.dump(report.build(result, config), handle, ensure_ascii=False, indent=2, sort_keys=False)
            handle.write("\n")
        _swap_in(staging, dst)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _write_articles(root: Path, docs: list[Document], config: Config, manifest_file: TextIO) -> None:
    """Write every document, and its manifest record in document id order. Nothing is gathered
    but the line order of JSON Lines records: a drop of any size is written in little memory."""
    jsonl_rows: dict[str, list[tuple[int, int]]] = defaultdict(list)  # output file -> (record line, position)
    for position, doc in enumerate(docs):
        text = selection.clean_text(doc, config)
        written = selection.is_written(doc, config)
        if written and doc.record_line is None:
            _write_file(root / doc.source_path, (text,))
        elif written and doc.record_line is not None:
            jsonl_rows[doc.source_path].append((doc.record_line, position))
        manifest_file.write(_json_line(manifest.record(doc, config, doc.source_path if written else None, text)))
    for path, rows in jsonl_rows.items():
        _write_file(root / path, (_json_line(_jsonl_record(docs[position], config)) for _, position in sorted(rows)))


def _jsonl_record(doc: Document, config: Config) -> dict[str, Any]:
    fields = config.input
    row: dict[str, Any] = {fields.id_field: doc.id}
    if doc.title_field is not None:
        row[fields.title_field] = selection.title(doc, config)
    row[fields.text_field] = selection.clean_text(doc, config)
    if doc.date is not None:
        row[fields.date_field] = doc.date
    if doc.source is not None:
        row[fields.source_field] = doc.source
    return row


def _json_line(value: dict[str, Any]) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")) + "\n"


def _write_file(path: Path, pieces: Iterable[str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="\n") as handle:
        handle.writelines(pieces)


def _swap_in(staging: Path, dst: Path) -> None:
    """Replace ``dst`` by ``staging`` with two renames; the old output is deleted last."""
    if not dst.exists():
        os.rename(staging, dst)
        return
    retired = _hidden(dst, "old")
    shutil.rmtree(retired, ignore_errors=True)
    os.rename(dst, retired)
    os.rename(staging, dst)
    shutil.rmtree(retired, ignore_errors=True)
