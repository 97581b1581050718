// NumPy dtypes that the readers understand, and how their raw little-endian bytes become typed arrays.

export type NumericDtype = 'u1' | 'i4' | 'i8' | 'f4' | 'f8' | 'b1';
export type Dtype = NumericDtype | 'O';

/** `|b1` comes back as 0/1 bytes; `<i8` as BigInt64Array so no value is silently rounded. */
export type NumericData = Uint8Array | Int32Array | BigInt64Array | Float32Array | Float64Array;

const ITEM_SIZE: Record<NumericDtype, number> = { u1: 1, b1: 1, i4: 4, f4: 4, i8: 8, f8: 8 };

/**
 * Parses a NumPy type string such as `<i4`, `|u1`, `=f8` or `|O`. Big-endian data is refused: every file Keras
 * ships, and everything NumPy writes on the machines we run on, is little-endian.
 */
export function parseDtype(descr: string): Dtype {
  const match = /^([<>|=]?)([a-zA-Z])(\d*)$/.exec(descr);
  if (!match) throw new Error(`Unsupported NumPy dtype '${descr}'.`);
  const [, order, kind, size] = match;
  if (kind === 'O') return 'O';
  const dtype = `${kind}${size}`;
  if (!(dtype in ITEM_SIZE)) {
    throw new Error(`Unsupported NumPy dtype '${descr}': expected one of <u1, <i4, <i8, <f4, <f8, |b1, |O.`);
  }
  if (order === '>' && dtype !== 'u1' && dtype !== 'b1') {
    throw new Error(`Big-endian NumPy dtype '${descr}' is not supported.`);
  }
  return dtype as NumericDtype;
}

/** Views `count` items of `dtype` in `bytes`, copying only when the bytes are not aligned for the typed array. */
export function typedArray(dtype: NumericDtype, bytes: Uint8Array, count: number): NumericData {
  const byteLength = count * ITEM_SIZE[dtype];
  if (bytes.byteLength < byteLength) {
    throw new Error(`Truncated array: ${count} items of ${dtype} need ${byteLength} bytes, got ${bytes.byteLength}.`);
  }
  let source = bytes.subarray(0, byteLength);
  // A copy (not Buffer#slice, which would only be a view) when the bytes sit at an odd offset.
  if (source.byteOffset % ITEM_SIZE[dtype] !== 0) source = new Uint8Array(source);
  const { buffer, byteOffset } = source;
  switch (dtype) {
    case 'u1':
    case 'b1':
      return source;
    case 'i4':
      return new Int32Array(buffer, byteOffset, count);
    case 'i8':
      return new BigInt64Array(buffer, byteOffset, count);
    case 'f4':
      return new Float32Array(buffer, byteOffset, count);
    case 'f8':
      return new Float64Array(buffer, byteOffset, count);
  }
}

/** The number of elements of an array of `shape`. */
export function sizeOf(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}
