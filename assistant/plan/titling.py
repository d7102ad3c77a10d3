"""A spoken topic's title in written style (cadre review s36: 关于公安那边转来的家暴告诫书的实施方案,
关于应急物业的实施方案): relay fillers dropped (公安那边转来的… → 公安…), short forms written out
(家暴 → 家庭暴力), and a 动宾 head when the topic names no act (应急物业 → 做好应急物业工作). Word lists
are data (titles.json); when unsure (a 的 phrase, a long topic) the user's wording is kept."""
from __future__ import annotations

import functools
import json
from pathlib import Path

DATA = Path(__file__).with_name("titles.json")


@functools.cache
def _words() -> dict:
    d = json.loads(DATA.read_text(encoding="utf-8"))
    d["relay"] = sorted(d["relay"], key=len, reverse=True)
    return d


def tidy(topic: str) -> str:
    """A spoken topic without the words that say where the matter came from (那边转来的): they name
    no content, so they are neither searched nor reported as missing."""
    out = topic
    for w in _words()["relay"]:
        out = out.replace(w, "")
    return out if len(out) >= 2 else topic


def formal(text: str) -> str:
    """Short forms written out (家暴 → 家庭暴力; never inside the written form itself)."""
    for short, full in _words()["abbreviations"].items():
        if full not in text:
            text = text.replace(short, full)
    return text


def headed(topic: str, own: tuple[str, ...] = ()) -> str:
    """The topic with a 动宾 head when it opens with none (业委会秘书制度 → 建立业委会秘书制度; after the
    speaker's own unit and year); as given when it has a 的 phrase, a comma or is long (unsure)."""
    from .practice import pos_tags  # part of speech, read by jieba

    w = _words()
    lead = "".join(own) if topic.startswith("".join(own)) else ""  # spoken.written puts them in front
    body = topic[len(lead):]
    if len(body) < 2 or len(body) > w["max_headed"] or any(c in body for c in w["unsure"]) \
            or _has_head(body, pos_tags) or _has_head(topic, pos_tags):  # (…配合做社区: no own unit after all)
        return topic
    head = next((h for end, h in w["heads"] if body.endswith(end)), None)
    verb, tail = (head, "") if head else w["default_head"]
    return lead + verb + body + ("" if body.endswith(tail) else tail)


def _has_head(body: str, pos_tags) -> bool:
    """The topic opens with an act: a leading verb of topics.json (健全, 规范: jieba reads them as
    adjective, noun), or a word jieba tags verb, preposition or adverb (用城市体检推动…, 在小区…)."""
    from .topic import _lists

    tags = [t for t in pos_tags(body) if t[0].strip()]
    if body.startswith(tuple(_lists()[0])):
        return True
    return bool(tags) and tags[0][1][:1] in ("v", "p", "d", "c") and tags[0][0] not in _words()["not_heads"]
