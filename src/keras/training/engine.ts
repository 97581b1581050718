// What the training functions need from a model, whatever its class.
import type * as tf from '@tensorflow/tfjs';
import type { TrainedModel } from '../callbacks/callback';
import type { StepModel } from './step';

export interface EngineModel extends StepModel, TrainedModel {
  inputs: tf.SymbolicTensor[];
  inputNames: string[];
  outputNames: string[];
  trainableWeights: tf.LayerVariable[];
  /** Sequential models built lazily from the first data they see (Keras's deferred build). */
  buildFrom?(x: tf.Tensor): void;
}

/** Per-sample input shapes (without the batch axis), to reshape flat typed arrays. */
export function featureShapes(model: EngineModel): Array<Array<number | null>> {
  return model.inputs.map((t) => t.shape.slice(1));
}
