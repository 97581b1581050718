// Keras's callback protocol. fit() accepts Callback instances, tfjs callbacks and plain objects with any of the
// hooks (camelCase or Keras's snake_case), mixed freely; hooks may be async.
import type * as tf from '@tensorflow/tfjs';
import type { Logs } from '../../shared/presenter';

/** What callbacks may use of the model being trained. */
export interface TrainedModel {
  name: string;
  stopTraining: boolean;
  readonly optimizer: tf.Optimizer | null;
  getWeights(): tf.Tensor[];
  setWeights(weights: tf.Tensor[]): void;
  save(path: string): Promise<unknown>;
}

/** fit()'s parameters as Keras gives them to callbacks (`callback.params`). */
// A type alias (not an interface) so that it fits tfjs's index-signature Params too.
export type CallbackParams = {
  epochs: number;
  steps: number | null;
  samples: number | null;
  batchSize: number;
  verbose: 0 | 1 | 2;
  metrics: string[];
  doValidation: boolean;
  initialEpoch: number;
};

type TfjsParams = CallbackParams & Record<string, number | string | boolean | string[]>;

type Hook<A extends unknown[]> = ((...args: A) => void | Promise<void>) | undefined;

export interface CallbackLike {
  /** Our models are tfjs LayersModels at run time, so tfjs's own callbacks fit here too. */
  setModel?(model: TrainedModel & tf.LayersModel): void;
  /** Intersected with tfjs's Params shape so that tfjs callbacks fit too. */
  setParams?(params: TfjsParams): void;
  onTrainBegin?: Hook<[Logs?]>;
  onTrainEnd?: Hook<[Logs?]>;
  onEpochBegin?: Hook<[number, Logs?]>;
  onEpochEnd?: Hook<[number, Logs?]>;
  onBatchBegin?: Hook<[number, Logs?]>;
  onBatchEnd?: Hook<[number, Logs?]>;
  on_train_begin?: Hook<[Logs?]>;
  on_train_end?: Hook<[Logs?]>;
  on_epoch_begin?: Hook<[number, Logs?]>;
  on_epoch_end?: Hook<[number, Logs?]>;
  on_batch_begin?: Hook<[number, Logs?]>;
  on_batch_end?: Hook<[number, Logs?]>;
  on_train_batch_begin?: Hook<[number, Logs?]>;
  on_train_batch_end?: Hook<[number, Logs?]>;
}

/** Base class for Keras-style callbacks: `this.model` and `this.params` are set before training starts. */
export class Callback implements CallbackLike {
  model: TrainedModel | null = null;
  params: CallbackParams | null = null;
  setModel(model: TrainedModel): void {
    this.model = model;
  }
  setParams(params: CallbackParams): void {
    this.params = params;
  }
}

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
  readonly hasBatchHooks: boolean;

  constructor(
    private readonly callbacks: CallbackLike[],
    private readonly stopRequested: Promise<void> = new Promise<void>(() => {}),
  ) {
    this.hasBatchHooks = callbacks.some((cb) => [...NAMES.batchBegin, ...NAMES.batchEnd].some((n) => typeof cb[n] === 'function'));
  }

  setup(model: TrainedModel, params: CallbackParams): void {
    for (const cb of this.callbacks) {
      cb.setModel?.(model as TrainedModel & tf.LayersModel);
      cb.setParams?.(params as TfjsParams);
    }
  }

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
