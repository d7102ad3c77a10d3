"""jieba tokenization with a domain dictionary, so method names survive as one token."""
from __future__ import annotations

import logging
import re
import tempfile
import threading
import unicodedata
from pathlib import Path
from typing import Iterable

import jieba

jieba.setLogLevel(logging.WARNING)  # silence "Building prefix dict…" chatter

TERMS_FILE = Path(__file__).parent / "data" / "terms.txt"
STOPWORDS = set("""的 了 和 与 及 或 等 在 是 为 对 把 被 将 从 以 于 由 其 之 也 都 而 并 就 又 这 那 这个 那个
这些 那些 我们 你们 他们 它们 自己 一个 一些 有 有些 什么 哪些 哪个 哪 怎么 怎么样 怎样 如何 吗 呢 吧 啊
呀 嘛 请问 一下 具体 介绍 说说 讲讲 知道 想 想问 问 要 能 可以 会 需要 应该 一般 主要 还 到底 都有 哪几 几 个
里 上 中 下 方面 内容 情况 时候 一样 那种 这种 关于 哪里 谁 多少 为什么 是不是 有没有 搞 弄 做法 办法""".split())
_QUOTED = re.compile(r"[“\"「『]([^“”\"」』\n]{2,12})[”\"」』]")
_SLOGAN = re.compile(r"[0-9０-９一二三四五六七八九十百]")
_KEEP = re.compile(r"[\w+]")


def normalize_query(text: str) -> str:
    """Full-width digits, letters and ＋ become ASCII; case folded."""
    return unicodedata.normalize("NFKC", text).lower()


def extract_terms(texts: Iterable[str]) -> set[str]:
    """Quoted terms from the corpus: numbered slogans and short quoted names."""
    terms: set[str] = set()
    for text in texts:
        for m in _QUOTED.finditer(text):
            t = normalize_query(m.group(1).strip())
            if any(ch in t for ch in "，。；：、,;:！？ "):
                continue
            if _SLOGAN.search(t) or len(t) <= 6:
                terms.add(t)
    return terms


def load_term_file(path: Path) -> list[str]:
    if not path.exists():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    return [normalize_query(ln.strip()) for ln in lines if ln.strip() and not ln.startswith("#")]


TERM_FREQ = 200000  # a domain term beats any split of it
_BASE: tuple[dict, int] | None = None  # jieba's main dictionary, read once per process
_BASE_LOCK = threading.Lock()


def _new_jieba(tmp_dir: str) -> jieba.Tokenizer:
    """A fresh jieba tokenizer. Reading the main dictionary takes ~1.3 s, copying it ~0.05 s:
    every ingest and every index reload builds a tokenizer, so read it once and copy."""
    global _BASE
    tk = jieba.Tokenizer()
    tk.tmp_dir = tmp_dir
    with _BASE_LOCK:
        if _BASE is None:
            tk.initialize()
            _BASE = (dict(tk.FREQ), tk.total)
            return tk
    tk.FREQ, tk.total = dict(_BASE[0]), _BASE[1]  # add_word then changes only this copy
    tk.initialized = True
    return tk


class ChineseTokenizer:
    """Callable text -> tokens; usable as a bm25s splitter."""

    def __init__(self, terms: Iterable[str] = (), cache_dir: Path | None = None):
        cache = Path(cache_dir or tempfile.gettempdir()) / "shequ-jieba"
        cache.mkdir(parents=True, exist_ok=True)
        self._jieba = _new_jieba(str(cache))  # jieba's cache kept out of the project tree
        shipped = load_term_file(TERMS_FILE)
        self.terms = sorted(set(shipped) | set(terms))
        for t in self.terms:
            self._jieba.add_word(t, freq=TERM_FREQ)
        # jieba adds each word's frequency to its total, and the total weighs every word of
        # every text: pinned to the shipped dictionary's, a corpus term changes the tokens of
        # the texts that contain it and of no other (incremental ingest relies on this).
        self._jieba.total = _BASE[1] + TERM_FREQ * len(set(shipped))

    def tokens(self, text: str) -> list[str]:
        text = normalize_query(text)
        return [t for t in self._jieba.lcut_for_search(text)
                if t.strip() and t not in STOPWORDS and _KEEP.search(t)]

    __call__ = tokens

    def cut(self, text: str) -> list[str]:
        """Precise-mode words, nothing dropped (with the domain dictionary)."""
        return self._jieba.lcut(text)

    def in_dictionary(self, word: str) -> bool:
        """A word of jieba's dictionary (with the domain terms), not one its HMM made up (考了)."""
        return bool(self._jieba.FREQ.get(word))

    def content_words(self, text: str) -> list[str]:
        """Tokens of a question with question words stripped (precise mode, de-duplicated)."""
        seen: list[str] = []
        for t in self._jieba.lcut(normalize_query(text)):
            if t.strip() and t not in STOPWORDS and _KEEP.search(t) and t not in seen:
                seen.append(t)
        return seen
