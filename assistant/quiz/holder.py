"""Whose duty a passage states, read once for the quiz (issue 13, trainer review 76: 医疗机构's 诊疗记录,
社区矫正机构's 矫正方案, 康复机构's training and 父母's 家庭教育 were asked of a class of community workers).
The reading is the plan package's (plan/actor.py sentence_actor at the 社区 level: the 街镇 and the
committees count as the community's own); this module is its only door into the quiz, for ranking facts,
for the duty blank and for the review counts."""
from __future__ import annotations

from .filters import COMMUNITY_ACTOR

COMMUNITY_LEVEL = 5  # plan/actor.py's unit: the 社区 level (its 街镇 and committees count as its own)
OWN_RANK, NONE_RANK, OTHER_RANK = 0, 1, 2


def holder(text: str) -> str:
    """"own" when the passage's duty-holder is a community-level body (or a resident dealing with it),
    "other" when every body of it is another (医疗机构, 社区矫正机构, 县级民政部门, 父母), "" when it names none."""
    from assistant.plan.actor import sentence_actor  # (the plan package imports the quiz's neighbours: at call time)

    return sentence_actor(text, COMMUNITY_LEVEL)


def community_body(name: str) -> bool:
    """The body's name is one of filters' community_actors (居民委员会, 人民调解委员会, 业主委员会…)."""
    return COMMUNITY_ACTOR.search(f"，{name}应当") is not None


def holder_rank(fact, docs: dict) -> int:
    """0: the community level's duty, 1: no holder named, 2: another body's (the fact's own passage)."""
    whose = holder(docs[fact.doc_id].text[fact.start:fact.end])
    return OWN_RANK if whose == "own" else (OTHER_RANK if whose == "other" else NONE_RANK)
