// The kernel's protocol side: five channels, signing, one dispatch table from msg_type to handler, busy/idle around
// every request, and the queue that runs shell requests one at a time. It knows nothing of TypeScript: language work
// goes to the executor worker.
import { randomUUID } from 'crypto';
import { Publisher, Router } from 'zeromq';
import { ConnectionInfo, endpoint } from '../protocol/connection';
import type {
  Channel,
  ExecuteReply,
  Header,
  HistoryEntry,
  JsonObject,
  KernelStatus,
  Message,
} from '../protocol/messages';
import { ReplayGuard } from '../protocol/replay-guard';
import { Signer } from '../protocol/signing';
import { decode, encode, makeHeader } from '../protocol/wire';
import type { ExecutorReply, FromExecutor } from '../shared/executor-protocol';
import { HistoryStore, type HistoryTupleWithOutput } from '../interpreter/history';
import { DropReport } from './drop-report';
import { ExecutorHost } from './executor-host';
import { FrameGarbage } from './frame-garbage';
import { Heartbeat } from './heartbeat';
import { IopubLane } from './iopub-lane';
import { kernelInfo } from './kernel-info';
import { type InboundLimits, inboundLimits, overLimits, positiveSetting } from './limits';
import { nextTurn } from './next-turn';
import { SendQueue } from './socket-queue';
import * as validate from './validate';

/** How many recent comm messages stay known as parents for the outputs their handlers produce. */
const COMM_PARENTS_KEPT = 256;

/** How far behind the kernel's clock a client's may run (TSDL_CLOCK_SKEW_S overrides): see ReplayGuard's notBefore. */
const DEFAULT_CLOCK_SKEW_S = 60;

type Incoming = 'shell' | 'control' | 'stdin';

/** Control requests answered at once, even while a cell runs; the rest wait in the shell queue. */
const CONTROL_NOW = new Set(['kernel_info_request', 'interrupt_request', 'shutdown_request']);

type Handler = (message: Message, channel: Channel) => Promise<void>;

interface PendingReply {
  resolve(reply: ExecutorReply): void;
}

export interface KernelServerOptions {
  connection: ConnectionInfo;
  history: HistoryStore;
  log?: (text: string) => void;
  workerFile?: string;
}

export class KernelServer {
  readonly session = randomUUID();
  private readonly signer: Signer;
  private readonly replays: ReplayGuard;
  private readonly limits: InboundLimits;
  // Sockets that receive from clients take one message at a time per client (the rest wait in the client's queue,
  // not in this process), refuse a frame over the limit before storing it, and are read one message per turn of the
  // event loop, so a flood on one cannot starve the others, signals or the executor's outputs.
  private readonly sockets: Record<Incoming, Router>;
  private readonly drops: Record<Incoming, DropReport>;
  private readonly frameGarbage = new FrameGarbage();
  /** Control requests (interrupt, kernel_info, shutdown) being answered; shell and stdin wait for them. */
  private readonly controlInFlight = new Set<Promise<void>>();
  // ZeroMQ's default high-water mark (1,000 messages) silently drops whatever a slow subscriber such as nbclient has
  // not read yet; 100,000 holds a burst of real outputs (updates and streams are coalesced in the executor) and still
  // bounds what a stalled subscriber pins.
  private readonly iopub = new Publisher({ sendHighWaterMark: 100_000 });
  private readonly queues: Record<Incoming | 'iopub', SendQueue>;
  private readonly iopubLane: IopubLane;
  /** Started by start(): heartbeat answers from a thread of its own, whatever this thread is doing. */
  private heartbeat: Heartbeat | null = null;
  private readonly executor: ExecutorHost;
  private readonly handlers: Record<string, Handler>;
  private readonly history: HistoryStore;
  private readonly historySession: number;
  private readonly log: (text: string) => void;
  private readonly pendingReplies = new Map<string, PendingReply>();
  /** Requests by msg_id, so the executor's outputs carry the right parent header. */
  private readonly requests = new Map<string, Message>();
  /** Comm messages kept as parents in `requests`, oldest first: a comm has no reply that would say when to forget it. */
  private readonly commParents: string[] = [];
  private lastExecute: Message | null = null;
  /** The input_request now waiting for its input_reply: its header's msg_id, the worker's number for it, its cell. */
  private inputRequest: { msgId: string; serial: number; parent: string } | null = null;
  private shellQueue: Promise<void> = Promise.resolve();
  /** execute_requests received but not yet started: stop_on_error aborts these. */
  private readonly waiting = new Set<string>();
  private readonly aborted = new Set<string>();
  private executionCount = 0;
  private backendDescription: string | null = null;
  /** Why user code asked for a restart (process.exit()), reported when the worker is gone. */
  private restartReason: string | null = null;
  private closed = false;
  private exitRequested: ((restart: boolean) => void) | null = null;
  readonly done: Promise<boolean>;

  constructor(private readonly options: KernelServerOptions) {
    this.log = options.log ?? ((text) => process.stderr.write(`[tsdl] ${text}\n`));
    if (options.connection.key === '') {
      this.log('warning: the connection file has an empty key: messages are not signed, so anyone who can reach these ports can run code');
    }
    this.signer = new Signer(options.connection.key, options.connection.signature_scheme);
    // Messages dated before this process started, less the clock skew allowed, were meant for an earlier kernel.
    const skewMs = positiveSetting(process.env, 'TSDL_CLOCK_SKEW_S', DEFAULT_CLOCK_SKEW_S, this.log) * 1000;
    this.replays = new ReplayGuard({ notBefore: Date.now() - process.uptime() * 1000 - skewMs });
    this.limits = inboundLimits(process.env, this.log);
    const inbound = () => new Router({ maxMessageSize: this.limits.maxBytes, receiveHighWaterMark: 1 });
    this.sockets = { shell: inbound(), control: inbound(), stdin: inbound() };
    this.drops = {
      shell: new DropReport('shell', this.log),
      control: new DropReport('control', this.log),
      stdin: new DropReport('stdin', this.log),
    };
    const onSendError = (name: string) => (error: Error) => this.log(`${name} send failed: ${error.message}`);
    this.queues = {
      shell: new SendQueue(this.sockets.shell, onSendError('shell')),
      control: new SendQueue(this.sockets.control, onSendError('control')),
      stdin: new SendQueue(this.sockets.stdin, onSendError('stdin')),
      iopub: new SendQueue(this.iopub, onSendError('iopub')),
    };
    this.iopubLane = new IopubLane((msgType, content, parent) => this.publishNow(msgType, content, parent));
    this.history = options.history;
    this.historySession = this.history.startSession();
    this.done = new Promise((resolve) => {
      this.exitRequested = resolve;
    });
    this.executor = new ExecutorHost(
      {
        message: (message) => this.onExecutorMessage(message),
        exited: (reason) => this.onExecutorExited(reason),
      },
      { workerFile: options.workerFile, workerData: { cwd: process.cwd() } },
    );
    this.handlers = {
      kernel_info_request: (m, c) => this.reply(c, m, 'kernel_info_reply', { ...kernelInfo(this.backendDescription) }),
      execute_request: (m, c) => this.execute(m, c),
      complete_request: (m, c) => this.forward(m, c, 'complete_reply', () => {
        const request = validate.completeRequest(m.content);
        return { type: 'complete', id: m.header.msg_id, code: request.code, cursorPos: request.cursor_pos };
      }),
      inspect_request: (m, c) => this.forward(m, c, 'inspect_reply', () => {
        const request = validate.inspectRequest(m.content);
        return {
          type: 'inspect',
          id: m.header.msg_id,
          code: request.code,
          cursorPos: request.cursor_pos,
          detailLevel: request.detail_level,
        };
      }),
      is_complete_request: (m, c) => this.forward(m, c, 'is_complete_reply', () => ({
        type: 'is_complete',
        id: m.header.msg_id,
        code: validate.isCompleteRequest(m.content).code,
      })),
      comm_info_request: (m, c) => this.forward(m, c, 'comm_info_reply', () => ({
        type: 'comm_info',
        id: m.header.msg_id,
        targetName: typeof m.content.target_name === 'string' ? m.content.target_name : null,
      })),
      history_request: (m, c) => this.reply(c, m, 'history_reply', { status: 'ok', history: this.historyEntries(m) }),
      shutdown_request: (m, c) => this.shutdown(m, c),
      interrupt_request: async (m, c) => {
        await this.executor.interrupt();
        await this.reply(c, m, 'interrupt_reply', { status: 'ok' });
      },
    };
  }

  async start(): Promise<void> {
    const { connection } = this.options;
    // The heartbeat's thread starts meanwhile; kernel_info is answered without waiting for it.
    const heartbeat = new Heartbeat(endpoint(connection, 'hb'), this.log);
    this.heartbeat = heartbeat;
    try {
      await Promise.all([
        this.sockets.shell.bind(endpoint(connection, 'shell')),
        this.sockets.control.bind(endpoint(connection, 'control')),
        this.sockets.stdin.bind(endpoint(connection, 'stdin')),
        this.iopub.bind(endpoint(connection, 'iopub')),
      ]);
      void this.receive('shell');
      void this.receive('control');
      void this.receive('stdin');
      void this.publish('status', { execution_state: 'starting' satisfies KernelStatus }, {});
      await heartbeat.bound;
    } catch (error) {
      // The process exits next: ZeroMQ aborts it if a thread still holds a socket then.
      await heartbeat.close();
      throw error;
    }
  }

  /** SIGINT (interrupt_mode "signal") and interrupt_request end up here. */
  interrupt(): void {
    void this.executor.interrupt();
  }

  private async receive(channel: Incoming): Promise<void> {
    try {
      for (;;) {
        const dropped = await this.takeOne(channel);
        // The message is out of reach here, so a collection frees it.
        if (dropped > 0) this.frameGarbage.dropped(dropped);
        await nextTurn();
        // Taking the next message apart may hold this thread a while (a flood of huge ones): an interrupt goes first.
        if (channel !== 'control') while (this.controlInFlight.size > 0) await Promise.race(this.controlInFlight);
      }
    } catch (error) {
      if (!this.closed) this.log(`${channel} socket stopped: ${(error as Error).message}`);
    }
  }

  /** Receives and handles one message; returns its frame count if it was over the limits and dropped, else 0. */
  private async takeOne(channel: Incoming): Promise<number> {
    const frames = await this.sockets[channel].receive();
    // Counted before anything is read: a message of a million empty frames is dropped at once.
    const over = overLimits(frames, this.limits);
    if (over === null) {
      this.onFrames(channel, frames);
      return 0;
    }
    this.drops[channel].drop(over);
    return frames.length;
  }

  private onFrames(channel: Incoming, frames: Buffer[]): void {
    const decoded = decode(frames, this.signer, this.replays);
    if (!decoded.ok) {
      this.drops[channel].drop(decoded.reason);
      // A correctly signed request whose content is malformed still deserves an error reply (a replay has no header).
      if (decoded.header) void this.errorReply(channel, decoded.identities, decoded.header, 'InvalidMessage', decoded.reason);
      return;
    }
    const message = decoded.message;
    const type = message.header.msg_type;
    if (channel === 'stdin') {
      if (type === 'input_reply') this.answerInput(message);
      return;
    }
    if (type === 'comm_open' || type === 'comm_msg' || type === 'comm_close') {
      // Comm traffic goes straight to the executor, even while a cell runs, so widgets stay live.
      this.forwardComm(message);
      return;
    }
    if (channel === 'control' && CONTROL_NOW.has(type)) {
      // Settles either way: shell and stdin wait on it, and must not stop if it fails.
      const handled = this.handle(message, channel).catch((error: Error) => this.log(`${type} failed: ${error.stack ?? error}`));
      this.controlInFlight.add(handled);
      void handled.then(() => this.controlInFlight.delete(handled));
      return;
    }
    // Everything else, from control too, takes its turn: the executor runs one request at a time, and two cells
    // started at once would wait on each other forever.
    if (type === 'execute_request') this.waiting.add(message.header.msg_id);
    this.shellQueue = this.shellQueue.then(() => this.handle(message, channel));
  }

  private async handle(message: Message, channel: Channel): Promise<void> {
    const type = message.header.msg_type;
    // Queued in order, not awaited: a control request need not wait until a long output ahead of it has gone out.
    void this.publish('status', { execution_state: 'busy' satisfies KernelStatus }, message.header);
    try {
      // msg_type is untrusted text: only the table's own keys count ('constructor' or '__proto__' are not handlers).
      const handler = Object.hasOwn(this.handlers, type) ? this.handlers[type] : undefined;
      if (this.aborted.delete(message.header.msg_id)) {
        await this.reply(channel, message, 'execute_reply', {
          status: 'aborted',
          execution_count: this.executionCount,
        } satisfies ExecuteReply);
      } else if (handler) {
        await handler(message, channel);
      } else {
        this.log(`unknown message type ${type} on ${channel}`);
        if (type.endsWith('_request')) {
          await this.errorReply(channel, message.identities, message.header, 'UnknownMessageType', `tsdl does not handle ${type}`);
        }
      }
    } catch (error) {
      const name = error instanceof validate.InvalidRequest ? 'InvalidRequest' : 'KernelError';
      this.log(`${type} failed: ${(error as Error).stack ?? error}`);
      await this.errorReply(channel, message.identities, message.header, name, (error as Error).message);
    } finally {
      this.waiting.delete(message.header.msg_id);
      // Queued in order, not awaited: the request is done once answered, even with a long output still going out.
      void this.publish('status', { execution_state: 'idle' satisfies KernelStatus }, message.header);
    }
  }

  private async execute(message: Message, channel: Channel): Promise<void> {
    const request = validate.executeRequest(message.content);
    if (request.store_history) this.executionCount += 1;
    const count = this.executionCount;
    // execute_input is queued before the worker can send any output (iopub's queue keeps the order), and the history
    // record (a synchronous file write) is made while the worker already runs the cell.
    if (!request.silent) void this.publish('execute_input', { code: request.code, execution_count: count }, message.header);
    this.requests.set(message.header.msg_id, message);
    this.lastExecute = message;
    const replied = this.ask(message.header.msg_id, {
      type: 'execute',
      id: message.header.msg_id,
      code: request.code,
      executionCount: count,
      silent: request.silent,
      storeHistory: request.store_history,
      userExpressions: request.user_expressions,
      allowStdin: request.allow_stdin,
    });
    // Best effort, never throws: a history that cannot be saved was reported once, when it failed.
    if (request.store_history) this.history.append(this.historySession, count, request.code);
    const reply = await replied;
    const content: ExecuteReply = reply.kind === 'execute'
      ? reply.content
      : {
          status: 'error',
          execution_count: count,
          ename: 'KernelError',
          evalue: reply.kind === 'failed' ? reply.error : `unexpected ${reply.kind} reply`,
          traceback: [],
        };
    if (content.status === 'error' && request.stop_on_error) {
      // Like ipykernel: everything already queued behind a failed cell is answered 'aborted', not run.
      for (const id of this.waiting) if (id !== message.header.msg_id) this.aborted.add(id);
    }
    await this.reply(channel, message, 'execute_reply', content);
    this.requests.delete(message.header.msg_id);
  }

  private async forward(
    message: Message,
    channel: Channel,
    replyType: string,
    command: () => Parameters<ExecutorHost['post']>[0],
  ): Promise<void> {
    const reply = await this.ask(message.header.msg_id, command());
    if (reply.kind === 'failed') throw new Error(reply.error);
    await this.reply(channel, message, replyType, reply.content);
  }

  /**
   * An input_reply answers the input_request its parent header names (jupyter_client's input() and classic Notebook
   * name none; they answer the prompt waiting now). One that names another request, or that comes when no prompt
   * waits (its cell was interrupted or has ended), is a late answer to an old prompt: dropped, never handed to the
   * next one.
   */
  private answerInput(message: Message): void {
    const waiting = this.inputRequest;
    const answers = (message.parent_header as Partial<Header>).msg_id;
    if (!waiting || !this.requests.has(waiting.parent) || (answers && answers !== waiting.msgId)) {
      this.log('dropped an input_reply that answers no waiting input_request');
      return;
    }
    this.inputRequest = null;
    const value = typeof message.content.value === 'string' ? message.content.value : '';
    this.executor.post({ type: 'input_reply', value, serial: waiting.serial });
  }

  private forwardComm(message: Message): void {
    const type = message.header.msg_type as 'comm_open' | 'comm_msg' | 'comm_close';
    try {
      const id = message.header.msg_id;
      this.rememberCommParent(message);
      if (type === 'comm_open') this.executor.post({ type, id, content: validate.commOpen(message.content) });
      else this.executor.post({ type, id, content: validate.commMsg(message.content) });
    } catch (error) {
      this.log(`dropped ${type}: ${(error as Error).message}`);
    }
  }

  /** Outputs of a comm handler name its message as parent; the latest few are kept so widget traffic cannot leak. */
  private rememberCommParent(message: Message): void {
    this.requests.set(message.header.msg_id, message);
    this.commParents.push(message.header.msg_id);
    while (this.commParents.length > COMM_PARENTS_KEPT) this.requests.delete(this.commParents.shift() as string);
  }

  private ask(id: string, command: Parameters<ExecutorHost['post']>[0]): Promise<ExecutorReply> {
    return new Promise((resolve) => {
      this.pendingReplies.set(id, { resolve });
      this.executor.post(command);
    });
  }

  private historyEntries(message: Message): HistoryEntry[] | HistoryTupleWithOutput[] {
    const request = validate.historyRequest(message.content);
    const entries = ((): HistoryEntry[] => {
      switch (request.hist_access_type) {
        case 'tail':
          return this.history.tail(request.n ?? 10, { unique: request.unique });
        case 'range':
          return this.history.range(request.session ?? 0, request.start ?? 1, request.stop);
        case 'search':
          return this.history.search(request.pattern ?? '*', { n: request.n, unique: request.unique });
      }
    })();
    return request.output ? this.history.withOutputs(entries) : entries;
  }

  private async shutdown(message: Message, channel: Channel): Promise<void> {
    const restart = message.content.restart === true;
    await this.reply(channel, message, 'shutdown_reply', { status: 'ok', restart });
    this.exitRequested?.(restart);
  }

  private onExecutorMessage(message: FromExecutor): void {
    switch (message.type) {
      case 'iopub': {
        const parent = message.parent === null ? this.lastExecute : this.requests.get(message.parent) ?? this.lastExecute;
        // Only an execute_request's own result goes into the output history; any other parent (a comm message whose
        // handler displayed something) has no execute content to check.
        // Published first: the output history's record is a synchronous file write, which the result need not wait for.
        void this.publish(message.msgType, message.content, parent?.header ?? {});
        if (message.msgType === 'execute_result' && parent?.header.msg_type === 'execute_request' && validate.executeRequest(parent.content).store_history) {
          this.recordOutput(message.content);
        }
        break;
      }
      case 'reply': {
        const pending = this.pendingReplies.get(message.id);
        this.pendingReplies.delete(message.id);
        pending?.resolve(message.reply);
        break;
      }
      case 'input_request': {
        const parent = this.requests.get(message.parent);
        if (!parent) break;
        const header = makeHeader('input_request', this.session);
        this.inputRequest = { msgId: header.msg_id, serial: message.serial, parent: message.parent };
        void this.send('stdin', parent.identities, 'input_request', { prompt: message.prompt, password: message.password }, parent.header, header);
        break;
      }
      case 'backend':
        this.backendDescription = message.summary.description;
        break;
      case 'restart_request':
        this.restartReason = message.reason;
        break;
      case 'interrupt_ack':
        break;
    }
  }

  private recordOutput(content: JsonObject): void {
    const text = (content.data as Record<string, unknown> | undefined)?.['text/plain'];
    if (typeof text === 'string' && typeof content.execution_count === 'number') {
      this.history.recordOutput(this.historySession, content.execution_count, text);
    }
  }

  /** The worker is gone (process.exit() in a cell, out of memory, a crash): say so, and answer what it owed. */
  private onExecutorExited(exitReason: string): void {
    const reason = this.restartReason ?? exitReason;
    this.restartReason = null;
    this.log(`executor restarted: ${reason}`);
    // The notice goes to the running cell, or, when the worker ended between cells (process.exit() in a timer), to
    // the latest one, where a frontend that shows late output puts it.
    const parent = this.lastExecute;
    if (parent) {
      void this.publish('stream', { name: 'stderr', text: `The kernel's context was restarted: ${reason}. Every variable is gone.\n` }, parent.header);
    }
    for (const [id, pending] of this.pendingReplies) {
      this.pendingReplies.delete(id);
      pending.resolve({
        kind: 'execute',
        content: {
          status: 'error',
          execution_count: this.executionCount,
          ename: 'KernelRestarted',
          evalue: reason,
          traceback: [`KernelRestarted: ${reason}`],
        },
      });
    }
  }

  /** The signed frames of a message, or why its content cannot be written as JSON (logged: it is dropped). */
  private encoded(identities: Buffer[], msgType: string, content: unknown, parent: Header | Record<string, never>, header = makeHeader(msgType, this.session)): (Buffer | string)[] | string {
    try {
      return encode({ identities, header, parent_header: parent, metadata: {}, content }, this.signer);
    } catch (error) {
      this.log(`dropped ${msgType}: its content is not JSON: ${(error as Error).message}`);
      return (error as Error).message;
    }
  }

  private publish(msgType: string, content: unknown, parent: Header | Record<string, never>): Promise<void> {
    return this.iopubLane.publish(msgType, content, parent);
  }

  private publishNow(msgType: string, content: unknown, parent: Header | Record<string, never>): Promise<void> {
    const frames = this.encoded([Buffer.from(msgType)], msgType, content, parent);
    return typeof frames === 'string' ? Promise.resolve() : this.queues.iopub.send(frames);
  }

  private reply(channel: Channel, request: Message, msgType: string, content: unknown): Promise<void> {
    return this.send(channel, request.identities, msgType, content, request.header);
  }

  private send(channel: Channel, identities: Buffer[], msgType: string, content: unknown, parent: Header | Record<string, never>, header?: Header): Promise<void> {
    const frames = this.encoded(identities, msgType, content, parent, header);
    if (typeof frames !== 'string') return this.queues[channel].send(frames);
    // A request still gets its reply, or its client would wait forever: an error reply says what went wrong.
    if (!msgType.endsWith('_reply') || !('msg_type' in parent)) return Promise.resolve();
    return this.errorReply(channel, identities, parent as Header, 'TypeError', `the kernel could not send its ${msgType}, whose content is not JSON: ${frames}`);
  }

  private errorReply(channel: Channel, identities: Buffer[], header: Header, ename: string, evalue: string): Promise<void> {
    const type = header.msg_type.endsWith('_request') ? header.msg_type.replace(/_request$/, '_reply') : 'error';
    return this.send(channel, identities, type, { status: 'error', ename, evalue, traceback: [`${ename}: ${evalue}`] }, header);
  }

  /** Closes every socket (zeromq aborts the process on exit while sockets are open) and stops the executor. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.race([
      Promise.all(Object.values(this.queues).map((queue) => queue.flushed())),
      new Promise((resolve) => setTimeout(resolve, 1000)),
    ]);
    for (const socket of [...Object.values(this.sockets), this.iopub]) socket.close();
    await this.heartbeat?.close();
    await this.executor.stop();
  }
}

