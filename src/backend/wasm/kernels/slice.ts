// Slice and StridedSlice for the wasm backend, copying only the elements they return. wasm's own read the whole
// input off the heap first, so one row of a large tensor (a batch in predict, a digit to show) cost as much as
// copying all of it.
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { TfModule } from '../../types';
import { HEAP_DTYPES, type HeapArray, view } from '../heap';

/** Below this many elements a run is copied by a loop: a subarray per row costs more. */
const SHORT_RUN = 16;

/**
 * Copies into `dst`, in row-major order, the elements of `src` (of shape `shape`) at `begin[d] + i * strides[d]` for
 * `i < size[d]` along every axis d. Strides may be negative.
 */
export function copyStrided(src: HeapArray, dst: HeapArray, shape: number[], begin: number[], strides: number[], size: number[]): void {
  const rank = shape.length;
  if (rank === 0) {
    dst[0] = src[0];
    return;
  }
  // Element strides of the source, and each axis's step in it.
  const pitch = new Array<number>(rank);
  pitch[rank - 1] = 1;
  for (let d = rank - 2; d >= 0; d--) pitch[d] = pitch[d + 1] * shape[d + 1];
  const step = pitch.map((p, d) => p * strides[d]);
  const last = rank - 1;
  const run = size[last];
  const lastStep = step[last];
  let rows = 1;
  for (let d = 0; d < last; d++) rows *= size[d];
  if (rows === 0 || run === 0) return;
  const index = new Array<number>(last).fill(0);
  let offset = begin.reduce((sum, b, d) => sum + b * pitch[d], 0);
  for (let r = 0, o = 0; r < rows; r++, o += run) {
    if (lastStep === 1 && run >= SHORT_RUN) dst.set(src.subarray(offset, offset + run), o);
    else for (let j = 0; j < run; j++) dst[o + j] = src[offset + j * lastStep];
    // Odometer over the outer axes, moving `offset` along.
    for (let d = last - 1; d >= 0; d--) {
      offset += step[d];
      if (++index[d] < size[d]) break;
      offset -= step[d] * size[d];
      index[d] = 0;
    }
  }
}

export function sliceConfig(tf: TfModule, fallback: KernelFunc): KernelConfig {
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
      copyStrided(view(be, x), view(be, out), x.shape, begin, size.map(() => 1), size);
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

export function stridedSliceConfig(tf: TfModule, fallback: KernelFunc): KernelConfig {
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
      copyStrided(view(be, x), view(be, out), x.shape, info.begin, info.strides, taken);
      return out;
    },
  };
}
