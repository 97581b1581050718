// Keras's snake_case method and attribute names on every layer (models included, they are layers) and every
// optimizer, beside tfjs's camelCase ones: `layer.get_weights()`, `model.count_params()`, `optimizer.learning_rate`.
// They are defined once, non-enumerable, on tfjs's own prototypes, so tfjs layers made outside `layers.*` have them
// too. Model-only names (get_layer, train_on_batch...) live on the model classes (models/keras-model.ts).
import * as tf from '@tensorflow/tfjs';
import { getLearningRate, setLearningRate } from './optimizers/rate';

type Shape = Array<number | null>;
/** Weights as `set_weights` takes them: tensors, or (as Keras's NumPy arrays) nested arrays or typed arrays. */
export type WeightValues = Array<tf.Tensor | number[] | number[][] | number[][][] | number[][][][] | Float32Array | Int32Array>;

declare module '@tensorflow/tfjs-layers/dist/engine/topology' {
  interface Layer {
    /** Keras's `get_weights()`: the layer's weight values, as tensors (copies). */
    get_weights(): tf.Tensor[];
    /** Keras's `set_weights(weights)`: tensors, nested arrays or typed arrays, in `get_weights()`'s order and shapes. */
    set_weights(weights: WeightValues): void;
    /** Keras's `count_params()`: the number of weight values (the layer must be built). */
    count_params(): number;
    /** Keras's `get_config()`: the layer's configuration (tfjs's getConfig). */
    get_config(): tf.serialization.ConfigDict;
    /** Keras's `trainable_weights`: the variables training updates. */
    readonly trainable_weights: tf.LayerVariable[];
    /** Keras's `non_trainable_weights`: the variables training leaves alone (e.g. BatchNormalization's moving stats). */
    readonly non_trainable_weights: tf.LayerVariable[];
    /** Keras's `input_shape`: the shape of the layer's input, batch axis first as `null` (a list of shapes for several). */
    readonly input_shape: Shape | Shape[];
    /** Keras's `output_shape`: the shape of the layer's output, batch axis first as `null`. */
    readonly output_shape: Shape | Shape[];
  }
}

declare module '@tensorflow/tfjs-core/dist/optimizers/optimizer' {
  interface Optimizer {
    /** Keras's `learning_rate`: the current rate; settable, unless the optimizer follows a schedule. */
    learning_rate: number;
  }
}

/** The shape(s) of the tensors a layer was called on, from its first call (Keras's "not connected" error before). */
function inputShapeOf(layer: tf.layers.Layer): Shape | Shape[] {
  const model = layer as unknown as { inputs?: tf.SymbolicTensor[] };
  if (layer instanceof tf.LayersModel && model.inputs && model.inputs.length > 0) {
    const shapes = model.inputs.map((t) => t.shape.slice());
    return shapes.length === 1 ? shapes[0] : shapes;
  }
  if (layer.inboundNodes.length === 0) {
    if (layer.batchInputShape) return layer.batchInputShape.slice();
    throw new Error(`The layer ${layer.name} has never been called and thus has no defined input shape.`);
  }
  const shapes = layer.inboundNodes[0].inputShapes as Shape | Shape[];
  if (!Array.isArray(shapes[0])) return (shapes as Shape).slice();
  const list = (shapes as Shape[]).map((s) => s.slice());
  return list.length === 1 ? list[0] : list;
}

function outputShapeOf(layer: tf.layers.Layer): Shape | Shape[] {
  if (layer.inboundNodes.length === 0 && !(layer instanceof tf.LayersModel)) {
    throw new Error(`The layer ${layer.name} has never been called and thus has no defined output shape.`);
  }
  return layer.outputShape as Shape | Shape[];
}

/** Keras's set_weights: checks count and shapes, in Keras's words, then assigns. */
function setWeights(layer: tf.layers.Layer, values: WeightValues): void {
  const weights = layer.weights;
  if (!Array.isArray(values)) throw new Error(`set_weights: expected a list of weight values, got ${typeof values}.`);
  if (values.length !== weights.length) {
    throw new Error(
      `You called \`set_weights(weights)\` on layer "${layer.name}" with a weight list of length ${values.length}, ` +
        `but the layer was expecting ${weights.length} weights.`,
    );
  }
  const owned: tf.Tensor[] = [];
  try {
    const tensors = values.map((value, i) => {
      const w = weights[i];
      let t: tf.Tensor;
      if (value instanceof tf.Tensor) t = value;
      else {
        t = ArrayBuffer.isView(value) ? tf.tensor(value as Float32Array, w.shape as number[], w.dtype) : tf.tensor(value as number[], undefined, w.dtype);
        owned.push(t);
      }
      if (t.shape.join() !== w.shape.join()) {
        throw new Error(`Layer ${layer.name} weight shape (${w.shape.join(', ')}) is not compatible with provided weight shape (${t.shape.join(', ')}).`);
      }
      return t;
    });
    layer.setWeights(tensors);
  } finally {
    tf.dispose(owned);
  }
}

function define(proto: object, name: string, descriptor: PropertyDescriptor): void {
  if (Object.prototype.hasOwnProperty.call(proto, name)) return;
  Object.defineProperty(proto, name, { configurable: true, enumerable: false, ...descriptor });
}

const layerProto = tf.layers.Layer.prototype;
define(layerProto, 'get_weights', { value: function (this: tf.layers.Layer) { return this.getWeights(); }, writable: true });
define(layerProto, 'set_weights', { value: function (this: tf.layers.Layer, weights: WeightValues) { setWeights(this, weights); }, writable: true });
define(layerProto, 'count_params', { value: function (this: tf.layers.Layer) { return this.countParams(); }, writable: true });
define(layerProto, 'get_config', { value: function (this: tf.layers.Layer) { return this.getConfig(); }, writable: true });
define(layerProto, 'trainable_weights', { get(this: tf.layers.Layer) { return this.trainableWeights; } });
define(layerProto, 'non_trainable_weights', { get(this: tf.layers.Layer) { return this.nonTrainableWeights; } });
define(layerProto, 'input_shape', { get(this: tf.layers.Layer) { return inputShapeOf(this); } });
define(layerProto, 'output_shape', { get(this: tf.layers.Layer) { return outputShapeOf(this); } });

define(tf.Optimizer.prototype, 'learning_rate', {
  get(this: tf.Optimizer) {
    return getLearningRate(this);
  },
  set(this: tf.Optimizer, lr: number) {
    setLearningRate(this, lr);
  },
});
