"""The verifier: every item is re-checked against its quote and the whole corpus.

It rejects an item when the key is not supported by the quoted source, when a distractor
(or the altered fact of a false 判断题) is supported by the corpus, when two options are
equal or one contains another, when a blank's answer is ambiguous, when the stem is not
well formed, or when the citation does not point at the exact source span.
"""
from __future__ import annotations

import re
import weakref

from ingest.model import Chunk, Document

from ..library import view_of
from .facts import sentences
from .model import BLANK, FALSE, LETTERS, MULTI, SHORT, SINGLE, TRUE, TRUE_FALSE, QuizItem

_SPACE = re.compile(r"\s+")
# a list marker or a cut article number at a stem's start: “②…”, “（一）…”, “条 …”, “3. …”
MARKER = re.compile(r"^(?:[①-⑳]|[（(][一二三四五六七八九十\d]{1,3}[)）]|第?[一二三四五六七八九十百]*条\s|\d{1,2}[、.．](?!\d))")
_CACHE: dict[tuple[int, str], tuple] = {}
# a drafting definition in brackets: “专项维修资金（以下简称专项维修资金）” (review 58: left in an option)
DEFINITION = re.compile(r"[（(]以下(?:简称|称)[^（）()]{1,40}[）)]")


def norm(text: str) -> str:
    """Spaces, quote marks and drafting definitions (DEFINITION) dropped: an item that leaves the
    definition out still matches its source."""
    return DEFINITION.sub("", _SPACE.sub("", text).replace("“", "").replace("”", ""))


def undefined(text: str) -> str:
    """text without its drafting definitions (what an item prints; the 解析 quotes the source whole)."""
    return DEFINITION.sub("", text)


def undefine(item: QuizItem) -> bool:
    """Drop drafting definitions from what an item prints: stem, options, key, points, accepted
    spellings (review 58: “（以下简称专项维修资金）” in a 多选 option); False when its blank is inside one."""
    if any("____" in m.group() for m in DEFINITION.finditer(item.stem)):
        return False
    item.stem, item.answer = undefined(item.stem), undefined(item.answer)
    item.options = [undefined(o) for o in item.options]
    item.points = [undefined(p) for p in item.points]
    item.accepted = [undefined(a) for a in item.accepted]
    return True


class Corpus:
    """Normalized texts and sentences of all documents, for support look-ups."""

    def __init__(self, docs: dict[str, Document], chunks: list[Chunk]):
        self.docs = docs
        self.chunks = {c.chunk_id: c for c in chunks}
        self.texts = {d: norm(doc.text) for d, doc in docs.items()}
        self.sents = [norm(s.text) for s in sentences(docs, chunks)]

    def contains(self, text: str) -> bool:
        t = norm(text)
        return bool(t) and any(t in x for x in self.texts.values())

    def is_true(self, head: str, text: str) -> bool:
        """Does some sentence of the corpus state `text` (together with `head`, if given)?"""
        if not head:
            return self.contains(text)
        h, t = norm(head), norm(text)
        return any(h in s and t in s for s in self.sents)


def per_index(data, name: str, factory):
    """factory(data), computed once per loaded index (IndexData is not hashable, so the
    cache is keyed by id and guarded by a weak reference against id reuse)."""
    hit = _CACHE.get((id(data), name))
    if hit is not None and hit[0]() is data:
        return hit[1]
    value = factory(data)
    for k in [k for k, v in _CACHE.items() if v[0]() is None]:
        del _CACHE[k]
    _CACHE[(id(data), name)] = (weakref.ref(data), value)
    return value


def corpus_of(kb) -> Corpus:
    kb = view_of(kb)
    return per_index(kb.data, "corpus", lambda d: Corpus(d.documents, d.chunks))


def verify_item(item: QuizItem, kb) -> list[str]:
    """Problems with an item (empty list: the item passes); kb: a Corpus, a view or an Assistant."""
    corpus = kb if isinstance(kb, Corpus) else corpus_of(kb)
    problems = _citation_problems(item, corpus) + _form_problems(item)
    if problems:
        return problems
    check = item.check
    kind = check.get("kind")
    quote = norm(item.citation.quote)
    if kind == "number":
        problems += _number_problems(item, corpus, quote)
    elif kind in ("list", "place"):
        problems += _list_problems(item, corpus, quote)
    elif kind in ("order", "define"):
        from .verify_steps import step_problems  # (a procedure's steps, two definitions: each at its own span)
        problems += step_problems(item, corpus)
    else:
        problems.append("缺少核验信息")
    return problems


def _citation_problems(item: QuizItem, corpus: Corpus) -> list[str]:
    c = item.citation
    doc = corpus.docs.get(c.doc_id)
    if doc is None:
        return ["出处文档不存在"]
    if doc.text[c.start:c.end] != c.quote or not c.quote:
        return ["引文与原文位置不符"]
    chunk = corpus.chunks.get(c.chunk_id)
    if chunk is None or chunk.doc_id != c.doc_id or not (chunk.start <= c.start < chunk.end
                                                         or _own_heading(doc.text[c.start:chunk.start], chunk)):
        return ["出处段落不符"]
    return []


def _own_heading(gap: str, chunk: Chunk) -> bool:
    """The quote starts at its chunk's own heading line, which the chunker keeps out of the chunk's text
    (### （一）统筹规划发展城市养老服务设施。 before the chunk of that sub-section: a part's measure named by it)."""
    leaf = chunk.section.rpartition(" › ")[2]
    return bool(gap.strip()) and gap.strip().rstrip("。.").strip() == leaf.rstrip("。.").strip()


def _form_problems(item: QuizItem) -> list[str]:
    out = []
    if item.type in (SINGLE, MULTI):
        if not item.stem.endswith("？"):
            out.append("题干不是问句")
        if len(item.options) < 3 or len(item.options) > len(LETTERS):
            out.append("选项数量不当")
        if not item.answer or any(ch not in LETTERS[:len(item.options)] for ch in item.answer):
            out.append("答案不是有效选项")
        if item.type == SINGLE and len(item.answer) != 1:
            out.append("单选题答案不唯一")
        if item.type == MULTI and len(item.answer) < 2:
            out.append("多选题正确选项少于两个")
        opts = [norm(o) for o in item.options]
        if len(set(opts)) != len(opts):
            out.append("选项重复")
        elif any(a != b and a in b for a in opts for b in opts):
            out.append("选项相互包含")
        elif form_giveaway(item):
            out.append("选项形式暴露答案")
    if item.type == TRUE_FALSE and item.answer not in (TRUE, FALSE):
        out.append("判断题答案无效")
    if item.type == TRUE_FALSE and item.answer == FALSE and DENIAL.search(item.stem):
        out.append("判断题双重否定")  # (“…不包括X” keyed 错误: the trainee must negate a negation)
    if item.type == BLANK and item.stem.count("______") != 1:
        out.append("填空题空格数量不对")
    if item.type == SHORT and not item.points:
        out.append("简答题缺少评分要点")
    if not item.explanation or "原文" not in item.explanation:
        out.append("解析未引用原文")
    if MARKER.match(re.sub(r"^根据[^，]{0,80}?》，", "", item.stem)):
        out.append("题干以序号开头")
    if points_elsewhere(_own_words(item.stem)) or any(POINTER.search(o) for o in item.options):
        out.append("题干指向未列出的内容")
    return out


# words that point at a list, an article or a passage the item does not print (将上述资料移交, 前款规定的,
# 该机构: trainer review 68's 第26题); the question forms' own 下列各项中/下列哪一项/该条所列 are printed lists
POINTER = re.compile(r"上述|前述|前款|本款|前项|本条|下列(?!各项|哪)|如下|以下(?:条件|情形|事项|规定|要求|内容|几|各|资料|材料)")
THAT = re.compile(r"(?<![应活])该(?!当)([\u4e00-\u9fff]{0,2})")  # 该X: dangling unless the stem named X before it


def points_elsewhere(text: str) -> bool:
    """text points at what it does not print: a POINTER, or 该X with no X before it (…家庭…，确保该家庭 and
    物业管理区域…该区域 name theirs; an option never says 该, a 情景's says 该家庭 of its situation)."""
    return bool(POINTER.search(text)) or any(not m.group(1) or m.group(1) not in text[:m.start()]
                                               for m in THAT.finditer(text))


def _own_words(stem: str) -> str:
    """The stem without its quoted lead (规定：“居民会议行使下列职权：……”: the list's kind is shown) and its
    question forms' own reference to it (该条所列内容, 该条列举了)."""
    return re.sub(r"规定：“[^”]*”", "", stem).replace("该条所列", "").replace("该条列举", "")


DENIAL = re.compile(r"不包括|不属于|不包含|并非")  # a statement that denies; keyed 错误 it is a double negative
SHORT_OPTION = 16  # options up to this long are terms, compared by their characters
CJK = re.compile(r"[\u4e00-\u9fff]")


def form_giveaway(item: QuizItem) -> bool:
    """The keyed options and the others differ in form: every option on one side shares a
    character or an ending that no option on the other side has (公示率提升、履约率提升、投诉率下降
    against 社会公益服务、承诺公示; 思想政治素质好、…能力强 against nouns). A single key is
    judged with the items of its whole list (check["all"]): 公示率提升 alone among 居民公约,
    承诺公示… is picked by its 率."""
    if not item.options or not item.answer:
        return False
    keyed = [norm(item.options[LETTERS.index(ch)]) for ch in item.answer]
    rest = [norm(o) for i, o in enumerate(item.options) if LETTERS[i] not in item.answer]
    if len(keyed) == 1 and item.check.get("all") and not item.check.get("negative"):
        keyed = [norm(x) for x in item.check["all"]]  # one key shows the form of its whole list
    if not rest:
        return False
    if any(len(o) > SHORT_OPTION for o in keyed + rest):
        return _word_giveaway([norm(item.options[LETTERS.index(ch)]) for ch in item.answer], rest)
    for big, small in ((keyed, rest), (rest, keyed)):
        if len(big) < 2:
            continue
        shared = set.intersection(*(set(CJK.findall(o)) for o in big))
        if any(all(ch not in o for o in small) for ch in shared):
            return True
        ends = {o[-1] for o in big}
        if len(ends) < len(big) and not any(o[-1] in ends for o in small):
            return True
    return False


def _word_giveaway(keyed: list[str], rest: list[str]) -> bool:
    """Clauses as options: a word (two characters) every option on one side says and no option
    on the other (the keys all about 业主大会, the wrong ones about a member's own situation)."""
    for big, small in ((keyed, rest), (rest, keyed)):
        if len(big) < 2:
            continue
        shared = set.intersection(*(_pairs(o) for o in big))
        if any(all(p not in o for o in small) for p in shared):
            return True
    return False


def _pairs(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1) if CJK.fullmatch(text[i]) and CJK.fullmatch(text[i + 1])}


def _number_problems(item: QuizItem, corpus: Corpus, quote: str) -> list[str]:
    check, out = item.check, []
    tmpl = check["template"]
    key = check["key"][0]
    if norm(tmpl.format(key)) not in quote:
        out.append(f"答案“{key}”与引文不符")
    for w in check.get("wrong", []):
        if w == key or corpus.contains(tmpl.format(w)):
            out.append(f"干扰项“{w}”在资料中成立")
    if item.type in (SINGLE, MULTI):
        right = [item.options[LETTERS.index(ch)] for ch in item.answer]
        if right != [key]:
            out.append("答案与选项不符")
    if item.type == TRUE_FALSE and (item.answer == FALSE) != bool(check.get("wrong")):
        out.append("判断题答案与表述不符")
    if item.type == BLANK:
        out += _ambiguous_blank(tmpl, key, check.get("blank", key), corpus, item.citation.doc_id)
    return out


def _ambiguous_blank(tmpl: str, key: str, blank: str, corpus: Corpus, doc_id: str) -> list[str]:
    """The clause around the blank must admit only one filler in the source document."""
    left, _, right = tmpl.partition("{}")
    left, right = norm(left), norm(right)[:8]  # the whole context the stem shows
    pat = re.compile(re.escape(left) + r"(.{1,12}?)" + re.escape(right)) if left or right else None
    fillers = {m.group(1) for m in pat.finditer(corpus.texts[doc_id])} if pat else set()
    out = []
    if len(fillers) > 1:
        out.append("填空答案不唯一：" + "、".join(sorted(fillers)))
    if norm(tmpl).count(norm(blank)) and len(blank) > 1:
        out.append("题干泄露了答案")
    return out


def _list_problems(item: QuizItem, corpus: Corpus, quote: str) -> list[str]:
    check, out = item.check, []
    head = check.get("head", "")
    for k in check["key"]:
        if norm(k) not in quote:
            out.append(f"答案“{k}”与引文不符")
    if head and check["kind"] == "list" and norm(head) not in quote:
        out.append(f"引文未提及“{head}”")
    for w in check.get("wrong", []):
        if norm(w) in quote or corpus.is_true(head, w):
            out.append(f"干扰项“{w}”在资料中成立")
    if item.type in (SINGLE, MULTI):
        chosen = {item.options[LETTERS.index(ch)] for ch in item.answer}
        expect = set(check["wrong"]) if check.get("negative") else set(check["key"])
        if check["kind"] == "place":
            expect = {o for o in item.options if any(norm(k) in norm(o) for k in check["key"])}
        if chosen != expect:
            out.append("答案与选项不符")
    if item.type == TRUE_FALSE and (item.answer == FALSE) != (bool(check.get("wrong")) != bool(check.get("denied"))):
        out.append("判断题答案与表述不符")  # (false: a wrong item said to be listed, or a listed one denied)
    if item.type == TRUE_FALSE and check.get("wrong") and len(check.get("key", [])) >= 2:
        shown = QuizItem(SINGLE, item.stem, "A", "", None, [check["wrong"][0], *check["key"]])
        if form_giveaway(shown):
            out.append("替换项形式暴露答案")  # (社会公益服务 among …率提升、…率下降)
    if item.type == BLANK:
        blank = check.get("blank", "")
        if sum(norm(blank) in norm(x) for x in re.split(r"[、，。]", item.stem)) > 0:
            out.append("题干泄露了答案")
    if item.type == SHORT and len(item.points) != len(check["key"]):
        out.append("评分要点与答案不一致")
    return out
