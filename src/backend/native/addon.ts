// Loading the optional native BLAS addon (tsdl_blas.node) that tsdl's wasm kernels call, and why it is absent when it is.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { packageRoot } from '../../shared/package-root';

/** The functions of tsdl_blas.c (offsets are bytes into the wasm heap `heap`). */
export interface NativeBlas {
  blas: string;
  sgemmBatch(heap: ArrayBuffer, transA: number, transB: number, batch: number, m: number, n: number, k: number, aOff: number, aStride: number, bOff: number, bStride: number, cOff: number): void;
  conv2dBackpropFilter(heap: ArrayBuffer, xOff: number, dyOff: number, dwOff: number, ...geometry: number[]): void;
  conv2dBackpropInput(heap: ArrayBuffer, dyOff: number, wOff: number, dxOff: number, ...geometry: number[]): void;
  conv2d(heap: ArrayBuffer, xOff: number, wOff: number, yOff: number, ...geometry: number[]): void;
  maxPoolGrad(heap: ArrayBuffer, xOff: number, dyOff: number, dxOff: number, ...geometry: number[]): void;
  reduceSum(heap: ArrayBuffer, xOff: number, yOff: number, outer: number, red: number, inner: number): void;
  /** Strides and run in bytes. */
  copyRows(heap: ArrayBuffer, srcOff: number, srcStride: number, dstOff: number, dstStride: number, rows: number, runBytes: number): void;
  /** op: 0 Sqrt, 1 Square, 2 Relu, 3 Step(alpha), 4 Tanh. */
  unary(heap: ArrayBuffer, op: number, xOff: number, yOff: number, n: number, alpha: number): void;
  setThreads(n: number): void;
  /** Fused recurrent sequences (tsdl_rnn.c): cell, input and output offsets, then batch, steps, units, hard, act. */
  rnnForward(heap: ArrayBuffer, cell: number, ...offsetsAndSizes: number[]): void;
  rnnBackward(heap: ArrayBuffer, cell: number, ...offsetsAndSizes: number[]): void;
  /** Advises the wasm heap, and the range it grows into, onto transparent huge pages (tsdl_pages.c); whether it could. */
  adviseHugePages(heap: ArrayBuffer): boolean;
}

export type NativeLoad = { ok: true; addon: NativeBlas; threads: number } | { ok: false; reason: string };

/**
 * Loads dist/native/tsdl_blas.node (built by `node src/backend/native/build.js`) if present and if it
 * found a BLAS. TSDL_NATIVE=0 turns the fast path off; TSDL_THREADS sets BLAS threads (default: all cores).
 */
export function loadNative(): NativeLoad {
  if (process.env.TSDL_NATIVE === '0') return { ok: false, reason: 'TSDL_NATIVE=0' };
  const file = process.env.TSDL_NATIVE_ADDON ?? path.join(packageRoot(), 'dist', 'native', 'tsdl_blas.node');
  if (!fs.existsSync(file)) return { ok: false, reason: 'native addon not built (node src/backend/native/build.js)' };
  let addon: Partial<NativeBlas> & { blas: string | null };
  try {
    addon = require(file) as typeof addon;
  } catch (err) {
    return { ok: false, reason: `native addon failed to load: ${(err as Error).message.split('\n')[0]}` };
  }
  if (!addon.blas) return { ok: false, reason: 'native addon built, but no BLAS library (libopenblas.so.0 / libblas.so.3) found' };
  const threads = Math.max(1, Number(process.env.TSDL_THREADS) || os.availableParallelism());
  (addon as NativeBlas).setThreads(threads);
  return { ok: true, addon: addon as NativeBlas, threads };
}
