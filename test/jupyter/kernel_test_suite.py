"""The official jupyter_kernel_test suite against tsdl, with every sample attribute set.

Run by test/jupyter/jupyter.test.ts as `/usr/bin/python3 -m unittest -v kernel_test_suite` with JUPYTER_PATH
pointing at an uninstalled copy of the kernelspec.
"""
import unittest

import jupyter_kernel_test


class TsdlKernelTests(jupyter_kernel_test.KernelTests):
    kernel_name = "tsdl"
    language_name = "typescript"
    file_extension = ".ts"

    code_hello_world = 'console.log("hello, world")'
    code_stderr = 'console.error("an error line")'

    completion_samples = [
        {"text": "const zeroOne = 1; zeroO", "matches": {"zeroOne"}},
        {"text": "Math.PI.toFix", "matches": {"toFixed"}},
    ]

    complete_code_samples = ["1", "const x: number = 1", "function f() { return 1; }", "class A {}"]
    incomplete_code_samples = ["function f() {", "const a = [1,", "`unfinished ${1}", "/* open comment"]
    invalid_code_samples = ["const = 1", "1 +* 2", "}"]

    code_page_something = "help(Math.max)"

    code_generate_error = 'throw new Error("boom")'

    code_execute_result = [
        {"code": "1 + 2", "result": "3"},
        {"code": '"a" + "b"', "result": "'ab'"},
        {"code": "[1, 2, 3].map((n) => n * 2)", "result": "[ 2, 4, 6 ]"},
    ]

    code_display_data = [
        {"code": 'display.html("<b>bold</b>")', "mime": "text/html"},
        {"code": 'display.markdown("# title")', "mime": "text/markdown"},
        {"code": 'display.json({ a: 1 })', "mime": "application/json"},
    ]

    code_history_pattern = "1 + ?"
    supported_history_operations = ("tail", "range", "search")

    code_inspect_sample = "Math.max"

    code_clear_output = 'clearOutput()'


if __name__ == "__main__":
    unittest.main()
