"""Cadre review 30: a street office's plan restated other bodies' duties (社区矫正机构 §10/§16/§24)
while the same law's articles that name the 居委会 (§12, §38) were never picked. Sentences are the
bundled corpus's own."""
from __future__ import annotations

from pathlib import Path

import pytest

from assistant.plan.actor import OTHER, OWN, general_unit, sentence_actor
from assistant.plan.practice import foreign_duty, not_practice

STREET = 4  # a 街道办事处
CORPUS = Path(__file__).resolve().parents[1] / "corpus"
JIAOZHENG = "reg_shequ_jiaozheng_fa_2019.md"


def _said(file: str, sentence: str) -> str:
    """The sentence, checked to be the corpus file's own words."""
    assert sentence in (CORPUS / file).read_text(encoding="utf-8")
    return sentence


@pytest.mark.parametrize("sentence, whose", [
    ("第十条 社区矫正机构应当配备具有法律等专业知识的专门国家工作人员", OTHER),
    ("第三十六条 社区矫正机构根据需要，对社区矫正对象进行法治、道德等教育", OTHER),
    ("第三十条 社区矫正对象失去联系的，社区矫正机构应当立即组织查找", OTHER),
    ("第十二条 居民委员会、村民委员会依法协助社区矫正机构做好社区矫正工作。", OWN),
    ("第三十八条 居民委员会、村民委员会可以引导志愿者和社区群众", OWN),
])
def test_whose_work_a_law_article_states(sentence, whose):
    assert sentence_actor(_said(JIAOZHENG, sentence), STREET) == whose


def test_a_higher_body_that_mobilises_the_street_is_the_streets_work():
    """县级民政部门组织动员乡镇（街道）干部…走访: the street's cadres do the visiting."""
    s = "县级民政部门组织动员乡镇（街道）干部、村（社区）工作人员经常性走访困难群众"
    assert sentence_actor(s, STREET) == OWN
    assert sentence_actor("各级民政部门要充分依托全国低收入人口动态监测信息平台", STREET) == OTHER
    assert sentence_actor("各级民政部门要充分依托全国低收入人口动态监测信息平台", 3) == OTHER  # sentence-level


def test_a_functional_station_is_no_general_unit():
    """XX街道司法所 does the 社区矫正机构's work by commission (社区矫正法第九条)."""
    assert general_unit("和平街道办事处") and general_unit("XX社区居委会") and general_unit("XX镇人民政府")
    assert not general_unit("XX街道司法所") and not general_unit("XX街道社区事务受理服务中心")


def test_a_principle_or_safeguard_is_no_practice():
    assert not_practice(_said(JIAOZHENG, "第三条 社区矫正工作坚持监督管理与教育帮扶相结合，专门机关与社会力量相结合，"
                                         "采取分类管理、个别化矫正，有针对性地消除社区矫正对象可能重新犯罪的因素，帮助其成为守法公民。")) == "principle"
    assert not_practice(_said(JIAOZHENG, "第三十四条 开展社区矫正工作，应当保障社区矫正对象的合法权益。")) == "principle"
    assert not_practice("遵循安全可靠、源头管控的原则，加强供水、排水、供电等基础设施建设。") == ""  # frames an act


def test_a_guided_bodys_duty_is_no_other_levels_for_a_street():
    """居民委员会可以引导志愿者…: a 街道 supports it (支持居民委员会…), not a lower level's own affair."""
    s = _said(JIAOZHENG, "第三十八条 居民委员会、村民委员会可以引导志愿者和社区群众，利用社区资源，采取多种形式，"
                         "对有特殊困难的社区矫正对象进行必要的教育帮扶。")
    assert not foreign_duty(s, STREET)


@pytest.fixture(scope="module")
def jiaozheng(kb):
    return kb.plan("加强社区矫正工作", unit="和平街道办事处", start="2027-01", end="2027-12")


def test_a_street_plan_leads_with_the_community_bodies_articles(jiaozheng):
    """The 居委会's articles (§12, §38) are measures; the 社区矫正机构's own (§10, §16, §24) are not."""
    quotes = [jiaozheng.citation(m.citations[0]).quote for m in jiaozheng.measures]
    assert any(q.startswith("第十二条") for q in quotes) and any(q.startswith("第三十八条") for q in quotes)
    for article in ("第十条", "第十六条", "第二十四条", "第三条", "第三十四条"):
        assert not any(q.startswith(article) for q in quotes)


def test_a_guided_body_helping_the_street_itself_stays_another_levels():
    """居民委员会应当协助街道办事处…: said as 指导居民委员会协助街道办事处… it named the street as a third
    party in its own measure (换届选举 plan, s31 plans13)."""
    s = _said("reg_sh_juweihui.md", "第二十条 居民委员会应当协助街道办事处或者乡镇人民政府、房屋行政管理部门做好业主委员会组建和换届选举的组织工作")
    assert foreign_duty(s, STREET)


def test_a_committee_of_the_community_or_an_encouraged_body_is_no_other_body():
    """人民调解委员会 is a 居委会's committee (人民调解法第八条); 鼓励养老机构… is the issuer's act on it."""
    s = _said("reg_renmin_tiaojie_fa_2010.md", "第十一条 人民调解委员会应当建立健全各项调解工作制度，听取群众意见，接受群众监督。")
    assert sentence_actor(s, STREET) == ""
    s = _said("reg_bj_jujia_yanglao.md", "第九条 鼓励养老机构利用自身资源优势，为周边社区居住在家的老年人提供服务。")
    assert sentence_actor(s, STREET) == ""
