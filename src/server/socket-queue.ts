// zeromq v6 allows one send in flight per socket; a second overlapping send throws "Socket is busy writing".
// Every send goes through this queue, so concurrent producers (outputs, replies, status) never collide.
import type { Writable } from 'zeromq';

export class SendQueue {
  private tail: Promise<void> = Promise.resolve();
  /** Sends queued here whose promise has not settled: while any is, zeromq may still be writing. */
  private inFlight = 0;

  constructor(
    private readonly socket: Writable,
    private readonly onError: (error: Error) => void,
  ) {}

  send(frames: (Buffer | string)[]): Promise<void> {
    // With nothing in flight the frames go to zeromq at once, synchronously, before whatever the caller does next
    // (a history write, the next message) rather than a microtask later; otherwise they wait their turn.
    const sent = this.inFlight === 0 ? this.sendNow(frames) : this.tail.then(() => this.socket.send(frames));
    this.inFlight += 1;
    this.tail = sent
      .catch((error: Error) => this.onError(error))
      .finally(() => {
        this.inFlight -= 1;
      });
    return this.tail;
  }

  private sendNow(frames: (Buffer | string)[]): Promise<void> {
    try {
      return this.socket.send(frames);
    } catch (error) {
      // A closed socket throws synchronously; inside the chain that was a rejection, so it stays one.
      return Promise.reject(error as Error);
    }
  }

  /** Resolves once everything queued so far has been handed to zeromq. */
  flushed(): Promise<void> {
    return this.tail;
  }
}
