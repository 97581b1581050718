// Keras's ReduceLROnPlateau callback.
import type { Logs } from '../presenter';
import { getLearningRate, setLearningRate } from '../optimizers';
import { checkedOptions, Options, KerasOptions } from '../options';
import { Callback } from './callback';
import { improves, initialBest, Mode, warnMissing } from './monitor';

/** ReduceLROnPlateau's options (snake_case also accepted). */
export interface ReduceLROnPlateauOptions {
  monitor?: string;
  factor?: number;
  patience?: number;
  verbose?: number;
  mode?: Mode;
  minDelta?: number;
  cooldown?: number;
  minLr?: number;
}

/** Multiplies the learning rate by `factor` when the monitored figure has stopped improving for `patience` epochs. */
export class ReduceLROnPlateauCallback extends Callback {
  private readonly o: Required<ReduceLROnPlateauOptions>;
  private better: (c: number, b: number) => boolean;
  private best = Infinity;
  private wait = 0;
  private cooldownLeft = 0;

  constructor(options: KerasOptions<ReduceLROnPlateauOptions> = {}) {
    super();
    const o = checkedOptions('callbacks.ReduceLROnPlateau', options, ['monitor', 'factor', 'patience', 'verbose', 'mode', 'minDelta', 'cooldown', 'minLr']) as ReduceLROnPlateauOptions;
    this.o = { monitor: 'val_loss', factor: 0.1, patience: 10, verbose: 0, mode: 'auto', minDelta: 1e-4, cooldown: 0, minLr: 0, ...o };
    if (this.o.factor >= 1) throw new Error('callbacks.ReduceLROnPlateau: factor must be < 1.');
    this.better = improves(this.o.monitor, this.o.mode, this.o.minDelta);
  }

  onTrainBegin(): void {
    this.best = initialBest(this.o.monitor, this.o.mode);
    this.wait = 0;
    this.cooldownLeft = 0;
  }

  onEpochEnd(epoch: number, logs: Logs = {}): void {
    const optimizer = this.model?.optimizer;
    if (!optimizer) return;
    logs.learning_rate = getLearningRate(optimizer);
    const current = logs[this.o.monitor];
    if (current === undefined) return warnMissing('ReduceLROnPlateau', this.o.monitor, logs);
    if (this.cooldownLeft > 0) {
      this.cooldownLeft--;
      this.wait = 0;
    }
    if (this.better(current, this.best)) {
      this.best = current;
      this.wait = 0;
    } else if (this.cooldownLeft <= 0 && ++this.wait >= this.o.patience) {
      const old = getLearningRate(optimizer);
      if (old > this.o.minLr) {
        const lr = Math.max(old * this.o.factor, this.o.minLr);
        setLearningRate(optimizer, lr);
        if (this.o.verbose > 0) console.log(`\nEpoch ${epoch + 1}: ReduceLROnPlateau reducing learning rate to ${lr}.`);
        this.cooldownLeft = this.o.cooldown;
        this.wait = 0;
      }
    }
  }
}
