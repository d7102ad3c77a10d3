"""One function that makes model or document text safe for a terminal or a page.

Terminal escape sequences (ESC[2J, ESC[31m, ESC]0;title BEL, ...) are removed whole, with
their parameters and payload, and every other C0/C1 control character (and DEL) is
removed, except newline and tab. Bidirectional overrides (U+202A-202E, U+2066-2069),
which can make text read differently from what it is, are removed too."""
from __future__ import annotations

import re

# ESC followed by: CSI (ESC [ params final), OSC/DCS/SOS/PM/APC strings (ESC ] … BEL or ST),
# or a two-character sequence (ESC 7, ESC c, ESC ( B …). The 8-bit forms start with C1 chars.
_ESCAPE = re.compile(
    r"(?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]?"
    r"|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
    r"|\x1b[\x20-\x2f]*[\x30-\x7e]?")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def strip_controls(text: str) -> str:
    """Text without terminal escape sequences or control characters (newline and tab kept)."""
    if not text:
        return text or ""
    return _CONTROL.sub("", _ESCAPE.sub("", text))


def unfinished_escape(text: str, limit: int = 256) -> int:
    """Length of a trailing escape sequence that the next piece of a stream may still
    complete (0 if none); at most `limit`, so a stray ESC cannot hold text back for long."""
    i = text.rfind("\x1b", max(0, len(text) - limit))
    if i < 0:
        return 0
    m = _ESCAPE.match(text, i)
    if m is None or m.end() < len(text) or _complete(m.group(0)):
        return 0
    return len(text) - i


def _complete(seq: str) -> bool:
    """Whether an escape sequence (starting with ESC) is finished."""
    if len(seq) < 2:
        return False
    if seq[1] == "[":
        return bool(re.fullmatch(r"\x1b\[[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]", seq))
    if seq[1] in "]PX^_":
        return seq.endswith(("\x07", "\x1b\\"))
    return bool(re.fullmatch(r"\x1b[\x20-\x2f]*[\x30-\x7e]", seq))


_SOURCE_MARK = re.compile(r"\[(\d{1,3})\]")


def source_marks(text: str) -> str:
    """A footnote marker the source itself carries ([4]) shown as 〔4〕, so it can never be
    mistaken for one of our [n] citation markers. Same length: spans stay valid."""
    return _SOURCE_MARK.sub(lambda m: f"〔{m.group(1)}〕", text)
