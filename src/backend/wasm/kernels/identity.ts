// Identity for the wasm backend without a copy. tfjs clones every tensor a gradient saves through this kernel
// (and tf.clone, tf.keep...), and wasm's own kernel copies the bytes: for a recurrent layer's saved sequences,
// tens of megabytes per batch. Sharing the data with a reference count is what the cpu and webgl backends do;
// wasm's Reshape shares the same way, and no kernel writes into its inputs.
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { HEAP_DTYPES } from '../heap';

/** Identity sharing the input's data on the heap; wasm's kernel for strings. */
export function identityConfig(fallback: KernelFunc): KernelConfig {
  return {
    kernelName: 'Identity',
    backendName: 'wasm',
    kernelFunc: (args) => {
      const { x } = args.inputs as { x: TensorInfo };
      if (!HEAP_DTYPES.has(x.dtype)) return fallback(args);
      (args.backend as BackendWasm).incRef(x.dataId);
      return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
    },
  };
}
