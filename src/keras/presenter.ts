// The Keras API's presenter contract: how it shows things to the user. Outside the kernel the default prints
// Keras's text (summary layout, progress bar); inside the kernel, the kernel installs a presenter that sends rich
// MIME bundles.
// This module lives in the keras bundle: the kernel reaches it only through that bundle's exports.
import type { LayersModel } from '@tensorflow/tfjs';

/** A batch's or an epoch's figures by name: loss, accuracy, val_loss... */
export type Logs = Record<string, number>;

/** What a fit() progress display is told when training starts. */
export interface FitParams {
  epochs: number;
  initialEpoch: number;
  /** Batches per epoch, or null when unknown (datasets without a known size). */
  steps: number | null;
  samples: number | null;
  batchSize: number;
  /** Metric names as they appear in logs, without the `val_` forms: ['loss', 'accuracy']. */
  metrics: string[];
  verbose: 0 | 1 | 2;
  doValidation: boolean;
}

/** One fit() call's progress display. Epoch and batch indices are 0-based, as in Keras callbacks. */
export interface FitProgress {
  epochBegin(epoch: number): void;
  /** `logs` holds the running means over the epoch so far. */
  batchEnd(batch: number, logs: Logs): void;
  /** `logs` holds the epoch's final figures, `val_*` included. */
  epochEnd(epoch: number, logs: Logs): void;
  trainEnd(): void;
}

/** model.summary()'s layout options. */
export interface SummaryOptions {
  lineLength?: number;
  positions?: number[];
  expandNested?: boolean;
}

/** Shows summaries and fit progress; the kernel installs one that sends rich output. */
export interface KerasPresenter {
  summary(model: LayersModel, options: SummaryOptions): void;
  fitProgress(params: FitParams): FitProgress;
}

let current: KerasPresenter | null = null;

/** Installs `presenter` (null: back to Keras's text on stdout). */
export function setPresenter(presenter: KerasPresenter | null): void {
  current = presenter;
}

/** The installed presenter, or null when the caller should use its text default. */
export function installedPresenter(): KerasPresenter | null {
  return current;
}
