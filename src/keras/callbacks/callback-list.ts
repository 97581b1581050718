// Dispatches fit()'s events to its callbacks, whatever their kind (see callback.ts).
import type * as tf from '@tensorflow/tfjs';
import type { Logs } from '../presenter';
import type { CallbackLike, CallbackParams, TfjsParams, TrainedModel } from './callback';

type Event = 'trainBegin' | 'trainEnd' | 'epochBegin' | 'epochEnd' | 'batchBegin' | 'batchEnd';

const NAMES: Record<Event, Array<keyof CallbackLike>> = {
  trainBegin: ['onTrainBegin', 'on_train_begin'],
  trainEnd: ['onTrainEnd', 'on_train_end'],
  epochBegin: ['onEpochBegin', 'on_epoch_begin'],
  epochEnd: ['onEpochEnd', 'on_epoch_end'],
  batchBegin: ['onBatchBegin', 'on_batch_begin', 'on_train_batch_begin'],
  batchEnd: ['onBatchEnd', 'on_batch_end', 'on_train_batch_end'],
};

/**
 * Dispatches each event to every callback in order, awaiting async hooks until `stopRequested` resolves (a kernel
 * interrupt): from then on a hook's pending promise is no longer waited for.
 */
export class CallbackList {
  /** Whether any callback has a batch hook (fit() skips batchBegin otherwise). */
  readonly hasBatchHooks: boolean;

  constructor(
    private readonly callbacks: CallbackLike[],
    private readonly stopRequested: Promise<void> = new Promise<void>(() => {}),
  ) {
    this.hasBatchHooks = callbacks.some((cb) => [...NAMES.batchBegin, ...NAMES.batchEnd].some((n) => typeof cb[n] === 'function'));
  }

  /** Gives every callback the model and fit()'s parameters. */
  setup(model: TrainedModel, params: CallbackParams): void {
    for (const cb of this.callbacks) {
      cb.setModel?.(model as TrainedModel & tf.LayersModel);
      cb.setParams?.(params as TfjsParams);
    }
  }

  /** Runs `event`'s hooks of every callback in order, each under all its names. */
  async call(event: Event, ...args: [number, Logs] | [Logs]): Promise<void> {
    for (const cb of this.callbacks) {
      for (const name of NAMES[event]) {
        const hook = cb[name];
        if (typeof hook !== 'function') continue;
        const result = (hook as (...a: unknown[]) => unknown).apply(cb, args);
        if (result instanceof Promise) await Promise.race([result, this.stopRequested]);
      }
    }
  }
}
