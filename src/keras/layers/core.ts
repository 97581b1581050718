// Core layers (keras/src/layers/core, reshaping, regularization, activations).
import * as tf from '@tensorflow/tfjs';
import { layerFactory } from './factory';
import { KERNEL, SOFTMAX, withKerasDefaults } from './keras-defaults';

const L = tf.layers;

/**
 * Keras's `Dense`: a densely connected layer, `output = activation(dot(input, kernel) + bias)`.
 * `units`; options `activation` (none), `use_bias` (true), `kernel_initializer` ('glorot_uniform'),
 * `bias_initializer` ('zeros'), `kernel_regularizer`, `bias_regularizer`, `input_shape`.
 * @example layers.Dense(64, { activation: 'relu' })
 */
export const Dense = layerFactory<typeof L.dense, [units: number]>('Dense', withKerasDefaults(KERNEL, L.dense), ['units']);
/**
 * Keras's `Activation`: applies an activation function to its input.
 * `activation`: a Keras id ('relu', 'sigmoid', 'softmax', 'tanh'...).
 * @example layers.Activation('relu')
 */
export const Activation = layerFactory<typeof L.activation, [activation: string]>('Activation', L.activation, ['activation']);
/**
 * Keras's `Dropout`: in training, sets a fraction `rate` of the inputs to 0 and scales the rest by 1 / (1 - rate).
 * `rate`; options `noise_shape`, `seed`.
 * @example layers.Dropout(0.5)
 */
export const Dropout = layerFactory<typeof L.dropout, [rate: number]>('Dropout', L.dropout, ['rate']);
/**
 * Keras's `SpatialDropout1D`: dropout of whole 1D feature maps (channels) of a [batch, steps, channels] input.
 * `rate`; option `seed`.
 * @example layers.SpatialDropout1D(0.2)
 */
export const SpatialDropout1D = layerFactory<typeof L.spatialDropout1d, [rate: number]>('SpatialDropout1D', L.spatialDropout1d, ['rate']);
/**
 * Keras's `GaussianNoise`: in training, adds zero-centered Gaussian noise of standard deviation `stddev`.
 * `stddev`.
 * @example layers.GaussianNoise(0.1)
 */
export const GaussianNoise = layerFactory<typeof L.gaussianNoise, [stddev: number]>('GaussianNoise', L.gaussianNoise, ['stddev']);
/**
 * Keras's `GaussianDropout`: in training, multiplies the inputs by 1-centered Gaussian noise of stddev `sqrt(rate / (1 - rate))`.
 * `rate`.
 * @example layers.GaussianDropout(0.2)
 */
export const GaussianDropout = layerFactory<typeof L.gaussianDropout, [rate: number]>('GaussianDropout', L.gaussianDropout, ['rate']);
/**
 * Keras's `AlphaDropout`: dropout that keeps the inputs' mean and variance, for SELU networks.
 * `rate`; option `noise_shape`.
 * @example layers.AlphaDropout(0.1)
 */
export const AlphaDropout = layerFactory<typeof L.alphaDropout, [rate: number]>('AlphaDropout', L.alphaDropout, ['rate']);
/**
 * Keras's `Flatten`: flattens each sample to one axis, [batch, ...] → [batch, n].
 * Option `data_format` ('channels_last').
 * @example layers.Flatten()
 */
export const Flatten = layerFactory<typeof L.flatten>('Flatten', L.flatten);
/**
 * Keras's `Reshape`: reshapes each sample to `target_shape` (without the batch axis; one entry may be -1).
 * `target_shape`.
 * @example layers.Reshape([28, 28, 1])
 */
export const Reshape = layerFactory<typeof L.reshape, [targetShape: number[]]>('Reshape', L.reshape, ['targetShape']);
/**
 * Keras's `Permute`: permutes the axes of each sample; `dims` counts from 1 (the batch axis is not included).
 * `dims`.
 * @example layers.Permute([2, 1])
 */
export const Permute = layerFactory<typeof L.permute, [dims: number[]]>('Permute', L.permute, ['dims']);
/**
 * Keras's `RepeatVector`: repeats a [batch, features] input `n` times, giving [batch, n, features].
 * `n`.
 * @example layers.RepeatVector(3)
 */
export const RepeatVector = layerFactory<typeof L.repeatVector, [n: number]>('RepeatVector', L.repeatVector, ['n']);
/**
 * Keras's `Embedding`: turns integer ids into dense vectors of size `output_dim`.
 * `input_dim` (vocabulary size), `output_dim`; options `embeddings_initializer` ('random_uniform'),
 * `embeddings_regularizer`, `mask_zero` (false), `input_length`.
 * @example layers.Embedding(10000, 64)
 */
export const Embedding = layerFactory<typeof L.embedding, [inputDim: number, outputDim: number]>('Embedding', L.embedding, ['inputDim', 'outputDim']);
/**
 * Keras's `Masking`: masks the time steps whose features all equal `mask_value`, for the layers downstream.
 * `mask_value` (0).
 * @example layers.Masking(0)
 */
export const Masking = layerFactory<typeof L.masking, [maskValue: number]>('Masking', L.masking, ['maskValue']);
/**
 * Keras's `InputLayer`: the input of a model, usually made for you by `layers.Input` or `input_shape`.
 * Options `shape` (without the batch axis) or `batch_shape`, `batch_size`, `dtype`, `name`.
 * @example layers.InputLayer({ shape: [784] })
 */
export const InputLayer = layerFactory<typeof L.inputLayer>('InputLayer', L.inputLayer, [], { shape: 'inputShape', batch_shape: 'batchInputShape' });

/**
 * Keras's `ELU` layer: `x` for x > 0, `alpha * (exp(x) - 1)` otherwise.
 * `alpha` (1.0).
 * @example layers.ELU()
 */
export const ELU = layerFactory<typeof L.elu, [alpha?: number]>('ELU', L.elu, ['alpha']);
/**
 * Keras's `ReLU` layer: `max(x, 0)`, capped at `max_value` when given.
 * `max_value` (none).
 * @example layers.ReLU(6)
 */
export const ReLU = layerFactory<typeof L.reLU, [maxValue?: number]>('ReLU', L.reLU, ['maxValue'], { max_value: 'maxValue' });
// Keras 3 renamed `alpha` to `negative_slope`.
/**
 * Keras's `LeakyReLU`: `x` for x >= 0, `negative_slope * x` otherwise.
 * `negative_slope` (0.3; also Keras 2's `alpha`).
 * @example layers.LeakyReLU({ negative_slope: 0.1 })
 */
export const LeakyReLU = layerFactory<typeof L.leakyReLU, [negativeSlope?: number]>('LeakyReLU', L.leakyReLU, ['alpha'], {
  negative_slope: 'alpha',
  negativeSlope: 'alpha',
});
/**
 * Keras's `PReLU`: a leaky ReLU whose negative slope `alpha` is learned, per unit.
 * Options `alpha_initializer` ('zeros'), `alpha_regularizer`, `alpha_constraint`, `shared_axes`.
 * @example layers.PReLU()
 */
export const PReLU = layerFactory<typeof L.prelu>('PReLU', L.prelu);
/**
 * Keras's `Softmax` layer: softmax along `axis`.
 * `axis` (-1, the last).
 * @example layers.Softmax(-1)
 */
export const Softmax = layerFactory<typeof L.softmax, [axis?: number]>('Softmax', withKerasDefaults(SOFTMAX, L.softmax), ['axis']);
/**
 * Keras 2's `ThresholdedReLU`: `x` for x > theta, 0 otherwise.
 * `theta` (1.0).
 * @example layers.ThresholdedReLU(0.5)
 */
export const ThresholdedReLU = layerFactory<typeof L.thresholdedReLU, [theta?: number]>('ThresholdedReLU', L.thresholdedReLU, ['theta']);

/**
 * Keras's `BatchNormalization`: normalizes with the batch's mean and variance in training, moving averages in inference.
 * Options `axis` (-1), `momentum` (0.99), `epsilon` (0.001), `center` (true), `scale` (true),
 * `beta_initializer` ('zeros'), `gamma_initializer` ('ones').
 * @example layers.BatchNormalization()
 */
export const BatchNormalization = layerFactory<typeof L.batchNormalization>('BatchNormalization', L.batchNormalization);
/**
 * Keras's `LayerNormalization`: normalizes each sample over `axis` to mean 0 and variance 1, then scales and shifts.
 * Options `axis` (-1), `epsilon` (0.001), `center` (true), `scale` (true).
 * @example layers.LayerNormalization()
 */
export const LayerNormalization = layerFactory<typeof L.layerNormalization>('LayerNormalization', L.layerNormalization);

/**
 * Keras's `Rescaling`: `x * scale + offset`, e.g. pixels from [0, 255] to [0, 1].
 * `scale`, `offset` (0).
 * @example layers.Rescaling(1 / 255)
 */
export const Rescaling = layerFactory<typeof L.rescaling, [scale: number, offset?: number]>('Rescaling', L.rescaling, ['scale', 'offset']);
/**
 * Keras's `CenterCrop`: crops the center `height` x `width` of images ([batch, height, width, channels]).
 * `height`, `width`.
 * @example layers.CenterCrop(224, 224)
 */
export const CenterCrop = layerFactory<typeof L.centerCrop, [height: number, width: number]>('CenterCrop', L.centerCrop, ['height', 'width']);
/**
 * Keras's `Resizing`: resizes images to `height` x `width`.
 * `height`, `width`; options `interpolation` ('bilinear', or 'nearest'), `crop_to_aspect_ratio` (false).
 * @example layers.Resizing(64, 64)
 */
export const Resizing = layerFactory<typeof L.resizing, [height: number, width: number]>('Resizing', L.resizing, ['height', 'width']);
/**
 * Keras's `CategoryEncoding`: integer ids in [0, num_tokens) → one-hot, multi-hot or count vectors.
 * `num_tokens`; option `output_mode`: 'multi_hot' (the default), 'one_hot' or 'count' (tfjs's camelCase works too).
 * @example layers.CategoryEncoding(10, { output_mode: 'one_hot' })
 */
export const CategoryEncoding = layerFactory<typeof L.categoryEncoding, [numTokens: number]>('CategoryEncoding', L.categoryEncoding, ['numTokens']);
/**
 * Keras's `RandomWidth`: in training, stretches images' width by a random factor in [1 - factor, 1 + factor].
 * `factor` (a number, or [lower, upper]); options `interpolation` ('bilinear'), `seed`.
 * @example layers.RandomWidth(0.2)
 */
export const RandomWidth = layerFactory<typeof L.randomWidth, [factor: number]>('RandomWidth', L.randomWidth, ['factor']);
