// Reading an executed notebook the way a person checks one: errors, execution counts, printed text, images.
import { spawnSync } from 'child_process';
import { readFileSync } from 'fs';

export interface Output {
  output_type: 'stream' | 'display_data' | 'execute_result' | 'error';
  name?: string;
  text?: string | string[];
  data?: Record<string, unknown>;
  ename?: string;
  evalue?: string;
}

export interface Cell {
  cell_type: 'code' | 'markdown' | 'raw';
  source: string | string[];
  execution_count?: number | null;
  outputs?: Output[];
}

export interface ExecutedNotebook {
  metadata: { kernelspec?: { name?: string } };
  cells: Cell[];
}

export function readNotebook(path: string): ExecutedNotebook {
  return JSON.parse(readFileSync(path, 'utf8')) as ExecutedNotebook;
}

const join = (text: string | string[] | undefined): string => (Array.isArray(text) ? text.join('') : text ?? '');

export function codeCells(notebook: ExecutedNotebook): Cell[] {
  return notebook.cells.filter((cell) => cell.cell_type === 'code');
}

export function allOutputs(notebook: ExecutedNotebook): Output[] {
  return codeCells(notebook).flatMap((cell) => cell.outputs ?? []);
}

/** Every error output, as "ename: evalue", to show in a failing assertion. */
export function errors(notebook: ExecutedNotebook): string[] {
  return allOutputs(notebook)
    .filter((output) => output.output_type === 'error')
    .map((output) => `${output.ename}: ${output.evalue}`);
}

/** What a reader sees as text: the streams and every rich output's text/plain, in order. */
export function visibleText(notebook: ExecutedNotebook): string {
  return allOutputs(notebook)
    .map((output) => (output.output_type === 'stream' ? join(output.text) : join(output.data?.['text/plain'] as string | string[] | undefined)))
    .join('\n');
}

/** How many outputs carry this MIME type (an image, a chart). */
export function countMime(notebook: ExecutedNotebook, mime: string): number {
  return allOutputs(notebook).filter((output) => output.data?.[mime] !== undefined).length;
}

/** The number printed after `label` (e.g. "test accuracy: 0.9525"), or NaN when it is not there. */
export function printedNumber(text: string, label: RegExp): number {
  const match = new RegExp(`${label.source}\\s*(-?[\\d.]+)`).exec(text);
  return match ? Number(match[1]) : NaN;
}

/** nbformat's own schema validation, with Debian's Python: empty when valid, else its message. */
export function nbformatProblems(path: string): string {
  const script = 'import nbformat, sys; nbformat.validate(nbformat.read(sys.argv[1], as_version=4))';
  const result = spawnSync('/usr/bin/python3', ['-c', script, path], { encoding: 'utf8' });
  return result.status === 0 ? '' : `${result.stderr}${result.stdout}` || `exit ${result.status}`;
}
