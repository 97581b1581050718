// The live display of one `fit` call: a progress output updated in place (throttled), and a chart of the epoch
// figures updated at epoch ends. Both end in their final state, which is what the saved notebook keeps.
import { randomUUID } from 'node:crypto';
import type { FitParams, FitProgress, Logs } from '../../shared/presenter';
import { historyChart, type HistoryLike } from './chart';
import { kerasValue } from './format';
import { escapeHtml } from './html';
import type { MimeBundle } from './mime';
import { epochLine, logKeys, progbarLine, stepTiming, type EpochState } from './progbar';

/** Where the bundles go: the kernel sends `display_data` / `update_display_data` with a transient display id. */
export interface DisplaySink {
  display(bundle: MimeBundle, displayId: string): void;
  update(bundle: MimeBundle, displayId: string): void;
}

export interface FitProgressOptions {
  /** Milliseconds; injectable for tests. */
  clock?: () => number;
  /** Least time between two progress updates (the first and last are always sent). */
  minIntervalMs?: number;
  /** Least time between two chart renderings (the first and last are always sent). */
  chartIntervalMs?: number;
  newDisplayId?: () => string;
}

interface EpochRecord {
  epoch: number;
  state: EpochState;
}

/** One display id, sent with `display` the first time and `update` afterwards. */
class Output {
  private shown = false;
  constructor(private readonly sink: DisplaySink, readonly id: string) {}
  send(bundle: MimeBundle): void {
    if (this.shown) this.sink.update(bundle, this.id);
    else this.sink.display(bundle, this.id);
    this.shown = true;
  }
}

export class NotebookFitProgress implements FitProgress {
  private readonly clock: () => number;
  private readonly minIntervalMs: number;
  private readonly chartIntervalMs: number;
  private readonly newDisplayId: () => string;
  private readonly progress: Output;
  private readonly chart: Output;
  private readonly done: EpochRecord[] = [];
  private readonly history: HistoryLike = { history: {}, epoch: [] };
  private current: EpochRecord | null = null;
  private epochStart = 0;
  /** Batches per epoch: from the params, or learnt from the first epoch when the size was unknown. */
  private target: number | null;
  private lastSent = -Infinity;
  private dirty = false;
  private lastChart = -Infinity;
  private chartDirty = false;
  private chartBusy = false;
  private chartPending = false;
  private chartDone: Promise<void> = Promise.resolve();
  private chartFailed = false;

  constructor(
    private readonly params: FitParams,
    private readonly sink: DisplaySink,
    options: FitProgressOptions = {},
  ) {
    this.clock = options.clock ?? (() => performance.now());
    this.minIntervalMs = options.minIntervalMs ?? 250;
    this.chartIntervalMs = options.chartIntervalMs ?? 1000;
    this.newDisplayId = options.newDisplayId ?? randomUUID;
    this.target = params.steps;
    this.progress = new Output(sink, this.newDisplayId());
    this.chart = new Output(sink, this.newDisplayId());
  }

  epochBegin(epoch: number): void {
    this.epochStart = this.clock();
    this.current = { epoch, state: { seen: 0, target: this.target, elapsed: 0, logs: {}, done: false } };
    if (this.params.verbose === 1) this.refresh(this.done.length === 0);
  }

  batchEnd(batch: number, logs: Logs): void {
    if (this.current === null) return;
    this.current.state = { ...this.current.state, seen: batch + 1, elapsed: this.elapsed(), logs };
    if (this.params.verbose === 1) this.refresh(false);
  }

  epochEnd(epoch: number, logs: Logs): void {
    const seen = this.current?.state.seen ?? 0;
    // An epoch of unknown size tells the next ones theirs.
    this.target ??= seen;
    const state: EpochState = { seen, target: this.target, elapsed: this.elapsed(), logs, done: true };
    this.current = null;
    this.done.push({ epoch, state });
    this.history.epoch.push(epoch);
    for (const key of logKeys(logs)) (this.history.history[key] ??= []).push(logs[key]);
    if (this.params.verbose === 2) {
      // Keras's verbose 2: lines that stay, one output per epoch, no updates.
      this.sink.display({ 'text/plain': `${this.epochTitle(epoch)}\n${epochLine(state)}` }, this.newDisplayId());
    } else if (this.params.verbose === 1) {
      this.refresh(false);
      this.requestChart(this.done.length === 1);
    }
  }

  trainEnd(): void {
    if (this.params.verbose !== 1) return;
    if (this.dirty) this.send();
    if (this.chartDirty) this.renderChart();
  }

  /** Resolves once the chart renderings started so far have been sent (they run asynchronously). */
  settled(): Promise<void> {
    return this.chartDone;
  }

  get displayIds(): { progress: string; chart: string } {
    return { progress: this.progress.id, chart: this.chart.id };
  }

  private elapsed(): number {
    return (this.clock() - this.epochStart) / 1000;
  }

  private epochTitle(epoch: number): string {
    return `Epoch ${epoch + 1}/${this.params.epochs}`;
  }

  private refresh(force: boolean): void {
    if (force || this.clock() - this.lastSent >= this.minIntervalMs) this.send();
    else this.dirty = true;
  }

  private send(): void {
    this.lastSent = this.clock();
    this.dirty = false;
    this.progress.send({ 'text/plain': this.text(), 'text/html': this.html() });
  }

  private requestChart(force: boolean): void {
    if (this.chartFailed) return;
    if (force || this.clock() - this.lastChart >= this.chartIntervalMs) this.renderChart();
    else this.chartDirty = true;
  }

  /** Renders the history so far. One rendering runs at a time; requests made meanwhile fold into one more. */
  private renderChart(): void {
    this.lastChart = this.clock();
    this.chartDirty = false;
    if (this.chartBusy) {
      this.chartPending = true;
      return;
    }
    this.chartBusy = true;
    this.chartDone = this.drawCharts();
  }

  private async drawCharts(): Promise<void> {
    do {
      this.chartPending = false;
      const snapshot: HistoryLike = {
        epoch: [...this.history.epoch],
        history: Object.fromEntries(Object.entries(this.history.history).map(([k, v]) => [k, [...v]])),
      };
      try {
        this.chart.send(await historyChart(snapshot));
      } catch (error) {
        // Training goes on without the chart; the output says why it is missing.
        this.chartFailed = true;
        this.chart.send({ 'text/plain': `Training chart unavailable: ${(error as Error).message}` });
      }
    } while (this.chartPending && !this.chartFailed);
    this.chartBusy = false;
  }

  /** Keras's progress text: each finished epoch's last line, then the running epoch. */
  private text(): string {
    const lines = this.done.flatMap(({ epoch, state }) => [this.epochTitle(epoch), progbarLine(state)]);
    if (this.current !== null) lines.push(this.epochTitle(this.current.epoch), progbarLine(this.current.state));
    return lines.join('\n');
  }

  private html(): string {
    const latest = this.current ?? this.done[this.done.length - 1];
    const { state } = latest;
    const bar =
      state.target === null
        ? '<progress style="width:20em;vertical-align:middle"></progress>'
        : `<progress value="${state.seen}" max="${state.target}" style="width:20em;vertical-align:middle"></progress>`;
    const counter = `${state.seen}/${state.target ?? '?'}`;
    const running = logKeys(state.logs)
      .map((k) => `${escapeHtml(k)}: ${kerasValue(state.logs[k])}`)
      .join(' · ');
    return [
      '<div class="tsdl-fit">',
      `<div><b>${escapeHtml(this.epochTitle(latest.epoch))}</b> ${bar} ${counter} · ${stepTiming(state)}</div>`,
      `<div style="font-family:monospace">${running}</div>`,
      this.epochTable(),
      '</div>',
    ].join('\n');
  }

  /** Finished epochs, one row each: the figures Keras prints at each epoch end. */
  private epochTable(): string {
    if (this.done.length === 0) return '';
    const keys = logKeys(Object.assign({}, ...this.done.map((r) => r.state.logs)) as Logs);
    const head = ['epoch', 'time', ...keys].map((k) => `<th style="text-align:right">${escapeHtml(k)}</th>`).join('');
    const rows = this.done.map(({ epoch, state }) => {
      const figures = keys.map((k) => (k in state.logs ? kerasValue(state.logs[k]) : ''));
      const cells = [String(epoch + 1), `${state.elapsed.toFixed(1)}s`, ...figures];
      return `<tr>${cells.map((c) => `<td style="text-align:right">${c}</td>`).join('')}</tr>`;
    });
    return `<table>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${rows.join('\n')}\n</tbody>\n</table>`;
  }
}
