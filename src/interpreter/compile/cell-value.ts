// The rules for a cell's value, in one place. On the TypeScript side, read from one lex of the cell: a lone
// `{ ... }` is an object literal (as in Node's REPL), the last top-level statement may be an expression whose
// value must survive esbuild, and a trailing `;` hides the result (IPython's rule). On the JavaScript side, read
// from acorn's tree of the JavaScript (esbuild's output, or the cell itself): which statement's value is the cell's
// result.
import type { Node, Program } from 'acorn';
import { lex, type Token } from './lexer';

/** What the source-side rules found in one cell. */
export interface CellShape {
  /** Every token of the cell's TypeScript, comments included (the doc comments feed inspect). */
  tokens: Token[];
  /** The cell is only `{ ... }`: compiled as an object literal, not a block. */
  objectLiteral: boolean;
  /** [start, end) of the last top-level statement, without its `;`, when it may be an expression; else null. */
  lastExpression: { start: number; end: number } | null;
  /**
   * The last token is `;`, so the cell shows no result. Checked on the TypeScript source, since esbuild adds a
   * semicolon to every statement; comments and whitespace after it do not count.
   */
  endsWithSemicolon: boolean;
}

// Statements that start with one of these words are not expressions: their value is not the cell's.
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

function lastExpression(source: string, code: Token[]): CellShape['lastExpression'] {
  const start = lastStatementStart(source, code);
  const tail = code.filter((token) => token.start >= start);
  if (tail.length === 0 || tail[0].text === '{' || STATEMENT_KEYWORDS.has(tail[0].text)) return null;
  const last = tail[tail.length - 1];
  return { start, end: last.text === ';' ? last.start : last.end };
}

/** Lexes the cell once and applies every source-side rule to that lex. */
export function analyzeCell(source: string): CellShape {
  const tokens = lex(source).tokens;
  const code = tokens.filter((token) => token.type !== 'comment');
  const last = code[code.length - 1];
  return {
    tokens,
    objectLiteral: code.length > 1 && code[0].text === '{' && last.text === '}',
    lastExpression: lastExpression(source, code),
    endsWithSemicolon: last !== undefined && last.type === 'punct' && last.text === ';',
  };
}

// esbuild folds constants and then drops expression statements without side effects (`"a" + "b"`, `-5`, `NaN`,
// `void 0`), which would lose the value of a cell that ends with one. The last statement, when it is an
// expression, is passed through the runtime's identity function, a call esbuild keeps. Lines stay where they are;
// columns on the wrapped statement's first line shift by the prefix.
const KEEP_VALUE = '__tsdl.value((';

/**
 * The source with its last expression wrapped in `__tsdl.value(...)`, or the source itself when it ends with no
 * expression. A tail that is not an expression after all does not compile once wrapped: the caller then compiles
 * the source as it is.
 */
export function keepLastValue(source: string, shape: CellShape): string {
  if (!shape.lastExpression) return source;
  const { start, end } = shape.lastExpression;
  return `${source.slice(0, start)}${KEEP_VALUE}${source.slice(start, end)}))${source.slice(end)}`;
}

/** Statements that leave no value and bind nothing, such as the `export { e };` esbuild appends at the end. */
function isBindingFree(statement: Node & { declaration?: unknown }): boolean {
  if (statement.type === 'EmptyStatement' || statement.type === 'ExportAllDeclaration') return true;
  return statement.type === 'ExportNamedDeclaration' && !statement.declaration;
}

/**
 * The statement of esbuild's output whose value is the cell's result: the last one that is not binding-free, when
 * it is an expression statement; null when the cell ends with a declaration or another statement.
 */
export function valueStatement(program: Program): Node | null {
  let index = program.body.length - 1;
  while (index >= 0 && isBindingFree(program.body[index])) index--;
  const statement = index >= 0 ? program.body[index] : null;
  return statement?.type === 'ExpressionStatement' ? statement : null;
}
