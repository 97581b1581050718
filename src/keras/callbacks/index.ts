// Keras's built-in callbacks (keras/src/callbacks), with snake_case or camelCase options.
import * as fs from 'fs';
import * as tf from '@tensorflow/tfjs';
import type { Logs } from '../../shared/presenter';
import { getLearningRate, setLearningRate } from '../optimizers';
import { checkedOptions, Options } from '../options';
import { History as HistoryCallback } from '../training/history';
import { Callback, CallbackLike } from './callback';
import { improves, initialBest, Mode } from './monitor';

export { Callback, HistoryCallback };
export type { CallbackLike, CallbackParams, TrainedModel } from './callback';

function warnMissing(where: string, monitor: string, logs: Logs): void {
  console.warn(`${where}: '${monitor}' is not in the logs (available: ${Object.keys(logs).join(', ')}); skipping.`);
}

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

export class EarlyStoppingCallback extends Callback {
  readonly monitor: string;
  private readonly o: Required<Omit<EarlyStoppingOptions, 'baseline'>> & { baseline?: number };
  private better: (c: number, b: number) => boolean;
  private wait = 0;
  private best = Infinity;
  private bestWeights: tf.Tensor[] | null = null;
  stoppedEpoch = 0;

  constructor(options: EarlyStoppingOptions & Options = {}) {
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

export interface ModelCheckpointOptions {
  filepath: string;
  monitor?: string;
  verbose?: number;
  saveBestOnly?: boolean;
  mode?: Mode;
  saveFreq?: 'epoch';
  saveWeightsOnly?: boolean;
}

/** Saves the model (tfjs Layers format) after each epoch or when the monitored figure improves. */
export class ModelCheckpointCallback extends Callback {
  private readonly o: Required<ModelCheckpointOptions>;
  private better: (c: number, b: number) => boolean;
  private best: number;

  constructor(filepathOrOptions: string | (ModelCheckpointOptions & Options), options: Partial<ModelCheckpointOptions> & Options = {}) {
    super();
    const given = typeof filepathOrOptions === 'string' ? { ...options, filepath: filepathOrOptions } : filepathOrOptions;
    const o = checkedOptions('callbacks.ModelCheckpoint', given, ['filepath', 'monitor', 'verbose', 'saveBestOnly', 'mode', 'saveFreq', 'saveWeightsOnly']) as unknown as ModelCheckpointOptions;
    if (!o.filepath) throw new Error('callbacks.ModelCheckpoint: filepath is required.');
    if (o.saveWeightsOnly) throw new Error('callbacks.ModelCheckpoint: save_weights_only is not supported; whole models are saved.');
    if (o.saveFreq !== undefined && o.saveFreq !== 'epoch') throw new Error("callbacks.ModelCheckpoint: only save_freq 'epoch' is supported.");
    this.o = { monitor: 'val_loss', verbose: 0, saveBestOnly: false, mode: 'auto', saveFreq: 'epoch', saveWeightsOnly: false, ...o };
    this.better = improves(this.o.monitor, this.o.mode);
    this.best = initialBest(this.o.monitor, this.o.mode);
  }

  /** Keras's `{epoch:02d}`/`{val_loss:.2f}` placeholders. */
  static formatPath(template: string, epoch: number, logs: Logs): string {
    return template.replace(/\{(\w+)(?::(\d*)(?:\.(\d+))?([df]))?\}/g, (whole, key: string, width?: string, precision?: string, kind?: string) => {
      const value = key === 'epoch' ? epoch + 1 : logs[key];
      if (value === undefined) return whole;
      const text = kind === 'f' ? value.toFixed(precision ? Number(precision) : 6) : kind === 'd' ? String(Math.round(value)) : String(value);
      const pad = width?.startsWith('0') ? '0' : ' ';
      return width ? text.padStart(Number(width), pad) : text;
    });
  }

  async onEpochEnd(epoch: number, logs: Logs = {}): Promise<void> {
    if (!this.model) return;
    const path = ModelCheckpointCallback.formatPath(this.o.filepath, epoch, logs);
    if (this.o.saveBestOnly) {
      const current = logs[this.o.monitor];
      if (current === undefined) return warnMissing('ModelCheckpoint', this.o.monitor, logs);
      if (!this.better(current, this.best)) {
        if (this.o.verbose > 0) console.log(`\nEpoch ${epoch + 1}: ${this.o.monitor} did not improve from ${this.best.toFixed(5)}`);
        return;
      }
      if (this.o.verbose > 0) console.log(`\nEpoch ${epoch + 1}: ${this.o.monitor} improved from ${this.best.toFixed(5)} to ${current.toFixed(5)}, saving model to ${path}`);
      this.best = current;
    } else if (this.o.verbose > 0) {
      console.log(`\nEpoch ${epoch + 1}: saving model to ${path}`);
    }
    await this.model.save(path);
  }
}

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

export class ReduceLROnPlateauCallback extends Callback {
  private readonly o: Required<ReduceLROnPlateauOptions>;
  private better: (c: number, b: number) => boolean;
  private best = Infinity;
  private wait = 0;
  private cooldownLeft = 0;

  constructor(options: ReduceLROnPlateauOptions & Options = {}) {
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

export interface CSVLoggerOptions {
  separator?: string;
  append?: boolean;
}

/** Streams epoch logs to a CSV file: `epoch,accuracy,loss,...` (keys sorted, as Keras does). */
export class CSVLoggerCallback extends Callback {
  private keys: string[] | null = null;
  private readonly separator: string;
  private readonly append: boolean;

  constructor(readonly filename: string, options: CSVLoggerOptions & Options = {}) {
    super();
    const o = checkedOptions('callbacks.CSVLogger', options, ['separator', 'append']) as CSVLoggerOptions;
    this.separator = o.separator ?? ',';
    this.append = o.append ?? false;
  }

  onTrainBegin(): void {
    this.keys = null;
    if (!this.append) fs.writeFileSync(this.filename, '');
  }

  onEpochEnd(epoch: number, logs: Logs = {}): void {
    const exists = fs.existsSync(this.filename) && fs.statSync(this.filename).size > 0;
    if (!this.keys) {
      this.keys = Object.keys(logs).sort();
      if (!exists) fs.appendFileSync(this.filename, ['epoch', ...this.keys].join(this.separator) + '\n');
    }
    fs.appendFileSync(this.filename, [String(epoch), ...this.keys.map((k) => (k in logs ? String(logs[k]) : 'NA'))].join(this.separator) + '\n');
  }
}

type Hooks = Pick<CallbackLike, 'onTrainBegin' | 'onTrainEnd' | 'onEpochBegin' | 'onEpochEnd' | 'onBatchBegin' | 'onBatchEnd'>;

/** `LambdaCallback({ on_epoch_end: (epoch, logs) => ... })`. */
export function LambdaCallback(hooks: Hooks & Options): Callback {
  const valid = ['onTrainBegin', 'onTrainEnd', 'onEpochBegin', 'onEpochEnd', 'onBatchBegin', 'onBatchEnd'];
  const o = checkedOptions('callbacks.LambdaCallback', hooks, valid, { on_train_batch_begin: 'onBatchBegin', on_train_batch_end: 'onBatchEnd' });
  return Object.assign(new Callback(), o);
}

/** Stops training as soon as a batch loss is NaN or infinite. */
export class TerminateOnNaNCallback extends Callback {
  onBatchEnd(batch: number, logs: Logs = {}): void {
    const loss = logs.loss;
    if (loss !== undefined && !Number.isFinite(loss) && this.model) {
      console.log(`Batch ${batch}: Invalid loss, terminating training`);
      this.model.stopTraining = true;
    }
  }
}

/** Keras's class names, callable with or without `new`. */
function factory<A extends unknown[], T>(cls: new (...args: A) => T) {
  const f = function (...args: A): T {
    return new cls(...args);
  };
  f.prototype = cls.prototype;
  return f as unknown as { (...args: A): T; new (...args: A): T };
}

export const EarlyStopping = factory(EarlyStoppingCallback);
export const ModelCheckpoint = factory(ModelCheckpointCallback);
export const ReduceLROnPlateau = factory(ReduceLROnPlateauCallback);
export const CSVLogger = factory(CSVLoggerCallback);
export const TerminateOnNaN = factory(TerminateOnNaNCallback);
export const History = factory(HistoryCallback);
