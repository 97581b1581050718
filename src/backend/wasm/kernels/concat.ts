// Concat for the wasm backend as strided copies.
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { TfModule } from '../../types';
import type { RowCopier } from '../copy-rows';
import { HEAP_DTYPES } from '../heap';

const prod = (s: number[]) => s.reduce((a, b) => a * b, 1);

/** Concat as one strided copy per input (the inverse of split.ts); an LSTM's gradient concatenates its gates every step. */
export function concatConfig(tf: TfModule, fallback: KernelFunc, copy: RowCopier): KernelConfig {
  return {
    kernelName: 'Concat',
    backendName: 'wasm',
    kernelFunc: (args) => {
      const xs = args.inputs as unknown as TensorInfo[];
      const dtype = xs[0]?.dtype;
      if (!dtype || !HEAP_DTYPES.has(dtype) || xs.some((t) => t.dtype !== dtype)) return fallback(args);
      const axis = tf.util.parseAxisParam((args.attrs as unknown as { axis: number }).axis, xs[0].shape)[0];
      const shape = xs[0].shape.slice();
      shape[axis] = xs.reduce((s, t) => s + t.shape[axis], 0);
      const be = args.backend as BackendWasm;
      const dst = be.makeOutput(shape, dtype);
      const rows = prod(shape.slice(0, axis));
      const row = prod(shape.slice(axis));
      let offset = 0;
      for (const src of xs) {
        const run = prod(src.shape.slice(axis));
        if (run > 0 && rows > 0) copy(be, { src, srcStart: 0, srcStride: run, dst, dstStart: offset, dstStride: row, rows, run });
        offset += run;
      }
      return dst;
    },
  };
}
