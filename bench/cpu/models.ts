/**
 * The CPU benchmark models with random data of the right shapes: issue 6's three (dense, convnet, lstm), and
 * issue 13's recurrent ones, each on the book's shapes (2,000 sequences of 500) and short ones (1,000 of 100).
 * The recurrent layers are tsdl's (`layers.LSTM`...: fused where tsdl has a fused op); `*-generic` is tfjs's own
 * per-step layer, the baseline of the same run.
 */
import type * as tfjs from '@tensorflow/tfjs';
import { GRU, LSTM, SimpleRNN } from '../../src/keras/layers/recurrent';

export interface Spec {
  batchSize: number;
  /** Samples in the full epoch the issue quotes. */
  fullSamples: number;
  build: (tf: typeof tfjs) => tfjs.LayersModel;
  data: (tf: typeof tfjs, n: number) => { x: tfjs.Tensor; y: tfjs.Tensor };
  /** Sequence length (recurrent models). */
  steps?: number;
}

export type ModelName = string;

/** Sequence length of the book's IMDB LSTM (maxlen = 500). */
export const SEQ_LEN = 500;

type RecurrentLayer = (tf: typeof tfjs) => tfjs.layers.Layer;

/** Embedding(10000, 32) → layer → Dense(1, sigmoid) on `samples` sequences of `steps`, batch 128 (the book's IMDB model). */
function rnnSpec(layer: RecurrentLayer, samples: number, steps: number): Spec {
  return {
    batchSize: 128,
    fullSamples: samples,
    steps,
    build: (tf) =>
      tf.sequential({
        layers: [tf.layers.embedding({ inputDim: 10000, outputDim: 32, inputLength: steps }), layer(tf), tf.layers.dense({ units: 1, activation: 'sigmoid' })],
      }),
    data: (tf, n) => ({ x: tf.randomUniform([n, steps], 0, 10000, 'int32', 1).toFloat(), y: tf.randomUniform([n, 1], 0, 2, 'int32', 2).toFloat() }),
  };
}

/** `name` and `name-short`, and the same two with tfjs's generic layer. Keras 2 and PyTorch gate with sigmoid. */
function recurrent(name: string, tsdl: RecurrentLayer, generic: RecurrentLayer): Record<string, Spec> {
  return {
    [name]: rnnSpec(tsdl, 2000, SEQ_LEN),
    [`${name}-short`]: rnnSpec(tsdl, 1000, 100),
    [`${name}-generic`]: rnnSpec(generic, 2000, SEQ_LEN),
    [`${name}-short-generic`]: rnnSpec(generic, 1000, 100),
  };
}

const oneHot = (tf: typeof tfjs, n: number, k: number) => tf.oneHot(tf.randomUniform([n], 0, k, 'int32', 2), k).toFloat();

export const SPECS: Record<string, Spec> = {
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
  ...recurrent('lstm', () => LSTM(32, { recurrent_activation: 'sigmoid' }), (tf) => tf.layers.lstm({ units: 32, recurrentActivation: 'sigmoid' })),
  ...recurrent('gru', () => GRU(32, { recurrent_activation: 'sigmoid' }), (tf) => tf.layers.gru({ units: 32, recurrentActivation: 'sigmoid' })),
  ...recurrent('simplernn', () => SimpleRNN(32), (tf) => tf.layers.simpleRNN({ units: 32 })),
};

export function lossOf(name: ModelName): string {
  return SPECS[name].steps ? 'binaryCrossentropy' : 'categoricalCrossentropy';
}
