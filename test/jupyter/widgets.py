"""Widgets through jupyter_client, as a widget manager drives them: the kernel's comm_open of each widget carries the
protocol version in its metadata, state updates go both ways (echo_update, busy/idle around each comm message, which
ipywidgets' throttle waits for), binary buffers travel as frames both ways, a click runs a handler. Prints one line
per check, "ok NAME" or "FAIL NAME: why", and exits non-zero if any failed. Runs under jupyter_client 7 and 8.

usage: python widgets.py
"""
import queue
import sys
import time

import jupyter_client
from jupyter_client import KernelManager

TIMEOUT = 60
VIEW = "application/vnd.jupyter.widget-view+json"


def iopub_for(kc, msg_id, until, timeout=TIMEOUT):
    """iopub messages whose parent is msg_id, read until `until(messages)` holds."""
    got = []
    deadline = time.time() + timeout
    while not until(got):
        if time.time() > deadline:
            raise TimeoutError(f"waited for {msg_id}; got {[(m['msg_type'], m['content']) for m in got]}")
        try:
            msg = kc.get_iopub_msg(timeout=0.1)
        except queue.Empty:
            continue
        if msg["parent_header"].get("msg_id") == msg_id:
            got.append(msg)
    return got


def idle(messages):
    return any(m["msg_type"] == "status" and m["content"]["execution_state"] == "idle" for m in messages)


def run(kc, code):
    msg_id = kc.execute(code)
    messages = iopub_for(kc, msg_id, idle)
    reply = kc.get_shell_msg(timeout=TIMEOUT)
    while reply["parent_header"].get("msg_id") != msg_id:
        reply = kc.get_shell_msg(timeout=TIMEOUT)
    assert reply["content"]["status"] == "ok", reply["content"]
    return messages


def result(messages):
    for m in messages:
        if m["msg_type"] == "execute_result":
            return m["content"]["data"]
    return None


def send_comm(kc, content, buffers=None):
    msg = kc.session.msg("comm_msg", content)
    kc.session.send(kc.shell_channel.socket, msg, buffers=buffers)
    return msg["header"]["msg_id"]


def opened(messages, model):
    for m in messages:
        if m["msg_type"] == "comm_open" and m["content"]["data"]["state"].get("_model_name") == model:
            return m
    raise AssertionError(f"no comm_open of a {model}")


def check_open(kc):
    messages = run(kc, "const s = widgets.IntSlider({ value: 5, max: 10, description: 'n' }); s")
    opens = [m for m in messages if m["msg_type"] == "comm_open"]
    assert [m["metadata"] for m in opens] == [{"version": "2.1.0"}] * 3, [m["metadata"] for m in opens]
    assert all(m["content"]["target_name"] == "jupyter.widget" for m in opens)
    slider = opened(messages, "IntSliderModel")
    state = slider["content"]["data"]["state"]
    assert state["_model_module"] == "@jupyter-widgets/controls" and state["_model_module_version"] == "2.0.0", state
    assert state["value"] == 5 and state["max"] == 10 and state["description"] == "n", state
    assert state["layout"] == "IPY_MODEL_" + opened(messages, "LayoutModel")["content"]["comm_id"], state
    data = result(messages)
    assert data[VIEW]["model_id"] == slider["content"]["comm_id"] and data[VIEW]["version_major"] == 2, data
    assert data["text/plain"] == "IntSlider(value=5, description='n')", data
    return slider["content"]["comm_id"]


def check_update(kc, slider):
    msg_id = send_comm(kc, {"comm_id": slider, "data": {"method": "update", "state": {"value": 7}, "buffer_paths": []}})
    messages = iopub_for(kc, msg_id, idle)
    kinds = [(m["msg_type"], m["content"].get("execution_state") or m["content"].get("data", {}).get("method")) for m in messages]
    assert kinds == [("status", "busy"), ("comm_msg", "echo_update"), ("status", "idle")], kinds
    assert messages[1]["content"]["data"]["state"] == {"value": 7}
    assert result(run(kc, "s.value"))["text/plain"] == "7"


def check_buffers(kc):
    messages = run(kc, "const img = widgets.Image({ value: new Uint8Array([137, 80, 78, 71]) }); img")
    image = opened(messages, "ImageModel")
    assert image["content"]["data"]["buffer_paths"] == [["value"]], image["content"]["data"]
    assert [bytes(b) for b in image["buffers"]] == [bytes([137, 80, 78, 71])], image["buffers"]
    comm_id = image["content"]["comm_id"]
    msg_id = send_comm(kc, {"comm_id": comm_id, "data": {"method": "update", "state": {}, "buffer_paths": [["value"]]}}, [b"\x01\x02\x03"])
    iopub_for(kc, msg_id, idle)
    assert result(run(kc, "[...img.value].join(',')"))["text/plain"] == "'1,2,3'"
    msg_id = send_comm(kc, {"comm_id": comm_id, "data": {"method": "request_state"}})
    update = [m for m in iopub_for(kc, msg_id, idle) if m["msg_type"] == "comm_msg"][0]
    assert update["content"]["data"]["buffer_paths"] == [["value"]] and [bytes(b) for b in update["buffers"]] == [b"\x01\x02\x03"]


def check_click(kc):
    messages = run(kc, "let clicks = 0; const b = widgets.Button({ description: 'Go', onClick: () => console.log('click', ++clicks) }); b")
    comm_id = opened(messages, "ButtonModel")["content"]["comm_id"]
    msg_id = send_comm(kc, {"comm_id": comm_id, "data": {"method": "custom", "content": {"event": "click"}}})
    streams = [m["content"]["text"] for m in iopub_for(kc, msg_id, idle) if m["msg_type"] == "stream"]
    assert streams == ["click 1\n"], streams


def check_comm_info(kc, slider):
    kc.comm_info(target_name="jupyter.widget")
    reply = kc.get_shell_msg(timeout=TIMEOUT)
    assert slider in reply["content"]["comms"], reply["content"]
    run(kc, "s.close()")
    kc.comm_info(target_name="jupyter.widget")
    reply = kc.get_shell_msg(timeout=TIMEOUT)
    assert slider not in reply["content"]["comms"], reply["content"]


def main():
    print(f"jupyter_client {jupyter_client.__version__}")
    km = KernelManager(kernel_name="tsdl")
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    failed = 0
    try:
        kc.wait_for_ready(timeout=TIMEOUT)
        slider = None
        checks = [
            ("open", lambda: check_open(kc)),
            ("update", lambda: check_update(kc, slider)),
            ("buffers", lambda: check_buffers(kc)),
            ("click", lambda: check_click(kc)),
            ("comm_info", lambda: check_comm_info(kc, slider)),
        ]
        for name, check in checks:
            try:
                value = check()
                if name == "open":
                    slider = value
                print(f"ok {name}", flush=True)
            except Exception as error:  # noqa: BLE001 - every failure is reported
                failed += 1
                print(f"FAIL {name}: {type(error).__name__}: {error}", flush=True)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
