// fit(): Keras's training loop over tensors. Written here rather than wrapping tfjs's fit to get Keras's
// semantics (defaults, class_weight, stateful metrics, plain-number History, mixed callbacks) and to stay
// interruptible: model.stopTraining is checked after every batch and the event loop gets a turn every ~25 ms.
import * as tf from '@tensorflow/tfjs';
import { installedPresenter, FitParams, FitProgress, Logs } from '../../shared/presenter';
import { CallbackLike, CallbackList } from '../callbacks/callback';
import { checkedOptions, Options } from '../options';
import { TextProgress } from '../text/progbar';
import { Compiled, logNames } from './compile';
import { Data, toTensorList } from './data';
import { EngineModel, featureShapes } from './engine';
import { History } from './history';
import { guardedBatch, RunningFit, startedFit } from './interrupts';
import { Accumulator, Batch, Stepper } from './step';

export interface FitOptions {
  batchSize?: number;
  epochs?: number;
  verbose?: 0 | 1 | 2 | 'auto';
  callbacks?: CallbackLike | CallbackLike[];
  validationSplit?: number;
  validationData?: [Data, Data] | [Data, Data, Data];
  shuffle?: boolean;
  classWeight?: Record<number, number>;
  sampleWeight?: Data;
  initialEpoch?: number;
  validationBatchSize?: number;
  validationFreq?: number;
}

const VALID = [
  'batchSize', 'epochs', 'verbose', 'callbacks', 'validationSplit', 'validationData', 'shuffle', 'classWeight',
  'sampleWeight', 'initialEpoch', 'validationBatchSize', 'validationFreq',
];

const YIELD_EVERY_MS = 25;

/** Keras's verbose: 0, 1, 2 (fit only) or 'auto' (= 1). */
export function verbosity(v: unknown, max: 1 | 2): 0 | 1 | 2 {
  if (v === undefined || v === 'auto') return 1;
  if (v === 0 || v === 1 || (v === 2 && max === 2)) return v;
  throw new Error(`verbose must be 0, 1${max === 2 ? ', 2' : ''} or 'auto', got ${JSON.stringify(v)}.`);
}

/** Lets interrupts, timers and I/O in between long synchronous stretches. */
export class Yielder {
  private last = performance.now();
  async maybe(): Promise<void> {
    if (performance.now() - this.last < YIELD_EVERY_MS) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.last = performance.now();
  }
}

/** Tensors for one set of samples: inputs, targets, optional per-sample weights. */
export interface Arrays {
  x: tf.Tensor[];
  y: tf.Tensor[];
  weights: tf.Tensor | null;
}

export function sliceArrays(a: Arrays, begin: number, size: number): Arrays {
  const cut = (t: tf.Tensor) => t.slice(begin, size);
  return { x: a.x.map(cut), y: a.y.map(cut), weights: a.weights ? cut(a.weights) : null };
}

export function takeBatch(a: Arrays, indices: Int32Array, begin: number, end: number): Batch {
  const idx = tf.tensor1d(indices.subarray(begin, end), 'int32');
  const pick = (t: tf.Tensor) => tf.gather(t, idx);
  const batch = { x: a.x.map(pick), y: a.y.map(pick), weights: a.weights ? pick(a.weights) : null };
  idx.dispose();
  return batch;
}

function disposeBatch(b: Batch | Arrays): void {
  tf.dispose([...b.x, ...b.y, ...(b.weights ? [b.weights] : [])]);
}

/** Keras's class_weight: each sample weighs as its class (argmax of one-hot targets, or the integer label). */
function classWeights(y: tf.Tensor, classWeight: Record<number, number>): tf.Tensor {
  const labels = tf.tidy(() => (y.rank > 1 && y.shape[y.rank - 1] > 1 ? tf.argMax(y, -1) : y.reshape([y.shape[0], -1]).slice([0, 0], [-1, 1]).reshape([-1])).dataSync());
  const weights = Float32Array.from(labels, (label) => classWeight[Math.round(label)] ?? 1);
  return tf.tensor1d(weights);
}

/** Runs the batches of `data` through `stepper.test` and returns the averaged figures. */
export async function testLoop(stepper: Stepper, data: Arrays, batchSize: number, yielder: Yielder, onBatch?: (b: number, logs: Logs) => void): Promise<Logs> {
  const n = data.x[0].shape[0];
  const acc = new Accumulator();
  const order = Int32Array.from({ length: n }, (_, i) => i);
  for (let b = 0, start = 0; start < n; b++, start += batchSize) {
    const batch = takeBatch(data, order, start, Math.min(start + batchSize, n));
    try {
      guardedBatch(() => stepper.test(batch, acc));
    } finally {
      disposeBatch(batch);
    }
    onBatch?.(b, acc.logs());
    await yielder.maybe();
  }
  return acc.logs();
}

function progressCallback(progress: FitProgress): CallbackLike {
  return {
    onEpochBegin: (epoch) => progress.epochBegin(epoch),
    onBatchEnd: (batch, logs) => progress.batchEnd(batch, logs ?? {}),
    onEpochEnd: (epoch, logs) => progress.epochEnd(epoch, logs ?? {}),
    onTrainEnd: () => progress.trainEnd(),
  };
}

export async function fit(model: EngineModel, compiled: Compiled, x: Data, y: Data, options: FitOptions & Options = {}): Promise<History> {
  const o = checkedOptions('fit', options, VALID) as FitOptions;
  const batchSize = o.batchSize ?? 32;
  const epochs = o.epochs ?? 1;
  const verbose = verbosity(o.verbose, 2);
  const initialEpoch = o.initialEpoch ?? 0;
  const validationFreq = o.validationFreq ?? 1;
  const owned: tf.Tensor[] = [];
  let running: RunningFit | null = null;
  try {
    if (model.inputs.length === 0 && model.buildFrom) {
      const first = toTensorList(x, ['input'], 'fit (x)');
      owned.push(...first.owned);
      model.buildFrom(first.tensors[0]);
      x = first.tensors[0];
    }
    const xs = toTensorList(x, model.inputNames, 'fit (x)', featureShapes(model));
    const ys = toTensorList(y, model.outputNames, 'fit (y)');
    owned.push(...xs.owned, ...ys.owned);
    let weights: tf.Tensor | null = null;
    if (o.sampleWeight !== undefined) {
      const sw = toTensorList(o.sampleWeight, ['sample_weight'], 'fit (sample_weight)');
      owned.push(...sw.owned);
      weights = sw.tensors[0];
    }
    if (o.classWeight) {
      if (ys.tensors.length > 1) throw new Error('fit: class_weight is only supported for models with one output.');
      const cw = classWeights(ys.tensors[0], o.classWeight);
      owned.push(cw);
      weights = weights ? tf.mul(weights, cw) : cw;
      if (weights !== cw) owned.push(weights);
    }
    let train: Arrays = { x: xs.tensors, y: ys.tensors, weights };
    let validation: Arrays | null = null;
    const total = xs.tensors[0].shape[0];
    if (o.validationData) {
      const [vx, vy, vw] = o.validationData;
      const vxs = toTensorList(vx, model.inputNames, 'fit (validation_data x)', featureShapes(model));
      const vys = toTensorList(vy, model.outputNames, 'fit (validation_data y)');
      owned.push(...vxs.owned, ...vys.owned);
      let vweights: tf.Tensor | null = null;
      if (vw !== undefined) {
        const r = toTensorList(vw, ['sample_weight'], 'fit (validation_data sample_weight)');
        owned.push(...r.owned);
        vweights = r.tensors[0];
      }
      validation = { x: vxs.tensors, y: vys.tensors, weights: vweights };
    } else if (o.validationSplit) {
      if (!(o.validationSplit > 0 && o.validationSplit < 1)) throw new Error(`fit: validation_split must be between 0 and 1, got ${o.validationSplit}.`);
      // Keras holds out the last samples, before any shuffling.
      const splitAt = Math.floor(total * (1 - o.validationSplit));
      if (splitAt === 0 || splitAt === total) throw new Error(`fit: validation_split ${o.validationSplit} leaves no samples on one side (${total} samples).`);
      const all = train;
      train = sliceArrays(all, 0, splitAt);
      validation = sliceArrays(all, splitAt, total - splitAt);
      owned.push(...train.x, ...train.y, ...validation.x, ...validation.y);
      if (train.weights) owned.push(train.weights);
      if (validation.weights) owned.push(validation.weights);
    }
    const n = train.x[0].shape[0];
    const steps = Math.ceil(n / batchSize);
    const params: FitParams = {
      epochs, initialEpoch, steps, samples: n, batchSize, metrics: logNames(compiled), verbose, doValidation: validation !== null,
    };
    const history = new History();
    const userCallbacks = o.callbacks === undefined ? [] : Array.isArray(o.callbacks) ? o.callbacks : [o.callbacks];
    const shown = verbose === 0 ? null : (installedPresenter()?.fitProgress(params) ?? new TextProgress(params));
    const progress = shown ? [progressCallback(shown)] : [];
    model.stopTraining = false;
    running = startedFit(
      () => (model.stopTraining = true),
      () => {
        shown?.trainEnd();
        tf.dispose(owned);
      },
    );
    const callbacks = new CallbackList([...userCallbacks, ...progress, history], running.stopRequested);
    callbacks.setup(model, params);

    const stepper = new Stepper(model, compiled);
    const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
    const yielder = new Yielder();
    await callbacks.call('trainBegin', {});
    for (let epoch = initialEpoch; epoch < epochs; epoch++) {
      await callbacks.call('epochBegin', epoch, {});
      const order = Int32Array.from({ length: n }, (_, i) => i);
      if (o.shuffle ?? true) tf.util.shuffle(order);
      const acc = new Accumulator();
      let stoppedMidEpoch = false;
      for (let b = 0; b < steps; b++) {
        if (callbacks.hasBatchHooks) await callbacks.call('batchBegin', b, {});
        const batch = takeBatch(train, order, b * batchSize, Math.min((b + 1) * batchSize, n));
        try {
          guardedBatch(() => stepper.train(batch, variables, acc));
        } finally {
          disposeBatch(batch);
        }
        await callbacks.call('batchEnd', b, acc.logs());
        await yielder.maybe();
        if (model.stopTraining) {
          stoppedMidEpoch = b < steps - 1;
          break;
        }
      }
      const logs = acc.logs();
      // An interrupt mid-epoch skips validation: the user wants control back.
      if (validation && !stoppedMidEpoch && (epoch - initialEpoch + 1) % validationFreq === 0) {
        Object.assign(logs, prefixed(await testLoop(stepper, validation, o.validationBatchSize ?? batchSize, yielder)));
      }
      await callbacks.call('epochEnd', epoch, logs);
      if (model.stopTraining) break;
    }
    await callbacks.call('trainEnd', {});
    return history;
  } finally {
    running?.end();
    tf.dispose(owned);
  }
}

function prefixed(logs: Logs): Logs {
  return Object.fromEntries(Object.entries(logs).map(([k, v]) => [`val_${k}`, v]));
}
