import { expect } from 'chai';
import { RandomState } from '../../src/keras/datasets/numpy-random';
import { expected } from './helpers';

describe('datasets RandomState', () => {
  it("matches NumPy's RandomState(113).permutation(20), Keras's default seed", () => {
    expect(new RandomState(113).permutation(20)).to.deep.equal(expected.permutation113);
  });

  it("matches NumPy's RandomState(0).permutation(1000)", () => {
    expect(new RandomState(0).permutation(1000)).to.deep.equal(expected.permutation0);
  });

  it('rejects seeds NumPy rejects', () => {
    expect(() => new RandomState(-1)).to.throw(/Seed/);
    expect(() => new RandomState(2 ** 32)).to.throw(/Seed/);
  });
});
