// MaxPoolGrad for the wasm backend, as `cpu` computes it, in JavaScript or in the addon's C.
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { NativeBlas } from '../../native/addon';
import type { TfModule } from '../../types';
import { f32, heapBuffer, offsetOf } from '../heap';

type PoolAttrs = Parameters<TfModule['backend_util']['computePool2DInfo']>;

interface PoolArgs {
  filterSize: PoolAttrs[1];
  strides: PoolAttrs[2];
  pad: PoolAttrs[4];
  dimRoundingMode?: PoolAttrs[5];
}

function poolInfo(tf: TfModule, input: TensorInfo, attrs: unknown) {
  const a = attrs as PoolArgs;
  return tf.backend_util.computePool2DInfo(input.shape as PoolAttrs[0], a.filterSize, a.strides, 1, a.pad, a.dimRoundingMode);
}

/** The same MaxPoolGrad in C; `fallback` (the JS one) for non-float32 tensors. */
export function maxPoolGradNative(tf: TfModule, blas: NativeBlas, fallback: KernelFunc): KernelConfig {
  return {
    kernelName: 'MaxPoolGrad',
    backendName: 'wasm',
    kernelFunc: (args) => {
      const { dy, input } = args.inputs as { dy: TensorInfo; input: TensorInfo };
      if (input.dtype !== 'float32' || dy.dtype !== 'float32') return fallback(args);
      const c = poolInfo(tf, input, args.attrs);
      const be = args.backend as BackendWasm;
      const out = be.makeOutput(input.shape, 'float32');
      const geo = [c.batchSize, c.inHeight, c.inWidth, c.inChannels, c.outHeight, c.outWidth, c.filterHeight, c.filterWidth, c.strideHeight, c.strideWidth, c.padInfo.top, c.padInfo.left];
      blas.maxPoolGrad(heapBuffer(be), offsetOf(be, input), offsetOf(be, dy), offsetOf(be, out), ...geo);
      return out;
    },
  };
}

/**
 * MaxPoolGrad: routes each dy to the first maximum of its window, as `cpu` does.
 * Replaces wasm's own, which drops gradient when the window does not tile the input (odd sizes).
 */
export function maxPoolGradConfig(tf: TfModule): KernelConfig {
  return {
    kernelName: 'MaxPoolGrad',
    backendName: 'wasm',
    kernelFunc: ({ inputs, backend, attrs }) => {
      const { dy, input } = inputs as { dy: TensorInfo; input: TensorInfo };
      const info = poolInfo(tf, input, attrs);
      const be = backend as BackendWasm;
      const out = be.makeOutput(input.shape, 'float32');
      const x = f32(be, input);
      const g = f32(be, dy);
      const dx = f32(be, out);
      dx.fill(0);
      const { batchSize: B, inHeight: H, inWidth: W, inChannels: C, outHeight: OH, outWidth: OW } = info;
      const { strideHeight: sh, strideWidth: sw, filterHeight: fh, filterWidth: fw } = info;
      const { top, left } = info.padInfo;
      const best = new Float32Array(C);
      const at = new Int32Array(C);
      let gi = 0;
      for (let b = 0; b < B; b++) {
        for (let oh = 0; oh < OH; oh++) {
          const h0 = oh * sh - top;
          for (let ow = 0; ow < OW; ow++) {
            const w0 = ow * sw - left;
            best.fill(-Infinity);
            at.fill(-1);
            for (let kh = Math.max(0, -h0); kh < fh && h0 + kh < H; kh++) {
              for (let kw = Math.max(0, -w0); kw < fw && w0 + kw < W; kw++) {
                const base = ((b * H + h0 + kh) * W + w0 + kw) * C;
                for (let c = 0; c < C; c++) {
                  const v = x[base + c];
                  if (v > best[c] || at[c] < 0) {
                    best[c] = v;
                    at[c] = base + c;
                  }
                }
              }
            }
            for (let c = 0; c < C; c++, gi++) if (at[c] >= 0) dx[at[c]] += g[gi];
          }
        }
      }
      return out;
    },
  };
}
