// The main thread's handle on the executor worker: starts it, passes messages, interrupts it, replaces it.
import { Session } from 'inspector';
import { join } from 'path';
import { pathToFileURL } from 'url';
import { Worker } from 'worker_threads';
import { FromExecutor, SHARED, ToExecutor } from '../shared/executor-protocol';

/**
 * How long the worker may go without answering an interrupt, and without running its own work, before its JavaScript
 * is terminated.
 */
const COOPERATIVE_INTERRUPT_MS = 250;

/**
 * The worker's heap limit. Node ends a worker that reaches it with ERR_WORKER_OUT_OF_MEMORY (the kernel then starts a
 * fresh context and says why) instead of aborting the process. TSDL_EXECUTOR_HEAP_MB lowers or raises it; unset,
 * V8's default for this machine applies.
 */
function executorHeapLimit(): { maxOldGenerationSizeMb: number } | undefined {
  const mb = Number(process.env.TSDL_EXECUTOR_HEAP_MB);
  return Number.isInteger(mb) && mb > 0 ? { maxOldGenerationSizeMb: mb } : undefined;
}

export interface ExecutorEvents {
  message(message: FromExecutor): void;
  /** The worker ended on its own (process.exit() in a cell, out of memory, a crash). */
  exited(reason: string): void;
}

export interface ExecutorOptions {
  workerFile?: string;
  /** Extra data for the worker, e.g. the kernel's working directory. */
  workerData?: Record<string, unknown>;
}

export class ExecutorHost {
  private worker!: Worker;
  private readonly shared = new Int32Array(new SharedArrayBuffer(SHARED.length * 4));
  private readonly inspector = new Session();
  private inspectorSessionId: string | null = null;
  private ackWaiters: (() => void)[] = [];
  private stopping = false;
  private readonly workerFile: string;

  constructor(
    private readonly events: ExecutorEvents,
    private readonly options: ExecutorOptions = {},
  ) {
    this.workerFile = options.workerFile ?? join(__dirname, 'worker.js');
    // The main thread's inspector reaches the worker's V8 through NodeWorker: the only way to stop JavaScript that
    // spins inside the worker without killing the worker (and every variable in it).
    this.inspector.connect();
    this.inspector.on('NodeWorker.attachedToWorker', (event) => {
      // Every worker in the process is reported (esbuild runs one for its synchronous API): keep ours.
      const params = event.params as { sessionId: string; workerInfo: { url: string } };
      if (params.workerInfo.url === pathToFileURL(this.workerFile).href) this.inspectorSessionId = params.sessionId;
    });
    this.inspector.post('NodeWorker.enable', { waitForDebuggerOnStart: false });
    this.start();
  }

  private start(): void {
    this.inspectorSessionId = null;
    Atomics.store(this.shared, SHARED.executing, 0);
    Atomics.store(this.shared, SHARED.inUnsafeCallback, 0);
    Atomics.store(this.shared, SHARED.ownWork, 0);
    const worker = new Worker(this.workerFile, {
      workerData: { shared: this.shared, ...this.options.workerData },
      stdout: false,
      stderr: false,
      resourceLimits: executorHeapLimit(),
    });
    worker.on('message', (message: FromExecutor) => {
      if (message.type === 'interrupt_ack') this.resolveAck();
      this.events.message(message);
    });
    worker.on('error', (error: NodeJS.ErrnoException) => {
      if (worker !== this.worker || this.stopping) return;
      this.replace(
        error.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? 'the code ran out of memory (the JavaScript heap limit was reached)'
          : `the kernel's executor failed: ${error.message}`,
      );
    });
    worker.on('exit', (code) => {
      if (worker === this.worker && !this.stopping) this.replace(`the executor exited with code ${code}`);
    });
    this.worker = worker;
  }

  private replace(reason: string): void {
    this.resolveAck();
    this.start();
    this.events.exited(reason);
  }

  post(message: ToExecutor): void {
    this.worker.postMessage(message);
  }

  get executing(): boolean {
    return Atomics.load(this.shared, SHARED.executing) === 1;
  }

  /**
   * Stops the running cell: first cooperatively (awaits in cells see the bumped generation, a pending cell is
   * rejected by the worker's message handler), then, if the worker does not answer, by terminating its JavaScript.
   * Between cells the worker is asked too: code a cell left behind (a timer, a promise callback) may spin there.
   */
  async interrupt(): Promise<'cooperative' | 'terminated' | 'restarted' | 'idle'> {
    const executing = this.executing;
    const generation = Atomics.add(this.shared, SHARED.interruptGeneration, 1) + 1;
    const acked = new Promise<void>((resolve) => this.ackWaiters.push(resolve));
    this.post({ type: 'interrupt', generation });
    if (await this.answersWhileOwnWorkRuns(acked)) return executing ? 'cooperative' : 'idle';
    if (Atomics.load(this.shared, SHARED.inUnsafeCallback) === 1 || this.inspectorSessionId === null) {
      // Terminating JavaScript inside Node's timer or nextTick machinery corrupts its async-hook stack and aborts
      // the whole process, so a spin there costs the worker instead of the kernel.
      await this.restart();
      this.events.exited('the interrupted code was spinning inside a timer callback, which cannot be stopped safely');
      return 'restarted';
    }
    await this.terminateJavaScript();
    this.post({ type: 'terminated', generation });
    return 'terminated';
  }

  /**
   * Waits for the worker's answer, window by window, for as long as the executor's own work (compiling, loading the
   * API, a training batch) runs, starts or ends: that work is never cut off, and the kernel code around it (a fit
   * between two batches) must not be either, since terminating it loses the promise jobs it had queued and the cell
   * never answers. False once a whole window passed with none of that work and no answer: the cell's code spins.
   */
  private async answersWhileOwnWorkRuns(acked: Promise<void>): Promise<boolean> {
    let changes = Atomics.load(this.shared, SHARED.ownWorkChanges);
    for (;;) {
      let timer!: NodeJS.Timeout;
      const windowEnded = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), COOPERATIVE_INTERRUPT_MS)));
      const answered = await Promise.race([acked.then(() => true), windowEnded]);
      clearTimeout(timer);
      if (answered) return true;
      const now = Atomics.load(this.shared, SHARED.ownWorkChanges);
      if (now === changes && Atomics.load(this.shared, SHARED.ownWork) === 0) return false;
      changes = now;
    }
  }

  private terminateJavaScript(): Promise<void> {
    return new Promise((resolve) => {
      const message = JSON.stringify({ id: 1, method: 'Runtime.terminateExecution' });
      this.inspector.post('NodeWorker.sendMessageToWorker', { sessionId: this.inspectorSessionId, message }, () =>
        resolve(),
      );
    });
  }

  private resolveAck(): void {
    const waiters = this.ackWaiters;
    this.ackWaiters = [];
    for (const waiter of waiters) waiter();
  }

  /** A fresh executor: every variable is gone. */
  async restart(): Promise<void> {
    const old = this.worker;
    this.stopping = true;
    await old.terminate();
    this.stopping = false;
    this.start();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.worker.terminate();
    this.resolveAck();
    this.inspector.disconnect();
  }
}
