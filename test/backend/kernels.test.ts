import { expect } from 'chai';
import * as tf from '@tensorflow/tfjs';
import { backendInfo } from '../../src/backend';
import { on, rand, relErr, wasmReady } from './helpers';

type Op = (...xs: tf.Tensor[]) => tf.Tensor | tf.Tensor[];

/** Values of `op` and the gradients of a random projection of it w.r.t. the float inputs. */
function evaluate(op: Op, inputs: tf.Tensor[], withGrad: boolean): Float32Array[] {
  return tf.tidy(() => {
    const outs = ([] as tf.Tensor[]).concat(op(...inputs));
    const values = outs.map((o) => Float32Array.from(o.dataSync() as ArrayLike<number>));
    if (!withGrad) return values;
    const floats = inputs.map((x, i) => [x, i] as const).filter(([x]) => x.dtype === 'float32');
    const loss = (...xs: tf.Tensor[]) => {
      const all = inputs.map((x, i) => xs[floats.findIndex(([, j]) => j === i)] ?? x);
      const ys = ([] as tf.Tensor[]).concat(op(...all));
      return tf.addN(ys.map((y, k) => tf.sum(tf.mul(y, rand(y.shape, 100 + k)))));
    };
    const g = tf.grads(loss)(floats.map(([x]) => x));
    return [...values, ...g.map((t) => t.dataSync() as Float32Array)];
  });
}

/** Asserts that wasm (with tsdl's kernels) matches stock cpu, forward and backward. */
async function matchesCpu(op: Op, inputs: tf.Tensor[], withGrad = true): Promise<void> {
  const want = await on('cpu', () => evaluate(op, inputs, withGrad));
  const got = await on('wasm', () => evaluate(op, inputs, withGrad));
  expect(got.length).to.equal(want.length);
  got.forEach((g, i) => expect(relErr(g, want[i]), `output/gradient ${i}`).to.be.at.most(1e-4));
}

describe('backend: tsdl wasm kernels match cpu', function () {
  this.timeout(30000);
  before(wasmReady);

  describe('BatchMatMul / _FusedMatMul', () => {
    for (const [ta, tb] of [[false, false], [true, false], [false, true], [true, true]]) {
      it(`2-D, odd sizes, transposeA=${ta} transposeB=${tb}`, () => {
        const a = rand(ta ? [13, 7] : [7, 13], 1);
        const b = rand(tb ? [5, 13] : [13, 5], 2);
        return matchesCpu((x, y) => tf.matMul(x, y, ta, tb), [a, b]);
      });
    }
    // Forward only: tfjs-core's own BatchMatMul gradient rejects a broadcast batch (on cpu too).
    it('batched with broadcasting of a batch of 1', () => matchesCpu((x, y) => tf.matMul(x, y, false, true), [rand([3, 4, 6], 1), rand([1, 5, 6], 2)], false));
    it('batched, same batch', () => matchesCpu((x, y) => tf.matMul(x, y, true, false), [rand([3, 6, 4], 1), rand([3, 6, 5], 2)]));
    it('batch 1, vector-shaped', () => matchesCpu((x, y) => tf.matMul(x, y), [rand([1, 9], 1), rand([9, 1], 2)]));
    for (const activation of ['linear', 'relu', 'sigmoid'] as const) {
      it(`fused with bias and ${activation}`, () =>
        matchesCpu((x, w, bias) => tf.fused.matMul({ a: x, b: w, bias, activation }), [rand([6, 11], 1), rand([11, 3], 2), rand([3], 3)]));
    }
    it('fused without bias, transposeB', () => matchesCpu((x, w) => tf.fused.matMul({ a: x, b: w, transposeB: true, activation: 'relu' }), [rand([4, 5], 1), rand([7, 5], 2)]));
  });

  describe('Conv2D gradients', () => {
    const cases: [string, number[], number[], number | [number, number], 'same' | 'valid'][] = [
      ['3x3 valid', [2, 9, 9, 3], [3, 3, 3, 4], 1, 'valid'],
      ['3x3 same stride 2, odd size', [2, 9, 7, 3], [3, 3, 3, 5], 2, 'same'],
      ['2x3 valid strides [2,1], batch 1', [1, 8, 9, 2], [2, 3, 2, 3], [2, 1], 'valid'],
      ['5x5 same, 1 channel', [3, 11, 10, 1], [5, 5, 1, 2], 1, 'same'],
      ['1x1 stride 3', [2, 7, 7, 4], [1, 1, 4, 6], 3, 'valid'],
    ];
    for (const [name, xs, ws, strides, pad] of cases) {
      it(name, () => matchesCpu((x, w) => tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, strides, pad), [rand(xs, 1), rand(ws, 2)]));
    }
    it('dilated 3x3 same and explicit padding (forward; tfjs has no dilated gradient)', async () => {
      await matchesCpu((x, w) => tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, 1, 'same', 'NHWC', 2), [rand([2, 9, 8, 3], 1), rand([3, 3, 3, 2], 2)], false);
      await matchesCpu((x, w) => tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, 2, [[0, 0], [1, 2], [2, 0], [0, 0]]), [rand([1, 7, 7, 2], 1), rand([3, 2, 2, 4], 2)]);
    });
    it('fused conv2d + bias + relu', () =>
      matchesCpu((x, w, b) => tf.fused.conv2d({ x: x as tf.Tensor4D, filter: w as tf.Tensor4D, strides: 1, pad: 'same', bias: b, activation: 'relu' }), [rand([2, 6, 6, 2], 1), rand([3, 3, 2, 3], 2), rand([3], 3)]));
  });

  describe('pooling gradients', () => {
    for (const [h, w, k, s, pad] of [[9, 9, 2, 2, 'valid'], [9, 8, 2, 2, 'same'], [7, 7, 3, 2, 'same'], [8, 8, 3, 1, 'valid'], [5, 6, 2, 1, 'valid']] as const) {
      it(`maxPool ${k}/${s} ${pad} on ${h}x${w}`, () => matchesCpu((x) => tf.maxPool(x as tf.Tensor4D, k, s, pad), [rand([2, h, w, 3], 1)]));
      it(`avgPool ${k}/${s} ${pad} on ${h}x${w}`, () => matchesCpu((x) => tf.avgPool(x as tf.Tensor4D, k, s, pad), [rand([1, h, w, 2], 1)]));
    }
  });

  describe('data movement', () => {
    it('gather axis 0 and its gradient (UnsortedSegmentSum)', () => matchesCpu((x, i) => tf.gather(x, i), [rand([10, 3, 2], 1), tf.tensor1d([9, 0, 3, 3, 7], 'int32')]));
    it('gather axis 1 with 2-D indices', () => matchesCpu((x, i) => tf.gather(x, i, 1), [rand([4, 6, 5], 1), tf.tensor2d([[5, 0], [2, 2]], [2, 2], 'int32')]));
    it('gather with batchDims 1', () => matchesCpu((x, i) => tf.gather(x, i, 1, 1), [rand([3, 5, 2], 1), tf.tensor2d([[4, 0], [1, 1], [3, 2]], [3, 2], 'int32')], false));
    it('gather of int32 and bool', async () => {
      await matchesCpu((x, i) => tf.gather(x, i), [tf.tensor1d([5, 6, 7], 'int32'), tf.tensor1d([2, 0], 'int32')], false);
      await matchesCpu((x, i) => tf.gather(x, i).toInt(), [tf.tensor1d([true, false, true], 'bool'), tf.tensor1d([1, 2], 'int32')], false);
    });
    it('gather rejects an index out of range', async () => {
      await tf.setBackend('wasm');
      expect(() => tf.gather(tf.tensor1d([1, 2]), tf.tensor1d([2], 'int32'))).to.throw(/not in \[0, 1\]/);
    });
    it('unsortedSegmentSum drops ids outside [0, n)', () => matchesCpu((x, ids) => tf.unsortedSegmentSum(x, ids as tf.Tensor1D, 4), [rand([6, 3], 1), tf.tensor1d([0, 3, -1, 3, 4, 1], 'int32')], false));
    it('unstack along axes 0 and 1', async () => {
      await matchesCpu((x) => tf.unstack(x, 0), [rand([4, 3, 2], 1)]);
      await matchesCpu((x) => tf.unstack(x, 1), [rand([2, 5, 3], 1)]);
    });
    it('concat along axes 0, 1 and the last, including an empty part', async () => {
      await matchesCpu((x, y) => tf.concat([x, y], 0), [rand([2, 3], 1), rand([4, 3], 2)]);
      await matchesCpu((x, y, z) => tf.concat([x, y, z], 1), [rand([3, 2, 4], 1), rand([3, 5, 4], 2), rand([3, 0, 4], 3)]);
      await matchesCpu((x, y) => tf.concat([x, y], -1), [rand([5, 300], 1), rand([5, 7], 2)]);
      await matchesCpu((x, y) => tf.concat([x, y], 0), [tf.tensor1d([1, 2], 'int32'), tf.tensor1d([3], 'int32')], false);
      await matchesCpu((x, y) => tf.concat([x, y], 1).toInt(), [tf.tensor2d([[true], [false]], [2, 1], 'bool'), tf.tensor2d([[false, true], [true, true]], [2, 2], 'bool')], false);
    });
    it('split into equal and uneven parts', async () => {
      await matchesCpu((x) => tf.split(x, 4, 1), [rand([3, 8], 1)]);
      await matchesCpu((x) => tf.split(x, [1, 4, 2], 0), [rand([7, 300], 1)]);
    });
    it('slice: a row, a block, inner columns, rank 1 and rank 5, long and short runs, with gradients', async () => {
      await matchesCpu((x) => tf.slice(x, [3, 0], [1, -1]), [rand([9, 40], 1)]);
      await matchesCpu((x) => tf.slice(x, [2, 5], [4, 30]), [rand([9, 40], 1)]);
      await matchesCpu((x) => tf.slice(x, [1, 2, 1], [2, 3, 2]), [rand([4, 6, 5], 1)]);
      await matchesCpu((x) => tf.slice(x, 3, 4), [rand([10], 1)]);
      await matchesCpu((x) => tf.slice(x, [1, 0, 2, 1, 0], [1, 2, 2, 3, 20]), [rand([2, 3, 4, 5, 20], 1)]);
      await matchesCpu((x) => tf.slice(x, [0, 0], [0, 3]), [rand([4, 3], 1)], false);
    });
    it('slice of int32 and bool', async () => {
      await matchesCpu((x) => tf.slice(x, [1, 1], [2, 2]), [tf.tensor2d([1, 2, 3, 4, 5, 6, 7, 8, 9], [3, 3], 'int32')], false);
      await matchesCpu((x) => tf.slice(x, [1], [2]).toInt(), [tf.tensor1d([true, false, true, false], 'bool')], false);
    });
    it('slice rejects a size past the end', async () => {
      await tf.setBackend('wasm');
      expect(() => tf.slice(tf.ones([3, 3]), [2, 0], [2, 3])).to.throw(/slice/i);
    });
    it('stridedSlice: steps, negative steps, masks, new and shrunk axes (tfjs has no gradient for it)', async () => {
      await matchesCpu((x) => tf.stridedSlice(x, [0, 1], [9, 40], [2, 3]), [rand([9, 40], 1)], false);
      await matchesCpu((x) => tf.stridedSlice(x, [8, 39], [0, 0], [-1, -2]), [rand([9, 40], 1)], false);
      await matchesCpu((x) => tf.stridedSlice(x, [1, 0, 0], [3, 0, 0], [1, 1, 1], 0, 6), [rand([4, 6, 5], 1)], false);
      await matchesCpu((x) => tf.stridedSlice(x, [2, 0], [3, 5], [1, 1], 0, 0, 0, 0, 1), [rand([4, 5], 1)], false);
      await matchesCpu((x) => tf.stridedSlice(x, [0, 1], [0, 4], [1, 1], 0, 0, 0, 1), [rand([4, 5], 1)], false);
      await matchesCpu((x) => tf.stridedSlice(x, [0, 0, 1], [0, 0, 3], [1, 1, 1], 0, 0, 1), [rand([2, 3, 4], 1)], false);
      await matchesCpu((x) => tf.stridedSlice(x, [1], [3], [1]), [tf.tensor1d([4, 5, 6, 7], 'int32')], false);
    });
    it('slices one row of a large tensor without reading the rest', async () => {
      await tf.setBackend('wasm');
      const x = tf.tidy(() => tf.range(0, 60000 * 784, 1, 'int32').reshape([60000, 784]));
      const row = tf.slice(x, [59999, 0], [1, 784]);
      const strided = tf.stridedSlice(x, [59999, 0], [60000, 784], [1, 392]);
      expect(Array.from(row.dataSync().slice(0, 2))).to.deep.equal([59999 * 784, 59999 * 784 + 1]);
      expect(Array.from(strided.dataSync())).to.deep.equal([59999 * 784, 59999 * 784 + 392]);
      tf.dispose([x, row, strided]);
    });
  });

  describe('reductions and elementwise', () => {
    for (const [shape, axis, keep] of [[[5, 7], 0, false], [[5, 7], 1, true], [[2, 3, 4], [0, 1], false], [[2, 3, 4], [1, 2], true], [[2, 3, 4], [0, 2], false], [[6], 0, false]] as const) {
      it(`sum of ${shape} over ${axis}${keep ? ' keepDims' : ''}`, () => matchesCpu((x) => tf.sum(x, axis as number | number[], keep), [rand([...shape], 1)]));
    }
    it('comparisons, logicalAnd and where, same shape and scalar', async () => {
      const a = rand([4, 5], 1);
      const b = rand([4, 5], 2);
      const s = tf.scalar(0.1);
      for (const f of [tf.greater, tf.greaterEqual, tf.less, tf.lessEqual, tf.equal, tf.notEqual]) {
        await matchesCpu((x, y) => f(x, y).toFloat(), [a, b], false);
        await matchesCpu((x, y) => f(x, y).toFloat(), [a, s], false);
        await matchesCpu((x, y) => f(x, y).toFloat(), [s, b], false);
      }
      await matchesCpu((x, y) => tf.logicalAnd(tf.greater(x, 0), tf.less(y, 0)).toFloat(), [a, b], false);
      await matchesCpu((c, x, y) => tf.where(c, x, y), [tf.greater(a, b), a, b]);
    });
    it('hard-sigmoid clip gradient (greaterEqual, lessEqual, logicalAnd, select)', () => matchesCpu((x) => tf.clipByValue(tf.mul(x, 3), -1, 1), [rand([7, 9], 1)]));
    it('sqrt, square, relu, step and their gradients', async () => {
      const pos = tf.add(rand([9, 11], 1), 1.5);
      await matchesCpu((x) => tf.sqrt(x), [pos]);
      await matchesCpu((x) => tf.square(x), [rand([9, 11], 2)]);
      await matchesCpu((x) => tf.relu(x), [rand([9, 11], 3)]);
      await matchesCpu((x) => tf.step(x, 0.3), [rand([3, 5], 4)], false);
      await matchesCpu((x) => tf.tanh(x), [tf.mul(rand([9, 11], 5), 4)]);
    });
    it('tanh within 1e-6 of Math.tanh from 1e-8 to beyond its clamp, NaN kept', async () => {
      await tf.setBackend('wasm');
      const xs = Float32Array.from({ length: 4001 }, (_, i) => Math.sign(i - 2000) * 10 ** (((Math.abs(i - 2000) / 2000) * 9) - 8));
      const ys = tf.tidy(() => tf.tanh(tf.tensor1d(xs)).dataSync());
      xs.forEach((x, i) => expect(Math.abs(ys[i] - Math.tanh(x)), `tanh(${x})`).to.be.at.most(1e-6 * Math.max(1e-2, Math.abs(Math.tanh(x)))));
      expect(tf.tidy(() => tf.tanh(tf.tensor1d([NaN])).dataSync()[0])).to.be.NaN;
    });
  });

  it('reports the kernels it registered', () => {
    const info = backendInfo();
    expect(info.name).to.equal('wasm');
    expect(info.fastPath.kernels).to.include.members(['MaxPoolGrad', 'UnsortedSegmentSum', 'GatherV2', 'Slice', 'StridedSlice', 'BatchMatMul', 'Conv2DBackpropFilter']);
    expect(info.fastPath.bridged).to.include('DepthwiseConv2dNativeBackpropFilter');
    expect(info.fastPath.detail).to.match(info.fastPath.active ? /^native BLAS \(.+, up to \d+ threads\)/ : /^no native BLAS: /);
  });
});
