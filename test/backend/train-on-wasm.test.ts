import { expect } from 'chai';
import * as tf from '@tensorflow/tfjs';
import { on, rand, relErr, wasmReady } from './helpers';

/** Loss gradients w.r.t. every trainable weight, flattened, on the given backend. */
async function grads(backend: 'cpu' | 'wasm', model: tf.LayersModel, x: tf.Tensor, y: tf.Tensor): Promise<Float32Array[]> {
  return on(backend, () =>
    tf.tidy(() => {
      const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
      const { grads: g } = tf.variableGrads(() => tf.losses.meanSquaredError(y, model.apply(x, { training: true }) as tf.Tensor) as tf.Scalar, vars);
      return vars.map((v) => g[v.name].dataSync() as Float32Array);
    }),
  );
}

interface Case {
  name: string;
  layers: () => tf.layers.Layer[];
  input: number[];
  /** Integer inputs in [0, n) instead of floats. */
  ints?: number;
}

const CASES: Case[] = [
  { name: 'Conv2D valid + MaxPool', input: [2, 9, 9, 3], layers: () => [tf.layers.conv2d({ filters: 4, kernelSize: 3, inputShape: [9, 9, 3] }), tf.layers.maxPooling2d({ poolSize: 2 }), tf.layers.flatten(), tf.layers.dense({ units: 2 })] },
  { name: 'Conv2D same stride 2 + AvgPool', input: [1, 8, 7, 2], layers: () => [tf.layers.conv2d({ filters: 3, kernelSize: [3, 2], strides: 2, padding: 'same', inputShape: [8, 7, 2] }), tf.layers.averagePooling2d({ poolSize: 2, padding: 'same' }), tf.layers.flatten(), tf.layers.dense({ units: 2 })] },
  { name: 'DepthwiseConv2D + SeparableConv2D', input: [2, 8, 8, 2], layers: () => [tf.layers.depthwiseConv2d({ kernelSize: 3, depthMultiplier: 2, inputShape: [8, 8, 2] }), tf.layers.separableConv2d({ filters: 3, kernelSize: 2 }), tf.layers.globalAveragePooling2d({}), tf.layers.dense({ units: 2 })] },
  { name: 'Conv1D + GlobalMaxPool', input: [3, 10, 4], layers: () => [tf.layers.conv1d({ filters: 5, kernelSize: 3, inputShape: [10, 4] }), tf.layers.globalMaxPooling1d({}), tf.layers.dense({ units: 2 })] },
  { name: 'Conv2DTranspose', input: [2, 4, 4, 3], layers: () => [tf.layers.conv2dTranspose({ filters: 2, kernelSize: 3, strides: 2, inputShape: [4, 4, 3] }), tf.layers.flatten(), tf.layers.dense({ units: 2 })] },
  { name: 'Embedding + LSTM', input: [3, 7], ints: 50, layers: () => [tf.layers.embedding({ inputDim: 50, outputDim: 6, inputLength: 7 }), tf.layers.lstm({ units: 5 }), tf.layers.dense({ units: 2 })] },
  { name: 'Embedding + GRU + SimpleRNN', input: [2, 6], ints: 20, layers: () => [tf.layers.embedding({ inputDim: 20, outputDim: 4, inputLength: 6 }), tf.layers.gru({ units: 4, returnSequences: true }), tf.layers.simpleRNN({ units: 3 }), tf.layers.dense({ units: 2 })] },
  { name: 'BatchNormalization + Dense', input: [5, 6], layers: () => [tf.layers.dense({ units: 7, activation: 'relu', inputShape: [6] }), tf.layers.batchNormalization({}), tf.layers.dense({ units: 2, activation: 'softmax' })] },
];

describe('backend: wasm trains what cpu trains', function () {
  this.timeout(30000);
  before(wasmReady);

  for (const c of CASES) {
    it(`${c.name}: gradients match cpu`, async () => {
      const model = tf.sequential({ layers: c.layers() });
      // Seeded weights: the comparison is then the same on every run, not a fresh draw of float32 rounding.
      model.trainableWeights.forEach((w, i) => {
        const value = rand(w.shape as number[], 10 + i);
        w.write(value);
        value.dispose();
      });
      const x = c.ints ? tf.randomUniform(c.input, 0, c.ints, 'int32', 3) : rand(c.input, 3);
      const y = rand([c.input[0], 2], 4);
      const want = await grads('cpu', model, x, y);
      const got = await grads('wasm', model, x, y);
      got.forEach((g, i) => expect(relErr(g, want[i]), `weight ${model.trainableWeights[i].name}`).to.be.at.most(1e-4));
      tf.dispose([x, y]);
      model.dispose();
    });
  }

  it('fits a Conv2D + Dropout + Embedding-free model with RMSprop and keeps memory flat', async () => {
    await tf.setBackend('wasm');
    const model = tf.sequential({
      layers: [tf.layers.conv2d({ filters: 4, kernelSize: 3, activation: 'relu', inputShape: [8, 8, 1] }), tf.layers.maxPooling2d({ poolSize: 2 }), tf.layers.dropout({ rate: 0.5 }), tf.layers.flatten(), tf.layers.dense({ units: 3, activation: 'softmax' })],
    });
    model.compile({ optimizer: tf.train.rmsprop(1e-3), loss: 'categoricalCrossentropy' });
    const x = rand([16, 8, 8, 1]);
    const y = tf.oneHot(tf.tensor1d([0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0], 'int32'), 3);
    await model.fit(x, y, { epochs: 1, batchSize: 8, verbose: 0 });
    const before = tf.memory().numTensors;
    const h = await model.fit(x, y, { epochs: 3, batchSize: 8, verbose: 0 });
    expect(tf.memory().numTensors).to.equal(before);
    expect(Number.isFinite(h.history.loss[2] as number)).to.equal(true);
    tf.dispose([x, y]);
    model.dispose();
  });
});
