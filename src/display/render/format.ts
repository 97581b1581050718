// Number and time formatting shared by the text renderers, matching Keras's and Python's printf-style output.

/** 1234567 → "1,234,567" (Python's `{:,}`). */
export function thousands(n: number): string {
  return Math.round(n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Python's `%.{digits}e`: a two-digit exponent at least ("1.2340e-05"). */
export function pyExponential(value: number, digits: number): string {
  const [mantissa, exponent] = value.toExponential(digits).split('e');
  const sign = exponent.startsWith('-') ? '-' : '+';
  return `${mantissa}e${sign}${exponent.replace(/^[+-]/, '').padStart(2, '0')}`;
}

/** A log value as Keras's progress bar prints it: `%.4f`, or `%.4e` when tiny. */
export function kerasValue(value: number): string {
  if (!Number.isFinite(value)) return Number.isNaN(value) ? 'nan' : value > 0 ? 'inf' : '-inf';
  return Math.abs(value) > 1e-3 ? value.toFixed(4) : pyExponential(value, 4);
}

/** Seconds per step as Keras prints it: "2s/step", "15ms/step", "80us/step". */
export function perUnit(seconds: number, unit: string): string {
  if (seconds >= 1 || seconds === 0) return `${seconds.toFixed(0)}s/${unit}`;
  if (seconds >= 1e-3) return `${(seconds * 1e3).toFixed(0)}ms/${unit}`;
  return `${(seconds * 1e6).toFixed(0)}us/${unit}`;
}

/** An ETA as Keras prints it: "42s", "3:07", "1:02:03". */
export function eta(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const two = (n: number) => String(n).padStart(2, '0');
  if (s > 3600) return `${Math.floor(s / 3600)}:${two(Math.floor((s % 3600) / 60))}:${two(s % 60)}`;
  if (s > 60) return `${Math.floor(s / 60)}:${two(s % 60)}`;
  return `${s}s`;
}

/** A byte count as Keras's summary prints it: "2.66 KB". */
export function byteSize(bytes: number): string {
  const units = ['Byte', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(2)} ${units[unit]}`;
}
