// Convolution, pooling, padding and resampling layers (keras/src/layers/convolutional, pooling, reshaping).
import * as tf from '@tensorflow/tfjs';
import { layerFactory } from './factory';
import { DEPTHWISE, KERNEL, withKerasDefaults } from './keras-defaults';

const L = tf.layers;
type Size = number | number[];

/**
 * Keras's `Conv1D`: 1D convolution over [batch, steps, channels], e.g. for sequences.
 * `filters`, `kernel_size`; options `strides` (1), `padding` ('valid' or 'same'), `dilation_rate` (1), `activation` (none),
 * `use_bias` (true), `kernel_initializer` ('glorot_uniform'), `kernel_regularizer`.
 * @example layers.Conv1D(32, 3, { activation: 'relu' })
 */
export const Conv1D = layerFactory<typeof L.conv1d, [filters: number, kernelSize: Size]>('Conv1D', withKerasDefaults(KERNEL, L.conv1d), ['filters', 'kernelSize']);
/**
 * Keras's `Conv2D`: 2D convolution over images, [batch, height, width, channels] (data_format 'channels_last').
 * `filters`, `kernel_size`; options `strides` (1), `padding` ('valid' or 'same'), `dilation_rate` (1), `activation` (none),
 * `use_bias` (true), `kernel_initializer` ('glorot_uniform'), `kernel_regularizer`, `data_format`.
 * @example layers.Conv2D(32, 3, { activation: 'relu', input_shape: [28, 28, 1] })
 */
export const Conv2D = layerFactory<typeof L.conv2d, [filters: number, kernelSize: Size]>('Conv2D', withKerasDefaults(KERNEL, L.conv2d), ['filters', 'kernelSize']);
/**
 * Keras's `Conv3D`: 3D convolution over volumes, [batch, depth, height, width, channels].
 * `filters`, `kernel_size`; options `strides` (1), `padding` ('valid' or 'same'), `dilation_rate` (1), `activation` (none),
 * `use_bias` (true), `kernel_initializer` ('glorot_uniform'), `data_format`.
 * @example layers.Conv3D(16, 3, { activation: 'relu' })
 */
export const Conv3D = layerFactory<typeof L.conv3d, [filters: number, kernelSize: Size]>('Conv3D', withKerasDefaults(KERNEL, L.conv3d), ['filters', 'kernelSize']);
/**
 * Keras's `Conv2DTranspose`: transposed 2D convolution ("deconvolution"), to upsample feature maps.
 * `filters`, `kernel_size`; options `strides` (1), `padding` ('valid' or 'same'), `activation` (none), `use_bias` (true),
 * `kernel_initializer`, `data_format`.
 * @example layers.Conv2DTranspose(32, 3, { strides: 2, padding: 'same' })
 */
export const Conv2DTranspose = layerFactory<typeof L.conv2dTranspose, [filters: number, kernelSize: Size]>('Conv2DTranspose', withKerasDefaults(KERNEL, L.conv2dTranspose), ['filters', 'kernelSize']);
/**
 * Keras's `Conv3DTranspose`: transposed 3D convolution, to upsample volumes.
 * `filters`, `kernel_size`; options `strides` (1), `padding` ('valid' or 'same'), `activation` (none), `use_bias` (true),
 * `kernel_initializer`, `data_format`.
 * @example layers.Conv3DTranspose(16, 3, { strides: 2, padding: 'same' })
 */
export const Conv3DTranspose = layerFactory<typeof L.conv3dTranspose, [filters: number, kernelSize: Size]>('Conv3DTranspose', withKerasDefaults(KERNEL, L.conv3dTranspose), ['filters', 'kernelSize']);
/**
 * Keras's `SeparableConv2D`: a depthwise convolution per channel, then a 1x1 pointwise convolution mixing channels.
 * `filters`, `kernel_size`; options `strides` (1), `padding` ('valid'), `depth_multiplier` (1), `activation` (none),
 * `use_bias` (true), `depthwise_initializer`, `pointwise_initializer`.
 * @example layers.SeparableConv2D(64, 3, { activation: 'relu' })
 */
export const SeparableConv2D = layerFactory<typeof L.separableConv2d, [filters: number, kernelSize: Size]>('SeparableConv2D', L.separableConv2d, ['filters', 'kernelSize']);
/**
 * Keras's `DepthwiseConv2D`: a separate 2D convolution of each input channel (no mixing of channels).
 * `kernel_size`; options `strides` (1), `padding` ('valid'), `depth_multiplier` (1), `activation` (none), `use_bias` (true),
 * `depthwise_initializer`.
 * @example layers.DepthwiseConv2D(3, { padding: 'same' })
 */
export const DepthwiseConv2D = layerFactory<typeof L.depthwiseConv2d, [kernelSize: Size]>('DepthwiseConv2D', withKerasDefaults(DEPTHWISE, L.depthwiseConv2d), ['kernelSize']);

type Pool = [poolSize?: Size, strides?: Size, padding?: 'valid' | 'same'];
const POOL = ['poolSize', 'strides', 'padding'];
/**
 * Keras's `MaxPooling1D`: the maximum over windows of `pool_size` steps of [batch, steps, channels].
 * `pool_size` (2), `strides` (pool_size), `padding` ('valid' or 'same').
 * @example layers.MaxPooling1D(2)
 */
export const MaxPooling1D = layerFactory<typeof L.maxPooling1d, Pool>('MaxPooling1D', L.maxPooling1d, POOL);
/**
 * Keras's `MaxPooling2D`: the maximum over `pool_size` windows of images.
 * `pool_size` (2, i.e. [2, 2]), `strides` (pool_size), `padding` ('valid' or 'same'); option `data_format`.
 * @example layers.MaxPooling2D(2)
 */
export const MaxPooling2D = layerFactory<typeof L.maxPooling2d, Pool>('MaxPooling2D', L.maxPooling2d, POOL);
/**
 * Keras's `MaxPooling3D`: the maximum over `pool_size` windows of volumes.
 * `pool_size` (2, i.e. [2, 2, 2]), `strides` (pool_size), `padding` ('valid' or 'same'); option `data_format`.
 * @example layers.MaxPooling3D(2)
 */
export const MaxPooling3D = layerFactory<typeof L.maxPooling3d, Pool>('MaxPooling3D', L.maxPooling3d, POOL);
/**
 * Keras's `AveragePooling1D`: the mean over windows of `pool_size` steps of [batch, steps, channels].
 * `pool_size` (2), `strides` (pool_size), `padding` ('valid' or 'same').
 * @example layers.AveragePooling1D(2)
 */
export const AveragePooling1D = layerFactory<typeof L.averagePooling1d, Pool>('AveragePooling1D', L.averagePooling1d, POOL);
/**
 * Keras's `AveragePooling2D`: the mean over `pool_size` windows of images.
 * `pool_size` (2, i.e. [2, 2]), `strides` (pool_size), `padding` ('valid' or 'same'); option `data_format`.
 * @example layers.AveragePooling2D(2)
 */
export const AveragePooling2D = layerFactory<typeof L.averagePooling2d, Pool>('AveragePooling2D', L.averagePooling2d, POOL);
/**
 * Keras's `AveragePooling3D`: the mean over `pool_size` windows of volumes.
 * `pool_size` (2, i.e. [2, 2, 2]), `strides` (pool_size), `padding` ('valid' or 'same'); option `data_format`.
 * @example layers.AveragePooling3D(2)
 */
export const AveragePooling3D = layerFactory<typeof L.averagePooling3d, Pool>('AveragePooling3D', L.averagePooling3d, POOL);
/**
 * Keras's `GlobalAveragePooling1D`: the mean over the steps, [batch, steps, channels] → [batch, channels].
 * @example layers.GlobalAveragePooling1D()
 */
export const GlobalAveragePooling1D = layerFactory<typeof L.globalAveragePooling1d>('GlobalAveragePooling1D', L.globalAveragePooling1d);
/**
 * Keras's `GlobalAveragePooling2D`: the mean over height and width, [batch, h, w, channels] → [batch, channels].
 * Option `data_format` ('channels_last').
 * @example layers.GlobalAveragePooling2D()
 */
export const GlobalAveragePooling2D = layerFactory<typeof L.globalAveragePooling2d>('GlobalAveragePooling2D', L.globalAveragePooling2d);
/**
 * Keras's `GlobalMaxPooling1D`: the maximum over the steps, [batch, steps, channels] → [batch, channels].
 * @example layers.GlobalMaxPooling1D()
 */
export const GlobalMaxPooling1D = layerFactory<typeof L.globalMaxPooling1d>('GlobalMaxPooling1D', L.globalMaxPooling1d);
/**
 * Keras's `GlobalMaxPooling2D`: the maximum over height and width, [batch, h, w, channels] → [batch, channels].
 * Option `data_format` ('channels_last').
 * @example layers.GlobalMaxPooling2D()
 */
export const GlobalMaxPooling2D = layerFactory<typeof L.globalMaxPooling2d>('GlobalMaxPooling2D', L.globalMaxPooling2d);
// Keras's short aliases.
/** Keras's short name for {@link MaxPooling1D}. */
export const MaxPool1D = MaxPooling1D;
/** Keras's short name for {@link MaxPooling2D}. */
export const MaxPool2D = MaxPooling2D;
/** Keras's short name for {@link MaxPooling3D}. */
export const MaxPool3D = MaxPooling3D;
/** Keras's short name for {@link AveragePooling1D}. */
export const AvgPool1D = AveragePooling1D;
/** Keras's short name for {@link AveragePooling2D}. */
export const AvgPool2D = AveragePooling2D;
/** Keras's short name for {@link AveragePooling3D}. */
export const AvgPool3D = AveragePooling3D;

/**
 * Keras's `ZeroPadding2D`: adds rows and columns of zeros around images.
 * `padding` (1): a number, [rows, cols], or [[top, bottom], [left, right]]; option `data_format`.
 * @example layers.ZeroPadding2D(2)
 */
export const ZeroPadding2D = layerFactory<typeof L.zeroPadding2d, [padding: Size | [number, number][]]>('ZeroPadding2D', L.zeroPadding2d, ['padding']);
/**
 * Keras's `Cropping2D`: removes rows and columns at the edges of images.
 * `cropping`: a number, [rows, cols], or [[top, bottom], [left, right]]; option `data_format`.
 * @example layers.Cropping2D([[2, 2], [4, 4]])
 */
export const Cropping2D = layerFactory<typeof L.cropping2D, [cropping: Size | [number, number][]]>('Cropping2D', L.cropping2D, ['cropping']);
/**
 * Keras's `UpSampling2D`: repeats the rows and columns of images `size` times.
 * `size` ([2, 2]); options `interpolation` ('nearest' or 'bilinear'), `data_format`.
 * @example layers.UpSampling2D([2, 2])
 */
export const UpSampling2D = layerFactory<typeof L.upSampling2d, [size: number[]]>('UpSampling2D', L.upSampling2d, ['size']);
