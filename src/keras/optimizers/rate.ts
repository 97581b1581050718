// An optimizer's learning rate, read and set the same way whatever its class; optimizers that follow a schedule
// (optimizers.schedules) refuse a rate set by hand, as Keras does.
import type * as tf from '@tensorflow/tfjs';

interface WithRate {
  learningRate?: number;
  setLearningRate?: (lr: number) => void;
}

/** Optimizers made with a LearningRateSchedule as their learning rate. */
const scheduled = new WeakSet<tf.Optimizer>();

/** Marks `optimizer` as following a schedule: setLearningRate refuses it from now on. */
export function markScheduled(optimizer: tf.Optimizer): void {
  scheduled.add(optimizer);
}

/** Whether `optimizer` follows a learning-rate schedule (then its rate cannot be set by hand). */
export function isScheduled(optimizer: tf.Optimizer): boolean {
  return scheduled.has(optimizer);
}

/** The optimizer's current learning rate, Keras's `optimizer.learning_rate`. */
export function getLearningRate(optimizer: tf.Optimizer): number {
  const lr = (optimizer as unknown as WithRate).learningRate;
  if (typeof lr !== 'number') throw new Error(`${optimizer.getClassName()} has no learning rate.`);
  return lr;
}

/** tfjs's SGD caches the rate in a tensor, hence setLearningRate where it exists. */
export function setLearningRate(optimizer: tf.Optimizer, lr: number, fromSchedule = false): void {
  if (!fromSchedule && scheduled.has(optimizer)) {
    throw new TypeError(
      'This optimizer was created with a `LearningRateSchedule` object as its `learning_rate` constructor argument, ' +
        'hence its learning rate is not settable. If you need the learning rate to be settable, you should ' +
        'instantiate the optimizer with a float `learning_rate` argument.',
    );
  }
  if (typeof lr !== 'number' || !Number.isFinite(lr)) throw new TypeError(`The learning rate must be a finite number. Received: learning_rate=${String(lr)}`);
  const o = optimizer as unknown as WithRate;
  if (typeof o.setLearningRate === 'function') o.setLearningRate(lr);
  else o.learningRate = lr;
}
