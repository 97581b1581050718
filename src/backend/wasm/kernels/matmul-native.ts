// BatchMatMul and _FusedMatMul for the wasm backend through the BLAS addon, on the wasm heap.
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { NativeBlas } from '../../native/addon';
import type { TfModule } from '../../types';
import { f32, heapBuffer, offsetOf } from '../heap';

interface MatMulAttrs {
  transposeA: boolean;
  transposeB: boolean;
  activation?: string;
  leakyreluAlpha?: number;
}

const size = (s: number[]) => s.reduce((x, y) => x * y, 1);

/**
 * C = op(A) op(B) through BLAS on the wasm heap, or null when the shapes need something this path
 * does not do (non-float32, batch broadcasting other than 1-vs-n), so the caller uses wasm's kernel.
 */
function gemm(tf: TfModule, blas: NativeBlas, be: BackendWasm, a: TensorInfo, b: TensorInfo, attrs: MatMulAttrs): TensorInfo | null {
  if (a.dtype !== 'float32' || b.dtype !== 'float32') return null;
  const ra = a.shape.length;
  const rb = b.shape.length;
  const [m, k] = attrs.transposeA ? [a.shape[ra - 1], a.shape[ra - 2]] : [a.shape[ra - 2], a.shape[ra - 1]];
  const [k2, n] = attrs.transposeB ? [b.shape[rb - 1], b.shape[rb - 2]] : [b.shape[rb - 2], b.shape[rb - 1]];
  const batchA = size(a.shape.slice(0, -2));
  const batchB = size(b.shape.slice(0, -2));
  if (k !== k2 || (batchA !== batchB && batchA !== 1 && batchB !== 1)) return null;
  const outer = tf.broadcast_util.assertAndGetBroadcastShape(a.shape.slice(0, -2), b.shape.slice(0, -2));
  const batch = Math.max(batchA, batchB);
  const out = be.makeOutput([...outer, m, n], 'float32');
  if (m * n === 0) return out;
  if (k === 0) {
    f32(be, out).fill(0);
    return out;
  }
  const heap = heapBuffer(be);
  blas.sgemmBatch(heap, +attrs.transposeA, +attrs.transposeB, batch, m, n, k, offsetOf(be, a), batchA === 1 ? 0 : m * k, offsetOf(be, b), batchB === 1 ? 0 : k * n, offsetOf(be, out));
  return out;
}

/** BatchMatMul over BLAS; wasm's own kernel for what `gemm` declines. */
export function batchMatMulNative(tf: TfModule, blas: NativeBlas, fallback: KernelFunc): KernelConfig {
  return {
    kernelName: 'BatchMatMul',
    backendName: 'wasm',
    kernelFunc: (args) => {
      const { a, b } = args.inputs as { a: TensorInfo; b: TensorInfo };
      return gemm(tf, blas, args.backend as BackendWasm, a, b, args.attrs as unknown as MatMulAttrs) ?? fallback(args);
    },
  };
}

/** Adds a bias of size n (or 1) to every row of c and applies relu/linear in place. */
function biasActivation(c: Float32Array, bias: Float32Array | null, n: number, relu: boolean): void {
  for (let i = 0; i < c.length; i += n) {
    for (let j = 0; j < n; j++) {
      const v = c[i + j] + (bias ? bias[bias.length === 1 ? 0 : j] : 0);
      c[i + j] = relu && v < 0 ? 0 : v;
    }
  }
}

/** _FusedMatMul (Dense's forward pass) over BLAS for linear/relu with a per-column bias. */
export function fusedMatMulNative(tf: TfModule, blas: NativeBlas, fallback: KernelFunc): KernelConfig {
  return {
    kernelName: '_FusedMatMul',
    backendName: 'wasm',
    kernelFunc: (args) => {
      const { a, b, bias, preluActivationWeights } = args.inputs as Record<string, TensorInfo | undefined>;
      const attrs = args.attrs as unknown as MatMulAttrs;
      const act = attrs.activation ?? 'linear';
      const n = attrs.transposeB ? b!.shape[b!.shape.length - 2] : b!.shape[b!.shape.length - 1];
      const biasOk = !bias || (bias.dtype === 'float32' && (size(bias.shape) === 1 || (size(bias.shape) === n && bias.shape[bias.shape.length - 1] === n)));
      if (preluActivationWeights || (act !== 'linear' && act !== 'relu') || !biasOk) return fallback(args);
      const be = args.backend as BackendWasm;
      const out = gemm(tf, blas, be, a!, b!, attrs);
      if (!out) return fallback(args);
      if (bias || act === 'relu') biasActivation(f32(be, out), bias ? f32(be, bias) : null, n, act === 'relu');
      return out;
    },
  };
}
