// What Keras 3's base optimizer adds to every optimizer, put around a tfjs optimizer's applyGradients: a learning
// rate schedule evaluated at each step, gradient clipping (`clipnorm`, `clipvalue`, `global_clipnorm`) and decoupled
// weight decay (`weight_decay`), as keras/src/optimizers/base_optimizer.py applies them: clip, decay, then update.
import * as tf from '@tensorflow/tfjs';
import { markScheduled, getLearningRate, setLearningRate } from './rate';
import { LearningRateSchedule } from './schedules';

/** The options every Keras optimizer takes besides its own. */
export interface OptimizerExtras {
  clipnorm?: number | null;
  clipvalue?: number | null;
  globalClipnorm?: number | null;
  weightDecay?: number | null;
}

/** The options every optimizer accepts besides its own: `clipnorm`, `clipvalue`, `global_clipnorm`, `weight_decay`. */
export const EXTRA_OPTIONS = ['clipnorm', 'clipvalue', 'globalClipnorm', 'weightDecay'] as const;

type Named = Array<{ name: string; tensor: tf.Tensor }>;

function named(grads: tf.NamedTensorMap | Named): Named {
  return Array.isArray(grads) ? grads : Object.keys(grads).map((name) => ({ name, tensor: grads[name] }));
}

/** Keras's clip_by_norm: `g * clipnorm / max(||g||, clipnorm)`. */
function clipByNorm(g: tf.Tensor, clip: number): tf.Tensor {
  return tf.tidy(() => tf.div(tf.mul(g, clip), tf.maximum(tf.norm(g), clip)));
}

/** Keras's clip_by_global_norm: every gradient times `clip / max(global norm, clip)`. */
function clipByGlobalNorm(grads: tf.Tensor[], clip: number): tf.Tensor[] {
  return tf.tidy(() => {
    const global = tf.sqrt(tf.addN(grads.map((g) => tf.sum(tf.square(g)))));
    const scale = tf.div(clip, tf.maximum(global, clip));
    return grads.map((g) => tf.mul(g, scale));
  });
}

function check(where: string, name: string, value: number | null | undefined): void {
  if (value != null && !(typeof value === 'number' && value >= 0)) throw new Error(`${where}: \`${name}\` must be a non-negative number. Received: ${name}=${String(value)}`);
}

/**
 * `optimizer` following `learningRate` (a number or a schedule) with the extras applied at each step. Without a
 * schedule or extras, the optimizer is returned as it is.
 */
export function withExtras(where: string, optimizer: tf.Optimizer, learningRate: number | LearningRateSchedule, extras: OptimizerExtras): tf.Optimizer {
  const { clipnorm, clipvalue, globalClipnorm, weightDecay } = extras;
  const clips = [clipnorm, clipvalue, globalClipnorm].filter((c) => c != null).length;
  if (clips > 1) {
    throw new Error(
      `Only one of \`clipnorm\`, \`clipvalue\` and \`global_clipnorm\` can be set. Received: clipnorm=${clipnorm ?? 'None'}, ` +
        `clipvalue=${clipvalue ?? 'None'}, global_clipnorm=${globalClipnorm ?? 'None'}`,
    );
  }
  check(where, 'clipnorm', clipnorm);
  check(where, 'clipvalue', clipvalue);
  check(where, 'global_clipnorm', globalClipnorm);
  check(where, 'weight_decay', weightDecay);
  const schedule = learningRate instanceof LearningRateSchedule ? learningRate : null;
  if (!schedule && clips === 0 && !weightDecay) return optimizer;
  let step = 0;
  if (schedule) {
    markScheduled(optimizer);
    setLearningRate(optimizer, schedule.call(0), true);
  }
  const apply = optimizer.applyGradients.bind(optimizer);
  optimizer.applyGradients = (variableGradients: tf.NamedTensorMap | Named): void => {
    if (schedule) setLearningRate(optimizer, schedule.call(step), true);
    let grads = named(variableGradients).filter((g) => g.tensor != null);
    const made: tf.Tensor[] = [];
    if (clipnorm != null) grads = grads.map((g) => ({ name: g.name, tensor: clipByNorm(g.tensor, clipnorm) }));
    else if (globalClipnorm != null && grads.length > 0) {
      const clipped = clipByGlobalNorm(grads.map((g) => g.tensor), globalClipnorm);
      grads = grads.map((g, i) => ({ name: g.name, tensor: clipped[i] }));
    } else if (clipvalue != null) grads = grads.map((g) => ({ name: g.name, tensor: tf.clipByValue(g.tensor, -clipvalue, clipvalue) }));
    if (clips > 0) made.push(...grads.map((g) => g.tensor));
    try {
      if (weightDecay) {
        const lr = getLearningRate(optimizer);
        for (const { name } of grads) {
          const variable = tf.engine().registeredVariables[name];
          if (variable) tf.tidy(() => variable.assign(tf.sub(variable, tf.mul(variable, weightDecay * lr))));
        }
      }
      apply(grads);
    } finally {
      tf.dispose(made);
    }
    step++;
    // As Keras's `optimizer.learning_rate`: the rate the next step will use.
    if (schedule) setLearningRate(optimizer, schedule.call(step), true);
  };
  return optimizer;
}
