// model.save_weights / load_weights: every weight of the model, in model.weights order, in one file at the path
// given (Keras writes `.weights.h5`; this file is JSON: names, shapes, dtypes and the values in base64). Loading
// matches weights by position and checks shapes, as Keras does, so a model rebuilt with other layer names loads too.
import * as fs from 'fs/promises';
import * as path from 'path';
import * as tf from '@tensorflow/tfjs';
import { makeDirectory } from '../../shared/make-directory';

interface WeightsFile {
  format: 'tsdl-weights';
  version: 1;
  weights: Array<{ name: string; shape: number[]; dtype: tf.DataType }>;
  /** All values, float32 or int32 little-endian, one after another, base64. */
  data: string;
}

interface WithWeights {
  name: string;
  weights: tf.LayerVariable[];
}

/** Writes the model's weights to `file` (atomically: a temporary file renamed into place). */
export async function saveWeights(model: WithWeights, file: string): Promise<void> {
  const target = file.replace(/^file:\/\//, '');
  const weights = model.weights;
  const values = weights.map((w) => w.read().dataSync());
  const bytes = values.reduce((n, v) => n + v.byteLength, 0);
  const data = new Uint8Array(bytes);
  let offset = 0;
  for (const v of values) {
    data.set(new Uint8Array(v.buffer, v.byteOffset, v.byteLength), offset);
    offset += v.byteLength;
  }
  const content: WeightsFile = {
    format: 'tsdl-weights',
    version: 1,
    weights: weights.map((w) => ({ name: w.originalName, shape: w.shape.slice() as number[], dtype: w.dtype })),
    data: Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('base64'),
  };
  makeDirectory(path.dirname(path.resolve(target)));
  const tmp = `${target}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
  try {
    await fs.writeFile(tmp, JSON.stringify(content));
    await fs.rename(tmp, target);
  } catch (e) {
    await fs.rm(tmp, { force: true });
    throw new Error(`save_weights: cannot save to ${target}: ${(e as Error).message}`, { cause: e });
  }
}

/** Reads weights written by saveWeights into the model, by position, checking count and shapes. */
export async function loadWeights(model: WithWeights, file: string): Promise<void> {
  const target = file.replace(/^file:\/\//, '');
  let content: WeightsFile;
  try {
    content = JSON.parse(await fs.readFile(target, 'utf8')) as WeightsFile;
  } catch (e) {
    throw new Error(`load_weights: cannot read ${target}: ${(e as Error).message}`);
  }
  if (content?.format !== 'tsdl-weights') throw new Error(`load_weights: ${target} is not a weights file written by save_weights.`);
  const weights = model.weights;
  if (content.weights.length !== weights.length) {
    throw new Error(`load_weights: the model '${model.name}' has ${weights.length} weights, but ${target} holds ${content.weights.length}.`);
  }
  const raw = Buffer.from(content.data, 'base64');
  const bytes = new Uint8Array(raw.byteLength);
  bytes.set(raw);
  let offset = 0;
  const tensors = content.weights.map((spec, i) => {
    const w = weights[i];
    if (spec.shape.join() !== w.shape.join()) {
      throw new Error(
        `load_weights: weight ${i} of the model ('${w.originalName}') has shape (${w.shape.join(', ')}), but the file's ('${spec.name}') has shape (${spec.shape.join(', ')}).`,
      );
    }
    const n = spec.shape.reduce((a, b) => a * b, 1);
    const values = spec.dtype === 'int32' ? new Int32Array(bytes.buffer, offset, n) : new Float32Array(bytes.buffer, offset, n);
    offset += n * 4;
    return { w, t: tf.tensor(values, spec.shape, spec.dtype) };
  });
  for (const { w, t } of tensors) {
    w.write(t);
    t.dispose();
  }
}
