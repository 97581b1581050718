import { expect } from 'chai';
import { tf, layers, models, utils } from '../../src/keras';
import { unsetRandomSeed } from '../../src/keras/random';
import { useCpu } from '../helpers/cpu';

describe('keras: utils.set_random_seed', () => {
  useCpu();
  after(() => unsetRandomSeed());

  async function run(seed: number): Promise<{ weights: number[]; loss: number[] }> {
    utils.set_random_seed(seed);
    const model = models.Sequential([layers.Dense(8, { activation: 'relu', input_shape: [4] }), layers.Dropout(0.5), layers.Dense(1)]);
    const weights = Array.from(model.getWeights()[0].dataSync());
    model.compile({ optimizer: 'adam', loss: 'mse' });
    const x = tf.randomNormal([32, 4]);
    const y = tf.randomNormal([32, 1]);
    const history = await model.fit(x, y, { epochs: 3, batch_size: 8, validation_split: 0.25, verbose: 0 });
    tf.dispose([x, y]);
    return { weights, loss: history.history.loss };
  }

  it('initializers, random ops, Dropout and shuffling repeat under the same seed', async () => {
    const a = await run(42);
    const b = await run(42);
    const c = await run(7);
    expect(b.weights).to.deep.equal(a.weights);
    expect(b.loss).to.deep.equal(a.loss);
    expect(c.weights).to.not.deep.equal(a.weights);
    utils.setRandomSeed(1);
    const order1 = [0, 1, 2, 3, 4, 5, 6, 7];
    tf.util.shuffle(order1);
    utils.setRandomSeed(1);
    const order2 = [0, 1, 2, 3, 4, 5, 6, 7];
    tf.util.shuffle(order2);
    expect(order2).to.deep.equal(order1);
    expect(() => utils.set_random_seed(1.5)).to.throw('Expected `seed` argument to be an integer. Received: seed=1.5');
  });
});
