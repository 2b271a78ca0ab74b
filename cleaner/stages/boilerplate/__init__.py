"""Boilerplate stage: classify junk lines around a news article (captions, bylines, credits,
"See also" links, comment prompts, menus, teasers, footers, ...) with a class and a reason.

Public API (see stage.py for the call order): BoilerplateConfig, run, run_corpus,
line_actions, clean_title, split_site_suffix, classify_lines, CODES, GOLD_SYNONYMS.
"""

from .classify import classify_lines
from .codes import CODES, DEFAULT_POLICY, GOLD_SYNONYMS, STAGE, matches_gold
from .lexicon import LANGUAGES, load_lexicon
from .stage import BoilerplateConfig, clean_title, line_actions, run, run_corpus
from .title import split_site_suffix

__all__ = [
    "CODES", "DEFAULT_POLICY", "GOLD_SYNONYMS", "LANGUAGES", "STAGE", "BoilerplateConfig",
    "classify_lines", "clean_title", "line_actions", "load_lexicon", "matches_gold",
    "run", "run_corpus", "split_site_suffix",
]
