// Everything tsdl keeps about each script it ran, by the script's filename (`tsdl-cell-<serial>.js`): tracebacks
// map frames through it long after the cell ran (a function defined in cell 3 may throw in cell 9), and its doc
// comments feed inspect.
import { docRegistry } from './docs';
import type { RewriteResult } from './rewrite';
import type { TranspileResult } from './transpile';

export interface RegisteredCell {
  /** The execution count shown as `In[N]`. */
  cellNumber: number;
  /** The cell's TypeScript source. */
  source: string;
  transpiled: Extract<TranspileResult, { ok: true }>;
  rewritten: RewriteResult;
}

const cells = new Map<string, RegisteredCell>();

export function addCell(filename: string, cell: RegisteredCell): void {
  cells.set(filename, cell);
  docRegistry.addCell(cell.source, cell.rewritten.declaredNames);
}

export function cellByFilename(filename: string): RegisteredCell | undefined {
  return cells.get(filename);
}
