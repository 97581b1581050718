// What Sequential and Functional share: compile/fit/evaluate/predict/summary/save over the training/ and io/
// functions, and Keras's repr.
import * as tf from '@tensorflow/tfjs';
import { installedPresenter, SummaryOptions } from '../../shared/presenter';
import { fileHandler } from '../io/files';
import { Compiled } from '../training/compile';
import type { EngineModel } from '../training/engine';
import { summaryText } from '../../display/render/summary';
import { summaryData } from '../../display/render/summary-data';

/** Methods our classes replace with Keras-shaped ones (different signatures, so left out of the base type). */
export type Replaced = 'compile' | 'fit' | 'evaluate' | 'predict' | 'summary' | 'save' | 'optimizer' | 'history' | 'fitDataset' | 'evaluateDataset';

export interface KerasState {
  compiled: Compiled | null;
  outputNames: string[];
  name: string;
}

export function requireCompiled(model: KerasState, what: string): Compiled {
  if (!model.compiled) throw new Error(`${what}: the model must be compiled first, e.g. model.compile({ optimizer: 'rmsprop', loss: 'mse' }).`);
  return model.compiled;
}

export function asEngine(model: unknown): EngineModel {
  return model as EngineModel;
}

export function asLayersModel(model: unknown): tf.LayersModel {
  return model as tf.LayersModel;
}

/** summary(): the kernel's presenter when installed, else Keras's text on stdout (or `printFn`). */
export function summarize(model: unknown, lineLength?: number | SummaryOptions, positions?: number[], printFn?: (line: string) => void): void {
  const options: SummaryOptions = typeof lineLength === 'object' ? lineLength : { lineLength, positions };
  const presenter = installedPresenter();
  if (presenter && !printFn) {
    presenter.summary(asLayersModel(model), options);
    return;
  }
  const text = summaryText(summaryData(asLayersModel(model)), options);
  (printFn ?? console.log)(text);
}

/** Saves in the tfjs Layers format; compile() arguments go into the metadata so loadModel can recompile. */
export async function saveModel(model: KerasState, target: string): Promise<tf.io.SaveResult> {
  const metadata = model.compiled ? { tsdl_training_config: JSON.parse(JSON.stringify(model.compiled.config)) as {} } : undefined;
  return tf.LayersModel.prototype.save.call(asLayersModel(model), fileHandler(target, metadata));
}
