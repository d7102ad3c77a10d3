"""Short forms (业委会) read as their full names (业主委员会) when words are matched.

Both sides of a comparison go through `full_names` (assistant.retrieve.rewrite_query), so a
question saying 业委会 matches a regulation saying 业主委员会 and the other way round;
`short_names` adds the short forms back for keyword search. The list is data:
assistant/data/short_forms.json."""
from __future__ import annotations

import functools
import json
import re
from pathlib import Path

DATA = Path(__file__).parent / "data" / "short_forms.json"


@functools.lru_cache(maxsize=1)
def _forms() -> tuple[dict[str, str], re.Pattern]:
    forms = json.loads(DATA.read_text(encoding="utf-8"))["forms"]
    # Full names first and longest first: 街道办事处 stays whole, only a bare 街道办 expands.
    names = sorted(set(forms) | set(forms.values()), key=len, reverse=True)
    return forms, re.compile("|".join(map(re.escape, names)))


def forms() -> dict[str, str]:
    """short form → full name, the whole list."""
    return _forms()[0]


def title_forms() -> dict[str, str]:
    """The short forms a 公文 title writes out (家暴 → 家庭暴力), from the same list."""
    data = json.loads(DATA.read_text(encoding="utf-8"))
    return {s: data["forms"][s] for s in data.get("in_titles", [])}


def full_names(text: str) -> str:
    forms, pattern = _forms()
    return pattern.sub(lambda m: forms.get(m.group(0), m.group(0)), text)


def short_names(text: str) -> list[str]:
    """The short forms of the full names in `text` (already read with full names)."""
    forms, _ = _forms()
    return [short for short, full in forms.items() if full in text]
