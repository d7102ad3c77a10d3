"""Counts a reviewer asks of papers: items, trivia-type items (a 填空 whose key is a higher body,
or an item of a filters.LAST_RESORT fact), wrong option texts used more than once, false 判断
that only swap a figure; and (stop 28) echo give-aways (echo.py), 情景 and their wrong options on
another matter than the situation, 简答 得分关键词 shared between points or generic, local items,
判断 on a part's sub-heading; (stop 30) who-blanks keyed by any body above the community
(filters.higher_body: 房屋行政管理部门 too) and papers shorter than asked; (stop 31) 情景 whose key is the
only option on its situation's topic (scene_topic_pick) and 填空 whose key lists other wordings;
(stop 32) the most items from one document, items past 4 from one document, long 简答 keys;
(stop 33) 简答 keyword fragments and long points without a keyword; (stop 34, review 60) items by duty-holder and repeated written keys (holders); (stop 40, review 76) 填空
with no key word of their own (flat_blank); (stop 33, review 58) items whose key
is a bare figure, 简答 items and their share of the marks, the most items from one topic cluster and
from the 物业 documents, 情景 wrong options from the key's own chapter and of its form (a body acting,
or the person's own act), and drafting definitions (以下简称) printed in an item; (stop 38, issue 13) the
documents a paper draws on, its national documents and items, and its 多选.

    python -m evals.quiz_counts 24 31 43 47 48
    python -m evals.quiz_counts 1-40          # a range; prints the sums at the end
"""
from __future__ import annotations

import re
import sys
from collections import Counter

from assistant.library import view_of
from assistant.quiz import build
from assistant.quiz.builder import library
from assistant.quiz.echo import WORDS, blank_echo, pairs, related, single_echo
from assistant.quiz.filters import HIGHER_ACTOR, higher_body, is_local
from assistant.quiz.model import BLANK, FALSE, LETTERS, MULTI, SHORT, SINGLE, TRUE_FALSE, Quiz, keywords
from assistant.quiz.verify import norm

WHO = re.compile(r"(?:^|，)______(?:应当|负责|可以|必须|应|要|会同)")  # a 填空 asking who acts
SCENE = "【情景】"


def _weak_keywords(it) -> int:
    """Points whose 得分关键词 is generic or said by another point of the item too."""
    weak = 0
    for i, (p, kw) in enumerate(zip(it.points, keywords(it.points))):
        others = [q for j, q in enumerate(it.points) if j != i]
        parts = [k for k in kw.split("、") if k]
        weak += any(k in WORDS["generic_words"] or k.startswith("的") or any(k in q for q in others) for k in parts)
    return weak


_TOKENIZER = None


def _fragment_keywords(it) -> int:
    """(stop 33, review 58) Keyword parts a marker cannot use: two characters or fewer, a common word
    (表示, 了解), or not on the tokenizer's word boundaries of its point (有与从事的精神障碍诊断)."""
    global _TOKENIZER
    from ingest.tokenize import ChineseTokenizer

    _TOKENIZER = _TOKENIZER or ChineseTokenizer()
    bad = 0
    for p, kw in zip(it.points, keywords(it.points)):
        text = p[3:].split("”")[0] if p.startswith("答出“") else p
        cuts, pos = {0}, 0
        for w in _TOKENIZER.cut(text):
            pos += len(w)
            cuts.add(pos)
        for k in filter(None, kw.split("、")):
            at = [i for i in range(len(text)) if text.startswith(k, i)]
            whole = any(i in cuts and i + len(k) in cuts for i in at)
            bad += len(k) <= 2 or k in WORDS["common_words"] or not whole
    return bad


def _bare_points(it) -> int:
    """Long points (past 20 characters) with no keyword: marked by the point's own words."""
    return sum(not k and len(p) > 20 for p, k in zip(it.points, keywords(it.points)))


def _off_matter(it) -> int:
    """A 情景's wrong options whose words share nothing with its situation or key."""
    scene = it.stem.split("：", 1)[-1].split("。", 1)[0]
    key = it.options[LETTERS.index(it.answer)]
    return sum(not related(scene, key, "", o) for ch, o in zip(LETTERS, it.options) if ch != it.answer)


def _parallel(it, docs: dict) -> bool:
    """(review 75) A written 填空 whose document fills its slot with a phrase listed beside the key
    (记录志愿者的______ keyed 培训情况: 个人基本信息, 志愿服务情况 are recorded too) or ending as it does (the
    wider count the baseline was measured with; the generator refuses the first kind only)."""
    from assistant.quiz.blank_alts import library_texts, parallel_slot

    if it.type != BLANK or it.check.get("kind") == "number" or "______" not in it.stem or "规定：“" in it.stem:
        return False
    lead = it.stem.split("______", 1)[0].split("，")[-1]
    return parallel_slot(lead, it.answer, docs[it.citation.doc_id].text, library_texts(docs), ending=True)


COMMON = 0.04  # share of the rule situations above which a character pair names no matter (家庭, 志愿服务)


def common_pairs(pool, share: float = COMMON) -> frozenset[str]:
    """Content pairs in more than `share` of the rule situations (情景)."""
    heads = [f.extra.get("scene") or f.head for f in pool if f.head]
    df = Counter(p for h in heads for p in pairs(h))
    return frozenset(p for p, c in df.items() if c > share * len(heads))


def _topic_pick(it, common: frozenset) -> bool:
    """A 情景 whose key is the only option sharing a rarer pair with its situation (review 15's 第1、9题):
    picked by topic matching."""
    scene = pairs(it.stem.split("：", 1)[-1].split("。", 1)[0]) - common
    shares = [bool(pairs(o) & scene) for o in it.options]
    return shares[LETTERS.index(it.answer)] and sum(shares) == 1


def balance(quiz: Quiz, docs: dict, topics: dict, rules: dict) -> dict[str, int]:
    """(stop 33, review 58) Subject, figure and 简答 balance, 情景 distractor mates, printed definitions."""
    from assistant.quiz.scenario_checks import chapter_of
    from assistant.quiz.scenarios import MODAL_LEAD
    from assistant.quiz.verify import DEFINITION

    marks = sum(it.score for it in quiz.items) or 1
    shorts = [it for it in quiz.items if it.type == SHORT]
    per_topic = Counter(topics.get(it.citation.doc_id, it.citation.doc_id) for it in quiz.items)
    scenes = [it for it in quiz.items if it.type == SINGLE and it.stem.startswith(SCENE)]
    chapter = form = other_doc = local = variant = 0
    for it in scenes:
        doc = docs[it.citation.doc_id]
        mine = chapter_of(doc, it.citation.start)
        key = it.options[LETTERS.index(it.answer)]
        for w in it.check.get("wrong", []):
            o = rules.get(w)
            chapter += bool(o and o.doc_id == doc.doc_id and chapter_of(doc, o.start) == mine)
            form += bool(MODAL_LEAD.match(w)) == bool(MODAL_LEAD.match(key))
            other_doc += bool(o and o.doc_id != doc.doc_id)  # (review 75: options from other texts)
            local += bool(o and o.doc_id != doc.doc_id and is_local(docs[o.doc_id]) and not is_local(doc))
            variant += o is None  # (the key with a body or a figure changed: scene_wrong.key_variants)
    printed = lambda it: it.stem + it.answer + "".join(it.options + it.points)  # noqa: E731
    return {"number_keys": sum(it.check.get("kind") == "number" for it in quiz.items), "short_items": len(shorts),
            "short_marks_pct": round(100 * sum(it.score for it in shorts) / marks),
            "topic_max": max(per_topic.values(), default=0),
            "property": sum("物业" in docs[it.citation.doc_id].title or "业主" in docs[it.citation.doc_id].title
                            for it in quiz.items),
            "scene_wrong_chapter": chapter, "scene_wrong_form": form, "scene_wrong_other_doc": other_doc,
            "scene_wrong_local": local, "scene_wrong_variant": variant,
            "definitions": sum(bool(DEFINITION.search(printed(it))) or "以下简称" in printed(it) for it in quiz.items),
            "flat_blank": sum(flat_blank(it, docs) for it in quiz.items), **holders(quiz)}


def flat_blank(it, docs: dict) -> bool:
    """(stop 40, review 76) A written 填空 none of whose key's words is its own (flat_key.py at the default
    settings: the title or stem says it, or it is its document's main word or one most texts say)."""
    from assistant.quiz.flat_key import flat_key
    from assistant.quiz.generate import BLANK_MARK
    from assistant.settings import QuizSettings

    if it.type != BLANK or it.figure_key():
        return False
    qs, doc = QuizSettings(), docs[it.citation.doc_id]
    return flat_key(it.answer, it.stem.replace(BLANK_MARK, "，"), doc.title, doc.text, docs, (qs.giveaway_rate, qs.flat_share))


def holders(quiz: Quiz) -> dict[str, int]:
    """(stop 34, review 60) Items whose passage's duty-holder is a community body (plan/actor.py OWN at the
    社区 level) or another body (OTHER: 精神科医疗机构, 县级以上人民政府), and 填空/单选 whose written key
    (not a figure) an earlier such item keys too (two 填空 keyed 人民调解委员会)."""
    from assistant.quiz.holder import holder
    from assistant.quiz.overlap import keys_of

    actors = Counter(holder(it.citation.quote) for it in quiz.items)
    seen: set[str] = set()
    same = 0
    for it in quiz.items:
        if it.type in (BLANK, SINGLE) and it.check.get("kind") != "number":
            same += bool(keys_of(it) & seen)
            seen |= keys_of(it)
    return {"community_holder": actors["own"], "other_holder": actors["other"], "same_written_key": same}


def counts(quiz: Quiz, docs: dict, common: frozenset = frozenset()) -> dict[str, int]:
    last = set(quiz.stats.get("last_resort", ())) | set(quiz.stats.get("deferred", ()))
    who = [it for it in quiz.items if it.type == BLANK and WHO.search(it.stem)]
    trivia = sum(1 for it in quiz.items if it.fact_id in last or (it in who and HIGHER_ACTOR.match(it.answer)))
    wrong = Counter(norm(o) for it in quiz.items if it.type in (SINGLE, MULTI)
                    for ch, o in zip(LETTERS, it.options) if ch not in it.answer)
    false_tf = [it for it in quiz.items if it.type == TRUE_FALSE and it.answer == FALSE]
    swaps = sum(1 for it in false_tf if it.check.get("kind") == "number" and it.check.get("swap") != "limit")
    scenes = [it for it in quiz.items if it.type == SINGLE and it.stem.startswith(SCENE)]
    return {"items": len(quiz.items), "short": int(len(quiz.items) < quiz.requested), "last_resort": len(last),
            "who_blank": len(who), "trivia": trivia, "higher_who": sum(higher_body(it.answer) for it in who),
            "repeated_wrong": sum(c - 1 for c in wrong.values() if c > 1),
            "false_tf": len(false_tf), "number_swaps": swaps,
            "scenes": len(scenes), "scene_off_matter": sum(_off_matter(it) for it in scenes),
            "scene_topic_pick": sum(_topic_pick(it, common) for it in scenes),
            "blank_alternatives": sum(it.type == BLANK and len(it.accepted) + len(it.check.get("wordings", ())) > 1
                                      and not it.figure_key() for it in quiz.items),
            "blank_parallel": sum(_parallel(it, docs) for it in quiz.items),
            "echo_single": sum(single_echo(it) for it in quiz.items), "echo_blank": sum(blank_echo(it) for it in quiz.items),
            "weak_keywords": sum(_weak_keywords(it) for it in quiz.items if it.type == SHORT),
            "fragment_keywords": sum(_fragment_keywords(it) for it in quiz.items if it.type == SHORT),
            "bare_points": sum(_bare_points(it) for it in quiz.items if it.type == SHORT),
            "heading_tf": sum(it.type == TRUE_FALSE and "文中提出的方面包括" in it.stem for it in quiz.items),
            "heading_short": sum(it.type == SHORT and "文中主要提出了哪几个方面" in it.stem for it in quiz.items),
            "procedure_short": sum(it.type == SHORT and it.check.get("kind") == "order" for it in quiz.items),
            "distinction_short": sum(it.type == SHORT and it.check.get("kind") == "define" for it in quiz.items),
            "order_single": sum(it.type == SINGLE and it.check.get("kind") == "order" for it in quiz.items),
            "local": sum(is_local(docs[it.citation.doc_id]) for it in quiz.items), **spread(quiz), **coverage(quiz, docs)}


def coverage(quiz: Quiz, docs: dict) -> dict[str, int]:
    """(stop 38, issue 13) How much of the library a paper covers: its distinct documents, its distinct
    national documents, and its items from national texts (a trainer wants national texts first)."""
    ids = [it.citation.doc_id for it in quiz.items]
    national = [d for d in ids if not is_local(docs[d])]
    return {"documents": len(set(ids)), "national_docs": len(set(national)), "national_items": len(national),
            "multi": sum(it.type == MULTI for it in quiz.items)}


PAST = 4  # items from one document past which a paper leans on it (review 16: 6 of 60 from the 村民委员会组织法)
LONG_KEY = 300  # characters of a 简答's reference answer past which a grader cannot mark it at a glance (review 16)


def spread(quiz: Quiz) -> dict[str, int]:
    """(stop 32) The most items from one document, items past PAST from any one document, 简答 keys
    longer than LONG_KEY and the longest one."""
    per_doc = Counter(it.citation.doc_id for it in quiz.items)
    shorts = [len(it.answer) for it in quiz.items if it.type == SHORT]
    return {"doc_max": max(per_doc.values(), default=0), "doc_past4": sum(max(0, c - PAST) for c in per_doc.values()),
            "long_keys": sum(n > LONG_KEY for n in shorts), "key_max": max(shorts, default=0)}


def _seeds(args: list[str]) -> list[int]:
    out = []
    for a in args:
        lo, _, hi = a.partition("-")
        out += list(range(int(lo), int(hi) + 1)) if hi else [int(lo)]
    return out


def main() -> None:
    from assistant import Assistant
    from assistant.quiz.topics import clusters

    kb = Assistant.open()
    common = common_pairs(library(kb)["rules"])
    docs = view_of(kb).documents
    topics = clusters(docs, kb.settings.quiz.topic_link)
    rules = {f.key: f for f in library(kb)["rules"]}
    total: Counter = Counter()
    short = []
    for seed in _seeds(sys.argv[1:]):
        quiz = build(kb, n=60, seed=seed)
        c = {**counts(quiz, docs, common), **balance(quiz, docs, topics, rules)}
        total.update(c)
        short += [seed] if c["items"] < 60 else []
        print(seed, c, flush=True)
    print("sum", dict(total), "short papers:", short)
    print(summary(total, len(_seeds(sys.argv[1:]))))


def summary(total: Counter, papers: int) -> str:
    """Per paper: distinct documents and national documents; the national share of the items."""
    papers = papers or 1
    return (f"per paper: documents {total['documents'] / papers:.1f}, national documents "
            f"{total['national_docs'] / papers:.1f}; national items {total['national_items']} of {total['items']} "
            f"({100 * total['national_items'] / max(1, total['items']):.1f} %)")


if __name__ == "__main__":
    main()
