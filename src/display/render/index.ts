// The rendering layer: values → Jupyter MIME bundles. Pure functions; the kernel sends what they return.
import { historyChart, isHistoryLike, type HistoryLike } from './chart';
import { JUPYTER_DISPLAY } from './displayable';
import { isLayersModel } from './layers';
import type { MimeBundle } from '../../protocol/messages';
import { summaryBundle } from './summary';
import { isTensorLike, tensorBundle } from './tensor';

export type { MimeBundle } from '../../protocol/messages';
export { summaryBundle, summaryText, summaryHtml, type SummaryLayout } from './summary';
export { summaryData, type SummaryData, type SummaryRow } from './summary-data';
export { NotebookFitProgress, type DisplaySink, type FitProgressOptions } from './progress';
export {
  historyChart, historySpec, plotBundle, plotSpec, chartBundle, VEGALITE_MIME,
  type HistoryLike, type HistoryChartOptions, type PlotData, type PlotOptions, type Series,
} from './chart';
export { tensorBundle, tensorText, tensorHtml, isTensorLike, type TensorLike } from './tensor';
export { imageBundle, imagesGridBundle, type ImageOptions, type GridOptions } from './image';
export { modelGraphBundle, modelDot, type GraphOptions } from './graph';
export { inlineSvg } from './svg';
export { withPlainText, htmlText } from './plain';
export { isLayersModel, type ModelLike } from './layers';
export { JUPYTER_DISPLAY } from './displayable';

type SelfDisplaying = { [JUPYTER_DISPLAY](): MimeBundle | Promise<MimeBundle> };

function isSelfDisplaying(value: unknown): value is SelfDisplaying {
  return (typeof value === 'object' || typeof value === 'function') && value !== null &&
    typeof (value as Partial<SelfDisplaying>)[JUPYTER_DISPLAY] === 'function';
}

/** Keras's History: `{ history: { loss: [...] }, epoch: [...], params }`; `params` tells it from look-alike data. */
function isHistory(value: unknown): value is HistoryLike {
  return isHistoryLike(value) && typeof (value as { params?: unknown }).params === 'object';
}

/**
 * The rich bundle for a cell's result, or null for plain values (the kernel then prints util.inspect's text).
 * Synchronous where the renderer is, so a displayed value keeps its place among the cell's other outputs; a
 * promise for charts (their PNG renders asynchronously) and for Deno display methods that return one.
 */
export function bundleFor(value: unknown): MimeBundle | Promise<MimeBundle> | null {
  if (isSelfDisplaying(value)) return value[JUPYTER_DISPLAY]();
  if (isTensorLike(value)) return tensorBundle(value);
  if (isLayersModel(value)) return summaryBundle(value);
  if (isHistory(value)) return historyChart(value);
  return null;
}
