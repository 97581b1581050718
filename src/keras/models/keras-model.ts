// What Sequential and Functional share, written once: Keras's compile/fit/evaluate/predict/summary/save over the
// training/ and io/ functions. A mixin, since the two extend different tfjs classes (tf.Sequential and
// tf.LayersModel).
import * as tf from '@tensorflow/tfjs';
import { summaryText } from '../../display/render/summary';
import { summaryData } from '../../display/render/summary-data';
import type { History } from '../callbacks/history';
import { fileHandler } from '../io/files';
import type { Options } from '../options';
import { installedPresenter, SummaryOptions } from '../presenter';
import { compile, Compiled, CompileOptions } from '../training/compile';
import type { Data } from '../training/data-adapters/arrays';
import type { EngineModel } from '../training/engine';
import { evaluate, EvaluateOptions } from '../training/evaluate';
import { fit, FitOptions } from '../training/fit';
import { predict, PredictOptions } from '../training/predict';

/** Methods our classes replace with Keras-shaped ones (different signatures, so left out of the base type). */
export type Replaced = 'compile' | 'fit' | 'evaluate' | 'predict' | 'summary' | 'save' | 'optimizer' | 'history' | 'fitDataset' | 'evaluateDataset';

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
    compile(options: CompileOptions & Options): void {
      this.compiled = compile(this.outputNames, options);
    }

    /**
     * Trains on `x` and `y` (`epochs`, `batch_size`, `validation_split`/`validation_data`, `callbacks`...); resolves to
     * the History, also kept as `model.history`. Interrupting the cell stops training after the current batch.
     */
    async fit(x: Data, y: Data, options?: FitOptions & Options): Promise<History> {
      this.history = await fit(asEngine(this), requireCompiled(this.compiled, 'fit'), x, y, options);
      return this.history;
    }

    /** The loss and metrics on `x` and `y`: a number, a list of numbers, or a dict with `return_dict: true`. */
    evaluate(x: Data, y: Data, options?: EvaluateOptions & Options): Promise<number | number[] | Record<string, number>> {
      return evaluate(asEngine(this), requireCompiled(this.compiled, 'evaluate'), x, y, options);
    }

    /** The outputs for `x`, computed in batches: a tensor, or one per output. */
    predict(x: Data, options?: PredictOptions & Options): tf.Tensor | tf.Tensor[] {
      return predict(asEngine(this), x, options);
    }

    /**
     * The layers, their output shapes and parameter counts: a table in the notebook, Keras's text elsewhere or when
     * `printFn` is given.
     */
    summary(lineLength?: number | SummaryOptions, positions?: number[], printFn?: (line: string) => void): void {
      const options: SummaryOptions = typeof lineLength === 'object' ? lineLength : { lineLength, positions };
      const presenter = installedPresenter();
      if (presenter && !printFn) {
        presenter.summary(asLayersModel(this), options);
        return;
      }
      const text = summaryText(summaryData(asLayersModel(this)), options);
      (printFn ?? console.log)(text);
    }

    /** Saves to `path` in the tfjs Layers format (model.json + weights), with compile()'s arguments for loadModel. */
    async save(path: string): Promise<tf.io.SaveResult> {
      const metadata = this.compiled ? { tsdl_training_config: JSON.parse(JSON.stringify(this.compiled.config)) as {} } : undefined;
      return tf.LayersModel.prototype.save.call(asLayersModel(this), fileHandler(path, metadata));
    }
  };
}
