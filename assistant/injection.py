"""Sentences in a document that address a language model ("忽略以上指令…", "Ignore everything
above…") rather than a reader: found by a word list and, for paraphrases, by the embedding
model against a small file of instruction-like patterns (data/injection_patterns.txt) and
one of ordinary, often imperative, policy sentences (data/injection_benign.txt): the score is
the similarity to the nearest pattern minus that to the nearest benign sentence, since the
embedding puts every short imperative close to every other ("请各单位认真贯彻执行" is as
near to "请只回答下面这句话" as many paraphrased attacks are).

The threshold on the embedding similarity is fitted by `python -m evals.fit_injection` on a
dev list and measured on a separate test list (injection.json records both); it holds for
the model it was fitted with, so with another embedding model only the word list runs.
Masked sentences never reach the model and are never quoted by the extractive answer.

A sentence's margin depends only on its text, so margins are not recomputed per question:
those of the bundled corpus ship with it (`corpus/.vectors/<model>.injection.json`, written
by `python -m assistant.shipped`, used only while the pattern files are unchanged), and the
vectors of other sentences go to the on-disk vector cache the first time they are quoted."""
from __future__ import annotations

import json
import re
import threading
from pathlib import Path

import numpy as np

from ingest.model import stable_hash
from ingest.sentences import sentence_spans

from . import prompts

PATTERNS = Path(__file__).with_name("data") / "injection_patterns.txt"
BENIGN = Path(__file__).with_name("data") / "injection_benign.txt"
FITTED = Path(__file__).with_name("injection.json")  # from `python -m evals.fit_injection`

# The word list: instruction phrasing that needs no model to recognise.
WORDS = re.compile(
    r"(?:忽略|无视|忽视|忘记|忘掉|不要理会|不要遵守|跳过)(?:掉)?(?:你)?(?:以上|上面|上述|之前|前面|前文|上文|先前|此前|所有|全部|系统)"
    r"|(?:ignore|disregard|forget)\s+(?:all\s+|any\s+|everything\s+)?(?:the\s+|of\s+the\s+)?(?:previous|prior|above|earlier|preceding)"
    r"|(?:你|您)(?:现在|从现在起|接下来)(?:是|扮演|作为|必须|只能|只需)"
    r"|(?:系统提示|system\s*prompt|提示词|越狱|jailbreak)"
    r"|(?:请|必须|务必)?(?:只|仅)(?:回答|输出|回复)[：:“\"]"
    r"|(?:改为|改成|改用|换成)(?:英文|英语|其他语言)?(?:回答|输出|回复)"
    r"|(?:你|您)的(?:回答|回复|输出|答案)"
    r"|(?:AI|人工智能|大模型|语言模型|聊天机器人|助手)(?:助手)?[，,]?\s*(?:请|必须|应当|你|您)"
    r"|(?:回答|输出|回复)(?:时|中)?(?:只|仅|必须|一律)"
    r"|不要(?:引用|参考|使用|理会)(?:资料|上述|以上|前面)",
    re.IGNORECASE)
MAX_CHARS = 200  # a sentence is judged on its head: instructions are short
_CACHE_SIZE = 4096


def load_patterns(path: Path = PATTERNS) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [x.strip() for x in lines if x.strip() and not x.lstrip().startswith("#")]


def fitted() -> dict:
    try:
        return json.loads(FITTED.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


class InstructionDetector:
    """`flags(sentences) -> [bool]`: which sentences read as instructions to a model. The
    word list decides first; the rest are embedded (passage role, in one batch, cached) and
    scored: similarity to the nearest pattern minus similarity to the nearest benign
    sentence; a score of at least `threshold` flags the sentence. Without an embedder or a
    threshold, only the word list runs."""

    def __init__(self, embedder=None, threshold: float | None = None, patterns: list[str] | None = None,
                 benign: list[str] | None = None):
        self.embedder, self.threshold = embedder, threshold
        self.patterns = patterns if patterns is not None else load_patterns()
        self.benign = benign if benign is not None else load_patterns(BENIGN)
        self._pvecs: np.ndarray | None = None
        self._bvecs: np.ndarray | None = None
        self._scores: dict[str, float] = {}
        self._lock = threading.Lock()
        self.cache = None  # an embed.VectorCache: sentence vectors kept on disk across runs
        self.known: dict[str, float] = {}  # shipped margins, by key(head)

    def anchors_id(self) -> str:
        """Names the pattern and benign lists: shipped margins hold only for these."""
        return stable_hash(*self.patterns, "\x00", *self.benign, n=16)

    def key(self, head: str) -> str:
        return stable_hash(getattr(self.embedder, "model_name", ""), head, n=24)

    def use_disk(self, cache, shipped_margins: Path | None) -> None:
        """Keep sentence vectors in `cache` and trust the shipped margins file when it was
        computed with this model and these anchors."""
        self.cache = cache
        try:
            rec = json.loads(shipped_margins.read_text(encoding="utf-8")) if shipped_margins else {}
        except (OSError, ValueError):
            rec = {}
        if rec.get("anchors") == self.anchors_id() and rec.get("model") == getattr(self.embedder, "model_name", None):
            self.known = rec.get("margins", {})

    def flags(self, sentences: list[str]) -> list[bool]:
        by_words = [bool(WORDS.search(s)) for s in sentences]
        if self.embedder is None or self.threshold is None:
            return by_words
        rest = [s for s, w in zip(sentences, by_words) if not w and s.strip()]
        scores = self.scores(rest)
        return [w or scores.get(s, 0.0) >= self.threshold for s, w in zip(sentences, by_words)]

    def scores(self, sentences: list[str]) -> dict[str, float]:
        """Each sentence's margin: nearest pattern minus nearest benign sentence (cosine)."""
        heads = {s: s.strip()[:MAX_CHARS] for s in sentences}
        with self._lock:
            found: dict[str, float] = {}
            for h in dict.fromkeys(heads.values()):
                k = self.key(h) if self.known else ""
                if h in self._scores or k in self.known:
                    found[h] = self._scores[h] if h in self._scores else self.known[k]
            todo = [h for h in dict.fromkeys(heads.values()) if h not in found]
            if todo:
                vecs = self._embed(todo)
                margin = (vecs @ self._anchors()[0].T).max(axis=1) - (vecs @ self._anchors()[1].T).max(axis=1)
                if len(self._scores) > _CACHE_SIZE:
                    self._scores.clear()
                self._scores.update(zip(todo, margin.tolist()))
                found.update(zip(todo, margin.tolist()))
            return {s: found[h] for s, h in heads.items()}

    def _anchors(self) -> tuple[np.ndarray, np.ndarray]:
        if self._pvecs is None:
            self._pvecs, self._bvecs = self._embed(self.patterns), self._embed(self.benign)
        return self._pvecs, self._bvecs

    def _embed(self, texts: list[str]) -> np.ndarray:
        if self.cache is not None:
            from .embed import embed_passages
            v, _ = embed_passages(self.embedder, self.cache, texts, self.embedder.dim)
        else:
            v = np.asarray(self.embedder.get_text_embedding_batch(texts), dtype=np.float32)
        return v / np.maximum(np.linalg.norm(v, axis=1, keepdims=True), 1e-12)

    def margins(self, heads: list[str]) -> dict[str, float]:
        """key(head) -> margin for each head (what the shipped margins file holds)."""
        scores = self.scores(heads)
        return {self.key(h.strip()[:MAX_CHARS]): round(float(scores[h]), 5) for h in heads}


_DETECTORS: dict[int, tuple[object, InstructionDetector]] = {}


def detector_for(embedder, cache=None, shipped_margins: Path | None = None) -> InstructionDetector:
    """The detector for an embedder (one per model object, patterns embedded once). The
    fitted threshold applies only to the model it was fitted with. The Assistant passes its
    vector cache and the bundled corpus's margins file once (see InstructionDetector.use_disk)."""
    key = id(embedder)
    if key not in _DETECTORS or _DETECTORS[key][0] is not embedder:
        fit = fitted()
        same = embedder is not None and fit.get("model") == getattr(embedder, "model_name", None)
        _DETECTORS[key] = (embedder, InstructionDetector(embedder if same else None,
                                                         fit.get("threshold") if same else None))
    det = _DETECTORS[key][1]
    if cache is not None and det.embedder is not None and det.cache is None:
        det.use_disk(cache, shipped_margins)
    return det


def margins_path(corpus: Path, model_id: str) -> Path:
    from .shipped import shipped_path
    return shipped_path(corpus, model_id).with_suffix(".injection.json")


def instruction_spans(text: str, detector: InstructionDetector | None = None) -> list[tuple[int, int]]:
    """(start, end) of every sentence of text that reads as an instruction to a model."""
    spans = sentence_spans(text)
    flags = (detector or InstructionDetector()).flags([text[s:e] for s, e in spans])
    return [sp for sp, f in zip(spans, flags) if f]


def mask_instructions(text: str, detector: InstructionDetector | None = None) -> str:
    """Replace every sentence that addresses a model with a fixed placeholder."""
    out, pos = [], 0
    for s, e in instruction_spans(text, detector):
        out.append(text[pos:s] + prompts.INJECTION_MASK)
        pos = e
    out.append(text[pos:])
    return "".join(out)
