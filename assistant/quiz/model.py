"""Quiz data types: QuizItem and Quiz. Citations are data (assistant.types.Citation)."""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

from ..types import Citation

SINGLE, MULTI, TRUE_FALSE, BLANK, SHORT = "单选题", "多选题", "判断题", "填空题", "简答题"
TYPES = (SINGLE, MULTI, TRUE_FALSE, BLANK, SHORT)
DIFFICULTIES = ("易", "中", "难")
TRUE, FALSE = "正确", "错误"
LETTERS = "ABCDEF"
SCORES = {SINGLE: 2, MULTI: 3, TRUE_FALSE: 1, BLANK: 2, SHORT: 6}  # 分值 of one item, by type
POINT_MARK = 1  # 分值 of one 评分要点 of a 简答
FIGURE_RULE = "数字答案用阿拉伯数字或汉字书写均可。"  # (stated once on a paper's answers)
RANGE_RULE = "范围用“至”“到”“-”“～”等连接均可。"  # (only when a figure key is a range: trainer reviews 62, 64)
RANGE = re.compile(r"[至到~～\-－—]")


KEY_CHARS = 12  # longest 得分关键词 of one clause of a 简答 point
KEY_SHARE = 0.8  # a keyword this long against its point is the point itself
_POINT = re.compile(r"^答出“(.+)”(及其要义)?$")


def keyword(point: str) -> str:
    """What a grader looks for in a 简答 point (review 7 and 8: 40-character points left the grader
    unsure what counts): the head of its first two clauses, each up to its first 、 (宣传宪法、
    法律… → 宣传宪法) and KEY_CHARS characters; "" for a point short enough to be its own keyword."""
    m = _POINT.match(point)
    text = m.group(1) if m else point
    if len(text) <= KEY_CHARS + 2:
        return ""
    heads = []
    for clause in [c for c in re.split(r"[，；,;]", text) if c][:2]:
        clause = re.sub(r"^(?:且|并且|并|以及|和)", "", clause)
        first = clause.split("、")[0]
        head = first if len(first) >= 4 else clause
        heads.append(head if len(head) <= KEY_CHARS else object_of(head))
    out = "、".join(heads)
    return "" if len(out) >= KEY_SHARE * len(text) else out  # (a keyword as long as its point adds nothing)


def keywords(points: list[str]) -> list[str]:
    """The 得分关键词 of each point of one 简答 (keyword()), each distinctive: a keyword another
    point also says (所得的收入 of three 公共收入 sources) or a generic word (实施情况, 老年人服务;
    echo_words.json) tells the grader nothing, so the point's own longest run of words no other
    point says stands instead (停放车辆), or none. A keyword opening with 的 (的违约金) is a cut, not a word."""
    from .echo import WORDS
    from .terms import best_term, enum_head, is_term

    texts = [(_POINT.match(p).group(1) if _POINT.match(p) else p) for p in points]
    out = []
    for i, p in enumerate(points):
        kw, others = keyword(p), texts[:i] + texts[i + 1:]
        parts = [k for k in kw.split("、") if k]
        if any(k in WORDS["generic_words"] or k.startswith("的") or any(k in o for o in others) for k in parts):
            parts = [k for k in distinctive(texts[i], others, set(WORDS["generic_words"])).split("、") if k]
        parts = [enum_head(k, texts[i]) or k for k in parts]  # (社会主义 of …等优良传统教育: review 58)
        parts = [k for k in parts if is_term(k, texts[i], others)]  # (表示, 未成年人开拆: no term, review 58)
        if not parts and len(texts[i]) > KEY_CHARS + 2:
            parts = [best_term(texts[i], others, KEY_CHARS)]
        out.append("、".join(k for k in parts if k))
    return out


def distinctive(text: str, others: list[str], generic: set[str]) -> str:
    """The longest run of a point's words (at most KEY_CHARS) of which no other point says any and
    none is generic; "" when it has none."""
    import jieba.posseg as pseg

    runs, run = [], []
    for w in pseg.cut(text):
        own = len(w.word) >= 2 and w.flag[:1] in ("n", "v", "a", "l", "i") and w.word not in generic \
            and not any(w.word in o for o in others)
        if own:
            run.append(w.word)
            continue
        runs.append(run)
        run = []
    runs.append(run)
    best = ""
    for r in runs:
        while len("".join(r)) > KEY_CHARS:
            r = r[1:]
        if len("".join(r)) > len(best):
            best = "".join(r)
    return best


def object_of(clause: str) -> str:
    """The object a long 动宾 clause ends on, in whole words (健全社区服务网点 → 社区服务网点,
    推行…登记制度 → 登记制度): a keyword cut at KEY_CHARS (健全社…) told the grader nothing."""
    import jieba.posseg as pseg  # (its dictionary loads once, on the first long point)

    words = [(w.word, w.flag) for w in pseg.cut(clause) if w.word.strip()]
    while words and words[-1][1] in ("x", "uj", "u"):
        words.pop()
    run: list[str] = []
    for word, flag in reversed(words):
        if not flag.startswith(("n", "vn")) or len("".join(run)) + len(word) > KEY_CHARS:
            break
        run.insert(0, word)
    rest = words[:len(words) - len(run)]
    while len("".join(run)) < 4 and rest:  # 制度 → 登记制度; 紧急呼叫 (no noun at the end)
        word, flag = rest.pop()
        if flag == "x" or len("".join(run)) + len(word) > KEY_CHARS:
            break
        run.insert(0, word)
    return "".join(run)


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
        keys = self.check.get("own_keys") or keywords(self.points)  # (a procedure's step and holder, a definition's own words)
        shown = [p + (f"（关键词：{k}）" if k else self._substance(p)) for p, k in zip(self.points, keys)]
        bare = any(not k and len(p) > KEY_CHARS + 6 for p, k in zip(self.points, keys))  # (a long point, no term)
        how = "答出关键词即给分" + ("，未列关键词的要点答出原意即给分" if bare else "")  # (review 58: 表示 alone scored)
        return (f"评分要点（共 {self.score} 分，{rule}每项 {POINT_MARK} 分，{how}）：" + "；".join(shown) + "。"
                if self.type == SHORT else "")

    def _substance(self, point: str) -> str:
        """A sub-heading's point also scores by what the key says under it (review 58: 完善站点布局 alone
        rewarded heading recall): "或答出其内容（…）"; "" when the key gives nothing under it."""
        m = _POINT.match(point)
        g = re.search(r"(?:^|；)\d+\. " + re.escape(m.group(1)) + r"：([^；]+?)。?(?:；|$)", self.answer) if m else None
        return f"或答出其内容（{g.group(1)}）" if g else ""

    def answer_text(self) -> str:
        """The answer with option texts spelled out (for the answer sheet); a fill-in key
        with its other accepted spellings ("一（或 1）")."""
        if self.options and self.type in (SINGLE, MULTI):
            return "；".join(f"{ch}. {self.options[LETTERS.index(ch)]}" for ch in self.answer)
        seen, others = {frozenset(self.answer.split("、"))}, []
        for a in [*self.accepted, *self.check.get("wordings", ())]:  # (wordings: marked right, never a give-away)  # 乡镇人民政府、街道办事处 and its reverse order are one name to a reader
            if frozenset(a.split("、")) not in seen:
                seen.add(frozenset(a.split("、")))
                others.append(a)
        sep = "；" if any("、" in a for a in others) else "、"
        if others and self.check.get("kind") != "number":  # (another wording, not a figure's spelling: review 75)
            return self.answer + f"「可接受：{sep.join(others)}」"
        return self.answer + (f"（或 {sep.join(others)}）" if others else "")

    def figure_key(self) -> bool:
        """A 填空 keyed by a figure, whose other spellings FIGURE_RULE states once for the paper."""
        return self.type == BLANK and self.check.get("kind") == "number" and len(self.accepted) > 1

    def answer_brief(self) -> str:
        """answer_text() with a figure's other spellings cut to one (二至三（或 2至3）): review 7 and 8
        found 8–10 spellings in one cell of the 答案速查, the rule behind them is FIGURE_RULE."""
        if not self.figure_key():
            return self.answer_text()
        other = next((a for a in self.accepted if a != self.answer), "")
        return self.answer + (f"（或 {other}）" if other else "")

    def accepts(self, response: str) -> bool:
        """Does a trainee's fill-in response score? Any accepted spelling, blanks ignored."""
        r = "".join(response.split())
        return r == self.answer or r in self.accepted or r in self.check.get("wordings", ())

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
    advice: str = ""  # to the trainer: items taken only to fill the paper, which they may swap

    def to_dict(self) -> dict:
        return {"requested": self.requested, "types": self.types, "difficulty": self.difficulty,
                "seed": self.seed, "scope": self.scope, "notice": self.notice, "advice": self.advice,
                "stats": self.stats, "items": [it.to_dict() for it in self.items]}

    def type_counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for it in self.items:
            out[it.type] = out.get(it.type, 0) + 1
        return out
