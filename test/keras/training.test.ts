import { expect } from 'chai';
import { tf, layers, models, optimizers, utils, callbacks, regularizers, initializers, losses, metrics, interruptTraining } from '../../src/keras';
import { useCpu } from '../helpers/cpu';
import { captureStdout } from '../helpers/stdout';

function data(n: number): { x: tf.Tensor; y: tf.Tensor } {
  const x = tf.randomUniform([n, 784], 0, 1, 'float32', 1);
  const labels = tf.randomUniform([n], 0, 10, 'int32', 2);
  const y = utils.toCategorical(labels, 10);
  labels.dispose();
  return { x, y };
}

describe('keras training', () => {
  useCpu();

  it('the two-layer example, Sequential and functional: 25,450 params, RMSprop({ lr }), mse, accuracy', async () => {
    const { x, y } = data(256);
    const sequential = models.Sequential([layers.Dense(32, { activation: 'relu', input_shape: [784] }), layers.Dense(10, { activation: 'softmax' })]);
    const input = layers.Input({ shape: [784] });
    const functional = models.Model({ inputs: input, outputs: layers.Dense(10, { activation: 'softmax' })(layers.Dense(32, { activation: 'relu' })(input)) });
    for (const model of [sequential, functional]) {
      expect(model.countParams()).to.equal(25450);
      model.compile({ optimizer: optimizers.RMSprop({ lr: 0.001 }), loss: 'mse', metrics: ['accuracy'] });
      const history = await model.fit(x, y, { batch_size: 128, epochs: 10, verbose: 0 });
      expect(Object.keys(history.history)).to.deep.equal(['loss', 'accuracy']);
      expect(history.history.loss).to.have.length(10);
      expect(history.history.loss[9]).to.be.lessThan(history.history.loss[0]);
      expect(typeof history.history.accuracy[0]).to.equal('number');
      expect(history.epoch).to.deep.equal([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
      expect(history.params).to.include({ epochs: 10, steps: 2, samples: 256, batchSize: 128 });
      const [loss, acc] = (await model.evaluate(x, y, { verbose: 0 })) as number[];
      expect(loss).to.be.a('number');
      expect(acc).to.be.within(0, 1);
    }
    tf.dispose([x, y]);
  });

  it('fit + predict + evaluate leave no tensors behind beyond the optimizer slots', async () => {
    const { x, y } = data(64);
    const model = models.Sequential([layers.Dense(8, { activation: 'relu', input_shape: [784] }), layers.Dense(10, { activation: 'softmax' })]);
    model.compile({ optimizer: 'adam', loss: 'categorical_crossentropy', metrics: ['accuracy', 'precision', 'auc'] });
    await model.fit(x, y, { epochs: 1, verbose: 0 });
    const settled = tf.memory().numTensors;
    await model.fit(x, y, { epochs: 2, batch_size: 16, validation_split: 0.25, verbose: 0, class_weight: { 0: 2 } });
    await model.fit(x.arraySync() as number[][], y.arraySync() as number[][], { epochs: 1, verbose: 0, validation_data: [x, y] });
    await model.evaluate(x, y, { verbose: 0 });
    (model.predict(x, { verbose: 0 }) as tf.Tensor).dispose();
    expect(tf.memory().numTensors).to.equal(settled);
    tf.dispose([x, y]);
  });

  it('accepts nested arrays, typed arrays and lists for several inputs and outputs', async () => {
    const a = layers.Input({ shape: [2], name: 'a' });
    const b = layers.Input({ shape: [3], name: 'b' });
    const h = layers.concatenate([a, b]);
    const model = models.Model([a, b], [layers.Dense(1, { name: 'reg' })(h), layers.Dense(2, { activation: 'softmax', name: 'cls' })(h)]);
    model.compile({ optimizer: 'sgd', loss: ['mse', 'sparse_categorical_crossentropy'], metrics: { cls: ['accuracy'] }, loss_weights: [1, 0.5] });
    const xa = new Float32Array([1, 2, 3, 4, 5, 6, 7, 8]); // reshaped to [4, 2] from the input shape
    const xb = [[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 1, 1]];
    const history = await model.fit([xa, xb], [[1, 2, 3, 4], [0, 1, 1, 0]], { epochs: 2, verbose: 0, batch_size: 2 });
    expect(Object.keys(history.history)).to.deep.equal(['loss', 'reg_loss', 'cls_loss', 'cls_accuracy']);
    const result = await model.evaluate({ a: xa, b: xb }, { reg: [1, 2, 3, 4], cls: [0, 1, 1, 0] }, { verbose: 0, return_dict: true });
    expect(result).to.have.keys(['loss', 'reg_loss', 'cls_loss', 'cls_accuracy']);
    const [reg, cls] = model.predict([xa, xb], { verbose: 0 }) as tf.Tensor[];
    expect(reg.shape).to.deep.equal([4, 1]);
    expect(cls.shape).to.deep.equal([4, 2]);
    tf.dispose([reg, cls]);
  });

  it('compiles every Keras optimizer, loss and metric id', async () => {
    const x = tf.randomUniform([8, 4], 0.1, 1, 'float32', 3);
    const y = tf.oneHot(tf.tensor1d([0, 1, 2, 0, 1, 2, 0, 1], 'int32'), 3).cast('float32');
    const optimizerIds = ['sgd', 'rmsprop', 'adam', 'adagrad', 'adadelta', 'adamax', 'nadam'];
    const lossIds = ['binary_crossentropy', 'categorical_crossentropy', 'mse', 'mae', 'mape', 'msle', 'huber', 'hinge', 'squared_hinge', 'kld', 'poisson', 'cosine_similarity', 'meanSquaredError', 'categoricalCrossentropy'];
    const metricIds = ['accuracy', 'acc', 'binary_accuracy', 'categorical_accuracy', 'top_k_categorical_accuracy', 'mse', 'mae', 'precision', 'recall', 'auc'];
    for (const [i, loss] of lossIds.entries()) {
      const model = models.Sequential([layers.Dense(3, { activation: 'softmax', input_shape: [4] })]);
      model.compile({ optimizer: optimizerIds[i % optimizerIds.length], loss, metrics: metricIds });
      const h = await model.fit(x, y, { epochs: 1, verbose: 0 });
      expect(Object.keys(h.history)).to.deep.equal(['loss', ...metricIds]);
      for (const values of Object.values(h.history)) expect(Number.isFinite(values[0]), loss).to.equal(true);
    }
    const sparse = models.Sequential([layers.Dense(3, { activation: 'softmax', input_shape: [4] })]);
    sparse.compile({ optimizer: 'adam', loss: 'sparse_categorical_crossentropy', metrics: ['accuracy', 'sparse_categorical_accuracy'] });
    const h = await sparse.fit(x, [0, 1, 2, 0, 1, 2, 0, 1], { epochs: 1, verbose: 0 });
    expect(h.history.accuracy[0]).to.be.within(0, 1);
    let mismatch: Error | null = null;
    await sparse.compile({ loss: 'categorical_crossentropy' });
    await sparse.fit(x, tf.ones([8, 5]), { verbose: 0 }).catch((e: Error) => (mismatch = e));
    expect(String(mismatch)).to.match(/Targets for output '.*' have shape \(None, 5\), but the model outputs \(None, 3\)/);
    expect(() => sparse.compile({ optimizer: 'adamz', loss: 'mse' })).to.throw(/Unknown optimizer 'adamz'/);
    expect(() => sparse.compile({ loss: 'msee' })).to.throw(/Unknown loss 'msee'/);
    expect(() => sparse.compile({ loss: 'mse', metric: ['mae'] })).to.throw(/Did you mean 'metrics'/);
    tf.dispose([x, y]);
  });

  it('Nadam and optimizer ids reduce a simple loss', async () => {
    const x = tf.tensor2d([[0], [1], [2], [3]]);
    const y = tf.tensor2d([[1], [3], [5], [7]]);
    const model = models.Sequential([layers.Dense(1, { input_shape: [1] })]);
    model.compile({ optimizer: optimizers.Nadam({ learning_rate: 0.1 }), loss: 'mse' });
    const h = await model.fit(x, y, { epochs: 30, verbose: 0 });
    expect(h.history.loss[29]).to.be.lessThan(h.history.loss[0] / 2);
    tf.dispose([x, y]);
  });

  it('honours initial_epoch, validation keys and rejects unknown fit options', async () => {
    const { x, y } = data(40);
    const model = models.Sequential([layers.Dense(10, { activation: 'softmax', input_shape: [784] })]);
    model.compile({ optimizer: 'rmsprop', loss: 'categorical_crossentropy', metrics: ['acc'] });
    const h = await model.fit(x, y, { epochs: 3, initial_epoch: 1, validation_split: 0.2, verbose: 0 });
    expect(h.epoch).to.deep.equal([1, 2]);
    expect(Object.keys(h.history)).to.deep.equal(['loss', 'acc', 'val_loss', 'val_acc']);
    let error: Error | null = null;
    await model.fit(x, y, { batchsize: 8, verbose: 0 }).catch((e: Error) => (error = e));
    expect(String(error)).to.match(/unknown option 'batchsize'. Did you mean 'batchSize'/);
    tf.dispose([x, y]);
  });

  it('interruptTraining() stops a running fit after the current batch', async () => {
    const { x, y } = data(64);
    const model = models.Sequential([layers.Dense(10, { activation: 'softmax', input_shape: [784] })]);
    model.compile({ optimizer: 'sgd', loss: 'mse' });
    let batches = 0;
    const running = model.fit(x, y, { epochs: 100, batch_size: 1, verbose: 0, callbacks: { onBatchEnd: () => { batches++; const t = Date.now(); while (Date.now() - t < 2); } } });
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(interruptTraining()).to.equal(1);
    const h = await running;
    expect(h.epoch).to.deep.equal([0]);
    expect(batches).to.be.lessThan(64);
    expect(interruptTraining()).to.equal(0);
    tf.dispose([x, y]);
  });

  it('stops between batches on model.stopTraining and yields to the event loop', async () => {
    const { x, y } = data(200);
    const model = models.Sequential([layers.Dense(10, { activation: 'softmax', input_shape: [784] })]);
    model.compile({ optimizer: 'sgd', loss: 'mse' });
    let batches = 0;
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    const h = await model.fit(x, y, {
      epochs: 50,
      batch_size: 4,
      verbose: 0,
      callbacks: [{ onBatchEnd: () => void (++batches === 5 && (model.stopTraining = true)) }],
    });
    expect(batches).to.equal(5);
    expect(h.epoch).to.deep.equal([0]);
    const slow = await model.fit(x, y, { epochs: 1, batch_size: 1, verbose: 0, callbacks: { on_batch_end: () => { const t = Date.now(); while (Date.now() - t < 1); } } });
    clearInterval(timer);
    expect(slow.epoch).to.deep.equal([0]);
    expect(ticks).to.be.greaterThan(0);
    tf.dispose([x, y]);
  });

  it('prints Keras progress with verbose 1 and 2', async () => {
    const { x, y } = data(64);
    const model = models.Sequential([layers.Dense(10, { activation: 'softmax', input_shape: [784] })]);
    model.compile({ optimizer: 'sgd', loss: 'mse', metrics: ['accuracy'] });
    const { output: one } = await captureStdout(() => model.fit(x, y, { epochs: 2 }));
    expect(one).to.match(/Epoch 1\/2\n2\/2 \[==============================\] - \d+s \d+(ms|us|s)\/step - loss: \d\.\d{4} - accuracy: \d\.\d{4}\n/);
    const { output: two } = await captureStdout(() => model.fit(x, y, { epochs: 1, verbose: 2, validation_data: [x, y] }));
    expect(two).to.match(/Epoch 1\/1\n2\/2 - \d+s - loss: \S+ - accuracy: \S+ - val_loss: \S+ - val_accuracy: \S+ - \d+(ms|us|s)\/epoch - \d+\S+\/step\n/);
    tf.dispose([x, y]);
  });

  it('adds regularization losses and trains Dropout/BatchNormalization models', async () => {
    const x = tf.randomUniform([16, 4], 0, 1, 'float32', 9);
    const y = tf.randomUniform([16, 1], 0, 1, 'float32', 10);
    const losses: number[] = [];
    for (const reg of [undefined, regularizers.l2(10)]) {
      const model = models.Sequential([layers.Dense(1, { input_shape: [4], kernel_regularizer: reg, kernel_initializer: initializers.Constant(1) })]);
      model.compile({ optimizer: optimizers.SGD({ learning_rate: 0 }), loss: 'mse' });
      losses.push((await model.evaluate(x, y, { verbose: 0 })) as number);
    }
    expect(losses[1] - losses[0]).to.be.closeTo(10 * 4, 1e-3);
    const model = models.Sequential([layers.Dense(8, { input_shape: [4] }), layers.BatchNormalization(), layers.Dropout(0.5), layers.Dense(1)]);
    model.compile({ optimizer: 'adam', loss: 'mse' });
    const h = await model.fit(x, y, { epochs: 2, verbose: 0 });
    expect(h.history.loss.every(Number.isFinite)).to.equal(true);
    tf.dispose([x, y]);
  });

  it("takes Keras's loss and metric classes (the book's chapter 3 compile)", async () => {
    const x = tf.randomUniform([16, 2], -1, 1, 'float32', 11);
    const y = tf.tidy(() => tf.greater(tf.sum(x, 1, true), 0).cast('float32'));
    const model = models.Sequential([layers.Dense(1, { input_shape: [2] })]);
    model.compile({ optimizer: optimizers.RMSprop(), loss: losses.MeanSquaredError(), metrics: [metrics.BinaryAccuracy(), metrics.Precision({ name: 'p' })] });
    const h = await model.fit(x, y, { epochs: 2, verbose: 0 });
    expect(Object.keys(h.history)).to.deep.equal(['loss', 'binary_accuracy', 'p']);
    const logits = models.Sequential([layers.Dense(3, { input_shape: [2] })]);
    logits.compile({ optimizer: 'adam', loss: losses.SparseCategoricalCrossentropy({ from_logits: true }), metrics: ['accuracy'] });
    const h2 = await logits.fit(x, [0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0], { epochs: 1, verbose: 0 });
    expect(h2.history.accuracy[0]).to.be.within(0, 1);
    tf.dispose([x, y]);
  });

  it("a loss instance reduces as Keras's do when called, and trains per sample in compile", async () => {
    const yTrue = tf.tensor2d([[0, 1], [1, 1], [2, 2]]);
    const yPred = tf.tensor2d([[1, 1], [1, 3], [2, 2]]);
    const perSample = [0.5, 2, 0]; // mean squared error of each row
    const value = (t: tf.Tensor) => Array.from(t.dataSync()).map((v) => Number(v.toFixed(5)));
    expect(value(losses.MeanSquaredError()(yTrue, yPred))).to.deep.equal([2.5 / 3].map((v) => Number(v.toFixed(5))));
    expect(losses.MeanSquaredError()(yTrue, yPred).shape).to.deep.equal([]);
    expect(value(losses.MeanSquaredError({ reduction: 'sum' })(yTrue, yPred))).to.deep.equal([2.5]);
    expect(value(losses.MeanSquaredError({ reduction: 'none' })(yTrue, yPred))).to.deep.equal(perSample);
    expect(value(losses.MeanSquaredError({ reduction: null })(yTrue, yPred))).to.deep.equal(perSample);
    const weights = tf.tensor1d([1, 0, 2]);
    expect(value(losses.MeanSquaredError()(yTrue, yPred, weights))).to.deep.equal([Number((0.5 / 3).toFixed(5))]);
    expect(value(losses.MeanSquaredError({ reduction: 'mean_with_sample_weight' })(yTrue, yPred, weights))).to.deep.equal([Number((0.5 / 3).toFixed(5))]);
    expect(() => losses.MeanSquaredError({ reduction: 'average' })).to.throw(/^Invalid value for argument `reduction`\. Expected one of \{'sum_over_batch_size', 'sum', 'mean', 'mean_with_sample_weight', 'none'\}\. Received: reduction=average$/);
    expect(() => losses.CategoricalCrossentropy({ axis: 1 })).to.throw(/only axis=-1/);
    // In compile the instance's reduction applies to each batch, after sample weights: a zero weight leaves a sample out.
    const model = models.Sequential([layers.Dense(2, { input_shape: [2], kernel_initializer: 'ones', bias_initializer: 'zeros' })]);
    model.compile({ optimizer: 'sgd', loss: losses.MeanSquaredError({ reduction: 'sum' }) });
    const x = tf.tensor2d([[1, 0], [0, 1], [1, 1]]);
    const skipFirst = tf.tensor1d([0, 1, 1]);
    expect((await model.evaluate(x, yTrue, { verbose: 0 })) as number).to.be.closeTo(0.5, 1e-6);
    model.compile({ optimizer: 'sgd', loss: losses.MeanSquaredError() });
    expect((await model.evaluate(x, yTrue, { verbose: 0 })) as number).to.be.closeTo(0.5 / 3, 1e-6);
    expect(() => model.compile({ optimizer: 'sgd', loss: losses.MeanSquaredError({ reduction: 'none' }) })).to.throw(/reduction 'none' gives one value per sample/);
    expect((await model.evaluate(x, yTrue, { sampleWeight: skipFirst, verbose: 0 })) as number).to.equal(0);
    tf.dispose([yTrue, yPred, weights, x, skipFirst]);
  });

  it('val_* figures equal evaluate() on the same data, and batch means are sample-weighted', async () => {
    const x = tf.randomUniform([10, 3], 0, 1, 'float32', 12);
    const y = tf.randomUniform([10, 1], 0, 1, 'float32', 13);
    const model = models.Sequential([layers.Dense(1, { input_shape: [3] })]);
    model.compile({ optimizer: optimizers.SGD({ learning_rate: 0 }), loss: 'mse', metrics: ['mae'] });
    const { result: h, output: printed } = await captureStdout(() => model.fit(x, y, { batch_size: 4, verbose: 'auto', validation_data: [x, y], shuffle: false }));
    expect(printed).to.match(/^Epoch 1\/1\n3\/3 /);
    const [loss, mae] = (await model.evaluate(x, y, { verbose: 0, batch_size: 3 })) as number[];
    expect(h.history.loss[0]).to.be.closeTo(loss, 1e-6);
    expect(h.history.val_loss[0]).to.be.closeTo(loss, 1e-6);
    expect(h.history.val_mae[0]).to.be.closeTo(mae, 1e-6);
    tf.dispose([x, y]);
  });

  it('utils.toCategorical and utils.normalize', () => {
    const c = utils.toCategorical([0, 2, 1], 3);
    expect(c.arraySync()).to.deep.equal([[1, 0, 0], [0, 0, 1], [0, 1, 0]]);
    const n = utils.normalize([[3, 4], [0, 0]]);
    const [[a, b], zeros] = n.arraySync() as number[][];
    expect(a).to.be.closeTo(0.6, 1e-6);
    expect(b).to.be.closeTo(0.8, 1e-6);
    expect(zeros).to.deep.equal([0, 0]);
    tf.dispose([c, n]);
    expect(callbacks.History()).to.be.instanceOf(callbacks.Callback);
  });
});
