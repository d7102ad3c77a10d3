"""Named lists: "坚持多元化参与、精细化管理、人性化服务、规范化保障的“四化驱动”".

A list is kept only when it is tied to a name: a quoted slogan next to it whose numeral
matches the item count (“四化驱动” → 4, “一好双强” → 1+2), a connector such as 即/是指/包括
after the name, or a stated count right after it ("…三项制度"). Unnamed lists are too
weak to ask about. Steps ("一是…二是…三是…") under a heading become 简答 material.
"""
from __future__ import annotations

import re

from ingest.numerals import DIGITS

from . import numbers
from .facts import ANON, Fact, Sentence
from .parts import HEADING, PART_CHARS, PART_COUNT, SUB_HEADING, part_groups

CJK = r"\u4e00-\u9fff"
NUMERALS = {**{c: v for c, v in DIGITS.items() if v}, "十": 10}  # one character's value
NAME = re.compile(r"“([^“”]{2,14})”((?:社区)?(?:服务)?(?:工作法|工作机制|机制|模式|体系|制度|要求|工程|驱动|标准|原则|活动|行动))?")
VERB = re.compile(r"(?:坚持|健全|加强|建立起?|完善|从|推进|实行|按照|围绕|包括|包含|即|是指|开展|实现|构建|"
                       r"形成了?|落实|通过|采取|推行|以|有|为|分为|：|:)")
TAIL_CUT = re.compile(r"(?:的|等|[一二两三四五六七八九十\d]+[个项种支条大方]|[“”]).*$")
COUNT_AFTER = re.compile(r"^[等]?([一二两三四五六七八九十])(个|项|种|支|条|大|方面)([" + CJK + r"]{1,5})")
COUNT_TAIL = re.compile(r"(?:建设|出发|方面|进行|共同参与)$")
GLUE = re.compile(r"[“”（）()]")


def name_count(name: str) -> set[int]:
    """Item counts a slogan's numerals allow: “4+1” → {4, 5}; “一好双强” → {1, 3}."""
    nums = [int(d) for d in re.findall(r"\d", name)] if "+" in name else []
    nums = nums or [NUMERALS[c] for c in name if c in NUMERALS]
    return {nums[0], sum(nums)} if nums else set()


def _clean(item: str) -> str:
    return GLUE.sub("", item).strip("，, ").lstrip("和及与")


def _trim_first(raw: str, target: int) -> str:
    """Drop a leading verb phrase ("坚持多元化参与" → "多元化参与"), keeping the cut
    whose length is closest to the other items'."""
    cands = [raw] + [raw[m.end():] for m in VERB.finditer(raw)]
    cands = [re.sub(r"^[从对在向把将由]", "", c) for c in cands if len(_clean(c)) >= 2]
    best = min(cands, key=lambda c: (abs(len(_clean(c)) - target), len(c))) if cands else raw
    return best[-target:] if len(_clean(best)) > target + 3 else best


def trim_items(items: tuple[str, ...]) -> tuple[str, ...]:
    """Items that begin with a verb or connector the others lack ("推进落实派出所" beside
    司法所、律所; "即公示率提升") lose it: such an option would carry a word of the source."""
    target = sorted(map(len, items))[len(items) // 2]
    out = []
    for it in items:
        cut = _clean(_trim_first(it, target)) if VERB.match(it) and len(it) > target else it
        out.append(cut if len(cut) >= 2 and it.endswith(cut) else it)
    return tuple(out)


def _split_run(clause: str) -> tuple[list[str], int, int] | None:
    """Items of a 、-separated run in a clause, and the run's span in the clause."""
    parts = clause.split("、")
    if len(parts) < 3:
        return None
    middle = [_clean(p) for p in parts[1:-1]]
    if not all(2 <= len(p) <= 12 and re.fullmatch(f"[{CJK}]+", p) for p in middle):
        return None
    target = sorted(len(p) for p in middle)[len(middle) // 2]
    first = _trim_first(parts[0].split("“")[-1], target)
    last_raw = parts[-1].split("”")[0]
    last = TAIL_CUT.sub("", last_raw.replace("和", "、", 1).split("、")[-1]) if "和" in last_raw[:target + 2] \
        else TAIL_CUT.sub("", last_raw)
    if len(_clean(last)) > target + 3:
        last = last[:target]
    items = [_clean(first)] + middle + [_clean(last)]
    if not all(2 <= len(i) <= 12 for i in items) or len(set(items)) != len(items):
        return None
    start = clause.find(items[0])
    end = clause.find(items[-1], start) + len(items[-1])
    return items, start, end


def _head(sent: str, run_start: int, run_end: int, n: int) -> tuple[str, list[str]] | None:
    """The name a run of n items belongs to, and any extra items ("和“工作保障机制”")."""
    tail = sent[run_end:]
    extra = []
    m = re.match(r"^”?和“([^“”]{2,10})”", tail)
    if m:
        extra = [m.group(1)]
        run_end += m.end()
    for nm in NAME.finditer(sent):
        gap = sent[run_end:nm.start()] if nm.start() >= run_end else "x" * 99
        near_after = 0 <= len(gap) <= 15 or (len(gap) <= 45 and gap.lstrip("”").startswith("—"))
        near_before = 0 <= run_start - nm.end() <= 12 and re.search(r"即|是指|包括|：", sent[nm.end():run_start])
        counts = name_count(nm.group(1))
        if (near_after or near_before) and (n in counts or n + len(extra) in counts):
            items_extra = extra if n + len(extra) in counts else []
            return nm.group(0), items_extra
    m = COUNT_AFTER.match(tail)
    if m and NUMERALS[m.group(1)] == n:
        return COUNT_TAIL.sub("", m.group(0).lstrip("等")), []
    return None


def list_facts(sents: list[Sentence]) -> list[Fact]:
    best: dict[str, Fact] = {}
    for s in sents:
        if ANON.search(s.text):
            continue
        pos = 0
        for clause in re.split(r"[，,；;。（）()]", s.text):
            run = _split_run(clause)
            cstart = s.text.find(clause, pos)
            pos = cstart + len(clause)
            if not run:
                continue
            items, a, b = run
            head = _head(s.text, cstart + a, cstart + b, len(items))
            if not head:
                continue
            name, extra = head
            f = Fact("list", s.doc_id, s.chunk_id, s.start, s.end, "、".join(items + extra),
                     head=name, items=tuple(items + extra))
            if name not in best or len(f.items) > len(best[name].items):
                best[name] = f
    return list(best.values())




POINT_WHOLE = 240  # settings.quiz.point_whole's default


def step_facts(sents: list[Sentence], point_chars: int = 80, cover: int = 2, whole: int = POINT_WHOLE) -> list[Fact]:
    """"一是A，…。二是B，…。三是C，…" in one section, with the heading sentence before it."""
    out = []
    for i, s in enumerate(sents):
        if not s.text.startswith("一是") or i == 0:
            continue
        steps, j = [s], i + 1
        while j < len(sents) and sents[j].doc_id == s.doc_id and sents[j].start - steps[-1].end < 600:
            if sents[j].text.startswith("一是"):
                break
            if sents[j].text.startswith("二三四五六七八九"[len(steps) - 1] + "是"):
                steps.append(sents[j])
            j += 1
        prev = sents[i - 1]
        if HEADING.match(prev.text) and prev.doc_id == s.doc_id:
            heading = prev.text
        elif s.section and HEADING.match(s.section.split(" › ")[-1]):
            heading = s.section.split(" › ")[-1]
        else:
            continue
        if len(steps) < 3 or ANON.search(heading):
            continue
        points = tuple(re.split(r"[，,。；;]", st.text[2:])[0] for st in steps)
        bodies = [st.text[2 + len(p):].lstrip("，,。；; ") for st, p in zip(steps, points)]
        done = [whole_point(b, p, gist(b, p, point_chars, cover)[0], whole) for b, p in zip(bodies, points)]
        details = tuple(d for d, _ in done)
        head = HEADING.sub("", re.split(r"[。；;：:]", heading)[0])
        if len(head) > 40:
            head = re.split(r"[，,]", head)[0]
        if all(2 <= len(p) <= 30 for p in points) and 4 <= len(head) <= 40:
            out.append(Fact("steps", s.doc_id, s.chunk_id, s.start, steps[-1].end, "；".join(points), head=head,
                            items=points, details=details, extra={"cut": not all(ok for _, ok in done)}))
    return out


def _step_detail(text: str, point: str, limit: int = 240, name: str = "") -> str:
    """What the source says about one step after naming it: the whole of its first sentence
    ("" when it says nothing more, only restates the point, or runs past `limit` characters).
    Never cut by length: a key that stops mid-sentence (可向街镇提出申请…) drops the rule's
    conditions and its remedy."""
    rest = text[len(point):].lstrip("，,。；; ")
    cut = re.split(r"(?<=。)", rest, maxsplit=1)[0].rstrip("。；;，, ")
    return cut if cut and len(cut) <= limit and informative(cut, name or point) else ""


DANGLING_END = re.compile(r"(?:的|时|后|前|下|中)$")


def informative(detail: str, point: str, extra_chars: int = 12) -> bool:
    """A point's explanation says more than the point (形成问题地图 for 问题地图, 各地要明确
    …办理期限 for 明确办理期限 do not) and does not stop at a condition waiting for its rule."""
    d = detail.strip().rstrip("。；;，,")
    if not d or DANGLING_END.search(d):
        return False
    pb = {point[i:i + 2] for i in range(len(point) - 1)}
    shared = sum(b in d for b in pb) / len(pb) if pb else 0.0
    return not (shared >= 0.6 and len(d) - len(point) < extra_chars)


WAITING = re.compile(r"(?:根据|按照|依据|依照|对于|针对)[^，,]*$")  # a last clause that only sets the ground
DIRECTIVE = re.compile(r"^(?:各地|各级|各区|各有关|各相关|要|应)")


def restates(unit: str, name: str, share: float = 0.5) -> bool:
    """A directive that repeats its heading (各地要明确低保审核确认的办理期限 under 明确办理期限;
    各地要针对不同的救助类型，优化规范临时救助审核审批程序 under 优化审核审批程序): it opens
    like an instruction and holds most of the heading's character pairs (a sentence that goes on
    to the substance, 对于急难型临时救助…简化审核审批程序, does not open so)."""
    pairs = {name[i:i + 2] for i in range(len(name) - 1)}
    return bool(DIRECTIVE.match(unit)) and bool(pairs) and sum(p in unit for p in pairs) / len(pairs) >= share


def gist(body: str, name: str, limit: int, cover: int = 2) -> tuple[str, int]:
    """What the source says under a heading `name`, as a 要义: its whole sentences (or ；-parts)
    after any that only restate the heading, as many as fit in `limit` characters; a first
    sentence longer than that gives its leading clauses up to a clause end, never a cut inside
    one; then up to `cover` later sentences on what the heading names and those do not (_cover).
    Returns the text and how far into `body` it reaches ("" when nothing informative)."""
    out, pos, reach, units = "", 0, 0, []
    for unit in re.split(r"(?<=[。；;])", body):
        start, pos = pos, pos + len(unit)
        units.append((pos, unit.strip().rstrip("。；;")))
        text = unit.strip().rstrip("。；;")
        if not text or (not out and restates(text, name)):
            continue
        if len(out) + len(text) + 1 <= limit:
            out, reach = (out + "；" if out else "") + text, pos
            continue
        if not out:
            clauses = re.split(r"(?<=[，,])", text)
            taken = ""
            for cl in clauses:
                if len(taken) + len(cl) > limit:
                    break
                taken += cl
            taken = taken.rstrip("，,")
            while taken and (DANGLING_END.search(taken) or WAITING.search(taken)):  # (never stop at a condition
                taken = re.sub(r"[^，,]*$", "", taken).rstrip("，,")
                # waiting for its rule: 可根据救助对象急难情形, without what it then does)
            out, reach = taken, start + len(unit) - len(unit.lstrip()) + len(taken)
        break
    units += [(p + pos, u.strip().rstrip("。；;")) for p, u in _rest_units(body[pos:])]
    if out:
        out, reach = _cover(out, reach, units, name, limit, cover)
    return (out, reach) if out and informative(out, name) else ("", 0)


def whole_point(body: str, name: str, detail: str, limit: int = POINT_WHOLE) -> tuple[str, bool]:
    """A 要义 that leaves none of the point's sentences out: `detail` when it holds every
    sentence (or ；-part) of `body` that does not only restate the heading, else the whole
    body when it fits in `limit` characters; (detail, False) when neither — a key that cuts a
    point's explanation (推送……处理 without 一事一议 and 终止救助) is not a complete key."""
    units = [u.strip().rstrip("。；;") for u in re.split(r"(?<=[。；;])", body)]
    units = [u for u in units if u and not restates(u, name)]
    if all(u in detail for u in units):
        return detail, True
    full = "；".join(units)
    if units and len(full) <= limit and informative(full, name):
        return full, True
    return detail, False


def _rest_units(text: str) -> list[tuple[int, str]]:
    """(end offset, text) of the sentences and ；-parts of `text`."""
    out, pos = [], 0
    for unit in re.split(r"(?<=[。；;])", text):
        pos += len(unit)
        out.append((pos, unit))
    return out


# heading words that name no matter of their own (落实公示、公布制度: 公示 and 公布 are its matters)
GENERIC_WORDS = frozenset({"完善", "加强", "落实", "建立", "健全", "推进", "做好", "优化", "规范", "明确", "提高",
                           "强化", "制度", "工作", "机制", "体系", "相关", "有关", "进一步", "深化", "全面", "制定",
                           "科学", "积极", "切实", "有效", "不断", "细化", "拓展"})


def _words(name: str) -> set[str]:
    import jieba

    return {w for w in jieba.lcut(name) if len(w) >= 2 and w not in GENERIC_WORDS}


def _cover(out: str, reach: int, units: list[tuple[int, str]], name: str, limit: int, cover: int) -> tuple[str, int]:
    """The 要义 goes on to what its heading names and its first sentences do not: up to `cover`
    later sentences, each naming a word of the heading the 要义 lacks or stating a figure of a
    unit the 要义 states (the rule's exception or variant), within twice `limit` (明确办理期限
    gave 30 and 20 个工作日 without 延长至45个工作日; 落实公示、公布制度 the 7 天公示 without 公布)."""
    missing = {w for w in _words(name) if w not in out}
    figures = {n.unit for n in numbers.find(out)}
    added = 0
    for end, text in units:
        if added >= cover:
            break
        if end <= reach or not text or text in out or restates(text, name):
            continue
        said = any(w in text for w in missing) or bool(figures & {n.unit for n in numbers.find(text)})
        if said and len(out) + len(text) + 1 <= 2 * limit:
            out, reach, added = out + "；" + text, end, added + 1
            missing = {w for w in missing if w not in text}
    return out, reach


def section_facts(docs: dict, chunks: list, point_chars: int = 80, cover: int = 2,
                  whole: int = POINT_WHOLE, part_chars: int = PART_CHARS,
                  count: tuple[int, int] = PART_COUNT) -> list[Fact]:
    """A numbered section whose sub-sections are headed （一）X、（二）Y、（三）Z or 1.X 2.Y 3.Z (an
    意见's measures): X, Y, Z with the sentence that follows each heading, as 简答 material."""
    ends: dict[tuple[str, str], int] = {}  # (a sub-section's later chunks: 延长至45个工作日 came after the first)
    for c in chunks:
        ends[(c.doc_id, c.section)] = max(ends.get((c.doc_id, c.section), 0), c.end)
    out = []
    for doc_id, parent, cs, why in part_groups(docs, chunks, part_chars, count):
        if why:
            continue
        doc = docs[doc_id]
        names = [SUB_HEADING.sub("", c.section.rpartition(" › ")[2]).rstrip("。.") for c, _ in cs]
        details, end, cut = [], cs[-1][0].start, False
        for (c, at0), n in zip(cs, names):
            body = doc.text[at0:ends[(c.doc_id, c.section)]]
            at = body.find(n) + len(n)
            rest = body[at:]
            lead = len(rest) - len(rest.lstrip("。. \n"))
            detail, used = gist(rest[lead:], n, point_chars, cover)
            detail, ok = whole_point(rest[lead:], n, detail, whole)
            used = max(used, len(rest.rstrip()) - lead) if ok else used  # (a whole explanation: quoted whole)
            cut = cut or not ok
            details.append(detail)
            end = max(end, at0 + at + lead + used)
        c0, at0 = cs[0]  # (from the first heading, also when the chunker kept it out of the chunk: verify._own_heading)
        out.append(Fact("steps", doc_id, c0.chunk_id, at0, min(end, len(doc.text)),
                        "；".join(names), head=HEADING.sub("", parent.rpartition(" › ")[2]).rstrip("。."),
                        items=tuple(names), details=tuple(details),
                        extra={"section": parent, "cut": cut}))  # (cited by the part's heading, 四、…, not its first （一）)
    return out


def heading_key() -> tuple[int, int]:
    """(settings.quiz.heading_chars, gloss_chars) as set by default: a 简答 made outside a build."""
    from ..settings import QuizSettings

    qs = QuizSettings()
    return qs.heading_chars, qs.gloss_chars


def gloss(detail: str, most: int) -> str:
    """The leading whole clauses of a point's 要义 within `most` characters ("" when its first clause
    is longer): what the heading means, in one line."""
    out = ""
    for clause in re.split(r"(?<=[，；：。])", detail):
        if len(out + clause) > most:
            break
        out += clause
    out = out.rstrip("，；：。")
    m = WAITING.search(out)  # (根据困难情形: a last clause that only sets the ground of a rule it leaves out)
    return out[:m.start()].rstrip("，,；") if m and (m.start() == 0 or out[m.start() - 1] in "，,；") else out
