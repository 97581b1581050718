// The `callbacks` namespace: Keras's built-in callbacks (keras/src/callbacks), with snake_case or camelCase
// options, one file each.
export { Callback } from './callback';
export type { CallbackLike, CallbackParams, TrainedModel } from './callback';
export { CSVLoggerCallback } from './csv-logger';
export type { CSVLoggerOptions } from './csv-logger';
export { EarlyStoppingCallback } from './early-stopping';
export type { EarlyStoppingOptions } from './early-stopping';
export { History as HistoryCallback } from './history';
export { LambdaCallback } from './lambda-callback';
export { LearningRateSchedulerCallback } from './learning-rate-scheduler';
export type { EpochSchedule, LearningRateSchedulerOptions } from './learning-rate-scheduler';
export { ModelCheckpointCallback } from './model-checkpoint';
export type { ModelCheckpointOptions } from './model-checkpoint';
export { ReduceLROnPlateauCallback } from './reduce-lr-on-plateau';
export type { ReduceLROnPlateauOptions } from './reduce-lr-on-plateau';
export { TerminateOnNaNCallback } from './terminate-on-nan';
export { CSVLogger, EarlyStopping, History, LearningRateScheduler, ModelCheckpoint, ReduceLROnPlateau, TerminateOnNaN } from './names';
