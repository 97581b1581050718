// The main thread's handle on the heartbeat thread (heartbeat-thread.ts): starts it bound, relays what it logs, ends it.
import { join } from 'path';
import { Worker } from 'worker_threads';

type FromHeartbeat = { type: 'bound' } | { type: 'failed'; error: string } | { type: 'log'; text: string };

/** How long the thread may take to close its socket and end before it is stopped. */
const CLOSE_MS = 3000;

export class Heartbeat {
  /** Resolves once the socket is bound; rejects when it cannot be, or the thread fails. */
  readonly bound: Promise<void>;
  private closing = false;
  private readonly worker: Worker;
  private readonly ended: Promise<void>;

  constructor(endpoint: string, log: (text: string) => void, threadFile = join(__dirname, 'heartbeat-thread.js')) {
    const worker = new Worker(threadFile, { workerData: { endpoint } });
    this.worker = worker;
    this.ended = new Promise((resolve) => worker.once('exit', () => resolve()));
    this.bound = new Promise((resolve, reject) => {
      worker.on('message', (message: FromHeartbeat) => {
        if (message.type === 'bound') resolve();
        else if (message.type === 'log') log(message.text);
        else {
          this.closing = true;
          reject(new Error(`cannot bind the heartbeat to ${endpoint}: ${message.error}`));
        }
      });
      worker.on('error', (error) => {
        log(`heartbeat thread failed: ${error.stack ?? error.message}`);
        reject(error);
      });
      worker.on('exit', (code) => {
        if (this.closing) return;
        log(`heartbeat thread ended with code ${code}`);
        reject(new Error(`heartbeat thread ended with code ${code}`));
      });
    });
    // Failures are logged above; whoever awaits `bound` hears of them too.
    this.bound.catch(() => undefined);
  }

  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    this.worker.postMessage('close');
    const timer = setTimeout(() => void this.worker.terminate(), CLOSE_MS);
    await this.ended;
    clearTimeout(timer);
  }
}
