/** The three issue-6 benchmark models, in plain tfjs, with random data of the right shapes. */
import type * as tfjs from '@tensorflow/tfjs';

export type ModelName = 'dense' | 'convnet' | 'lstm';

export interface Spec {
  batchSize: number;
  /** Samples in the full epoch the issue quotes. */
  fullSamples: number;
  build: (tf: typeof tfjs) => tfjs.LayersModel;
  data: (tf: typeof tfjs, n: number) => { x: tfjs.Tensor; y: tfjs.Tensor };
}

const oneHot = (tf: typeof tfjs, n: number, k: number) => tf.oneHot(tf.randomUniform([n], 0, k, 'int32', 2), k).toFloat();

export const SPECS: Record<ModelName, Spec> = {
  dense: {
    batchSize: 128,
    fullSamples: 60000,
    build: (tf) =>
      tf.sequential({ layers: [tf.layers.dense({ units: 512, activation: 'relu', inputShape: [784] }), tf.layers.dense({ units: 10, activation: 'softmax' })] }),
    data: (tf, n) => ({ x: tf.randomUniform([n, 784], 0, 1, 'float32', 1), y: oneHot(tf, n, 10) }),
  },
  convnet: {
    batchSize: 64,
    fullSamples: 6000,
    build: (tf) =>
      tf.sequential({
        layers: [
          tf.layers.conv2d({ filters: 32, kernelSize: 3, activation: 'relu', inputShape: [28, 28, 1] }),
          tf.layers.maxPooling2d({ poolSize: 2 }),
          tf.layers.conv2d({ filters: 64, kernelSize: 3, activation: 'relu' }),
          tf.layers.maxPooling2d({ poolSize: 2 }),
          tf.layers.flatten(),
          tf.layers.dense({ units: 10, activation: 'softmax' }),
        ],
      }),
    data: (tf, n) => ({ x: tf.randomUniform([n, 28, 28, 1], 0, 1, 'float32', 1), y: oneHot(tf, n, 10) }),
  },
  lstm: {
    batchSize: 128,
    fullSamples: 2000,
    build: (tf) =>
      tf.sequential({
        layers: [
          tf.layers.embedding({ inputDim: 10000, outputDim: 32, inputLength: SEQ_LEN }),
          // Keras 2 and PyTorch gate with sigmoid; tfjs's default is Keras 1's hard sigmoid.
          tf.layers.lstm({ units: 32, recurrentActivation: 'sigmoid' }),
          tf.layers.dense({ units: 1, activation: 'sigmoid' }),
        ],
      }),
    data: (tf, n) => ({ x: tf.randomUniform([n, SEQ_LEN], 0, 10000, 'int32', 1).toFloat(), y: tf.randomUniform([n, 1], 0, 2, 'int32', 2).toFloat() }),
  },
};

/** Sequence length of the book's IMDB LSTM (maxlen = 500). */
export const SEQ_LEN = 500;

export function lossOf(name: ModelName): string {
  return name === 'lstm' ? 'binaryCrossentropy' : 'categoricalCrossentropy';
}
