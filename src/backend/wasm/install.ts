import type { KernelConfig, KernelFunc } from '@tensorflow/tfjs';
import { loadNative, type NativeBlas } from '../native/addon';
import type { TfModule } from '../types';
import { registerCpuBridges } from './bridge';
import { conv2dBackpropFilterNative, conv2dBackpropInputNative } from './kernels/conv_native';
import { batchMatMulNative, fusedMatMulNative } from './kernels/matmul_native';
import { maxPoolGradConfig } from './kernels/max_pool_grad';
import { replaceKernel } from './kernels/replace';
import { UNARY_OPS, unaryNative } from './kernels/unary_native';

export interface WasmKernelReport {
  /** True when the native BLAS path is in use. */
  active: boolean;
  detail: string;
  /** Kernels wasm lacked, now run through the cpu bridge. */
  bridged: string[];
  /** Kernels replaced or added with tsdl's own implementations. */
  replaced: string[];
}

type NativeKernel = (tf: TfModule, blas: NativeBlas, fallback: KernelFunc) => KernelConfig;
const NATIVE: [string, NativeKernel][] = [
  ['BatchMatMul', batchMatMulNative],
  ['_FusedMatMul', fusedMatMulNative],
  ['Conv2DBackpropFilter', conv2dBackpropFilterNative],
  ['Conv2DBackpropInput', conv2dBackpropInputNative],
  ...(Object.keys(UNARY_OPS) as (keyof typeof UNARY_OPS)[]).map((k): [string, NativeKernel] => [k, unaryNative(k)]),
];

let installed: WasmKernelReport | null = null;

/**
 * Registers tsdl's kernels over the wasm backend once per process: fixes (MaxPoolGrad), a cpu bridge
 * for every kernel wasm lacks, then — where the native addon and a BLAS exist — BLAS-backed kernels
 * that keep the previous kernel as the fallback for cases they do not cover.
 */
export function installWasmKernels(tf: TfModule): WasmKernelReport {
  if (installed) return installed;
  replaceKernel(tf, maxPoolGradConfig(tf));
  const bridged = registerCpuBridges(tf);
  const replaced = ['MaxPoolGrad'];
  const native = loadNative();
  if (native.ok) {
    for (const [name, make] of NATIVE) {
      replaceKernel(tf, make(tf, native.addon, tf.getKernel(name, 'wasm').kernelFunc));
      replaced.push(name);
    }
  }
  const fast = native.ok ? `BLAS ${native.addon.blas} on ${native.threads} threads` : `no native BLAS (${native.reason})`;
  installed = {
    active: native.ok,
    detail: `${fast}; tsdl kernels: ${replaced.join(', ')}; cpu bridge for ${bridged.length} kernels`,
    bridged,
    replaced,
  };
  return installed;
}
