"""Who is who in a sentence of a regulation or policy text: administrative levels (国家 … 社区),
organisation names and the parties a unit serves, and whether a subject's bodies are the user's
unit's own level or another's (foreign_subject). Word lists are data (duty_words.json)."""
from __future__ import annotations

import json
import re
from pathlib import Path

# Whose duty a sentence states: word lists kept as data (duty_words.json), not code.
WORDS = json.loads(Path(__file__).with_name("duty_words.json").read_text(encoding="utf-8"))

# Administrative levels, most general first: 0 国家, 1 省, 2 市, 3 区县, 4 街镇, 5 社区村.
LEVELS = _LEVELS = ((0, r"国务院|党中央|中共中央|中央|国家|民政部(?!门)|财政部(?!门)|部委"),
           (1, r"省|自治区|直辖市"),
           (2, r"设区的市|市(?!场|民(?!政))|州"),
           (3, r"县|(?<![社小园片景校营辖城民])区(?!域|别|分|块|位)|旗"),
           (4, r"乡镇|街镇|街道|乡(?!村)|镇"),
           (5, r"社区|村|居委会|居民委员会|村民委员会|居民区|小区|楼栋"))
ORG = r"(?:人民政府|政府|党委|党工委|委员会|居委会|村委会|党总支|党支部|党组|部门|[\u4e00-\u9fff]{0,6}?(?:局|厅|办事处|办公室|部|所|中心|站|委|机构|机关|组织))"
_OTHER_BRANCH = re.compile(r"人民法院|法院|检察院|公安机关|公安|行业协会|协会|仲裁")
# Parties a unit serves or deals with, not the unit: their duties are no measure of its own.
PARTY = re.compile(r"申请人|申请家庭|当事人|[\u4e00-\u9fff]{0,6}对象|业主|志愿者|监护人|家庭成员|居民(?!委员会|区)|村民(?!委员会)|个人|"
                   r"用人单位|企业|物业服务企业|第三方|业委会|[\u4e00-\u9fff]{0,8}服务机构")  # 租赁服务机构: a provider
def level_of(text: str) -> int | None:
    """The most general level an organisation name in text belongs to (市民政局 → 2)."""
    for level, pat in _LEVELS:
        if re.search(f"(?:{pat})(?:级以上|级)?(?:地方)?{ORG}", text) or re.search(f"(?:本|各)(?:{pat})", text):
            return level
    return None


def unit_level(unit: str) -> int | None:
    """The user's unit's level from its name (XX街道综合为老服务中心 → 4); None if unknown."""
    u = re.sub(r"^[Xx×]+", "", unit or "")
    found = [(m.start(), level) for level, pat in _LEVELS if (m := re.search(pat, u))]
    return min(found)[1] if found else None  # the first place word: 街道社区卫生服务中心 is a 街道's

_JOINERS = r"、|和|或者|或|以及|及|与"


def _parts(subject: str) -> list[str]:
    """The bodies a subject joins (县级以上民政部门和乡镇人民政府（街道办事处） → two)."""
    bare_subject = re.sub(r"[（(][^）)]*[）)]|等$|[“”]", "", subject)  # 居民区“两委” → 居民区两委
    parts = _whole_names([x for x in re.split(f"({_JOINERS})", bare_subject) if x])
    last = parts[-1] if parts else ""
    # 市、区民政局: a bare level word shares the last body's name (市民政局, 区民政局).
    return [x + last[1:] if x in _BARE_LEVEL and last[:1] in _BARE_LEVEL else x for x in parts]


_BARE_LEVEL = frozenset("省市区县乡镇")


def _whole_names(pieces: list[str]) -> list[str]:
    """The bodies of a subject split at its joiners (pieces alternate name, joiner), a 和 inside one
    department's name kept (市住房和城乡建设主管部门: 市住房 names no body, the whole does)."""
    out: list[str] = []
    i = 0
    while i < len(pieces):
        x = pieces[i]
        if re.fullmatch(_JOINERS, x):
            i += 1
            continue
        nxt = pieces[i + 2] if i + 2 < len(pieces) else ""
        if pieces[i + 1:i + 2] in (["和"], ["与"]) and not _names_body(x) and re.search(f"(?:{ORG})$", nxt):
            pieces[i + 2] = x + pieces[i + 1] + nxt
        else:
            out.append(x)
        i += 1
    return out


def _names_body(piece: str) -> bool:
    """A piece of a subject that names a body on its own (民政局, 街道办事处, 各区, 居民)."""
    return bool(re.search(f"(?:{ORG})$", piece) or PARTY.search(piece)) or piece in _GENERIC_SUBJECTS \
        or bare_level(piece) is not None or len(piece) <= 1


def organisation(subject: str) -> bool:
    """Every part of the subject names an organisation (县级人民政府民政部门, 街道办事处和
    居民委员会, 社区矫正机构); not 所在单位或者就读学校, not 志愿者."""
    parts = _parts(subject)
    return bool(parts) and all((re.search(f"(?:{ORG})$", x) or x in _GENERIC_SUBJECTS or bare_level(x) is not None)
                               and not PARTY.search(x) for x in parts)


def bare_level(word: str) -> int | None:
    """The level a bare place word names as a subject (街镇 → 4, 各区 → 3, 本市 → 2); None otherwise."""
    return next((lv for lv, pat in _LEVELS if re.fullmatch(f"(?:本|各)?(?:{pat})(?:级)?", word)), None)


def local_government(part: str, unit: int | None) -> bool:
    """A subject addressing the local governments (各地要…): another body for a 街镇 or 社区."""
    return unit is not None and unit >= WORDS["local_levels_from"] and part in _LOCAL_GOVERNMENTS


def foreign_subject(subject: str, unit: int | None) -> bool:
    """Every body the subject joins is another branch (法院, 公安机关, 行业协会) or, when the
    unit is known, a higher level. A 社区 or 村 assists its 街镇 (居委会组织法), so one level
    above it is still its own work."""
    return all(_foreign_part(x, unit) for x in _parts(subject) or [subject])


def _foreign_part(part: str, unit: int | None) -> bool:
    if _OTHER_BRANCH.search(part) or local_government(part, unit) or local_government(part[:2], unit):
        return True
    level = (0 if part in ("国家", "中央", "党中央", "国务院") else _level_of_part(part)) if unit is not None else None
    if level is None and unit is not None:
        level = bare_level(part)
        if level is not None and level > unit:
            return True  # 社区要… for a 街道: the lower level's own work, as its 居委会's is
    if level is None and unit is not None and unit >= 4 and _BUREAU.search(part) and not _GENERIC.match(part):
        return True  # 卫生管理部门, 民政部门, 有关部门: a functional department, never a 街镇's or 社区's own
    # A lower level's own organ (居民区“两委”指导… for a 街道) acts for itself, not for the unit;
    # a service named after a level (社区矫正机构) is no such organ.
    lower = next((lv for lv, pat in _ORGANS if re.fullmatch(pat, part)), None) if unit is not None else None
    return level is not None and level < unit - (1 if unit == 5 else 0) or (lower is not None and lower > unit)


def guided(subject: str, unit: int | None) -> bool:
    """Every body the subject joins is one the unit guides (guided_bodies: 业主大会, 物业管理委员会,
    and, for a 街镇, 居民委员会): its duty is no act of the unit's, but the unit guides it."""
    parts = [x.strip() for x in re.split(r"、|和|或者|或|以及|及|与", re.sub(r"[“”]", "", subject)) if x.strip()]
    return unit is not None and bool(parts) and all(unit in WORDS["guided_bodies"].get(x, ()) for x in parts)


def assisted_level(subject: str, unit: int | None) -> bool:
    """Every body the subject joins is one level above a 社区 or 村 unit (街镇, 街道办事处):
    the unit assists it (居委会组织法), so the measure says so and keeps the body."""
    parts = _parts(subject)
    return unit == 5 and bool(parts) and all(
        (_level_of_part(x) if _level_of_part(x) is not None else bare_level(x)) == 4 for x in parts)


# A government department by its name's end (市民政局, 市住房城乡建设管理委员会), not a
# residents' or villagers' committee (居民委员会) nor a party committee (党委, 党工委).
_DEPARTMENT = re.compile(r"(?:部门|局|厅|(?<![居村]民)(?<!居)委员会|(?<![党工])委|机关)$")
# Without a level word, only a bureau is surely not a grassroots body: a 委员会 may be the
# unit's own kind (人民调解委员会, 业主委员会).
_BUREAU = re.compile(r"(?:部门|局|厅|机关)$")
_GENERIC_SUBJECTS = frozenset(WORDS["generic_subjects"])
_LOCAL_GOVERNMENTS = frozenset(WORDS["local_governments"])
_GENERIC = re.compile("^(?:各有关|{})$".format("|".join(map(re.escape, sorted(_GENERIC_SUBJECTS)))))


def _level_of_part(part: str) -> int | None:
    """A department's opening level word decides (市住房城乡建设管理委员会 is the 市's, not a 乡's)."""
    lead = _leading_level(part)
    return lead if lead is not None else level_of(part)


def _leading_level(part: str) -> int | None:
    """The level a department's name opens with when its name is too long for level_of
    (市住房城乡建设管理委员会 → 2); None when it opens with none (卫生管理部门)."""
    graded = next((lv for lv, pat in _LEVELS if re.match(f"(?:{pat})级以上", part)), None)
    if graded is not None:
        return graded  # 县级以上精神文明建设指导机构: whatever its name ends in, that level's and above
    if not _DEPARTMENT.search(part):
        return None
    return next((lv for lv, pat in _LEVELS if re.match(f"(?:本|各)?(?:{pat})(?!村|级)[\u4e00-\u9fff]", part)), None)


_ORGANS = ((4, r"(?:街道|乡镇|乡|镇)(?:办事处|党工委|党委|人民政府|政府)"),
           (5, r"(?:居民区|社区|村|小区)?(?:两委|党组织|党委|党总支|党支部|居委会|村委会)|(?:村|居)?(?:居民|村民)?委员会"))
