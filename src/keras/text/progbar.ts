// Keras's text progress bar (keras/src/utils/progbar.py, tf.keras 2 layout), as pure formatters plus the
// FitProgress that prints them when no rich presenter is installed.
import type { FitParams, FitProgress, Logs } from '../../shared/presenter';

export interface ProgressState {
  /** Steps done so far in this epoch. */
  current: number;
  /** Steps in the epoch, or null when unknown. */
  target: number | null;
  /** Seconds since the epoch began. */
  elapsed: number;
  logs: Logs;
  /** Metric keys in display order (defaults to the order of `logs`). */
  keys?: string[];
}

const BAR_WIDTH = 30;

export function formatValue(v: number): string {
  return Math.abs(v) > 1e-3 || v === 0 ? v.toFixed(4) : v.toExponential(4).replace(/e([+-])(\d)$/, 'e$10$2');
}

export function formatLogs(logs: Logs, keys: string[] = Object.keys(logs)): string {
  return keys.filter((k) => k in logs).map((k) => ` - ${k}: ${formatValue(logs[k])}`).join('');
}

/** ` 3s 6ms/step`-style time per step. */
export function formatPerStep(seconds: number, unit = 'step'): string {
  if (seconds >= 1) return `${seconds.toFixed(0)}s/${unit}`;
  if (seconds >= 1e-3) return `${(seconds * 1e3).toFixed(0)}ms/${unit}`;
  return `${(seconds * 1e6).toFixed(0)}us/${unit}`;
}

export function formatEta(seconds: number): string {
  const s = Math.floor(seconds);
  if (s > 3600) return `${Math.floor(s / 3600)}:${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
  if (s > 60) return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
  return `${s}s`;
}

/** The bar itself: `[=====>........]`. */
export function formatBar(current: number, target: number): string {
  const width = Math.floor((BAR_WIDTH * current) / target);
  let bar = '';
  if (width > 0) bar = '='.repeat(width - 1) + (current < target ? '>' : '=');
  return `[${bar}${'.'.repeat(BAR_WIDTH - bar.length)}]`;
}

/** One verbose-1 line: `469/469 [====...] - 3s 6ms/step - loss: 0.2573 - accuracy: 0.9255` (ETA while running). */
export function formatProgressLine({ current, target, elapsed, logs, keys }: ProgressState): string {
  let line: string;
  if (target !== null) {
    const digits = String(target).length;
    line = `${String(current).padStart(digits)}/${target} ${formatBar(current, target)}`;
  } else {
    line = `${String(current).padStart(7)}/Unknown`;
  }
  const perStep = current > 0 ? elapsed / current : 0;
  if (target !== null && current < target) line += ` - ETA: ${formatEta(perStep * (target - current))}`;
  else line += ` - ${elapsed.toFixed(0)}s ${formatPerStep(perStep)}`;
  return line + formatLogs(logs, keys);
}

/** The verbose-2 line printed once per epoch: `469/469 - 3s - loss: 0.2573 - 3s/epoch - 6ms/step`. */
export function formatEpochLine({ current, elapsed, logs, keys }: ProgressState): string {
  const perStep = current > 0 ? elapsed / current : 0;
  return `${current}/${current} - ${elapsed.toFixed(0)}s${formatLogs(logs, keys)} - ${elapsed.toFixed(0)}s/epoch - ${formatPerStep(perStep)}`;
}

export function formatEpochHeader(epoch: number, epochs: number): string {
  return `Epoch ${epoch + 1}/${epochs}`;
}

export interface TextOutput {
  write(text: string): void;
  /** True where '\r' can redraw the line (a terminal); otherwise only the finished line is printed. */
  dynamic: boolean;
}

const stdout: TextOutput = {
  write: (text) => void process.stdout.write(text),
  dynamic: Boolean(process.stdout.isTTY),
};

/** Keras's ProgbarLogger: prints fit's progress as text. */
export class TextProgress implements FitProgress {
  private start = 0;
  private lastDraw = 0;
  private steps = 0;

  constructor(
    private readonly params: FitParams,
    private readonly out: TextOutput = stdout,
    private readonly now: () => number = () => performance.now() / 1000,
  ) {}

  epochBegin(epoch: number): void {
    this.start = this.now();
    this.lastDraw = 0;
    this.steps = 0;
    this.out.write(formatEpochHeader(epoch, this.params.epochs) + '\n');
  }

  batchEnd(batch: number, logs: Logs): void {
    this.steps = batch + 1;
    if (this.params.verbose !== 1 || !this.out.dynamic) return;
    const t = this.now();
    if (t - this.lastDraw < 0.05 && this.steps !== this.params.steps) return;
    this.lastDraw = t;
    this.out.write('\r' + formatProgressLine({ current: this.steps, target: this.params.steps, elapsed: t - this.start, logs, keys: this.keys(logs) }));
  }

  epochEnd(_epoch: number, logs: Logs): void {
    const elapsed = this.now() - this.start;
    const keys = this.keys(logs);
    const state = { current: this.steps, target: this.params.steps ?? this.steps, elapsed, logs, keys };
    const text = this.params.verbose === 2 ? formatEpochLine(state) : formatProgressLine(state);
    this.out.write((this.out.dynamic && this.params.verbose === 1 ? '\r' : '') + text + '\n');
  }

  trainEnd(): void {}

  private keys(logs: Logs): string[] {
    const base = this.params.metrics.filter((k) => k in logs);
    const val = this.params.metrics.map((k) => `val_${k}`).filter((k) => k in logs);
    const rest = Object.keys(logs).filter((k) => !base.includes(k) && !val.includes(k));
    return [...base, ...rest, ...val];
  }
}
