// The callbacks under Keras's class names, callable with or without `new`: `callbacks.EarlyStopping({...})`.
import { CSVLoggerCallback } from './csv-logger';
import { EarlyStoppingCallback } from './early-stopping';
import { LearningRateSchedulerCallback } from './learning-rate-scheduler';
import { History as HistoryCallback } from './history';
import { ModelCheckpointCallback } from './model-checkpoint';
import { ReduceLROnPlateauCallback } from './reduce-lr-on-plateau';
import { TerminateOnNaNCallback } from './terminate-on-nan';

/** `cls` under its Keras name: a function that also works with `new` and for `instanceof`. */
function factory<A extends unknown[], T>(cls: new (...args: A) => T) {
  const f = function (...args: A): T {
    return new cls(...args);
  };
  f.prototype = cls.prototype;
  return f as unknown as { (...args: A): T; new (...args: A): T };
}

/** `callbacks.EarlyStopping({ monitor, patience, restore_best_weights... })`. */
export const EarlyStopping = factory(EarlyStoppingCallback);
/** `callbacks.ModelCheckpoint(filepath, { save_best_only... })`. */
export const ModelCheckpoint = factory(ModelCheckpointCallback);
/** `callbacks.ReduceLROnPlateau({ monitor, factor, patience... })`. */
export const ReduceLROnPlateau = factory(ReduceLROnPlateauCallback);
/** `callbacks.CSVLogger(filename, { separator, append })`. */
export const CSVLogger = factory(CSVLoggerCallback);
/** `callbacks.TerminateOnNaN()`. */
export const TerminateOnNaN = factory(TerminateOnNaNCallback);
/** `callbacks.History()`: what fit() returns. */
export const History = factory(HistoryCallback);
/** `callbacks.LearningRateScheduler(schedule, { verbose })`: the rate becomes `schedule(epoch, lr)` before each epoch. */
export const LearningRateScheduler = factory(LearningRateSchedulerCallback);
