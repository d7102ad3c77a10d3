"""A precedent's references to itself (参照本意见实施, 按照本办法规定, （详见附件）) point nowhere
in the user's plan. Sentences are taken from the bundled corpus as written."""
from __future__ import annotations

import pytest

from assistant.plan.compose import unit_sentences
from assistant.plan.selfref import SELF_REF, without_self_reference


@pytest.mark.parametrize("sentence,expected", [
    # opinion_sh_yezhu_dahui_guifanhua_2026.md: nothing but the pointer acts
    ("非住宅物业管理区域业主大会、业主委员会建设，参照本意见实施", None),
    # reg_zhiyuan_jilu.md: the frame goes, the act stays
    ("依法自行招募志愿者的，参照本办法关于志愿服务组织的规定做好志愿服务记录与证明出具工作",
     "依法自行招募志愿者的，做好志愿服务记录与证明出具工作"),
    # reg_bj_wuye_2024.md
    ("物业管理委员会作为临时机构，依照本条例承担相关职责，组织业主共同决定物业管理事项",
     "物业管理委员会作为临时机构，承担相关职责，组织业主共同决定物业管理事项"),
    ("未成立业主委员会的，物业管理委员会组织业主大会按照本条例第三十四条的规定履行职责，并组织执行业主大会的决定",
     "未成立业主委员会的，物业管理委员会组织业主大会履行职责，并组织执行业主大会的决定"),
    # reg_renmin_tiaojie_fa_2010.md: a definition of the law's own term
    ("本法所称人民调解，是指人民调解委员会通过说服、疏导等方法，促使当事人在平等协商基础上自愿达成调解协议，"
     "解决民间纠纷的活动", None),
])
def test_references_to_the_source_document_are_cut_at_a_clause_boundary(sentence, expected):
    assert without_self_reference(sentence) == expected


def test_a_condition_left_without_its_act_goes_too():
    assert without_self_reference("发现问题的，按照本办法第十条规定处理") is None
    assert without_self_reference("建立社区服务清单（详见附件），定期更新") == "建立社区服务清单，定期更新"


def test_other_documents_attachments_and_plain_sentences_are_untouched():
    s = "约定的内容作为房屋买卖合同的附件或者直接纳入房屋买卖合同"  # a contract's attachment, not the source's
    assert without_self_reference(s) == s
    assert not SELF_REF.search("按照《物业管理条例》第十条规定，建立业主大会")
    assert without_self_reference("建立工作台账，做好档案管理") == "建立工作台账，做好档案管理"


def test_no_measure_body_of_the_corpus_refers_to_its_source(kb):
    """Every sentence a measure may say of any point in the corpus: no 本条例/本意见/附件 left."""
    from assistant.plan.precedents import points_of_chunk

    for c in kb.data.chunks:
        doc = kb.document(c.doc_id)
        for p in points_of_chunk(doc, c):
            for _, sent in unit_sentences(p, doc, 4):
                assert not SELF_REF.search(sent), sent
