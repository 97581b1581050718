import { expect } from 'chai';
import * as tf from '@tensorflow/tfjs';
import { bundleFor, JUPYTER_DISPLAY, VEGALITE_MIME } from '../../src/display/render';
import { callable } from '../../src/keras/callable';
import { useCpu } from '../helpers/cpu';
import { mlp } from './models';

describe('display/render bundleFor', () => {
  useCpu();

  it('shows a tensor as its repr and table', async () => {
    const bundle = await bundleFor(tf.tensor([1, 2]));
    expect(bundle?.['text/plain']).to.equal('Tensor(shape=[2], dtype=float32)\n[1., 2.]');
    expect(bundle).to.have.property('text/html');
  });

  it('shows a model as its summary', async () => {
    expect((await bundleFor(mlp()))?.['text/plain']).to.match(/^Model: "mlp"\n/);
  });

  it("shows a model wrapped as tsdl's Keras wraps it, in a callable function, as its summary", async () => {
    const wrapped = callable(mlp());
    expect(typeof wrapped).to.equal('function');
    expect((await bundleFor(wrapped))?.['text/plain']).to.match(/^Model: "mlp"\n/);
  });

  it('shows a History as its chart', async () => {
    const history = { history: { loss: [1, 0.5] }, epoch: [0, 1], params: { epochs: 2 } };
    expect(Object.keys((await bundleFor(history)) ?? {}).sort()).to.deep.equal(['image/png', 'text/plain', VEGALITE_MIME].sort());
  });

  it('shows the History that tfjs fit returns', async () => {
    const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [1] })] });
    model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
    const history = await model.fit(tf.ones([4, 1]), tf.ones([4, 1]), { epochs: 2, verbose: 0 });
    expect((await bundleFor(history))?.['text/plain']).to.match(/^epoch +loss\n +1 /);
  });

  it("follows Deno's Jupyter.display convention, sync or async", async () => {
    const bundle = { 'text/markdown': '**hi**' };
    expect(await bundleFor({ [JUPYTER_DISPLAY]: () => bundle })).to.equal(bundle);
    expect(await bundleFor({ [JUPYTER_DISPLAY]: async () => bundle })).to.equal(bundle);
    expect(JUPYTER_DISPLAY).to.equal(Symbol.for('Jupyter.display'));
  });

  it('returns null for plain values', async () => {
    for (const value of [1, 'text', null, undefined, [1, 2], { a: 1 }, { history: {}, epoch: [] }, () => 1, new Map()]) {
      expect(await bundleFor(value)).to.equal(null);
    }
  });
});
