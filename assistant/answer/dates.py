"""A question about a document's own dates: when it takes effect, until when, what it repeals.

Regulations and policy texts state these in one closing line (“本办法自2021年7月1日起施行。
《…（试行）》同时废止。”). Their words seldom match the question's (执行 / 施行, 作废 / 废止),
so sentence scoring misses them; this strategy reads the closing lines of the documents the
answer is drawn from instead.
"""
from __future__ import annotations

import re

from ingest.sentences import sentence_spans

from .sentences import Sent
from .view import IndexView

# The question asks about the document itself: a genre word or 《…》 names it.
_DOC = re.compile(r"《[^》]{2,}》|条例|办法|规定|细则|意见|通知|方案|规划|文件|标准|规范|指南|[^议]法(?![规律人])")
_ASKS_EFFECT = re.compile(r"(?:施行|执行|生效|实施(?!意见|方案|办法|细则|计划)|实行)|有效期|什么时候开始|哪天起|何时起")
_ASKS_REPEAL = re.compile(r"废止|作废|失效|替代|取代|代替|旧(?:文件|规定|办法|条例)|老文件")
_WHEN_OR_WHICH = re.compile(r"什么时候|哪天|哪一天|何时|几月|哪年|日期|时间|有效期|哪个|哪部|哪份|哪一")
# The document's own closing lines (本办法自…起施行 / 施行至…止 / …同时废止).
EFFECT = re.compile(r"本[\u4e00-\u9fff]{0,8}(?:条例|办法|规定|细则|意见|通知|方案|标准|规范|法)?[^。；]{0,6}"
                    r"自[^。；]{2,40}?起(?:施行|实施|执行|生效)|施行至|有效期(?:至|为)")
REPEAL = re.compile(r"同时废止|同步废止|予以废止|即行废止|同时失效|不再执行|停止执行|废止。")


def asks_document_dates(question: str) -> tuple[bool, bool]:
    """(asks when it takes effect, asks what it repeals); both False for any other question."""
    if not _DOC.search(question) or not _WHEN_OR_WHICH.search(question):
        return False, False
    return bool(_ASKS_EFFECT.search(question)), bool(_ASKS_REPEAL.search(question))


def date_sentences(question: str, chunks, view: IndexView) -> list[Sent]:
    """The closing lines of the first document among the answer's passages that states what is
    asked (effective date and/or repeal), as exact sentence spans of that document."""
    effect, repeal = asks_document_dates(question)
    wanted = [p for p, on in ((EFFECT, effect), (REPEAL, repeal)) if on]
    if not wanted:
        return []
    seen: set[str] = set()
    for rank, c, score in chunks:
        if c.doc_id in seen:
            continue
        seen.add(c.doc_id)
        text = view.text(c)
        spans = sentence_spans(text, 0, len(text))
        last = {next((sp for sp in reversed(spans) if p.search(text[sp[0]:sp[1]])), None) for p in wanted}
        if None not in last:  # the document states all that is asked: its last such lines
            return [Sent(rank, view.holder(c, a, b), a, b, score) for a, b in sorted(last)]
    return []
