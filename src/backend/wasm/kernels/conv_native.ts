import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { NativeBlas } from '../../native/addon';
import type { TfModule } from '../../types';
import { convInfo, type ConvAttrs, type ConvInfo } from './conv_common';
import { heapBuffer, offsetOf } from '../heap';

/** The geometry tsdl_blas.c reads: B H W CI OH OW CO KH KW sh sw pt pl dh dw. */
function geometry(c: ConvInfo): number[] {
  return [c.batchSize, c.inHeight, c.inWidth, c.inChannels, c.outHeight, c.outWidth, c.outChannels, c.filterHeight, c.filterWidth, c.strideHeight, c.strideWidth, c.padInfo.top, c.padInfo.left, c.dilationHeight, c.dilationWidth];
}

const floats = (...ts: TensorInfo[]) => ts.every((t) => t.dtype === 'float32');

/** Conv2D as im2col + one multithreaded GEMM (NHWC, float32); wasm's XNNPACK runs on one thread. */
export function conv2dNative(tf: TfModule, blas: NativeBlas, fallback: KernelFunc): KernelConfig {
  return {
    kernelName: 'Conv2D',
    backendName: 'wasm',
    kernelFunc: (args) => {
      const { x, filter } = args.inputs as { x: TensorInfo; filter: TensorInfo };
      const a = args.attrs as unknown as ConvAttrs;
      if (a.dataFormat !== 'NHWC' || !floats(x, filter)) return fallback(args);
      const be = args.backend as BackendWasm;
      const c = convInfo(tf, x.shape, filter.shape, a);
      const out = be.makeOutput(c.outShape, 'float32');
      blas.conv2d(heapBuffer(be), offsetOf(be, x), offsetOf(be, filter), offsetOf(be, out), ...geometry(c));
      return out;
    },
  };
}

/** Conv2DBackpropFilter as im2col + one GEMM (NHWC, float32); `fallback` otherwise. */
export function conv2dBackpropFilterNative(tf: TfModule, blas: NativeBlas, fallback: KernelFunc): KernelConfig {
  return {
    kernelName: 'Conv2DBackpropFilter',
    backendName: 'wasm',
    kernelFunc: (args) => {
      const { x, dy } = args.inputs as { x: TensorInfo; dy: TensorInfo };
      const a = args.attrs as unknown as ConvAttrs;
      if (a.dataFormat !== 'NHWC' || !floats(x, dy)) return fallback(args);
      const be = args.backend as BackendWasm;
      const c = convInfo(tf, x.shape, a.filterShape as number[], a);
      const out = be.makeOutput(a.filterShape as number[], 'float32');
      blas.conv2dBackpropFilter(heapBuffer(be), offsetOf(be, x), offsetOf(be, dy), offsetOf(be, out), ...geometry(c));
      return out;
    },
  };
}

/** Conv2DBackpropInput as one GEMM + col2im (NHWC, float32); `fallback` otherwise. */
export function conv2dBackpropInputNative(tf: TfModule, blas: NativeBlas, fallback: KernelFunc): KernelConfig {
  return {
    kernelName: 'Conv2DBackpropInput',
    backendName: 'wasm',
    kernelFunc: (args) => {
      const { dy, filter } = args.inputs as { dy: TensorInfo; filter: TensorInfo };
      const a = args.attrs as unknown as ConvAttrs;
      if (a.dataFormat !== 'NHWC' || !floats(dy, filter)) return fallback(args);
      const be = args.backend as BackendWasm;
      const c = convInfo(tf, a.inputShape as number[], filter.shape, a);
      const out = be.makeOutput(a.inputShape as number[], 'float32');
      blas.conv2dBackpropInput(heapBuffer(be), offsetOf(be, dy), offsetOf(be, filter), offsetOf(be, out), ...geometry(c));
      return out;
    },
  };
}
