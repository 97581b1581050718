// The `models` namespace: Sequential, Model (functional) and loadModel. Models are callable like layers, so
// they nest: `const y = encoder(x)`.
import * as tf from '@tensorflow/tfjs';
import { callable, CallableLayer } from '../callable';
import { CustomObjects, reviveFunctions, withCustomObjects } from '../io/custom-objects';
import { fileHandler } from '../io/files';
import * as losses from '../losses';
import * as metrics from '../metrics';
import { defaultName } from '../layers/factory';
import { checkedOptions, Options, KerasOptions } from '../options';
import type { CompileOptions } from '../training/compile';
import { fromSaved, SavedOptimizer } from '../optimizers';
import { Functional } from './functional';
import { Sequential as SequentialModel } from './sequential';
import { cloneModel } from './clone';
import { constructSubclassed, SubclassedModel } from './subclassed';

export { Functional, SequentialModel, SubclassedModel };

/** What `models.Sequential(...)` returns: a callable Sequential model. */
export type SequentialInstance = CallableLayer<SequentialModel & tf.layers.Layer>;
/** What `models.Model(...)` returns: a callable functional model. */
export type ModelInstance = CallableLayer<Functional & tf.layers.Layer>;
type Endpoints = tf.SymbolicTensor | tf.SymbolicTensor[];

/** A factory that also works with `new` and for `instanceof`. */
function constructible<A extends unknown[], R>(
  name: string,
  make: (...args: A) => R,
  cls: abstract new (...args: never[]) => unknown,
  subclassed?: (target: Function, args: unknown[]) => unknown,
) {
  const factory = function (...args: A): R {
    // `super(...)` from a user's subclass: new.target is the subclass.
    if (subclassed && new.target && new.target !== factory) return subclassed(new.target, args) as R;
    return make(...args);
  };
  Object.defineProperty(factory, 'name', { value: name });
  factory.prototype = cls.prototype;
  return factory as unknown as { (...args: A): R; new (...args: A): R };
}

/** `models.Sequential([layers...], { name })`. */
export const Sequential = constructible(
  'Sequential',
  (layers: Array<tf.layers.Layer | tf.SymbolicTensor> = [], options: { name?: string } & Options = {}): SequentialInstance => {
    const o = checkedOptions('models.Sequential', options, ['name']);
    const name = (o.name as string | undefined) ?? defaultName('Sequential');
    return callable(new SequentialModel(layers, { name }) as unknown as SequentialModel & tf.layers.Layer);
  },
  SequentialModel,
);

/** `models.Model`: called, a functional model; extended, the base class of a subclassed model. */
export type ModelConstructor = {
  (inputs: Endpoints, outputs: Endpoints, options?: { name?: string } & Options): ModelInstance;
  (options: { inputs: Endpoints; outputs: Endpoints; name?: string } & Options): ModelInstance;
  /** `class MyModel extends models.Model { constructor() { super(); ... } call(inputs) { ... } }`, as in Keras. */
  new (options?: { name?: string } & Options): SubclassedModel;
};

/**
 * `models.Model({ inputs, outputs, name })` or Keras's positional `models.Model(inputs, outputs)`; or the base of a
 * subclassed model: `class MyModel extends models.Model { constructor() { super(); ... } call(inputs) { ... } }`.
 */
export const Model = constructible(
  'Model',
  (
    inputsOrOptions: Endpoints | ({ inputs: Endpoints; outputs: Endpoints; name?: string } & Options),
    outputs?: Endpoints,
    options: { name?: string } & Options = {},
  ): ModelInstance => {
    const positional = inputsOrOptions instanceof tf.SymbolicTensor || Array.isArray(inputsOrOptions);
    const given = positional ? { ...options, inputs: inputsOrOptions, outputs } : (inputsOrOptions as Options);
    const o = checkedOptions('models.Model', given, ['inputs', 'outputs', 'name']);
    if (!o.inputs || !o.outputs) throw new Error('models.Model: give both inputs and outputs, e.g. models.Model({ inputs, outputs }).');
    const name = (o.name as string | undefined) ?? defaultName('Model');
    const model = new Functional({ inputs: o.inputs as Endpoints, outputs: o.outputs as Endpoints, name });
    return callable(model as unknown as Functional & tf.layers.Layer);
  },
  Functional,
  (target, args) => callable(constructSubclassed(target, Functional.prototype, args[0] as Options | undefined) as unknown as SubclassedModel & tf.layers.Layer),
) as unknown as ModelConstructor;
// `instanceof models.Model` holds for functional and subclassed models; a subclass keeps its own instanceof.
Object.defineProperty(Model, Symbol.hasInstance, {
  value(this: unknown, value: unknown): boolean {
    if (this !== Model) return Function.prototype[Symbol.hasInstance].call(this, value);
    return value instanceof Functional || value instanceof SubclassedModel;
  },
});

interface SavedTraining {
  tsdl_training_config?: { optimizer: SavedOptimizer; loss: CompileOptions['loss']; metrics: CompileOptions['metrics']; lossWeights: CompileOptions['lossWeights'] | null };
}

/** loadModel's options: `custom_objects` (classes and functions by name) and `compile` (default true). */
export interface LoadOptions {
  /** `custom_objects`: custom layer classes, Lambda functions and custom loss/metric functions, by saved name. */
  customObjects?: CustomObjects;
  /** False loads the model uncompiled (default true: compiled as it was saved). */
  compile?: boolean;
}

/**
 * Loads a model saved by `model.save(path)` (or any tfjs Layers model.json), recompiled if it was compiled (unless
 * `compile: false`). Custom layers' classes, Lambda layers' functions and custom loss or metric functions come from
 * `custom_objects`: `models.loadModel(path, { custom_objects: { MyDense, my_loss } })`.
 */
export async function loadModel(path: string, options: KerasOptions<LoadOptions> = {}): Promise<SequentialInstance | ModelInstance> {
  const o = checkedOptions('models.loadModel', options, ['customObjects', 'compile']);
  const customObjects = (o.customObjects as CustomObjects | undefined) ?? {};
  const handler = fileHandler(path);
  const artifacts = await handler.load!();
  const loaded = await withCustomObjects(customObjects, () => tf.loadLayersModel(tf.io.fromMemory(artifacts)));
  let model: SequentialInstance | ModelInstance;
  if (loaded instanceof tf.Sequential) {
    const sequential = Sequential([], { name: loaded.name });
    for (const layer of loaded.layers) sequential.add(layer);
    model = sequential;
  } else {
    model = Model({ inputs: loaded.inputs, outputs: loaded.outputs, name: loaded.name });
  }
  const saved = (artifacts.userDefinedMetadata as SavedTraining | undefined)?.tsdl_training_config;
  if (saved && o.compile !== false) {
    const known = (name: string) => isLossId(name) || isMetricId(name);
    const training = reviveFunctions(saved, customObjects, known);
    model.compile({ optimizer: fromSaved(training.optimizer), loss: training.loss, metrics: training.metrics, lossWeights: training.lossWeights ?? undefined });
  }
  return model;
}
/** Keras's snake_case name for loadModel. */
export const load_model = loadModel;

function isLossId(name: string): boolean {
  try {
    losses.get(name);
    return true;
  } catch {
    return false;
  }
}

function isMetricId(name: string): boolean {
  try {
    metrics.get(name as metrics.MetricId);
    return true;
  } catch {
    return false;
  }
}

export { cloneModel };
/** Keras's `models.clone_model(model)`: the same architecture with freshly initialized weights. */
export const clone_model = cloneModel;
