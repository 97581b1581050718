// Keras's defaults where TensorFlow.js's differ: kernels start glorot_uniform (tfjs: glorot_normal), recurrent
// gates are sigmoid (tfjs: Keras 1's hard_sigmoid), Softmax works on the last axis (tfjs: axis 1).
import type { Options } from '../options';

/** Wraps a layer constructor so that the options the user left out take Keras's values. */
export function withKerasDefaults<A, L>(defaults: Options, create: (args: A) => L): (args: A) => L {
  return (args) => {
    const options = args as unknown as Options;
    for (const [key, value] of Object.entries(defaults)) if (options[key] === undefined) options[key] = value;
    return create(args);
  };
}

/** Dense and convolutions. */
export const KERNEL = { kernelInitializer: 'glorotUniform' };
/** Recurrent layers and cells: the input kernel, and the gates. */
export const RECURRENT = { kernelInitializer: 'glorotUniform', recurrentActivation: 'sigmoid' };
/** SimpleRNN has no gates. */
export const SIMPLE_RECURRENT = { kernelInitializer: 'glorotUniform' };
/** DepthwiseConv2D's only kernel. */
export const DEPTHWISE = { depthwiseInitializer: 'glorotUniform' };
/** Softmax over the last axis. */
export const SOFTMAX = { axis: -1 };
