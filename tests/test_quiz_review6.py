"""The sixth trainer review's failure kinds on the real corpus: a 60-item request gave 46–50
items, 社会救助 filled a third of the paper through six documents, other organs' time
limits (监狱、看守所…十日内, 决定机关…三十日内) were asked, 简答 keys cut a point's explanation,
and no item put a situation to the trainee (情景题)."""
from __future__ import annotations

import random
import re
from collections import Counter

import pytest

from assistant.library import view_of
from assistant.quiz import build
from assistant.quiz import facts as F
from assistant.quiz.builder import gather, select_scope, short_notice
from assistant.quiz.filters import other_organ, screen
from assistant.quiz.generate import Context, make_item
from assistant.quiz.lists import whole_point
from assistant.quiz.model import BLANK, SHORT, SINGLE, TRUE, TRUE_FALSE
from assistant.quiz.scenarios import rule_facts
from assistant.quiz.topics import clusters
from assistant.quiz.verify import Corpus, norm, verify_item


@pytest.fixture(scope="module")
def view(kb):
    return view_of(kb)


@pytest.fixture(scope="module")
def all_rules(view):
    return rule_facts(view.documents, F.sentences(view.documents, view.chunks))


@pytest.fixture(scope="module")
def rules(all_rules):
    return [f for f in all_rules if f.head]  # (conditional rules: a situation and what is done)


@pytest.fixture(scope="module")
def papers(kb):
    return {seed: build(kb, n=60, seed=seed) for seed in (24, 31)}


def _doc(view, prefix: str) -> str:
    return next(d for d in view.documents if d.startswith(prefix))


# ---- yield ---------------------------------------------------------------------------------
def test_a_sixty_item_request_on_the_whole_library_gives_sixty_items(papers, kb):
    for seed, quiz in papers.items():
        assert len(quiz.items) == 60, (seed, len(quiz.items), quiz.notice)  # (46–50 before)
        assert quiz.notice == ""
    # (a 2-item shortfall handed to two dry types ended the fill passes at 58 while 填空 could yield)
    assert len(build(kb, n=60, seed=100).items) == 60


def test_a_short_paper_says_how_many_and_why_in_chinese(kb):
    quiz = build(kb, docs=["人民调解法"], n=60, seed=3)
    assert 0 < len(quiz.items) < 60
    assert f"只够生成 {len(quiz.items)} 道" in quiz.notice and "要求 60 道" in quiz.notice
    assert "原因" in quiz.notice and "未通过核验" in quiz.notice and "同一主题" in quiz.notice
    assert short_notice(60, 60, {}) == ""


# ---- topic balance -------------------------------------------------------------------------
def test_documents_of_one_subject_share_a_topic_cluster(view, kb):
    topic = clusters(view.documents, kb.settings.quiz.topic_link)
    relief = {topic[_doc(view, p)] for p in ("reg_dibao_shenhe", "reg_tekun_rending", "reg_shehui_jiuzhu")}
    assert len(relief) == 1
    assert topic[_doc(view, "reg_wuye_guanli")] not in relief  # (物业 is another subject)
    assert topic[_doc(view, "reg_renmin_tiaojie")] not in relief
    assert len(set(topic.values())) >= 8


def test_no_topic_cluster_fills_more_than_its_share_of_a_paper(papers, view, kb):
    qs = kb.settings.quiz
    topic = clusters(view.documents, qs.topic_link)
    for seed, quiz in papers.items():
        counts = Counter(topic[it.citation.doc_id] for it in quiz.items)
        assert max(counts.values()) <= quiz.stats["per_topic"], (seed, counts)  # (15 of 48 before)
        assert quiz.stats["per_topic"] == int(qs.topic_share * 60)


# ---- other organs' procedures -----------------------------------------------------------
def test_a_courts_or_a_prisons_time_limit_is_not_asked(view, kb):
    qs = kb.settings.quiz
    doc_id = _doc(view, "reg_shequ_jiaozheng")
    chunks = [c for c in view.chunks if c.doc_id == doc_id]
    facts = [f for f in gather(view, chunks, None, qs, {}) if f.kind == "number"]
    doc = view.documents[doc_id]
    organ = [f for f in facts if other_organ(f, doc, None)]
    assert any("监狱" in doc.text[f.start:f.end][:20] for f in organ)
    kept, counts = screen(facts, view.documents, qs)
    assert counts["other_organ"] >= 1 and not any(f in kept for f in organ)
    assert any(not other_organ(f, doc, None) for f in facts)  # (the law's other figures stay)
    # the offender's own duty to report (第二十一条 社区矫正对象…十日内…报到) is the community's business,
    # though a court is named later in its sentence
    at = doc.text.index("第二十一条")
    end = doc.text.index("。", at) + 1
    assert "人民法院" in doc.text[at:end]
    assert not other_organ(F.Fact("number", doc_id, "", at, end, "十日"), doc, None)


# ---- complete 简答 keys ---------------------------------------------------------------------
def test_a_points_key_holds_every_sentence_of_its_explanation_or_is_not_made():
    body = "各地要明确办理期限。低保审核确认工作应当自受理之日起30个工作日之内完成。特殊情况下可以延长至45个工作日。"
    cut = "低保审核确认工作应当自受理之日起30个工作日之内完成"
    detail, ok = whole_point(body, "明确办理期限", cut, limit=200)
    assert ok and "延长至45个工作日" in detail and "各地要明确办理期限" not in detail  # (a restating lead is no point)
    detail, ok = whole_point(body, "明确办理期限", cut, limit=40)
    assert not ok and detail == cut
    assert whole_point(body, "明确办理期限", cut + "；特殊情况下可以延长至45个工作日", limit=40)[1]


def test_a_short_answer_is_never_made_from_a_cut_explanation(papers, view, kb):
    qs = kb.settings.quiz
    _, chunks = select_scope(view, None, None, None, 60)
    facts = {f.fact_id: f for f in gather(view, chunks, None, qs, {})}
    parts = [f for f in facts.values() if f.kind == "steps"]
    cut = [f for f in parts if f.extra.get("cut")]
    assert cut and len(cut) < len(parts)  # (the long 意见 sections are cut; short ones are whole)
    ctx = Context(view.documents, random.Random(0), "中", [], [], Corpus(view.documents, view.chunks).is_true)
    heading_chars = kb.settings.quiz.heading_chars
    long_points = [f for f in cut if not all(len(it) <= heading_chars for it in f.items)]
    assert long_points and all(make_item(f, SHORT, ctx) is None for f in long_points)
    for f in cut:  # (stop 39: a key of short headings, a one-line gloss each, claims no whole explanation)
        if (it := make_item(f, SHORT, ctx)) is not None:
            assert all(len(p.split("：", 1)[0]) <= heading_chars + 4 for p in it.points), it.points
    doc_text = {d: norm(doc.text) for d, doc in view.documents.items()}
    for quiz in papers.values():
        for it in quiz.items:
            if it.type != SHORT:
                continue
            if facts[it.fact_id].extra.get("cut"):  # (only a key of headings: see above)
                assert all(len(x) <= qs.heading_chars for x in facts[it.fact_id].items), it.stem
            assert it.score == (it.need or len(it.points))  # (评分要点 sum to the item's marks)
            for part in it.answer.rstrip("。").split("；"):
                text = re.sub(r"^\d+\.\s*", "", part)
                text = text.split("：", 1)[-1] if facts[it.fact_id].kind == "steps" else text
                assert norm(text) in doc_text[it.citation.doc_id], (it.stem, text)  # (verbatim, never cut inside)


# ---- 情景题 --------------------------------------------------------------------------------
def test_conditional_rules_are_found_with_exact_spans(view, rules):
    assert len(rules) >= 60
    for f in rules:
        assert view.documents[f.doc_id].text[f.start:f.end] == f.clause
        assert f.clause == f.head + "，" + f.key and f.head.endswith("的")
    heads = {f.head for f in rules}
    assert "登记参加选举的村民，选举期间外出不能参加投票的" in heads
    assert not any("人民法院" in f.head or "监狱" in f.head for f in rules)  # (a court's own act)
    assert not any("是由" in f.head or f.head.startswith(("但", "违反")) for f in rules)  # (no situation)
    assert "不具备登记条件的" not in heads and all(len(f.head) >= 10 for f in rules)  # (leans on the sentence before)


def test_a_scenario_item_keys_the_rules_own_consequence_and_verifies(view, rules):
    corpus = Corpus(view.documents, view.chunks)
    from assistant.quiz.topics import clusters
    from assistant.settings import QuizSettings

    ctx = Context(view.documents, random.Random(5), "中", [], [], corpus.is_true)
    ctx.cache["rule_pool"] = rules
    ctx.cache["topics"] = clusters(view.documents, QuizSettings().topic_link)  # (as build sets it: wrong options on
    by_key = {f.key: f for f in rules}  # the situation's matter come from its topic's documents too, stop 28)
    made = 0
    for f in rules:
        it = make_item(f, SINGLE, ctx)
        if it is None:
            continue
        made += 1
        assert it.stem.startswith("【情景】") and f.extra["scene"] in it.stem
        key = it.options["ABCD".index(it.answer)]
        assert key == f.key and norm(key) in norm(it.citation.quote)
        assert verify_item(it, corpus) == []
        for w in it.options:
            if w != key:
                assert norm(w) not in norm(it.citation.quote) and not corpus.is_true(f.head, w)
                o = by_key[w]  # (the same article's exception, 可以延长至45个工作日, may co-apply)
                assert o.doc_id != f.doc_id or abs(o.start - f.start) >= 300, (f.head, w)
    assert made >= 20
    ctx.tf_next[0] = True
    tf = make_item(rules[0], TRUE_FALSE, ctx)
    assert tf.answer == TRUE and rules[0].clause in tf.stem and verify_item(tf, corpus) == []
    ctx.tf_next[0] = False
    assert make_item(rules[0], TRUE_FALSE, ctx) is None  # (a swapped consequence may be another article's rule)


def test_scenario_items_appear_on_a_paper_within_their_share(papers, all_rules, kb):
    share = kb.settings.quiz.scenario_share
    ids = {f.fact_id for f in all_rules}
    for quiz in papers.values():
        scen = [it for it in quiz.items if it.stem.startswith("【情景】")]
        assert len(scen) >= 3 and all(it.type == SINGLE for it in scen)
        # (past their share only in the last passes, when the paper would otherwise be short)
        assert len([it for it in quiz.items if it.fact_id in ids]) <= int(share * 60) + 5


def test_the_scenario_cap_refuses_rules_once_full(rules, view):
    from assistant.quiz.paper import Caps
    from assistant.settings import QuizSettings

    caps = Caps(20, rules, QuizSettings(scenario_share=0.1), {SINGLE: 20}, view.documents)
    assert caps.rules_max == 2
    taken = 0
    for f in rules:
        if caps.allows(f, SINGLE):
            caps.add(f, SINGLE)
            taken += 1
    assert taken == 2
    caps.lifted = True  # (the last passes of a paper that would be short)
    assert any(caps.allows(f, SINGLE) for f in rules)
    off = Caps(20, rules, QuizSettings(scenario_share=0), {SINGLE: 20}, view.documents)
    off.lifted = True
    assert not any(off.allows(f, SINGLE) for f in rules)  # (switched off stays off)


def test_who_acts_in_a_situation_is_a_fill_in_whose_key_the_stem_does_not_show(view, rules):
    corpus = Corpus(view.documents, view.chunks)
    ctx = Context(view.documents, random.Random(0), "中", [], [], corpus.is_true)
    made = [it for it in (make_item(f, BLANK, ctx) for f in rules) if it is not None]
    assert len(made) >= 10
    for it in made:
        assert it.stem.count("______") == 1 and it.answer not in it.stem.replace("______", "")
        assert norm(it.stem.split("》，", 1)[1].replace("______", it.answer).rstrip("。")) in norm(it.citation.quote)
        assert verify_item(it, corpus) == []
        assert not it.answer.startswith(("有关", "相关", "其"))


def test_a_bodys_duty_is_asked_as_who_carries_it_and_as_written_never_as_a_situation(view, all_rules):
    duties = [f for f in all_rules if f.extra.get("duty")]
    assert len(duties) >= 50
    corpus = Corpus(view.documents, view.chunks)
    ctx = Context(view.documents, random.Random(0), "中", [], [], corpus.is_true)
    for f in duties:
        assert view.documents[f.doc_id].text[f.start:f.end] == f.key == f.clause
        assert view.documents[f.doc_id].meta.get("doc_type") in ("法规", "规范")
        assert make_item(f, SINGLE, ctx) is None
    blanks = [it for it in (make_item(f, BLANK, ctx) for f in duties) if it is not None]
    assert len(blanks) >= 20
    for it in blanks:  # (one body's duty: the rest of the sentence is stated once in the library)
        rest = it.stem.split("______", 1)[1].rstrip("。")
        assert sum(d.text.count(rest) for d in view.documents.values()) == 1
        assert verify_item(it, corpus) == []
    assert not any(it.answer.startswith(("全", "各")) or "的" in it.answer or "任何" in it.answer for it in blanks)
    assert not any(w in it.answer for it in blanks for w in ("和", "及", "或者", "、"))  # (one body: one key)
    assert not any(it.answer.endswith(("人", "员")) for it in blanks)  # (物业使用人's duty binds 业主 too)


def test_a_local_pilots_own_steps_are_not_asked_unless_the_trainer_scopes_to_it(view, kb):
    from assistant.quiz.filters import local_pilot

    pilot = next(d for d, doc in view.documents.items() if "试行" in doc.title and (doc.meta.get("place") or {}).get("province"))
    chunks = [c for c in view.chunks if c.doc_id == pilot]
    facts = gather(view, chunks, None, kb.settings.quiz, {})
    steps = [f for f in facts if f.kind == "steps"]
    assert steps and all(local_pilot(f, view.documents[pilot], None) for f in steps)
    kept, counts = screen(facts, view.documents, kb.settings.quiz)
    assert counts["local_pilot"] >= 1 and not any(f.kind == "steps" for f in kept)
    assert any(f.kind == "rule" for f in kept)  # (its rules — who may not serve — are still asked)
    kept, _ = screen(facts, view.documents, kb.settings.quiz, scoped=True)
    assert any(f.kind == "steps" for f in kept)
    national = next(d for d, doc in view.documents.items() if "试行" in doc.title and not (doc.meta.get("place") or {}).get("province"))
    assert not any(local_pilot(f, view.documents[national], None) for f in gather(
        view, [c for c in view.chunks if c.doc_id == national], None, kb.settings.quiz, {}))


def test_a_long_complete_key_does_not_blow_up_the_answer_lines():
    from assistant.quiz.export import MAX_LINES_PER_POINT, answer_lines
    from assistant.quiz.model import QuizItem
    from assistant.types import Citation

    cite = Citation(1, "c", "d", "t", "", "q", 0, 1)
    long_key = QuizItem(SHORT, "s", "甲" * 960, "e", cite, points=["p"] * 4, check={"key": ["k"] * 4})
    assert answer_lines(long_key) == MAX_LINES_PER_POINT * 4  # (37 lines before)
    short_key = QuizItem(SHORT, "s", "甲" * 40, "e", cite, points=["p"] * 3, check={"key": ["k"] * 3})
    assert answer_lines(short_key) == 6
