// Right-aligned plain-text tables for the `text/plain` side of chart bundles.

const EDGE_ROWS = 10;

/** Columns right-aligned under their headers; long tables keep their first and last rows around a `...` line. */
export function textTable(headers: string[], rows: string[][]): string {
  const shown = rows.length > 2 * EDGE_ROWS ? [...rows.slice(0, EDGE_ROWS), null, ...rows.slice(-EDGE_ROWS)] : rows;
  const widths = headers.map((h, col) => Math.max(h.length, ...rows.map((r) => r[col].length)));
  const line = (cells: string[]) => cells.map((c, col) => c.padStart(widths[col])).join('  ');
  return [line(headers), ...shown.map((row) => (row === null ? '...' : line(row)))].join('\n');
}
