"""Markdown rendering of a WorkPlan: the outline (assistant/plan/outline.py) as Markdown."""
from __future__ import annotations

from .model import WorkPlan
from .outline import outline

_MD = {"title": "# {}", "drafter": "> **{}**", "notice": "> 提示：{}", "problem": "- 依据核查未通过：{}", "h1": "## {}",
       "h2": "### {}", "para": "{}", "duty": "*{}*", "ref": "{}  ", "signature": "<p align=\"right\">{}</p>",
       "pagebreak": "---", "appendix": "## {}", "appendix_title": "### {}", "quote": "> {}"}


def to_markdown(plan: WorkPlan) -> str:
    lines: list[str] = []
    for b in outline(plan):
        lines += [_MD[b.kind].format(b.text), ""]
    return "\n".join(lines)
