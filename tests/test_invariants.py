"""Invariants over arbitrary text: raw line numbers kept, cleaning idempotent, results deterministic."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleaner import Config, clean_text
from cleaner.manifest import record
from cleaner.reader import split_lines

# Text with the characters that make trouble: mojibake pairs, line separators, CR, controls.
ALPHABET = st.sampled_from(list("abc XYZ.,;\"'\n\r\t\u00c3\u00a9\u00e2\u20ac\u2122\u2019\u201c\u00a0\u2028\x85\x0c&;#é–") + ["amp"])
TEXTS = st.lists(ALPHABET, max_size=300).map("".join)
CONFIG = Config()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_stages_never_add_or_remove_lines(text: str) -> None:
    doc = clean_text(text, CONFIG).document
    assert len(doc.lines) == len(split_lines(text))
    assert all(f.line is None or 1 <= f.line <= len(doc.lines) for f in doc.findings)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_cleaning_is_idempotent(text: str) -> None:
    once = clean_text(text, CONFIG).text
    assert clean_text(once, CONFIG).text == once


@settings(max_examples=50, deadline=None)
@given(TEXTS)
def test_same_input_same_record(text: str) -> None:
    first, second = clean_text(text, CONFIG), clean_text(text, CONFIG)
    assert record(first.document, CONFIG, None, first.text) == record(second.document, CONFIG, None, second.text)


def test_first_line_indented_after_a_blank_title_is_stable() -> None:
    """Found by hypothesis: the first kept line becomes the title when the output is read again."""
    once = clean_text("\n a", CONFIG).text
    assert once == "a\n" and clean_text(once, CONFIG).text == once


def test_encoding_repair_ignores_surrounding_whitespace() -> None:
    """Found by hypothesis: ftfy judged "\\u00a0Ã a" and "Ã a" differently, so a second clean changed the text."""
    once = clean_text("\u00a0Ã a", CONFIG).text
    assert clean_text(once, CONFIG).text == once


def test_a_line_of_unicode_whitespace_is_blank() -> None:
    """Found by hypothesis: a lone U+2028 was kept once, then dropped as a blank title."""
    once = clean_text("\n\u2028\nBody", CONFIG).text
    assert once == "Body\n" and clean_text(once, CONFIG).text == once


def test_a_carriage_return_left_at_a_line_end_is_trimmed() -> None:
    """Found by hypothesis: "a\\r\\u00a0" lost its space, and the bare CR then vanished on re-reading."""
    once = clean_text("a\na\r\u00a0", CONFIG).text
    assert once == "a\na\n" and clean_text(once, CONFIG).text == once


def test_repair_and_trimming_agree_on_unicode_spaces() -> None:
    """Found by hypothesis: a leading U+2028 hid mojibake from ftfy until the title was trimmed."""
    once = clean_text("\u2028\u00a0Ã©", CONFIG).text
    assert clean_text(once, CONFIG).text == once


# Names and lines of any script, apostrophes, brackets and dashes: what the new text rules parse.
WORDS = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60)


@settings(max_examples=300, deadline=None)
@given(WORDS, WORDS)
def test_text_rules_take_any_string(a: str, b: str) -> None:
    from cleaner.stages.boilerplate.listing import RANK, data_marks, shared
    from cleaner.stages.dedup.features import without_credits
    from cleaner.stages.garble.names import is_inflection

    assert is_inflection(a, b) == is_inflection(b, a)
    assert len(without_credits(a)) <= len(a) + 1
    marks = data_marks(a, indent_is_bullet=True)
    assert shared(a, marks, a, marks) == marks & ~RANK  # a line shares its marks with itself; ranks must count up
    assert shared(a, marks, b, data_marks(b)) & ~(marks & data_marks(b)) == 0
