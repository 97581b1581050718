// Conv2D and its two gradients for the wasm backend as im2col plus one multithreaded GEMM in the BLAS addon.
import type { KernelConfig, KernelFunc } from '@tensorflow/tfjs';
import type { NativeBlas } from '../../native/addon';
import type { TfModule } from '../../types';
import { convKernel, type ConvInfo } from './conv-common';
import { heapBuffer, offsetOf } from '../heap';

/** The geometry tsdl_blas.c reads: B H W CI OH OW CO KH KW sh sw pt pl dh dw. */
function geometry(c: ConvInfo): number[] {
  return [c.batchSize, c.inHeight, c.inWidth, c.inChannels, c.outHeight, c.outWidth, c.outChannels, c.filterHeight, c.filterWidth, c.strideHeight, c.strideWidth, c.padInfo.top, c.padInfo.left, c.dilationHeight, c.dilationWidth];
}

/** Conv2D as im2col + one multithreaded GEMM (NHWC, float32); wasm's XNNPACK runs on one thread. */
export function conv2dNative(tf: TfModule, blas: NativeBlas, fallback: KernelFunc): KernelConfig {
  return convKernel(tf, 'Conv2D', fallback, (be, x, filter, c) => {
    const out = be.makeOutput(c.outShape, 'float32');
    blas.conv2d(heapBuffer(be), offsetOf(be, x), offsetOf(be, filter), offsetOf(be, out), ...geometry(c));
    return out;
  });
}

/** Conv2DBackpropFilter as im2col + one GEMM (NHWC, float32); `fallback` otherwise. */
export function conv2dBackpropFilterNative(tf: TfModule, blas: NativeBlas, fallback: KernelFunc): KernelConfig {
  return convKernel(tf, 'Conv2DBackpropFilter', fallback, (be, x, dy, c, a) => {
    const out = be.makeOutput(a.filterShape as number[], 'float32');
    blas.conv2dBackpropFilter(heapBuffer(be), offsetOf(be, x), offsetOf(be, dy), offsetOf(be, out), ...geometry(c));
    return out;
  });
}

/** Conv2DBackpropInput as one GEMM + col2im (NHWC, float32); `fallback` otherwise. */
export function conv2dBackpropInputNative(tf: TfModule, blas: NativeBlas, fallback: KernelFunc): KernelConfig {
  return convKernel(tf, 'Conv2DBackpropInput', fallback, (be, dy, filter, c, a) => {
    const out = be.makeOutput(a.inputShape as number[], 'float32');
    blas.conv2dBackpropInput(heapBuffer(be), offsetOf(be, dy), offsetOf(be, filter), offsetOf(be, out), ...geometry(c));
    return out;
  });
}
