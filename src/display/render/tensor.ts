// A tensor as a cell's result: a NumPy-like `text/plain` repr, and a small `text/html` table for 1-D/2-D tensors.
import { escapeHtml } from './html';
import type { MimeBundle } from '../../protocol/messages';
import { elementFormatter, type Scalar } from './tensor-format';

/** What the renderer needs of a tf.Tensor; duck-typed so that tensors from any tfjs copy display. */
export interface TensorLike {
  shape: number[];
  dtype: string;
  dataSync(): ArrayLike<Scalar>;
  isDisposed?: boolean;
}

export function isTensorLike(value: unknown): value is TensorLike {
  const v = value as Partial<TensorLike> | null;
  return (
    typeof v === 'object' && v !== null && Array.isArray(v.shape) && typeof v.dtype === 'string' &&
    typeof v.dataSync === 'function'
  );
}

/** NumPy's defaults: summarise tensors above 1000 elements, keeping 3 items at each edge of each axis. */
const THRESHOLD = 1000;
const EDGE_ITEMS = 3;
const LINE_WIDTH = 75;
/** The HTML table keeps 10 rows and 6 columns at each edge: tables get wide faster than tall. */
const HTML_ROW_EDGE = 10;
const HTML_COL_EDGE = 6;

/** The indices shown along an axis of length `n`; -1 stands for the `...` gap. */
function shownIndices(n: number, edge: number | null): number[] {
  const all = Array.from({ length: n }, (_, i) => i);
  if (edge === null || n <= 2 * edge) return all;
  return [...all.slice(0, edge), -1, ...all.slice(n - edge)];
}

function strides(shape: number[]): number[] {
  const out = new Array<number>(shape.length).fill(1);
  for (let i = shape.length - 2; i >= 0; i--) out[i] = out[i + 1] * shape[i + 1];
  return out;
}

/** The flat offsets of every element shown, so the formatter sees only those (NumPy does the same). */
function shownOffsets(shape: number[], edge: number | null): number[] {
  const st = strides(shape);
  let offsets = [0];
  shape.forEach((n, axis) => {
    const picks = shownIndices(n, edge).filter((i) => i >= 0);
    offsets = offsets.flatMap((o) => picks.map((i) => o + i * st[axis]));
  });
  return offsets;
}

/** Joins one row's items, wrapping at NumPy's line width with continuation lines under the first item. */
function wrapRow(items: string[], indent: number): string {
  const lines: string[] = [];
  let line = '[';
  items.forEach((item, i) => {
    const piece = item + (i === items.length - 1 ? ']' : ',');
    if (line.trim() !== '[' && indent + line.length + 1 + piece.length > LINE_WIDTH) {
      lines.push(line);
      line = ' '.repeat(indent + 1) + piece;
    } else {
      line += (line.endsWith('[') ? '' : ' ') + piece;
    }
  });
  lines.push(line);
  return lines.join('\n');
}

function layout(data: ArrayLike<Scalar>, shape: number[], edge: number | null, format: (v: Scalar) => string): string {
  const st = strides(shape);
  const block = (axis: number, offset: number, indent: number): string => {
    const indices = shownIndices(shape[axis], edge);
    if (axis === shape.length - 1) {
      return wrapRow(indices.map((i) => (i < 0 ? '...' : format(data[offset + i]))), indent);
    }
    const gap = ',' + '\n'.repeat(shape.length - axis - 1) + ' '.repeat(indent + 1);
    const parts = indices.map((i) => (i < 0 ? '...' : block(axis + 1, offset + i * st[axis], indent + 1)));
    return `[${parts.join(gap)}]`;
  };
  if (shape.length === 0) return format(data[0]);
  if (shape.includes(0)) return '[]';
  return block(0, 0, 0);
}

function header(tensor: TensorLike): string {
  return `Tensor(shape=[${tensor.shape.join(', ')}], dtype=${tensor.dtype})`;
}

export function tensorText(tensor: TensorLike): string {
  if (tensor.isDisposed) return `${header(tensor)} <disposed>`;
  const data = tensor.dataSync();
  const size = tensor.shape.reduce((a, b) => a * b, 1);
  const edge = size > THRESHOLD ? EDGE_ITEMS : null;
  const shown = shownOffsets(tensor.shape, edge).map((o) => data[o]);
  return `${header(tensor)}\n${layout(data, tensor.shape, edge, elementFormatter(shown, tensor.dtype))}`;
}

/** A table of a 1-D or 2-D tensor, the middle of long rows and columns elided. */
export function tensorHtml(tensor: TensorLike): string | null {
  if (tensor.isDisposed || tensor.shape.length < 1 || tensor.shape.length > 2) return null;
  const data = tensor.dataSync();
  const [rows, cols] = tensor.shape.length === 1 ? [1, tensor.shape[0]] : tensor.shape;
  const rowIdx = shownIndices(rows, HTML_ROW_EDGE);
  const colIdx = shownIndices(cols, HTML_COL_EDGE);
  const [shownRows, shownCols] = [rowIdx.filter((r) => r >= 0), colIdx.filter((c) => c >= 0)];
  const shown = shownRows.flatMap((r) => shownCols.map((c) => data[r * cols + c]));
  const format = elementFormatter(shown, tensor.dtype);
  const cell = (r: number, c: number) => {
    if (r < 0) return c < 0 ? '⋱' : '⋮';
    return c < 0 ? '⋯' : escapeHtml(format(data[r * cols + c]).trim());
  };
  const body = rowIdx
    .map((r) => colIdx.map((c) => `<td style="text-align:right;font-family:monospace">${cell(r, c)}</td>`).join(''))
    .map((cells) => `<tr>${cells}</tr>`)
    .join('\n');
  const caption = `<caption>${escapeHtml(header(tensor))}</caption>`;
  return `<table class="tsdl-tensor">\n${caption}\n<tbody>\n${body}\n</tbody>\n</table>`;
}

export function tensorBundle(tensor: TensorLike): MimeBundle {
  const html = tensorHtml(tensor);
  return html === null ? { 'text/plain': tensorText(tensor) } : { 'text/plain': tensorText(tensor), 'text/html': html };
}
