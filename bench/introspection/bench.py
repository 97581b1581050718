#!/usr/bin/python3
"""Completion and inspection with the TypeScript language service, through jupyter_client (issue 12).

Two tsdl kernels run the same notebook side by side: `ls` (the language service, started by the first completion)
and `off` (TSDL_LANGUAGE_SERVICE=0: the runtime's half alone, the baseline). Both on TSDL_BACKEND=cpu.

  first request: after 50 executed cells, the first complete_request after the kernel's start (`f().ma`, whose `map`
                 only TypeScript knows: f has not been called), its latency and whether it has `map`; then how long
                 until a request does get TypeScript's half
  warm:          complete_request and inspect_request, request sent -> reply on shell, a rotating mix, in blocks
                 alternating between the kernels; each reply is checked for what it must contain
  round trip:    execute_request of the cell `1` -> iopub idle for it, after a warm-up, in blocks alternating between
                 the kernels (the language service started and idle, and off), with each kernel's CPU time over them
  long run:      the notebook continued to 300 executed cells, then the first request after them and the warm mixes
                 again; the RSS of each kernel with its children (the language service's process) along the way

usage: bench.py [--cells N] [--long-cells N] [--requests N] [--executes N] [--warmup N] [--block N] [--cwd DIR]
                [--json FILE] [--log FILE] [--kernel KERNELSPEC]      (JUPYTER_PATH must make the kernelspec findable)
"""
import argparse
import json
import os
import statistics
import sys
import time

import zmq

# The kernel benchmark's kernel and helpers: waiting for a message, a sample's median and quantiles.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "kernel"))
from bench import Kernel as TimedKernel, summary, wait_for  # noqa: E402


class Kernel(TimedKernel):
    """The kernel benchmark's kernel, started in a folder of its own, with RSS, CPU time and introspection requests."""

    def __init__(self, name, spec, env, log, cwd):
        super().__init__(name, spec, env, log)
        self.cwd = cwd

    def start(self, timeout=120.0):
        self.km.start_kernel(env=self.env, stdout=self.log, stderr=self.log, cwd=self.cwd)
        client = self.km.blocking_client()
        client.context.setsockopt(zmq.RECONNECT_IVL, 1)
        client.start_channels(shell=True, iopub=True, stdin=False, hb=False, control=False)
        self.client = client
        msg_id = client.kernel_info()
        wait_for(client.get_shell_msg, lambda m: m["parent_header"].get("msg_id") == msg_id,
                 time.perf_counter() + timeout, "kernel_info_reply")
        self.await_iopub(timeout)

    @property
    def pid(self):
        provisioner = getattr(self.km, "provisioner", None)
        process = getattr(provisioner, "process", None) or getattr(self.km, "kernel", None)
        return process.pid

    def family(self):
        """The kernel's process and its children (the language service runs in one)."""
        pids = [self.pid]
        for entry in os.listdir("/proc"):
            try:
                with open(f"/proc/{entry}/stat") as stat:
                    if int(stat.read().rsplit(")", 1)[1].split()[1]) == self.pid:
                        pids.append(int(entry))
            except (OSError, ValueError, IndexError):
                continue
        return pids

    def rss_mb(self):
        """Resident memory of the kernel's process and its children."""
        total = 0
        for pid in self.family():
            with open(f"/proc/{pid}/status") as status:
                total += next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))
        return total / 1024

    def cpu_s(self):
        """User + system CPU seconds so far of the kernel's process and its children, every thread."""
        total = 0
        for pid in self.family():
            with open(f"/proc/{pid}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
        return total / os.sysconf("SC_CLK_TCK")

    def execute(self, code):
        """One cell: seconds from execute_request to its iopub idle; fails if the cell failed."""
        return self.roundtrip(code)

    def request(self, kind, code, cursor=None, timeout=30.0):
        """complete_request or inspect_request (cursor: code points, default the end): (seconds, reply content)."""
        client = self.client
        cursor = len(code) if cursor is None else cursor
        t0 = time.perf_counter()
        msg_id = client.complete(code, cursor) if kind == "complete" else client.inspect(code, cursor, 0)
        reply = wait_for(client.get_shell_msg, lambda m: m["parent_header"].get("msg_id") == msg_id,
                         t0 + timeout, f"{kind}_reply")
        elapsed = time.perf_counter() - t0
        if reply["content"]["status"] != "ok":
            raise RuntimeError(f"{self.name}: {kind} {code!r} failed: {reply['content']}")
        return elapsed, reply["content"]


# ---------------------------------------------------------------------------------------------------------------------
# The notebook: cells a Keras notebook in TypeScript has. The first ones declare what the requests below complete on
# (x, y, f, model); later cells declare new names, declare some again (const model, x, f, an interface), and evaluate
# plain expressions. Deterministic: cell i is always the same.

PREAMBLE = [
    "const x = tf.randomNormal([64, 8]);",
    "const y = tf.randomNormal([64, 1]);",
    "function f(): number[] { return [1, 2]; }",
    "const model = models.Sequential([layers.Dense(4, { activation: 'relu', input_shape: [8] }), layers.Dense(1)]);",
    "model.compile({ optimizer: 'adam', loss: 'mse' });",
    "interface Sample { features: number[]; label: number; }",
    "const history = await model.fit(x, y, { epochs: 1, batch_size: 32, verbose: 0 });",
]

TEMPLATES = [
    "const x{i} = tf.randomNormal([64, 8]);",
    "function f{i}(): number[] {{ return [{i}, {i} + 1]; }}",
    "const m{i} = models.Sequential([layers.Dense({units}, {{ activation: 'relu', input_shape: [8] }}), layers.Dense(1)]);",
    "m{i}.compile({{ optimizer: 'adam', loss: 'mse' }});",
    "interface Row{i} {{ id: number; label: string; score?: number }}",
    "const rows{i}: Row{i}[] = [{{ id: {i}, label: 'r{i}' }}, {{ id: {i} + 1, label: 'r{i}b', score: 0.5 }}];",
    "rows{i}.map((r) => r.label).join(', ')",
    "x{i}.mean().dataSync()[0]",
    "type Pair{i} = [string, number];\nconst pair{i}: Pair{i} = ['n{i}', {i}];",
    "[1, 2, 3].map((v) => v * {i}).reduce((a, b) => a + b, 0)",
    "class Scaler{i} {{\n  constructor(public k: number) {{}}\n  apply(v: number): number {{ return v * this.k; }}\n}}",
    "const scaled{i} = new Scaler{i}({i}).apply(2);",
    "let counter = {i};\ncounter += 1;\ncounter",
    "const x = tf.randomNormal([64, 8]);",
    "function f(): number[] {{ return [{i}, 2]; }}",
    "const model = models.Sequential([layers.Dense({units}, {{ activation: 'relu', input_shape: [8] }}), layers.Dense(1)]);\n"
    "model.compile({{ optimizer: 'adam', loss: 'mse' }});",
    "interface Sample {{ features: number[]; label: number; weight{i}?: number }}",
    "const opt{i} = optimizers.Adam({{ learning_rate: 1e-3 }});",
    "tf.tidy(() => x{i}.square().sum().dataSync()[0])",
    "const t{i} = tf.zeros([2, {units}]);\nt{i}.shape",
    "m{i}.countParams()",
    "const stats{i} = {{ mean: {i} / 2, label: `cell {i}` }};\nstats{i}.label.toUpperCase()",
    "'{i}'.padStart(4, '0')",
    "await model.fit(x, y, {{ epochs: 1, batch_size: 32, verbose: 0 }});",
]


def cell(i):
    """Cell i of the notebook (0-based)."""
    if i < len(PREAMBLE):
        return PREAMBLE[i]
    j = i - len(PREAMBLE)
    # Templates that use a name of an earlier template (m{i}, rows{i}, x{i}, Scaler{i}, ...) take that template's
    # index: each round of the templates shares one i.
    return TEMPLATES[j % len(TEMPLATES)].format(i=j // len(TEMPLATES) * len(TEMPLATES) + 100, units=4 + j % 5)


# What the requests ask, and what each reply must contain (a name TypeScript alone can give is marked so).
COMPLETIONS = [
    ("model.fi", ["fit"]),
    ("f().ma", ["map"]),  # typed only: f() has not been called
    ("tf.ze", ["zeros", "zerosLike"]),
    ("model.fit(x, y, { ba", ["batch_size", "batchSize"]),  # typed only: an option's keys
    ("const s2 = models.Sequential(); s2.com", ["compile"]),  # typed only: s2 has not run
]
INSPECTIONS = [
    ("tf.zeros", "zeros"),
    ("layers.Dense(32, { activa", "Dense"),
    ("model.fit", "fit"),
    ("f", "f"),
]


def ms(seconds):
    return f"{seconds * 1000:.1f} ms"


def missing_completions(content, wanted):
    return [name for name in wanted if name not in content["matches"]]


def inspect_text(content):
    return content.get("data", {}).get("text/plain", "") if content.get("found") else ""


class Checks:
    """Every reply that lacked what it should have, by request and kernel."""

    def __init__(self):
        self.counts = {}

    def record(self, kernel, kind, code, ok, detail=""):
        key = (kernel, kind, code)
        total, bad, example = self.counts.get(key, (0, 0, ""))
        self.counts[key] = (total + 1, bad + (0 if ok else 1), example or ("" if ok else detail))

    def lines(self, kernel):
        out = []
        for (k, kind, code), (total, bad, example) in self.counts.items():
            if k == kernel:
                out.append(f"{kind} `{code}` {total - bad}/{total}" + (f" (e.g. {example})" if bad else ""))
        return out


def warm_mix(kernels, checks, samples, n, block, phase):
    """n completions and n inspections per kernel, the mixes rotating, in blocks alternating between the kernels."""
    done = 0
    while done < n:
        k = min(block, n - done)
        for kernel in kernels:
            for j in range(done, done + k):
                code, wanted = COMPLETIONS[j % len(COMPLETIONS)]
                elapsed, content = kernel.request("complete", code)
                samples[kernel.name][f"{phase}complete"].append(elapsed)
                samples[kernel.name].setdefault(f"{phase}by code", {}).setdefault(code, []).append(elapsed)
                missing = missing_completions(content, wanted)
                checks.record(kernel.name, "complete", code, not missing, f"missing {missing}, got {content['matches'][:8]}")
            for j in range(done, done + k):
                code, wanted = INSPECTIONS[j % len(INSPECTIONS)]
                elapsed, content = kernel.request("inspect", code)
                samples[kernel.name][f"{phase}inspect"].append(elapsed)
                samples[kernel.name].setdefault(f"{phase}by code", {}).setdefault(f"{code}?", []).append(elapsed)
                text = inspect_text(content)
                checks.record(kernel.name, "inspect", code, wanted in text, "not found" if not text else f"got {text[:80]!r}")
        done += k


def first_typed(kernel, checks, deadline_s=60.0):
    """The first completion of the kernel's life, then the same again until TypeScript's half is in a reply."""
    code, wanted = COMPLETIONS[1]
    t0 = time.perf_counter()
    first, content = kernel.request("complete", code)
    has_typed = "map" in content["matches"]
    checks.record(kernel.name, "first complete", code, has_typed, f"got {content['matches'][:8]}")
    typed_after = first if has_typed else None
    while typed_after is None and time.perf_counter() - t0 < deadline_s:
        time.sleep(0.05)
        _, content = kernel.request("complete", code)
        if "map" in content["matches"]:
            typed_after = time.perf_counter() - t0
    return first, has_typed, typed_after


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cells", type=int, default=50, help="cells run before the first request")
    parser.add_argument("--long-cells", type=int, default=300, help="cells run in all before the long run's requests")
    parser.add_argument("--requests", type=int, default=40, help="warm completions (and inspections) per kernel")
    parser.add_argument("--executes", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--block", type=int, default=10, help="requests or executes per kernel before alternating")
    parser.add_argument("--kernel", default="tsdl", help="the kernelspec")
    parser.add_argument("--cwd", default=os.getcwd(), help="the kernels' working directory (the notebook's folder)")
    parser.add_argument("--json", help="also write the raw samples here")
    parser.add_argument("--log", default="/dev/null", help="the kernels' stdout and stderr go here")
    args = parser.parse_args()

    base = dict(os.environ, TSDL_BACKEND="cpu")
    base.pop("TSDL_LANGUAGE_SERVICE", None)
    log = open(args.log, "ab")
    ls = Kernel("ls", args.kernel, base, log, args.cwd)
    off = Kernel("off", args.kernel, dict(base, TSDL_LANGUAGE_SERVICE="0"), log, args.cwd)
    kernels = [ls, off]
    checks = Checks()
    keys = ["complete", "inspect", "long_complete", "long_inspect", "roundtrip"]
    samples = {k.name: {key: [] for key in keys} for k in kernels}
    results = {}
    t_start = time.perf_counter()

    def progress(text):
        print(f"  [{time.perf_counter() - t_start:6.1f} s] {text}", file=sys.stderr, flush=True)

    try:
        for kernel in kernels:
            kernel.start()
        progress("kernels up")
        # 1. The notebook's first cells, in both kernels (the same cell in each, one after the other).
        cell_times = {k.name: [] for k in kernels}
        for i in range(args.cells):
            for kernel in kernels:
                cell_times[kernel.name].append(kernel.execute(cell(i)))
        progress(f"{args.cells} cells run")
        time.sleep(1.0)
        rss = {k.name: {"cells": k.rss_mb()} for k in kernels}

        # 2. The first request of each kernel's life (the language service starts in `ls`).
        for kernel in kernels:
            first, has_typed, typed_after = first_typed(kernel, checks, deadline_s=60.0 if kernel is ls else 0)
            results[kernel.name] = {"first": first, "first_typed": has_typed, "typed_after": typed_after}
        rss["ls"]["first"] = ls.rss_mb()
        rss["off"]["first"] = off.rss_mb()
        progress("first requests answered")

        # Warm requests, then the round trips.
        cpu = {k.name: k.cpu_s() for k in kernels}
        warm_mix(kernels, checks, samples, args.requests, args.block, "")
        for kernel in kernels:
            results[kernel.name]["warm_cpu"] = (kernel.cpu_s() - cpu[kernel.name]) / (2 * args.requests)
        progress("warm requests done")
        # The language service idle before the round trips: it answers in order, so a reply with TypeScript's half
        # means nothing asked earlier is still being worked on.
        settled = time.perf_counter() + 60.0
        while "map" not in ls.request("complete", COMPLETIONS[1][0])[1]["matches"] and time.perf_counter() < settled:
            pass
        for kernel in kernels:
            for _ in range(args.warmup):
                kernel.execute("1")
        cpu = {k.name: k.cpu_s() for k in kernels}
        done = 0
        while done < args.executes:
            n = min(args.block, args.executes - done)
            # The kernel that goes first alternates, so neither always follows the other.
            for kernel in kernels if (done // args.block) % 2 == 0 else kernels[::-1]:
                samples[kernel.name]["roundtrip"].extend(kernel.execute("1") for _ in range(n))
            done += n
        for kernel in kernels:
            results[kernel.name]["roundtrip_cpu"] = kernel.cpu_s() - cpu[kernel.name]
        progress("round trips done")

        # 5. The long run: the notebook continued to --long-cells executed cells (the round trips' `1` not counted).
        for i in range(args.cells, args.long_cells):
            for kernel in kernels:
                cell_times[kernel.name].append(kernel.execute(cell(i)))
        progress(f"{args.long_cells} cells run")
        for kernel in kernels:
            code, wanted = COMPLETIONS[1]
            elapsed, content = kernel.request("complete", code)
            results[kernel.name]["long_first"] = (elapsed, "map" in content["matches"])
            missing = missing_completions(content, wanted)
            checks.record(kernel.name, "first complete after the long run", code, not missing,
                          f"missing {missing}, got {content['matches'][:8]}")
        cpu = {k.name: k.cpu_s() for k in kernels}
        warm_mix(kernels, checks, samples, args.requests, args.block, "long_")
        for kernel in kernels:
            results[kernel.name]["long_warm_cpu"] = (kernel.cpu_s() - cpu[kernel.name]) / (2 * args.requests)
        time.sleep(1.0)
        for kernel in kernels:
            rss[kernel.name]["long"] = kernel.rss_mb()
        progress("long run done")
        for kernel in kernels:
            results[kernel.name]["cells"] = summary(cell_times[kernel.name])
    finally:
        for kernel in kernels:
            try:
                kernel.stop()
            except Exception as error:  # a kernel that died already
                print(f"  stopping {kernel.name}: {error}", file=sys.stderr)

    stats = {name: {key: summary(values) for key, values in s.items() if values and "by code" not in key}
             for name, s in samples.items()}
    a, b = stats["ls"], stats["off"]
    r = results

    def row(what, ls_value, off_value, ratio="", goal=""):
        print(f"| {what} | {ls_value} | {off_value} | {ratio} | {goal} |")

    def ratio(key):
        return f"{a[key]['median'] / b[key]['median']:.2f}×"

    print()
    print("| measure | language service (`ls`) | `TSDL_LANGUAGE_SERVICE=0` (`off`) | ls / off | goal |")
    print("|---|---|---|---|---|")
    row(f"first complete_request after start, {args.cells} cells run (`f().ma`)",
        f"{ms(r['ls']['first'])}, `map` {'in' if r['ls']['first_typed'] else '**not** in'} the reply",
        f"{ms(r['off']['first'])}, `map` {'in' if r['off']['first_typed'] else 'not in'} the reply", "", "≤ 1 s, typed")
    if not r["ls"]["first_typed"]:
        after = r["ls"]["typed_after"]
        row("… until a reply has TypeScript's half (same request, repeated)", ms(after) if after else "never (60 s)", "—")
    for phase, label in (("", f"after {args.cells} cells"), ("long_", f"after {args.long_cells} cells")):
        for kind in ("complete", "inspect"):
            key = phase + kind
            row(f"warm {kind}_request, {label}: median / p90 (n={a[key]['n']})",
                f"{ms(a[key]['median'])} / {ms(a[key]['p90'])}", f"{ms(b[key]['median'])} / {ms(b[key]['p90'])}",
                ratio(key), "≤ 50 ms median")
    def first_after(name):
        elapsed, typed = r[name]["long_first"]
        return f"{ms(elapsed)}, `map` {'in' if typed else ('**not** in' if name == 'ls' else 'not in')} the reply"

    for phase, label in (("", f"after {args.cells} cells"), ("long_", f"after {args.long_cells} cells")):
        row(f"kernel CPU time per warm request (completions and inspections), {label}",
            ms(r["ls"][f"{phase}warm_cpu"]), ms(r["off"][f"{phase}warm_cpu"]),
            f"{r['ls'][f'{phase}warm_cpu'] / max(r['off'][f'{phase}warm_cpu'], 1e-4):.0f}×")
    row(f"first complete_request after {args.long_cells - args.cells} more cells (`f().ma`)", first_after("ls"), first_after("off"))
    rt = "roundtrip"
    row(f"execute round trip, cell `1`: median / p90 (n={a[rt]['n']})",
        f"{ms(a[rt]['median'])} / {ms(a[rt]['p90'])}", f"{ms(b[rt]['median'])} / {ms(b[rt]['p90'])}", ratio(rt), "unchanged")
    row(f"kernel CPU time during those {args.executes} round trips",
        f"{r['ls']['roundtrip_cpu']:.2f} s", f"{r['off']['roundtrip_cpu']:.2f} s",
        f"{r['ls']['roundtrip_cpu'] / max(r['off']['roundtrip_cpu'], 0.01):.2f}×")
    row(f"kernel RSS after {args.cells} cells (service not started)", f"{rss['ls']['cells']:.0f} MB", f"{rss['off']['cells']:.0f} MB")
    row("kernel RSS after the first request answered", f"{rss['ls']['first']:.0f} MB (+{rss['ls']['first'] - rss['ls']['cells']:.0f})",
        f"{rss['off']['first']:.0f} MB (+{rss['off']['first'] - rss['off']['cells']:.0f})")
    row(f"kernel RSS after {args.long_cells} cells + {2 * args.requests} more requests",
        f"{rss['ls']['long']:.0f} MB (+{rss['ls']['long'] - rss['ls']['cells']:.0f})",
        f"{rss['off']['long']:.0f} MB (+{rss['off']['long'] - rss['off']['cells']:.0f})",
        f"+{rss['ls']['long'] - rss['off']['long']:.0f} MB")
    print()
    for phase, label in (("", f"after {args.cells} cells"), ("long_", f"after {args.long_cells} cells")):
        for kernel in kernels:
            by_code = samples[kernel.name][f"{phase}by code"]
            print(f"`{kernel.name}`, medians by request {label} (`?`: inspect): "
                  + ", ".join(f"`{code}` {ms(statistics.median(values))}" for code, values in by_code.items()) + ".")
    print()
    for kernel in kernels:
        print(f"Replies of `{kernel.name}` with all they should have: " + "; ".join(checks.lines(kernel.name)) + ".")
    print(f"\nCells: median {ms(r['ls']['cells']['median'])} (ls) / {ms(r['off']['cells']['median'])} (off) "
          f"from execute_request to idle. Requests in blocks of {args.block} per kernel, alternating; "
          f"{args.executes} round trips per kernel after {args.warmup} warm-up, in blocks of {args.block}. "
          f"Whole run: {time.perf_counter() - t_start:.0f} s.")
    if args.json:
        with open(args.json, "w") as out:
            json.dump({"samples": samples, "stats": stats, "results": results, "rss_mb": rss,
                       "checks": {" | ".join(k): v for k, v in checks.counts.items()}}, out, indent=1)


if __name__ == "__main__":
    main()
