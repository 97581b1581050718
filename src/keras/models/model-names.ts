// Helpers for the model methods Keras names and tfjs lacks or spells otherwise (models/keras-model.ts):
// get_layer by name or index, fitDataset/evaluateDataset options, summary's snake_case options.
import * as tf from '@tensorflow/tfjs';
import { camelize, checkedOptions, closest, Options } from '../options';
import type { SummaryOptions } from '../presenter';
import { isDataset } from '../training/dataset-data';
import type { FitOptions } from '../training/fit';

/** fitDataset's options: fit's, plus tfjs's `batchesPerEpoch` and `validationBatches`; validationData may be a dataset. */
export interface DatasetFitOptions extends Omit<FitOptions, 'validationData' | 'batchSize' | 'sampleWeight' | 'shuffle' | 'validationSplit'> {
  batchesPerEpoch?: number;
  validationData?: tf.data.Dataset<tf.TensorContainer> | FitOptions['validationData'];
  validationBatches?: number;
}

/** evaluateDataset's options: `batches` (how many to read), `verbose`, `returnDict`. */
export interface DatasetEvaluateOptions {
  batches?: number;
  verbose?: 0 | 1 | 'auto';
  returnDict?: boolean;
}

const FIT_DATASET = ['epochs', 'verbose', 'callbacks', 'initialEpoch', 'classWeight', 'validationFreq', 'validationBatchSize', 'batchesPerEpoch', 'validationData', 'validationBatches', 'yieldEvery'];
const EVALUATE_DATASET = ['batches', 'verbose', 'returnDict'];

/** The dataset-only options taken out; `rest` goes to fit/evaluate. */
export function splitDatasetOptions(
  where: 'fitDataset' | 'evaluateDataset',
  options: Options,
): { batches?: number; validation?: { dataset: tf.data.Dataset<tf.TensorContainer>; batches?: number }; rest: Options } {
  const o = checkedOptions(where, options, where === 'fitDataset' ? FIT_DATASET : EVALUATE_DATASET);
  const { batchesPerEpoch, batches, validationData, validationBatches, yieldEvery: _yieldEvery, ...rest } = o;
  const validation = isDataset(validationData) ? { dataset: validationData, batches: validationBatches as number | undefined } : undefined;
  if (validationData !== undefined && !validation) rest.validationData = validationData;
  return { batches: (batchesPerEpoch ?? batches) as number | undefined, validation, rest };
}

/** summary()'s options in either spelling: `line_length`, `positions`, `expand_nested`, `print_fn`. */
export function summaryOptions(options: Options): SummaryOptions {
  const o = checkedOptions('summary', options, ['lineLength', 'positions', 'expandNested', 'printFn']);
  const out: SummaryOptions = {};
  if (o.lineLength !== undefined) out.lineLength = o.lineLength as number;
  if (o.positions !== undefined) out.positions = o.positions as number[];
  if (o.expandNested !== undefined) out.expandNested = Boolean(o.expandNested);
  return out;
}

/** Keras's get_layer: by name or by index, not both, with Keras's errors. */
export function getLayer(model: tf.LayersModel, nameOrIndex?: string | number | { name?: string; index?: number }, index?: number): tf.layers.Layer {
  let name: string | undefined;
  if (typeof nameOrIndex === 'number') index = nameOrIndex;
  else if (typeof nameOrIndex === 'string') name = nameOrIndex;
  else if (nameOrIndex && typeof nameOrIndex === 'object') {
    const o = camelize('get_layer', nameOrIndex as Options);
    const given = checkedOptions('get_layer', o, ['name', 'index']);
    name = given.name as string | undefined;
    index = (given.index as number | undefined) ?? index;
  }
  if (index !== undefined && name !== undefined) {
    throw new Error(`Provide only a layer name or a layer index. Received: index=${index}, name=${name}.`);
  }
  const layers = model.layers;
  if (index !== undefined) {
    if (!Number.isInteger(index) || index < 0 || index >= layers.length) {
      throw new Error(`Was asked to retrieve layer at index ${index} but model only has ${layers.length} layers.`);
    }
    return layers[index];
  }
  if (name !== undefined) {
    const found = layers.find((l) => l.name === name);
    if (found) return found;
    const names = layers.map((l) => l.name);
    const guess = closest(name, names);
    throw new Error(`No such layer: ${name}. Existing layers are: [${names.map((n) => `'${n}'`).join(', ')}].` + (guess ? ` Did you mean '${guess}'?` : ''));
  }
  throw new Error('Provide either a layer name or layer index at `get_layer`.');
}
