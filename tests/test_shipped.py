"""The bundled corpus ships its vectors: a first build embeds nothing, and only what is
verified and unchanged is taken from the file."""
from __future__ import annotations

import shutil

import numpy as np

from assistant.build import chunk_all, ingest
from assistant.embed import VectorCache, embed_passages
from assistant.shipped import ShippedVectors, shipped_path, write_shipped
from ingest.chunk import ChunkConfig
from ingest.pipeline import load_paths


def bundled_texts(settings) -> list[str]:
    docs = load_paths([settings.corpus], 50 << 20).documents
    return [c.context_text() for c in chunk_all(docs, ChunkConfig(settings.chunk_max_chars, settings.chunk_min_chars))]


def test_every_bundled_chunk_has_a_shipped_vector(settings, embedder):
    """Fails when the corpus or the chunker changed without `python -m assistant.shipped`."""
    shipped = ShippedVectors(shipped_path(settings.corpus, embedder.model_name), embedder.model_name)
    keys = [VectorCache(settings.cache_dir, embedder.model_name).key(t) for t in bundled_texts(settings)]
    found = shipped.get(keys, embedder)
    missing = len(set(keys) - set(found))
    assert missing == 0, f"{missing} 个段落没有自带向量：请运行 python -m assistant.shipped"


def test_first_build_of_the_bundled_corpus_embeds_nothing(tmp_path, settings, embedder):
    home = settings.model_copy(update={"home": tmp_path / "home", "cache": tmp_path / "cold"})
    report = ingest([settings.corpus], home, embedder=embedder)
    assert report.n_chunks > 100 and report.embedded == 0


def test_shipped_vectors_equal_what_the_model_computes(settings, embedder):
    texts = bundled_texts(settings)[:3]
    cache = VectorCache(settings.cache_dir, embedder.model_name)
    shipped = ShippedVectors(shipped_path(settings.corpus, embedder.model_name), embedder.model_name)
    got = shipped.get([cache.key(t) for t in texts], embedder)
    for t in texts:
        fresh = np.asarray(embedder.get_text_embedding(t), dtype=np.float32)
        assert float(fresh @ got[cache.key(t)]) > 0.999


def test_a_file_whose_probe_fails_is_not_used(tmp_path, settings, embedder):
    """Vectors from another model build (or a damaged file) are recomputed, not trusted."""
    corpus = tmp_path / "corpus"
    shutil.copytree(settings.corpus, corpus)
    path = shipped_path(corpus, embedder.model_name)
    with np.load(path, allow_pickle=False) as z:
        keys, vecs, probe = list(z["keys"]), z["vecs"], str(z["probe_text"])
    write_shipped(path, embedder.model_name, keys, vecs, probe, -vecs[0])  # a probe that cannot match
    cache = VectorCache(tmp_path / "cold", embedder.model_name)
    texts = bundled_texts(settings)[:2]
    _, n_new = embed_passages(embedder, cache, texts, embedder.dim, shipped=ShippedVectors(path, embedder.model_name))
    assert n_new == 2


def test_a_changed_document_reembeds_only_its_changed_chunks(tmp_path, settings, embedder):
    corpus = tmp_path / "corpus"
    shutil.copytree(settings.corpus, corpus)
    name = sorted(p.name for p in corpus.glob("00*.txt"))[0]
    (corpus / name).write_text((corpus / name).read_text(encoding="utf-8") + "\n补充一段新的内容，说明社区新增的做法。\n",
                               encoding="utf-8")
    home = settings.model_copy(update={"home": tmp_path / "home", "cache": tmp_path / "cold", "corpus": corpus})
    report = ingest([corpus], home, embedder=embedder)
    assert 1 <= report.embedded <= 2


def test_every_bundled_sentence_has_a_shipped_injection_margin(settings, embedder):
    """Answers never embed a bundled sentence to check it for instructions (assistant/injection.py);
    fails when the corpus, the sentence splitter or the pattern files changed without
    `python -m assistant.shipped`."""
    from assistant.injection import InstructionDetector, margins_path
    from assistant.shipped import corpus_heads

    det = InstructionDetector(embedder, 0.0)
    det.use_disk(None, margins_path(settings.corpus, embedder.model_name))
    heads = corpus_heads(load_paths([settings.corpus], 50 << 20).documents)
    missing = [h for h in heads if det.key(h) not in det.known]
    assert not missing, f"{len(missing)} 个句子没有自带的指令相似度：请运行 python -m assistant.shipped"
    sample = heads[::400]
    fresh = InstructionDetector(embedder, 0.0).margins(sample)  # embedded now, not taken from the file
    for h in sample:
        assert abs(fresh[det.key(h)] - det.known[det.key(h)]) < 1e-3


def test_refreshing_the_shipped_files_embeds_only_new_text(tmp_path, settings):
    """`python -m assistant.shipped` with a cold cache takes unchanged chunks and sentences
    from the shipped files instead of embedding the whole corpus again."""
    from assistant.shipped import export

    corpus = tmp_path / "corpus"
    shutil.copytree(settings.corpus / ".vectors", corpus / ".vectors")
    for name in ("000_3a74469a4d6c4f69.txt", "003_f97dfd424ead4bbd.txt", "metadata.json"):
        shutil.copy(settings.corpus / name, corpus / name)
    cold = tmp_path / "cold"
    refreshed = settings.model_copy(update={"corpus": corpus, "cache": cold})
    path = export(refreshed)
    assert not list(cold.rglob("seg-*.npz")), "unchanged text was embedded again"
    with np.load(path, allow_pickle=False) as z:
        assert len(z["keys"]) == len(set(bundled_texts(refreshed)))
