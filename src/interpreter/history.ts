// Input history across kernel restarts, answering history_request as IPython's HistoryManager does (tail, range,
// glob search), kept as a JSON-lines file. Each record is one synchronous append, in the operating system's hands
// before the cell goes on, so it outlives a killed kernel; a kill mid-write can only tear the record being written,
// which the reader skips. No fsync: that guards against power loss, not a kill, and cost every cell 0.35 ms.
import { mkdirSync, openSync, readFileSync, writeSync } from 'fs';
import { homedir } from 'os';
import { join } from 'path';

/** `[session, line, input]`, as history_reply wants it. */
export type HistoryTuple = [number, number, string];

/** `[session, line, [input, output]]`, for history_request with `output: true`. */
export type HistoryTupleWithOutput = [number, number, [string, string | null]];

type HistoryRecord =
  | { session: number; started: string }
  | { session: number; line: number; input: string }
  | { session: number; line: number; output: string };

/** jupyter_core's user data dir: JUPYTER_DATA_DIR, else the platform's place. */
export function jupyterDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.JUPYTER_DATA_DIR) return env.JUPYTER_DATA_DIR;
  const home = env.HOME || homedir();
  if (platform === 'win32') return join(env.APPDATA || join(home, 'AppData', 'Roaming'), 'jupyter');
  if (platform === 'darwin') return join(home, 'Library', 'Jupyter');
  return join(env.XDG_DATA_HOME || join(home, '.local', 'share'), 'jupyter');
}

/** SQLite GLOB, which IPython's search uses: `*`, `?`, `[abc]`, `[a-z]`, `[^abc]`; case-sensitive, whole string. */
export function globToRegExp(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '*') source += '[\\s\\S]*';
    else if (ch === '?') source += '[\\s\\S]';
    else if (ch === '[') {
      const close = pattern.indexOf(']', i + 2);
      if (close < 0) {
        source += '\\[';
        continue;
      }
      let body = pattern.slice(i + 1, close);
      const negated = body.startsWith('^');
      if (negated) body = body.slice(1);
      source += `[${negated ? '^' : ''}${body.replace(/[\\\]]/g, '\\$&')}]`;
      i = close;
    } else source += ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, 'u');
}

function keepLatestUnique(entries: HistoryTuple[]): HistoryTuple[] {
  const seen = new Set<string>();
  const kept: HistoryTuple[] = [];
  for (let i = entries.length - 1; i >= 0; i--) {
    if (seen.has(entries[i][2])) continue;
    seen.add(entries[i][2]);
    kept.push(entries[i]);
  }
  return kept.reverse();
}

export class HistoryStore {
  private readonly file: string;
  private fd: number | undefined;
  private readonly entries: HistoryTuple[] = [];
  /** The text/plain result of a line, keyed `session:line` (IPython's output history). */
  private readonly outputs = new Map<string, string>();
  private lastSession = 0;
  private currentSession = 0;

  constructor(dir: string) {
    mkdirSync(dir, { recursive: true });
    this.file = join(dir, 'history.jsonl');
    this.load();
  }

  private load(): void {
    let text = '';
    try {
      text = readFileSync(this.file, 'utf8');
    } catch {
      return; // no history yet
    }
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      let record: HistoryRecord;
      try {
        record = JSON.parse(line) as HistoryRecord;
      } catch {
        continue; // a record torn by a kill mid-write
      }
      this.lastSession = Math.max(this.lastSession, record.session);
      if ('input' in record) this.entries.push([record.session, record.line, record.input]);
      if ('output' in record) this.outputs.set(`${record.session}:${record.line}`, record.output);
    }
    // A torn last record has no newline: start the next one on a line of its own.
    if (text.length > 0 && !text.endsWith('\n')) this.write('\n');
  }

  private write(text: string): void {
    // One descriptor for the store's life, opened for appending: the operating system closes it if we are killed.
    this.fd ??= openSync(this.file, 'a');
    writeSync(this.fd, text);
  }

  private record(record: HistoryRecord): void {
    this.write(`${JSON.stringify(record)}\n`);
  }

  /** Begins a new session, numbered after every session in the file; returns its number. */
  startSession(): number {
    this.currentSession = this.lastSession + 1;
    this.lastSession = this.currentSession;
    this.record({ session: this.currentSession, started: new Date().toISOString() });
    return this.currentSession;
  }

  append(session: number, line: number, input: string): void {
    this.entries.push([session, line, input]);
    this.lastSession = Math.max(this.lastSession, session);
    this.record({ session, line, input });
  }

  recordOutput(session: number, line: number, output: string): void {
    this.outputs.set(`${session}:${line}`, output);
    this.record({ session, line, output });
  }

  /** Adds each entry's output (null when the line had no result). */
  withOutputs(entries: HistoryTuple[]): HistoryTupleWithOutput[] {
    return entries.map(([session, line, input]) => [session, line, [input, this.outputs.get(`${session}:${line}`) ?? null]]);
  }

  /** The last `n` inputs, oldest first (ipykernel's get_tail with include_latest). */
  tail(n: number, options: { unique?: boolean } = {}): HistoryTuple[] {
    const entries = options.unique ? keepLatestUnique(this.entries) : this.entries;
    return n > 0 ? entries.slice(-n) : [];
  }

  /** Lines start ≤ line < stop of a session; session 0 or negative counts back from the current one. */
  range(session: number, start = 1, stop?: number | null): HistoryTuple[] {
    const target = session <= 0 ? this.currentSession + session : session;
    return this.entries.filter(
      ([s, line]) => s === target && line >= start && (stop === undefined || stop === null || line < stop),
    );
  }

  /** Inputs matching a glob pattern (the whole input, as SQLite GLOB); with `n`, the latest `n` of them. */
  search(pattern: string, options: { n?: number | null; unique?: boolean } = {}): HistoryTuple[] {
    const regexp = globToRegExp(pattern);
    const matching = this.entries.filter(([, , input]) => regexp.test(input));
    const entries = options.unique ? keepLatestUnique(matching) : matching;
    if (options.n === undefined || options.n === null) return entries;
    return options.n > 0 ? entries.slice(-options.n) : [];
  }
}
