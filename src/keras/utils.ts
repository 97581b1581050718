// The `utils` namespace: to_categorical, normalize, which backend runs, and plots of models and histories (the
// pure renderers of src/display/render, bundled here too: their only state is a cache, never state the kernel reads).
import * as tf from '@tensorflow/tfjs';
import { backendInfo as backendReport } from '../backend';
import { chartBundle, historySpec, historyText, isHistoryLike, type HistoryLike } from '../display/render/chart';
import { Displayable } from '../display/render/displayable';
import { graphBundle, modelDot, modelGraphText } from '../display/render/graph';
import { isLayersModel } from '../display/render/layers';
import { checkedOptions, type Options } from './options';
import { setRandomSeed } from './random';
import { ArrayLike, toTensor } from './training/data-adapters/arrays';

/** Keras `to_categorical`: integer labels → one-hot float32, the class axis last. */
export function toCategorical(labels: ArrayLike, numClasses?: number): tf.Tensor {
  const { tensor, owned } = toTensor(labels, 'utils.toCategorical');
  try {
    return tf.tidy(() => {
      let y = tensor.cast('int32');
      if (y.rank > 1 && y.shape[y.rank - 1] === 1) y = y.squeeze([y.rank - 1]);
      const n = numClasses ?? y.max().dataSync()[0] + 1;
      return tf.oneHot(y.flatten(), n).cast('float32').reshape([...y.shape, n]);
    });
  } finally {
    if (owned) tensor.dispose();
  }
}

/** Keras `normalize`: scales to unit Lp norm along `axis` (default: the last axis, L2). */
export function normalize(x: ArrayLike, axis = -1, order = 2): tf.Tensor {
  const { tensor, owned } = toTensor(x, 'utils.normalize');
  try {
    return tf.tidy(() => {
      const norm = tf.norm(tensor.cast('float32'), order, axis, true);
      return tf.div(tensor, tf.where(tf.equal(norm, 0), tf.onesLike(norm), norm));
    });
  } finally {
    if (owned) tensor.dispose();
  }
}

/** Keras's snake_case name for {@link toCategorical}. */
export const to_categorical = toCategorical;

export { setRandomSeed };
/** Keras's `utils.set_random_seed(seed)`: initializers, Dropout and fit's shuffling become repeatable. */
export const set_random_seed = setRandomSeed;

/** The backend the kernel chose, its device and version, and why others were not chosen. */
export function backendInfo(): ReturnType<typeof backendReport> {
  return backendReport();
}

/**
 * Keras `plot_model`: the layer graph, branches and merges included, as an image. It displays as a cell's result or
 * through `display(...)`. The graph is read now, so later changes to the model do not alter it; the layout is drawn
 * when first displayed.
 */
export function plotModel(model: tf.LayersModel, options?: Options): Displayable {
  const { showShapes } = checkedOptions('utils.plotModel', options, ['showShapes']);
  if (!isLayersModel(model)) throw new Error('utils.plotModel: expected a model (Sequential or Functional)');
  const dot = modelDot(model, { showShapes: showShapes === true });
  const text = modelGraphText(model);
  const boxes = text.split('\n').length; // one line per box drawn, a Sequential model's input layer included
  return new Displayable(() => graphBundle(dot, text), `<plotModel ${model.name}: ${boxes} layer${boxes === 1 ? '' : 's'}>`);
}

/** Keras's snake_case name for {@link plotModel}. */
export const plot_model = plotModel;

/** The loss and metric curves of the `History` that `fit` returns: training and validation, one panel a metric. */
export function plotHistory(history: HistoryLike, options?: Options): Displayable {
  const { metrics } = checkedOptions('utils.plotHistory', options, ['metrics']);
  if (!isHistoryLike(history)) throw new Error('utils.plotHistory: expected the History that fit() returns');
  const recorded = Object.keys(history.history).filter((key) => !key.startsWith('val_'));
  const wanted = metrics === undefined ? undefined : [metrics].flat().map(String);
  for (const metric of wanted ?? []) {
    if (!(metric in history.history) && !(`val_${metric}` in history.history)) {
      throw new Error(`utils.plotHistory: no metric '${metric}' in this history; it has ${recorded.join(', ')}`);
    }
  }
  const spec = historySpec(history, { metrics: wanted });
  const text = historyText(history, { metrics: wanted });
  return new Displayable(() => chartBundle(spec, text), `<plotHistory ${history.epoch.length} epochs: ${(wanted ?? recorded).join(', ')}>`);
}
