// Keras's LearningRateScheduler callback: at the start of each epoch the rate becomes `schedule(epoch, lr)`.
import type { Logs } from '../presenter';
import { getLearningRate, setLearningRate } from '../optimizers/rate';
import { checkedOptions, Options, KerasOptions } from '../options';
import { Callback } from './callback';

/** The schedule: the epoch (from 0) and the current rate in, the epoch's rate out. */
export type EpochSchedule = (epoch: number, lr: number) => number;

/** LearningRateScheduler's options (snake_case also accepted). */
export interface LearningRateSchedulerOptions {
  verbose?: number;
}

/** Sets the optimizer's learning rate to `schedule(epoch, lr)` before each epoch; logs it as `learning_rate`. */
export class LearningRateSchedulerCallback extends Callback {
  private readonly verbose: number;

  constructor(
    private readonly schedule: EpochSchedule,
    options: (KerasOptions<LearningRateSchedulerOptions>) | number = {},
  ) {
    super();
    if (typeof schedule !== 'function') throw new TypeError(`callbacks.LearningRateScheduler: \`schedule\` must be a function of (epoch, lr). Received: ${typeof schedule}`);
    const o = typeof options === 'number' ? { verbose: options } : checkedOptions('callbacks.LearningRateScheduler', options, ['verbose']);
    this.verbose = (o.verbose as number | undefined) ?? 0;
  }

  onEpochBegin(epoch: number): void {
    const optimizer = this.model?.optimizer;
    if (!optimizer) throw new Error('Optimizer must have a "learning_rate" attribute.');
    const lr = this.schedule(epoch, getLearningRate(optimizer));
    if (typeof lr !== 'number' || Number.isNaN(lr)) throw new Error(`The output of the \`schedule\` function should be a float. Got: ${String(lr)}`);
    setLearningRate(optimizer, lr);
    if (this.verbose > 0) console.log(`\nEpoch ${epoch + 1}: LearningRateScheduler setting learning rate to ${lr}.`);
  }

  onEpochEnd(_epoch: number, logs: Logs = {}): void {
    const optimizer = this.model?.optimizer;
    if (optimizer) logs.learning_rate = getLearningRate(optimizer);
  }
}
