"""Quiz fact filters and item forms on small real excerpts of the bundled corpus: for each
failure kind a trainer's review found, an input that used to make a bad item and no longer
does, and a good item of the same shape that survives. No index needed."""
from __future__ import annotations

import dataclasses
import random
from datetime import date

from assistant.quiz import facts as F
from assistant.quiz import filters as FL
from assistant.quiz import numbers
from assistant.quiz.generate import Context, make_item, ref
from assistant.quiz.lists import list_facts, section_facts, trim_items
from assistant.quiz.model import BLANK, MULTI, SINGLE, TRUE_FALSE
from assistant.quiz.overlap import near_dup as _near_dup
from assistant.quiz.verify import Corpus, verify_item
from assistant.settings import QuizSettings
from ingest.model import Chunk, Document

TODAY = date(2026, 1, 1)
RULE = {"doc_type": "法规", "place": {}}


def _doc(doc_id: str, text: str, meta: dict | None = None, title: str = "测试文件") -> Document:
    return Document(doc_id, title, text, {**RULE, **(meta or {})})


def _facts(*docs: Document, **kw) -> tuple[list[F.Fact], dict[str, Document], list[Chunk]]:
    by_id = {d.doc_id: d for d in docs}
    chunks = [Chunk.make(d.doc_id, d.text, 0, len(d.text)) for d in docs]
    sents = F.sentences(by_id, chunks)
    return F.number_facts(sents, **kw) + list_facts(sents), by_id, chunks


def _ctx(docs: dict[str, Document], chunks: list[Chunk], seed: int = 0, pool=None, items=None) -> Context:
    corpus = Corpus(docs, chunks)
    nums = pool if pool is not None else [n for d in docs.values() for n in numbers.find(d.text)]
    return Context(docs, random.Random(seed), "中", nums, items or [], corpus.is_true)


def _claims(facts: list[F.Fact]) -> list[str]:
    return [f.clause for f in facts if f.kind == "number"]


# ---- 1. table residue ---------------------------------------------------------------------
TEKUN_TABLE = ("第四章 审核确认\n方面 主体 时间\n申请 本人/委托村居委或他人代为/可主动告知、主动帮助申请\n"
               "意见公示 乡镇人民政府（街道办事处） 申请人所在村（社区）公示；公示期 7 天\n"
               "公示异议 乡镇人民政府（街道办事处） 重新组织调查，15工作日提出初审意见，重新公示\n"
               "第十三条 乡镇人民政府（街道办事处）应当自受理申请之日起15个工作日内，通过入户调查、邻里访问等方式"
               "进行调查核实，并提出初审意见。")


def test_table_rows_never_become_stems_the_article_does():
    facts, docs, _ = _facts(_doc("tekun", TEKUN_TABLE))
    kept, counts = FL.screen(facts, docs, QuizSettings(), today=TODAY)
    assert counts["table_row"] >= 1
    assert all("公示异议" not in f.clause and "本人/" not in f.clause for f in kept)
    assert any(c.startswith("乡镇人民政府（街道办事处）应当自受理申请之日起15个工作日内") for c in _claims(kept))


def test_prose_with_a_blank_in_a_title_is_not_a_table():
    text = "根据《中共中央 国务院关于推动城市高质量发展的意见》，居民会议每年至少召开一次。"
    facts, docs, _ = _facts(_doc("sh", text))
    assert facts and not any(FL.table_row(f, docs["sh"], TODAY) for f in facts)


# ---- 2. leading markers -------------------------------------------------------------------
def test_markers_stripped_however_many_and_verifier_refuses_them():
    facts, docs, chunks = _facts(_doc("jw", "第五条 ②居民会议每年至少召开一次。\n（一）每组调查人员不得少于2人。"))
    assert sorted(_claims(facts)) == ["居民会议每年至少召开一次", "每组调查人员不得少于2人"]
    item = make_item(facts[0], TRUE_FALSE, _ctx(docs, chunks))
    corpus = Corpus(docs, chunks)
    assert verify_item(item, corpus) == []
    bad = dataclasses.replace(item, stem=item.stem.replace("，", "，③", 1))
    assert "题干以序号开头" in verify_item(bad, corpus)


# ---- 3. stems without their context -------------------------------------------------------
def test_clause_keeps_its_main_clause_or_is_dropped():
    text = ("经20%以上的业主提议，业主委员会应当组织召开业主大会临时会议。特殊情况下，可以延长至45个工作日。"
            "特困人员生活自理能力发生变化的，本人、照料服务人、村（居）民委员会或者供养服务机构应当通过乡镇人民政府"
            "（街道办事处）及时报告县级人民政府民政部门，县级人民政府民政部门应当自接到报告之日起10个工作日内组织复核"
            "评估，并根据评估结果及时调整特困人员生活自理能力认定类别。居民会议每年至少召开一次。")
    dropped: dict[str, int] = {}
    facts, _, _ = _facts(_doc("wy", text), dropped=dropped)
    claims = _claims(facts)
    assert "经20%以上的业主提议，业主委员会应当组织召开业主大会临时会议" in claims
    assert not any("45个工作日" in c or "10个工作日" in c for c in claims)
    assert dropped["no_context"] == 2 and "居民会议每年至少召开一次" in claims


def test_lacks_context_reads_conditions_and_anaphora():
    assert F.lacks_context("发生公示有异议等特殊情况的，可以延长至45个工作日")
    assert F.lacks_context("根据居民意见，也可以由每个居民小组推选代表2至3人选举产生")
    assert not F.lacks_context("集体财务往来较多的，财务收支情况应当每月公布一次")


# ---- 4. trivia ----------------------------------------------------------------------------
def _one(text: str, meta: dict | None = None) -> tuple[F.Fact, Document]:
    facts, docs, _ = _facts(_doc("d", text, meta))
    return facts[0], docs["d"]


def test_trivia_signals():
    assert FL.rate_target(*_one("物业服务企业一次维修合格率不低于98%。"), TODAY)
    assert not FL.rate_target(*_one("60周岁以上低保对象，补贴金额为租赁服务价格的70%。"), TODAY)
    assert FL.facility_size(*_one("社区卫生服务中心建筑面积不少于1000平方米。"), TODAY)
    assert FL.operational_spec(*_one("公共道路每日清扫2次以上。"), TODAY)
    assert not FL.operational_spec(*_one("居民会议每年至少召开一次。"), TODAY)
    report = {"doc_type": "汇报材料"}
    assert FL.report_statistic(*_one("社区党委每年组织大型志愿者服务活动在6次以上。", report), TODAY)
    assert not FL.report_statistic(*_one("社区党委每年组织大型志愿者服务活动在6次以上。"), TODAY)
    assert not FL.report_statistic(*_one("社区“两委”干部每年应当参加培训不少于3天。", report), TODAY)


def test_expired_target_reads_the_heading_lines_before():
    old = "（三）发展目标。\n到2020年，全面建成养老服务体系。\n60%以上的农村社区建立社区综合服务设施。"
    assert FL.expired_target(*_one(old), TODAY)
    assert not FL.expired_target(*_one(old.replace("2020", "2030")), TODAY)


def test_local_labels_and_attribution_only_when_scoped():
    text = "责任区、居民区、街道“三站式”上下联动的群众诉求回应解决平台。"
    facts, docs, _ = _facts(_doc("case", text, {"doc_type": "案例"}))
    lists = [f for f in facts if f.kind == "list"]
    assert lists and FL.screen(lists, docs, QuizSettings(), today=TODAY)[0] == []
    assert FL.screen(lists, docs, QuizSettings(), scoped=True, today=TODAY)[0] == lists
    assert FL.screen(lists, docs, QuizSettings(disabled=("local_brand",)), today=TODAY)[0] == lists


# ---- 5. anonymised sources ----------------------------------------------------------------
def test_anonymised_documents_are_not_rules():
    f, d = _one("社区党委每年应当召开党员大会不少于2次。**社区书记张某介绍了经验。")
    assert FL.anonymised(f, d, TODAY)
    f, d = _one("社区党委每年应当召开党员大会不少于2次。", {"place": {"province": "四川省", "city": "xxx"}})
    assert FL.anonymised(f, d, TODAY)
    assert not FL.anonymised(*_one("社区党委每年应当召开党员大会不少于2次。"), TODAY)


# ---- 6. self-revealing options ------------------------------------------------------------
def test_list_items_lose_a_leading_verb_and_distractors_take_the_keys_form():
    assert trim_items(("推进落实派出所", "司法所", "律所")) == ("派出所", "司法所", "律所")
    assert trim_items(("即公示率提升", "履约率提升", "投诉率下降")) == ("公示率提升", "履约率提升", "投诉率下降")
    good = ("思想政治素质好", "社会管理能力强", "群众工作能力强")
    assert trim_items(good) == good
    text = "推进落实派出所、司法所、律所“三所联动”机制，深入推进社区巡回审判。"
    facts, docs, chunks = _facts(_doc("wz", text))
    fact = next(f for f in facts if f.kind == "list")
    pool = [("“三方联动”", "物业服务企业"), ("“四化驱动”", "精细化管理"), ("“两站”", "综治站"),
            ("“四所”", "财政所"), ("“两所”", "卫生所"), ("“一厅”", "服务大厅")]
    item = make_item(fact, MULTI, _ctx(docs, chunks, items=pool))
    assert item and all(o.endswith("所") for o in item.options)


def test_number_distractors_as_round_as_the_key():
    key = numbers.find("一般在100户至700户的范围内设立，辖区700户。")[-1]
    pool = numbers.find("共有452户、2573户、500户、900户居民。")
    for seed in range(10):
        alts = numbers.alternatives(key, pool, random.Random(seed), 3, "中")
        assert not {"452户", "2573户"} & set(alts) and len(alts) == 3


# ---- 7. confusing false statements --------------------------------------------------------
def test_replacement_number_never_another_figure_of_the_source():
    text = "低保审核确认工作应当自受理之日起30个工作日之内完成；特殊情况下，可以延长至45个工作日。"
    facts, docs, chunks = _facts(_doc("db", text))
    fact = next(f for f in facts if f.key == "30个工作日")
    for seed in range(12):
        ctx = _ctx(docs, chunks, seed)
        ctx.tf_next[0] = False
        tf, sc = make_item(fact, TRUE_FALSE, ctx), make_item(fact, SINGLE, _ctx(docs, chunks, seed))
        assert "45个工作日" not in tf.stem and "45个工作日" not in sc.options


# ---- 8. fill-in numerals ------------------------------------------------------------------
def test_fill_in_accepts_arabic_and_chinese_numerals():
    facts, docs, chunks = _facts(_doc("jw", "居民会议每年至少召开一次。每组调查人员不得少于2人。"))
    once, two = (make_item(f, BLANK, _ctx(docs, chunks)) for f in facts)
    assert once.accepts("一") and once.accepts("1") and not once.accepts("2")
    assert all(two.accepts(x) for x in ("2", "二", "两")) and not two.accepts("3")
    assert "1" in once.answer_text()


# ---- 9. duplicates ------------------------------------------------------------------------
def test_one_fact_one_item_across_types_and_documents():
    bj = _doc("bj", "业主大会定期会议应当按照业主大会议事规则的规定召开，每年至少召开一次。", {"place": {"province": "北京市"}})
    sh = _doc("sh", "业主大会会议每年至少召开一次，可以采用集体讨论和书面征求意见等形式。", {"place": {"province": "上海市"}})
    jw = _doc("jw", "居民会议每年至少召开一次。")
    facts, docs, chunks = _facts(bj, sh, jw)
    by = {f.doc_id: f for f in facts}
    ctx = _ctx(docs, chunks)
    first = make_item(by["bj"], SINGLE, ctx)
    assert _near_dup(make_item(by["bj"], BLANK, ctx), [first])  # the same fact as another type
    assert _near_dup(make_item(by["sh"], BLANK, ctx), [first])  # the same rule from another document
    assert not _near_dup(make_item(by["jw"], BLANK, ctx), [first])  # another body's rule


# ---- 10. local rules name their place -----------------------------------------------------
def test_local_rules_name_their_place_national_ones_do_not():
    hn = Document("hn", "河南省实施《中华人民共和国城市居民委员会组织法》办法", "",
                  {"doc_type": "法规", "place": {"province": "河南省"}})
    sh = Document("sh", "关于印发《关于完善本市住宅小区业主大会、业主委员会规范化建设的实施意见》的通知", "",
                  {"doc_type": "通知", "place": {}, "issuer": "上海市房屋管理局"})
    gw = Document("gw", "物业管理条例", "", {"doc_type": "法规", "place": {}, "issuer": "国务院"})
    assert ref(hn) == "根据《河南省实施〈中华人民共和国城市居民委员会组织法〉办法》，"
    assert ref(sh) == "根据上海市房屋管理局《关于完善本市住宅小区业主大会、业主委员会规范化建设的实施意见》，"
    assert ref(gw) == "根据《物业管理条例》，"


def test_section_measures_make_short_answer_material():
    text = ("三、加强低收入人口动态监测\n（一）完善低收入人口数据库。各地民政部门要以县为单位采集辖区内低收入人口信息。\n"
            "（二）加强动态监测。各地要及时、主动发现需要救助的困难群众。\n"
            "（三）分类处置预警信息。各地民政部门发现救助政策落实不到位的，要尽快落实。")
    doc = _doc("ds", text, {"doc_type": "意见"})
    heads = ["三、加强低收入人口动态监测"]
    spans = [(text.index(h), h) for h in ("（一）", "（二）", "（三）")]
    chunks = []
    for i, (s, _) in enumerate(spans):
        e = spans[i + 1][0] - 1 if i + 1 < len(spans) else len(text)
        leaf = text[s:text.index("。", s)]
        chunks.append(Chunk.make("ds", text[s:e], s, e, (*heads, leaf)))
    facts = section_facts({"ds": doc}, chunks)
    assert len(facts) == 1 and facts[0].head == "加强低收入人口动态监测"
    assert facts[0].items == ("完善低收入人口数据库", "加强动态监测", "分类处置预警信息")
    assert all(facts[0].details)


def test_a_section_list_with_a_part_missing_is_not_asked():
    """（二） has sub-items of its own, so its chunks sit under a deeper section: a key built
    from （一）（三）（四） would leave it out, so no item is made."""
    text = ("四、做好分层分类社会救助工作\n（一）扎实做好基本生活救助。对符合条件的低收入人口给予基本生活救助。\n"
            "（二）完善专项社会救助\n1.医疗救助。对特困人员参保给予全额资助。\n"
            "（三）加强急难社会救助。对遭遇突发困难的人员及时救助。\n"
            "（四）积极发展服务类社会救助。鼓励各地通过政府购买服务提供照料服务。")
    doc = _doc("sj", text, {"doc_type": "意见"})
    head = "四、做好分层分类社会救助工作"
    chunks = []
    for mark, deeper in (("（一）", None), ("（二）", "1.医疗救助"), ("（三）", None), ("（四）", None)):
        s = text.index(mark)
        nxt = [text.index(m) for m in ("（一）", "（二）", "（三）", "（四）") if text.index(m) > s]
        e = (nxt[0] - 1) if nxt else len(text)
        leaf = text[s:e].split("\n")[0].split("。")[0]
        path = (head, leaf, deeper) if deeper else (head, leaf)
        start = text.index(deeper, s) if deeper else s
        chunks.append(Chunk.make("sj", text[start:e], start, e, path))
    assert section_facts({"sj": doc}, chunks) == []


def test_the_settings_name_every_filter_and_no_other():
    from assistant.quiz.filters import FILTERS
    from assistant.settings import QUIZ_FILTERS

    assert set(QUIZ_FILTERS) == set(FILTERS) | {"no_context"}
