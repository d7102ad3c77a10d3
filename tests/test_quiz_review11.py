"""Trainer reviews 10 and 11 (seeds 49, 50), general mechanisms (stop 28): a 情景's wrong options
on its own matter (not 候补委员递补 beside 物业交接), no stem echoing its key (“______按照物业服务合同的约定
提供服务” keyed 物业服务企业), distinctive 简答 得分关键词 (not 所得的收入 for three points), local
items a small share of a paper without a region, no 判断 on a part's sub-heading nor a who-blank
keyed by a higher body, and the teacher's and the student's Word papers marked as such."""
from __future__ import annotations

import re

import pytest

from assistant.quiz.echo import echo, related, synonyms
from assistant.quiz.filters import HIGHER_ACTOR, is_local
from assistant.quiz.model import BLANK, LETTERS, SHORT, SINGLE, TRUE_FALSE, keyword, keywords

SEEDS = (9, 10, 11)  # (own-check seeds: each paper of the old code had off-matter 情景 options and echoes)


@pytest.fixture(scope="module")
def papers(kb):
    from assistant.quiz import build

    return {s: build(kb, n=60, seed=s) for s in SEEDS}


def _scenes(quiz):
    return [it for it in quiz.items if it.type == SINGLE and it.stem.startswith("【情景】")]


def test_a_scenarios_wrong_options_are_on_its_matter(papers, kb):
    """Each wrong option of a 情景 is another rule on the same matter: its words or its own
    situation's share a content word with the situation or the key (no 候补委员递补 beside 物业交接)."""
    from assistant.quiz.builder import library

    heads = {r.key: r.head for r in library(kb)["rules"]}
    for quiz in papers.values():
        assert len(quiz.items) == 60
        for it in _scenes(quiz):
            scene = it.stem.split("：", 1)[1].split("。", 1)[0]
            key = it.options[LETTERS.index(it.answer)]
            if not all(related(scene, key, heads.get(o, ""), o) for o in it.options):
                assert it.check.get("echo") and _named(quiz, it), it.stem  # (only to fill a short paper, and said)


def _named(quiz, it) -> bool:
    """The advice names the item among those taken only to fill the paper (偏易)."""
    i = quiz.items.index(it) + 1
    said = quiz.advice.split("题偏易")[0] if "题偏易" in quiz.advice else ""
    return str(i) in re.findall(r"\d+", said)


def test_no_stem_echoes_its_key_but_to_fill_a_short_paper(papers):
    for quiz in papers.values():
        echoed = [it for it in quiz.items if echo(it)]
        assert len(echoed) <= 2 and all(it.check.get("echo") and _named(quiz, it) for it in echoed)


def test_echo_reads_the_reviews_give_aways():
    from assistant.quiz.model import QuizItem

    blank = QuizItem(BLANK, "根据《物业管理条例》，______应当按照物业服务合同的约定，提供相应的服务。", "物业服务企业",
                     "原文", None, accepted=["物业服务企业"])
    assert echo(blank)
    trade = QuizItem(BLANK, "根据《山东省志愿服务条例》，______应当加强行业指导、行业自律，反映行业诉求，开展行业交流。",
                     "志愿服务行业组织", "原文", None, accepted=["志愿服务行业组织"])
    assert echo(trade)
    fair = QuizItem(BLANK, "根据《中华人民共和国城市居民委员会组织法》，居民会议由______召集和主持。", "居民委员会",
                    "原文", None, accepted=["居民委员会"])
    assert not echo(fair)
    assert "物业服务人" in synonyms("物业服务企业")


PUBLIC_INCOME = ["利用业主共有道路或场地停放车辆所得的收入", "利用业主共有场地开展商业活动及投放设施等所得的收入",
                 "利用业主共有场地、灯箱、单元门、外墙等设置户外广告以及利用电梯轿厢、单元门厅、走廊通道等设置室内广告所得的收入",
                 "利用全体业主共有的文体设施所得的收入", "利用业主共有的房屋所得的收入",
                 "相关单位支付的归全体业主或部分业主的违约金、赔偿金、旧设备残值等"]  # (上海 公共收益管理办法 第三条)


def test_each_points_keyword_is_its_own():
    points = [f"答出“{p}”" for p in PUBLIC_INCOME]
    assert [keyword(p) for p in points].count("所得的收入") == 3  # (the old keywords)
    got = keywords(points)
    assert got[0] == "停放车辆" and got[1] == "开展商业活动"
    for i, kw in enumerate(got):
        for part in filter(None, kw.split("、")):
            assert part in PUBLIC_INCOME[i] and not any(part in q for j, q in enumerate(PUBLIC_INCOME) if j != i)


def test_no_keyword_on_the_papers_is_shared_or_generic(papers):
    from assistant.quiz.echo import WORDS

    for quiz in papers.values():
        for it in (it for it in quiz.items if it.type == SHORT):
            texts = [p[3:-1] if p.startswith("答出“") else p for p in it.points]
            for i, kw in enumerate(keywords(it.points)):
                for part in filter(None, kw.split("、")):
                    assert part not in WORDS["generic_words"] and not part.startswith("的")
                    assert not any(part in t for j, t in enumerate(texts) if j != i), (part, it.stem)


def test_local_items_are_a_small_share_without_a_region(papers, kb):
    """A paper without a region takes local items after the national ones (settings.quiz.local_share),
    more only when the national texts cannot fill it, and its advice says which."""
    from assistant.library import view_of
    from assistant.quiz import build
    from assistant.quiz.paper import local_most

    docs = view_of(kb).documents
    quiz = build(kb, n=30, seed=5)
    assert len(quiz.items) == 30
    assert sum(is_local(docs[it.citation.doc_id]) for it in quiz.items) <= local_most(30, kb.settings.quiz)
    most = local_most(60, kb.settings.quiz)
    if kb.settings.quiz.local_share >= 1:
        return  # (the cap is off by default: 0.1 did not lower a 60-item paper's local items, supply ran short)
    for quiz in papers.values():
        local = sum(is_local(docs[it.citation.doc_id]) for it in quiz.items)
        # a cap is stated as its number; a cap of 0 (national texts first) as that rule, never as
        # “最多出 0 道” beside the local items it had to take (trainer review 57 read it as a contradiction)
        stated = f"最多出 {most} 道" if most else "先出全国性文件的题"
        assert stated in quiz.advice and (local <= most or "全国性文件可出的题不够" in quiz.advice)
        assert "最多出 0 道" not in quiz.advice


def test_sub_heading_statements_and_higher_who_blanks_only_fill_a_short_paper(papers):
    """A 判断 on a part's sub-heading (关于“完善政策措施”，文中提出的方面包括“拓展完善救助方式”) and a
    who-blank keyed by a higher body are taken last, and the advice names them; a false 判断 never
    swaps a body for one whose name differs by a word (县级以上地方人民政府 / 县级以上人民政府)."""
    from assistant.quiz.scenarios import NEAR_NAME, _overlap

    for quiz in papers.values():
        for i, it in enumerate(quiz.items, 1):
            heading = it.type == TRUE_FALSE and "文中提出的方面包括" in it.stem
            higher = it.type == BLANK and it.check.get("blank") and HIGHER_ACTOR.match(it.answer)
            if heading or higher:
                named = re.findall(r"\d+", quiz.advice.split("题考的是")[0]) if "题考的是" in quiz.advice else []
                assert it.fact_id in quiz.stats["deferred"] and str(i) in named, it.stem
            if it.check.get("swap") == "subject":
                assert _overlap(it.check["key"][0], it.check["wrong"][0]) < NEAR_NAME


def test_teacher_and_student_papers_are_marked(kb, tmp_path):
    from docx import Document as Docx

    from assistant.quiz import build
    from assistant.quiz.export import STUDENT_MARK, TEACHER_MARK, to_docx

    quiz = build(kb, n=8, seed=3)
    for student, mark, other in ((False, TEACHER_MARK, STUDENT_MARK), (True, STUDENT_MARK, TEACHER_MARK)):
        d = Docx(str(to_docx(quiz, tmp_path / f"q{student}.docx", student_only=student)))
        heads = [p.text for s in d.sections for h in (s.header, s.even_page_header) for p in h.paragraphs]
        assert mark in heads and other not in heads
        assert any(mark in p.text for p in d.paragraphs[:3])


def test_only_the_student_paper_has_answer_lines(kb, tmp_path):
    """The teacher's copy has the answers after the items: a 简答's writing lines there only left
    pages half empty (trainer review 74); the student paper keeps them (stop 38)."""
    from docx import Document as Docx

    from assistant.quiz import build
    from assistant.quiz.export import ANSWER_LINE, to_docx

    quiz = build(kb, n=12, seed=5, types=["简答"])
    assert quiz.items
    for student, lines in ((True, True), (False, False)):
        d = Docx(str(to_docx(quiz, tmp_path / f"l{student}.docx", student_only=student)))
        assert any(p.text == "_" * ANSWER_LINE for p in d.paragraphs) is lines
