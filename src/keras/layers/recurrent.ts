// Recurrent layers and wrappers (keras/src/layers/rnn).
import * as tf from '@tensorflow/tfjs';
import { layerFactory } from './factory';
import { FusedGRU, FusedLSTM, FusedSimpleRNN } from './recurrent-fused';

const L = tf.layers;
type Layer = tf.layers.Layer;

/** Keras 2 gates with sigmoid; tfjs defaults to Keras 1's hard sigmoid. */
const keras2Gates = <T extends { recurrentActivation?: unknown }>(args: T): T => {
  args.recurrentActivation ??= 'sigmoid';
  return args;
};

// The recurrent layers run fused where they can (recurrent-fused.ts).
export const SimpleRNN = layerFactory<typeof L.simpleRNN, [units: number]>('SimpleRNN', (args) => new FusedSimpleRNN(args), ['units']);
export const LSTM = layerFactory<typeof L.lstm, [units: number]>('LSTM', (args) => new FusedLSTM(keras2Gates(args)), ['units']);
export const GRU = layerFactory<typeof L.gru, [units: number]>('GRU', (args) => new FusedGRU(keras2Gates(args)), ['units']);
export const SimpleRNNCell = layerFactory<typeof L.simpleRNNCell, [units: number]>('SimpleRNNCell', L.simpleRNNCell, ['units']);
export const LSTMCell = layerFactory<typeof L.lstmCell, [units: number]>('LSTMCell', L.lstmCell, ['units']);
export const GRUCell = layerFactory<typeof L.gruCell, [units: number]>('GRUCell', L.gruCell, ['units']);
export const ConvLSTM2D = layerFactory<typeof L.convLstm2d, [filters: number, kernelSize: number | number[]]>('ConvLSTM2D', L.convLstm2d, ['filters', 'kernelSize']);
export const ConvLSTM2DCell = layerFactory<typeof L.convLstm2dCell, [filters: number, kernelSize: number | number[]]>('ConvLSTM2DCell', L.convLstm2dCell, ['filters', 'kernelSize']);
export const RNN = layerFactory<typeof L.rnn, [cell: Layer | Layer[]]>('RNN', L.rnn, ['cell']);
export const StackedRNNCells = layerFactory<typeof L.stackedRNNCells, [cells: Layer[]]>('StackedRNNCells', L.stackedRNNCells, ['cells']);
export const Bidirectional = layerFactory<typeof L.bidirectional, [layer: Layer]>('Bidirectional', L.bidirectional, ['layer']);
export const TimeDistributed = layerFactory<typeof L.timeDistributed, [layer: Layer]>('TimeDistributed', L.timeDistributed, ['layer']);
