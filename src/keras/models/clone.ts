// models.clone_model: a new model of the same architecture with freshly initialized weights (Keras's semantics:
// the layers are rebuilt from their configs; weights are not copied, use set_weights(get_weights()) for that).
import * as tf from '@tensorflow/tfjs';
import { callable } from '../callable';
import { Functional } from './functional';
import { Sequential } from './sequential';

function fromConfig<T>(className: string, config: tf.serialization.ConfigDict): T {
  const entry = tf.serialization.SerializationMap.getMap().classNameMap[className];
  if (!entry) throw new Error(`clone_model: unknown layer class '${className}'; register it with tf.serialization.registerClass.`);
  const [cls, make] = entry;
  return make(cls, config) as T;
}

/** A fresh copy of `layer` from its config (a nested model is cloned whole). */
function cloneLayer(layer: tf.layers.Layer): tf.layers.Layer {
  if (layer instanceof tf.LayersModel) return cloneModel(layer) as tf.layers.Layer;
  return callable(fromConfig<tf.layers.Layer>(layer.getClassName(), layer.getConfig()));
}

/**
 * Keras's `models.clone_model(model)`: the same architecture (Sequential or functional) with new, freshly
 * initialized weights; the clone is not compiled.
 */
export function cloneModel<M extends object>(model: M): M;
export function cloneModel(given: object): tf.LayersModel {
  const model = given as tf.LayersModel;
  if (!(model instanceof tf.LayersModel)) {
    throw new Error(`Arguments \`model\` must be a Keras model instance. Received: model=${String(model)}`);
  }
  if (model instanceof tf.Sequential || model instanceof Sequential) {
    const pending = (model as unknown as { pending?: tf.layers.Layer[] }).pending ?? [];
    const layers = [...model.layers, ...pending].map(cloneLayer);
    return callable(new Sequential(layers, { name: model.name }) as unknown as Sequential & tf.layers.Layer) as unknown as tf.LayersModel;
  }
  const config = model.getConfig();
  const rebuilt = fromConfig<tf.LayersModel>('Model', config);
  const functional = new Functional({ inputs: rebuilt.inputs, outputs: rebuilt.outputs, name: model.name });
  return callable(functional as unknown as Functional & tf.layers.Layer) as unknown as tf.LayersModel;
}
