// Errors as IPython shows them: `ename`, `evalue` and a traceback of the user's own frames, each as
// `Cell In[N], line L` with the cell's TypeScript line under an arrow. Positions come from V8's structured call
// sites (exact, captured by Error.prepareStackTrace) and fall back to parsing `error.stack`; both are mapped through
// the rewrite and esbuild's source map back to the cell.
import { readFileSync } from 'fs';
import { isAbsolute, relative, sep } from 'path';
import { fileURLToPath } from 'url';
import { inspect, types } from 'util';
import { escapeHtml } from '../../display/render/html';
import type { DisplayData, ErrorContent } from '../../protocol/messages';
import { packageRoot } from '../../shared/package-root';
import { addCell, cellByFilename, positionInCell, type RegisteredCell } from './cells';
import type { Token } from '../compile/lexer';
import type { CellSyntaxError } from '../compile/transpile';

interface Frame {
  fileName: string;
  /** 1-based line and column, as V8 reports them. */
  line: number;
  column: number;
  functionName: string | null;
}

const RED = '\x1b[0;31m';
const GREEN = '\x1b[0;32m';
const CYAN = '\x1b[0;36m';
const RESET = '\x1b[0m';
const RULE = '-'.repeat(75);

const callSites = new WeakMap<object, NodeJS.CallSite[]>();
let captureInstalled = false;

export type { RegisteredCell };

/**
 * Records a script the executor is about to run, under the filename its frames carry (see global-script.ts);
 * `tokens`, the cell's lex when the caller has it, spares lexing the source again for its doc comments.
 */
export function registerCell(filename: string, cell: RegisteredCell, declaredNames: string[], tokens?: readonly Token[]): void {
  installStackCapture();
  addCell(filename, cell, declaredNames, tokens);
}

/**
 * Records V8's call sites for every error whose stack is formatted, keeping the usual text in `error.stack`. Also
 * raises the frame limit: an error thrown deep inside TensorFlow.js would otherwise lose the cell's frames.
 */
export function installStackCapture(): void {
  if (captureInstalled) return;
  captureInstalled = true;
  Error.stackTraceLimit = Math.max(Error.stackTraceLimit, 50);
  const previous = Error.prepareStackTrace;
  Error.prepareStackTrace = (error: Error, sites: NodeJS.CallSite[]): unknown => {
    if (typeof error === 'object' && error !== null) callSites.set(error, sites);
    if (previous) return previous(error, sites);
    return `${headline(error)}${sites.map((site) => `\n    at ${String(site)}`).join('')}`;
  };
}

function headline(error: Error): string {
  try {
    return Error.prototype.toString.call(error);
  } catch {
    return 'Error';
  }
}

// tsdl's own code (its sources, its build, its launchers) is hidden; its node_modules (tfjs and friends) count as
// the user's libraries, and so do files elsewhere in the package, such as the example notebooks' helpers.
const OWN_ROOT = packageRoot();
const OWN_FOLDERS = new Set(['src', 'dist', 'kernel', 'bin']);

function isShown(fileName: string): boolean {
  if (cellByFilename(fileName)) return true;
  if (fileName.startsWith('node:internal') || fileName.startsWith('internal/')) return false;
  const inside = relative(OWN_ROOT, fileName.startsWith('file://') ? fileURLToPath(fileName) : fileName);
  if (inside.startsWith('..') || isAbsolute(inside)) return true;
  return !OWN_FOLDERS.has(inside.split(sep)[0]);
}

function framesFromCallSites(sites: NodeJS.CallSite[]): Frame[] {
  const frames: Frame[] = [];
  for (const site of sites) {
    // A cell's frames are an eval's (see global-script.ts): named by their sourceURL, not a file.
    const fileName = site.isEval() ? site.getScriptNameOrSourceURL() : site.getFileName();
    const line = site.getLineNumber();
    const column = site.getColumnNumber();
    if (!fileName || line === null || column === null) continue;
    frames.push({ fileName, line, column, functionName: functionName(site.getFunctionName(), site.isEval()) });
  }
  return frames;
}

/** V8 names a frame of eval'd code with no function name of its own `eval`. */
function functionName(name: string | null, inEval: boolean): string | null {
  return inEval && name === 'eval' ? null : name;
}

const STACK_LINE = /^\s*at (?:async )?(?:(.+?) \()?(.+?):(\d+):(\d+)\)?$/;

function framesFromText(stack: string): Frame[] {
  const frames: Frame[] = [];
  for (const text of stack.split('\n')) {
    const match = STACK_LINE.exec(text);
    if (!match) continue;
    const [, name, fileName, line, column] = match;
    const inCell = cellByFilename(fileName) !== undefined;
    frames.push({ fileName, line: Number(line), column: Number(column), functionName: functionName(name ?? null, inCell) });
  }
  return frames;
}

function numberedLines(lines: string[], current: number, from: number, to: number): string[] {
  const width = String(to).length;
  const out: string[] = [];
  for (let n = from; n <= to; n++) {
    const number = String(n).padStart(width);
    const text = lines[n - 1] ?? '';
    out.push(n === current ? `${GREEN}----> ${number}${RESET} ${text}` : `      ${number} ${text}`);
  }
  return out;
}

/** Null for the wrapper's own frame (the script calling its async body), which maps to no line of the cell. */
function cellBlock(frame: Frame, cell: RegisteredCell): string | null {
  const position = positionInCell(cell, frame.line, frame.column - 1);
  if (!position) return null;
  const where = `${GREEN}Cell In[${cell.cellNumber}], line ${position.line}${RESET}`;
  const title = frame.functionName ? `${where}, in ${CYAN}${frame.functionName}${RESET}` : where;
  const lines = cell.source.split(/\r?\n/);
  const from = Math.max(1, position.line - 2);
  const to = Math.min(lines.length, position.line + 1);
  return [title, ...numberedLines(lines, position.line, from, to)].join('\n');
}

const fileLines = new Map<string, string[] | null>();

function fileBlock(frame: Frame): string {
  const title = `${GREEN}File ${frame.fileName}:${frame.line}${RESET}${frame.functionName ? `, in ${CYAN}${frame.functionName}${RESET}` : ''}`;
  if (!fileLines.has(frame.fileName)) {
    try {
      fileLines.set(frame.fileName, readFileSync(frame.fileName, 'utf8').split(/\r?\n/));
    } catch {
      fileLines.set(frame.fileName, null);
    }
  }
  const text = fileLines.get(frame.fileName)?.[frame.line - 1];
  if (text === undefined) return title;
  // Bundled libraries have very long lines: show the part around the column.
  const start = Math.max(0, frame.column - 60);
  const excerpt = (start > 0 ? '…' : '') + text.slice(start, start + 120) + (text.length > start + 120 ? '…' : '');
  return `${title}\n${GREEN}---->${RESET} ${excerpt}`;
}

function isErrorLike(value: unknown): value is Error {
  return types.isNativeError(value) || value instanceof Error;
}

/** `ename`, `evalue` and traceback for anything a cell threw (non-Error values included). */
export function formatRuntimeError(thrown: unknown): ErrorContent {
  if (!isErrorLike(thrown)) {
    const evalue = inspect(thrown, { depth: 2, breakLength: 80 });
    return { ename: 'Uncaught', evalue, traceback: [header('Uncaught'), `${RED}Uncaught${RESET} ${evalue}`] };
  }
  const ename = typeof thrown.name === 'string' && thrown.name ? thrown.name : 'Error';
  const evalue = typeof thrown.message === 'string' ? thrown.message : String(thrown.message);
  const stack = typeof thrown.stack === 'string' ? thrown.stack : ''; // formatting the stack records its call sites
  const sites = callSites.get(thrown);
  const all = sites ? framesFromCallSites(sites) : framesFromText(stack);
  // Frames older than the outermost cell frame are whatever ran the cell (the executor, a test harness).
  let outermostCell = all.length - 1;
  while (outermostCell >= 0 && !cellByFilename(all[outermostCell].fileName)) outermostCell--;
  const frames = (outermostCell >= 0 ? all.slice(0, outermostCell + 1) : all).filter((frame) => isShown(frame.fileName));
  // Most recent call last, as in Python.
  const blocks: string[] = [];
  for (const frame of frames.reverse()) {
    const cell = cellByFilename(frame.fileName);
    const block = cell ? cellBlock(frame, cell) : fileBlock(frame);
    if (block) blocks.push(block);
  }
  return { ename, evalue, traceback: [header(ename), ...blocks, `${RED}${ename}${RESET}: ${evalue}`] };
}

/**
 * An error's `cause`, folded: an HTML `<details>` with its message and stack, and one plain-text line for consoles.
 * When tsdl rewords a library's error (Keras's wording of a TensorFlow.js shape error), this keeps the original and
 * its frames at hand for bug reports without filling the traceback. Null for an error without a cause.
 */
export function foldedCause(thrown: unknown): DisplayData | null {
  const cause = isErrorLike(thrown) ? (thrown as Error & { cause?: unknown }).cause : undefined;
  if (!isErrorLike(cause) || typeof cause.stack !== 'string') return null;
  const frames = cause.stack.split('\n').filter((line) => /^\s*at /.test(line)).length;
  const headline = `Caused by ${cause.name}: ${cause.message.split('\n')[0]}`;
  return {
    data: {
      'text/plain': headline,
      'text/html': `<details><summary>${escapeHtml(headline)} (${frames} frames)</summary><pre>${escapeHtml(cause.stack)}</pre></details>`,
    },
    metadata: {},
  };
}

function header(ename: string): string {
  return `${RED}${RULE}${RESET}\n${RED}${ename.padEnd(41)}${RESET} Traceback (most recent call last)`;
}

/** IPython's syntax-error layout: where, the line, a caret under the column, then the message. */
export function formatSyntaxError(error: CellSyntaxError, cellNumber: number): ErrorContent {
  const indent = /^\s*/.exec(error.lineText)![0].length;
  const shown = error.lineText.slice(indent);
  // The caret lines up by code points, with tabs kept as tabs.
  const before = Array.from(shown.slice(0, Math.max(0, error.column - indent)))
    .map((ch) => (ch === '\t' ? '\t' : ' '))
    .join('');
  const traceback = [
    `  ${GREEN}Cell In[${cellNumber}], line ${error.line}${RESET}`,
    `    ${shown}`,
    `    ${before}${RED}^${RESET}`,
    `${RED}SyntaxError${RESET}: ${error.message}`,
  ];
  return { ename: 'SyntaxError', evalue: error.message, traceback };
}
