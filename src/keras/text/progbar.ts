// Keras's ProgbarLogger for a terminal: prints fit's progress as text when no rich presenter is installed. The
// lines themselves are the shared Keras-layout formatters of the display renderers.
import type { FitParams, FitProgress, Logs } from '../presenter';
import { epochTitle, finishedEpochLine, progbarLine, type EpochState } from '../../display/render/progbar';

/** Where the text progress goes. */
export interface TextOutput {
  write(text: string): void;
  /** True where '\r' can redraw the line (a terminal); otherwise only the finished line is printed. */
  dynamic: boolean;
}

/** The process's stdout, redrawn in place when it is a terminal. */
export const stdoutOutput: TextOutput = {
  write: (text) => void process.stdout.write(text),
  dynamic: Boolean(process.stdout.isTTY),
};

/** Seconds between two redraws of the running line. */
const REDRAW_SECONDS = 0.05;

/** fit()'s progress as Keras prints it: an epoch title, a progress bar, the epoch's figures. */
export class TextProgress implements FitProgress {
  private start = 0;
  private lastDraw = 0;
  private steps = 0;

  constructor(
    private readonly params: FitParams,
    private readonly out: TextOutput = stdoutOutput,
    private readonly now: () => number = () => performance.now() / 1000,
  ) {}

  epochBegin(epoch: number): void {
    this.start = this.now();
    this.lastDraw = 0;
    this.steps = 0;
    this.out.write(`${epochTitle(epoch, this.params.epochs)}\n`);
  }

  batchEnd(batch: number, logs: Logs): void {
    this.steps = batch + 1;
    if (this.params.verbose !== 1 || !this.out.dynamic) return;
    const t = this.now();
    if (t - this.lastDraw < REDRAW_SECONDS && this.steps !== this.params.steps) return;
    this.lastDraw = t;
    this.out.write('\r' + progbarLine(this.state(logs, false)));
  }

  epochEnd(_epoch: number, logs: Logs): void {
    const text = finishedEpochLine(this.state(logs, true), this.params.verbose);
    this.out.write((this.out.dynamic && this.params.verbose === 1 ? '\r' : '') + text + '\n');
  }

  trainEnd(): void {}

  private state(logs: Logs, done: boolean): EpochState {
    const target = done ? this.params.steps ?? this.steps : this.params.steps;
    return { seen: this.steps, target, elapsed: this.now() - this.start, logs, done: done || this.steps === target };
  }
}
