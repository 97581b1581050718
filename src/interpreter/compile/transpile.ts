// TypeScript → JavaScript for one cell, with esbuild (no type check). The output stays an ES module so that the
// rewrite still sees `import` statements; top-level `await` passes through untouched. The cell's value rules
// (cell-value.ts) decide how the source is handed to esbuild. A cell that is JavaScript already skips esbuild.
// Also the parse check behind is_complete.
import { parse, type Program } from 'acorn';
import type { TransformFailure } from 'esbuild';
import type { EncodedSourceMap } from '@jridgewell/trace-mapping';
import { analyzeCell, keepLastValue, type CellShape } from './cell-value';
import { transformWithRestart } from './compile-service';

/** A version-3 source map as esbuild writes it (what @jridgewell/trace-mapping accepts). */
export type SourceMapObject = EncodedSourceMap;

/** Positions: `line` is 1-based, `column` 0-based in UTF-16 code units (JavaScript string indices). */
export interface CellSyntaxError {
  message: string;
  line: number;
  column: number;
  lineText: string;
}

export type TranspileResult =
  | {
      ok: true;
      js: string;
      /** esbuild's source map; null when `js` is the cell's own text, so every position maps to itself. */
      map: SourceMapObject | null;
      /** acorn's tree of `js` when it was parsed already (the cell that skipped esbuild), for the rewrite. */
      program: Program | null;
      /**
       * The source was compiled as `(` + source + `)` because it is a lone object literal (`{ a: 1 }`), which
       * JavaScript would otherwise read as a block: columns on line 1 of the map are one further right.
       */
      wrappedInParens: boolean;
    }
  | { ok: false; error: CellSyntaxError };

interface Compiled {
  code: string;
  map: string;
}

function compile(source: string, cellNumber: number): Compiled | TransformFailure {
  try {
    const result = transformWithRestart(source, {
      loader: 'ts',
      format: 'esm',
      target: 'es2022',
      sourcemap: 'external',
      sourcefile: `cell-${cellNumber}.ts`,
      // Keep every import: a cell that imports `tf` without using it yet still defines `tf` for later cells
      // (esbuild otherwise drops imports it cannot prove are values).
      tsconfigRaw: { compilerOptions: { verbatimModuleSyntax: true } },
    });
    return { code: result.code, map: result.map };
  } catch (error) {
    if (error && typeof error === 'object' && 'errors' in error) return error as TransformFailure;
    throw error;
  }
}

// Skipping esbuild saves the one call to another process on a cell's path. A cell that parses as JavaScript means
// the same in TypeScript, but for `f<T>(x)`: a generic call there, two comparisons here. So a cell with both `<`
// and `>` goes to esbuild. The parse stops at ES2022, esbuild's target, so newer syntax still goes through esbuild.
function parsedAsJavaScript(source: string, shape: CellShape): Program | null {
  if (shape.objectLiteral) return null;
  const punctuation = shape.tokens.filter((token) => token.type === 'punct');
  if (punctuation.some((t) => t.text.startsWith('<')) && punctuation.some((t) => t.text.startsWith('>'))) return null;
  try {
    return parse(source, { ecmaVersion: 2022, sourceType: 'module', allowAwaitOutsideFunction: true });
  } catch {
    return null;
  }
}

/** Starts esbuild's service ahead of the first cell that needs it. */
export function startTranspiler(): void {
  compile('', 0);
}

// esbuild reports columns in UTF-8 bytes; the rest of tsdl counts UTF-16 code units.
function byteColumnToUtf16(lineText: string, byteColumn: number): number {
  return Buffer.from(lineText, 'utf8').subarray(0, byteColumn).toString('utf8').length;
}

/** Compiles one cell; `shape` is the cell's analysis when the caller has it already (one lex a cell). */
export function transpileCell(tsSource: string, cellNumber: number, shape: CellShape = analyzeCell(tsSource)): TranspileResult {
  const program = parsedAsJavaScript(tsSource, shape);
  if (program) return { ok: true, js: tsSource, map: null, program, wrappedInParens: false };
  if (shape.objectLiteral) {
    const wrapped = compile(`(${tsSource})`, cellNumber);
    if ('code' in wrapped) {
      return { ok: true, js: wrapped.code, map: JSON.parse(wrapped.map) as SourceMapObject, program: null, wrappedInParens: true };
    }
  }
  const kept = keepLastValue(tsSource, shape);
  let result = compile(kept, cellNumber);
  // Should the wrapped form not compile, the cell's own text gives the syntax error at the user's positions.
  if (kept !== tsSource && !('code' in result)) result = compile(tsSource, cellNumber);
  if ('code' in result) {
    return { ok: true, js: result.code, map: JSON.parse(result.map) as SourceMapObject, program: null, wrappedInParens: false };
  }
  const first = result.errors[0];
  const location = first?.location;
  const lineText = location?.lineText ?? '';
  return {
    ok: false,
    error: {
      message: first?.text ?? result.message,
      line: location?.line ?? 1,
      column: location ? byteColumnToUtf16(lineText, location.column) : 0,
      lineText,
    },
  };
}

/** esbuild's first error for the source read as a module, or null when it parses. */
export function parseError(tsSource: string): string | null {
  try {
    transformWithRestart(tsSource, { loader: 'ts', format: 'esm', target: 'es2022' });
    return null;
  } catch (error) {
    const errors = (error as { errors?: { text: string }[] }).errors;
    return errors?.[0]?.text ?? String(error);
  }
}
