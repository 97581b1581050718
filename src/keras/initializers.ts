// The `initializers` namespace: Keras class names over tf.initializers, options in snake_case or camelCase.
import * as tf from '@tensorflow/tfjs';
import { kerasId } from './layers/factory';
import { checkedOptions, Options } from './options';

type Init = ReturnType<typeof tf.initializers.zeros>;

function make(kerasName: string, valid: string[], create: (o: Options) => Init, positional?: string) {
  return (options?: Options | number): Init => {
    const given = typeof options === 'number' && positional ? { [positional]: options } : (options as Options | undefined);
    const o = checkedOptions(`initializers.${kerasName}`, given, valid);
    for (const key of ['mode', 'distribution']) if (typeof o[key] === 'string') o[key] = kerasId(o[key] as string);
    return create(o);
  };
}

const I = tf.initializers;
const seeded = ['seed'];
export const Zeros = make('Zeros', [], () => I.zeros());
export const Ones = make('Ones', [], () => I.ones());
export const Constant = make('Constant', ['value'], (o) => I.constant({ value: (o.value as number | undefined) ?? 0 }), 'value');
export const RandomNormal = make('RandomNormal', ['mean', 'stddev', 'seed'], (o) => I.randomNormal({ mean: 0, stddev: 0.05, ...o }));
export const RandomUniform = make('RandomUniform', ['minval', 'maxval', 'seed'], (o) => I.randomUniform({ minval: -0.05, maxval: 0.05, ...o }));
export const TruncatedNormal = make('TruncatedNormal', ['mean', 'stddev', 'seed'], (o) => I.truncatedNormal({ mean: 0, stddev: 0.05, ...o }));
export const GlorotUniform = make('GlorotUniform', seeded, (o) => I.glorotUniform(o));
export const GlorotNormal = make('GlorotNormal', seeded, (o) => I.glorotNormal(o));
export const HeUniform = make('HeUniform', seeded, (o) => I.heUniform(o));
export const HeNormal = make('HeNormal', seeded, (o) => I.heNormal(o));
export const LecunUniform = make('LecunUniform', seeded, (o) => I.leCunUniform(o));
export const LecunNormal = make('LecunNormal', seeded, (o) => I.leCunNormal(o));
export const Orthogonal = make('Orthogonal', ['gain', 'seed'], (o) => I.orthogonal(o), 'gain');
export const Identity = make('Identity', ['gain'], (o) => I.identity(o), 'gain');
export const VarianceScaling = make('VarianceScaling', ['scale', 'mode', 'distribution', 'seed'], (o) =>
  I.varianceScaling({ scale: 1, mode: 'fanIn', distribution: 'truncatedNormal', ...o }),
);

// TensorFlow.js warns "Orthogonal initializer is being called on a matrix with more than 2000 elements: Slowness may
// result" for every LSTM/GRU recurrent kernel of 23 units or more; Keras says nothing. Its threshold is an instance
// field set in the constructor: an accessor on the prototype keeps it infinite.
Object.defineProperty(Object.getPrototypeOf(I.orthogonal({})), 'ELEMENTS_WARN_SLOW', {
  get: () => Infinity,
  set: () => undefined,
  configurable: true,
});
