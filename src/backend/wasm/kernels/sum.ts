// Sum for the wasm backend, read in place over one contiguous block of axes.
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { NativeBlas } from '../../native/addon';
import type { TfModule } from '../../types';
import { f32, heapBuffer, offsetOf } from '../heap';

const prod = (s: number[]) => s.reduce((a, b) => a * b, 1);

interface Plan {
  outer: number;
  red: number;
  inner: number;
  shape: number[];
}

/** x viewed as [outer, red, inner] with `red` the summed axes, or null if they are not one block. */
function plan(tf: TfModule, x: TensorInfo, attrs: unknown): Plan | null {
  const { axis, keepDims } = attrs as { axis: number | number[]; keepDims: boolean };
  const axes = tf.util.parseAxisParam(axis, x.shape).sort((p, q) => p - q);
  const contiguous = axes.every((a, i) => i === 0 || a === axes[i - 1] + 1);
  if (x.dtype !== 'float32' || axes.length === 0 || !contiguous) return null;
  const first = axes[0];
  const last = axes[axes.length - 1];
  return {
    outer: prod(x.shape.slice(0, first)),
    red: prod(x.shape.slice(first, last + 1)),
    inner: prod(x.shape.slice(last + 1)),
    shape: keepDims ? x.shape.map((d, i) => (axes.includes(i) ? 1 : d)) : x.shape.filter((_, i) => !axes.includes(i)),
  };
}

/** Writes the sums of x, viewed as `p` says, into out. */
type Reduce = (be: BackendWasm, x: TensorInfo, out: TensorInfo, p: Plan) => void;

function sumKernel(tf: TfModule, fallback: KernelFunc, reduce: Reduce): KernelConfig {
  return {
    kernelName: 'Sum',
    backendName: 'wasm',
    kernelFunc: (args) => {
      const { x } = args.inputs as { x: TensorInfo };
      const p = plan(tf, x, args.attrs);
      if (!p) return fallback(args);
      const be = args.backend as BackendWasm;
      const out = be.makeOutput(p.shape, 'float32');
      reduce(be, x, out, p);
      return out;
    },
  };
}

/**
 * float32 Sum over one contiguous block of axes, read in place. wasm transposes first whenever the
 * reduced axes are not the innermost — every bias gradient (sum over the batch axis) pays for that.
 */
export function sumConfig(tf: TfModule, fallback: KernelFunc): KernelConfig {
  return sumKernel(tf, fallback, (be, x, out, p) => {
    const src = f32(be, x);
    const dst = f32(be, out);
    const acc = new Float64Array(p.inner);
    for (let o = 0; o < p.outer; o++) {
      acc.fill(0);
      for (let r = 0, base = o * p.red * p.inner; r < p.red; r++, base += p.inner) {
        for (let i = 0; i < p.inner; i++) acc[i] += src[base + i];
      }
      dst.set(acc, o * p.inner);
    }
  });
}

/** The same Sum in C (conv bias gradients reduce millions of values). */
export function sumNative(tf: TfModule, blas: NativeBlas, fallback: KernelFunc): KernelConfig {
  return sumKernel(tf, fallback, (be, x, out, p) =>
    blas.reduceSum(heapBuffer(be), offsetOf(be, x), offsetOf(be, out), p.outer, p.red, p.inner),
  );
}
