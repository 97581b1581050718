// NumPy's element formatting (numpy/core/arrayprint.py, floatmode 'maxprec', precision 8): one formatter for all
// the values shown, so that columns line up.
import { pyExponential } from './format';

export type Scalar = number | string | boolean;

const PRECISION = 8;

/** The fewest significant digits that read back as the same float32 (or float64) value. */
function shortestDigits(value: number, float32: boolean, exponential: boolean): string {
  const same = (text: string) => (float32 ? Math.fround(Number(text)) === value : Number(text) === value);
  for (let p = 1; p <= 17; p++) {
    const text = exponential ? value.toExponential(p - 1) : value.toPrecision(p);
    if (same(text)) return text;
  }
  return exponential ? value.toExponential() : String(value);
}

function fractionDigits(text: string): number {
  const mantissa = text.split('e')[0];
  const dot = mantissa.indexOf('.');
  return dot < 0 ? 0 : mantissa.length - dot - 1;
}

/** NumPy's scientific form: Python's `%.{digits}e`, with a point even when no digit follows it (`1.e-05`). */
function numpyExponential(value: number, digits: number): string {
  const text = pyExponential(value, digits);
  return digits === 0 ? text.replace('e', '.e') : text;
}

function nonFinite(value: number): string {
  return Number.isNaN(value) ? 'nan' : value > 0 ? 'inf' : '-inf';
}

/** Formats floats as NumPy does: shared precision, decimal points aligned, scientific when the range is wide. */
function floatFormatter(values: number[], float32: boolean): (value: number) => string {
  const finite = values.filter(Number.isFinite);
  const magnitudes = finite.map(Math.abs).filter((v) => v !== 0);
  const max = magnitudes.length ? Math.max(...magnitudes) : 0;
  const min = magnitudes.length ? Math.min(...magnitudes) : 0;
  const exponential = max >= 1e8 || (min > 0 && (min < 1e-4 || max / min > 1e3));
  if (exponential) {
    const needed = finite.map((v) => fractionDigits(shortestDigits(v, float32, true)));
    const digits = Math.min(PRECISION, Math.max(0, ...needed));
    const width = Math.max(0, ...finite.map((v) => numpyExponential(v, digits).length));
    return (v) => (Number.isFinite(v) ? numpyExponential(v, digits) : nonFinite(v)).padStart(width);
  }
  const decimal = (v: number) => {
    const shortest = shortestDigits(v, float32, false);
    const text = fractionDigits(shortest) > PRECISION || shortest.includes('e') ? v.toFixed(PRECISION) : shortest;
    const plain = String(Number(text)).includes('e') ? text : String(Number(text));
    return plain.includes('.') ? plain : `${plain}.`;
  };
  const parts = finite.map((v) => decimal(v).split('.'));
  const intWidth = Math.max(0, ...parts.map(([i]) => i.length));
  const fracWidth = Math.max(0, ...parts.map(([, f]) => f.length));
  const specials = values.filter((v) => !Number.isFinite(v)).map((v) => nonFinite(v).length);
  const width = Math.max(intWidth + 1 + fracWidth, ...specials);
  return (v) => {
    if (!Number.isFinite(v)) return nonFinite(v).padStart(width);
    const [i, f] = decimal(v).split('.');
    return `${i.padStart(intWidth)}.${f.padEnd(fracWidth)}`.padStart(width);
  };
}

/** Python's repr of a string: single quotes, unless the text holds one and no double quote. */
function pyRepr(text: string): string {
  const escaped = text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
  if (text.includes("'") && !text.includes('"')) return `"${escaped}"`;
  return `'${escaped.replace(/'/g, "\\'")}'`;
}

/** A formatter for the values of one tensor, padding numbers to one width so that columns line up. */
export function elementFormatter(values: Scalar[], dtype: string): (value: Scalar) => string {
  if (dtype === 'float32' || dtype === 'float64') {
    const format = floatFormatter(values as number[], dtype === 'float32');
    return (v) => format(v as number);
  }
  if (dtype === 'string') return (v) => pyRepr(String(v)); // NumPy does not pad strings
  const text = (v: Scalar) => (dtype === 'bool' ? String(Boolean(v)) : String(v)); // tfjs stores bools as 0/1
  const width = Math.max(0, ...values.map((v) => text(v).length));
  return (v) => text(v).padStart(width);
}
