"""Legal articles that enumerate: "第三条 居民委员会的任务：（一）…；（二）…；…（六）…。"

A regulation's article whose lead line ends with a colon and is followed by （一）…（n） items
states duties, conditions, rights or steps a cadre applies: the items are the key of a
简答 (every item, verbatim), a 多选 or a 判断 (which items the article lists). Distractors are
items of other enumerating articles whose lead is about something else, so a wrong option
is a real legal clause, just not this article's. A closing catch-all item (其他…) is part of
the 简答 key but never an option; lists whose items point elsewhere (前款, 第X条) are not
asked: their key would not be the whole rule.
"""
from __future__ import annotations

import re

from ingest.model import Document

from .facts import ANON, Fact
from .model import BLANK, MULTI, SHORT, SINGLE, TRUE_FALSE, QuizItem

ARTICLE = re.compile(r"^第([一二三四五六七八九十百零〇]+)条[ \u3000]*", re.M)
BREAK = re.compile(r"^(?:第[一二三四五六七八九十百零〇]+[条章节]|#)", re.M)
ITEM = re.compile(r"^[（(]([一二三四五六七八九十]+)[)）][ \u3000]*(.+)$")
POINTS_ELSEWHERE = re.compile(r"第[一二三四五六七八九十百零〇\d]+[条款项]|前款|本条|下列|以下(?!简称)|如下")
# a catch-all clause (兜底条款): 其他…, 法律法规规定的其他…, 业主大会赋予的其他职责 — never a point nor an option
# (其他 inside a concrete item, 占用…道路或者其他场地, is not one)
CATCH_ALL = re.compile(r"^(?:其他|其它)|(?:规定|赋予|交办|约定|认定|确定|决定|授权|委托|要求|指定)的(?:其他|其它)|"
                       r"(?:其他|其它)[^，；、]{0,12}(?:事项|职责|职权|权利|义务|情形|人员|工作|任务|项目|行为)$|另有规定")
OTHER_RULES = re.compile(r"罚款|罚金|(?:给予|予以|依法)[^，。；]{0,4}处分|刑事责任|责令")  # sanctions: not what a cadre applies
MIN_ITEMS, MAX_ITEMS = 3, 12
MAX_ITEM_CHARS = 90  # a longer item is a paragraph, not a point to recall
SHORT_ITEMS = {"易": 4, "中": 8, "难": MAX_ITEMS}  # most points a 简答 key lists, by difficulty
MAX_OPTION_CHARS = 50  # longer items make unreadable options
MAX_LEAD_CHARS = 60
SHORT_NEED = 4  # a 简答 on a longer list asks any 4 of its items (marks: one per item)


def _articles(doc: Document) -> list[tuple[str, int, int]]:
    """(number, start, end) of each article of a regulation's text."""
    heads = list(ARTICLE.finditer(doc.text))
    out = []
    for m in heads:
        nxt = BREAK.search(doc.text, m.end())
        out.append((m.group(1), m.start(), nxt.start() if nxt else len(doc.text)))
    return out


def _enumeration(doc: Document, start: int, end: int) -> tuple[str, int, list[tuple[str, int, int]]] | None:
    """The lead (ending with ：) and its （一）…（n） items inside one article, each item with
    its span; None when the article holds no complete, self-contained enumeration."""
    pos, lines = start, []
    for line in doc.text[start:end].split("\n"):
        lines.append((line, pos))
        pos += len(line) + 1
    for i, (line, lpos) in enumerate(lines):
        lead = ARTICLE.sub("", line).strip()
        if not lead.endswith(("：", ":")):
            continue
        items, want = [], 1
        for nxt, npos in lines[i + 1:]:
            m = ITEM.match(nxt.strip())
            if not m:
                break
            if _cn(m.group(1)) != want:
                return None
            text = m.group(2).rstrip("；;。， ")
            items.append((text, npos + nxt.index(m.group(2)), npos + nxt.index(m.group(2)) + len(text)))
            want += 1
        if items:
            return lead, lpos + line.index(lead), items
    return None


def _cn(s: str) -> int:
    digits = "一二三四五六七八九"
    if s == "十":
        return 10
    if s.startswith("十"):
        return 10 + digits.index(s[1]) + 1
    return digits.index(s) + 1 if len(s) == 1 and s in digits else -1


def askable(lead: str, items: list[str]) -> bool:
    """A whole, self-contained enumeration a cadre applies."""
    if not MIN_ITEMS <= len(items) <= MAX_ITEMS or len(lead) > MAX_LEAD_CHARS or ANON.search(lead):
        return False
    if OTHER_RULES.search(lead) or any(OTHER_RULES.search(it) for it in items):
        return False
    if any(POINTS_ELSEWHERE.search(it) for it in items) or any(CATCH_ALL.search(it) for it in items[:-1]):
        return False
    return all(4 <= len(it) <= MAX_ITEM_CHARS for it in items) and len(set(items)) == len(items)


def article_facts(docs: dict[str, Document], chunks: list) -> list[Fact]:
    """Enumerating articles of the regulations whose article starts in one of `chunks`."""
    by_doc: dict[str, list] = {}
    for c in chunks:
        by_doc.setdefault(c.doc_id, []).append(c)
    out = []
    for doc_id, cs in by_doc.items():
        doc = docs.get(doc_id)
        if doc is None:
            continue
        for num, start, end in _articles(doc):
            chunk = next((c for c in cs if c.start <= start < c.end), None)
            found = _enumeration(doc, start, end) if chunk else None
            if not found:
                continue
            lead, lead_at, spans = found
            items = [t for t, _, _ in spans]
            if not askable(lead, items):
                continue
            out.append(Fact("article", doc_id, chunk.chunk_id, lead_at, spans[-1][2], "；".join(items),
                            head=lead, items=tuple(items), extra={"article": f"第{num}条"}))
    return out


# ---- items ---------------------------------------------------------------------------
def concrete(items) -> list[str]:
    """The items that state something: not the closing catch-all (兜底条款)."""
    return [it for it in items if not CATCH_ALL.search(it)]


def options_of(items) -> list[str]:
    """The items an option may show: not the closing catch-all, not a paragraph."""
    return [it for it in items if len(it) <= MAX_OPTION_CHARS and not CATCH_ALL.search(it)]


def _bigrams(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1)}


# what an enumeration lists: a distractor comes from a list of the same kind (职责 for 职责)
KIND = re.compile(r"职责|职权|义务|权利|任务|条件|原则|情形|事项|资料|档案|信息|工作|内容|方式|服务|人员")


PAPERWORK = ("资料", "信息", "内容")  # lists of documents and disclosures: learnt, but after duties
FAMILY = {"职权": "职责", "任务": "职责", "权利": "义务", "档案": "资料"}  # lists a trainee confuses


def list_kind(lead: str, family: bool = True) -> str:
    """The kind of thing listed: the word after 下列/以下 (下列职责, 以下6项指标 → ""), else
    the lead's last kind word (居民委员会的任务); with `family`, kinds a trainee confuses are one."""
    m = re.search(r"(?:下列|以下)(?:主要)?(" + KIND.pattern + ")", lead)
    kinds = [m.group(1)] if m else [] if re.search(r"下列|以下", lead) else KIND.findall(lead)
    kind = kinds[-1] if kinds else ""
    return FAMILY.get(kind, kind) if family else kind


OPPOSITE = {("权利", "义务"), ("义务", "权利")}
OWN_CASES = ("情形", "条件")  # cases and conditions belong to their subject: another list's are told apart unread  # one subject's rights against its duties: a real question


SUBJECT_END = re.compile(r"应当|应|的|在|履行|承担|享有|行使|负责|以|有|可以|可|实行|执行|依照|按照|对|，|,")


def subject(lead: str) -> str:
    """Who or what an enumeration is about: the lead up to its verb (居民委员会以服务居民为宗旨，
    承担下列主要任务 → 居民委员会); after 由 when the lead opens with 下列 (下列事项由业主共同
    决定 → 业主); "" when it opens with a condition (有下列情形之一的…)."""
    if lead.startswith(("下列", "以下")):
        m = re.search(r"由(.{2,12}?)(?:共同|依法|负责|决定|，|$)", lead)
        return m.group(1) if m else ""
    m = SUBJECT_END.search(lead)
    return lead[:m.start()] if m and m.start() >= 2 else ""


def _other_subject(a: str, b: str, share: float = 0.3) -> bool:
    """Two leads about different things (居民委员会的任务 vs 人民调解员应当具备的条件): their
    wording differs and neither's subject holds the other's (居民委员会 in two laws is one
    subject: its tasks in one are its tasks in the other)."""
    x, y = _bigrams(a), _bigrams(b)
    sa, sb = subject(a), subject(b)
    if sa and sb and (sa in sb or sb in sa):
        return False
    return not x or not y or len(x & y) / len(x | y) < share


def says_already(item: str, text: str, share: float = 0.5) -> bool:
    """The article already says much of it in other words (制定和修改居民公约 beside 组织居民
    制定并遵守自治章程和居民公约): as a wrong option it would be a wrong key."""
    pairs = [item[i:i + 2] for i in range(len(item) - 1) if all("\u4e00" <= c <= "\u9fff" for c in item[i:i + 2])]
    return bool(pairs) and sum(p in text for p in pairs) / len(pairs) >= share


def fits_topic(item: str, text: str, share: float = 0.85) -> bool:
    """The item's wording is the document's own: most of its character triples occur in it
    (a 志愿服务 clause among 人民调解 duties, 居民委员会 in a 村民委员会 law, stand out by
    their words alone)."""
    grams = [item[i:i + 3] for i in range(len(item) - 2) if all("\u4e00" <= c <= "\u9fff" for c in item[i:i + 3])]
    return bool(grams) and sum(g in text for g in grams) / len(grams) >= share


def distractors(fact: Fact, pool: list[tuple[str, str, str]], k: int, rng, text: str = "",
                cross: bool = False, any_kind: bool = False) -> list[str]:
    """k items of other enumerating articles of the same document that list the same kind of
    thing (职责 or 职权, 条件…) about another subject, or the same subject's rights for its
    duties (and back), as long as this
    article's items, never an item this article states or one alike; items of another
    document only with `cross`, and then only in this document's words (`text`): in the
    bundled corpus they still read as another law's (居民会议 among a 村民委员会 audit), so
    article items take their distractors from their own law. An item of another kind
    (自主上下床 among 原则) or in another law's words (志愿服务 among 调解 duties) would be
    picked out without knowing the article."""
    import difflib

    shown = options_of(fact.items) or list(fact.items)
    lo, hi = min(map(len, shown)), max(map(len, shown))
    here, kind = "".join(fact.items), list_kind(fact.head)
    if kind in OWN_CASES and fact.kind != "steps":
        return []  # (a member's grounds for losing office among the grounds for a property committee: the odd
        # one out is read off its subject, not known)
    ranked = []
    for doc_id, lead, it in pool:
        if lead.startswith(PART) != (fact.kind == "steps"):
            continue
        if doc_id != fact.doc_id and not (cross and fits_topic(it, text) and subject(lead) and subject(fact.head)):
            continue  # (another law's item only when asked for, in this law's words, about a subject both name)
        if says_already(it, here):
            continue
        if fact.kind == "steps" and lead == PART + fact.head:
            continue  # (another part's measures: the same kind of thing by construction)
        opposite = doc_id == fact.doc_id and (list_kind(lead, False), list_kind(fact.head, False)) in OPPOSITE
        if any_kind and fact.kind != "steps":  # (a 判断 shows one item alone: another kind will do when it
            if not _other_subject(lead, fact.head) or not close(it, here):  # speaks the article's words)
                continue
        elif fact.kind != "steps" and (not kind or list_kind(lead) != kind
                                       or not (opposite or _other_subject(lead, fact.head))):
            continue
        if it in here or not 0.6 * lo <= len(it) <= 1.4 * hi:
            continue
        if any(difflib.SequenceMatcher(None, it, x).ratio() >= 0.6 for x in fact.items):
            continue
        ranked.append((doc_id != fact.doc_id, rng.random(), it))
    ranked.sort()
    return list(dict.fromkeys(r[2] for r in ranked))[:k]


def free(pool: list[tuple[str, str, str]], on_paper) -> list[tuple[str, str, str]]:
    """The pool without the items of passages already asked on the paper: shown as a wrong
    option here, such an item would tell that other item's key."""
    if not on_paper:
        return pool
    from .verify import norm

    return [p for p in pool if not any(norm(p[2]) in q for q in on_paper)]


def close(item: str, here: str, share: float = 0.6) -> bool:
    """Most of an item's character pairs occur in the article's own items: in its words, so
    not told apart by its topic alone (小区共有部分经营管理档案 among ways of nominating candidates)."""
    pairs = [item[i:i + 2] for i in range(len(item) - 1)]
    return bool(pairs) and sum(p in here for p in pairs) / len(pairs) >= share


PART = "部分："  # pool leads of a document part's measures (lists.section_facts, step_facts)


def pool_of(facts: list[Fact]) -> list[tuple[str, str, str]]:
    """(doc_id, lead, item) of every enumeration, the distractor pool of article_item; not a
    city's or ministry's duties (指导和监督区住房和城乡建设主管部门… among a 业主委员会's duties
    is told apart by who acts, not by knowing the article)."""
    from .filters import HIGHER

    return [(f.doc_id, (PART if f.kind == "steps" else "") + f.head, it) for f in facts if not HIGHER.search(f.head)
            for it in (options_of(f.items) if f.kind == "article" else f.items)]


def source_name(doc: Document, fact: Fact) -> str:
    """《…》第三条 (with its place first when the rule is local): ref() without 根据 and comma."""
    from .generate import ref

    return ref(doc)[2:-1] + fact.extra["article"]


def _wording(fact: Fact, doc: Document) -> tuple[str, str]:
    """(lead, what the list is called) of an article's or a document part's enumeration."""
    from .generate import ref

    if fact.kind == "article":
        return f"{source_name(doc, fact)}规定：“{fact.head}……”", "该条所列内容"
    head = fact.head.replace("“", "‘").replace("”", "’")
    return f"{ref(doc)}关于“{head}”，", "文中提出的方面"


def _short(fact: Fact, lead: str, cite, explanation: str, check: dict, rng) -> QuizItem | None:
    """简答: every concrete item of the article verbatim, one 评分要点 (one mark) per item, whole
    (a point cut short drops its conditions); a longer list asks any SHORT_NEED of its items.
    The catch-all (业主大会赋予的其他职责) scores nothing: copied from the lead it earns a mark."""
    items = concrete(fact.items)
    if len(items) < MIN_ITEMS:
        return None
    answer = "；".join(f"{i + 1}. {it}" for i, it in enumerate(items)) + "。"
    what, n = list_kind(fact.head, False) or "内容", len(items)
    what = ("具体" if len(items) < len(fact.items) else "") + what
    need = min(n, SHORT_NEED)
    asks = ((f"该条列举了{n}项{what}，请写出其中任意{need}项。", f"请写出该条所列{what}中的任意{need}项（共{n}项）。")
            if need < n else (f"请写出该条列举的全部{n}项{what}。", f"该条列举了哪{n}项{what}？请逐项写出要点。"))
    if len(items) < len(fact.items):
        explanation += "兜底条款“" + "”“".join(it for it in fact.items if it not in items) + "”不计分。"
    return QuizItem(SHORT, lead + asks[rng.randrange(len(asks))], answer, explanation, cite,
                    points=[f"答出“{it}”" for it in items], check={**check, "key": items}, need=need)


def article_item(fact: Fact, kind: str, ctx, section: str) -> QuizItem | None:
    """An article's (or a document part's) enumeration as 简答 (articles only: a part's
    measures need their explanations, generate.short_item), 多选, 单选 (which one is not
    listed) or 判断."""
    from .generate import QUOTE_CHARS, citation, explain

    doc = ctx.docs[fact.doc_id]
    cite = citation(fact, doc, section)
    items, rng, n = list(fact.items), ctx.rng, len(fact.items)
    lead, called = _wording(fact, doc)
    listed = f"{called}为：" + "；".join(f"（{i + 1}）{it}" for i, it in enumerate(items)) + "。"
    check = {"kind": "list", "head": fact.head if fact.kind == "article" else "", "key": [], "wrong": []}
    if kind == SHORT and fact.kind == "article":
        if n > SHORT_ITEMS[ctx.difficulty]:
            return None  # (the difficulty setting: how many verbatim points one answer asks)
        return _short(fact, lead, cite, explain(doc, cite.quote, "参考答案为该条所列各项原文。", QUOTE_CHARS[SHORT]), check, rng)
    pool, shown = free(ctx.cache.get("article_pool", []), ctx.cache.get("on_paper", ())), options_of(items)
    from .article_forms import blank_item, choice_item, statement_item

    if kind in (MULTI, SINGLE):
        return choice_item(fact, kind, ctx, (lead, called, listed), cite, check, pool, shown)
    if kind == TRUE_FALSE:
        item = statement_item(fact, ctx, lead, called, listed, cite, check, pool, shown)
        if item is not None and fact.kind != "article":  # (a part's measures are its sub-headings: 包括“拓展完善
            item.check["defer"] = True  # 救助方式” tests a title's wording, taken only to fill a short paper)
        return item
    if kind == BLANK and fact.kind == "article":
        return blank_item(fact, ctx, cite, check)
    return None
