// Keras metrics as additive statistics: each batch yields a vector of sums (e.g. [sum of values, count] or
// [true positives, false positives]) that the training loop accumulates over an epoch; `result` turns the
// totals into the reported number. This gives Keras's stateful semantics (precision over the whole epoch, not a
// mean of batch precisions) without keeping tensors alive between batches.
import * as tf from '@tensorflow/tfjs';
import * as L from '../losses/functions';
import { checkedOptions, Options } from '../options';

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

export const binaryAccuracyFn: MetricFn = (yt, yp) =>
  tf.tidy(() => tf.mean(tf.equal(yt.cast('float32'), tf.greater(yp, 0.5).cast('float32')).cast('float32'), -1));
export const categoricalAccuracyFn: MetricFn = (yt, yp) =>
  tf.tidy(() => tf.equal(tf.argMax(yt, -1), tf.argMax(yp, -1)).cast('float32'));
export const sparseCategoricalAccuracyFn: MetricFn = (yt, yp) =>
  tf.tidy(() => tf.equal(squeezeLast(yt, yp).cast('int32').reshape([-1]), tf.argMax(yp, -1).reshape([-1])).cast('float32'));
export function topKCategoricalAccuracyFn(k = 5): MetricFn {
  return (yt, yp) => sparseTopK(tf.argMax(yt, -1), yp, k);
}
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

// Keras's metric functions on tensors, e.g. metrics.binary_accuracy(yTrue, yPred).
export const binary_accuracy = binaryAccuracyFn;
export const categorical_accuracy = categoricalAccuracyFn;
export const sparse_categorical_accuracy = sparseCategoricalAccuracyFn;

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

const STATEFUL_IDS: Record<string, (name: string) => Metric> = { precision, recall, auc };

export const METRIC_IDS = ['accuracy', 'acc', ...Object.keys(MEAN_IDS), ...Object.keys(STATEFUL_IDS)].map((k) =>
  k.replace(/[A-Z]/g, (c) => '_' + c.toLowerCase()),
);

export type MetricId = string | Metric | MetricFn;

/**
 * A metric by Keras id, keeping the user's spelling as its log name. 'accuracy'/'acc' return null: they are
 * resolved against the data on the first batch (see resolveAccuracy).
 */
export function get(id: MetricId): Metric | null {
  if (typeof id === 'function') return meanMetric(id.name || 'metric', id);
  if (typeof id !== 'string') return id;
  if (id === 'accuracy' || id === 'acc') return null;
  const key = id.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
  if (key in STATEFUL_IDS) return STATEFUL_IDS[key](id);
  if (key in MEAN_IDS) return meanMetric(id, MEAN_IDS[key]);
  throw new Error(`Unknown metric '${id}'. Known metrics: ${[...new Set(METRIC_IDS)].join(', ')}.`);
}

export const accuracyFn: MetricFn = (yt, yp) => tf.tidy(() => tf.equal(yt.cast('float32'), yp.cast('float32')).cast('float32'));

/** Keras's metric classes: `metrics.BinaryAccuracy()`, `metrics.Precision({ name: 'p' })`. */
function metricClass(kerasName: string, defaultName: string, make: (name: string, o: Options) => Metric, extra: string[] = []) {
  return (options?: Options): Metric => {
    const o = checkedOptions(`metrics.${kerasName}`, options, ['name', 'dtype', ...extra]);
    return make((o.name as string | undefined) ?? defaultName, o);
  };
}

export const Accuracy = metricClass('Accuracy', 'accuracy', (n) => meanMetric(n, accuracyFn));
export const BinaryAccuracy = metricClass('BinaryAccuracy', 'binary_accuracy', (n, o) => {
  const threshold = (o.threshold as number | undefined) ?? 0.5;
  return meanMetric(n, (yt, yp) => tf.tidy(() => tf.mean(tf.equal(yt.cast('float32'), tf.greater(yp, threshold).cast('float32')).cast('float32'), -1)));
}, ['threshold']);
export const CategoricalAccuracy = metricClass('CategoricalAccuracy', 'categorical_accuracy', (n) => meanMetric(n, categoricalAccuracyFn));
export const SparseCategoricalAccuracy = metricClass('SparseCategoricalAccuracy', 'sparse_categorical_accuracy', (n) => meanMetric(n, sparseCategoricalAccuracyFn));
export const TopKCategoricalAccuracy = metricClass('TopKCategoricalAccuracy', 'top_k_categorical_accuracy', (n, o) => meanMetric(n, topKCategoricalAccuracyFn((o.k as number | undefined) ?? 5)), ['k']);
export const SparseTopKCategoricalAccuracy = metricClass('SparseTopKCategoricalAccuracy', 'sparse_top_k_categorical_accuracy', (n, o) => meanMetric(n, sparseTopKCategoricalAccuracyFn((o.k as number | undefined) ?? 5)), ['k']);
export const MeanSquaredError = metricClass('MeanSquaredError', 'mean_squared_error', (n) => meanMetric(n, L.meanSquaredError));
export const MeanAbsoluteError = metricClass('MeanAbsoluteError', 'mean_absolute_error', (n) => meanMetric(n, L.meanAbsoluteError));
export const Precision = metricClass('Precision', 'precision', (n) => precision(n));
export const Recall = metricClass('Recall', 'recall', (n) => recall(n));
export const AUC = metricClass('AUC', 'auc', (n, o) => auc(n, (o.numThresholds as number | undefined) ?? 200), ['numThresholds']);
