// SplitV and Unpack for the wasm backend as strided copies.
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { TfModule } from '../../types';
import type { RowCopier } from '../copy-rows';
import { HEAP_DTYPES } from '../heap';

const prod = (s: number[]) => s.reduce((a, b) => a * b, 1);

/**
 * Cuts x along `axis` into pieces of `sizes`, one strided copy per piece. wasm slices through its
 * generic Slice, one slow call per piece, and an LSTM unstacks its 500 time steps.
 */
function splitAlong(be: BackendWasm, copy: RowCopier, x: TensorInfo, axis: number, sizes: number[]): TensorInfo[] {
  const outer = prod(x.shape.slice(0, axis));
  const inner = prod(x.shape.slice(axis + 1));
  const outs = sizes.map((s) => be.makeOutput(x.shape.map((d, i) => (i === axis ? s : d)), x.dtype));
  const row = x.shape[axis] * inner;
  let begin = 0;
  outs.forEach((dst, k) => {
    const run = sizes[k] * inner;
    if (run > 0 && outer > 0) copy(be, { src: x, srcStart: begin, srcStride: row, dst, dstStart: 0, dstStride: run, rows: outer, run });
    begin += run;
  });
  return outs;
}

export function unpackConfig(tf: TfModule, fallback: KernelFunc, copy: RowCopier): KernelConfig {
  return {
    kernelName: 'Unpack',
    backendName: 'wasm',
    kernelFunc: (args) => {
      const { value } = args.inputs as { value: TensorInfo };
      if (!HEAP_DTYPES.has(value.dtype)) return fallback(args);
      const axis = tf.util.parseAxisParam((args.attrs as unknown as { axis: number }).axis, value.shape)[0];
      const shape = value.shape.filter((_, i) => i !== axis);
      const pieces = splitAlong(args.backend as BackendWasm, copy, value, axis, new Array<number>(value.shape[axis]).fill(1));
      return pieces.map((p) => ({ ...p, shape }));
    },
  };
}

export function splitVConfig(tf: TfModule, fallback: KernelFunc, copy: RowCopier): KernelConfig {
  return {
    kernelName: 'SplitV',
    backendName: 'wasm',
    kernelFunc: (args) => {
      const { x } = args.inputs as { x: TensorInfo };
      if (!HEAP_DTYPES.has(x.dtype)) return fallback(args);
      const { numOrSizeSplits, axis } = args.attrs as unknown as { numOrSizeSplits: number | number[]; axis: number };
      const ax = tf.util.parseAxisParam(axis, x.shape)[0];
      const sizes = tf.backend_util.prepareSplitSize(x, numOrSizeSplits, ax);
      return splitAlong(args.backend as BackendWasm, copy, x, ax, sizes);
    },
  };
}
