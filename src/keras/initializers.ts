// The `initializers` namespace: Keras class names over tf.initializers, options in snake_case or camelCase.
import * as tf from '@tensorflow/tfjs';
import { kerasId } from './layers/factory';
import { ValueError } from './errors';
import { checkedOptions, Options } from './options';

type Init = ReturnType<typeof tf.initializers.zeros>;

/** Keras's error for a string option outside its choices. */
function checkChoice(name: string, value: unknown, choices: string[]): void {
  if (value === undefined || choices.some((choice) => choice === value || kerasId(choice) === value)) return;
  const expected = choices.map((choice) => `'${choice}'`).join(', ');
  throw new ValueError(`Invalid value for argument \`${name}\`. Expected one of {${expected}}. Received: ${name}=${String(value)}`);
}

/** `choices`: the string options and their values in Keras's spelling, checked, then turned into tfjs's camelCase. */
function make(kerasName: string, valid: string[], create: (o: Options) => Init, positional?: string, choices: Record<string, string[]> = {}) {
  return (options?: Options | number): Init => {
    const given = typeof options === 'number' && positional ? { [positional]: options } : (options as Options | undefined);
    const o = checkedOptions(`initializers.${kerasName}`, given, valid);
    for (const [key, values] of Object.entries(choices)) {
      checkChoice(key, o[key], values);
      if (typeof o[key] === 'string') o[key] = kerasId(o[key] as string);
    }
    return create(o);
  };
}

const I = tf.initializers;
const seeded = ['seed'];
/**
 * Keras's `initializers.Zeros()`: all weights 0.
 * @example layers.Dense(10, { bias_initializer: initializers.Zeros() })
 */
export const Zeros = make('Zeros', [], () => I.zeros());
/** Keras's `initializers.Ones()`: all weights 1. */
export const Ones = make('Ones', [], () => I.ones());
/**
 * Keras's `initializers.Constant(value)`: all weights `value` (0).
 * @example initializers.Constant(0.1)
 */
export const Constant = make('Constant', ['value'], (o) => I.constant({ value: (o.value as number | undefined) ?? 0 }), 'value');
/**
 * Keras's `initializers.RandomNormal()`: weights from a normal distribution.
 * Options `mean` (0), `stddev` (0.05), `seed`.
 * @example initializers.RandomNormal({ stddev: 0.01 })
 */
export const RandomNormal = make('RandomNormal', ['mean', 'stddev', 'seed'], (o) => I.randomNormal({ mean: 0, stddev: 0.05, ...o }));
/**
 * Keras's `initializers.RandomUniform()`: weights uniform in [minval, maxval].
 * Options `minval` (-0.05), `maxval` (0.05), `seed`.
 * @example initializers.RandomUniform({ minval: -0.1, maxval: 0.1 })
 */
export const RandomUniform = make('RandomUniform', ['minval', 'maxval', 'seed'], (o) => I.randomUniform({ minval: -0.05, maxval: 0.05, ...o }));
/**
 * Keras's `initializers.TruncatedNormal()`: normal weights, redrawn when more than 2 stddevs from the mean.
 * Options `mean` (0), `stddev` (0.05), `seed`.
 */
export const TruncatedNormal = make('TruncatedNormal', ['mean', 'stddev', 'seed'], (o) => I.truncatedNormal({ mean: 0, stddev: 0.05, ...o }));
/**
 * Keras's `initializers.GlorotUniform()` (Xavier uniform): uniform in ±sqrt(6 / (fan_in + fan_out)). Option `seed`.
 * @example layers.Dense(64, { kernel_initializer: initializers.GlorotUniform({ seed: 42 }) })
 */
export const GlorotUniform = make('GlorotUniform', seeded, (o) => I.glorotUniform(o));
/** Keras's `initializers.GlorotNormal()` (Xavier normal): truncated normal, stddev sqrt(2 / (fan_in + fan_out)). Option `seed`. */
export const GlorotNormal = make('GlorotNormal', seeded, (o) => I.glorotNormal(o));
/** Keras's `initializers.HeUniform()`: uniform in ±sqrt(6 / fan_in), for ReLU layers. Option `seed`. */
export const HeUniform = make('HeUniform', seeded, (o) => I.heUniform(o));
/**
 * Keras's `initializers.HeNormal()`: truncated normal, stddev sqrt(2 / fan_in), for ReLU layers. Option `seed`.
 * @example layers.Conv2D(32, 3, { activation: 'relu', kernel_initializer: initializers.HeNormal() })
 */
export const HeNormal = make('HeNormal', seeded, (o) => I.heNormal(o));
/** Keras's `initializers.LecunUniform()`: uniform in ±sqrt(3 / fan_in). Option `seed`. */
export const LecunUniform = make('LecunUniform', seeded, (o) => I.leCunUniform(o));
/** Keras's `initializers.LecunNormal()`: truncated normal, stddev sqrt(1 / fan_in), for SELU layers. Option `seed`. */
export const LecunNormal = make('LecunNormal', seeded, (o) => I.leCunNormal(o));
/** Keras's `initializers.Orthogonal()`: a random orthogonal matrix times `gain` (1.0). Options `gain`, `seed`. */
export const Orthogonal = make('Orthogonal', ['gain', 'seed'], (o) => I.orthogonal(o), 'gain');
/** Keras's `initializers.Identity()`: the identity matrix times `gain` (1.0), for 2D square weights. Option `gain`. */
export const Identity = make('Identity', ['gain'], (o) => I.identity(o), 'gain');
/**
 * Keras's `initializers.VarianceScaling()`: random weights with variance `scale / n`, n from `mode`.
 * Options `scale` (1.0), `mode` ('fan_in', 'fan_out' or 'fan_avg'), `distribution` ('truncated_normal', Keras 2's
 * 'normal' for it, 'untruncated_normal' or 'uniform'), `seed`.
 */
export const VarianceScaling = make(
  'VarianceScaling',
  ['scale', 'mode', 'distribution', 'seed'],
  (o) => {
    // TensorFlow.js has no untruncated variant: its 'normal' is made, and marked to draw untruncated (see apply below).
    const untruncated = o.distribution === 'untruncatedNormal';
    const init = I.varianceScaling({ scale: 1, mode: 'fanIn', distribution: 'truncatedNormal', ...o, ...(untruncated && { distribution: 'normal' }) });
    if (untruncated) (init as unknown as VarianceScalingFields).untruncated = true;
    return init;
  },
  undefined,
  { mode: ['fan_in', 'fan_out', 'fan_avg'], distribution: ['truncated_normal', 'normal', 'untruncated_normal', 'uniform'] },
);

// TensorFlow.js warns "Orthogonal initializer is being called on a matrix with more than 2000 elements: Slowness may
// result" for every LSTM/GRU recurrent kernel of 23 units or more; Keras says nothing. Its threshold is an instance
// field set in the constructor: an accessor on the prototype keeps it infinite.
Object.defineProperty(Object.getPrototypeOf(I.orthogonal({})), 'ELEMENTS_WARN_SLOW', {
  get: () => Infinity,
  set: () => undefined,
  configurable: true,
});

/** The stddev of a unit normal truncated at ±2 stddevs, as Keras divides by it. */
const TRUNCATED_UNIT_STDDEV = 0.87962566103423978;

/** Fan in and fan out of a weight shape, channels last, as Keras and TensorFlow.js count them. */
function fans(shape: number[]): [number, number] {
  if (shape.length === 0) return [1, 1];
  if (shape.length === 1) return [shape[0], shape[0]];
  const receptiveField = shape.slice(0, -2).reduce((product, size) => product * size, 1);
  return [shape[shape.length - 2] * receptiveField, shape[shape.length - 1] * receptiveField];
}

interface VarianceScalingFields {
  scale: number;
  mode: 'fanIn' | 'fanOut' | 'fanAvg';
  distribution: 'normal' | 'uniform' | 'truncatedNormal';
  seed?: number;
  /** Keras 3's 'untruncated_normal'. */
  untruncated?: boolean;
}

// TensorFlow.js's VarianceScaling, behind GlorotNormal, HeNormal, LecunNormal and VarianceScaling itself, draws its
// truncated normal with stddev sqrt(scale / n) before truncation, so the weights come out 12% narrower than Keras's,
// and it draws a uniform for 'truncatedNormal', one of its own names. Keras widens the stddev so that the weights'
// stddev after truncation is sqrt(scale / n); its 'untruncated_normal' draws a plain normal of that stddev. Its
// uniform is Keras's already.
const varianceScaling = Object.getPrototypeOf(I.varianceScaling({})) as { apply(shape: number[], dtype?: tf.DataType): tf.Tensor };
const uniformApply = varianceScaling.apply;
varianceScaling.apply = function (this: VarianceScalingFields, shape: number[], dtype?: tf.DataType): tf.Tensor {
  if (this.distribution === 'uniform') return uniformApply.call(this, shape, dtype);
  const [fanIn, fanOut] = fans(shape);
  const n = this.mode === 'fanIn' ? fanIn : this.mode === 'fanOut' ? fanOut : (fanIn + fanOut) / 2;
  const stddev = Math.sqrt(this.scale / Math.max(1, n));
  const type = (dtype ?? 'float32') as 'float32' | 'int32';
  if (this.untruncated) return tf.randomNormal(shape, 0, stddev, type, this.seed);
  return tf.truncatedNormal(shape, 0, stddev / TRUNCATED_UNIT_STDDEV, type, this.seed);
};
