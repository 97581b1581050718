// Sets of samples as fit and evaluate hold them, and the batches cut from them.
import * as tf from '@tensorflow/tfjs';

/** Tensors for one set of samples: inputs, targets, optional per-sample weights. */
export interface Arrays {
  x: tf.Tensor[];
  y: tf.Tensor[];
  /** Per-sample weights [samples], or null. */
  weights: tf.Tensor | null;
}

/** One batch of samples, cut from Arrays by takeBatch. */
export type Batch = Arrays;

/** `size` samples of `a` from `begin`, in order. */
export function sliceArrays(a: Arrays, begin: number, size: number): Arrays {
  const cut = (t: tf.Tensor) => t.slice(begin, size);
  return { x: a.x.map(cut), y: a.y.map(cut), weights: a.weights ? cut(a.weights) : null };
}

/** The samples of `a` at `indices[begin..end)`, gathered into a new batch. */
export function takeBatch(a: Arrays, indices: Int32Array, begin: number, end: number): Batch {
  const idx = tf.tensor1d(indices.subarray(begin, end), 'int32');
  const pick = (t: tf.Tensor) => tf.gather(t, idx);
  const batch = { x: a.x.map(pick), y: a.y.map(pick), weights: a.weights ? pick(a.weights) : null };
  idx.dispose();
  return batch;
}

/** Every tensor of `a`, to dispose. */
export function tensorsOf(a: Arrays): tf.Tensor[] {
  return [...a.x, ...a.y, ...(a.weights ? [a.weights] : [])];
}
