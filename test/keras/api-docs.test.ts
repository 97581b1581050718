// Every function and class the preloaded API offers carries its doc comment at run time (scripts/api-docs-plugin.js),
// which inspect_request, `name?` and help() show: a name added without one fails here. Reads dist/keras.js, as
// the kernel loads it (`npm run build`).
import { expect } from 'chai';
import { join } from 'path';

const NAMESPACES = ['layers', 'models', 'optimizers', 'losses', 'metrics', 'callbacks', 'activations', 'initializers', 'regularizers', 'utils', 'datasets'];

describe('keras: documentation of the preloaded API', () => {
  it('documents every function and class of every namespace, and of each dataset', () => {
    const keras = require(join(__dirname, '..', '..', 'dist', 'keras.js')) as Record<string, Record<string, unknown>>;
    const doc = Symbol.for('tsdl.doc');
    const undocumented: string[] = [];
    let documented = 0;
    const check = (name: string, value: unknown): void => {
      if (typeof value !== 'function') return;
      if ((value as unknown as Record<symbol, unknown>)[doc]) documented += 1;
      else undocumented.push(name);
    };
    for (const namespace of NAMESPACES) {
      for (const [key, value] of Object.entries(keras[namespace])) {
        check(`${namespace}.${key}`, value);
        if (namespace === 'datasets' && value && typeof value === 'object') for (const [inner, fn] of Object.entries(value)) check(`datasets.${key}.${inner}`, fn);
      }
    }
    expect(undocumented).to.deep.equal([]);
    expect(documented).to.be.above(200);
  });
});
