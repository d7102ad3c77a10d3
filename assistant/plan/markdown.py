"""Markdown rendering of a WorkPlan: the same outline as the .docx, quotes as blockquotes."""
from __future__ import annotations

from .model import WorkPlan

CN_NUM = "一二三四五六七八九十"


def cn(i: int) -> str:
    """1 → 一 … 10 → 十, 11 → 十一, 20 → 二十 (enough for section and item numbers)."""
    if i <= 10:
        return CN_NUM[i - 1]
    tens, ones = divmod(i, 10)
    return (CN_NUM[tens - 1] if tens > 1 else "") + "十" + (CN_NUM[ones - 1] if ones else "")


def section_titles(plan: WorkPlan) -> list[str]:
    return ["指导思想", "工作目标", "组织领导", "主要措施", "实施步骤", "工作要求和保障措施", "参考依据"]


def source_line(c) -> str:
    """[n] place《title》section, date — the reference list entry of one citation."""
    place = c.meta.get("place", "")
    sec = c.section.split(" › ", 1)[-1] if " › " in c.section else ""
    date = c.meta.get("date", "")
    bits = [f"{place}：" if place else "", f"《{c.title}》", f"，{sec}" if sec else "", f"，{date}" if date else ""]
    return "".join(bits)


def to_markdown(plan: WorkPlan) -> str:
    h = iter(section_titles(plan))
    lines = [f"# {plan.title}", ""]
    for notice in plan.notices:
        lines += [f"> 提示：{notice}", ""]
    for body in (plan.guiding, plan.goals, plan.leadership):
        lines += [f"## {cn(len([x for x in lines if x.startswith('## ')]) + 1)}、{next(h)}", ""]
        lines += [p + "  " if p.endswith("____") else p for p in body] + [""]
    lines += [f"## 四、{next(h)}", ""]
    for i, m in enumerate(plan.measures, 1):
        lines += [f"### （{cn(i)}）{m.title}", "", m.text, ""]
        for n in m.citations:
            c = plan.citation(n)
            lines += [f"> [{n}] {c.meta.get('place') or c.title}：“{c.quote}”", ""]
    lines += [f"## 五、{next(h)}", ""]
    for i, ph in enumerate(plan.schedule, 1):
        lines += [f"（{cn(i)}）{ph.name}（{ph.period}）：{ph.tasks}", ""]
    lines += [f"## 六、{next(h)}", ""]
    for i, r in enumerate(plan.requirements, 1):
        lines += [f"（{cn(i)}）{r.title}。{r.text}", ""]
    lines += [f"## 七、{next(h)}", ""]
    lines += [f"[{c.n}] {source_line(c)}" + "  " for c in plan.citations] + [""]
    if plan.problems:
        lines += ["## 依据核查未通过", ""] + [f"- {p}" for p in plan.problems] + [""]
    return "\n".join(lines)
