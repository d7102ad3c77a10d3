"""Optional LLM rewrite of a draft's measures. Each rewrite goes through the same verified
path as generative answers (assistant/llm): every sentence must be supported by the
measure's cited precedents, and the grounding check still applies. A rewrite that fails
either keeps the measure's original wording."""
from __future__ import annotations

import re
import time

from .. import prompts
from ..injection import detector_for
from ..library import view_of
from ..llm.client import BoundedStream, LLMFailure, configured, describe, make_llm
from ..llm.prompt import mask_instructions, render_sources
from ..llm.verify import Source, Verifier, split_answer
from . import templates as T
from .draft import draft, finish
from .grounding import claims, normalize, ungrounded
from .model import Measure, WorkPlan


def draft_with_llm(kb, topic: str, strict: bool = True, **kw) -> WorkPlan:
    """draft(), then rewrite_measures(); the rewritten plan goes through the same grounding
    check, and a measure that fails it quotes its precedent as written (never a failed run)."""
    kb = view_of(kb)
    plan = draft(kb, topic, strict=strict, **kw)
    plan = rewrite_measures(kb, plan)
    return finish(kb, plan, strict, time.perf_counter() - plan.elapsed)


def rewrite_measures(kb, plan: WorkPlan, llm=None) -> WorkPlan:
    """Let the model reword each measure. Stops at the first endpoint failure (notice added)."""
    kb = view_of(kb)
    if llm is None:
        if not configured(kb.settings):
            plan.notices.append(prompts.PLAN_REWRITE_OFF)
            return plan
        try:
            llm = make_llm(kb.settings)
        except LLMFailure as e:
            plan.notices.append(str(e))
            return plan
    rows = {c.chunk_id: i for i, c in enumerate(kb.chunks)}
    done = 0
    for i, m in enumerate(plan.measures, 1):
        try:
            new, why = _rewrite_one(kb, plan, m, llm, rows)
        except LLMFailure as e:
            plan.notices.append(str(e))
            break
        if new is None:
            plan.notices.append(prompts.PLAN_REWRITE_KEPT.format(i=i, why=why))
            continue
        m.text, m.citations = new
        done += 1
    if done:
        plan.mode = "llm"
    plan.notices.append(prompts.PLAN_REWRITE_DONE.format(done=done, total=len(plan.measures)))
    return plan


def _sources(kb, plan: WorkPlan, m: Measure, rows: dict[str, int]) -> list[Source]:
    out = []
    for j, n in enumerate(m.citations, 1):
        c = plan.citation(n)
        row = rows.get(c.chunk_id)
        text = mask_instructions(c.quote, detector_for(kb.embedder))
        vec = kb.vector(row) if row is not None and text == c.quote else None
        meta = {"n": n, "place_label": (c.meta or {}).get("place", "")}
        out.append(Source(f"S{j}", text, c.title, c.section, vec, None, meta))
    return out


def _rewrite_one(kb, plan: WorkPlan, m: Measure, llm, rows) -> tuple[tuple[str, list[int]] | None, str]:
    """((text, citations), "") for an accepted rewrite, or (None, reason)."""
    from llama_index.core.llms import ChatMessage

    sources = _sources(kb, plan, m, rows)
    key_of = {s.meta["n"]: s.key for s in sources}
    original = re.sub(r"\[(\d+)\]", lambda x: f"[{key_of.get(int(x.group(1)), '')}]", m.text)
    system = prompts.PLAN_REWRITE_SYSTEM.format(unit=plan.unit or T.DEFAULT_UNIT)
    user = prompts.PLAN_REWRITE_USER.format(sources=render_sources(sources), title=m.title, text=original)
    try:
        raw = "".join(BoundedStream(kb.settings, [ChatMessage(role="system", content=system),
                                                  ChatMessage(role="user", content=user)], llm))
    except LLMFailure:
        raise
    except Exception as e:  # endpoint errors of any type: keep the original wording
        raise LLMFailure(describe(e, kb.settings)) from e
    from ..embed import embed_query  # llama-index: not at CLI start

    verifier = Verifier(sources, kb.tokenizer, lambda t: embed_query(kb.embedder, t), kb.idf,
                        extra=plan.user_input() + [m.title, T.DEFAULT_UNIT])
    kept = [v for v in (verifier.check(s) for s in split_answer(raw)) if v.supported]
    if not kept:
        return None, prompts.PLAN_WHY_NONE
    n_of = {s.key: s.meta["n"] for s in sources}
    text = "".join(v.sentence + "".join(f"[{n_of[k]}]" for k in v.keys) for v in kept)
    cites = list(dict.fromkeys(n_of[k] for v in kept for k in v.keys))
    # Figures the composer turned into ____ blanks must not come back from the precedent.
    known = normalize("\n".join([m.text, *plan.user_input()]))
    extra_num = [c.text for c in claims(text) if c.kind == "数字" and normalize(c.text) not in known]
    if extra_num:
        return None, prompts.PLAN_WHY_NUMBER.format(x=extra_num[0])
    allowed = plan.user_input() + [plan.citation(n).quote for n in cites] + \
        [plan.citation(n).title for n in cites] + [(plan.citation(n).meta or {}).get("place", "") for n in cites]
    bad = ungrounded(m.title + "\n" + text, allowed)
    if bad:
        return None, prompts.PLAN_WHY_GROUNDING.format(kind=bad[0].kind, x=bad[0].text)
    return (text, cites), ""
