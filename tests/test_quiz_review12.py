"""Trainer review 12 (seed 51): the teacher paper's subtitle read “（教师用卷（含答案与解析））”, and
its 出题说明 printed the tool's own operation (命令行 --region) to the trainer."""
from __future__ import annotations


def test_the_papers_subtitle_and_advice_read_as_a_paper(kb, tmp_path):
    from docx import Document as Docx

    from assistant.quiz import build
    from assistant.quiz.export import to_docx

    quiz = build(kb, n=30, seed=3)
    assert "地方性文件" in quiz.advice  # (the paper has local items: the region advice is printed)
    teacher = [p.text for p in Docx(str(to_docx(quiz, tmp_path / "t.docx"))).paragraphs]
    student = [p.text for p in Docx(str(to_docx(quiz, tmp_path / "s.docx", student_only=True))).paragraphs]
    assert "（教师用卷，含答案与解析）" in teacher[:3] and "（学生用卷）" in student[:3]
    assert not any("）（" in t or "（（" in t or "））" in t for t in teacher[:3])
    assert not any("--region" in t or "命令行" in t for t in teacher)
