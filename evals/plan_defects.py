"""Count the defects a cadre found in drafted plans (review s26): text that must never be
printed in a measure (placeholders, first person, stale years and references, another
place's named document, blanks), another body's duty said as the unit's (named, or its subject lost), nested 书名号
and a missing 附件说明; and fragments (review s29): a list lead (…下列事项：) printed without its items or with
one, a sentence printed twice in one plan. Drafts every topic of the given plan_eval sets (and, with
--cadre FILE, the topics of a tab-separated list drafted for XX街道办事处 2027-01..2027-12).
Run: python -m evals.plan_defects dev test holdout holdout2 [--cadre topics.txt] [--show]
"""
from __future__ import annotations

import os
import re
import sys
from collections import Counter

from evals.plan_eval import SETS, load_topics

_PLACEHOLDER = re.compile(r"[xX]{2,}|×{2,}|\*{2,}|＊{2,}|○{2,}|[XＸ]{2,}")
_FIRST = re.compile(r"我们|我(?:街道|区|市|县|镇|乡|省|社区|村)")
_YEAR = re.compile(r"(?:到|至|在)(20\d\d)年")
_EPIDEMIC = re.compile(r"疫情")
_CONGRESS = re.compile(r"十[七八九]大")
_LOCAL_DOC = re.compile(r"《(?!中华人民共和国)[\u4e00-\u9fff]{2,8}?(?:省|市|区|县|州|旗|镇|乡|街道)(?!办事处条例)[^》]{2,}》|《[\u4e00-\u9fff]{2,8}?(?:省|市|区|县|州)[^》]*》")
_BLANK = re.compile(r"_{2,}")
_BODIES = r"业主大会|业主委员会|业委会|物业管理委员会|居民委员会|居委会|(?:市|区|县|市和区、县|市、区（县）)人民政府|(?:市|区|县)政府"
_OVERSIGHT = re.compile(r"(?:督促|指导|支持|配合|协助|引导|推动|组织|会同)$")
_SUBJECT = re.compile(rf"(?:^|[，；。：])(?P<b>{_BODIES})(?=应当|应|须|必须|要|可以|负责|通过|依法|共同|承担|主动|及时|有权|对|在|按照|根据)")
_NESTED = re.compile(r"《[^》]*《")
# Another body stated as the subject in the precedent (业主委员会在履职过程中要…；主动参加…, 地方政府要支持…,
# 市和区、县人民政府应当…；引导…): a measure that says its act without naming it has lost the subject.
_OTHERS = (r"业主大会|业主委员会|业委会|物业管理委员会|物业服务企业|物业服务人|居民委员会|居委会|村民委员会|居（村）民委员会|"
           r"地方(?:各级)?(?:人民)?政府|各地(?:区)?|各级老龄工作机构|(?:市|区|县|省)[和、]?[^，。；：]{0,8}?(?:人民政府|政府)")
_LOST = re.compile(rf"(?:^|[，；。：\n])(?:第[一二三四五六七八九十百]+条\s*)?(?P<b>(?:{_OTHERS})(?:[、和](?:{_OTHERS}))*)(?:在[^，。；]{{1,12}}?(?:中|时|后))?"
                   r"(?:也|还|均)?(?:应当|必须|应|须|要|可以|负责|主动)(?P<act>[\u4e00-\u9fff“]{6})")


def measure_defects(text: str, start_year: int | None, unit_level: int | None) -> Counter:
    c: Counter = Counter()
    c["placeholder"] += len(_PLACEHOLDER.findall(text))
    c["first_person"] += len(_FIRST.findall(text))
    c["stale_year"] += sum(1 for y in _YEAR.findall(text) if start_year and int(y) < start_year)
    c["epidemic"] += len(_EPIDEMIC.findall(text))
    c["past_congress"] += len(_CONGRESS.findall(text))
    c["local_document"] += len(_LOCAL_DOC.findall(text))
    c["blank"] += len(_BLANK.findall(text))
    for m in _SUBJECT.finditer(text):
        b = m.group("b")
        if b in ("居民委员会", "居委会") and unit_level == 5:
            continue
        c["other_subject"] += 1
    return c


def lost_subjects(measure_text: str, source: str, unit_level: int | None) -> int:
    """Acts of another body in the cited passage (its subject, then its act and the subjectless
    ；-clauses after it) that the measure states without naming that body."""
    n = 0
    for m in _LOST.finditer(source):
        b = m.group("b")
        if unit_level == 5 and all(x in ("居民委员会", "居委会", "村民委员会", "居（村）民委员会") for x in re.split("[、和]", b)):
            continue
        sentence = re.split(r"[。\n]", source[m.start("act"):])[0]
        acts = [m.group("act")] + [c[:6] for c in sentence.split("；")[1:] if len(c) >= 6 and not _LOST.match("；" + c)]
        named = re.search(rf"(?:^|[，；。：]|督促|指导|支持|引导|配合|协助|推动|组织){re.escape(b)}", measure_text)
        if not named and any(a in measure_text for a in acts):
            n += 1
    return n


_MARK = re.compile(r"(?:\[\d+\])+")
_LIST_LEAD = re.compile(r"(?:下列|以下(?!简?称)|如下)[^，；。：:]{0,10}(?:[，,][^，；。：:]{0,16})?[：:]?$")


def dangling_leads(measure_text: str) -> int:
    """List leads (…公布下列事项，接受居民查询和监督) that a citation's text ends with, or that only one
    ；-item follows: the list was cut."""
    n = 0
    for seg in _MARK.split(measure_text):
        pieces = [x for x in re.split(r"[；;]", seg.strip("。 ")) if x.strip()]
        for i, x in enumerate(pieces):
            if _LIST_LEAD.search(x.rstrip("。")) and len(pieces) - i - 1 <= 1:
                n += 1
    return n


def repeated_sentences(texts: list[str]) -> int:
    """Sentences (12+ characters) printed more than once in a plan's measures."""
    seen: Counter = Counter()
    for t in texts:
        for s in re.split(r"[。；;]", _MARK.sub("", t)):
            if len(s.strip()) >= 12:
                seen[s.strip()] += 1
    return sum(k - 1 for k in seen.values() if k > 1)


def plan_defects(plan) -> Counter:
    from assistant.plan import to_markdown
    from assistant.plan.practice import unit_level

    year = int(plan.start[:4]) if plan.start[:4].isdigit() else None
    c: Counter = Counter()
    for m in plan.measures:
        c += measure_defects(m.title + "。" + m.text, year, unit_level(plan.unit))
        sources = {plan.citation(i).quote for i in m.citations}
        c["lost_subject"] += sum(lost_subjects(m.text, q, unit_level(plan.unit)) for q in sources)
        c["dangling_lead"] += dangling_leads(m.text)
    c["repeated"] += repeated_sentences([m.text for m in plan.measures])
    md = to_markdown(plan)
    c["nested_title"] += len(_NESTED.findall(md))
    body = md.split("\n---\n")[0]
    c["no_attachment_note"] += int(bool(plan.citations) and "附件：" not in body)
    return c


def cadre_rows(path: str) -> list[dict]:
    rows = []
    for ln in open(path, encoding="utf-8"):
        if ln.strip():
            topic = ln.rstrip("\n").split("\t")[-1]
            rows.append({"topic": topic, "unit": "XX街道办事处", "start": "2027-01", "end": "2027-12"})
    return rows


def run(kb, name: str, rows: list[dict], show: bool) -> Counter:
    from assistant.plan import PlanError, UngroundedPlan, draft

    total: Counter = Counter()
    for row in rows:
        kw = {k: row[k] for k in ("unit", "start", "end", "focus") if row.get(k)}
        try:
            plan = draft(kb, row["topic"], strict=False, **kw)
        except (PlanError, UngroundedPlan):
            continue
        c = plan_defects(plan)
        total += c
        if show and sum(c.values()):
            print(name, row["topic"], dict(c))
    total["drafts"] = 0
    return total


def main(argv: list[str]) -> None:
    os.environ.setdefault("SHEQU_EMBED_THREADS", "1")
    from assistant import Assistant

    show = "--show" in argv
    argv = [a for a in argv if a != "--show"]
    cadre = None
    if "--cadre" in argv:
        i = argv.index("--cadre")
        cadre, argv = argv[i + 1], argv[:i] + argv[i + 2:]
    kb = Assistant.open()
    sets = {n: load_topics(SETS[n]) for n in argv}
    if cadre:
        sets["cadre"] = cadre_rows(cadre)
    keys = ["placeholder", "first_person", "stale_year", "epidemic", "past_congress", "local_document", "blank",
            "other_subject", "lost_subject", "nested_title", "no_attachment_note", "dangling_lead", "repeated"]
    print("| set | " + " | ".join(keys) + " | total |")
    print("|" + "---|" * (len(keys) + 2))
    for n, rows in sets.items():
        c = run(kb, n, rows, show)
        print(f"| {n} | " + " | ".join(str(c[k]) for k in keys) + f" | {sum(c[k] for k in keys)} |", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
