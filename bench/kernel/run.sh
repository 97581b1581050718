#!/bin/sh
# Kernel latency: tsdl vs Deno's kernel vs Debian's ipykernel, one run, one harness (bench/kernel/bench.py).
#   sh bench/kernel/run.sh [bench.py options, e.g. --startups 10 --executes 400] [more NAME=KERNELSPEC]
# Needs /usr/bin/python3 with jupyter_client and ipykernel (Debian: python3-jupyter-client, python3-ipykernel) and
# the npm registry once, for the `deno` package. Scratch folder: $TSDL_BENCH_DIR (default /tmp/tsdl-kernel-bench).
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
work=${TSDL_BENCH_DIR:-/tmp/tsdl-kernel-bench}
mkdir -p "$work"
: >"$work/kernels.log"

# tsdl, from this checkout, as an uninstalled kernelspec.
(cd "$root" && npm run --silent build)
node "$root/install.js" --prefix "$work/tsdl" >/dev/null

# Deno from npm (the package carries the binary); its kernelspec goes under a scratch HOME.
if [ ! -x "$work/deno/node_modules/.bin/deno" ]; then
  mkdir -p "$work/deno"
  (cd "$work/deno" && npm init -y >/dev/null && npm install --no-audit --no-fund deno >/dev/null)
fi
mkdir -p "$work/home"
# Every run starts with no tsdl or IPython history: both grow with each cell, and tsdl reads its history at start-up.
rm -rf "$work/home/.local/share/jupyter/tsdl" "$work/home/.ipython"
HOME="$work/home" DENO_NO_UPDATE_CHECK=1 "$work/deno/node_modules/.bin/deno" jupyter --install --force >/dev/null 2>&1

export JUPYTER_PATH="$work/tsdl/share/jupyter:$work/home/.local/share/jupyter${JUPYTER_PATH:+:$JUPYTER_PATH}"
echo "tsdl $(node -p "require('$root/package.json').version") on Node $(node --version)," \
  "$("$work/deno/node_modules/.bin/deno" --version | head -1)," \
  "ipykernel $(/usr/bin/python3 -c "import importlib.metadata as m; print(m.version('ipykernel'))"), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
# Deno's kernel keeps its cache under HOME, so every kernel runs with the scratch HOME.
HOME="$work/home" /usr/bin/python3 "$root/bench/kernel/bench.py" --log "$work/kernels.log" "$@" tsdl=tsdl deno=deno ipykernel=python3
