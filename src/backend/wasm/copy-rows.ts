// Strided row copies on the wasm heap, in JavaScript or through the BLAS addon: what concat, split and unstack share.
import type { TensorInfo } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { NativeBlas } from '../native/addon';
import { heapBuffer, offsetOf, view } from './heap';

/** A strided block copy: the core of concat, split and unstack. */
export interface RowCopy {
  src: TensorInfo;
  /** Element offset of the first row in src, and elements between rows. */
  srcStart: number;
  srcStride: number;
  dst: TensorInfo;
  dstStart: number;
  dstStride: number;
  rows: number;
  /** Elements per row. */
  run: number;
}

export type RowCopier = (be: BackendWasm, c: RowCopy) => void;

/** Copies with typed-array views: hand loops for short rows, where a subarray per row costs more. */
export const jsRowCopier: RowCopier = (be, c) => {
  const src = view(be, c.src);
  const dst = view(be, c.dst);
  for (let r = 0; r < c.rows; r++) {
    const from = c.srcStart + r * c.srcStride;
    const to = c.dstStart + r * c.dstStride;
    if (c.run < 256) for (let i = 0; i < c.run; i++) dst[to + i] = src[from + i];
    else dst.set(src.subarray(from, from + c.run), to);
  }
};

/** The same copy as one native call of memcpys (an LSTM's per-step split/concat are 512 short rows). */
export function nativeRowCopier(blas: NativeBlas): RowCopier {
  return (be, c) => {
    const bytes = c.src.dtype === 'bool' ? 1 : 4;
    blas.copyRows(heapBuffer(be), offsetOf(be, c.src) + c.srcStart * bytes, c.srcStride * bytes, offsetOf(be, c.dst) + c.dstStart * bytes, c.dstStride * bytes, c.rows, c.run * bytes);
  };
}
