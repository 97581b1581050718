// Training runs synchronous batches back to back; the event loop needs turns in between for interrupts, timers and
// I/O (the kernel's messages, display updates).
const YIELD_EVERY_MS = 25;

/** Lets interrupts, timers and I/O in between long synchronous stretches. */
export class Yielder {
  private last = performance.now();

  /** Gives the event loop a turn if the last one was long enough ago. */
  async maybe(): Promise<void> {
    if (performance.now() - this.last < YIELD_EVERY_MS) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.last = performance.now();
  }
}
