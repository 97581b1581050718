// Logs the messages the kernel drops without flooding stderr: each reason at once the first time, then, while it keeps
// coming, once per interval with a count. Anyone who can reach a port can send messages to be dropped.

const REPORT_MS = 1000;

export class DropReport {
  /** Reasons logged or counted in the current interval, with how many were not logged yet. */
  private counts = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly channel: string,
    private readonly log: (text: string) => void,
  ) {}

  drop(reason: string): void {
    const held = this.counts.get(reason);
    if (held !== undefined) {
      this.counts.set(reason, held + 1);
      return;
    }
    this.log(`dropped a message on ${this.channel}: ${reason}`);
    this.counts.set(reason, 0);
    // Never what keeps a process or thread alive.
    this.timer ??= setTimeout(() => this.report(), REPORT_MS).unref();
  }

  private report(): void {
    this.timer = null;
    const held = [...this.counts].filter(([, count]) => count > 0);
    this.counts = new Map();
    if (held.length === 0) return;
    const total = held.reduce((sum, [, count]) => sum + count, 0);
    const reasons = held.map(([reason, count]) => `${reason} (${count})`).join('; ');
    this.log(`dropped ${total} more message${total === 1 ? '' : 's'} on ${this.channel}: ${reasons}`);
    // Reasons still coming stay counted for another interval.
    for (const [reason] of held) this.counts.set(reason, 0);
    this.timer = setTimeout(() => this.report(), REPORT_MS).unref();
  }
}
