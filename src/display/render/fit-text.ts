// The two sentences of a fit's live output that are not progress bars: what the fit will do (its first form, the
// one a console prints) and how it ended (its last form, the one a saved notebook keeps).
import type { FitParams } from '../../keras/presenter';
import { eta, thousands } from './format';
import type { EpochState } from './progbar';

/** One epoch and where it stands: running, finished, or stopped part-way. */
export interface EpochRecord {
  epoch: number;
  state: EpochState;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** "4.2s", or "3:07" from a minute on. */
function duration(seconds: number): string {
  return seconds < 60 ? `${seconds.toFixed(1)}s` : eta(seconds);
}

/** What the fit will do, from its parameters only, so it stays true: "Training: 3 epochs, 85 steps each (…)". */
export function fitHeader(params: FitParams): string {
  const { epochs, initialEpoch, steps, samples, batchSize } = params;
  const span = initialEpoch === 0 ? plural(epochs, 'epoch') : `epochs ${initialEpoch + 1}–${epochs} of ${epochs}`;
  const each = steps === null ? '' : `, ${plural(steps, 'step')} each`;
  const data = samples === null ? '' : ` (${thousands(samples)} samples, batch size ${batchSize})`;
  return `Training: ${span}${each}${data}`;
}

/** How the fit ended, without its figures (the epoch lines have them): "Trained 3 epochs in 4.2s". */
export function fitSummary(params: FitParams, ended: EpochRecord[], seconds: number): string {
  const took = duration(seconds);
  const last = ended[ended.length - 1];
  if (last === undefined) return `Stopped before the first epoch ended (${took})`;
  const at = `epoch ${last.epoch + 1}/${params.epochs}`;
  const { seen, target } = last.state;
  if (target !== null && seen < target) return `Stopped in ${at} at step ${seen}/${target} (${took})`;
  if (last.epoch + 1 < params.epochs) return `Stopped after ${at} (${took})`;
  return `Trained ${plural(ended.length, 'epoch')} in ${took}`;
}
