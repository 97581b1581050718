// keras.layers.Layer: the base class for a user's own layers, as in Keras:
//
//   class MyDense extends layers.Layer {
//     constructor(units, options = {}) { super(options); this.units = units; }
//     build(inputShape) { this.w = this.addWeight({ shape: [inputShape.at(-1), this.units], initializer: 'glorot_uniform' }); }
//     call(inputs) { return tf.matMul(inputs, this.w.read()); }
//   }
//
// Instances are callable (`new MyDense(3)(x)`, on symbolic or concrete tensors) through callable.ts: the base
// constructor returns the callable function, which the subclass's constructor then sees as `this`. Keras's
// `call(inputs, training, mask)` is adapted to tfjs's `call(inputs, kwargs)`; the output shape, unless the layer
// computes it, is found by running `call` on zeros; names default to the class name in snake_case (`my_dense`).
import * as tf from '@tensorflow/tfjs';
import { callable, CallOptions, LayerInput, LayerOutput } from '../callable';
import * as initializers from '../initializers';
import { camelize, closest, Options, originalKey, unknownOptionError, KerasOptions } from '../options';
import * as regularizers from '../regularizers';
import { defaultName } from './factory';

type Shape = Array<number | null>;
type Init = ReturnType<typeof tf.initializers.zeros>;
type Reg = ReturnType<typeof tf.regularizers.l2>;
type Constraint = ReturnType<typeof tf.constraints.nonNeg>;

/** Options every Keras layer takes (`name`, `input_shape`, `trainable`, `dtype`...), snake_case or camelCase. */
export interface BaseLayerOptions {
  /** The layer's name; by default the class name in snake_case (`my_dense`, `my_dense_1`...). */
  name?: string;
  /** `input_shape`: the shape of one sample, for the first layer of a Sequential model. */
  inputShape?: Shape;
  /** `batch_input_shape`: the input shape with the batch axis first. */
  batchInputShape?: Shape;
  /** `batch_size`: a fixed batch size, with `input_shape`. */
  batchSize?: number;
  /** The dtype of the layer's weights and computations (default `float32`). */
  dtype?: tf.DataType;
  /** False freezes the layer's weights: training leaves them alone. */
  trainable?: boolean;
}

const BASE_OPTIONS = ['name', 'inputShape', 'batchInputShape', 'batchSize', 'dtype', 'trainable', 'inputDType', 'weights'];

/** `addWeight`'s options, as Keras's `add_weight(shape, initializer, dtype, trainable, regularizer, constraint, name)`. */
export interface WeightOptions {
  /** The weight's shape, fully known (e.g. `[inputShape.at(-1), units]`). */
  shape?: Shape;
  /** A Keras id (`'glorot_uniform'`, the default, `'zeros'`, `'random_normal'`...) or an initializer. */
  initializer?: string | Init;
  /** Default `float32`. */
  dtype?: tf.DataType;
  /** False keeps the weight out of training (default true). */
  trainable?: boolean;
  /** `'l1'`, `'l2'`, `'l1_l2'` or a regularizer: its penalty is added to the loss. */
  regularizer?: string | Reg | null;
  /** A constraint on the weight's values (e.g. `tf.constraints.nonNeg()`), as tfjs layers take it. */
  constraint?: Constraint | null;
  /** The weight's name within the layer (default `variable`, `variable_1`...). */
  name?: string;
}
const WEIGHT_OPTIONS = ['shape', 'initializer', 'dtype', 'trainable', 'regularizer', 'constraint', 'name'];

/** `'glorot_uniform'`, `'zeros'`, `'he_normal'`... (or an initializer) → the initializer. */
function initializerOf(id: string | Init | undefined, where: string): Init {
  if (id === undefined) return tf.initializers.glorotUniform({});
  if (typeof id !== 'string') return id;
  const pascal = id.replace(/(^|_)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase());
  const make = (initializers as unknown as Record<string, (() => Init) | undefined>)[pascal];
  if (typeof make === 'function' && /^[A-Z]/.test(pascal)) return make();
  const known = Object.keys(initializers).filter((k) => /^[A-Z]/.test(k)).map((k) => k.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase());
  const guess = closest(id, known);
  throw new Error(`${where}: unknown initializer '${id}'.` + (guess ? ` Did you mean '${guess}'?` : ` Known: ${known.join(', ')}.`));
}

function regularizerOf(id: string | Reg | null | undefined, where: string): Reg | undefined {
  if (id == null) return undefined;
  if (typeof id !== 'string') return id;
  const make = { l1: regularizers.l1, l2: regularizers.l2, l1_l2: regularizers.l1L2, l1L2: regularizers.l1L2 }[id];
  if (!make) throw new Error(`${where}: unknown regularizer '${id}'. Known: l1, l2, l1_l2.`);
  return make();
}

const ORDINARY = new Set<ErrorConstructor>([Error, TypeError, RangeError, ReferenceError]);

/** Keras's words for an error raised inside a layer's `call`. */
function callError(layer: tf.layers.Layer, inputs: unknown, error: unknown): unknown {
  const shapes = (Array.isArray(inputs) ? inputs : [inputs]).map((t) => {
    const s = (t as { shape?: Shape }).shape;
    return s ? `shape=(${s.map((d) => d ?? 'None').join(', ')})` : String(t);
  });
  // Only JavaScript's own errors are reworded (keeping their type, as Keras does); others, the kernel's
  // InterruptError among them, pass through untouched.
  if (!(error instanceof Error) || !ORDINARY.has(error.constructor as ErrorConstructor)) return error as Error;
  const message = error.message;
  if (message.startsWith('Exception encountered when calling')) return error;
  const wrapped = new (error.constructor as ErrorConstructor)(
    `Exception encountered when calling ${layer.getClassName()}.call().\n\n${message}\n\n` +
      `Arguments received by ${layer.getClassName()}.call():\n  • inputs=${shapes.join(', ')}`,
  );
  // The original frames under the new message.
  const head = `${error.name}: ${error.message}`;
  const frames = error.stack?.startsWith(head) ? error.stack.slice(head.length) : `\n${error.stack ?? ''}`;
  wrapped.stack = `${wrapped.name}: ${wrapped.message}${frames}`;
  (wrapped as Error & { cause?: unknown }).cause = error;
  return wrapped;
}

/** The prototype's `call`, the one a subclass defines (Keras's signature). */
type KerasCall = (inputs: tf.Tensor | tf.Tensor[], training?: boolean, mask?: tf.Tensor | tf.Tensor[]) => tf.Tensor | tf.Tensor[];

/** A custom layer is callable, as in Keras: on symbolic tensors (functional API) or on concrete ones. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export interface Layer {
  (inputs: tf.SymbolicTensor, options?: CallOptions): tf.SymbolicTensor;
  (inputs: tf.Tensor, options?: CallOptions): tf.Tensor;
  (inputs: tf.SymbolicTensor[], options?: CallOptions): tf.SymbolicTensor;
  (inputs: LayerInput, options?: CallOptions): LayerOutput;
}

/**
 * The base class of custom layers, as `keras.layers.Layer`: override `build(inputShape)` to create weights with
 * `this.addWeight(...)`, `call(inputs, training)` for the computation, and `getConfig()` to save the constructor's
 * arguments. Instances are callable on symbolic and concrete tensors.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class Layer extends tf.layers.Layer {
  /** Counts unnamed weights, for Keras's default names `variable`, `variable_1`... */
  private weightCount = 0;
  /** The dtypes of the symbolic inputs being applied, for computeOutputShape's zeros (int32 ids stay int32). */
  private symbolicDtypes: tf.DataType[] | null = null;

  /** `super(options)` in the subclass's constructor: `name`, `input_shape`, `trainable`, `dtype` (snake_case or camelCase). */
  constructor(options: KerasOptions<BaseLayerOptions> = {}) {
    const cls = new.target as unknown as { name: string; className?: string };
    const given = camelize(cls.name, options ?? {});
    const unknown = Object.keys(given).filter((k) => !BASE_OPTIONS.includes(k));
    if (unknown.length > 0) {
      if (unknown.length === 1) {
        const guess = closest(unknown[0], BASE_OPTIONS);
        if (guess) throw unknownOptionError(cls.name, originalKey(options, unknown[0]), BASE_OPTIONS);
      }
      throw new Error(
        `Unrecognized keyword arguments passed to ${cls.name}: {${unknown.map((k) => `'${k}'`).join(', ')}}. ` +
          `A subclass takes its own arguments out before calling super(options), e.g. constructor({ units, ...options }) { super(options); ... }.`,
      );
    }
    const name = (given.name as string | undefined) ?? defaultName(Object.prototype.hasOwnProperty.call(cls, 'className') && cls.className ? cls.className : cls.name);
    super({ ...(given as tf.serialization.ConfigDict), name } as ConstructorParameters<typeof tf.layers.Layer>[0]);
    const self = callable(this as tf.layers.Layer);
    // tfjs calls `call(inputs, kwargs)`; the subclass's `call` has Keras's (inputs, training, mask).
    const kerasCall = (Object.getPrototypeOf(this) as { call: KerasCall }).call;
    Object.defineProperty(self, 'call', {
      configurable: true,
      writable: true,
      value: function (this: Layer, inputs: tf.Tensor | tf.Tensor[], kwargs?: { training?: boolean; mask?: tf.Tensor | tf.Tensor[] } | boolean) {
        const one = Array.isArray(inputs) && inputs.length === 1 ? inputs[0] : inputs;
        const training = typeof kwargs === 'boolean' ? kwargs : kwargs?.training;
        const mask = typeof kwargs === 'object' ? kwargs?.mask : undefined;
        try {
          // Symbolic inputs come only from a subclassed model tracing its layers: nothing to tidy then.
          const symbolic = (Array.isArray(one) ? one : [one]).some((t) => t instanceof tf.SymbolicTensor);
          if (symbolic) return kerasCall.call(this, one, training, mask);
          return tf.tidy(() => kerasCall.call(this, one, training, mask));
        } catch (e) {
          throw callError(this, one, e);
        }
      },
    });
    return self as unknown as this;
  }

  /** Calls the layer (tfjs's apply); symbolic inputs' dtypes are noted for computeOutputShape. */
  override apply(inputs: tf.Tensor | tf.Tensor[] | tf.SymbolicTensor | tf.SymbolicTensor[], kwargs?: tf.serialization.ConfigDict): tf.Tensor | tf.Tensor[] | tf.SymbolicTensor | tf.SymbolicTensor[] {
    const list = Array.isArray(inputs) ? inputs : [inputs];
    const symbolic = list.every((t) => t instanceof tf.SymbolicTensor);
    if (!symbolic) return super.apply(inputs, kwargs);
    this.symbolicDtypes = list.map((t) => t.dtype);
    try {
      return super.apply(inputs, kwargs);
    } finally {
      this.symbolicDtypes = null;
    }
  }

  /** Keras's class name: the subclass's own `static className`, or its JavaScript name. */
  override getClassName(): string {
    const cls = this.constructor as { name: string; className?: string };
    return Object.prototype.hasOwnProperty.call(cls, 'className') && cls.className ? cls.className : cls.name;
  }

  /** Creates the layer's weights once the input shape is known (with the batch axis). Override it. */
  override build(inputShape: Shape | Shape[]): void {
    void inputShape;
    this.built = true;
  }

  /** The layer's computation on `inputs` (one tensor, or a list for several). Override it. */
  // Keras's signature, `call(inputs, training, mask)`, replaces tfjs's `call(inputs, kwargs)` (the type admits both).
  override call(inputs: tf.Tensor | tf.Tensor[], training?: boolean | Record<string, any>, mask?: tf.Tensor | tf.Tensor[]): tf.Tensor | tf.Tensor[] {
    void training;
    void mask;
    return inputs;
  }

  /**
   * The output shape for `inputShape` (with the batch axis). By default it runs `call` on zeros (each unknown
   * dimension tried as 1 and 2, so the output's unknown dimensions come out `null`); override it when `call`
   * cannot run on zeros.
   */
  override computeOutputShape(inputShape: Shape | Shape[]): Shape | Shape[] {
    const several = Array.isArray(inputShape[0]);
    const shapes = (several ? inputShape : [inputShape]) as Shape[];
    const run = (unknown: number): number[][] =>
      tf.tidy(() => {
        const dtypes = this.symbolicDtypes;
        const probes = shapes.map((s, k) => tf.zeros(s.map((d, i) => (i === 0 ? 1 : (d ?? unknown))), dtypes?.[k] ?? this.dtype));
        const out = (this as unknown as { call: (x: tf.Tensor | tf.Tensor[], k: object) => tf.Tensor | tf.Tensor[] }).call(several ? probes : probes[0], {});
        return (Array.isArray(out) ? out : [out]).map((t) => t.shape);
      });
    let a: number[][];
    try {
      a = run(1);
    } catch (e) {
      // Named with the symbolic shapes (None for the batch), not the probe's.
      throw callError(this, shapes.map((shape) => ({ shape })), (e as Error & { cause?: unknown }).cause ?? e);
    }
    const b = shapes.some((s) => s.slice(1).includes(null)) ? run(2) : a;
    const result = a.map((s, k) => s.map((d, i) => (i === 0 || d !== b[k][i] ? null : d)));
    return result.length === 1 ? result[0] : result;
  }

  /**
   * Adds a weight to the layer, as Keras's `add_weight`: `addWeight({ shape, initializer, trainable, regularizer,
   * constraint, dtype, name })`, Keras 3's positional `addWeight(shape, initializer, dtype, trainable)`, or
   * TensorFlow.js's `addWeight(name, shape, dtype, initializer, ...)`. Initializers and regularizers by Keras id
   * (`'glorot_uniform'`, `'zeros'`, `'l2'`) or instance. Read its value with `weight.read()`.
   */
  override addWeight(options: KerasOptions<WeightOptions>): tf.LayerVariable;
  override addWeight(shape: Shape, initializer?: string | Init, dtype?: tf.DataType, trainable?: boolean): tf.LayerVariable;
  override addWeight(name: string, shape: Shape, dtype?: tf.DataType, initializer?: Init, regularizer?: Reg, trainable?: boolean, constraint?: Constraint): tf.LayerVariable;
  override addWeight(...args: unknown[]): tf.LayerVariable {
    const where = `${this.getClassName()}.add_weight`;
    let o: WeightOptions;
    if (typeof args[0] === 'string') {
      const [name, shape, dtype, initializer, regularizer, trainable, constraint] = args as [string, Shape, tf.DataType?, Init?, Reg?, boolean?, Constraint?];
      o = { name, shape, dtype, initializer, regularizer, trainable, constraint };
    } else if (Array.isArray(args[0])) {
      const [shape, initializer, dtype, trainable] = args as [Shape, (string | Init)?, tf.DataType?, boolean?];
      o = { shape, initializer, dtype, trainable };
    } else {
      const given = camelize(where, (args[0] ?? {}) as Options);
      for (const key of Object.keys(given)) if (!WEIGHT_OPTIONS.includes(key)) throw unknownOptionError(where, key, WEIGHT_OPTIONS);
      o = given as WeightOptions;
    }
    if (!o.shape) throw new Error(`${where}: give the weight's shape, e.g. this.addWeight({ shape: [inputShape.at(-1), this.units] }).`);
    if (o.shape.some((d) => d == null)) throw new Error(`${where}: the shape ${JSON.stringify(o.shape)} has unknown dimensions; a weight's shape must be fully known.`);
    const name = o.name ?? (this.weightCount === 0 ? 'variable' : `variable_${this.weightCount}`);
    this.weightCount++;
    return super.addWeight(name, o.shape as number[], o.dtype ?? 'float32', initializerOf(o.initializer, where), regularizerOf(o.regularizer, where), o.trainable ?? true, o.constraint ?? undefined);
  }

  /** Keras's snake_case name for addWeight. */
  add_weight(...args: unknown[]): tf.LayerVariable {
    return (this.addWeight as (...a: unknown[]) => tf.LayerVariable)(...args);
  }

  /**
   * What `fromConfig` needs to make the layer again; saving writes it to model.json. Add the constructor's
   * arguments: `getConfig() { return { ...super.getConfig(), units: this.units }; }`.
   */
  override getConfig(): tf.serialization.ConfigDict {
    return super.getConfig();
  }

  /**
   * Makes the layer from `getConfig()`'s dict when a model is loaded: `new this(config)` by default. Override it
   * when the constructor takes positional arguments: `static fromConfig(config) { return new this(config.units, config); }`.
   */
  static override fromConfig<T extends tf.serialization.Serializable>(this: unknown, cls: unknown, config?: tf.serialization.ConfigDict): T {
    const given = { ...((typeof cls === 'function' ? config : cls) as tf.serialization.ConfigDict) };
    delete given.customObjects; // tfjs's deserializer adds it
    const target = (typeof this === 'function' ? this : cls) as new (config: tf.serialization.ConfigDict) => T;
    return new target(given);
  }
}
