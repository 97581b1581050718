// Comparison kernels (Equal, Less, ...) for the wasm backend as one hand-written loop each.
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { HEAP_DTYPES, view, type HeapArray } from '../heap';

type Loop = (o: HeapArray, x: HeapArray, y: HeapArray, sx: number, sy: number) => void;

/**
 * One hand-written loop per op (a shared loop calling a comparator per element is megamorphic and
 * slower than wasm). sx / sy are 0 for a broadcast scalar side, else 1.
 */
export const COMPARE: Record<string, Loop> = {
  Greater: (o, x, y, sx, sy) => {
    for (let i = 0; i < o.length; i++) o[i] = x[i * sx] > y[i * sy] ? 1 : 0;
  },
  GreaterEqual: (o, x, y, sx, sy) => {
    for (let i = 0; i < o.length; i++) o[i] = x[i * sx] >= y[i * sy] ? 1 : 0;
  },
  Less: (o, x, y, sx, sy) => {
    for (let i = 0; i < o.length; i++) o[i] = x[i * sx] < y[i * sy] ? 1 : 0;
  },
  LessEqual: (o, x, y, sx, sy) => {
    for (let i = 0; i < o.length; i++) o[i] = x[i * sx] <= y[i * sy] ? 1 : 0;
  },
  LogicalAnd: (o, x, y, sx, sy) => {
    for (let i = 0; i < o.length; i++) o[i] = x[i * sx] && y[i * sy] ? 1 : 0;
  },
};

const size = (t: TensorInfo) => t.shape.reduce((p, q) => p * q, 1);

/**
 * Same-shape or scalar-broadcast comparisons (others go to wasm's kernel). wasm's call is mostly
 * set-up on an LSTM's small gates, and hard-sigmoid's gradient makes 3 per time step.
 */
export function compareConfig(kernelName: string, fallback: KernelFunc): KernelConfig {
  const loop = COMPARE[kernelName];
  return {
    kernelName,
    backendName: 'wasm',
    kernelFunc: (args) => {
      const { a, b } = args.inputs as { a: TensorInfo; b: TensorInfo };
      const [na, nb] = [size(a), size(b)];
      const sameShape = a.shape.length === b.shape.length && a.shape.every((d, i) => d === b.shape[i]);
      const scalarSide = (na === 1 && a.shape.length <= b.shape.length) || (nb === 1 && b.shape.length <= a.shape.length);
      if (!HEAP_DTYPES.has(a.dtype) || !HEAP_DTYPES.has(b.dtype) || (!sameShape && !scalarSide)) return fallback(args);
      const be = args.backend as BackendWasm;
      const out = be.makeOutput(na >= nb ? a.shape : b.shape, 'bool');
      const x = view(be, a);
      const y = view(be, b);
      const o = view(be, out);
      loop(o, x, y, na === o.length ? 1 : 0, nb === o.length ? 1 : 0);
      return out;
    },
  };
}
