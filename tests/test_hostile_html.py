"""Hostile HTML (issue 16): deep nesting, entities that spell markup, a DOCTYPE with its own
entities, and text a reader never sees. Real files through the real loader and pipeline."""
from __future__ import annotations

import time
from pathlib import Path

import pytest

from ingest.loaders import MAX_HTML_DEPTH, _flatten, load_html
from ingest.markup import markdown_text
from ingest.pipeline import load_paths

TEXT = "社区协商议事会每月召开一次，由社区党组织书记主持，居民代表参加。"
MORE = "议事会形成的决议在社区公示栏公开，由居委会负责落实并向居民报告。"


def deep(n: int) -> str:
    return ("<html><body>" + "<div>" * n + f"<article><h1>议事会制度</h1><p>{TEXT}</p><p>{MORE}</p></article>"
            + "</div>" * n + "</body></html>")


HIDDEN = f"""<html><head><title>议事会</title></head><body><article><h1>议事会制度</h1><p>{TEXT}</p>
<p style="display:none">SECRET-DISPLAY</p><p style="COLOR: red; Display : None">SECRET-DISPLAY2</p>
<div hidden>SECRET-HIDDEN</div><span aria-hidden="true">SECRET-ARIA</span>
<p style="visibility:hidden">SECRET-VISIBILITY</p><template><p>SECRET-TEMPLATE</p></template>
<script>SECRET-SCRIPT</script><style>.x{{content:"SECRET-STYLE"}}</style>
<p>{MORE}</p><span aria-hidden="false">看得见的说明文字。</span></article></body></html>"""

ENTITY_TITLE = (f"<html><head><title>&lt;script&gt;alert(1)&lt;/script&gt;</title></head><body><article>"
                f"<h1>&lt;img src=x onerror=alert(1)&gt;议事会制度</h1><p>{TEXT}</p><p>{MORE}</p></article></body></html>")
DOCTYPE = (f'<!DOCTYPE html [<!ENTITY t "<h1>注入</h1>"> <!ENTITY u "]>">]><html><head><title>&t;</title></head>'
           f"<body><article><h1>议事会制度</h1><p>{TEXT}</p><p>{MORE}</p></article></body></html>")


@pytest.mark.parametrize("n", [300, 5000, 100_000])
def test_deep_nesting_keeps_the_text_fast(n):
    t = time.perf_counter()
    text = load_html(deep(n).encode(), f"deep{n}.html")
    assert time.perf_counter() - t < 10
    assert text == load_html(deep(3).encode(), "shallow.html")  # the same text as a sane page
    assert TEXT in text and MORE in text


def test_flatten_unwraps_only_past_the_limit():
    shallow = deep(10)
    assert _flatten(shallow) == shallow  # ordinary pages are untouched
    flat = _flatten(deep(1000))
    assert flat.count("<div>") == MAX_HTML_DEPTH - 2 and flat.count("</div>") == MAX_HTML_DEPTH - 2
    assert TEXT in flat


def test_hidden_elements_are_not_indexed():
    text = load_html(HIDDEN.encode(), "hidden.html")
    assert TEXT in text and MORE in text and "看得见的说明文字" in text
    assert "SECRET" not in text, text


def test_hidden_elements_in_markdown_html_blocks():
    md = f"# 议事会\n\n{TEXT}\n\n<div hidden>SECRET-A</div>\n\n<div style=\"display: none\">SECRET-B</div>\n\n{MORE}\n"
    text = markdown_text(md)
    assert TEXT in text and MORE in text and "SECRET" not in text


def test_entities_do_not_become_markup():
    text = load_html(ENTITY_TITLE.encode(), "entity.html")
    assert "<" not in text and ">" not in text
    assert "＜img src=x onerror=alert(1)＞议事会制度" in text  # what the page shows, as text


def test_doctype_entities_are_not_expanded():
    text = load_html(DOCTYPE.encode(), "doctype.html")
    assert "]>" not in text and "注入" not in text and "<" not in text
    assert TEXT in text


def test_pipeline_titles_and_texts(tmp_path: Path):
    """The same files through the ingest pipeline: one document each, clean titles, no
    hidden text, in seconds."""
    files = {"deep.html": deep(100_000), "hidden.html": HIDDEN, "entity.html": ENTITY_TITLE,
             "doctype.html": DOCTYPE}
    for name, html in files.items():
        (tmp_path / name).write_text(html, encoding="utf-8")
    t = time.perf_counter()
    result = load_paths([tmp_path], 50 * 1024 * 1024)
    assert time.perf_counter() - t < 30
    assert not result.errors, result.errors
    docs = {d.doc_id: d for d in result.documents}
    assert set(docs) == set(files)
    for d in docs.values():
        assert TEXT in d.text and "SECRET" not in d.text
        assert "<" not in d.title and ">" not in d.title and "]" not in d.title, d.title
    assert docs["deep.html"].title == docs["hidden.html"].title == "议事会制度"
