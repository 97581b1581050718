// Recurrent layers and wrappers (keras/src/layers/rnn).
import * as tf from '@tensorflow/tfjs';
import { layerFactory } from './factory';
import { RECURRENT, SIMPLE_RECURRENT, withKerasDefaults } from './keras-defaults';
import { FusedGRU, FusedLSTM, FusedSimpleRNN } from './recurrent-fused';

const L = tf.layers;
type Layer = tf.layers.Layer;

// The recurrent layers run fused where they can (recurrent-fused.ts).
/**
 * Keras's `SimpleRNN`: a fully connected RNN whose output is fed back as the next step's input, over [batch, steps, features].
 * `units`; options `activation` ('tanh'), `use_bias` (true), `return_sequences` (false), `return_state` (false),
 * `go_backwards` (false), `stateful` (false), `dropout` (0), `recurrent_dropout` (0).
 * @example layers.SimpleRNN(32, { return_sequences: true })
 */
export const SimpleRNN = layerFactory<typeof L.simpleRNN, [units: number]>('SimpleRNN', withKerasDefaults(SIMPLE_RECURRENT, (args) => new FusedSimpleRNN(args)), ['units']);
/**
 * Keras's `LSTM`: long short-term memory over [batch, steps, features].
 * `units`; options `activation` ('tanh'), `recurrent_activation` ('sigmoid'), `use_bias` (true), `return_sequences` (false),
 * `return_state` (false), `go_backwards` (false), `stateful` (false), `dropout` (0), `recurrent_dropout` (0).
 * @example layers.LSTM(64, { return_sequences: true })
 */
export const LSTM = layerFactory<typeof L.lstm, [units: number]>('LSTM', withKerasDefaults(RECURRENT, (args) => new FusedLSTM(args)), ['units']);
/**
 * Keras's `GRU`: gated recurrent unit over [batch, steps, features].
 * `units`; options `activation` ('tanh'), `recurrent_activation` ('sigmoid'), `use_bias` (true), `return_sequences` (false),
 * `return_state` (false), `go_backwards` (false), `stateful` (false), `dropout` (0), `recurrent_dropout` (0).
 * @example layers.GRU(64)
 */
export const GRU = layerFactory<typeof L.gru, [units: number]>('GRU', withKerasDefaults(RECURRENT, (args) => new FusedGRU(args)), ['units']);
/**
 * Keras's `SimpleRNNCell`: one step of {@link SimpleRNN}, for `layers.RNN` or `layers.StackedRNNCells`.
 * `units`; options `activation` ('tanh'), `use_bias` (true), `dropout` (0), `recurrent_dropout` (0).
 * @example layers.RNN(layers.SimpleRNNCell(32))
 */
export const SimpleRNNCell = layerFactory<typeof L.simpleRNNCell, [units: number]>('SimpleRNNCell', withKerasDefaults(SIMPLE_RECURRENT, L.simpleRNNCell), ['units']);
/**
 * Keras's `LSTMCell`: one step of {@link LSTM}, for `layers.RNN` or `layers.StackedRNNCells`.
 * `units`; options `activation` ('tanh'), `recurrent_activation` ('sigmoid'),
 * `use_bias` (true), `dropout` (0), `recurrent_dropout` (0).
 * @example layers.RNN(layers.LSTMCell(32, { recurrent_activation: 'sigmoid' }))
 */
export const LSTMCell = layerFactory<typeof L.lstmCell, [units: number]>('LSTMCell', withKerasDefaults(RECURRENT, L.lstmCell), ['units']);
/**
 * Keras's `GRUCell`: one step of {@link GRU}, for `layers.RNN` or `layers.StackedRNNCells`.
 * `units`; options `activation` ('tanh'), `recurrent_activation` ('sigmoid'),
 * `use_bias` (true), `dropout` (0), `recurrent_dropout` (0).
 * @example layers.RNN(layers.GRUCell(32, { recurrent_activation: 'sigmoid' }))
 */
export const GRUCell = layerFactory<typeof L.gruCell, [units: number]>('GRUCell', withKerasDefaults(RECURRENT, L.gruCell), ['units']);
/**
 * Keras's `ConvLSTM2D`: an LSTM whose transformations are 2D convolutions, over [batch, time, rows, cols, channels].
 * `filters`, `kernel_size`; options `strides` (1), `padding` ('valid'), `activation` ('tanh'), `recurrent_activation`
 * ('sigmoid'), `return_sequences` (false), `dropout` (0), `recurrent_dropout` (0).
 * @example layers.ConvLSTM2D(16, 3, { padding: 'same', return_sequences: true })
 */
export const ConvLSTM2D = layerFactory<typeof L.convLstm2d, [filters: number, kernelSize: number | number[]]>('ConvLSTM2D', withKerasDefaults(RECURRENT, L.convLstm2d), ['filters', 'kernelSize']);
/**
 * Keras's `ConvLSTM2DCell`: one step of {@link ConvLSTM2D}, for `layers.RNN`-style use.
 * `filters`, `kernel_size`; options `strides` (1), `padding` ('valid'), `activation` ('tanh'), `recurrent_activation`.
 */
export const ConvLSTM2DCell = layerFactory<typeof L.convLstm2dCell, [filters: number, kernelSize: number | number[]]>('ConvLSTM2DCell', withKerasDefaults(RECURRENT, L.convLstm2dCell), ['filters', 'kernelSize']);
/**
 * Keras's `RNN`: runs a cell (or a list of cells, stacked) over the time steps of [batch, steps, features].
 * `cell`; options `return_sequences` (false), `return_state` (false), `go_backwards` (false), `stateful` (false), `unroll` (false).
 * @example layers.RNN(layers.LSTMCell(32), { return_sequences: true })
 */
export const RNN = layerFactory<typeof L.rnn, [cell: Layer | Layer[]]>('RNN', L.rnn, ['cell']);
/**
 * Keras's `StackedRNNCells`: several RNN cells that act as one, each feeding the next, for `layers.RNN`.
 * `cells`.
 * @example layers.RNN(layers.StackedRNNCells([layers.LSTMCell(32), layers.LSTMCell(32)]))
 */
export const StackedRNNCells = layerFactory<typeof L.stackedRNNCells, [cells: Layer[]]>('StackedRNNCells', L.stackedRNNCells, ['cells']);
/**
 * Keras's `Bidirectional`: runs a recurrent layer forwards and a copy backwards, and merges their outputs.
 * `layer`; option `merge_mode` ('concat'; also 'sum', 'mul', 'ave', or null for a list).
 * @example layers.Bidirectional(layers.LSTM(32))
 */
export const Bidirectional = layerFactory<typeof L.bidirectional, [layer: Layer]>('Bidirectional', L.bidirectional, ['layer']);
/**
 * Keras's `TimeDistributed`: applies `layer` to every time step of [batch, steps, ...] separately.
 * `layer`.
 * @example layers.TimeDistributed(layers.Dense(8))
 */
export const TimeDistributed = layerFactory<typeof L.timeDistributed, [layer: Layer]>('TimeDistributed', L.timeDistributed, ['layer']);
