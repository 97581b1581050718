// UnsortedSegmentSum for the wasm backend in one pass (the gradient of Embedding's gather).
import type { KernelConfig, TensorInfo } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { view } from '../heap';

/**
 * UnsortedSegmentSum in one pass: out[ids[i]] += x[i] (ids outside [0, numSegments) are dropped,
 * as `cpu` drops them). It is the gradient of Embedding's gather; wasm has none and `cpu`'s builds
 * one mask per segment (10,000 of them for the book's IMDB model).
 */
export function unsortedSegmentSumConfig(): KernelConfig {
  return {
    kernelName: 'UnsortedSegmentSum',
    backendName: 'wasm',
    kernelFunc: (args) => {
      const { x, segmentIds } = args.inputs as { x: TensorInfo; segmentIds: TensorInfo };
      const { numSegments } = args.attrs as unknown as { numSegments: number };
      if ((x.dtype !== 'float32' && x.dtype !== 'int32') || segmentIds.dtype !== 'int32') {
        throw new Error(`UnsortedSegmentSum: unsupported dtypes ${x.dtype}, ${segmentIds.dtype}`);
      }
      const inner = x.shape.slice(segmentIds.shape.length);
      const slice = inner.reduce((a, b) => a * b, 1);
      const be = args.backend as BackendWasm;
      const out = be.makeOutput([numSegments, ...inner], x.dtype);
      const src = view(be, x);
      const ids = view(be, segmentIds) as Int32Array;
      const dst = view(be, out);
      dst.fill(0);
      for (let i = 0; i < ids.length; i++) {
        const s = ids[i];
        if (s < 0 || s >= numSegments) continue;
        const d = s * slice;
        const o = i * slice;
        for (let k = 0; k < slice; k++) dst[d + k] += src[o + k];
      }
      return out;
    },
  };
}
