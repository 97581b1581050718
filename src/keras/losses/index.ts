// The `losses` namespace: Keras's loss functions under their camelCase and snake_case names, `get(id)` for the
// string ids compile() takes, and CTC.
import { ctcBatchCost, ctc } from './ctc';
import * as f from './functions';
import type { LossFn } from './functions';
import type { LossInstance } from './classes';

export type { LossInstance } from './classes';
export type { Reduction } from './reduction';

export type { LossFn } from './functions';
export * from './functions';
export * from './classes';
export { ctcBatchCost, ctc };
/** Keras's snake_case name for {@link meanSquaredError}. */
export const mean_squared_error = f.meanSquaredError;
/** Keras's snake_case name for {@link meanAbsoluteError}. */
export const mean_absolute_error = f.meanAbsoluteError;
/** Keras's snake_case name for {@link meanAbsolutePercentageError}. */
export const mean_absolute_percentage_error = f.meanAbsolutePercentageError;
/** Keras's snake_case name for {@link meanSquaredLogarithmicError}. */
export const mean_squared_logarithmic_error = f.meanSquaredLogarithmicError;
/** Keras's snake_case name for {@link squaredHinge}. */
export const squared_hinge = f.squaredHinge;
/** Keras's snake_case name for {@link cosineSimilarity}. */
export const cosine_similarity = f.cosineSimilarity;
/** Keras's snake_case name for {@link binaryCrossentropy}. */
export const binary_crossentropy = f.binaryCrossentropy;
/** Keras's snake_case name for {@link categoricalCrossentropy}. */
export const categorical_crossentropy = f.categoricalCrossentropy;
/** Keras's snake_case name for {@link sparseCategoricalCrossentropy}. */
export const sparse_categorical_crossentropy = f.sparseCategoricalCrossentropy;
/** Keras 2's snake_case name for {@link ctcBatchCost}. */
export const ctc_batch_cost = ctcBatchCost;
/** Keras's short name for {@link meanSquaredError}. */
export const mse = f.meanSquaredError;
/** Keras's short name for {@link meanAbsoluteError}. */
export const mae = f.meanAbsoluteError;
/** Keras's short name for {@link meanAbsolutePercentageError}. */
export const mape = f.meanAbsolutePercentageError;
/** Keras's short name for {@link meanSquaredLogarithmicError}. */
export const msle = f.meanSquaredLogarithmicError;
/** Keras's long name for {@link kld}, the Kullback-Leibler divergence. */
export const kullbackLeiblerDivergence = f.kld;

const BY_ID: Record<string, LossFn> = {
  mse: f.meanSquaredError,
  meanSquaredError: f.meanSquaredError,
  mae: f.meanAbsoluteError,
  meanAbsoluteError: f.meanAbsoluteError,
  mape: f.meanAbsolutePercentageError,
  meanAbsolutePercentageError: f.meanAbsolutePercentageError,
  msle: f.meanSquaredLogarithmicError,
  meanSquaredLogarithmicError: f.meanSquaredLogarithmicError,
  huber: f.huber,
  hinge: f.hinge,
  squaredHinge: f.squaredHinge,
  kld: f.kld,
  kullbackLeiblerDivergence: f.kld,
  poisson: f.poisson,
  cosineSimilarity: f.cosineSimilarity,
  binaryCrossentropy: f.binaryCrossentropy,
  categoricalCrossentropy: f.categoricalCrossentropy,
  sparseCategoricalCrossentropy: f.sparseCategoricalCrossentropy,
  ctc,
};

/** The ids compile() accepts, in Keras's snake_case spelling. */
export const LOSS_IDS = Object.keys(BY_ID).map((k) => k.replace(/[A-Z]/g, (c) => '_' + c.toLowerCase()));

/** A loss by Keras id ('binary_crossentropy', 'mse'...) or camelCase form; functions pass through. */
export function get(id: string | LossFn): LossFn {
  // A Keras loss instance reduces when called; training wants its per-sample losses.
  if (typeof id === 'function') return (id as Partial<LossInstance>).perSample ?? id;
  const key = id.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
  const fn = BY_ID[key];
  if (!fn) throw new Error(`Unknown loss '${id}'. Known losses: ${[...new Set(LOSS_IDS)].join(', ')}.`);
  return fn;
}
