// The "is this better?" logic shared by EarlyStopping, ModelCheckpoint and ReduceLROnPlateau.
export type Mode = 'auto' | 'min' | 'max';

/** Keras's auto mode: maximise accuracy-like and AUC-like figures, minimise the rest. */
export function improves(monitor: string, mode: Mode, minDelta = 0): (current: number, best: number) => boolean {
  const max = mode === 'max' || (mode === 'auto' && /acc|auc|precision|recall|fmeasure/.test(monitor));
  return max ? (c, b) => c - minDelta > b : (c, b) => c + minDelta < b;
}

export function initialBest(monitor: string, mode: Mode): number {
  return improves(monitor, mode)(1, 0) ? -Infinity : Infinity;
}
