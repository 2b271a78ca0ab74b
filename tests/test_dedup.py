"""Duplicates stage: seeds, copies, kept-copy rule, chaining guard, determinism, explain, index."""

from __future__ import annotations

import hashlib
import random
import sqlite3
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
import scipy.sparse as sp
from hypothesis import given
from hypothesis import strategies as st

from cleaner.document import Document
from cleaner.stages.dedup import (
    CODES,
    DuplicatesConfig,
    IndexMismatchError,
    choose_representatives,
    explain_pair,
    group_documents,
    group_signatures,
    open_index,
    signatures,
)
from cleaner.stages.dedup import features
from cleaner.stages.dedup.candidates import unique_pairs
from cleaner.stages.dedup.features import TimeCues, salient
from cleaner.stages.dedup.grouping import EventVerifier
from cleaner.stages.dedup.similarity import time_columns, time_factor, time_factor_pairs, weighted_jaccard_pairs

RAW = Path(__file__).resolve().parent.parent / "raw"
CONFIG = DuplicatesConfig()
# Raw line numbers the boilerplate stage removes from the sample articles (gold "must" and "either"
# lines): this stage receives cleaned text.
BOILERPLATE = {
    "000_45b1623a569b7c72": {3, 4, 44, 46, 48},
    "001_13a1e1805422e68d": {75, 77},
    "002_bff23f48fe3657a5": {13, 39, 61, 71, 73, 75, 77},
    "003_3c5ac620867590be": {3, 37, 39, 41, 43, 45, 47},
    "004_53272421b92e5f9f": {57},
}


def make_doc(doc_id: str, text: str, garbled: bool | None = None) -> Document:
    lines = text.split("\n")
    return Document(id=doc_id, source_path=doc_id, lines=lines,
                    raw_sha256=hashlib.sha256(text.encode()).hexdigest(), garbled=garbled)


def run(docs: list[Document], config: DuplicatesConfig = CONFIG) -> dict[str, Document]:
    sigs = [signatures("\n".join(d.lines), d.lines[0], d.date, config) for d in docs]
    group_documents(docs, sigs, config)
    choose_representatives(docs, config)
    return {d.id: d for d in docs}


def seed_docs() -> list[Document]:
    docs = []
    for path in sorted(RAW.glob("*.txt")):
        kept = [line for n, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1)
                if n not in BOILERPLATE[path.stem]]
        docs.append(make_doc(path.stem, "\n".join(kept)))
    return docs


def words(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(3, 9))) for _ in range(n)]


def test_seed_event_groups_and_no_copies():
    docs = run(seed_docs())
    groups: dict[str, set[str]] = {}
    for d in docs.values():
        groups.setdefault(d.duplicates.event_group, set()).add(d.id[:3])
        assert d.duplicates.near_dup_group == d.id
        assert d.duplicates.duplicate_of is None
    assert sorted(map(sorted, groups.values())) == [["000", "004"], ["001"], ["002", "003"]]
    for d in docs.values():
        if d.id[:3] != "001":
            assert d.duplicates.event_similarity is not None and d.duplicates.event_similarity >= CONFIG.event_member_min


def test_grouping_ignores_input_order():
    docs = seed_docs()
    sigs = [signatures("\n".join(d.lines), d.lines[0], None, CONFIG) for d in docs]
    first = group_signatures([d.id for d in docs], sigs, CONFIG)
    order = [3, 0, 4, 2, 1]
    second = group_signatures([docs[k].id for k in order], [sigs[k] for k in order], CONFIG)
    assert first.event_group == second.event_group
    assert first.event_similarity == second.event_similarity
    assert first.near_group == second.near_group


def test_exact_copies_keep_the_ungarbled_then_longest_then_earliest():
    body = " ".join(words(300, 1))
    docs = run([
        make_doc("c", "Title\n" + body),
        make_doc("a", "Title\n" + body, garbled=True),
        make_doc("b", "TITLE\n" + body.upper() + "  "),  # same normalised text
        make_doc("z", "Other\n" + " ".join(words(300, 2))),
    ])
    assert docs["b"].duplicates.duplicate_of is None  # a is garbled; b and c tie on length; b < c
    assert docs["c"].duplicates.exact_dup_of == "b"
    assert docs["a"].duplicates.exact_dup_of == "b"
    assert docs["a"].duplicates.near_dup_group == docs["b"].duplicates.near_dup_group == "a"
    assert docs["z"].duplicates.near_dup_group == "z" and docs["z"].duplicates.duplicate_of is None
    codes = [f.code for f in docs["c"].findings]
    assert "exact_duplicate" in codes and set(codes) <= set(CODES)


def test_light_rewrite_is_a_near_copy_and_longest_is_kept():
    base = words(400, 3)
    edited = base[:150] + ["changed"] + base[151:300]  # one word changed, tail cut
    docs = run([make_doc("wire", "T\n" + " ".join(base)), make_doc("reprint", "T\n" + " ".join(edited))])
    info = docs["reprint"].duplicates
    assert info.duplicate_of == "wire" and info.exact_dup_of is None
    assert info.dup_similarity >= CONFIG.near_threshold
    near = [f for f in docs["reprint"].findings if f.code == "near_duplicate"]
    assert near and near[0].evidence["kept"] == "wire"


def test_different_texts_are_not_copies():
    docs = run([make_doc("a", "T\n" + " ".join(words(300, 4))), make_doc("b", "T\n" + " ".join(words(300, 5)))])
    assert docs["a"].duplicates.near_dup_group == "a" and docs["b"].duplicates.near_dup_group == "b"


def test_chaining_guard_does_not_merge_the_ends_of_a_chain():
    w = words(300, 6)
    docs = run([make_doc("a", "T\n" + " ".join(w[0:200])), make_doc("b", "T\n" + " ".join(w[50:250])),
                make_doc("c", "T\n" + " ".join(w[100:300]))])
    assert docs["a"].duplicates.near_dup_group != docs["c"].duplicates.near_dup_group
    for d in docs.values():
        if d.duplicates.duplicate_of:
            assert d.duplicates.dup_similarity >= CONFIG.near_threshold


def test_representative_below_threshold_is_not_silently_merged():
    w = words(300, 7)
    # b (longest) is the centre: a and c are each verified against b (J ~ 0.7 and 0.6), not each other (J ~ 0.37)
    docs = [make_doc("a", "T\n" + " ".join(w[0:200])), make_doc("b", "T\n" + " ".join(w[30:250])),
            make_doc("c", "T\n" + " ".join(w[90:290]))]
    sigs = [signatures("\n".join(d.lines), None, None, CONFIG) for d in docs]
    group_documents(docs, sigs, CONFIG)
    assert {d.duplicates.near_dup_group for d in docs} == {"a"}
    docs[1].garbled = True  # the kept copy becomes a, which c is not similar enough to
    choose_representatives(docs, CONFIG)
    by = {d.id: d for d in docs}
    kept = by["b"].duplicates.duplicate_of
    assert kept in {"a", "c"}  # whichever of the two ungarbled copies is longer
    loner = by["c" if kept == "a" else "a"]
    assert loner.duplicates.duplicate_of is None and loner.duplicates.near_dup_group == loner.id
    assert loner.duplicates.dup_similarity < CONFIG.near_threshold
    assert [f.code for f in loner.findings if f.code == "near_dup_weak_link"]


def test_publication_dates_far_apart_never_share_an_event():
    docs = seed_docs()
    sigs = [signatures("\n".join(d.lines), d.lines[0], "2022-01-19" if d.id.startswith("000") else "2022-01-30", CONFIG)
            for d in docs]
    g = group_signatures([d.id for d in docs], sigs, CONFIG)
    event = dict(zip(g.ids, g.event_group))
    assert event["000_45b1623a569b7c72"] != event["004_53272421b92e5f9f"]


def test_explain_pair_reports_both_levels_and_the_kept_copy():
    a = " ".join(words(200, 8))
    e = explain_pair(a, a + " extra words here", CONFIG, id_a="x", id_b="y", garbled_b=True)
    assert not e.exact_duplicate and e.near_duplicate and e.near_exact > 0.9
    assert e.shared_shingles and e.kept == "x" and "garbled" in e.kept_reason
    assert e.to_dict()["kept"] == "x" and "near duplicate: yes" in e.format()
    seeds = {d.id[:3]: "\n".join(d.lines) for d in seed_docs()}
    s = explain_pair(seeds["000"], seeds["004"], CONFIG)
    assert not s.near_duplicate and s.event_exact > 0
    assert any(name == "e:ryabkov" for name, _ in s.shared_features)


def test_config_rejects_inconsistent_bands():
    with pytest.raises(ValueError, match="bands x rows"):
        DuplicatesConfig(bands=10, rows=4)


def test_index_marks_repeats_and_refuses_other_settings(tmp_path):
    old = [make_doc("old/1", "T\n" + " ".join(words(300, 9))), make_doc("old/2", "T\n" + " ".join(words(300, 10)))]
    old_sigs = [signatures("\n".join(d.lines), None, None, CONFIG) for d in old]
    path = tmp_path / "dups.sqlite"
    with open_index(path, CONFIG) as index:
        index.add([d.id for d in old], old_sigs, "drop-1")
        assert len(index) == 2
    w = words(300, 9)
    new = [make_doc("new/1", "T\n" + " ".join(w[:290] + ["x"])), make_doc("new/2", "T\n" + " ".join(words(300, 11)))]
    new_sigs = [signatures("\n".join(d.lines), None, None, CONFIG) for d in new]
    with open_index(path, CONFIG) as index:
        found = index.mark(new, new_sigs)
    assert set(found) == {"new/1"} and found["new/1"][0] == "drop-1/old/1"
    seen = [f for f in new[0].findings if f.code == "seen_before"]
    assert seen and seen[0].evidence["old_id"] == "drop-1/old/1"
    with pytest.raises(IndexMismatchError, match="num_perm"):
        open_index(path, replace(CONFIG, num_perm=64, bands=16, rows=4))


def test_index_signed_before_the_signed_text_was_recorded_is_refused(tmp_path):
    """An index whose signatures read another text (here: one made before the signed text was
    recorded) would mix with new ones silently: opening it is refused, naming the setting."""
    path = tmp_path / "dups.sqlite"
    with open_index(path, CONFIG):
        pass
    with sqlite3.connect(path) as db:
        db.execute("DELETE FROM meta WHERE key = 'signed_text'")
    with pytest.raises(IndexMismatchError, match="signed_text"):
        open_index(path, CONFIG)


def test_index_add_is_transactional(tmp_path):
    docs = [make_doc(f"d{k}", "T\n" + " ".join(words(200, 20 + k))) for k in range(3)]
    sigs = [signatures("\n".join(d.lines), None, None, CONFIG) for d in docs]
    path = tmp_path / "dups.sqlite"
    with open_index(path, CONFIG) as index:
        index.add(["d0"], sigs[:1], "drop-1")
        with pytest.raises(Exception):
            index.add(["d1", "d2"], [sigs[1], None], "drop-2")  # fails half-way through the drop
        assert len(index) == 1
    assert sqlite3.connect(path).execute("SELECT COUNT(*) FROM docs").fetchone()[0] == 1


def test_salient_features_find_names_numbers_and_title_terms():
    text = "Talks in Geneva lasted 7 hours.\nThe minister Sergei Ryabkov met Envoys on 12 January."
    f = salient(text, "Ryabkov in Geneva", "en", names=True).as_dict()
    assert {"e:geneva", "e:ryabkov", "e:sergei", "e2:sergei ryabkov", "n:12", "t:ryabkov", "t:geneva"} <= set(f)
    assert "e:the" not in f and "e:talks" not in f  # a common word opening a sentence is not a name
    assert "e:envoys" in f  # ... but it is inside a sentence
    assert f["n:12"] > f["n:7"]  # one-digit numbers are everywhere: weaker
    assert all(not name.startswith("e:january") for name in f)  # months are time words, not names


@pytest.mark.parametrize("dateline, credit", [
    ("LAS VEGAS (KLAS) -- Police said a man was hurt.", "klas"),
    ("VIENNA (Reuters) - Austria closed its borders.", "reuters"),
    ("Talks resume\nBerlin (dpa) - Die Gespr\u00e4che gehen weiter.", "dpa"),
    ("Sube el paro Madrid, 1 ene (EFE).- El Gobierno aprob\u00f3 el presupuesto.", "efe"),
    ("BUFFALO, N.Y. (WIVB) \u2014 Two officers were hurt.", "wivb"),
    ("Jakarta [Indonesia], Jan 1 (ANI): Nine people died.", "ani"),
    ("NATIONAL (AP-Yonhap) WASHINGTON -- The envoy spoke.", "yonhap"),
    ("Fans cheered the rout (MENAFN - Gulf Times) Malkin scored twice.", "menafn"),
    ("NEW YORK, Jan. 1, 2020 /PRNewswire/ -- Sales of radios grew.", "prnewswire"),
])
def test_an_outlets_dateline_credit_is_no_event_feature(dateline, credit):
    f = salient(dateline, None, "en", names=True).as_dict()
    assert not any(credit in name for name in f)
    assert any(name.startswith("e:") for name in f)  # the rest of the dateline still counts


@pytest.mark.parametrize("text, abbreviation", [
    ("Chips from Advanced Micro Devices (AMD) in Sunnyvale sold well.", "amd"),
    ("A union of Entrepreneurs (PPPT) \u2013 founded in May \u2013 protested.", "pppt"),
    ("A hole in Internet Explorer (IE) lets in attackers.", "ie"),
    ("Finance minister Olaf Scholz (SPD): no new debt.", "spd"),
    ("Olaf Scholz (SPD): Wir machen keine neuen Schulden.", "spd"),  # opening a line
    ("Harry Kane (Tottenham) - 20 goals", "tottenham"),
    ("Apple (AAPL) - shares fell by a tenth", "aapl"),
])
def test_an_abbreviation_after_a_name_stays_a_feature(text, abbreviation):
    assert f"e:{abbreviation}" in salient(text, None, "en", names=True).as_dict()


def test_rare_words_are_weighed_as_wordfreq_folds_them():
    from cleaner.frequencies import zipf

    assert zipf("straße", "de") > 4  # the list holds "strasse"
    assert features.features_of(features.tokenise("die straße", "de"), None, names=True).as_dict()["w:straße"] < 3


def test_signatures_do_not_depend_on_what_the_process_saw_before():
    text = "\n".join(seed_docs()[0].lines)
    first = signatures(text, "Title", None, CONFIG)
    for d in seed_docs()[1:]:
        signatures("\n".join(d.lines), None, None, CONFIG)
    features._LEXICONS.clear()
    again = signatures(text, "Title", None, CONFIG)
    assert (first.event_keys == again.event_keys).all() and (first.event_weights == again.event_weights).all()
    assert (first.near == again.near).all() and first.time == again.time


def test_batch_similarities_match_the_scalar_rules():
    rng = np.random.default_rng(3)
    dense = np.where(rng.random((6, 40)) < 0.3, rng.random((6, 40)), 0.0).astype(np.float32)
    matrix = sp.csr_matrix(dense)
    pairs = np.array([(i, j) for i in range(6) for j in range(i + 1, 6)])
    got = weighted_jaccard_pairs(matrix, dense.sum(axis=1).astype(np.float64), pairs)
    want = [np.minimum(dense[i], dense[j]).sum() / np.maximum(dense[i], dense[j]).sum() for i, j in pairs]
    assert np.allclose(got, want, atol=1e-6)
    config = replace(CONFIG, dateline_penalty=0.5, weekday_penalty=0.8)
    cues = [TimeCues(int(rng.integers(0, 3)) * 730_000 + int(rng.integers(0, 6)),
                     int(rng.integers(0, 2)) * (730_010 + int(rng.integers(0, 20))),
                     int(rng.choice([0, 2012, 2013, 2015])), int(rng.integers(-1, 3))) for _ in range(12)]
    pairs = np.array([(i, j) for i in range(12) for j in range(i + 1, 12)])
    batch = time_factor_pairs(time_columns(cues), pairs, config)
    assert batch.tolist() == [time_factor(cues[i], cues[j], config) for i, j in pairs.tolist()]


def test_agreeing_time_cues_raise_the_similarity_and_contradicting_ones_never_do():
    config = replace(CONFIG, dateline_penalty=0.5, weekday_penalty=0.8)
    window = config.date_window_days * config.dateline_window_factor
    a = TimeCues(date=0, dateline=735_000, latest_year=2013, weekday=2)
    assert time_factor(a, replace(a, dateline=735_000 + window), config) == config.dateline_bonus * config.weekday_bonus
    assert time_factor(a, replace(a, dateline=735_001 + window), config) == config.dateline_penalty * config.weekday_bonus
    assert time_factor(a, replace(a, dateline=0, weekday=3), config) == config.weekday_penalty
    assert time_factor(a, TimeCues(0, 0, 0, -1), config) == 1.0
    assert time_factor(replace(a, date=735_000), replace(a, date=735_010), config) == 0.0  # publication dates rule


def test_event_similarity_is_capped_at_one():
    text = "\n".join(seed_docs()[0].lines)
    config = replace(CONFIG, weekday_bonus=3.0)
    sigs = [signatures(text, None, None, config), signatures(text + " Wednesday", None, None, config)]
    assert EventVerifier(sigs, config)(np.array([[0, 1]])).tolist() == [1.0]


def test_pairs_are_canonical():
    assert unique_pairs(np.array([(3, 1), (1, 3), (0, 2)]), 4).tolist() == [[0, 2], [1, 3]]


def test_index_keeps_same_ids_of_different_drops_and_finds_a_resent_article(tmp_path):
    docs = [make_doc("story", "T\n" + " ".join(words(300, 30))), make_doc("story", "T\n" + " ".join(words(300, 31)))]
    sigs = [signatures("\n".join(d.lines), None, None, CONFIG) for d in docs]
    path = tmp_path / "dups.sqlite"
    with open_index(path, CONFIG) as index:
        index.add(["story"], sigs[:1], "drop-1")
        index.add(["story"], sigs[1:], "drop-2")
        assert len(index) == 2
    before = path.read_bytes()
    with open_index(path, CONFIG, read_only=True) as index:
        assert index.query(["story"], sigs[:1]) == {"story": ("drop-1/story", 1.0)}
    assert path.read_bytes() == before


@given(st.lists(st.integers(0, 2**63 - 1), max_size=300), st.sampled_from([np.uint32, np.int64, np.uint64]))
def test_unique_sorted_is_np_unique(values: list[int], dtype: type) -> None:
    from cleaner.stages.dedup.arrays import unique_sorted

    array = np.array(values, dtype=np.uint64).astype(dtype)
    for shaped in (array, array[: len(array) // 2 * 2].reshape(-1, 2)):
        got, expected = unique_sorted(shaped), np.unique(shaped)
        assert got.dtype == expected.dtype and np.array_equal(got, expected)


@given(st.lists(st.lists(st.integers(0, 50), max_size=40), min_size=1, max_size=5))
def test_vocabulary_counts_merged_block_by_block_equal_one_count(blocks: list[list[int]]) -> None:
    from cleaner.stages.dedup.grouping import _add_counts

    vocab, df = np.zeros(0, dtype=np.uint32), np.zeros(0, dtype=np.int64)
    for block in blocks:
        keys, counts = np.unique(np.array(block, dtype=np.uint32), return_counts=True)
        vocab, df = _add_counts(vocab, df, keys, counts)
    expected, expected_df = np.unique(np.array([k for b in blocks for k in b], dtype=np.uint32), return_counts=True)
    assert vocab.dtype == np.uint32 and np.array_equal(vocab, expected) and np.array_equal(df, expected_df)


def test_the_event_feature_matrix_built_in_blocks_is_the_matrix_built_at_once(monkeypatch) -> None:
    import cleaner.stages.dedup.grouping as grouping

    docs = seed_docs()
    sigs = [signatures("\n".join(d.lines), d.lines[0], None, CONFIG) for d in docs]
    whole, totals = grouping.event_matrix(sigs)
    monkeypatch.setattr(grouping, "BLOCK", 2)
    blocks, block_totals = grouping.event_matrix(sigs)
    assert whole.shape == blocks.shape and (whole != blocks).nnz == 0 and np.array_equal(totals, block_totals)
