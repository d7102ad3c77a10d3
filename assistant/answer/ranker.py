"""A small learned ranker over sentence features, in place of hand-added bonuses.

Each candidate (sentence, list unit or stating heading) is described by a few general features
on a 0–1 scale: how much of the question it holds, how its passage was retrieved, its shape
(list, heading, lead ending in "："), and whether its shape fits the kind of question (a list
for 哪些, an amount for 多少). `python -m evals.fit_ranker` fits a logistic model on the dev
questions (label: the candidate holds gold evidence or an answer key) and writes the weights
to fitted.json; with no weights the hand-set score of `candidate_sentences` is used.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

from ..retrieve import rewrite_query, strip_question
from .intent import is_enumeration, is_quantity, states_amount
from .shape import list_size

FEATURES = ("lex", "bigram", "chunk", "rank", "dense", "unit", "heading", "listy", "enum_listy", "quant_amount",
            "length", "first", "rarest", "dangling_lead", "norm_q_norm")
_HAN = re.compile(r"[\u4e00-\u9fff]{2,}")
_NORMATIVE = re.compile(r"应当|不得|必须|可以|禁止|严禁|有权|负责")
_NORM_Q = re.compile(r"能不能|可不可以|能否|可以吗|是否|要不要|必须|应该|应当|得不得|允许|禁止|谁负责|由谁")


@dataclass(frozen=True)
class Shape:
    """What kind of answer the question wants (computed once per question)."""
    question: str
    enumeration: bool
    quantity: bool
    normative: bool
    bigrams: frozenset[str]  # the question's character bigrams (framing stripped): robust to word cutting

    @classmethod
    def of(cls, question: str) -> "Shape":
        return cls(question, is_enumeration(question), is_quantity(question), bool(_NORM_Q.search(question)),
                   bigrams(strip_question(rewrite_query(question))))


def bigrams(text: str) -> frozenset[str]:
    """Character bigrams of the Chinese runs of a text."""
    return frozenset(run[i:i + 2] for run in _HAN.findall(text) for i in range(len(run) - 1))


def features(text: str, kind: str, lex: float, chunk_score: float, rank: int, dense: float,
             first: bool, rarest: bool, shape: Shape) -> tuple[float, ...]:
    """The feature vector of one candidate, in FEATURES order."""
    listy = kind == "unit" or list_size(text) >= 2
    dangling = kind == "sentence" and text.rstrip().endswith(("：", ":"))
    shared = len(shape.bigrams & bigrams(text)) / len(shape.bigrams) if shape.bigrams else 0.0
    return (lex, shared, chunk_score, min(rank, 10) / 10, dense, float(kind == "unit"), float(kind == "heading"),
            float(listy), float(listy and shape.enumeration),
            float(shape.quantity and states_amount(text, shape.question)),
            min(math.log1p(len(text)) / math.log1p(400), 1.5), float(first), float(rarest), float(dangling),
            float(shape.normative and bool(_NORMATIVE.search(text))))


def learned_score(x: tuple[float, ...], weights: tuple[float, ...]) -> float:
    """Probability that the candidate holds the answer: sigmoid(bias + w·x)."""
    z = weights[0] + sum(w * v for w, v in zip(weights[1:], x))
    return 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))
