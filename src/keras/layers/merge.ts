// Merge layers (keras/src/layers/merging): the classes and Keras's functional shortcuts `layers.add([a, b])`.
import * as tf from '@tensorflow/tfjs';
import { callable, CallOptions } from '../callable';
import { constructChecked, defaultName, gatherArgs, layerFactory } from './factory';
import type { Options } from '../options';

const L = tf.layers;

export const Add = layerFactory<typeof L.add>('Add', L.add);
export const Average = layerFactory<typeof L.average>('Average', L.average);
export const Maximum = layerFactory<typeof L.maximum>('Maximum', L.maximum);
export const Minimum = layerFactory<typeof L.minimum>('Minimum', L.minimum);
export const Multiply = layerFactory<typeof L.multiply>('Multiply', L.multiply);
export const Concatenate = layerFactory<typeof L.concatenate, [axis?: number]>('Concatenate', L.concatenate, ['axis']);
export const Dot = layerFactory<typeof L.dot, [axes: number | [number, number]]>('Dot', L.dot, ['axes']);

type Inputs = tf.SymbolicTensor[] | tf.Tensor[];
type Merged<T extends Inputs> = T extends tf.SymbolicTensor[] ? tf.SymbolicTensor : tf.Tensor;

function shortcut(kerasName: string, create: (args: never) => tf.layers.Layer, positional: string[] = []) {
  return <T extends Inputs>(inputs: T, ...args: Array<unknown>): Merged<T> => {
    const where = `layers.${kerasName}`;
    if (!Array.isArray(inputs)) throw new Error(`${where}: expected a list of tensors to merge.`);
    const gathered = gatherArgs(where, positional, args);
    gathered.options.name ??= defaultName(kerasName.replace(/^./, (c) => c.toUpperCase()));
    const layer = callable(constructChecked(where, (o: Options) => create(o as never), gathered));
    return layer(inputs as tf.SymbolicTensor[], {} as CallOptions) as Merged<T>;
  };
}

export const add = shortcut('add', L.add);
export const average = shortcut('average', L.average);
export const maximum = shortcut('maximum', L.maximum);
export const minimum = shortcut('minimum', L.minimum);
export const multiply = shortcut('multiply', L.multiply);
export const concatenate = shortcut('concatenate', L.concatenate, ['axis']);
export const dot = shortcut('dot', L.dot, ['axes']);
