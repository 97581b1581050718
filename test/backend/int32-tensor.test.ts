// Integer data as int32 tensors: on wasm the bytes are widened straight onto the heap, elsewhere through an Int32Array.
import { expect } from 'chai';
import * as tf from '@tensorflow/tfjs';
import { int32Tensor } from '../../src/backend/int32-tensor';
import { wasmReady } from './helpers';

describe('int32Tensor', () => {
  before(wasmReady);
  after(() => tf.setBackend('cpu'));

  for (const backend of ['wasm', 'cpu']) {
    it(`holds every value of bytes, signed bytes and shorts, with the shape asked for, on ${backend}`, async () => {
      await tf.setBackend(backend);
      const bytes = Uint8Array.from({ length: 24 }, (_, i) => (i * 37) % 256);
      const cases: [Uint8Array | Int8Array | Int16Array | Int32Array, number[]][] = [
        [bytes, [2, 3, 4]],
        [Int8Array.from([-128, -1, 0, 127]), [4]],
        [Int16Array.from([-32768, 300, 32767]), [3, 1]],
        [Int32Array.from([2147483647, -5]), [2]],
      ];
      for (const [values, shape] of cases) {
        const before = tf.memory().numTensors;
        const t = int32Tensor(values, shape);
        expect(t.dtype).to.equal('int32');
        expect(t.shape).to.deep.equal(shape);
        expect(Array.from(t.dataSync())).to.deep.equal(Array.from(values));
        // An ordinary tensor: ops take it and it frees like any other.
        expect(tf.tidy(() => t.sum().arraySync())).to.equal(Array.from(values).reduce((a, b) => a + b, 0));
        t.dispose();
        expect(tf.memory().numTensors).to.equal(before);
      }
    });
  }

  it('refuses values that do not fill the shape', () => {
    expect(() => int32Tensor(new Uint8Array(5), [2, 3])).to.throw('5 values do not fill shape [2,3]');
  });
});
