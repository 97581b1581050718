// `tsdl run NOTEBOOK.ipynb [-o OUT.ipynb] [--timeout S]`: executes every code cell through the kernel over ZeroMQ,
// as nbclient does, and writes the outputs. No Python or Jupyter needed.
import { randomUUID } from 'crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'fs';
import { dirname, resolve } from 'path';
import { kernelEnv } from '../backend/gpu-libraries';
import { KernelClient } from '../client/kernel-client';
import type { Message } from '../protocol/messages';
import { kernelInfo } from '../server/kernel-info';
import { cellSource, type Notebook, type NotebookCell, OutputCollector, parseNotebook } from './notebook';

export interface RunOptions {
  input: string;
  output?: string;
  /** Longest a single cell may run before it is interrupted and the run fails. */
  timeoutSeconds: number;
  log?: (text: string) => void;
}

export interface CellFailure {
  /** 1-based position among all the notebook's cells, markdown included: what an editor shows. */
  cell: number;
  /** The cell's first source line, to recognise it by. */
  firstLine: string;
  reason: string;
}

export interface RunResult {
  output: string;
  failure: CellFailure | null;
}

/** How long an interrupted cell gets to stop and report its error before the run gives up on it. */
const INTERRUPT_GRACE_MS = 15000;

function outputPath(input: string): string {
  return input.replace(/(\.ipynb)?$/, '.out.ipynb');
}

/** `timeout` and `interrupted` carry the reply the interrupted cell sent within its grace period, if any. */
type Outcome =
  | { kind: 'reply'; reply: Message }
  | { kind: 'timeout' | 'interrupted'; reply?: Message }
  | { kind: 'died'; code: number | null };

function delay<T>(ms: number, value: T): { promise: Promise<T>; cancel(): void } {
  let timer: NodeJS.Timeout | undefined;
  const promise = new Promise<T>((resolve) => (timer = setTimeout(() => resolve(value), ms)));
  return { promise, cancel: () => clearTimeout(timer) };
}

/** Resolves when the user presses Ctrl-C (SIGINT to this process) while the run waits on a cell. */
function ctrlC(): { promise: Promise<Outcome>; cancel(): void } {
  let handler: (() => void) | undefined;
  const promise = new Promise<Outcome>((resolve) => {
    handler = () => resolve({ kind: 'interrupted' });
    process.once('SIGINT', handler);
  });
  return { promise, cancel: () => handler && process.removeListener('SIGINT', handler) };
}

/**
 * The execute_reply, or why none came: the kernel died, or the cell outlived the timeout or the user pressed Ctrl-C
 * (then it was interrupted).
 */
async function awaitReply(client: KernelClient, reply: Promise<Message>, timeoutSeconds: number): Promise<Outcome> {
  const died = client.exited.then((code): Outcome => ({ kind: 'died', code }));
  const replied = reply.then((message): Outcome => ({ kind: 'reply', reply: message }));
  const timeout = delay<Outcome>(timeoutSeconds * 1000, { kind: 'timeout' });
  const interrupted = ctrlC();
  const first = await Promise.race([replied, died, timeout.promise, interrupted.promise]);
  timeout.cancel();
  interrupted.cancel();
  if (first.kind !== 'timeout' && first.kind !== 'interrupted') return first;
  // As nbclient does on a timeout, with jupyter_client's own interrupt (the kernel's process group): keep what the
  // cell printed up to then, its error included.
  client.interrupt();
  const grace = delay<Outcome>(INTERRUPT_GRACE_MS, first);
  const late = await Promise.race([replied, died, grace.promise]);
  grace.cancel();
  return late.kind === 'reply' ? { kind: first.kind, reply: late.reply } : first;
}

function failureReason(outcome: Outcome, timeoutSeconds: number, stderr: string): string | null {
  switch (outcome.kind) {
    case 'timeout':
      return `the cell ran longer than --timeout ${timeoutSeconds} s and was interrupted`;
    case 'interrupted':
      return 'interrupted by Ctrl-C';
    case 'died':
      // A kernel killed by a signal has no exit code; its last stderr lines usually say why it died.
      return `the kernel died${outcome.code === null ? '' : ` (exit code ${outcome.code})`}${stderr.trim() ? `:\n${stderr.trim().split('\n').slice(-10).join('\n')}` : ''}`;
    case 'reply':
      return outcome.reply.content.status === 'ok' ? null : `${String(outcome.reply.content.ename)}: ${String(outcome.reply.content.evalue)}`;
  }
}

function stampKernel(notebook: Notebook): void {
  notebook.metadata.kernelspec = { name: 'tsdl', display_name: 'TypeScript (tsdl)', language: 'typescript' };
  notebook.metadata.language_info = { ...kernelInfo(null).language_info };
}

/** Written atomically (and its folder made): an interrupted run never leaves a half-written notebook. */
function writeNotebook(notebook: Notebook, output: string): void {
  mkdirSync(dirname(output), { recursive: true });
  const temp = `${output}.${process.pid}.tmp`;
  writeFileSync(temp, JSON.stringify(notebook, null, 1) + '\n');
  renameSync(temp, output);
}

async function executeCell(client: KernelClient, cell: NotebookCell, collector: OutputCollector, timeoutSeconds: number): Promise<string | null> {
  const { header, reply } = client.sendRequest('shell', 'execute_request', {
    code: cellSource(cell),
    silent: false,
    store_history: true,
    user_expressions: {},
    allow_stdin: false,
    stop_on_error: true,
  });
  const outcome = await awaitReply(client, reply, timeoutSeconds);
  if (outcome.kind !== 'died') await client.waitIdle(header.msg_id, 10000).catch(() => undefined);
  for (const message of client.iopubFor(header.msg_id)) collector.add(message);
  const count = outcome.kind === 'died' ? undefined : outcome.reply?.content.execution_count;
  cell.execution_count = typeof count === 'number' ? count : null;
  return failureReason(outcome, timeoutSeconds, client.stderr);
}

export async function runNotebook(options: RunOptions): Promise<RunResult> {
  const log = options.log ?? ((text: string) => process.stderr.write(text));
  const input = resolve(options.input);
  const output = resolve(options.output ?? outputPath(input));
  const notebook = parseNotebook(readFileSync(input, 'utf8'));
  stampKernel(notebook);
  const codeCells = notebook.cells.filter((cell) => cell.cell_type === 'code');
  // A cell that never runs keeps no stale outputs from an earlier run.
  for (const cell of codeCells) {
    cell.outputs = [];
    cell.execution_count = null;
  }
  // The kernel runs in the notebook's folder, as under Jupyter, so relative paths in cells mean the same.
  // Started as the kernelspec starts it: tsdl's CUDA folders on LD_LIBRARY_PATH.
  const client = await KernelClient.start({ cwd: dirname(input), env: kernelEnv() });
  let failure: CellFailure | null = null;
  let collector: OutputCollector | null = null;
  try {
    for (const [index, cell] of codeCells.entries()) {
      cell.id ??= randomUUID().slice(0, 8);
      collector = collector ? collector.retarget(cell) : new OutputCollector(cell);
      const started = Date.now();
      log(`[${index + 1}/${codeCells.length}] `);
      const reason = await executeCell(client, cell, collector, options.timeoutSeconds);
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      if (reason !== null) {
        const firstLine = cellSource(cell).split('\n').find((line) => line.trim() !== '') ?? '';
        failure = { cell: notebook.cells.indexOf(cell) + 1, firstLine, reason };
        log(`failed (${seconds}s)\n`);
        break;
      }
      log(`ok (${seconds}s)\n`);
    }
  } finally {
    await client.shutdown();
    writeNotebook(notebook, output);
  }
  return { output, failure };
}
