// keras.Model(inputs, outputs): the functional API over tfjs's LayersModel.
import * as tf from '@tensorflow/tfjs';
import { kerasModel, Replaced } from './keras-model';

type Endpoints = tf.SymbolicTensor | tf.SymbolicTensor[];
const Base = kerasModel(tf.LayersModel as unknown as new (...args: any[]) => Omit<tf.LayersModel, Replaced>);

/** A model defined by its inputs and outputs (`models.Model({ inputs, outputs })`). */
export class Functional extends Base {
  static className = 'Model';

  /** The graph from `inputs` to `outputs`; use `models.Model(...)`, which makes it callable. */
  constructor(args: { inputs: Endpoints; outputs: Endpoints; name?: string }) {
    super(args);
  }
}
