"""The pipeline's order of stages: what later stages see is the text that goes out."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from cleaner import selection
from cleaner.config import Config
from cleaner.document import Document
from cleaner.explain import explain_pair
from cleaner.pipeline import document_from_text, document_signature, process_document, run
from cleaner.stages import dedup

# A long notice no lexicon knows, printed under every article of one source: only the
# repetition pass (after the per-article stages) finds it.
NOTICE = ("Members of the Harbour Gazette reading circle receive every weekly supplement on "
          "Saturday morning together with the crossword archive and the tide tables for the coast.")
BODIES = [
    "The council approved a new budget for the harbour district on Monday after a long debate "
    "about the cost of repairing the old sea wall and the ferry terminal.",
    "A local bakery won the regional bread competition for the third year running, beating forty "
    "other entries with a sourdough loaf made from grain grown nearby.",
    "Volunteers planted two hundred trees along the river path on Sunday, replacing the elms "
    "that were lost to disease over the past decade.",
    "The school orchestra will tour three cities in the spring, playing a programme of music "
    "written by its own students and teachers.",
]


def _signature_parts(sig: dedup.DocSignature) -> tuple:
    return sig.text_hash, sig.length, sig.near.tobytes(), sig.event_keys.tobytes(), sig.event_weights.tobytes()


def test_signatures_leave_out_a_sources_repeated_furniture(tmp_path: Path):
    site = tmp_path / "gazette"
    site.mkdir()
    for i, body in enumerate(BODIES):
        title = " ".join(body.split()[1:6]).title()
        (site / f"{i}.txt").write_text(f"{title}\n\n{body}\n\n{NOTICE}\n", encoding="utf-8")
    config = Config()
    result = run(tmp_path, config)
    assert len(result.documents) == len(BODIES)
    for doc in result.documents:
        assert NOTICE not in selection.duplicates_text(doc, config), "the notice is the source's boilerplate"
        fresh = document_signature(doc, config)
        assert _signature_parts(doc.dedup_signature) == _signature_parts(fresh)
    # The shared notice no longer makes the four unrelated stories copies of one another.
    assert all(doc.duplicates.duplicate_of is None for doc in result.documents)
    assert np.unique([doc.dedup_signature.text_hash for doc in result.documents]).size == len(BODIES)


def test_duplicates_text_keeps_the_title_and_the_dateline_the_clean_text_drops():
    """A dateline is the day an article reports: two events of one kind stay apart by it."""
    body = ("The council voted on Tuesday to approve the new budget after a long debate about "
            "schools, roads and the cost of public transport in the city.")
    text = f"Council approves budget\n\nPublished on Friday, 27 September 2013\n\n{body}\n\n{body}\n"
    config = Config()
    doc = document_from_text(text, config)
    assert "27 September 2013" not in selection.clean_text(doc, config)
    lines = selection.duplicates_text(doc, config).split("\n")
    assert lines[0] == "Council approves budget"
    assert "Published on Friday, 27 September 2013" in lines
    assert "27 September 2013" not in selection.body_text(doc, config)


def test_duplicates_text_of_a_json_lines_record_starts_with_its_title_field():
    config = Config()
    doc = Document("r1", "a.jsonl", [BODIES[0]], "", title_field="Orchestra to tour | Gazette")
    process_document(doc, config)
    assert selection.duplicates_text(doc, config) == f"Orchestra to tour\n{BODIES[0]}"
    # A record whose text opens with its title has it once.
    again = Document("r2", "a.jsonl", ["Orchestra to tour", "", BODIES[0]], "", title_field="Orchestra to tour")
    process_document(again, config)
    assert selection.duplicates_text(again, config) == f"Orchestra to tour\n\n{BODIES[0]}"


def test_explain_pair_measures_the_text_the_run_signs(tmp_path: Path):
    """Two reports whose cleaned texts are the same, their datelines apart: whether they are exact
    copies, ``cleaner explain --pair`` says what the run decided (one text signed by both)."""
    body = ("The council voted to approve the new budget after a long debate about schools, roads "
            "and the cost of public transport in the city.")
    for name, day in (("a", "Friday, 27 September 2013"), ("b", "Monday, 30 September 2013")):
        (tmp_path / f"{name}.txt").write_text(f"Council approves budget\n\nPublished on {day}\n\n{body}\n\n{body}\n",
                                              encoding="utf-8")
    config = Config()
    a, b = run(tmp_path, config).documents
    assert selection.clean_text(a, config) == selection.clean_text(b, config)
    exact_in_run = a.duplicates.exact_dup_of == b.id or b.duplicates.exact_dup_of == a.id
    assert explain_pair(a, b, config).exact_duplicate == exact_in_run


def test_exact_copies_are_the_same_body_under_another_headline_or_dateline(tmp_path: Path):
    """Exact copies: the same text goes out. The headline and dateline weigh in near copies and
    events only; the kept copy is the earlier id, its body being as complete."""
    body = BODIES[0]
    (tmp_path / "a.txt").write_text(f"Harbour wall repairs approved\n\nPublished on 27 September 2013\n\n{body}\n",
                                    encoding="utf-8")
    (tmp_path / "b.txt").write_text(f"Council backs sea wall plan\n\nPublished on 30 September 2013\n\n{body}\n",
                                    encoding="utf-8")
    config = Config()
    a, b = run(tmp_path, config).documents
    assert selection.body_text(a, config) == selection.body_text(b, config)
    assert b.duplicates.exact_dup_of == "a" and b.duplicates.duplicate_of == "a"
    assert explain_pair(a, b, config).exact_duplicate


def test_a_big_jsonl_file_shared_by_workers_gives_the_run_one_worker_gives(tmp_path: Path, monkeypatch) -> None:
    from cleaner import reader

    src = tmp_path / "drop"
    src.mkdir()
    topics = ["council budget", "river flood", "rail strike", "school exams"]
    with open(src / "feed.jsonl", "w", encoding="utf-8") as f:
        for n in range(40):
            topic = topics[n % 4]
            text = f"News of the {topic} {n}\n\nOfficials said the {topic} would be decided on day {n % 5}, and more."
            f.write(json.dumps({"id": f"a{n:02d}", "text": text}) + "\n")
    (src / "story.txt").write_text("A title\n\nThe mayor opened the new bridge on Friday.\n", encoding="utf-8")
    monkeypatch.setattr(reader, "PART_BYTES", 600)
    assert len(reader.parts(src, "feed.jsonl")) > 4

    def outcome(workers: int) -> tuple[list, list]:
        done: list[int] = []
        result = run(src, Config(), workers, on_item_done=lambda: done.append(1))
        assert len(done) == len(reader.parts(src, "feed.jsonl")) + 1 and result.files == 2  # a tick per part
        return [(d.id, d.lines, d.language, [(f.code, f.line) for f in d.findings], d.duplicates.event_group)
                for d in result.documents], result.failures

    one = outcome(1)
    assert len(one[0]) == 41 and one == outcome(2)
    monkeypatch.setattr(reader, "PART_BYTES", 10**9)
    assert outcome(1) == one


def test_a_big_jsonl_file_refused_by_its_name_fails_once_not_once_per_part(tmp_path: Path, monkeypatch) -> None:
    import os

    from cleaner import reader

    src = tmp_path / "drop"
    src.mkdir()
    record = json.dumps({"text": "News of the council\n\nOfficials met on Friday and approved the plan."}) + "\n"
    (src / "manifest.jsonl").write_text(record * 40, encoding="utf-8")  # the name of DST's own file
    (src / os.fsdecode(b"caf\xe9.jsonl")).write_text(record * 40, encoding="utf-8")  # a name not in UTF-8
    monkeypatch.setattr(reader, "PART_BYTES", 600)
    result = run(src, Config(), 1)
    assert result.documents == []
    assert sorted(f.path for f in result.failures) == ["caf\\xe9.jsonl", "manifest.jsonl"]
