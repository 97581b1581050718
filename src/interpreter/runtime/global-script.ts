// Runs code as a global script of the kernel's context. Not through vm.Script: in Node 20 every vm.Script stays in
// memory for good (about 1 KB each, nodejs/node#40014), which a kernel that runs thousands of cells cannot afford.
// An indirect eval runs the code the same way (a global script), is freed once nothing it made is referenced, and
// names its frames by the `sourceURL` for tracebacks.

// Captured at load: a cell may replace globalThis.eval. Called through this name it is an indirect eval.
const globalEval = globalThis.eval;

/** Evaluates `code` as a global script whose stack frames name `filename`; returns its completion value. */
export function runGlobalScript(code: string, filename: string): unknown {
  return globalEval(`${code}\n//# sourceURL=${filename}`);
}
