"""WorkPlan: a 实施方案 draft whose measures cite real precedents. Citations are data."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field

from ..errors import ShequError
from ..types import Citation


class PlanError(ShequError, ValueError):
    """A plan cannot be drafted (empty or unsupported topic, bad time frame, no documents)."""


class UngroundedPlan(ShequError):
    """The grounding check failed; the draft is attached but must not be used silently."""

    def __init__(self, message: str, plan: "WorkPlan"):
        super().__init__(message)
        self.plan = plan


@dataclass
class Measure:
    """One item of 主要措施: an action for the user's unit, backed by cited precedents."""

    title: str
    text: str  # the action, adapted to the unit; ends with its [n] markers
    citations: list[int] = field(default_factory=list)  # numbers into WorkPlan.citations
    focus: str = ""  # the requested focus point this measure answers, if any
    responsible: str = "____"  # 责任单位: the user fills it in
    deadline: str = "____"  # 完成时限
    verbatim: bool = False  # the wording failed the grounding check: the precedent is quoted as written
    strength: float = 1.0  # its lead practice's rank as a share of the plan's best (evals/fit_plan.py fits fill_cut on it)


@dataclass
class Phase:
    """One step of 时间安排/实施步骤. `period` uses the user's dates or ____年__月 blanks."""

    name: str
    period: str
    tasks: str


@dataclass
class Item:
    """A titled paragraph of a fixed section (工作要求/保障措施)."""

    title: str
    text: str


@dataclass
class WorkPlan:
    topic: str
    unit: str  # as given; "" when the user gave none
    title: str
    guiding: list[str]  # 指导思想
    goals: list[str]  # 工作目标
    leadership: list[str]  # 组织领导, blanks such as 组长：____
    measures: list[Measure]  # 主要措施
    schedule: list[Phase]  # 时间安排/实施步骤
    requirements: list[Item]  # 工作要求/保障措施
    citations: list[Citation]  # 参考依据, numbered from 1
    start: str = ""  # the user's time frame, normalised (e.g. 2025年3月)
    end: str = ""
    focus: list[str] = field(default_factory=list)
    unsupported_focus: list[str] = field(default_factory=list)  # focus points without precedent
    notices: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # grounding problems (empty when grounded)
    mode: str = "extractive"
    elapsed: float = 0.0

    @property
    def grounded(self) -> bool:
        return not self.problems

    @property
    def signature(self) -> list[str]:
        """落款: the issuing unit (a blank when none was given) and a date for the user to fill in."""
        return [self.unit or "____（单位名称）", "____年__月__日"]

    def sources(self) -> list[Citation]:
        """参考依据: the first citation of each cited document, in citation order."""
        first: dict[str, Citation] = {}
        for c in self.citations:
            first.setdefault(c.doc_id, c)
        return list(first.values())

    def citation(self, n: int) -> Citation:
        return self.citations[n - 1]

    def documents(self) -> list[str]:
        """Distinct cited document ids, in citation order."""
        return list(dict.fromkeys(c.doc_id for c in self.citations))

    def user_input(self) -> list[str]:
        """Everything the user typed; the grounding check accepts names and numbers in it."""
        return [t for t in (self.topic, self.unit, self.start, self.end, *self.focus) if t]

    def to_dict(self) -> dict:
        d = asdict(self)
        d["citations"] = [c.to_dict() for c in self.citations]
        d["grounded"] = self.grounded
        return d
