// TypeScript → JavaScript for one cell, with esbuild (no type check). The output stays an ES module so that the
// rewrite still sees `import` statements; top-level `await` passes through untouched.
import { transformSync, type TransformFailure } from 'esbuild';
import type { EncodedSourceMap } from '@jridgewell/trace-mapping';
import { lex } from './lexer';

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
      map: SourceMapObject;
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
    const result = transformSync(source, {
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

/** A cell that is only `{ ... }` reads as an object literal, as in Node's REPL. */
function looksLikeObjectLiteral(source: string): boolean {
  const tokens = lex(source).tokens.filter((token) => token.type !== 'comment');
  return tokens.length > 1 && tokens[0].text === '{' && tokens[tokens.length - 1].text === '}';
}

// esbuild drops a statement that is only `NaN` or `Infinity` (no side effects), which would lose the value of a
// cell ending with one: the last token is spelled as a property read, which esbuild keeps.
const DROPPED_VALUES: Record<string, string> = { NaN: 'Number.NaN', Infinity: 'Number.POSITIVE_INFINITY' };

function keepDroppedLastValue(source: string): string {
  const tokens = lex(source).tokens.filter((token) => token.type !== 'comment');
  const last = tokens[tokens.length - 1];
  const before = tokens[tokens.length - 2];
  if (!last || !(last.text in DROPPED_VALUES)) return source;
  const startsStatement =
    !before || before.text === ';' || before.text === '}' || source.slice(before.end, last.start).includes('\n');
  if (!startsStatement) return source;
  return source.slice(0, last.start) + DROPPED_VALUES[last.text] + source.slice(last.end);
}

// esbuild reports columns in UTF-8 bytes; the rest of tsdl counts UTF-16 code units.
function byteColumnToUtf16(lineText: string, byteColumn: number): number {
  return Buffer.from(lineText, 'utf8').subarray(0, byteColumn).toString('utf8').length;
}

export function transpileCell(tsSource: string, cellNumber: number): TranspileResult {
  if (looksLikeObjectLiteral(tsSource)) {
    const wrapped = compile(`(${tsSource})`, cellNumber);
    if ('code' in wrapped) {
      return { ok: true, js: wrapped.code, map: JSON.parse(wrapped.map) as SourceMapObject, wrappedInParens: true };
    }
  }
  const result = compile(keepDroppedLastValue(tsSource), cellNumber);
  if ('code' in result) {
    return { ok: true, js: result.code, map: JSON.parse(result.map) as SourceMapObject, wrappedInParens: false };
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
