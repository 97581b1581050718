// Jupyter comms: targets that user code registers, comms opened from either side, messages both ways.
import { randomUUID } from 'crypto';
import type { CommMsg, CommOpen, JsonObject } from '../../protocol/messages';
import { publish } from './outbox';

type MessageHandler = (data: JsonObject, message: { comm_id: string; data: JsonObject }) => void;

export class Comm {
  private messageHandlers: MessageHandler[] = [];
  private closeHandlers: MessageHandler[] = [];
  closed = false;

  constructor(
    readonly commId: string,
    readonly targetName: string,
    private readonly registry: CommRegistry,
  ) {}

  send(data: JsonObject = {}): void {
    if (this.closed) throw new Error(`comm ${this.commId} is closed`);
    publish('comm_msg', { comm_id: this.commId, data });
  }

  close(data: JsonObject = {}): void {
    if (this.closed) return;
    publish('comm_close', { comm_id: this.commId, data });
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
  receive(kind: 'msg' | 'close', message: CommMsg): void {
    for (const handler of kind === 'msg' ? this.messageHandlers : this.closeHandlers) handler(message.data, message);
  }
}

export type TargetHandler = (comm: Comm, openMessage: CommOpen) => void;

export class CommRegistry {
  private readonly targets = new Map<string, TargetHandler>();
  private readonly comms = new Map<string, Comm>();

  registerTarget(targetName: string, handler: TargetHandler): void {
    this.targets.set(targetName, handler);
  }

  unregisterTarget(targetName: string): void {
    this.targets.delete(targetName);
  }

  /** Opens a comm from the kernel side. */
  open(targetName: string, data: JsonObject = {}): Comm {
    const comm = new Comm(randomUUID(), targetName, this);
    // Published first: data that is not JSON throws, and no comm is left open on one side only.
    publish('comm_open', { comm_id: comm.commId, target_name: targetName, data });
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
  handleOpen(message: CommOpen): void {
    const handler = this.targets.get(message.target_name);
    if (!handler) {
      publish('comm_close', { comm_id: message.comm_id, data: {} });
      process.stderr.write(`No comm target registered for '${message.target_name}'\n`);
      return;
    }
    const comm = new Comm(message.comm_id, message.target_name, this);
    this.comms.set(comm.commId, comm);
    handler(comm, message);
  }

  handleMsg(message: CommMsg): void {
    this.comms.get(message.comm_id)?.receive('msg', message);
  }

  handleClose(message: CommMsg): void {
    const comm = this.comms.get(message.comm_id);
    if (!comm) return;
    this.comms.delete(message.comm_id);
    comm.closed = true;
    comm.receive('close', message);
  }
}
