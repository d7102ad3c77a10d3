"""Give-aways by echo: a stem that repeats its key's words (情景 “业主大会、业主委员会无法存续” keyed
“办理业主大会、业主委员会注销手续”; 填空 “______按照物业服务合同的约定提供服务” keyed 物业服务企业;
reviews 10 and 11), and a 情景's wrong option about another matter than its situation (物业交接 beside
候补委员递补): the key is picked by its words, not known. Word lists: echo_words.json."""
from __future__ import annotations

import json
import re
from pathlib import Path

from .model import BLANK, LETTERS, SINGLE, QuizItem

WORDS = json.loads(Path(__file__).with_name("echo_words.json").read_text(encoding="utf-8"))
GENERIC = frozenset(WORDS["generic_pairs"])
_CJK2 = re.compile(r"[\u4e00-\u9fff]{2}")
_TITLE = re.compile(r"《[^》]*》|^根据[^，]{0,40}，|【情景】社区工作者在工作中遇到这种情况：|"
                    r"这种情况按规定应当由谁、怎样处理？|社区工作者应当告诉.{0,12}?按规定怎样做？")
ECHO_LEAD = 2  # content pairs the key shares with the stem beyond every wrong option's: a give-away
BLANK_HALF = 0.5  # a 填空 key whose run this share of it (at least 3 characters) stands in the stem is told
BLANK_REPEAT = 2  # a two-character word of the key the stem says this often tells it (行业指导、行业自律…)


def pairs(text: str) -> set[str]:
    """The content character pairs of a text (generic pairs such as 应当, 规定 left out)."""
    return {text[i:i + 2] for i in range(len(text) - 1) if _CJK2.fullmatch(text[i:i + 2])} - GENERIC


def bare_stem(stem: str) -> str:
    """The stem without its document's name and the 情景 frame (their words are no hint)."""
    return _TITLE.sub("", stem)


def single_echo(item: QuizItem) -> bool:
    """A 单选 whose key shares ECHO_LEAD more content pairs with the stem than any wrong option."""
    if item.type != SINGLE or len(item.answer) != 1 or not item.options:
        return False
    stem = pairs(bare_stem(item.stem))
    shared = [len(pairs(o) & stem) for o in item.options]
    key = shared[LETTERS.index(item.answer)]
    rest = [s for i, s in enumerate(shared) if LETTERS[i] != item.answer]
    return bool(rest) and key >= ECHO_LEAD and key - max(rest) >= ECHO_LEAD


def blank_echo(item: QuizItem) -> bool:
    """A 填空 whose key (or an accepted name) the clause of its blank half says: a run of at least
    three characters and half the key (物业服务 of 物业服务企业), or a word of the key it repeats
    (行业 of 志愿服务行业组织 in 行业指导、行业自律、行业诉求); words of the document's title are no
    hint (社区矫正 of 社区矫正机构 in the 社区矫正法: every body there is named so)."""
    if item.type != BLANK:
        return False
    stem = _blank_clause(bare_stem(item.stem))
    title = "".join(re.findall(r"《[^》]*》", item.stem))  # (its domain word, 社区矫正 of 社区矫正机构, names every body there)
    for key in {item.answer, *item.accepted}:
        if re.search(r"\d", key):
            continue  # (a figure: its unit, 个工作日, is in the stem by design)
        if _longest_run(key, stem, title) >= max(3, BLANK_HALF * len(key)):
            return True
        if any(stem.count(p) >= BLANK_REPEAT and p not in title for p in pairs(key)):
            return True
        if _self_named(key, stem):
            return True
    return False


SELF = re.compile(r"本([\u4e00-\u9fff]{1,3})")  # 本组织, 本单位, 本委员会: the clause naming its own subject's kind


def _self_named(key: str, clause: str) -> bool:
    """The clause calls its blank subject “本X” and the key is an X (志愿服务组织 of “在本组织获得表彰”,
    trainer review 14's 第44题): the stem says what kind of body fills it. Only the clause after the
    blank refers back to it (本行政区域 before it is another body's)."""
    after = clause.split("|", 1)[-1]
    return any(len(x) >= 2 and key.endswith(x[:k]) for m in SELF.finditer(after)
               for x in [m.group(1)] for k in range(len(x), 1, -1))


def _blank_clause(stem: str) -> str:
    """The sentence or list item holding the blank, the blank cut out: a list's other items repeat
    its form (自主吃饭；______；自主上下床), which tells nothing."""
    for part in re.split(r"[；;。：:“”]", stem):
        if "______" in part:
            return part.replace("______", "|")
    return stem.replace("______", "|")


def _longest_run(key: str, text: str, title: str = "") -> int:
    """The longest piece of key that text says and the document's title does not."""
    best = 0
    for i in range(len(key)):
        for j in range(i + 2, len(key) + 1):
            if key[i:j] not in text:
                break
            if key[i:j] not in title:
                best = max(best, j - i)
    return best


def echo(item: QuizItem) -> bool:
    return single_echo(item) or blank_echo(item)


def synonyms(name: str) -> list[str]:
    """Other names of the body `name` that a 填空 accepts (物业服务企业: 物业服务人, 物业公司…)."""
    for group in WORDS["synonyms"]:
        if name in group:
            return [g for g in group if g != name]
    return []


def related(situation: str, key: str, other_head: str, other_key: str) -> bool:
    """A wrong option about the same matter as the situation: its rule's situation or consequence
    shares a content word with the situation or the key (公共收益 beside 共用部分经营 and 公共收益单独列账),
    not a rule on another matter of the same document (候补委员递补 beside 物业交接)."""
    mine = pairs(situation) | pairs(key)
    return bool(mine & (pairs(other_head) | pairs(other_key)))
