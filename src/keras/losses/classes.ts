// Keras's loss classes, `losses.MeanSquaredError()`, `losses.BinaryCrossentropy({ from_logits: true })`: each
// makes a loss instance named after its camelCase id (so compile() picks the matching 'accuracy'). Called, an
// instance reduces the per-sample losses as its `reduction` says, as Keras's do; compile() trains on its per-sample
// form, so that sample and class weights apply per sample.
import * as tf from '@tensorflow/tfjs';
import { ValueError } from '../errors';
import { checkedOptions, Options } from '../options';
import { ctc } from './ctc';
import * as f from './functions';
import type { LossFn } from './functions';
import { reduceLosses, reductionOf, type Reduction } from './reduction';

/** A Keras loss instance: `loss(yTrue, yPred, sampleWeight?)` reduced by `reduction`; `perSample` unreduced. */
export interface LossInstance {
  (yTrue: tf.Tensor, yPred: tf.Tensor, sampleWeight?: tf.Tensor): tf.Tensor;
  readonly perSample: LossFn;
  readonly reduction: Reduction;
}

function named(id: string, fn: LossFn): LossFn {
  Object.defineProperty(fn, 'name', { value: id });
  return fn;
}

function instance(id: string, perSample: LossFn, reduction: Reduction): LossInstance {
  const call = (yTrue: tf.Tensor, yPred: tf.Tensor, sampleWeight?: tf.Tensor): tf.Tensor =>
    tf.tidy(() => reduceLosses(perSample(yTrue, yPred), sampleWeight, reduction));
  Object.defineProperty(call, 'name', { value: id });
  return Object.assign(call, { perSample: named(id, perSample), reduction });
}

function plain(kerasName: string, id: string, fn: LossFn) {
  return (options?: Options): LossInstance => {
    const o = checkedOptions(`losses.${kerasName}`, options, ['name', 'reduction']);
    return instance(id, (yt, yp) => fn(yt, yp), reductionOf(o.reduction));
  };
}

/** Crossentropies take `from_logits`: the activation is applied here instead of in the model. */
function withLogits(kerasName: string, id: string, fn: LossFn, activate: (x: tf.Tensor) => tf.Tensor) {
  return (options?: { fromLogits?: boolean } & Options): LossInstance => {
    const o = checkedOptions(`losses.${kerasName}`, options, ['fromLogits', 'name', 'reduction', 'labelSmoothing', 'axis']);
    if (o.labelSmoothing) throw new Error(`losses.${kerasName}: label_smoothing is not supported.`);
    if (o.axis !== undefined && o.axis !== -1) throw new ValueError(`losses.${kerasName}: only axis=-1 (the last, the classes) is supported; got axis=${String(o.axis)}.`);
    const perSample: LossFn = o.fromLogits ? (yt, yp) => tf.tidy(() => fn(yt, activate(yp))) : (yt, yp) => fn(yt, yp);
    return instance(id, perSample, reductionOf(o.reduction));
  };
}

/**
 * Keras's `losses.MeanSquaredError()`: a loss instance for the {@link f.meanSquaredError} loss. Options `name`, `reduction` ('sum_over_batch_size': called, it returns the mean loss).
 * @example model.compile({ optimizer: 'adam', loss: losses.MeanSquaredError() })
 */
export const MeanSquaredError = plain('MeanSquaredError', 'meanSquaredError', f.meanSquaredError);
/**
 * Keras's `losses.MeanAbsoluteError()`: a loss instance for the {@link f.meanAbsoluteError} loss. Options `name`, `reduction` ('sum_over_batch_size': called, it returns the mean loss).
 * @example model.compile({ optimizer: 'adam', loss: losses.MeanAbsoluteError() })
 */
export const MeanAbsoluteError = plain('MeanAbsoluteError', 'meanAbsoluteError', f.meanAbsoluteError);
/**
 * Keras's `losses.MeanAbsolutePercentageError()`: a loss instance for the {@link f.meanAbsolutePercentageError} loss. Options `name`, `reduction` ('sum_over_batch_size': called, it returns the mean loss).
 * @example model.compile({ optimizer: 'adam', loss: losses.MeanAbsolutePercentageError() })
 */
export const MeanAbsolutePercentageError = plain('MeanAbsolutePercentageError', 'meanAbsolutePercentageError', f.meanAbsolutePercentageError);
/**
 * Keras's `losses.MeanSquaredLogarithmicError()`: a loss instance for the {@link f.meanSquaredLogarithmicError} loss. Options `name`, `reduction` ('sum_over_batch_size': called, it returns the mean loss).
 * @example model.compile({ optimizer: 'adam', loss: losses.MeanSquaredLogarithmicError() })
 */
export const MeanSquaredLogarithmicError = plain('MeanSquaredLogarithmicError', 'meanSquaredLogarithmicError', f.meanSquaredLogarithmicError);
/**
 * Keras's `losses.Hinge()`: a loss instance for the {@link f.hinge} loss (targets -1/1, or 0/1). Options `name`, `reduction` ('sum_over_batch_size': called, it returns the mean loss).
 * @example model.compile({ optimizer: 'adam', loss: losses.Hinge() })
 */
export const Hinge = plain('Hinge', 'hinge', f.hinge);
/**
 * Keras's `losses.SquaredHinge()`: a loss instance for the {@link f.squaredHinge} loss (targets -1/1, or 0/1). Options `name`, `reduction` ('sum_over_batch_size': called, it returns the mean loss).
 * @example model.compile({ optimizer: 'adam', loss: losses.SquaredHinge() })
 */
export const SquaredHinge = plain('SquaredHinge', 'squaredHinge', f.squaredHinge);
/**
 * Keras's `losses.KLDivergence()`: a loss instance for the Kullback-Leibler divergence loss, {@link f.kld}. Options `name`, `reduction` ('sum_over_batch_size': called, it returns the mean loss).
 * @example model.compile({ optimizer: 'adam', loss: losses.KLDivergence() })
 */
export const KLDivergence = plain('KLDivergence', 'kld', f.kld);
/**
 * Keras's `losses.Poisson()`: a loss instance for the {@link f.poisson} loss, for count targets. Options `name`, `reduction` ('sum_over_batch_size': called, it returns the mean loss).
 * @example model.compile({ optimizer: 'adam', loss: losses.Poisson() })
 */
export const Poisson = plain('Poisson', 'poisson', f.poisson);
/**
 * Keras's `losses.CosineSimilarity()`: a loss instance for the {@link f.cosineSimilarity} loss (last axis). Options `name`, `reduction` ('sum_over_batch_size': called, it returns the mean loss).
 * @example model.compile({ optimizer: 'adam', loss: losses.CosineSimilarity() })
 */
export const CosineSimilarity = plain('CosineSimilarity', 'cosineSimilarity', f.cosineSimilarity);
/**
 * Keras's `losses.Huber()`: a loss instance for the Huber loss, quadratic for errors up to `delta`, linear beyond.
 * Options `delta` (1.0), `name`, `reduction` ('sum_over_batch_size').
 * @example model.compile({ optimizer: 'adam', loss: losses.Huber({ delta: 2 }) })
 */
export const Huber = (options?: { delta?: number } & Options): LossInstance => {
  const o = checkedOptions('losses.Huber', options, ['delta', 'name', 'reduction']);
  return instance('huber', (yt, yp) => f.huberWith((o.delta as number | undefined) ?? 1)(yt, yp), reductionOf(o.reduction));
};
/**
 * Keras's `losses.BinaryCrossentropy()`: a loss instance for the binary crossentropy loss, for 0/1 targets.
 * Options `from_logits` (false: y_pred are probabilities; true: logits, a sigmoid is applied first), `name`,
 * `reduction` ('sum_over_batch_size').
 * @example model.compile({ optimizer: 'adam', loss: losses.BinaryCrossentropy({ from_logits: true }) })
 */
export const BinaryCrossentropy = withLogits('BinaryCrossentropy', 'binaryCrossentropy', f.binaryCrossentropy, tf.sigmoid);
/**
 * Keras's `losses.CategoricalCrossentropy()`: a loss instance for the categorical crossentropy loss, for one-hot targets.
 * Options `from_logits` (false: y_pred are probabilities; true: logits, a softmax is applied first), `name`,
 * `reduction` ('sum_over_batch_size').
 * @example model.compile({ optimizer: 'adam', loss: losses.CategoricalCrossentropy({ from_logits: true }) })
 */
export const CategoricalCrossentropy = withLogits('CategoricalCrossentropy', 'categoricalCrossentropy', f.categoricalCrossentropy, (x) => tf.softmax(x));
/**
 * Keras's `losses.SparseCategoricalCrossentropy()`: a loss instance for the crossentropy loss for integer class targets.
 * Options `from_logits` (false: y_pred are probabilities; true: logits, a softmax is applied first), `name`,
 * `reduction` ('sum_over_batch_size').
 * @example model.compile({ optimizer: 'adam', loss: losses.SparseCategoricalCrossentropy({ from_logits: true }) })
 */
export const SparseCategoricalCrossentropy = withLogits('SparseCategoricalCrossentropy', 'sparseCategoricalCrossentropy', f.sparseCategoricalCrossentropy, (x) => tf.softmax(x));
/**
 * Keras 3's `keras.losses.CTC()`: labels [batch, max_length] with ids from 1 and 0 as blank and padding, logits
 * [batch, time, classes] from the model (no softmax). Same as `loss: 'ctc'`; called, the mean over the batch
 * (option `reduction`). For Keras 2's `ctc_batch_cost`
 * convention (softmax output, blank last) use `losses.ctcBatchCost`.
 * @example
 * model.compile({ optimizer: 'adam', loss: losses.CTC() });
 */
export const CTC = plain('CTC', 'ctc', ctc);
