// Checks an array read from a data set file and turns it into what the loaders hand to TensorFlow.js.
import type { SmallIntegers } from '../../backend/int32-tensor';
import type { NumericData } from './readers/dtype';
import type { IdxData } from './readers/idx';
import type { NdArray, NumericArray, PyValue } from './readers/ndarray';

/** The array `key` of a .npz file's arrays; an error naming the file when it has none. */
export function member(arrays: Map<string, NdArray>, key: string, file: string): NdArray {
  const array = arrays.get(key);
  if (!array) throw new Error(`${file} has no '${key}' array: is it the right file?`);
  return array;
}

/** The array as numbers; an error for an object array. */
export function numeric(array: NdArray, what: string): NumericArray {
  if (array.dtype === 'O') throw new Error(`${what} is an object array; expected numbers.`);
  return array;
}

/** Integers as they are when int32 holds every value of their type (bytes, shorts), else as Int32Array (toInt32). */
export function integers(data: NumericData | IdxData, what: string): SmallIntegers {
  const small = data instanceof Uint8Array || data instanceof Int8Array || data instanceof Uint16Array || data instanceof Int16Array;
  return small || data instanceof Int32Array ? data : toInt32(data, what);
}

/** Integers as Int32Array (tfjs has no uint8 or int64); int64 values must fit. */
export function toInt32(data: NumericData | IdxData, what: string): Int32Array {
  if (data instanceof Float32Array || data instanceof Float64Array) {
    throw new Error(`${what} holds floats; expected integers.`);
  }
  if (!(data instanceof BigInt64Array)) return new Int32Array(data);
  return Int32Array.from(data, (v) => {
    if (v > 2147483647n || v < -2147483648n) throw new Error(`${what} holds ${v}, which does not fit int32.`);
    return Number(v);
  });
}

/** The values as a Float32Array. */
export function toFloat32(data: NumericData): Float32Array {
  return data instanceof BigInt64Array ? Float32Array.from(data, Number) : new Float32Array(data);
}

/** An object array of Python lists of ints (or of NumPy integer arrays) as plain JavaScript sequences. */
export function toSequences(array: NdArray, what: string): number[][] {
  if (array.dtype !== 'O') throw new Error(`${what} should be an object array of sequences.`);
  return array.data.map((item, i) => sequence(item, `${what}[${i}]`));
}

function sequence(item: PyValue, what: string): number[] {
  if (Array.isArray(item)) {
    return item.map((v) => {
      if (typeof v !== 'number' || !Number.isInteger(v)) throw new Error(`${what} holds a non-integer.`);
      return v;
    });
  }
  if (typeof item === 'object' && item !== null && 'dtype' in item && item.dtype !== 'O') {
    return Array.from(toInt32(item.data, what));
  }
  throw new Error(`${what} is not a sequence of integers.`);
}
