// The display of one `fit` call, for every kind of client. Each finished epoch's Keras line goes to stdout, as Keras
// prints it: streams reach every client, consoles included, and merge into one output in a notebook. Notebooks also
// get a live output of the epoch in flight (updated in place, throttled) that ends as a short summary, and a chart
// of the epoch figures updated at epoch ends. Both live outputs are created before the first line, so the lines
// stay one contiguous stream below them; clients that ignore updates keep only the first, true, form of each.
import { randomUUID } from 'node:crypto';
import type { FitParams, FitProgress, Logs } from '../../keras/presenter';
import { historyChart, type HistoryLike } from './chart';
import { kerasValue } from './format';
import { fitHeader, fitSummary, type EpochRecord } from './fit-text';
import { escapeHtml } from './html';
import type { MimeBundle } from '../../protocol/messages';
import { epochTitle, finishedEpochLine, logKeys, progbarLine, stepTiming, type EpochState } from './progbar';

/** Where the outputs go: the kernel sends `display_data` / `update_display_data` with a transient display id. */
export interface DisplaySink {
  display(bundle: MimeBundle, displayId: string): void;
  update(bundle: MimeBundle, displayId: string): void;
  /** Text for stdout. */
  stream(text: string): void;
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

/** One display id, sent with `display` the first time and `update` afterwards. */
class Output {
  private sent = false;
  constructor(private readonly sink: DisplaySink, readonly id: string) {}
  get shown(): boolean {
    return this.sent;
  }
  send(bundle: MimeBundle): void {
    if (this.sent) this.sink.update(bundle, this.id);
    else this.sink.display(bundle, this.id);
    this.sent = true;
  }
}

/** An HTML progress bar; with no figures, an indeterminate one. */
function progressBar(value?: number, max?: number): string {
  const figures = value === undefined ? '' : ` value="${value}" max="${max}"`;
  return `<progress${figures} style="width:20em;vertical-align:middle"></progress>`;
}

/** The chart's place until the first epoch ends: shown by every notebook, and nothing for a console to print. */
const CHART_PLACEHOLDER: MimeBundle = { 'text/html': '' };

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
  private trainStart: number | null = null;
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
    const first = this.trainStart === null;
    this.trainStart ??= this.epochStart;
    if (this.params.verbose === 1) {
      if (first) this.showLiveOutputs();
      else this.refresh(false);
    }
    if (this.params.verbose !== 0) this.sink.stream(`${epochTitle(epoch, this.params.epochs)}\n`);
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
    if (this.params.verbose !== 0) this.sink.stream(`${finishedEpochLine(state, this.params.verbose)}\n`);
    if (this.params.verbose === 1) {
      this.refresh(false);
      this.requestChart(this.done.length === 1);
    }
  }

  trainEnd(): void {
    if (this.params.verbose !== 1 || !this.progress.shown) return;
    this.dirty = false;
    this.progress.send(this.summary());
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

  private refresh(force: boolean): void {
    if (force || this.clock() - this.lastSent >= this.minIntervalMs) this.send();
    else this.dirty = true;
  }

  /** The first forms of both live outputs: what a client that ignores updates keeps. */
  private showLiveOutputs(): void {
    this.lastSent = this.clock();
    this.progress.send({ 'text/plain': fitHeader(this.params), 'text/html': this.html() });
    this.chart.send(CHART_PLACEHOLDER);
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

  /** The epoch in flight, as Keras's running progress bar. */
  private text(): string {
    const { epoch, state } = this.current ?? this.done[this.done.length - 1];
    return `${epochTitle(epoch, this.params.epochs)}\n${progbarLine(state)}`;
  }

  private html(): string {
    const { epoch, state } = this.current ?? this.done[this.done.length - 1];
    const bar = state.target === null ? progressBar() : progressBar(state.seen, state.target);
    const timing = stepTiming(state);
    const counter = `${state.seen}/${state.target ?? '?'}${timing === '' ? '' : ` · ${timing}`}`;
    const running = logKeys(state.logs)
      .map((k) => `${escapeHtml(k)}: ${kerasValue(state.logs[k])}`)
      .join(' · ');
    return [
      '<div class="tsdl-fit">',
      `<div><b>${escapeHtml(epochTitle(epoch, this.params.epochs))}</b> ${bar} ${counter}</div>`,
      `<div style="font-family:monospace">${running}</div>`,
      '</div>',
    ].join('\n');
  }

  /** The live output's final form: how the training ended, under a bar of the epochs done. */
  private summary(): MimeBundle {
    const text = fitSummary(this.params, this.done, (this.clock() - (this.trainStart ?? 0)) / 1000);
    const planned = this.params.epochs - this.params.initialEpoch;
    return { 'text/plain': text, 'text/html': `<div class="tsdl-fit">${progressBar(this.done.length, planned)} ${escapeHtml(text)}</div>` };
  }
}
