// NumPy-like inputs: tensors, typed arrays and nested JS arrays (shape inferred) become tensors; lists and
// {name: data} objects address several inputs or outputs.
import * as tf from '@tensorflow/tfjs';
import { ValueError } from '../../errors';

/** The typed arrays accepted as data. */
export type TypedArray = Float32Array | Float64Array | Int32Array | Uint8Array | Uint8ClampedArray | Int8Array | Int16Array | Uint16Array | Uint32Array;
/** One array-like: a tensor, a typed array or nested arrays of numbers/booleans. */
export type ArrayLike = tf.Tensor | TypedArray | NestedArray;
/** Nested JS arrays of numbers or booleans, NumPy-style (shape inferred). */
export type NestedArray = Array<number | boolean | NestedArray> | number[];
/** Data for one or several inputs (or outputs). */
export type Data = ArrayLike | ArrayLike[] | Record<string, ArrayLike>;

function isTypedArray(x: unknown): x is TypedArray {
  return ArrayBuffer.isView(x) && !(x instanceof DataView);
}

function inferShape(x: NestedArray, where: string): number[] {
  const shape: number[] = [];
  let level: unknown = x;
  while (Array.isArray(level)) {
    shape.push(level.length);
    level = level[0];
  }
  const check = (a: unknown, depth: number): void => {
    if (depth === shape.length) {
      if (typeof a !== 'number' && typeof a !== 'boolean') throw new Error(`${where}: ragged or non-numeric nested array (expected shape [${shape}]).`);
      return;
    }
    if (!Array.isArray(a) || a.length !== shape[depth]) throw new Error(`${where}: ragged nested array (expected shape [${shape}]).`);
    for (const item of a) check(item, depth + 1);
  };
  check(x, 0);
  return shape;
}

/**
 * One array-like as a tensor. `featureShape` (the model's per-sample shape) lets flat data be reshaped, as a
 * NumPy user would have reshaped it. `owned` is true when the caller must dispose the result.
 */
export function toTensor(x: ArrayLike, where: string, featureShape?: Array<number | null>): { tensor: tf.Tensor; owned: boolean } {
  if (x instanceof tf.Tensor) return { tensor: x, owned: false };
  let t: tf.Tensor;
  if (isTypedArray(x)) {
    const dtype = x instanceof Float32Array || x instanceof Float64Array ? 'float32' : 'int32';
    t = tf.tensor(x instanceof Float64Array || x instanceof Uint32Array ? Float32Array.from(x) : x, undefined, dtype);
  } else if (Array.isArray(x)) {
    const shape = inferShape(x, where);
    const flat = (x as unknown[]).flat(Infinity) as Array<number | boolean>;
    t = tf.tensor(flat.map(Number), shape, 'float32');
  } else {
    throw new Error(`${where}: expected a tensor, a typed array or a (nested) array of numbers.`);
  }
  const fixed = featureShape?.every((d): d is number => d !== null);
  if (fixed && featureShape && featureShape.length > 0 && t.rank === 1) {
    const size = featureShape.reduce((a, b) => a * b, 1);
    if (t.size % size === 0) {
      const reshaped = t.reshape([-1, ...featureShape]);
      t.dispose();
      t = reshaped;
    }
  }
  return { tensor: t, owned: true };
}

/** Whether `x` is one array-like (rather than a list or a {name: data} object of them). */
export function isArrayLike(x: unknown): x is ArrayLike {
  return x instanceof tf.Tensor || isTypedArray(x) || Array.isArray(x);
}

/**
 * Data for `names.length` inputs/outputs as one tensor each, in order. An array counts as a list of several
 * arrays only when the model has several inputs, or when its items are tensors or typed arrays.
 */
export function toTensorList(
  data: Data,
  names: string[],
  where: string,
  featureShapes: Array<Array<number | null>> = [],
): { tensors: tf.Tensor[]; owned: tf.Tensor[] } {
  let items: ArrayLike[];
  if (Array.isArray(data) && data.length > 0 && (names.length > 1 || data.every((d) => d instanceof tf.Tensor || isTypedArray(d)))) {
    items = data as ArrayLike[];
  } else if (!isArrayLike(data) && typeof data === 'object' && data !== null) {
    const record = data as Record<string, ArrayLike>;
    for (const key of Object.keys(record)) {
      if (!names.includes(key)) throw new Error(`${where}: no input or output named '${key}' (names: ${names.join(', ')}).`);
    }
    items = names.map((n) => {
      if (!(n in record)) throw new Error(`${where}: missing data for '${n}'.`);
      return record[n];
    });
  } else {
    items = [data as ArrayLike];
  }
  if (items.length !== names.length) {
    throw new Error(`${where}: the model has ${names.length} (${names.join(', ')}), got data for ${items.length}.`);
  }
  const owned: tf.Tensor[] = [];
  const tensors = items.map((item, i) => {
    const r = toTensor(item, `${where} (${names[i]})`, featureShapes[i]);
    if (r.owned) owned.push(r.tensor);
    return r.tensor;
  });
  tensors.forEach((t, i) => {
    if (t.rank === 0) {
      tf.dispose(owned);
      throw new ValueError(`${where}: '${names[i]}' is a scalar; expected an array with one entry per sample.`);
    }
  });
  return { tensors, owned };
}

/**
 * Keras's check_data_cardinality: every array of x, y and sample_weight must hold the same number of samples,
 * checked before the first batch. `parts` maps 'x', 'y', 'sample_weight' to their arrays, in order.
 */
export function checkCardinality(parts: Array<[string, tf.Tensor[]]>): void {
  const sizes = new Set(parts.flatMap(([, ts]) => ts.map((t) => t.shape[0])));
  if (sizes.size <= 1) return;
  const lines = parts.filter(([, ts]) => ts.length > 0).map(([label, ts]) => `'${label}' sizes: ${ts.map((t) => t.shape[0]).join(', ')}`);
  throw new ValueError(`Data cardinality is ambiguous. Make sure all arrays contain the same number of samples.\n${lines.join('\n')}`);
}
