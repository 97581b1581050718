// The loops over batches: fit's epochs, the test loop (evaluate and fit's validation) and the predict loop. Every
// batch runs under the kernel's batch guard; between batches the loops yield to the event loop and fit checks
// model.stopTraining, so an interrupt stops training after the batch it arrives in. The predict loop is synchronous
// and asks the kernel before each batch instead.
import * as tf from '@tensorflow/tfjs';
import type { CallbackList } from '../../callbacks/callback-list';
import type { Logs } from '../../presenter';
import type { Compiled } from '../compile';
import { Arrays, takeBatch, tensorsOf } from '../data-adapters/batches';
import type { EngineModel } from '../engine';
import { guardedBatch, guardedSyncBatch } from '../interrupts';
import { Accumulator, Stepper } from './step';
import { Yielder } from './yielder';

/** How fit()'s epochs run. */
export interface EpochSettings {
  epochs: number;
  initialEpoch: number;
  batchSize: number;
  shuffle: boolean;
  /** Validate after every `validationFreq` epochs. */
  validationFreq: number;
  validationBatchSize: number;
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
      tf.dispose(tensorsOf(batch));
    }
    onBatch?.(b, acc.logs());
    await yielder.maybe();
  }
  return acc.logs();
}

function prefixed(logs: Logs): Logs {
  return Object.fromEntries(Object.entries(logs).map(([k, v]) => [`val_${k}`, v]));
}

/**
 * fit()'s epochs over `train`: batches in a fresh order each epoch (unless `shuffle` is off), the callbacks' hooks
 * around them, `validation` tested at the end of an epoch as `val_*` figures.
 */
export async function trainLoop(
  model: EngineModel,
  compiled: Compiled,
  train: Arrays,
  validation: Arrays | null,
  callbacks: CallbackList,
  s: EpochSettings,
): Promise<void> {
  const stepper = new Stepper(model, compiled);
  const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const yielder = new Yielder();
  const n = train.x[0].shape[0];
  const steps = Math.ceil(n / s.batchSize);
  await callbacks.call('trainBegin', {});
  for (let epoch = s.initialEpoch; epoch < s.epochs; epoch++) {
    await callbacks.call('epochBegin', epoch, {});
    const order = Int32Array.from({ length: n }, (_, i) => i);
    if (s.shuffle) tf.util.shuffle(order);
    const acc = new Accumulator();
    let stoppedMidEpoch = false;
    for (let b = 0; b < steps; b++) {
      if (callbacks.hasBatchHooks) await callbacks.call('batchBegin', b, {});
      const batch = takeBatch(train, order, b * s.batchSize, Math.min((b + 1) * s.batchSize, n));
      try {
        guardedBatch(() => stepper.train(batch, variables, acc));
      } finally {
        tf.dispose(tensorsOf(batch));
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
    if (validation && !stoppedMidEpoch && (epoch - s.initialEpoch + 1) % s.validationFreq === 0) {
      Object.assign(logs, prefixed(await testLoop(stepper, validation, s.validationBatchSize, yielder)));
    }
    await callbacks.call('epochEnd', epoch, logs);
    if (model.stopTraining) break;
  }
  await callbacks.call('trainEnd', {});
}

/** The model's outputs for `xs`, batch by batch: one tensor per output, the batches concatenated. */
export function predictLoop(model: EngineModel, xs: tf.Tensor[], batchSize: number, onBatch?: (b: number, logs: Logs) => void): tf.Tensor[] {
  const n = xs[0].shape[0];
  const pieces: tf.Tensor[][] = model.outputNames.map(() => []);
  try {
    for (let b = 0, start = 0; start < n; b++, start += batchSize) {
      const size = Math.min(batchSize, n - start);
      const out = guardedSyncBatch(() =>
        tf.tidy(() => {
          const r = model.apply(xs.map((t) => t.slice(start, size)), { training: false });
          return Array.isArray(r) ? r : [r];
        }),
      );
      out.forEach((t, i) => pieces[i].push(t));
      onBatch?.(b, {});
    }
  } catch (error) {
    tf.dispose(pieces.flat());
    throw error;
  }
  return pieces.map((p) => {
    if (p.length === 1) return p[0];
    const all = tf.concat(p, 0);
    tf.dispose(p);
    return all;
  });
}
