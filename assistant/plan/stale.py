"""Text of a precedent that is never printed as the user's measure: placeholders of a model
text (xxx, ××, ____), one writer's first-person account (我们, 我街道), a rule or aim of its
own time (受疫情影响, 到2020年, 党的十九大强调 in a later plan), another place's named local
document (《南康区…实施细则》). Word lists and patterns: stale_words.json.

The plan's start year and unit name are the draft's context (plan_context): set once per
draft, read where sentences are worded."""
from __future__ import annotations

import contextvars
import datetime
import json
import re
from dataclasses import dataclass
from pathlib import Path

WORDS = json.loads(Path(__file__).with_name("stale_words.json").read_text(encoding="utf-8"))
_CUT = re.compile("|".join(WORDS["cut_patterns"]))
_DROP = re.compile("|".join(WORDS["drop_patterns"] + WORDS["penalty_patterns"] + WORDS["theory_patterns"]))
_YEAR = re.compile(WORDS["target_year"])
_CONGRESS = re.compile(WORDS["congress_pattern"])
_TITLE = re.compile(WORDS["doc_title"])
_LEVEL_END = re.compile("(?:{})$".format("|".join(WORDS["local_level_words"])))  # 上海市 → 上海
_NATIONAL = frozenset(WORDS["national_names"])
_CLAUSES = re.compile(r"([，；,;：:])")


@dataclass(frozen=True)
class PlanContext:
    year: int  # the plan's start year
    unit: str = ""  # the user's unit's name


_CONTEXT: contextvars.ContextVar[PlanContext | None] = contextvars.ContextVar("plan_context", default=None)


def plan_context(start: str, unit: str) -> None:
    """Set the draft's start year (from 2027年1月; this year without one) and unit name."""
    m = re.match(r"\s*(\d{4})", start or "")
    _CONTEXT.set(PlanContext(int(m.group(1)) if m else datetime.date.today().year, unit or ""))


def _context() -> PlanContext:
    return _CONTEXT.get() or PlanContext(datetime.date.today().year)


def stale_sentence(sentence: str, ctx: PlanContext | None = None) -> bool:
    """The whole sentence is one writer's or one time's (first person, epidemic, an aim whose year
    is past), a penalty clause, or a thesis (…是…的一大法宝)."""
    ctx = ctx or _context()
    years = [int(y) for m in _YEAR.finditer(sentence) for y in m.groups() if y]
    return bool(_DROP.search(sentence)) or any(y < ctx.year for y in years)


def past_congress(clause: str, year: int) -> bool:
    """The clause refers to a party congress after which another met by `year`."""
    met = WORDS["congresses"]
    for m in _CONGRESS.finditer(clause):
        held = met.get(m.group(1))
        if held is not None and any(held < y < year for y in met.values()):  # met before the plan's year
            return True
    return False


def local_document(clause: str, unit: str = "") -> bool:
    """The clause names a document whose title opens with a place name the unit's name does not hold."""
    from .practice import pos_tags

    for m in _TITLE.finditer(clause):
        toks = [t for t in pos_tags(m.group(1)) if t[0].strip()]
        if not toks or toks[0][1] != "ns" or toks[0][0] in _NATIONAL:
            continue
        place = re.sub(_LEVEL_END, "", toks[0][0]) or toks[0][0]  # 上海市 → 上海
        if not (unit and place in unit):
            return True
    return False


def unprintable(clause: str, ctx: PlanContext | None = None) -> bool:
    """A clause the measure cannot print: a placeholder or blank, a past congress, another place's document."""
    ctx = ctx or _context()
    return bool(_CUT.search(clause)) or past_congress(clause, ctx.year) or local_document(clause, ctx.unit)


def printable(sentence: str, ctx: PlanContext | None = None) -> str | None:
    """The sentence without its unprintable clauses; None when it is stale whole or no act is left."""
    from .practice import acts

    ctx = ctx or _context()
    if stale_sentence(sentence, ctx):
        return None
    parts = _CLAUSES.split(sentence)
    kept: list[list[str]] = []  # [clause, separator]
    dropped = False
    for i in range(0, len(parts), 2):
        clause, sep = parts[i], parts[i + 1] if i + 1 < len(parts) else ""
        if unprintable(clause, ctx):
            dropped = True
            if kept and sep in "；;":
                kept[-1][1] = sep
            continue
        kept.append([clause, sep])
    if not dropped:
        return sentence
    text = "".join(c + s for c, s in kept).strip().rstrip("，；,;：:")
    return text if text and acts(text) else None
