// Keras metrics as additive statistics: each batch yields a vector of sums (e.g. [sum of values, count] or
// [true positives, false positives]) that the training loop accumulates over an epoch; `result` turns the
// totals into the reported number. This gives Keras's stateful semantics (precision over the whole epoch, not a
// mean of batch precisions) without keeping tensors alive between batches.
import * as tf from '@tensorflow/tfjs';
import * as L from '../losses/functions';
import { checkedOptions, closest, Options } from '../options';

export interface Metric {
  name: string;
  /** Batch statistics, a 1-D tensor; summed across batches. */
  stats(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor1D;
  result(totals: number[]): number;
}

export type MetricFn = (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Tensor;

/** A per-sample function reported as its mean over all samples seen (Keras's MeanMetricWrapper). */
export function meanMetric(name: string, fn: MetricFn): Metric {
  return {
    name,
    stats: (yt, yp) =>
      tf.tidy(() => {
        const v = fn(yt, yp);
        return tf.stack([tf.sum(v), tf.scalar(v.size)]) as tf.Tensor1D;
      }),
    result: ([sum, count]) => (count > 0 ? sum / count : 0),
  };
}

function squeezeLast(yt: tf.Tensor, yp: tf.Tensor): tf.Tensor {
  return yt.rank === yp.rank && yt.shape[yt.rank - 1] === 1 ? yt.squeeze([yt.rank - 1]) : yt;
}

/** Keras's `binary_accuracy(y_true, y_pred)`: per sample, the fraction of values where `y_pred > 0.5` matches the 0/1 target. */
export const binaryAccuracyFn: MetricFn = (yt, yp) =>
  tf.tidy(() => tf.mean(tf.equal(yt.cast('float32'), tf.greater(yp, 0.5).cast('float32')).cast('float32'), -1));
/** Keras's `categorical_accuracy(y_true, y_pred)`: per sample, 1 where the argmax of the one-hot target and of the prediction agree. */
export const categoricalAccuracyFn: MetricFn = (yt, yp) =>
  tf.tidy(() => tf.equal(tf.argMax(yt, -1), tf.argMax(yp, -1)).cast('float32'));
/** Keras's `sparse_categorical_accuracy(y_true, y_pred)`: per sample, 1 where the integer label is the prediction's argmax. */
export const sparseCategoricalAccuracyFn: MetricFn = (yt, yp) =>
  tf.tidy(() => tf.equal(squeezeLast(yt, yp).cast('int32').reshape([-1]), tf.argMax(yp, -1).reshape([-1])).cast('float32'));
/** Keras's `top_k_categorical_accuracy` with a given `k` (5): a per-sample function, 1 where the one-hot target is in the top k. */
export function topKCategoricalAccuracyFn(k = 5): MetricFn {
  return (yt, yp) => sparseTopK(tf.argMax(yt, -1), yp, k);
}
/** Keras's `sparse_top_k_categorical_accuracy` with a given `k` (5): a per-sample function, 1 where the integer label is in the top k. */
export function sparseTopKCategoricalAccuracyFn(k = 5): MetricFn {
  return (yt, yp) => sparseTopK(squeezeLast(yt, yp), yp, k);
}
/** In the top k when fewer than k classes score strictly higher than the target class. */
function sparseTopK(target: tf.Tensor, yp: tf.Tensor, k: number): tf.Tensor {
  return tf.tidy(() => {
    const classes = yp.shape[yp.rank - 1];
    const preds = yp.reshape([-1, classes]);
    const targetScore = tf.sum(tf.mul(preds, tf.oneHot(target.reshape([-1]).cast('int32'), classes)), -1, true);
    return tf.less(tf.sum(tf.greater(preds, targetScore).cast('int32'), -1), k).cast('float32');
  });
}

/** Precision, recall and AUC compare targets and predictions element by element. */
function assertSameSize(metric: string, yt: tf.Tensor, yp: tf.Tensor): void {
  if (yt.size !== yp.size) {
    throw new Error(`metric '${metric}' needs targets shaped like the predictions [${yp.shape}], got [${yt.shape}] (one-hot encode sparse labels).`);
  }
}

/** Counts for precision/recall at threshold 0.5: [tp, fp, fn]. */
function confusion(yt: tf.Tensor, yp: tf.Tensor): tf.Tensor1D {
  assertSameSize('precision/recall', yt, yp);
  return tf.tidy(() => {
    const t = yt.cast('float32').reshape([-1]);
    const p = tf.greater(yp.reshape([-1]), 0.5).cast('float32');
    const tp = tf.sum(tf.mul(p, t));
    return tf.stack([tp, tf.sub(tf.sum(p), tp), tf.sub(tf.sum(t), tp)]) as tf.Tensor1D;
  });
}

function precision(name: string): Metric {
  return { name, stats: confusion, result: ([tp, fp]) => (tp + fp > 0 ? tp / (tp + fp) : 0) };
}
function recall(name: string): Metric {
  return { name, stats: confusion, result: ([tp, , fn]) => (tp + fn > 0 ? tp / (tp + fn) : 0) };
}

/** ROC AUC over Keras's 200 evenly spaced thresholds, trapezoidal rule. */
function auc(name: string, numThresholds = 200): Metric {
  const thresholds = Array.from({ length: numThresholds }, (_, i) =>
    i === 0 ? -1e-7 : i === numThresholds - 1 ? 1 + 1e-7 : i / (numThresholds - 1),
  );
  return {
    name,
    stats: (yt, yp) =>
      tf.tidy(() => {
        assertSameSize(name, yt, yp);
        const t = yt.cast('float32').reshape([-1, 1]);
        const above = tf.greater(yp.reshape([-1, 1]), tf.tensor2d(thresholds, [1, numThresholds])).cast('float32');
        const tp = tf.sum(tf.mul(above, t), 0);
        const fp = tf.sum(tf.mul(above, tf.sub(1, t)), 0);
        const pos = tf.sum(t);
        const neg = tf.sub(t.shape[0], pos);
        return tf.concat([tp, fp, tf.sub(pos, tp), tf.sub(neg, fp)]) as tf.Tensor1D;
      }),
    result: (totals) => {
      const n = numThresholds;
      let area = 0;
      const rate = (i: number): [number, number] => {
        const [tp, fp, fn, tn] = [totals[i], totals[n + i], totals[2 * n + i], totals[3 * n + i]];
        return [tp + fn > 0 ? tp / (tp + fn) : 0, fp + tn > 0 ? fp / (fp + tn) : 0];
      };
      for (let i = 0; i + 1 < n; i++) {
        const [tpr0, fpr0] = rate(i);
        const [tpr1, fpr1] = rate(i + 1);
        area += ((fpr0 - fpr1) * (tpr0 + tpr1)) / 2;
      }
      return area;
    },
  };
}

/** `fn` under Keras's name (its `name`, which history keys use for function metrics). */
function kerasNamed<F extends (...args: never[]) => unknown>(name: string, fn: F): F {
  const named = ((...args: Parameters<F>) => fn(...args)) as unknown as F;
  Object.defineProperty(named, 'name', { value: name });
  return named;
}

/** Keras's `metrics.binary_accuracy(y_true, y_pred)`: per sample, the fraction of values right at threshold 0.5. */
export const binary_accuracy = kerasNamed('binary_accuracy', binaryAccuracyFn);
/** Keras's `metrics.categorical_accuracy(y_true, y_pred)`: per sample, 1 where the argmaxes of one-hot targets and predictions agree. */
export const categorical_accuracy = kerasNamed('categorical_accuracy', categoricalAccuracyFn);
/** Keras's `metrics.sparse_categorical_accuracy(y_true, y_pred)`: per sample, 1 where the integer label is the predictions' argmax. */
export const sparse_categorical_accuracy = kerasNamed('sparse_categorical_accuracy', sparseCategoricalAccuracyFn);
/** Keras's `metrics.top_k_categorical_accuracy(y_true, y_pred, k = 5)`: per sample, 1 where the one-hot target is in the top k. */
export const top_k_categorical_accuracy = kerasNamed('top_k_categorical_accuracy', (yt: tf.Tensor, yp: tf.Tensor, k = 5) => topKCategoricalAccuracyFn(k)(yt, yp));
/** Keras's `metrics.sparse_top_k_categorical_accuracy(y_true, y_pred, k = 5)`: per sample, 1 where the integer label is in the top k. */
export const sparse_top_k_categorical_accuracy = kerasNamed('sparse_top_k_categorical_accuracy', (yt: tf.Tensor, yp: tf.Tensor, k = 5) => sparseTopKCategoricalAccuracyFn(k)(yt, yp));

/** Keras's names for the built-in functions, whatever they are called in JavaScript. */
const FUNCTION_NAMES = new Map<unknown, string>([
  [binaryAccuracyFn, 'binary_accuracy'],
  [categoricalAccuracyFn, 'categorical_accuracy'],
  [sparseCategoricalAccuracyFn, 'sparse_categorical_accuracy'],
]);
for (const fn of Object.values(L)) {
  if (typeof fn === 'function' && !FUNCTION_NAMES.has(fn) && fn.name) FUNCTION_NAMES.set(fn, fn.name.replace(/[A-Z]/g, (c) => '_' + c.toLowerCase()));
}

/** The name a metric logs under, as Keras names it: a function's Keras name (or its own), a Metric's `name`. */
export function metricName(id: MetricId): string {
  if (typeof id === 'string') return id;
  if (typeof id === 'function') return FUNCTION_NAMES.get(id) ?? (id.name || 'metric');
  return id.name;
}

/** Which accuracy 'accuracy' means, decided from shapes and loss as Keras does. */
export function resolveAccuracy(name: string, lossName: string, yTrue: tf.Tensor, yPred: tf.Tensor): Metric {
  const predLast = yPred.shape[yPred.rank - 1];
  if (lossName === 'binaryCrossentropy' || predLast === 1) return meanMetric(name, binaryAccuracyFn);
  if (lossName === 'sparseCategoricalCrossentropy' || yTrue.rank < yPred.rank || yTrue.shape[yTrue.rank - 1] === 1) {
    return meanMetric(name, sparseCategoricalAccuracyFn);
  }
  return meanMetric(name, categoricalAccuracyFn);
}

const MEAN_IDS: Record<string, MetricFn> = {
  binaryAccuracy: binaryAccuracyFn,
  categoricalAccuracy: categoricalAccuracyFn,
  sparseCategoricalAccuracy: sparseCategoricalAccuracyFn,
  topKCategoricalAccuracy: topKCategoricalAccuracyFn(5),
  sparseTopKCategoricalAccuracy: sparseTopKCategoricalAccuracyFn(5),
  mse: L.meanSquaredError,
  meanSquaredError: L.meanSquaredError,
  mae: L.meanAbsoluteError,
  meanAbsoluteError: L.meanAbsoluteError,
  mape: L.meanAbsolutePercentageError,
  meanAbsolutePercentageError: L.meanAbsolutePercentageError,
  msle: L.meanSquaredLogarithmicError,
  meanSquaredLogarithmicError: L.meanSquaredLogarithmicError,
  binaryCrossentropy: L.binaryCrossentropy,
  categoricalCrossentropy: L.categoricalCrossentropy,
  sparseCategoricalCrossentropy: L.sparseCategoricalCrossentropy,
  kld: L.kld,
  poisson: L.poisson,
  cosineSimilarity: (yt, yp) => tf.neg(L.cosineSimilarity(yt, yp)),
  hinge: L.hinge,
  squaredHinge: L.squaredHinge,
};

const STATEFUL_IDS: Record<string, (name: string) => Metric> = { precision, recall, auc, rootMeanSquaredError: (name) => rootMeanSquaredError(name) };

/** Keras's other spellings of the ids above (class names and aliases), by normalized form. */
const ALIASES: Record<string, string> = { kldivergence: 'kld', kullbackleiblerdivergence: 'kld', kl_divergence: 'kld', rmse: 'rootMeanSquaredError' };

/** Case and underscores ignored: 'AUC', 'auc'; 'BinaryAccuracy', 'binary_accuracy'. */
const norm = (s: string) => s.replace(/_/g, '').toLowerCase();
const BY_NORM = new Map<string, string>([...Object.keys(MEAN_IDS), ...Object.keys(STATEFUL_IDS)].map((k) => [norm(k), k]));
for (const [alias, key] of Object.entries(ALIASES)) BY_NORM.set(norm(alias), key);

/** The metric ids compile() accepts, in Keras's snake_case spelling ('accuracy', 'mse', 'auc'...). */
export const METRIC_IDS = ['accuracy', 'acc', ...Object.keys(MEAN_IDS), ...Object.keys(STATEFUL_IDS)].map((k) =>
  k.replace(/[A-Z]/g, (c) => '_' + c.toLowerCase()),
);

export type MetricId = string | Metric | MetricFn;

/**
 * A metric by Keras id, keeping the user's spelling as its log name. 'accuracy'/'acc' return null: they are
 * resolved against the data on the first batch (see resolveAccuracy).
 */
export function get(id: MetricId): Metric | null {
  if (typeof id === 'function') return meanMetric(metricName(id), id);
  if (typeof id !== 'string') {
    if (id && typeof id === 'object' && typeof id.stats === 'function') return id;
    throw new Error(`Could not interpret metric identifier: ${String(id)}`);
  }
  if (isAccuracy(id)) return null;
  const key = BY_NORM.get(norm(id));
  if (key && key in STATEFUL_IDS) return STATEFUL_IDS[key](id);
  if (key && key in MEAN_IDS) return meanMetric(id, MEAN_IDS[key]);
  const guess = closest(id, METRIC_IDS);
  throw new Error(`Could not interpret metric identifier: ${id}.` + (guess ? ` Did you mean '${guess}'?` : ` Known metrics: ${[...new Set(METRIC_IDS)].join(', ')}.`));
}

/** 'accuracy', 'acc' (any case): the accuracy Keras picks from the loss and shapes. */
export function isAccuracy(id: MetricId): boolean {
  return typeof id === 'string' && ['accuracy', 'acc'].includes(id.toLowerCase());
}

/** Keras's `Accuracy` metric function: 1 where `y_pred` equals `y_true` exactly, elementwise. */
export const accuracyFn: MetricFn = (yt, yp) => tf.tidy(() => tf.equal(yt.cast('float32'), yp.cast('float32')).cast('float32'));

/** Keras's metric classes: `metrics.BinaryAccuracy()`, `metrics.Precision({ name: 'p' })`, with or without `new`. */
function metricClass(kerasName: string, defaultName: string, make: (name: string, o: Options) => Metric, extra: string[] = []) {
  const factory = function (options?: Options): Metric {
    const o = checkedOptions(`metrics.${kerasName}`, options, ['name', 'dtype', ...extra]);
    return make((o.name as string | undefined) ?? defaultName, o);
  };
  Object.defineProperty(factory, 'name', { value: kerasName });
  return factory as unknown as { (options?: Options): Metric; new (options?: Options): Metric };
}

/** Root of the mean squared error over all values seen (Keras's RootMeanSquaredError). */
function rootMeanSquaredError(name: string): Metric {
  return {
    name,
    stats: (yt, yp) => tf.tidy(() => tf.stack([tf.sum(tf.square(tf.sub(yp, yt.reshape(yp.shape)))), tf.scalar(yp.size)]) as tf.Tensor1D),
    result: ([sum, count]) => (count > 0 ? Math.sqrt(sum / count) : 0),
  };
}

/**
 * Keras's `metrics.Accuracy()`: how often predictions equal the targets exactly (no threshold or argmax: for those, 'accuracy').
 * Option `name` ('accuracy').
 * @example model.compile({ optimizer: 'adam', loss: 'mse', metrics: [metrics.Accuracy()] })
 */
export const Accuracy = metricClass('Accuracy', 'accuracy', (n) => meanMetric(n, accuracyFn));
/**
 * Keras's `metrics.BinaryAccuracy()`: how often predictions above `threshold` match 0/1 targets.
 * Options `threshold` (0.5), `name` ('binary_accuracy').
 * @example model.compile({ optimizer: 'adam', loss: 'binary_crossentropy', metrics: [metrics.BinaryAccuracy()] })
 */
export const BinaryAccuracy = metricClass('BinaryAccuracy', 'binary_accuracy', (n, o) => {
  const threshold = (o.threshold as number | undefined) ?? 0.5;
  return meanMetric(n, (yt, yp) => tf.tidy(() => tf.mean(tf.equal(yt.cast('float32'), tf.greater(yp, threshold).cast('float32')).cast('float32'), -1)));
}, ['threshold']);
/**
 * Keras's `metrics.CategoricalAccuracy()`: how often the prediction's argmax is the one-hot target's class.
 * Option `name` ('categorical_accuracy').
 * @example model.compile({ optimizer: 'adam', loss: 'categorical_crossentropy', metrics: [metrics.CategoricalAccuracy()] })
 */
export const CategoricalAccuracy = metricClass('CategoricalAccuracy', 'categorical_accuracy', (n) => meanMetric(n, categoricalAccuracyFn));
/**
 * Keras's `metrics.SparseCategoricalAccuracy()`: how often the prediction's argmax is the integer label.
 * Option `name` ('sparse_categorical_accuracy').
 * @example model.compile({ optimizer: 'adam', loss: 'sparse_categorical_crossentropy', metrics: [metrics.SparseCategoricalAccuracy()] })
 */
export const SparseCategoricalAccuracy = metricClass('SparseCategoricalAccuracy', 'sparse_categorical_accuracy', (n) => meanMetric(n, sparseCategoricalAccuracyFn));
/**
 * Keras's `metrics.TopKCategoricalAccuracy()`: how often the one-hot target's class is among the `k` highest predictions.
 * Options `k` (5), `name` ('top_k_categorical_accuracy').
 * @example metrics.TopKCategoricalAccuracy({ k: 3 })
 */
export const TopKCategoricalAccuracy = metricClass('TopKCategoricalAccuracy', 'top_k_categorical_accuracy', (n, o) => meanMetric(n, topKCategoricalAccuracyFn((o.k as number | undefined) ?? 5)), ['k']);
/**
 * Keras's `metrics.SparseTopKCategoricalAccuracy()`: how often the integer label is among the `k` highest predictions.
 * Options `k` (5), `name` ('sparse_top_k_categorical_accuracy').
 * @example metrics.SparseTopKCategoricalAccuracy({ k: 3 })
 */
export const SparseTopKCategoricalAccuracy = metricClass('SparseTopKCategoricalAccuracy', 'sparse_top_k_categorical_accuracy', (n, o) => meanMetric(n, sparseTopKCategoricalAccuracyFn((o.k as number | undefined) ?? 5)), ['k']);
/**
 * Keras's `metrics.MeanSquaredError()`: the mean squared error over all samples seen in the epoch.
 * Option `name` ('mean_squared_error').
 * @example model.compile({ optimizer: 'adam', loss: 'mae', metrics: [metrics.MeanSquaredError()] })
 */
export const MeanSquaredError = metricClass('MeanSquaredError', 'mean_squared_error', (n) => meanMetric(n, L.meanSquaredError));
/**
 * Keras's `metrics.MeanAbsoluteError()`: the mean absolute error over all samples seen in the epoch.
 * Option `name` ('mean_absolute_error').
 * @example model.compile({ optimizer: 'adam', loss: 'mse', metrics: [metrics.MeanAbsoluteError()] })
 */
export const MeanAbsoluteError = metricClass('MeanAbsoluteError', 'mean_absolute_error', (n) => meanMetric(n, L.meanAbsoluteError));
/**
 * Keras's `metrics.Precision()`: true positives / predicted positives over the epoch, predictions thresholded at 0.5.
 * Option `name` ('precision'); targets shaped like the predictions.
 * @example model.compile({ optimizer: 'adam', loss: 'binary_crossentropy', metrics: [metrics.Precision()] })
 */
export const Precision = metricClass('Precision', 'precision', (n) => precision(n));
/**
 * Keras's `metrics.Recall()`: true positives / actual positives over the epoch, predictions thresholded at 0.5.
 * Option `name` ('recall'); targets shaped like the predictions.
 * @example model.compile({ optimizer: 'adam', loss: 'binary_crossentropy', metrics: [metrics.Recall()] })
 */
export const Recall = metricClass('Recall', 'recall', (n) => recall(n));
/**
 * Keras's `metrics.AUC()`: the area under the ROC curve over the epoch, from `num_thresholds` evenly spaced thresholds.
 * Options `num_thresholds` (200), `name` ('auc'); targets shaped like the predictions.
 * @example model.compile({ optimizer: 'adam', loss: 'binary_crossentropy', metrics: [metrics.AUC()] })
 */
export const AUC = metricClass('AUC', 'auc', (n, o) => auc(n, (o.numThresholds as number | undefined) ?? 200), ['numThresholds']);
/** `metrics.RootMeanSquaredError({ name })`: the square root of the mean squared error over the epoch. */
export const RootMeanSquaredError = metricClass('RootMeanSquaredError', 'root_mean_squared_error', (n) => rootMeanSquaredError(n));
