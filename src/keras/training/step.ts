// One batch: forward pass, weighted losses and metric statistics; with an optimizer, one training step.
import * as tf from '@tensorflow/tfjs';
import type { Metric } from '../metrics';
import { Compiled, resolveMetrics } from './compile';

export interface Batch {
  x: tf.Tensor[];
  y: tf.Tensor[];
  /** Per-sample weights [batch], or null. */
  weights: tf.Tensor | null;
}

/** Running sums for every reported figure of an epoch (loss, per-output losses, metrics). */
export class Accumulator {
  private totals = new Map<string, { sums: number[]; result: (t: number[]) => number }>();

  add(name: string, stats: ArrayLike<number>, result: (t: number[]) => number): void {
    const entry = this.totals.get(name) ?? { sums: new Array<number>(stats.length).fill(0), result };
    for (let i = 0; i < stats.length; i++) entry.sums[i] += stats[i];
    this.totals.set(name, entry);
  }

  logs(prefix = ''): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [name, { sums, result }] of this.totals) out[prefix + name] = result(sums);
    return out;
  }
}

const meanOf = ([sum, count]: number[]) => (count > 0 ? sum / count : 0);

/** The model bits a step needs. */
export interface StepModel {
  apply(inputs: tf.Tensor[], kwargs: { training: boolean }): tf.Tensor | tf.Tensor[];
  calculateLosses(): tf.Scalar[];
}

export class Stepper {
  private metrics: Metric[][] | null = null;

  constructor(
    private readonly model: StepModel,
    private readonly compiled: Compiled,
  ) {}

  /** Loss and metric statistics of one batch, as tensors kept out of the surrounding tidy. */
  private forward(batch: Batch, training: boolean): { total: tf.Scalar; figures: Array<[string, tf.Tensor, (t: number[]) => number]> } {
    const out = this.model.apply(batch.x, { training });
    const preds = Array.isArray(out) ? out : [out];
    this.metrics ??= resolveMetrics(this.compiled, batch.y, preds);
    const n = batch.x[0].shape[0];
    const figures: Array<[string, tf.Tensor, (t: number[]) => number]> = [];
    let total: tf.Scalar = tf.scalar(0);
    this.compiled.outputs.forEach((spec, i) => {
      let perSample = spec.loss(batch.y[i], preds[i]);
      if (batch.weights) {
        const w = batch.weights.reshape([n, ...new Array<number>(Math.max(perSample.rank - 1, 0)).fill(1)]);
        perSample = tf.mul(perSample, w);
      }
      const loss = tf.mean(perSample) as tf.Scalar;
      total = tf.add(total, tf.mul(loss, spec.weight));
      if (this.compiled.outputs.length > 1) figures.push([`${spec.name}_loss`, tf.keep(tf.stack([tf.mul(loss, n), tf.scalar(n)])), meanOf]);
      for (const metric of this.metrics![i]) figures.push([metric.name, tf.keep(metric.stats(batch.y[i], preds[i])), metric.result]);
    });
    for (const reg of this.model.calculateLosses()) total = tf.add(total, reg);
    figures.unshift(['loss', tf.keep(tf.stack([tf.mul(total, n), tf.scalar(n)])), meanOf]);
    return { total, figures };
  }

  /** Adds the batch's figures to `acc`, freeing their tensors. */
  private collect(figures: Array<[string, tf.Tensor, (t: number[]) => number]>, acc: Accumulator): void {
    for (const [name, stats, result] of figures) acc.add(name, stats.dataSync(), result);
    tf.dispose(figures.map((f) => f[1]));
  }

  train(batch: Batch, variables: tf.Variable[], acc: Accumulator): void {
    let figures: Array<[string, tf.Tensor, (t: number[]) => number]> = [];
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

  test(batch: Batch, acc: Accumulator): void {
    let figures: Array<[string, tf.Tensor, (t: number[]) => number]> = [];
    tf.tidy(() => {
      figures = this.forward(batch, false).figures;
    });
    this.collect(figures, acc);
  }
}
