// The kernel's Keras presenter: model.summary() becomes a table, fit() Keras's epoch lines on stdout with a live
// progress output and chart.
import type { LayersModel } from '@tensorflow/tfjs';
import type { FitParams, FitProgress, KerasPresenter, SummaryOptions } from '../../keras/presenter';
import { NotebookFitProgress, summaryBundle, type DisplaySink } from '../../display/render';
import { displayBundle, updateBundle } from './display-api';
import { track, writeStream } from './outbox';

const sink: DisplaySink = {
  display: (bundle, displayId) => displayBundle(bundle, displayId),
  update: (bundle, displayId) => updateBundle(bundle, displayId),
  stream: (text) => writeStream('stdout', text),
};

/** Installed into the Keras-like API at load: shows summaries and fit progress as the cell's outputs. */
export const kernelPresenter: KerasPresenter = {
  summary(model: LayersModel, options: SummaryOptions): void {
    displayBundle(summaryBundle(model, { lineLength: options.lineLength, positions: options.positions, expandNested: options.expandNested }));
  },
  fitProgress(params: FitParams): FitProgress {
    const progress = new NotebookFitProgress(params, sink);
    return {
      epochBegin: (epoch) => progress.epochBegin(epoch),
      batchEnd: (batch, logs) => progress.batchEnd(batch, logs),
      epochEnd: (epoch, logs) => progress.epochEnd(epoch, logs),
      // The last chart renders asynchronously: the cell's reply waits for it, so it is in the saved notebook.
      trainEnd: () => {
        progress.trainEnd();
        track(progress.settled());
      },
    };
  },
};
