"""Persistent signature index (one SQLite file) so each new drop is checked against every
earlier one without recomputing the past.

Stores, per article seen: its key ``<drop>/<id>`` (ids are unique only within one drop), the hash of its normalised text, its near-duplicate MinHash
values and their LSH band keys. The ``meta`` table records library, version, scheme, seed,
permutations, bands, rows, shingle size and tokeniser; opening with other settings raises
``IndexMismatchError``. ``add`` runs in one transaction: a run killed half-way leaves the
previous index as it was.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import numpy as np

from ...document import Document, Finding
from .candidates import band_keys
from .config import DuplicatesConfig
from .signature import DocSignature, estimate_jaccard, scheme_record

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS docs (id TEXT PRIMARY KEY, text_hash INTEGER NOT NULL, near BLOB NOT NULL, drop_name TEXT);
CREATE TABLE IF NOT EXISTS bands (band_key INTEGER NOT NULL, doc_id TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS bands_key ON bands (band_key);
CREATE INDEX IF NOT EXISTS docs_text ON docs (text_hash);
"""


class IndexMismatchError(RuntimeError):
    """The index was built with other signature settings, or is no index at all (another program's
    SQLite file): its signatures cannot be compared."""


def _signed(values: np.ndarray) -> list[int]:
    return values.astype(np.uint64).view(np.int64).tolist()


class SignatureIndex:
    """An open index file. Use ``query`` on a drop, then ``add`` it; ``close`` when done."""

    def __init__(self, path: Path, config: DuplicatesConfig, connection: sqlite3.Connection) -> None:
        self.path = path
        self.config = config
        self._db = connection

    def __enter__(self) -> SignatureIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._db.close()

    def __len__(self) -> int:
        return self._db.execute("SELECT COUNT(*) FROM docs").fetchone()[0]

    def query(self, ids: list[str], sigs: list[DocSignature]) -> dict[str, tuple[str, float]]:
        """For each new id that repeats an indexed article: (old id, similarity). Exact text first,
        then LSH band matches verified by estimated Jaccard >= near_threshold; ties to the smallest old id."""
        found: dict[str, tuple[str, float]] = {}
        keys = band_keys(np.stack([s.near for s in sigs]), self.config.bands, self.config.rows) if sigs else None
        for k, (doc_id, sig) in enumerate(zip(ids, sigs)):
            if sig.empty:
                continue
            row = self._db.execute(
                "SELECT id FROM docs WHERE text_hash = ? ORDER BY id LIMIT 1",
                (_signed(np.array([sig.text_hash], dtype=np.uint64))[0],),
            ).fetchone()
            if row:
                found[doc_id] = (row[0], 1.0)
                continue
            marks = ",".join("?" * keys.shape[1])
            rows = self._db.execute(
                f"SELECT DISTINCT d.id, d.near FROM bands b JOIN docs d ON d.id = b.doc_id "
                f"WHERE b.band_key IN ({marks}) ORDER BY d.id",
                tuple(_signed(keys[k])),
            ).fetchall()
            best: tuple[str, float] | None = None
            for old_id, blob in rows:
                sim = estimate_jaccard(sig.near, np.frombuffer(blob, dtype=np.uint32))
                if sim >= self.config.near_threshold and (best is None or sim > best[1]):
                    best = (old_id, sim)
            if best:
                found[doc_id] = best
        return found

    def mark(self, docs: list[Document], sigs: list[DocSignature]) -> dict[str, tuple[str, float]]:
        """``query`` and record a ``seen_before`` finding on every document that repeats an old one."""
        found = self.query([d.id for d in docs], sigs)
        for doc in docs:
            if doc.id in found:
                old_id, sim = found[doc.id]
                doc.add(Finding(stage="duplicates", code="seen_before", line=None, score=sim,
                                detail=f"repeats {old_id} from an earlier drop (similarity {sim:.2f})",
                                evidence={"old_id": old_id, "index": self.path.name}))
        return found

    def add(self, ids: list[str], sigs: list[DocSignature], drop_name: str) -> None:
        """Record a drop in one transaction, each article as ``<drop_name>/<id>`` (a drop added
        again under the same name replaces its earlier record)."""
        if not sigs:
            return
        keys = band_keys(np.stack([s.near for s in sigs]), self.config.bands, self.config.rows)
        with self._db:
            for k, (article_id, sig) in enumerate(zip(ids, sigs)):
                doc_id = f"{drop_name}/{article_id}"
                self._db.execute("DELETE FROM bands WHERE doc_id = ?", (doc_id,))
                self._db.execute(
                    "INSERT OR REPLACE INTO docs (id, text_hash, near, drop_name) VALUES (?, ?, ?, ?)",
                    (doc_id, _signed(np.array([sig.text_hash], dtype=np.uint64))[0],
                     np.ascontiguousarray(sig.near, dtype=np.uint32).tobytes(), drop_name),
                )
                if not sig.empty:
                    self._db.executemany("INSERT INTO bands (band_key, doc_id) VALUES (?, ?)",
                                         [(key, doc_id) for key in _signed(keys[k])])


def open_index(path: str | Path, config: DuplicatesConfig, read_only: bool = False) -> SignatureIndex:
    """Open (or create) the index at ``path``; raise ``IndexMismatchError`` if it was built with other settings.

    ``read_only`` opens an existing index without ever writing to it (``cleaner check``).
    """
    path = Path(path)
    db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True) if read_only else sqlite3.connect(path)
    try:
        with db:
            tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if (tables and "meta" not in tables) or (read_only and not tables):
                raise IndexMismatchError(f"{path} is not a cleaner duplicates index (it has no meta table): "
                                         f"give the path of an index, or of a new file")
            if not read_only:
                db.executescript(SCHEMA)
            wanted = scheme_record(config)
            stored = dict(db.execute("SELECT key, value FROM meta").fetchall())
            if not stored and not read_only:
                db.executemany("INSERT INTO meta (key, value) VALUES (?, ?)", sorted(wanted.items()))
            else:
                diff = {k: (stored.get(k), v) for k, v in wanted.items() if stored.get(k) != v}
                if diff:
                    said = "; ".join(f"{k}: index has {old!r}, this run uses {new!r}" for k, (old, new) in sorted(diff.items()))
                    raise IndexMismatchError(
                        f"duplicate index {path} was built with other signature settings ({said}). "
                        f"Signatures from different settings never mix: run with the index's settings, "
                        f"or move the file away to start a new index."
                    )
    except BaseException:
        db.close()
        raise
    return SignatureIndex(path, config, db)
