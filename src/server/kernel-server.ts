// The kernel: channels (sockets, signing, iopub), the dispatcher (a handler per msg_type) and the executor client
// (the worker that runs the user's code), put together; started by src/kernel/main.ts, stopped by shutdown or a signal.
import type { ConnectionInfo } from '../protocol/connection';
import { Channels } from './channels';
import { Dispatcher } from './dispatch';
import { ExecutorClient } from './executor-client';
import type { HistoryStore } from './history/history';
import { TypesClient } from './types-client';

export interface KernelServerOptions {
  connection: ConnectionInfo;
  /** Reads the history: called once every channel is bound, so that a long history holds up no start-up. */
  openHistory: () => Promise<HistoryStore>;
  log?: (text: string) => void;
  workerFile?: string;
}

export class KernelServer {
  private readonly channels: Channels;
  /** Made by the dispatcher's constructor, which its events go to. */
  private executor!: ExecutorClient;
  private readonly dispatcher: Dispatcher;
  private exitRequested: ((restart: boolean) => void) | null = null;
  /** Set in the constructor (a promise executor runs at once). */
  private openHistory!: () => void;
  private closed = false;
  /** Resolves when a shutdown_request has been answered: with its `restart`. */
  readonly done: Promise<boolean>;

  constructor(options: KernelServerOptions) {
    const log = options.log ?? ((text) => process.stderr.write(`[tsdl] ${text}\n`));
    this.done = new Promise((resolve) => {
      this.exitRequested = resolve;
    });
    this.channels = new Channels(options.connection, log);
    const history = new Promise<HistoryStore>((resolve) => {
      this.openHistory = () => resolve(options.openHistory());
    });
    this.dispatcher = new Dispatcher({
      out: this.channels,
      executor: (events) => {
        this.executor = new ExecutorClient(events, { workerFile: options.workerFile, workerData: { cwd: process.cwd() } });
        return this.executor;
      },
      history,
      // TSDL_LANGUAGE_SERVICE=0: completions and inspections from the runtime alone (no TypeScript process).
      types: process.env.TSDL_LANGUAGE_SERVICE === '0' ? undefined : new TypesClient(process.cwd()),
      log,
      shutdown: (restart) => this.exitRequested?.(restart),
    });
  }

  async start(): Promise<void> {
    await this.channels.start(this.dispatcher);
    this.openHistory();
  }

  /** SIGINT (interrupt_mode "signal") and interrupt_request end up here. */
  interrupt(): void {
    void this.dispatcher.interrupt();
  }

  /** Closes every socket (zeromq aborts the process on exit while sockets are open) and stops the executor. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.channels.close();
    await this.executor.stop();
  }
}
