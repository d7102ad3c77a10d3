"""A statute's article as a measure although its duty clause is too long to title one.

An article squarely on the topic often states the duty of the unit or of a body it guides in one
long clause (第二十条 村民委员会、居民委员会应当协助所在地人民政府及其有关部门开展社区心理健康指导、
精神卫生知识宣传教育活动…). measure_titles.measure_title takes a clause whole or not at all, so such an
article got no title, hence no measure (draft.has_detail), while web templates with short headings
filled the plan (cadre review s33). Its title is then the clause's last act with its first object
(开展社区心理健康指导): what the article requires, in the article's own words."""
from __future__ import annotations

import re
from collections.abc import Callable

from ingest.model import Document

from .precedents import Point, in_article, is_action

STATUTE = "法规"  # doc_type of laws and regulations (corpus metadata)
TITLE_MAX = 24  # characters: a title, not a sentence (measure_titles.measure_title_from_body's bound)
_ITEM_END = re.compile(r"[、，,。；;：:]")  # the first object of a list of them ends at 、
# Part of speech of the word after a verb that opens an act with its object (开展社区…, 提供办公…): a
# verb's noun-part use (志愿服务组织记录的…, 组织或者个人) is followed by anything else.
_OBJECT = ("n", "a", "b")
ARTICLE = re.compile(r"^\s*第[一二三四五六七八九十百零〇]+条")  # a text opening with its article number


def is_article(p: Point, doc: Document) -> bool:
    """The point is (in) an article of a law or regulation."""
    return doc.meta.get("doc_type") == STATUTE and (in_article(p.section) or bool(ARTICLE.match(doc.text[p.start:p.end])))


def statute_title(p: Point, sents: list[tuple[int, str]], doc: Document, good: Callable[[str], bool]) -> str:
    """The title of an article's duty from the first sentence a measure says (sents: compose.unit_sentences,
    already the unit's own or a guided body's duty): its first clause from its last act that makes a
    good title (`good`: measure_titles.good_title). "" for any other text, or when no act does."""
    if not sents or not is_article(p, doc):
        return ""
    clause = re.split(r"[，,。；;：:]", sents[0][1], maxsplit=1)[0]
    for start in reversed(acts_at(clause)):
        title = _ITEM_END.split(clause[start:], maxsplit=1)[0]
        if 4 <= len(title) <= TITLE_MAX and good(title) and names_object(title):
            return title
    return ""


def acts_at(clause: str) -> list[int]:
    """Offsets in the clause where a verb opens an action phrase (开展…, 提供…), by part of speech:
    组织 inside 社会组织 is a noun's part, not an act."""
    from .practice import pos_tags  # jieba's tagger: loaded only when needed

    tags, out, pos = pos_tags(clause), [], 0
    for i, (word, flag) in enumerate(tags):
        after = tags[i + 1][1] if i + 1 < len(tags) else ""
        if pos and flag == "v" and len(word) >= 2 and after.startswith(_OBJECT) and is_action(clause[pos:]):
            out.append(pos)  # never the clause's start: the clause whole was no title (compose)
        pos += len(word)
    return out


def names_object(title: str) -> bool:
    """The title ends in its object (…指导, …经费), not a verb, number or adverb (召开一次, 提供优先),
    and holds no relative clause (提供医疗服务的医疗机构)."""
    from .practice import pos_tags

    tags = [t for t in pos_tags(title) if t[0].strip()]
    return "的" not in title and bool(tags) and tags[-1][1].startswith(("n", "vn"))
