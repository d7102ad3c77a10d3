"""Cleaning, splitting, chunking and tokenization on the real corpus."""
from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from ingest.chunk import ChunkConfig, chunk_document, paragraphs
from ingest.clean import normalize_punct, split_articles
from ingest.headings import marker_level
from ingest.pipeline import load_paths
from ingest.sentences import sentence_spans
from ingest.tokenize import ChineseTokenizer

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


@pytest.fixture(scope="module")
def docs():
    return load_paths([CORPUS], 10**9).documents


def test_corpus_becomes_thirteen_documents_with_metadata(docs):
    ids = [d.doc_id for d in docs]
    seeds = [d for d in docs if d.doc_id[:3].isdigit()]
    assert len(seeds) == 13 and len(docs) == 13 + 43  # the seed files, and the public texts (7 national laws added, stop 30)
    assert sum(i.startswith("002_") for i in ids) == 9
    by_id = {d.doc_id: d for d in docs}
    assert by_id["002_b6468e56d54af811.txt#1"].title == "城市社区基层党组织在创新社区治理中的功能研究"
    assert by_id["002_b6468e56d54af811.txt#1"].meta["author"] == "周胜强 罗绍康"
    assert by_id["002_b6468e56d54af811.txt#8"].meta["doc_type"] == "实施方案"
    assert by_id["003_f97dfd424ead4bbd.txt"].meta["place"]["city"] == "秦皇岛市"
    for d in docs:
        assert d.meta["doc_type"] in {"案例", "规范", "实施方案", "研究", "汇报材料", "法规", "意见", "通知"}, d.doc_id


def test_every_chunk_span_matches_its_document(docs):
    for d in docs:
        for c in chunk_document(d):
            assert d.text[c.start:c.end] == c.text
            assert c.section_path[0] == d.title


def test_chunk_ids_are_stable_across_two_ingests(docs):
    again = load_paths([CORPUS], 10**9).documents
    first = [c.chunk_id for d in docs for c in chunk_document(d)]
    second = [c.chunk_id for d in again for c in chunk_document(d)]
    assert first == second and len(set(first)) == len(first)


def test_chunks_never_end_inside_a_sentence(docs):
    for d in docs:
        for c in chunk_document(d):
            after = d.text[c.end:c.end + 1]
            assert after in ("", "\n") or c.text[-1] in "。！？；”）…", (d.doc_id, c.text[-20:])


def test_chunk_sizes_are_paragraph_scale(docs):
    sizes = [len(c.text) for d in docs for c in chunk_document(d)]
    assert max(sizes) <= 400
    seeds = [len(c.text) for d in docs if d.doc_id[:3].isdigit() for c in chunk_document(d)]
    assert sorted(seeds)[len(seeds) // 2] >= 150  # median; a regulation's chunk is one article


def test_heading_path_is_context_not_quote(docs):
    d = next(x for x in docs if x.doc_id.startswith("003"))
    c = next(c for c in chunk_document(d) if "（一）构建区域化党建工作体系" in c.section)
    assert c.section_path[1] == "一、组织建设区域化，夯实社区协商基础"
    assert c.section not in c.text
    assert c.context_text().startswith(c.section)


def test_boilerplate_dropped_and_punctuation_normalized(docs):
    text = "\n".join(d.text for d in docs)
    for junk in ("阅读：69", "阅读:69", "评论:61", "放大 缩小 默认", "版权声明", "标题导航", "赞 (0)", "上一版"):
        assert junk not in text
    assert "相关新闻" not in text
    assert "上海市五里桥社区（街道）" in text
    assert normalize_punct("社区(街道),我们:好") == "社区（街道），我们：好"
    assert normalize_punct("2014(12):68-70") == "2014(12):68-70"


def test_broken_lines_are_joined(docs):
    plan = next(d for d in docs if d.doc_id.endswith("#8"))
    assert "整顿期限到6月30日止。" in plan.text
    assert "开展支部结对共进活动。" in plan.text


def test_headings_recognized():
    assert marker_level("一、指导思想") == 1
    assert marker_level("（二）加强组织领导") == 2
    assert marker_level("3、选优配强。社区…") == 3
    assert marker_level("1.以党建为中心") == 3
    assert marker_level("第3篇：标题") == 0
    assert marker_level("2.97平方公里") is None


def test_compilation_split_keeps_authors():
    raw = (CORPUS / "002_b6468e56d54af811.txt").read_text(encoding="utf-8")
    arts = split_articles(raw)
    assert [a.number for a in arts] == [str(i) for i in range(1, 10)]
    assert arts[2].author == "牟璐"
    assert "作者" not in arts[2].text


# SHA-1 of the five seed documents as shipped in ../shared/seeds (recorded so CI needs no seed folder).
SEED_SHA1 = {
    "000_3a74469a4d6c4f69.txt": "a9353a035361e41139c9b500cfc8407270ce7db8",
    "001_4c737dfdfed6e413.txt": "b7cf7c4813f3602dcc79e51cab9dd28fcfe0a744",
    "002_b6468e56d54af811.txt": "cccfe4537f257564a70b8225016b4d8af46c8864",
    "003_f97dfd424ead4bbd.txt": "049d1b20c6b12622738d0bb214402b42542128a8",
    "004_34afdbec26affd05.txt": "c81957306b9085b4aa6fd5d2c6f4d4ac5284c1e4",
}


def test_raw_files_are_not_changed_by_ingest(docs):
    assert sorted(f.name for f in CORPUS.glob("*.txt")) == sorted(SEED_SHA1)
    for f in CORPUS.glob("*.txt"):
        assert hashlib.sha1(f.read_bytes()).hexdigest() == SEED_SHA1[f.name], f.name


def test_sentence_spans_are_exact_and_cut_overlong_text():
    text = "第一句。第二句！“第三句？”最后"
    spans = sentence_spans(text)
    assert [text[s:e] for s, e in spans] == ["第一句。", "第二句！", "“第三句？”", "最后"]
    long = "字" * 1000
    spans = sentence_spans(long, hard_max=300)
    assert all(e - s <= 300 for s, e in spans) and spans[-1][1] == 1000


def test_paragraph_without_punctuation_is_still_chunked():
    from ingest.model import Document
    d = Document("x", "题目", "题目\n" + "字" * 2000)
    chunks = chunk_document(d, ChunkConfig(max_chars=400, min_chars=100))
    assert all(len(c.text) <= 400 for c in chunks)
    assert "".join(c.text for c in chunks) == "字" * 2000


@pytest.mark.parametrize("term", ["4+1", "五化五提升", "1+5+7", "三会一课", "一诺双评三考", "六个一", "1234"])
def test_method_names_survive_tokenization(term):
    tk = ChineseTokenizer()
    assert term in tk(f"这是“{term}”工作法的内容")


def test_fullwidth_query_normalized():
    tk = ChineseTokenizer()
    assert "4+1" in tk("４＋１工作法")


def test_clean_keeps_anonymized_names_and_blank_figures(docs):
    text = "\n".join(d.text for d in docs)
    assert "&&&&社区" in text and "**社区" in text
    assert "共划分成个网格，有名网格员" in text


def test_paragraphs_skip_heading_lines(docs):
    d = next(x for x in docs if x.doc_id.endswith("#6"))
    for p in paragraphs(d):
        assert not d.text[p.start:p.end].startswith("（一）健全基本组织")


def test_user_terms_are_used(small_home, small_corpus, embedder):
    from assistant.build import ingest
    from assistant.index import IndexStore

    small_home.home.mkdir(parents=True, exist_ok=True)
    (small_home.home / "terms.txt").write_text("弄堂议事会\n", encoding="utf-8")
    ingest([small_corpus], small_home, embedder=embedder)
    assert "弄堂议事会" in IndexStore(small_home.index_root).open().terms
