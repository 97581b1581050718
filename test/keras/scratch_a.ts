import * as tf from '@tensorflow/tfjs';
import * as layers from '../../src/keras/layers';
tf.setBackend('cpu');
const d = layers.Dense(32, { activation: 'relu', input_shape: [784], kernel_initializer: 'glorot_uniform' });
console.log(d.name, d.units, d instanceof tf.layers.Layer, typeof d, d.getClassName());
const x = layers.Input({ shape: [784] });
const y = d(x);
console.log(y.shape);
const z = layers.Dense(10)(tf.ones([2, 5]));
console.log(z.shape);
try { layers.Dense(3, { return_sequence: true }); } catch (e) { console.log((e as Error).message); }
try { layers.LSTM(3, { return_sequence: true }); } catch (e) { console.log((e as Error).message); }
try { layers.Dense(3, { actvation: 'relu' }); } catch (e) { console.log((e as Error).message); }
const a = layers.Input({ shape: [4] }), b = layers.Input({ shape: [4] });
console.log(layers.concatenate([a, b]).shape, layers.add([a, b]).shape);
for (const [n, f] of Object.entries(layers)) {
  try { (f as any)({ bogus_opt: 1 }); console.log('NOT CHECKED', n); } catch (e) { if (!/bogus/.test((e as Error).message)) console.log(n, (e as Error).message.slice(0, 100)); }
}
const m = tf.sequential({ layers: [layers.Dense(4, { inputShape: [3] }), layers.Dense(2)] });
console.log(m.countParams(), (m.predict(tf.ones([1, 3])) as tf.Tensor).shape);
const l = layers.LSTM(8, {return_sequences: true}); console.log(l(tf.ones([2, 5, 3])).shape);
const c = layers.Conv2D(4, [3, 3], { activation: 'relu', padding: 'same', data_format: 'channels_last' }); console.log(c(tf.ones([1, 8, 8, 1])).shape);
const bi = layers.Bidirectional(layers.LSTM(4)); console.log(bi(tf.ones([2, 5, 3])).shape);
