import { expect } from 'chai';
import { tf, layers, losses, metrics, models } from '../../src/keras';
import { useCpu } from '../helpers/cpu';

describe('keras: metrics by any Keras spelling, history keys as Keras names them', () => {
  useCpu();
  const x = () => tf.tensor2d([[0, 1], [1, 0], [1, 1], [0, 0]]);
  const y = () => tf.tensor2d([[1], [0], [1], [0]]);

  it("accepts 'AUC', 'Precision', 'BinaryAccuracy', 'Accuracy', snake_case and instances; keys keep the user's spelling", async () => {
    const model = models.Sequential([layers.Dense(1, { activation: 'sigmoid', input_shape: [2] })]);
    model.compile({
      optimizer: 'adam',
      loss: 'binary_crossentropy',
      metrics: ['AUC', 'Precision', 'Recall', 'BinaryAccuracy', 'Accuracy', 'mean_squared_error', 'RootMeanSquaredError', metrics.AUC({ name: 'auc_2' }), new metrics.Precision()],
    });
    const history = await model.fit(x(), y(), { epochs: 1, verbose: 0 });
    expect(Object.keys(history.history)).to.deep.equal([
      'loss', 'AUC', 'Precision', 'Recall', 'BinaryAccuracy', 'Accuracy', 'mean_squared_error', 'RootMeanSquaredError', 'auc_2', 'precision',
    ]);
    for (const values of Object.values(history.history)) expect(values[0]).to.be.a('number');
    // 'Accuracy' is the accuracy Keras picks (binary here), not exact equality.
    expect(history.history.Accuracy[0]).to.equal(history.history.BinaryAccuracy[0]);
  });

  it('function metrics log under their Keras names', async () => {
    const model = models.Sequential([layers.Dense(1, { activation: 'sigmoid', input_shape: [2] })]);
    model.compile({ optimizer: 'sgd', loss: 'mse', metrics: [metrics.binary_accuracy, losses.mean_absolute_error, function my_metric(a: tf.Tensor, b: tf.Tensor) { return tf.abs(tf.sub(a, b)); }] });
    const history = await model.fit(x(), y(), { epochs: 1, verbose: 0 });
    expect(Object.keys(history.history)).to.deep.equal(['loss', 'binary_accuracy', 'mean_absolute_error', 'my_metric']);
    expect(metrics.binary_accuracy.name).to.equal('binary_accuracy');
    const r = metrics.top_k_categorical_accuracy(tf.tensor2d([[0, 1, 0]]), tf.tensor2d([[0.5, 0.2, 0.3]]), 1);
    expect(Array.from(r.dataSync())).to.deep.equal([0]);
  });

  it('RootMeanSquaredError is the root of the mean squared error', async () => {
    const model = models.Sequential([layers.Dense(1, { input_shape: [1], kernel_initializer: 'zeros', bias_initializer: 'zeros' })]);
    model.compile({ optimizer: 'sgd', loss: 'mse', metrics: [metrics.RootMeanSquaredError()] });
    const result = (await model.evaluate(tf.ones([2, 1]), tf.tensor2d([[3], [4]]), { verbose: 0, return_dict: true })) as Record<string, number>;
    expect(result.root_mean_squared_error).to.be.closeTo(Math.sqrt(12.5), 1e-5);
  });

  it("unknown ids fail at compile in Keras's words, with a guess", () => {
    const model = models.Sequential([layers.Dense(1, { input_shape: [2] })]);
    expect(() => model.compile({ optimizer: 'sgd', loss: 'mse', metrics: ['precison'] })).to.throw("Could not interpret metric identifier: precison. Did you mean 'precision'?");
  });
});
