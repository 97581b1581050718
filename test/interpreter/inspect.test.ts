import * as tf from '@tensorflow/tfjs';
import { expect } from 'chai';
import { DocRegistry, extractDocComments } from '../../src/interpreter/introspection/docs';
import { describeDocumented, inspect } from '../../src/interpreter/introspection/inspect';
import { parameterList } from '../../src/interpreter/introspection/signature';
import { useCpu } from '../helpers/cpu';

function scopeWith(values: Record<string, unknown>): object {
  return Object.assign(Object.create(globalThis) as object, values);
}

const text = (result: ReturnType<typeof inspect>): string => result.data['text/plain'] ?? '';

describe('interpreter/inspect', () => {
  useCpu();

  it('reads parameter lists from function source, defaults and rest included', () => {
    expect(parameterList(function f(a: number, b = 2, ...rest: number[]) { return [a, b, rest]; })).to.equal('(a, b = 2, ...rest)');
    expect(parameterList((x: number) => x)).to.equal('(x)');
    expect(parameterList(async ({ a, b }: { a: number; b: number }) => a + b)).to.equal('({ a, b })');
    const methods = { m(a: number, b?: number) { return [a, b]; }, async *gen(c: number) { yield c; } };
    expect(parameterList(methods.m)).to.equal('(a, b)');
    expect(parameterList(methods.gen)).to.equal('(c)');
    class WithCtor {
      constructor(public units: number, activation = 'relu') { void activation; }
    }
    expect(parameterList(WithCtor)).to.equal('(units, activation = "relu")');
    expect(parameterList(class {})).to.equal('()');
    expect(parameterList(Math.max)).to.equal('(...)');
  });

  it('shows a function signature with its doc comment, and its source at detail level 1', () => {
    const docs = new DocRegistry();
    docs.addCell('/**\n * Adds two numbers.\n * @param a first\n */\nexport function add(a: number, b = 1) { return a + b }', ['add']);
    function add(a: number, b = 1): number {
      return a + b;
    }
    const scope = scopeWith({ add });
    const brief = text(inspect('add(1, ', 7, 0, scope, docs));
    expect(brief).to.contain('Signature:   add(a, b = 1)');
    expect(brief).to.contain('Docstring:   Adds two numbers.\n@param a first');
    expect(brief).to.contain('Type:        function');
    expect(brief).not.to.contain('Source:');
    expect(text(inspect('add', 1, 1, scope, docs))).to.contain('Source:\nfunction add(a, b = 1)');
    // Documented: TypeScript's declaration is not added to it (see language-service/merge.ts).
    expect(inspect('add', 1, 0, scope, docs).documented).to.equal(true);
    expect(inspect('add', 1, 0, scope, new DocRegistry()).documented).to.equal(false);
  });

  it('shows a class as its constructor signature', () => {
    class Dense {
      constructor(readonly units: number) {}
    }
    expect(text(inspect('new Dense', 9, 0, scopeWith({ Dense })))).to.contain('Init signature: Dense(units)');
  });

  it('shows a value\'s type and short string form, by dotted path, without calling getters', () => {
    let calls = 0;
    const model = {
      layers: [1, 2, 3],
      get loud(): number {
        calls++;
        return 1;
      },
    };
    const scope = scopeWith({ model, name: 'abc' });
    const shown = text(inspect('model.layers', 9, 0, scope));
    expect(shown).to.contain('Type:        Array');
    expect(shown).to.contain('String form: [ 1, 2, 3 ]');
    expect(shown).to.contain('Length:      3');
    expect(inspect('model.loud', 8, 0, scope).found).to.equal(false);
    expect(calls).to.equal(0);
    expect(text(inspect('name', 2, 0, scope))).to.contain("String form: 'abc'");
    expect(inspect('nothing.here', 3, 0, scope)).to.deep.equal({ found: false, data: {}, documented: false });
  });

  it('finds the doc comment of a global function passed by value, as help(f) does', () => {
    const docs = new DocRegistry();
    docs.addCell('/** Says hi. */\nfunction inspectHelped() {}', ['inspectHelped']);
    const helped = function inspectHelped(): void {};
    (globalThis as Record<string, unknown>).inspectHelped = helped;
    try {
      expect(describeDocumented(helped, 1, undefined, undefined, docs).data['text/plain']).to.contain('Docstring:   Says hi.');
      expect(describeDocumented(function inspectHelped(): void {}, 1, undefined, undefined, docs).data['text/plain']).not.to.contain('Says hi');
    } finally {
      delete (globalThis as Record<string, unknown>).inspectHelped;
    }
  });

  it('describes native functions and values for help()', () => {
    expect(describeDocumented(Math.max, 0).data['text/plain']).to.contain('Signature:   max(...)');
    expect(describeDocumented(new Map([[1, 2]]), 0).data['text/plain']).to.contain('Type:        Map');
    expect(describeDocumented(null, 0).data['text/plain']).to.contain('Type:        null');
  });

  it('gives the same description in Markdown, the doc comment as written and examples as code', () => {
    const docs = new DocRegistry();
    docs.addCell('/**\n * Adds `a` and `b`.\n * @example add(1, 2)\n */\nfunction add(a: number, b: number) { return a + b }', ['add']);
    const add = (a: number, b: number): number => a + b;
    const shown = describeDocumented(add, 1, 'add', docs.get('add'), docs).data['text/markdown'];
    expect(shown).to.equal('**Signature:** `add(a, b)`\n\nAdds `a` and `b`.  \n**Example:** `add(1, 2)`\n\n**Type:** `function`\n\n**Source:**\n\n```js\n(a, b) => a + b\n```');
  });

  it("describes a tensor by its dtype, shape and first values, not its fields, and survives a disposed one", () => {
    const t = tf.tensor2d([[1, 2, 3], [4, 5, 6]]);
    const shown = describeDocumented(t, 0).data['text/plain'];
    expect(shown).to.match(/^Type: +Tensor$/m);
    expect(shown).to.match(/^dtype: +float32$/m);
    expect(shown).to.match(/^shape: +\[2, 3\]$/m);
    expect(shown).to.match(/^Values: +\[\[1, 2, 3\],\n\s*\[4, 5, 6\]\]$/m);
    expect(shown).not.to.contain('dataId');
    t.dispose();
    expect(describeDocumented(t, 0).data['text/plain']).to.match(/^Values: +\(disposed\)$/m);
  });
});

describe('interpreter/docs', () => {
  it('finds doc comments of top-level declarations, past modifiers and decorators', () => {
    const docs = extractDocComments(`
/** The model. */
export const model = 1;
/** Not this one. */
/** A class. */
@decorate({ a: 1 })
export abstract class Net {
  /** a method: not top-level */
  fit() {}
}
/** gen */ async function* stream() {}
/** destructured */ const { a, b } = x;
// plain comment
function undocumented() {}
/** enum */ const enum Color { Red }`);
    expect(Object.fromEntries(docs)).to.deep.equal({ model: 'The model.', Net: 'A class.', stream: 'gen', Color: 'enum' });
  });

  it('forgets a doc when a later cell declares the name without one', () => {
    const registry = new DocRegistry();
    registry.addCell('/** v1 */ function f() {}', ['f']);
    expect(registry.get('f')).to.equal('v1');
    registry.addCell('function f() {}', ['f']);
    expect(registry.get('f')).to.equal(undefined);
  });
});
