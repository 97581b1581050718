"""Completions and inspections the way JupyterLab asks for them, through jupyter_client: TypeScript's half (types
of what earlier cells declared, option keys, tfjs's docs) merged with the runtime's, an interrupt of the whole
process group while the language service starts, and a notebook of 300 executed cells. Prints one JSON object with
what it saw; the mocha test (language-service.test.ts) judges it.

usage: python language_service.py
"""
import json
import os
import time

from jupyter_client import KernelManager

TIMEOUT = 60


def run_cell(kc, code):
    msg_id = kc.execute(code)
    while True:
        reply = kc.get_shell_msg(timeout=TIMEOUT)
        if reply["parent_header"].get("msg_id") == msg_id:
            return reply["content"]


def request(kc, msg_type, content):
    """Sends a shell request; returns (reply content, seconds to the reply)."""
    msg = kc.session.msg(msg_type, content)
    started = time.perf_counter()
    kc.shell_channel.send(msg)
    while True:
        reply = kc.get_shell_msg(timeout=TIMEOUT)
        if reply["parent_header"].get("msg_id") == msg["header"]["msg_id"]:
            return reply["content"], time.perf_counter() - started


def complete(kc, code):
    return request(kc, "complete_request", {"code": code, "cursor_pos": len(code)})


def complete_until(kc, code, wanted, tries=10):
    """Completes until the matches include `wanted` (TypeScript's half may miss the wait while the machine is busy)."""
    for _ in range(tries):
        matches = complete(kc, code)[0]["matches"]
        if wanted in matches:
            break
        time.sleep(0.5)
    return matches


def inspect(kc, code, detail=0):
    content, _ = request(kc, "inspect_request", {"code": code, "cursor_pos": len(code), "detail_level": detail})
    return content["data"].get("text/plain", "") if content["found"] else None


def rss_mb(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return None


def language_service_pids(kernel_pid):
    """The kernel's child processes that run the language service (from its snapshot or its script)."""
    pids = []
    for entry in os.listdir("/proc"):
        try:
            with open(f"/proc/{entry}/stat") as stat:
                ppid = int(stat.read().rsplit(")", 1)[1].split()[1])
            with open(f"/proc/{entry}/cmdline", "rb") as cmdline:
                args = cmdline.read().decode(errors="replace")
        except (OSError, ValueError, IndexError):
            continue
        if ppid == kernel_pid and "language-service" in args:
            pids.append(int(entry))
    return pids


def running(pid):
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def main():
    os.environ["TSDL_BACKEND"] = "cpu"
    km = KernelManager(kernel_name="tsdl")
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=TIMEOUT)
    seen = {}
    pid = km.provisioner.process.pid if hasattr(km, "provisioner") else km.kernel.pid
    try:
        for code in [
            "function f(): number[] { return [1, 2]; }",
            "const s = models.Sequential([layers.Dense(1, { input_shape: [2] })]);",
            "const xs = tf.zeros([4, 2]);\nconst ys = tf.ones([4, 1]);",
        ]:
            assert run_cell(kc, code)["status"] == "ok", code

        # The service starts once the executor has loaded the API and these cells, which waited for it, have run; a
        # user's first Tab comes a moment after the cells
        # (a Tab at once on a slow machine gets the runtime's half alone). The whole process group is interrupted
        # while the service reads the cells.
        time.sleep(1.5)
        first, seen["first_seconds"] = complete(kc, "f().ma")
        seen["first_matches"] = first["matches"]
        first_service_pids = language_service_pids(pid)
        km.interrupt_kernel()
        time.sleep(0.5)
        seen["after_interrupt"] = run_cell(kc, "f().length")["status"]

        seen["typed_matches"] = complete_until(kc, "f().ma", "map")
        reply, _ = complete(kc, "f().ma")
        seen["map_types"] = [t for t in reply["metadata"]["_jupyter_types_experimental"] if t["text"] == "map"]

        seen["s_com"] = complete_until(kc, "s.com", "compile")
        seen["fit_keys"] = complete_until(kc, "s.fit(xs, ys, { ba", "batch_size")
        seen["s_members"] = complete(kc, "s.")[0]["matches"]
        seen["not_run_yet"] = complete_until(kc, "const later = models.Sequential();\nlater.summ", "summary")
        seen["tf_zeros"] = inspect(kc, "tf.zeros")
        seen["tf_zeros_call"] = inspect(kc, "tf.zeros([2, ")
        seen["dense_call"] = inspect(kc, "layers.Dense(32, { activa")
        seen["f_source"] = inspect(kc, "f", 1)
        seen["help_query"] = [page["data"]["text/plain"] for page in run_cell(kc, "tf.zeros?")["payload"]]
        seen["help_call"] = [page["data"]["text/plain"] for page in run_cell(kc, "const onesFn = tf.ones;\nhelp(onesFn)")["payload"]]

        # 300 executed cells: declarations, redeclarations, functions and plain expressions.
        seen["rss_before_cells_mb"] = rss_mb(pid)
        for i in range(300):
            kind = i % 4
            code = [
                f"const v{i} = tf.scalar({i});",
                f"let acc = {i};",
                f"function g{i}(n: number): string {{ return String(n + {i}); }}",
                f"v{i - 3}.dispose();",
            ][kind]
            assert run_cell(kc, code)["status"] == "ok", code
        wanted = {"g298(1).pad": "padStart", "acc.toFi": "toFixed", "v296.dataS": "dataSync", "f().ma": "map"}
        seen["after_300"] = {code: complete_until(kc, code, name) for code, name in wanted.items()}
        seen["rss_after_cells_mb"] = rss_mb(pid)
        service_pids = language_service_pids(pid)
        seen["service_processes"] = len(service_pids)
        seen["service_survived_interrupt"] = first_service_pids == service_pids
    finally:
        kc.stop_channels()
        # Kills the kernel's process group: the language service, in a group of its own, must end with the kernel.
        km.shutdown_kernel(now=True)
    deadline = time.monotonic() + 10
    while any(running(p) for p in service_pids) and time.monotonic() < deadline:
        time.sleep(0.1)
    seen["service_outlived_kernel"] = [p for p in service_pids if running(p)]
    print(json.dumps(seen))


if __name__ == "__main__":
    main()
