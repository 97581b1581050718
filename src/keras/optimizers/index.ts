// Keras-named optimizers over tfjs's: `optimizers.RMSprop({ lr: 0.001 })` as in the book, or
// `{ learning_rate }`, with Keras's defaults (tfjs's differ: e.g. its RMSprop epsilon is 1e-8... and it has no
// defaults at all for the learning rate).
import * as tf from '@tensorflow/tfjs';
import { checkedOptions, Options } from '../options';
import { EXTRA_OPTIONS, OptimizerExtras, withExtras } from './extras';
import { NadamOptimizer } from './nadam';
import * as schedules from './schedules';
import { LearningRateSchedule } from './schedules';

export { schedules };
export type { OptimizerExtras };

export { NadamOptimizer };
export type Optimizer = tf.Optimizer;

type Num = number | undefined;

/** How each optimizer made here was asked for, so that save() keeps its Keras name, schedule, clipping and decay. */
const MADE = new WeakMap<tf.Optimizer, { kerasName: string; options: Options }>();
const FACTORIES: Record<string, (options?: Options) => tf.Optimizer> = {};

function make<T extends Record<string, number | boolean>>(
  kerasName: string,
  defaults: T,
  build: (o: T) => tf.Optimizer,
): (options?: Partial<Omit<T, 'learningRate'>> & { learningRate?: number | LearningRateSchedule; learning_rate?: number | LearningRateSchedule } & OptimizerExtras & Options) => tf.Optimizer {
  const valid = [...Object.keys(defaults), ...EXTRA_OPTIONS.filter((k) => !(k in defaults))];
  const factory = function (options?: Options): tf.Optimizer {
    const where = `optimizers.${kerasName}`;
    const o = checkedOptions(where, options, valid, { beta_1: 'beta1', beta_2: 'beta2' });
    const { clipnorm, clipvalue, globalClipnorm, weightDecay, ...own } = { ...defaults, ...o } as Options;
    const learningRate = own.learningRate as number | LearningRateSchedule;
    if (!(typeof learningRate === 'number' || learningRate instanceof LearningRateSchedule)) {
      throw new TypeError(`${where}: learning_rate must be a number or an optimizers.schedules.LearningRateSchedule. Received: learning_rate=${String(learningRate)}`);
    }
    const numeric = learningRate instanceof LearningRateSchedule ? learningRate.call(0) : learningRate;
    const optimizer = build({ ...own, learningRate: numeric } as unknown as T);
    MADE.set(optimizer, { kerasName, options: { ...defaults, ...o } });
    return withExtras(where, optimizer, learningRate, { clipnorm, clipvalue, globalClipnorm, weightDecay } as OptimizerExtras);
  };
  Object.defineProperty(factory, 'name', { value: kerasName });
  FACTORIES[kerasName] = factory;
  return factory;
}

/** `optimizers.SGD({ learning_rate = 0.01, momentum = 0, nesterov = false })`, plus Keras's clipnorm/clipvalue/global_clipnorm/weight_decay. */
export const SGD = make('SGD', { learningRate: 0.01, momentum: 0, nesterov: false }, (o) =>
  o.momentum > 0 || o.nesterov ? tf.train.momentum(o.learningRate, o.momentum, o.nesterov) : tf.train.sgd(o.learningRate),
);
/** `optimizers.RMSprop({ learning_rate = 0.001, rho = 0.9, momentum, epsilon = 1e-7, centered })` (`lr` as in the book). */
export const RMSprop = make('RMSprop', { learningRate: 0.001, rho: 0.9, momentum: 0, epsilon: 1e-7, centered: false }, (o) =>
  tf.train.rmsprop(o.learningRate, o.rho, o.momentum, o.epsilon, o.centered),
);
/** `optimizers.Adam({ learning_rate = 0.001, beta_1 = 0.9, beta_2 = 0.999, epsilon = 1e-7 })`. */
export const Adam = make('Adam', { learningRate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 }, (o) =>
  tf.train.adam(o.learningRate, o.beta1, o.beta2, o.epsilon),
);
/** `optimizers.Adagrad({ learning_rate = 0.001, initial_accumulator_value = 0.1 })`. */
export const Adagrad = make('Adagrad', { learningRate: 0.001, initialAccumulatorValue: 0.1, epsilon: 1e-7 }, (o) =>
  tf.train.adagrad(o.learningRate, o.initialAccumulatorValue),
);
/** `optimizers.Adadelta({ learning_rate = 0.001, rho = 0.95, epsilon = 1e-7 })`. */
export const Adadelta = make('Adadelta', { learningRate: 0.001, rho: 0.95, epsilon: 1e-7 }, (o) =>
  tf.train.adadelta(o.learningRate, o.rho, o.epsilon),
);
/** `optimizers.Adamax({ learning_rate = 0.001, beta_1 = 0.9, beta_2 = 0.999, epsilon = 1e-7 })`. */
export const Adamax = make('Adamax', { learningRate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 }, (o) =>
  tf.train.adamax(o.learningRate, o.beta1, o.beta2, o.epsilon),
);
/**
 * `optimizers.AdamW({ learning_rate, weight_decay = 0.004, beta_1, beta_2, epsilon })`: Adam with decoupled weight
 * decay (each step first shrinks every trained variable by `weight_decay * learning_rate`), as Keras's AdamW.
 */
export const AdamW = make('AdamW', { learningRate: 0.001, weightDecay: 0.004, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 }, (o) =>
  tf.train.adam(o.learningRate, o.beta1, o.beta2, o.epsilon),
);
/** `optimizers.Nadam({ learning_rate = 0.001, beta_1 = 0.9, beta_2 = 0.999, epsilon = 1e-7 })`: Adam with Nesterov momentum. */
export const Nadam = make('Nadam', { learningRate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 }, (o) =>
  new NadamOptimizer(o.learningRate, o.beta1, o.beta2, o.epsilon),
);

const BY_ID: Record<string, () => tf.Optimizer> = {
  sgd: () => SGD(),
  rmsprop: () => RMSprop(),
  adam: () => Adam(),
  adagrad: () => Adagrad(),
  adadelta: () => Adadelta(),
  adamax: () => Adamax(),
  nadam: () => Nadam(),
  adamw: () => AdamW(),
};

/** An optimizer by Keras id ('rmsprop', 'adam'...), with Keras's defaults; instances pass through. */
export function get(id: string | tf.Optimizer): tf.Optimizer {
  if (typeof id !== 'string') return id;
  const make = BY_ID[id.toLowerCase()];
  if (!make) throw new Error(`Unknown optimizer '${id}'. Known optimizers: ${Object.keys(BY_ID).join(', ')}.`);
  return make();
}

/** An optimizer as model.json stores it (Keras's optimizer_config shape). */
export interface SavedOptimizer {
  className: string;
  config: tf.serialization.ConfigDict;
}

/** The optimizer's saved form: Keras's name and options (schedule, clipping, weight decay included) when made here. */
export function toSaved(optimizer: tf.Optimizer): SavedOptimizer {
  const made = MADE.get(optimizer);
  if (!made) return { className: optimizer.getClassName(), config: optimizer.getConfig() };
  const { learningRate, ...rest } = made.options;
  const lr = learningRate instanceof LearningRateSchedule ? (schedules.toSavedSchedule(learningRate) ?? learningRate.call(0)) : learningRate;
  const config = JSON.parse(JSON.stringify({ ...rest, learningRate: lr })) as tf.serialization.ConfigDict;
  return { className: made.kerasName, config: { ...config, tsdlKeras: true } };
}

/** The optimizer back from its saved config (its slots start afresh). */
export function fromSaved(saved: SavedOptimizer): tf.Optimizer {
  if (saved.config?.tsdlKeras && FACTORIES[saved.className]) {
    const { tsdlKeras: _marker, learningRate, ...rest } = saved.config;
    const lr = typeof learningRate === 'object' && learningRate !== null ? schedules.fromSavedSchedule(learningRate as unknown as schedules.SavedSchedule) : learningRate;
    return FACTORIES[saved.className]({ ...rest, learningRate: lr });
  }
  const entry = tf.serialization.SerializationMap.getMap().classNameMap[saved.className];
  if (!entry) return get(saved.className);
  const [cls, fromConfig] = entry;
  return fromConfig(cls, saved.config) as tf.Optimizer;
}

export { getLearningRate, setLearningRate } from './rate';
