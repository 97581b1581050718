// Keras's loss functions (keras/src/losses/losses.py): each returns one value per sample (the last axis reduced),
// so that sample and class weights can apply before the batch mean.
import * as tf from '@tensorflow/tfjs';

export type LossFn = (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Tensor;

const EPS = 1e-7;

/** Keras casts targets to the prediction dtype. */
function cast(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
  return yTrue.dtype === yPred.dtype ? yTrue : yTrue.cast(yPred.dtype);
}

/**
 * Keras's `mean_squared_error(y_true, y_pred)`: `mean(square(y_true - y_pred), axis=-1)`, one loss per sample.
 * @example model.compile({ optimizer: 'adam', loss: losses.meanSquaredError })
 */
export const meanSquaredError: LossFn = (yt, yp) => tf.tidy(() => tf.mean(tf.square(tf.sub(yp, cast(yt, yp))), -1));
/**
 * Keras's `mean_absolute_error(y_true, y_pred)`: `mean(abs(y_true - y_pred), axis=-1)`, one loss per sample.
 * @example model.compile({ optimizer: 'adam', loss: losses.meanAbsoluteError })
 */
export const meanAbsoluteError: LossFn = (yt, yp) => tf.tidy(() => tf.mean(tf.abs(tf.sub(yp, cast(yt, yp))), -1));
/**
 * Keras's `mean_absolute_percentage_error(y_true, y_pred)`: `100 * mean(abs((y_true - y_pred) / y_true), axis=-1)`.
 * @example model.compile({ optimizer: 'adam', loss: losses.meanAbsolutePercentageError })
 */
export const meanAbsolutePercentageError: LossFn = (yt, yp) =>
  tf.tidy(() => {
    const t = cast(yt, yp);
    return tf.mul(100, tf.mean(tf.abs(tf.div(tf.sub(t, yp), tf.maximum(tf.abs(t), EPS))), -1));
  });
/**
 * Keras's `mean_squared_logarithmic_error(y_true, y_pred)`: `mean(square(log(y_true + 1) - log(y_pred + 1)), axis=-1)`.
 * @example model.compile({ optimizer: 'adam', loss: losses.meanSquaredLogarithmicError })
 */
export const meanSquaredLogarithmicError: LossFn = (yt, yp) =>
  tf.tidy(() => {
    const a = tf.log1p(tf.maximum(yp, EPS));
    const b = tf.log1p(tf.maximum(cast(yt, yp), EPS));
    return tf.mean(tf.square(tf.sub(a, b)), -1);
  });
/** Keras's `huber(y_true, y_pred, delta)` with a given `delta`: quadratic for errors up to delta, linear beyond. */
export const huberWith = (delta: number): LossFn => (yt, yp) =>
  tf.tidy(() => {
    // 0.5 e² inside [-delta, delta], linear outside; written with minimum() so that it stays differentiable.
    const err = tf.abs(tf.sub(cast(yt, yp), yp));
    const quadratic = tf.minimum(err, delta);
    const linear = tf.sub(err, quadratic);
    return tf.mean(tf.add(tf.mul(0.5, tf.square(quadratic)), tf.mul(delta, linear)), -1);
  });
/**
 * Keras's `huber(y_true, y_pred)` with `delta` 1.0: `0.5 * e^2` for |e| <= delta, `delta * (|e| - 0.5 * delta)` beyond.
 * @example model.compile({ optimizer: 'adam', loss: losses.huber })
 */
export const huber: LossFn = huberWith(1);

/** Keras converts {0, 1} hinge targets to {-1, 1}. */
function signedTargets(yt: tf.Tensor): tf.Tensor {
  const isBinary = tf.all(tf.logicalOr(tf.equal(yt, 0), tf.equal(yt, 1))).dataSync()[0] === 1;
  return isBinary ? tf.sub(tf.mul(2, yt), 1) : yt;
}
/**
 * Keras's `hinge(y_true, y_pred)`: `mean(max(1 - y_true * y_pred, 0), axis=-1)`; 0/1 targets are turned into -1/1.
 * @example model.compile({ optimizer: 'adam', loss: losses.hinge })
 */
export const hinge: LossFn = (yt, yp) =>
  tf.tidy(() => tf.mean(tf.relu(tf.sub(1, tf.mul(signedTargets(cast(yt, yp)), yp))), -1));
/**
 * Keras's `squared_hinge(y_true, y_pred)`: `mean(square(max(1 - y_true * y_pred, 0)), axis=-1)`; 0/1 targets become -1/1.
 * @example model.compile({ optimizer: 'adam', loss: losses.squaredHinge })
 */
export const squaredHinge: LossFn = (yt, yp) =>
  tf.tidy(() => tf.mean(tf.square(tf.relu(tf.sub(1, tf.mul(signedTargets(cast(yt, yp)), yp)))), -1));
/**
 * Keras's `kl_divergence(y_true, y_pred)` (`kld`): `sum(y_true * log(y_true / y_pred), axis=-1)`, both clipped to [1e-7, 1].
 * @example model.compile({ optimizer: 'adam', loss: losses.kld })
 */
export const kld: LossFn = (yt, yp) =>
  tf.tidy(() => {
    const t = tf.clipByValue(cast(yt, yp), EPS, 1);
    const p = tf.clipByValue(yp, EPS, 1);
    return tf.sum(tf.mul(t, tf.log(tf.div(t, p))), -1);
  });
/**
 * Keras's `poisson(y_true, y_pred)`: `mean(y_pred - y_true * log(y_pred + 1e-7), axis=-1)`.
 * @example model.compile({ optimizer: 'adam', loss: losses.poisson })
 */
export const poisson: LossFn = (yt, yp) => tf.tidy(() => tf.mean(tf.sub(yp, tf.mul(cast(yt, yp), tf.log(tf.add(yp, EPS)))), -1));
/**
 * Keras's `cosine_similarity(y_true, y_pred)`: minus the cosine similarity along the last axis (-1 when aligned).
 * @example model.compile({ optimizer: 'adam', loss: losses.cosineSimilarity })
 */
export const cosineSimilarity: LossFn = (yt, yp) =>
  tf.tidy(() => {
    const l2 = (x: tf.Tensor) => tf.div(x, tf.sqrt(tf.maximum(tf.sum(tf.square(x), -1, true), 1e-12)));
    return tf.neg(tf.sum(tf.mul(l2(cast(yt, yp)), l2(yp)), -1));
  });

/**
 * Keras's `binary_crossentropy(y_true, y_pred)`: the crossentropy of 0/1 targets and probabilities (sigmoid output), mean over the last axis.
 * For logits use `losses.BinaryCrossentropy({ from_logits: true })`.
 * @example model.compile({ optimizer: 'adam', loss: losses.binaryCrossentropy })
 */
export const binaryCrossentropy: LossFn = (yt, yp) =>
  tf.tidy(() => {
    const t = cast(yt, yp);
    const p = tf.clipByValue(yp, EPS, 1 - EPS);
    const ll = tf.add(tf.mul(t, tf.log(p)), tf.mul(tf.sub(1, t), tf.log(tf.sub(1, p))));
    return tf.neg(tf.mean(ll, -1));
  });
/**
 * Keras's `categorical_crossentropy(y_true, y_pred)`: `-sum(y_true * log(y_pred), axis=-1)` for one-hot targets and
 * probabilities (softmax output). For logits use `losses.CategoricalCrossentropy({ from_logits: true })`.
 * @example model.compile({ optimizer: 'adam', loss: losses.categoricalCrossentropy })
 */
export const categoricalCrossentropy: LossFn = (yt, yp) =>
  tf.tidy(() => {
    const p = tf.clipByValue(tf.div(yp, tf.sum(yp, -1, true)), EPS, 1 - EPS);
    return tf.neg(tf.sum(tf.mul(cast(yt, yp), tf.log(p)), -1));
  });
/** Integer class targets of shape [batch] or [batch, 1] against probabilities [batch, classes]. */
export const sparseCategoricalCrossentropy: LossFn = (yt, yp) =>
  tf.tidy(() => {
    const classes = yp.shape[yp.shape.length - 1];
    let labels = yt;
    if (labels.rank === yp.rank && labels.shape[labels.rank - 1] === 1) labels = labels.squeeze([labels.rank - 1]);
    const oneHot = tf.oneHot(labels.cast('int32').flatten(), classes).reshape(yp.shape);
    return categoricalCrossentropy(oneHot, yp);
  });
