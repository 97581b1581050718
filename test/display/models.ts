// Test fixtures: small tfjs models (the tests select the cpu backend with test/helpers/cpu.ts).
import * as tf from '@tensorflow/tfjs';
import type { ModelLike } from '../../src/display/render/layers';

/** The tfjs model as the renderers see it; tfjs declares no structural type they could accept directly. */
export function asModel(model: tf.LayersModel): ModelLike {
  return model as unknown as ModelLike;
}

export function mlp(): tf.Sequential {
  return tf.sequential({
    name: 'mlp',
    layers: [
      tf.layers.dense({ units: 32, inputShape: [784], activation: 'relu', name: 'hidden' }),
      tf.layers.dropout({ rate: 0.2, name: 'drop' }),
      tf.layers.dense({ units: 10, activation: 'softmax', name: 'out' }),
    ],
  });
}

/** input → (left: Dense 4, right: Dense 5 → Dense 3) → concatenate → Dense 2, plus a frozen BatchNorm. */
export function twoBranch(name = 'two_branch'): tf.LayersModel {
  const input = tf.input({ shape: [3], name: 'features' });
  const left = tf.layers.dense({ units: 4, name: 'left' }).apply(input) as tf.SymbolicTensor;
  const right1 = tf.layers.dense({ units: 5, name: 'right1' }).apply(input) as tf.SymbolicTensor;
  const right2 = tf.layers.dense({ units: 3, name: 'right2' }).apply(right1) as tf.SymbolicTensor;
  const merged = tf.layers.concatenate({ name: 'merge' }).apply([left, right2]) as tf.SymbolicTensor;
  const norm = tf.layers.batchNormalization({ name: 'norm' }).apply(merged) as tf.SymbolicTensor;
  const output = tf.layers.dense({ units: 2, name: 'head' }).apply(norm) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: output, name });
}
