// model.evaluate(): the test loop over the given data, with Keras's return shapes (numbers, not tensors).
import * as tf from '@tensorflow/tfjs';
import { checkedOptions, Options, KerasOptions } from '../options';
import { checkTargets, Compiled, logNames } from './compile';
import type { Data } from './data-adapters/arrays';
import { toArrays } from './data-adapters/training-data';
import type { EngineModel } from './engine';
import { textBar, verbosity } from './progress';
import { testLoop } from './trainer/loops';
import { Stepper } from './trainer/step';
import { Yielder } from './trainer/yielder';

/** evaluate()'s options, in camelCase (snake_case also accepted). */
export interface EvaluateOptions {
  batchSize?: number;
  verbose?: 0 | 1 | 'auto';
  sampleWeight?: Data;
  returnDict?: boolean;
}

/** The loss and metrics on `x` and `y`: a number, a list in logNames order, or a dict with `returnDict`. */
export async function evaluate(
  model: EngineModel,
  compiled: Compiled,
  x: Data,
  y: Data,
  options: KerasOptions<EvaluateOptions> = {},
): Promise<number | number[] | Record<string, number>> {
  const o = checkedOptions('evaluate', options, ['batchSize', 'verbose', 'sampleWeight', 'returnDict']) as EvaluateOptions;
  const owned: tf.Tensor[] = [];
  try {
    const data = toArrays(model, x, y, o.sampleWeight, (part) => `evaluate (${part})`, owned);
    checkTargets(compiled, data.y);
    const batchSize = o.batchSize ?? 32;
    const steps = Math.ceil(data.x[0].shape[0] / batchSize);
    const logs = await testLoop(new Stepper(model, compiled), data, batchSize, new Yielder(), verbosity(o.verbose, 1) === 1 ? textBar(steps) : undefined);
    if (o.returnDict) return logs;
    const values = logNames(compiled).map((k) => logs[k]);
    return values.length === 1 ? values[0] : values;
  } finally {
    tf.dispose(owned);
  }
}
