// Chains the two position maps of a cell — rewritten script → esbuild's JavaScript (the rewrite's own map), then
// esbuild's JavaScript → the TypeScript the user typed (esbuild's source map; none for a cell that skipped esbuild) —
// so a stack frame in the running script points at the cell's own line.
import { LEAST_UPPER_BOUND, TraceMap, originalPositionFor } from '@jridgewell/trace-mapping';
import type { RewriteResult } from './rewrite';
import type { SourceMapObject, TranspileResult } from './transpile';

type Transpiled = Extract<TranspileResult, { ok: true }>;

const traceMaps = new WeakMap<Transpiled, TraceMap>();

function traceMapOf(transpiled: Transpiled, sourceMap: SourceMapObject): TraceMap {
  let map = traceMaps.get(transpiled);
  if (!map) {
    map = new TraceMap(sourceMap);
    traceMaps.set(transpiled, map);
  }
  return map;
}

/**
 * Whether a position is at the end of the text, where the rewrite appends the wrapper's own code (the call of the
 * cell's async body): its frame maps to no line of the cell, as it maps to no mapping in esbuild's source map.
 */
function endOf(text: string, position: { line: number; column: number }): boolean {
  const lines = text.split('\n');
  return position.line > lines.length || (position.line === lines.length && position.column >= lines[lines.length - 1].length);
}

/**
 * A position in the rewritten script (1-based line, 0-based column, as V8's CallSite gives minus one on the column)
 * → the same place in the cell's TypeScript (1-based line, 0-based column), or null where nothing maps.
 */
export function mapToCell(
  rewritten: Pick<RewriteResult, 'mapPosition'>,
  transpiled: Transpiled,
  line: number,
  column: number,
): { line: number; column: number } | null {
  const js = rewritten.mapPosition(line, column);
  if (transpiled.map === null) return endOf(transpiled.js, js) ? null : js;
  const map = traceMapOf(transpiled, transpiled.map);
  // Prefer the mapping at or before the column; a position before the first mapping on its line (indentation)
  // takes the next one.
  let original = originalPositionFor(map, js);
  if (original.line === null) original = originalPositionFor(map, { ...js, bias: LEAST_UPPER_BOUND });
  if (original.line === null || original.column === null) return null;
  const shift = transpiled.wrappedInParens && original.line === 1 ? 1 : 0;
  return { line: original.line, column: Math.max(0, original.column - shift) };
}
