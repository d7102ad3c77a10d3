"""A 填空 on the duty, not on who carries it, when the holder is another body than the community's
(trainer reviews 62 and 64): “______应当做好家庭暴力受害人的诊疗记录” tells 医疗机构 by its own words, and
“______应当及时向有需求的家庭提供服务” has several bodies of its law for a key. The object of the duty is
blanked instead (医疗机构应当做好家庭暴力受害人的______ → 诊疗记录): a noun run after the verb, of
OBJECT_CHARS characters, that the stem does not otherwise say and that no other passage of the corpus
puts after the same words. A community body (居民委员会, 业主委员会, 乡镇人民政府（街道办事处）) stays the
key: which door a case goes to is what a trainee must know."""
from __future__ import annotations

import re

from .blank_alts import alternatives, library_texts, parallel_slot
from .echo import WORDS, synonyms
from .filters import ORGAN
from .flat_key import flat_key
from .holder import community_body, holder
from .model import BLANK, QuizItem
from .terms import COMMON, words

OBJECT_CHARS = (3, 8)  # a noun run's length: shorter is a word anyone guesses (个人, 形式, 核实), longer a clause to recall
VAGUE = frozenset(WORDS["vague_openers"])  # (有关信息, 必要条件: no object of their own)
BODY = re.compile(r"(?:委员会|政府|办事处|部门|机构|机关|组织|企业|单位)$")  # (an object that is a body)
# a verb between these and a noun belongs to the noun: 的诊疗记录, 将减刑建议书 (jieba tags 将 an adverb there; the
# blank must cover the whole noun phrase, trainer review 68's 第32题 cut 减刑|建议书 and printed 减刑)
MODIFIES = ("的", "将", "把")
VERB = re.compile(r"^(?:应当|可以|负责|不得|须|必须|要)")  # (the holder's modal: the object comes after it)
# a duty several bodies share (居民委员会、村民委员会应当…; 乡级人民政府、街道办事处…可以建立基层应急救援队伍): two to six
# named bodies joined by 、/和/及, then the modal; who carries it is no one-word key, its object is
_ENDS = r"(?:委员会|政府|办事处|部门|机构|组织|单位|中心|所)"  # (所: 公安派出所, 司法所 share the committees' duties)
_ONE_BODY = rf"[^，、；。：（）\s]{{2,16}}?{_ENDS}"
MEMBER = re.compile(rf"{_ENDS}$")  # (a named member of such a set)
BODIES = re.compile(rf"^((?:{_ONE_BODY}(?:、|和|以及|及)){{1,5}}{_ONE_BODY})(?=应当|负责|可以)")
JOINS = re.compile(r"、|和|以及|及")


def shared_duty(text: str) -> str:
    """The bodies a duty several bodies share opens with, when one of them is a community body (居民委员会,
    街道办事处: the class's own duty, stop 38); "" otherwise."""
    m = BODIES.match(text)
    parts = JOINS.split(m.group(1)) if m else []
    return m.group(1) if any(community_body(p) for p in parts) else ""


def other_holder(fact, who: str) -> bool:
    """The rule's holder is no community body: plan/actor.py reads its consequence (from the holder on: a long
    condition hides it) as another body's duty (医疗机构, 养老机构, 社区矫正机构, 志愿服务组织), and neither
    the name nor another name of it is one of filters' community_actors."""
    names = (who, *synonyms(who))  # (人民调解组织 is the 人民调解委员会)
    return holder(fact.key) == "other" and not any(community_body(name) for name in names)


def _noun(tok: tuple[str, str]) -> bool:
    return (tok[1].startswith("n") or tok[1] in ("vn", "l")) and bool(re.fullmatch(r"[\u4e00-\u9fff]+", tok[0]))


def _runs(toks: list[tuple[str, str]], first: int) -> list[tuple[int, int]]:
    """Maximal runs of noun tokens from token `first` on, each taking in a verb right after 的 or 将/把 (的诊疗记录,
    将减刑建议书: a verb there modifies the noun)."""
    runs, i = [], first
    while i < len(toks):
        if not _noun(toks[i]):
            i += 1
            continue
        j = i
        while j < len(toks) and _noun(toks[j]):
            j += 1
        lo = i - 1 if i - 1 > first and toks[i - 1][1] == "v" and toks[i - 2][0] in MODIFIES else i
        runs.append((lo, j))
        i = j
    return runs


def _governed(toks: list[tuple[str, str]], i: int) -> bool:
    """The run from token i is an object: a verb, a preposition or 的 before it (not a noun of a cut compound,
    社区|矫正对象, 志愿服务|信息系统, nor a list's 、 or 或者, nor an adverb that makes its first word a verb,
    如实记录); a verb after another verb or a preposition names the thing (发放解除|社区矫正证明书, 将减刑|建议书)."""
    before = toks[i - 1]
    if before[1] == "p" or before[0] in MODIFIES:
        return True
    if not before[1].startswith("v") or before[1] == "vn":
        return False
    prior = toks[i - 2] if i >= 2 else ("", "x")
    return VERB.match(prior[0]) is not None or not (prior[1].startswith("v") or prior[1] == "p")


def objects(rest: str) -> list[tuple[int, str]]:
    """Whole noun runs of the duty after its modal, last first (the verb's object closes the clause):
    (position in rest, text), each of OBJECT_CHARS characters, ending on a noun, with no generic word
    (有关规定), governed by a verb, a preposition or 的 and no member of a list the stem shows (规范化、专业化水平:
    recalled from its neighbours)."""
    lead = VERB.match(rest)
    toks = words(rest)
    at, pos = [], 0
    for w, _ in toks:
        at.append(pos)
        pos += len(w)
    first = next((k for k, p in enumerate(at) if p >= (lead.end() if lead else 1)), len(toks))
    lo_len, hi_len = OBJECT_CHARS
    out = []
    for i, j in reversed(_runs(toks, first)):
        text = "".join(w for w, _ in toks[i:j])
        listed = j < len(toks) and toks[j][0] == "、"
        listed |= j + 1 < len(toks) and toks[j][1].startswith("v") and toks[j + 1][0] in ("的", "地")  # (社区矫正|执行地的…: a compound's head)
        own = any(w not in COMMON for w, _ in toks[i:j])  # (服务协议 says 协议; 服务工作 names nothing)
        if lo_len <= len(text) <= hi_len and toks[j - 1][1].startswith("n") and toks[i][0] not in VAGUE and own \
                and not listed and _governed(toks, i):
            out.append((at[i], text))
    return out


def _second_key(lead: str, key: str, docs, accepted: list[str] = ()) -> bool:
    """Another passage puts other words after the blank's lead (养老机构应当…签订 + 服务合同), not one of the
    key's accepted wordings: two keys."""
    for d in docs.values():
        at = d.text.find(lead)
        while at >= 0:
            if not any(d.text.startswith(k, at + len(lead)) for k in (key, *accepted)):
                return True
            at = d.text.find(lead, at + 1)
    return False


def _named(key: str, title: str) -> bool:
    """A body (提请______决定 → 人民法院: who acts again) or a name the law's title says (社区矫正对象 in the
    社区矫正法, 家庭暴力受害人 in the 反家庭暴力法): guessed, not recalled."""
    return bool(ORGAN.search(key) or BODY.search(key)) or any(key[i:i + 3] in title for i in range(len(key) - 2))


def duty_blank(fact, ctx, doc, cite, check: dict, who: str) -> QuizItem | None:
    """The 填空 with the object of another body's duty left blank; None when no object fits."""
    from .echo import blank_echo
    from .generate import BLANK_MARK, explain, ref

    rest = fact.key[len(who):]
    opening = ref(doc) + (f"{fact.head}，" if fact.head else "")
    for at, key in objects(rest):
        lead, tail = fact.key[:len(who) + at], rest[at + len(key):]
        stem = f"{opening}{lead}{BLANK_MARK}{tail}。"
        wordings = alternatives(lead, key, ctx.docs)[1:] if ctx.cache.get("blank_alternatives") else []
        if key in stem or _second_key(lead, key, ctx.docs, wordings) or _named(key, doc.title):
            continue  # (the stem says it, another passage fills the same words otherwise, or it is a name)
        if ctx.cache.get("flat_key") and flat_key(key, stem.replace(BLANK_MARK, "，"), doc.title, doc.text, ctx.docs,
                                                  ctx.cache["flat_key"]):
            continue  # (no word of the key is its own: the title or stem says it, or most texts do; review 76)
        if ctx.cache.get("blank_parallel") and parallel_slot(lead, key, doc.text, library_texts(ctx.docs)):
            continue  # (its document fills the slot with a listed sibling too: review 75's 记录志愿者的______)
        item = QuizItem(BLANK, stem, key, explain(doc, cite.quote, f"。故空白处应填“{key}”。"), cite,
                        check={**check, "key": [key], "blank": key, "duty_object": True, "wordings": wordings},
                        accepted=[key])
        if not blank_echo(item):
            return item
    return None
