"""Numeral arithmetic of method names: how many components “五化五提升”, “4+1”, “1+5+7” promise.

A name is read as a sequence of parts, each a count and a keyword:
“三会一课” → [(3,"会"), (1,"课")]; “4+1” → [(4,""), (1,"")]; “1234” → four parts of 1, 2, 3, 4.
From the parts come the counts an expansion may legitimately have: the sum (flat list),
the number of parts (one component per part), or N when every part repeats the same N
(“五化五提升” pairs five 化 with five 提升).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from ingest.numerals import DIGITS, cn_to_int

CN_NUM = "".join(DIGITS) + "十"
# A number followed by one of these is a label or date (“阳光8号”, “7.5”事件), not a count.
NOT_COUNT = re.compile(r"^(?:号|年|月|日|届|周年|点|\.\d)")
# “三位一体” / “五务合一”: N things forming one, a count of N.
ONE_OF_N = re.compile(rf"([{CN_NUM}])[\u4e00-\u9fff](?:一体|合一)")
# “多格合一” / “多网融合”: several things, uncounted, forming one — an open count.
MANY_IN_ONE = re.compile(r"^多[\u4e00-\u9fff]{1,2}(?:合一|一体|融合)$")
CLASSIFIER = "个项大条种级类步支张"


@dataclass
class Structure:
    """The count structure of a method name."""

    parts: list[tuple[int, str]] = field(default_factory=list)  # (count, keyword)
    open_ended: bool = False  # “3+X”: a part of no fixed size

    @property
    def total(self) -> int:
        return sum(c for c, _ in self.parts)

    @property
    def n_parts(self) -> int:
        return len(self.parts) + (1 if self.open_ended else 0)

    @property
    def parallel(self) -> int | None:
        """N when every part has the same count N > 1 (“五化五提升” → 5)."""
        counts = {c for c, _ in self.parts}
        if len(self.parts) > 1 and len(counts) == 1 and next(iter(counts)) > 1:
            return next(iter(counts))
        return None

    @property
    def expected(self) -> int | None:
        """The primary expected component count (None when nothing is countable)."""
        if not self.parts:
            return None
        return self.parallel or self.total

    def acceptable(self, grouped: bool = False) -> list[int]:
        """Counts a complete expansion may have, most natural first. One component per part
        (`grouped`) only counts when the text itself defines the parts one by one."""
        if not self.parts or self.open_ended:
            return []
        out = [self.expected, self.total]
        if grouped and len(self.parts) > 1:
            out.append(len(self.parts))
        return [n for i, n in enumerate(out) if n and n not in out[:i]]

    def to_dict(self) -> dict:
        return {"parts": [list(p) for p in self.parts], "open_ended": self.open_ended,
                "expected": self.expected}


_NUM_TOKEN = re.compile(rf"[0-9]+|[{CN_NUM}百千万]+")


def parse_name(name: str) -> Structure:
    """The count structure of a method name ("" parts when it has no countable numeral)."""
    n = unicodedata.normalize("NFKC", name)
    n = re.sub(r"[“”\"'‘’]", "", n)
    if "+" in n:
        return _parse_plus(n)
    if re.search(r"[—－-]", n):  # “三会—代理—公约”: dash-joined parts
        return _parse_plus(re.sub(r"[—－-]+", "+", n))
    if MANY_IN_ONE.match(n):
        return Structure([], open_ended=True)
    m = ONE_OF_N.search(n)
    if m:
        rest = n[:m.start()] + n[m.end():]
        inner = parse_name(rest) if _NUM_TOKEN.search(rest) else Structure()
        return Structure([(cn_to_int(m.group(1)), "")] + inner.parts, inner.open_ended)
    if re.fullmatch(r"[0-9]{2,6}.*", n) and not NOT_COUNT.match(n[len(re.match(r'[0-9]+', n).group()):]):
        # “1234社会治理体系”, “15663”工程: each digit is one part of that size
        digits = re.match(r"[0-9]+", n).group()
        return Structure([(int(d), "") for d in digits if d != "0"])
    return Structure(_cn_parts(n))


def _parse_plus(n: str) -> Structure:
    parts, open_ended = [], False
    for piece in n.split("+"):
        m = re.match(rf"\s*([0-9]+|[{CN_NUM}]+)", piece)
        value = cn_to_int(m.group(1)) if m else None
        if value is None or value == 0:
            if piece.strip().upper() in ("X", "N") or not piece.strip():  # “3+X”, “6+N”
                open_ended = True
            else:
                parts.append((1, piece.strip()))  # “线上+线下”: each word is one part
            continue
        parts.append((value, piece[m.end():].strip()))
    return Structure(parts, open_ended)


def _cn_parts(n: str) -> list[tuple[int, str]]:
    """Numeral tokens with the keyword after each: “一诺双评三考” → [(1,诺),(2,评),(3,考)]."""
    toks = [m for m in _NUM_TOKEN.finditer(n)]
    parts: list[tuple[int, str]] = []
    i = 0
    while i < len(toks):
        m = toks[i]
        value = cn_to_int(m.group())
        tail_end = toks[i + 1].start() if i + 1 < len(toks) else len(n)
        keyword = n[m.end():tail_end]
        if value and NOT_COUNT.match(n[m.end():]):
            i += 1
            continue
        if value and keyword[:1] in "个" and keyword == "个" and i + 1 < len(toks):
            # “六个一”: six of “一” — the trailing numeral is the keyword, not a part
            parts.append((value, n[m.end():]))
            break
        if value:
            parts.append((value, keyword.lstrip(CLASSIFIER) or keyword))
        i += 1
    return parts


def numeral_count(name: str) -> int:
    """How many numeral tokens a name has (used to tell slogans from ordinary phrases)."""
    n = unicodedata.normalize("NFKC", name)
    return sum(len(t) if t.isdigit() else 1 for t in _NUM_TOKEN.findall(n))


def part_labels(name: str) -> list[str]:
    """The written label of each part: “一核五翼十联动” → 一核/五翼/十联动; “1+5+7” → 1/5/7."""
    n = unicodedata.normalize("NFKC", name)
    if "+" in n or re.search(r"[—－-]", n):
        return [p.strip() for p in re.split(r"[+—－-]+", n) if p.strip()]
    starts = [m.start() for m in _NUM_TOKEN.finditer(n)]
    if len(starts) < 2 or starts[0] != 0:
        return []
    return [n[a:b] for a, b in zip(starts, starts[1:] + [len(n)])]
