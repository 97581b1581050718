// What the convolution kernels share: tfjs's attributes for them and the geometry tfjs computes from those.
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { TfModule } from '../../types';

export type ConvArgs = Parameters<TfModule['backend_util']['computeConv2DInfo']>;
export type ConvInfo = ReturnType<TfModule['backend_util']['computeConv2DInfo']>;

export interface ConvAttrs {
  /** Gradients never carry dilations above 1: tfjs has no gradient for dilated convolution. */
  dilations?: ConvArgs[3];
  strides: ConvArgs[2];
  pad: ConvArgs[4];
  dataFormat: 'NHWC' | 'NCHW';
  dimRoundingMode?: ConvArgs[5];
  filterShape?: ConvArgs[1];
  inputShape?: ConvArgs[0];
}

/** Output size, padding and strides of a channels-last convolution, as tfjs computes them. */
export function convInfo(tf: TfModule, inShape: number[], filterShape: number[], a: ConvAttrs): ConvInfo {
  return tf.backend_util.computeConv2DInfo(
    inShape as ConvArgs[0],
    filterShape as ConvArgs[1],
    a.strides,
    a.dilations ?? 1,
    a.pad,
    a.dimRoundingMode,
    false,
    'channelsLast',
  );
}

export type ConvKernelName = 'Conv2D' | 'Conv2DBackpropFilter' | 'Conv2DBackpropInput';

/** Each kernel's two inputs, in the order the `run` callbacks receive them. */
const INPUTS: Record<ConvKernelName, [string, string]> = {
  Conv2D: ['x', 'filter'],
  Conv2DBackpropFilter: ['x', 'dy'],
  Conv2DBackpropInput: ['dy', 'filter'],
};

/** The forward convolution a kernel belongs to: its input and filter shapes come from inputs or attributes. */
function forwardInfo(tf: TfModule, name: ConvKernelName, first: TensorInfo, second: TensorInfo, a: ConvAttrs): ConvInfo {
  if (name === 'Conv2D') return convInfo(tf, first.shape, second.shape, a);
  if (name === 'Conv2DBackpropFilter') return convInfo(tf, first.shape, a.filterShape as number[], a);
  return convInfo(tf, a.inputShape as number[], second.shape, a);
}

export type ConvRun = (be: BackendWasm, first: TensorInfo, second: TensorInfo, c: ConvInfo, a: ConvAttrs) => TensorInfo;

/** A wasm convolution kernel for channels-last float32 data; anything else goes to `fallback`. */
export function convKernel(tf: TfModule, name: ConvKernelName, fallback: KernelFunc, run: ConvRun): KernelConfig {
  const [firstName, secondName] = INPUTS[name];
  return {
    kernelName: name,
    backendName: 'wasm',
    kernelFunc: (args) => {
      const inputs = args.inputs as Record<string, TensorInfo>;
      const first = inputs[firstName];
      const second = inputs[secondName];
      const a = args.attrs as unknown as ConvAttrs;
      if (a.dataFormat !== 'NHWC' || first.dtype !== 'float32' || second.dtype !== 'float32') return fallback(args);
      const be = args.backend as BackendWasm;
      return run(be, first, second, forwardInfo(tf, name, first, second, a), a);
    },
  };
}
