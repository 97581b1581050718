// model.fit(): Keras's options and defaults, the callbacks and the progress display around the trainer's epoch
// loop. Our own loop rather than tfjs's fit, for Keras's semantics (defaults, class_weight, stateful metrics,
// plain-number History, mixed callbacks) and to stay interruptible (see trainer/loops.ts and interrupts.ts).
import * as tf from '@tensorflow/tfjs';
import type { CallbackLike } from '../callbacks/callback';
import { CallbackList } from '../callbacks/callback-list';
import { History } from '../callbacks/history';
import { checkedOptions, Options, KerasOptions } from '../options';
import type { FitParams } from '../presenter';
import { checkTargets, Compiled, logNames } from './compile';
import type { Data } from './data-adapters/arrays';
import { FitDataOptions, fitData } from './data-adapters/training-data';
import type { EngineModel } from './engine';
import { RunningFit, startedFit } from './interrupts';
import { fitProgress, progressCallback, verbosity } from './progress';
import { trainLoop } from './trainer/loops';

/** fit()'s options, in camelCase (snake_case also accepted). */
export interface FitOptions extends FitDataOptions {
  batchSize?: number;
  epochs?: number;
  verbose?: 0 | 1 | 2 | 'auto';
  callbacks?: CallbackLike | CallbackLike[];
  shuffle?: boolean;
  initialEpoch?: number;
  validationBatchSize?: number;
  validationFreq?: number;
}

const VALID = [
  'batchSize', 'epochs', 'verbose', 'callbacks', 'validationSplit', 'validationData', 'shuffle', 'classWeight',
  'sampleWeight', 'initialEpoch', 'validationBatchSize', 'validationFreq',
];

/** Trains `model` on `x` and `y`; resolves to the History of the epochs that ran. */
export async function fit(model: EngineModel, compiled: Compiled, x: Data, y: Data, options: KerasOptions<FitOptions> = {}): Promise<History> {
  const o = checkedOptions('fit', options, VALID) as FitOptions;
  const batchSize = o.batchSize ?? 32;
  const epochs = o.epochs ?? 1;
  const verbose = verbosity(o.verbose, 2);
  const initialEpoch = o.initialEpoch ?? 0;
  const owned: tf.Tensor[] = [];
  let running: RunningFit | null = null;
  try {
    const { train, validation } = fitData(model, x, y, o, owned);
    checkTargets(compiled, train.y);
    if (validation) checkTargets(compiled, validation.y, 'validation y');
    const n = train.x[0].shape[0];
    const params: FitParams = {
      epochs, initialEpoch, steps: Math.ceil(n / batchSize), samples: n, batchSize, metrics: logNames(compiled), verbose, doValidation: validation !== null,
    };
    const history = new History();
    const userCallbacks = o.callbacks === undefined ? [] : Array.isArray(o.callbacks) ? o.callbacks : [o.callbacks];
    const shown = fitProgress(params);
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
    await trainLoop(model, compiled, train, validation, callbacks, {
      epochs,
      initialEpoch,
      batchSize,
      shuffle: o.shuffle ?? true,
      validationFreq: o.validationFreq ?? 1,
      validationBatchSize: o.validationBatchSize ?? batchSize,
    });
    return history;
  } finally {
    running?.end();
    tf.dispose(owned);
  }
}
