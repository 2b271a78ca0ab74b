"""Duplicates stage: exact copies, near-duplicate copies (MinHash LSH over word shingles) and
same-event groups (MinHash LSH over salient features), with verification, a chaining guard,
a deterministic kept copy, pair explanations and a persistent index for incremental drops.

Driver call order: ``signatures`` per document (workers) -> ``group_documents`` -> garble stage
-> ``choose_representatives`` -> optionally ``open_index`` / ``query_index`` / ``add_to_index``.
"""

from .config import DuplicatesConfig
from .explain import PairExplanation, explain_pair
from .grouping import Grouping, group_signatures
from .index import IndexMismatchError, SignatureIndex, open_index
from .signature import DocSignature, signatures
from .stage import CODES, KEEP_RULE, STAGE, choose_representatives, group_documents

__all__ = [
    "CODES",
    "KEEP_RULE",
    "STAGE",
    "DocSignature",
    "DuplicatesConfig",
    "Grouping",
    "IndexMismatchError",
    "PairExplanation",
    "SignatureIndex",
    "choose_representatives",
    "explain_pair",
    "group_documents",
    "group_signatures",
    "open_index",
    "signatures",
]
