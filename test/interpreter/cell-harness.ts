// Runs TypeScript cells the way the executor does (transpile → rewrite → a global script in the main realm), with a
// fake `__tsdl` runtime whose importer and interrupt generation the tests control.
import { types } from 'util';
import { runGlobalScript } from '../../src/interpreter/runtime/global-script';
import { rewriteCell, type RewriteResult } from '../../src/interpreter/compile/rewrite';
import { transpileCell, type TranspileResult } from '../../src/interpreter/compile/transpile';

export class FakeInterrupt extends Error {
  override name = 'InterruptError';
}

export const runtime = {
  generation: 0,
  modules: new Map<string, unknown>(),
  imported: [] as string[],
  importModule(specifier: string): Promise<unknown> {
    runtime.imported.push(specifier);
    if (!runtime.modules.has(specifier)) return Promise.reject(new Error(`Cannot find module '${specifier}'`));
    return Promise.resolve(runtime.modules.get(specifier));
  },
  gen(): number {
    return runtime.generation;
  },
  resume<T>(before: number, value: T): T {
    if (runtime.generation !== before) throw new FakeInterrupt('interrupted');
    return value;
  },
  value<T>(value: T): T {
    return value;
  },
  chain<T>(callback: T): T {
    if (typeof callback !== 'function') return callback;
    const before = runtime.generation;
    return function (this: unknown, ...args: unknown[]): unknown {
      if (runtime.generation !== before) throw new FakeInterrupt('interrupted');
      return Reflect.apply(callback, this, args);
    } as T;
  },
};

Object.defineProperty(globalThis, '__tsdl', { value: runtime, configurable: true, writable: true });

export interface CompiledCell {
  transpiled: Extract<TranspileResult, { ok: true }>;
  rewritten: RewriteResult;
  filename: string;
}

let serial = 0;

export function compileCell(source: string): CompiledCell {
  const transpiled = transpileCell(source, ++serial);
  if (!transpiled.ok) throw new Error(`syntax error: ${transpiled.error.message}`);
  return { transpiled, rewritten: rewriteCell(transpiled.js, transpiled.program), filename: `tsdl-cell-${serial}.js` };
}

/** As the executor does: the cell's last value, awaited when it is a Promise. */
export async function runCell(source: string): Promise<unknown> {
  const cell = compileCell(source);
  const outcome = runGlobalScript(cell.rewritten.code, cell.filename) as Promise<{
    value: unknown;
  }>;
  const { value } = await outcome;
  return types.isPromise(value) ? await value : value;
}

/** The globals the cells define, typed loosely for assertions. */
export const g = globalThis as unknown as Record<string, unknown>;
