"""The unit's own clauses (own_articles.population) stored beside the index, so a plan does not
read the duty of every statute paragraph and embed the result in each process (stop 36: 7 s).

    <index root>/own_clauses/own-<unit>-<general>-<code>.json   {"docs": {doc id: {"hash": …,
                                                                 "spans": [[chunk id, section, start, end], …]}},
                                                                 "keys": [text key, …]}
    <index root>/own_clauses/own-<unit>-<general>-<code>-<keys hash>.npy  the clauses' vectors, one row per key

Entries are per statute document and keyed by its content hash, so the population of any library
is the union of its live documents' entries: a document the user adds or changes is read alone
(milliseconds), a deleted one is dropped, and nothing else is recomputed. `code` hashes the plan
package (its duty reading and word lists), the ingest code and the embedding model: a change to
any of them starts a new file. Files are written whole and renamed into place (no pickle)."""
from __future__ import annotations

import json
import logging
import os
from pathlib import Path

import numpy as np

from ingest.model import stable_hash

log = logging.getLogger(__name__)
STATUTE = "法规"
_CODE: dict[str, str] = {}


def code_version(model: str) -> str:
    """A hash of what a stored population depends on besides the documents."""
    if model not in _CODE:
        from ..index import chunker_version

        here = Path(__file__).parent
        files = sorted([*here.glob("*.py"), *here.glob("*.json")])
        _CODE[model] = stable_hash(model, chunker_version(), *(f.read_bytes() for f in files), n=12)
    return _CODE[model]


def statute_hashes(kb) -> dict[str, str]:
    """Each live statute document's content hash."""
    return {i: d.content_hash for i, d in kb.documents.items() if d.meta.get("doc_type") == STATUTE}


class OwnStore:
    """One unit kind's stored population: spans by document, vectors by text key."""

    def __init__(self, kb, unit: int | None, general: bool):
        model = str(getattr(kb.settings, "embed_model", ""))
        self.model = model
        self.dir = Path(kb.settings.index_root) / "own_clauses"
        self.stem = f"own-{unit}-{int(bool(general))}-{code_version(model)}"
        self.docs: dict[str, dict] = {}
        self.keys: list[str] = []
        self.vecs = np.zeros((0, 0), np.float32)
        self.changed = False
        self._read()

    @property
    def path(self) -> Path:
        return self.dir / f"{self.stem}.json"

    def _read(self) -> None:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            vecs = np.load(self.dir / data["vectors"], allow_pickle=False)
            if len(vecs) != len(data["keys"]):
                raise ValueError("vectors and keys differ")
            self.docs, self.keys, self.vecs = data["docs"], list(data["keys"]), vecs
        except (OSError, ValueError, KeyError, TypeError):
            pass  # missing, damaged or replaced meanwhile: computed again and rewritten

    def stale(self, hashes: dict[str, str]) -> list[str]:
        """The live statute documents with no entry for their current content."""
        return [i for i, h in hashes.items() if (self.docs.get(i) or {}).get("hash") != h]

    def update(self, hashes: dict[str, str], spans: dict[str, list]) -> None:
        """Set the entries of the documents read now; drop those no longer in the library."""
        for i in list(self.docs):
            if i not in hashes:
                del self.docs[i]
                self.changed = True
        for i, rows in spans.items():
            self.docs[i] = {"hash": hashes[i], "spans": [list(r) for r in rows]}
            self.changed = True

    def spans(self, hashes: dict[str, str]) -> list[tuple[str, str, str, int, int]]:
        return [(i, *r) for i in hashes for r in (self.docs.get(i) or {}).get("spans", [])]

    def key(self, text: str) -> str:
        return stable_hash(self.model, text, n=20)

    def vectors(self, texts: list[str], embed) -> np.ndarray:
        """Unit vectors of `texts`, embedding (with `embed(texts) -> array`) only those not stored."""
        have = {k: n for n, k in enumerate(self.keys)}
        todo = list(dict.fromkeys(t for t in texts if self.key(t) not in have))
        if todo:
            new = np.asarray(embed(todo), dtype=np.float32)
            new = new / np.maximum(np.linalg.norm(new, axis=1, keepdims=True), 1e-12)
            self.vecs = np.vstack([self.vecs, new]) if len(self.vecs) else new
            self.keys += [self.key(t) for t in todo]
            self.changed = True
            have = {k: n for n, k in enumerate(self.keys)}
        return self.vecs[[have[self.key(t)] for t in texts]] if texts else np.zeros((0, 1), np.float32)

    def save(self) -> None:
        """Write the vectors under a name of their keys, then the json naming them (renamed into
        place: a reader sees the old pair or the new one). A failure only means reading again."""
        if not self.changed:
            return
        vname = f"{self.stem}-{stable_hash(*self.keys, n=8)}.npy"
        tmp_j, tmp_v = (self.dir / f".{self.stem}.{os.getpid()}.{x}" for x in ("json", "npy"))
        try:
            self.dir.mkdir(parents=True, exist_ok=True)
            with open(tmp_v, "wb") as f:
                np.save(f, self.vecs, allow_pickle=False)
            os.replace(tmp_v, self.dir / vname)
            tmp_j.write_text(json.dumps({"docs": self.docs, "keys": self.keys, "vectors": vname},
                                        ensure_ascii=False), encoding="utf-8")
            os.replace(tmp_j, self.path)
            self.changed = False
            code = self.stem.rsplit("-", 1)[-1]
            for old in self.dir.glob("own-*"):  # an earlier code version's files, this kind's old vectors
                if code not in old.name or (old.name.startswith(self.stem + "-") and old.name != vname):
                    old.unlink(missing_ok=True)
        except OSError as e:
            log.warning("无法保存本单位条款的缓存（%s）：下次起草时会重新计算", e)
        finally:
            tmp_j.unlink(missing_ok=True)
            tmp_v.unlink(missing_ok=True)
