// Line and scatter charts as `application/vnd.vegalite.v5+json` (JupyterLab draws it) + `image/png` (classic
// Notebook, nbconvert, GitHub) + a `text/plain` table. Never `text/html`: JupyterLab would rank it above vega.
import { kerasValue } from './format';
import type { MimeBundle } from '../../protocol/messages';
import { isTensorLike, type TensorLike } from './tensor';
import { textTable } from './text-table';
import { vegaLiteToPng, type VegaLiteSpec } from './vega-render';

export const VEGALITE_MIME = 'application/vnd.vegalite.v5+json';
const SCHEMA = 'https://vega.github.io/schema/vega-lite/v5.json';
const PANEL = { width: 280, height: 180 };

/** What Keras's `fit` returns, by shape: `history.history.loss[i]` is epoch `history.epoch[i]`'s loss. */
export interface HistoryLike {
  history: Record<string, number[]>;
  epoch: number[];
}

export function isHistoryLike(value: unknown): value is HistoryLike {
  const v = value as Partial<HistoryLike> | null;
  return typeof v === 'object' && v !== null && Array.isArray(v.epoch) && typeof v.history === 'object' &&
    v.history !== null && Object.values(v.history).every((series) => Array.isArray(series));
}

export interface HistoryChartOptions {
  /** Metrics to plot, without `val_`; default: every metric in the history. */
  metrics?: string[];
}

/** One point of a history chart, in Vega-Lite's long form. */
interface HistoryRow {
  epoch: number;
  metric: string;
  series: string;
  split: 'training' | 'validation';
  value: number;
}

function historyMetrics(history: HistoryLike, options: HistoryChartOptions): string[] {
  const all = Object.keys(history.history).filter((k) => !k.startsWith('val_'));
  const orphans = Object.keys(history.history)
    .filter((k) => k.startsWith('val_') && !(k.slice(4) in history.history))
    .map((k) => k.slice(4));
  return options.metrics ?? [...all, ...orphans];
}

/** Up to this many epochs, the axis labels every one. */
const MAX_LABELLED_EPOCHS = 12;

/** The Vega-Lite spec of a history: one panel per metric, training and validation as separate series. */
export function historySpec(history: HistoryLike, options: HistoryChartOptions = {}): VegaLiteSpec {
  const metrics = historyMetrics(history, options);
  const values: HistoryRow[] = [];
  for (const metric of metrics) {
    for (const [series, split] of [[metric, 'training'], [`val_${metric}`, 'validation']] as const) {
      (history.history[series] ?? []).forEach((value, i) => {
        // Keras numbers epochs from 0; the chart counts them as `Epoch 1/10` does.
        if (Number.isFinite(value)) values.push({ epoch: (history.epoch[i] ?? i) + 1, metric, series, split, value });
      });
    }
  }
  const present = (['training', 'validation'] as const).filter((split) => values.some((row) => row.split === split));
  const splits = present.length > 0 ? present : ['training'];
  // Vega's ticks for a short run fall between epochs (1, 1.5, 2, printed "1 2 2"): name each epoch instead.
  const epochs = [...new Set(values.map((row) => row.epoch))].sort((a, b) => a - b);
  const epochAxis = epochs.length <= MAX_LABELLED_EPOCHS ? { format: 'd', values: epochs } : { format: 'd', tickMinStep: 1 };
  return {
    $schema: SCHEMA,
    background: 'white',
    data: { values },
    facet: { field: 'metric', type: 'nominal', sort: metrics, header: { title: null, labelFontSize: 13 } },
    columns: Math.min(metrics.length, 3),
    spec: {
      ...PANEL,
      mark: { type: 'line', point: true },
      encoding: {
        x: { field: 'epoch', type: 'quantitative', title: 'epoch', axis: epochAxis },
        y: { field: 'value', type: 'quantitative', title: null, scale: { zero: false } },
        // A legend entry per split the history has: no "validation" without validation data.
        color: { field: 'split', type: 'nominal', title: null, scale: { domain: splits } },
        tooltip: [
          { field: 'series', type: 'nominal' },
          { field: 'epoch', type: 'quantitative' },
          { field: 'value', type: 'quantitative', format: '.4f' },
        ],
      },
    },
    resolve: { scale: { y: 'independent' } },
  };
}

export function historyText(history: HistoryLike, options: HistoryChartOptions = {}): string {
  const keys = historyMetrics(history, options).flatMap((m) => [m, `val_${m}`]).filter((k) => k in history.history);
  const rows = history.epoch.map((epoch, i) => [
    String(epoch + 1),
    ...keys.map((k) => (history.history[k][i] === undefined ? '' : kerasValue(history.history[k][i]))),
  ]);
  return textTable(['epoch', ...keys], rows);
}

/**
 * A training history as a chart: the bundle `plotHistory` displays, and a History as a cell's result. The spec and
 * text are taken now (a later epoch does not change this chart); only the PNG is drawn asynchronously.
 */
export function historyChart(history: HistoryLike, options: HistoryChartOptions = {}): Promise<MimeBundle> {
  return chartBundle(historySpec(history, options), historyText(history, options));
}

/** Numbers to plot: an array, a typed array, or a 1-D tensor. */
export type Numbers = ArrayLike<number> | TensorLike;

export interface Series {
  name: string;
  x: Numbers;
  y: Numbers;
}

export type PlotData = { x: Numbers; y: Numbers } | { series: Series[] };

export interface PlotOptions {
  title?: string;
  xLabel?: string;
  yLabel?: string;
  mark?: 'line' | 'point';
}

/** A series with its numbers read out (tensors included), checked to pair up. */
interface Points {
  name: string;
  x: number[];
  y: number[];
}

function numbers(values: Numbers, what: string): number[] {
  if (isTensorLike(values)) {
    if (values.shape.length !== 1) throw new Error(`plot: ${what} must be 1-D, got a tensor of shape [${values.shape.join(', ')}]`);
    return Array.from(values.dataSync(), Number);
  }
  if (typeof values !== 'object' || values === null || typeof values.length !== 'number') {
    throw new Error(`plot: ${what} must be an array of numbers or a 1-D tensor`);
  }
  return Array.from(values, Number);
}

function seriesOf(data: PlotData): Points[] {
  const series = 'series' in data ? data.series : [{ name: 'y', x: data.x, y: data.y }];
  return series.map((s) => {
    const points = { name: s.name, x: numbers(s.x, `the x of "${s.name}"`), y: numbers(s.y, `the y of "${s.name}"`) };
    if (points.x.length !== points.y.length) {
      const counts = `${points.x.length} x values but ${points.y.length} y values`;
      throw new Error(`plot: series "${s.name}" has ${counts}; give as many of each`);
    }
    return points;
  });
}

export function plotSpec(data: PlotData, options: PlotOptions = {}): VegaLiteSpec {
  const series = seriesOf(data);
  const values = series.flatMap((s) => s.x.map((x, i) => ({ series: s.name, x, y: s.y[i] })));
  const mark = options.mark === 'point' ? { type: 'point' as const, filled: true } : { type: 'line' as const };
  return {
    $schema: SCHEMA,
    background: 'white',
    ...(options.title === undefined ? {} : { title: options.title }),
    width: 400,
    height: 250,
    data: { values },
    mark,
    encoding: {
      x: { field: 'x', type: 'quantitative', title: options.xLabel ?? 'x', scale: { zero: false } },
      y: { field: 'y', type: 'quantitative', title: options.yLabel ?? 'y', scale: { zero: false } },
      // One series needs no legend; several get one colour each, in the order given.
      ...('series' in data
        ? { color: { field: 'series', type: 'nominal', title: null, sort: series.map((s) => s.name) } }
        : {}),
    },
  };
}

export function plotText(data: PlotData): string {
  const series = seriesOf(data);
  const num = (v: number) => String(Number(v.toPrecision(6)));
  if (!('series' in data)) return textTable(['x', 'y'], series[0].x.map((x, i) => [num(x), num(series[0].y[i])]));
  const rows = series.flatMap((s) => s.x.map((x, i) => [s.name, num(x), num(s.y[i])]));
  return textTable(['series', 'x', 'y'], rows);
}

/** The user's own data as a line or scatter chart; bad data throws here, at the caller, not in the rendering. */
export function plotBundle(data: PlotData, options: PlotOptions = {}): Promise<MimeBundle> {
  return chartBundle(plotSpec(data, options), plotText(data));
}

/** A chart bundle: the spec, its PNG rendering, and a text table for text-only frontends. */
export async function chartBundle(spec: VegaLiteSpec, text: string): Promise<MimeBundle> {
  const png = await vegaLiteToPng(spec);
  return { [VEGALITE_MIME]: spec, 'image/png': png.toString('base64'), 'text/plain': text };
}
