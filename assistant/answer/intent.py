"""What a question asks for, read from its wording alone: a list, a number (in which unit),
several things at once, how something was done, or a survey across places."""
from __future__ import annotations

import re
from typing import Callable

from ingest.numerals import cn_to_int

from ..question_words import alternatives

_ENUM_Q = re.compile(alternatives("asks_for_list"))
_QUANT_Q = re.compile(r"多少|(?<![哪这那])几|多大|多长|多久|比例|百分|率")  # 哪几/这几 ask for a list
# Expected answer type: a question asking "how much money" needs an amount in 元, and so on.
_UNITS = [(re.compile(r"多少钱|多少元|几元|金额|罚多少|补贴多少|费用是多少"), re.compile(r"[0-9０-９一二三四五六七八九十百千万]+(?:多|余)?(?:万|亿)?元")),
          (re.compile(r"比例|百分之|百分比|占比|[^效]率[是为有]?多"), re.compile(r"[0-9０-９]+(?:\.\d+)?\s*[%％]|百分之|[一二三四五六七八九十]成"))]
# Specific measure words only: 个/人/名/位/家 count the same things interchangeably (几个成员 →
# 6人), so they name no unit to insist on.
_MEASURE = "小时|户|次|天|年|项|支|条|级|类|种|站|件|元|所|座|间|栋|层|批|场|届|期|处|块|本|份|周|月|岁"
# Units written two ways in documents: 几天 is answered by “15日”, “三个工作日”.
_SAME_UNIT = {"天": "(?:天|日|工作日)", "周": "(?:周|星期)", "小时": "(?:小时|个小时)"}
_ASK_UNIT = re.compile(rf"(?<![哪这那])(?:几|多少)({_MEASURE})")
_ASKED_N = re.compile(r"(?:哪|分|有|是)([一二两三四五六七八九十]|\d{1,2})(?:种|个|条|项|类|块|级|层|方面|大|点|站|步|句|会)")
_ASK = re.compile(alternatives("asks"))
_ASK_OPENING = re.compile(rf"[？?；;]|[，,](?=[^，,？?]*(?:{alternatives('asks_opening')}))")
_EACH = re.compile(r"分别|各|这几|这些|每")
_Q_ITEMS = re.compile(r"[\u4e00-\u9fff]{1,6}(?:、[\u4e00-\u9fff]{1,6})*、[\u4e00-\u9fff]{1,6}?(?=这|那|等|各|分别|的|两|几|方面|[，,。？?])")
_HOW = re.compile(r"怎么|怎样|如何|咋|办法|措施|做法")
_SURVEY = re.compile(r"各地|各个地方|各社区|各街道|哪些地方|(?:材料|资料|文件)里|不同地方|其他地方|对得上|一致吗|有何不同|有啥不一样|有什么不同")


def is_enumeration(question: str) -> bool:
    return bool(_ENUM_Q.search(question))


_DURATION_Q = re.compile(r"多久|多长时间|多长的?时间|多少时间|期限|时限|几个?工作日|什么时候之前|多少个?工作日")
DURATION = re.compile(r"(?:[0-9０-９]+|[一二两三四五六七八九十百半]+)\s*(?:个)?(?:工作日|日|天|个?月|季度|年|小时|周|星期)|"
                      r"每(?:隔)?\s*(?:[0-9一二两三四五六七八九十半]+\s*个?)?(?:工作日|日|天|周|星期|月|季度|季|年|小时)")


# An amount in words or digits: 三日内, 18周岁, 每季度, 5-6户. Numbers that name rather than
# count (第十条, 第六十四次, （三）) are not amounts.
AMOUNT = re.compile(r"[0-9０-９]|[一二三四五六七八九十百千万两半]+(?:多|余)?个?(?:日|天|周岁|岁|倍|成|元|万|亿|米|分|"
                    r"小时|周|月|季度|年|次|户|人|名|家|批|届|期|层|间|所|座|栋|处|块|本|份|场|站|件|支|类|种|级|条|项)|"
                    + DURATION.pattern)
_ORDINAL = re.compile(r"第[0-9０-９一二三四五六七八九十百千零〇两]+|[（(][0-9一二三四五六七八九十]+[)）]")
_DIGITS = re.compile(r"[0-9０-９]+(?:\.[0-9]+)?")


def states_amount(text: str, question: str) -> bool:
    """Does the sentence state an amount the question does not already give? Ordinals and the
    question's own numbers (12345热线, 2025年) are not an answer."""
    own = set(_DIGITS.findall(question))
    rest = _DIGITS.sub(lambda m: " " if m.group(0) in own else m.group(0), _ORDINAL.sub(" ", text))
    return bool(AMOUNT.search(rest))


def asked_unit(question: str) -> re.Pattern | None:
    """“分几站” → a pattern for a number in 站 (三站式, 3站); “多长时间” → a duration;
    None when no unit is named."""
    if _DURATION_Q.search(question):
        return DURATION
    m = _ASK_UNIT.search(question)
    if not m:
        return None
    unit = _SAME_UNIT.get(m.group(1), m.group(1))
    return re.compile(rf"(?:[0-9０-９]+(?:\.\d+)?|[一二两三四五六七八九十百千万]+)(?:多|余)?(?:个)?{unit}")


_ASKED_KIND = re.compile(r"(?:哪|几)几?(?:个)?(种|条|项|类|级|层|方面|大|点|站|步)")


def asked_classifier(question: str) -> str | None:
    """“分成哪几类” → 类: the measure word the question counts its items in (no number given)."""
    m = _ASKED_KIND.search(question)
    return m.group(1) if m else None


def asked_count(question: str) -> int | None:
    """“哪三种会” → 3: the number of items the question expects, when it says."""
    m = _ASKED_N.search(question)
    return cn_to_int(m.group(1)) if m else None


def sub_questions(question: str, cut: Callable[[str], list[str]]) -> list[tuple[str, str]]:
    """“有几个支部？党员多少名？” asks two things: the pieces (split at ？ and at commas
    before a question word) that ask something. A piece that asks nothing is the topic.
    Each ask comes as (the question to answer, its focus: the words that weigh fully).
    `cut` splits text into words (the index's tokenizer, with the domain dictionary)."""
    items = _Q_ITEMS.search(question)
    if items and _EACH.search(question):  # “选举、决策、参与、监督这几项权利”: one ask per item
        a, b = items.span()
        names = items.group(0).split("、")
        head = trim_item(names[0], max(len(x) for x in names[1:]), cut)
        a += len(names[0]) - len(head)
        return [(question[:a] + item + question[b:], item) for item in [head] + names[1:]]
    pieces = _ASK_OPENING.split(question)
    return [(p.strip(), p.strip()) for p in pieces if p.strip() and _ASK.search(p)]


def trim_item(first: str, width: int, cut: Callable[[str], list[str]]) -> str:
    """The first item of a list in a question carries what precedes it (保障居民选举、决策):
    drop its leading words until it is no longer than the other items."""
    words = cut(first)
    while len(words) > 1 and len("".join(words)) > width:
        words.pop(0)
    return "".join(words)


def is_quantity(question: str) -> bool:
    return bool(_QUANT_Q.search(question))


def expected_amount(question: str) -> re.Pattern | None:
    """A money or percentage question: the pattern its answer sentence must contain."""
    return next((u for q_pat, u in _UNITS if q_pat.search(question)), None)


def asks_how(question: str) -> bool:
    return bool(_HOW.search(question))


def is_survey(question: str) -> bool:
    """“各地都有哪些做法”: a question about what several places do."""
    return bool(_SURVEY.search(question))
