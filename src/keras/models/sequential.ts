// keras.Sequential: tfjs's Sequential plus Keras's deferred build (no input shape until the first data),
// `add(Input(...))`, checks at add() that name both layers and shapes, and a pop() that really rebuilds.
import * as tf from '@tensorflow/tfjs';
import type { SummaryOptions } from '../../shared/presenter';
import type { Options } from '../options';
import { formatShape } from '../../display/render/layers';
import { compile, Compiled, CompileOptions } from '../training/compile';
import type { Data } from '../training/data';
import { evaluate, EvaluateOptions, predict, PredictOptions } from '../training/evaluate';
import { fit, FitOptions } from '../training/fit';
import type { History } from '../training/history';
import { asEngine, asLayersModel, Replaced, requireCompiled, saveModel, summarize } from './shared';

type Shape = Array<number | null>;
const Base = tf.Sequential as unknown as new (args?: { name?: string }) => Omit<tf.Sequential, Replaced | 'add' | 'build' | 'pop'>;

interface Internals {
  /** tfjs caches the inner model built by call(); add/pop must drop it. */
  model?: tf.LayersModel;
  built: boolean;
}

export class Sequential extends Base {
  static className = 'Sequential';
  compiled: Compiled | null = null;
  history: History | null = null;
  /** Layers waiting for an input shape (Keras's deferred build). */
  private pending: tf.layers.Layer[] = [];
  /** Set by add(Input(...)): the shape the next layer receives. */
  private inputShape: Shape | null = null;

  constructor(layers: Array<tf.layers.Layer | tf.SymbolicTensor> = [], options: { name?: string } = {}) {
    super({ name: options.name });
    for (const layer of layers) this.add(layer);
  }

  get optimizer(): tf.Optimizer | null {
    return this.compiled?.optimizer ?? null;
  }

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

  compile(options: CompileOptions & Options): void {
    if (this.pending.length > 0) {
      // Output names are needed now; Keras names the output after the last layer too.
      this.compiled = compile([this.pending[this.pending.length - 1].name], options);
      return;
    }
    if (this.layers.length === 0) throw new Error('compile: the model has no layers yet.');
    this.compiled = compile(this.outputNames, options);
  }

  async fit(x: Data, y: Data, options?: FitOptions & Options): Promise<History> {
    this.history = await fit(asEngine(this), requireCompiled(this, 'fit'), x, y, options);
    return this.history;
  }

  evaluate(x: Data, y: Data, options?: EvaluateOptions & Options): Promise<number | number[] | Record<string, number>> {
    return evaluate(asEngine(this), requireCompiled(this, 'evaluate'), x, y, options);
  }

  predict(x: Data, options?: PredictOptions & Options): tf.Tensor | tf.Tensor[] {
    return predict(asEngine(this), x, options);
  }

  summary(lineLength?: number | SummaryOptions, positions?: number[], printFn?: (line: string) => void): void {
    if (this.pending.length > 0) throw new Error('This model has not yet been built. Build the model first by calling build() or by calling fit/predict on a batch of data.');
    summarize(this, lineLength, positions, printFn);
  }

  save(path: string): Promise<tf.io.SaveResult> {
    return saveModel(this, path);
  }
}
