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
