"""Interrupts the way real clients send them: jupyter_client's KernelManager.interrupt_kernel(), which signals the
kernel's whole process group (interrupt_mode "signal"), in every state a cell can be in. After each, later cells
must compile and run, and the variables defined before must survive. Prints one line per case, "ok NAME" or
"FAIL NAME: why", and exits non-zero if any failed. Runs under any jupyter_client (Debian's 7, the venv's 8).

usage: python interrupts.py [--via signal|message] [--stderr FILE] [CASE ...]   (no case: all of them)
  --via message sends interrupt_request on the control channel instead, as clients do for interrupt_mode "message".
"""
import argparse
import os
import signal
import queue
import sys
import threading
import time

import jupyter_client
from jupyter_client import KernelManager

TIMEOUT = 60


VIA = "signal"


def interrupt(km, kc):
    """As real clients interrupt: KernelManager.interrupt_kernel() signals the kernel's whole process group."""
    if VIA == "signal":
        km.interrupt_kernel()
    else:
        kc.control_channel.send(kc.session.msg("interrupt_request", {}))


def run_cell(kc, code, timeout=TIMEOUT, stdin=None):
    """Executes code; returns (reply content, outputs). `stdin` answers input requests."""
    msg_id = kc.execute(code, allow_stdin=stdin is not None)
    outputs = []
    deadline = time.time() + timeout
    while True:
        if stdin is not None:
            try:
                req = kc.get_stdin_msg(timeout=0.05)
                stdin(kc, req)
            except queue.Empty:
                pass
        try:
            msg = kc.get_iopub_msg(timeout=0.05)
        except queue.Empty:
            if time.time() > deadline:
                raise TimeoutError(f"no idle within {timeout} s for the cell starting {code[:60]!r}")
            continue
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        kind = msg["msg_type"]
        if kind == "status" and msg["content"]["execution_state"] == "idle":
            break
        if kind not in ("status", "execute_input"):
            outputs.append(msg)
    reply = kc.get_shell_msg(timeout=timeout)
    while reply["parent_header"].get("msg_id") != msg_id:
        reply = kc.get_shell_msg(timeout=timeout)
    return reply["content"], outputs


def result_text(outputs):
    for msg in outputs:
        if msg["msg_type"] == "execute_result":
            return msg["content"]["data"]["text/plain"]
    return None


def start_cell(kc, code):
    """Sends a cell without waiting; its outcome arrives on the returned thread's `result`."""
    box = {}

    def run():
        try:
            box["result"] = run_cell(kc, code)
        except Exception as error:  # noqa: BLE001 - reported as the case's failure
            box["error"] = error

    thread = threading.Thread(target=run)
    thread.start()
    return thread, box


def check(condition, why):
    if not condition:
        raise AssertionError(why)


def interrupted_cell(km, kc, code, settle):
    """Sends `code`, interrupts it as clients do `settle` seconds later, and returns its (reply, outputs)."""
    thread, box = start_cell(kc, code)
    time.sleep(settle)
    interrupt(km, kc)
    thread.join(TIMEOUT)
    check(not thread.is_alive(), f"the cell ended after an interrupt {settle}s in: {code[:60]!r}")
    if "error" in box:
        raise box["error"]
    return box["result"]


def interrupt_while(km, kc, code, settle=0.6):
    """Runs `code`, interrupts it, and checks that it failed with InterruptError."""
    reply, outputs = interrupted_cell(km, kc, code, settle)
    check(reply["status"] == "error" and reply.get("ename") == "InterruptError", f"expected InterruptError, got {reply}")
    return reply, outputs


def still_alive(kc, label):
    """Later cells compile (TypeScript syntax included) and run; earlier variables survive."""
    reply, outputs = run_cell(kc, "const after: number = survivor + 1; after")
    check(reply["status"] == "ok", f"{label}: a later cell failed: {reply.get('ename')}: {reply.get('evalue')}")
    check(result_text(outputs) == "43", f"{label}: survivor + 1 gave {result_text(outputs)!r}")


def case_idle(km, kc):
    for _ in range(3):
        interrupt(km, kc)
        time.sleep(0.2)


def case_many_idle_in_a_row(km, kc):
    for _ in range(10):
        interrupt(km, kc)
    time.sleep(0.5)


def case_spinning_loop(km, kc):
    interrupt_while(km, kc, "while (true) {}")


def case_pending_await(km, kc):
    interrupt_while(km, kc, "await new Promise(() => {})")


def case_fit(km, kc):
    run_cell(kc, """
const fitModel = models.Sequential([layers.Dense(16, { activation: 'relu', input_shape: [8] }), layers.Dense(1)]);
fitModel.compile({ optimizer: 'adam', loss: 'mse' });
const fx = tf.randomNormal([512, 8]); const fy = tf.randomNormal([512, 1]);
""")
    interrupt_while(km, kc, "await fitModel.fit(fx, fy, { epochs: 10000, batch_size: 16, verbose: 0 })", settle=1.5)
    reply, outputs = run_cell(kc, "fitModel.layers.length")
    check(result_text(outputs) == "2", "the model survives an interrupted fit")


def case_fit_long_batches(km, kc):
    """Batches of about the interrupt's first window (a quarter second here), interrupted at staggered moments: some
    land just before a batch ends, where the kernel's code between two batches then runs across that window's end."""
    run_cell(kc, """
const bigModel = models.Sequential([layers.Dense(2048, { activation: 'relu', input_shape: [2048] }), layers.Dense(2048), layers.Dense(1)]);
bigModel.compile({ optimizer: optimizers.SGD({ learning_rate: 1e-5 }), loss: 'mse' });
const bx = tf.randomNormal([512, 2048]); const by = tf.randomNormal([512, 1]);
""")
    for settle in (0.8, 0.86, 0.92, 0.98, 1.04, 1.1):
        interrupt_while(km, kc, "await bigModel.fit(bx, by, { epochs: 1000, batch_size: 512 })", settle=settle)
    reply, outputs = run_cell(kc, "(await bigModel.fit(bx, by, { epochs: 1, batch_size: 512, verbose: 0 })).history.loss.length")
    check(result_text(outputs) == "1", f"a later fit runs: {reply.get('ename')}: {reply.get('evalue')}")


def case_sync_batches(km, kc):
    """Synchronous loops of predict and trainOnBatch: their batches are never cut off, and the loops still stop, even
    one that swallows every error; a predict stopped between two of its batches frees the ones it had."""
    run_cell(kc, """
const loopModel = models.Sequential([layers.Dense(4, { input_shape: [4] })]);
loopModel.compile({ optimizer: 'sgd', loss: 'mse' });
const lx = tf.zeros([8, 4]);
const tensorsBefore = tf.memory().numTensors;
""")
    interrupt_while(km, kc, "while (true) (loopModel.predict(lx, { batch_size: 1, verbose: 0 }) as tf.Tensor).dispose();")
    interrupt_while(km, kc, "while (true) loopModel.trainOnBatch(lx, lx);")
    interrupt_while(km, kc, "while (true) { try { (loopModel.predict(lx, { verbose: 0 }) as tf.Tensor).dispose(); } catch {} }")
    reply, outputs = run_cell(kc, "[tf.tidy(() => (loopModel.predict(lx, { verbose: 0 }) as tf.Tensor).shape.join('x')), tf.memory().numTensors - tensorsBefore]")
    check(result_text(outputs) == "[ '8x4', 0 ]", f"the model predicts, no tensor leaked: {result_text(outputs)!r} {reply.get('evalue')}")


def case_save(km, kc):
    run_cell(kc, """
const saveModel = models.Sequential([layers.Dense(256, { input_shape: [256] }), layers.Dense(256), layers.Dense(1)]);
const saveDir = require('os').tmpdir() + '/tsdl-interrupt-save-' + process.pid;
""")
    # Far more saves than fit in the 0.8 s before the interrupt: a loop that ended first would leave the interrupt to
    # land on the next cell, as it would for a user who pressed stop just after a cell ended.
    interrupt_while(km, kc, "for (let i = 0; i < 100000; i++) await saveModel.save('file://' + saveDir);", 0.8)
    # The interrupted save leaves a loadable model behind: saves are atomic.
    reply, outputs = run_cell(kc, "(await models.loadModel('file://' + saveDir + '/model.json')).layers.length")
    check(reply["status"] == "ok" and result_text(outputs) == "3", f"the saved model loads: {reply}")


def case_input(km, kc):
    seen = []

    def on_input(kc_, req):
        seen.append(req["content"]["prompt"])  # never answered: the interrupt ends the wait

    thread_box = {}

    def run():
        try:
            thread_box["result"] = run_cell(kc, "const answer = await input('name? ')", stdin=on_input)
        except Exception as error:  # noqa: BLE001
            thread_box["error"] = error

    thread = threading.Thread(target=run)
    thread.start()
    deadline = time.time() + 20
    while not seen and time.time() < deadline:
        time.sleep(0.05)
    check(seen == ["name? "], f"an input_request arrived: {seen}")
    interrupt(km, kc)
    thread.join(TIMEOUT)
    check(not thread.is_alive(), "the input cell ended")
    reply, _ = thread_box["result"]
    check(reply["status"] == "error", f"the interrupted input fails the cell: {reply}")


def case_compiling(km, kc):
    # A large cell takes esbuild a while: interrupts land while it compiles (and while it runs).
    big = "\n".join(f"const v{i}: number = {i} * 2;" for i in range(15000)) + "\nv14999"
    for delay in (0.0, 0.05, 0.15, 0.3):
        interrupted_cell(km, kc, big, delay)


def kernel_pid(km):
    provisioner = getattr(km, "provisioner", None)
    process = provisioner.process if provisioner is not None else km.kernel
    return process.pid


def children(pid):
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as stat:
                    fields = stat.read().rsplit(")", 1)[1].split()
                with open(f"/proc/{entry}/cmdline", "rb") as cmdline:
                    command = cmdline.read().replace(b"\0", b" ").decode()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append((int(entry), int(fields[2]), command))
    return found


def case_helper_killed(km, kc):
    """A helper that dies of something else (here SIGKILL) comes back before the next cell."""
    pid = kernel_pid(km)
    helpers = [(child, pgid) for child, pgid, command in children(pid) if "esbuild" in command]
    check(helpers, f"the kernel runs an esbuild service: {children(pid)}")
    for child, pgid in helpers:
        check(pgid != os.getpgid(pid), "the esbuild service is outside the kernel's process group")
        os.kill(child, signal.SIGKILL)
    time.sleep(0.3)


def case_spin_after_cell(km, kc):
    """Code a finished cell left behind (a promise storm started from a timer) is stopped; variables survive."""
    reply, _ = run_cell(kc, "setTimeout(() => { const storm = () => Promise.resolve().then(storm); storm(); }, 10);")
    check(reply["status"] == "ok", f"the cell itself ran: {reply}")
    time.sleep(0.5)
    interrupt(km, kc)
    time.sleep(0.5)


def drain_iopub(kc, seconds):
    found = []
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            found.append(kc.get_iopub_msg(timeout=0.1))
        except queue.Empty:
            pass
    return found


def case_timer_spin_restarts(km, kc):
    """A spin inside a timer callback cannot be terminated safely: the context restarts, and the kernel says so."""
    run_cell(kc, "setTimeout(() => { while (true) {} }, 10);")
    time.sleep(0.5)
    interrupt(km, kc)
    notices = [m["content"]["text"] for m in drain_iopub(kc, 3) if m["msg_type"] == "stream"]
    check(any("context was restarted" in text for text in notices), f"the kernel says it restarted: {notices}")
    reply, outputs = run_cell(kc, "typeof survivor")
    check(result_text(outputs) == "'undefined'", f"a restarted context starts empty: {result_text(outputs)}")
    run_cell(kc, "const survivor: number = 42; await tf.ready();")


def case_during_output(km, kc):
    interrupt_while(km, kc, "for (let i = 0; ; i++) { console.log(i); if (i % 100 === 0) await 0; }")


CASES = {
    "idle": case_idle,
    "many-idle": case_many_idle_in_a_row,
    "spinning-loop": case_spinning_loop,
    "pending-await": case_pending_await,
    "fit": case_fit,
    "fit-long-batches": case_fit_long_batches,
    "sync-batches": case_sync_batches,
    "save": case_save,
    "input": case_input,
    "compiling": case_compiling,
    "output-flood": case_during_output,
    "helper-killed": case_helper_killed,
    "spin-after-cell": case_spin_after_cell,
    "timer-spin-restarts": case_timer_spin_restarts,
}


def main(names, stderr):
    print(f"jupyter_client {jupyter_client.__version__}, interrupts by {VIA}", flush=True)
    km = KernelManager(kernel_name="tsdl")
    km.start_kernel(stderr=stderr)
    kc = km.client()
    kc.start_channels()
    failures = 0
    try:
        kc.wait_for_ready(timeout=TIMEOUT)
        reply, _ = run_cell(kc, "const survivor: number = 42; await tf.ready();")
        check(reply["status"] == "ok", f"setup: {reply}")
        for name in names or CASES:
            try:
                CASES[name](km, kc)
                still_alive(kc, name)
                # A second round: the kernel must take any number of interrupts.
                interrupt(km, kc)
                time.sleep(0.2)
                still_alive(kc, name + " (after one more interrupt)")
                print(f"ok {name}", flush=True)
            except Exception as error:  # noqa: BLE001 - one case's failure must not hide the others
                failures += 1
                print(f"FAIL {name}: {type(error).__name__}: {error}", flush=True)
        check(km.is_alive(), "the kernel is alive at the end")
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=False)
    return failures


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--via", choices=["signal", "message"], default="signal")
    parser.add_argument("--stderr", help="where the kernel's stderr goes")
    parser.add_argument("cases", nargs="*", choices=[[]] + list(CASES))
    args = parser.parse_args()
    VIA = args.via
    with open(args.stderr or os.devnull, "w") as kernel_stderr:
        sys.exit(1 if main(args.cases, kernel_stderr if args.stderr else None) else 0)
