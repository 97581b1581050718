"""A native crash in the kernel process, seen through jupyter_client as a frontend sees it.

The crash (SIGSEGV, as a fault in a native backend would raise) ends the whole process at once: no hang. Jupyter's
restarter then calls restart_kernel(now=True); the new kernel starts with a clean context and works. Prints one
JSON line with what it observed; run by native-crash.test.ts.
"""
import json
import time

from jupyter_client.manager import start_new_kernel


def run(kc, code):
    reply = kc.execute_interactive(code, timeout=60, output_hook=lambda msg: outputs.append(msg))
    return reply["content"]


outputs = []
km, kc = start_new_kernel(kernel_name="tsdl")
observed = {}
try:
    run(kc, "const before = 42")
    kc.execute("process.kill(process.pid, 'SIGSEGV')")
    started = time.monotonic()
    while km.is_alive() and time.monotonic() - started < 10:
        time.sleep(0.05)
    observed["died_after_s"] = round(time.monotonic() - started, 3)
    observed["alive_after_crash"] = km.is_alive()
    km.restart_kernel(now=True)
    kc.wait_for_ready(timeout=60)
    outputs.clear()
    reply = run(kc, "typeof before + ' ' + (1 + 1)")
    observed["status_after_restart"] = reply["status"]
    observed["result_after_restart"] = [
        m["content"]["data"]["text/plain"] for m in outputs if m["msg_type"] == "execute_result"
    ]
finally:
    kc.stop_channels()
    km.shutdown_kernel(now=True)
print(json.dumps(observed))
