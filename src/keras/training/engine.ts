// What the training functions need from a model, whatever its class.
import type * as tf from '@tensorflow/tfjs';
import type { TrainedModel } from '../callbacks/callback';
import type { StepModel } from './trainer/step';

/** A Sequential or Functional model as fit, evaluate and predict see it. */
export interface EngineModel extends StepModel, TrainedModel {
  inputs: tf.SymbolicTensor[];
  inputNames: string[];
  outputNames: string[];
  trainableWeights: tf.LayerVariable[];
  /** Sequential models built lazily from the first data they see (Keras's deferred build). */
  buildFrom?(x: tf.Tensor): void;
}
