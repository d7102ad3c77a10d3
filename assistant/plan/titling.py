"""A spoken topic's title in written style (cadre review s36: 关于公安那边转来的家暴告诫书的实施方案):
relay fillers dropped (公安那边转来的… → 公安…) and short forms written out (家暴 → 家庭暴力). Word lists
are data (titles.json); a written topic keeps the user's wording."""
from __future__ import annotations

import functools
import json
from pathlib import Path

from ..short_forms import title_forms

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
    for w in _words()["relay"]:  # …转来的 leaves its 的: 公安家暴 would cut as 公/安家/暴
        out = out.replace(w, "的" if w.endswith("的") else "")
    out = out.replace("的的", "的").strip("的")
    return out if len(out) >= 2 else topic


def formal(text: str) -> str:
    """Short forms written out (家暴 → 家庭暴力; never inside the written form itself)."""
    for short, full in title_forms().items():
        if full not in text:
            text = text.replace(short, full)
    return text
