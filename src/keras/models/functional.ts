// keras.Model(inputs, outputs): the functional API over tfjs's LayersModel.
import * as tf from '@tensorflow/tfjs';
import type { FitOptions } from '../training/fit';
import { compile, CompileOptions } from '../training/compile';
import type { Data } from '../training/data';
import { evaluate, EvaluateOptions, predict, PredictOptions } from '../training/evaluate';
import { fit } from '../training/fit';
import type { History } from '../training/history';
import type { Options } from '../options';
import type { SummaryOptions } from '../../shared/presenter';
import { asEngine, Replaced, requireCompiled, saveModel, summarize } from './shared';

type Endpoints = tf.SymbolicTensor | tf.SymbolicTensor[];
const Base = tf.LayersModel as unknown as new (args: { inputs: Endpoints; outputs: Endpoints; name?: string }) => Omit<tf.LayersModel, Replaced>;

export class Functional extends Base {
  static className = 'Model';
  compiled: import('../training/compile').Compiled | null = null;
  history: History | null = null;

  get optimizer(): tf.Optimizer | null {
    return this.compiled?.optimizer ?? null;
  }

  compile(options: CompileOptions & Options): void {
    this.compiled = compile(this.outputNames, options);
  }

  async fit(x: Data, y: Data, options?: FitOptions & Options): Promise<History> {
    this.history = await fit(asEngine(this), requireCompiled(this, 'fit'), x, y, options);
    return this.history;
  }

  evaluate(x: Data, y: Data, options?: EvaluateOptions & Options): Promise<number | number[] | Record<string, number>> {
    return evaluate(asEngine(this), requireCompiled(this, 'evaluate'), x, y, options);
  }

  predict(x: Data, options?: PredictOptions & Options): tf.Tensor | tf.Tensor[] {
    return predict(asEngine(this), x, options);
  }

  summary(lineLength?: number | SummaryOptions, positions?: number[], printFn?: (line: string) => void): void {
    summarize(this, lineLength, positions, printFn);
  }

  save(path: string): Promise<tf.io.SaveResult> {
    return saveModel(this, path);
  }
}
