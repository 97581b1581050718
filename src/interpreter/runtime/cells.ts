// Everything tsdl keeps about each script it ran, by the script's filename (`tsdl-cell-<serial>.js`): tracebacks
// map frames through it long after the cell ran (a function defined in cell 3 may throw in cell 9), and its doc
// comments feed inspect. Only the source is kept: the position maps of a cell (esbuild's source map and the
// rewrite's) weigh a few kilobytes, so they are made again, the same, for the few cells a traceback passes through.
import { docRegistry } from '../introspection/docs';
import { analyzeCell } from '../compile/cell-value';
import type { Token } from '../compile/lexer';
import { mapToCell } from '../compile/positions';
import { rewriteCell } from '../compile/rewrite';
import { transpileCell } from '../compile/transpile';

export interface RegisteredCell {
  /** The execution count shown as `In[N]`. */
  cellNumber: number;
  /** The cell's TypeScript source. */
  source: string;
}

type CellPosition = { line: number; column: number };
type PositionMap = (line: number, column: number) => CellPosition | null;

/** The position maps made last, by cell: a traceback usually passes through one or two cells, often again. */
const RECENT_MAPS = 8;

const cells = new Map<string, RegisteredCell>();
const recentMaps = new Map<RegisteredCell, PositionMap>();

/** Keeps the cell for tracebacks, and the doc comments of the names it declares for inspect (`tokens`: its lex). */
export function addCell(filename: string, cell: RegisteredCell, declaredNames: string[], tokens?: readonly Token[]): void {
  cells.set(filename, cell);
  docRegistry.addCell(cell.source, declaredNames, tokens);
}

export function cellByFilename(filename: string): RegisteredCell | undefined {
  return cells.get(filename);
}

/**
 * A position in the cell's running script (1-based line, 0-based column) → the same place in its TypeScript, or null
 * where nothing maps (the wrapper's own code).
 */
export function positionInCell(cell: RegisteredCell, line: number, column: number): CellPosition | null {
  const map = recentMaps.get(cell) ?? positionMap(cell);
  if (map === null) return null;
  recentMaps.delete(cell);
  recentMaps.set(cell, map);
  if (recentMaps.size > RECENT_MAPS) recentMaps.delete(recentMaps.keys().next().value as RegisteredCell);
  return map(line, column);
}

/**
 * The cell compiled again as it was when it ran: transpiling and rewriting are deterministic. Should the compiler be
 * unavailable just then, the traceback shows the frame without its cell lines rather than failing.
 */
function positionMap(cell: RegisteredCell): PositionMap | null {
  try {
    const transpiled = transpileCell(cell.source, cell.cellNumber, analyzeCell(cell.source));
    if (!transpiled.ok) return () => null;
    const rewritten = rewriteCell(transpiled.js, transpiled.program);
    return (line, column) => mapToCell(rewritten, transpiled, line, column);
  } catch {
    return null;
  }
}
