// Everything tsdl keeps about each script it ran, by the script's filename (`tsdl-cell-<serial>.js`): tracebacks
// map frames through it long after the cell ran (a function defined in cell 3 may throw in cell 9), and its doc
// comments feed inspect.
import { docRegistry } from '../introspection/docs';
import type { Token } from '../compile/lexer';
import type { RewriteResult } from '../compile/rewrite';
import type { TranspileResult } from '../compile/transpile';

export interface RegisteredCell {
  /** The execution count shown as `In[N]`. */
  cellNumber: number;
  /** The cell's TypeScript source. */
  source: string;
  transpiled: Extract<TranspileResult, { ok: true }>;
  rewritten: RewriteResult;
}

const cells = new Map<string, RegisteredCell>();

/** Keeps the cell for tracebacks and its doc comments for inspect (read from `tokens`, its lex, when given). */
export function addCell(filename: string, cell: RegisteredCell, tokens?: readonly Token[]): void {
  cells.set(filename, cell);
  docRegistry.addCell(cell.source, cell.rewritten.declaredNames, tokens);
}

export function cellByFilename(filename: string): RegisteredCell | undefined {
  return cells.get(filename);
}
