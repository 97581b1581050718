// GatherV2 for the wasm backend as contiguous slice copies.
import type { KernelConfig, TensorInfo } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { TfModule } from '../../types';
import { HEAP_DTYPES, view } from '../heap';

/**
 * GatherV2 as contiguous slice copies. wasm's computes every output element's source index one by
 * one, which made gathering a batch a large part of a Dense training step.
 */
export function gatherV2Config(tf: TfModule, fallback: KernelConfig['kernelFunc']): KernelConfig {
  return {
    kernelName: 'GatherV2',
    backendName: 'wasm',
    kernelFunc: (args) => {
      const { x, indices } = args.inputs as { x: TensorInfo; indices: TensorInfo };
      if (!HEAP_DTYPES.has(x.dtype) || indices.dtype !== 'int32') return fallback(args);
      const { axis, batchDims } = args.attrs as unknown as { axis: number; batchDims?: number };
      const ax = tf.util.parseAxisParam(axis, x.shape)[0];
      const info = tf.backend_util.segment_util.collectGatherOpShapeInfo(x, indices, ax, batchDims ?? 0);
      const be = args.backend as BackendWasm;
      const out = be.makeOutput(info.outputShape, x.dtype);
      const src = view(be, x);
      const idx = view(be, indices) as Int32Array;
      const dst = view(be, out);
      const { batchSize, outerSize, dimSize, sliceSize } = info;
      const perBatch = idx.length / batchSize;
      for (const i of idx) {
        if (i < 0 || i >= dimSize) throw new Error(`GatherV2: the index value ${i} is not in [0, ${dimSize - 1}]`);
      }
      let o = 0;
      for (let b = 0; b < batchSize; b++) {
        for (let r = 0; r < outerSize; r++) {
          const base = (b * outerSize + r) * dimSize;
          for (let j = 0; j < perBatch; j++, o += sliceSize) {
            const s = (base + idx[b * perBatch + j]) * sliceSize;
            dst.set(src.subarray(s, s + sliceSize), o);
          }
        }
      }
      return out;
    },
  };
}
