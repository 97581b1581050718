// Keras's method names, schedules, metric spellings and seeds through the kernel, as a notebook writes them.
import { expect } from 'chai';
import { resultText, useKernel } from '../helpers/kernel';

describe("kernel: Keras's names, schedules, metric spellings, seeds", function () {
  this.timeout(120000);
  const kernel = useKernel();

  async function value(code: string): Promise<unknown> {
    const outcome = await kernel().execute(code);
    expect(outcome.reply.content.status, JSON.stringify(outcome.reply.content)).to.equal('ok');
    return JSON.parse(String(resultText(outcome)).slice(1, -1)) as unknown;
  }

  it('snake_case model methods right after compile', async () => {
    const result = await value(`
      const m = models.Sequential([layers.Dense(4, { activation: 'relu', input_shape: [3], name: 'hidden' }), layers.Dense(2, { name: 'out' })]);
      m.compile({ optimizer: optimizers.SGD({ learning_rate: 0.05, clipnorm: 1 }), loss: 'mse' });
      const loss = m.train_on_batch([[1, 2, 3]], [[0, 1]]);
      const c = models.clone_model(m);
      JSON.stringify({ first: m.get_layer({ index: 0 }).name, params: m.count_params(), loss: typeof loss, lr: m.optimizer.learning_rate,
        shapes: [m.input_shape, m.output_shape], cloned: c.count_params(), trainable: m.trainable_weights.length })`);
    expect(result).to.deep.equal({ first: 'hidden', params: 26, loss: 'number', lr: 0.05, shapes: [[null, 3], [null, 2]], cloned: 26, trainable: 4 });
  });

  it('a schedule, LearningRateScheduler, AdamW and metrics by Keras class name in one fit', async () => {
    const result = await value(`
      const x2 = tf.randomUniform([64, 3]); const y2 = tf.randomUniform([64, 1]).greater(0.5).cast('float32');
      const mm = models.Sequential([layers.Dense(1, { activation: 'sigmoid', input_shape: [3] })]);
      mm.compile({ optimizer: optimizers.AdamW({ learning_rate: 0.01, weight_decay: 0.01 }), loss: 'binary_crossentropy', metrics: ['AUC', 'Precision', metrics.binary_accuracy] });
      const h = await mm.fit(x2, y2, { epochs: 2, verbose: 0, callbacks: [callbacks.LearningRateScheduler((epoch, lr) => lr / 2)] });
      const s = optimizers.schedules.CosineDecay({ initial_learning_rate: 1, decay_steps: 100 });
      JSON.stringify({ keys: Object.keys(h.history), lr: h.history.learning_rate, cosine: s(50) })`);
    expect(result).to.deep.equal({ keys: ['loss', 'AUC', 'Precision', 'binary_accuracy', 'learning_rate'], lr: [0.005, 0.0025], cosine: 0.5 });
  });

  it("loss: 'ctc' stops fit before the first batch on labels in Keras 2's convention, and trains on Keras 3's", async () => {
    const setup = `const xc = tf.randomNormal([4, 6, 2]);
      const mc = models.Sequential([layers.TimeDistributed(layers.Dense(3), { input_shape: [6, 2] })]);
      mc.compile({ optimizer: 'adam', loss: 'ctc' });`;
    expect((await kernel().execute(setup)).reply.content.status).to.equal('ok');
    const wrong = await kernel().execute('await mc.fit(xc, tf.tensor2d([[0, 1], [1, -1], [0, 0], [1, 0]]), { epochs: 1, verbose: 0 })');
    expect(wrong.reply.content.ename).to.equal('ValueError');
    expect(String(wrong.reply.content.evalue)).to.match(/^CTC: y\[0\]\[0\] is 0, a 0 before the end of the labels.*losses\.ctcBatchCost\.$/);
    const losses = await value("JSON.stringify((await mc.fit(xc, tf.tensor2d([[1, 2], [2, 0], [1, 1], [2, 1]]), { epochs: 3, verbose: 0 })).history.loss.map(Number.isFinite))");
    expect(losses).to.deep.equal([true, true, true]);
  });

  it('utils.set_random_seed makes two runs of a cell train to the same numbers', async () => {
    const cell = `utils.set_random_seed(3);
      const r = models.Sequential([layers.Dense(4, { input_shape: [2] }), layers.Dropout(0.3), layers.Dense(1)]);
      r.compile({ optimizer: 'adam', loss: 'mse' });
      JSON.stringify((await r.fit(tf.randomNormal([16, 2]), tf.randomNormal([16, 1]), { epochs: 2, batch_size: 4, verbose: 0 })).history.loss)`;
    expect(await value(cell)).to.deep.equal(await value(cell));
  });
});
