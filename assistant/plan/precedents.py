"""Precedents: retrieved passages cut into "points" (one practice each) and scored.

A point is a run of sentences that starts at an enumerator (一是, （一）, 1.) or a short
heading sentence and ends before the next one. Its quote is one exact span of doc.text.
"""
from __future__ import annotations

import functools
import math
import re
from collections import Counter
from dataclasses import dataclass, field

from ingest.model import Chunk, Document
from ingest.sentences import sentence_spans

_ORDINAL = re.compile(r"^(?:[（(][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,2}是|"
                      r"第[一二三四五六七八九十百零〇]{1,5}[站步是条]|\d{1,2}[.、．](?!\d)|[一二三四五六七八九十]{1,2}、)")
_LEAD = r"^(?:要|应|须|积极|大力|深入|扎实|全面|着力|不断|坚持|进一步|充分|注重|努力|切实|重点)?"
_VERBS = (r"(?:建立|健全|完善|推行|推进|推动|推广|开展|成立|搭建|组织|实行|实施|加强|强化|落实|制定|设立|"
                     r"培育|打造|依托|规范|构建|吸纳|召开|划分|划定|配备|配强|引导|整合|发挥|创新|探索|深化|优化|"
                     r"动员|选派|选优|结合|筛查|查找|依照|设置|"
                     r"建设|加大|拓展|提升|提高|畅通|广泛|定期|分类|及时|立即|统筹|形成|做到|确保|聚焦|明确|鼓励|邀请|"
                     r"结对|联系|走访|收集|办理|推出|引进|指导|协调|打破|均衡|精细|突出|用好|抓好|召集|评议|公开|"
          r"划片|包联|选聘|培训|发展|支持|提供|扶持|加快|改善|培养|受理)")
_ACTION = re.compile(_LEAD + _VERBS)  # a practice: starts with a verb
_OUTCOME = re.compile(r"^(?:\d{4}|今年|近年|目前|截至|截止|通过几年|经过|实践证明|2年多来|多年来)|"
                      r"共(?:入户|协调|落实|排查|发展|募集|整治|化解)|受益|被.{0,20}(?:报道|刊登|播出)|"
                      r"成功率|累计|取得了|荣获|殊荣|点击率|[“”].{0,3}我|探索出|构建出|初步构建|初步形成|"
                      r"地处|位于|下辖|占地|面临|存在.{0,6}问题")
_WEAK_SECTION = re.compile(r"问题|不足|原因|背景|基本情况|启示|思考|意义|内涵|概念|理论|前言|编者按")
# Sections whose sentences are never a precedent: another plan's own boilerplate and a
# paper's apparatus. Matched against the section path's last parts and the point's head.
_NOT_PRECEDENT = re.compile(r"指导思想|工作目标|总体目标|主要目标|目标任务|基本原则|工作原则|工作要求|保障措施|组织保障|组织领导|组织实施|实施步骤|时间安排|进度安排|"
                            r"摘要|关键词|结语|结束语|结论|参考文献|注释|附则|附件|综上所述|总之")
# Problems, background and reflections are described there, not practices.
_PROBLEM_SECTION = re.compile(r"问题|不足|原因|困境|挑战|短板|弱化|背景|起因|缘起|概况|基本情况|探讨|评论|启示|思考")
_FOOTNOTE = re.compile(r"\[\d{1,3}\]|[①-⑳]|\(\d{1,3}\)$")
LEX_GATE = 0.3  # a point holding this share of the topic's words gets its chunk's full similarity
LIST_CHARS = 600  # an article's list lead keeps its items up to this long (the measure's list_max_chars decides what is said)
MIN_QUOTE = 13  # a precedent is a statement of a practice, not a fragment of 12 characters
DOC_WEIGHT = {"案例": 1.0, "实施方案": 1.0, "汇报材料": 0.95, "规范": 0.9, "研究": 0.75}
HEAD_MAX = 22  # a sentence this short (without commas) reads as a heading
_ARTICLE_NO = re.compile(r"^第[一二三四五六七八九十百零〇]{1,5}条")
_ARTICLE_SECTION = re.compile(r"^第[一二三四五六七八九十百零〇]{1,5}条")
_COLONS = ("：", ":")
_ENDS = ("。", "；", ";", "！", "!")


@dataclass
class Point:
    """A practice found in one document; `start:end` is the exact quoted span."""

    doc_id: str
    chunk_id: str
    section: str
    start: int
    end: int
    head: str  # the practice's own heading or leading clause, as written
    body: list[tuple[int, int]]  # spans of the action sentences (inside start:end)
    score: float = 0.0
    relevance: float = 0.0
    vector: Counter = field(default_factory=Counter)
    focus: str = ""
    dense: float = 0.0  # the chunk's embedding similarity to the topic
    lexical: float = 0.0  # share of the topic's IDF-weighted words in the point (best wording)
    sentence: float = 0.0  # the practice's own embedding similarity to the topic (similarity.py)
    account: bool = False  # its document is one place's account or material labelled 仅供参考 (notices.one_place)
    own: bool = False  # its duty-holder is a body of the user's unit's level (街道办事处应当…: practice.own_duty)
    level: bool = False  # its duty-holder is a body of the unit's own level (practice.own_duty), counted in fill_cut
    other: bool = False  # its duty-holder is another body (社区矫正机构应当…: actor.whose_work), none is the unit's
    party: bool = False  # it opens with a party's application to the unit, said as the unit's 受理 (party.py)


def strip_ordinal(text: str) -> str:
    out = _ORDINAL.sub("", text.strip(), count=1).lstrip("：:，, ")
    return out[1:] if out != text.strip() and out.startswith("是") else out  # （一）是加强…


def is_start(sentence: str) -> bool:
    s = sentence.strip()
    short = len(s) <= HEAD_MAX and "，" not in s and "," not in s
    head = s.split("：", 1)[0]
    return bool(_ORDINAL.match(s)) or short or ("：" in s[:16] and len(head) <= 10)


def is_heading(sentence: str) -> bool:
    """A heading: numbered (（一）…, 一是…), or a line without a sentence's end. A short
    unnumbered sentence ending in 。 or ； (指导…建立了党支部；), or an article's first
    (第十一条 志愿服务组织应当及时记录志愿服务信息。) says what to do: it is the practice's
    first action sentence, not a title over the next ones."""
    s = sentence.strip()
    m = _ORDINAL.match(s)
    if m and m.group(0).endswith("条"):  # 第十一条 …。: an article's number, its first sentence is content
        return not s.endswith(("。", "；", ";", "！", "!"))
    return bool(m) or not s.endswith(("。", "；", ";", "！", "!"))


def head_of(sentence: str) -> str:
    """The practice's name: a short sentence whole, else its leading clause."""
    s = strip_ordinal(sentence).rstrip("。；;！!")
    if len(s) <= 30:
        return s
    for sep in ("。", "；", "：", "，"):
        first = s.split(sep, 1)[0]
        if 4 <= len(first) <= 30:
            return first
    return ""


def is_outcome(sentence: str) -> bool:
    return bool(_OUTCOME.search(strip_ordinal(sentence)))


def is_action(sentence: str) -> bool:
    return bool(_ACTION.match(strip_ordinal(sentence)))


def _lines(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """A sentence split at line breaks: a heading line without end punctuation
    (“五、评估结果运用”) is its own sentence, not the start of the next one."""
    out, pos = [], s
    for m in re.finditer(r"\n+", text[s:e]):
        if text[pos:s + m.start()].strip():
            out.append((pos, s + m.start()))
        pos = s + m.end()
    if text[pos:e].strip():
        out.append((pos, e))
    return out


def points_of_chunk(doc: Document, chunk: Chunk, max_sents: int = 3, max_chars: int = 240) -> list[Point]:
    spans = [x for s, e in sentence_spans(doc.text, chunk.start, chunk.end) for x in _lines(doc.text, s, e)]
    groups: list[list[tuple[int, int]]] = []
    for s, e in spans:
        if not groups or is_start(doc.text[s:e]) or item_ended(doc.text, groups[-1], s):
            groups.append([])
        groups[-1].append((s, e))
    article = in_article(chunk.section)
    out = [p for g in groups if (p := _point(doc, chunk, g, max_sents, max_chars, article))]
    out += [p for g in article_lists(doc.text, groups, chunk.end)
            if (p := _point(doc, chunk, g, len(g), LIST_CHARS, article))]
    head = section_head(doc, chunk)
    if groups and head and not (out and out[0].start == groups[0][0][0]):
        p = _point_under(doc, chunk, groups[0], head, max_sents)
        out = ([p] if p else []) + out
    return out


def is_list(text: str, group: list[tuple[int, int]]) -> bool:
    """An article's lead ending in a colon (…审计包括下列事项：) with its numbered items."""
    first = text[group[0][0]:group[0][1]].strip()
    return len(group) > 1 and bool(_ARTICLE_NO.match(first)) and first.endswith(_COLONS)


def article_lists(text: str, groups: list[list[tuple[int, int]]], end: int = 0) -> list[list[tuple[int, int]]]:
    """An article's colon lead with the numbered items after it, as one more group: the lead
    alone says nothing, the items are what it requires (第三十五条 …审计包括下列事项：（一）…).
    An item alone stays no point (a bare item reads as a heading); an item that is a whole
    practice by itself is still found as before. Items the chunk cut off (its end at `end`)
    are read on from the document: a lead with its first items only promises the rest."""
    out = []
    for i, g in enumerate(groups):
        first = text[g[0][0]:g[0][1]].strip()
        if len(g) == 1 and _ARTICLE_NO.match(first) and first.endswith(_COLONS):
            items: list[tuple[int, int]] = []
            for h in groups[i + 1:]:
                if not _is_item(text[h[0][0]:h[0][1]]):
                    break
                items += h[:1]
            else:
                items += items_after(text, end) if end else []
            if items:
                out.append([*g, *items])
    return out


def _is_item(line: str) -> bool:
    return bool(_ORDINAL.match(line.strip())) and not line.strip().startswith("第")


def items_after(text: str, start: int, most: int = 20) -> list[tuple[int, int]]:
    """The numbered item lines that go on at `start` (a list cut by a chunk's end), as spans."""
    out = []
    for m in re.finditer(r"[^\n]+", text[start:]):
        if not _is_item(m.group(0)) or len(out) >= most:
            break
        s = start + m.start() + len(m.group(0)) - len(m.group(0).lstrip())
        out.append((s, start + m.start() + len(m.group(0).rstrip())))
    return out


def in_article(section: str) -> bool:
    """The chunk lies in an article of a regulation (its section path ends in 第…条)."""
    return bool(_ARTICLE_SECTION.search(section.split(" › ")[-1].strip()))


def item_ended(text: str, group: list[tuple[int, int]], start: int) -> bool:
    """A list item that is a whole sentence on its own line (“（四）办理丧葬事宜。”) is one
    entry of a list, not the heading of the paragraph after it."""
    if len(group) != 1:
        return False
    first = text[group[0][0]:group[0][1]].strip()
    return (bool(_ORDINAL.match(first)) and first.endswith(("。", "；", ";")) and len(first) <= HEAD_MAX + 2
            and "\n" in text[group[0][1]:start])


def section_head(doc: Document, chunk: Chunk) -> str:
    """The heading of the section this chunk opens, if it opens one. Headings are not in
    chunk text (they are its section path); a section's first paragraph belongs to it."""
    head = chunk.section.split(" › ")[-1].rstrip("…")
    before = doc.text[max(0, chunk.start - len(head) - 4):chunk.start]
    return head if head and len(head) <= HEAD_MAX + 8 and head in before else ""


def _point_under(doc: Document, chunk: Chunk, group: list[tuple[int, int]], head: str,
                 max_sents: int) -> Point | None:
    """The section's first paragraph as the practice its heading names (（一）基本评估 → …)."""
    body = [(s, e) for s, e in group[:max_sents] if not is_outcome(doc.text[s:e])]
    if not body or body[0] != group[0]:
        return None
    return Point(doc.doc_id, chunk.chunk_id, chunk.section, body[0][0], body[-1][1], head_of(head), body)


def _point(doc: Document, chunk: Chunk, group: list[tuple[int, int]], max_sents: int,
           max_chars: int, in_art: bool = False) -> Point | None:
    text = doc.text
    first = text[group[0][0]:group[0][1]]
    kept = [group[0]]
    for s, e in group[1:max_sents]:
        if e - group[0][0] > max_chars and len(kept) > 1:
            break
        kept.append((s, e))
    # An article's sentence (第十一条 乡镇人民政府…应当及时了解…。) is a candidate however it opens:
    # whose duty it states, and whether it acts, is judged later (practice.py, duty.py).
    m = _ORDINAL.match(first.strip())
    lead = first.strip()
    # An article's list lead (…审计包括下列事项：) with its items, or a later paragraph of an
    # article (村民委员会成员的…审计，由…镇的人民政府负责组织，…。): a statute's sentence too.
    article = (bool(m) and m.group(0).endswith("条") and (not is_heading(first) or is_list(text, group))) \
        or (in_art and not m and lead.endswith(_ENDS))
    if is_outcome(first) or not (is_action(first) or article or (is_start(first) and len(kept) > 1)):
        return None  # intros, results and descriptions are not practices
    body = [(s, e) for s, e in kept if not is_outcome(text[s:e])]
    if len(kept) > 1 and is_start(first) and len(first) <= HEAD_MAX + 2 and is_heading(first):
        body = [b for b in body if b != group[0]]  # a bare heading is not an action sentence
    if not body or (len(kept) == 1 and is_start(first) and not article
                    and (len(first) <= HEAD_MAX + 2 or _ORDINAL.match(first))):
        return None  # a heading alone: its details are the next points
    return Point(doc.doc_id, chunk.chunk_id, chunk.section, kept[0][0], kept[-1][1],
                 head_of(first), body)


class Scorer:
    """IDF-weighted lexical measures over the kb tokenizer and the retriever's statistics."""

    def __init__(self, kb):
        self.tok = kb.tokenizer
        self.idf = kb.idf

    def words(self, text: str) -> list[str]:
        return list(dict.fromkeys(self.tok(text)))

    def coverage(self, words: list[str], text: str) -> float:
        """Share of the words' IDF mass found in text (substring match, so 网格 hits 网格化)."""
        if not words:
            return 0.0
        low = text.lower()
        total = sum(self.idf(w) for w in words)
        return sum(self.idf(w) for w in words if w in low) / total if total else 0.0

    def best_coverage(self, word_lists: list[list[str]], text: str) -> float:
        """Coverage by the best of several wordings of the topic (its synonym variants)."""
        return max((self.coverage(w, text) for w in word_lists), default=0.0)

    def vector(self, text: str) -> Counter:
        return Counter({w: self.idf(w) for w in self.words(text)})


def cosine(a: Counter, b: Counter) -> float:
    dot = sum(v * b[k] for k, v in a.items() if k in b)
    na = math.sqrt(sum(v * v for v in a.values()))
    nb = math.sqrt(sum(v * v for v in b.values()))
    return dot / (na * nb) if na and nb else 0.0


def excluded(p: Point, doc: Document) -> bool:
    """Boilerplate, apparatus, footnotes and fragments are never precedents."""
    quote = doc.text[p.start:p.end]
    tail = " › ".join(p.section.split(" › ")[-2:])
    bare = _FOOTNOTE.sub("", quote).strip()
    return (len(bare) < MIN_QUOTE or bool(_NOT_PRECEDENT.search(tail)) or problem_section(p.section)
            or _boilerplate_head(p.head) or bool(_NOT_PRECEDENT.match(strip_ordinal(quote))))


@functools.lru_cache(maxsize=8192)
def problem_section(section: str) -> bool:
    """The passage sits under a heading that describes problems or background (存在的问题,
    工作背景), not under one that acts on them (补短板、可持续，不断完善社区服务设施: a task)."""
    return any(_PROBLEM_SECTION.search(part) and not _acts(strip_ordinal(part))
               for part in section.split(" › ")[-2:])


def _acts(heading: str) -> bool:
    """The heading opens with a verb that is not itself the problem word (补短板, 查找重点问题;
    not 启示和思考, 探讨与评论): it names a task."""
    from .practice import pos_tags  # practice imports this module

    m = _PROBLEM_SECTION.search(heading)
    if not m or m.start() == 0:
        return False
    first = next((t for t in pos_tags(heading[:m.start()]) if t[0].strip()), ("", ""))  # 补 of 补短板, cut apart
    return is_action(heading) or first[1] == "v"


def _boilerplate_head(head: str) -> bool:
    """A heading of another plan's boilerplate (（五）组织实施, 工作要求): the words open it or it is a
    heading's length; not a duty that names them (街道办事处负责具体组织实施下列居家养老服务工作)."""
    h = strip_ordinal(head)
    return bool(_NOT_PRECEDENT.match(h)) or (len(h) <= HEAD_MAX // 2 and bool(_NOT_PRECEDENT.search(h)))


def dense_relevance(cos: float, lo: float, hi: float) -> float:
    """Embedding similarity on the relevance scale: lo → 0, hi → 1 (both fitted on dev topics)."""
    return min(1.0, max(0.0, (cos - lo) / (hi - lo))) if hi > lo else 0.0


def score_point(p: Point, doc: Document, words: list[list[str]], chunk_score: float, scorer: Scorer,
                dense: tuple[float, float] = (1.0, 1.0)) -> None:
    text = doc.text[p.start:p.end]
    head_path = p.section.split(" › ", 1)[-1] if " › " in p.section else ""
    lexical = max(scorer.best_coverage(words, text), 0.8 * scorer.best_coverage(words, head_path + text),
                  0.7 * scorer.best_coverage(words, doc.title + p.section + text))
    p.lexical = lexical
    # The similarity is the whole chunk's; it counts for a point only as far as the point
    # itself holds the topic's words (an unrelated sentence in an on-topic chunk gets none).
    p.relevance = max(lexical, dense_relevance(p.dense, *dense) * min(1.0, lexical / LEX_GATE))
    weight = DOC_WEIGHT.get(doc.meta.get("doc_type", ""), 0.8)
    if _WEAK_SECTION.search(head_path):
        weight *= 0.7
    if not head_path:
        weight *= 0.8  # a lead paragraph summarises; the practices come under headings
    bonus = 0.1 if p.head and is_action(p.head) else 0.0
    p.score = weight * (0.6 * p.relevance + 0.4 * chunk_score + bonus)
    p.vector = scorer.vector(p.head + " " + " ".join(doc.text[s:e] for s, e in p.body))
