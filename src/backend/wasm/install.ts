// Puts tsdl's own kernels into the wasm backend: the native BLAS ones where the addon loads, JavaScript ones
// otherwise, and the cpu bridge for kernels wasm lacks; reports which are in use.
import type { KernelConfig, KernelFunc } from '@tensorflow/tfjs';
import { loadNative, type NativeBlas } from '../native/addon';
import { registerRnnWasmKernels } from '../rnn/rnn-kernels';
import type { TfModule } from '../types';
import { registerCpuBridges } from './bridge';
import { heapOnHugePages } from './huge-pages';
import { jsRowCopier, nativeRowCopier, type RowCopier } from './copy-rows';
import { COMPARE, compareConfig } from './kernels/compare';
import { concatConfig } from './kernels/concat';
import { conv2dBackpropFilterIm2col, conv2dBackpropInputIm2col } from './kernels/conv-im2col';
import { conv2dBackpropFilterNative, conv2dBackpropInputNative, conv2dNative } from './kernels/conv-native';
import { gatherV2Config } from './kernels/gather';
import { identityConfig } from './kernels/identity';
import { batchMatMulNative, fusedMatMulNative } from './kernels/matmul-native';
import { batchMatMulTransposedConfig } from './kernels/matmul-transposed';
import { maxPoolGradConfig, maxPoolGradNative } from './kernels/max-pool-grad';
import { replaceKernel } from './kernels/replace';
import { unsortedSegmentSumConfig } from './kernels/segment-sum';
import { selectConfig } from './kernels/select';
import { sliceConfig, stridedSliceConfig } from './kernels/slice';
import { splitVConfig, unpackConfig } from './kernels/split';
import { sumConfig, sumNative } from './kernels/sum';
import { UNARY_OPS, unaryNative } from './kernels/unary-native';

export interface WasmKernelReport {
  /** True when the native BLAS path is in use. */
  active: boolean;
  detail: string;
  /** Kernels wasm lacked, now run through the cpu bridge. */
  bridged: string[];
  /** Kernels replaced or added with tsdl's own implementations. */
  replaced: string[];
}

/** A tsdl kernel built over the kernel it replaces (its fallback for cases it does not cover). */
type Own = (tf: TfModule, fallback: KernelFunc, copy: RowCopier) => KernelConfig;
type Native = (tf: TfModule, blas: NativeBlas, fallback: KernelFunc) => KernelConfig;

/** Plain-JS kernels on the wasm heap: correctness fixes and wasm's slowest data movers. */
const OWN: [string, Own][] = [
  ['MaxPoolGrad', (tf) => maxPoolGradConfig(tf)],
  ['UnsortedSegmentSum', () => unsortedSegmentSumConfig()],
  ['GatherV2', gatherV2Config],
  ['Slice', sliceConfig],
  ['StridedSlice', stridedSliceConfig],
  ['BatchMatMul', batchMatMulTransposedConfig],
  ['Conv2DBackpropInput', conv2dBackpropInputIm2col],
  ['Unpack', unpackConfig],
  ['SplitV', splitVConfig],
  ['Concat', concatConfig],
  ['Sum', sumConfig],
  ['Select', (_tf, fallback) => selectConfig(fallback)],
  ['Identity', (_tf, fallback) => identityConfig(fallback)],
  ...Object.keys(COMPARE).map((k): [string, Own] => [k, (_tf, fallback) => compareConfig(k, fallback)]),
];

/** Kernels over the native addon (BLAS GEMM, im2col, vectorised elementwise). */
const NATIVE: [string, Native][] = [
  ['BatchMatMul', batchMatMulNative],
  ['_FusedMatMul', fusedMatMulNative],
  ['Conv2D', conv2dNative],
  ['Conv2DBackpropFilter', conv2dBackpropFilterNative],
  ['Conv2DBackpropInput', conv2dBackpropInputNative],
  ['MaxPoolGrad', maxPoolGradNative],
  ['Sum', sumNative],
  ...(Object.keys(UNARY_OPS) as (keyof typeof UNARY_OPS)[]).map((k): [string, Native] => [k, unaryNative(k)]),
];

let installed: WasmKernelReport | null = null;

const previous = (tf: TfModule, name: string): KernelFunc =>
  tf.getKernel(name, 'wasm')?.kernelFunc ??
  (() => {
    throw new Error(`${name}: no wasm kernel to fall back to`);
  });

/**
 * Registers tsdl's kernels over the wasm backend once per process: own JS kernels, a cpu bridge for
 * every kernel wasm still lacks, then — where the native addon found a BLAS — native kernels.
 */
export function installWasmKernels(tf: TfModule): WasmKernelReport {
  if (installed) return installed;
  const replaced: string[] = [];
  const native = loadNative();
  const copy = native.ok ? nativeRowCopier(native.addon) : jsRowCopier;
  for (const [name, make] of OWN) {
    replaceKernel(tf, make(tf, previous(tf, name), copy));
    replaced.push(name);
  }
  const bridged = registerCpuBridges(tf);
  // After the bridge, so the bridged cpu kernel is its fallback for NCHW.
  replaceKernel(tf, conv2dBackpropFilterIm2col(tf, previous(tf, 'Conv2DBackpropFilter')));
  replaced.push('Conv2DBackpropFilter');
  if (native.ok) {
    for (const [name, make] of NATIVE) {
      replaceKernel(tf, make(tf, native.addon, previous(tf, name)));
      replaced.push(name);
    }
  }
  replaced.push(...registerRnnWasmKernels(tf, native.ok ? native.addon : null));
  const kernels = [...new Set(replaced)];
  const fast = native.ok ? `native BLAS (${native.addon.blas}, up to ${native.threads} threads)` : `no native BLAS: ${native.reason}`;
  const hugePages = native.ok && heapOnHugePages(tf, native.addon) ? '; the wasm heap on huge pages' : '';
  installed = {
    active: native.ok,
    detail: `${fast}; ${kernels.length} tsdl kernels, ${bridged.length} via the cpu bridge${hugePages}`,
    bridged,
    replaced: kernels,
  };
  return installed;
}
