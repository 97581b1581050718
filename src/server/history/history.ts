// Input history across kernel restarts, answering history_request as IPython's HistoryManager does (tail, range,
// glob search), kept as a JSON-lines file. Each record is one synchronous append, in the operating system's hands
// before the cell goes on, so it outlives a killed kernel; a kill mid-write can only tear the record being written,
// which the reader skips, as it skips any line that is not a record. No fsync: that guards against power loss, not a
// kill, and would slow every cell. Saving is best effort (history-file.ts): without it, the session's history
// lives in memory. The file is read once the kernel's channels are bound, and parsed a slice of lines per turn of
// the event loop: a long history would otherwise hold up the kernel's first replies.
import { randomUUID } from 'crypto';
import { homedir } from 'os';
import { join } from 'path';
import type { HistoryEntry, HistoryEntryWithOutput } from '../../protocol/messages';
import { nextTurn } from '../next-turn';
import { globMatcher } from './glob';
import { HistoryFile } from './history-file';

/** Lines parsed per turn of the event loop while the file is first read. */
const LINES_PER_TURN = 5000;

/**
 * A line of the file. A kernel starts its session with a claim; sessions are numbered by the order of the claims in
 * the file (each one after every session before it), which appends make the same for every reader, so kernels
 * started at once get distinct numbers. Older files start a session with `{ session, started }`.
 */
type HistoryRecord =
  | { kind: 'claim'; claim: string }
  | { kind: 'session'; session: number }
  | { kind: 'input'; session: number; line: number; input: string }
  | { kind: 'output'; session: number; line: number; output: string };

const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) > 0;

/** The record a line holds, or null for a line that is none: torn by a kill, `null`, `7`, a session "3". */
function parseRecord(line: string): HistoryRecord | null {
  if (!line.trim()) return null;
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const fields = value as Record<string, unknown>;
  if (typeof fields.claim === 'string') return { kind: 'claim', claim: fields.claim };
  const { session, line: number, input, output } = fields;
  if (!isCount(session)) return null;
  if (!isCount(number)) return { kind: 'session', session };
  if (typeof input === 'string') return { kind: 'input', session, line: number, input };
  if (typeof output === 'string') return { kind: 'output', session, line: number, output };
  return { kind: 'session', session };
}

/** jupyter_core's user data dir: JUPYTER_DATA_DIR, else the platform's place. */
export function jupyterDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.JUPYTER_DATA_DIR) return env.JUPYTER_DATA_DIR;
  const home = env.HOME || homedir();
  if (platform === 'win32') return join(env.APPDATA || join(home, 'AppData', 'Roaming'), 'jupyter');
  if (platform === 'darwin') return join(home, 'Library', 'Jupyter');
  return join(env.XDG_DATA_HOME || join(home, '.local', 'share'), 'jupyter');
}

function keepLatestUnique(entries: HistoryEntry[]): HistoryEntry[] {
  const seen = new Set<string>();
  const kept: HistoryEntry[] = [];
  for (let i = entries.length - 1; i >= 0; i--) {
    if (seen.has(entries[i][2])) continue;
    seen.add(entries[i][2]);
    kept.push(entries[i]);
  }
  return kept.reverse();
}

export interface HistoryOptions {
  /** Told once why history is not saved; by default, stderr. */
  warn?: (text: string) => void;
}

export class HistoryStore {
  private readonly file: HistoryFile;
  private readonly entries: HistoryEntry[] = [];
  /** The text/plain result of a line, keyed `session:line` (IPython's output history). */
  private readonly outputs = new Map<string, string>();
  /** Sessions this store writes: read back from the file, their records are already here. */
  private readonly own = new Set<number>();
  private lastSession = 0;
  private currentSession = 0;
  private claim: string | null = null;

  private constructor(dir: string, options: HistoryOptions) {
    this.file = new HistoryFile(join(dir, 'history.jsonl'), options.warn ?? ((text) => process.stderr.write(`[tsdl] ${text}\n`)));
  }

  /** The history kept in `dir`, its file parsed a slice of lines per turn of the event loop. */
  static async open(dir: string, options: HistoryOptions = {}): Promise<HistoryStore> {
    const store = new HistoryStore(dir, options);
    const lines = store.file.readLines();
    for (let start = 0; start < lines.length; start += LINES_PER_TURN) {
      await nextTurn();
      store.take(lines.slice(start, start + LINES_PER_TURN));
    }
    // A torn last record has no newline: start the next one on a line of its own.
    if (store.file.endsMidLine()) store.file.append('\n');
    return store;
  }

  /** Takes in the records added to the file since the last read: other kernels' too. */
  private readNew(): void {
    this.take(this.file.readLines());
  }

  private take(lines: string[]): void {
    for (const line of lines) {
      const record = parseRecord(line);
      if (record === null) continue;
      if (record.kind === 'claim') {
        this.lastSession += 1;
        if (record.claim === this.claim) this.currentSession = this.lastSession;
        continue;
      }
      this.lastSession = Math.max(this.lastSession, record.session);
      if (this.own.has(record.session)) continue;
      if (record.kind === 'input') this.entries.push([record.session, record.line, record.input]);
      if (record.kind === 'output') this.outputs.set(`${record.session}:${record.line}`, record.output);
    }
  }

  private record(record: object): void {
    this.file.append(`${JSON.stringify(record)}\n`);
  }

  /** Begins a new session, numbered after every session before its claim in the file; returns its number. */
  startSession(): number {
    this.claim = randomUUID();
    this.currentSession = 0;
    this.record({ claim: this.claim, started: new Date().toISOString() });
    this.readNew();
    // Not saved: the claim is not in the file, and the number only has to be new here.
    if (this.currentSession === 0) this.currentSession = this.lastSession + 1;
    this.lastSession = Math.max(this.lastSession, this.currentSession);
    this.own.add(this.currentSession);
    return this.currentSession;
  }

  append(session: number, line: number, input: string): void {
    this.entries.push([session, line, input]);
    this.own.add(session);
    this.lastSession = Math.max(this.lastSession, session);
    this.record({ session, line, input });
  }

  recordOutput(session: number, line: number, output: string): void {
    this.outputs.set(`${session}:${line}`, output);
    this.own.add(session);
    this.record({ session, line, output });
  }

  /** Adds each entry's output (null when the line had no result). */
  withOutputs(entries: HistoryEntry[]): HistoryEntryWithOutput[] {
    return entries.map(([session, line, input]) => [session, line, [input, this.outputs.get(`${session}:${line}`) ?? null]]);
  }

  /** The last `n` inputs, oldest first (ipykernel's get_tail with include_latest). */
  tail(n: number, options: { unique?: boolean } = {}): HistoryEntry[] {
    const entries = options.unique ? keepLatestUnique(this.entries) : this.entries;
    return n > 0 ? entries.slice(-n) : [];
  }

  /** Lines start ≤ line < stop of a session; session 0 or negative counts back from the current one. */
  range(session: number, start = 1, stop?: number | null): HistoryEntry[] {
    const target = session <= 0 ? this.currentSession + session : session;
    return this.entries.filter(
      ([s, line]) => s === target && line >= start && (stop === undefined || stop === null || line < stop),
    );
  }

  /** Inputs matching a glob pattern (the whole input, as SQLite GLOB); with `n`, the latest `n` of them. */
  search(pattern: string, options: { n?: number | null; unique?: boolean } = {}): HistoryEntry[] {
    const matches = globMatcher(pattern);
    const matching = this.entries.filter(([, , input]) => matches(input));
    const entries = options.unique ? keepLatestUnique(matching) : matching;
    if (options.n === undefined || options.n === null) return entries;
    return options.n > 0 ? entries.slice(-options.n) : [];
  }
}
