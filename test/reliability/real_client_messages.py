"""Sends tsdl the messages a real jupyter_client session sends, dated as jupyter_client dates them: requests on shell
and control, an input_reply on stdin, a restart on the same connection file (KernelManager.restart_kernel), then more
requests to the new kernel. Prints "ok NAME" or "FAIL NAME: why" per step and exits non-zero if any failed; the
kernel's stderr goes to --stderr. Runs under any jupyter_client (Debian's 7, the venv's 8).

usage: python real_client_messages.py --stderr FILE
"""
import argparse
import queue
import sys
import time

import jupyter_client
from jupyter_client import KernelManager

TIMEOUT = 60


def reply_to(kc, channel, msg_id):
    """The reply on `channel` ('shell' or 'control') whose parent is msg_id."""
    get = kc.get_shell_msg if channel == "shell" else kc.get_control_msg
    deadline = time.time() + TIMEOUT
    while time.time() < deadline:
        msg = get(timeout=TIMEOUT)
        if msg["parent_header"].get("msg_id") == msg_id:
            return msg
    raise TimeoutError(f"no reply to {msg_id} on {channel}")


def result(kc, code, stdin=None):
    """Runs code; returns its execute_result's text/plain (None without one). `stdin` answers an input_request."""
    msg_id = kc.execute(code, allow_stdin=stdin is not None)
    text = None
    deadline = time.time() + TIMEOUT
    while True:
        if stdin is not None:
            try:
                kc.get_stdin_msg(timeout=0.05)
                kc.input(stdin)
                stdin = None
            except queue.Empty:
                pass
        try:
            msg = kc.get_iopub_msg(timeout=0.05)
        except queue.Empty:
            if time.time() > deadline:
                raise TimeoutError(f"no idle for {code!r}")
            continue
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        if msg["msg_type"] == "execute_result":
            text = msg["content"]["data"]["text/plain"]
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            break
    reply = reply_to(kc, "shell", msg_id)
    if reply["content"]["status"] != "ok":
        raise AssertionError(f"{code!r}: {reply['content']}")
    return text


def control(kc, msg_type):
    msg = kc.session.msg(msg_type, {})
    kc.control_channel.send(msg)
    return reply_to(kc, "control", msg["header"]["msg_id"])["content"]


def steps(km, kc):
    yield "a cell", lambda: result(kc, "const before = 41; before + 1") == "42"
    yield "200 kernel_info requests", lambda: all(
        reply_to(kc, "shell", kc.kernel_info())["content"]["status"] == "ok" for _ in range(200)
    )
    yield "50 cells", lambda: all(result(kc, f"before + {i}") == str(41 + i) for i in range(50))
    yield "completion", lambda: "before" in reply_to(kc, "shell", kc.complete("bef", 3))["content"]["matches"]
    yield "input on stdin", lambda: result(kc, 'await input("name? ")', stdin="tsdl") == "'tsdl'"
    yield "interrupt_request on control", lambda: control(kc, "interrupt_request")["status"] == "ok"
    yield "kernel_info on control", lambda: control(kc, "kernel_info_request")["status"] == "ok"

    def restart():
        km.restart_kernel(now=False)
        kc.wait_for_ready(timeout=TIMEOUT)
        return result(kc, "typeof before") == "'undefined'"

    yield "restart on the same connection file", restart
    yield "a cell after the restart", lambda: result(kc, "const after = 1; after + 1") == "2"
    yield "interrupt_request after the restart", lambda: control(kc, "interrupt_request")["status"] == "ok"


def main(stderr):
    print("jupyter_client", jupyter_client.__version__, flush=True)
    km = KernelManager(kernel_name="tsdl")
    km.start_kernel(stderr=stderr)
    kc = km.client()
    kc.start_channels()
    failed = False
    try:
        kc.wait_for_ready(timeout=TIMEOUT)
        for name, check in steps(km, kc):
            try:
                ok = check()
                print(f"ok {name}" if ok else f"FAIL {name}: unexpected answer", flush=True)
            except Exception as error:  # noqa: BLE001 - every failure is reported by name
                ok = False
                print(f"FAIL {name}: {type(error).__name__}: {error}", flush=True)
            failed = failed or not ok
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=False)
    return not failed


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--stderr", required=True, help="where the kernel's stderr goes")
    args = parser.parse_args()
    with open(args.stderr, "w") as kernel_stderr:
        sys.exit(0 if main(kernel_stderr) else 1)
