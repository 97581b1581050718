#!/usr/bin/python3
"""Memory per cell through jupyter_client: the kernel process's RSS as thousands of small cells run.

Each kernel runs a warm-up, then rounds of small cells, each round followed by an idle pause (a notebook's user
reads and types between cells, and V8 gives memory back when idle); RSS is read from /proc after each pause. The
first round is warm-up too (V8 sizes its heaps for the work it sees): growth is counted from its end. Two
kinds of cell: `1` (nothing kept) and one that declares a new constant (a name kept for good, in any kernel).
The ratio column compares each kernel's growth with the first kernel named, measured in this run.

usage: memory.py [--cells N] [--rounds N] [--idle S] NAME=KERNELSPEC ...
  e.g. memory.py tsdl=tsdl ipykernel=python3    (JUPYTER_PATH must make the kernelspecs findable)
"""
import argparse
import os
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench import Kernel  # noqa: E402

WARMUP = 300
# A name declared per cell, in each kernel's language.
DECLARE = {"python3": "v{i} = {i}"}


def rss_mb(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for {pid}")


def measure(name, spec, kind, args, env, log):
    kernel = Kernel(name, spec, env, log)
    kernel.start()
    try:
        kernel.await_iopub()
        pid = kernel.km.provisioner.process.pid
        declare = DECLARE.get(spec, "const v{i} = {i}")
        cell = (lambda i: "1") if kind == "1" else (lambda i: declare.format(i=i))
        i = 0
        for _ in range(WARMUP):
            kernel.roundtrip(cell(i))
            i += 1
        time.sleep(args.idle)
        marks = [rss_mb(pid)]
        for _ in range(args.rounds):
            for _ in range(args.cells):
                kernel.roundtrip(cell(i))
                i += 1
            time.sleep(args.idle)
            marks.append(rss_mb(pid))
        return marks
    finally:
        kernel.stop()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cells", type=int, default=5000, help="cells per round")
    parser.add_argument("--rounds", type=int, default=6, help="at least 2: the first is warm-up")
    parser.add_argument("--idle", type=float, default=20.0, help="seconds of idle after each round")
    parser.add_argument("--log", default="/dev/null")
    parser.add_argument("kernels", nargs="+", metavar="NAME=KERNELSPEC")
    args = parser.parse_args()
    specs = [k.split("=", 1) for k in args.kernels]
    env = dict(os.environ, DENO_NO_UPDATE_CHECK="1", TSDL_HISTORY_DIR=tempfile.mkdtemp(prefix="tsdl-memory-bench-"))
    log = open(args.log, "ab")
    rows = []
    for kind in ("1", "declare"):
        growth = {}
        for name, spec in specs:
            marks = measure(name, spec, kind, args, env, log)
            growth[name] = (marks[-1] - marks[1]) * 1000 / (args.cells * (args.rounds - 1))
            rows.append((name, kind, marks, growth[name], growth[name] / growth[specs[0][0]] if growth[specs[0][0]] else float("nan")))
            print(f"  {name} {kind}: RSS {' '.join(f'{m:.1f}' for m in marks)} MB", file=sys.stderr)
    print()
    print(f"| kernel | cell | RSS after the first round | RSS at the end | growth per 1,000 cells | vs {specs[0][0]} |")
    print("|---|---|---|---|---|---|")
    for name, kind, marks, per_1000, ratio in rows:
        print(f"| {name} | {'`1`' if kind == '1' else 'declares a constant'} | {marks[1]:.1f} MB | {marks[-1]:.1f} MB "
              f"| {per_1000:.2f} MB | {ratio:.2f}× |")
    print(f"\n{WARMUP} cells of warm-up, then {args.rounds} rounds of {args.cells} cells, each followed by {args.idle:.0f} s idle;"
          " growth counted from the end of the first round.")


if __name__ == "__main__":
    main()
