// Keras's History callback: what fit() resolves to.
import { Callback } from './callback';
import type { Logs } from '../presenter';

/** Records each epoch's logs; fit() returns it and keeps it as `model.history`. */
export class History extends Callback {
  /** Epoch indices that ran (0-based, offset by initial_epoch). */
  epoch: number[] = [];
  /** One plain number per epoch for each logged figure: loss, accuracy, val_loss... */
  history: Record<string, number[]> = {};

  onTrainBegin(): void {
    this.epoch = [];
  }

  onEpochEnd(epoch: number, logs: Logs = {}): void {
    this.epoch.push(epoch);
    for (const [key, value] of Object.entries(logs)) (this.history[key] ??= []).push(value);
  }
}
