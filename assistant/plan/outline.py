"""The 实施方案 as an ordered list of blocks: Markdown, Word and the web preview all render
this one outline, so the three never disagree on order, numbering or wording."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from ingest.numerals import int_to_cn as cn

from ..types import Citation
from .model import WorkPlan
from .privacy import NOTE, mask, private_names

GENRES = json.loads(Path(__file__).with_name("genres.json").read_text(encoding="utf-8"))
DUTY = "责任单位：{who}　　完成时限：{when}"
APPENDIX = "附件"
APPENDIX_TITLE = "参考先例"
ATTACHMENT_NOTE = f"{APPENDIX}：{APPENDIX_TITLE}"  # 附件说明 of the body
DRAFTER_NOTE = "起草提示（以下各条供起草人参考，印发前删除）"


@dataclass(frozen=True)
class Block:
    """kind: title | notice | problem | h1 | h2 | para | duty | ref | signature | pagebreak |
    appendix | appendix_title | quote. `n` is the citation number of a quote block."""

    kind: str
    text: str = ""
    n: int = 0


def source_name(c: Citation) -> str:
    """Who issued or where: the issuing body, else the place, else empty."""
    return (c.meta or {}).get("issuer") or (c.meta or {}).get("place") or ""


def cn_date(d: str) -> str:
    """2018-05-24 (or 2024/06/10 13:44:38, a web page's stamp) → 2018年5月24日 (公文 dates, no
    time of day); anything else as given."""
    m = re.fullmatch(r"(\d{4})[-/.](\d{1,2})(?:[-/.](\d{1,2}))?(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?", (d or "").strip())
    if not m:
        return d or ""
    return f"{m.group(1)}年{int(m.group(2))}月" + (f"{int(m.group(3))}日" if m.group(3) else "")


def when(c: Citation) -> str:
    """The document's date; else, for a text that dates only its entry into force (a repost
    whose page stamp is no date of the document), 自…起施行 said as such."""
    meta = c.meta or {}
    if meta.get("date"):
        return cn_date(meta["date"])
    return f"{cn_date(meta['effective_date'])}起施行" if meta.get("effective_date") else ""


def _genre_order(c: Citation) -> int:
    meta = c.meta or {}
    if meta.get("compilation"):
        return GENRES["compilation_order"]
    return GENRES["order"].get(meta.get("doc_type", ""), GENRES["default_order"])


def _genre_label(c: Citation) -> str:
    meta = c.meta or {}
    return GENRES["compilation_label"] if meta.get("compilation") else GENRES["labels"].get(meta.get("doc_type", ""), "")


def references(plan: WorkPlan) -> list[Citation]:
    """参考依据 in genre order (genres.json): policy texts, then plans and practices, then papers,
    reports and compiled model texts; citation order within a genre."""
    return sorted(plan.sources(), key=_genre_order)


def reference(i: int, c: Citation, ns: list[int] = ()) -> str:
    """One entry of 参考依据: a document, listed once; a paper, report or model text says so; and
    which numbered precedents of the appendix it backs (the body's [n] are those, not this list's
    numbers: cadre review 29 looked up [1] here and found another document)."""
    bits = [b for b in (source_name(c), when(c), _genre_label(c)) if b]
    backs = f"：附件先例{'、'.join(f'[{n}]' for n in ns)}" if ns else ""
    return f"{i}．《{c.title}》" + (f"（{'，'.join(bits)}）" if bits else "") + backs


_INVISIBLE = re.compile(r"[\u200b-\u200f\u2060\ufeff]+")


def _visible(name: str) -> str:
    """A section name as printed: without blanks and zero-width characters (one that is only
    those names nothing and is left out, not printed as 《…》，：)."""
    return _INVISIBLE.sub("", name).strip()


def precedent(c: Citation) -> str:
    """One entry of 附件：参考先例: where the practice is from, then the quote."""
    place = (c.meta or {}).get("place", "")
    sec = " › ".join(x for x in (_visible(y) for y in c.section.split(" › ")[1:]) if x)
    if sec and c.quote.strip().startswith(sec.split(" › ")[-1][:8]):
        sec = " › ".join(sec.split(" › ")[:-1])  # the quote starts with its own heading
    where = f"{place}，" if place else ""
    sec = "”“".join(sec.split(" › "))  # a heading path in 公文 wording, not the library's › (review 29)
    return f"[{c.n}] {where}《{c.title}》" + (f"“{sec}”部分" if sec else "") + f"：“{c.quote.strip()}”"


def outline(plan: WorkPlan) -> list[Block]:
    out = [Block("title", plan.title)]
    if plan.notices:  # for the drafter, not the reader: said so, so it is not issued by mistake
        out += [Block("drafter", DRAFTER_NOTE)] + [Block("notice", n) for n in plan.notices]
    out += [Block("problem", p) for p in plan.problems]
    for i, (name, body) in enumerate((("指导思想", plan.guiding), ("工作目标", plan.goals),
                                      ("组织领导", plan.leadership)), 1):
        out += [Block("h1", f"{cn(i)}、{name}")] + [Block("para", t) for t in body]
    out.append(Block("h1", "四、主要措施"))
    for i, m in enumerate(plan.measures, 1):
        out += [Block("h2", f"（{cn(i)}）{m.title}"), Block("para", m.text),
                Block("duty", DUTY.format(who=m.responsible, when=m.deadline))]
    out.append(Block("h1", "五、实施步骤"))
    out += [Block("para", f"（{cn(i)}）{p.name}（{p.period}）：{p.tasks}") for i, p in enumerate(plan.schedule, 1)]
    out.append(Block("h1", "六、工作要求和保障措施"))
    for i, r in enumerate(plan.requirements, 1):
        out += [Block("h2", f"（{cn(i)}）{r.title}"), Block("para", r.text)]
    out.append(Block("h1", "七、参考依据"))
    backs = {d: [c.n for c in plan.citations if c.doc_id == d] for d in plan.documents()}
    out += [Block("ref", reference(i, c, backs[c.doc_id])) for i, c in enumerate(references(plan), 1)]
    if plan.citations:
        out.append(Block("para", ATTACHMENT_NOTE))  # 附件说明: after the body, before the signature (GB/T 9704)
    out += [Block("signature", s) for s in plan.signature]
    if plan.citations:
        out += [Block("pagebreak"), Block("appendix", APPENDIX), Block("appendix_title", APPENDIX_TITLE)]
        out += [Block("quote", precedent(c), c.n) for c in plan.citations]
    return [Block(b.kind, nest_titles(b.text), b.n) for b in _masked(out, plan)]


def _masked(blocks: list[Block], plan: WorkPlan) -> list[Block]:
    """Private persons' names the plan's quotes give, masked wherever printed (privacy.py); a block
    that lost one says so. The citations themselves keep the exact source text."""
    names = tuple(dict.fromkeys(n for c in plan.citations for n in private_names(c.quote)))
    if not names:
        return blocks
    out = []
    for b in blocks:
        text = mask(b.text, names) if b.kind in ("h2", "para", "quote") else b.text
        out.append(Block(b.kind, text + (NOTE if text != b.text and b.kind != "h2" else ""), b.n))
    return out


def nest_titles(text: str) -> str:
    """A title inside a title takes the single marks (《关于印发《…》的通知》 → 《关于印发〈…〉的通知》)."""
    out, depth = [], 0
    for ch in text:
        if ch == "《":
            out.append("〈" if depth else ch)
            depth += 1
        elif ch == "》" and depth:
            depth -= 1
            out.append("〉" if depth else ch)
        else:
            out.append(ch)
    return "".join(out)
