// Slice and StridedSlice for the wasm backend, copying only the elements they return. wasm's own read the whole
// input off the heap first, so one row of a large tensor (a batch in predict, a digit to show) cost as much as
// copying all of it.
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { TfModule } from '../../types';
import type { RowCopier } from '../copy-rows';
import { HEAP_DTYPES, view } from '../heap';

/**
 * Copies into `out`, in row-major order, the elements of `x` at `begin[d] + i * strides[d]` for `i < size[d]` along
 * every axis d (strides may be negative). Where the last axis is contiguous, each block of rows goes through the
 * backend's row copier (native memcpys when the addon is loaded), as concat and split do.
 */
export function copyStrided(be: BackendWasm, copy: RowCopier, x: TensorInfo, out: TensorInfo, begin: number[], strides: number[], size: number[]): void {
  const rank = x.shape.length;
  if (size.some((n) => n === 0)) return;
  // Element strides of the source, and each axis's step in it.
  const pitch = new Array<number>(rank).fill(1);
  for (let d = rank - 2; d >= 0; d--) pitch[d] = pitch[d + 1] * x.shape[d + 1];
  const step = pitch.map((p, d) => p * strides[d]);
  const start = begin.reduce((sum, b, d) => sum + b * pitch[d], 0);
  if (rank === 0 || step[rank - 1] === 1) {
    // Rows run along the last axis and step along the one before it; one copy per position of the axes before that.
    const run = rank === 0 ? 1 : size[rank - 1];
    const rowAxis = rank - 2;
    const rows = rowAxis >= 0 ? size[rowAxis] : 1;
    const srcStride = rowAxis >= 0 ? step[rowAxis] : 0;
    forEachPosition(size, step, rowAxis, start, (offset, block) =>
      copy(be, { src: x, srcStart: offset, srcStride, dst: out, dstStart: block * rows * run, dstStride: run, rows, run }),
    );
    return;
  }
  const src = view(be, x);
  const dst = view(be, out);
  const run = size[rank - 1];
  const lastStep = step[rank - 1];
  forEachPosition(size, step, rank - 1, start, (offset, row) => {
    for (let j = 0, o = row * run; j < run; j++) dst[o + j] = src[offset + j * lastStep];
  });
}

/** Calls `visit(offset, index)` for each position, in row-major order, of the axes before `axis`. */
function forEachPosition(size: number[], step: number[], axis: number, start: number, visit: (offset: number, index: number) => void): void {
  let count = 1;
  for (let d = 0; d < axis; d++) count *= size[d];
  const index = new Array<number>(Math.max(axis, 0)).fill(0);
  let offset = start;
  for (let n = 0; n < count; n++) {
    visit(offset, n);
    // Odometer over the axes before `axis`, moving `offset` along.
    for (let d = axis - 1; d >= 0; d--) {
      offset += step[d];
      if (++index[d] < size[d]) break;
      offset -= step[d] * size[d];
      index[d] = 0;
    }
  }
}

export function sliceConfig(tf: TfModule, fallback: KernelFunc, copy: RowCopier): KernelConfig {
  return {
    kernelName: 'Slice',
    backendName: 'wasm',
    kernelFunc: (args) => {
      const { x } = args.inputs as { x: TensorInfo };
      if (!HEAP_DTYPES.has(x.dtype)) return fallback(args);
      const attrs = args.attrs as unknown as { begin: number | number[]; size?: number | number[] };
      const [begin, size] = tf.slice_util.parseSliceParams(x, attrs.begin, attrs.size);
      tf.slice_util.assertParamsValid(x, begin, size);
      const be = args.backend as BackendWasm;
      const out = be.makeOutput(size, x.dtype);
      copyStrided(be, copy, x, out, begin, size.map(() => 1), size);
      return out;
    },
  };
}

interface StridedSliceAttrs {
  begin: number[];
  end: number[];
  strides: number[];
  beginMask: number;
  endMask: number;
  ellipsisMask: number;
  newAxisMask: number;
  shrinkAxisMask: number;
}

export function stridedSliceConfig(tf: TfModule, fallback: KernelFunc, copy: RowCopier): KernelConfig {
  return {
    kernelName: 'StridedSlice',
    backendName: 'wasm',
    kernelFunc: (args) => {
      const { x } = args.inputs as { x: TensorInfo };
      if (!HEAP_DTYPES.has(x.dtype)) return fallback(args);
      const a = args.attrs as unknown as StridedSliceAttrs;
      const info = tf.slice_util.sliceInfo(x.shape, a.begin, a.end, a.strides, a.beginMask, a.endMask, a.ellipsisMask, a.newAxisMask, a.shrinkAxisMask);
      // The whole input: wasm's kernel returns a reshape that shares its data.
      if (info.isIdentity) return fallback(args);
      const be = args.backend as BackendWasm;
      const out = be.makeOutput(info.finalShape, x.dtype);
      // Elements taken along each input axis (shrunk axes take one): finalShape without its new or shrunk axes.
      const taken = tf.slice_util.computeOutShape(info.begin, info.end, info.strides).map((n) => Math.max(0, n));
      copyStrided(be, copy, x, out, info.begin, info.strides, taken);
      return out;
    },
  };
}
