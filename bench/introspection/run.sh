#!/bin/sh
# Completion and inspection with the TypeScript language service against TSDL_LANGUAGE_SERVICE=0, one run, through
# jupyter_client (bench/introspection/bench.py).
#   sh bench/introspection/run.sh [bench.py options, e.g. --requests 80 --executes 200]
# Needs /usr/bin/python3 with jupyter_client (Debian: python3-jupyter-client). Scratch folder: $TSDL_BENCH_DIR
# (default /tmp/tsdl-introspection-bench); the kernels' stderr goes to kernels.log there.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
work=${TSDL_BENCH_DIR:-/tmp/tsdl-introspection-bench}
mkdir -p "$work/notebook" "$work/home"
: >"$work/kernels.log"

# tsdl, from this checkout (dist/, dist/language-service.js, dist/types), as an uninstalled kernelspec.
(cd "$root" && npm run --silent build)
node "$root/install.js" --prefix "$work/tsdl" >/dev/null
# No history from an earlier run: tsdl reads it at start-up.
rm -rf "$work/home/.local/share/jupyter/tsdl"

export JUPYTER_PATH="$work/tsdl/share/jupyter${JUPYTER_PATH:+:$JUPYTER_PATH}"
echo "tsdl $(node -p "require('$root/package.json').version") on Node $(node --version)," \
  "jupyter_client $(/usr/bin/python3 -c "import jupyter_client; print(jupyter_client.__version__)"), $(nproc) cores," \
  "load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u '+%Y-%m-%d %H:%M UTC')"
# The kernels run in a notebook folder of their own (no node_modules above it), as a user's notebook would.
status=0
HOME="$work/home" /usr/bin/python3 "$root/bench/introspection/bench.py" --kernel tsdl --cwd "$work/notebook" \
  --log "$work/kernels.log" --json "$work/results.json" "$@" || status=$?
if grep -n 'language service' "$work/kernels.log" >/dev/null; then
  echo "The kernels' log ($work/kernels.log) mentions the language service:"
  grep -n -A3 'language service' "$work/kernels.log" | head -40
fi
exit $status
