"""A document part's sub-sections (（一）X…（n）Z, 1.X 2.Y 3.Z under a heading): which of them form a
part's measures that lists.section_facts asks, and why the others are not asked (evals.quiz_funnel)."""
from __future__ import annotations

import json
import re
from pathlib import Path

from ingest.numerals import cn_to_int

from .facts import ANON

HEADING = re.compile(r"^(?:（[一二三四五六七八九十]+）|[一二三四五六七八九十]+、|\d+[.、．])")  # a heading's own number


SUB_HEADING = re.compile(r"^(?:[（(][一二三四五六七八九十]+[)）]|\d{1,2}[.．、](?!\d))\s*")  # （一） or 1. (an 意见's 1.发挥组织动员优势。)


def _sub_number(leaf: str) -> int | None:
    """The number of a sub-section heading: （三） → 3, 3. → 3."""
    mark = SUB_HEADING.match(leaf).group(0).strip("（()）.．、 ")
    return int(mark) if mark.isdigit() else cn_to_int(mark)


def _all_parts(cs: list) -> bool:
    """The sub-sections found are （一）…（n） without a gap: a key must never leave a part out
    (a sub-heading with sub-items of its own is filed under a deeper section and goes missing)."""
    nums = [_sub_number(c.section.rpartition(" › ")[2]) for c in cs]
    return nums == list(range(1, len(cs) + 1))


WORDS = json.loads(Path(__file__).with_name("part_words.json").read_text(encoding="utf-8"))
FRAME = frozenset(WORDS["frame_headings"])
POLICY = re.compile(WORDS["policy_heading"])
PART_CHARS = 30  # longest heading of a part's measure (as step_facts' points); settings.quiz.part_chars's default
PART_COUNT = (3, 8)  # parts a section's measures may have; settings.quiz.part_count's default


def _headed(doc, c, leaf: str) -> int | None:
    """Where sub-section `leaf`'s heading starts: at its first chunk's text (（一）X。… inline), or on
    its own line just before it (a markdown heading, ### （一）X。, which the chunker keeps out of the
    text); None when neither (the chunk is not where the sub-section begins)."""
    if c.text.startswith(leaf):
        return c.start
    line = doc.text.rfind("\n", 0, max(c.start - 1, 0)) + 1
    return line if doc.text[line:c.start].strip().rstrip("。.").strip() == leaf else None


def part_groups(docs: dict, chunks: list, part_chars: int = PART_CHARS,
                count: tuple[int, int] = PART_COUNT) -> list[tuple[str, str, list, str]]:
    """(doc_id, parent path, [(first chunk, heading start)] of its sub-sections, why the group is
    not asked: "" when it is, else count / name_chars / head_chars / anonymised / frame / policy / gap)."""
    first: dict[tuple[str, str], object] = {}
    for c in chunks:
        first.setdefault((c.doc_id, c.section), c)
    groups: dict[tuple[str, str], list] = {}
    for (doc_id, path), c in first.items():
        parent, _, leaf = path.rpartition(" › ")
        doc = docs.get(doc_id)
        at = _headed(doc, c, leaf) if doc is not None and parent and SUB_HEADING.match(leaf) else None
        if at is not None:
            groups.setdefault((doc_id, parent), []).append((c, at))
    out = []
    for (doc_id, parent), cs in groups.items():
        cs.sort(key=lambda x: x[0].start)
        names = [SUB_HEADING.sub("", c.section.rpartition(" › ")[2]).rstrip("。.") for c, _ in cs]
        head = HEADING.sub("", parent.rpartition(" › ")[2]).rstrip("。.")
        why = ("count" if not count[0] <= len(cs) <= count[1] else
               "name_chars" if not all(2 <= len(n) <= part_chars for n in names) else
               "head_chars" if not 4 <= len(head) <= 30 else
               "anonymised" if ANON.search(head + "".join(names)) else
               "frame" if 2 * sum(n in FRAME for n in names) > len(names) else
               "policy" if 2 * sum(bool(POLICY.match(n)) for n in names) > len(names) else
               "gap" if not _all_parts([c for c, _ in cs]) else "")
        out.append((doc_id, parent, cs, why))
    return out
