"""有用/没用 feedback on answers, kept locally as JSON lines ($SHEQU_HOME/feedback.jsonl) so a
trainer can review where the assistant fails: question, answer, citations, trace, verdict."""
from __future__ import annotations

import json
import os
import threading
import time
from pathlib import Path

from .types import Answer

FILE = "feedback.jsonl"
_LOCK = threading.Lock()


def path(home: Path) -> Path:
    return Path(home) / FILE


def record(home: Path, answer: Answer, useful: bool, comment: str = "") -> dict:
    """Append one verdict (flushed and fsynced: a crash loses nothing already said)."""
    row = {"time": time.strftime("%Y-%m-%dT%H:%M:%S"), "useful": bool(useful), "question": answer.question,
           "answer": answer.text, "found": answer.found,
           "citations": [c.to_dict() for c in answer.citations], "trace": answer.trace or {},
           "comment": comment.strip()}
    p = path(home)
    p.parent.mkdir(parents=True, exist_ok=True)
    line = json.dumps(row, ensure_ascii=False) + "\n"
    with _LOCK, p.open("a", encoding="utf-8") as f:
        f.write(line)
        f.flush()
        os.fsync(f.fileno())
    return row


def read(home: Path) -> list[dict]:
    """Every verdict so far, oldest first (a damaged line is skipped, the rest kept)."""
    p = path(home)
    if not p.exists():
        return []
    out = []
    for ln in p.read_text(encoding="utf-8").splitlines():
        try:
            out.append(json.loads(ln))
        except ValueError:
            continue
    return out
