"""second_source (review 32): a question comparing two sources is answered from both.
Real questions over the bundled corpus, not eval questions; nothing mocked."""
from __future__ import annotations

import pytest

from assistant import Assistant
from assistant.answer.sources import compares_sources


def test_comparison_cues():
    assert compares_sources("河南和上海的规定一样吗？")
    assert compares_sources("国家的条例和山东的条例各怎么规定？")
    assert compares_sources("跟国务院的条例比，有没有多出要求？")
    assert not compares_sources("居民会议一年至少要开几次？")


@pytest.fixture(scope="module")
def on(settings) -> Assistant:
    """The fitted settings with second_source on at the fitted share."""
    cfg = settings.answer
    assert cfg.second_source_min <= 1.0, "second_source is off in fitted.json"
    return Assistant.open(settings=settings)


@pytest.mark.parametrize("question,keys", [
    ("社区卫生服务站和社区卫生服务中心的基本标准，对建筑面积各有什么要求？", ("150平方米", "1000平方米")),
    ("村民委员会和河南的居民委员会，每届任期各是几年？", ("村民委员会每届任期五年", "居民委员会每届任期五年")),
])
def test_a_comparison_cites_both_sources(on, question, keys):
    ans = on.ask(question)
    assert ans.found and all(k in ans.text for k in keys), ans.text
    assert len({c.doc_id for c in ans.citations}) == 2
    assert ans.trace["strategy"] == "best_sentences"


def test_no_second_source_without_a_comparison(on):
    ans = on.ask("社区卫生服务站的建筑面积不少于多少平方米？")
    assert ans.found and "150平方米" in ans.text
    assert {c.doc_id for c in ans.citations} == {"std_sq_weisheng_zhan.md"}


def test_switched_off_it_answers_from_one_source(settings):
    cfg = settings.answer.model_copy(update={"disabled": ("second_source",)})
    kb = Assistant.open(settings=settings.model_copy(update={"answer": cfg}))
    ans = kb.ask("社区卫生服务站和社区卫生服务中心的基本标准，对建筑面积各有什么要求？")
    assert len({c.doc_id for c in ans.citations}) == 1
