// Keras's EarlyStopping callback.
import * as tf from '@tensorflow/tfjs';
import type { Logs } from '../presenter';
import { checkedOptions, Options, KerasOptions } from '../options';
import { Callback } from './callback';
import { improves, initialBest, Mode, warnMissing } from './monitor';

/** EarlyStopping's options (snake_case also accepted). */
export interface EarlyStoppingOptions {
  monitor?: string;
  minDelta?: number;
  patience?: number;
  verbose?: number;
  mode?: Mode;
  baseline?: number;
  restoreBestWeights?: boolean;
  startFromEpoch?: number;
}

/** Stops training when the monitored figure has stopped improving for `patience` epochs. */
export class EarlyStoppingCallback extends Callback {
  readonly monitor: string;
  private readonly o: Required<Omit<EarlyStoppingOptions, 'baseline'>> & { baseline?: number };
  private better: (c: number, b: number) => boolean;
  private wait = 0;
  private best = Infinity;
  private bestWeights: tf.Tensor[] | null = null;
  stoppedEpoch = 0;

  constructor(options: KerasOptions<EarlyStoppingOptions> = {}) {
    super();
    const o = checkedOptions('callbacks.EarlyStopping', options, ['monitor', 'minDelta', 'patience', 'verbose', 'mode', 'baseline', 'restoreBestWeights', 'startFromEpoch']) as EarlyStoppingOptions;
    this.o = { monitor: 'val_loss', minDelta: 0, patience: 0, verbose: 0, mode: 'auto', restoreBestWeights: false, startFromEpoch: 0, ...o };
    this.monitor = this.o.monitor;
    this.better = improves(this.monitor, this.o.mode, Math.abs(this.o.minDelta));
  }

  onTrainBegin(): void {
    this.wait = 0;
    this.stoppedEpoch = 0;
    this.best = this.o.baseline ?? initialBest(this.monitor, this.o.mode);
    this.disposeBest();
  }

  onEpochEnd(epoch: number, logs: Logs = {}): void {
    const current = logs[this.monitor];
    if (current === undefined) return warnMissing('EarlyStopping', this.monitor, logs);
    if (epoch < this.o.startFromEpoch) return;
    this.wait++;
    if (this.better(current, this.best)) {
      this.best = current;
      this.wait = 0;
      if (this.o.restoreBestWeights && this.model) {
        this.disposeBest();
        this.bestWeights = this.model.getWeights().map((w) => w.clone());
      }
      return;
    }
    if (this.wait >= this.o.patience && epoch > 0 && this.model) {
      this.stoppedEpoch = epoch;
      this.model.stopTraining = true;
    }
  }

  onTrainEnd(): void {
    if (this.stoppedEpoch > 0 && this.o.verbose > 0) console.log(`Epoch ${this.stoppedEpoch + 1}: early stopping`);
    if (this.o.restoreBestWeights && this.bestWeights && this.model) {
      if (this.o.verbose > 0) console.log('Restoring model weights from the end of the best epoch.');
      this.model.setWeights(this.bestWeights);
    }
    this.disposeBest();
  }

  private disposeBest(): void {
    if (this.bestWeights) tf.dispose(this.bestWeights);
    this.bestWeights = null;
  }
}
