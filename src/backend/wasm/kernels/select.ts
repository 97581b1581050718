// Select (tf.where) for the wasm backend when its three inputs have one size.
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { HEAP_DTYPES, view } from '../heap';

const size = (t: TensorInfo) => t.shape.reduce((p, q) => p * q, 1);

/** Select (tf.where) when condition, t and e have one size; wasm's kernel otherwise. */
export function selectConfig(fallback: KernelFunc): KernelConfig {
  return {
    kernelName: 'Select',
    backendName: 'wasm',
    kernelFunc: (args) => {
      const { condition, t, e } = args.inputs as { condition: TensorInfo; t: TensorInfo; e: TensorInfo };
      const n = size(t);
      if (!HEAP_DTYPES.has(t.dtype) || t.dtype !== e.dtype || size(condition) !== n || size(e) !== n) return fallback(args);
      const be = args.backend as BackendWasm;
      const out = be.makeOutput(t.shape, t.dtype);
      const c = view(be, condition);
      const a = view(be, t);
      const b = view(be, e);
      const o = view(be, out);
      for (let i = 0; i < n; i++) o[i] = c[i] ? a[i] : b[i];
      return out;
    },
  };
}
