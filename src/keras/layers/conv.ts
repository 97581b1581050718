// Convolution, pooling, padding and resampling layers (keras/src/layers/convolutional, pooling, reshaping).
import * as tf from '@tensorflow/tfjs';
import { layerFactory } from './factory';

const L = tf.layers;
type Size = number | number[];

export const Conv1D = layerFactory<typeof L.conv1d, [filters: number, kernelSize: Size]>('Conv1D', L.conv1d, ['filters', 'kernelSize']);
export const Conv2D = layerFactory<typeof L.conv2d, [filters: number, kernelSize: Size]>('Conv2D', L.conv2d, ['filters', 'kernelSize']);
export const Conv3D = layerFactory<typeof L.conv3d, [filters: number, kernelSize: Size]>('Conv3D', L.conv3d, ['filters', 'kernelSize']);
export const Conv2DTranspose = layerFactory<typeof L.conv2dTranspose, [filters: number, kernelSize: Size]>('Conv2DTranspose', L.conv2dTranspose, ['filters', 'kernelSize']);
export const Conv3DTranspose = layerFactory<typeof L.conv3dTranspose, [filters: number, kernelSize: Size]>('Conv3DTranspose', L.conv3dTranspose, ['filters', 'kernelSize']);
export const SeparableConv2D = layerFactory<typeof L.separableConv2d, [filters: number, kernelSize: Size]>('SeparableConv2D', L.separableConv2d, ['filters', 'kernelSize']);
export const DepthwiseConv2D = layerFactory<typeof L.depthwiseConv2d, [kernelSize: Size]>('DepthwiseConv2D', L.depthwiseConv2d, ['kernelSize']);

type Pool = [poolSize?: Size, strides?: Size, padding?: 'valid' | 'same'];
const POOL = ['poolSize', 'strides', 'padding'];
export const MaxPooling1D = layerFactory<typeof L.maxPooling1d, Pool>('MaxPooling1D', L.maxPooling1d, POOL);
export const MaxPooling2D = layerFactory<typeof L.maxPooling2d, Pool>('MaxPooling2D', L.maxPooling2d, POOL);
export const MaxPooling3D = layerFactory<typeof L.maxPooling3d, Pool>('MaxPooling3D', L.maxPooling3d, POOL);
export const AveragePooling1D = layerFactory<typeof L.averagePooling1d, Pool>('AveragePooling1D', L.averagePooling1d, POOL);
export const AveragePooling2D = layerFactory<typeof L.averagePooling2d, Pool>('AveragePooling2D', L.averagePooling2d, POOL);
export const AveragePooling3D = layerFactory<typeof L.averagePooling3d, Pool>('AveragePooling3D', L.averagePooling3d, POOL);
export const GlobalAveragePooling1D = layerFactory<typeof L.globalAveragePooling1d>('GlobalAveragePooling1D', L.globalAveragePooling1d);
export const GlobalAveragePooling2D = layerFactory<typeof L.globalAveragePooling2d>('GlobalAveragePooling2D', L.globalAveragePooling2d);
export const GlobalMaxPooling1D = layerFactory<typeof L.globalMaxPooling1d>('GlobalMaxPooling1D', L.globalMaxPooling1d);
export const GlobalMaxPooling2D = layerFactory<typeof L.globalMaxPooling2d>('GlobalMaxPooling2D', L.globalMaxPooling2d);
// Keras's short aliases.
export const MaxPool1D = MaxPooling1D;
export const MaxPool2D = MaxPooling2D;
export const MaxPool3D = MaxPooling3D;
export const AvgPool1D = AveragePooling1D;
export const AvgPool2D = AveragePooling2D;
export const AvgPool3D = AveragePooling3D;

export const ZeroPadding2D = layerFactory<typeof L.zeroPadding2d, [padding: Size | [number, number][]]>('ZeroPadding2D', L.zeroPadding2d, ['padding']);
export const Cropping2D = layerFactory<typeof L.cropping2D, [cropping: Size | [number, number][]]>('Cropping2D', L.cropping2D, ['cropping']);
export const UpSampling2D = layerFactory<typeof L.upSampling2d, [size: number[]]>('UpSampling2D', L.upSampling2d, ['size']);
