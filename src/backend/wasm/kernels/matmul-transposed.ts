// BatchMatMul with transposed operands for the wasm backend without the addon: an explicit Transpose, then XNNPACK.
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { TfModule } from '../../types';

/**
 * BatchMatMul with transposeA/B as Transpose + wasm's XNNPACK matmul: wasm's own transposed path is a
 * naive loop, many times slower on a Dense gradient. The path used where the native addon is absent.
 */
export function batchMatMulTransposedConfig(tf: TfModule, fallback: KernelFunc): KernelConfig {
  const transpose = tf.getKernel('Transpose', 'wasm').kernelFunc;
  return {
    kernelName: 'BatchMatMul',
    backendName: 'wasm',
    kernelFunc: (args) => {
      const attrs = args.attrs as unknown as { transposeA: boolean; transposeB: boolean };
      if (!attrs.transposeA && !attrs.transposeB) return fallback(args);
      const be = args.backend as BackendWasm;
      const temps: TensorInfo[] = [];
      const plain = (t: TensorInfo, flip: boolean): TensorInfo => {
        if (!flip) return t;
        const r = t.shape.length;
        const perm = [...Array(r - 2).keys(), r - 1, r - 2];
        const out = transpose({ inputs: { x: t }, backend: be, attrs: { perm } }) as TensorInfo;
        temps.push(out);
        return out;
      };
      const { a, b } = args.inputs as { a: TensorInfo; b: TensorInfo };
      try {
        const inputs = { a: plain(a, attrs.transposeA), b: plain(b, attrs.transposeB) };
        return fallback({ ...args, inputs, attrs: { ...args.attrs, transposeA: false, transposeB: false } });
      } finally {
        for (const t of temps) be.disposeData(t.dataId);
      }
    },
  };
}
