"""Work-plan drafting (实施方案): every measure cites a real precedent; Word/Markdown/JSON out."""
from .draft import draft
from .grounding import check_grounding
from .markdown import to_markdown
from .model import Measure, Phase, PlanError, UngroundedPlan, WorkPlan
from .rewrite import draft_with_llm, rewrite_measures  # optional LLM rewrite (assistant/llm)


def to_docx(plan: WorkPlan, path):
    """The plan as a .docx in the 公文 layout (python-docx is loaded only here, not at CLI start)."""
    from .docx_export import to_docx as write

    return write(plan, path)

__all__ = ["draft", "check_grounding", "to_docx", "to_markdown", "WorkPlan", "Measure", "Phase",
           "PlanError", "UngroundedPlan", "draft_with_llm", "rewrite_measures"]
