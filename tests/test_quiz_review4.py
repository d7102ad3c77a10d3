"""The fourth trainer review's failure kinds, each on a small real excerpt of the bundled
corpus: one place's figure or slogan asked as a rule, a 判断 that denies, 简答 stems without
their count, catch-all clauses as scoring points, 要义 that only restate a heading, and
options whose form tells the key."""
from __future__ import annotations

from types import SimpleNamespace

from assistant.quiz import facts as F
from assistant.quiz import local
from assistant.quiz.filters import screen
from assistant.quiz.lists import list_facts
from assistant.settings import QuizSettings
from ingest.model import Chunk, Document

BJ_OWNERS = ("业主大会定期会议应当按照业主大会议事规则的规定召开，每年至少召开一次。"
             "业主委员会定期会议应当按照业主大会议事规则的规定召开，至少每两个月召开一次。")


def _place(province: str) -> dict:
    return {"doc_type": "法规", "place": {"province": province}, "issuer": f"{province}人民代表大会常务委员会"}


def _marked(*docs: Document):
    by_id = {d.doc_id: d for d in docs}
    chunks = [Chunk.make(d.doc_id, d.text, 0, len(d.text)) for d in docs]
    sents = F.sentences(by_id, chunks)
    facts = F.number_facts(sents) + list_facts(sents)
    qs = QuizSettings()
    local.mark(facts, by_id, local.Statements(SimpleNamespace(documents=by_id, chunks=chunks)), qs)
    kept, counts = screen(facts, by_id, qs)
    return facts, kept, counts


def _gathered(kb, *doc_ids):
    """Facts of whole bundled documents, marked against the whole corpus, and those screened in."""
    from assistant.library import view_of
    from assistant.quiz.builder import gather

    v = view_of(kb)
    facts = gather(v, [c for c in v.chunks if c.doc_id in doc_ids], None, v.settings.quiz, {})
    kept, counts = screen(facts, v.documents, v.settings.quiz)
    return facts, kept, counts


def test_two_places_figures_for_one_rule_are_both_dropped(kb):
    facts, kept, counts = _gathered(kb, "reg_henan_juweihui.md", "reg_sh_juweihui.md")
    meetings = [f for f in facts if f.kind == "number" and f.clause.startswith("居民会议每年")]
    assert {f.key for f in meetings} == {"2次", "一次"}
    assert all(f.extra["elsewhere"] == local.DIFFERS for f in meetings)
    assert not any(f.clause.startswith("居民会议每年") for f in kept) and counts["local_figure"] >= 2


def test_a_local_figure_another_document_states_alike_is_kept_one_only_here_is_not(kb):
    facts, kept, _ = _gathered(kb, "reg_bj_wuye_2024.md")
    yearly = next(f for f in facts if f.kind == "number" and f.clause.startswith("业主大会定期会议"))
    assert yearly.extra["elsewhere"] == local.SAME and yearly in kept  # (上海's 业主大会会议每年至少召开一次)
    bimonthly = [f for f in facts if f.kind == "number" and "两个月" in f.clause]
    assert bimonthly and all(f.extra["elsewhere"] == "" and f not in kept for f in bimonthly)
    reception = _gathered(kb, "opinion_sh_yezhu_dahui_guifanhua_2026.md")[0]
    assert [f.extra["elsewhere"] for f in reception if f.kind == "number" and "接待日" in f.clause] == [""]


def test_a_national_figure_is_never_marked_nor_dropped():
    nat = Document("nat", "物业管理条例", BJ_OWNERS, {"doc_type": "法规", "place": {}, "issuer": "国务院"})
    facts, kept, counts = _marked(nat)
    assert facts and all("elsewhere" not in f.extra for f in facts) and counts["local_figure"] == 0


def test_a_local_slogan_only_its_own_text_names_is_dropped_a_shared_one_kept(kb):
    facts, kept, _ = _gathered(kb, "plan_sh_wanzheng_shequ_2025.md", "plan_sh_wuye_fuwu_tisheng_2025.md")
    names = {f.head: f for f in facts if f.kind == "list"}
    shared = next(f for h, f in names.items() if "三所联动" in h)  # (also in the 物业提质增效 opinion)
    assert shared.extra["elsewhere"] == local.SAME and shared in kept
    alone = next(f for h, f in names.items() if "两升一降" in h)
    assert alone.extra["elsewhere"] == "" and alone not in kept


# ---- 简答: the count in the stem, no catch-all point, 要义 the source's substance ----------------
WUYE_15 = ("第十五条 业主委员会执行业主大会的决定事项，履行下列职责：\n(一)召集业主大会会议，报告物业管理的实施情况；\n"
           "(二)代表业主与业主大会选聘的物业服务企业签订物业服务合同；\n"
           "(三)及时了解业主、物业使用人的意见和建议，监督和协助物业服务企业履行物业服务合同；\n"
           "(四)监督管理规约的实施；\n(五)业主大会赋予的其他职责。\n")


def test_a_catch_all_clause_is_neither_a_scoring_point_nor_counted():
    from assistant.quiz import articles as A
    from assistant.quiz.generate import make_item
    from assistant.quiz.model import SHORT
    from assistant.quiz.verify import verify_item
    from tests.test_quiz_articles import _setup

    facts, ctx, corpus = _setup(("wy", "物业管理条例", WUYE_15))
    item = make_item(facts[0], SHORT, ctx)
    assert len(facts[0].items) == 5 and len(item.points) == 4 and item.need == 4 and item.score == 4
    assert not any("其他职责" in p for p in item.points) and "其他职责" not in item.answer
    assert "4项具体职责" in item.stem or "共4项" in item.stem
    assert "不计分" in item.explanation and verify_item(item, corpus) == []
    assert A.CATCH_ALL.search("法律法规规定的其他权利") and A.CATCH_ALL.search("其他应当计入家庭收入的项目")
    assert not A.CATCH_ALL.search("占用业主共有的道路或者其他场地用于停放汽车的车位")  # a concrete item


def _part(kb, doc_id: str, head: str):
    from assistant.library import view_of
    from assistant.quiz.lists import section_facts

    v = view_of(kb)
    facts = section_facts(v.documents, [c for c in v.chunks if c.doc_id == doc_id], v.settings.quiz.point_chars)
    return v, next(f for f in facts if f.head == head)


def test_a_points_gist_is_the_sources_substance_whole_and_short(kb):
    _, limits = _part(kb, "notice_dibao_doudi.md", "优化规范办理流程")
    gist = dict(zip(limits.items, limits.details))["明确办理期限"]
    assert "30个工作日" in gist and not gist.startswith("各地要明确")  # not the heading said again
    _, measures = _part(kb, "opinion_linshi_jiuzhu.md", "完善政策措施")
    for item, detail in zip(measures.items, measures.details):
        assert detail and len(detail) <= max(2 * 80, kb.settings.quiz.point_whole), item  # (point_chars, and up
        # to as much again for what the heading names (lists._cover), or the whole explanation (lists.whole_point))
    steps = dict(zip(measures.items, measures.details))["优化审核审批程序"]
    assert steps.startswith("对于急难型临时救助") and "先行救助" in steps and not steps.endswith("情形")


def test_a_parts_short_answer_says_its_count_and_cites_the_part(kb):
    import random

    from assistant.quiz.generate import Context, short_item
    from assistant.quiz.verify import corpus_of

    v, fact = _part(kb, "notice_dibao_doudi.md", "优化规范办理流程")
    ctx = Context(v.documents, random.Random(0), "中", [], [], corpus_of(v).is_true)
    item = short_item(fact, ctx, fact.extra["section"])
    assert "（共3个方面）" in item.stem
    assert item.source_label().endswith("（四、优化规范办理流程）")


# ---- options whose surface tells the key ---------------------------------------------------------
BJ_46_53 = ("第四十六条 业主委员会委员有下列情形之一的，委员资格自情形发生之日起自然终止，由业主委员会向业主公示，"
            "并提请业主大会确认：\n（一）不再是本物业管理区域内业主；\n（二）以书面形式向业主委员会提出辞职；\n"
            "（三）因健康等原因无法履行职责且未提出辞职。\n"
            "第五十三条 有下列情形之一的，可以组建物业管理委员会：\n（一）不具备成立业主大会条件；\n"
            "（二）具备成立业主大会条件，但是确有困难未成立；\n（三）业主大会成立后，未能选举产生业主委员会。\n")


def test_keys_sharing_a_word_the_wrong_options_lack_are_refused():
    from assistant.quiz.generate import make_item
    from assistant.quiz.model import LETTERS, MULTI, QuizItem
    from assistant.quiz.verify import form_giveaway, verify_item
    from tests.test_quiz_articles import _setup

    facts, ctx, corpus = _setup(("bj", "北京市物业管理条例", BJ_46_53))
    committee = next(f for f in facts if "物业管理委员会" in f.head)
    keys, wrong = list(committee.items), ["因健康等原因无法履行职责且未提出辞职", "不再是本物业管理区域内业主"]
    opts = [wrong[0], keys[2], keys[1], wrong[1], keys[0]]  # the review's 第11题: B, C, E all say 业主大会
    review = QuizItem(MULTI, "下列各项中，属于该条所列内容的有哪些？", "BCE", "原文：…", None, opts,
                      check={"kind": "list", "key": keys, "wrong": wrong})
    assert "".join(LETTERS[opts.index(k)] for k in sorted(keys, key=opts.index)) == "BCE"
    assert form_giveaway(review)
    item = make_item(committee, MULTI, ctx)  # (its only wrong options are 第四十六条's: no draw hides the form)
    assert item is None or form_giveaway(item) and verify_item(item, corpus)


# ---- yield: a law's written-out figures, an article as a 填空 ------------------------------------
def test_a_laws_written_out_figures_are_figures():
    from assistant.quiz import numbers as N

    found = {n.text: n for n in N.find("居民委员会由主任、副主任和委员共五至九人组成。居民委员会每届任期五年，其成员可以连选连任。"
                                        "应当自名单公布之日起五日内向村民选举委员会申诉")}
    assert set(found) == {"五至九人", "五年", "五日"}
    rng = found["五至九人"]
    assert N.values_of(rng) == (5.0, 9.0) and rng.slot == "几至几人" and rng.render((4.0, 8.0)) == "四至八人"
    assert "5至9" in N.spellings(rng.number) and N.values_in("四至八人") == [4.0, 8.0]
    # counts that are no rule: a decade in passing, one end of a ratio (每五户至十五户推选一人)
    assert N.find("近十年来，社区建设成效明显") == [] and N.find("村民代表由村民按每五户至十五户推选一人") == []


SHEHUI_15 = ("第十五条 特困人员供养的内容包括：\n(一)提供基本生活条件；\n(二)对生活不能自理的给予照料；\n"
             "(三)提供疾病治疗；\n(四)办理丧葬事宜。\n")


def test_an_article_of_short_items_makes_a_fill_in_with_one_item_blank():
    from assistant.quiz.generate import BLANK_MARK, make_item
    from assistant.quiz.model import BLANK
    from assistant.quiz.verify import verify_item
    from tests.test_quiz_articles import TIAOJIE, _setup

    facts, ctx, corpus = _setup(("sj", "社会救助暂行办法", SHEHUI_15))
    item = make_item(facts[0], BLANK, ctx)
    assert item.stem.count(BLANK_MARK) == 1 and item.answer in facts[0].items and item.answer not in item.stem
    assert item.stem.startswith("《社会救助暂行办法》第十五条规定：“特困人员供养的内容包括：")
    assert verify_item(item, corpus) == []
    facts, ctx, _ = _setup(("tj", "中华人民共和国人民调解法", TIAOJIE))
    principles = next(f for f in facts if "原则" in f.head)  # clauses, not terms: no fill-in
    assert make_item(principles, BLANK, ctx) is None


def test_a_higher_bodys_duties_lend_no_wrong_options():
    from assistant.quiz import articles as A
    from ingest.model import Chunk as C

    text = ("第十条 市住房和城乡建设主管部门履行下列职责：\n（一）制定物业服务合同等示范文本和相关标准；\n"
            "（二）指导物业管理的监督管理工作；\n（三）建立物业管理信息平台。\n" + WUYE_15)
    doc = Document("bj", "北京市物业管理条例", text, {"doc_type": "法规", "place": {}})
    facts = A.article_facts({"bj": doc}, [C.make("bj", text, 0, len(text))])
    assert len(facts) == 2 and {lead for _, lead, _ in A.pool_of(facts)} == {facts[1].head}


def test_true_statements_never_lead_false_ones_by_more_than_one_and_a_sub_heading_is_not_wrapped_twice():
    from assistant.quiz.model import FALSE, TRUE, TRUE_FALSE, QuizItem
    from assistant.quiz.paper import Filler
    from assistant.types import Citation

    filler = Filler.__new__(Filler)
    filler.items = [QuizItem(TRUE_FALSE, "x", TRUE, "", None, check={"kind": "list"})]
    fact = SimpleNamespace(kind="article")
    assert not filler._true_room(fact)  # (包括 statements all 正确 would be a pattern)
    filler.items.append(QuizItem(TRUE_FALSE, "y", FALSE, "", None, check={"kind": "list"}))
    assert filler._true_room(fact)
    cite = Citation(1, "c", "d", "某意见", "某意见 › 二、工作措施 › （二）健全业主大会决策机制", "q", 0, 1)
    assert QuizItem(TRUE_FALSE, "z", TRUE, "", cite).source_label() == "《某意见》（二）健全业主大会决策机制"


def test_a_figure_inside_a_list_item_without_a_duty_of_its_own_is_a_fragment():
    from datetime import date

    from assistant.quiz import filters as FL

    text = ("第十三条 村民委员会选举前，应当对下列人员进行登记，列入参加选举的村民名单：\n"
            "（一）户籍在本村并且在本村居住的村民；\n"
            "（三）户籍不在本村，在本村居住一年以上，本人申请参加选举，并且经村民会议或者村民代表会议同意参加选举的公民。\n"
            "（二）每组调查人员不得少于2人。\n")
    doc = Document("cw", "中华人民共和国村民委员会组织法", text, {"doc_type": "法规", "place": {}})
    chunks = [Chunk.make("cw", text, 0, len(text))]
    facts = [f for f in F.number_facts(F.sentences({"cw": doc}, chunks)) if f.kind == "number"]
    dropped = {f.key for f in facts if FL.list_fragment(f, doc, date(2026, 11, 26))}
    assert dropped == {"一年"} and {f.key for f in facts} == {"一年", "2人"}  # (a duty in an item stands alone)


def test_a_multiple_choice_item_needs_its_full_count_of_wrong_options():
    from assistant.quiz import article_forms as AF
    from assistant.quiz.generate import citation
    from assistant.quiz.model import MULTI
    from tests.test_quiz_articles import JUWEIHUI, _setup

    facts, ctx, _ = _setup(("hn", "河南省办法", JUWEIHUI))
    tasks = facts[0]
    cite = citation(tasks, ctx.docs["hn"])
    words = ("lead", "该条所列内容", "listed")
    check = {"kind": "list", "head": tasks.head, "key": [], "wrong": []}
    pool = [("hn", "居民会议行使下列职权：", "撤换和补选居民委员会成员"), ("hn", "居民会议行使下列职权：", "制定和修改居民公约")]
    item = AF.choice_item(tasks, MULTI, ctx, words, cite, check, pool, list(tasks.items))
    assert item is not None and len(item.options) >= 5 and len(item.options) - len(item.answer) >= 2
    # (three keys beside a lone wrong option: the odd one out is seen, not known)
    assert AF.choice_item(tasks, MULTI, ctx, words, cite, check, pool[:1], list(tasks.items)) is None


def test_two_bodies_rules_with_their_own_figures_are_both_asked_with_one_figure_once():
    from assistant.quiz.generate import make_item
    from assistant.quiz.model import BLANK, SINGLE
    from assistant.quiz.overlap import near_dup
    from tests.test_quiz_forms import _ctx, _doc, _numbers

    jw = _doc("jw", "居民委员会由主任、副主任和委员共五至九人组成。居民委员会每届任期五年，其成员可以连选连任。")
    cw = _doc("cw", "村民委员会由主任、副主任和委员共三至七人组成。村民委员会每届任期五年，届满应当及时举行换届选举。")
    facts, docs, chunks = _numbers(jw, cw)
    ctx = _ctx(docs, chunks)
    size = {f.doc_id: f for f in facts if "组成" in f.clause}
    term = {f.doc_id: f for f in facts if "任期" in f.clause}
    first = make_item(size["jw"], SINGLE, ctx)
    second = make_item(size["cw"], BLANK, ctx)  # 五至九人 and 三至七人: two rules, both asked unless one's
    assert near_dup(second, [first]) == ("三至七人" in first.options)  # option is the other's key (review 7)
    first = make_item(term["jw"], SINGLE, ctx)
    assert near_dup(make_item(term["cw"], BLANK, ctx), [first])  # 五年 twice: one tells the other


def test_cases_and_conditions_borrow_no_wrong_options_from_another_subjects_cases():
    from assistant.quiz import articles as A
    from assistant.quiz.generate import make_item
    from assistant.quiz.model import SINGLE, TRUE_FALSE
    from tests.test_quiz_articles import _setup

    facts, ctx, _ = _setup(("bj", "北京市物业管理条例", BJ_46_53))
    member = next(f for f in facts if "委员资格" in f.head)
    assert A.list_kind(member.head) == "情形"
    assert A.distractors(member, ctx.cache["article_pool"], 1, ctx.rng, BJ_46_53) == []
    assert make_item(member, SINGLE, ctx) is None  # (not 具备成立业主大会条件… among a member's grounds)
    ctx.tf_next[0] = False
    assert make_item(member, TRUE_FALSE, ctx) is None or make_item(member, TRUE_FALSE, ctx).answer == "正确"


def test_a_terms_wrong_values_are_terms_laws_use():
    import random

    from assistant.quiz import numbers as N

    term = N.find("居民委员会每届任期五年，其成员可以连选连任。")[0]
    pool = N.find("对连续从事居民委员会工作十五年以上的居民委员会主任")  # (a real 十五年 elsewhere in the corpus)
    alts = N.alternatives(term, pool, random.Random(0), 3, "中")
    assert len(alts) == 3 and "十五年" not in alts and all(N.values_in(a)[0] in N.LADDERS["年"] for a in alts)
