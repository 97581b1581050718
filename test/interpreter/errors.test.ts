import { expect } from 'chai';
import { runGlobalScript } from '../../src/interpreter/runtime/global-script';
import { formatRuntimeError, formatSyntaxError, registerCell } from '../../src/interpreter/runtime/errors';
import { transpileCell } from '../../src/interpreter/compile/transpile';
import { compileCell } from './cell-harness';

const stripAnsi = (text: string): string => text.replace(/\x1b\[[0-9;]*m/g, '');

async function failingCell(source: string, cellNumber: number): Promise<unknown> {
  const cell = compileCell(source);
  registerCell(cell.filename, { cellNumber, source }, cell.rewritten.declaredNames);
  try {
    await (runGlobalScript(cell.rewritten.code, cell.filename) as Promise<unknown>);
  } catch (error) {
    return error;
  }
  throw new Error('the cell did not throw');
}

describe('interpreter/errors', () => {
  it('shows the user frames as Cell In[N] blocks with the TypeScript line, most recent call last', async () => {
    const source = [
      'type N = number;',
      'function errInner(n: N): N {',
      '  if (n > 1) throw new RangeError(`too big: ${n}`);',
      '  return n;',
      '}',
      'const errValue: N = 2;',
      'errInner(errValue);',
    ].join('\n');
    const content = formatRuntimeError(await failingCell(source, 7));
    expect(content.ename).to.equal('RangeError');
    expect(content.evalue).to.equal('too big: 2');
    const text = content.traceback.map(stripAnsi);
    expect(text[0]).to.match(/^-{75}\nRangeError\s+Traceback \(most recent call last\)$/);
    expect(text[1]).to.equal(
      ['Cell In[7], line 7', '      5 }', '      6 const errValue: N = 2;', '----> 7 errInner(errValue);'].join('\n'),
    );
    expect(text[2].split('\n')[0]).to.equal('Cell In[7], line 3, in errInner');
    expect(text[2]).to.contain('----> 3   if (n > 1) throw new RangeError(`too big: ${n}`);');
    expect(text[text.length - 1]).to.equal('RangeError: too big: 2');
    expect(text.join('\n')).not.to.contain('cell-harness').and.not.to.contain('errors.test');
  });

  it('keeps the frames of a cell that threw after an await', async () => {
    const content = formatRuntimeError(await failingCell('await null;\nnull!.foo;', 8));
    const text = content.traceback.map(stripAnsi);
    expect(content.ename).to.equal('TypeError');
    expect(text[1].split('\n')[0]).to.equal('Cell In[8], line 2');
  });

  it('falls back to the stack text when no call sites were captured', () => {
    const error = new Error('plain');
    error.stack = 'Error: plain\n    at thing (/nowhere/lib.js:3:4)\n    at node:internal/x:1:1';
    const text = formatRuntimeError(error).traceback.map(stripAnsi);
    expect(text).to.deep.equal([text[0], 'File /nowhere/lib.js:3, in thing', 'Error: plain']);
  });

  it('names interrupts after the error', () => {
    class InterruptError extends Error {
      override name = 'InterruptError';
    }
    const content = formatRuntimeError(new InterruptError('the cell was interrupted'));
    expect(content.ename).to.equal('InterruptError');
    expect(stripAnsi(content.traceback[content.traceback.length - 1])).to.equal('InterruptError: the cell was interrupted');
  });

  it('gives a sensible error for thrown non-Error values', () => {
    expect(formatRuntimeError(42)).to.include({ ename: 'Uncaught', evalue: '42' });
    const object = formatRuntimeError({ a: 1 });
    expect(object.evalue).to.equal('{ a: 1 }');
    expect(stripAnsi(object.traceback[1])).to.equal('Uncaught { a: 1 }');
  });

  it('formats a syntax error with the line and a caret under the column', () => {
    const result = transpileCell('const a = 1;\n  const b = a +;', 4);
    if (result.ok) throw new Error('expected a syntax error');
    const content = formatSyntaxError(result.error, 4);
    expect(content.ename).to.equal('SyntaxError');
    expect(content.traceback.map(stripAnsi)).to.deep.equal([
      '  Cell In[4], line 2',
      '    const b = a +;',
      '                 ^',
      `SyntaxError: ${result.error.message}`,
    ]);
  });
});
