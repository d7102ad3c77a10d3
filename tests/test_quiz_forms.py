"""The second trainer review's failure kinds, each on a small real excerpt of the bundled
corpus: fill-in keys in every equivalent spelling, options that give the key away by their
form, two places' rules of one shape in one paper, short-answer points that only restate
their name or stop at a condition, trivia signals, and the spread caps of a paper."""
from __future__ import annotations

import random
from datetime import date

from assistant.quiz import facts as F
from assistant.quiz import filters as FL
from assistant.quiz import numbers
from assistant.quiz.generate import Context, make_item
from assistant.quiz.lists import _step_detail, informative, list_facts
from assistant.quiz.model import BLANK, MULTI, SINGLE, QuizItem
from assistant.quiz.overlap import near_dup as _near_dup
from assistant.quiz.paper import Caps
from assistant.quiz.verify import Corpus, form_giveaway
from assistant.settings import QuizSettings
from ingest.model import Chunk, Document

TODAY = date(2026, 11, 26)


def _doc(doc_id: str, text: str, meta: dict | None = None, title: str = "测试文件") -> Document:
    return Document(doc_id, title, text, {"doc_type": "法规", "place": {}, **(meta or {})})


def _numbers(*docs: Document) -> tuple[list[F.Fact], dict, list[Chunk]]:
    by_id = {d.doc_id: d for d in docs}
    chunks = [Chunk.make(d.doc_id, d.text, 0, len(d.text)) for d in docs]
    sents = F.sentences(by_id, chunks)
    return F.number_facts(sents) + list_facts(sents), by_id, chunks


def _ctx(docs, chunks, items=None) -> Context:
    corpus = Corpus(docs, chunks)
    nums = [n for d in docs.values() for n in numbers.find(d.text)]
    return Context(docs, random.Random(0), "中", nums, items or [], corpus.is_true)


# ---- fill-in keys: every spelling of the figure ---------------------------------------------
def test_fill_in_keys_accept_equivalent_numerals():
    assert {"100", "一百"} <= set(numbers.spellings("100"))
    assert {"20000", "2万", "两万", "二万"} <= set(numbers.spellings("20000"))
    assert {"2至3", "2-3", "2～3", "二至三", "两至三", "两到三"} <= set(numbers.spellings("2至3"))
    text = "居民会议可以由全体18周岁以上的居民或者每户派代表参加，也可以由每个居民小组选举代表2至3人参加。"
    facts, docs, chunks = _numbers(_doc("hn", text))
    item = make_item(next(f for f in facts if f.key == "2至3人"), BLANK, _ctx(docs, chunks))
    assert all(item.accepts(x) for x in ("2至3", "二至三", "两到三", "2-3")) and not item.accepts("3至5")


# ---- options that give the key away by form -------------------------------------------------
def _choice(options: list[str], answer: str, kind: str = MULTI, check: dict | None = None) -> QuizItem:
    return QuizItem(kind, "下列各项中，属于“两升一降”内容的有哪些？", answer, "原文", None, options, check=check or {})


def test_keys_of_one_form_against_distractors_of_another_are_refused():
    # the review's item: three “…率提升/下降” keys against two nouns
    assert form_giveaway(_choice(["公示率提升", "社会公益服务", "履约率提升", "承诺公示", "投诉率下降"], "ACE"))
    assert form_giveaway(_choice(["思想政治素质好", "社区社会组织", "社会管理能力强", "群众工作能力强", "社会公益服务"], "ACD"))
    assert not form_giveaway(_choice(["派出所", "司法所", "卫生所", "律所", "财政所"], "ABD"))
    assert not form_giveaway(_choice(["一次", "两次", "三次", "四次"], "A", SINGLE))
    # one key: judged with its whole list, all “…率…”, against three nouns of other lists
    whole = {"all": ["公示率提升", "履约率提升", "投诉率下降"]}
    assert form_giveaway(_choice(["居民公约", "承诺公示", "公示率提升", "社会公益服务"], "C", SINGLE, whole))
    assert not form_giveaway(_choice(["居民公约", "承诺公示", "公示率提升", "社会公益服务"], "C", SINGLE))


def test_a_share_of_one_hundred_percent_is_not_asked_nor_offered():
    text = "特色类社区内100%无新增违法建筑和户外广告设施。业主大会会议应当有物业管理区域内专有部分占建筑物总面积过半数的业主参加，经百分之二十以上的业主提议可召开临时会议，提议比例为20%以上。"
    facts, docs, _ = _numbers(_doc("sh", text, {"doc_type": "通知"}))
    whole = next(f for f in facts if f.key == "100%")
    assert FL.whole_share(whole, docs["sh"], TODAY)
    pool = numbers.find("覆盖率100%，比例90%、80%、30%")
    key = next(n for n in numbers.find("经20%以上的业主提议") if n.unit == "%")
    for seed in range(10):
        assert "100%" not in numbers.alternatives(key, pool, random.Random(seed), 3, "中")


# ---- one rule's shape twice with different figures ------------------------------------------
def test_two_places_rules_of_one_shape_are_not_both_asked():
    sh = _doc("sh", "居民会议每年至少召开一次。", {"place": {"province": "上海市"}})
    hn = _doc("hn", "居民会议每年至少举行2次。", {"place": {"province": "河南省"}})
    other = _doc("jw", "每组调查人员不得少于2人。")
    facts, docs, chunks = _numbers(sh, hn, other)
    by = {f.doc_id: f for f in facts}
    ctx = _ctx(docs, chunks)
    first = make_item(by["sh"], SINGLE, ctx)
    assert _near_dup(make_item(by["hn"], BLANK, ctx), [first])
    assert not _near_dup(make_item(by["jw"], BLANK, ctx), [first])


# ---- short-answer points that say something -------------------------------------------------
def test_a_point_that_restates_its_name_or_stops_at_a_condition_is_widened():
    limits = ("各地要明确低保审核确认的办理期限，包括启动家庭经济状况调查、启动信息核对、乡镇人民政府（街道办事处）提出初审"
              "意见、县级人民政府民政部门审核确认等各环节的具体办理期限。低保审核确认工作应当自受理之日起30个工作日之内完成；")
    assert not informative("各地要明确低保审核确认的办理期限", "明确办理期限")
    assert not informative("形成问题地图", "问题地图")
    detail = _step_detail(limits, "", name="明确办理期限")
    assert informative(detail, "明确办理期限") and "启动家庭经济状况调查" in detail
    huji = ("共同生活的家庭成员户籍所在地不在同一省（自治区、直辖市）的，可以由其中一个户籍所在地与经常居住地一致的家庭"
            "成员向其户籍所在地提出低保申请或者低保边缘家庭认定申请；")
    assert not informative("共同生活的家庭成员户籍所在地不在同一省（自治区、直辖市）的", "优化非本地户籍人员救助申请程序")
    assert _step_detail(huji, "", name="优化非本地户籍人员救助申请程序").endswith("低保边缘家庭认定申请")


# ---- trivia signals -------------------------------------------------------------------------
def _one(text: str, meta: dict | None = None, title: str = "测试文件") -> tuple[F.Fact, Document]:
    facts, docs, _ = _numbers(_doc("d", text, meta, title))
    return facts[0], docs["d"]


def test_awards_weights_targets_standards_and_old_policy_figures_are_trivia():
    assert FL.award_or_weight(*_one("特色评估为党建引领执行情况，由居民区党组织评估，占评估总分20%。"), TODAY)
    assert FL.award_or_weight(*_one("1.星级业委会奖励：给予每个五星业委会10000元。"), TODAY)
    assert not FL.award_or_weight(*_one("每组调查人员不得少于2人。"), TODAY)
    assert FL.dated_target(*_one("到2027年底，确保新增建成特色类完整社区15个以上。"), TODAY)
    std = "新时代城市建设者管理者之家物业服务规范指南"
    assert FL.service_standard(*_one("每年举行3次以上社区公益活动或社区文体活动。", title=std), TODAY)
    old = {"doc_type": "意见", "date": "2013-09-06"}
    assert FL.old_policy(*_one("要将50%以上的资金用于支持发展养老服务业。", old), TODAY)
    assert not FL.old_policy(*_one("要将50%以上的资金用于支持发展养老服务业。", {"date": "2013-09-06"}), TODAY)
    undated = "到2020年，全面建成以居家为基础的养老服务体系。要将50%以上的资金用于支持发展养老服务业。"
    f, d = _one(undated, {"doc_type": "意见"})
    assert FL.old_policy(next(x for x in _numbers(d)[0] if x.key == "50%"), d, TODAY)
    assert not FL.old_policy(f, _doc("d", undated.replace("2020", "2030"), {"doc_type": "意见"}), TODAY)
    f, d = _one("社区工作运行经费不少于30元/户。", {"doc_type": "规范"})
    assert FL.unissued_norm(f, d, TODAY)
    assert not FL.unissued_norm(f, _doc("d", d.text, {"doc_type": "规范", "issuer": "民政部"}), TODAY)


def test_higher_bodies_and_paperwork_articles_are_not_asked():
    def art(head):
        return F.Fact("article", "d", "", 0, 1, "", head=head, items=("甲项内容", "乙项内容", "丙项内容"))
    doc = _doc("d", "x")
    assert FL.higher_authority(art("市住房和城乡建设主管部门履行下列职责："), doc, TODAY)
    assert not FL.higher_authority(art("乡镇人民政府和街道办事处负责具体组织实施下列居家养老服务工作："), doc, TODAY)
    assert FL.paperwork(art("在办理物业承接验收手续时，建设单位应当向物业服务企业移交下列资料："), doc, TODAY)
    assert not FL.paperwork(art("居民委员会的任务："), doc, TODAY)


# ---- spread caps ----------------------------------------------------------------------------
def test_caps_spread_a_paper_over_documents_figures_and_keys():
    text = ("居民会议每年至少召开一次。民主评议每年至少进行一次。村民代表会议每季度召开一次。每组调查人员不得少于2人。"
            "应当自受理之日起30个工作日之内完成。应当在10个工作日内完成记录。")
    facts, _, _ = _numbers(_doc("a", text), _doc("b", "每组调查人员不得少于2人。"))
    qs = QuizSettings(doc_share=0.2, number_share=0.5, same_key=2)
    caps = Caps(10, facts, qs, {SINGLE: 10})
    assert caps.per_doc == 5 and caps.numbers == {SINGLE: 5}
    taken = []
    for f in facts:
        if caps.allows(f, SINGLE):
            caps.add(f, SINGLE)
            taken.append(f)
    assert sum(f.key == "一次" for f in taken) == 1  # one document's figure once
    assert len([f for f in taken if f.doc_id == "a"]) <= 5 and len(taken) <= 5
    caps.lifted = True  # the last passes: every cap but the key caps is lifted (one document's figure once, too)
    assert all(caps.allows(f, SINGLE) == (caps.keys.get((SINGLE, f.key), 0) < 2 and (f.doc_id, f.key) not in caps.keys)
               for f in facts)
    caps.add(next(f for f in facts if f.key == "一次"), SINGLE)
    assert not any(caps.allows(f, SINGLE) for f in facts if f.key == "一次")


# ---- one passage, one item ------------------------------------------------------------------
def test_an_articles_count_and_its_items_are_one_passage():
    text = ("第二十一条 特困人员生活自理能力，一般依据以下6项指标综合评估：\n（一）自主吃饭；\n（二）自主穿衣；\n"
            "（三）自主上下床；\n（四）自主如厕；\n（五）室内自主行走；\n（六）自主洗澡。\n")
    facts, docs, chunks = _numbers(_doc("tk", text))
    count = next(f for f in facts if f.key == "6项")
    assert FL.list_count(count, docs["tk"], TODAY)
    assert not FL.list_count(*_one("每组调查人员不得少于2人。"), TODAY)
    from assistant.quiz.articles import article_facts
    from assistant.quiz.model import SHORT
    ctx = _ctx(docs, chunks)
    listed = make_item(article_facts(docs, chunks)[0], SHORT, ctx)
    assert _near_dup(make_item(count, SINGLE, ctx), [listed])  # overlapping quotes


def test_a_false_statement_whose_swapped_item_has_another_form_is_refused():
    text = "围绕“两升一降”目标，即公示率提升、履约率提升、投诉率下降。坚持承诺公示、社会公益服务。"
    facts, docs, chunks = _numbers(_doc("wy", text, {"doc_type": "通知"}))
    fact = next(f for f in facts if f.kind == "list")
    corpus = Corpus(docs, chunks)
    from assistant.quiz.model import TRUE_FALSE
    from assistant.quiz.verify import verify_item

    def false_item(pool):
        ctx = _ctx(docs, chunks, items=pool)
        ctx.tf_next[0] = False
        return make_item(fact, TRUE_FALSE, ctx)
    giveaway = false_item([("“两个坚持”", "社会公益服务")])
    assert giveaway.check["wrong"] == ["社会公益服务"] and "替换项形式暴露答案" in verify_item(giveaway, corpus)
    fair = false_item([("“三率”", "达标率提升")])
    assert fair.check["wrong"] == ["达标率提升"] and verify_item(fair, corpus) == []
