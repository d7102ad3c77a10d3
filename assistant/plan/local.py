"""A place's own policy text (a city's 通知, a province's 条例) said in another unit's plan.

Its own names bind only there: 本市/本区 means its city, 上海市物业管理监管与服务信息平台 and “上海物业”
are its platforms, “6+N” is its programme (cadre review 38: a 滨河街道 plan printed them as its own).
So the place's self-references are said as 本地, a clause naming the place's own platforms is cut at a
clause boundary (the sentence goes when no act is left), and a numbered programme name is left out of
a title that says its act without it. The quote in the appendix stays as written. Word lists:
local_words.json.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from ingest.model import Document, place_label

from .outline import GENRES
from .practice import acts

WORDS = json.loads((Path(__file__).with_name("local_words.json")).read_text(encoding="utf-8"))
_SELF = re.compile("|".join(map(re.escape, WORDS["self_references"])))
_SUFFIX = re.compile("(?:{})$".format("|".join(map(re.escape, WORDS["place_suffixes"]))))
_CLAUSES = re.compile(r"([，；,;])")
# A programme's numbered name as a modifier (健全“6+N”信息公开机制): the act reads whole without it.
_NUMBERED = re.compile(r"“[^”]*[0-9０-９+＋][^”]*”(?=[\u4e00-\u9fff])")


def places(doc: Document | None) -> list[str]:
    """The names of a local policy text's place (上海市, 上海), [] for a national text, an account
    (its sites: sites.py) or a document with no place."""
    meta = (doc.meta if doc is not None else None) or {}
    if meta.get("doc_type") not in set(GENRES.get("local_rules", [])):
        return []
    place = meta.get("place")
    names = [str(v).strip() for k, v in place.items() if k in ("province", "city") and v] \
        if isinstance(place, dict) else [place_label(place)]
    out = []
    for name in filter(None, names):
        out += [name, _SUFFIX.sub("", name)]
    return [x for x in dict.fromkeys(out) if len(x) >= 2]


def localised(sentence: str, doc: Document | None) -> str | None:
    """The sentence of a local text as another unit's: its self-references (本市) said as 本地, the
    clauses naming its place cut (依托上海市…平台、“上海物业”小程序等，搭建… → 搭建…). None when no act
    is left; unchanged for any other text."""
    names = places(doc)
    if not names:
        return sentence
    text = _SELF.sub(WORDS["said_as"], sentence)
    parts = _CLAUSES.split(text)
    kept: list[list[str]] = []
    dropped = False
    for i in range(0, len(parts), 2):
        clause, sep = parts[i], parts[i + 1] if i + 1 < len(parts) else ""
        if any(n in re.sub(r"《[^》]*》", "", clause) for n in names):
            dropped = True
            if kept and sep in "；;":
                kept[-1][1] = sep
            continue
        kept.append([clause, sep])
    if not dropped:
        return text
    out = "".join(c + s for c, s in kept).strip().rstrip("，；,;：:")
    return out if out and acts(out) else None


def local_title(title: str, doc: Document | None, good) -> str:
    """A local text's title without its numbered programme name (健全“6+N”信息公开机制 →
    健全信息公开机制) when what is left still reads as a title (good)."""
    if not title or not places(doc):
        return title
    short = _NUMBERED.sub("", title)
    return short if short != title and good(short) else title
