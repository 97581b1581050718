// compile(): Keras string ids (or functions/instances) for the optimizer, the losses and the metrics, resolved
// per model output.
import * as tf from '@tensorflow/tfjs';
import { ValueError } from '../errors';
import * as losses from '../losses';
import { ctcLabels } from '../losses/ctc';
import * as metrics from '../metrics';
import * as optimizers from '../optimizers';
import { SavedOptimizer, toSaved } from '../optimizers';
import { checkedOptions, Options, KerasOptions } from '../options';

type PerOutput<T> = T | T[] | Record<string, T>;

/** compile()'s options, in camelCase (snake_case also accepted). */
export interface CompileOptions {
  optimizer?: string | tf.Optimizer;
  loss?: PerOutput<string | losses.LossFn>;
  metrics?: PerOutput<metrics.MetricId | metrics.MetricId[]> | metrics.MetricId[];
  lossWeights?: PerOutput<number>;
  loss_weights?: PerOutput<number>;
}

/** How one model output is trained: its loss, weight and metrics. */
export interface OutputSpec {
  /** Output name as Keras prefixes it in logs for multi-output models. */
  name: string;
  loss: losses.LossFn;
  /** The loss id in camelCase (or the function's name), to pick the right 'accuracy'. */
  lossName: string;
  /** How a batch's per-sample losses become its loss: the loss instance's `reduction`, Keras's mean by default. */
  reduction: losses.Reduction;
  weight: number;
  metricIds: metrics.MetricId[];
}

/** What compile() resolved, kept on the model as `model.compiled`. */
export interface Compiled {
  optimizer: tf.Optimizer;
  outputs: OutputSpec[];
  /** What the user passed, kept for save(): ids only (functions cannot be saved). */
  config: { optimizer: SavedOptimizer; loss: unknown; metrics: unknown; lossWeights: unknown };
}

const VALID = ['optimizer', 'loss', 'metrics', 'lossWeights'];

function perOutput<T>(value: PerOutput<T> | undefined, names: string[], what: string, fallback: T): T[] {
  if (value === undefined) return names.map(() => fallback);
  if (Array.isArray(value)) {
    if (value.length !== names.length) throw new Error(`compile: ${what} has ${value.length} entries for ${names.length} outputs (${names.join(', ')}).`);
    return value;
  }
  if (typeof value === 'object' && value !== null && !(value instanceof tf.Optimizer) && Object.getPrototypeOf(value) === Object.prototype) {
    const record = value as Record<string, T>;
    for (const key of Object.keys(record)) {
      if (!names.includes(key)) throw new Error(`compile: ${what} names output '${key}', but the outputs are ${names.join(', ')}.`);
    }
    return names.map((n) => record[n] ?? fallback);
  }
  return names.map(() => value as T);
}

function lossName(id: string | losses.LossFn): string {
  return typeof id === 'string' ? id.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()) : id.name;
}

/**
 * Checks the targets of outputs whose loss can judge them as a whole, before the first batch, so that an error
 * names the row of `y` (`what`) rather than of a shuffled batch: CTC's label convention.
 */
export function checkTargets(compiled: Compiled, ys: tf.Tensor[], what = 'y'): void {
  compiled.outputs.forEach((out, i) => {
    if (out.lossName === 'ctc' && ys[i]?.rank === 2) ctcLabels(ys[i], null, compiled.outputs.length > 1 ? `${what}['${out.name}']` : what);
  });
}

/** A loss instance's reduction, for training; 'none' leaves no single number to minimise. */
function trainingReduction(id: string | losses.LossFn): losses.Reduction {
  const reduction = typeof id === 'function' ? (id as Partial<losses.LossInstance>).reduction : undefined;
  if (reduction === 'none') {
    throw new ValueError("compile: a loss with reduction 'none' gives one value per sample, and training needs one number: use 'sum_over_batch_size' (the default) or 'sum'.");
  }
  return reduction ?? 'sum_over_batch_size';
}

/** Resolves compile()'s options for a model whose outputs are `outputNames`; unknown ids fail here. */
export function compile(outputNames: string[], options: KerasOptions<CompileOptions>): Compiled {
  const o = checkedOptions('compile', options, VALID);
  if (o.loss === undefined) throw new Error("compile: 'loss' is required, e.g. loss: 'categorical_crossentropy'.");
  const optimizer = optimizers.get((o.optimizer as string | tf.Optimizer | undefined) ?? 'rmsprop');
  const lossIds = perOutput(o.loss as PerOutput<string | losses.LossFn>, outputNames, 'loss', 'mse');
  const weights = perOutput(o.lossWeights as PerOutput<number> | undefined, outputNames, 'loss_weights', 1);
  // A flat list of metrics applies to every output, as in Keras.
  const m = o.metrics as CompileOptions['metrics'];
  let metricIds: metrics.MetricId[][];
  if (m === undefined) metricIds = outputNames.map(() => []);
  else if (Array.isArray(m) && !m.some(Array.isArray)) metricIds = outputNames.map(() => m as metrics.MetricId[]);
  else metricIds = perOutput(m as PerOutput<metrics.MetricId | metrics.MetricId[]>, outputNames, 'metrics', []).map((x) => (Array.isArray(x) ? x : [x]));
  // Fail now on unknown ids rather than at the first batch.
  metricIds.flat().forEach((id) => metrics.get(id));
  const outputs = outputNames.map((name, i) => ({
    name,
    loss: losses.get(lossIds[i]),
    lossName: lossName(lossIds[i]),
    reduction: trainingReduction(lossIds[i]),
    weight: weights[i],
    metricIds: metricIds[i],
  }));
  return {
    optimizer,
    outputs,
    config: {
      optimizer: toSaved(optimizer),
      loss: o.loss,
      metrics: o.metrics ?? [],
      lossWeights: o.lossWeights ?? null,
    },
  };
}

/** The metric objects for each output, resolving 'accuracy' from the first batch's shapes. */
export function resolveMetrics(compiled: Compiled, yTrue: tf.Tensor[], yPred: tf.Tensor[]): metrics.Metric[][] {
  const multi = compiled.outputs.length > 1;
  return compiled.outputs.map((out, i) =>
    out.metricIds.map((id) => {
      const metric = metrics.get(id) ?? metrics.resolveAccuracy(id as string, out.lossName, yTrue[i], yPred[i]);
      return multi ? { ...metric, name: `${out.name}_${metric.name}` } : metric;
    }),
  );
}

const metricName = metrics.metricName;

/** The keys fit() logs, in order, without the `val_` forms: ['loss', 'accuracy']. */
export function logNames(compiled: Compiled): string[] {
  const multi = compiled.outputs.length > 1;
  const names = ['loss'];
  if (multi) names.push(...compiled.outputs.map((o) => `${o.name}_loss`));
  for (const out of compiled.outputs) names.push(...out.metricIds.map((id) => (multi ? `${out.name}_${metricName(id)}` : metricName(id))));
  return names;
}
