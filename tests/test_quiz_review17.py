"""Trainer review 58 (seed 58): 简答 得分关键词 a marker cannot use — single common words (表示, 代表,
了解) and one member of a list (社会主义) earned a point, cut-off fragments (未成年人开拆, 进行检查,
其他情形) missed it; and the tool's advice (为保持各文件均衡…) was printed in the teacher's paper."""
from __future__ import annotations

import pytest

from assistant.quiz.model import SHORT, keywords

# Points of the corpus's lists (村民委员会组织法 第13条, 物业管理条例 第15条, 未成年人保护法 第63条,
# 老年人权益保障法 第69条, 精神卫生法 第78条) and the words review 58 found scoring alone or cut off.
ITEMS = [
    (["户籍在本村并且在本村居住的村民", "户籍在本村，不在本村居住，本人表示参加选举的村民",
      "户籍不在本村，在本村居住一年以上，本人申请参加选举，并且经村民会议或者村民代表会议同意参加选举的公民"],
     {"表示", "居住的村民"}),
    (["召集业主大会会议，报告物业管理的实施情况", "代表业主与业主大会选聘的物业服务企业签订物业服务合同",
      "及时了解业主、物业使用人的意见和建议，监督和协助物业服务企业履行物业服务合同", "监督管理规约的实施"],
     {"代表", "了解"}),
    (["无民事行为能力未成年人的父母或者其他监护人代未成年人开拆、查阅",
      "因国家安全或者追查刑事犯罪依法进行检查", "紧急情况下为了保护未成年人本人的人身安全"],
     {"未成年人开拆", "进行检查"}),
    (["对青少年和儿童进行社会主义、爱国主义、集体主义和艰苦奋斗等优良传统教育", "传授文化和科技知识",
      "提供咨询服务", "参加志愿服务、兴办社会公益事业", "参与维护社会治安、协助调解民间纠纷"],
     {"社会主义"}),
    (["将非精神障碍患者故意作为精神障碍患者送入医疗机构治疗的",
      "精神障碍患者的监护人遗弃患者，或者有不履行监护职责的其他情形的",
      "歧视、侮辱、虐待精神障碍患者，侵害患者的人格尊严、人身安全的", "非法限制精神障碍患者人身自由的"],
     {"医疗机构治疗", "其他情形"}),
]


def _whole_words(part: str, text: str) -> bool:
    from ingest.tokenize import ChineseTokenizer

    cuts, pos = {0}, 0
    for w in ChineseTokenizer().cut(text):
        pos += len(w)
        cuts.add(pos)
    return any(text.startswith(part, i) and i in cuts and i + len(part) in cuts for i in range(len(text)))


def _usable(part: str, i: int, texts: list[str]) -> bool:
    from assistant.quiz.echo import WORDS

    return len(part) >= 3 and part not in WORDS["common_words"] and part not in WORDS["generic_words"] \
        and _whole_words(part, texts[i]) and not any(part in t for j, t in enumerate(texts) if j != i)


@pytest.mark.parametrize("texts,bad", ITEMS)
def test_each_keyword_is_a_whole_term_of_its_point(texts, bad):
    got = keywords([f"答出“{t}”" for t in texts])
    for i, kw in enumerate(got):
        for part in filter(None, kw.split("、")):
            assert part not in bad and _usable(part, i, texts), (part, texts[i])


def test_a_list_members_point_is_keyed_by_the_kind_it_names():
    """社会主义、爱国主义…等优良传统教育: the kind, not the first member; a verb and its object whole."""
    assert keywords([f"答出“{t}”" for t in ITEMS[3][0]])[0] == "优良传统教育"
    assert "签订物业服务合同" in keywords([f"答出“{t}”" for t in ITEMS[1][0]])[1]
    assert "追查刑事犯罪" in keywords([f"答出“{t}”" for t in ITEMS[2][0]])[1]


def test_a_point_without_a_term_is_marked_by_its_own_words():
    from assistant.quiz.model import QuizItem
    from assistant.types import Citation

    it = QuizItem(SHORT, "问", "答", "解析", Citation(1, "c", "d", "t", "", "q", 0, 1),
                  points=[f"答出“{t}”" for t in ITEMS[0][0]])
    rule = it.marking()
    assert "（关键词：表示）" not in rule and "未列关键词的要点答出原意即给分" in rule


@pytest.fixture(scope="module")
def papers(kb):
    from assistant.quiz import build

    return {s: build(kb, n=60, seed=s) for s in (3, 21)}


def test_no_keyword_on_the_papers_is_a_fragment(papers):
    for quiz in papers.values():
        for it in (it for it in quiz.items if it.type == SHORT):
            texts = [p[3:].split("”")[0] if p.startswith("答出“") else p for p in it.points]
            for i, kw in enumerate(keywords(it.points)):
                for part in filter(None, kw.split("、")):
                    assert _usable(part, i, texts), (part, texts[i])


def test_the_advice_is_shown_where_the_paper_is_made_not_printed(kb, tmp_path, papers):
    from docx import Document as Docx

    from assistant.quiz.export import to_docx
    from assistant.quiz.region import HOW, ON_WEB
    from ui.tab_quiz import quiz_html

    quiz = papers[3]
    assert quiz.advice
    teacher = "\n".join(p.text for p in Docx(str(to_docx(quiz, tmp_path / "t.docx"))).paragraphs)
    head = quiz.advice.replace(HOW, ON_WEB)[:20]
    assert quiz.advice[:20] not in teacher and "出题说明" not in teacher
    page = quiz_html(quiz, show_key=True)
    assert head in page and "--region" not in page and "命令行" not in page


def test_a_sub_headings_point_also_scores_by_what_the_key_says_under_it():
    """Review 58's 第49、59题 rewarded only the sub-headings of a policy text (完善站点布局…)."""
    from assistant.quiz.model import QuizItem
    from assistant.types import Citation

    answer = ("1. 完善站点布局：在社区综合服务设施中配置志愿服务站点；2. 提升服务功能：加强志愿服务站点标准化建设；"
              "3. 推进数字化建设：强化志愿服务与数字技术融合。")
    it = QuizItem(SHORT, "问", answer, "解析", Citation(1, "c", "d", "t", "", "q", 0, 1),
                  points=["答出“完善站点布局”", "答出“提升服务功能”", "答出“推进数字化建设”"])
    rule = it.marking()
    assert "答出“完善站点布局”或答出其内容（在社区综合服务设施中配置志愿服务站点）" in rule
    assert "或答出其内容（强化志愿服务与数字技术融合）" in rule and "融合。）" not in rule
    assert sum(s for _, s in it.point_scores()) == it.score == 3
