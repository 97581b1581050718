// Keras's checks on data and Keras's errors: sample counts, shape mismatches, positional arguments, string ids,
// tf.data datasets in fit/evaluate/predict, the merge shortcuts in both spellings, the Orthogonal warning.
import { expect } from 'chai';
import { tf, layers, models } from '../../src/keras';
import { useCpu } from '../helpers/cpu';

function dense(inputs = 4, units = 2) {
  const model = models.Sequential([layers.Dense(units, { input_shape: [inputs] })]);
  model.compile({ optimizer: 'sgd', loss: 'mse' });
  return model;
}

async function rejection(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a rejection');
}

describe('keras data checks and errors', () => {
  useCpu();

  describe('data cardinality', () => {
    it('fit with 100 inputs and 90 labels names both counts, before any batch', async () => {
      const model = dense();
      const x = tf.zeros([100, 4]);
      const before = model.getWeights().map((w) => w.arraySync());
      const error = await rejection(model.fit(x, tf.zeros([90, 2]), { verbose: 0 }));
      expect(error.name).to.equal('ValueError');
      expect(error.message).to.equal("Data cardinality is ambiguous. Make sure all arrays contain the same number of samples.\n'x' sizes: 100\n'y' sizes: 90");
      expect(model.getWeights().map((w) => w.arraySync())).to.deep.equal(before);
    });

    it('fit with fewer inputs than labels no longer trains silently', async () => {
      const error = await rejection(dense().fit(tf.zeros([10, 4]), tf.zeros([20, 2]), { verbose: 0 }));
      expect(error.message).to.match(/'x' sizes: 10\n'y' sizes: 20$/);
    });

    it('sample weights and every input and output are counted', async () => {
      const error = await rejection(dense().fit(tf.zeros([8, 4]), tf.zeros([8, 2]), { sample_weight: tf.ones([7]), verbose: 0 }));
      expect(error.message).to.match(/'x' sizes: 8\n'y' sizes: 8\n'sample_weight' sizes: 7$/);
      const a = layers.Input({ shape: [2] });
      const b = layers.Input({ shape: [3] });
      const two = models.Model({ inputs: [a, b], outputs: [layers.Dense(1)(a), layers.Dense(1)(b)] });
      two.compile({ optimizer: 'sgd', loss: 'mse' });
      const e2 = await rejection(two.fit([tf.zeros([6, 2]), tf.zeros([5, 3])], [tf.zeros([6, 1]), tf.zeros([4, 1])], { verbose: 0 }));
      expect(e2.message).to.match(/'x' sizes: 6, 5\n'y' sizes: 6, 4$/);
    });

    it('evaluate, validation_data and predict are checked too', async () => {
      const model = dense();
      expect((await rejection(model.evaluate(tf.zeros([5, 4]), tf.zeros([6, 2]), { verbose: 0 }))).message).to.match(/'x' sizes: 5\n'y' sizes: 6/);
      const v = await rejection(model.fit(tf.zeros([4, 4]), tf.zeros([4, 2]), { validation_data: [tf.zeros([3, 4]), tf.zeros([2, 2])], verbose: 0 }));
      expect(v.message).to.match(/'x' sizes: 3\n'y' sizes: 2/);
      const a = layers.Input({ shape: [2] });
      const b = layers.Input({ shape: [2] });
      const two = models.Model({ inputs: [a, b], outputs: layers.add([a, b]) });
      expect(() => two.predict([tf.zeros([3, 2]), tf.zeros([4, 2])])).to.throw(/Data cardinality is ambiguous.*\n'x' sizes: 3, 4$/s);
    });
  });

  describe('shape mismatches', () => {
    it('predict and fit: one ValueError naming the layer, the expected and the received shape', async () => {
      const model = dense(4);
      const expected = 'Input 0 of layer "' + model.layers[0].name + '" is incompatible with the layer: expected axis -1 of input shape to have value 4, but received input with shape (3, 5)';
      let error: Error | null = null;
      try {
        model.predict(tf.zeros([3, 5]));
      } catch (e) {
        error = e as Error;
      }
      expect(error?.name).to.equal('ValueError');
      expect(error?.message).to.equal(expected);
      const fitError = await rejection(model.fit(tf.zeros([3, 5]), tf.zeros([3, 2]), { verbose: 0 }));
      expect(fitError.name).to.equal('ValueError');
      expect(fitError.message).to.equal(expected);
      // The stack starts in this file's call, not deep inside TensorFlow.js.
      expect(fitError.stack?.split('\n').filter((l) => l.includes('@tensorflow'))).to.deep.equal([]);
    });

    it('train_on_batch and predict_on_batch say it the same way', () => {
      const model = dense(4);
      expect(() => model.trainOnBatch(tf.zeros([3, 5]), tf.zeros([3, 2]))).to.throw(/^Input 0 of layer ".*" is incompatible with the layer: .* \(3, 5\)$/);
      expect(() => model.predictOnBatch(tf.zeros([3, 5]))).to.throw(/incompatible with the layer/);
      expect(() => model.trainOnBatch(tf.zeros([3, 4]), tf.zeros([2, 2]))).to.throw(/Data cardinality is ambiguous/);
    });

    it('Dense after Conv2D without Flatten suggests Flatten', async () => {
      const model = models.Sequential([layers.Conv2D(2, 3, { input_shape: [6, 6, 1] }), layers.Dense(3, { activation: 'softmax' })]);
      model.compile({ optimizer: 'sgd', loss: 'categorical_crossentropy' });
      const error = await rejection(model.fit(tf.zeros([2, 6, 6, 1]), tf.zeros([2, 3]), { verbose: 0 }));
      expect(error.name).to.equal('ValueError');
      expect(error.message).to.include('(None, 4, 4, 3)').and.include('layers.Flatten()');
    });
  });

  describe("Keras's positional arguments", () => {
    it('fit(x, y, batch_size, epochs, verbose, callbacks, validation_split) is read, not ignored', async () => {
      const model = dense();
      const seen: number[] = [];
      const h = await model.fit(tf.ones([10, 4]), tf.ones([10, 2]), 4, 3, 0, [{ onBatchEnd: (b: number) => void seen.push(b) }], 0.2);
      expect(h.epoch).to.deep.equal([0, 1, 2]);
      expect(Object.keys(h.history)).to.deep.equal(['loss', 'val_loss']);
      expect(seen).to.deep.equal([0, 1, 0, 1, 0, 1]); // 8 training samples in batches of 4
    });

    it('positional values and options mix; None (null) is not given; conflicts and extras are errors', async () => {
      const model = dense();
      const h = await model.fit(tf.ones([6, 4]), tf.ones([6, 2]), null, 2, { verbose: 0 });
      expect(h.epoch).to.deep.equal([0, 1]);
      // A trailing dict of class indices in class_weight's place is class_weight, not options.
      const weighted = await model.fit(tf.ones([6, 4]), tf.ones([6, 2]), 2, 1, 0, null, 0, null, true, { 0: 1, 1: 2 });
      expect(weighted.epoch).to.deep.equal([0]);
      expect((await rejection(model.fit(tf.ones([6, 4]), tf.ones([6, 2]), 2, { batch_size: 3 }))).message).to.equal("fit() got multiple values for argument 'batch_size'.");
      expect((await rejection(model.fit(tf.ones([6, 4]), tf.ones([6, 2]), 2, 1, 0, null, 0, null, true, null, null, 0, 5))).message).to.match(/`steps_per_epoch` is only supported when `x` is a tf.data dataset/);
      const many = new Array(15).fill(null);
      expect((await rejection(model.fit(tf.ones([6, 4]), tf.ones([6, 2]), ...(many as [])))).message).to.match(/takes at most 16 positional arguments/);
    });

    it('evaluate(x, y, batch_size, verbose) and predict(x, batch_size, verbose)', async () => {
      const model = dense();
      const loss = await model.evaluate(tf.ones([6, 4]), tf.ones([6, 2]), 2, 0);
      expect(loss).to.be.a('number');
      const out = model.predict(tf.ones([5, 4]), 2, 0) as tf.Tensor;
      expect(out.shape).to.deep.equal([5, 2]);
      expect(() => model.predict(tf.ones([5, 4]), 2, 0, 3)).to.throw(/`steps` is only supported when `x` is a tf.data dataset/);
    });
  });

  describe('string ids', () => {
    it("unknown ids are Keras's ValueError with the closest known id", () => {
      expect(() => layers.Dense(3, { activation: 'rleu' as never })).to.throw("layers.Dense: Could not interpret activation function identifier: 'rleu'. Did you mean 'relu'?");
      expect(() => layers.Dense(3, { kernel_regularizer: 'l2x' })).to.throw("Could not interpret regularizer identifier: 'l2x'. Did you mean 'l2'?");
      expect(() => layers.Dense(3, { kernel_initializer: 'glorot_unifrm' })).to.throw("Could not interpret initializer identifier: 'glorot_unifrm'. Did you mean 'glorot_uniform'?");
      expect(() => layers.Dense(3, { kernel_constraint: 'max_nrm' })).to.throw("Could not interpret constraint identifier: 'max_nrm'. Did you mean 'max_norm'?");
      expect(() => layers.Activation('sigmod')).to.throw(/Did you mean 'sigmoid'/);
      expect(() => layers.Dense(3, { activation: 'leaky_relu' as never })).to.throw(/layers.LeakyReLU\(\)/);
    });

    it("Keras's ids TensorFlow.js lacks or spells otherwise work: 'l2', 'l1', 'lecun_normal', 'silu', 'constant'", () => {
      const layer = layers.Dense(3, { kernel_regularizer: 'l2', bias_regularizer: 'l1', kernel_initializer: 'lecun_normal', activation: 'silu' as never });
      tf.tidy(() => (layer.apply(tf.ones([2, 4])) as tf.Tensor).dataSync());
      expect(layer.losses.length).to.be.greaterThan(0);
      const c = layers.Dense(2, { kernel_initializer: 'constant', activation: 'hardSigmoid' });
      tf.tidy(() => (c.apply(tf.ones([1, 2])) as tf.Tensor).dataSync());
      expect(c.getWeights()[0].arraySync()).to.deep.equal([[0, 0], [0, 0]]);
    });
  });

  describe('tf.data datasets in fit, evaluate and predict', () => {
    const xs = () => tf.data.array([[1, 2, 3, 4], [0, 1, 0, 1], [2, 2, 2, 2], [1, 0, 1, 0]]).map((v) => tf.tensor1d(v as number[]));
    const ys = () => tf.data.array([[1, 0], [0, 1], [1, 1], [0, 0]]).map((v) => tf.tensor1d(v as number[]));
    const pairs = () => tf.data.zip({ xs: xs(), ys: ys() }).batch(2);

    it('fit(dataset, options) and fit(dataset, null, ...positional)', async () => {
      const model = dense();
      const h = await model.fit(pairs(), { epochs: 2, verbose: 0 });
      expect(h.epoch).to.deep.equal([0, 1]);
      const h2 = await model.fit(pairs(), null, null, 3, 0);
      expect(h2.epoch).to.deep.equal([0, 1, 2]);
      const steps = await model.fit(pairs(), { epochs: 1, steps_per_epoch: 1, verbose: 0 });
      expect(steps.history.loss).to.have.length(1);
    });

    it("rejects y with a dataset, and batch_size or validation_split, in Keras's words", async () => {
      const model = dense();
      expect((await rejection(model.fit(pairs(), tf.zeros([4, 2]) as never))).message).to.match(/^When providing `x` as a tf.data.Dataset, `y` should not be passed/);
      expect((await rejection(model.fit(pairs(), { batch_size: 2 }))).message).to.match(/`batch_size` is not supported with a dataset/);
      expect((await rejection(model.fit(pairs(), { validation_split: 0.5 }))).message).to.match(/`validation_split` is only supported for Tensors/);
    });

    it('evaluate(dataset) and predict(dataset) (x alone, or pairs whose targets are ignored)', async () => {
      const model = dense();
      const loss = await model.evaluate(pairs(), { verbose: 0 });
      expect(loss).to.be.a('number');
      const direct = model.predict(tf.tensor2d([[1, 2, 3, 4], [0, 1, 0, 1], [2, 2, 2, 2], [1, 0, 1, 0]]), { verbose: 0 }) as tf.Tensor;
      for (const dataset of [xs().batch(3), pairs()]) {
        const out = (await model.predict(dataset, { verbose: 0 })) as tf.Tensor;
        expect(out.shape).to.deep.equal([4, 2]);
        expect(Array.from(out.dataSync())).to.deep.equal(Array.from(direct.dataSync()));
      }
    });

    it('leaves no tensors behind', async () => {
      const model = dense();
      await model.fit(pairs(), { epochs: 1, verbose: 0 });
      tf.dispose(await model.predict(pairs(), { verbose: 0 }));
      const before = tf.memory().numTensors;
      await model.fit(pairs(), { epochs: 1, verbose: 0 });
      await model.evaluate(pairs(), { verbose: 0 });
      tf.dispose(await model.predict(pairs(), { verbose: 0 }));
      expect(tf.memory().numTensors).to.equal(before);
    });
  });

  describe('merge shortcuts in both spellings', () => {
    for (const name of ['add', 'multiply', 'average', 'maximum', 'minimum', 'concatenate'] as const) {
      it(`layers.${name}() is the layer (tfjs), layers.${name}([a, b]) merges (Keras)`, () => {
        const a = layers.Input({ shape: [3] });
        const b = layers.Input({ shape: [3] });
        const layer = layers[name]();
        expect(layer).to.be.instanceOf(tf.layers.Layer);
        const viaLayer = layer([a, b]) as tf.SymbolicTensor;
        const merged = layers[name]([a, b]);
        expect(merged.shape).to.deep.equal(viaLayer.shape);
        expect(layers[name]({ name: `my_${name}` }).name).to.equal(`my_${name}`);
      });
    }

    it('dot and concatenate take their positional argument in both forms', () => {
      const a = layers.Input({ shape: [3] });
      const b = layers.Input({ shape: [3] });
      expect(layers.dot([a, b], 1).shape).to.deep.equal([null, 1]);
      expect((layers.dot({ axes: 1 })([a, b]) as tf.SymbolicTensor).shape).to.deep.equal([null, 1]);
      expect(layers.concatenate([a, b], { axis: -1 }).shape).to.deep.equal([null, 6]);
      expect((layers.concatenate({ axis: -1 })([a, b]) as tf.SymbolicTensor).shape).to.deep.equal([null, 6]);
    });

    it('a wrong argument is said once', () => {
      const a = layers.Input({ shape: [3] });
      expect(() => layers.concatenate(a as never)).to.throw(
        'layers.concatenate: expected a list of tensors to merge, as in layers.concatenate([a, b]), or options to make the layer; got a single tensor.',
      );
    });
  });

  it('LSTM and GRU no longer warn about the Orthogonal initializer', () => {
    const warnings: unknown[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => void warnings.push(args);
    try {
      const model = models.Sequential([layers.LSTM(32, { input_shape: [5, 3], return_sequences: true }), layers.GRU(32)]);
      tf.dispose(model.predict(tf.zeros([1, 5, 3])));
    } finally {
      console.warn = warn;
    }
    expect(warnings.map(String).filter((w) => w.includes('Orthogonal'))).to.deep.equal([]);
  });
});
