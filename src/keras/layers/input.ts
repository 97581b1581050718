// `layers.Input({ shape: [784] })` (keras.Input): a symbolic tensor to build functional models from.
import * as tf from '@tensorflow/tfjs';
import { checkedOptions, Options, KerasOptions } from '../options';
import { isPlainOptions } from './factory';

export interface InputOptions {
  shape?: Array<number | null>;
  batchSize?: number;
  batchShape?: Array<number | null>;
  name?: string;
  dtype?: tf.DataType;
  sparse?: boolean;
}

/** Keras 2 numbers inputs from 1: input_1, input_2... */
let inputCount = 0;

const VALID = ['shape', 'batchSize', 'batchShape', 'name', 'dtype', 'sparse'];

/**
 * Keras's `keras.Input`: a symbolic tensor, the input of a functional model.
 * `shape` (without the batch axis; `null` for a free dimension); options `batch_size`, `batch_shape` (instead of shape),
 * `name` ('input_1', 'input_2'...), `dtype` ('float32').
 * @example const x = layers.Input({ shape: [784] });
 */
export function Input(shapeOrOptions?: Array<number | null> | (KerasOptions<InputOptions>), options?: KerasOptions<InputOptions>): tf.SymbolicTensor {
  const given = isPlainOptions(shapeOrOptions) ? shapeOrOptions : { ...options, shape: shapeOrOptions };
  const o = checkedOptions('layers.Input', given, VALID);
  if (o.sparse) throw new Error('layers.Input: sparse inputs are not supported by TensorFlow.js.');
  const shape = o.shape as Array<number | null> | undefined;
  const batchShape = (o.batchShape as Array<number | null> | undefined) ?? (shape ? [(o.batchSize as number | undefined) ?? null, ...shape] : undefined);
  if (!batchShape) throw new Error("layers.Input: give 'shape' (without the batch dimension), e.g. layers.Input({ shape: [784] }).");
  return tf.input({ batchShape, name: (o.name as string | undefined) ?? `input_${++inputCount}`, dtype: o.dtype as tf.DataType | undefined });
}
