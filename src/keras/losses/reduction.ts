// Keras's loss reductions: how the per-sample losses of a batch become one number (or stay per sample), for a
// loss instance called directly and for training.
import * as tf from '@tensorflow/tfjs';
import { ValueError } from '../errors';

/** Keras's reductions, from the per-sample losses to what calling a loss instance returns. */
const REDUCTIONS = ['sum_over_batch_size', 'sum', 'mean', 'mean_with_sample_weight', 'none'] as const;
export type Reduction = (typeof REDUCTIONS)[number];

/** A `reduction` option as Keras takes it: undefined is the default, null is 'none'. */
export function reductionOf(value: unknown): Reduction {
  if (value === undefined) return 'sum_over_batch_size';
  if (value === null) return 'none';
  if (typeof value === 'string' && (REDUCTIONS as readonly string[]).includes(value)) return value as Reduction;
  throw new ValueError(`Invalid value for argument \`reduction\`. Expected one of {${REDUCTIONS.map((r) => `'${r}'`).join(', ')}}. Received: reduction=${String(value)}`);
}

/** Keras's reduce_weighted_values: weights broadcast over the losses (a [batch] weight over [batch, ...] losses). */
export function reduceLosses(losses: tf.Tensor, sampleWeight: tf.Tensor | undefined, reduction: Reduction): tf.Tensor {
  let weights = sampleWeight ? tf.cast(sampleWeight, losses.dtype) : undefined;
  while (weights && weights.rank > losses.rank && weights.shape[weights.rank - 1] === 1) weights = tf.squeeze(weights, [-1]);
  while (weights && weights.rank < losses.rank) weights = tf.expandDims(weights, -1);
  const weighted = weights ? tf.mul(losses, weights) : losses;
  switch (reduction) {
    case 'none':
      return weighted;
    case 'sum':
      return tf.sum(weighted);
    case 'mean_with_sample_weight':
      return weights ? tf.divNoNan(tf.sum(weighted), tf.sum(tf.mul(tf.onesLike(losses), weights))) : tf.mean(weighted);
    default:
      return tf.div(tf.sum(weighted), losses.size);
  }
}
