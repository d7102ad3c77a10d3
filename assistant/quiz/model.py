"""Quiz data types: QuizItem and Quiz. Citations are data (assistant.types.Citation)."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field

from ..types import Citation

SINGLE, MULTI, TRUE_FALSE, BLANK, SHORT = "单选题", "多选题", "判断题", "填空题", "简答题"
TYPES = (SINGLE, MULTI, TRUE_FALSE, BLANK, SHORT)
DIFFICULTIES = ("易", "中", "难")
TRUE, FALSE = "正确", "错误"
LETTERS = "ABCDEF"
SCORES = {SINGLE: 2, MULTI: 3, TRUE_FALSE: 1, BLANK: 2, SHORT: 6}  # 分值 of one item, by type
POINT_MARK = 1  # 分值 of one 评分要点 of a 简答


def split_score(total: int, n: int) -> list[int]:
    """Integer 分值 for n 评分要点 summing to total (the first points get the remainder)."""
    if n <= 0:
        return []
    base, extra = divmod(total, n)
    return [base + (1 if i < extra else 0) for i in range(n)]


@dataclass
class QuizItem:
    """One question. `answer` is letters for choice items ("B", "ACD"), 正确/错误 for
    判断题, the missing text for 填空题 and the reference answer for 简答题."""

    type: str
    stem: str
    answer: str
    explanation: str  # 解析: quotes the source
    citation: Citation
    options: list[str] = field(default_factory=list)
    difficulty: str = "中"
    points: list[str] = field(default_factory=list)  # 评分要点 (简答题)
    # What the verifier re-checks against the corpus (see verify.py):
    # kind: number|list|place|term; template: the claim with "{}" for the slot;
    # key: the correct filler(s); wrong: the distractor fillers; head: the named list.
    check: dict = field(default_factory=dict)
    fact_id: str = ""
    accepted: list[str] = field(default_factory=list)  # 填空题: every spelling that scores (一, 1)
    need: int = 0  # 简答题: how many of the 评分要点 score (答出任意 4 项); 0 = all of them

    @property
    def score(self) -> int:
        """A 简答 scores one mark per 评分要点 (each point of a list weighs the same: marks by
        position, 2 for the first points and 1 for the last, had no ground); others by type."""
        if self.type == SHORT and self.points:
            return (self.need or len(self.points)) * POINT_MARK
        return SCORES[self.type]

    def point_scores(self) -> list[tuple[str, int]]:
        """评分要点 with their 分值: one mark each for a 简答 (any `need` of them sum to its
        score), else the score split over them."""
        if self.type == SHORT:
            return [(p, POINT_MARK) for p in self.points]
        return list(zip(self.points, split_score(self.score, len(self.points))))

    def marking(self) -> str:
        """评分要点（共 4 分，答出任意 4 项即可，每项 1 分）：… as printed on an answer sheet."""
        rule = f"答出以下任意 {self.need} 项即可，" if self.need and self.need < len(self.points) else ""
        return (f"评分要点（共 {self.score} 分，{rule}每项 {POINT_MARK} 分）：" + "；".join(self.points) + "。"
                if self.type == SHORT else "")

    def answer_text(self) -> str:
        """The answer with option texts spelled out (for the answer sheet); a fill-in key
        with its other accepted spellings ("一（或 1）")."""
        if self.options and self.type in (SINGLE, MULTI):
            return "；".join(f"{ch}. {self.options[LETTERS.index(ch)]}" for ch in self.answer)
        others = [a for a in self.accepted if a != self.answer]
        return self.answer + (f"（或 {'、'.join(others)}）" if others else "")

    def accepts(self, response: str) -> bool:
        """Does a trainee's fill-in response score? Any accepted spelling, blanks ignored."""
        r = "".join(response.split())
        return r == self.answer or r in self.accepted

    def source_label(self) -> str:
        c = self.citation
        title = c.title.replace("《", "〈").replace("》", "〉")  # (a title naming a law: 《河南省实施〈…〉办法》)
        leaf = c.section.split(" › ")[-1] if c.section and c.section != c.title else ""
        return f"《{title}》" + (leaf if leaf.startswith(("（", "(")) else f"（{leaf}）" if leaf else "")

    def to_dict(self) -> dict:
        d = asdict(self)
        d["citation"] = self.citation.to_dict()
        d["score"] = self.score
        return d


@dataclass
class Quiz:
    items: list[QuizItem]
    requested: int
    types: list[str]
    difficulty: str
    seed: int
    scope: str  # human-readable scope, e.g. "全部资料" or "主题：网格化管理"
    notice: str = ""  # why the quiz is shorter than requested, if it is
    stats: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {"requested": self.requested, "types": self.types, "difficulty": self.difficulty,
                "seed": self.seed, "scope": self.scope, "notice": self.notice,
                "stats": self.stats, "items": [it.to_dict() for it in self.items]}

    def type_counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for it in self.items:
            out[it.type] = out.get(it.type, 0) + 1
        return out
