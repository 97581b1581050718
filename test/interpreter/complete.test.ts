import { expect } from 'chai';
import { complete } from '../../src/interpreter/introspection/complete';

function scopeWith(values: Record<string, unknown>): object {
  return Object.assign(Object.create(globalThis) as object, values);
}

describe('interpreter/complete', () => {
  it('completes globals (non-enumerable ones too) and keywords, sorted without duplicates', () => {
    const scope = scopeWith({ myModel: 1 });
    Object.defineProperty(scope, 'myHidden', { value: 2, enumerable: false });
    const result = complete('const x = my', 12, scope);
    expect(result.matches).to.deep.equal(['myHidden', 'myModel']);
    expect(result).to.include({ cursor_start: 10, cursor_end: 12 });
    expect(complete('aw', 2, scope).matches).to.include('await');
    expect(complete('Arr', 3, scope).matches).to.deep.equal(['Array', 'ArrayBuffer']);
    const all = complete('', 0, scope).matches;
    expect(new Set(all).size).to.equal(all.length);
  });

  it('gives a live function its kind and parameter list, as ipykernel does', () => {
    const scope = scopeWith({ addUp: (a: number, b = 1) => a + b, addend: 2 });
    const types = complete('addU', 4, scope).metadata._jupyter_types_experimental;
    expect(types).to.deep.equal([{ start: 0, end: 4, text: 'addUp', type: 'function', signature: '(a, b = 1)' }]);
    expect(complete('adde', 4, scope).metadata._jupyter_types_experimental).to.deep.equal([{ start: 0, end: 4, text: 'addend', type: 'instance' }]);
  });

  it('completes names the code itself declares before the cursor, not yet run', () => {
    const code = 'const zeroOne = 1; function zeroTwo() {}\nzero';
    expect(complete(code, code.length, {}).matches).to.include.members(['zeroOne', 'zeroTwo']);
    expect(complete('zero', 4, {}).matches).to.deep.equal([]);
  });

  it('completes members along a dotted path, own members first', () => {
    class Layer {
      name = 'dense';
      apply(): void {}
    }
    const scope = scopeWith({ model: { layers: [new Layer()], lastOne: 1, inner: { deeper: { leaf: 1 } } } });
    expect(complete('model.la', 8, scope).matches).to.deep.equal(['lastOne', 'layers']);
    expect(complete('model.inner.deeper.le', 21, scope).matches).to.deep.equal(['leaf']);
    expect(complete('model.layers[0].', 16, scope).matches.slice(0, 3)).to.deep.equal(['name', 'apply', 'constructor']);
    expect(complete("model['inner'].de", 17, scope).matches).to.deep.equal(['deeper']);
    const result = complete('x = model?.\n  inner.d', 21, scope);
    expect(result.matches).to.deep.equal(['deeper']);
    expect(result.cursor_start).to.equal(20);
  });

  it('completes members of library namespaces like tf.random', () => {
    const tf = { randomNormal() {}, randomUniform() {}, relu() {} };
    const result = complete('tf.random', 9, scopeWith({ tf }));
    expect(result.matches).to.deep.equal(['randomNormal', 'randomUniform']);
    expect(result.metadata._jupyter_types_experimental![0]).to.include({ type: 'function', text: 'randomNormal' });
  });

  it('never calls a getter or enters a proxy', () => {
    let calls = 0;
    const object = {
      get trap(): { inner: number } {
        calls++;
        return { inner: 1 };
      },
      plain: 1,
    };
    const proxy = new Proxy({}, { ownKeys: () => { calls++; return []; }, getPrototypeOf: () => { calls++; return null; } });
    const scope = scopeWith({ object, proxy });
    expect(complete('object.', 7, scope).matches.slice(0, 2)).to.deep.equal(['plain', 'trap']);
    expect(complete('object.trap.', 12, scope).matches).to.deep.equal([]);
    expect(complete('proxy.', 6, scope).matches).to.deep.equal([]);
    expect(calls).to.equal(0);
  });

  it('completes members of string and number values, and of string literals', () => {
    const scope = scopeWith({ text: 'abc', count: 3 });
    expect(complete('text.toUpp', 10, scope).matches).to.deep.equal(['toUpperCase']);
    expect(complete('count.toFi', 10, scope).matches).to.deep.equal(['toFixed']);
    expect(complete("'x'.padS", 8, scope).matches).to.deep.equal(['padStart']);
  });

  it('hides __tsdl names, and dunder names unless asked for', () => {
    const scope = scopeWith({ __tsdl: {}, __tsdl_module: 1, _private: 2 });
    expect(complete('__', 2, scope).matches).not.to.include('__tsdl');
    expect(complete('({}).', 5, scope).matches).to.deep.equal([]);
    expect(complete('Object.prototype.__pro', 22, scope).matches).to.deep.equal(['__proto__']);
    expect(complete('_', 1, scope).matches).to.include('_private');
  });

  it('counts cursor positions in code points (astral characters before the cursor)', () => {
    const scope = scopeWith({ model: { layers: 1 } });
    const code = '"𝒳𝒳"; model.la';
    const cursor = Array.from(code).length;
    const result = complete(code, cursor, scope);
    expect(result.matches).to.deep.equal(['layers']);
    expect(result).to.include({ cursor_start: cursor - 2, cursor_end: cursor });
  });

  it('offers nothing inside strings and comments, or after a call', () => {
    const scope = scopeWith({ model: { layers: 1 } });
    expect(complete('"model.la', 9, scope).matches).to.deep.equal([]);
    expect(complete('// model.la', 11, scope).matches).to.deep.equal([]);
    expect(complete('f().la', 6, scope).matches).to.deep.equal([]);
  });

  it('follows Node\'s own lazy globals such as process', () => {
    expect(complete('process.pl', 10).matches).to.deep.equal(['platform']);
  });
});
