// model.predict(): the model's outputs for `x`, computed batch by batch.
import * as tf from '@tensorflow/tfjs';
import { checkedOptions, Options, KerasOptions } from '../options';
import type { Data } from './data-adapters/arrays';
import { toInputs } from './data-adapters/training-data';
import type { EngineModel } from './engine';
import { textBar, verbosity } from './progress';
import { predictLoop } from './trainer/loops';

/** predict()'s options, in camelCase (snake_case also accepted). */
export interface PredictOptions {
  batchSize?: number;
  verbose?: 0 | 1 | 'auto';
}

/** Outputs for `x`, one tensor per model output, computed batch by batch. */
export function predict(model: EngineModel, x: Data, options: KerasOptions<PredictOptions> = {}): tf.Tensor | tf.Tensor[] {
  const o = checkedOptions('predict', options, ['batchSize', 'verbose']) as PredictOptions;
  const owned: tf.Tensor[] = [];
  try {
    const xs = toInputs(model, x, 'predict (x)', owned);
    const batchSize = o.batchSize ?? 32;
    const steps = Math.ceil(xs[0].shape[0] / batchSize);
    const outputs = predictLoop(model, xs, batchSize, verbosity(o.verbose, 1) === 1 ? textBar(steps) : undefined);
    return outputs.length === 1 ? outputs[0] : outputs;
  } finally {
    tf.dispose(owned);
  }
}
