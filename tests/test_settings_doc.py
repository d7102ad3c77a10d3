"""The README's settings table is the one generated from Settings (python -m assistant.settings_doc)."""
from __future__ import annotations

from assistant.settings import Settings
from assistant.settings_doc import README, markdown_table, readme_table


def test_readme_settings_table_matches_settings():
    assert readme_table(README.read_text(encoding="utf-8")) == markdown_table(), \
        "README settings table is out of date: run python -m assistant.settings_doc"


def test_every_setting_is_described():
    for name, field in Settings.model_fields.items():
        assert field.description, f"Settings.{name} has no description"
    for section in ("answer", "plan"):
        for name, field in Settings.model_fields[section].annotation.model_fields.items():
            assert field.description, f"Settings.{section}.{name} has no description"
