// Keras layers and models are callable: `layers.Dense(10)(x)`. A JS object cannot be called, so each layer is
// wrapped in a function whose prototype is the layer itself: the function reads every field and method through
// it, `instanceof` still holds, and the layer's own methods run with the function as `this`.
import { inspect } from 'util';
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
  /** Merge layers: one output from a list (layers returning several outputs give an array at run time). */
  (inputs: tf.SymbolicTensor[], options?: CallOptions): tf.SymbolicTensor;
  (inputs: LayerInput, options?: CallOptions): LayerOutput;
};

/** Wraps a layer so that it can be called like Keras's, `layer(x)` or `layer(x, { training })`, and still is the layer. */
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
  // Keras's repr, `<Dense name=dense, built=True>`, instead of Node's dump of a function.
  Object.defineProperty(fn, inspect.custom, {
    value: () => {
      const self = fn as unknown as tf.layers.Layer;
      const type = self.getClassName() === 'Model' ? 'Functional' : self.getClassName();
      return `<${type} name=${self.name}, built=${self.built ? 'True' : 'False'}>`;
    },
  });
  return fn as unknown as CallableLayer<T>;
}
