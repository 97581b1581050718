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

/**
 * Keras's `losses.MeanSquaredError()`: returns the {@link f.meanSquaredError} loss function. Option `name`.
 * @example model.compile({ optimizer: 'adam', loss: losses.MeanSquaredError() })
 */
export const MeanSquaredError = plain('MeanSquaredError', 'meanSquaredError', f.meanSquaredError);
/**
 * Keras's `losses.MeanAbsoluteError()`: returns the {@link f.meanAbsoluteError} loss function. Option `name`.
 * @example model.compile({ optimizer: 'adam', loss: losses.MeanAbsoluteError() })
 */
export const MeanAbsoluteError = plain('MeanAbsoluteError', 'meanAbsoluteError', f.meanAbsoluteError);
/**
 * Keras's `losses.MeanAbsolutePercentageError()`: returns the {@link f.meanAbsolutePercentageError} loss function. Option `name`.
 * @example model.compile({ optimizer: 'adam', loss: losses.MeanAbsolutePercentageError() })
 */
export const MeanAbsolutePercentageError = plain('MeanAbsolutePercentageError', 'meanAbsolutePercentageError', f.meanAbsolutePercentageError);
/**
 * Keras's `losses.MeanSquaredLogarithmicError()`: returns the {@link f.meanSquaredLogarithmicError} loss function. Option `name`.
 * @example model.compile({ optimizer: 'adam', loss: losses.MeanSquaredLogarithmicError() })
 */
export const MeanSquaredLogarithmicError = plain('MeanSquaredLogarithmicError', 'meanSquaredLogarithmicError', f.meanSquaredLogarithmicError);
/**
 * Keras's `losses.Hinge()`: returns the {@link f.hinge} loss function (targets -1/1, or 0/1). Option `name`.
 * @example model.compile({ optimizer: 'adam', loss: losses.Hinge() })
 */
export const Hinge = plain('Hinge', 'hinge', f.hinge);
/**
 * Keras's `losses.SquaredHinge()`: returns the {@link f.squaredHinge} loss function (targets -1/1, or 0/1). Option `name`.
 * @example model.compile({ optimizer: 'adam', loss: losses.SquaredHinge() })
 */
export const SquaredHinge = plain('SquaredHinge', 'squaredHinge', f.squaredHinge);
/**
 * Keras's `losses.KLDivergence()`: returns the Kullback-Leibler divergence loss function, {@link f.kld}. Option `name`.
 * @example model.compile({ optimizer: 'adam', loss: losses.KLDivergence() })
 */
export const KLDivergence = plain('KLDivergence', 'kld', f.kld);
/**
 * Keras's `losses.Poisson()`: returns the {@link f.poisson} loss function, for count targets. Option `name`.
 * @example model.compile({ optimizer: 'adam', loss: losses.Poisson() })
 */
export const Poisson = plain('Poisson', 'poisson', f.poisson);
/**
 * Keras's `losses.CosineSimilarity()`: returns the {@link f.cosineSimilarity} loss function (last axis). Option `name`.
 * @example model.compile({ optimizer: 'adam', loss: losses.CosineSimilarity() })
 */
export const CosineSimilarity = plain('CosineSimilarity', 'cosineSimilarity', f.cosineSimilarity);
/**
 * Keras's `losses.Huber()`: returns the Huber loss function, quadratic for errors up to `delta`, linear beyond.
 * Options `delta` (1.0), `name`.
 * @example model.compile({ optimizer: 'adam', loss: losses.Huber({ delta: 2 }) })
 */
export const Huber = (options?: { delta?: number } & Options): LossFn => {
  const o = checkedOptions('losses.Huber', options, ['delta', 'name', 'reduction']);
  return named('huber', (yt, yp) => f.huberWith((o.delta as number | undefined) ?? 1)(yt, yp));
};
/**
 * Keras's `losses.BinaryCrossentropy()`: returns the binary crossentropy loss function, for 0/1 targets.
 * Options `from_logits` (false: y_pred are probabilities; true: logits, a sigmoid is applied first), `name`.
 * @example model.compile({ optimizer: 'adam', loss: losses.BinaryCrossentropy({ from_logits: true }) })
 */
export const BinaryCrossentropy = withLogits('BinaryCrossentropy', 'binaryCrossentropy', f.binaryCrossentropy, tf.sigmoid);
/**
 * Keras's `losses.CategoricalCrossentropy()`: returns the categorical crossentropy loss function, for one-hot targets.
 * Options `from_logits` (false: y_pred are probabilities; true: logits, a softmax is applied first), `name`.
 * @example model.compile({ optimizer: 'adam', loss: losses.CategoricalCrossentropy({ from_logits: true }) })
 */
export const CategoricalCrossentropy = withLogits('CategoricalCrossentropy', 'categoricalCrossentropy', f.categoricalCrossentropy, (x) => tf.softmax(x));
/**
 * Keras's `losses.SparseCategoricalCrossentropy()`: returns the crossentropy loss function for integer class targets.
 * Options `from_logits` (false: y_pred are probabilities; true: logits, a softmax is applied first), `name`.
 * @example model.compile({ optimizer: 'adam', loss: losses.SparseCategoricalCrossentropy({ from_logits: true }) })
 */
export const SparseCategoricalCrossentropy = withLogits('SparseCategoricalCrossentropy', 'sparseCategoricalCrossentropy', f.sparseCategoricalCrossentropy, (x) => tf.softmax(x));
/**
 * Keras 3's `keras.losses.CTC()`: labels [batch, max_length] with ids from 1 and 0 as blank and padding, logits
 * [batch, time, classes] from the model (no softmax). Same as `loss: 'ctc'`. For Keras 2's `ctc_batch_cost`
 * convention (softmax output, blank last) use `losses.ctcBatchCost`.
 * @example
 * model.compile({ optimizer: 'adam', loss: losses.CTC() });
 */
export const CTC = plain('CTC', 'ctc', ctc);
