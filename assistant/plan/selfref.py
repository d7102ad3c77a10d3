"""A precedent's references to itself (参照本意见实施, （详见附件）, 按照本办法规定, 本条例第三十四条)
point nowhere in the user's plan: they are cut from a measure's body at a clause boundary, or
the sentence is left out when no act is left. The citation's quote stays as written."""
from __future__ import annotations

import re

from .practice import acts

_NUM = r"[一二三四五六七八九十百零〇\d]+"
_DOC = r"(?:条例|办法|意见|规定|方案|通知|细则|指引|规则|决定|法|标准|指南|规范|实施意见|实施细则|实施办法|实施方案)"
# The source document itself, one of its articles, or its attachments.
_REF = (rf"本{_DOC}(?:(?:第{_NUM}条)(?:第{_NUM}款)?(?:第[（(]?{_NUM}[）)]?项)?(?:[、和至及](?:第{_NUM}条|第[（(]?{_NUM}[）)]?项))*)?"
        rf"|本条(?!例)|本款|前款|前条|上款"
        rf"|(?:详见|参见|见)附[件表]{_NUM}?|附[件表]{_NUM}|详见[^，；。）)]*")
SELF_REF = re.compile(_REF)
_PAREN = re.compile(rf"[（(][^（）()]*(?:{_REF})[^（）()]*[）)]")  # （详见附件）, （见附表2）
# A frame that only points to the document (按照本办法规定, 依照本条例第三十四条的规定): its act follows.
_FRAME = re.compile(rf"(?:按照|依照|根据|依据|参照|遵照|对照|适用)(?:{_REF})(?:关于[^，；]{{1,16}}?(?=的规定|的要求))?(?:的|之|有关|相关)*(?:规定|要求|程序)?(?:的)?"
                    rf"(?:执行|实施|办理|处理)?")
_CLAUSES = re.compile(r"([，；,;])")
_DEFINES = re.compile(rf"^(?:{_REF})所称")


def without_self_reference(sentence: str) -> str | None:
    """The sentence without its clauses that refer to the source document; a frame (按照本办法
    规定，…) goes and its act stays. The conditions a cut clause depended on (…的，) go with it.
    None when no act is left; the sentence unchanged when it refers to nothing."""
    if not SELF_REF.search(sentence):
        return sentence
    if _DEFINES.search(sentence):
        return None  # 本法所称人民调解，是指…: a definition, no act
    parts = _CLAUSES.split(_PAREN.sub("", sentence))
    kept: list[list[str]] = []  # [clause, separator]
    dropped = False
    for i in range(0, len(parts), 2):
        clause, sep = parts[i].strip(), parts[i + 1] if i + 1 < len(parts) else ""
        if SELF_REF.search(clause):
            clause = _FRAME.sub("", clause).strip()
            if SELF_REF.search(clause) or not clause:
                while kept and kept[-1][1] not in "；;" and kept[-1][0].endswith("的"):
                    kept.pop()  # …的，按照本条例第九十条处理: the condition has no act left
                if kept and sep in "；;":
                    kept[-1][1] = sep
                dropped = True
                continue
        kept.append([clause, sep])
    text = "".join(c + s for c, s in kept).rstrip("，；,;")
    return text if text and (acts(text) or not dropped) else None
