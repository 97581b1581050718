// Keras layers and models are callable: `layers.Dense(10)(x)`. A JS object cannot be called, so each layer is
// wrapped in a function whose prototype is the layer itself: the function reads every field and method through
// it, `instanceof` still holds, and the layer's own methods run with the function as `this`.
import * as tf from '@tensorflow/tfjs';

export type LayerInput = tf.SymbolicTensor | tf.Tensor | Array<tf.SymbolicTensor | tf.Tensor>;
export type LayerOutput = tf.SymbolicTensor | tf.Tensor | Array<tf.SymbolicTensor | tf.Tensor>;

export interface CallOptions {
  training?: boolean;
  mask?: tf.Tensor | tf.Tensor[];
}

export type CallableLayer<T extends tf.layers.Layer> = T & {
  (inputs: tf.SymbolicTensor, options?: CallOptions): tf.SymbolicTensor;
  (inputs: tf.Tensor, options?: CallOptions): tf.Tensor;
  (inputs: tf.SymbolicTensor[], options?: CallOptions): tf.SymbolicTensor | tf.SymbolicTensor[];
  (inputs: LayerInput, options?: CallOptions): LayerOutput;
};

export function callable<T extends tf.layers.Layer>(layer: T): CallableLayer<T> {
  const fn = (inputs: LayerInput, options: CallOptions = {}): LayerOutput => {
    // Arrays may hold wrapped layers' outputs mixed with raw tensors; tfjs handles both.
    const kwargs: Record<string, unknown> = {};
    if (options.training !== undefined) kwargs.training = options.training;
    if (options.mask !== undefined) kwargs.mask = options.mask;
    return (fn as unknown as tf.layers.Layer).apply(inputs as tf.Tensor[], kwargs) as LayerOutput;
  };
  // A function's own `name` and `length` would hide the layer's.
  delete (fn as { name?: string }).name;
  delete (fn as { length?: number }).length;
  Object.setPrototypeOf(fn, layer);
  return fn as unknown as CallableLayer<T>;
}
