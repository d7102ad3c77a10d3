"""Numbers with units in Chinese text, and plausible other values of the same unit."""
from __future__ import annotations

import math
import random
import re
from dataclasses import dataclass

from ingest.numerals import cn_to_int, int_to_cn

UNITS = ("万人次|人次|平方公里|平方米|个月|个工作日|工作日|小时|场次|个|名|人|户|家|件|项|支|次|天|元|岁|条|场|所|堂|"
         "米|批|类|位|支部|日(?=内|以内)")  # 日 only in a time limit (30日内), never a date
ARABIC = re.compile(
    r"(?P<pre>近|约)?(?P<n>\d+(?:\.\d+)?(?:\s*[-—–~至]\s*\d+(?:\.\d+)?)?)"
    r"(?P<mid>万余|余万|万多|多万|万|余|多)?(?P<unit>" + UNITS + r"|%)")
CN = re.compile(r"(?P<n>[一二两三四五六七八九十]{1,3})(?:至(?P<n2>[一二两三四五六七八九十]{1,3}))?"
                r"(?P<unit>个工作日|个月|次|个|名|项|支|天|位|人|户|年|日(?=内|前|以内))")
# a law's own figures are written out (居民委员会由…共五至九人组成, 每届任期五年, 自名单公布之日起五日内):
# such counts of people, households, years and days are kept when a range or a limit (内, 前, 以上…)
LAW_UNITS = ("人", "户", "年", "日", "个月", "个工作日", "天")
LAW_AFTER = re.compile(r"^(?:以内|内|前|以上|以下|组成)")
LAW_BEFORE = re.compile(r"任期|共|不得超过|不超过")
RANGE = re.compile(r"[-—–~至]")
NORM_CUE = r"至少|不少于|不低于|每[年月季周天两]|共设|下设|配备|召开|进行|参加|讲"


@dataclass(frozen=True)
class Num:
    text: str  # as written, e.g. "近1.2万户", "2700余名", "5—9人", "一次", "96%"
    start: int
    end: int
    number: str  # the digits part ("2700", "5—9", "一")
    value: float | None
    mid: str  # 余/万/多… between number and unit
    unit: str
    pre: str = ""
    chinese: bool = False

    @property
    def kind(self) -> tuple:
        return (self.unit, self.mid, self.chinese, bool(RANGE.search(self.number)))

    @property
    def slot(self) -> str:
        """The question word replacing this number in a stem."""
        if self.unit == "%":
            return "百分之多少"
        if self.chinese:
            return ("几至几" if RANGE.search(self.number) else "几") + self.unit
        return "多少" + self.mid.replace("余", "").replace("多", "") + self.unit

    def render(self, value: float | tuple) -> str:
        if self.chinese and isinstance(value, tuple):
            return f"{int_to_cn(int(value[0]))}至{int_to_cn(int(value[1]))}{self.unit}"
        if self.chinese:
            return cn_number(int(value)) + self.unit
        if isinstance(value, tuple):
            sep = RANGE.search(self.number).group(0)
            body = f"{fmt(value[0], self.number)}{sep}{fmt(value[1], self.number)}"
        else:
            body = fmt(value, self.number)
        return f"{self.pre}{body}{self.mid}{self.unit}"


def cn_number(v: int) -> str:
    """A count as written: 两 for 2 (两次), else 一, 十二, 二十五; 100 and over in digits."""
    return "两" if v == 2 else int_to_cn(v) if 0 <= v < 100 else str(v)


def fmt(v: float, like: str) -> str:
    decimals = len(like.split(".")[1]) if "." in like and not RANGE.search(like) else 0
    return f"{v:.{decimals}f}" if decimals else str(int(round(v)))


def _inside_quote(text: str, pos: int) -> bool:
    before = text[:pos]
    return before.count("“") > before.count("”") or before.count("《") > before.count("》")


def _listed_count(text: str, pos: int) -> bool:
    """A count right after an enumeration ("A、B、C三项制度") is trivial to answer."""
    window = re.split(r"[，,；;。：]", text[max(0, pos - 30):pos])[-1]
    return pos > 0 and "\u4e00" <= text[pos - 1] <= "\u9fff" and "、" in window


def find(text: str) -> list[Num]:
    out = []
    for m in ARABIC.finditer(text):
        s, e = m.start(), m.end()
        before, after = text[max(0, s - 1):s], text[e:e + 1]
        if before in ("第", ".", "+", "“") or before.isdigit() or after in ("+", "”", "年"):
            continue
        if _inside_quote(text, s) or _listed_count(text, s) or re.search(r"\d年", m.group(0)):
            continue
        if m.group("unit") == "岁" and not re.match(r"以[上下]", text[e:e + 2]):
            continue  # ages of named people are trivia; "35岁以下" is a norm
        n = m.group("n")
        value = None if RANGE.search(n) else float(n)
        if RANGE.search(n):
            a, b = RANGE.split(n)[:2]
            value = float(a) if float(a) < float(b) else None
        out.append(Num(m.group(0), s, e, n, value, m.group("mid") or "", m.group("unit"),
                       m.group("pre") or ""))
    for m in CN.finditer(text):
        s, e = m.start(), m.end()
        v, v2, unit = cn_to_int(m.group("n")), cn_to_int(m.group("n2") or "零"), m.group("unit")
        before = text[max(0, s - 6):s]
        if v is None or v2 is None or text[s - 1:s] in ("第", "之", "万", "十", "届", "百", "千", "至") \
                or _inside_quote(text, s) or (_listed_count(text, s) and not m.group("n2")) or (m.group("n2") and v2 <= v):
            continue
        # Chinese numerals count things everywhere ("两个方面"); keep only norms and counts
        norm_ = re.search(NORM_CUE, before) and unit not in LAW_UNITS[:4]
        law = unit in LAW_UNITS and (m.group("n2") or LAW_AFTER.match(text[e:e + 2]) or LAW_BEFORE.search(before))
        if text[e:e + 1] in ("是", "”") or not (norm_ or law) or (v < 2 and unit not in ("次", "年")):
            continue
        number = m.group("n") + ("至" + m.group("n2") if m.group("n2") else "")
        out.append(Num(m.group(0), s, e, number, float(v), "", unit, chinese=True))
    return out


def flat_values(num: Num) -> list[float]:
    """The values a figure states: one, or both ends of a range."""
    v = values_of(num)
    return list(v) if isinstance(v, tuple) else [v]


def values_in(rendered: str) -> list[float]:
    """The values of a rendered figure ("45个工作日", "5至9人", "两次")."""
    found = [float(x) for x in re.findall(r"\d+(?:\.\d+)?", rendered)]
    if not found:  # 两次, 五至九人
        found = [float(v) for x in re.findall(r"[一二两三四五六七八九十百]+", rendered) if (v := cn_to_int(x)) is not None]
    return found


def spellings(number: str) -> list[str]:
    """A fill-in key as written first, then the other ways a trainee writes the same figure:
    一 ↔ 1; 2 → 二, 两; 100 → 一百; 20000 → 2万, 两万, 二万; a range 2至3 → 2-3, 2～3,
    2到3, 二至三, 两至三, 两到三."""
    if RANGE.search(number):
        parts = [p.strip() for p in RANGE.split(number)[:2]]
        ends = [_forms(p) for p in parts]
        if not all(ends):
            return [number]
        out = [number] + [f"{a}{sep}{b}" for sep in ("至", "-", "～", "~", "—", "到")
                          for a, b in ((ends[0][0], ends[1][0]),)]
        cn = [(x, y) for x in ends[0][1:] for y in ends[1][1:]]
        out += [f"{a}{sep}{b}" for a, b in cn for sep in ("至", "到")]
        return list(dict.fromkeys(out))
    forms = _forms(number)
    return list(dict.fromkeys([number] + forms)) if forms else [number]


def _forms(number: str) -> list[str]:
    """Arabic first, then Chinese spellings of one whole number ([] when not a whole number)."""
    v = cn_to_int(number) if not re.fullmatch(r"\d+", number) else int(number)
    if v is None:
        return []
    out = [str(v)]
    if 0 <= v < 100:
        out.append(int_to_cn(v))
    elif v < 1000 and v % 100 == 0:
        out.append(int_to_cn(v // 100) + "百")
    elif v >= 10000 and v % 10000 == 0 and v // 10000 < 100:
        w = v // 10000
        out += [f"{w}万", int_to_cn(w) + "万"] + (["两万"] if w == 2 else [])
    if v == 2:
        out += ["两", "二"]
    return list(dict.fromkeys(out))


def sig_digits(number: str) -> int:
    """Significant digits of an integer as written: 700 → 1, 452 → 3 (decimals count all)."""
    if "." in number or not number.isdigit():
        return len(re.sub(r"\D", "", number))
    return len(number.rstrip("0")) or 1


def values_of(num: Num) -> float | tuple:
    if RANGE.search(num.number):
        a, b = RANGE.split(num.number)[:2]
        return (_value(a), _value(b))
    return num.value


def _value(s: str) -> float:
    """5, 5.5 or 五 as a float."""
    s = s.strip()
    return float(s) if re.fullmatch(r"\d+(?:\.\d+)?", s) else float(cn_to_int(s) or 0)


def _round_sig(v: float, like: str) -> float:
    if "." in like:
        return round(v, len(like.split(".")[1]))
    sig = len(like.rstrip("0")) or 1
    digits = max(sig, 1) - int(math.floor(math.log10(abs(v)))) - 1 if v else 0
    return float(round(v, digits)) if digits < 0 else float(round(v))


_DAYS = (3, 5, 7, 10, 15, 20, 30, 45, 60, 90)
# the values rules use for a unit: a distractor of another value (19个工作日, 14小时) is plainly
# not a rule, so it is guessed away rather than known
LADDERS = {"个工作日": _DAYS, "工作日": _DAYS, "日": _DAYS, "天": _DAYS, "小时": (2, 4, 6, 8, 12, 24, 48, 72),
           "个月": (1, 2, 3, 6, 12, 18, 24, 36), "%": (5, 10, 15, 20, 25, 30, 40, 50, 60, 70, 80, 90),
           "岁": (16, 18, 35, 45, 50, 55, 60, 65, 70, 75, 80), "年": (1, 2, 3, 4, 5, 6, 8, 10)}


def on_ladder(num: Num, value) -> bool:
    """A value this unit's rules use (any value when the unit has no ladder, or for a range)."""
    lad = LADDERS.get(num.unit)
    return lad is None or isinstance(value, tuple) or value in lad


def synthetic(num: Num, lo: float = 0.25, hi: float = 4.0) -> list:
    v = values_of(num)
    if num.unit in LADDERS and not isinstance(v, tuple) and v:
        return [float(x) for x in LADDERS[num.unit] if x != v and lo <= x / v <= hi]
    if isinstance(v, tuple):
        a, b = v
        return [(a + d, b + d) for d in (-2, -1, 1, 2, 3) if a + d >= 1]
    if num.unit == "%":
        return [x for x in (v - 15, v - 10, v - 6, v - 3, v + 2, v + 5, v + 10) if 1 <= x < 100 and x != v]
    if num.chinese or v <= 10:
        cands = [v - 2, v - 1, v + 1, v + 2, v + 3, v * 2]
        return [c for c in cands if c >= 1 and c != v]
    out = []
    for f in (0.5, 0.6, 0.75, 0.8, 1.25, 1.5, 2.0, 3.0):
        c = _round_sig(v * f, num.number)
        if c > 0 and c != v and c not in out:
            out.append(c)
    return out


def alternatives(num: Num, pool: list[Num], rng: random.Random, k: int, difficulty: str) -> list[str]:
    """k other values of the same unit: other numbers of this unit in the corpus first
    (when of a similar magnitude), then plausible synthetic values. Rendered like num."""
    lo, hi = {"易": (0.1, 10.0), "中": (0.25, 4.0), "难": (0.4, 2.5)}[difficulty]
    v = values_of(num)
    base = v[0] if isinstance(v, tuple) else v
    seen = {num.render(v)}
    real = []
    for p in pool:
        pv = values_of(p)
        if p.kind != num.kind or pv == v or (num.unit == "%" and pv == 100):
            continue  # (100% among shares stands out: 全部 is either the key or plainly wrong)
        pb = pv[0] if isinstance(pv, tuple) else pv
        if not num.chinese and not RANGE.search(num.number) and sig_digits(p.number) > sig_digits(num.number):
            continue  # 452户 beside a round 700户 stands out: distractors as round as the key
        if base and lo <= pb / base <= hi and num.render(pv) not in seen and on_ladder(num, pv):
            seen.add(num.render(pv))
            real.append(num.render(pv))
    rng.shuffle(real)
    synth = [num.render(x) for x in synthetic(num, lo, hi)]
    synth = [s for s in dict.fromkeys(synth) if s not in seen]
    if difficulty == "难":  # closest values first
        synth.sort(key=lambda s: abs(_first(s) - base))
    else:
        rng.shuffle(synth)
    return (real[: max(1, k // 2)] + synth + real[k // 2:])[:k] if real else synth[:k]


FAR, FAR_FROM = 3.0, 5  # a figure distractor within this ratio of a key of at least FAR_FROM (一次 beside 四次 is near)


def near_key(alts: list[str], key: list[float], k: int, rng: random.Random) -> list[str]:
    """The k alternatives nearest the key (by ratio), a seeded number of them below it and the rest
    above, so the key is neither always the middle value nor always an extreme (review 9: 60%、70%、
    80% beside a key of 20% were ruled out at a glance)."""
    if not key or not key[0]:
        return alts[:k]
    base = key[0]

    def dist(a: str) -> float:
        v = values_in(a)
        return abs(math.log(v[0] / base)) if v and v[0] > 0 else math.inf

    if base >= FAR_FROM:  # (3个工作日 beside a key of 10: ruled out at a glance, like 80% beside 20%)
        alts = [a for a in alts if dist(a) <= math.log(FAR)]

    below = sorted((a for a in alts if values_in(a) and values_in(a)[0] < base), key=dist)
    above = sorted((a for a in alts if values_in(a) and values_in(a)[0] > base), key=dist)
    n_below = min(len(below), max(k - len(above), rng.randint(0, k)))
    out = below[:n_below] + above[:k - n_below]
    return out + [a for a in alts if a not in out][:k - len(out)]


def _first(s: str) -> float:
    m = re.search(r"\d+(?:\.\d+)?", s)
    return float(m.group(0)) if m else 0.0


# a limit's word and its opposite: a false 判断 may keep the figure and turn the limit (每年至少召开一次 →
# 每年至多召开一次), and a true one say the limit in other words (不得少于2人 → 至少2人), so a false
# statement is not always a changed figure nor a true one always the source word for word
LIMIT_FLIPS = (("不得少于", "不得多于"), ("不得超过", "不得少于"), ("不得低于", "不得高于"), ("不低于", "不高于"),
               ("不少于", "不多于"), ("不超过", "不少于"), ("至少", "至多"))
LIMIT_SAME = (("不得少于", "至少"), ("不得低于", "至少"), ("不低于", "至少"), ("不少于", "至少"),
              ("不得超过", "至多"), ("不超过", "至多"))  # (right before the figure only: 至少召开一次 has no other)


def flip_limit(template: str, key: str, same: bool = False) -> tuple[str, str, str] | None:
    """(the template with the limit word and what follows it up to the figure taken into the
    slot, that slot's text as written, the same with the opposite limit, or with `same` an
    equal one), or None when no limit word stands in the figure's clause within a verb's reach
    (至少召开{}, 不低于{}; an equal word only right before the figure)."""
    for word, other in LIMIT_SAME if same else LIMIT_FLIPS:
        m = re.search(re.escape(word) + (r"()" if same else r"([^，,；;。、{}]{0,3})") + r"\{\}", template)
        if m:
            said = word + m.group(1) + key
            return template[:m.start()] + "{}" + template[m.end():], said, other + m.group(1) + key
    return None
