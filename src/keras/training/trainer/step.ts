// One batch: forward pass, weighted losses and metric statistics; with an optimizer, one training step.
import * as tf from '@tensorflow/tfjs';
import { ValueError } from '../../errors';
import { reduceLosses } from '../../losses/reduction';
import type { Metric } from '../../metrics';
import { Compiled, resolveMetrics } from '../compile';
import type { Batch } from '../data-adapters/batches';

/** Running sums for every reported figure of an epoch (loss, per-output losses, metrics). */
export class Accumulator {
  private totals = new Map<string, { sums: number[]; result: (t: number[]) => number }>();

  /** Adds one batch's statistics for `name`; `result` turns the totals into the logged value. */
  add(name: string, stats: ArrayLike<number>, result: (t: number[]) => number): void {
    const entry = this.totals.get(name) ?? { sums: new Array<number>(stats.length).fill(0), result };
    for (let i = 0; i < stats.length; i++) entry.sums[i] += stats[i];
    this.totals.set(name, entry);
  }

  /** Every figure's value so far. */
  logs(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [name, { sums, result }] of this.totals) out[name] = result(sums);
    return out;
  }
}

/** Built-in losses whose targets must have the prediction's shape. */
const SAME_SHAPE = new Set([
  'mse', 'meanSquaredError', 'mae', 'meanAbsoluteError', 'mape', 'meanAbsolutePercentageError', 'msle',
  'meanSquaredLogarithmicError', 'huber', 'hinge', 'squaredHinge', 'kld', 'kullbackLeiblerDivergence', 'poisson',
  'cosineSimilarity', 'binaryCrossentropy', 'categoricalCrossentropy',
]);

/**
 * Targets of shape [batch] against predictions [batch, 1] get the missing axis, as Keras does (sparse labels
 * excepted); other mismatches are reported here rather than as a broadcasting error deep in the loss.
 */
function matchRank(yTrue: tf.Tensor, yPred: tf.Tensor, lossName: string, output: string): tf.Tensor {
  if (!SAME_SHAPE.has(lossName)) return yTrue;
  const target = yTrue.rank === yPred.rank - 1 ? yTrue.expandDims(-1) : yTrue;
  if (target.shape.join() !== yPred.shape.join()) {
    const dims = (s: number[]) => `(${['None', ...s.slice(1)].join(', ')})`;
    // A Dense layer on the output of Conv2D applies to the last axis only: the classic missing Flatten.
    const hint =
      yPred.rank > 2 && yPred.rank > yTrue.rank
        ? ' The model\'s output still has the spatial (or time) axes of its input, since Dense applies to the last axis only: add a `layers.Flatten()` (or `layers.GlobalAveragePooling2D()`) before the `Dense` layer that makes the output.'
        : '';
    throw new ValueError(`Targets for output '${output}' have shape ${dims(yTrue.shape)}, but the model outputs ${dims(yPred.shape)} (loss '${lossName}').${hint}`);
  }
  return target;
}

const meanOf = ([sum, count]: number[]) => (count > 0 ? sum / count : 0);

/** The model bits a step needs. */
export interface StepModel {
  apply(inputs: tf.Tensor[], kwargs: { training: boolean }): tf.Tensor | tf.Tensor[];
  calculateLosses(): tf.Scalar[];
}

/** A logged figure's name, this batch's statistics (kept out of tidy), and how totals become its value. */
type Figure = [string, tf.Tensor, (totals: number[]) => number];

/** Runs batches through one model with its compiled losses and metrics (resolved at the first batch). */
export class Stepper {
  private metrics: Metric[][] | null = null;

  constructor(
    private readonly model: StepModel,
    private readonly compiled: Compiled,
  ) {}

  /** Loss and metric statistics of one batch, as tensors kept out of the surrounding tidy. */
  private forward(batch: Batch, training: boolean): { total: tf.Scalar; figures: Figure[] } {
    const out = this.model.apply(batch.x, { training });
    const preds = Array.isArray(out) ? out : [out];
    this.metrics ??= resolveMetrics(this.compiled, batch.y, preds);
    const n = batch.x[0].shape[0];
    const figures: Figure[] = [];
    let total: tf.Scalar = tf.scalar(0);
    this.compiled.outputs.forEach((spec, i) => {
      const target = matchRank(batch.y[i], preds[i], spec.lossName, spec.name);
      const loss = reduceLosses(spec.loss(target, preds[i]), batch.weights ?? undefined, spec.reduction) as tf.Scalar;
      total = tf.add(total, tf.mul(loss, spec.weight));
      if (this.compiled.outputs.length > 1) figures.push([`${spec.name}_loss`, tf.keep(tf.stack([tf.mul(loss, n), tf.scalar(n)])), meanOf]);
      for (const metric of this.metrics![i]) figures.push([metric.name, tf.keep(metric.stats(target, preds[i])), metric.result]);
    });
    for (const reg of this.model.calculateLosses()) total = tf.add(total, reg);
    figures.unshift(['loss', tf.keep(tf.stack([tf.mul(total, n), tf.scalar(n)])), meanOf]);
    return { total, figures };
  }

  /** Adds the batch's figures to `acc`, freeing their tensors. */
  private collect(figures: Figure[], acc: Accumulator): void {
    for (const [name, stats, result] of figures) acc.add(name, stats.dataSync(), result);
    tf.dispose(figures.map((f) => f[1]));
  }

  /** One training step on `batch`: gradients of the loss applied to `variables`, figures added to `acc`. */
  train(batch: Batch, variables: tf.Variable[], acc: Accumulator): void {
    let figures: Figure[] = [];
    const cost = this.compiled.optimizer.minimize(
      () => {
        const r = this.forward(batch, true);
        figures = r.figures;
        return r.total;
      },
      true,
      variables,
    );
    cost?.dispose();
    this.collect(figures, acc);
  }

  /** The loss and metrics of `batch` without training, added to `acc`. */
  test(batch: Batch, acc: Accumulator): void {
    let figures: Figure[] = [];
    tf.tidy(() => {
      figures = this.forward(batch, false).figures;
    });
    this.collect(figures, acc);
  }
}
