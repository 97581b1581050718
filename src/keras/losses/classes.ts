// Keras's loss classes, `losses.MeanSquaredError()`, `losses.BinaryCrossentropy({ from_logits: true })`: each
// returns a loss function named after its camelCase id, so compile() picks the matching 'accuracy'.
import * as tf from '@tensorflow/tfjs';
import { checkedOptions, Options } from '../options';
import { ctc } from './ctc';
import * as f from './functions';
import type { LossFn } from './functions';

function named(id: string, fn: LossFn): LossFn {
  Object.defineProperty(fn, 'name', { value: id });
  return fn;
}

function plain(kerasName: string, id: string, fn: LossFn) {
  return (options?: Options): LossFn => {
    checkedOptions(`losses.${kerasName}`, options, ['name', 'reduction']);
    return named(id, (yt, yp) => fn(yt, yp));
  };
}

/** Crossentropies take `from_logits`: the activation is applied here instead of in the model. */
function withLogits(kerasName: string, id: string, fn: LossFn, activate: (x: tf.Tensor) => tf.Tensor) {
  return (options?: { fromLogits?: boolean } & Options): LossFn => {
    const o = checkedOptions(`losses.${kerasName}`, options, ['fromLogits', 'name', 'reduction', 'labelSmoothing', 'axis']);
    if (o.labelSmoothing) throw new Error(`losses.${kerasName}: label_smoothing is not supported.`);
    return named(id, o.fromLogits ? (yt, yp) => tf.tidy(() => fn(yt, activate(yp))) : (yt, yp) => fn(yt, yp));
  };
}

export const MeanSquaredError = plain('MeanSquaredError', 'meanSquaredError', f.meanSquaredError);
export const MeanAbsoluteError = plain('MeanAbsoluteError', 'meanAbsoluteError', f.meanAbsoluteError);
export const MeanAbsolutePercentageError = plain('MeanAbsolutePercentageError', 'meanAbsolutePercentageError', f.meanAbsolutePercentageError);
export const MeanSquaredLogarithmicError = plain('MeanSquaredLogarithmicError', 'meanSquaredLogarithmicError', f.meanSquaredLogarithmicError);
export const Hinge = plain('Hinge', 'hinge', f.hinge);
export const SquaredHinge = plain('SquaredHinge', 'squaredHinge', f.squaredHinge);
export const KLDivergence = plain('KLDivergence', 'kld', f.kld);
export const Poisson = plain('Poisson', 'poisson', f.poisson);
export const CosineSimilarity = plain('CosineSimilarity', 'cosineSimilarity', f.cosineSimilarity);
export const Huber = (options?: { delta?: number } & Options): LossFn => {
  const o = checkedOptions('losses.Huber', options, ['delta', 'name', 'reduction']);
  return named('huber', (yt, yp) => f.huberWith((o.delta as number | undefined) ?? 1)(yt, yp));
};
export const BinaryCrossentropy = withLogits('BinaryCrossentropy', 'binaryCrossentropy', f.binaryCrossentropy, tf.sigmoid);
export const CategoricalCrossentropy = withLogits('CategoricalCrossentropy', 'categoricalCrossentropy', f.categoricalCrossentropy, (x) => tf.softmax(x));
export const SparseCategoricalCrossentropy = withLogits('SparseCategoricalCrossentropy', 'sparseCategoricalCrossentropy', f.sparseCategoricalCrossentropy, (x) => tf.softmax(x));
/**
 * Keras 3's `keras.losses.CTC()`: labels [batch, max_length] with ids from 1 and 0 as blank and padding, logits
 * [batch, time, classes] from the model (no softmax). Same as `loss: 'ctc'`. For Keras 2's `ctc_batch_cost`
 * convention (softmax output, blank last) use `losses.ctcBatchCost`.
 * @example
 * model.compile({ optimizer: 'adam', loss: losses.CTC() });
 */
export const CTC = plain('CTC', 'ctc', ctc);
