"""Trainer review 16 (seed 57, stop 32): a paper a trainer hands out as it is. Its Word file rendered by
LibreOffice numbers its pages once over the whole file (the key and the 解析 restarted at 1), no
answer bracket “（ ）” sits alone on a line, and no fill-in's blank drags the end of a law title onto
the next line (“《中华人民共和国社区矫正 / 法》，______”)."""
from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from assistant.quiz.model import BLANK

SEED = 57  # (the reviewed paper)


@pytest.fixture(scope="module")
def paper(kb):
    from assistant.quiz import build

    return build(kb, n=60, seed=SEED)


@pytest.fixture(scope="module")
def pages(paper, tmp_path_factory) -> list[str]:
    """The teacher's copy as LibreOffice lays it out: one text per page."""
    from assistant.quiz.export import to_docx

    if not (shutil.which("soffice") and shutil.which("pdftotext")):
        pytest.skip("LibreOffice or poppler not installed")
    out = tmp_path_factory.mktemp("review16")
    path = to_docx(paper, out / "q.docx")
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(out), str(path)],
                   check=True, capture_output=True, timeout=240)
    text = subprocess.run(["pdftotext", "-layout", str(path.with_suffix(".pdf")), "-"], check=True,
                          capture_output=True, text=True).stdout
    return [p for p in text.split("\f") if p.strip()]


def test_page_numbers_run_on_over_the_key_and_the_answers(pages):
    numbers = []
    for page in pages:
        found = re.findall(r"—\s*(\d+)\s*—", page)
        assert found, page[:200]
        numbers.append(int(found[-1]))
    assert numbers == list(range(1, len(pages) + 1)), numbers
    assert any("答案速查" in p for p in pages[1:])


def test_no_answer_bracket_is_alone_on_a_line(pages):
    student = pages[:next(k for k, p in enumerate(pages) if "答案速查" in p)]
    lines = [ln.strip() for p in student for ln in p.splitlines()]
    assert not [ln for ln in lines if re.fullmatch(r"（\s*）", ln)]


def test_a_fill_in_keeps_its_law_title_on_one_line(paper, pages):
    student = "\n".join(pages[:next(k for k, p in enumerate(pages) if "答案速查" in p)])
    lines = [re.sub(r"\s+", "", ln) for ln in student.splitlines()]
    titles = {m for it in paper.items if it.type == BLANK for m in re.findall(r"《[^》]{1,18}》", it.stem)}
    assert titles
    split = [t for t in titles if not any(t in ln for ln in lines)]
    assert not split, split
