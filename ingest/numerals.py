"""Chinese numerals, both ways: “二十五” → 25 and 25 → “二十五”.

The one table of Chinese digits for ingest and the assistant (ingest imports nothing from
assistant, so it lives here). 两 and 双 both read as 2: “两委”, “一好双强”.
"""
from __future__ import annotations

import unicodedata

DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "双": 2, "三": 3, "四": 4, "五": 5,
          "六": 6, "七": 7, "八": 8, "九": 9}
UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10000}
WRITTEN = "零一二三四五六七八九"  # how a number is written out: 二 (not 两) for 2


def cn_to_int(s: str) -> int | None:
    """Chinese or Arabic numeral → int: 五→5, 十→10, 二十五→25, 一百零五→105, 两→2, 双→2,
    15→15. None for anything else, and for digits run together (“三四”, “十四五”), which
    are a range or a name, not one number."""
    s = unicodedata.normalize("NFKC", s).strip()
    if not s:
        return None
    if s.isdigit():
        return int(s)
    total, section, cur, prev = 0, 0, 0, ""
    for ch in s:
        if ch in DIGITS:
            if prev in DIGITS and prev not in "零〇":
                return None
            cur = DIGITS[ch]
        elif ch == "万":
            total += ((section + cur) or 1) * 10000
            section, cur = 0, 0
        elif ch in UNITS:
            section += (cur or 1) * UNITS[ch]
            cur = 0
        else:
            return None
        prev = ch
    return total + section + cur


def int_to_cn(n: int) -> str:
    """0 ≤ n < 100 → 零, 一 … 十, 十一, 二十, 二十五 (section, item and count numbers)."""
    if not 0 <= n < 100:
        raise ValueError(f"n must be between 0 and 99, got {n}")
    if n <= 10:
        return WRITTEN[n] if n < 10 else "十"
    tens, ones = divmod(n, 10)
    return (WRITTEN[tens] if tens > 1 else "") + "十" + (WRITTEN[ones] if ones else "")


def read_digits(s: str) -> str:
    """A number read digit by digit, as years are written: 二〇二一 / 二○二一 → "2021"."""
    return "".join(str(DIGITS["〇" if c == "○" else c]) if not c.isdigit() else c for c in s)
