import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../src/backend';

/** Starts wasm with tsdl's kernels (once) and returns tf. */
export async function wasmReady(): Promise<typeof tf> {
  await initBackend({ forced: 'wasm' });
  return tf;
}

/** Runs `fn` with `backend` active and returns its result as plain arrays. */
export async function on<T>(backend: 'cpu' | 'wasm', fn: () => T): Promise<T> {
  await tf.setBackend(backend);
  return fn();
}

/** max|a-b| / max|b|: the error measure for "matches cpu". */
export function relErr(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let num = 0;
  let den = 1e-12;
  for (let i = 0; i < a.length; i++) {
    num = Math.max(num, Math.abs(a[i] - b[i]));
    den = Math.max(den, Math.abs(b[i]));
  }
  return num / den;
}

/** Deterministic uniform values in [-1, 1). */
export function rand(shape: number[], seed = 1): tf.Tensor {
  return tf.randomUniform(shape, -1, 1, 'float32', seed);
}
