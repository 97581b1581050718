#!/usr/bin/env bash
# JupyterLab 4, Notebook 7, ipywidgets 8 and jupyter console (with jupyter_client 8) in .venv/, from the local wheel
# index that pip is configured with (`pip config list`), so the tests can drive today's frontends beside Debian's
# Jupyter (client 7).
# Idempotent: a venv that already imports them is left alone. Prints the venv's bin folder.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
venv="${TSDL_JUPYTER_VENV:-$root/.venv}"
check='import jupyterlab, notebook, ipywidgets, jupyter_client, jupyter_console; assert jupyter_client.version_info[0] >= 8'
if [ -x "$venv/bin/python" ] && "$venv/bin/python" -c "$check" 2>/dev/null; then echo "$venv/bin"; exit 0; fi

# The local index: the first file:// URL among pip's configured index URLs.
index=$(python3 -m pip config list 2>/dev/null | grep -oE "file://[^' ]+" | head -1 || true)
[ -n "$index" ] || index="file:///opt/pypi/simple"
/usr/bin/python3 -m venv "$venv" >&2
PIP_CONFIG_FILE=/dev/null "$venv/bin/python" -m pip install -q --disable-pip-version-check --index-url "$index" \
  'jupyterlab>=4.6,<5' 'notebook>=7,<8' 'ipywidgets>=8,<9' 'jupyter_client>=8' jupyter_console >&2
"$venv/bin/python" -c "$check"
echo "$venv/bin"
