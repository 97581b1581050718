// The executor's way out: every output is an iopub message for the main thread, attributed to the request that is
// running (or, for output from timers after a cell finished, to the most recent execute request).
import { parentPort } from 'worker_threads';
import type { IopubContents, IopubOutput, MessageExtras, StreamName } from '../../protocol/messages';
import type { FromExecutor } from '../../shared/executor-protocol';
import { notJson } from './json-data';

let currentParent: string | null = null;

export function post(message: FromExecutor): void {
  parentPort?.postMessage(message);
}

export function setCurrentParent(id: string | null): void {
  currentParent = id;
}

export function currentRequest(): string | null {
  return currentParent;
}

/**
 * Sends an output. Data that cannot go out as JSON throws here, in the code that produced it (an error in that cell),
 * and nothing is sent. Display updates wait a moment (see below); everything else goes at once, after what waits.
 * `extras` are a comm message's metadata and binary buffers.
 */
export function publish<T extends Exclude<IopubOutput['msgType'], 'status' | 'execute_input' | 'stream'>>(
  msgType: T,
  content: IopubContents[T],
  parent: string | null = currentParent,
  extras?: MessageExtras,
): void {
  const what = msgType.startsWith('comm_') ? 'comm data' : 'display data';
  const problem = notJson(extras?.metadata === undefined ? content : { content, metadata: extras.metadata });
  if (problem !== null) throw new TypeError(`${what} must be JSON: ${problem}`);
  const output = { msgType, content } as IopubOutput;
  if (output.msgType !== 'update_display_data') flushOutputs();
  try {
    // A waiting update is a copy: the cell may change its data before it is sent.
    if (output.msgType === 'update_display_data') queueUpdate(parent, clone(output.content));
    else post(extras ? { type: 'iopub', parent, extras, ...output } : { type: 'iopub', parent, ...output });
  } catch (error) {
    // JSON leaves out a function or a symbol, which the thread boundary's structured clone refuses.
    throw new TypeError(`${what} must be JSON: ${(error as Error).message}`);
  }
}

// Streams and display updates are coalesced: many small writes become one message, and the updates of one display
// id still waiting collapse into the latest, so a loop that updates a display 20,000 times sends a few messages and
// always its last state (a client reading iopub slowly would otherwise fall behind and lose outputs). An output goes
// out at once when nothing was sent in the last FLUSH_MS; otherwise it waits until the text is large or old, until
// any other output (to keep order), or until the cell ends. The checks run on each write, not only on a timer, so
// output keeps flowing while a synchronous loop holds the thread.
const FLUSH_BYTES = 64 * 1024;
const FLUSH_MS = 50;

// Captured: cells may replace these, and console.log reaches this code from inside a cell.
const now = Date.now;
const clone = structuredClone;

type Waiting =
  | { kind: 'stream'; parent: string | null; name: StreamName; text: string }
  | { kind: 'update'; parent: string | null; content: IopubContents['update_display_data'] };

let waiting: Waiting[] = [];
/** The waiting update of each display id, replaced in place by a newer one. */
let waitingUpdates = new Map<string, Extract<Waiting, { kind: 'update' }>>();
let waitingBytes = 0;
let lastFlushAt = 0;
let flushTimer: NodeJS.Timeout | null = null;

function flushSoon(): void {
  if (waitingBytes >= FLUSH_BYTES || now() - lastFlushAt >= FLUSH_MS) {
    flushOutputs();
  } else if (!flushTimer) {
    flushTimer = setTimeout(flushOutputs, FLUSH_MS);
    flushTimer.unref();
  }
}

export function writeStream(name: StreamName, text: string): void {
  if (text.length === 0) return;
  const last = waiting[waiting.length - 1];
  // Indexed writes and string concatenation only: a cell may have replaced Array.prototype.push or join.
  if (last?.kind === 'stream' && last.name === name && last.parent === currentParent) last.text += text;
  else waiting[waiting.length] = { kind: 'stream', parent: currentParent, name, text };
  waitingBytes += text.length;
  flushSoon();
}

function queueUpdate(parent: string | null, content: IopubContents['update_display_data']): void {
  const displayId = content.transient.display_id;
  const earlier = waitingUpdates.get(displayId);
  if (earlier?.parent === parent) {
    earlier.content = content;
  } else {
    const entry = { kind: 'update' as const, parent, content };
    waiting[waiting.length] = entry;
    waitingUpdates.set(displayId, entry);
  }
  flushSoon();
}

/** Sends every waiting stream and update, in order. */
export function flushOutputs(): void {
  if (flushTimer) {
    clearTimeout(flushTimer);
    flushTimer = null;
  }
  if (waiting.length === 0) return;
  const sending = waiting;
  waiting = [];
  waitingUpdates = new Map();
  waitingBytes = 0;
  lastFlushAt = now();
  for (let i = 0; i < sending.length; i++) {
    const item = sending[i];
    if (item.kind === 'stream') post({ type: 'iopub', parent: item.parent, msgType: 'stream', content: { name: item.name, text: item.text } });
    else post({ type: 'iopub', parent: item.parent, msgType: 'update_display_data', content: item.content });
  }
}

// Work started by a cell that must finish before its reply (asynchronous renders of displayed values).
const tracked = new Set<Promise<unknown>>();

export function track(work: Promise<unknown>): void {
  const settled = work.catch((error: Error) => writeStream('stderr', `display failed: ${error.message}\n`));
  tracked.add(settled);
  void settled.finally(() => tracked.delete(settled));
}

export async function settleTracked(): Promise<void> {
  while (tracked.size > 0) await Promise.all([...tracked]);
}
