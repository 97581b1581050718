// Merge layers (keras/src/layers/merging): the classes and Keras's functional shortcuts `layers.add([a, b])`.
import * as tf from '@tensorflow/tfjs';
import { callable, CallableLayer, CallOptions } from '../callable';
import { ValueError } from '../errors';
import { constructChecked, defaultName, gatherArgs, isPlainOptions, layerFactory } from './factory';
import type { Options } from '../options';

const L = tf.layers;

/** Keras's `layers.Add` layer: the sum of its inputs. */
export const Add = layerFactory<typeof L.add>('Add', L.add);
/** Keras's `layers.Average` layer: the mean of its inputs. */
export const Average = layerFactory<typeof L.average>('Average', L.average);
/** Keras's `layers.Maximum` layer: the elementwise maximum of its inputs. */
export const Maximum = layerFactory<typeof L.maximum>('Maximum', L.maximum);
/** Keras's `layers.Minimum` layer: the elementwise minimum of its inputs. */
export const Minimum = layerFactory<typeof L.minimum>('Minimum', L.minimum);
/** Keras's `layers.Multiply` layer: the elementwise product of its inputs. */
export const Multiply = layerFactory<typeof L.multiply>('Multiply', L.multiply);
/** Keras's `layers.Concatenate` layer: its inputs joined along `axis` (-1). */
export const Concatenate = layerFactory<typeof L.concatenate, [axis?: number]>('Concatenate', L.concatenate, ['axis']);
/** Keras's `layers.Dot` layer: the dot product of two inputs along `axes`. */
export const Dot = layerFactory<typeof L.dot, [axes: number | [number, number]]>('Dot', L.dot, ['axes']);

type Inputs = tf.SymbolicTensor[] | tf.Tensor[];
type Merged<T extends Inputs> = T extends tf.SymbolicTensor[] ? tf.SymbolicTensor : tf.Tensor;

/**
 * Keras's functional form and tfjs's factory in one: `add([a, b])` (Keras) merges the tensors,
 * `add()` or `add({ name })` (tfjs) returns the layer, to be called on them later.
 */
export interface MergeShortcut {
  <T extends Inputs>(inputs: T, ...args: unknown[]): Merged<T>;
  (options?: Options): CallableLayer<tf.layers.Layer>;
}

function shortcut(kerasName: string, create: (args: never) => tf.layers.Layer, positional: string[] = []): MergeShortcut {
  const where = `layers.${kerasName}`;
  const make = (args: readonly unknown[]) => {
    const gathered = gatherArgs(where, positional, args);
    gathered.options.name ??= defaultName(kerasName.replace(/^./, (c) => c.toUpperCase()));
    return callable(constructChecked(where, (o: Options) => create(o as never), gathered));
  };
  const merge = (inputs?: unknown, ...args: unknown[]): unknown => {
    if (inputs === undefined || isPlainOptions(inputs)) {
      if (args.length > 0) throw new TypeError(`${where}: give the tensors to merge first, as in ${where}([a, b]${positional.length ? `, ${positional[0]}` : ''}).`);
      return make(inputs === undefined ? [] : [inputs]);
    }
    if (!Array.isArray(inputs)) {
      const got = inputs instanceof tf.SymbolicTensor || inputs instanceof tf.Tensor ? 'a single tensor' : typeof inputs;
      throw new ValueError(`${where}: expected a list of tensors to merge, as in ${where}([a, b]), or options to make the layer; got ${got}.`);
    }
    return make(args)(inputs as tf.SymbolicTensor[], {} as CallOptions);
  };
  Object.defineProperty(merge, 'name', { value: kerasName });
  return merge as MergeShortcut;
}

/** Keras's `add([a, b])`: their sum; `add()` is the layer (tfjs). */
export const add = shortcut('add', L.add);
/** Keras's `average([a, b])`: their mean; `average()` is the layer (tfjs). */
export const average = shortcut('average', L.average);
/** Keras's `maximum([a, b])`: their elementwise maximum; `maximum()` is the layer (tfjs). */
export const maximum = shortcut('maximum', L.maximum);
/** Keras's `minimum([a, b])`: their elementwise minimum; `minimum()` is the layer (tfjs). */
export const minimum = shortcut('minimum', L.minimum);
/** Keras's `multiply([a, b])`: their elementwise product; `multiply()` is the layer (tfjs). */
export const multiply = shortcut('multiply', L.multiply);
/** Keras's `concatenate([a, b], axis)`: joined along `axis` (-1); `concatenate({ axis })` is the layer (tfjs). */
export const concatenate = shortcut('concatenate', L.concatenate, ['axis']);
/** Keras's `dot([a, b], axes)`: their dot product along `axes`; `dot({ axes })` is the layer (tfjs). */
export const dot = shortcut('dot', L.dot, ['axes']);
