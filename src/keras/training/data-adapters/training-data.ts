// The data fit() and evaluate() train and test on, from what the user gave: inputs and targets addressed to the
// model's inputs and outputs, sample weights, class weights, and fit's validation data or split.
import * as tf from '@tensorflow/tfjs';
import type { EngineModel } from '../engine';
import { checkCardinality, Data, toTensorList } from './arrays';
import { Arrays, sliceArrays, tensorsOf } from './batches';

/** fit()'s options that shape its data. */
export interface FitDataOptions {
  sampleWeight?: Data;
  classWeight?: Record<number, number>;
  validationData?: [Data, Data] | [Data, Data, Data];
  validationSplit?: number;
}

/** Per-sample input shapes (without the batch axis), to reshape flat typed arrays. */
function featureShapes(model: EngineModel): Array<Array<number | null>> {
  return model.inputs.map((t) => t.shape.slice(1));
}

/**
 * Inputs as tensors, one per model input, flat arrays reshaped to the input shapes. A model still waiting for its
 * input shape (Keras's deferred build) is built from `x` first. Tensors it creates go into `owned`. With `check`,
 * all inputs must have the same number of samples (Keras's data cardinality check).
 */
export function toInputs(model: EngineModel, x: Data, where: string, owned: tf.Tensor[], check = true): tf.Tensor[] {
  if (model.inputs.length === 0 && model.buildFrom) {
    const first = toTensorList(x, ['input'], where);
    owned.push(...first.owned);
    model.buildFrom(first.tensors[0]);
    x = first.tensors[0];
  }
  const xs = toTensorList(x, model.inputNames, where, featureShapes(model));
  owned.push(...xs.owned);
  if (check) checkCardinality([['x', xs.tensors]]);
  return xs.tensors;
}

/**
 * Inputs (as toInputs makes them), targets and optional per-sample weights as tensors. `where(part)` names
 * the data in errors; tensors it creates go into `owned`.
 */
export function toArrays(model: EngineModel, x: Data, y: Data, sampleWeight: Data | undefined, where: (part: string) => string, owned: tf.Tensor[]): Arrays {
  const inputs = toInputs(model, x, where('x'), owned, false);
  const ys = toTensorList(y, model.outputNames, where('y'));
  owned.push(...ys.owned);
  let weights: tf.Tensor | null = null;
  if (sampleWeight !== undefined) {
    const sw = toTensorList(sampleWeight, ['sample_weight'], where('sample_weight'));
    owned.push(...sw.owned);
    weights = sw.tensors[0];
  }
  checkCardinality([['x', inputs], ['y', ys.tensors], ['sample_weight', weights ? [weights] : []]]);
  return { x: inputs, y: ys.tensors, weights };
}

/** Keras's class_weight: each sample weighs as its class (argmax of one-hot targets, or the integer label). */
function classWeights(y: tf.Tensor, classWeight: Record<number, number>): tf.Tensor {
  const labels = tf.tidy(() => (y.rank > 1 && y.shape[y.rank - 1] > 1 ? tf.argMax(y, -1) : y.reshape([y.shape[0], -1]).slice([0, 0], [-1, 1]).reshape([-1])).dataSync());
  const weights = Float32Array.from(labels, (label) => classWeight[Math.round(label)] ?? 1);
  return tf.tensor1d(weights);
}

/** Keras's validation_split: the last `fraction` of the samples are held out, before any shuffling. */
function splitValidation(all: Arrays, fraction: number, owned: tf.Tensor[]): { train: Arrays; validation: Arrays } {
  if (!(fraction > 0 && fraction < 1)) throw new Error(`fit: validation_split must be between 0 and 1, got ${fraction}.`);
  const total = all.x[0].shape[0];
  const splitAt = Math.floor(total * (1 - fraction));
  if (splitAt === 0 || splitAt === total) throw new Error(`fit: validation_split ${fraction} leaves no samples on one side (${total} samples).`);
  const train = sliceArrays(all, 0, splitAt);
  const validation = sliceArrays(all, splitAt, total - splitAt);
  owned.push(...tensorsOf(train), ...tensorsOf(validation));
  return { train, validation };
}

/**
 * fit()'s training samples (sample and class weights multiplied into one weight) and validation samples, if any.
 * Tensors it creates go into `owned`.
 */
export function fitData(model: EngineModel, x: Data, y: Data, o: FitDataOptions, owned: tf.Tensor[]): { train: Arrays; validation: Arrays | null } {
  const train = toArrays(model, x, y, o.sampleWeight, (part) => `fit (${part})`, owned);
  if (o.classWeight) {
    if (train.y.length > 1) throw new Error('fit: class_weight is only supported for models with one output.');
    const cw = classWeights(train.y[0], o.classWeight);
    owned.push(cw);
    const weights = train.weights ? tf.mul(train.weights, cw) : cw;
    if (weights !== cw) owned.push(weights);
    train.weights = weights;
  }
  if (o.validationData) {
    const [vx, vy, vw] = o.validationData;
    return { train, validation: toArrays(model, vx, vy, vw, (part) => `fit (validation_data ${part})`, owned) };
  }
  if (o.validationSplit) return splitValidation(train, o.validationSplit, owned);
  return { train, validation: null };
}
