// Custom objects for save and load, as Keras's `custom_objects`: classes of custom layers, the functions of Lambda
// layers, and custom loss or metric functions given to compile(). Saving names them (a class by its class name, a
// function by its name); loading finds them in `custom_objects`.
import * as tf from '@tensorflow/tfjs';
import { Layer } from '../layers/base-layer';
import { LambdaLayer } from '../layers/lambda';

/** What `models.loadModel(path, { custom_objects })` takes: classes and functions by the name they were saved under. */
export type CustomObjects = Record<string, unknown>;

/** How a function (a custom loss or metric) is written into the saved training config. */
interface SavedFunction {
  class_name: 'function';
  config: string;
}

/** The custom objects of the load in progress, for fromConfig methods (Lambda's) that tfjs calls without them. */
let current: CustomObjects = {};

function usage(name: string): string {
  const key = /^[A-Za-z_$][\w$]*$/.test(name) ? name : `'${name}': ...`;
  return `models.loadModel(path, { custom_objects: { ${key} } })`;
}

/** JSON.stringify's replacer for compile()'s config: a function is kept by its name. */
export function functionsByName(_key: string, value: unknown): unknown {
  if (typeof value === 'function') return { class_name: 'function', config: value.name } satisfies SavedFunction;
  return value;
}

function isSavedFunction(value: unknown): value is SavedFunction {
  return value !== null && typeof value === 'object' && (value as SavedFunction).class_name === 'function' && typeof (value as SavedFunction).config === 'string';
}

/**
 * compile()'s saved config with its functions found again: in `customObjects` first, then by name among the
 * built-in ids (`known`), or a Keras-worded error.
 */
export function reviveFunctions<T>(value: T, customObjects: CustomObjects, known: (name: string) => boolean): T {
  const revive = (v: unknown): unknown => {
    if (isSavedFunction(v)) {
      const name = v.config;
      const fn = customObjects[name];
      if (typeof fn === 'function') return fn;
      if (name && known(name)) return name;
      if (!name) throw new Error('Could not locate an anonymous function the model was compiled with: compile with a named function to save it, or load with compile: false.');
      throw new Error(`Could not locate function '${name}'. Pass it in custom_objects: ${usage(name)}, or load with compile: false.`);
    }
    if (Array.isArray(v)) return v.map(revive);
    if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, revive(x)]));
    return v;
  };
  return revive(value) as T;
}

/** Lambda's fromConfig: its function from custom_objects, by the function's name or the layer's. */
function lambdaFromConfig(_cls: unknown, config: tf.serialization.ConfigDict): LambdaLayer {
  const fnName = (config.function_name ?? config.functionName) as string | undefined;
  const layerName = config.name as string;
  const fn = (fnName ? current[fnName] : undefined) ?? current[layerName];
  if (typeof fn !== 'function') {
    const name = fnName || layerName;
    throw new Error(
      `Cannot load the Lambda layer '${layerName}': its function${fnName ? ` '${fnName}'` : ''} is code, which is not saved in model.json. ` +
        `Pass it in custom_objects: ${usage(name)}.`,
    );
  }
  const shape = config.batchInputShape as Array<number | null> | undefined;
  return new LambdaLayer(fn as ConstructorParameters<typeof LambdaLayer>[0], { name: layerName, inputShape: shape ? shape.slice(1) : undefined });
}

type Registry = Record<string, [unknown, unknown]>;

/**
 * Runs `load` with the custom objects' classes (and Lambda) known to tfjs's deserializer, then forgets them again.
 * A class of our `layers.Layer` gets Keras's `fromConfig(config)`; a plain tfjs layer class its own.
 */
export function withCustomObjects<T>(customObjects: CustomObjects, load: () => Promise<T>): Promise<T> {
  // One load at a time: the registry and `current` are global, and two loads must not see each other's classes.
  const result = loading.then(() => loadWith(customObjects, load));
  loading = result.then(
    () => undefined,
    () => undefined,
  );
  return result;
}

/** The load in progress (or a resolved promise): the next one waits for it. */
let loading: Promise<void> = Promise.resolve();

async function loadWith<T>(customObjects: CustomObjects, load: () => Promise<T>): Promise<T> {
  const registry = (tf.serialization.SerializationMap.getMap() as unknown as { classNameMap: Registry }).classNameMap;
  const added: Record<string, [unknown, unknown]> = { Lambda: [LambdaLayer, lambdaFromConfig] };
  for (const [key, value] of Object.entries(customObjects)) {
    if (typeof value !== 'function' || !(value.prototype instanceof tf.serialization.Serializable)) continue;
    const cls = value as unknown as { className?: string; name: string; fromConfig: (...a: unknown[]) => unknown };
    const keras = value.prototype instanceof Layer;
    const make = (_c: unknown, given: tf.serialization.ConfigDict) => {
      // tfjs's deserializer tacks its customObjects onto the config; a Keras layer's config is its own.
      const config = { ...given };
      delete config.customObjects;
      return keras ? cls.fromConfig(config) : cls.fromConfig(cls, given);
    };
    added[key] = [value, make];
    const own = Object.prototype.hasOwnProperty.call(value, 'className') && cls.className ? cls.className : cls.name;
    added[own] ??= [value, make];
  }
  const saved = Object.fromEntries(Object.keys(added).map((k) => [k, registry[k]]));
  const before = current;
  Object.assign(registry, added);
  current = customObjects;
  try {
    return await load();
  } catch (e) {
    const unknown = /^Unknown layer: (\S+?)\./.exec((e as Error).message ?? '');
    if (unknown) {
      throw new Error(`Unknown layer: '${unknown[1]}'. A custom layer's class must be given to load it: ${usage(unknown[1])}.`);
    }
    throw e;
  } finally {
    current = before;
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete registry[k];
      else registry[k] = v;
    }
  }
}
