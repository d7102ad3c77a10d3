"""Legal articles that enumerate (（一）…（n）) as quiz material, on small real excerpts of the
bundled laws: the articles make items, their distractors come from the same law's lists of
the same kind about another subject, and never say what the article already says."""
from __future__ import annotations

import random

from assistant.quiz import articles as A
from assistant.quiz.generate import Context, make_item
from assistant.quiz.model import MULTI, SHORT, TRUE_FALSE
from assistant.quiz.verify import Corpus, verify_item
from ingest.model import Chunk, Document

JUWEIHUI = ("第三条 居民委员会的任务：\n"
            "（一）宣传宪法、法律、法规和国家的政策，维护居民的合法权益，教育居民履行依法应尽的义务，爱护公共财产，"
            "开展多种形式的社会主义精神文明建设活动；\n（二）办理本居住地区居民的公共事务和公益事业；\n（三）调解民间纠纷；\n"
            "（四）协助维护社会治安；\n（五）协助人民政府或者它的派出机关做好与居民利益有关的公共卫生、计划生育、优抚救济、"
            "青少年教育等项工作；\n（六）向人民政府或者它的派出机关反映居民的意见、要求和提出建议。\n"
            "第四条 居民委员会应当开展便民利民的社区服务活动，可以兴办有关的服务事业。\n")
TIAOJIE = ("第三条 人民调解委员会调解民间纠纷，应当遵循下列原则：\n（一）在当事人自愿、平等的基础上进行调解；\n"
           "（二）不违背法律、法规和国家政策；\n（三）尊重当事人的权利，不得因调解而阻止当事人依法通过仲裁、行政、司法等"
           "途径维护自己的权利。\n"
           "第十四条 人民调解员应当由公道正派、热心人民调解工作，并具有一定文化水平、政策水平和法律知识的成年公民担任。\n"
           "第二十三条 当事人在人民调解活动中享有下列权利：\n（一）选择或者接受人民调解员；\n"
           "（二）接受调解、拒绝调解或者要求终止调解；\n（三）要求调解公开进行或者不公开进行；\n"
           "（四）自主表达意愿、自愿达成调解协议。\n"
           "第二十四条 当事人在人民调解活动中履行下列义务：\n（一）如实陈述纠纷事实；\n"
           "（二）遵守调解现场秩序，尊重人民调解员；\n（三）尊重对方当事人行使权利。\n"
           "第二十九条 调解协议书可以载明下列事项：\n（一）当事人的基本情况；\n"
           "（二）纠纷的主要事实、争议事项以及各方当事人的责任；\n（三）当事人达成调解协议的内容，履行的方式、期限。\n")
ZHIYUAN = ("第十三条 志愿者应当履行下列义务：\n（一）履行志愿服务承诺，按照约定提供志愿服务；\n"
           "（二）尊重志愿服务对象的人格尊严，不得侵害志愿服务对象的个人隐私；\n"
           "（三）保守志愿服务中知悉的国家秘密、商业秘密；\n（四）不得向志愿服务对象收取或者变相收取报酬。\n")
REFERS = ("第四十六条 业主委员会委员有下列情形之一的，委员资格自情形发生之日起自然终止：\n"
          "（一）不再是本物业管理区域内业主；\n（二）有本条例第四十五条第二款规定情形的；\n（三）以书面形式提出辞职。\n")
LAW = {"doc_type": "法规", "place": {}, "issuer": "全国人民代表大会常务委员会"}


def _law(doc_id: str, title: str, text: str) -> tuple[Document, Chunk]:
    doc = Document(doc_id, title, text, dict(LAW))
    return doc, Chunk.make(doc_id, text, 0, len(text), (title,))


def _setup(*laws):
    docs, chunks = {}, []
    for doc_id, title, text in laws:
        d, c = _law(doc_id, title, text)
        docs[doc_id], chunks = d, chunks + [c]
    facts = A.article_facts(docs, chunks)
    ctx = Context(docs, random.Random(0), "中", [], [], Corpus(docs, chunks).is_true)
    ctx.cache["article_pool"] = A.pool_of(facts)
    return facts, ctx, Corpus(docs, chunks)


def test_an_enumerating_article_makes_a_short_answer_with_every_item():
    facts, ctx, corpus = _setup(("jw", "中华人民共和国城市居民委员会组织法", JUWEIHUI))
    assert len(facts) == 1 and facts[0].head == "居民委员会的任务：" and len(facts[0].items) == 6
    assert facts[0].extra["article"] == "第三条" and facts[0].items[2] == "调解民间纠纷"
    item = make_item(facts[0], SHORT, ctx)
    assert item.stem.startswith("《中华人民共和国城市居民委员会组织法》第三条规定：“居民委员会的任务：……”")
    assert all(it in item.answer for it in facts[0].items) and len(item.points) == 6
    # one mark a point, any 4 of the 6 asked: the marks follow the points asked, not their order
    assert item.need == 4 and "任意4项" in item.stem and item.score == 4
    assert {s for _, s in item.point_scores()} == {1}
    assert verify_item(item, corpus) == []


def test_an_item_that_points_to_another_article_keeps_the_article_out():
    facts, _, _ = _setup(("bj", "北京市物业管理条例", REFERS))
    assert facts == []


def test_distractors_are_the_same_laws_lists_of_the_same_kind_about_another_subject():
    facts, ctx, _ = _setup(("tj", "中华人民共和国人民调解法", TIAOJIE), ("zy", "山东省志愿服务条例", ZHIYUAN))
    duties = next(f for f in facts if f.head.startswith("当事人") and "义务" in f.head)
    rights = next(f for f in facts if f.head.startswith("当事人") and "权利" in f.head)
    # 当事人's rights are the only distractors of its duties: the volunteer law's duties are
    # another law's words, 调解协议书's 事项 another kind, the 原则 of 人民调解委员会 too
    wrong = A.distractors(duties, ctx.cache["article_pool"], 4, random.Random(0), TIAOJIE)
    assert wrong and set(wrong) <= set(rights.items)
    assert A.subject(rights.head) == A.subject(duties.head) == "当事人"
    item = make_item(duties, MULTI, ctx)
    assert set(item.check["wrong"]) <= set(rights.items) and set(item.check["key"]) <= set(duties.items)
    volunteers = next(f for f in facts if f.doc_id == "zy")
    assert A.distractors(volunteers, ctx.cache["article_pool"], 2, random.Random(0), ZHIYUAN) == []


def test_a_true_false_item_of_an_article_and_its_false_twin():
    text = JUWEIHUI + ("第十二条 居民会议行使下列职权：\n（一）听取和审议居民委员会的工作报告；\n"
                       "（二）撤换和补选居民委员会成员；\n（三）制定和修改居民公约。\n")
    facts, ctx, corpus = _setup(("hn", "河南省实施《中华人民共和国城市居民委员会组织法》办法", text))
    tasks = next(f for f in facts if f.head == "居民委员会的任务：")
    assert A.list_kind("居民会议行使下列职权：") == A.list_kind(tasks.head) == "职责"
    ctx.tf_next[0] = False
    item = make_item(tasks, TRUE_FALSE, ctx)
    # false: a 职权 said to be a task (never a task denied: “不包括…” keyed 错误 is a double negative)
    assert item.answer == "错误" and "不包括" not in item.stem
    assert item.check["wrong"][0] in ("撤换和补选居民委员会成员", "制定和修改居民公约", "听取和审议居民委员会的工作报告")
    assert verify_item(item, corpus) == []


def test_a_distractor_the_article_says_in_other_words_is_refused():
    # 组织居民制定并遵守自治章程和居民公约 is a Shanghai task; 制定和修改居民公约 would be a wrong key
    assert A.says_already("制定和修改居民公约", "组织居民制定并遵守自治章程和居民公约，召集居民会议")
    assert not A.says_already("协助维护社会治安", "组织居民制定并遵守自治章程和居民公约，召集居民会议")


def test_subjects_of_leads():
    assert A.subject("居民委员会以服务居民为宗旨，承担下列主要任务：") == "居民委员会"
    assert A.subject("下列事项由业主共同决定：") == "业主"
    assert A.subject("有下列情形之一的，可以组建物业管理委员会：") == ""


def test_two_articles_that_lend_each_other_distractors_are_not_both_asked():
    from assistant.quiz.overlap import near_dup as _near_dup

    # (the rights and the duties of 人民调解法: each article's 多选 takes its wrong options from the other;
    # cases and conditions of two subjects, 第四十六条 and 第五十三条 of 北京, lend none: see test_quiz_review4)
    facts, ctx, _ = _setup(("tj", "中华人民共和国人民调解法", TIAOJIE))
    rights = next(f for f in facts if "权利" in f.head)
    duties = next(f for f in facts if "义务" in f.head)
    first, second = make_item(rights, MULTI, ctx), make_item(duties, MULTI, ctx)
    assert first and second and set(first.check["wrong"]) <= set(duties.items)
    assert _near_dup(second, [first])
