// Keras's TerminateOnNaN callback.
import type { Logs } from '../presenter';
import { Callback } from './callback';

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
