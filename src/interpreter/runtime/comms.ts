// Jupyter comms: targets that user code registers, comms opened from either side, messages both ways.
import { randomUUID } from 'crypto';
import type { CommMsg, CommOpen, JsonObject, MessageExtras } from '../../protocol/messages';
import { publish } from './outbox';

/** A comm message as its handlers get it: its content, metadata and binary buffers (empty when it has none). */
export interface ReceivedCommMsg extends CommMsg {
  metadata: JsonObject;
  buffers: Uint8Array[];
}

type MessageHandler = (data: JsonObject, message: ReceivedCommMsg) => void;

/** A frontend's message as it reaches the registry: its content, and its metadata and buffers if it had any. */
function received(message: CommMsg, extras: MessageExtras = {}): ReceivedCommMsg {
  return { comm_id: message.comm_id, data: message.data, metadata: extras.metadata ?? {}, buffers: extras.buffers ?? [] };
}

/** Only what the wire can carry: a buffer given as an ArrayBuffer is viewed as bytes. */
function extrasOf(metadata: JsonObject | undefined, buffers: (Uint8Array | ArrayBuffer)[] | undefined): MessageExtras | undefined {
  if (metadata === undefined && (buffers === undefined || buffers.length === 0)) return undefined;
  return { metadata, buffers: buffers?.map((b) => (b instanceof Uint8Array ? b : new Uint8Array(b))) };
}

export class Comm {
  private messageHandlers: MessageHandler[] = [];
  private closeHandlers: MessageHandler[] = [];
  closed = false;

  constructor(
    readonly commId: string,
    readonly targetName: string,
    private readonly registry: CommRegistry,
  ) {}

  /** Sends `data`, with optional message metadata and binary buffers. */
  send(data: JsonObject = {}, metadata?: JsonObject, buffers?: (Uint8Array | ArrayBuffer)[]): void {
    if (this.closed) throw new Error(`comm ${this.commId} is closed`);
    publish('comm_msg', { comm_id: this.commId, data }, undefined, extrasOf(metadata, buffers));
  }

  close(data: JsonObject = {}, metadata?: JsonObject): void {
    if (this.closed) return;
    publish('comm_close', { comm_id: this.commId, data }, undefined, extrasOf(metadata, undefined));
    this.registry.forget(this.commId);
    this.closed = true;
  }

  onMsg(handler: MessageHandler): this {
    this.messageHandlers.push(handler);
    return this;
  }

  onClose(handler: MessageHandler): this {
    this.closeHandlers.push(handler);
    return this;
  }

  /** @internal called by the registry for incoming traffic */
  receive(kind: 'msg' | 'close', message: ReceivedCommMsg): void {
    for (const handler of kind === 'msg' ? this.messageHandlers : this.closeHandlers) handler(message.data, message);
  }
}

export type TargetHandler = (comm: Comm, openMessage: CommOpen & { metadata: JsonObject; buffers: Uint8Array[] }) => void;

export class CommRegistry {
  private readonly targets = new Map<string, TargetHandler>();
  private readonly comms = new Map<string, Comm>();

  registerTarget(targetName: string, handler: TargetHandler): void {
    this.targets.set(targetName, handler);
  }

  unregisterTarget(targetName: string): void {
    this.targets.delete(targetName);
  }

  /**
   * Opens a comm from the kernel side; `metadata` goes in the message's metadata (widgets put the protocol version
   * there) and `buffers` after its content.
   */
  open(targetName: string, data: JsonObject = {}, metadata?: JsonObject, buffers?: (Uint8Array | ArrayBuffer)[]): Comm {
    const comm = new Comm(randomUUID(), targetName, this);
    // Published first: data that is not JSON throws, and no comm is left open on one side only.
    publish('comm_open', { comm_id: comm.commId, target_name: targetName, data }, undefined, extrasOf(metadata, buffers));
    this.comms.set(comm.commId, comm);
    return comm;
  }

  list(targetName: string | null): Record<string, { target_name: string }> {
    const result: Record<string, { target_name: string }> = {};
    for (const comm of this.comms.values()) {
      if (targetName === null || comm.targetName === targetName) result[comm.commId] = { target_name: comm.targetName };
    }
    return result;
  }

  forget(commId: string): void {
    this.comms.delete(commId);
  }

  /** A frontend opened a comm: an unknown target is closed straight back, as ipykernel does. */
  handleOpen(message: CommOpen, extras: MessageExtras = {}): void {
    const handler = this.targets.get(message.target_name);
    if (!handler) {
      publish('comm_close', { comm_id: message.comm_id, data: {} });
      process.stderr.write(`No comm target registered for '${message.target_name}'\n`);
      return;
    }
    const comm = new Comm(message.comm_id, message.target_name, this);
    this.comms.set(comm.commId, comm);
    handler(comm, { ...received(message, extras), target_name: message.target_name });
  }

  handleMsg(message: CommMsg, extras: MessageExtras = {}): void {
    this.comms.get(message.comm_id)?.receive('msg', received(message, extras));
  }

  handleClose(message: CommMsg, extras: MessageExtras = {}): void {
    const comm = this.comms.get(message.comm_id);
    if (!comm) return;
    this.comms.delete(message.comm_id);
    comm.closed = true;
    comm.receive('close', received(message, extras));
  }
}
