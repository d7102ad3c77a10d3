"""The naive baseline: fixed 500-character chunks of the raw files, character-level BM25."""
from __future__ import annotations

from pathlib import Path

import bm25s

from ingest.clean import split_articles
from ingest.loaders import SUPPORTED, read_file
from ingest.markup import HEADING


def char_tokens(text: str) -> list[str]:
    return [ch for ch in text if not ch.isspace()]


class NaiveBaseline:
    def __init__(self, folders: Path | list[Path], size: int = 500):
        self.chunks: list[tuple[str, str]] = []
        folders = [folders] if isinstance(folders, Path) else folders
        files = [f for d in folders if d.exists() for f in sorted(d.iterdir())]
        for f in files:
            if f.suffix.lower() not in SUPPORTED or f.name.startswith("."):
                continue
            raw = read_file(f, 10**9).replace(HEADING, "")
            arts = split_articles(raw)
            docs = [(f"{f.name}#{a.number}", a.text) for a in arts] if arts else [(f.name, raw)]
            for doc_id, text in docs:
                self.chunks += [(doc_id, text[i:i + size]) for i in range(0, len(text), size)]
        self.bm25 = bm25s.BM25()
        self.bm25.index([char_tokens(t) for _, t in self.chunks], show_progress=False)
        self.vocab = self.bm25.vocab_dict

    def search(self, q: str, k: int = 10) -> list[tuple[str, str]]:
        toks = [t for t in char_tokens(q) if t in self.vocab]
        if not toks:
            return []
        scores = self.bm25.get_scores(toks)
        order = scores.argsort()[::-1][:k]
        return [self.chunks[i] for i in order]

    def ask(self, q: str) -> tuple[str, list[tuple[str, str]], bool]:
        """The top chunk is the answer; it cannot abstain."""
        hits = self.search(q, 1)
        return (hits[0][1] if hits else ""), hits, bool(hits)
