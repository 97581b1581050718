// Reads the IDX format of MNIST and Fashion-MNIST (raw or gzipped): a big-endian header, then the data.
import { gunzipSync } from 'node:zlib';

export type IdxData = Uint8Array | Int8Array | Int16Array | Int32Array | Float32Array | Float64Array;

export interface IdxArray {
  shape: number[];
  data: IdxData;
}

const TYPES: Record<number, { size: number; read: (view: DataView, count: number) => IdxData }> = {
  0x09: { size: 1, read: (v, n) => Int8Array.from({ length: n }, (_, i) => v.getInt8(i)) },
  0x0b: { size: 2, read: (v, n) => Int16Array.from({ length: n }, (_, i) => v.getInt16(2 * i)) },
  0x0c: { size: 4, read: (v, n) => Int32Array.from({ length: n }, (_, i) => v.getInt32(4 * i)) },
  0x0d: { size: 4, read: (v, n) => Float32Array.from({ length: n }, (_, i) => v.getFloat32(4 * i)) },
  0x0e: { size: 8, read: (v, n) => Float64Array.from({ length: n }, (_, i) => v.getFloat64(8 * i)) },
};

/** Parses an IDX file (MNIST's format), gzipped or not: its shape and typed data. */
export function parseIdx(input: Uint8Array): IdxArray {
  const bytes = input[0] === 0x1f && input[1] === 0x8b ? gunzipSync(input) : input;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < 4 || bytes[0] !== 0 || bytes[1] !== 0) throw new Error('Not an IDX file.');
  const type = bytes[2];
  const ndim = bytes[3];
  const dataStart = 4 + 4 * ndim;
  if (bytes.byteLength < dataStart) throw new Error('Truncated IDX header.');
  const shape = Array.from({ length: ndim }, (_, i) => view.getUint32(4 + 4 * i));
  const count = shape.reduce((a, b) => a * b, 1);
  const size = type === 0x08 ? 1 : TYPES[type]?.size;
  if (size === undefined) throw new Error(`Unsupported IDX data type 0x${type.toString(16)}.`);
  if (bytes.byteLength < dataStart + count * size) throw new Error('Truncated IDX data.');
  const body = bytes.subarray(dataStart, dataStart + count * size);
  // Unsigned bytes, MNIST's only type, are used in place; wider types are big-endian and must be converted.
  const data =
    type === 0x08 ? body : TYPES[type].read(new DataView(body.buffer, body.byteOffset, body.byteLength), count);
  return { shape, data };
}
