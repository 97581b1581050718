// tsdl's wasm Identity shares its input's data (a reference count) instead of copying it.
import { expect } from 'chai';
import * as tf from '@tensorflow/tfjs';
import { wasmReady } from './helpers';

describe('backend: wasm Identity without a copy', () => {
  before(wasmReady);
  after(() => tf.setBackend('cpu'));

  it('clones share the data, and each survives the other being disposed', async () => {
    await tf.setBackend('wasm');
    const before = tf.memory();
    const a = tf.tensor2d([[1, 2], [3, 4]]);
    const b = tf.clone(a);
    // tfjs counts bytes per tensor, buffers per data: one buffer for both.
    expect(tf.memory().numDataBuffers - before.numDataBuffers).to.equal(1);
    a.dispose();
    expect(Array.from(b.dataSync())).to.deep.equal([1, 2, 3, 4]);
    const c = tf.clone(b);
    b.dispose();
    expect(tf.tidy(() => Array.from(tf.add(c, 1).dataSync()))).to.deep.equal([2, 3, 4, 5]);
    tf.dispose(c);
    expect(tf.memory().numDataBuffers).to.equal(before.numDataBuffers);
    expect(tf.memory().numBytes).to.equal(before.numBytes);
  });

  it('gradients that save their inputs still match (tf.grad of x·x through a clone)', async () => {
    await tf.setBackend('wasm');
    const g = tf.grad((x: tf.Tensor) => tf.sum(tf.mul(tf.clone(x), x)))(tf.tensor1d([1, -2, 3]));
    expect(Array.from(g.dataSync())).to.deep.equal([2, -4, 6]);
  });
});
