// Keras's train_on_batch, test_on_batch and predict_on_batch: one step on data given whole, no callbacks, metrics
// over that batch alone (Keras's reset_metrics=True). They return plain numbers at once, as Keras does.
import * as tf from '@tensorflow/tfjs';
import { kerasError } from '../errors';
import { checkedOptions, Options, KerasOptions } from '../options';
import { Compiled, logNames } from './compile';
import type { Data } from './data-adapters/arrays';
import { fitData, toArrays, toInputs } from './data-adapters/training-data';
import type { EngineModel } from './engine';
import { guardedSyncBatch } from './interrupts';
import { predictLoop } from './trainer/loops';
import { Accumulator, Stepper } from './trainer/step';

/** train_on_batch's options (snake_case also accepted). */
export interface TrainOnBatchOptions {
  sampleWeight?: Data;
  classWeight?: Record<number, number>;
  returnDict?: boolean;
}

/** test_on_batch's options (snake_case also accepted). */
export interface TestOnBatchOptions {
  sampleWeight?: Data;
  returnDict?: boolean;
}

export type BatchResult = number | number[] | Record<string, number>;

/** Keras's return shapes: the loss alone, [loss, ...metrics], or a dict with return_dict. */
function shaped(compiled: Compiled, logs: Record<string, number>, returnDict: boolean | undefined): BatchResult {
  if (returnDict) return logs;
  const values = logNames(compiled).map((k) => logs[k]);
  return values.length === 1 ? values[0] : values;
}

/** One gradient step on `x` and `y` as a single batch; the loss (and metrics) of that batch, before the step. */
export function trainOnBatch(model: EngineModel, compiled: Compiled, x: Data, y: Data, options: KerasOptions<TrainOnBatchOptions> = {}): BatchResult {
  const o = checkedOptions('train_on_batch', options, ['sampleWeight', 'classWeight', 'returnDict']) as TrainOnBatchOptions;
  const owned: tf.Tensor[] = [];
  try {
    const { train } = fitData(model, x, y, { sampleWeight: o.sampleWeight, classWeight: o.classWeight }, owned);
    const acc = new Accumulator();
    const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
    const stepper = new Stepper(model, compiled);
    guardedSyncBatch(() => stepper.train(train, variables, acc));
    return shaped(compiled, acc.logs(), o.returnDict);
  } catch (e) {
    throw kerasError(e);
  } finally {
    tf.dispose(owned);
  }
}

/** The loss (and metrics) of `x` and `y` as a single batch, without training. */
export function testOnBatch(model: EngineModel, compiled: Compiled, x: Data, y: Data, options: KerasOptions<TestOnBatchOptions> = {}): BatchResult {
  const o = checkedOptions('test_on_batch', options, ['sampleWeight', 'returnDict']) as TestOnBatchOptions;
  const owned: tf.Tensor[] = [];
  try {
    const data = toArrays(model, x, y, o.sampleWeight, (part) => `test_on_batch (${part})`, owned);
    const acc = new Accumulator();
    const stepper = new Stepper(model, compiled);
    guardedSyncBatch(() => stepper.test(data, acc));
    return shaped(compiled, acc.logs(), o.returnDict);
  } catch (e) {
    throw kerasError(e);
  } finally {
    tf.dispose(owned);
  }
}

/** The outputs for `x` as a single batch: a tensor, or one per output. */
export function predictOnBatch(model: EngineModel, x: Data): tf.Tensor | tf.Tensor[] {
  const owned: tf.Tensor[] = [];
  try {
    const xs = toInputs(model, x, 'predict_on_batch (x)', owned);
    const out = predictLoop(model, xs, Math.max(1, xs[0].shape[0]));
    return out.length === 1 ? out[0] : out;
  } catch (e) {
    throw kerasError(e);
  } finally {
    tf.dispose(owned);
  }
}
