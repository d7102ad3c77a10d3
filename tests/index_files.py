"""Where a named file of the live index version is: the version folder's own files
(manifest.json, terms.json), else the file in one of the segments it lists (default: the newest)."""
from __future__ import annotations

import json
from pathlib import Path

OWN = ("manifest.json", "terms.json", "segments.json")


def index_file(store, name: str, segment: int = -1) -> Path:
    live = store.current_dir()
    if name in OWN:
        return live / name
    segments = json.loads((live / "manifest.json").read_text(encoding="utf-8"))["segments"]
    return store.root / "segments" / segments[segment]["id"] / name
