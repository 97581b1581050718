// evaluate() and predict(): batched, tidy, with Keras's return shapes (numbers for evaluate).
import * as tf from '@tensorflow/tfjs';
import type { Logs } from '../../shared/presenter';
import { checkedOptions, Options } from '../options';
import { progbarLine } from '../../display/render/progbar';
import { stdoutOutput, type TextOutput } from '../text/progbar';
import { Compiled, logNames } from './compile';
import { Data, toTensorList } from './data';
import { EngineModel, featureShapes } from './engine';
import { testLoop, verbosity, Yielder } from './fit';
import { guardedBatch } from './interrupts';
import { Stepper } from './step';

export interface EvaluateOptions {
  batchSize?: number;
  verbose?: 0 | 1 | 'auto';
  sampleWeight?: Data;
  returnDict?: boolean;
}

export interface PredictOptions {
  batchSize?: number;
  verbose?: 0 | 1 | 'auto';
}

/** A one-epoch text bar for evaluate/predict (Keras prints one too). */
function textBar(steps: number, out: TextOutput = stdoutOutput): (batch: number, logs: Logs) => void {
  const start = performance.now();
  return (batch, logs) => {
    const done = batch + 1 === steps;
    if (!done && !out.dynamic) return;
    const line = progbarLine({ seen: batch + 1, target: steps, elapsed: (performance.now() - start) / 1000, logs, done });
    out.write((out.dynamic ? '\r' : '') + line + (done ? '\n' : ''));
  };
}

function buildIfNeeded(model: EngineModel, x: Data, where: string): void {
  if (model.inputs.length > 0 || !model.buildFrom) return;
  const first = toTensorList(x, ['input'], where);
  model.buildFrom(first.tensors[0]);
  tf.dispose(first.owned);
}

export async function evaluate(
  model: EngineModel,
  compiled: Compiled,
  x: Data,
  y: Data,
  options: EvaluateOptions & Options = {},
): Promise<number | number[] | Record<string, number>> {
  const o = checkedOptions('evaluate', options, ['batchSize', 'verbose', 'sampleWeight', 'returnDict']) as EvaluateOptions;
  buildIfNeeded(model, x, 'evaluate (x)');
  const xs = toTensorList(x, model.inputNames, 'evaluate (x)', featureShapes(model));
  const ys = toTensorList(y, model.outputNames, 'evaluate (y)');
  const sw = o.sampleWeight === undefined ? null : toTensorList(o.sampleWeight, ['sample_weight'], 'evaluate (sample_weight)');
  try {
    const batchSize = o.batchSize ?? 32;
    const steps = Math.ceil(xs.tensors[0].shape[0] / batchSize);
    const data = { x: xs.tensors, y: ys.tensors, weights: sw ? sw.tensors[0] : null };
    const logs = await testLoop(new Stepper(model, compiled), data, batchSize, new Yielder(), verbosity(o.verbose, 1) === 1 ? textBar(steps) : undefined);
    if (o.returnDict) return logs;
    const values = logNames(compiled).map((k) => logs[k]);
    return values.length === 1 ? values[0] : values;
  } finally {
    tf.dispose([...xs.owned, ...ys.owned, ...(sw ? sw.owned : [])]);
  }
}

/** Outputs for `x`, one tensor per model output, computed batch by batch. */
export function predict(model: EngineModel, x: Data, options: PredictOptions & Options = {}): tf.Tensor | tf.Tensor[] {
  const o = checkedOptions('predict', options, ['batchSize', 'verbose']) as PredictOptions;
  buildIfNeeded(model, x, 'predict (x)');
  const xs = toTensorList(x, model.inputNames, 'predict (x)', featureShapes(model));
  try {
    const n = xs.tensors[0].shape[0];
    const batchSize = o.batchSize ?? 32;
    const steps = Math.ceil(n / batchSize);
    const bar = verbosity(o.verbose, 1) === 1 ? textBar(steps) : undefined;
    const pieces: tf.Tensor[][] = model.outputNames.map(() => []);
    for (let b = 0, start = 0; start < n; b++, start += batchSize) {
      const size = Math.min(batchSize, n - start);
      const out = guardedBatch(() =>
        tf.tidy(() => {
          const r = model.apply(xs.tensors.map((t) => t.slice(start, size)), { training: false });
          return Array.isArray(r) ? r : [r];
        }),
      );
      out.forEach((t, i) => pieces[i].push(t));
      bar?.(b, {});
    }
    const outputs = pieces.map((p) => {
      if (p.length === 1) return p[0];
      const all = tf.concat(p, 0);
      tf.dispose(p);
      return all;
    });
    return outputs.length === 1 ? outputs[0] : outputs;
  } finally {
    tf.dispose(xs.owned);
  }
}
