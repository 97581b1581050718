// Elementwise float32 ops (Sqrt, Square, Tanh, ...) for the wasm backend in the BLAS addon's vectorised C.
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { NativeBlas } from '../../native/addon';
import type { TfModule } from '../../types';
import { heapBuffer, offsetOf } from '../heap';

/** Kernel name → op code of tsdl_blas.c's `unary`. */
export const UNARY_OPS = { Sqrt: 0, Square: 1, Relu: 2, Step: 3, Tanh: 4 } as const;

/**
 * float32 elementwise ops in vectorised C: wasm calls a function pointer per element for these,
 * which made Sqrt and Square the slowest part of RMSprop's update and Tanh an LSTM's slowest op.
 */
export function unaryNative(kernelName: keyof typeof UNARY_OPS) {
  return (_tf: TfModule, blas: NativeBlas, fallback: KernelFunc): KernelConfig => ({
    kernelName,
    backendName: 'wasm',
    kernelFunc: (args) => {
      const { x } = args.inputs as { x: TensorInfo };
      if (x.dtype !== 'float32') return fallback(args);
      const be = args.backend as BackendWasm;
      const out = be.makeOutput(x.shape, 'float32');
      const n = x.shape.reduce((p, q) => p * q, 1);
      const alpha = (args.attrs as { alpha?: number } | undefined)?.alpha ?? 0;
      if (n > 0) blas.unary(heapBuffer(be), UNARY_OPS[kernelName], offsetOf(be, x), offsetOf(be, out), n, alpha);
      return out;
    },
  });
}
