// The kernel's sockets: shell, control and stdin (routers, on threads of their own), iopub (a publisher) and the
// heartbeat's thread. Verifies what comes in, hands each message to the dispatcher, and signs and queues what goes out.
import { randomUUID } from 'crypto';
import type { Publisher } from 'zeromq';
import { ConnectionInfo, endpoint } from '../protocol/connection';
import type {
  Channel,
  Header,
  IopubContents,
  IopubType,
  Message,
  MessageExtras,
  MessageType,
  ParentHeader,
  ReplyContents,
  ReplyType,
  Request,
  RequestType,
} from '../protocol/messages';
import { ReplayGuard } from '../protocol/replay-guard';
import { Signer } from '../protocol/signing';
import { decode, encode, makeHeader } from '../protocol/wire';
import { DropReport } from './drop-report';
import { Heartbeat } from './heartbeat';
import { IopubLane } from './iopub-lane';
import { type InboundLimits, inboundLimits, positiveSetting } from './limits';
import { RouterThread } from './router';
import { SendQueue } from './socket-queue';

/** How far behind the kernel's clock a client's may run (TSDL_CLOCK_SKEW_S overrides): see ReplayGuard's notBefore. */
const DEFAULT_CLOCK_SKEW_S = 60;

/** How long close() waits for queued messages to reach zeromq. */
const CLOSE_FLUSH_MS = 1000;

export type Incoming = 'shell' | 'control' | 'stdin';

/** Where received messages go: the dispatcher. */
export interface Inbox {
  receive(message: Message, channel: Incoming): void;
  /** Settles once the control requests being answered now are done; null when none is. Shell and stdin wait for it. */
  controlPending(): Promise<void> | null;
}

/** What the dispatcher sends through: replies, iopub and stdin messages, each signed with this kernel's session. */
export interface Outbound {
  readonly session: string;
  /** `extras`: the message's metadata and binary buffers (widgets' comm messages). */
  publish<T extends IopubType>(msgType: T, content: IopubContents[T], parent: ParentHeader, extras?: MessageExtras): Promise<void>;
  /** The request's reply (its type named after the request's), to the client that sent it, on its channel. */
  reply<T extends RequestType>(channel: Channel, request: Request<T>, content: ReplyContents[T]): Promise<void>;
  send(channel: Channel, identities: Buffer[], msgType: MessageType, content: unknown, parent: ParentHeader, header?: Header): Promise<void>;
  /** An error reply to the request `header` (msg_type "error" when it is not a request). */
  errorReply(channel: Channel, identities: Buffer[], header: Header, ename: string, evalue: string): Promise<void>;
}

export function replyType<T extends RequestType>(requestType: T): ReplyType<T> {
  return requestType.replace(/_request$/, '_reply') as ReplyType<T>;
}

export class Channels implements Outbound {
  readonly session = randomUUID();
  private readonly signer: Signer;
  private readonly replays: ReplayGuard;
  private readonly limits: InboundLimits;
  /**
   * Shell and stdin on one thread, control on another, each thread with its own ZeroMQ context (and I/O thread), so
   * that a flood on shell holds up neither control's messages nor the main thread. Messages over the limits are
   * dropped there; the rest come to take(). Control's thread starts once shell is bound (start-up is a race for two
   * cores; clients retry a connection until its port is bound).
   */
  private readonly shellAndStdin: RouterThread<'shell' | 'stdin'>;
  private control: RouterThread<'control'> | null = null;
  /** Started with control's thread: answers from a thread of its own, whatever the others are doing. */
  private heartbeat: Heartbeat | null = null;
  /** Set by start(), which follows the constructor in the same turn: no thread has delivered a message before. */
  private inbox: Inbox | null = null;
  private readonly drops: Record<Incoming, DropReport>;
  private readonly iopub: Publisher;
  private readonly iopubQueue: SendQueue;
  private readonly iopubLane: IopubLane;
  private closed = false;

  constructor(
    private readonly connection: ConnectionInfo,
    private readonly log: (text: string) => void,
  ) {
    if (connection.key === '') {
      log('warning: the connection file has an empty key: messages are not signed, so anyone who can reach these ports can run code');
    }
    this.signer = new Signer(connection.key, connection.signature_scheme);
    // Messages dated before this process started, less the clock skew allowed, were meant for an earlier kernel.
    const skewMs = positiveSetting(process.env, 'TSDL_CLOCK_SKEW_S', DEFAULT_CLOCK_SKEW_S, log) * 1000;
    this.replays = new ReplayGuard({ notBefore: Date.now() - process.uptime() * 1000 - skewMs });
    this.limits = inboundLimits(process.env, log);
    this.drops = {
      shell: new DropReport('shell', log),
      control: new DropReport('control', log),
      stdin: new DropReport('stdin', log),
    };
    // Shell's thread boots while the rest of the kernel is made (the executor's worker among it), so it starts first:
    // even loading zeromq's addon here, for iopub, would hold it back.
    const endpoints = { shell: endpoint(connection, 'shell'), stdin: endpoint(connection, 'stdin') };
    this.shellAndStdin = new RouterThread({ endpoints, limits: this.limits }, (channel, frames) => this.take(channel, frames), log);
    // ZeroMQ's default high-water mark (1,000 messages) silently drops whatever a slow subscriber such as nbclient has
    // not read yet; 100,000 holds a burst of real outputs (updates and streams are coalesced in the executor) and
    // still bounds what a stalled subscriber pins.
    const { Publisher: PublisherSocket } = require('zeromq') as typeof import('zeromq');
    this.iopub = new PublisherSocket({ sendHighWaterMark: 100_000 });
    this.iopubQueue = new SendQueue(this.iopub, (error) => log(`iopub send failed: ${error.message}`));
    this.iopubLane = new IopubLane((msgType, content, parent, extras) => this.publishNow(msgType, content, parent, extras));
  }

  /** Binds every channel, starts reading into `inbox`, and publishes status "starting". */
  async start(inbox: Inbox): Promise<void> {
    this.inbox = inbox;
    const { connection, limits, log } = this;
    try {
      // kernel_info is answered once shell is bound.
      await Promise.all([this.shellAndStdin.bound, this.iopub.bind(endpoint(connection, 'iopub'))]);
      void this.publish('status', { execution_state: 'starting' }, {});
      if (this.closed) return;
      this.heartbeat = new Heartbeat(endpoint(connection, 'hb'), log);
      const endpoints = { control: endpoint(connection, 'control') };
      this.control = new RouterThread({ endpoints, limits }, (channel, frames) => this.take(channel, frames), log);
      await Promise.all([this.heartbeat.bound, this.control.bound]);
    } catch (error) {
      // The process exits next: ZeroMQ aborts it if a thread still holds a socket then.
      await this.closeThreads();
      throw error;
    }
  }

  /** Verifies and delivers a message within the limits that a channel's thread took off its socket. */
  private async take(channel: Incoming, frames: Buffer[]): Promise<void> {
    const { inbox } = this;
    if (inbox === null) return;
    // A control request being answered (an interrupt) goes before the next shell or stdin message.
    if (channel !== 'control') for (let pending = inbox.controlPending(); pending; pending = inbox.controlPending()) await pending;
    if (this.closed) return;
    const decoded = decode(frames, this.signer, this.replays);
    if (decoded.ok) {
      inbox.receive(decoded.message, channel);
      return;
    }
    this.drops[channel].drop(decoded.reason);
    // A correctly signed request whose content is malformed still deserves an error reply (a replay has no header).
    if (decoded.header) void this.errorReply(channel, decoded.identities, decoded.header, 'InvalidMessage', decoded.reason);
  }

  /** The signed frames of a message, or why its content cannot be written as JSON (logged: it is dropped). */
  private encoded(identities: Buffer[], msgType: string, content: unknown, parent: ParentHeader, header: Header = makeHeader(msgType, this.session), extras: MessageExtras = {}): (Buffer | string)[] | string {
    try {
      const buffers = extras.buffers?.map((b) => Buffer.from(b.buffer, b.byteOffset, b.byteLength));
      return encode({ identities, header, parent_header: parent, metadata: extras.metadata ?? {}, content, buffers }, this.signer);
    } catch (error) {
      this.log(`dropped ${msgType}: its content is not JSON: ${(error as Error).message}`);
      return (error as Error).message;
    }
  }

  /** Queued in order behind what is already on iopub; a large stream goes out in pieces (see IopubLane). */
  publish<T extends IopubType>(msgType: T, content: IopubContents[T], parent: ParentHeader, extras?: MessageExtras): Promise<void> {
    return this.iopubLane.publish(msgType, content, parent, extras);
  }

  private publishNow(msgType: string, content: unknown, parent: ParentHeader, extras?: MessageExtras): Promise<void> {
    const frames = this.encoded([Buffer.from(msgType)], msgType, content, parent, undefined, extras);
    return typeof frames === 'string' ? Promise.resolve() : this.iopubQueue.send(frames);
  }

  reply<T extends RequestType>(channel: Channel, request: Request<T>, content: ReplyContents[T]): Promise<void> {
    return this.send(channel, request.identities, replyType(request.header.msg_type), content, request.header);
  }

  send(channel: Channel, identities: Buffer[], msgType: string, content: unknown, parent: ParentHeader, header?: Header): Promise<void> {
    const frames = this.encoded(identities, msgType, content, parent, header);
    if (typeof frames !== 'string') return channel === 'iopub' ? this.iopubQueue.send(frames) : this.routerSend(channel, frames);
    // A request still gets its reply, or its client would wait forever: an error reply says what went wrong.
    if (!msgType.endsWith('_reply') || !('msg_type' in parent)) return Promise.resolve();
    return this.errorReply(channel, identities, parent as Header, 'TypeError', `the kernel could not send its ${msgType}, whose content is not JSON: ${frames}`);
  }

  private routerSend(channel: Incoming, frames: (Buffer | string)[]): Promise<void> {
    if (channel !== 'control') return this.shellAndStdin.send(channel, frames);
    return this.control?.send(channel, frames) ?? Promise.resolve();
  }

  errorReply(channel: Channel, identities: Buffer[], header: Header, ename: string, evalue: string): Promise<void> {
    const type = header.msg_type.endsWith('_request') ? header.msg_type.replace(/_request$/, '_reply') : 'error';
    return this.send(channel, identities, type, { status: 'error', ename, evalue, traceback: [`${ename}: ${evalue}`] }, header);
  }

  /** Sends what is queued (for a moment at most), then closes every socket: zeromq aborts on exit while any is open. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const threads = this.closeThreads();
    await Promise.race([this.iopubQueue.flushed(), new Promise((resolve) => setTimeout(resolve, CLOSE_FLUSH_MS))]);
    this.iopub.close();
    await threads;
  }

  /** Each thread sends what it has queued (for a moment at most), closes its sockets and ends. */
  private async closeThreads(): Promise<void> {
    await Promise.all([this.shellAndStdin.close(), this.control?.close(), this.heartbeat?.close()]);
  }
}
