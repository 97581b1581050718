#!/usr/bin/python3
"""The first Tab after a kernel starts: how long its complete_request takes, through jupyter_client.

JupyterLab and Notebook 7 drop a kernel's completions that take over a second (the completer's providerTimeout), popup
and all, so the count over 1,000 ms is what users see. Each round starts every kernel named on the command line in
turn, sends `tf.ze` for completion as soon as the kernel answers kernel_info (a user who opens a notebook and types at
once), and times the reply; then shuts it down. `--busy N` keeps N processes spinning meanwhile, as a machine that
trains or runs tests in the background would.

usage: first-tab.py [--rounds N] [--busy N] NAME=KERNELSPEC [NAME=KERNELSPEC ...]
       (JUPYTER_PATH must make the kernelspecs findable)
"""
import argparse
import statistics
import subprocess
import time

from jupyter_client import KernelManager

JUPYTERLAB_TIMEOUT_MS = 1000


def first_tab(kernel_name):
    """Milliseconds from the first complete_request to its reply, and whether TypeScript's half was in it."""
    manager = KernelManager(kernel_name=kernel_name)
    manager.start_kernel()
    client = manager.client()
    client.start_channels()
    try:
        client.wait_for_ready(timeout=60)
        sent = time.monotonic()
        msg_id = client.complete("tf.ze", 5)
        while True:
            reply = client.get_shell_msg(timeout=30)
            if reply["parent_header"].get("msg_id") == msg_id:
                break
        ms = (time.monotonic() - sent) * 1000
        content = reply["content"]
        if not {"zeros", "zerosLike"} <= set(content["matches"]):
            raise SystemExit(f"{kernel_name}: the first completion of tf.ze lacks zeros or zerosLike: {content['matches']}")
        kinds = content["metadata"].get("_jupyter_types_experimental", [])
        typed = any("signature" in item for item in kinds)
        return ms, typed
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--busy", type=int, default=0)
    parser.add_argument("kernels", nargs="+", help="NAME=KERNELSPEC")
    args = parser.parse_args()
    kernels = [spec.split("=", 1) for spec in args.kernels]
    spinners = [subprocess.Popen(["/bin/sh", "-c", "while :; do :; done"]) for _ in range(args.busy)]
    results = {name: [] for name, _ in kernels}
    try:
        for _ in range(args.rounds):
            for name, spec in kernels:
                results[name].append(first_tab(spec))
    finally:
        for spinner in spinners:
            spinner.kill()
    print(f"first Tab after a start, {args.rounds} rounds, {args.busy} busy processes")
    print(f"{'kernel':<10} {'median ms':>10} {'max ms':>8} {'over 1 s':>9} {'typed half':>11}")
    for name, samples in results.items():
        ms = [sample[0] for sample in samples]
        over = sum(1 for value in ms if value > JUPYTERLAB_TIMEOUT_MS)
        typed = sum(1 for sample in samples if sample[1])
        print(f"{name:<10} {statistics.median(ms):>10.0f} {max(ms):>8.0f} {over:>6}/{len(ms):<2} {typed:>8}/{len(ms):<2}")


if __name__ == "__main__":
    main()
