"""Named fact filters: which extracted facts are not worth (or not safe) to ask a cadre.

Each filter is a function (fact, document, today) -> bool that is True when the fact must not
become an item. They read general signals only: the document's genre and metadata, the
layout of the source line, the sentence's modality and its dated targets. `screen()` applies
the ones switched on (QuizSettings.disabled switches any off) and counts what each removed,
so a quiz's stats show what every rule costs.
"""
from __future__ import annotations

import functools
import json
import re
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from ingest.model import Document

from .facts import ANON, Fact

if TYPE_CHECKING:  # settings (pydantic) load only when a quiz is built, not for `shequ --help`
    from ..settings import QuizSettings

Filter = Callable[[Fact, Document, date], bool]

REPORTS = {"案例", "汇报材料", "研究"}  # one place's or one author's account, not a rule
DEONTIC = re.compile(r"应当|必须|不得|严禁|禁止|须|应")
PLACEHOLDER = re.compile(r"(?:[xX×Ｘ]{2,}|[*＊]{2,}|&{2,}|某某)(?:省|市|区|县|街道|社区|镇|乡|村|小区|公司|单位)")
CELL_GAP = re.compile(r"[\u4e00-\u9fff）)\d%]\s+(?=[\u4e00-\u9fff（(\d])")
CELL_SLASH = re.compile(r"[\u4e00-\u9fff][/／][\u4e00-\u9fff]")
LINE_LEAD = re.compile(r"^(?:第[一二三四五六七八九十百零〇]+[条章节])\s*")
RATE = re.compile(r"率[^，,；;。]{0,8}$")  # “满意率均在”, “一次维修合格率不低于” right before a percentage
SIZE = re.compile(r"建筑面积|占地面积|使用面积|用地|床位|层高")
PENALTY = re.compile(r"罚款|罚金|处.{0,12}元")
# who or what a rule a cadre applies is about: governance bodies, people served, procedures
GOVERNANCE = re.compile(r"委员会|居委|村委|业委|会议|大会|政府|街道|乡镇|社区|民政|部门|党组织|党员|党委|支部|书记|干部|"
                        r"居民|村民|业主|志愿|家庭|老年人|对象|申请|审核|审批|公示|评议|选举|调解|救助|低保|特困|矫正|"
                        r"补贴|监督|培训|备案|告知|提名|代表|组织|民主|财务|公开|公布|调查|生活会")
TARGET_YEAR = re.compile(r"(?:到|至|截至|力争|争取|于)(20\d\d)年|(20\d\d)年(?:前|底前|以前|年底)")


def _line(doc: Document, start: int, end: int) -> str:
    ls = doc.text.rfind("\n", 0, start) + 1
    le = doc.text.find("\n", end)
    return doc.text[ls:le if le >= 0 else len(doc.text)]


def table_row(f: Fact, doc: Document, today: date) -> bool:
    """The source line is a flattened table row: cells separated by blanks (“公示期 7 天”
    beside “乡镇人民政府（街道办事处） 重新组织调查”) or by slashes (“本人/委托…/…”)."""
    at = doc.text.find(f.clause, f.start, f.end) if f.clause else -1  # the claim's own line
    line = LINE_LEAD.sub("", (_line(doc, at, at + len(f.clause)) if at >= 0 else _line(doc, f.start, f.end)).strip())
    line = re.sub(r"《[^》]*》", "《》", line)  # a title may hold a blank (《中共中央 国务院…》)
    gaps = len(CELL_GAP.findall(line))
    return (gaps >= 2 and "。" not in line) or (gaps >= 1 and bool(CELL_SLASH.search(line)))


def anonymised(f: Fact, doc: Document, today: date) -> bool:
    """A document with placeholders for its names (xxx市, **社区, ××) is a template or an
    anonymised report: its figures are nobody's rule."""
    place = doc.meta.get("place") or {}
    names = [doc.title, str(doc.meta.get("author", ""))] + [str(v) for v in place.values()]
    return any(ANON.search(x) for x in names if x) or _has_placeholder(doc.text)


@functools.lru_cache(maxsize=1024)
def _has_placeholder(text: str) -> bool:
    """Scanned once per document text, not once per fact of it."""
    return bool(PLACEHOLDER.search(text))


def report_statistic(f: Fact, doc: Document, today: date) -> bool:
    """A number in a case report, report material or research paper that states no duty
    (应当/不得/须…): one place's statistic or practice, not a norm."""
    sent = doc.text[f.start:f.end]
    return f.kind == "number" and doc.meta.get("doc_type") in REPORTS and not DEONTIC.search(sent)


def rate_target(f: Fact, doc: Document, today: date) -> bool:
    """A percentage that is a rate (满意率85%, 一次维修合格率98%, 审批率90%): a performance
    indicator or a statistic, not a rule a cadre applies."""
    return f.kind == "number" and f.num.unit == "%" and bool(RATE.search(f.clause[:f.key_pos]))


def facility_size(f: Fact, doc: Document, today: date) -> bool:
    """Building and site dimensions (建筑面积不少于1000平方米, 人均用地0.1平方米, 床位):
    construction standards, not community work."""
    return f.kind == "number" and (f.num.unit in ("平方米", "平方公里", "米") or bool(SIZE.search(f.clause)))


def operational_spec(f: Fact, doc: Document, today: date) -> bool:
    """A figure about things, not about a governance body, person served or procedure
    (公共道路每日清扫2次, 水箱每年清洗, 出入口24小时开放): an operator's work standard."""
    return f.kind == "number" and not GOVERNANCE.search(f.clause)


def expired_target(f: Fact, doc: Document, today: date) -> bool:
    """A goal dated in a year already past (到2020年… in a 2013 text), in the sentence or in
    the lines just before it (a “发展目标” heading and its first line)."""
    start = f.start
    for _ in range(3):
        start = doc.text.rfind("\n", 0, max(start - 1, 0)) + 1 if start > 0 else 0
    para = doc.text[start:f.end]
    years = [int(a or b) for a, b in TARGET_YEAR.findall(para)]
    return f.kind == "number" and any(y < today.year for y in years)


def penalty(f: Fact, doc: Document, today: date) -> bool:
    """A fine's amount: not what a community cadre applies."""
    return f.kind == "number" and bool(PENALTY.search(f.clause))


TARGET = re.compile(r"确保|力争|争取|累计|新增|覆盖率")
AWARD = re.compile(r"奖励|奖金|奖补|表彰|总分|权重|分值|得分|计分|评分")
STANDARD = re.compile(r"服务规范|规范指南|服务标准|基本标准|建设标准|导则")
HIGHER = re.compile(r"^(?:市|省|区|县|国务院|国家|各级|县级以上)[^，：]{0,20}?(?:人民政府|部门|机关|委员会)|主管部门|行政部门")


def dated_target(f: Fact, doc: Document, today: date) -> bool:
    """A plan's quantity target (到2027年…确保新增建成15个以上, 覆盖率达到60%): a goal of one
    programme, not a rule a cadre applies."""
    para = doc.text[max(0, f.start - 40):f.end]
    return f.kind == "number" and (bool(TARGET.search(f.clause)) or bool(TARGET_YEAR.search(para)))


def award_or_weight(f: Fact, doc: Document, today: date) -> bool:
    """An award's amount or a score weight (五星业委会奖励10000元, 占评估总分20%): one
    evaluation scheme's figures, not a duty or procedure."""
    return f.kind == "number" and bool(AWARD.search(_line(doc, f.start, f.end)))


def service_standard(f: Fact, doc: Document, today: date) -> bool:
    """A figure or part of a service or construction standard (一份物业服务规范指南的“每年3次以上社区
    活动”, a 卫生服务中心基本标准's 科室设置: 临床科室、预防保健科室…): an operator's performance target or
    a facility's licensing detail, not the community's rule."""
    return bool(STANDARD.search(doc.title))


def higher_authority(f: Fact, doc: Document, today: date) -> bool:
    """An article listing what a city, district or ministry body does (市住房和城乡建设主管部门
    履行下列职责): not the duties a community cadre carries out or applies."""
    return f.kind == "article" and bool(HIGHER.search(f.head))


PAPERS = re.compile(r"(?:下列|以下)(?:[^，：]{0,4})?(?:资料|档案)")
CLOSING = re.compile(r"保障措施|组织实施|组织保障|工作要求|组织领导|工作保障")


def unissued_norm(f: Fact, doc: Document, today: date) -> bool:
    """A norm or plan that names no issuer and no document number (one article of a compiled
    file, 社区党组织建设基本规范): its local figures and labels would be taught as a national rule.
    A text that addresses the whole country (各省级民政部门要…, 到2023年全国普遍开展…: a ministry's
    专项行动方案 kept without its cover letter) is national whoever issued it."""
    m = doc.meta
    return m.get("doc_type") in ("规范", "实施方案") and not m.get("issuer") and not m.get("doc_number") \
        and not _national_scope(doc.text)


@functools.lru_cache(maxsize=256)
def _national_scope(text: str) -> bool:
    return bool(NATIONAL_SCOPE.search(text))


def paperwork(f: Fact, doc: Document, today: date) -> bool:
    """An article listing files handed over or kept (移交下列资料, 保存下列档案): a developer's
    or operator's checklist, not a duty a community cadre learns."""
    return f.kind == "article" and bool(PAPERS.search(f.head))


def old_policy(f: Fact, doc: Document, today: date, years: int = 10) -> bool:
    """A figure of a policy text (意见, 通知 …, not a law still in force) dated more than ten
    years ago, or undated with every target year it sets already past (到2020年…): such shares
    and limits are revised by later texts (彩票公益金50%以上, 2013)."""
    if f.kind != "number" or doc.meta.get("doc_type") == "法规":
        return False
    when = str(doc.meta.get("date") or "")[:4]
    if when.isdigit():
        return today.year - int(when) > years
    return _targets_past(doc.text, today.year)


@functools.lru_cache(maxsize=256)
def _targets_past(text: str, year: int) -> bool:
    targets = [int(a or b) for a, b in TARGET_YEAR.findall(text)]
    return bool(targets) and max(targets) < year


def closing_section(f: Fact, doc: Document, today: date) -> bool:
    """A document's closing section (保障措施, 组织实施, 工作要求: 加强组织领导、强化资金保障…):
    the same boilerplate in every plan, not a method a trainee learns."""
    return f.kind == "steps" and bool(CLOSING.search(f.head))


def list_count(f: Fact, doc: Document, today: date) -> bool:
    """The number of items an article lists right after (依据以下6项指标综合评估：（一）…): ask
    the items, not their count."""
    if f.kind != "number" or not f.clause.rstrip().endswith(("：", ":")) and "以下" not in f.clause:
        return False
    after = doc.text.find(f.clause[f.key_pos:], f.start)
    colon = doc.text.find("：", after if after >= 0 else f.start)
    return 0 <= colon < f.end + 2 and bool(re.match(r"\s*[（(]一[)）]", doc.text[colon + 1:colon + 6]))


def whole_share(f: Fact, doc: Document, today: date) -> bool:
    """A share of 100% (全部完成, 100%无新增违建): the only value such a sentence can take, so
    other shares as options or as a false statement give the key away."""
    return f.kind == "number" and f.num.unit == "%" and f.num.value == 100


def local_brand(f: Fact, doc: Document, today: date) -> bool:
    """The parts of one account's own label (a street's “三站式”, a paper's “三个主体”):
    asked only when the trainer scopes a quiz to that document or method."""
    return f.kind in ("list", "steps") and doc.meta.get("doc_type") in REPORTS


PILOT = re.compile(r"试行|试点")


def local_pilot(f: Fact, doc: Document, today: date) -> bool:
    """The steps of one place's trial scheme (a city's 试行 意见 on how its 业委会秘书 is chosen:
    广泛协商、申请或约定、需求评估、选派及报备): a pilot's own procedure, which trainees elsewhere do
    not follow; its rules (who may not serve) are still asked."""
    return is_local(doc) and f.kind in ("list", "steps") and bool(PILOT.search(doc.title))


def is_local(doc: Document) -> bool:
    """A text of one province or city: its place, or, when its place was not recorded, a local
    issuer (上海市房屋管理局: the same 秘书制度 text indexed without its place came back as 第57题)."""
    from .generate import rule_place

    return bool((doc.meta.get("place") or {}).get("province")) or bool(rule_place(doc))


def place_attribution(f: Fact, doc: Document, today: date) -> bool:
    """“Which street did X工作法 come from”: brand attribution, not knowledge a cadre uses."""
    return f.kind == "place"


ARRANGEMENTS = ("通知", "意见", "实施方案")  # one office's arrangements, not a law or regulation
OPERATOR = re.compile(r"项目经理|物业服务企业|物业企业|物业公司|报修|客服|管网|管道|排水|供水|燃气|设施设备|疏通|清捞")


def operator_standard(f: Fact, doc: Document, today: date) -> bool:
    """A figure an operator meets under one office's arrangement (项目经理每月至少沟通一次,
    24小时报修电话, 排水设施每年疏通清捞2次): a service or maintenance target, not the rule a
    community cadre applies (a law's rule on 物业服务企业 is kept)."""
    return f.kind == "number" and doc.meta.get("doc_type") in ARRANGEMENTS and bool(OPERATOR.search(f.clause))


def local_amount(f: Fact, doc: Document, today: date) -> bool:
    """A sum of money in a local arrangement (每人每年补贴最高限额3000元): one city's budget
    line this year, not knowledge a cadre elsewhere uses."""
    place = (doc.meta.get("place") or {}).get("province")
    return f.kind == "number" and f.num.unit == "元" and bool(place) and doc.meta.get("doc_type") in ARRANGEMENTS


ITEM_MARK = re.compile(r"^\s*[（(][一二三四五六七八九十]+[)）]")
# a judicial or penal organ as the actor (a court's ruling, a prison's hand-over, a deciding organ's
# time limit): another organ's procedure, not one a community cadre carries out or applies
ORGAN = re.compile(r"人民法院|公安机关|人民检察院|检察机关|监狱|看守所|决定机关")
ORGAN_LEAD = 14  # characters at a clause's start where its actor stands (scenarios: a consequence's actor)
SUBJECT_END = re.compile(r"[，,；;]|应当|必须|须|可以|不得|要|负责")
BY_ORGAN = re.compile(r"由[^，。；]{0,4}?(?:" + ORGAN.pattern + ")")


def actor(sentence: str) -> str:
    """Who a rule's sentence is about: its subject up to the first modal or comma, past any
    modifier ending in 的 (人民法院判处管制…的社区矫正对象 is about the 社区矫正对象)."""
    lead = LINE_LEAD.sub("", sentence.lstrip())
    return SUBJECT_END.split(lead, maxsplit=1)[0].rsplit("的", 1)[-1]


def other_organ(f: Fact, doc: Document, today: date) -> bool:
    """A figure whose sentence's actor is a court, a procuratorate, the police or a prison
    (监狱、看守所…十日内移送, 决定机关…三十日内作出决定): another organ's internal time limit."""
    if f.kind != "number":
        return False
    sent = doc.text[f.start:f.end]
    return bool(ORGAN.search(actor(sent)) or BY_ORGAN.search(sent))


def list_fragment(f: Fact, doc: Document, today: date) -> bool:
    """A figure inside one item of an article's list (（三）户籍不在本村，在本村居住一年以上，…的公民)
    that states no duty of its own: without the article's lead the stem is a noun phrase, not a rule."""
    return f.kind == "number" and bool(ITEM_MARK.match(_line(doc, f.start, f.end))) and \
        not DEONTIC.search(doc.text[f.start:f.end])


def local_figure(f: Fact, doc: Document, today: date) -> bool:
    """A province's or city's figure or slogan that no other document states alike (北京
    业委会至少每两个月开一次会, 上海 “两升一降”), or that another document states with another
    figure (河南 居民会议每年至少2次 against 上海 每年至少一次): one place's arrangement, not
    a rule every trainee meets (local.mark() reads the other documents)."""
    local = bool((doc.meta.get("place") or {}).get("province"))
    return local and f.kind in ("number", "list") and f.extra.get("elsewhere") != "same"


TRIVIA = json.loads(Path(__file__).with_name("trivia_words.json").read_text(encoding="utf-8"))
HIGHER_ACTOR = re.compile("^(?:" + "|".join(TRIVIA["higher_levels"]) + ")[^，；。的]{0,18}?(?:" +
                          "|".join(TRIVIA["higher_bodies"]) + ")")
GUIDES = re.compile("|".join(TRIVIA["guide_words"] + TRIVIA["community_words"]))
INTERNAL = re.compile("|".join(TRIVIA["internal_acts"]))
DEPARTMENT = re.compile("(?:" + "|".join(TRIVIA["department_ends"]) + ")$")
UNLEVELLED = frozenset(TRIVIA["unlevelled_governments"])
NATIONAL_SCOPE = re.compile("|".join(TRIVIA["national_scope"]))
COMMUNITY_ACTOR = re.compile("[，；]((?:" + "|".join(sorted(TRIVIA["community_actors"], key=len, reverse=True)) +
                             "))(?=负责|应当|可以|要)")


def higher_body(name: str) -> bool:
    """A body above the community (国务院民政部门, 区人民政府, 房屋行政管理部门): which of them does what
    is no door a community trainee sends a case to (trainer review 14: 7 of 20 填空); so is a government
    named without its level (地方人民政府: the trainee would say 民政部门, review 15)."""
    return bool(HIGHER_ACTOR.match(name) or DEPARTMENT.search(name)) or name in UNLEVELLED


def higher_duty(f: Fact, doc: Document, today: date) -> bool:
    """A higher body's own duty asked as “who does it” (省人民政府民政部门应当整合志愿服务数据, 县级
    司法行政部门应当统计人民调解委员会的设立情况): another organ's internal work, trivia to a
    community trainee (reviews 7 and 8); who guides or supervises the community's work is kept
    (国务院司法行政部门负责指导全国的人民调解工作), and so is a duty naming the community level
    (县级民政部门负责…审核确认工作，乡镇人民政府（街道办事处）负责…受理) unless it is an internal
    step (全面审核…上报的材料…随机抽查)."""
    if f.kind != "rule" or not f.extra.get("duty"):
        return False
    text = LINE_LEAD.sub("", f.clause.lstrip())
    return bool(HIGHER_ACTOR.match(text)) and (not GUIDES.search(text) or bool(INTERNAL.search(text)))


def internal_step(f: Fact, doc: Document, today: date) -> bool:
    """A figure of a higher body's internal step (县级民政部门…15个工作日内提出确认意见, 不低于30%
    的比例随机抽查): another organ's internal time limit or share, which no resident or community
    waits for (review 8's 第47题, review 7's 第46题)."""
    if f.kind != "number":
        return False
    sent = LINE_LEAD.sub("", doc.text[f.start:f.end].lstrip())
    return bool(HIGHER_ACTOR.match(actor(sent)) or HIGHER_ACTOR.match(sent)) and bool(INTERNAL.search(f.clause))


FILTERS: dict[str, Filter] = {
    "table_row": table_row, "anonymised": anonymised, "report_statistic": report_statistic,
    "rate_target": rate_target, "facility_size": facility_size, "expired_target": expired_target,
    "penalty": penalty, "operational_spec": operational_spec, "whole_share": whole_share, "list_count": list_count,
    "closing_section": closing_section, "dated_target": dated_target, "award_or_weight": award_or_weight,
    "service_standard": service_standard, "higher_authority": higher_authority, "unissued_norm": unissued_norm,
    "paperwork": paperwork, "old_policy": old_policy, "local_brand": local_brand, "place_attribution": place_attribution,
    "operator_standard": operator_standard, "local_amount": local_amount, "local_figure": local_figure,
    "list_fragment": list_fragment, "other_organ": other_organ, "local_pilot": local_pilot,
    "higher_duty": higher_duty, "internal_step": internal_step,
}
# trivia rather than wrong: such facts queue behind every other fact (paper.ordered), so a paper takes
# them only when a type has no other fact left (dropped outright, review 8's seed-24 paper came to 57 of 60);
# the quiz's advice names the items they gave
LAST_RESORT = ("higher_duty", "internal_step")
SCOPED_OFF = ("local_brand", "unissued_norm", "operator_standard", "local_amount", "local_figure", "local_pilot")  # a quiz scoped to documents, methods or a topic asks about what they say
# settings.QUIZ_FILTERS names these plus "no_context", applied while a claim is cut (facts.number_facts)


def screen(facts: list[Fact], docs: dict[str, Document], qs: QuizSettings, scoped: bool = False,
           today: date | None = None) -> tuple[list[Fact], dict[str, int]]:
    """The facts no switched-on filter rejects, and how many each filter removed (a fact is
    counted under the first filter that rejects it, in FILTERS order); a LAST_RESORT filter's
    facts are kept, marked to queue last."""
    today = today or date.today()
    active = [(n, fn) for n, fn in FILTERS.items() if qs.on(n) and not (scoped and n in SCOPED_OFF)]
    kept, counts = [], {n: 0 for n, _ in active}
    for f in facts:
        doc = docs[f.doc_id]
        hit = next((n for n, fn in active if fn(f, doc, today)), None)
        if hit:
            counts[hit] += 1
        if hit in LAST_RESORT:  # (kept, but asked only when nothing else fills the paper; a copy: facts are cached)
            kept.append(replace(f, extra={**f.extra, "last_resort": hit}))
        elif not hit:
            kept.append(f)
    return kept, counts
