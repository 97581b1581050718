// Conv2D's gradients for the wasm backend without the addon: im2col in JavaScript, then XNNPACK's matmul.
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { TfModule } from '../../types';
import { convKernel, type ConvInfo } from './conv-common';
import { f32 } from '../heap';

/**
 * Visits the im2col matrix: for row (b, oh, ow) and patch position (kh, kw), `f(colOffset, xOffset)`
 * with the CI-long runs that line up (padding positions skipped).
 */
function eachPatch(c: ConvInfo, f: (col: number, x: number) => void): void {
  const k = c.filterHeight * c.filterWidth * c.inChannels;
  let row = 0;
  for (let b = 0; b < c.batchSize; b++) {
    for (let oh = 0; oh < c.outHeight; oh++) {
      for (let ow = 0; ow < c.outWidth; ow++, row++) {
        for (let kh = 0; kh < c.filterHeight; kh++) {
          const ih = oh * c.strideHeight - c.padInfo.top + kh;
          if (ih < 0 || ih >= c.inHeight) continue;
          for (let kw = 0; kw < c.filterWidth; kw++) {
            const iw = ow * c.strideWidth - c.padInfo.left + kw;
            if (iw < 0 || iw >= c.inWidth) continue;
            f(row * k + (kh * c.filterWidth + kw) * c.inChannels, ((b * c.inHeight + ih) * c.inWidth + iw) * c.inChannels);
          }
        }
      }
    }
  }
}

/** The wasm BatchMatMul registered now (XNNPACK, behind tsdl's transpose wrapper). */
function matMul(tf: TfModule, be: BackendWasm, a: TensorInfo, b: TensorInfo, transposeA: boolean, transposeB: boolean): TensorInfo {
  const mm = tf.getKernel('BatchMatMul', 'wasm').kernelFunc;
  return mm({ inputs: { a, b }, backend: be, attrs: { transposeA, transposeB } }) as TensorInfo;
}

const as2d = (t: TensorInfo, rows: number, cols: number): TensorInfo => ({ ...t, shape: [rows, cols] });

/**
 * Conv2DBackpropFilter as im2col + one matmul (dW = colsᵀ·dy) where the native addon is absent:
 * the cpu bridge's kernel reads element by element, which is far too slow for a convnet's layers.
 */
export function conv2dBackpropFilterIm2col(tf: TfModule, fallback: KernelFunc): KernelConfig {
  return convKernel(tf, 'Conv2DBackpropFilter', fallback, (be, x, dy, c, a) => {
    const rows = c.batchSize * c.outHeight * c.outWidth;
    const k = c.filterHeight * c.filterWidth * c.inChannels;
    const cols = be.makeOutput([rows, k], 'float32');
    const cv = f32(be, cols);
    const xv = f32(be, x);
    cv.fill(0);
    const ci = c.inChannels;
    eachPatch(c, (col, xo) => {
      for (let i = 0; i < ci; i++) cv[col + i] = xv[xo + i];
    });
    try {
      const out = matMul(tf, be, cols, as2d(dy, rows, c.outChannels), true, false);
      return { ...out, shape: a.filterShape as number[] };
    } finally {
      be.disposeData(cols.dataId);
    }
  });
}

/** Conv2DBackpropInput as one matmul (dcols = dy·Wᵀ) + col2im; wasm's is a plain loop. */
export function conv2dBackpropInputIm2col(tf: TfModule, fallback: KernelFunc): KernelConfig {
  return convKernel(tf, 'Conv2DBackpropInput', fallback, (be, dy, filter, c, a) => {
    const rows = c.batchSize * c.outHeight * c.outWidth;
    const k = c.filterHeight * c.filterWidth * c.inChannels;
    const dcols = matMul(tf, be, as2d(dy, rows, c.outChannels), as2d(filter, k, c.outChannels), false, true);
    try {
      const out = be.makeOutput(a.inputShape as number[], 'float32');
      const dv = f32(be, dcols);
      const ov = f32(be, out);
      ov.fill(0);
      const ci = c.inChannels;
      eachPatch(c, (col, xo) => {
        for (let i = 0; i < ci; i++) ov[xo + i] += dv[col + i];
      });
      return out;
    } finally {
      be.disposeData(dcols.dataId);
    }
  });
}
