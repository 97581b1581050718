// What Sequential and Functional share, written once: Keras's compile/fit/evaluate/predict/summary/save over the
// training/ and io/ functions. A mixin, since the two extend different tfjs classes (tf.Sequential and
// tf.LayersModel).
import * as tf from '@tensorflow/tfjs';
import { summaryText } from '../../display/render/summary';
import { summaryData } from '../../display/render/summary-data';
import type { History } from '../callbacks/history';
import { functionsByName } from '../io/custom-objects';
import { fileHandler } from '../io/files';
import { camelize, Options, KerasOptions } from '../options';
import { installedPresenter, SummaryOptions } from '../presenter';
import { compile, Compiled, CompileOptions } from '../training/compile';
import type { Data } from '../training/data-adapters/arrays';
import type { EngineModel } from '../training/engine';
import { evaluate, EvaluateOptions } from '../training/evaluate';
import { fit, FitOptions } from '../training/fit';
import { predict, PredictOptions } from '../training/predict';
import { BatchResult, predictOnBatch, testOnBatch, TestOnBatchOptions, trainOnBatch, TrainOnBatchOptions } from '../training/on-batch';
import { datasetArrays, datasetInputs, isDataset } from '../training/dataset-data';
import { methodOptions } from '../training/arguments';
import { kerasError, ValueError } from '../errors';
import { loadWeights, saveWeights } from '../io/weights';
import { getLayer, DatasetFitOptions, DatasetEvaluateOptions, splitDatasetOptions, summaryOptions } from './model-names';

/** Methods our classes replace with Keras-shaped ones (different signatures, so left out of the base type). */
export type Replaced =
  | 'compile' | 'fit' | 'evaluate' | 'predict' | 'summary' | 'save' | 'optimizer' | 'history' | 'fitDataset' | 'evaluateDataset'
  | 'getLayer' | 'trainOnBatch' | 'predictOnBatch' | 'loadWeights';

/** A tfjs model class, its replaced methods left out of the type. TypeScript's mixins take constructors of `any[]`. */
type ModelClass = new (...args: any[]) => Pick<tf.LayersModel, 'outputNames'>;

/** `model` as the tfjs LayersModel it is at run time, for tfjs's own methods. */
export function asLayersModel(model: unknown): tf.LayersModel {
  return model as tf.LayersModel;
}

function asEngine(model: unknown): EngineModel {
  return model as EngineModel;
}

function requireCompiled(compiled: Compiled | null, what: string): Compiled {
  if (!compiled) throw new Error(`${what}: the model must be compiled first, e.g. model.compile({ optimizer: 'rmsprop', loss: 'mse' }).`);
  return compiled;
}

/**
 * fit/evaluate on a dataset: what followed `x` (an options object, or Keras's positional arguments after a null
 * `y`) as fitDataset's/evaluateDataset's options, with Keras's names for the step counts.
 */
function datasetOptions(method: 'fit' | 'evaluate', y: unknown, rest: unknown[]): Options {
  let args: unknown[];
  if (y === undefined || y === null) args = rest;
  else if (rest.length === 0 && typeof y === 'object' && !Array.isArray(y) && !(y instanceof tf.Tensor) && !ArrayBuffer.isView(y)) args = [y];
  else {
    throw new ValueError(
      `When providing \`x\` as a tf.data.Dataset, \`y\` should not be passed. Instead, the targets should be included as part of the tf.data.Dataset.`,
    );
  }
  const o = camelize(method, methodOptions(method, args, true));
  const unsupported: Record<string, string> = {
    batchSize: '`batch_size` is not supported with a dataset: its elements are batches already.',
    validationSplit: '`validation_split` is only supported for Tensors or NumPy arrays.',
    sampleWeight: '`sample_weight` argument is not supported when using a dataset as input; include the weights in its elements (`[x, y, w]`).',
  };
  for (const [key, message] of Object.entries(unsupported)) if (o[key] !== undefined) throw new ValueError(`${method}: ${message}`);
  const { stepsPerEpoch, validationSteps, steps, shuffle: _shuffle, ...rest2 } = o;
  if (stepsPerEpoch !== undefined) rest2.batchesPerEpoch = stepsPerEpoch;
  if (validationSteps !== undefined) rest2.validationBatches = validationSteps;
  if (steps !== undefined) rest2.batches = steps;
  return rest2;
}

/** `Base` with Keras's model methods. */
export function kerasModel<B extends ModelClass>(Base: B) {
  return class KerasModel extends Base {
    /** compile()'s optimizer, losses and metrics; null until compile() is called. */
    compiled: Compiled | null = null;
    /** The History of the last fit(), as in Keras. */
    history: History | null = null;

    /** The optimizer given to compile(), or null before. */
    get optimizer(): tf.Optimizer | null {
      return this.compiled?.optimizer ?? null;
    }

    /**
     * Configures training: `optimizer`, `loss` and `metrics` as Keras ids (`'rmsprop'`, `'categorical_crossentropy'`,
     * `'accuracy'`), functions or instances; `loss_weights` too. Several outputs take a list or `{ name: ... }`.
     */
    compile(options: KerasOptions<CompileOptions>): void {
      this.compiled = compile(this.outputNames, options);
    }

    /**
     * Trains on `x` and `y` (`epochs`, `batch_size`, `validation_split`/`validation_data`, `callbacks`...); resolves to
     * the History, also kept as `model.history`. Interrupting the cell stops training after the current batch.
     * Keras's positional form `fit(x, y, batch_size, epochs, verbose, callbacks, validation_split, ...)` works too,
     * and `x` may be a batched tf.data dataset of `[x, y]` or `{ xs, ys }` (then no `y`).
     */
    async fit(x: Data, y: Data, options?: KerasOptions<FitOptions>): Promise<History>;
    async fit(x: Data, y: Data, batchSize: number | null, ...rest: unknown[]): Promise<History>;
    async fit(dataset: tf.data.Dataset<tf.TensorContainer>, options?: KerasOptions<DatasetFitOptions> & { stepsPerEpoch?: number; validationSteps?: number }): Promise<History>;
    async fit(dataset: tf.data.Dataset<tf.TensorContainer>, y: null | undefined, ...rest: unknown[]): Promise<History>;
    async fit(x: Data | tf.data.Dataset<tf.TensorContainer>, y?: unknown, ...rest: unknown[]): Promise<History> {
      try {
        if (isDataset(x)) return await this.fitDataset(x, datasetOptions('fit', y, rest));
        const options = methodOptions('fit', rest);
        this.history = await fit(asEngine(this), requireCompiled(this.compiled, 'fit'), x, y as Data, options);
        return this.history;
      } catch (e) {
        throw kerasError(e);
      }
    }

    /**
     * The loss and metrics on `x` and `y`: a number, a list of numbers, or a dict with `return_dict: true`. Keras's
     * positional form `evaluate(x, y, batch_size, verbose, sample_weight)` works too, and `x` may be a tf.data dataset.
     */
    evaluate(x: Data, y: Data, options?: KerasOptions<EvaluateOptions>): Promise<number | number[] | Record<string, number>>;
    evaluate(x: Data, y: Data, batchSize: number | null, ...rest: unknown[]): Promise<number | number[] | Record<string, number>>;
    evaluate(dataset: tf.data.Dataset<tf.TensorContainer>, options?: KerasOptions<DatasetEvaluateOptions> & { steps?: number }): Promise<number | number[] | Record<string, number>>;
    evaluate(dataset: tf.data.Dataset<tf.TensorContainer>, y: null | undefined, ...rest: unknown[]): Promise<number | number[] | Record<string, number>>;
    async evaluate(x: Data | tf.data.Dataset<tf.TensorContainer>, y?: unknown, ...rest: unknown[]): Promise<number | number[] | Record<string, number>> {
      try {
        if (isDataset(x)) return await this.evaluateDataset(x, datasetOptions('evaluate', y, rest));
        return await evaluate(asEngine(this), requireCompiled(this.compiled, 'evaluate'), x, y as Data, methodOptions('evaluate', rest));
      } catch (e) {
        throw kerasError(e);
      }
    }

    /**
     * The outputs for `x`, computed in batches: a tensor, or one per output. Keras's positional form
     * `predict(x, batch_size, verbose)` works too. For a tf.data dataset (elements `x`, `[x, y]` or `{ xs, ys }`),
     * a Promise of the outputs.
     */
    predict(x: Data, options?: KerasOptions<PredictOptions>): tf.Tensor | tf.Tensor[];
    predict(x: Data, batchSize: number | null, ...rest: unknown[]): tf.Tensor | tf.Tensor[];
    predict(dataset: tf.data.Dataset<tf.TensorContainer>, options?: KerasOptions<PredictOptions>): Promise<tf.Tensor | tf.Tensor[]>;
    predict(x: Data | tf.data.Dataset<tf.TensorContainer>, ...rest: unknown[]): tf.Tensor | tf.Tensor[] | Promise<tf.Tensor | tf.Tensor[]> {
      try {
        if (isDataset(x)) return predictDataset(asEngine(this), x, methodOptions('predict', rest, true));
        return predict(asEngine(this), x, methodOptions('predict', rest));
      } catch (e) {
        throw kerasError(e);
      }
    }

    /**
     * The layers, their output shapes and parameter counts: a table in the notebook, Keras's text elsewhere or when
     * `printFn` is given.
     */
    summary(lineLength?: number | SummaryOptions, positions?: number[], printFn?: (line: string) => void): void {
      const given = typeof lineLength === 'object' ? (lineLength as Options) : null;
      const options: SummaryOptions = given ? summaryOptions(given) : { lineLength: lineLength as number | undefined, positions };
      const fn = given?.print_fn ?? given?.printFn;
      if (typeof fn === 'function') printFn = fn as (line: string) => void;
      const presenter = installedPresenter();
      if (presenter && !printFn) {
        presenter.summary(asLayersModel(this), options);
        return;
      }
      const text = summaryText(summaryData(asLayersModel(this), { expandNested: options.expandNested }), options);
      (printFn ?? console.log)(text);
    }

    /** Saves to `path` in the tfjs Layers format (model.json + weights), with compile()'s arguments for loadModel. */
    async save(path: string): Promise<tf.io.SaveResult> {
      // Functions (custom losses, metrics) are kept by name, for loadModel's custom_objects.
      const metadata = this.compiled ? { tsdl_training_config: JSON.parse(JSON.stringify(this.compiled.config, functionsByName)) as {} } : undefined;
      return tf.LayersModel.prototype.save.call(asLayersModel(this), fileHandler(path, metadata));
    }

    /** A layer by name or by index (`getLayer('dense')`, `getLayer(0)`, `get_layer({ index: 0 })`), as Keras finds it. */
    getLayer(name?: string | number | { name?: string; index?: number }, index?: number): tf.layers.Layer {
      return getLayer(asLayersModel(this), name, index);
    }

    /** Keras's `get_layer(name, index)`: see getLayer. */
    get_layer(name?: string | number | { name?: string; index?: number }, index?: number): tf.layers.Layer {
      return getLayer(asLayersModel(this), name, index);
    }

    /**
     * One gradient step on `x` and `y` taken as one batch (`sample_weight`, `class_weight`, `return_dict`): the loss,
     * `[loss, ...metrics]`, or a dict. Returns at once (a number, not a Promise).
     */
    trainOnBatch(x: Data, y: Data, options?: KerasOptions<TrainOnBatchOptions>): BatchResult {
      return trainOnBatch(asEngine(this), requireCompiled(this.compiled, 'train_on_batch'), x, y, options);
    }

    /** Keras's `train_on_batch(x, y, { sample_weight, class_weight, return_dict })`: see trainOnBatch. */
    train_on_batch(x: Data, y: Data, options?: KerasOptions<TrainOnBatchOptions>): BatchResult {
      return this.trainOnBatch(x, y, options);
    }

    /** The loss (and metrics) of `x` and `y` taken as one batch, without training (`sample_weight`, `return_dict`). */
    testOnBatch(x: Data, y: Data, options?: KerasOptions<TestOnBatchOptions>): BatchResult {
      return testOnBatch(asEngine(this), requireCompiled(this.compiled, 'test_on_batch'), x, y, options);
    }

    /** Keras's `test_on_batch(x, y, { sample_weight, return_dict })`: see testOnBatch. */
    test_on_batch(x: Data, y: Data, options?: KerasOptions<TestOnBatchOptions>): BatchResult {
      return this.testOnBatch(x, y, options);
    }

    /** The outputs for `x` taken as one batch: a tensor, or one per output. */
    predictOnBatch(x: Data): tf.Tensor | tf.Tensor[] {
      return predictOnBatch(asEngine(this), x);
    }

    /** Keras's `predict_on_batch(x)`: see predictOnBatch. */
    predict_on_batch(x: Data): tf.Tensor | tf.Tensor[] {
      return predictOnBatch(asEngine(this), x);
    }

    /**
     * tfjs's fitDataset: trains on a batched `tf.data` dataset of `{ xs, ys }` or `[x, y]` (`epochs`,
     * `batchesPerEpoch`, `validationData`, `callbacks`...). The batches are read into memory once, in their order.
     */
    async fitDataset(dataset: tf.data.Dataset<tf.TensorContainer>, options: KerasOptions<DatasetFitOptions> = {}): Promise<History> {
      const { batches, validation, rest } = splitDatasetOptions('fitDataset', options);
      const data = await datasetArrays(dataset, batches, 'fitDataset');
      const owned = [...data.owned];
      try {
        let validationData = rest.validationData as FitOptions['validationData'];
        if (validation) {
          const v = await datasetArrays(validation.dataset, validation.batches, 'fitDataset (validationData)');
          owned.push(...v.owned);
          validationData = v.sampleWeight ? [v.x, v.y, v.sampleWeight] : [v.x, v.y];
        }
        return await this.fit(data.x, data.y, { ...rest, validationData, sampleWeight: data.sampleWeight, batchSize: data.batchSize, shuffle: false });
      } finally {
        tf.dispose(owned);
      }
    }

    /** tfjs's evaluateDataset: the loss and metrics over a batched `tf.data` dataset (`batches` limits how many). */
    async evaluateDataset(dataset: tf.data.Dataset<tf.TensorContainer>, options: KerasOptions<DatasetEvaluateOptions> = {}): Promise<number | number[] | Record<string, number>> {
      const { batches, rest } = splitDatasetOptions('evaluateDataset', options);
      const data = await datasetArrays(dataset, batches, 'evaluateDataset');
      try {
        return await this.evaluate(data.x, data.y, { ...rest, sampleWeight: data.sampleWeight, batchSize: data.batchSize });
      } finally {
        tf.dispose(data.owned);
      }
    }

    /** Saves every weight of the model to one file at `path` (load it back with loadWeights). */
    saveWeights(path: string): Promise<void> {
      return saveWeights(asLayersModel(this), path);
    }

    /** Keras's `save_weights(filepath)`: see saveWeights. */
    save_weights(path: string): Promise<void> {
      return saveWeights(asLayersModel(this), path);
    }

    /**
     * Loads weights saved by saveWeights into this model, matched by position with their shapes checked. tfjs's form,
     * a map of weight names to tensors, still works.
     */
    loadWeights(path: string | tf.NamedTensorMap, strict = true): Promise<void> | void {
      if (typeof path !== 'string') return tf.LayersModel.prototype.loadWeights.call(asLayersModel(this), path, strict);
      return loadWeights(asLayersModel(this), path);
    }

    /** Keras's `load_weights(filepath)`: see loadWeights. */
    load_weights(path: string): Promise<void> {
      return loadWeights(asLayersModel(this), path);
    }

    /** Keras's `to_json()`: the model's architecture as a JSON string (tfjs's Layers format). */
    to_json(): string {
      return asLayersModel(this).toJSON(null, true) as string;
    }
  };
}

/** predict() on a tf.data dataset: its inputs read into memory, then predicted in batches. */
async function predictDataset(model: EngineModel, dataset: tf.data.Dataset<tf.TensorContainer>, options: Options): Promise<tf.Tensor | tf.Tensor[]> {
  const { steps, ...rest } = camelize('predict', options);
  if (steps !== undefined) throw new ValueError('predict: `steps` is not supported; the whole dataset is read (use dataset.take(n)).');
  const data = await datasetInputs(dataset, model.inputs.length || 1, 'predict');
  try {
    return predict(model, data.x, rest);
  } catch (e) {
    throw kerasError(e);
  } finally {
    tf.dispose(data.owned);
  }
}
