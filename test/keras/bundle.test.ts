// The Keras bundle as the kernel loads it (dist/keras.js, from `npm run build`): TensorFlow.js's union package is
// one namespace object for the whole bundle (scripts/one-namespace-plugin.js), not a copy of its 500 exports per
// importing file, which a sixth of the time before the first cell that touches `tf` went into.
import { expect } from 'chai';
import { readFileSync } from 'fs';
import { join } from 'path';

const BUNDLE = join(__dirname, '..', '..', 'dist', 'keras.js');

describe('keras: the bundle', () => {
  it('requires the union package of TensorFlow.js in one place', () => {
    const requires = readFileSync(BUNDLE, 'utf8').match(/require\("@tensorflow\/tfjs"\)/g) ?? [];
    expect(requires).to.have.length(1);
  });

  it('offers as `tf` every export of the union, each the same value, and nothing more', () => {
    const { tf } = require(BUNDLE) as { tf: Record<string, unknown> };
    const union = require('@tensorflow/tfjs') as Record<string, unknown>;
    expect(Object.keys(tf).sort()).to.deep.equal(Object.keys(union).sort());
    for (const key of Object.keys(union)) expect(tf[key], key).to.equal(union[key]);
  });
});
