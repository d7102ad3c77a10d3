"""Installed versions are the ones constraints.txt pins (a newer release once broke the suite)."""
from __future__ import annotations

import re
from importlib import metadata
from pathlib import Path

from packaging.version import Version

CONSTRAINTS = Path(__file__).resolve().parent.parent / "constraints.txt"


def pins() -> dict[str, str]:
    out = {}
    for line in CONSTRAINTS.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^([A-Za-z0-9_.-]+)==([^\s;#]+)", line)
        if m:
            out[re.sub(r"[-_.]+", "-", m.group(1)).lower()] = m.group(2)
    return out


def test_installed_versions_match_the_lock():
    wrong, missing = [], []
    for name, want in pins().items():
        try:
            have = metadata.version(name)
        except metadata.PackageNotFoundError:
            missing.append(name)
            continue
        if Version(have).public != Version(want).public:  # torch 2.13.0+cpu is 2.13.0
            wrong.append(f"{name}: 已安装 {have}，锁定 {want}")
    assert not wrong, "与 constraints.txt 不一致：" + "；".join(wrong)
    # The test command installs every extra, so every pin is there.
    assert not missing, f"constraints.txt 中的包未安装：{missing}"


def test_every_direct_dependency_is_pinned():
    import tomllib

    project = tomllib.loads((CONSTRAINTS.parent / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    reqs = project["dependencies"] + [r for extra in project["optional-dependencies"].values() for r in extra]
    names = {re.sub(r"[-_.]+", "-", re.match(r"[A-Za-z0-9_.-]+", r).group()).lower() for r in reqs}
    assert names - set(pins()) == set()


def test_llama_cpp_is_held_below_the_release_that_segfaults():
    assert Version(pins()["llama-cpp-python"]) < Version("0.3.36")
