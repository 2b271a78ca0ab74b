"""Read a folder of articles (.txt and .jsonl) into Documents; never modify it, never stop on one bad file.

A .txt file is one article whose first line is its title. A .jsonl file holds one article per
line as a JSON object with a text field (and optionally id, title, date and source fields).
Bytes that are not UTF-8 are decoded with the encoding charset-normalizer detects, and the fact
is recorded as a finding. Whatever cannot be read becomes a :class:`Failure` with a reason.
"""

from __future__ import annotations

import codecs
import hashlib
import io
import json
import os
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import charset_normalizer

from cleaner.bounds import at_least
from cleaner.document import Document, Finding

UTF16_32_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
# Windows-1252 is by far the commonest legacy encoding of news text (WHATWG decodes even
# "latin-1" labels as it). On short texts charset-normalizer often ranks a rarer code page that
# happens to read as cleanly first; among near-equally clean readings we prefer this one.
PREFERRED_LEGACY = "cp1252"
CHAOS_MARGIN = 0.1
# NUL is ASCII, so UTF-16 or UTF-32 text without its byte order mark (half to three quarters
# NUL bytes) and a zero-filled file are valid UTF-8; a stray NUL in text is far below this share.
NUL_SHARE_BINARY = 0.1
BINARY_NUL = "binary file: it holds NUL bytes and is not UTF-16 or UTF-32 text with a byte order mark"


#: A .jsonl file larger than this is read in parts of about this size (some 200 articles), cut at
#: line ends, so that the workers share one big file. The cuts depend on the file's bytes only,
#: never on the workers.
PART_BYTES = 1_000_000

MANIFEST = "manifest.jsonl"
REPORT = "report.json"
# DST holds these beside the articles: an input of that name at SRC's top would be written, then
# overwritten by them, so it fails instead.
OWN_FILES = (MANIFEST, REPORT)


@dataclass(frozen=True)
class InputConfig:
    """How articles are found and read.

    max_bytes: a .txt file, or one .jsonl record, larger than this is refused as a failure
        (default 10 MB: far beyond any article, small enough to never exhaust memory).
    suffixes: file endings read as articles; other files are listed as skipped.
    text_field, id_field, title_field, date_field, source_field: JSON Lines field names. Only the
        text is required; a record without an id gets ``<file>#<line>``.
    """

    max_bytes: int = 10_000_000
    suffixes: tuple[str, ...] = (".txt", ".jsonl")
    text_field: str = "text"
    id_field: str = "id"
    title_field: str = "title"
    date_field: str = "date"
    source_field: str = "source"

    def __post_init__(self) -> None:
        at_least("input", self, 1, "max_bytes")


@dataclass(frozen=True)
class Failure:
    """An input that could not be processed: where it is and why, in words a user can act on."""

    path: str
    reason: str
    line: int | None = None

    def to_dict(self) -> dict[str, object]:
        return {"path": self.path, "line": self.line, "reason": self.reason}


class InputError(Exception):
    """A file that cannot be read as an article; the message is the reason shown to the user."""


class NoArticlesError(ValueError):
    """SRC holds no article file: a mistyped or unfilled folder. Its empty output would replace
    a previous one, and a gate over it would pass without having read anything."""


def require_articles(src: Path, found: int, skipped: int, config: InputConfig) -> None:
    """Raise :class:`NoArticlesError` unless the run found something to read or to report
    (``found``: article files and folders that could not be listed)."""
    if not found:
        other = f"; {skipped} other file{'s' if skipped != 1 else ''} skipped" if skipped else ""
        raise NoArticlesError(f"no articles under {src}: no article file ({', '.join(config.suffixes)}){other}")


def discover(src: Path, config: InputConfig) -> tuple[list[str], list[Failure], list[Failure]]:
    """Article files under ``src`` as sorted POSIX paths relative to it, files skipped, and
    folders that could not be listed (failed inputs: their articles were not read).

    Hidden files and folders (a name starting with '.') are skipped silently; files with other
    suffixes, pipes and devices (reading one could block) are listed as skipped so a user sees
    what was not read. A broken link with an article suffix is kept: reading it fails, with the
    reason. Links to folders are not followed. (``Path.rglob`` passes over a folder it may not
    read without a word, so the tree is walked with ``os.walk``, which reports it.)
    """
    found: list[str] = []
    skipped: list[Failure] = []
    unlisted: list[Failure] = []

    def unreadable(error: OSError) -> None:
        name = Path(error.filename).relative_to(src).as_posix() if error.filename else "."
        unlisted.append(Failure(printable_name(name), f"cannot read folder: {error.strerror or error}"))

    for folder, dirnames, filenames in os.walk(src, onerror=unreadable):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for filename in filenames:
            if filename.startswith("."):
                continue
            path = Path(folder, filename)
            name = path.relative_to(src).as_posix()
            if not path.is_file() and path.exists():
                skipped.append(Failure(printable_name(name), "not a regular file (a pipe, socket or device)"))
            elif path.suffix.lower() in config.suffixes:
                found.append(name)
            else:
                skipped.append(Failure(printable_name(name),
                                       f"not an article file (suffix not in {', '.join(config.suffixes)})"))
    return sorted(found), sorted(skipped, key=lambda f: f.path), sorted(unlisted, key=lambda f: f.path)


@dataclass(frozen=True)
class Part:
    """Lines of a .jsonl file read apart from the rest: bytes ``start`` to ``end``, cut at line
    ends, the first of them line ``first_line`` of the file."""

    start: int
    end: int
    first_line: int


def parts(src: Path, relative: str) -> list[Part | None]:
    """How an input file is read: ``[None]`` (whole) unless it is a .jsonl file over
    ``PART_BYTES``, which is cut after the line each ``PART_BYTES`` block ends in. A file that
    starts with a UTF-16 or UTF-32 byte order mark or holds only whitespace is read whole: its one
    failure is the file's, and so is that of a name refused before reading."""
    path = src / relative
    try:
        if (path.suffix.lower() != ".jsonl" or _refused_name(relative)
                or not path.is_file() or path.stat().st_size <= PART_BYTES):
            return [None]
        found: list[Part | None] = []
        start, line, content = 0, 1, False
        with path.open("rb") as handle:
            if handle.read(4).startswith(UTF16_32_BOMS):
                return [None]
            handle.seek(0)
            while block := handle.read(PART_BYTES):
                block += handle.readline()  # to the end of the line the block cut
                content = content or bool(block.strip())
                found.append(Part(start, start + len(block), line))
                start += len(block)
                line += block.count(b"\n")
    except OSError:
        return [None]  # reading it again fails with the reason
    return found if content and len(found) > 1 else [None]


def read_articles(
    src: Path, relative: str, config: InputConfig, part: Part | None = None
) -> tuple[list[Document], list[Failure]]:
    """Read one input file (or one ``Part`` of a .jsonl file) into Documents; every problem
    becomes a Failure, never an exception."""
    refused = _refused_name(relative)
    if refused:
        return [], [refused]
    path = src / relative
    try:
        if path.suffix.lower() == ".jsonl":
            return _read_jsonl(path, relative, config, part)
        return [_read_text_file(path, relative, config)], []
    except InputError as error:
        return [], [Failure(relative, str(error))]
    except OSError as error:
        return [], [Failure(relative, f"cannot read file: {error.strerror or error}")]


def _refused_name(relative: str) -> Failure | None:
    """The failure of a file refused by its name alone, before it is read."""
    shown = printable_name(relative)
    if shown != relative:
        return Failure(shown, "file name is not valid UTF-8 (its bytes are shown as \\xNN): rename the file to read it")
    if relative.casefold() in OWN_FILES:  # a case-insensitive file system makes Manifest.jsonl the same file
        return Failure(relative, f"{relative} is the name of the run's own file in DST: rename the input to read it")
    return None


def printable_name(relative: str) -> str:
    """A path any UTF-8 output can hold: Python reads the bytes of a name that is not UTF-8 as
    surrogates (which no manifest or report can write); they are shown as \\xNN instead."""
    return relative.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _read_text_file(path: Path, relative: str, config: InputConfig) -> Document:
    size = path.stat().st_size
    if size > config.max_bytes:
        raise InputError(f"file is {size:,} bytes, over the limit of {config.max_bytes:,} (input.max_bytes)")
    with path.open("rb") as handle:
        data = handle.read()
    text, encoding, notes = decode(data)
    if not text.strip():
        raise InputError("empty file" if not text else "file holds only whitespace")
    doc = Document(
        id=str(PurePosixPath(relative).with_suffix("")),
        source_path=relative,
        lines=split_lines(text),
        raw_sha256=hashlib.sha256(data).hexdigest(),
        input_encoding=encoding,
        source=_folder_source(relative),
    )
    doc.findings.extend(notes)
    return doc


def _read_jsonl(path: Path, relative: str, config: InputConfig, part: Part | None) -> tuple[list[Document], list[Failure]]:
    docs: list[Document] = []
    failures: list[Failure] = []
    with path.open("rb") as handle:
        if part is None and handle.read(4).startswith(UTF16_32_BOMS):  # lines split on b"\n" would cut its characters
            return [], [Failure(relative, "JSON Lines must be UTF-8; this file starts with a UTF-16 or UTF-32 "
                                          "byte order mark: convert it to UTF-8")]
        handle.seek(0 if part is None else part.start)
        lines = handle if part is None else io.BytesIO(handle.read(part.end - part.start))
        for number, raw in enumerate(lines, start=1 if part is None else part.first_line):
            if not raw.strip():
                continue
            try:
                docs.append(_record_to_document(raw, number, relative, config))
            except InputError as error:
                failures.append(Failure(relative, str(error), line=number))
    if not docs and not failures and part is None:
        failures.append(Failure(relative, "empty file: no JSON records"))
    return docs, failures


def _record_to_document(raw: bytes, number: int, relative: str, config: InputConfig) -> Document:
    if len(raw) > config.max_bytes:
        raise InputError(f"record is {len(raw):,} bytes, over the limit of {config.max_bytes:,} (input.max_bytes)")
    text_of_line, encoding, notes = decode(raw)
    try:
        record = json.loads(text_of_line)
    except json.JSONDecodeError as error:
        raise InputError(f"not valid JSON: {error.msg} at column {error.colno}") from None
    except RecursionError:
        raise InputError("not valid JSON: nested too deeply to read") from None
    except ValueError as error:  # a number longer than Python converts
        raise InputError(f"not valid JSON: {error}") from None
    if not isinstance(record, dict):
        raise InputError("a JSON Lines record must be an object")
    text = record.get(config.text_field)
    if not isinstance(text, str):
        raise InputError(f"record has no string field {config.text_field!r} (input.text_field)")
    if not text.strip():
        raise InputError(f"field {config.text_field!r} is empty")
    for name in (config.text_field, config.id_field, config.title_field, config.date_field, config.source_field):
        _require_unicode(record.get(name), name)
    given_id = record.get(config.id_field)
    title = record.get(config.title_field)
    date = record.get(config.date_field)
    source = record.get(config.source_field)
    doc = Document(
        id=str(given_id) if given_id not in (None, "") else f"{relative}#{number}",
        source_path=relative,
        lines=split_lines(text),
        raw_sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        input_encoding=encoding,
        title_field=title if isinstance(title, str) and title.strip() else None,
        source=str(source) if source not in (None, "") else _folder_source(relative),
        date=str(date) if date not in (None, "") else None,
        record_line=number,
    )
    doc.findings.extend(notes)
    return doc


def _require_unicode(value: object, name: str) -> None:
    """JSON can escape half a surrogate pair ("\\ud800"): no UTF-8 output can hold it, so the record fails."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as error:
            code = ord(value[error.start])
            raise InputError(f"field {name!r} holds an unpaired surrogate (\\u{code:04x}): not Unicode text") from None


def bom_removed() -> Finding:
    """The finding recorded when a byte order mark is taken off the start of a text."""
    return Finding("encoding", "bom_removed", None, 1.0, "a UTF-8 byte order mark was removed")


def decode(data: bytes) -> tuple[str, str, list[Finding]]:
    """Decode bytes as UTF-8 (BOM allowed) or else as the encoding charset-normalizer detects."""
    if data.startswith(codecs.BOM_UTF8):
        text = _strict(data, "utf-8-sig")
        return text, "utf-8-sig", [bom_removed()]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if data.count(0) > NUL_SHARE_BINARY * len(data):
            raise InputError(BINARY_NUL)
        return text, "utf-8", []
    if b"\x00" in data and not data.startswith(UTF16_32_BOMS):
        raise InputError(BINARY_NUL)
    best = _best_reading(data)
    if best is None:
        raise InputError("undecodable: not UTF-8, and no text encoding fits its bytes")
    text = str(best)
    if _control_share(text) > 0.01:
        raise InputError(f"binary file: decoding as {best.encoding} gives control characters")
    note = Finding(
        "encoding",
        "detected_encoding",
        None,
        round(1.0 - best.chaos, 4),
        f"not UTF-8; decoded as {best.encoding} (detected by charset-normalizer)",
        {"encoding": best.encoding},
    )
    return text, best.encoding, [note]


def _best_reading(data: bytes) -> charset_normalizer.CharsetMatch | None:
    matches = list(charset_normalizer.from_bytes(data))
    if not matches:
        return None
    cleanest = min(m.chaos for m in matches)
    for match in matches:
        if match.encoding == PREFERRED_LEGACY and match.chaos <= cleanest + CHAOS_MARGIN:
            return match
    return matches[0]


def _strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise InputError(f"starts with a UTF-8 byte order mark but byte {error.start} is not UTF-8") from None


def _control_share(text: str) -> float:
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f")
    return controls / max(len(text), 1)


def split_lines(text: str) -> list[str]:
    """Split on line feeds only, as editors number lines; a final newline ends the last line.

    A carriage return before the line feed (Windows files) is dropped. Other Unicode line
    separators stay inside their line, so raw line numbers match what ``grep -n`` shows. A text
    without any line feed ends its lines with lone carriage returns (old Mac files), as editors
    read it: split on line feeds, the whole article would be its title.
    """
    lines = text.split("\n" if "\n" in text or "\r" not in text else "\r")
    if len(lines) > 1 and lines[-1] == "":
        lines.pop()
    return [line[:-1] if line.endswith("\r") else line for line in lines]


def _folder_source(relative: str) -> str | None:
    """An article's source is the folder it sits in; top-level files have none."""
    folder = relative.rpartition("/")[0]
    return folder or None

