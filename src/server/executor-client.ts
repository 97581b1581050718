// The main thread's typed side of the executor protocol: asks the worker a request and resolves with the reply of
// that request's type, relays what the worker sends on its own (outputs, prompts, the backend it chose), and, when the
// worker is gone, answers every request still waiting with an error reply of the request's own type.
import type { InputRequest, IopubOutput, MessageExtras } from '../protocol/messages';
import {
  failedReply,
  type BackendSummary,
  type ExecutorReplyContent,
  type ExecutorRequest,
  type ExecutorRequestType,
  type FromExecutor,
  type ToExecutor,
} from '../shared/executor-protocol';
import { ExecutorHost, type ExecutorOptions } from './executor-host';

export interface ExecutorClientEvents {
  /** An iopub message the worker attributes to request `parent` (null: the most recent execute request). */
  output(parent: string | null, output: IopubOutput, extras?: MessageExtras): void;
  /** A cell asks for input; `serial` goes back with the answer. */
  inputRequest(parent: string, serial: number, content: InputRequest): void;
  backend(summary: BackendSummary): void;
  /** The worker has handled the comm message `id`. */
  commHandled?(id: string): void;
  /** The worker was replaced and every variable is gone; called before the requests it owed are answered. */
  restarted(reason: string): void;
}

/** The executor as the dispatcher uses it (a fake stands in for it in unit tests). */
export interface Executor {
  ask<T extends ExecutorRequestType>(request: ExecutorRequest<T>): Promise<ExecutorReplyContent<T>>;
  /** A message that has no reply: comm traffic, an input_reply. */
  post(message: ToExecutor): void;
  interrupt(): Promise<unknown>;
}

interface Pending {
  request: ExecutorRequest;
  resolve(content: ExecutorReplyContent): void;
}

export class ExecutorClient implements Executor {
  private readonly host: ExecutorHost;
  /** Requests asked and not yet answered, by id. */
  private readonly pending = new Map<string, Pending>();
  /** Why user code asked for a restart (process.exit()), reported when the worker is gone. */
  private restartReason: string | null = null;

  constructor(
    private readonly events: ExecutorClientEvents,
    options: ExecutorOptions = {},
  ) {
    this.host = new ExecutorHost(
      {
        message: (message) => this.onMessage(message),
        exited: (reason) => this.onExited(reason),
      },
      options,
    );
  }

  ask<T extends ExecutorRequestType>(request: ExecutorRequest<T>): Promise<ExecutorReplyContent<T>> {
    return new Promise((resolve) => {
      this.pending.set(request.id, { request: request as ExecutorRequest, resolve: resolve as (content: ExecutorReplyContent) => void });
      this.host.post(request as ExecutorRequest);
    });
  }

  post(message: ToExecutor): void {
    this.host.post(message);
  }

  /** See ExecutorHost.interrupt: cooperative first, then terminated or restarted. */
  interrupt(): ReturnType<ExecutorHost['interrupt']> {
    return this.host.interrupt();
  }

  stop(): Promise<void> {
    return this.host.stop();
  }

  private onMessage(message: FromExecutor): void {
    switch (message.type) {
      case 'iopub':
        this.events.output(message.parent, { msgType: message.msgType, content: message.content } as IopubOutput, message.extras);
        break;
      case 'reply': {
        const pending = this.pending.get(message.id);
        this.pending.delete(message.id);
        pending?.resolve(message.content);
        break;
      }
      case 'input_request':
        this.events.inputRequest(message.parent, message.serial, message.content);
        break;
      case 'backend':
        this.events.backend(message.summary);
        break;
      case 'comm_handled':
        this.events.commHandled?.(message.id);
        break;
      case 'restart_request':
        this.restartReason = message.reason;
        break;
      case 'interrupt_ack':
        break;
    }
  }

  /** The worker is gone (process.exit() in a cell, out of memory, a crash): say so, and answer what it owed. */
  private onExited(exitReason: string): void {
    const reason = this.restartReason ?? exitReason;
    this.restartReason = null;
    this.events.restarted(reason);
    for (const [id, { request, resolve }] of this.pending) {
      this.pending.delete(id);
      resolve(failedReply(request, 'KernelRestarted', reason, [`KernelRestarted: ${reason}`]));
    }
  }
}
