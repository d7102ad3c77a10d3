"""Clean raw text into the canonical document text that citations point into.

Steps: normalize characters and punctuation, drop web boilerplate, join lines broken
in mid-sentence, and split compilations (第1篇 … 第N篇) into separate articles.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .headings import ends_sentence, is_meta_line, is_pure_heading, marker_level

HALF_TO_FULL = {",": "，", ":": "：", ";": "；", "!": "！", "?": "？", "(": "（", ")": "）"}
BOILERPLATE = [re.compile(p) for p in (
    r"阅读\s*[:：]\s*\d+", r"评论\s*[:：]\s*\d+", r"赞\s*[（(]\s*\d+\s*[）)]",
    r"放大\s*缩小\s*默认", r"标题导航", r"相关新闻", r".*上一版.*下一版.*",
    r"第[A-Z]?\d+版\s*[:：].*", r"上一篇\s*[:：].*下一篇\s*[:：].*",
    r"(\d{4}-\d{1,2}-\d{1,2}\s*)?版权声明\s*我要投稿", r"(责任)?编辑\s*[:：].*",
    r"来源\s*[:：]\s*", r"(https?://|www\.)\S+.*", r"\d{4}-\d{1,2}-\d{1,2}(\s+\d{1,2}:\d{2}(:\d{2})?)?",
    r"\d{4}年\d{1,2}月\d{1,2}日\s*星期.", r"[\[【]\s*", r"[\[【]文献标识码[\]】].*",
    r"本版图片由.*提供", r"图为.{0,60}", r"本报记者.*", r"[A-Za-z]{2,6}", r"[-—=_*·\s]{3,}",
)]
BOILER_PREFIX = re.compile(r"^(相关新闻|标题导航)(?=\S)")
ARTICLE = re.compile(r"^第([0-9一二三四五六七八九十百]+)篇\s*[:：]\s*(.*)$")
AUTHOR = re.compile(r"^作者\s*[:：]\s*(.+)$")
CJK = re.compile(r"[\u3400-\u9fff\u3000-\u303f\uff00-\uffef“”‘’]")
_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")  # Unicode category Cc, except \n
_HALF = re.compile(r"[,:;!?()]")


@dataclass(frozen=True)
class Article:
    number: str
    label: str
    text: str
    author: str = ""


def normalize_chars(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    text = text.replace("\xa0", " ").replace("\u3000", " ").replace("\t", " ")
    text = _CONTROL.sub("", text)
    return normalize_punct(text)


def normalize_punct(text: str) -> str:
    """Half-width , : ; ! ? ( ) next to Chinese text become full-width."""
    if not _HALF.search(text):
        return text
    out = list(text)
    for m in _HALF.finditer(text):  # regex scan: a 10 MB paragraph stays fast
        i, ch = m.start(), m.group()
        prev = _neighbor(text, i, -1)
        nxt = _neighbor(text, i, 1)
        if ch == "(":
            hit = bool(CJK.match(nxt)) or (bool(CJK.match(prev)) and not nxt.isdigit())
        elif ch == ")":
            hit = bool(CJK.match(prev)) or (bool(CJK.match(nxt)) and not prev.isdigit())
        else:
            hit = bool(CJK.match(prev)) or bool(CJK.match(nxt))
        if hit:
            out[i] = HALF_TO_FULL[ch]
    return "".join(out)


def _neighbor(text: str, i: int, step: int) -> str:
    j = i + step
    while 0 <= j < len(text) and text[j] == " ":
        j += step
    return text[j] if 0 <= j < len(text) else ""


def is_boilerplate(line: str) -> bool:
    return any(p.fullmatch(line) for p in BOILERPLATE)


INNER = "，,、；;"
_FIRST_SENT = re.compile(r"^.*?[。！？!?；;]")


def should_join(a: str, b: str, a_is_first: bool, has_inner: bool | None = None) -> bool:
    """True when line `a` was broken in mid-sentence and `b` continues it."""
    if a_is_first or ends_sentence(a) or a.startswith(("——", "--")) or is_meta_line(a) or is_meta_line(b):
        return False
    if marker_level(b) is not None or b.startswith(("——", "-", "[", "【", "作者")):
        return False
    m = _FIRST_SENT.match(b[:64])  # only a short first sentence matters
    first = m.group() if m else b
    completes = len(first) <= 10 and ends_sentence(first)
    if is_pure_heading(a):
        return completes  # a heading line whose sentence runs on into the next line
    if has_inner is None:
        has_inner = any(ch in a for ch in INNER)
    return has_inner or len(a) >= 20 or completes


def join_lines(lines: list[str]) -> list[str]:
    """Join broken lines. Linear time: a joined line is kept as pieces, and should_join
    sees its head and tail only (all it looks at), so hard-wrapped megabytes stay fast."""
    out: list[list[str]] = []
    size = inner = 0
    for line in lines:
        if out:
            cur = out[-1]
            view = cur[0] if len(cur) == 1 else _ends(cur, size)
            if should_join(view, line, len(out) == 1, bool(inner)):
                tail = cur[-1]
                if tail[-1:].isascii() and tail[-1:].isalnum() and line[:1].isascii():
                    cur.append(" ")
                    size += 1
                cur.append(line)
                size += len(line)
                inner = inner or any(ch in line for ch in INNER)
                continue
        out.append([line])
        size, inner = len(line), any(ch in line for ch in INNER)
    return ["".join(parts) for parts in out]


def _ends(parts: list[str], size: int) -> str:
    """First and last 40 characters of a joined line (longer than any heading)."""
    if size <= 80:
        return "".join(parts)
    head, i = "", 0
    while len(head) < 40:
        head += parts[i][:40]
        i += 1
    tail, k = "", len(parts)
    while len(tail) < 40:
        k -= 1
        tail = parts[k][-40:] + tail
    return head[:40] + tail[-40:]


def clean_lines(raw: str) -> list[str]:
    lines = []
    for line in normalize_chars(raw).split("\n"):
        line = re.sub(r" {2,}", " ", line.strip())
        line = BOILER_PREFIX.sub("", line).strip()
        if line and not is_boilerplate(line):
            lines.append(line)
    return lines


def clean(raw: str, drop: tuple[str, ...] = (), join: bool = True) -> str:
    """Canonical text of one document: one paragraph or heading per line. `join=False` for
    formats that mark their own paragraphs (Markdown, Word, HTML): nothing was broken there."""
    lines = [ln for ln in clean_lines(raw) if ln not in drop]
    return "\n".join(join_lines(lines) if join else lines)


def split_articles(raw: str) -> list[Article]:
    """Split a compilation with two or more 第N篇 markers; else return []."""
    lines = clean_lines(raw)
    marks = [i for i, ln in enumerate(lines) if ARTICLE.match(ln)]
    if len(marks) < 2:
        return []
    articles = []
    for k, start in enumerate(marks):
        end = marks[k + 1] if k + 1 < len(marks) else len(lines)
        m = ARTICLE.match(lines[start])
        body = lines[start + 1:end]
        authors = [AUTHOR.match(ln).group(1).strip() for ln in body if AUTHOR.match(ln)]
        body = [ln for ln in body if not AUTHOR.match(ln)]
        articles.append(Article(m.group(1), m.group(2).strip(), "\n".join(join_lines(body)),
                                "、".join(authors)))
    return articles
