// TypeScript → JavaScript for one cell, with esbuild (no type check). The output stays an ES module so that the
// rewrite still sees `import` statements; top-level `await` passes through untouched.
import type { TransformFailure } from 'esbuild';
import type { EncodedSourceMap } from '@jridgewell/trace-mapping';
import { transformWithRestart } from './compile-service';
import { lex, type Token } from './lexer';

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

/** A cell that is only `{ ... }` reads as an object literal, as in Node's REPL. */
function looksLikeObjectLiteral(source: string): boolean {
  const tokens = lex(source).tokens.filter((token) => token.type !== 'comment');
  return tokens.length > 1 && tokens[0].text === '{' && tokens[tokens.length - 1].text === '}';
}

// esbuild folds constants and then drops expression statements without side effects (`"a" + "b"`, `-5`, `NaN`,
// `void 0`), which would lose the value of a cell that ends with one. The last statement, when it is an
// expression, is passed through the runtime's identity function, a call esbuild keeps. Lines stay where they are;
// columns on the wrapped statement's first line shift by the prefix.
export const KEEP_VALUE = '__tsdl.value((';
const STATEMENT_KEYWORDS = new Set([
  'abstract', 'async', 'break', 'class', 'const', 'continue', 'debugger', 'declare', 'do', 'enum', 'export', 'for',
  'function', 'if', 'import', 'interface', 'let', 'namespace', 'return', 'switch', 'throw', 'try', 'type', 'var',
  'while', 'with', 'module',
]);

/** Where the last top-level statement starts: after the last `;`, or after a `}` that ends its line. */
function lastStatementStart(source: string, tokens: Token[]): number {
  let depth = 0;
  let start = 0;
  for (let i = 0; i < tokens.length; i++) {
    const { text } = tokens[i];
    if (text === '(' || text === '[' || text === '{' || text === '${') depth++;
    else if (text === ')' || text === ']' || text === '}') depth--;
    if (depth !== 0 || (text !== ';' && text !== '}')) continue;
    const next = tokens[i + 1];
    if (text === ';' || (next && source.slice(tokens[i].end, next.start).includes('\n'))) start = next ? next.start : source.length;
  }
  return start;
}

function keepLastValue(source: string): string {
  const tokens = lex(source).tokens.filter((token) => token.type !== 'comment');
  const start = lastStatementStart(source, tokens);
  const tail = tokens.filter((token) => token.start >= start);
  if (tail.length === 0 || tail[0].text === '{' || STATEMENT_KEYWORDS.has(tail[0].text)) return source;
  const end = tail[tail.length - 1].text === ';' ? tail[tail.length - 1].start : tail[tail.length - 1].end;
  // A tail that is not an expression does not compile once wrapped: transpileCell then compiles the cell as it is.
  return `${source.slice(0, start)}${KEEP_VALUE}${source.slice(start, end)}))${source.slice(end)}`;
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
  const kept = keepLastValue(tsSource);
  let result = compile(kept, cellNumber);
  // Should the wrapped form not compile, the cell's own text gives the syntax error at the user's positions.
  if (kept !== tsSource && !('code' in result)) result = compile(tsSource, cellNumber);
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
