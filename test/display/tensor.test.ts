import { expect } from 'chai';
import * as tf from '@tensorflow/tfjs';
import { isTensorLike, tensorBundle, tensorText, type TensorLike } from '../../src/display/render/tensor';
import { useCpu } from '../helpers/cpu';

const text = (t: tf.Tensor) => tensorText(t as unknown as TensorLike);

describe('display/render tensors', () => {
  useCpu();

  it('prints shape, dtype and values with aligned columns', () => {
    expect(text(tf.tensor([[1, 2.5, 3], [4, 5, -6.25]]))).to.equal(
      'Tensor(shape=[2, 3], dtype=float32)\n[[ 1.  ,  2.5 ,  3.  ],\n [ 4.  ,  5.  , -6.25]]',
    );
    expect(text(tf.tensor([10, -2, 300], [3], 'int32'))).to.equal('Tensor(shape=[3], dtype=int32)\n[ 10,  -2, 300]');
  });

  it('prints float32 values at their shortest, as NumPy does', () => {
    expect(text(tf.tensor([0.1, 0.2, 0.3]))).to.equal('Tensor(shape=[3], dtype=float32)\n[0.1, 0.2, 0.3]');
    expect(text(tf.tensor([1 / 3]))).to.equal('Tensor(shape=[1], dtype=float32)\n[0.33333334]');
  });

  it('switches to scientific notation for wide ranges', () => {
    expect(text(tf.tensor([1e-5, 1, 150]))).to.equal('Tensor(shape=[3], dtype=float32)\n[1.0e-05, 1.0e+00, 1.5e+02]');
  });

  it('prints nan, inf, booleans, strings and scalars', () => {
    expect(text(tf.tensor([NaN, 1, -Infinity]))).to.equal('Tensor(shape=[3], dtype=float32)\n[ nan,   1., -inf]');
    expect(text(tf.tensor([true, false], [2], 'bool'))).to.equal('Tensor(shape=[2], dtype=bool)\n[ true, false]');
    expect(text(tf.tensor(['a', "it's", 'say "hi"']))).to.equal(`Tensor(shape=[3], dtype=string)\n['a', "it's", 'say "hi"']`);
    expect(text(tf.scalar(3.5))).to.equal('Tensor(shape=[], dtype=float32)\n3.5');
    expect(text(tf.zeros([0, 3]))).to.equal('Tensor(shape=[0, 3], dtype=float32)\n[]');
  });

  it('separates the blocks of a 3-D tensor with a blank line', () => {
    expect(text(tf.range(0, 8, 1, 'int32').reshape([2, 2, 2]))).to.equal(
      'Tensor(shape=[2, 2, 2], dtype=int32)\n[[[0, 1],\n  [2, 3]],\n\n [[4, 5],\n  [6, 7]]]',
    );
  });

  it('elides the middle of big tensors with ...', () => {
    const lines = text(tf.range(0, 2000, 1, 'int32').reshape([40, 50])).split('\n');
    expect(lines).to.deep.equal([
      'Tensor(shape=[40, 50], dtype=int32)',
      '[[   0,    1,    2, ...,   47,   48,   49],',
      ' [  50,   51,   52, ...,   97,   98,   99],',
      ' [ 100,  101,  102, ...,  147,  148,  149],',
      ' ...,',
      ' [1850, 1851, 1852, ..., 1897, 1898, 1899],',
      ' [1900, 1901, 1902, ..., 1947, 1948, 1949],',
      ' [1950, 1951, 1952, ..., 1997, 1998, 1999]]',
    ]);
  });

  it('wraps long rows at 75 characters', () => {
    const lines = text(tf.range(0, 30, 1, 'int32')).split('\n');
    expect(lines.slice(1).every((l) => l.length <= 75)).to.equal(true);
    expect(lines[1]).to.match(/^\[ 0,  1,  2,/);
    expect(lines[2]).to.match(/^ \d\d, /);
  });

  it('adds an HTML table for 1-D and 2-D tensors only, escaped and elided', () => {
    const bundle = tensorBundle(tf.tensor([[1, 2], [3, 4]]) as unknown as TensorLike);
    expect(Object.keys(bundle).sort()).to.deep.equal(['text/html', 'text/plain']);
    const html = bundle['text/html'] as string;
    expect(html).to.include('<caption>Tensor(shape=[2, 2], dtype=float32)</caption>');
    expect(html.match(/<tr>/g)).to.have.length(2);
    expect(html).to.include('>4.</td>');
    const strings = tensorBundle(tf.tensor(['<b>']) as unknown as TensorLike)['text/html'] as string;
    expect(strings).to.include('&#39;&lt;b&gt;&#39;');
    const big = tensorBundle(tf.zeros([50, 50]) as unknown as TensorLike)['text/html'] as string;
    expect(big.match(/<tr>/g)).to.have.length(21);
    expect(big.split('<tr>')[1].match(/<td/g)).to.have.length(13);
    expect(big).to.include('⋮').and.include('⋯').and.include('⋱');
    expect(Object.keys(tensorBundle(tf.zeros([2, 2, 2]) as unknown as TensorLike))).to.deep.equal(['text/plain']);
    expect(Object.keys(tensorBundle(tf.scalar(1) as unknown as TensorLike))).to.deep.equal(['text/plain']);
  });

  it('says a disposed tensor is disposed instead of throwing', () => {
    const t = tf.tensor([1, 2]);
    t.dispose();
    expect(tensorBundle(t as unknown as TensorLike)).to.deep.equal({ 'text/plain': 'Tensor(shape=[2], dtype=float32) <disposed>' });
  });

  it('recognises tensors by shape, not by class', () => {
    expect(isTensorLike(tf.ones([2]))).to.equal(true);
    expect(isTensorLike({ shape: [1], dtype: 'float32', dataSync: () => [1] })).to.equal(true);
    expect(isTensorLike({ shape: [1], dtype: 'float32' })).to.equal(false);
    expect(isTensorLike([1, 2])).to.equal(false);
  });
});
