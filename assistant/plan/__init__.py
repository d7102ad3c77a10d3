"""Work-plan drafting (实施方案): every measure cites a real precedent; Word/Markdown/JSON out."""
from .docx_export import to_docx
from .draft import draft
from .grounding import check_grounding
from .markdown import to_markdown
from .model import Measure, Phase, PlanError, UngroundedPlan, WorkPlan
from .rewrite import draft_with_llm, rewrite_measures  # optional LLM rewrite (assistant/llm)

__all__ = ["draft", "check_grounding", "to_docx", "to_markdown", "WorkPlan", "Measure", "Phase",
           "PlanError", "UngroundedPlan", "draft_with_llm", "rewrite_measures"]
