// The kernel's sockets: shell, control and stdin (routers), iopub (a publisher) and the heartbeat's thread. Reads,
// checks and verifies what comes in, hands each message to the dispatcher, and signs and queues what goes out.
import { randomUUID } from 'crypto';
import { Publisher, Router } from 'zeromq';
import { ConnectionInfo, endpoint } from '../protocol/connection';
import type {
  Channel,
  Header,
  IopubContents,
  IopubType,
  Message,
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
import { FrameGarbage } from './frame-garbage';
import { Heartbeat } from './heartbeat';
import { IopubLane } from './iopub-lane';
import { type InboundLimits, inboundLimits, overLimits, positiveSetting } from './limits';
import { nextTurn } from './next-turn';
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
  publish<T extends IopubType>(msgType: T, content: IopubContents[T], parent: ParentHeader): Promise<void>;
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
  // Sockets that receive from clients take one message at a time per client (the rest wait in the client's queue,
  // not in this process), refuse a frame over the limit before storing it, and are read one message per turn of the
  // event loop, so a flood on one cannot starve the others, signals or the executor's outputs.
  private readonly sockets: Record<Incoming, Router>;
  private readonly drops: Record<Incoming, DropReport>;
  private readonly frameGarbage = new FrameGarbage();
  // ZeroMQ's default high-water mark (1,000 messages) silently drops whatever a slow subscriber such as nbclient has
  // not read yet; 100,000 holds a burst of real outputs (updates and streams are coalesced in the executor) and still
  // bounds what a stalled subscriber pins.
  private readonly iopub = new Publisher({ sendHighWaterMark: 100_000 });
  private readonly queues: Record<Channel, SendQueue>;
  private readonly iopubLane: IopubLane;
  /** Started by start(): heartbeat answers from a thread of its own, whatever this thread is doing. */
  private heartbeat: Heartbeat | null = null;
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
    const inbound = () => new Router({ maxMessageSize: this.limits.maxBytes, receiveHighWaterMark: 1 });
    this.sockets = { shell: inbound(), control: inbound(), stdin: inbound() };
    this.drops = {
      shell: new DropReport('shell', log),
      control: new DropReport('control', log),
      stdin: new DropReport('stdin', log),
    };
    const onSendError = (name: string) => (error: Error) => log(`${name} send failed: ${error.message}`);
    this.queues = {
      shell: new SendQueue(this.sockets.shell, onSendError('shell')),
      control: new SendQueue(this.sockets.control, onSendError('control')),
      stdin: new SendQueue(this.sockets.stdin, onSendError('stdin')),
      iopub: new SendQueue(this.iopub, onSendError('iopub')),
    };
    this.iopubLane = new IopubLane((msgType, content, parent) => this.publishNow(msgType, content, parent));
  }

  /** Binds every channel, starts reading into `inbox`, and publishes status "starting". */
  async start(inbox: Inbox): Promise<void> {
    const { connection } = this;
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
      void this.receive('shell', inbox);
      void this.receive('control', inbox);
      void this.receive('stdin', inbox);
      void this.publish('status', { execution_state: 'starting' }, {});
      await heartbeat.bound;
    } catch (error) {
      // The process exits next: ZeroMQ aborts it if a thread still holds a socket then.
      await heartbeat.close();
      throw error;
    }
  }

  private async receive(channel: Incoming, inbox: Inbox): Promise<void> {
    try {
      for (;;) {
        const dropped = await this.takeOne(channel, inbox);
        // The message is out of reach here, so a collection frees it.
        if (dropped > 0) this.frameGarbage.dropped(dropped);
        await nextTurn();
        // Taking the next message apart may hold this thread a while (a flood of huge ones): an interrupt goes first.
        if (channel !== 'control') for (let pending = inbox.controlPending(); pending; pending = inbox.controlPending()) await pending;
      }
    } catch (error) {
      if (!this.closed) this.log(`${channel} socket stopped: ${(error as Error).message}`);
    }
  }

  /** Receives and delivers one message; returns its frame count if it was over the limits and dropped, else 0. */
  private async takeOne(channel: Incoming, inbox: Inbox): Promise<number> {
    const frames = await this.sockets[channel].receive();
    // Counted before anything is read: a message of a million empty frames is dropped at once.
    const over = overLimits(frames, this.limits);
    if (over !== null) {
      this.drops[channel].drop(over);
      return frames.length;
    }
    const decoded = decode(frames, this.signer, this.replays);
    if (decoded.ok) {
      inbox.receive(decoded.message, channel);
      return 0;
    }
    this.drops[channel].drop(decoded.reason);
    // A correctly signed request whose content is malformed still deserves an error reply (a replay has no header).
    if (decoded.header) void this.errorReply(channel, decoded.identities, decoded.header, 'InvalidMessage', decoded.reason);
    return 0;
  }

  /** The signed frames of a message, or why its content cannot be written as JSON (logged: it is dropped). */
  private encoded(identities: Buffer[], msgType: string, content: unknown, parent: ParentHeader, header: Header = makeHeader(msgType, this.session)): (Buffer | string)[] | string {
    try {
      return encode({ identities, header, parent_header: parent, metadata: {}, content }, this.signer);
    } catch (error) {
      this.log(`dropped ${msgType}: its content is not JSON: ${(error as Error).message}`);
      return (error as Error).message;
    }
  }

  /** Queued in order behind what is already on iopub; a large stream goes out in pieces (see IopubLane). */
  publish<T extends IopubType>(msgType: T, content: IopubContents[T], parent: ParentHeader): Promise<void> {
    return this.iopubLane.publish(msgType, content, parent);
  }

  private publishNow(msgType: string, content: unknown, parent: ParentHeader): Promise<void> {
    const frames = this.encoded([Buffer.from(msgType)], msgType, content, parent);
    return typeof frames === 'string' ? Promise.resolve() : this.queues.iopub.send(frames);
  }

  reply<T extends RequestType>(channel: Channel, request: Request<T>, content: ReplyContents[T]): Promise<void> {
    return this.send(channel, request.identities, replyType(request.header.msg_type), content, request.header);
  }

  send(channel: Channel, identities: Buffer[], msgType: string, content: unknown, parent: ParentHeader, header?: Header): Promise<void> {
    const frames = this.encoded(identities, msgType, content, parent, header);
    if (typeof frames !== 'string') return this.queues[channel].send(frames);
    // A request still gets its reply, or its client would wait forever: an error reply says what went wrong.
    if (!msgType.endsWith('_reply') || !('msg_type' in parent)) return Promise.resolve();
    return this.errorReply(channel, identities, parent as Header, 'TypeError', `the kernel could not send its ${msgType}, whose content is not JSON: ${frames}`);
  }

  errorReply(channel: Channel, identities: Buffer[], header: Header, ename: string, evalue: string): Promise<void> {
    const type = header.msg_type.endsWith('_request') ? header.msg_type.replace(/_request$/, '_reply') : 'error';
    return this.send(channel, identities, type, { status: 'error', ename, evalue, traceback: [`${ename}: ${evalue}`] }, header);
  }

  /** Sends what is queued (for a moment at most), then closes every socket: zeromq aborts on exit while any is open. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.race([
      Promise.all(Object.values(this.queues).map((queue) => queue.flushed())),
      new Promise((resolve) => setTimeout(resolve, CLOSE_FLUSH_MS)),
    ]);
    for (const socket of [...Object.values(this.sockets), this.iopub]) socket.close();
    await this.heartbeat?.close();
  }
}
