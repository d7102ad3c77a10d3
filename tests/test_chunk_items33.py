"""Numbered list items stay inside their section's chunk; numbered headings stay headings
(issue 12: a list answer is cited as one unit). Real bundled documents only."""
from __future__ import annotations

from pathlib import Path

from ingest.chunk import chunk_document
from ingest.pipeline import load_paths

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def _chunks(name: str):
    doc = load_paths([CORPUS / name], 50 << 20).documents[0]
    return doc, chunk_document(doc)


def _holding(chunks, text: str):
    return [c for c in chunks if text in c.text]


def test_sentence_items_of_a_section_share_one_chunk():
    # 四、人员: four items, three of them short sentences that used to become headings.
    _, chunks = _chunks("std_sq_weisheng_zhan.md")
    hold = _holding(chunks, "（一）至少配备2名执业范围为全科医学专业")
    assert len(hold) == 1
    c = hold[0]
    assert c.section_path[-1] == "四、人员"
    assert "（三）每名执业医师至少配备1名注册护士。" in c.text
    assert "（四）其他人员按需配备。" in c.text


def test_a_sentence_closing_a_run_of_items_is_an_item():
    # 二、人选条件 (一)…(四); a paragraph follows (四), which still is the run's last item.
    _, chunks = _chunks("opinion_sh_yeweihui_mishu_2026.md")
    first = _holding(chunks, "（一）政治可靠、品行端正")
    last = _holding(chunks, "（四）具备财务管理、档案管理、信息化应用等基础实务能力。")
    assert first and last
    assert last[0].section_path == first[0].section_path
    assert last[0].section_path[-1] == "二、人选条件"


def test_numbered_duties_are_body_while_true_headings_stay_headings():
    # （二）管理要求 is a heading (text follows it); its 1、2、3、 duties are its list.
    _, chunks = _chunks("std_sh_jianshezhe_zhijia_wuye_guifan_2025.md")
    hold = _holding(chunks, "1、做好公共秩序维护工作。")
    assert len(hold) == 1
    assert "2、具有公共秩序维护措施及各类台账记录。" in hold[0].text
    assert hold[0].section_path[-1] == "（二）管理要求"
    assert not _holding(chunks, "（二）管理要求")  # the label heads its items, outside the text
    # Policy texts whose （一） headings are followed by paragraphs keep them as headings.
    _, chunks = _chunks("opinion_gwy_yanglao_fuwuye_2013.md")
    assert not _holding(chunks, "（一）统筹规划发展城市养老服务设施。")
    assert any(c.section_path[-1] == "（一）统筹规划发展城市养老服务设施" for c in chunks)
    _, chunks = _chunks("plan_sh_wanzheng_shequ_2025.md")
    assert any(c.section_path[-1].startswith("（一）补短板、可持续") for c in chunks)
    assert not _holding(chunks, "（一）补短板、可持续")


def test_a_numbered_lead_ending_in_colon_is_text():
    _, chunks = _chunks("std_sq_weisheng_zhongxin.md")
    hold = _holding(chunks, "（一）临床科室：")
    assert hold and "全科诊室、中医诊室" in hold[0].text
    _, chunks = _chunks("std_sh_jianshezhe_zhijia_wuye_guifan_2025.md")
    hold = _holding(chunks, "2、草坪养护：")
    assert hold and "①" in hold[0].text
