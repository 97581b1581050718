// keras.Sequential: tfjs's Sequential plus Keras's deferred build (no input shape until the first data),
// `add(Input(...))`, checks at add() that name both layers and shapes, and a pop() that really rebuilds.
import * as tf from '@tensorflow/tfjs';
import { formatShape } from '../../display/render/layers';
import type { KerasOptions } from '../options';
import type { SummaryOptions } from '../presenter';
import { compile, CompileOptions } from '../training/compile';
import { asLayersModel, kerasModel, Replaced } from './keras-model';

type Shape = Array<number | null>;
const Base = kerasModel(tf.Sequential as unknown as new (...args: any[]) => Omit<tf.Sequential, Replaced | 'add' | 'build' | 'pop'>);

interface Internals {
  /** tfjs caches the inner model built by call(); add/pop must drop it. */
  model?: tf.LayersModel;
  built: boolean;
}

/** A linear stack of layers (`models.Sequential([...])`). */
export class Sequential extends Base {
  static className = 'Sequential';
  /** Layers waiting for an input shape (Keras's deferred build). */
  private pending: tf.layers.Layer[] = [];
  /** Set by add(Input(...)): the shape the next layer receives. */
  private inputShape: Shape | null = null;

  constructor(layers: Array<tf.layers.Layer | tf.SymbolicTensor> = [], options: { name?: string } = {}) {
    super({ name: options.name });
    for (const layer of layers) this.add(layer);
  }

  /** Appends a layer (or sets the input shape, given `Input(...)` first); checks that its input shape fits. */
  add(layer: tf.layers.Layer | tf.SymbolicTensor): void {
    if (layer instanceof tf.SymbolicTensor) {
      if (this.layers.length > 0 || this.pending.length > 0) throw new Error('Sequential.add: an Input can only come first.');
      this.inputShape = layer.shape.slice(1);
      return;
    }
    if (!(layer instanceof tf.layers.Layer)) throw new Error(`Sequential.add: expected a layer, got ${typeof layer}.`);
    const first = this.layers.length === 0 && this.pending.length === 0;
    if (first && this.inputShape && layer.batchInputShape == null && layer.inboundNodes.length === 0) {
      layer.batchInputShape = [null, ...this.inputShape];
    }
    if (this.pending.length > 0 || (first && layer.batchInputShape == null && layer.inboundNodes.length === 0)) {
      this.pending.push(layer);
      return;
    }
    this.addNow(layer);
  }

  /** tfjs's add, with an error that names both layers and their shapes when they do not fit. */
  private addNow(layer: tf.layers.Layer): void {
    const previous = this.layers[this.layers.length - 1];
    try {
      tf.Sequential.prototype.add.call(asLayersModel(this) as tf.Sequential, layer);
    } catch (e) {
      if (!previous) throw e;
      const shape = formatShape(previous.outputShape as Shape);
      throw new Error(
        `Cannot add layer '${layer.name}' (${layer.getClassName()}) after '${previous.name}' (${previous.getClassName()}): ` +
          `'${previous.name}' outputs shape ${shape}, which '${layer.name}' cannot take. ${(e as Error).message}`,
      );
    }
    this.invalidate();
  }

  /** Removes the last layer. */
  pop(): void {
    if (this.pending.length > 0) this.pending.pop();
    else tf.Sequential.prototype.pop.call(asLayersModel(this) as tf.Sequential);
    this.invalidate();
  }

  /** Rebuilds tfjs's inner model, which also sets inputNames/outputNames that fit and compile rely on. */
  private invalidate(): void {
    const self = this as unknown as Internals;
    self.model = undefined;
    self.built = false;
    if (this.layers.length > 0) tf.Sequential.prototype.build.call(asLayersModel(this) as tf.Sequential);
  }

  /** Builds a deferred model for inputs of `inputShape` (with the batch axis, as in Keras). */
  build(inputShape?: Shape): void {
    if (this.pending.length === 0) return;
    if (!inputShape) throw new Error('Sequential.build: give the input shape, e.g. model.build([null, 784]).');
    const [head, ...rest] = this.pending;
    this.pending = [];
    head.batchInputShape = [null, ...inputShape.slice(1)];
    this.addNow(head);
    for (const layer of rest) this.addNow(layer);
  }

  /** Deferred build from the first data seen by fit/evaluate/predict. */
  buildFrom(x: tf.Tensor): void {
    this.build(x.shape);
  }

  /**
   * Configures training: `optimizer`, `loss` and `metrics` as Keras ids, functions or instances. A model still
   * waiting for its input shape names its output after its last layer, as Keras does.
   */
  override compile(options: KerasOptions<CompileOptions>): void {
    if (this.pending.length > 0) {
      // Output names are needed now; Keras names the output after the last layer too.
      this.compiled = compile([this.pending[this.pending.length - 1].name], options);
      return;
    }
    if (this.layers.length === 0) throw new Error('compile: the model has no layers yet.');
    super.compile(options);
  }

  /** The layers, their output shapes and parameter counts, once the model is built (has its input shape). */
  override summary(lineLength?: number | SummaryOptions, positions?: number[], printFn?: (line: string) => void): void {
    if (this.pending.length > 0) throw new Error('This model has not yet been built. Build the model first by calling build() or by calling fit/predict on a batch of data.');
    super.summary(lineLength, positions, printFn);
  }
}
