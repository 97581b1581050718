// Turns a tfjs layer constructor into a Keras-shaped factory: positional arguments first, options second, options
// in snake_case or camelCase, Keras string ids for activations/initializers/..., and an error for any option the
// layer never reads.
import * as tf from '@tensorflow/tfjs';
import { callable, CallableLayer } from '../callable';
import { ValueError } from '../errors';
import { camelize, camelToSnake, closest, KerasOptions, Options, originalKey, unknownOptionError } from '../options';

/** Options every layer accepts (some are read only when another option is present, e.g. batchSize). */
const BASE_KEYS = ['inputShape', 'batchInputShape', 'batchSize', 'dtype', 'name', 'trainable', 'weights', 'inputDType'];

/** Keras string ids whose tfjs spelling is not just the camelCase form. */
const ID_SPECIAL: Record<string, string> = {
  l1_l2: 'l1l2', gelu_new: 'gelu_new', hard_sigmoid: 'hardSigmoid', lecun_normal: 'leCunNormal', lecun_uniform: 'leCunUniform', silu: 'swish',
};

const ID_KEYS = /(activation|Activation|[iI]nitializer|[rR]egularizer|[cC]onstraint|^dataFormat|^implementation|^outputMode)$/;

/** Keras ids such as 'glorot_uniform' or 'channels_last' → tfjs's 'glorotUniform', 'channelsLast'. */
export function kerasId(value: string): string {
  if (value in ID_SPECIAL) return ID_SPECIAL[value];
  return value.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** The string ids a layer option of each kind accepts, in Keras's spelling (tfjs's camelCase works too). */
const KNOWN_IDS = {
  activation: ['elu', 'gelu', 'gelu_new', 'hard_sigmoid', 'linear', 'mish', 'relu', 'relu6', 'selu', 'sigmoid', 'silu', 'softmax', 'softplus', 'softsign', 'swish', 'tanh'],
  initializer: [
    'constant', 'glorot_normal', 'glorot_uniform', 'he_normal', 'he_uniform', 'identity', 'lecun_normal', 'lecun_uniform', 'ones', 'orthogonal',
    'random_normal', 'random_uniform', 'truncated_normal', 'variance_scaling', 'zeros',
  ],
  regularizer: ['l1', 'l2', 'l1_l2'],
  constraint: ['max_norm', 'min_max_norm', 'non_neg', 'unit_norm'],
  // CategoryEncoding's: TensorFlow.js takes any other string and counts.
  outputMode: ['one_hot', 'multi_hot', 'count'],
};

/** Keras's word for each kind in "Could not interpret ... identifier". */
const KIND_WORDS: Record<keyof typeof KNOWN_IDS, string> = {
  activation: 'activation function', initializer: 'initializer', regularizer: 'regularizer', constraint: 'constraint',
  outputMode: 'output mode',
};

/** Keras activations TensorFlow.js's layers lack, and what to use instead. */
const ACTIVATION_INSTEAD: Record<string, string> = {
  leaky_relu: 'layers.LeakyReLU() after the layer', leakyRelu: 'layers.LeakyReLU() after the layer',
  exponential: "layers.Lambda((x) => tf.exp(x)) after the layer",
};

function kindOf(key: string): keyof typeof KNOWN_IDS | null {
  if (/[aA]ctivation$/.test(key)) return 'activation';
  if (/[iI]nitializer$/.test(key)) return 'initializer';
  if (/[rR]egularizer$/.test(key)) return 'regularizer';
  if (/[cC]onstraint$/.test(key)) return 'constraint';
  if (key === 'outputMode') return 'outputMode';
  return null;
}

/**
 * One string id as the tfjs layer takes it: the tfjs spelling, or an instance where tfjs has no such id (Keras's
 * 'l1' and 'l2' regularizers with their 0.01 default, the 'constant' initializer). An unknown id is Keras's
 * ValueError, with the closest known id.
 */
export function layerId(where: string, key: string, value: string): unknown {
  const kind = kindOf(key);
  if (kind === null) return kerasId(value);
  const known = KNOWN_IDS[kind];
  const match = known.find((id) => id === value || kerasId(id) === kerasId(value) || kerasId(id).toLowerCase() === value.toLowerCase());
  if (match === undefined) {
    const instead = kind === 'activation' ? ACTIVATION_INSTEAD[value] : undefined;
    if (instead) throw new ValueError(`${where}: the activation '${value}' is not available as a string in TensorFlow.js layers; use ${instead}.`);
    const guess = closest(value, known);
    throw new ValueError(
      `${where}: Could not interpret ${KIND_WORDS[kind]} identifier: '${value}'.` + (guess ? ` Did you mean '${guess}'?` : ` Known: ${known.join(', ')}.`),
    );
  }
  if (kind === 'regularizer' && match === 'l1') return tf.regularizers.l1({ l1: 0.01 });
  if (kind === 'regularizer' && match === 'l2') return tf.regularizers.l2({ l2: 0.01 });
  if (kind === 'initializer' && match === 'constant') return tf.initializers.constant({ value: 0 });
  return kerasId(match);
}

function mapValues(where: string, options: Options): Options {
  const out: Options = {};
  for (const [key, value] of Object.entries(options)) {
    out[key] = typeof value === 'string' && ID_KEYS.test(key) ? layerId(where, key, value) : value;
  }
  return out;
}

/** Whether `value` is a plain `{...}` object (an options object, not a tensor, array or class instance). */
export function isPlainOptions(value: unknown): value is Options {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** Splits Keras-style `(pos1, pos2, {options})` into one camelCase options object. */
export interface Gathered {
  options: Options;
  /** What the user passed as options, to quote their spelling in errors. */
  given: Options;
}

/** `(pos1, pos2, {options})` → one camelCase options object, Keras ids mapped; too many positionals are an error. */
export function gatherArgs(where: string, positional: readonly string[], args: readonly unknown[], aliases: Record<string, string> = {}): Gathered {
  const last = args[args.length - 1];
  const hasOptions = args.length > 0 && isPlainOptions(last);
  const given = hasOptions ? args.slice(0, -1) : args.slice();
  if (given.length > positional.length) {
    throw new Error(`${where}: expected at most ${positional.length} positional argument(s) (${positional.join(', ') || 'none'}), got ${given.length}.`);
  }
  const options = mapValues(where, camelize(where, hasOptions ? (last as Options) : {}, aliases));
  given.forEach((value, i) => {
    const key = positional[i];
    if (key in options) throw new Error(`${where}: '${key}' given both positionally and as an option.`);
    if (value !== undefined) options[key] = typeof value === 'string' && ID_KEYS.test(key) ? layerId(where, key, value) : value;
  });
  return { options, given: hasOptions ? (last as Options) : {} };
}

/** Builds `create(args)` while recording which options it reads; an option it never reads is an error. */
export function constructChecked<T>(where: string, create: (args: Options) => T, { options, given }: Gathered, aliases: Record<string, string> = {}): T {
  const read = new Set<string>(BASE_KEYS);
  let copied = false;
  const recorder = new Proxy(options, {
    get(target, key, receiver) {
      if (typeof key === 'string') read.add(key);
      return Reflect.get(target, key, receiver) as unknown;
    },
    has(target, key) {
      if (typeof key === 'string') read.add(key);
      return Reflect.has(target, key);
    },
    ownKeys(target) {
      // A constructor that copies its options reads all of them: nothing can be checked then.
      copied = true;
      return Reflect.ownKeys(target);
    },
  });
  const result = create(recorder);
  if (!copied) {
    for (const key of Object.keys(options)) {
      if (!read.has(key)) throw unknownOptionError(where, originalKey(given, key, aliases), [...read].filter((k) => !k.startsWith('_')));
    }
  }
  return result;
}

const nameCounts = new Map<string, number>();

/** Keras's default names: dense, dense_1, dense_2... */
export function defaultName(kerasName: string): string {
  // keras.src.utils.naming.to_snake_case
  const base = kerasName.replace(/(.)([A-Z][a-z]+)/g, '$1_$2').replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
  const n = nameCounts.get(base) ?? 0;
  nameCounts.set(base, n + 1);
  return n === 0 ? base : `${base}_${n}`;
}

// `never` makes any one-argument factory fit; Parameters<> then recovers its real options type.
type AnyFactory = (args: never) => tf.layers.Layer;
export type LayerOptions<F extends AnyFactory> = KerasOptions<Partial<Parameters<F>[0]>>;
export type Made<F extends AnyFactory> = CallableLayer<ReturnType<F>>;

/** `Dense(32, { activation: 'relu' })`, `Dense({ units: 32 })` and `new Dense(32)` all work. */
export type LayerFactory<F extends AnyFactory, P extends unknown[]> = {
  (...args: [...P, LayerOptions<F>?]): Made<F>;
  (options?: LayerOptions<F>): Made<F>;
  new (...args: [...P, LayerOptions<F>?]): Made<F>;
  new (options?: LayerOptions<F>): Made<F>;
};

/**
 * Makes a Keras-named layer factory from a tfjs layer constructor: positional arguments, snake_case or camelCase
 * options, Keras ids, unknown options rejected.
 */
export function layerFactory<F extends AnyFactory, P extends unknown[] = []>(
  kerasName: string,
  create: F,
  positional: readonly string[] = [],
  aliases: Record<string, string> = {},
): LayerFactory<F, P> {
  // A plain function (not an arrow) so that `new layers.Dense(32)` works too: it returns the layer.
  const factory = function (...args: unknown[]): Made<F> {
    const where = `layers.${kerasName}`;
    const gathered = gatherArgs(where, positional, args, aliases);
    gathered.options.name ??= defaultName(kerasName);
    const layer = constructChecked(where, (o) => create(o as never), gathered, aliases);
    return callable(layer) as unknown as Made<F>;
  };
  Object.defineProperty(factory, 'name', { value: kerasName });
  // The call as Keras writes it, for inspect and help(): the factory's own parameters are only `...args`.
  const signature = `(${[...positional.map(camelToSnake), 'options?'].join(', ')})`;
  Object.defineProperty(factory, Symbol.for('tsdl.signature'), { value: signature });
  return factory as unknown as LayerFactory<F, P>;
}
