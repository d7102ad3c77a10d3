"""Stop 37: the unit's own clauses (plan/own_articles.py) are stored beside the index
(plan/own_store.py), so a plan does not recompute them in every process, and a library whose
user adds or deletes a statute gets the population a fresh computation would give."""
from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from assistant import Assistant
from assistant.build import ingest
from assistant.library import view_of
from assistant.plan import draft, own_articles
from assistant.plan.own_articles import clauses, stored
from assistant.plan.practice import unit_level

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
STREET = unit_level("和平街道办事处")
LAW = "reg_weichengnianren_baohu_fa_2024.md"  # 街道办事处/居民委员会 clauses (第八十一条, 第十一条第二款)
MORE = "reg_sh_juweihui.md"  # the 上海 居委会 regulation: many more of the kind's clauses
TOPIC = "建立社区侵害未成年人强制报告制度"  # made up (as tests/test_plan_recall36.py)
CLAUSE = "在工作中发现未成年人身心健康受到侵害"


@pytest.fixture(scope="module")
def lib(tmp_path_factory, settings):
    """A private library of one statute (sharing the session's vector cache) and its source folder."""
    docs = tmp_path_factory.mktemp("own37-docs")
    shutil.copy(CORPUS / LAW, docs / LAW)
    home = settings.model_copy(update={"home": tmp_path_factory.mktemp("own37-home"), "cache": settings.cache_dir})
    assert not ingest([docs], home).errors
    return Assistant.open(settings=home), docs


def _id(kb, name: str) -> str:
    return next(d.doc_id for d in kb.documents() if Path(d.source).name == name)


def _fresh(view) -> tuple[list, np.ndarray]:
    """The population computed from nothing (the store moved away, then put back)."""
    where = Path(view.settings.index_root) / "own_clauses"
    aside = where.with_name("own_clauses.aside")
    shutil.move(where, aside)
    try:
        spans, vecs, read = stored(view, STREET, True)
        assert read  # every statute read
    finally:
        shutil.rmtree(where, ignore_errors=True)
        shutil.move(aside, where)
    return spans, vecs


def _same(a: tuple[list, np.ndarray], b: tuple[list, np.ndarray]) -> None:
    order_a, order_b = np.argsort([str(s) for s in a[0]]), np.argsort([str(s) for s in b[0]])
    assert [tuple(a[0][i]) for i in order_a] == [tuple(b[0][i]) for i in order_b]
    assert np.allclose(a[1][order_a], b[1][order_b], atol=1e-5)


def test_the_population_is_stored_beside_the_index(lib):
    kb, _ = lib
    view = view_of(kb)
    pop, vecs = clauses(view, STREET, True)
    assert pop and len(vecs) == len(pop)
    assert list((Path(kb.settings.index_root) / "own_clauses").glob("own-*.json"))
    own_articles._MEMO.clear()  # a new process
    spans, again, read = stored(view, STREET, True)
    assert read == [] and [(p.doc_id, p.start) for p in pop] == [(s[0], s[3]) for s in spans]
    assert np.array_equal(vecs, again)


def test_an_added_then_deleted_statute_gives_the_fresh_population(lib):
    kb, docs = lib
    clauses(view_of(kb), STREET, True)  # stored before the library changes
    shutil.copy(CORPUS / MORE, docs / MORE)
    assert not kb.ingest([docs]).errors
    view, more = view_of(kb), _id(kb, MORE)
    spans, vecs, read = stored(view, STREET, True)
    assert read == [more]  # the added document alone is read
    assert any(s[0] == more for s in spans) and any(s[0] == _id(kb, LAW) for s in spans)
    _same((spans, vecs), _fresh(view))

    law = _id(kb, LAW)
    kb.remove([law])
    view = view_of(kb)
    spans, vecs, read = stored(view, STREET, True)
    assert read == [] and spans and not any(s[0] == law for s in spans)
    _same((spans, vecs), _fresh(view))


def test_a_plan_reads_and_writes_the_store(kb):
    """A plan drafts from the stored population: the store is written by the first plan and the
    unit's own clause retrieval missed is cited (tests/test_plan_recall36.py) from it."""
    where = Path(kb.settings.index_root) / "own_clauses"
    shutil.rmtree(where, ignore_errors=True)
    own_articles._MEMO.clear()
    plan = draft(kb, TOPIC, unit="和平街道办事处", strict=False)
    assert list(where.glob(f"own-{STREET}-1-*.json")) and list(where.glob(f"own-{STREET}-1-*.npy"))
    at = kb.document(LAW).text.index(CLAUSE)
    assert any(c.doc_id == LAW and c.start <= at < c.end for c in plan.citations)
    own_articles._MEMO.clear()
    assert stored(view_of(kb), STREET, True)[2] == []


def test_warming_fills_the_store_for_each_unit_kind(lib):
    """`shequ ui` warms the store in the background (Assistant.warm_plans): afterwards a plan's
    process reads no statute, for a 街道 and for a 社区 unit alike; a second name of the same
    kind is not computed twice; with the pass off nothing is done."""
    kb, _ = lib
    where = Path(kb.settings.index_root) / "own_clauses"
    shutil.rmtree(where, ignore_errors=True)
    own_articles._MEMO.clear()
    community = unit_level("XX社区居民委员会")
    assert kb.warm_plans(["和平街道办事处", "XX街道办事处", "XX社区居民委员会", "某单位"]) == [STREET, community]
    own_articles._MEMO.clear()  # a new process
    for level in (STREET, community):
        assert list(where.glob(f"own-{level}-1-*.json"))
        assert stored(view_of(kb), level, True)[2] == []
    off = kb.settings.plan.model_copy(update={"own_article_cap": 0})
    kb_off = Assistant.open(settings=kb.settings.model_copy(update={"plan": off}))
    assert kb_off.warm_plans() == []
