"""A quiz for one region's trainees: national texts plus that province's or city's own texts, and
what a paper over the whole library tells the trainer about its local items.

A local regulation (北京市物业管理条例, 上海市居民委员会工作条例) binds one place: a class in 河南 learns
nothing from 北京's figures. `--region 北京` keeps national texts and 北京's; `--region 全国` keeps
national texts only. Without a region the paper takes national texts first (settings.quiz.local_share,
0 by default: local ones only to fill it), caps each place's share (settings.quiz.place_share), and its
advice counts the local items by place, naming the option.
"""
from __future__ import annotations

from collections import Counter

from .generate import province

NATIONAL = ("全国", "国家", "national")  # a region that keeps national texts only
_SUFFIX = ("特别行政区", "自治区", "省", "市")


HOW = "（网页出题页的“适用地区”，命令行 --region；只保留全国性文件和该地区文件）"  # to the user of the tool
ON_PAPER = "（只保留全国性文件和该地区文件）"  # the same advice printed in the paper: no tool operation (review 12)
ON_WEB = "（本页的“适用地区”；只保留全国性文件和该地区文件）"  # the same advice on the web page: no command line


def _bare(place: str) -> str:
    for s in _SUFFIX:
        if place.endswith(s) and len(place) > len(s) + 1:
            return place[: -len(s)]
    return place


def places(docs: dict) -> list[str]:
    """The provinces and municipalities the library's local texts belong to."""
    return sorted({p for d in docs.values() if (p := province(d))})


def resolve(region: str | None, docs: dict) -> str | None:
    """None: no region asked; "": national texts only; else the province the region names.
    Raises ValueError (a Chinese message) for a region no text belongs to."""
    if region is None or not str(region).strip():
        return None
    r = str(region).strip()
    if r.lower() in NATIONAL:
        return ""
    hits = [p for p in places(docs) if _bare(p) == _bare(r)]
    if not hits:
        known = "、".join(places(docs)) or "（无）"
        raise ValueError(f"资料库中没有“{r}”的地方性文件。可选地区：{known}，或“全国”（只用全国性文件）。")
    return hits[0]


def keeps(doc, home: str | None) -> bool:
    """Whether a document is in a region's scope: national texts always, local ones of `home` only."""
    place = province(doc)
    return home is None or not place or place == home


SCENE = "【情景】"


def tag_local(items: list, docs: dict) -> None:
    """A paper without a region: each local item's stem opens with its place (【北京市地方规定】), so
    neither trainer nor trainee takes one place's rule for a national one (review 58: 4 local items
    in a mixed-province class). Such items only fill what the national texts cannot (local_share)."""
    for it in items:
        place = province(docs[it.citation.doc_id])
        if not place:
            continue
        tag = f"【{place}地方规定】"
        scene = it.stem.startswith(SCENE)
        it.stem = (SCENE if scene else "") + tag + it.stem[len(SCENE) if scene else 0:]


def label(home: str) -> str:
    return f"地区：{home}（另含全国性文件）" if home else "地区：全国（只用全国性文件）"


def local_advice(items: list, docs: dict, most: int | None = None) -> str:
    """To the trainer of a paper over every region: how many items ask which place's texts, and
    the cap a paper without a region holds them to (settings.quiz.local_share)."""
    count = Counter(p for it in items if (p := province(docs[it.citation.doc_id])))
    if not items or not count and (most is None or not places(docs)):
        return ""
    if not count:  # (national texts first: the trainer learns the region option adds the class's own texts)
        rule = f"地方性文件的题目最多出 {most} 道" if most else "先出全国性文件的题，地方性文件的题"
        return (f"本卷有 0 道题出自地方性文件（全部出自全国性文件）：未指定适用地区时，{rule}，"
                f"只在全国性文件可出的题不够时补入；如学员来自同一地区，出题时可指定“适用地区”{HOW}，加入该地区文件的题。")
    nums = {p: "、".join(str(i) for i, it in enumerate(items, 1) if province(docs[it.citation.doc_id]) == p) for p in count}
    each = "；".join(f"{p} {n} 道：第 {nums[p]} 题" for p, n in count.most_common())  # (which to drop for another class)
    total = sum(count.values())
    return (f"本卷有 {total} 道题出自地方性文件（{each}），只对当地学员适用；{_cap(total, most)}"
            f"如学员来自同一地区，出题时可指定“适用地区”{HOW}，或选“全国”只出全国性文件的题。")


def _cap(total: int, most: int | None) -> str:
    """The rule that let `total` local items in; a cap of 0 (national texts first) is said as that
    rule, not as “最多出 0 道” beside the local items it had to take (trainer review 57)."""
    if most is None:
        return ""
    if total <= most:
        return f"未指定适用地区时，地方性文件的题目最多出 {most} 道；"
    if most:
        return f"未指定适用地区时先出全国性文件的题（地方性文件的题目最多出 {most} 道），因全国性文件可出的题不够才补入；"
    return "未指定适用地区时先出全国性文件的题，因全国性文件可出的题不够才补入这些题；"
