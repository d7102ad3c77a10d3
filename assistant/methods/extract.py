"""Method cards from one document: find named slogans, expand them, cite every part.

Called by assistant.build at ingest for each document (new or changed):
`extract_cards(doc, chunks) -> list[dict]` in the card schema of README.md § Method cards
(the fields written by `build_card`).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ingest.model import Chunk, Document, place_label, stable_hash

from . import clauses, expand, named_parts
from .expand import Expansion, Item
from .kinds import kind_of
from .numerals import Structure, numeral_count, parse_name, part_labels
from .results import is_result
from .spans import Span, clause_bounds, sentence_of, strip_span

QUOTED = re.compile(r"“([^“”\n]{2,20})”")
# “街道—社区—小区”的五级网络组织体系 / “共建联建型”…“网络聚合型”四大模式: a counted name after a quote.
AFTER_QUOTE = re.compile(r"”(?:的)?([三四五六七八九十0-9]+(?:级|层|大)[^，。；、“”\n（]{1,12}?)(?=[，。；、\n（]|的|按照|$)")
HAS_NUMERAL = re.compile(r"[0-9一二三四五六七八九十两双百]|\+")
TYPES = [("工作法", "工作法"), ("工作机制", "机制"), ("机制", "机制"), ("体系", "体系"), ("制度", "制度"),
         ("模式", "模式"), ("要求", "要求"), ("标准", "要求"), ("目标", "要求"), ("原则", "要求"),
         ("办法", "制度"), ("布局", "体系"), ("平台", "体系"), ("法", "工作法"), ("程序", "制度"),
         ("行动", "其他"), ("活动", "其他"), ("工程", "其他"), ("队伍", "其他"), ("服务队", "其他"),
         ("品牌", "其他"), ("流程", "制度"), ("措施", "其他")]
SUFFIX_WINDOW = 10
OUTCOME = re.compile(r"[0-9]+(?:\.[0-9]+)?(?:万|余)?(?:余)?(?:个|名|件|户|人次|人|支|家|项|次|条|场|万元|元|%|％|小时|堂|余人)")
NORM_WORDS = re.compile(r"每|至少|不少于|不低于|不超过|以下|以上的|左右")
DEFINITION_WORDS = re.compile(r"^以|是指|即|为基本单位|[“”]")
MAX_OUTCOMES = 6
# “法官进社区”、区司法局开展的“一居一律师”: the mention is the next item of a list of quoted terms.
SIBLING = re.compile(r"”、[^，。；、“”]{0,12}$")
GROUPED = {"分部定义", "即：分号", "连接号列举"}  # patterns that define a name part by part


@dataclass
class Mention:
    name: str
    span: Span  # the name as written (without quotes)
    quote: Span  # the enclosing quotes, or the name itself when unquoted


def extract_cards(doc: Document, chunks: list[Chunk]) -> list[dict]:
    """All method cards of one document, in order of first mention."""
    text = doc.text
    by_name: dict[str, list[Mention]] = {}
    for m in find_mentions(text):
        by_name.setdefault(m.name, []).append(m)
    cards = []
    for name, mentions in by_name.items():
        card = build_card(doc, chunks, name, mentions)
        if card is not None:
            card["status"] = status_of(card)
            cards.append(card)
    return cards


def find_mentions(text: str) -> list[Mention]:
    out = []
    for m in QUOTED.finditer(text):
        out.append(Mention(m.group(1), m.span(1), m.span()))
    for m in AFTER_QUOTE.finditer(text):
        out.append(Mention(m.group(1), m.span(1), m.span(1)))
    out.sort(key=lambda x: x.span[0])
    return [m for m in out if looks_like_slogan(m.name) or kind_of(m.name) == "national"  # “三个代表”
            or (m.quote != m.span and named_parts.self_listed(text, *m.span))]


def looks_like_slogan(name: str) -> bool:
    """A numbered slogan, not a date, a label or a quoted sentence."""
    n = unicodedata.normalize("NFKC", name)
    if not HAS_NUMERAL.search(n) or len(n) > 16:
        return False
    if re.fullmatch(r"[0-9.·\-一二三四五六七八九十百千万两双]+", n) and not re.fullmatch(r"[0-9]{3,6}", n):
        return False  # “七一”, “7.5”: dates and bare numbers
    pieces = re.split(r"[、,，]", n)
    if len(pieces) > 1 and not all(re.match(r"[0-9一二三四五六七八九十两双]", p) and len(p) <= 5
                                   for p in pieces):
        return False  # a quoted sentence, unless it is “五不能，七不宜”
    if n.startswith("+") or n.endswith("+"):
        return False
    s = parse_name(n)
    if not s.parts and "+" not in n and not s.open_ended:
        return False
    if any(c > 20 for c, _ in s.parts):
        return False
    return not (len(s.parts) == 1 and s.parts[0][0] == 1 and "+" not in n)


def _needs_support(name: str, s: Structure) -> bool:
    """Weak slogans (“两新”, “党建+公益”) become cards only with a type word or an expansion."""
    n = unicodedata.normalize("NFKC", name)
    if "+" in n:
        return not re.search(r"[0-9]", n)
    return len(s.parts) == 1 and s.parts[0][0] <= 2


def type_of(text: str, m: Mention, tight: bool = False) -> tuple[str, str]:
    """(type, the type word as written after the quote) for a mention."""
    after = re.match(r"[^，,。；：“”\n]{0,%d}" % SUFFIX_WINDOW, text[m.quote[1]:]).group()
    for word, kind in TYPES:
        if word in m.name:
            return kind, ""
    for word, kind in TYPES:
        i = after.find(word)
        if 0 <= i <= (0 if tight else 6):
            return kind, after[:i + len(word)]
    return "其他", ""


_ORG = re.compile(r"(?:委员会|委|局|厅|部|办公室|办|街道|社区|政府|党委|党工委|党组|党总支|党支部|中心|协会|学会|"
                  r"研究院|研究所|大学|学院|所|站|会)$")
# 国务院, 民政部: a three-character name is an organisation only with one of these endings
_ORG3 = re.compile(r"(?:院|部|委|局|厅)$")
_PLACE_ORG = re.compile(r"(?:街道|社区)$")


def unit_of(doc: Document) -> str:
    """单位: the issuing or implementing organisation; never a person (author, reporter). When
    the document names none, the 街道 or 社区 it reports on (五里桥街道), which implements it."""
    for key in ("issuer", "author"):
        v = str(doc.meta.get(key) or "").strip()
        if (len(v) >= 4 and _ORG.search(v)) or (len(v) == 3 and _ORG3.search(v)):
            return v
    place = doc.meta.get("place") or {}
    for key in ("community", "street"):
        v = str(place.get(key) or "").strip() if isinstance(place, dict) else ""
        if _PLACE_ORG.search(v) and len(v) >= 3:
            return v
    return ""


def status_of(card: dict) -> str:
    """完整 (all parts found), 部分 (some), or 未找到组成部分 (none: kept out of answers and quizzes)."""
    if not card["components"]:
        return "未找到组成部分"
    return "完整" if card["complete"] else "部分"


def build_card(doc: Document, chunks: list[Chunk], name: str, mentions: list[Mention]) -> dict | None:
    text = doc.text
    if kind_of(name) is None:
        return None
    struct = parse_name(name)
    found = [(m, *choose(expansions(text, m, struct), struct)) for m in mentions]
    found = [f for f in found if f[1] is not None]
    # complete beats partial; then the most explicit pattern; then the earliest mention
    best = min(found, key=lambda f: (not f[2], f[1].rank, -len(f[1].items) if not f[2] else 0),
               default=(mentions[0], None, False))
    mention, exp, complete = best
    kinds = [type_of(text, m, tight=struct.total <= 2) for m in mentions]
    kind, word = next((k for k in kinds if k[0] != "其他"), kinds[0])
    weak = exp is None and kind == "其他" and kind_of(name) == "local"  # a known national term always stands
    if weak and _needs_support(name, struct):
        return None
    if weak and not struct.open_ended and numeral_count(name) < 2 and struct.total < 3 and not any(
            _in_heading(text, m) for m in mentions):
        return None  # a lone numbered word with no type and no expansion: not a method
    items = exp.items if exp else []
    expected = _expected(struct, len(items), complete)
    shared = {it.quote for it in items if sum(o.quote == it.quote for o in items) > 1}
    comps = [_component(text, chunks, it, it.quote in shared) for it in items]
    for comp in comps:  # a part listed by name only: its explanation further on, if the source has one
        if comp["description"].strip("。；;，, ") == comp["name"] or len(comp["description"]) <= len(comp["name"]) + 2:
            span = explanation(text, comp["name"], comp["end"], [c["name"] for c in comps])
            if span:
                comp["explanation"] = _cite(text, chunks, span)
    scope = _scope(text, mention, items)
    return {
        "card_id": stable_hash(doc.doc_id, name),
        "name": name,
        "full_name": f"“{name}”{word}" if mention.quote != mention.span else name,
        "type": kind,
        "doc_id": doc.doc_id,
        "title": doc.title,
        "place": place_label(doc.meta.get("place", {})),
        "org": unit_of(doc),
        "kind": kind_of(name),
        "year": _year(text, mention, doc.meta.get("date", "")),
        "expected_count": expected,
        "complete": bool(complete and items),
        "purpose": _purpose(text, mention),
        "components": comps,
        "outcomes": outcomes(text, chunks, scope),
        "mention": _cite(text, chunks, strip_span(text, *sentence_of(text, mention.span[0]))),
        "pattern": exp.kind if exp else "",
        "structure": struct.to_dict(),
    }


def expansions(text: str, m: Mention, struct: Structure) -> list[Expansion]:
    """Every candidate expansion of one mention, in order of trust."""
    own = named_parts.name_parts(text, *m.span) if m.quote != m.span else []
    if own and "、" in m.name:  # “一次申请、分类审核认定”等做法: the name is the list
        return own
    labels = part_labels(m.name)
    counts = [c for c, _ in struct.parts]
    out: list[Expansion] = []
    if labels and len(labels) == len(counts):
        out += expand.part_definitions(text, m.quote[1], labels, counts)
    out += clauses.core_plus(text, m.quote[1], counts)
    out += clauses.counted_instances(text, m.quote[0], m.quote[1], counts[0] if counts else 0)
    if _word_plus(m.name):  # “线上+线下”: only the parts' own definitions expand it
        return out + expand.word_parts(text, m.quote[1], labels) + own
    out += expand.definition(text, m.quote[0], m.quote[1], struct)
    out += expand.parenthesis(text, m.quote[0], m.quote[1])
    if m.quote == m.span and m.span[0] > 0 and text[m.span[0] - 1] in "”的":
        q_end = m.span[0] if text[m.span[0] - 1] == "”" else m.span[0] - 1
        q_start = text.rfind("“", 0, q_end)
        if q_start >= 0:
            out += expand.dash_list(text, q_start, q_end)
    # a quoted term that is itself one item of a list (“…、“两代表一委员”和…”) is not
    # expanded by that list
    if text[max(0, m.quote[0] - 1):m.quote[0]] not in ("、", "和", "与", "及") and not SIBLING.search(
            text, max(0, m.quote[0] - 16), m.quote[0]):
        out += expand.before(text, m.quote[0])
    if text[m.quote[1]:m.quote[1] + 1] not in ("、", "和", "与", "及"):
        out += expand.after(text, m.quote[0], m.quote[1])
    out += expand.headings(text, m.span[0])
    if not _word_plus(m.name) and "+" not in m.name:
        out += clauses.part_keywords(text, m.quote[1], struct.parts)
    if counts:
        out += clauses.shared_predicate(text, m.quote[1], counts[0], struct.open_ended)
    if len(struct.parts) == 1:
        out += expand.keyword_list(text, struct.parts[0][0], struct.parts[0][1])
        out += clauses.keyword_clauses(text, m.quote[1], struct.parts[0][0], struct.parts[0][1])
    if struct.expected:
        out += clauses.quoted_before_name(text, m.name, struct.expected)
    return out


def _word_plus(name: str) -> bool:
    n = unicodedata.normalize("NFKC", name)
    return "+" in n and not re.search(r"[0-9一二三四五六七八九十两双]", n)


def choose(exps: list[Expansion], struct: Structure) -> tuple[Expansion | None, bool]:
    """The first expansion with an acceptable count; else the largest strong partial one.
    A partial expansion never has more items than the name promises."""
    ok = struct.acceptable()
    if struct.total <= 2:  # a pair is too easy to find by chance: only right-adjacent lists
        exps = [e for e in exps if e.rank == 0 or (e.rank == 1 and e.kind == "前置列举" and e.linked)
                or e.kind == named_parts.SELF_LISTED]
    fits = [e for e in exps if e.exact or len(e.items) in struct.acceptable(grouped=e.kind in GROUPED)]
    if fits:
        return min(fits, key=lambda e: e.rank), True
    limit = max(ok) if ok else (struct.total if struct.open_ended else 0)
    partial = [e for e in exps if e.strong and (struct.open_ended or len(e.items) < limit)]
    if struct.open_ended:
        partial = [e for e in partial if len(e.items) >= struct.total]
    return (max(partial, key=lambda e: len(e.items)), False) if partial else (None, False)


def _expected(struct: Structure, n: int, complete: bool) -> int | None:
    if complete:
        return n
    return None if struct.open_ended else struct.expected


def _in_heading(text: str, m: Mention) -> bool:
    from ingest.headings import marker_level

    line_start = text.rfind("\n", 0, m.span[0]) + 1
    line = text[line_start:text.find("\n", m.span[0]) if "\n" in text[m.span[0]:] else len(text)]
    return line_start == 0 or marker_level(line) is not None or len(line) <= 16


def chunk_for(chunks: list[Chunk], start: int) -> str:
    """The chunk holding `start`; for a title line outside every chunk, the nearest one."""
    for c in chunks:
        if c.start <= start < c.end:
            return c.chunk_id
    near = min(chunks, key=lambda c: min(abs(c.start - start), abs(c.end - start)), default=None)
    return near.chunk_id if near else ""


def _cite(text: str, chunks: list[Chunk], span: Span) -> dict:
    s, e = span
    return {"quote": text[s:e], "start": s, "end": e, "chunk_id": chunk_for(chunks, s)}


def _component(text: str, chunks: list[Chunk], it: Item, shared: bool) -> dict:
    """A component cites its own span: the paragraph that opens with its name (“组团式服务：
    联系服务群众常态化。”) when there is one, else its own words in the list."""
    ns, ne = it.name
    name = text[ns:ne]
    span = _lead_paragraph(text, name) if ne - ns >= 3 else None
    span = span or (it.name if shared else it.quote)
    cite = _cite(text, chunks, span)
    return {"name": name, "description": cite["quote"], **cite}


_ENUM_LEAD = re.compile(r"^(?:[一二三四五六七八九十]+是|[（(][一二三四五六七八九十\d]{1,2}[)）]|\d{1,2}[.、．]|第[一二三四五六七八九十]+[，,、]?)")
EXPLAIN_WINDOW = 4000  # characters after the list where a part's own paragraph is looked for
EXPLAIN_MAX = 150
EXPLAIN_LEAD = 24  # the part's name must come this early in its sentence


def explanation(text: str, name: str, after: int, others: list[str]) -> Span | None:
    """Where the source explains one part after listing it: the enumerated sentence that names
    it near its start (“一是创新共治模式，各方面力量多元化参与。”), names no other part (not the
    list again), and the sentence after it. Short generic names (社区) are not looked for."""
    if len(name) < 3:
        return None
    for m in re.finditer(re.escape(name), text[after:after + EXPLAIN_WINDOW]):
        s, e = strip_span(text, *sentence_of(text, after + m.start()))
        if not _ENUM_LEAD.match(text[s:e]) or after + m.start() - s > EXPLAIN_LEAD \
                or any(o != name and o in text[s:e] for o in others):
            continue
        s2, e2 = strip_span(text, *sentence_of(text, e + 1)) if e + 1 < len(text) else (e, e)
        end = e2 if e2 - s <= EXPLAIN_MAX and s2 >= e else e
        return s, end
    return None


def _lead_paragraph(text: str, name: str) -> Span | None:
    """First sentence of a paragraph that starts with the name followed by ：or ，."""
    pat = re.compile(r"(?m)^(?:[（(]?[0-9一二三四五六七八九十]+[）)、.．]\s*)?“?" + re.escape(name) + r"”?[：:，,]")
    m = pat.search(text)
    if not m:
        return None
    return strip_span(text, *sentence_of(text, m.end()))


def _scope(text: str, m: Mention, items: list[Item]) -> list[Span]:
    """Paragraphs that talk about this method: its mention's, its components', and those
    that open with a component's name (“组团式服务：…”)."""
    paras, pos = [], 0
    for line in text.split("\n"):
        paras.append((pos, pos + len(line)))
        pos += len(line) + 1
    names = [text[a:b] for a, b in (it.name for it in items) if b - a >= 2]
    points = [m.span[0]] + [it.quote[0] for it in items]
    out = []
    for a, b in paras:
        head = text[a:min(b, a + 30)]
        if any(a <= p <= b for p in points) or any(n in head for n in names):
            out.append((a, b))
    return out


def outcomes(text: str, chunks: list[Chunk], scope: list[Span]) -> list[dict]:
    """Clauses in scope that state a result as a number (127个服务群众责任区, 成功率达96%), not a
    problem, a norm or the place's size (`results.is_result`)."""
    out = []
    for a, b in scope:
        for cs, ce in clause_bounds(text, a, b):
            cs, ce = strip_span(text, cs, ce)
            clause = text[cs:ce]
            if not OUTCOME.search(clause) or NORM_WORDS.search(clause) or ce - cs > 60 \
                    or DEFINITION_WORDS.search(clause) or not is_result(text, cs, ce):
                continue
            out.append({"text": clause, **_cite(text, chunks, (cs, ce))})
            if len(out) >= MAX_OUTCOMES:
                return out
    return out


PURPOSE = [re.compile(r"以([^，。；“”]{4,30}?)为(?:目的|目标|突破口|宗旨|导向)"),
           re.compile(r"(?:旨在|致力于|为了|为更好地)([^，。；]{4,30}?)[，。]")]
RESULT = re.compile(r"[，,](?:着力|用于|以|不断)?((?:解决|提升|推动|实现|破解|提高|促进|增强|打通)[^，。；]{2,30})")


def _purpose(text: str, m: Mention) -> str:
    """Why the method exists, as the text states it near the mention (or "")."""
    s, e = sentence_of(text, m.span[0])
    for pat in PURPOSE:
        hit = pat.search(text, s, e)
        if hit:
            return hit.group(1)
    hit = RESULT.search(text, m.quote[1], e)
    return hit.group(1) if hit else ""


def _year(text: str, m: Mention, date: str) -> str:
    s, e = sentence_of(text, m.span[0])
    prev = sentence_of(text, max(0, s - 2))[0] if s > 1 else s
    hit = re.search(r"((?:19|20)[0-9]{2})年", text[prev:e])
    return hit.group(1) if hit else (date[:4] if date else "")

