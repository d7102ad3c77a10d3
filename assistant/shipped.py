"""Precomputed passage vectors that ship with the bundled corpus.

Embedding the bundled corpus costs about 0.35 s per chunk on one thread, so the vectors for
the default model ship in `corpus/.vectors/<model>.npz`, keyed exactly as the vector cache
keys them (hash of model id and chunk text). They are used only after a check at load: the
file names the model, and one probe passage stored in it is embedded again and must give the
stored vector. A chunk whose text changed has another key and is embedded as usual.

Refresh after changing the corpus or the chunker: `python -m assistant.shipped`.
"""
from __future__ import annotations

import logging
import re
import sys
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)
PROBE_MIN_COSINE = 0.999  # the same model on another CPU gives the same vector to ~1e-6


def shipped_path(corpus: Path, model_id: str) -> Path:
    slug = re.sub(r"[^A-Za-z0-9_.-]+", "_", model_id)[-60:]
    return corpus / ".vectors" / f"{slug}.npz"


class ShippedVectors:
    """Read-only vectors from one shipped file, trusted after the probe check."""

    def __init__(self, path: Path, model_id: str):
        self.path, self.model_id = path, model_id
        self._vecs: dict[str, np.ndarray] | None = None
        self._probe: tuple[str, np.ndarray] | None = None
        self._trusted: bool | None = None

    def _load(self) -> dict[str, np.ndarray]:
        if self._vecs is not None:
            return self._vecs
        self._vecs = {}
        if not self.path.exists():
            return self._vecs
        try:
            with np.load(self.path, allow_pickle=False) as z:
                if str(z["model"]) != self.model_id:
                    return self._vecs
                keys, vecs = z["keys"], z["vecs"]
                self._probe = (str(z["probe_text"]), np.asarray(z["probe_vec"], dtype=np.float32))
            if vecs.ndim != 2 or len(keys) != len(vecs):
                raise ValueError("keys and vectors differ in length")
        except Exception as e:  # damaged file: embed as if it were absent, and say so
            log.warning("自带向量文件 %s 无法读取（%s），将重新计算向量", self.path, e)
            return self._vecs
        self._vecs = {str(k): v for k, v in zip(keys, vecs)}
        return self._vecs

    def get(self, keys: list[str], model) -> dict[str, np.ndarray]:
        """The shipped vectors among `keys`, once the probe passage re-embeds to its vector."""
        vecs = self._load()
        found = {k: vecs[k] for k in keys if k in vecs}
        if not found or not self._check(model):
            return {}
        return found

    def _check(self, model) -> bool:
        if self._trusted is None:
            text, want = self._probe
            got = np.asarray(model.get_text_embedding_batch([text]), dtype=np.float32)[0]
            cos = float(got @ want / (np.linalg.norm(got) * np.linalg.norm(want) + 1e-12))
            self._trusted = cos >= PROBE_MIN_COSINE
            if not self._trusted:
                log.warning("自带向量与当前模型不一致（余弦 %.4f），将重新计算向量：%s", cos, self.path)
        return self._trusted


def write_shipped(path: Path, model_id: str, keys: list[str], vecs: np.ndarray,
                  probe_text: str, probe_vec: np.ndarray) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    order = np.argsort(np.array(keys))  # stable bytes for the same corpus
    tmp = path.with_suffix(".tmp.npz")
    np.savez_compressed(tmp, model=np.array(model_id), keys=np.array(keys, dtype="U24")[order],
                        vecs=vecs.astype(np.float32)[order], probe_text=np.array(probe_text),
                        probe_vec=probe_vec.astype(np.float32))
    tmp.replace(path)


def export(settings=None) -> Path:
    """Embed (or take from the cache) every chunk of the bundled corpus and write the file."""
    from ingest.chunk import ChunkConfig
    from ingest.pipeline import load_paths

    from .build import chunk_all
    from .embed import VectorCache, embed_passages, make_embedder
    from .settings import Settings

    settings = settings or Settings.load()
    docs = load_paths([settings.corpus], int(settings.max_file_mb * 2**20)).documents
    chunks = chunk_all(docs, ChunkConfig(settings.chunk_max_chars, settings.chunk_min_chars))
    texts = sorted({c.context_text() for c in chunks})
    model = make_embedder(settings.embed_model, settings.embed_threads, settings.embed_batch)
    cache = VectorCache(settings.cache_dir, model.model_name)
    path = shipped_path(settings.corpus, model.model_name)
    # unchanged chunks keep their shipped vectors (trusted after the probe): only new ones embed
    vecs, n_new = embed_passages(model, cache, texts, model.dim, settings.embed_batch,
                                 shipped=ShippedVectors(path, model.model_name))
    write_shipped(path, model.model_name, [cache.key(t) for t in texts], vecs, texts[0], vecs[0])
    print(f"{path}: {len(texts)} 个向量（本次计算 {n_new} 个）", file=sys.stderr)
    export_margins(settings, docs, model, cache)
    return path


def corpus_heads(docs) -> list[str]:
    """Every sentence of the documents as the injection check reads it (its head)."""
    from ingest.sentences import sentence_spans

    from .injection import MAX_CHARS
    heads = (d.text[a:b].strip()[:MAX_CHARS] for d in docs for a, b in sentence_spans(d.text))
    return sorted({h for h in heads if h})


def export_margins(settings, docs, model, cache) -> Path:
    """The injection margin of every sentence of the bundled corpus (assistant/injection.py),
    so answering never embeds a bundled sentence to check it."""
    import json

    from .injection import InstructionDetector, margins_path
    det = InstructionDetector(model, 0.0)
    # margins already shipped for these anchors and this model are kept: only new sentences embed
    det.use_disk(cache, margins_path(settings.corpus, model.model_name))
    margins = det.margins(corpus_heads(docs))
    path = margins_path(settings.corpus, model.model_name)
    rec = {"model": model.model_name, "anchors": det.anchors_id(), "margins": dict(sorted(margins.items()))}
    path.write_text(json.dumps(rec, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{path}: {len(margins)} 个句子的指令相似度", file=sys.stderr)
    return path


if __name__ == "__main__":
    export()
