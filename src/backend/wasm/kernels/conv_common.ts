// What the convolution kernels share: tfjs's attributes for them and the geometry tfjs computes from those.
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
