#!/usr/bin/python3
"""CPU per cell through jupyter_client: what each kernel spends, thread by thread, on a run of small cells.

On a machine with few cores a kernel's round trip is set less by any one thread's latency than by the CPU all of its
threads (and its child processes) take from the client that reads its five messages per cell. Each kernel runs a
warm-up, idles until its background start-up work is done (tsdl's language service reads the type declarations
then), and runs N cells; CPU comes from /proc/PID/task/*/stat of the kernel and of its children, before and after.
Threads are named by their `comm` and their order of creation in the process (main thread: 0). The ratio column
compares each kernel's total with the first kernel named, measured in this run.

usage: cpu.py [--cells N] [--idle S] [--code CODE] NAME=KERNELSPEC ...
  e.g. cpu.py --cells 3000 tsdl=tsdl deno=deno    (JUPYTER_PATH must make the kernelspecs findable)
"""
import argparse
import glob
import os
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench import Kernel  # noqa: E402

WARMUP = 50
TICKS = os.sysconf("SC_CLK_TCK")


def children(pid):
    found = []
    for stat in glob.glob("/proc/[0-9]*/stat"):
        try:
            with open(stat) as f:
                if int(f.read().rsplit(")", 1)[1].split()[1]) == pid:
                    found.append(int(stat.split("/")[2]))
        except (OSError, ValueError, IndexError):
            pass  # ended meanwhile
    return found


def thread_ticks(pids):
    """{(process label, thread label): user + system ticks} for every thread of these processes."""
    ticks = {}
    for index, pid in enumerate(pids):
        process = "kernel" if index == 0 else "child"
        for task in glob.glob(f"/proc/{pid}/task/*"):
            try:
                with open(f"{task}/stat") as f:
                    stat = f.read()
            except OSError:
                continue
            comm = stat[stat.index("(") + 1:stat.rindex(")")]
            fields = stat.rsplit(")", 1)[1].split()
            thread = f"{comm}:{int(task.rsplit('/', 1)[1]) - pid}"
            ticks[(process, thread)] = int(fields[11]) + int(fields[12])
    return ticks


def measure(name, spec, args, env, log):
    kernel = Kernel(name, spec, env, log)
    kernel.start()
    try:
        kernel.await_iopub()
        for _ in range(WARMUP):
            kernel.roundtrip(args.code)
        time.sleep(args.idle)
        pid = kernel.km.provisioner.process.pid
        pids = [pid] + children(pid)
        before, client_before, t0 = thread_ticks(pids), os.times(), time.perf_counter()
        for _ in range(args.cells):
            kernel.roundtrip(args.code)
        elapsed, client_after, after = time.perf_counter() - t0, os.times(), thread_ticks(pids)
    finally:
        kernel.stop()
    per_cell = lambda ticks: ticks / TICKS / args.cells * 1000  # noqa: E731
    threads = {key: per_cell(after[key] - before.get(key, 0)) for key in after}
    client = (client_after.user + client_after.system - client_before.user - client_before.system) / args.cells * 1000
    return {"round trip": elapsed / args.cells * 1000, "kernel": sum(threads.values()), "client": client, "threads": threads}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cells", type=int, default=3000)
    parser.add_argument("--idle", type=float, default=10.0, help="seconds between the warm-up and the run")
    parser.add_argument("--code", default="1")
    parser.add_argument("kernels", nargs="+", metavar="NAME=KERNELSPEC")
    args = parser.parse_args()
    env = dict(os.environ)
    log = tempfile.TemporaryFile()
    results = {}
    for pair in args.kernels:
        name, spec = pair.split("=", 1)
        results[name] = measure(name, spec, args, env, log)
        print(f"  {name}: done", file=sys.stderr)
    base = results[args.kernels[0].split("=", 1)[0]]["kernel"]
    print(f"\n{args.cells} cells of {args.code!r} per kernel, CPU in ms per cell (round trip: jupyter_client's own `execute`"
          " to iopub idle, the reply read too)\n")
    print("| kernel | round trip | kernel CPU | vs first | client CPU | busiest threads (process, thread: ms) |")
    print("|---|---|---|---|---|---|")
    for name, result in results.items():
        top = sorted(result["threads"].items(), key=lambda item: -item[1])[:6]
        threads = ", ".join(f"{process} {thread} {ms:.2f}" for (process, thread), ms in top if ms > 0)
        print(f"| {name} | {result['round trip']:.2f} ms | {result['kernel']:.2f} | {result['kernel'] / base:.2f}× |"
              f" {result['client']:.2f} | {threads} |")


if __name__ == "__main__":
    main()
