// Core layers (keras/src/layers/core, reshaping, regularization, activations).
import * as tf from '@tensorflow/tfjs';
import { layerFactory } from './factory';

const L = tf.layers;

export const Dense = layerFactory<typeof L.dense, [units: number]>('Dense', L.dense, ['units']);
export const Activation = layerFactory<typeof L.activation, [activation: string]>('Activation', L.activation, ['activation']);
export const Dropout = layerFactory<typeof L.dropout, [rate: number]>('Dropout', L.dropout, ['rate']);
export const SpatialDropout1D = layerFactory<typeof L.spatialDropout1d, [rate: number]>('SpatialDropout1D', L.spatialDropout1d, ['rate']);
export const GaussianNoise = layerFactory<typeof L.gaussianNoise, [stddev: number]>('GaussianNoise', L.gaussianNoise, ['stddev']);
export const GaussianDropout = layerFactory<typeof L.gaussianDropout, [rate: number]>('GaussianDropout', L.gaussianDropout, ['rate']);
export const AlphaDropout = layerFactory<typeof L.alphaDropout, [rate: number]>('AlphaDropout', L.alphaDropout, ['rate']);
export const Flatten = layerFactory<typeof L.flatten>('Flatten', L.flatten);
export const Reshape = layerFactory<typeof L.reshape, [targetShape: number[]]>('Reshape', L.reshape, ['targetShape']);
export const Permute = layerFactory<typeof L.permute, [dims: number[]]>('Permute', L.permute, ['dims']);
export const RepeatVector = layerFactory<typeof L.repeatVector, [n: number]>('RepeatVector', L.repeatVector, ['n']);
export const Embedding = layerFactory<typeof L.embedding, [inputDim: number, outputDim: number]>('Embedding', L.embedding, ['inputDim', 'outputDim']);
export const Masking = layerFactory<typeof L.masking, [maskValue: number]>('Masking', L.masking, ['maskValue']);
export const InputLayer = layerFactory<typeof L.inputLayer>('InputLayer', L.inputLayer, [], { shape: 'inputShape', batch_shape: 'batchInputShape' });

export const ELU = layerFactory<typeof L.elu, [alpha?: number]>('ELU', L.elu, ['alpha']);
export const ReLU = layerFactory<typeof L.reLU, [maxValue?: number]>('ReLU', L.reLU, ['maxValue'], { max_value: 'maxValue' });
// Keras 3 renamed `alpha` to `negative_slope`.
export const LeakyReLU = layerFactory<typeof L.leakyReLU, [negativeSlope?: number]>('LeakyReLU', L.leakyReLU, ['alpha'], {
  negative_slope: 'alpha',
  negativeSlope: 'alpha',
});
export const PReLU = layerFactory<typeof L.prelu>('PReLU', L.prelu);
export const Softmax = layerFactory<typeof L.softmax, [axis?: number]>('Softmax', L.softmax, ['axis']);
export const ThresholdedReLU = layerFactory<typeof L.thresholdedReLU, [theta?: number]>('ThresholdedReLU', L.thresholdedReLU, ['theta']);

export const BatchNormalization = layerFactory<typeof L.batchNormalization>('BatchNormalization', L.batchNormalization);
export const LayerNormalization = layerFactory<typeof L.layerNormalization>('LayerNormalization', L.layerNormalization);

export const Rescaling = layerFactory<typeof L.rescaling, [scale: number, offset?: number]>('Rescaling', L.rescaling, ['scale', 'offset']);
export const CenterCrop = layerFactory<typeof L.centerCrop, [height: number, width: number]>('CenterCrop', L.centerCrop, ['height', 'width']);
export const Resizing = layerFactory<typeof L.resizing, [height: number, width: number]>('Resizing', L.resizing, ['height', 'width']);
export const CategoryEncoding = layerFactory<typeof L.categoryEncoding, [numTokens: number]>('CategoryEncoding', L.categoryEncoding, ['numTokens']);
export const RandomWidth = layerFactory<typeof L.randomWidth, [factor: number]>('RandomWidth', L.randomWidth, ['factor']);
