// Reads NumPy's `.npy` format (versions 1 to 3): a magic string, a Python-literal header, then C-ordered data.
import { parseDtype, sizeOf, typedArray } from './dtype';
import type { NdArray } from './ndarray';
import { unpickle } from './pickle';

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY

/** Parses a NumPy .npy file: dtype, shape and data (object arrays through the pickle reader). */
export function parseNpy(bytes: Uint8Array): NdArray {
  if (bytes.byteLength < 10 || MAGIC.some((b, i) => bytes[i] !== b)) throw new Error('Not a .npy file.');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const major = bytes[6];
  if (major < 1 || major > 3) throw new Error(`Unsupported .npy version ${major}.${bytes[7]}.`);
  const headerStart = major === 1 ? 10 : 12;
  const headerLength = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const dataStart = headerStart + headerLength;
  if (dataStart > bytes.byteLength) throw new Error('Truncated .npy header.');
  const header = Buffer.from(bytes.subarray(headerStart, dataStart)).toString(major === 3 ? 'utf8' : 'latin1');
  const { descr, fortranOrder, shape } = parseHeader(header);
  if (fortranOrder && shape.length > 1) throw new Error('Fortran-ordered .npy arrays are not supported.');

  const dtype = parseDtype(descr);
  const body = bytes.subarray(dataStart);
  if (dtype !== 'O') return { dtype, shape, data: typedArray(dtype, body, sizeOf(shape)) };
  // Object arrays are stored as a pickled ndarray.
  const array = unpickle(body);
  if (!isObjectArray(array)) throw new Error('The .npy object payload is not a NumPy array.');
  return { dtype: 'O', shape, data: array.data };
}

function isObjectArray(value: unknown): value is Extract<NdArray, { dtype: 'O' }> {
  return typeof value === 'object' && value !== null && 'dtype' in value && value.dtype === 'O';
}

/** The header is a Python dict literal: `{'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }`. */
function parseHeader(header: string): { descr: string; fortranOrder: boolean; shape: number[] } {
  const descr = /'descr'\s*:\s*'([^']*)'/.exec(header);
  const fortran = /'fortran_order'\s*:\s*(True|False)/.exec(header);
  const shape = /'shape'\s*:\s*\(([^)]*)\)/.exec(header);
  if (!descr || !fortran || !shape) throw new Error(`Unsupported .npy header: ${header.trim()}`);
  const dims = shape[1]
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map((s) => {
      const n = Number(s.replace(/L$/, ''));
      if (!Number.isSafeInteger(n) || n < 0) throw new Error(`Bad .npy shape: (${shape[1]}).`);
      return n;
    });
  return { descr: descr[1], fortranOrder: fortran[1] === 'True', shape: dims };
}
