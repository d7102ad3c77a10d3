"""The user's time frame: parsed and written the Chinese way (2025年3月), never invented."""
from __future__ import annotations

import re

from .model import PlanError
from .templates import BAD_DATE

_DATE = re.compile(r"^\s*(\d{4})\s*(?:[-./年]\s*(\d{1,2})\s*(?:[-./月]\s*(?:(\d{1,2})\s*日?)?)?)?\s*(?:年)?\s*$")


def _parts(value: str) -> tuple[int, int | None, int | None]:
    import unicodedata

    m = _DATE.match(unicodedata.normalize("NFKC", value))
    if not m:
        raise PlanError(BAD_DATE.format(value=value))
    y, mo, d = int(m.group(1)), m.group(2), m.group(3)
    mo_i, d_i = (int(mo) if mo else None), (int(d) if d else None)
    if (mo_i is not None and not 1 <= mo_i <= 12) or (d_i is not None and not 1 <= d_i <= 31):
        raise PlanError(BAD_DATE.format(value=value))
    return y, mo_i, d_i


def parse_when(value: str | None) -> str:
    """'2025-03' → '2025年3月'; '' or None → ''. Raises PlanError on anything else."""
    if value is None or not str(value).strip():
        return ""
    y, mo, d = _parts(str(value))
    return f"{y}年" + (f"{mo}月" if mo else "") + (f"{d}日" if d else "")


def as_key(value: str, last: bool = False) -> tuple[int, int, int]:
    """Sortable key; a missing month/day counts as the start (or, with last, the end) of the period."""
    y, mo, d = _parts(value)
    return y, mo or (12 if last else 1), d or (31 if last else 1)


def _month(key: tuple[int, int, int]) -> int:
    return key[0] * 12 + key[1] - 1


def _label(m: int) -> str:
    return f"{m // 12}年{m % 12 + 1}月"


def spread(start: str, end: str, share: float = 0.2) -> list[tuple[str, str]]:
    """Three phase periods across the user's range: about a fifth each for 动员部署 and
    总结提升, the rest for 组织实施; the outer bounds are the user's own words. Without both
    dates (or with fewer than three months) the inner bounds are blanks."""
    from .templates import BLANK_DATE

    a = _month(as_key(start)) if start else None
    b = _month(as_key(end, last=True)) if end else None
    if a is None or b is None or b - a + 1 < 3:
        return [(start or BLANK_DATE, BLANK_DATE), (BLANK_DATE, BLANK_DATE), (BLANK_DATE, end or BLANK_DATE)]
    n = b - a + 1
    k1 = k3 = max(1, round(n * share))
    return [(start, _label(a + k1 - 1)), (_label(a + k1), _label(b - k3)), (_label(b - k3 + 1), end)]
