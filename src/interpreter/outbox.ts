// The executor's way out: every output is an iopub message for the main thread, attributed to the request that is
// running (or, for output from timers after a cell finished, to the most recent execute request).
import { parentPort } from 'worker_threads';
import type { JsonObject } from '../protocol/messages';
import type { FromExecutor } from '../shared/executor-protocol';
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
 * and nothing is sent.
 */
export function publish(msgType: string, content: JsonObject, parent: string | null = currentParent): void {
  const what = msgType.startsWith('comm_') ? 'comm data' : 'display data';
  const problem = notJson(content);
  if (problem !== null) throw new TypeError(`${what} must be JSON: ${problem}`);
  flushStreams();
  try {
    post({ type: 'iopub', parent, msgType, content });
  } catch (error) {
    // JSON leaves out a function or a symbol, which the thread boundary's structured clone refuses.
    throw new TypeError(`${what} must be JSON: ${(error as Error).message}`);
  }
}

// Streams are coalesced: many small writes become one message. A write goes out at once when nothing was sent in
// the last STREAM_FLUSH_MS; otherwise it waits until the buffer is large or old, until any other output (to keep
// order), or until the cell ends. The checks run on each write, not only on a timer, so output keeps flowing while
// a synchronous loop holds the thread.
const STREAM_FLUSH_BYTES = 64 * 1024;
const STREAM_FLUSH_MS = 50;

interface PendingStream {
  name: 'stdout' | 'stderr';
  parent: string | null;
  chunks: string[];
  size: number;
}

let pending: PendingStream | null = null;
let lastFlushAt = 0;
let flushTimer: NodeJS.Timeout | null = null;

export function writeStream(name: 'stdout' | 'stderr', text: string): void {
  if (text.length === 0) return;
  if (pending && (pending.name !== name || pending.parent !== currentParent)) flushStreams();
  if (!pending) pending = { name, parent: currentParent, chunks: [], size: 0 };
  pending.chunks.push(text);
  pending.size += text.length;
  if (pending.size >= STREAM_FLUSH_BYTES || Date.now() - lastFlushAt >= STREAM_FLUSH_MS) {
    flushStreams();
  } else if (!flushTimer) {
    flushTimer = setTimeout(flushStreams, STREAM_FLUSH_MS);
    flushTimer.unref();
  }
}

export function flushStreams(): void {
  if (flushTimer) {
    clearTimeout(flushTimer);
    flushTimer = null;
  }
  if (!pending) return;
  const { name, parent, chunks } = pending;
  pending = null;
  lastFlushAt = Date.now();
  post({ type: 'iopub', parent, msgType: 'stream', content: { name, text: chunks.join('') } });
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
