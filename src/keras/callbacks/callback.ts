// Keras's callback protocol. fit() accepts Callback instances, tfjs callbacks and plain objects with any of the
// hooks (camelCase or Keras's snake_case), mixed freely; hooks may be async.
import type * as tf from '@tensorflow/tfjs';
import type { Logs } from '../presenter';

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

/** tfjs's Params shape, which its own callbacks' setParams takes. */
export type TfjsParams = CallbackParams & Record<string, number | string | boolean | string[]>;

type Hook<A extends unknown[]> = ((...args: A) => void | Promise<void>) | undefined;

/** Anything fit() accepts as a callback: any of these hooks, camelCase or snake_case. */
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
