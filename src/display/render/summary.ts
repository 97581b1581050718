// `model.summary()` as a MIME bundle: Keras's text layout for `text/plain`, a table for `text/html`.
import { byteSize, thousands } from './format';
import { escapeHtml } from './html';
import type { ModelLike } from './layers';
import type { MimeBundle } from '../../protocol/messages';
import { summaryData, type SummaryData } from './summary-data';

export interface SummaryLayout {
  lineLength?: number;
  /** Right edge of each column, relative (≤ 1) or absolute. */
  positions?: number[];
  /** Also list the layers of nested models, under their rows (Keras's `expand_nested`). */
  expandNested?: boolean;
}

const HEADERS = ['Layer (type)', 'Output Shape', 'Param #', 'Connected to'];

/** Splits a cell into lines of at most `width` characters. */
function wrap(text: string, width: number): string[] {
  if (width <= 0) return [''];
  const lines: string[] = [];
  for (let rest = text; ; ) {
    lines.push(rest.slice(0, width));
    rest = rest.slice(width);
    if (rest === '') return lines;
  }
}

/** One table row; cells that overflow their column continue on the next lines, as Keras prints them. */
function printRow(cells: string[][], ends: number[]): string[] {
  const columns = cells.map((lines, col) => {
    const start = col === 0 ? 1 : ends[col - 1]; // Keras indents the first column by one space
    const room = ends[col] - start - (col === cells.length - 1 ? 0 : 2);
    return lines.flatMap((line) => wrap(line, room));
  });
  const height = Math.max(1, ...columns.map((c) => c.length));
  const out: string[] = [];
  for (let i = 0; i < height; i++) {
    let line = ' ';
    columns.forEach((column, col) => {
      line = (line + (column[i] ?? '')).padEnd(ends[col]);
    });
    out.push(line);
  }
  return out;
}

function columnEnds(data: SummaryData, layout: SummaryLayout): { lineLength: number; ends: number[] } {
  const lineLength = layout.lineLength ?? (data.functional ? 98 : 65);
  const positions = layout.positions ?? (data.functional ? [0.33, 0.55, 0.67, 1] : [0.45, 0.85, 1]);
  const ends = positions[positions.length - 1] <= 1 ? positions.map((p) => Math.floor(lineLength * p)) : positions;
  return { lineLength, ends };
}

function totals(data: SummaryData): [string, string][] {
  return [
    ['Total params', `${thousands(data.totalParams)} (${byteSize(data.trainableBytes + data.nonTrainableBytes)})`],
    ['Trainable params', `${thousands(data.trainableParams)} (${byteSize(data.trainableBytes)})`],
    ['Non-trainable params', `${thousands(data.nonTrainableParams)} (${byteSize(data.nonTrainableBytes)})`],
  ];
}

/** Keras 2's `print_summary` layout. */
export function summaryText(data: SummaryData, layout: SummaryLayout = {}): string {
  const { lineLength, ends } = columnEnds(data, layout);
  const columns = data.functional ? 4 : 3;
  const lines = [`Model: "${data.name}"`, '_'.repeat(lineLength)];
  lines.push(...printRow(HEADERS.slice(0, columns).map((h) => [h]), ends), '='.repeat(lineLength));
  for (const row of data.rows) {
    const cells = [[row.layer], [row.outputShape], [String(row.params)]];
    if (data.functional) cells.push(row.connectedTo ?? []);
    lines.push(...printRow(cells, ends), ' '.repeat(lineLength));
  }
  lines.push('='.repeat(lineLength));
  for (const [label, value] of totals(data)) lines.push(`${label}: ${value}`);
  lines.push('_'.repeat(lineLength));
  return lines.join('\n');
}

export function summaryHtml(data: SummaryData): string {
  const columns = data.functional ? 4 : 3;
  const th = HEADERS.slice(0, columns)
    .map((h, i) => `<th style="text-align:${i === 2 ? 'right' : 'left'}">${escapeHtml(h)}</th>`)
    .join('');
  const body = data.rows
    .map((row) => {
      const cells = [
        `<td style="text-align:left">${escapeHtml(row.layer)}</td>`,
        `<td style="text-align:left"><code>${escapeHtml(row.outputShape)}</code></td>`,
        `<td style="text-align:right">${thousands(row.params)}</td>`,
      ];
      if (data.functional) {
        const links = (row.connectedTo ?? []).map(escapeHtml).join('<br>');
        cells.push(`<td style="text-align:left">${links}</td>`);
      }
      return `<tr>${cells.join('')}</tr>`;
    })
    .join('\n');
  const foot = totals(data)
    .map(([label, value]) => `<b>${label}:</b> ${escapeHtml(value)}`)
    .map((cell) => `<tr><td colspan="${columns}" style="text-align:left">${cell}</td></tr>`)
    .join('\n');
  return [
    '<div class="tsdl-summary">',
    `<p><b>Model:</b> "${escapeHtml(data.name)}"</p>`,
    '<table>',
    `<thead><tr>${th}</tr></thead>`,
    `<tbody>\n${body}\n</tbody>`,
    `<tfoot>\n${foot}\n</tfoot>`,
    '</table>',
    '</div>',
  ].join('\n');
}

/** The bundle `model.summary()` displays, and a model as a cell's result. */
export function summaryBundle(model: ModelLike, layout: SummaryLayout = {}): MimeBundle {
  const data = summaryData(model, { expandNested: layout.expandNested });
  return { 'text/plain': summaryText(data, layout), 'text/html': summaryHtml(data) };
}
