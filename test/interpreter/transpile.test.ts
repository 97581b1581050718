import { expect } from 'chai';
import { transpileCell } from '../../src/interpreter/compile/transpile';

describe('interpreter/transpile', () => {
  it('strips types, keeps imports and top-level await, and returns a source map object', () => {
    const result = transpileCell('import * as tf from "tf";\nconst x: number = await f<string>(1);\nx', 3);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.js).to.contain('import * as tf from "tf"');
    expect(result.js).to.contain('const x = await f(1);');
    expect(result.map?.version).to.equal(3);
    expect(result.map?.sources).to.deep.equal(['cell-3.ts']);
    expect(result.wrappedInParens).to.equal(false);
  });

  it('drops type-only imports', () => {
    const result = transpileCell('import type { T } from "t";\nimport { type U, v } from "u";', 1);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.js).not.to.contain('"t"');
    expect(result.js).to.contain('import { v } from "u"');
  });

  it('reports a syntax error at the cell line and column with the line text', () => {
    const result = transpileCell('const a = 1;\nconst b = a +;\n', 1);
    expect(result.ok).to.equal(false);
    if (result.ok) return;
    expect(result.error).to.include({ line: 2, column: 13, lineText: 'const b = a +;' });
    expect(result.error.message).to.contain(';');
  });

  it('counts columns in UTF-16 code units after astral characters', () => {
    const result = transpileCell('const s = "𝒳𝒳"; let q = s + 1 +;', 1);
    if (result.ok) throw new Error('expected a syntax error');
    expect(result.error.column).to.equal('const s = "𝒳𝒳"; let q = s + 1 +'.length);
  });

  it('compiles a lone object literal as an expression', () => {
    const result = transpileCell('{ a: 1 }', 1);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.wrappedInParens).to.equal(true);
    expect(result.js).to.match(/^\(\{ a: 1 \}\);/);
    const block = transpileCell('{ let a = 1; }', 1);
    expect(block.ok && block.wrappedInParens).to.equal(false);
  });

  it('hands a cell that is JavaScript already to the rewrite as it is, parsed, with no source map', () => {
    const source = 'const a = [1, 2].map((v) => v * 2) // doubled\nfor (let i = 0; i < 2; i++) a.push(i)\nawait a';
    const result = transpileCell(source, 1);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.js).to.equal(source);
    expect(result.map).to.equal(null);
    expect(result.program?.body).to.have.length(3);
  });

  it('sends TypeScript, generic calls that would parse as comparisons, and post-ES2022 syntax through esbuild', () => {
    for (const source of ['let n: number = 1', 'f<string>(1)', 'f < a > (1)', 'x!.y', 'class A { declare x: number }', '#!/bin/tsdl\n1']) {
      const result = transpileCell(source, 1);
      expect(result.ok && result.map !== null, source).to.equal(true);
    }
    const generic = transpileCell('f<string>(1)', 1);
    expect(generic.ok && generic.js).to.equal('__tsdl.value(f(1));\n');
  });
});
