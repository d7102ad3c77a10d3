"""Side-by-side comparison of method cards, by name or by topic (“各地网格化管理有什么不同做法”)."""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # numpy only when a comparison runs: `shequ --help` stays fast
    import numpy as np


from ..library import view_of
from .lookup import list_cards, lookup

COLUMNS = [("name", "方法"), ("place", "地点"), ("year", "年份"), ("purpose", "目的"),
           ("components", "组成部分"), ("outcomes", "成效"), ("sources", "来源")]
TOPIC_MIN = 0.82  # cosine (e5) of topic vs. card text, for cards without a topic word


def row(card: dict) -> dict:
    return {"card_id": card["card_id"], "name": card["full_name"], "place": card["place"],
            "year": card["year"], "purpose": card["purpose"],
            "components": [c["name"] for c in card["components"]],
            "complete": card["complete"], "expected_count": card["expected_count"],
            "outcomes": [o["text"] for o in card["outcomes"]],
            "sources": [{"doc_id": card["doc_id"], "title": card["title"],
                         "quote": card["mention"]["quote"], "start": card["mention"]["start"],
                         "end": card["mention"]["end"], "chunk_id": card["mention"]["chunk_id"]}]}


def compare(kb, names: list[str]) -> dict:
    """{"columns", "rows", "missing", "suggestions", "topic"}; a single name that is not a
    method is read as a topic and answered by grouping similar practices across places."""
    kb = view_of(kb)
    if isinstance(names, str):
        names = [names]
    rows, missing, suggestions = [], [], {}
    for n in names:
        res = lookup(kb, n)
        if res["found"]:
            rows.append(row(res["card"]))
        else:
            missing.append(n)
            suggestions[n] = res["suggestions"]
    if not rows and len(names) == 1:
        return by_topic(kb, names[0])
    return {"columns": [c for c, _ in COLUMNS], "headers": [h for _, h in COLUMNS], "rows": rows,
            "missing": missing, "suggestions": suggestions, "topic": ""}


def card_text(card: dict) -> str:
    return " ".join([card["name"], card["mention"]["quote"]] + [c["description"] for c in card["components"]])


def by_topic(kb, topic: str, k: int = 8) -> dict:
    """Cards about a topic across places: a topic word in the card, or a close embedding."""
    kb = view_of(kb)
    cards = [c for c in list_cards(kb) if c["components"]]
    import jieba

    generic = ("各地", "不同", "做法", "什么", "哪些", "怎么", "方法", "经验", "工作", "管理", "服务")
    words = {w for w in [*kb.tokenizer(topic), *jieba.cut_for_search(topic)]
             if len(w) >= 2 and w not in generic}
    sims = _similarity(kb, topic, cards)
    texts = [card_text(c) for c in cards]
    # a topic word in the card decides membership (generic words don't count); the
    # embedding decides order, and membership when no topic word occurs in any card
    present = [w for w in words if any(w in t for t in texts)]
    picked = []
    for card, text, sim in zip(cards, texts, sims):
        hits = sum(w in text for w in words)
        if hits or (not present and sim >= TOPIC_MIN):
            picked.append((hits, sim, card))
    picked.sort(key=lambda t: (-t[0], -t[1]))
    rows = [dict(row(c), score=round(float(s), 3)) for _, s, c in picked[:k]]
    return {"columns": [c for c, _ in COLUMNS], "headers": [h for _, h in COLUMNS], "rows": rows,
            "missing": [] if rows else [topic], "suggestions": {}, "topic": topic,
            "places": sorted({r["place"] for r in rows if r["place"]})}


_VEC_CACHE: dict[tuple[str, str], np.ndarray] = {}


def _similarity(kb, topic: str, cards: list[dict]) -> list[float]:
    """Cosine of the topic (as a query) with each card's name + components (as passages)."""
    import numpy as np

    model = kb.embedder
    if model is None or not cards:
        return [0.0] * len(cards)
    from ..embed import embed_query

    model_id = getattr(model, "model_name", "")
    todo = [c for c in cards if (model_id, c["card_id"]) not in _VEC_CACHE]
    if todo:
        vecs = model.get_text_embedding_batch([card_text(c) for c in todo])
        for c, v in zip(todo, vecs):
            _VEC_CACHE[(model_id, c["card_id"])] = _unit(np.asarray(v, dtype=np.float32))
    q = _unit(embed_query(model, topic))
    return [float(_VEC_CACHE[(model_id, c["card_id"])] @ q) for c in cards]


def _unit(v: np.ndarray) -> np.ndarray:
    import numpy as np

    n = float(np.linalg.norm(v))
    return v / n if n else v


def to_markdown(table: dict) -> str:
    """The comparison as a Markdown table (one row per method)."""
    lines = ["| " + " | ".join(table["headers"]) + " |", "|" + "---|" * len(table["headers"])]
    for r in table["rows"]:
        comps = "；".join(r["components"]) + ("" if r["complete"] else "（不完整）")
        cells = [r["name"], r["place"], r["year"], r["purpose"], comps,
                 "；".join(r["outcomes"][:3]), "；".join(s["title"] for s in r["sources"])]
        lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    for n in table.get("missing", []):
        sug = "、".join(table.get("suggestions", {}).get(n, []))
        lines.append(f"\n未找到“{n}”。" + (f"相近的有：{sug}" if sug else ""))
    return "\n".join(lines)


def _cell(s: str) -> str:
    return (s or "—").replace("|", "｜").replace("\n", " ")
