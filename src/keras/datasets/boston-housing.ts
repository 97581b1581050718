// `datasets.boston_housing`: 506 houses, 13 features each, and their prices in k$, split as Keras splits them.
import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { member, numeric, toFloat32 } from './arrays';
import { getFile } from './get-file';
import { RandomState } from './numpy-random';
import { intOption, pathOption, testSplitOption } from './options';
import { parseNpz } from './readers/npz';
import { KERAS_FILES } from './remote';

export interface BostonHousingOptions {
  path?: string;
  /** Fraction of the data kept for the test set. Defaults to 0.2. */
  test_split?: number;
  testSplit?: number;
  /** Seed of the shuffle before the split, as NumPy's RandomState. Defaults to 113. */
  seed?: number;
}

export type RegressionSplit = [tf.Tensor2D, tf.Tensor1D];

/**
 * Resolves to `[[xTrain, yTrain], [xTest, yTest]]` as float32 tensors (Keras gives float64); by default of shapes
 * [404, 13], [404], [102, 13], [102].
 */
export async function loadData(options: BostonHousingOptions = {}): Promise<[RegressionSplit, RegressionSplit]> {
  // The backend tfjs picked (wasm starts asynchronously) must be up before tensors are made.
  await tf.ready();
  const testSplit = testSplitOption(options, 0.2);
  const seed = intOption(options, ['seed'], 113);
  const path = await getFile(KERAS_FILES.bostonHousing, 'Boston Housing', pathOption(options));
  const arrays = parseNpz(readFileSync(path));
  const x = numeric(member(arrays, 'x', path), `${path}: x`);
  const y = numeric(member(arrays, 'y', path), `${path}: y`);
  const n = y.shape[0];
  if (x.shape.length !== 2 || y.shape.length !== 1 || x.shape[0] !== n) {
    throw new Error(`${path}: x of shape [${x.shape}] does not match y of shape [${y.shape}].`);
  }
  const features = x.shape[1];
  const xs = toFloat32(x.data);
  const ys = toFloat32(y.data);
  const order = new RandomState(seed).permutation(n);
  const cut = Math.floor(n * (1 - testSplit));
  const split = (rows: number[]): RegressionSplit => {
    const xPart = new Float32Array(rows.length * features);
    rows.forEach((row, i) => xPart.set(xs.subarray(row * features, (row + 1) * features), i * features));
    return [tf.tensor2d(xPart, [rows.length, features]), tf.tensor1d(Float32Array.from(rows, (row) => ys[row]))];
  };
  return [split(order.slice(0, cut)), split(order.slice(cut))];
}
