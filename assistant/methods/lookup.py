"""List, look up (fuzzily) and answer from method cards."""
from __future__ import annotations

import difflib
import functools
import re
import unicodedata

from ..library import view_of
from ..question_words import alternatives
from ..types import Answer, Citation
from .numerals import DIGITS

TYPE_TAIL = re.compile(r"(?:的)?(?:工作法|工作机制|机制|体系|制度|模式|要求|标准|做法|经验|方法|办法|工作|法)$")
ASK = re.compile(rf"^(?:{alternatives('what_is_lead')})?\s*(.{{1,30}}?)\s*(?:{alternatives('what_is_tail')})?[?？。！!]*$")


@functools.lru_cache(maxsize=1 << 16)  # card names recur on every question; at 1000× that was 90% of ask
def key(name: str) -> str:
    """Comparable form of a method name: “4＋1”工作法 / 四加一 / 4+1 → 4+1."""
    n = unicodedata.normalize("NFKC", name).lower()
    n = re.sub(r"[“”\"'‘’《》\s]", "", n)
    n = n.replace("加", "+")
    n = TYPE_TAIL.sub("", n) or n
    return "".join(str(DIGITS[ch]) if ch in DIGITS and ch not in "两双" else ch for ch in n)


_BARE_COUNT = re.compile(r"[0-9]+[个大项条种类级点步]")


def match_key(name: str) -> str:
    """What a question must contain to name this method: its key, unless the key is only a
    count (“四个机制”, “四大模式” → “4个”, “4大”), which any “四个…/四大…” in a question
    holds; then the name keeps its type word (“4个机制”)."""
    k = key(name)
    if not _BARE_COUNT.fullmatch(k):
        return k
    n = re.sub(r"[“”\"'‘’《》\s]", "", unicodedata.normalize("NFKC", name).lower()).replace("加", "+")
    return "".join(str(DIGITS[ch]) if ch in DIGITS and ch not in "两双" else ch for ch in n)


def list_cards(kb) -> list[dict]:
    kb = view_of(kb)
    return list(kb.cards)


def is_local(card: dict) -> bool:
    """The document's own method (not a national term it mentions)."""
    return card.get("kind", "local") == "local"


def answerable(card: dict) -> bool:
    """A card answers and quizzes only when it is a local method with components found."""
    return is_local(card) and bool(card["components"])


def _rank_cards(cards: list[dict]) -> list[dict]:
    """Local methods first, complete cards first, then those with more components."""
    return sorted(cards, key=lambda c: (not is_local(c), not c["complete"], -len(c["components"])))


def lookup(kb, name: str) -> dict:
    """{"found", "query", "card", "cards", "suggestions"} — never a random card."""
    kb = view_of(kb)
    cards = list_cards(kb)
    q = key(name)
    hits = [c for c in cards if key(c["name"]) == q] if q else []
    if not hits and len(q) >= 2:
        hits = [c for c in cards if q in key(c["name"]) and len(q) >= len(key(c["name"])) // 2]
    if not hits:
        hits = _by_place(cards, name)
    if hits:
        ranked = _rank_cards(hits)
        return {"found": True, "query": name, "card": ranked[0], "cards": ranked, "suggestions": []}
    return {"found": False, "query": name, "card": None, "cards": [], "suggestions": suggest(cards, name)}


def _by_place(cards: list[dict], name: str) -> list[dict]:
    """“五里桥的工作法”: a place or title word plus a generic method word → that document's
    headline method (the card whose name is in the document title)."""
    stem = TYPE_TAIL.sub("", unicodedata.normalize("NFKC", name).strip())
    stem = re.sub(r"(?:的|那个|这个)$", "", stem)
    if len(stem) < 2 or stem == name.strip():
        return []
    local = [c for c in cards if is_local(c) and (stem in c.get("place", "") or stem in c.get("title", ""))]
    tail = TYPE_TAIL.search(unicodedata.normalize("NFKC", name).strip())
    typed = [c for c in local if tail and c.get("type") and c["type"] in tail.group(0)]
    headline = [c for c in local if c["name"] in c.get("title", "")]
    return typed or headline or local  # “东山街道的体系”: that place's 体系 first


def suggest(cards: list[dict], name: str, n: int = 5) -> list[str]:
    q = key(name)
    names = sorted({c["name"] for c in cards})
    scored = sorted(names, key=lambda x: -difflib.SequenceMatcher(None, q, key(x)).ratio())
    return scored[:n]


def ask_target(question: str) -> str | None:
    """The method a “X是什么/包括哪些” question asks about, if it has that shape."""
    q = question.strip()
    m = ASK.match(q)
    if not m or m.group(0) == m.group(1) and not q.startswith(("什么是", "何为")):
        return None
    return m.group(1).strip("“”\"的") or None


# "What does it consist of" intent, wherever the method name sits in the question.
PARTS_Q = re.compile(alternatives("asks_for_parts"))


def mentioned_card(kb, question: str) -> dict | None:
    """The card whose name the question mentions (longest name wins), if the question asks
    what the method consists of. Ties between same-named cards go to the one whose place or
    title shares the most characters with the question."""
    kb = view_of(kb)
    if not PARTS_Q.search(question):
        return None
    qk = key(question)
    named = [c for c in list_cards(kb) if answerable(c) and len(key(c["name"])) >= 2 and match_key(c["name"]) in qk]
    if not named:
        return None
    longest = max(len(match_key(c["name"])) for c in named)
    named = [c for c in named if len(match_key(c["name"])) == longest]
    local = lambda c: len(set(c.get("place", "") + c.get("title", "")) & set(question))  # noqa: E731
    return sorted(_rank_cards(named), key=lambda c: -local(c))[0]


def answer_from_card(kb, question: str) -> Answer | None:
    """Answer “X是什么/包括哪些” from X's card: every component with its own citation.
    None when the question is not about a named method with known components."""
    kb = view_of(kb)
    target = ask_target(question)
    res = lookup(kb, target) if target else {"found": False}
    card = res["card"] if res["found"] else mentioned_card(kb, question)
    if card is None or not answerable(card):
        return None
    sections = {c.chunk_id: c.section for c in kb.chunks_of(card["doc_id"])}
    cites, lines = [], []
    for i, comp in enumerate(card["components"], 1):
        part = comp.get("explanation") or comp  # cite the words the line quotes
        cites.append(_citation(i, part, card, sections.get(part["chunk_id"], card["title"])))
        lines.append(f"{i}. {explained(comp)}[{i}]")
    where = card["place"] or card["title"]
    n = len(card["components"])
    head = f"{card['full_name']}（{where}）包括{n}个方面：" if card["complete"] else \
        f"{card['full_name']}（{where}）原文能找到的组成部分有{n}项" + \
        (f"（按名称应有{card['expected_count']}项，其余未在原文中找到）：" if card["expected_count"] else "：")
    return Answer(question, head + "\n" + "\n".join(lines), cites, True, "method_card")


_ENUMERATOR = re.compile(r"^(?:[一二三四五六七八九十]+[、是]|[（(][一二三四五六七八九十\d]{1,2}[)）]|\d{1,2}[.、．]|第[一二三四五六七八九十]+[，,、]?)\s*")


def explained(comp: dict, limit: int = 160) -> str:
    """A component with the source's explanation when it has one: “5”指五个专门委员会：…
    (its own paragraph, or the enumerated sentence that explains it further on)."""
    name = comp["name"]
    desc = ((comp.get("explanation") or {}).get("quote") or comp.get("description") or "").strip().rstrip("。；;")
    bare = _ENUMERATOR.sub("", desc)  # “三、参与主体多元化…” is the name again, not an explanation
    if not bare or key(bare) == key(name) or len(desc) > limit:
        return name
    return bare if bare.startswith(name) else f"{name}：{bare}"


def _citation(n: int, part: dict, card: dict, section: str) -> Citation:
    return Citation(n, part["chunk_id"], card["doc_id"], card["title"], section,
                    part["quote"], part["start"], part["end"], {"method": card["name"]})
