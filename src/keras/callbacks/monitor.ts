// What EarlyStopping, ModelCheckpoint and ReduceLROnPlateau share about their monitored figure: is it better, and
// what to say when the logs lack it.
import type { Logs } from '../presenter';

/** Whether the monitored figure should go down ('min'), up ('max'), or as its name suggests ('auto'). */
export type Mode = 'auto' | 'min' | 'max';

/** Keras's auto mode: maximise accuracy-like and AUC-like figures, minimise the rest. */
export function improves(monitor: string, mode: Mode, minDelta = 0): (current: number, best: number) => boolean {
  const max = mode === 'max' || (mode === 'auto' && /acc|auc|precision|recall|fmeasure/.test(monitor));
  return max ? (c, b) => c - minDelta > b : (c, b) => c + minDelta < b;
}

/** The starting 'best' value: the worst possible for the mode. */
export function initialBest(monitor: string, mode: Mode): number {
  return improves(monitor, mode)(1, 0) ? -Infinity : Infinity;
}

/** Warns that `monitor` is not among the logged figures (the callback skips that epoch). */
export function warnMissing(where: string, monitor: string, logs: Logs): void {
  console.warn(`${where}: '${monitor}' is not in the logs (available: ${Object.keys(logs).join(', ')}); skipping.`);
}
