"""The one numerals module (ingest/numerals.py): the agreed readings, pinned."""
from __future__ import annotations

import pytest

from ingest.numerals import cn_to_int, int_to_cn, read_digits


@pytest.mark.parametrize("s,n", [
    ("二十五", 25), ("双", 2), ("两", 2), ("十", 10), ("一百零五", 105), ("五", 5), ("十二", 12),
    ("二十", 20), ("零", 0), ("一千二百", 1200), ("三万", 30000), ("十二万", 120000), ("15", 15), ("１５", 15),
])
def test_cn_to_int(s, n):
    assert cn_to_int(s) == n


@pytest.mark.parametrize("s", ["", "三四", "十四五", "二〇二一", "四化", "X"])
def test_cn_to_int_refuses_what_is_not_one_number(s):
    assert cn_to_int(s) is None


@pytest.mark.parametrize("n,s", [(0, "零"), (1, "一"), (2, "二"), (10, "十"), (11, "十一"), (20, "二十"),
                                 (25, "二十五"), (99, "九十九")])
def test_int_to_cn(n, s):
    assert int_to_cn(n) == s
    assert cn_to_int(s) == n


def test_int_to_cn_names_a_bad_value():
    with pytest.raises(ValueError, match="100"):
        int_to_cn(100)


def test_years_read_digit_by_digit():
    assert read_digits("二〇二一") == "2021" and read_digits("二○二一") == "2021" and read_digits("2021") == "2021"


def test_every_reader_agrees():
    """The query rewriter, the question reader, method names, quizzes and dates share it."""
    import re

    from assistant.answer.intent import asked_count
    from assistant.methods.numerals import parse_name
    from assistant.retrieve import rewrite_query
    from ingest.meta import DATE, to_iso

    assert rewrite_query("四加一工作法") == "4+1工作法"
    assert asked_count("包括哪三种会") == 3 and asked_count("社区有两个支部吗") == 2
    assert parse_name("一好双强").total == 3
    assert to_iso(re.search(DATE, "二〇二一年六月二十九日")) == "2021-06-29"
