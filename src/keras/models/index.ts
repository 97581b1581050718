// The `models` namespace: Sequential, Model (functional) and loadModel. Models are callable like layers, so
// they nest: `const y = encoder(x)`.
import * as tf from '@tensorflow/tfjs';
import { callable, CallableLayer } from '../callable';
import { fileHandler } from '../io/files';
import { defaultName } from '../layers/factory';
import { checkedOptions, Options } from '../options';
import type { CompileOptions } from '../training/compile';
import { fromSaved, SavedOptimizer } from '../optimizers';
import { Functional } from './functional';
import { Sequential as SequentialModel } from './sequential';

export { Functional, SequentialModel };

/** What `models.Sequential(...)` returns: a callable Sequential model. */
export type SequentialInstance = CallableLayer<SequentialModel & tf.layers.Layer>;
/** What `models.Model(...)` returns: a callable functional model. */
export type ModelInstance = CallableLayer<Functional & tf.layers.Layer>;
type Endpoints = tf.SymbolicTensor | tf.SymbolicTensor[];

/** A factory that also works with `new` and for `instanceof`. */
function constructible<A extends unknown[], R>(name: string, make: (...args: A) => R, cls: abstract new (...args: never[]) => unknown) {
  const factory = function (...args: A): R {
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

/** `models.Model({ inputs, outputs, name })` or Keras's positional `models.Model(inputs, outputs)`. */
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
);

interface SavedTraining {
  tsdl_training_config?: { optimizer: SavedOptimizer; loss: CompileOptions['loss']; metrics: CompileOptions['metrics']; lossWeights: CompileOptions['lossWeights'] | null };
}

/** Loads a model saved by `model.save(path)` (or any tfjs Layers model.json), recompiled if it was compiled. */
export async function loadModel(path: string): Promise<SequentialInstance | ModelInstance> {
  const handler = fileHandler(path);
  const artifacts = await handler.load!();
  const loaded = await tf.loadLayersModel(tf.io.fromMemory(artifacts));
  let model: SequentialInstance | ModelInstance;
  if (loaded instanceof tf.Sequential) {
    const sequential = Sequential([], { name: loaded.name });
    for (const layer of loaded.layers) sequential.add(layer);
    model = sequential;
  } else {
    model = Model({ inputs: loaded.inputs, outputs: loaded.outputs, name: loaded.name });
  }
  const training = (artifacts.userDefinedMetadata as SavedTraining | undefined)?.tsdl_training_config;
  if (training) {
    model.compile({ optimizer: fromSaved(training.optimizer), loss: training.loss, metrics: training.metrics, lossWeights: training.lossWeights ?? undefined });
  }
  return model;
}
/** Keras's snake_case name for loadModel. */
export const load_model = loadModel;
