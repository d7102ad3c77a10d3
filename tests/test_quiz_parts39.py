"""Stop 39 (issue 13: ten national texts gave no item on a trainer's paper): a document part's measures
under markdown sub-headings, long headings and eight parts count; a plan that addresses the whole country
is national without an issuer; a service standard's parts are a facility's licensing details. Small real
excerpts of the bundled corpus (养老服务业 意见, 农村社区建设 意见, 专项行动方案, 卫生服务中心基本标准); no index."""
from __future__ import annotations

from datetime import date

from assistant.quiz import filters as FL
from assistant.quiz.facts import Fact
from assistant.quiz.lists import section_facts
from assistant.quiz.parts import part_groups
from assistant.quiz.verify import Corpus, _citation_problems
from assistant.types import Citation
from ingest.model import Chunk, Document

TODAY = date(2026, 1, 1)

YANGLAO = ("二、主要任务\n"
           "（一）统筹规划发展城市养老服务设施。\n"
           "加强社区服务设施建设。各地在制定城市总体规划、控制性详细规划时，必须配套建设养老服务设施。\n"
           "（二）大力发展居家养老服务网络。\n"
           "发展居家养老便捷服务。地方政府要支持建立以企业和机构为主体、社区为纽带的居家养老服务网络。\n"
           "（三）大力加强养老机构建设。\n"
           "支持社会力量举办养老机构。各地要根据城乡规划布局要求，统筹考虑建设各类养老机构。")


def _markdown_parts(text: str, head: str, doc_id: str = "yl") -> tuple[Document, list[Chunk]]:
    """Chunks as the chunker makes them of a markdown file: each sub-section's heading line is its
    section path's leaf, kept out of the chunk's text."""
    doc = Document(doc_id, "国务院关于加快发展养老服务业的若干意见", text, {"doc_type": "意见", "place": {}})
    chunks, lines = [], text.split("\n")
    pos = len(lines[0]) + 1
    for heading, body in zip(lines[1::2], lines[2::2]):
        start = pos + len(heading) + 1
        chunks.append(Chunk.make(doc_id, body, start, start + len(body), (head, heading.rstrip("。"))))
        pos = start + len(body) + 1
    return doc, chunks


def test_a_part_under_markdown_sub_headings_is_asked_and_quoted_from_its_first_heading():
    doc, chunks = _markdown_parts(YANGLAO, "二、主要任务")
    facts = section_facts({"yl": doc}, chunks)
    assert len(facts) == 1, "the sub-headings stand on their own lines before their chunks"
    f = facts[0]
    assert f.items == ("统筹规划发展城市养老服务设施", "大力发展居家养老服务网络", "大力加强养老机构建设")
    assert doc.text[f.start:].startswith("（一）统筹规划发展城市养老服务设施。")
    assert all(f.details)
    cite = Citation(1, f.chunk_id, "yl", doc.title, "", doc.text[f.start:f.end], f.start, f.end)
    assert _citation_problems(_item(cite), Corpus({"yl": doc}, chunks)) == []
    early = Citation(1, f.chunk_id, "yl", doc.title, "", doc.text[0:f.end], 0, f.end)  # (the part's heading too)
    assert _citation_problems(_item(early), Corpus({"yl": doc}, chunks)) == ["出处段落不符"]


def _item(cite):
    from assistant.quiz.model import TRUE, TRUE_FALSE, QuizItem

    return QuizItem(TRUE_FALSE, "x。", TRUE, "", cite)


def test_headings_a_line_of_body_text_does_not_start_are_not_a_part():
    """A sub-section whose first chunk neither starts with its heading nor follows it on the line
    before is not where the sub-section begins: not grouped (the old rule, kept)."""
    doc, chunks = _markdown_parts(YANGLAO, "二、主要任务")
    moved = [Chunk.make("yl", c.text[4:], c.start + 4, c.end, tuple(c.section.split(" › "))) for c in chunks]
    assert section_facts({"yl": doc}, moved) == []


NONGCUN = ("三、工作任务\n" + "\n".join(
    f"（{n}）{name}。{body}" for n, name, body in (
        ("一", "完善在村党组织领导下、以村民自治为基础的农村社区治理机制", "农村社区建设坚持村党组织领导、村民委员会牵头。"),
        ("二", "促进流动人口有效参与农村社区服务管理", "依法保障符合条件的非本村户籍居民参加村民委员会选举。"),
        ("三", "畅通多元主体参与农村社区建设渠道", "建立县级以上机关党员、干部到农村社区挂职任职制度。"),
        ("四", "推进农村社区法治建设", "加强农村社区司法行政工作室等法治机构建设。"),
        ("五", "提升农村社区公共服务供给水平", "健全农村社区服务设施和服务体系。"),
        ("六", "推动农村社区公益性服务、市场化服务创新发展", "广泛动员党政机关参加农村社区志愿服务。"),
        ("七", "强化农村社区文化认同", "发展各具特色的农村社区文化。"),
        ("八", "改善农村社区人居环境", "强化农村居民节约意识、环保意识和生态意识。"))))


def _inline_parts(text: str, upto: int | None = None) -> tuple[dict, list[Chunk]]:
    doc = Document("nc", "关于深入推进农村社区建设试点工作的指导意见", text, {"doc_type": "意见", "place": {}})
    chunks, pos = [], len(text.split("\n")[0]) + 1
    for line in text.split("\n")[1:upto]:
        chunks.append(Chunk.make("nc", line, pos, pos + len(line), ("三、工作任务", line.split("。")[0])))
        pos += len(line) + 1
    return {"nc": doc}, chunks


def test_an_opinions_eight_measures_with_long_headings_are_a_part():
    docs, chunks = _inline_parts(NONGCUN)
    facts = section_facts(docs, chunks)
    assert len(facts) == 1 and len(facts[0].items) == 8
    assert "促进流动人口有效参与农村社区服务管理" in facts[0].items  # (18 characters: past the old 16)
    assert [why for *_, why in part_groups(docs, chunks)] == [""]
    assert [why for *_, why in part_groups(docs, chunks, part_chars=16)] == ["name_chars"]
    assert [why for *_, why in part_groups(docs, chunks, count=(3, 6))] == ["count"]


def test_a_plan_addressing_the_whole_country_is_national_without_an_issuer():
    f = Fact("steps", "p", "", 0, 1, "", head="工作任务", items=("制定专项规划", "建设支持平台", "加强政策扶持"))
    plan = {"doc_type": "实施方案", "place": {}, "issuer": "", "doc_number": ""}
    text = "1.培养一批骨干人才。各地民政部门要统筹社区、社会组织、社会工作力量，制定培训计划。"
    national = "对规模较大但未达到登记条件的社区社会组织，各省级民政部门要研究制定管理办法。"
    assert FL.unissued_norm(f, Document("p", "社区党组织建设基本规范", text, plan), TODAY)
    assert not FL.unissued_norm(f, Document("p", "培育发展社区社会组织专项行动方案", text + national, plan), TODAY)


def test_a_service_standards_parts_are_a_facilitys_licensing_details():
    f = Fact("steps", "s", "", 0, 1, "", head="科室设置", items=("临床科室：", "预防保健科室：", "医技及其他科室："))
    std = Document("s", "城市社区卫生服务中心基本标准", "x", {"doc_type": "规范", "place": {}})
    assert FL.service_standard(f, std, TODAY)
    assert not FL.service_standard(f, Document("o", "关于加强低收入人口动态监测的意见", "x", {"doc_type": "意见"}), TODAY)


LINSHI = ("二、完善政策措施\n"
          "（一）细化明确对象范围和类别。根据困难情形，临时救助对象可分为急难型救助对象和支出型救助对象。" + "急难型救助对象主要包括因火灾、"
          "交通事故等意外事件，导致基本生活暂时出现严重困难、需要立即采取救助措施的家庭和个人。" * 6 + "\n"
          "（二）优化审核审批程序。对于急难型临时救助，要注重提高救助时效性，积极开展“先行救助”。\n"
          "（三）科学制定救助标准。各地要立足当地经济社会发展水平，依据分类分档原则制定临时救助标准。"
          "根据救助对象不同的困难情形，确定救助类型；同一类型救助对象根据不同的困难程度，确定救助档次。")


def test_a_key_of_headings_is_asked_when_a_points_explanation_runs_past_point_whole():
    """临时救助's measures: （一）'s explanation is longer than point_whole, so a key of 要义 would cut it;
    a key of short headings (each a one-line gloss at most) never claims it whole: asked. 根据困难情形 is no gloss."""
    import random

    from assistant.quiz.generate import Context, make_item
    from assistant.quiz.lists import gloss
    from assistant.quiz.model import SHORT

    doc = Document("ls", "关于进一步加强和改进临时救助工作的意见", LINSHI, {"doc_type": "意见", "place": {}})
    chunks, pos = [], len(LINSHI.split("\n")[0]) + 1
    for line in LINSHI.split("\n")[1:]:
        chunks.append(Chunk.make("ls", line, pos, pos + len(line), ("二、完善政策措施", line.split("。")[0])))
        pos += len(line) + 1
    f = section_facts({"ls": doc}, chunks)[0]
    assert f.extra["cut"]
    ctx = Context({"ls": doc}, random.Random(0), "中", [], [], Corpus({"ls": doc}, chunks).is_true)
    item = make_item(f, SHORT, ctx)
    assert item is not None and item.answer.startswith("1. 细化明确对象范围和类别")
    assert "根据困难情形" not in item.answer
    assert "：" not in item.answer  # (a cut 要义's first clause is no gloss: trainer review 76)
    assert gloss("根据困难情形，临时救助对象可分为急难型救助对象和支出型救助对象", 30) == ""
    ctx.cache["heading_key"] = (6, 30)  # (headings past 6 characters: a key of 要义, which would be cut)
    assert make_item(f, SHORT, ctx) is None


def test_a_policy_texts_frame_is_not_a_part():
    """一、总体要求 › 指导思想 / 基本原则 / 发展目标: the layout of every policy text, not its measures."""
    text = ("一、总体要求\n（一）指导思想。以满足老年人养老服务需求为目标。\n（二）基本原则。深化体制改革，激发各类服务主体活力。\n"
            "（三）发展目标。到2020年全面建成以居家为基础、社区为依托、机构为支撑的养老服务体系。")
    doc = Document("yl", "国务院关于加快发展养老服务业的若干意见", text, {"doc_type": "意见", "place": {}})
    chunks, pos = [], len(text.split("\n")[0]) + 1
    for line in text.split("\n")[1:]:
        chunks.append(Chunk.make("yl", line, pos, pos + len(line), ("一、总体要求", line.split("。")[0])))
        pos += len(line) + 1
    assert [why for *_, why in part_groups({"yl": doc}, chunks)] == ["frame"]
    assert section_facts({"yl": doc}, chunks) == []


def test_a_governments_policy_list_is_not_a_part():
    """三、政策措施 › 完善投融资政策 / 完善土地供应政策 / 完善税费优惠政策: the State Council's own policies, no cadre's work."""
    text = ("三、政策措施\n（一）完善投融资政策。要通过完善扶持政策，吸引更多民间资本。\n"
            "（二）完善土地供应政策。各地要将各类养老服务设施建设用地纳入城镇土地利用总体规划。\n"
            "（三）完善税费优惠政策。落实好国家现行支持养老服务业的税收优惠政策。")
    doc = Document("yl", "国务院关于加快发展养老服务业的若干意见", text, {"doc_type": "意见", "place": {}})
    chunks, pos = [], len(text.split("\n")[0]) + 1
    for line in text.split("\n")[1:]:
        chunks.append(Chunk.make("yl", line, pos, pos + len(line), ("三、政策措施", line.split("。")[0])))
        pos += len(line) + 1
    assert [why for *_, why in part_groups({"yl": doc}, chunks)] == ["policy"]
