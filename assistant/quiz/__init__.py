"""Quiz builder for trainers: verified items with answer keys, 解析 and citations.

    from assistant.quiz import build, to_docx
    quiz = build(kb, topic="网格化管理", n=20, types=["单选题", "判断题"], difficulty="中", seed=1)
    to_docx(quiz, "quiz.docx")   # student paper + separate answer sheet
"""
from .builder import QuizError, build, parse_types
from .export import to_csv, to_docx, to_json, to_md, to_xlsx
from .model import DIFFICULTIES, TYPES, Quiz, QuizItem
from .verify import verify_item

__all__ = ["build", "verify_item", "to_docx", "to_xlsx", "to_csv", "to_json", "to_md", "Quiz", "QuizItem",
           "QuizError", "TYPES", "DIFFICULTIES", "parse_types"]
