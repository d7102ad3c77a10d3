"""Facts a quiz item can be built from, extracted from chunks with exact spans.

A Fact is one checkable statement of a document: a number with its unit in a clause
("将整个街道划分成127个服务群众责任区"), a named list ("“四化驱动”: 多元化参与、…"), or
the place a named method comes from. Every fact keeps the span of its source sentence(s)
in doc.text, so an item built from it can quote and cite the source exactly.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.methods.named_parts import SELF_LISTED
from ingest.model import Chunk, Document, place_label, stable_hash
from ingest.sentences import sentence_spans

from . import numbers

ANON = re.compile(r"x{2,}|\*\*|&&|××")  # anonymized names: never put them in a question
CLAUSE_END = "，；：,;:"
LEAD = re.compile(r"^(?:第?[一二三四五六七八九十百零〇]+条\s*|[一二三四五六七八九十]是|如|例如|比如|同时|其中|此外|另外|目前|并且?|而且|首先|其次|再次|最后|第[一二三四五六七八九十]、?|"
                  r"条\s+|[（(][一二三四五六七八九十\d]{1,3}[)）]|[①-⑳]|\d{1,2}[、.．](?!\d))[，,\s]*")
# (the second line: an article number or list marker cut loose at the clause start, “十六条 …”, “（一）…”)
MAX_CLAUSE = 46  # characters of context kept before the slot
SUBJECTLESS = r"(?:提高|提升|有|是|将|把|实现|使|让|被|并|也|还|又|都|共|已|均|从|通过|带动|吸引|为)"
WHOLE_SENTENCE = 64  # a sentence up to this long is kept whole up to the slot's clause


@dataclass(frozen=True)
class Sentence:
    doc_id: str
    chunk_id: str
    start: int
    end: int
    text: str
    section: str = ""


@dataclass
class Fact:
    kind: str  # number | list | place
    doc_id: str
    chunk_id: str
    start: int  # quote span in doc.text
    end: int
    key: str  # the correct filler, exactly as written ("127个", "五里桥")
    clause: str = ""  # declarative clause with the key at key_pos (number facts)
    key_pos: int = -1
    head: str = ""  # the named thing a list belongs to ("“四化驱动”")
    items: tuple[str, ...] = ()
    details: tuple[str, ...] = ()  # per-item descriptions (from method cards)
    num: numbers.Num | None = None
    source: str = "text"  # text | card
    extra: dict = field(default_factory=dict)

    @property
    def fact_id(self) -> str:
        return stable_hash(self.kind, self.doc_id, self.start, self.key, self.head, n=12)

    def template(self) -> str:
        """The clause with the key replaced by "{}" (for verification and 判断题)."""
        c = self.clause.replace("{", "｛").replace("}", "｝")
        return c[:self.key_pos] + "{}" + c[self.key_pos + len(self.key):]


def sentences(docs: dict[str, Document], chunks: list[Chunk]) -> list[Sentence]:
    out = []
    for c in chunks:
        doc = docs.get(c.doc_id)
        if doc is None or "参考文献" in c.section or c.text.lstrip().startswith("参考文献"):
            continue
        for s, e in sentence_spans(doc.text, c.start, c.end):
            out.append(Sentence(c.doc_id, c.chunk_id, s, e, doc.text[s:e], c.section))
    return out


def _is_end(text: str, i: int, stops: str = CLAUSE_END) -> bool:
    """A clause boundary: a comma-like mark, or a dash run ("——"), not a range dash ("5—9")."""
    ch = text[i]
    if ch in stops:
        return True
    return ch == "—" and ((i + 1 < len(text) and text[i + 1] == "—") or (i > 0 and text[i - 1] == "—"))


def clause_bounds(text: str, pos: int, length: int) -> tuple[int, int]:
    """The clause around text[pos:pos+length]: left context up to MAX_CLAUSE characters
    (whole clauses), the key clause, and the next clause when the key clause is short."""
    stops = CLAUSE_END + "。！？"
    left = pos
    while left > 0 and not _is_end(text, left - 1):
        left -= 1
    right = pos + length
    while right < len(text) and not _is_end(text, right, stops):
        right += 1
    if right - left < 10 and right < len(text) and text[right] in "，,":
        nxt = right + 1
        while nxt < len(text) and not _is_end(text, nxt, stops):
            nxt += 1
        right = nxt
    if right <= WHOLE_SENTENCE and not re.search(r"[：:]|——", text[:left]):
        return 0, right  # short enough: keep the subject at the sentence start
    # extend left by whole clauses while the context stays short
    while left > 0:
        prev = left - 1
        while prev > 0 and not _is_end(text, prev - 1):
            prev -= 1
        if (right - prev) > MAX_CLAUSE or text[left - 1] in "：:—":
            break
        left = prev
    return left, right


SEG_END = "；;。！？：:\n"  # a statement never runs past a list's colon or a line
MAX_CLAIM = 110  # default of QuizSettings.max_claim
# a clause that only sets a condition, time or place for the clause after it (“…的，” “特殊情况下，”)
CONDITION = re.compile(r"^(?:[^，,；;]*?(?:的|时|下|后|前|中|外)|(?:根据|按照|依照|依据|经|对|在|除)[^，,；;]*)[，,]")
# a main clause that starts with a modal or verb has lost its subject; one that starts with an
# anaphor (上述、前款、该…) points at a sentence the stem does not show
NO_SUBJECT = re.compile(r"^(?:可以|可|应当|应|须|必须|不得|并|也|还|另|均|即|延长|按照|依照|依据|"
                        r"上述|前款|本款|该|此|其|这)")
DANGLING = re.compile(r"(?:内|起|前|后|时|的|下|中|以上|以下)$")  # a time or condition waiting for its verb


def strip_lead(clause: str) -> str:
    """Drop article numbers and list markers cut loose at the start, however many (“第五条 ②…”)."""
    while (m := LEAD.match(clause)) and m.end():
        clause = clause[m.end():]
    return clause


def lacks_context(claim: str) -> bool:
    """The claim's main clause has no subject or refers to a sentence not shown."""
    rest = claim
    while (m := CONDITION.match(rest)) and m.end() < len(rest):
        rest = rest[m.end():]
    return bool(NO_SUBJECT.match(rest))


def claim_bounds(text: str, pos: int, length: int, max_claim: int = MAX_CLAIM) -> tuple[int, int] | None:
    """The statement a stem quotes around text[pos:pos+length]: its whole ；/。 segment when
    that is short enough, else the clause window of clause_bounds — widened to the verb a
    time limit or condition waits for, and refused (None) when what it leaves out on the left
    is a condition the statement depends on."""
    seg_start = max(text.rfind(c, 0, pos) for c in SEG_END) + 1
    ends = [i for i in (text.find(c, pos + length) for c in SEG_END) if i >= 0]
    seg_end = min(ends) if ends else len(text)
    if seg_end - seg_start <= max_claim:
        return seg_start, seg_end
    left, right = clause_bounds(text, pos, length)
    left, right = max(left, seg_start), min(right, seg_end)
    if right < seg_end and DANGLING.search(text[left:right]):
        if seg_end - left > max_claim:
            return None  # “…自接到报告之日起10个工作日内” without what must be done
        right = seg_end
    if re.search(r"(?:的|时)[，,]", text[seg_start:left]):
        return None  # the condition the rule applies under is cut off
    return left, right


def number_facts(sents: list[Sentence], max_claim: int = MAX_CLAIM, context: bool = True,
                 dropped: dict[str, int] | None = None) -> list[Fact]:
    """Number facts; with `context`, those whose stem would lack its subject or condition are
    left out and counted in dropped["no_context"]."""
    facts, dropped = [], dropped if dropped is not None else {}
    for s in sents:
        for n in numbers.find(s.text):
            if n.value is None:
                continue
            bounds = claim_bounds(s.text, n.start, n.end - n.start, max_claim)
            if bounds is None and context:
                dropped["no_context"] = dropped.get("no_context", 0) + 1
                continue
            left, right = bounds or clause_bounds(s.text, n.start, n.end - n.start)
            raw = s.text[left:right]
            clause = strip_lead(raw)
            key_pos = n.start - left - (len(raw) - len(clause))
            if key_pos < 0 or ANON.search(clause) or len(clause) < 8:
                continue
            if left > 0 and re.match(SUBJECTLESS, clause):
                continue  # cut from mid-sentence and starts with a verb: the subject is missing
            if context and lacks_context(clause):
                dropped["no_context"] = dropped.get("no_context", 0) + 1
                continue  # the subject or the rule's occasion is not in the stem
            clause = _cut_right_list(clause, key_pos + len(n.text))
            if _gives_away(clause, key_pos, n) or len(re.findall(r"[\u4e00-\u9fff]", clause)) < 5:
                continue
            example = bool(re.match(r"(?:如|例如|比如)", s.text))  # an illustration, not a rule
            facts.append(Fact("number", s.doc_id, s.chunk_id, s.start, s.end, n.text,
                              clause=clause, key_pos=key_pos, num=n, extra={"example": example}))
    return facts


def _cut_right_list(clause: str, after: int) -> str:
    """Drop a trailing "、成员2700余名" style continuation holding other numbers."""
    i = clause.find("、", after)
    return clause[:i] if i >= 0 and re.search(r"\d", clause[i:]) else clause


def _gives_away(clause: str, key_pos: int, n: numbers.Num) -> bool:
    rest = clause[:key_pos] + "\x00" + clause[key_pos + len(n.text):]
    return clause.count(n.text) != 1 or n.number in rest


# ---- places --------------------------------------------------------------------------
NAMED = re.compile(r"“([^“”]{2,14})”(工作法|工作机制|机制|模式|体系)?")


def place_of(doc: Document) -> tuple[str, str] | None:
    """(display, core) of a document's place: ("上海市黄浦区五里桥街道", "五里桥")."""
    p = doc.meta.get("place") or {}
    parts = [p.get(k, "") for k in ("province", "city", "district", "street")]
    if any(ANON.search(x) for x in parts if x) or not (parts[2] or parts[3]):
        return None
    display = place_label({**p, "community": ""})  # a street's quiz names no community
    last = parts[3] or parts[2]
    return display, re.sub(r"(街道|社区|区|县|市)$", "", last)


def place_facts(docs: dict[str, Document], sents: list[Sentence]) -> list[Fact]:
    places = {d: place_of(doc) for d, doc in docs.items()}
    out, seen = [], set()
    for i, s in enumerate(sents):
        pl = places.get(s.doc_id)
        prev = sents[i - 1] if i and sents[i - 1].doc_id == s.doc_id else s
        if not pl or pl[1] not in prev.text + s.text:
            continue
        title = docs[s.doc_id].title
        for m in NAMED.finditer(s.text):
            name = m.group(0)
            method_like = m.group(2) or re.search(r"(工作法|机制|模式|体系)$", m.group(1))
            in_list = m.start() > 0 and s.text[m.start() - 1] in "和、”"
            if (not method_like and name not in title) or in_list or pl[1] in name or name in seen:
                continue
            seen.add(name)
            others = sorted({v for d, v in places.items() if v and v[1] != pl[1]})
            start = s.start if pl[1] in s.text else prev.start
            out.append(Fact("place", s.doc_id, s.chunk_id, start, s.end, pl[0], head=name,
                            extra={"core": pl[1], "others": others}))
    return out


# ---- method cards (assistant.methods) ------------------------------------------------
PLAIN_ITEM = re.compile(r"[\u4e00-\u9fff]{2,16}")


def _detail(desc: str, names: list[str], limit: int = 60) -> str:
    """A component description worth showing: short, and not the whole list again."""
    desc = LEAD.sub("", desc.strip(), count=1)
    return desc if desc and len(desc) <= limit and sum(n in desc for n in names) <= 1 else ""

def card_facts(cards: list[dict], docs: dict[str, Document]) -> list[Fact]:
    out = []
    for c in cards:
        comps = [x for x in c.get("components", []) if x.get("name")]
        if len(comps) < 3 or c.get("doc_id") not in docs or not c.get("complete", True) \
                or c.get("kind", "local") != "local":  # no item from a doubtful or national card
            continue
        if c.get("pattern") == SELF_LISTED:  # “改造+运营+服务”: the name gives the answer away
            continue
        name = c.get("full_name") or f"“{c.get('name', '')}”"
        spans = comps + ([c["mention"]] if c.get("mention") else [])
        start, end = min(x["start"] for x in spans), max(x["end"] for x in spans)
        names = [x["name"] for x in comps]
        if end - start > 1500 or not all(PLAIN_ITEM.fullmatch(n) for n in names):
            continue  # a quote must stay readable; odd component names make odd options
        first = min(spans, key=lambda x: x["start"])
        details = tuple(_detail((x.get("explanation") or {}).get("quote") or x.get("description", ""), names, 160)
                        for x in comps)
        out.append(Fact("list", c["doc_id"], first.get("chunk_id") or comps[0].get("chunk_id", ""),
                        start, end, "、".join(names), head=name, items=tuple(names),
                        details=details, source="card"))
    return out
