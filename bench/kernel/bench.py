#!/usr/bin/python3
"""Kernel latency through jupyter_client, the same harness for every kernel (issue 2, "Performance").

  start-up:   process launch (the Popen inside KernelManager.start_kernel) -> first kernel_info_reply on shell
  first cell: kernel_info_reply -> execute_reply of the first cell, `1` unless --first-cell says otherwise (tsdl:
              waits for TensorFlow.js; `--first-cell 'tf.tensor([1, 2, 3]).sum()'` times a first cell that uses it)
  round trip: execute_request sent -> iopub status idle with that request as parent, after a warm-up, for an empty
              cell and for the cell `1` (an execute_result on the way)

Kernels are interleaved (start-ups round-robin; round trips in blocks, rotating) so that they share the machine's
load, and every ratio compares kernels measured in this one run.

usage: bench.py [--startups N] [--executes N] [--warmup N] [--block N] [--json FILE] [--log FILE] [--first-cell CODE]
                NAME=KERNELSPEC ...
  e.g. bench.py tsdl=tsdl deno=deno ipykernel=python3    (JUPYTER_PATH must make the kernelspecs findable)
"""
import argparse
import json
import os
import queue
import statistics
import sys
import time

# jupyter_client imports ipykernel (and with it debugpy) to find the python3 kernelspec: no frozen-modules warning.
os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")

import zmq
from jupyter_client import KernelManager


class TimedKernelManager(KernelManager):
    """Records the moment the kernel process is launched (after the connection file is written)."""

    launched_at = 0.0

    # start_kernel awaits self._launch_kernel(...) (jupyter_client 7: a run_sync wrapper; a coroutine works too).
    async def _launch_kernel(self, kernel_cmd, **kw):
        self.launched_at = time.perf_counter()
        await self._async_launch_kernel(kernel_cmd, **kw)


def wait_for(channel_get, predicate, deadline, what):
    while True:
        remaining = deadline - time.perf_counter()
        if remaining <= 0:
            raise TimeoutError(f"no {what}")
        try:
            msg = channel_get(timeout=remaining)
        except queue.Empty:
            raise TimeoutError(f"no {what}") from None
        if predicate(msg):
            return msg


class Kernel:
    def __init__(self, name, spec, env, log):
        self.name = name
        self.km = TimedKernelManager(kernel_name=spec)
        self.env = env
        self.log = log
        self.client = None

    def start(self, timeout=60.0, first_cell=None):
        """Launches the kernel; returns (start-up s, first cell s)."""
        self.km.start_kernel(env=self.env, stdout=self.log, stderr=self.log)
        client = self.km.blocking_client()
        # The client's sockets retry a refused connection after 1 ms instead of zmq's default 100 ms, so the moment a
        # kernel binds its ports is not rounded up to the next 100 ms step.
        client.context.setsockopt(zmq.RECONNECT_IVL, 1)
        client.start_channels(shell=True, iopub=True, stdin=False, hb=False, control=False)
        self.client = client
        deadline = time.perf_counter() + timeout
        # One kernel_info_request: zmq queues it until the kernel has bound its shell port.
        msg_id = client.kernel_info()
        wait_for(client.get_shell_msg, lambda m: m["parent_header"].get("msg_id") == msg_id, deadline, "kernel_info_reply")
        startup = time.perf_counter() - self.km.launched_at
        # The first cell (`1`, through the whole compile-run-display path) is timed to its execute_reply on shell:
        # iopub may not be subscribed yet (zmq's slow joiner).
        t0 = time.perf_counter()
        msg_id = client.execute(first_cell or CELLS["expr"])
        wait_for(client.get_shell_msg, lambda m: m["parent_header"].get("msg_id") == msg_id, deadline, "execute_reply")
        first = time.perf_counter() - t0
        return startup, first

    def await_iopub(self, timeout=30.0):
        """Sends kernel_info_requests until iopub delivers one's status: from then on no iopub message is lost."""
        deadline = time.perf_counter() + timeout
        while True:
            msg_id = self.client.kernel_info()
            try:
                wait_for(self.client.get_iopub_msg, lambda m: m["parent_header"].get("msg_id") == msg_id,
                         min(deadline, time.perf_counter() + 0.2), "iopub")
                return
            except TimeoutError:
                if time.perf_counter() > deadline:
                    raise

    def roundtrip(self, code):
        """One cell: seconds from sending execute_request to its iopub idle; its execute_reply is read too."""
        client = self.client
        deadline = time.perf_counter() + 30.0
        t0 = time.perf_counter()
        msg_id = client.execute(code)
        wait_for(
            client.get_iopub_msg,
            lambda m: m["msg_type"] == "status"
            and m["parent_header"].get("msg_id") == msg_id
            and m["content"]["execution_state"] == "idle",
            deadline,
            "iopub idle",
        )
        elapsed = time.perf_counter() - t0
        reply = wait_for(client.get_shell_msg, lambda m: m["parent_header"].get("msg_id") == msg_id, deadline, "execute_reply")
        if reply["content"]["status"] != "ok":
            raise RuntimeError(f"{self.name}: the cell {code!r} failed: {reply['content']}")
        return elapsed

    def stop(self):
        if self.client is not None:
            self.client.stop_channels()
            self.client = None
        self.km.shutdown_kernel(now=False)


# The cells timed for round trips: empty (the measure) and one expression with a result, which takes every
# kernel through its whole compile-run-display path.
CELLS = {"empty": "", "expr": "1"}


def quantile(values, q):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def summary(values):
    return {
        "n": len(values),
        "median": statistics.median(values),
        "p90": quantile(values, 0.9),
        "min": min(values),
        "max": max(values),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--startups", type=int, default=5)
    parser.add_argument("--executes", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--block", type=int, default=20, help="executes per kernel before rotating")
    parser.add_argument("--json", help="also write the raw samples here")
    parser.add_argument("--log", default="/dev/null", help="the kernels' stdout and stderr go here")
    parser.add_argument("--first-cell", default=CELLS["expr"], help="the cell timed right after start-up")
    parser.add_argument("kernels", nargs="+", metavar="NAME=KERNELSPEC")
    args = parser.parse_args()
    specs = [k.split("=", 1) for k in args.kernels]

    env = dict(os.environ)
    # Deno otherwise looks for updates over the network.
    env["DENO_NO_UPDATE_CHECK"] = "1"

    log = open(args.log, "ab")
    samples = {name: {"startup": [], "first_cell": [], **{key: [] for key in CELLS}} for name, _ in specs}
    # Start-ups, round-robin; the first round is a discarded warm-up (disk cache, Deno's and Python's caches).
    for round_ in range(args.startups + 1):
        # The order rotates each round, so no kernel always follows the same one.
        for name, spec in specs[round_ % len(specs):] + specs[:round_ % len(specs)]:
            kernel = Kernel(name, spec, env, log)
            try:
                startup, first = kernel.start(first_cell=args.first_cell)
            finally:
                kernel.stop()
            if round_ > 0:
                samples[name]["startup"].append(startup)
                samples[name]["first_cell"].append(first)
            print(f"  start-up {name:10s} {startup * 1000:8.1f} ms  first cell {first * 1000:8.1f} ms"
                  + ("  (warm-up)" if round_ == 0 else ""), file=sys.stderr)

    # Round trips: every kernel up at once, warmed up, then blocks of executes, rotating kernels and cells.
    kernels = [Kernel(name, spec, env, log) for name, spec in specs]
    try:
        for kernel in kernels:
            kernel.start()
            kernel.await_iopub()
            for code in CELLS.values():
                for _ in range(args.warmup):
                    kernel.roundtrip(code)
        done = 0
        while done < args.executes:
            n = min(args.block, args.executes - done)
            for kernel in kernels:
                for key, code in CELLS.items():
                    samples[kernel.name][key].extend(kernel.roundtrip(code) for _ in range(n))
            done += n
    finally:
        for kernel in kernels:
            kernel.stop()

    stats = {name: {key: summary(values) for key, values in s.items()} for name, s in samples.items()}
    best = {key: min(s[key]["median"] for s in stats.values()) for key in ("startup", *CELLS)}
    print()
    print("| kernel | start-up median | p90 | vs fastest | first cell median | empty cell median | p90 | vs fastest "
          "| cell `1` median | p90 | vs fastest |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for name, s in stats.items():
        st, ft = s["startup"], s["first_cell"]
        row = [name, f"{st['median'] * 1000:.0f} ms", f"{st['p90'] * 1000:.0f} ms", f"{st['median'] / best['startup']:.2f}×",
               f"{ft['median'] * 1000:.0f} ms"]
        for key in CELLS:
            rt = s[key]
            row += [f"{rt['median'] * 1000:.2f} ms", f"{rt['p90'] * 1000:.2f} ms", f"{rt['median'] / best[key]:.2f}×"]
        print("| " + " | ".join(row) + " |")
    print(f"\n{args.startups} start-ups per kernel (after one discarded); {args.executes} round trips per kernel and cell "
          f"after {args.warmup} warm-up, in blocks of {args.block}.")
    if args.json:
        with open(args.json, "w") as out:
            json.dump({"samples": samples, "stats": stats}, out, indent=1)


if __name__ == "__main__":
    main()
