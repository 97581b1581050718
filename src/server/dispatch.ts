// The kernel's core, between the channels and the executor: one handler per request msg_type, status busy and idle
// around each request, control requests answered at once and everything else in turn, queued cells aborted after a
// failed one, comm and stdin traffic routed to the worker, and the worker's outputs sent with their parent header.
import type {
  Channel,
  Header,
  ExecuteReply,
  ExecuteResult,
  HistoryEntry,
  HistoryReply,
  InputRequest,
  IopubOutput,
  IsCompleteReply,
  JsonObject,
  Message,
  MessageExtras,
  ReplyContents,
  Request,
  RequestContents,
  RequestType,
} from '../protocol/messages';
import { makeHeader } from '../protocol/wire';
import { codePointsToIndex } from '../shared/code-points';
import { mergeCompletions, mergeInspect, mergePages, undocumentedPage } from '../language-service/merge';
import type { TypesCalls, TypesRequestType } from '../language-service/protocol';
import type { BackendSummary, ExecutorRequest, ExecutorRequestType } from '../shared/executor-protocol';
import type { Inbox, Incoming, Outbound } from './channels';
import type { Executor, ExecutorClientEvents } from './executor-client';
import type { HistoryStore } from './history/history';
import { kernelInfo } from './kernel-info';
import { isExecute, Parents } from './parents';
import { ReplyPacing } from './reply-pacing';
import type { TypesService } from './types-client';
import * as validate from './validate';

/**
 * How long is_complete waits for the executor before answering 'unknown' (the spec's "cannot tell", which jupyter
 * console takes as "run it"): jupyter console stops asking the kernel for the rest of its session once an answer
 * takes a second, and the executor can be that long loading TensorFlow.js right after start-up.
 */
export const IS_COMPLETE_WAIT_MS = 500;

/**
 * How long a `name?` page waits for TypeScript's description before it goes with the runtime's alone: the first
 * request after a start waits while TypeScript reads the declarations, and gets the typed half only if that fits.
 */
export const TYPED_WAIT_MS = 800;

/**
 * How soon after its arrival a completion or inspection is answered, TypeScript's half or not: JupyterLab drops a
 * provider's completions that take over a second, popup and all, and the runtime's half may already have taken a
 * while (the executor loading TensorFlow.js right after a start).
 */
export const REPLY_BUDGET_MS = 700;

/** Control requests answered at once, even while a cell runs; the rest wait in the shell queue. */
const CONTROL_NOW = new Set(['kernel_info_request', 'interrupt_request', 'shutdown_request']);

/** Each request's content as validated before its handler runs; an InvalidRequest is answered with an error reply. */
const VALIDATE: { [T in RequestType]: (content: JsonObject) => RequestContents[T] } = {
  kernel_info_request: (content) => content,
  execute_request: validate.executeRequest,
  complete_request: validate.completeRequest,
  inspect_request: validate.inspectRequest,
  is_complete_request: validate.isCompleteRequest,
  comm_info_request: validate.commInfoRequest,
  history_request: validate.historyRequest,
  shutdown_request: validate.shutdownRequest,
  interrupt_request: (content) => content,
};

type Handlers = { [T in RequestType]: (request: Request<T>, channel: Channel) => Promise<void> };

export interface DispatcherOptions {
  out: Outbound;
  /** Makes the executor, whose events come to this dispatcher. */
  executor: (events: ExecutorClientEvents) => Executor;
  /** The history, once its file is read: requests that need it wait for it, the rest do not. */
  history: Promise<HistoryStore>;
  log: (text: string) => void;
  /** A shutdown_request was answered. */
  shutdown: (restart: boolean) => void;
  /** TypeScript's view of the notebook, for completions and inspections (none: the runtime's alone). */
  types?: TypesService;
}

export class Dispatcher implements Inbox, ExecutorClientEvents {
  private readonly out: Outbound;
  private readonly executor: Executor;
  private readonly types: TypesService | undefined;
  /** The history and this kernel's session in it. */
  private readonly history: Promise<{ store: HistoryStore; session: number }>;
  private readonly log: (text: string) => void;
  private readonly parents = new Parents();
  private readonly pacing = new ReplyPacing();
  /** Control requests (interrupt, kernel_info, shutdown) being answered; shell and stdin wait for them. */
  private readonly controlInFlight = new Set<Promise<void>>();
  private shellQueue: Promise<void> = Promise.resolve();
  /** execute_requests received but not yet started: stop_on_error aborts these. */
  private readonly waiting = new Set<string>();
  private readonly aborted = new Set<string>();
  /** The kernel's execution count: the worker runs each cell with the number it is given here. */
  private executionCount = 0;
  /** The input_request now waiting for its input_reply: its header's msg_id, the worker's number for it, its cell. */
  private waitingInput: { msgId: string; serial: number; parent: string } | null = null;
  private backendDescription: string | null = null;
  /** The API has loaded while cells were queued: the language service starts once they are done (see backend()). */
  private typesAfterCells = false;
  /** The requests being handled now (between their busy and their idle): a control request may overlap a cell. */
  private readonly inFlight = new Set<Message>();

  /** One handler per request type, named after it. */
  private readonly handlers: Handlers = {
    kernel_info_request: (request, channel) => this.out.reply(channel, request, kernelInfo(this.backendDescription)),
    execute_request: (request, channel) => this.execute(request, channel),
    complete_request: (request, channel) => this.complete(request, channel),
    inspect_request: (request, channel) => this.inspect(request, channel),
    is_complete_request: (request, channel) => this.isComplete(request, channel),
    comm_info_request: (request, channel) => this.forward(request, channel),
    history_request: async (request, channel) => this.out.reply(channel, request, this.historyReply(request, (await this.history).store)),
    shutdown_request: async (request, channel) => {
      await this.out.reply(channel, request, { status: 'ok', restart: request.content.restart });
      this.shutdown(request.content.restart);
    },
    interrupt_request: async (request, channel) => {
      await this.interrupt();
      await this.out.reply(channel, request, { status: 'ok' });
    },
  };

  private readonly shutdown: (restart: boolean) => void;

  constructor(options: DispatcherOptions) {
    this.out = options.out;
    this.executor = options.executor(this);
    this.types = options.types;
    this.history = options.history.then((store) => ({ store, session: store.startSession() }));
    this.log = options.log;
    this.shutdown = options.shutdown;
  }

  receive(message: Message, channel: Incoming): void {
    const type = message.header.msg_type;
    if (channel === 'stdin') {
      if (type === 'input_reply') this.answerInput(message);
      return;
    }
    if (type === 'comm_open' || type === 'comm_msg' || type === 'comm_close') {
      // Comm traffic goes straight to the executor, even while a cell runs, so widgets stay live.
      this.forwardComm(message, type);
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

  /** Stops the running cell (see ExecutorHost.interrupt), and lets a reply held for pacing go at once. */
  interrupt(): ReturnType<Executor['interrupt']> {
    this.pacing.release();
    return this.executor.interrupt();
  }

  controlPending(): Promise<void> | null {
    return this.controlInFlight.size > 0 ? Promise.race(this.controlInFlight) : null;
  }

  private async handle(message: Message, channel: Channel): Promise<void> {
    const type = message.header.msg_type;
    // Queued in order, not awaited: a control request need not wait until a long output ahead of it has gone out.
    void this.out.publish('status', { execution_state: 'busy' }, message.header);
    this.inFlight.add(message);
    try {
      if (this.aborted.delete(message.header.msg_id)) {
        const request = message as unknown as Request<'execute_request'>;
        await this.out.reply(channel, request, { status: 'aborted', execution_count: this.executionCount });
      } else if (isRequestType(type)) {
        await this.run(type, message, channel);
      } else {
        this.log(`unknown message type ${type} on ${channel}`);
        if (type.endsWith('_request')) {
          await this.out.errorReply(channel, message.identities, message.header, 'UnknownMessageType', `tsdl does not handle ${type}`);
        }
      }
    } catch (error) {
      const name = error instanceof validate.InvalidRequest ? 'InvalidRequest' : 'KernelError';
      this.log(`${type} failed: ${(error as Error).stack ?? error}`);
      await this.out.errorReply(channel, message.identities, message.header, name, (error as Error).message);
    } finally {
      this.inFlight.delete(message);
      this.waiting.delete(message.header.msg_id);
      if (this.typesAfterCells && this.waiting.size === 0) {
        this.typesAfterCells = false;
        this.types?.prepare();
      }
      // Queued in order, not awaited: the request is done once answered, even with a long output still going out.
      void this.out.publish('status', { execution_state: 'idle' }, message.header);
    }
  }

  /** Validates the request's content and runs its handler. */
  private run<T extends RequestType>(type: T, message: Message, channel: Channel): Promise<void> {
    const request: Request<T> = { ...message, header: message.header as Header<T>, content: VALIDATE[type](message.content) };
    return this.handlers[type](request, channel);
  }

  private async execute(request: Request<'execute_request'>, channel: Channel): Promise<void> {
    const cell = request.content;
    const id = request.header.msg_id;
    if (cell.store_history) this.executionCount += 1;
    const count = this.executionCount;
    this.parents.addExecute(request);
    this.pacing.started(id);
    const replied = this.executor.ask({ type: 'execute_request', id, content: cell, execution_count: count });
    // execute_input and the history record (a synchronous file write) are made while the worker already runs the
    // cell: its outputs come in a later turn of this thread, so execute_input still goes out before them.
    if (!cell.silent) void this.out.publish('execute_input', { code: cell.code, execution_count: count }, request.header);
    // Best effort, never throws: a history that cannot be saved was reported once, when it failed.
    if (cell.store_history) this.withHistory((store, session) => store.append(session, count, cell.code));
    const reply = await this.withTypedPages(await replied);
    // What ran is what TypeScript reads; a cell that did not compile ran nothing.
    if (reply.status === 'ok' || (reply.status === 'error' && reply.ename !== 'SyntaxError')) this.types?.cellRan(cell.code);
    if (reply.status === 'error' && cell.stop_on_error) {
      // Like ipykernel: everything already queued behind a failed cell is answered 'aborted', not run.
      for (const waiting of this.waiting) if (waiting !== id) this.aborted.add(waiting);
    }
    await this.pacing.held(id);
    await this.out.reply(channel, request, reply);
    this.parents.remove(id);
  }

  /** A request the executor answers: its reply goes back as the executor wrote it. */
  private async forward<T extends RequestType & ExecutorRequestType>(request: Request<T>, channel: Channel): Promise<void> {
    const asked = { type: request.header.msg_type, id: request.header.msg_id, content: request.content } as ExecutorRequest<T>;
    const reply = await this.executor.ask(asked);
    // ExecutorCalls' replies are ReplyContents' own (see executor-protocol.ts); the compiler cannot match them for a T.
    await this.out.reply(channel, request, reply as ReplyContents[T]);
  }

  /** `name?`'s or help()'s page, with TypeScript's description when the runtime has no documentation of the name. */
  private async withTypedPages(reply: ExecuteReply): Promise<ExecuteReply> {
    const dotted = undocumentedPage(reply);
    const typed = dotted === null ? null : await this.askTypes('inspect', { code: dotted, cursor: dotted.length, detail: 0 }, Date.now() + TYPED_WAIT_MS);
    return mergePages(reply, typed);
  }

  /** The runtime's completions merged with TypeScript's, if they come within the budget (see REPLY_BUDGET_MS). */
  private async complete(request: Request<'complete_request'>, channel: Channel): Promise<void> {
    const { code, cursor_pos } = request.content;
    const cursor = codePointsToIndex(code, cursor_pos);
    const deadline = this.typedDeadline();
    const runtime = await this.executor.ask({ type: 'complete_request', id: request.header.msg_id, content: request.content });
    if (runtime.status !== 'ok') return this.out.reply(channel, request, runtime);
    // Asked second: TypeScript then signs only what the runtime has not (writing a type out can take it long).
    const typed = await this.askTypes('complete', { code, cursor, live: runtime.matches }, deadline);
    await this.out.reply(channel, request, mergeCompletions(runtime, typed, code, cursor));
  }

  /** The runtime's description, documented by TypeScript where the runtime has no documentation. */
  private async inspect(request: Request<'inspect_request'>, channel: Channel): Promise<void> {
    const { code, cursor_pos, detail_level } = request.content;
    const deadline = this.typedDeadline();
    const runtime = await this.executor.ask({ type: 'inspect_request', id: request.header.msg_id, content: request.content });
    if (runtime.status !== 'ok') return this.out.reply(channel, request, runtime);
    // Asked second, and only for what the runtime cannot document (`tf.zeros`, not `layers.Dense`).
    const ask = { code, cursor: codePointsToIndex(code, cursor_pos), detail: detail_level };
    const typed = runtime.documented ? null : await this.askTypes('inspect', ask, deadline);
    await this.out.reply(channel, request, mergeInspect(runtime, typed));
  }

  /** When a request that just came must be answered; the language service starts now, while the runtime answers. */
  private typedDeadline(): number {
    this.types?.prepare();
    return Date.now() + REPLY_BUDGET_MS;
  }

  /** TypeScript's half, or null when there is no service or no time left before `deadline`. */
  private async askTypes<T extends TypesRequestType>(type: T, ask: TypesCalls[T]['ask'], deadline: number): Promise<TypesCalls[T]['answer'] | null> {
    const left = deadline - Date.now();
    return this.types && left > 0 ? this.types.ask(type, ask, left) : null;
  }

  /** The executor's is_complete answer, or 'unknown' if it has none within IS_COMPLETE_WAIT_MS. */
  private async isComplete(request: Request<'is_complete_request'>, channel: Channel): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const unknown = new Promise<IsCompleteReply>((resolve) => {
      timer = setTimeout(() => resolve({ status: 'unknown' }), IS_COMPLETE_WAIT_MS);
    });
    const asked = this.executor.ask({ type: 'is_complete_request', id: request.header.msg_id, content: request.content });
    const reply = await Promise.race([asked, unknown]);
    clearTimeout(timer);
    await this.out.reply(channel, request, reply);
  }

  private historyReply(request: Request<'history_request'>, history: HistoryStore): HistoryReply {
    const query = request.content;
    const entries = ((): HistoryEntry[] => {
      switch (query.hist_access_type) {
        case 'tail':
          return history.tail(query.n ?? 10, { unique: query.unique });
        case 'range':
          return history.range(query.session ?? 0, query.start ?? 1, query.stop);
        case 'search':
          return history.search(query.pattern ?? '*', { n: query.n, unique: query.unique });
      }
    })();
    return { status: 'ok', history: query.output ? history.withOutputs(entries) : entries };
  }

  /**
   * An input_reply answers the input_request its parent header names (jupyter_client's input() and classic Notebook
   * name none; they answer the prompt waiting now). One that names another request, or that comes when no prompt
   * waits (its cell was interrupted or has ended), is a late answer to an old prompt: dropped, never handed to the
   * next one.
   */
  private answerInput(message: Message): void {
    const waiting = this.waitingInput;
    const answers = (message.parent_header as Partial<Header>).msg_id;
    if (!waiting || !this.parents.get(waiting.parent) || (answers && answers !== waiting.msgId)) {
      this.log('dropped an input_reply that answers no waiting input_request');
      return;
    }
    this.waitingInput = null;
    const value = typeof message.content.value === 'string' ? message.content.value : '';
    this.executor.post({ type: 'input_reply', serial: waiting.serial, content: { value } });
  }

  private forwardComm(message: Message, type: 'comm_open' | 'comm_msg' | 'comm_close'): void {
    try {
      const id = message.header.msg_id;
      // Outputs of a comm handler name its message as parent.
      this.parents.addComm(message);
      // Widgets read the metadata (the protocol version) and binary buffers of comm messages too.
      const extras = { metadata: message.metadata, buffers: message.buffers };
      if (type === 'comm_open') this.executor.post({ type, id, content: validate.commOpen(message.content), ...extras });
      else this.executor.post({ type, id, content: validate.commMsg(message.content), ...extras });
      // As ipykernel does, busy and idle (once handled, see commHandled) frame the comm message: ipywidgets sends a
      // widget's next update only after the idle of its previous one.
      void this.out.publish('status', { execution_state: 'busy' }, message.header);
    } catch (error) {
      this.log(`dropped ${type}: ${(error as Error).message}`);
    }
  }

  output(parentId: string | null, output: IopubOutput, extras?: MessageExtras): void {
    const parent = this.parents.of(parentId);
    // Published first: the output history's record is a synchronous file write, which the result need not wait for.
    void this.out.publish(output.msgType, output.content, parent?.header ?? {}, extras);
    if (parent && isExecute(parent)) this.pacing.published(parent.header.msg_id);
    // Only an execute_request's own result goes into the output history; any other parent (a comm message whose
    // handler displayed something) has no execute content to check.
    if (output.msgType === 'execute_result' && parent && isExecute(parent) && parent.content.store_history) this.recordOutput(output.content);
  }

  inputRequest(parentId: string, serial: number, content: InputRequest): void {
    const parent = this.parents.get(parentId);
    if (!parent) return;
    const header = makeHeader('input_request', this.out.session);
    this.waitingInput = { msgId: header.msg_id, serial, parent: parentId };
    void this.out.send('stdin', parent.identities, 'input_request', content, parent.header, header);
  }

  backend(summary: BackendSummary): void {
    this.backendDescription = summary.description;
    // The executor has loaded the API: TypeScript reads the declarations while the user reads the notebook, so that
    // the first Tab (JupyterLab waits a second) finds it warm. Cells that waited for the API run first: starting it
    // now would share the cores with them.
    if (this.waiting.size === 0) this.types?.prepare();
    else this.typesAfterCells = true;
  }

  /**
   * A comm message has been handled: its idle goes out. Comms are handled while a cell runs (widgets stay live during
   * fit), so the request in flight then says busy again: frontends show the kernel's state from the latest status.
   */
  commHandled(id: string): void {
    const comm = this.parents.get(id);
    if (!comm) return;
    void this.out.publish('status', { execution_state: 'idle' }, comm.header);
    const busy = [...this.inFlight].pop();
    if (busy) void this.out.publish('status', { execution_state: 'busy' }, busy.header);
  }

  /** The worker was replaced: the notice goes to the running cell, else to the latest one (see ExecutorClient). */
  restarted(reason: string): void {
    this.log(`executor restarted: ${reason}`);
    this.types?.reset();
    // When the worker ended between cells (process.exit() in a timer), the latest cell is where a frontend that shows
    // late output puts it.
    const parent = this.parents.latest;
    if (parent) {
      void this.out.publish('stream', { name: 'stderr', text: `The kernel's context was restarted: ${reason}. Every variable is gone.\n` }, parent.header);
    }
  }

  /** Records with the history once it is read, in call order; a failure is logged, never thrown (it is best effort). */
  private withHistory(record: (store: HistoryStore, session: number) => void): void {
    this.history
      .then(({ store, session }) => record(store, session))
      .catch((error: Error) => this.log(`history: ${error.stack ?? error.message}`));
  }

  private recordOutput(content: ExecuteResult): void {
    const text = content.data['text/plain'];
    if (typeof text === 'string') {
      this.withHistory((store, session) => store.recordOutput(session, content.execution_count, text));
    }
  }
}

/** msg_type is untrusted text: only the table's own keys count ('constructor' or '__proto__' are not request types). */
function isRequestType(type: string): type is RequestType {
  return Object.hasOwn(VALIDATE, type);
}
