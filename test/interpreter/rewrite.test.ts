// The REPL rewrite of esbuild's output: globals across cells, imports, awaits and interrupts, positions; and the
// trailing-semicolon rule the executor applies to a cell's result.
import { expect } from 'chai';
import { Script } from 'vm';
import { runGlobalScript } from '../../src/interpreter/runtime/global-script';
import { mapToCell } from '../../src/interpreter/compile/positions';
import { analyzeCell } from '../../src/interpreter/compile/cell-value';
import { rewriteCell } from '../../src/interpreter/compile/rewrite';
import { compileCell, g, runCell, runtime } from './cell-harness';

describe('interpreter/rewrite', () => {
  it('keeps top-level declarations on globalThis across cells, and lets a re-run declare them again', async () => {
    await runCell('const rwConst = 1; let rwLet = 2; var rwVar = 3; class RwClass { x = 4 }');
    expect([g.rwConst, g.rwLet, g.rwVar]).to.deep.equal([1, 2, 3]);
    expect(await runCell('new RwClass().x + rwConst')).to.equal(5);
    await runCell('const rwConst: number = 10; let rwLet = 20; class RwClass { x = 40 }');
    expect(await runCell('new RwClass().x + rwConst + rwLet')).to.equal(70);
  });

  it('binds destructuring patterns globally', async () => {
    await runCell('const { rwA, rwB: [rwC, ...rwRest] = [], rwD = 7 } = { rwA: 1, rwB: [2, 3, 4] } as any;');
    expect([g.rwA, g.rwC, g.rwRest, g.rwD]).to.deep.equal([1, 2, [3, 4], 7]);
  });

  it('keeps function hoisting within the cell and exports the function', async () => {
    await runCell('const rwEarly = rwHoisted(2)\nfunction rwHoisted(n: number) { return n * 3 }');
    expect(g.rwEarly).to.equal(6);
    expect(await runCell('rwHoisted(5)')).to.equal(15);
  });

  it('resets `let x;` on a re-run but leaves `var x;` alone', async () => {
    await runCell('let rwReset = 1; var rwKeep = 1;');
    await runCell('let rwReset; var rwKeep;');
    expect(g.rwReset).to.equal(undefined);
    expect(g.rwKeep).to.equal(1);
  });

  it('leaves inner scopes alone and hoists var from top-level blocks and loops', async () => {
    const value = await runCell(`
      let rwTotal = 0;
      for (let rwI = 0; rwI < 3; rwI++) { let rwInner = rwI; rwTotal += rwInner }
      if (true) { const rwBlockConst = 1; var rwBlockVar = 2 }
      for (var rwLoopVar of [1, 2]) {}
      function rwLocal() { var rwFnVar = 1; return rwFnVar }
      rwTotal`);
    expect(value).to.equal(3);
    expect(g).not.to.have.property('rwI');
    expect(g).not.to.have.property('rwInner');
    expect(g).not.to.have.property('rwBlockConst');
    expect(g).not.to.have.property('rwFnVar');
    expect([g.rwBlockVar, g.rwLoopVar]).to.deep.equal([2, 2]);
  });

  it('returns the last expression, awaiting a promise, and undefined after a statement', async () => {
    expect(await runCell('1 + 1')).to.equal(2);
    expect(await runCell('const rwP = Promise.resolve(5);\nawait rwP')).to.equal(5);
    expect(await runCell('Promise.resolve("later")')).to.equal('later');
    expect(await runCell('const rwNone = 1')).to.equal(undefined);
    expect(await runCell('if (true) { 3 }')).to.equal(undefined);
    expect(await runCell('undefined')).to.equal(undefined);
    expect(await runCell('// only a comment')).to.equal(undefined);
    expect(await runCell('const rwN = 1;\nNaN')).to.be.NaN;
    expect(await runCell('Infinity // esbuild drops a bare Infinity')).to.equal(Infinity);
  });

  it('reads a lone `{ ... }` as an object literal but a block with statements as a block', async () => {
    expect(await runCell('{ a: 1, b: "x" }')).to.deep.equal({ a: 1, b: 'x' });
    expect(await runCell('{}')).to.deep.equal({});
    expect(await runCell('{ const rwInBlock = 1; }')).to.equal(undefined);
  });

  it('supports top-level await anywhere', async () => {
    const value = await runCell(`
      const rwAwaited = await new Promise<number>((resolve) => setTimeout(() => resolve(4), 1));
      const rwList = [await Promise.resolve(1), await Promise.resolve(2)];
      async function rwLater() { return (await Promise.resolve(3)) + rwAwaited }
      rwList.length + await rwLater()`);
    expect(value).to.equal(9);
  });

  it('turns imports into calls of the injected importer', async () => {
    runtime.modules.set('cjs-mod', { default: { kind: 'cjs' }, named: 'n' });
    runtime.modules.set('esm-mod', { other: 1 });
    runtime.modules.set('side-effect', {});
    runtime.imported = [];
    await runCell(`
      import rwDefault, { named as rwNamed } from 'cjs-mod';
      import * as rwNs from 'esm-mod';
      import rwNoDefault from 'esm-mod';
      import 'side-effect';
      const rwDynamic = await import('esm-mod');`);
    expect(runtime.imported).to.deep.equal(['cjs-mod', 'esm-mod', 'esm-mod', 'side-effect', 'esm-mod']);
    expect(g.rwDefault).to.deep.equal({ kind: 'cjs' });
    expect(g.rwNamed).to.equal('n');
    expect(g.rwNs).to.deep.equal({ other: 1 });
    expect(g.rwNoDefault).to.deep.equal({ other: 1 });
    expect(g.rwDynamic).to.deep.equal({ other: 1 });
  });

  it('keeps an import that the cell does not use yet, for later cells', async () => {
    runtime.modules.set('unused-yet', { value: 42 });
    await runCell("import { value as rwUnused } from 'unused-yet';");
    expect(await runCell('rwUnused')).to.equal(42);
  });

  it('drops export keywords', async () => {
    await runCell('export const rwExported = 1; export function rwExportedFn() { return 2 }');
    expect(await runCell('rwExported + rwExportedFn()')).to.equal(3);
  });

  it('stops code that resumes after an interrupt, at any depth', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    g.rwGate = gate;
    g.rwReached = false;
    const cell = runCell('async function rwInner() { await rwGate; rwReached = true }\nawait rwInner()');
    runtime.generation++;
    release();
    let error: unknown;
    try {
      await cell;
    } catch (caught) {
      error = caught;
    }
    expect((error as Error).name).to.equal('InterruptError');
    expect(g.rwReached).to.equal(false);
  });

  it('stops a `for await` loop after an interrupt', async () => {
    g.rwSteps = [];
    // An iterator from outside the cell, whose own awaits the rewrite cannot see.
    async function* ticks(): AsyncGenerator<number> {
      for (let i = 0; i < 5; i++) {
        await new Promise((resolve) => setTimeout(resolve, 5));
        yield i;
      }
    }
    g.rwTicks = ticks;
    const cell = runCell(`
      for await (const rwTick of rwTicks()) {
        rwSteps.push(rwTick);
        if (rwTick === 1) setTimeout(() => __tsdl.generation++, 1);
      }`);
    let error: unknown;
    try {
      await cell;
    } catch (caught) {
      error = caught;
    }
    expect((error as Error).name).to.equal('InterruptError');
    expect(g.rwSteps).to.deep.equal([0, 1]);
  });

  it('stops .then, .catch and .finally callbacks that come due after an interrupt, and passes the rest through', async () => {
    let release: () => void = () => undefined;
    g.rwChainGate = new Promise<void>((resolve) => (release = resolve));
    g.rwRan = [];
    const chained = (await runCell(`[
      rwChainGate.then(() => rwRan.push('then')),
      rwChainGate.then(() => { throw new Error('x') }).catch(() => rwRan.push('catch')),
      rwChainGate["finally"](() => rwRan.push('finally')),
      rwChainGate.then(undefined, null),
    ]`)) as Promise<unknown>[];
    runtime.generation++;
    release();
    const outcomes = await Promise.all(chained.map((p) => p.then(() => 'ran', (error: Error) => error.name)));
    expect(outcomes).to.deep.equal(['InterruptError', 'InterruptError', 'InterruptError', 'ran']);
    expect(g.rwRan).to.deep.equal([]);
    expect(await runCell('await rwChainGate.then(() => 7)')).to.equal(7);
  });

  it('keeps for-await over sync iterables of promises', async () => {
    expect(await runCell('let rwSum = 0; for await (const v of [Promise.resolve(1), 2]) rwSum += v; rwSum')).to.equal(3);
  });

  it('is line-preserving and maps positions back to esbuild output', () => {
    const js = 'const a = 1;\nlet b = await f(a);\nclass C {\n}\nb;\n';
    const result = rewriteCell(js);
    const lines = result.code.split('\n');
    expect(lines[1]).to.contain('b = __tsdl.resume(__tsdl.gen(), await f(a))');
    expect(lines[4]).to.contain('return { __proto__: null, value:');
    const column = lines[1].indexOf('f(a)');
    expect(result.mapPosition(2, column)).to.deep.equal({ line: 2, column: js.split('\n')[1].indexOf('f(a)') });
    const line1Column = lines[0].indexOf('a = 1');
    expect(result.mapPosition(1, line1Column)).to.deep.equal({ line: 1, column: 6 });
    expect(result.declaredNames).to.deep.equal(['a', 'b', 'C']);
  });

  it('writes out the semicolon that ASI gave a declaration in a cell left as it was', async () => {
    const source = 'let rwAsi\n[3, 4].forEach((v) => (rwAsi = v))\nvar rwAsiVar\n(rwAsi)';
    expect(compileCell(source).transpiled.map).to.equal(null);
    expect(await runCell(source)).to.equal(4);
    expect(await runCell('rwAsiVar')).to.equal(undefined);
  });

  it("maps the wrapper's own frame (the call of the cell's body) to no line, with and without esbuild", () => {
    for (const source of ['const rwWrapped = 1\nrwWrapped', 'const rwWrappedTs: number = 1\nrwWrappedTs']) {
      const cell = compileCell(source);
      const lines = cell.rewritten.code.split('\n');
      const call = lines[lines.length - 1].lastIndexOf('()');
      expect(mapToCell(cell.rewritten, cell.transpiled, lines.length, call), source).to.equal(null);
      expect(mapToCell(cell.rewritten, cell.transpiled, 2, 0), source).to.deep.equal({ line: 2, column: 0 });
    }
  });

  /** Where the first frame in `cell`'s script of the error its script throws maps to in the cell. */
  async function thrownAt(source: string): Promise<{ line: number; column: number } | null> {
    const cell = compileCell(source);
    let caught: Error | undefined;
    try {
      await (runGlobalScript(cell.rewritten.code, cell.filename) as Promise<unknown>);
    } catch (error) {
      caught = error as Error;
    }
    const frame = caught!.stack!.split('\n').find((line) => line.includes(cell.filename))!;
    const [, line, column] = /:(\d+):(\d+)\)?$/.exec(frame)!.map(Number);
    return mapToCell(cell.rewritten, cell.transpiled, line, column - 1);
  }

  it('maps a thrown error back to the cell line, TypeScript or JavaScript that skipped esbuild', async () => {
    // V8 places the frame at `new Error`.
    const typescript = 'interface P { x: number }\nconst rwOk: P = { x: 1 };\n\nfunction rwBoom(): never {\n  throw new Error("boom");\n}\nrwBoom();';
    expect(await thrownAt(typescript)).to.deep.equal({ line: 5, column: 8 });
    const javascript = 'const rwPlain = 1\n\nfunction rwPlainBoom() {\n  throw new Error("boom")\n}\nrwPlainBoom()';
    expect(compileCell(javascript).transpiled.map).to.equal(null);
    expect(await thrownAt(javascript)).to.deep.equal({ line: 4, column: 8 });
  });
});

describe('interpreter/rewrite of JavaScript it cannot parse', () => {
  it('still returns a script, one that rejects with a SyntaxError saying why', async () => {
    const result = rewriteCell('const = ;');
    const outcome = new Script(result.code).runInThisContext() as Promise<unknown>;
    let error: unknown;
    await outcome.catch((caught: unknown) => (error = caught));
    expect(error).to.be.instanceOf(SyntaxError);
    expect((error as Error).message).to.contain('could not rewrite');
  });
});

describe('interpreter/cell-value endsWithSemicolon', () => {
  const endsWithSemicolon = (source: string): boolean => analyzeCell(source).endsWithSemicolon;

  it('follows IPython: a trailing `;` hides the result, comments and whitespace after it do not count', () => {
    expect(endsWithSemicolon('x;')).to.equal(true);
    expect(endsWithSemicolon('x;  // note\n/* more */\n')).to.equal(true);
    expect(endsWithSemicolon('x')).to.equal(false);
    expect(endsWithSemicolon('x // a;')).to.equal(false);
    expect(endsWithSemicolon('"a;"')).to.equal(false);
    expect(endsWithSemicolon('`${1};`')).to.equal(false);
    expect(endsWithSemicolon('/;/')).to.equal(false);
    expect(endsWithSemicolon('')).to.equal(false);
  });
});
