// The `losses` namespace: Keras's loss functions under their camelCase and snake_case names, `get(id)` for the
// string ids compile() takes, and CTC.
import { ctcBatchCost, ctc } from './ctc';
import * as f from './functions';
import type { LossFn } from './functions';

export type { LossFn } from './functions';
export * from './functions';
export * from './classes';
export { ctcBatchCost, ctc };
export const mean_squared_error = f.meanSquaredError;
export const mean_absolute_error = f.meanAbsoluteError;
export const mean_absolute_percentage_error = f.meanAbsolutePercentageError;
export const mean_squared_logarithmic_error = f.meanSquaredLogarithmicError;
export const squared_hinge = f.squaredHinge;
export const cosine_similarity = f.cosineSimilarity;
export const binary_crossentropy = f.binaryCrossentropy;
export const categorical_crossentropy = f.categoricalCrossentropy;
export const sparse_categorical_crossentropy = f.sparseCategoricalCrossentropy;
export const ctc_batch_cost = ctcBatchCost;
export const mse = f.meanSquaredError;
export const mae = f.meanAbsoluteError;
export const mape = f.meanAbsolutePercentageError;
export const msle = f.meanSquaredLogarithmicError;
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
  if (typeof id === 'function') return id;
  const key = id.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
  const fn = BY_ID[key];
  if (!fn) throw new Error(`Unknown loss '${id}'. Known losses: ${[...new Set(LOSS_IDS)].join(', ')}.`);
  return fn;
}
