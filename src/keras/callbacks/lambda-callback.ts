// Keras's LambdaCallback: a callback made of the hooks given.
import { checkedOptions, Options } from '../options';
import { Callback, CallbackLike } from './callback';

type Hooks = Pick<CallbackLike, 'onTrainBegin' | 'onTrainEnd' | 'onEpochBegin' | 'onEpochEnd' | 'onBatchBegin' | 'onBatchEnd'>;

/** `LambdaCallback({ on_epoch_end: (epoch, logs) => ... })`. */
export function LambdaCallback(hooks: Hooks & Options): Callback {
  const valid = ['onTrainBegin', 'onTrainEnd', 'onEpochBegin', 'onEpochEnd', 'onBatchBegin', 'onBatchEnd'];
  const o = checkedOptions('callbacks.LambdaCallback', hooks, valid, { on_train_batch_begin: 'onBatchBegin', on_train_batch_end: 'onBatchEnd' });
  return Object.assign(new Callback(), o);
}
