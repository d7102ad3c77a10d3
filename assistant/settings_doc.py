"""The README's settings table, generated from `Settings` so the two never disagree.

`python -m assistant.settings_doc` rewrites the table between the README's
`<!-- settings:begin -->` and `<!-- settings:end -->` markers; tests/test_settings_doc.py fails
when the README differs from what this prints.
"""
from __future__ import annotations

import json
import sys

from pydantic import BaseModel
from pydantic_core import PydanticUndefined

from .settings import REPO_ROOT, Settings

README = REPO_ROOT / "README.md"
BEGIN, END = "<!-- settings:begin -->", "<!-- settings:end -->"
COMPUTED = {"home": "user data dir (`~/.local/share/shequ`)", "corpus": "the bundled `corpus/`"}


def _default(name: str, field, instance: BaseModel | None) -> str:
    if name in COMPUTED:
        return COMPUTED[name]
    value = getattr(instance, name) if instance is not None else field.default
    if value is PydanticUndefined or value is None or value == "":
        return "empty"
    if isinstance(value, (tuple, list)):
        return "`" + json.dumps(list(value), ensure_ascii=False) + "`" if value else "empty"
    return f"`{value}`"


def _rows(model: type[BaseModel], prefix: str, instance: BaseModel | None) -> list[str]:
    rows = []
    for name, field in model.model_fields.items():
        sub = field.annotation
        if isinstance(sub, type) and issubclass(sub, BaseModel):
            rows += _rows(sub, f"{prefix}{name.upper()}__", sub())
            continue
        desc = (field.description or "").replace("|", "\\|").replace("\n", " ")
        rows.append(f"| `{prefix}{name.upper()}` | {_default(name, field, instance)} | {desc} |")
    return rows


def markdown_table() -> str:
    """One row per setting, nested sections (answer, plan) flattened as SHEQU_<SECTION>__<NAME>;
    defaults as loaded (fitted values included), secrets never shown."""
    head = ["| variable | default | meaning |", "|---|---|---|"]
    return "\n".join(head + _rows(Settings, "SHEQU_", None))


def readme_table(text: str) -> str:
    start, end = text.index(BEGIN) + len(BEGIN), text.index(END)
    return text[start:end].strip("\n")


def main() -> int:
    text = README.read_text(encoding="utf-8")
    start, end = text.index(BEGIN) + len(BEGIN), text.index(END)
    README.write_text(text[:start] + "\n" + markdown_table() + "\n" + text[end:], encoding="utf-8")
    print(f"{README}: settings table rewritten")
    return 0


if __name__ == "__main__":
    sys.exit(main())
