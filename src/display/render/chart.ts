// Line and scatter charts as `application/vnd.vegalite.v5+json` (JupyterLab draws it) + `image/png` (classic
// Notebook, nbconvert, GitHub) + a `text/plain` table. Never `text/html`: JupyterLab would rank it above vega.
import { kerasValue } from './format';
import type { MimeBundle } from './mime';
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
        x: { field: 'epoch', type: 'quantitative', title: 'epoch', axis: { format: 'd', tickMinStep: 1 } },
        y: { field: 'value', type: 'quantitative', title: null, scale: { zero: false } },
        color: { field: 'split', type: 'nominal', title: null, scale: { domain: ['training', 'validation'] } },
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

/** A training history as a chart: the bundle `plotHistory` displays, and a History as a cell's result. */
export async function historyChart(history: HistoryLike, options: HistoryChartOptions = {}): Promise<MimeBundle> {
  const spec = historySpec(history, options);
  return chartBundle(spec, historyText(history, options));
}

export interface Series {
  name: string;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
}

export type PlotData = { x: ArrayLike<number>; y: ArrayLike<number> } | { series: Series[] };

export interface PlotOptions {
  title?: string;
  xLabel?: string;
  yLabel?: string;
  mark?: 'line' | 'point';
}

function seriesOf(data: PlotData): Series[] {
  const series = 'series' in data ? data.series : [{ name: 'y', x: data.x, y: data.y }];
  for (const s of series) {
    if (s.x.length !== s.y.length) {
      const counts = `${s.x.length} x values but ${s.y.length} y values`;
      throw new Error(`plot: series "${s.name}" has ${counts}; give as many of each`);
    }
  }
  return series;
}

export function plotSpec(data: PlotData, options: PlotOptions = {}): VegaLiteSpec {
  const series = seriesOf(data);
  const values = series.flatMap((s) => Array.from(s.x, (x, i) => ({ series: s.name, x, y: s.y[i] })));
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
  if (!('series' in data)) return textTable(['x', 'y'], Array.from(data.x, (x, i) => [num(x), num(data.y[i])]));
  const rows = series.flatMap((s) => Array.from(s.x, (x, i) => [s.name, num(x), num(s.y[i])]));
  return textTable(['series', 'x', 'y'], rows);
}

/** The user's own data as a line or scatter chart. */
export async function plotBundle(data: PlotData, options: PlotOptions = {}): Promise<MimeBundle> {
  return chartBundle(plotSpec(data, options), plotText(data));
}

/** A chart bundle: the spec, its PNG rendering, and a text table for text-only frontends. */
export async function chartBundle(spec: VegaLiteSpec, text: string): Promise<MimeBundle> {
  const png = await vegaLiteToPng(spec);
  return { [VEGALITE_MIME]: spec, 'image/png': png.toString('base64'), 'text/plain': text };
}
