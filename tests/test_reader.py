"""Reading inputs: every bad file is a reported failure or skip, never a crash, never a loss."""

from __future__ import annotations

import codecs
import json
import os
from pathlib import Path

import pytest

from cleaner import Config, clean_folder, selection
from cleaner.reader import InputConfig, InputError, decode, discover, read_articles, split_lines

from .conftest import RAW

CONFIG = Config()


def test_discover_sorts_and_skips_hidden_and_other_suffixes(bad_inputs: Path) -> None:
    files, skipped, unlisted = discover(bad_inputs, InputConfig())
    assert unlisted == []
    assert files == sorted(files)
    assert ".hidden.txt" not in files
    assert "feed.jsonl" in files and "good.txt" in files
    assert [s.path for s in skipped] == ["notes.csv"]


def read(src: Path, name: str, **settings: object):
    return read_articles(src, name, InputConfig(**settings))  # type: ignore[arg-type]


def test_binary_file_is_a_failure_with_reason(bad_inputs: Path) -> None:
    docs, failures = read(bad_inputs, "binary.txt")
    assert docs == []
    assert "binary" in failures[0].reason


def test_latin1_is_decoded_and_recorded(bad_inputs: Path) -> None:
    docs, failures = read(bad_inputs, "latin1.txt")
    assert failures == []
    assert docs[0].lines[0] == "Café au lait"
    assert "déjà" in docs[0].lines[2]
    assert docs[0].input_encoding != "utf-8"
    assert [f.code for f in docs[0].findings] == ["detected_encoding"]


def test_bom_is_removed_and_recorded(bad_inputs: Path) -> None:
    docs, _ = read(bad_inputs, "bom.txt")
    assert docs[0].lines[0] == "Title with BOM"
    assert docs[0].input_encoding == "utf-8-sig"
    assert docs[0].findings[0].code == "bom_removed"


def test_empty_and_blank_files_fail_with_reason(bad_inputs: Path) -> None:
    assert read(bad_inputs, "empty.txt")[1][0].reason == "empty file"
    assert read(bad_inputs, "blank.txt")[1][0].reason == "file holds only whitespace"


def test_size_limit_is_configurable(bad_inputs: Path) -> None:
    docs, failures = read(bad_inputs, "hugeline.txt", max_bytes=1000)
    assert docs == [] and "over the limit of 1,000" in failures[0].reason
    docs, failures = read(bad_inputs, "hugeline.txt")
    assert failures == [] and len(docs[0].lines) == 2


def test_jsonl_records_become_documents_and_bad_records_fail_alone(bad_inputs: Path) -> None:
    docs, failures = read(bad_inputs, "feed.jsonl")
    assert [d.id for d in docs] == ["a1", "feed.jsonl#4"]
    assert docs[0].title_field == "First" and docs[0].title_line is None
    assert docs[1].lines == ["Second record without id.", "Second line."]
    assert [(f.line, f.reason.split(":")[0]) for f in failures] == [
        (2, "not valid JSON"),
        (3, "record has no string field 'text' (input.text_field)"),
    ]


def test_missing_file_is_a_failure(tmp_path: Path) -> None:
    docs, failures = read(tmp_path, "gone.txt")
    assert docs == [] and "cannot read file" in failures[0].reason


def test_split_lines_matches_editor_numbering() -> None:
    assert split_lines("a\nb\n") == ["a", "b"]
    assert split_lines("a\r\nb") == ["a", "b"]
    assert split_lines("a\n\nb\n\n") == ["a", "", "b", ""]
    assert split_lines("a\u2028b\x0cc") == ["a\u2028b\x0cc"]


def test_utf8_is_preferred_over_detection() -> None:
    text, encoding, notes = decode("naïve – “quoted”".encode("utf-8"))
    assert (text, encoding, notes) == ("naïve – “quoted”", "utf-8", [])


def test_jsonl_records_json_cannot_hold_fail_alone(tmp_path: Path) -> None:
    """Nesting past the recursion limit, an integer over Python's digit limit and an unpaired
    surrogate escape are each that record's failure, not an exception that stops the batch."""
    (tmp_path / "feed.jsonl").write_text(
        '{"id": "ok", "text": "Title\\n\\nBody."}\n'
        + "[" * 100_000 + "]" * 100_000 + "\n"
        + '{"text": "Title", "n": ' + "9" * 5000 + "}\n"
        + '{"text": "Title \\ud800 here"}\n'
        + '{"text": "Title", "title": "\\udc80"}\n',
        encoding="utf-8",
    )
    docs, failures = read(tmp_path, "feed.jsonl")
    assert [d.id for d in docs] == ["ok"]
    assert [f.line for f in failures] == [2, 3, 4, 5]
    assert all(f.reason.startswith("not valid JSON") for f in failures[:2])
    assert "'text'" in failures[2].reason and "surrogate" in failures[2].reason
    assert "'title'" in failures[3].reason and "surrogate" in failures[3].reason


def test_broken_links_fail_and_special_files_are_listed_as_skipped(tmp_path: Path) -> None:
    """Nothing under SRC vanishes silently: a link to nowhere (or to itself) named like an
    article is an input that failed; a pipe is not read (it could block) but is listed."""
    (tmp_path / "good.txt").write_text("Title\n\nBody.\n", encoding="utf-8")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "missing.txt")
    (tmp_path / "self.txt").symlink_to(tmp_path / "self.txt")
    os.mkfifo(tmp_path / "pipe.txt")
    files, skipped, _ = discover(tmp_path, InputConfig())
    assert files == ["gone.txt", "good.txt", "self.txt"]
    assert [(s.path, s.reason) for s in skipped] == [("pipe.txt", "not a regular file (a pipe, socket or device)")]
    for name in ("gone.txt", "self.txt"):
        docs, failures = read(tmp_path, name)
        assert docs == [] and failures[0].reason.startswith("cannot read file")


def test_nul_filled_utf8_is_binary_but_a_stray_nul_is_repaired() -> None:
    """Bytes that are valid UTF-8 only because NUL is ASCII (a zero-filled download, UTF-16 or
    UTF-32 text without its byte order mark) are binary, as the same bytes are when not UTF-8."""
    for data in (
        b"\x00" * 4096,
        "A title\n\nThe council voted on Tuesday.\n".encode("utf-16-le"),
        "A title\n\nThe council voted on Tuesday.\n".encode("utf-32-be"),
    ):
        with pytest.raises(InputError, match="binary file: it holds NUL bytes"):
            decode(data)
    with pytest.raises(InputError, match="byte order mark"):
        decode("Café au lait\n\nLe garçon a déjà mangé.\n".encode("utf-16-le"))
    text, encoding, _ = decode(b"A title\n\nThe council voted on Tuesday\x00 to approve the budget.\n")
    assert encoding == "utf-8" and "\x00" in text
    text, encoding, _ = decode(codecs.BOM_UTF16_LE + "A title\n".encode("utf-16-le"))
    assert text == "A title\n"


def test_lone_carriage_returns_end_lines_in_a_file_without_line_feeds() -> None:
    """Old Mac files end lines with CR alone: read on line feeds only, the whole article was its title."""
    assert split_lines("a\rb\r") == ["a", "b"]
    assert split_lines("a\r\rb") == ["a", "", "b"]
    assert split_lines("a\rb\nc") == ["a\rb", "c"]  # a line feed anywhere: lines end there only


def test_a_file_with_lone_carriage_returns_is_cleaned_as_its_line_feed_twin(tmp_path: Path) -> None:
    sample = (RAW / "003_3c5ac620867590be.txt").read_bytes()
    for name, data in (("lf", sample), ("cr", sample.replace(b"\n", b"\r"))):
        (tmp_path / name).mkdir()
        (tmp_path / name / "story.txt").write_bytes(data)
    lf, cr = (clean_folder(tmp_path / name, workers=1).documents[0] for name in ("lf", "cr"))
    assert len(cr.lines) == len(lf.lines) > 40
    assert selection.removed_lines(cr, CONFIG) == selection.removed_lines(lf, CONFIG) != set()
    assert selection.clean_text(cr, CONFIG) == selection.clean_text(lf, CONFIG)


def test_a_utf16_jsonl_file_is_one_failure_that_says_so(tmp_path: Path) -> None:
    """Split on b"\\n", UTF-16 lines were each "undecodable" or "binary", one more than the records."""
    records = '{"id": "a", "text": "Title\\n\\nBody."}\n{"id": "b", "text": "Title\\n\\nBody."}\n'
    (tmp_path / "feed.jsonl").write_bytes(records.encode("utf-16"))
    docs, failures = read_articles(tmp_path, "feed.jsonl", InputConfig())
    assert docs == [] and len(failures) == 1
    assert "UTF-16" in failures[0].reason and failures[0].line is None


def _feed(tmp_path: Path) -> Path:
    """A .jsonl file of 60 records with blank lines, a bad record and no newline at its end."""
    lines = []
    for n in range(60):
        lines.append(json.dumps({"text": f"Title {n}\n\nThe council met on day {n} and approved the plan."}))
        if n % 7 == 0:
            lines.append("")
        if n == 31:
            lines.append("{not json")
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def test_a_big_jsonl_file_is_read_in_parts_cut_at_line_ends_as_if_whole(tmp_path: Path, monkeypatch) -> None:
    from cleaner import reader

    path = _feed(tmp_path)
    whole = read_articles(tmp_path, "feed.jsonl", InputConfig())
    monkeypatch.setattr(reader, "PART_BYTES", 500)
    cut = reader.parts(tmp_path, "feed.jsonl")
    assert len(cut) > 3 and all(part is not None for part in cut)
    assert [p.start for p in cut[1:]] == [p.end for p in cut[:-1]] and cut[0].start == 0 and cut[-1].end == path.stat().st_size
    data = path.read_bytes()
    assert all(data[p.end - 1 : p.end] == b"\n" for p in cut[:-1])
    assert [p.first_line for p in cut] == [1 + data[: p.start].count(b"\n") for p in cut]
    docs, failures = [], []
    for part in cut:
        part_docs, part_failures = read_articles(tmp_path, "feed.jsonl", InputConfig(), part)
        docs += part_docs
        failures += part_failures
    assert [(d.id, d.record_line, d.lines) for d in docs] == [(d.id, d.record_line, d.lines) for d in whole[0]]
    assert failures == whole[1] and [f.line for f in failures] == [38]


def test_a_file_read_whole_gets_no_parts(tmp_path: Path, monkeypatch) -> None:
    from cleaner import reader

    monkeypatch.setattr(reader, "PART_BYTES", 50)
    (tmp_path / "small.jsonl").write_text('{"text": "Title\\n\\nBody."}\n', encoding="utf-8")
    (tmp_path / "story.txt").write_text("Title\n\n" + "A long body line. " * 20, encoding="utf-8")
    (tmp_path / "blank.jsonl").write_text("\n" * 200, encoding="utf-8")
    (tmp_path / "wide.jsonl").write_bytes(('{"text": "Title\\n\\nBody."}\n' * 10).encode("utf-16"))
    assert reader.parts(tmp_path, "small.jsonl") == [None]
    assert reader.parts(tmp_path, "story.txt") == [None]
    assert reader.parts(tmp_path, "missing.jsonl") == [None]
    # Their one failure is the file's: read whole, they still say so once.
    assert reader.parts(tmp_path, "blank.jsonl") == [None]
    assert reader.parts(tmp_path, "wide.jsonl") == [None]
