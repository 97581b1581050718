// keras.layers.Lambda(fn): wraps a tensor function as a layer. tfjs has none. Its output shape is found by
// running `fn` once on zeros (unknown dimensions as 1). Like Keras's, its function is code: loading it back takes
// the function in `custom_objects` (io/custom-objects.ts), found by the function's name or the layer's.
import * as tf from '@tensorflow/tfjs';
import { callable, CallableLayer } from '../callable';
import { checkedOptions, Options } from '../options';
import { defaultName } from './factory';

type Fn = (inputs: tf.Tensor | tf.Tensor[]) => tf.Tensor;
type Shape = Array<number | null>;

/** The layer class `layers.Lambda(fn)` makes (Keras's `Lambda`): runs a tensor function; its output shape is found by running it once on zeros. */
export class LambdaLayer extends tf.layers.Layer {
  static className = 'Lambda';

  constructor(
    private readonly fn: Fn,
    args: { name?: string; inputShape?: Shape },
  ) {
    super(args);
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => this.fn(Array.isArray(inputs) && inputs.length === 1 ? inputs[0] : inputs));
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const several = Array.isArray(inputShape[0]);
    const shapes = (several ? inputShape : [inputShape]) as Shape[];
    const probes = shapes.map((s) => tf.zeros(s.map((d) => d ?? 1)));
    const out = tf.tidy(() => this.fn(several ? probes : probes[0]));
    const shape: Shape = [null, ...out.shape.slice(1)];
    tf.dispose([...probes, out]);
    return shape;
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), function: this.fn.toString(), function_name: this.fn.name };
  }
}

/** `layers.Lambda((x) => tf.square(x))`. */
export function Lambda(fn: Fn, options: { name?: string; inputShape?: Shape } & Options = {}): CallableLayer<LambdaLayer> {
  const o = checkedOptions('layers.Lambda', options, ['name', 'inputShape', 'outputShape']);
  if (typeof fn !== 'function') throw new Error('layers.Lambda: expected a function of tensors, e.g. layers.Lambda((x) => tf.square(x)).');
  return callable(new LambdaLayer(fn, { name: (o.name as string | undefined) ?? defaultName('Lambda'), inputShape: o.inputShape as Shape | undefined }));
}
