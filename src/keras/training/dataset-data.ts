// tfjs's fitDataset/evaluateDataset on our models: the dataset's batches are read into memory, then trained on by
// fit()/evaluate() in the dataset's own batch size and order. A dataset that reshuffles itself each epoch is read
// once, so its first order is kept for every epoch.
import * as tf from '@tensorflow/tfjs';
import type { Data } from './data-adapters/arrays';

type Part = tf.Tensor | tf.Tensor[] | Record<string, tf.Tensor>;
/** A dataset element: `{ xs, ys }` (tfjs) or `[x, y]` (Keras), optionally with sample weights. */
type Element = { xs: Part; ys: Part } | [Part, Part] | [Part, Part, Part];

/** The samples of a dataset's batches, concatenated, and its batch size. */
export interface DatasetArrays {
  x: Data;
  y: Data;
  sampleWeight?: Data;
  batchSize: number;
  /** Tensors made here, for the caller to dispose. */
  owned: tf.Tensor[];
}

function concatParts(parts: Part[], owned: tf.Tensor[], what: string): Data {
  const first = parts[0];
  const join = (ts: tf.Tensor[]) => {
    const t = ts.length === 1 ? ts[0].clone() : tf.concat(ts, 0);
    owned.push(t);
    return t;
  };
  if (first instanceof tf.Tensor) return join(parts as tf.Tensor[]);
  if (Array.isArray(first)) return first.map((_, i) => join((parts as tf.Tensor[][]).map((p) => p[i])));
  if (first && typeof first === 'object') {
    return Object.fromEntries(Object.keys(first).map((k) => [k, join((parts as Array<Record<string, tf.Tensor>>).map((p) => p[k]))]));
  }
  throw new Error(`${what}: dataset elements must hold tensors, got ${typeof first}.`);
}

function firstTensor(part: Part): tf.Tensor {
  if (part instanceof tf.Tensor) return part;
  return Array.isArray(part) ? part[0] : Object.values(part)[0];
}

/** Reads up to `maxBatches` batches of `dataset` (all of them when undefined). */
export async function datasetArrays(dataset: tf.data.Dataset<tf.TensorContainer>, maxBatches: number | undefined, what: string): Promise<DatasetArrays> {
  if (!dataset || typeof (dataset as { iterator?: unknown }).iterator !== 'function') {
    throw new Error(`${what}: expected a tf.data.Dataset, got ${typeof dataset}.`);
  }
  const xs: Part[] = [];
  const ys: Part[] = [];
  const ws: Part[] = [];
  const batches: tf.Tensor[] = [];
  const iterator = await dataset.iterator();
  try {
    for (let i = 0; maxBatches === undefined || i < maxBatches; i++) {
      const next = await iterator.next();
      if (next.done) break;
      const e = next.value as Element;
      if (Array.isArray(e)) {
        xs.push(e[0]);
        ys.push(e[1]);
        if (e.length > 2) ws.push(e[2] as Part);
      } else if (e && typeof e === 'object' && 'xs' in e && 'ys' in e) {
        xs.push(e.xs);
        ys.push(e.ys);
      } else {
        throw new Error(`${what}: each dataset element must be { xs, ys } or [x, y]; got ${JSON.stringify(Object.keys(e ?? {}))}.`);
      }
    }
    if (xs.length === 0) throw new Error(`${what}: the dataset is empty.`);
    const owned: tf.Tensor[] = [];
    const x = concatParts(xs, owned, what);
    const y = concatParts(ys, owned, what);
    const sampleWeight = ws.length === xs.length ? concatParts(ws, owned, what) : undefined;
    return { x, y, sampleWeight, batchSize: firstTensor(xs[0]).shape[0], owned };
  } finally {
    for (const p of [...xs, ...ys, ...ws]) {
      if (p instanceof tf.Tensor) batches.push(p);
      else batches.push(...(Array.isArray(p) ? p : Object.values(p)));
    }
    tf.dispose(batches);
  }
}

/**
 * The inputs of a dataset's batches, concatenated, for predict(): elements may be `x` alone, `{ xs, ys }` or
 * `[x, y]` (the targets are ignored, as Keras's predict ignores them). An array of `inputCount` tensors is the
 * inputs of a model with several inputs.
 */
export async function datasetInputs(dataset: tf.data.Dataset<tf.TensorContainer>, inputCount: number, what: string): Promise<{ x: Data; owned: tf.Tensor[] }> {
  const xs: Part[] = [];
  const seen: tf.Tensor[] = [];
  const iterator = await dataset.iterator();
  try {
    for (;;) {
      const next = await iterator.next();
      if (next.done) break;
      const e = next.value as Part | Element;
      seen.push(...tensorsIn(e));
      if (e instanceof tf.Tensor) xs.push(e);
      else if (Array.isArray(e)) xs.push(e.length === inputCount && e.every((t) => t instanceof tf.Tensor) ? (e as tf.Tensor[]) : (e[0] as Part));
      else if (e && typeof e === 'object' && 'xs' in e) xs.push((e as { xs: Part }).xs);
      else if (e && typeof e === 'object') xs.push(e as Record<string, tf.Tensor>);
      else throw new Error(`${what}: dataset elements must hold tensors, got ${typeof e}.`);
    }
    if (xs.length === 0) throw new Error(`${what}: the dataset is empty.`);
    const owned: tf.Tensor[] = [];
    return { x: concatParts(xs, owned, what), owned };
  } finally {
    tf.dispose(seen);
  }
}

function tensorsIn(value: unknown): tf.Tensor[] {
  if (value instanceof tf.Tensor) return [value];
  if (Array.isArray(value)) return value.flatMap(tensorsIn);
  if (value && typeof value === 'object') return Object.values(value).flatMap(tensorsIn);
  return [];
}

/** Whether `value` is a tf.data dataset (anything with an `iterator()` method that is not data). */
export function isDataset(value: unknown): value is tf.data.Dataset<tf.TensorContainer> {
  if (value instanceof tf.data.Dataset) return true;
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof tf.Tensor) && typeof (value as { iterator?: unknown }).iterator === 'function';
}
