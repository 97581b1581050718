// Keras's CSVLogger callback.
import * as fs from 'fs';
import type { Logs } from '../presenter';
import { checkedOptions, Options, KerasOptions } from '../options';
import { Callback } from './callback';

/** CSVLogger's options. */
export interface CSVLoggerOptions {
  separator?: string;
  append?: boolean;
}

/** Streams epoch logs to a CSV file: `epoch,accuracy,loss,...` (keys sorted, as Keras does). */
export class CSVLoggerCallback extends Callback {
  private keys: string[] | null = null;
  private readonly separator: string;
  private readonly append: boolean;

  constructor(readonly filename: string, options: KerasOptions<CSVLoggerOptions> = {}) {
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
