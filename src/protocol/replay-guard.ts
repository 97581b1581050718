// Refuses a signed message the kernel has accepted before, as jupyter_client's digest history does, in bounded memory
// that a flood of messages cannot make forget: what it forgets is refused by date instead.

/** Milliseconds since the epoch of an ISO 8601 date-time as Jupyter clients write header.date; NaN for anything else. */
export function parseIsoDate(text: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:?\d{2})?$/i.exec(text);
  if (!match) return NaN;
  const [, year, month, day, hour, minute, second, fraction = '', zone] = match;
  const ms = Number(fraction.padEnd(3, '0').slice(0, 3));
  const fields = [Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second), ms] as const;
  // A date without a zone is local time, as jupyter_client reads one.
  if (zone === undefined) return new Date(...fields).getTime();
  const utc = Date.UTC(...fields);
  if (zone.toUpperCase() === 'Z') return utc;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return utc - sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60000;
}

export interface ReplayGuardOptions {
  /** Signatures remembered; past it the oldest is forgotten and its date becomes its session's floor. */
  capacity?: number;
  /** Dated messages from before this moment (ms since the epoch) are refused: they were sent to an earlier kernel. */
  notBefore?: number;
  /** Sessions whose floor is remembered; past it the oldest floors merge into one for every unknown session. */
  sessions?: number;
}

interface Seen {
  session: string;
  date: number;
}

/**
 * Every signed message with a header.date is admitted at most once: its signature is remembered, and once it is
 * forgotten (the set is bounded) any message of its session dated no later than it is refused. A message without a
 * date (the spec requires one; no client we know omits it) is guarded by the remembered signatures alone.
 */
export class ReplayGuard {
  private readonly seen = new Map<string, Seen>();
  /** Per client session: the latest date among its forgotten signatures. */
  private readonly floors = new Map<string, number>();
  /** The latest floor of the sessions whose own floor was forgotten, applied to every session without one. */
  private unknownSessionFloor = -Infinity;
  private readonly capacity: number;
  private readonly notBefore: number;
  private readonly maxSessions: number;

  constructor(options: ReplayGuardOptions = {}) {
    this.capacity = options.capacity ?? 65536;
    this.notBefore = options.notBefore ?? -Infinity;
    this.maxSessions = options.sessions ?? 4096;
  }

  /** Null when the message is new (it is remembered from now on), or why it is refused. Unsigned sessions cannot be guarded. */
  check(signature: string, header: { session: string; date: string }): string | null {
    if (signature === '') return null;
    if (this.seen.has(signature)) return 'replayed signature';
    const date = parseIsoDate(header.date);
    if (date < this.notBefore) return `dated ${header.date}, before this kernel started`;
    if (date <= (this.floors.get(header.session) ?? this.unknownSessionFloor)) {
      return `dated ${header.date}, no later than a message of its session that is no longer remembered`;
    }
    this.seen.set(signature, { session: header.session, date });
    if (this.seen.size > this.capacity) this.forgetOldest();
    return null;
  }

  private forgetOldest(): void {
    const [signature, { session, date }] = this.seen.entries().next().value as [string, Seen];
    this.seen.delete(signature);
    if (Number.isNaN(date)) return;
    const floor = Math.max(date, this.floors.get(session) ?? -Infinity);
    // Re-inserted, so the floors map stays in order of last update and the least recently active session goes first.
    this.floors.delete(session);
    this.floors.set(session, floor);
    if (this.floors.size > this.maxSessions) {
      const [oldest, oldestFloor] = this.floors.entries().next().value as [string, number];
      this.floors.delete(oldest);
      this.unknownSessionFloor = Math.max(this.unknownSessionFloor, oldestFloor);
    }
  }
}
