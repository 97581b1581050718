// Keras-named optimizers over tfjs's: `optimizers.RMSprop({ lr: 0.001 })` as in the book, or
// `{ learning_rate }`, with Keras's defaults (tfjs's differ: e.g. its RMSprop epsilon is 1e-8... and it has no
// defaults at all for the learning rate).
import * as tf from '@tensorflow/tfjs';
import { checkedOptions, Options } from '../options';
import { NadamOptimizer } from './nadam';

export { NadamOptimizer };
export type Optimizer = tf.Optimizer;

type Num = number | undefined;

function make<T extends Record<string, number | boolean>>(
  kerasName: string,
  defaults: T,
  build: (o: T) => tf.Optimizer,
): (options?: Partial<T> & Options) => tf.Optimizer {
  const valid = Object.keys(defaults);
  const factory = function (options?: Partial<T> & Options): tf.Optimizer {
    const o = checkedOptions(`optimizers.${kerasName}`, options, valid, { beta_1: 'beta1', beta_2: 'beta2' });
    return build({ ...defaults, ...o } as T);
  };
  Object.defineProperty(factory, 'name', { value: kerasName });
  return factory;
}

export const SGD = make('SGD', { learningRate: 0.01, momentum: 0, nesterov: false }, (o) =>
  o.momentum > 0 || o.nesterov ? tf.train.momentum(o.learningRate, o.momentum, o.nesterov) : tf.train.sgd(o.learningRate),
);
export const RMSprop = make('RMSprop', { learningRate: 0.001, rho: 0.9, momentum: 0, epsilon: 1e-7, centered: false }, (o) =>
  tf.train.rmsprop(o.learningRate, o.rho, o.momentum, o.epsilon, o.centered),
);
export const Adam = make('Adam', { learningRate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 }, (o) =>
  tf.train.adam(o.learningRate, o.beta1, o.beta2, o.epsilon),
);
export const Adagrad = make('Adagrad', { learningRate: 0.001, initialAccumulatorValue: 0.1, epsilon: 1e-7 }, (o) =>
  tf.train.adagrad(o.learningRate, o.initialAccumulatorValue),
);
export const Adadelta = make('Adadelta', { learningRate: 0.001, rho: 0.95, epsilon: 1e-7 }, (o) =>
  tf.train.adadelta(o.learningRate, o.rho, o.epsilon),
);
export const Adamax = make('Adamax', { learningRate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 }, (o) =>
  tf.train.adamax(o.learningRate, o.beta1, o.beta2, o.epsilon),
);
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

export function toSaved(optimizer: tf.Optimizer): SavedOptimizer {
  return { className: optimizer.getClassName(), config: optimizer.getConfig() };
}

/** The optimizer back from its saved config (its slots start afresh). */
export function fromSaved(saved: SavedOptimizer): tf.Optimizer {
  const entry = tf.serialization.SerializationMap.getMap().classNameMap[saved.className];
  if (!entry) return get(saved.className);
  const [cls, fromConfig] = entry;
  return fromConfig(cls, saved.config) as tf.Optimizer;
}

interface WithRate {
  learningRate?: Num;
  setLearningRate?: (lr: number) => void;
}

export function getLearningRate(optimizer: tf.Optimizer): number {
  const lr = (optimizer as unknown as WithRate).learningRate;
  if (typeof lr !== 'number') throw new Error(`${optimizer.getClassName()} has no learning rate.`);
  return lr;
}

/** tfjs's SGD caches the rate in a tensor, hence setLearningRate where it exists. */
export function setLearningRate(optimizer: tf.Optimizer, lr: number): void {
  const o = optimizer as unknown as WithRate;
  if (typeof o.setLearningRate === 'function') o.setLearningRate(lr);
  else o.learningRate = lr;
}
