// Keras's ModelCheckpoint callback.
import type { Logs } from '../presenter';
import { checkedOptions, Options, KerasOptions } from '../options';
import { Callback } from './callback';
import { improves, initialBest, Mode, warnMissing } from './monitor';

/** ModelCheckpoint's options (snake_case also accepted). */
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

  constructor(filepathOrOptions: string | (KerasOptions<ModelCheckpointOptions>), options: Partial<ModelCheckpointOptions> & Options = {}) {
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
