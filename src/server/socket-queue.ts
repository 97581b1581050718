// zeromq v6 allows one send in flight per socket; a second overlapping send throws "Socket is busy writing".
// Every send goes through this queue, so concurrent producers (outputs, replies, status) never collide.
import type { Writable } from 'zeromq';

export class SendQueue {
  private tail: Promise<void> = Promise.resolve();

  constructor(
    private readonly socket: Writable,
    private readonly onError: (error: Error) => void,
  ) {}

  send(frames: (Buffer | string)[]): Promise<void> {
    this.tail = this.tail.then(
      () => this.socket.send(frames),
    ).catch((error: Error) => this.onError(error));
    return this.tail;
  }

  /** Resolves once everything queued so far has been handed to zeromq. */
  flushed(): Promise<void> {
    return this.tail;
  }
}
