"""Feature modules (methods, plan, quiz) are optional: tabs show a notice when one is absent."""
from __future__ import annotations

import importlib
from types import ModuleType


def feature(name: str) -> ModuleType | None:
    """assistant.<name>, or None when that feature is not installed."""
    try:
        return importlib.import_module(f"assistant.{name}")
    except ModuleNotFoundError as e:
        if e.name and f"assistant.{name}".startswith(e.name):
            return None
        raise


def available(name: str, attrs: tuple[str, ...] = ()) -> bool:
    mod = feature(name)
    return mod is not None and all(hasattr(mod, a) for a in attrs)


def missing_html(label: str) -> str:
    return (f'<div class="feature-missing"><b>“{label}”功能尚未安装。</b><br>'
            "当前版本的助手还没有这个模块，其他页面不受影响。安装完整版本后刷新页面即可使用。</div>")
