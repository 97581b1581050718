// Keras's subclassed model: `class MyModel extends models.Model { constructor() { super(); this.dense = layers.Dense(1); }
// call(inputs) { return this.dense(inputs); } }`. It is a layer (layers/base-layer.ts) whose `call` runs eagerly,
// with the model methods of keras-model.ts. Its layers are those its fields hold (found when asked, as Keras tracks
// attributes); it is built by its first data (fit, evaluate, predict, or a call on a tensor), when its input
// shapes and number of outputs become known. Its layers' output shapes for summary() come from tracing `call` on
// symbolic inputs once, where every step of `call` is a layer; otherwise summary() shows them as '?'.
import * as tf from '@tensorflow/tfjs';
import type { CallOptions, LayerInput, LayerOutput } from '../callable';
import { Layer } from '../layers/base-layer';
import type { KerasOptions, Options } from '../options';
import type { SummaryOptions } from '../presenter';
import type { CompileOptions } from '../training/compile';
import { kerasModel } from './keras-model';

type Shape = Array<number | null>;

/** The layers an object's fields hold (directly, in arrays, or in plain objects), in field order, without repeats. */
function trackedLayers(owner: object): tf.layers.Layer[] {
  const found: tf.layers.Layer[] = [];
  const visit = (value: unknown, depth: number): void => {
    if (value instanceof tf.layers.Layer) {
      if (value !== owner && !found.includes(value)) found.push(value);
    } else if (depth < 3 && Array.isArray(value)) {
      for (const item of value) visit(item, depth + 1);
    } else if (depth < 3 && value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
      for (const item of Object.values(value)) visit(item, depth + 1);
    }
  };
  for (const key of Object.keys(owner)) visit((owner as Record<string, unknown>)[key], 0);
  return found;
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}

/** A Layer with what the training functions and summary() read from a model. */
class ModelBase extends Layer {
  /** Symbolic inputs of the shapes the model was built for; empty until it is built. */
  inputs: tf.SymbolicTensor[] = [];
  /** One name per input, once built. */
  inputNames: string[] = [];
  /** One name per output: `output_1`... (fixed by compile() or by the first call). */
  outputNames: string[] = ['output_1'];
  /** Set by callbacks (EarlyStopping, interrupts) to end fit() after the current batch. */
  stopTraining = false;

  constructor(...args: any[]) {
    super(...(args as [Options?]));
  }

  /** The layers the model's fields hold, as Keras tracks a subclassed model's attributes. */
  get layers(): tf.layers.Layer[] {
    return trackedLayers(this);
  }

  /** The model's trainable weights and those of its layers. */
  override get trainableWeights(): tf.LayerVariable[] {
    if (!this.trainable) return [];
    return unique([...super.trainableWeights, ...this.layers.flatMap((l) => l.trainableWeights)]);
  }

  /** The model's non-trainable weights and those of its layers (all of them when the model is frozen). */
  override get nonTrainableWeights(): tf.LayerVariable[] {
    const own = this.trainable ? super.nonTrainableWeights : [...super.trainableWeights, ...super.nonTrainableWeights];
    const inner = this.layers.flatMap((l) => (this.trainable ? l.nonTrainableWeights : l.weights));
    return unique([...own, ...inner]);
  }

  /** Every weight of the model and its layers, trainable first. */
  override get weights(): tf.LayerVariable[] {
    return unique([...this.trainableWeights, ...this.nonTrainableWeights]);
  }

  /** Regularization losses of the model and its layers, added to the loss in fit(). */
  override calculateLosses(): tf.Scalar[] {
    return [...super.calculateLosses(), ...this.layers.flatMap((l) => l.calculateLosses())];
  }

  /** True once `call` has run on concrete inputs: the layers are built and the outputs counted. */
  private traced = false;
  /** True while apply() runs, when tfjs calls build() itself. */
  private applying = false;

  /**
   * Builds the model for inputs of `inputShape` (with the batch axis, e.g. `[null, 784]`; a list for several
   * inputs), as Keras's `model.build`: runs `call` once on zeros, which builds its layers.
   */
  override build(inputShape: Shape | Shape[]): void {
    const shapes = (Array.isArray(inputShape[0]) ? inputShape : [inputShape]) as Shape[];
    this.inputs = shapes.map((s, i) => tf.input({ shape: s.slice(1) as number[], name: shapes.length === 1 ? 'input_1' : `input_${i + 1}` }));
    this.inputNames = this.inputs.map((t) => t.name);
    this.built = true;
    if (!this.applying && !this.traced) {
      const probes = shapes.map((s) => tf.zeros(s.map((d) => d ?? 1)));
      tf.dispose(this.apply(probes.length === 1 ? probes[0] : probes) as tf.Tensor | tf.Tensor[]);
      tf.dispose(probes);
    }
  }

  /** Keras's deferred build from the first data seen by fit/evaluate/predict: runs `call` once on one sample. */
  buildFrom(x: tf.Tensor): void {
    if (!this.traced) tf.dispose(tf.tidy(() => this.apply(x.slice(0, 1)) as tf.Tensor | tf.Tensor[]));
  }

  /** Calls `call` on the symbolic inputs, which gives the layers their output shapes; tf ops on symbols just stop it. */
  private traceShapes(): void {
    try {
      const call = (this as unknown as { call: (x: unknown, k: object) => unknown }).call;
      call.call(this, this.inputs.length === 1 ? this.inputs[0] : this.inputs, {});
    } catch {
      // Raw tf ops cannot take symbolic tensors: summary() shows '?' for those layers.
    }
  }

  /** Runs the model; the first concrete inputs build it, as in Keras (its outputs are counted then). */
  override apply(inputs: tf.Tensor | tf.Tensor[] | tf.SymbolicTensor | tf.SymbolicTensor[], kwargs?: tf.serialization.ConfigDict): tf.Tensor | tf.Tensor[] | tf.SymbolicTensor | tf.SymbolicTensor[] {
    const list = Array.isArray(inputs) ? inputs : [inputs];
    const concrete = list.every((t) => t instanceof tf.Tensor);
    this.applying = true;
    let out: tf.Tensor | tf.Tensor[] | tf.SymbolicTensor | tf.SymbolicTensor[];
    try {
      out = super.apply(inputs, kwargs);
    } finally {
      this.applying = false;
    }
    if (concrete && !this.traced) {
      this.traced = true;
      const outputs = Array.isArray(out) ? out : [out];
      if (outputs.length !== this.outputNames.length) this.outputNames = outputs.map((_, i) => `output_${i + 1}`);
      this.traceShapes();
    }
    return out;
  }
}

const Base = kerasModel(ModelBase);

/** A subclassed model is callable, like any layer or model. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export interface SubclassedModel {
  (inputs: tf.SymbolicTensor, options?: CallOptions): tf.SymbolicTensor;
  (inputs: tf.Tensor, options?: CallOptions): tf.Tensor;
  (inputs: LayerInput, options?: CallOptions): LayerOutput;
}

/** What a subclass of `models.Model` is built on: a layer with Keras's model methods (compile, fit, predict...). */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class SubclassedModel extends Base {
  /**
   * Configures training, as for any model. Before the model is built, a list or dict of losses sets how many
   * outputs it has (one otherwise).
   */
  override compile(options: KerasOptions<CompileOptions>): void {
    const loss = (options as { loss?: unknown }).loss;
    if (!this.built) {
      if (Array.isArray(loss)) this.outputNames = loss.map((_, i) => `output_${i + 1}`);
      else if (loss !== null && typeof loss === 'object') this.outputNames = Object.keys(loss);
    }
    super.compile(options);
  }

  /** The layers, their output shapes and parameter counts, once the model has seen data. */
  override summary(lineLength?: number | SummaryOptions, positions?: number[], printFn?: (line: string) => void): void {
    if (!this.built) {
      throw new Error('This model has not yet been built. Build the model first by calling `build()` or by calling the model on a batch of data.');
    }
    super.summary(lineLength, positions, printFn);
  }

  /** The model's forward pass on `inputs` (Keras's `call(inputs, training)`): every subclass defines it. */
  // Keras's signature, `call(inputs, training, mask)`, replaces tfjs's `call(inputs, kwargs)` (the type admits both).
  override call(inputs: tf.Tensor | tf.Tensor[], training?: boolean | Record<string, any>, mask?: tf.Tensor | tf.Tensor[]): tf.Tensor | tf.Tensor[] {
    void inputs;
    void training;
    void mask;
    throw new Error(`Model ${this.getClassName()} does not have a \`call()\` method implemented.`);
  }

  /** Subclassed models are not saved whole: their structure is code, not config; saveWeights saves their weights. */
  override async save(path: string): Promise<tf.io.SaveResult> {
    void path;
    throw new Error(
      `Saving a subclassed model (${this.getClassName()}) whole is not supported: its structure is its code. ` +
        'Save its weights with model.saveWeights(path), and load them into a new instance (built, e.g. by model.build(shape)) with loadWeights(path).',
    );
  }
}

/**
 * `super()` in `class MyModel extends models.Model`: makes a SubclassedModel whose prototype chain runs through the
 * user's class. `models.Model` is a factory whose prototype is the functional model's, so the user's class is
 * re-rooted on SubclassedModel the first time it is constructed.
 */
export function constructSubclassed(target: Function, modelPrototype: object, options: Options | undefined): SubclassedModel {
  if (options && typeof options === 'object' && ('inputs' in options || 'outputs' in options)) {
    throw new Error(
      `${target.name}: super({ inputs, outputs }) (a functional model made in a subclass) is not supported. ` +
        'Make it with models.Model({ inputs, outputs }), or define call(inputs) in the subclass.',
    );
  }
  let proto = target.prototype as object;
  while (proto && Object.getPrototypeOf(proto) !== modelPrototype && Object.getPrototypeOf(proto) !== SubclassedModel.prototype) {
    proto = Object.getPrototypeOf(proto) as object;
  }
  if (proto && Object.getPrototypeOf(proto) === modelPrototype) Object.setPrototypeOf(proto, SubclassedModel.prototype);
  return Reflect.construct(SubclassedModel, [options ?? {}], target) as SubclassedModel;
}
