// How fit, evaluate and predict show their progress: Keras's `verbose`, the installed presenter (or Keras's text)
// for fit, and a one-epoch text bar for evaluate and predict.
import { progbarLine } from '../../display/render/progbar';
import type { CallbackLike } from '../callbacks/callback';
import { FitParams, FitProgress, installedPresenter, Logs } from '../presenter';
import { stdoutOutput, TextProgress, type TextOutput } from '../text/progbar';

/** Keras's verbose: 0, 1, 2 (fit only) or 'auto' (= 1). */
export function verbosity(v: unknown, max: 1 | 2): 0 | 1 | 2 {
  if (v === undefined || v === 'auto') return 1;
  if (v === 0 || v === 1 || (v === 2 && max === 2)) return v;
  throw new Error(`verbose must be 0, 1${max === 2 ? ', 2' : ''} or 'auto', got ${JSON.stringify(v)}.`);
}

/** fit()'s progress display: the kernel's presenter when installed, else Keras's text; null when verbose is 0. */
export function fitProgress(params: FitParams): FitProgress | null {
  return params.verbose === 0 ? null : (installedPresenter()?.fitProgress(params) ?? new TextProgress(params));
}

/** A progress display as one of fit()'s callbacks. */
export function progressCallback(progress: FitProgress): CallbackLike {
  return {
    onEpochBegin: (epoch) => progress.epochBegin(epoch),
    onBatchEnd: (batch, logs) => progress.batchEnd(batch, logs ?? {}),
    onEpochEnd: (epoch, logs) => progress.epochEnd(epoch, logs ?? {}),
    onTrainEnd: () => progress.trainEnd(),
  };
}

/** A one-epoch text bar for evaluate/predict (Keras prints one too). */
export function textBar(steps: number, out: TextOutput = stdoutOutput): (batch: number, logs: Logs) => void {
  const start = performance.now();
  return (batch, logs) => {
    const done = batch + 1 === steps;
    if (!done && !out.dynamic) return;
    const line = progbarLine({ seen: batch + 1, target: steps, elapsed: (performance.now() - start) / 1000, logs, done });
    out.write((out.dynamic ? '\r' : '') + line + (done ? '\n' : ''));
  };
}
