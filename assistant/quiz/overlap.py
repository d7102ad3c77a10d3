"""Which items of a paper say the same thing or tell each other's keys: the same fact or rule
asked twice, one item's printed options quoted from another's source, a local passage that
restates a national law."""
from __future__ import annotations

import functools
import re

from . import numbers
from .model import BLANK, LETTERS, SHORT, TRUE_FALSE, QuizItem
from .verify import norm


def _bigrams(text: str) -> set[str]:
    t = norm(re.sub(r"^根据[^《，]{0,12}《[^》]*》，", "", text))
    return {t[i:i + 2] for i in range(len(t) - 1)}


def _overlap(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def _claim(item: QuizItem) -> str:
    """The rule an item states, whatever its type: its template, "{}" marking the figure
    (compared together with the key itself)."""
    check = item.check
    return check["template"] if check.get("kind") == "number" else ""


def spans(item: QuizItem) -> list[tuple[int, int]]:
    """The passages an item asks: its citation, or the steps' sentences of a procedure (procedure.py), whose
    citation runs from the first step to the last and holds articles it never asks."""
    return [tuple(x) for x in item.check.get("spans", ())] or [(item.citation.start, item.citation.end)]


def printed(item: QuizItem) -> str:
    """The source text an item asks: its quote, or its steps' sentences."""
    if not item.check.get("spans"):
        return item.citation.quote
    c = item.citation
    return "".join(c.quote[s - c.start:e - c.start] for s, e in spans(item))


def near_dup(item: QuizItem, items: list[QuizItem], near: float = 0.6, same_rule: float = 0.45,
             giveaway: float = 0.25, giveaway_near: int = 400) -> bool:
    """The same fact asked again: overlapping quotes, a near-identical quote or stem (another type
    of the same fact), the same named method twice in short answers, or a rule of the same
    shape stated by another document, whatever its figure (居民会议每年至少召开一次 in one
    place and 至少举行2次 in another: one paper must not teach both as the rule)."""
    b = _bigrams(item.stem)
    names = set(re.findall(r"[“‘]([^”’]{2,14})[”’]", item.stem))
    for o in items:
        if o.type == item.type == SHORT and names & set(re.findall(r"[“‘]([^”’]{2,14})[”’]", o.stem)):
            return True
        if o.citation.doc_id == item.citation.doc_id and any(s < f and t < e for s, e in spans(o) for t, f in spans(item)):
            return True  # one passage (one sentence's three figures, an article's count and its items)
        if _overlap(_bigrams(printed(o)), _bigrams(printed(item))) > near:
            return True
        if _overlap(_bigrams(o.stem), b) > near:
            return True
        if len({norm(x) for x in o.options} & {norm(x) for x in item.options}) >= 2:
            return True  # the same options twice: one item's keys shown as the other's distractors
        if _claim(item) and _claim(o) and _same_rule(_claim(o), _claim(item), same_rule,
                                                     o.check["key"][0] == item.check["key"][0]):
            return True  # one rule twice, or two places' rules on one matter with different figures
        if gives_away(item, o) or echoes(item, o, near) or tells_figure(item, o, same_rule) or tells_figure(o, item, same_rule):
            return True
        if shows_key(item, o) or shows_key(o, item) or same_provision(item, o, giveaway) or same_provision(o, item, giveaway):
            return True
        if tells_key(item, o, giveaway, giveaway_near) or tells_key(o, item, giveaway, giveaway_near):
            return True
    return False


def _printed(a: QuizItem) -> list[str]:
    """What a trainee reads of a: its stem's clauses and each option whole (a figure item's own
    wrong figures are no statement of fact)."""
    stem = a.stem
    for w in a.check.get("wrong", []) if a.check.get("kind") == "number" else ():
        stem = stem.replace(w, "")
    opts = [] if a.check.get("kind") == "number" else list(a.options)
    return [c for c in re.split(r"[，,；;。？?：:]", stem) if c] + opts


def tells_key(a: QuizItem, b: QuizItem, share: float = 0.25, near: int = 400) -> bool:
    """a prints b's answer (review 8): an option of a 情景 on 北京条例 said “应当在三十日内…办理变更
    备案手续” beside the 单选 on 物业管理条例's 30日 备案 (b's figure in a text about b's rule:
    the figure with its unit, the text sharing `share` of b's statement), and a 判断 quoting
    “筹备组应当开展以下工作” beside the 填空 keyed 筹备组 on the same article (b's written key
    printed by an item on a passage of b's document within `near` characters of b's: the
    neighbouring articles, or anywhere in it when the key is one of its rarer names, key_rare; a
    law's main body, 人民调解委员会 in every item on 人民调解法, tells nothing)."""
    if a is b or not b.check.get("key") or b.type == SHORT:
        return False
    if b.check.get("kind") == "number":
        template, key = b.check.get("template", ""), str(b.check["key"][0])
        stated = template.replace("{}", key) if "{}" in template else key
        figures = _figures(_key_clause(stated, key))
        return bool(figures) and any(figures & _figures(t) and _overlap(_bigrams(t), _bigrams(stated)) >= share
                                     for t in _printed(a))
    if b.type != BLANK or a.citation.doc_id != b.citation.doc_id:
        return False
    if abs(a.citation.start - b.citation.start) > near and not b.check.get("key_rare"):
        return False  # (a rarer name, 村民选举委员会, is told from anywhere in its document: review 9's 第49、43题)
    key = norm(b.answer)
    return len(key) >= 2 and any(key in norm(t) for t in _printed(a))


def keys_of(item: QuizItem) -> set[str]:
    """An item's right answers as a trainee would write or pick them: the keyed options' texts,
    a 填空's accepted spellings and its key with the unit (五至九 and 五至九人)."""
    if item.options:
        keyed = {item.options[LETTERS.index(ch)] for ch in item.answer if ch in LETTERS[:len(item.options)]}
    else:
        keyed = {item.answer, *item.accepted} if item.type != SHORT else set()
        keyed |= {k for k in item.check.get("key", []) if isinstance(k, str)} if item.type != TRUE_FALSE else set()
    return {norm(k) for k in keyed if len(norm(k)) >= 2}


def shows_key(a: QuizItem, b: QuizItem) -> bool:
    """a prints b's key as a wrong option (村委会组织法's 三至七人 offered 五至九人, the key of the
    填空 on 居委会组织法第七条): the option tells the other item's answer."""
    if a is b or not a.options:
        return False
    wrong = {norm(o) for i, o in enumerate(a.options) if LETTERS[i] not in a.answer}
    return bool(wrong & keys_of(b))


def same_provision(a: QuizItem, b: QuizItem, share: float = 0.25) -> bool:
    """a and b ask the same kind of provision of the same subject (业主's 义务 in 物业管理条例第七条 and in
    北京条例第二十八条: trainer review 14's 第12、14题) and a text a prints is like one of b's keys
    (按时交纳物业服务费用 beside 按时足额交纳物业费): the first teaches the second's answer."""
    from .articles import list_kind, subject

    ha, hb = a.check.get("head") or "", b.check.get("head") or ""
    if a is b or not ha or not hb or b.type == SHORT or not list_kind(ha) or list_kind(ha) != list_kind(hb):
        return False
    if not subject(ha) or subject(ha) != subject(hb):
        return False
    keys = [_bigrams(k) for k in b.check.get("key", []) if isinstance(k, str)]
    return any(_overlap(_bigrams(t), k) >= share for t in shown(a) for k in keys)


def _figures(text: str) -> set[tuple[str, tuple[float, ...]]]:
    return {(n.unit, tuple(numbers.flat_values(n))) for n in numbers.find(text)}


def tells_figure(a: QuizItem, b: QuizItem, share: float = 0.45) -> bool:
    """a's stem states b's key figure as a fact of the same document or of the same rule: the
    单选 on 特困人员认定办法's 30% 抽查 quoted “在15个工作日内提出确认意见”, and the 填空 on the
    same law's 公示异议 period was keyed 15 (个工作日). The figure a's false 判断 swapped in
    is no statement of fact; a's own key may be one (both are then one rule, near_dup's)."""
    if a is b or b.check.get("kind") != "number" or not b.check.get("key"):
        return False
    key = _figures(b.check["key"][0])
    stem = a.stem
    for w in a.check.get("wrong", []) if a.check.get("kind") == "number" else ():
        stem = stem.replace(w, "")
    same_doc = a.citation.doc_id == b.citation.doc_id
    for clause in re.split(r"[，,；;。？?：:]", stem):
        if key & _figures(clause) and (same_doc or _same_rule(clause, b.check.get("template", ""), share)):
            return True
    return False


def shown(item: QuizItem) -> list[str]:
    """What an item prints that a trainee reads as a fact of its source: its options, or the
    list items its statement names (判断 and 填空 name them in the stem)."""
    if item.check.get("kind") == "number":
        return []  # (a figure among options is not a fact of another passage)
    texts = list(item.options) + [x for x in item.check.get("key", []) + item.check.get("wrong", [])
                                  if isinstance(x, str)]
    return [t for t in dict.fromkeys(texts) if len(norm(t)) >= 4]


def gives_away(a: QuizItem, b: QuizItem) -> bool:
    """One item tells another's key: a text a prints (an option, a listed point) is quoted
    from b's source passage, or the other way round, and the two cite different passages
    (two neighbouring articles used as each other's distractors: the 单选 on 居民会议职权 shows
    the 判断 on 居民委员会任务 which of its items belongs where)."""
    if a.citation.quote == b.citation.quote or "number" in (a.check.get("kind"), b.check.get("kind")):
        return False  # (a figure's sentence printed beside a list tells nothing of the figure)
    qa, qb = norm(a.citation.quote), norm(b.citation.quote)
    return any(norm(t) in qb for t in shown(a)) or any(norm(t) in qa for t in shown(b))


def key_rare(key: str, text: str, rate: float) -> bool:
    """`key` occurs in `text` at most `rate` times per 1000 characters (a rarer name of the document)."""
    k = norm(key)
    return len(k) >= 2 and text.count(key) * 1000 <= rate * max(len(text), 1)


def echoes(a: QuizItem, b: QuizItem, near: float = 0.6) -> bool:
    """a prints, nearly word for word, a text b prints from another passage (review 9: 第16题's option
    “提议召开业主大会，并就……提出建议”, a right in 北京条例第二十七条, beside 第19题's false 判断 that put
    “提议召开业主大会会议，并就……提出建议” into 物业管理条例第七条's duties): one tells where the other's
    text belongs. gives_away finds only a text quoted word for word from the other's source."""
    if a is b or a.citation.quote == b.citation.quote or "number" in (a.check.get("kind"), b.check.get("kind")):
        return False
    mine = [_bigrams(t) for t in shown(a)]
    return any(_overlap(x, _bigrams(t)) >= near for t in shown(b) for x in mine)


def _key_clause(claim: str, key: str) -> str:
    return next((p for p in re.split(r"[，,；;]", claim) if key in p), claim)


CJK_PAIR = re.compile(r"[\u4e00-\u9fff]{2}")


def _same_rule(a: str, b: str, share: float, same_key: bool = True, subject_chars: int = 6) -> bool:
    """Two statements of one rule with the same figure (业主大会定期会议…每年至少召开一次 and
    业主大会会议每年至少召开一次): their key clauses and their openings (the subject) overlap."""
    ka = _key_clause(a, "{}") if "{}" in a else a
    kb_ = _key_clause(b, "{}") if "{}" in b else b
    if not same_key and a[:2] != b[:2] and CJK_PAIR.fullmatch(a[:2]) and CJK_PAIR.fullmatch(b[:2]):
        return False  # two bodies' rules with their own figures (居民委员会…五至九人, 村民委员会…三至七人): both
        # are asked; with one figure (每届任期五年 in both laws) one tells the other's key
    return _overlap(_bigrams(ka), _bigrams(kb_)) >= share and \
        _overlap(_bigrams(a[:subject_chars]), _bigrams(b[:subject_chars])) >= share / 2


def repeats_national(quote: str, national: list[str], share: float = 0.6, least: int = 6) -> bool:
    """Most clauses of a local passage (of `least` characters or more) occur word for word in
    one national text."""
    clauses = [_plain(c) for c in re.split(r"[，,；;。：:\n（）()]", quote) if len(_plain(c)) >= least]
    if not clauses:
        return False
    return any(sum(c in _plain_text(text) for c in clauses) >= share * len(clauses) for text in national)


@functools.lru_cache(maxsize=128)
def _plain_text(text: str) -> str:
    """_plain of a whole document, once per text."""
    return _plain(text)


def _plain(text: str) -> str:
    """Normalized text without its figures (2至3人 in one law is 二至三人 in the other)."""
    return re.sub(r"[\d一二两三四五六七八九十百千]+", "", norm(text))
