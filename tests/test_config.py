"""Settings that cannot work are refused when the configuration is read: one line, exit code 2."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from cleaner.cli import main
from cleaner.config import ConfigError, load_config

from .conftest import RAW

BAD_SETTINGS = [
    ("input.max_bytes=0", "input.max_bytes"),
    ("language.min_probability=5", "language.min_probability"),
    ("language.sample_chars=0", "language.sample_chars"),
    ("language.trials=0", "language.trials"),
    ("duplicates.num_perm=-4", "duplicates.num_perm"),
    ("duplicates.seed=-1", "duplicates.seed"),
    ("duplicates.seed=4294967296", "duplicates.seed"),
    ("duplicates.near_threshold=2", "duplicates.near_threshold"),
    ("duplicates.event_threshold=nan", "duplicates.event_threshold"),
    ("duplicates.year_penalty=-0.5", "duplicates.year_penalty"),
    ("duplicates.event_min_agree=65", "duplicates.event_min_agree"),
    ("garble.rare_scale=0", "garble.rare_scale"),
    ("garble.threshold=-1", "garble.threshold"),
    ("boilerplate.min_score=-0.5", "boilerplate.min_score"),
    ('boilerplate.extra_lexicons=["no-such-lexicon.toml"]', "no-such-lexicon.toml"),
    ('boilerplate.extra_phrases={"^sponsored"="no_such_class"}', "no_such_class"),
]


@pytest.mark.parametrize(("setting", "named"), BAD_SETTINGS)
def test_a_setting_out_of_range_is_a_one_line_usage_error(setting: str, named: str, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["clean", str(RAW), "-o", str(tmp_path / "out"), "--set", setting, "-q"])
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert named in result.output and len(result.output.strip().splitlines()) == 1
    assert not (tmp_path / "out").exists()


def test_the_duplicates_event_scheme_must_have_permutations() -> None:
    with pytest.raises(ConfigError, match="event_num_perm"):
        load_config(None, ["duplicates.event_num_perm=0", "duplicates.event_bands=0", "duplicates.event_rows=1"])


def test_a_lexicon_file_that_is_not_toml_is_named(tmp_path: Path) -> None:
    lexicon = tmp_path / "mine.toml"
    lexicon.write_text("this is = = not toml\n")
    with pytest.raises(ConfigError, match="mine.toml"):
        load_config(None, [f'boilerplate.extra_lexicons=["{lexicon.as_posix()}"]'])


def test_settings_in_range_are_accepted(tmp_path: Path) -> None:
    lexicon = tmp_path / "mine.toml"
    lexicon.write_text('[[advertisement]]\nprefix = ["buy our paper"]\n')
    config = load_config(None, [
        "language.min_probability=1", "duplicates.seed=0", "garble.threshold=1", "input.max_bytes=1",
        f'boilerplate.extra_lexicons=["{lexicon.as_posix()}"]', 'boilerplate.extra_phrases={"^x"="advertisement"}',
    ])
    assert config.language.min_probability == 1.0 and config.duplicates.seed == 0


@pytest.mark.parametrize("text", ["[tool]\ncleaner = 1\n", "tool = 3\n", "[tool]\ncleaner = [1]\n"])
def test_a_pyproject_whose_tool_cleaner_is_no_table_is_a_message(text: str, tmp_path: Path) -> None:
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text(text)
    with pytest.raises(ConfigError, match="table"):
        load_config(pyproject)


def test_a_config_file_that_is_not_utf8_is_a_message(tmp_path: Path) -> None:
    config = tmp_path / "cleaner.toml"
    config.write_bytes("[language]\nseed = 1 # é\n".encode("latin-1"))
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_config(config)


EDGE_SETTINGS = [
    "duplicates.year_penalty=0", "duplicates.dateline_penalty=0", "duplicates.weekday_penalty=0",
    "duplicates.dateline_penalty=1.0", "duplicates.date_window_days=0", "duplicates.event_min_agree=0",
    "duplicates.event_min_agree=1", "duplicates.max_group_pairs=0", "duplicates.near_threshold=0",
    "duplicates.near_threshold=1", "duplicates.event_threshold=1", "garble.name_threshold=0", "garble.text_weight=0",
    "language.min_probability=0", "language.min_letters=0", "boilerplate.min_score=1",
]


@pytest.mark.parametrize("setting", EDGE_SETTINGS)
def test_a_setting_at_the_edge_of_its_range_is_accepted(setting: str) -> None:
    load_config(None, [setting])


def test_a_time_penalty_of_zero_keeps_those_articles_out_of_one_event(tmp_path: Path) -> None:
    """The time factors multiply the similarity: 0 is a veto (as the publication date window is)."""
    from cleaner.stages.dedup.features import TimeCues
    from cleaner.stages.dedup.similarity import time_factor

    vetoes = ["duplicates.year_penalty=0", "duplicates.dateline_penalty=0", "duplicates.weekday_penalty=0"]
    config = load_config(None, vetoes).duplicates
    assert time_factor(TimeCues(0, 0, 2001, 0), TimeCues(0, 0, 2009, 0), config) == 0.0  # years apart
    assert time_factor(TimeCues(0, 0, 2001, 0), TimeCues(0, 0, 2001, 3), config) == 0.0  # Monday, Thursday
    assert time_factor(TimeCues(0, 0, 2001, 0), TimeCues(0, 0, 2001, 0), config) > 0.0
    result = CliRunner().invoke(main, ["clean", str(RAW), "-o", str(tmp_path / "out"), "-q"]
                                + [arg for setting in vetoes for arg in ("--set", setting)])
    assert result.exit_code == 0, result.output
