"""A measure said as its precedent's own words: when nothing of it is the unit's to say, or its
rewording fails the grounding check. The citation's quote is printed whole, titled by its
section's heading or its first action clause."""
from __future__ import annotations

import re

from . import templates as T
from .compose import instruction
from .measure_titles import good_title, name_like
from .model import Measure, WorkPlan
from .precedents import strip_ordinal

_HAN = re.compile(r"[\u4e00-\u9fff]")
MIN_DETAIL = 12  # Chinese characters a measure must say beyond its title


def says_nothing(m: Measure) -> bool:
    """No title, or a body too short to say more than a title (推动医养融合发展[1]。: the rest of
    the passage was other bodies' duties)."""
    return not m.title or len(_HAN.findall(re.sub(r"\[\d+\]", "", m.text))) < MIN_DETAIL


def quote_verbatim(plan: WorkPlan, m: Measure, by_heading: bool = True) -> None:
    """`by_heading`=False: titled by the quote's own first clause (what the check always finds)."""
    n = m.citations[0]
    c = plan.citation(n)
    m.title = verbatim_title(c.quote, c.section if by_heading else "")
    m.text, m.citations, m.verbatim = f"{T.VERBATIM}“{c.quote.strip()}”[{n}]", [n], True


def verbatim_title(quote: str, section: str = "") -> str:
    """A quoted measure's title: its section's own heading when that reads as an action title
    (（十一）严格维修资金筹集使用), else the first clause of its first sentence that does, else
    that sentence's first clause; never a sentence cut at 30 characters mid-word."""
    head = strip_ordinal(section.split(" › ")[-1]).strip() if section else ""
    if head and (good_title(head) or name_like(head)) and len(head) <= 24 and head not in quote:
        return head
    clauses = [c.strip() for c in re.split(r"[，；：,;:]", strip_ordinal(quote.split("。", 1)[0])) if c.strip()]
    titles = [instruction(c) for c in clauses]
    return next((t for t in titles if good_title(t) and len(t) <= 24), titles[0][:30] if titles else "")
