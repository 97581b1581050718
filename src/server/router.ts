// The main thread's handle on router sockets (shell, control, stdin) that live on a thread of their own
// (router-thread.ts). zeromq.js takes a message apart on the thread that owns its socket, all its frames at once: a
// flood of million-frame messages held the main thread for seconds each, and interrupts, signals and outputs waited.
// On their own thread a flood holds that thread alone; messages within the limits come here one at a time.
import { join } from 'path';
import { Worker } from 'worker_threads';
import type { InboundLimits } from './limits';

export interface RouterThreadData {
  /** Each channel's name and endpoint. */
  endpoints: Record<string, string>;
  limits: InboundLimits;
}

/** Frames as they cross between threads: a Buffer arrives as a plain Uint8Array. */
export type CrossingFrame = Uint8Array | string;

export type ToRouterThread =
  | { type: 'send'; channel: string; frames: CrossingFrame[] }
  /** The channel's message handed over last has been dealt with: the thread may take its next one. */
  | { type: 'next'; channel: string }
  | { type: 'close' };

export type FromRouterThread =
  | { type: 'bound' }
  | { type: 'failed'; error: string }
  | { type: 'log'; text: string }
  | { type: 'message'; channel: string; frames: Uint8Array[] };

/** How long the thread may take to send what is queued, close its sockets and end before it is stopped. */
const CLOSE_MS = 3000;

export class RouterThread<C extends string> {
  /** Resolves once every socket is bound; rejects when one cannot be, or the thread fails. */
  readonly bound: Promise<void>;
  private closing = false;
  private readonly worker: Worker;
  private readonly ended: Promise<void>;

  /**
   * `receive` gets each message within the limits, in order per channel; a channel's next message is taken once the
   * promise for the one before settles, so messages wait in ZeroMQ (one per client), not in this process.
   */
  constructor(
    data: { endpoints: Record<C, string>; limits: InboundLimits },
    receive: (channel: C, frames: Buffer[]) => Promise<void>,
    log: (text: string) => void,
  ) {
    const worker = new Worker(join(__dirname, 'router-thread.js'), { workerData: data });
    this.worker = worker;
    this.ended = new Promise((resolve) => worker.once('exit', () => resolve()));
    const names = Object.keys(data.endpoints).join(', ');
    this.bound = new Promise((resolve, reject) => {
      worker.on('message', (message: FromRouterThread) => {
        if (message.type === 'message') {
          const channel = message.channel as C;
          const frames = message.frames.map((frame) => Buffer.from(frame.buffer, frame.byteOffset, frame.byteLength));
          void receive(channel, frames)
            .catch((error: Error) => log(`${channel}: ${error.stack ?? error.message}`))
            .finally(() => this.closing || worker.postMessage({ type: 'next', channel } satisfies ToRouterThread));
        } else if (message.type === 'bound') resolve();
        else if (message.type === 'log') log(message.text);
        else {
          this.closing = true;
          reject(new Error(`cannot bind ${names}: ${message.error}`));
        }
      });
      worker.on('error', (error) => {
        log(`${names} thread failed: ${error.stack ?? error.message}`);
        reject(error);
      });
      worker.on('exit', (code) => {
        if (this.closing) return;
        log(`${names} thread ended with code ${code}`);
        reject(new Error(`${names} thread ended with code ${code}`));
      });
    });
    // Failures are logged above; whoever awaits `bound` hears of them too.
    this.bound.catch(() => undefined);
  }

  /** Queues a message on the channel's socket, which its thread sends in order; resolves at once. */
  send(channel: C, frames: (Buffer | string)[]): Promise<void> {
    if (!this.closing) this.worker.postMessage({ type: 'send', channel, frames } satisfies ToRouterThread);
    return Promise.resolve();
  }

  /** Has the thread send what is queued (for a moment at most), close its sockets and end. */
  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    this.worker.postMessage({ type: 'close' } satisfies ToRouterThread);
    const timer = setTimeout(() => void this.worker.terminate(), CLOSE_MS);
    await this.ended;
    clearTimeout(timer);
  }
}
