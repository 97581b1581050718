// Keras 2's progress-bar text (keras/utils/generic_utils.py Progbar), as pure functions of one epoch's state.
import { eta, kerasValue, perUnit } from './format';
import type { Logs } from '../../keras/presenter';

const BAR_WIDTH = 30;

/** Where one epoch stands. Times are in seconds since the epoch began. */
export interface EpochState {
  /** Batches done so far. */
  seen: number;
  /** Batches in the epoch, or null when unknown. */
  target: number | null;
  elapsed: number;
  logs: Logs;
  done: boolean;
}

/** Log keys in display order: training figures first, then the `val_` ones, as Keras's logs read. */
export function logKeys(logs: Logs): string[] {
  const keys = Object.keys(logs).filter((k) => k !== 'batch' && k !== 'size'); // tfjs adds these to batch logs
  return [...keys.filter((k) => !k.startsWith('val_')), ...keys.filter((k) => k.startsWith('val_'))];
}

export function logsText(logs: Logs): string {
  return logKeys(logs)
    .map((k) => ` - ${k}: ${kerasValue(logs[k])}`)
    .join('');
}

/** `[=========>....................]` */
export function bar(seen: number, target: number): string {
  const width = Math.floor((BAR_WIDTH * Math.min(seen, target)) / target);
  const head = width === 0 ? '' : '='.repeat(width - 1) + (seen < target ? '>' : '=');
  return `[${head}${'.'.repeat(BAR_WIDTH - width)}]`;
}

function counter(state: EpochState): string {
  if (state.target === null) return `${String(state.seen).padStart(7)}/Unknown`;
  const digits = String(state.target).length;
  return `${String(state.seen).padStart(digits)}/${state.target}`;
}

/** Before the first step has timed there is no rate to show: Keras draws no ETA then. */
function untimed(state: EpochState): boolean {
  return state.seen === 0 && !state.done;
}

/** The timing part: " - ETA: 3s" while running, " - 5s 12ms/step" once done (or when the size is unknown). */
function timing(state: EpochState): string {
  if (untimed(state)) return '';
  const perStep = state.seen > 0 ? state.elapsed / state.seen : 0;
  if (state.done || state.target === null) return ` - ${state.elapsed.toFixed(0)}s ${perUnit(perStep, 'step')}`;
  return ` - ETA: ${eta(perStep * (state.target - state.seen))}`;
}

/** The HTML status: "2s 12ms/step" once done, "12ms/step, ETA: 3s" while running, empty before the first step. */
export function stepTiming(state: EpochState): string {
  if (untimed(state)) return '';
  const perStep = perUnit(state.seen > 0 ? state.elapsed / state.seen : 0, 'step');
  if (state.done || state.target === null) return `${state.elapsed.toFixed(0)}s ${perStep}`;
  return `${perStep}, ETA: ${eta((state.elapsed / Math.max(1, state.seen)) * (state.target - state.seen))}`;
}

/** verbose 1: `  32/100 [========>.....................] - ETA: 2s - loss: 0.3421`. */
export function progbarLine(state: EpochState): string {
  const shown = state.target === null ? '' : ` ${bar(state.seen, state.target)}`;
  return `${counter(state)}${shown}${timing(state)}${logsText(state.logs)}`;
}

/** verbose 2, once per epoch: `100/100 - 5s - loss: 0.2950 - val_loss: 0.1400 - 5s/epoch - 50ms/step`. */
export function epochLine(state: EpochState): string {
  const perStep = state.seen > 0 ? state.elapsed / state.seen : 0;
  const target = state.target ?? state.seen;
  return (
    `${state.seen}/${target} - ${state.elapsed.toFixed(0)}s${logsText(state.logs)}` +
    ` - ${perUnit(state.elapsed, 'epoch')} - ${perUnit(perStep, 'step')}`
  );
}

/** `Epoch 3/10`: the line Keras prints as each epoch begins. */
export function epochTitle(epoch: number, epochs: number): string {
  return `Epoch ${epoch + 1}/${epochs}`;
}

/** The line that stays once an epoch has ended: the full bar at verbose 1, the one-line summary at verbose 2. */
export function finishedEpochLine(state: EpochState, verbose: number): string {
  return verbose === 2 ? epochLine(state) : progbarLine(state);
}
