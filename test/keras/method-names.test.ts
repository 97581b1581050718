import { expect } from 'chai';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { complete } from '../../src/interpreter/introspection/complete';
import { tf, layers, models, optimizers, utils, datasets } from '../../src/keras';
import { useCpu } from '../helpers/cpu';

function twoLayers() {
  return models.Sequential([layers.Dense(4, { activation: 'relu', input_shape: [3], name: 'hidden' }), layers.Dense(2, { name: 'out' })]);
}

describe("keras: Keras's method and attribute names", () => {
  useCpu();

  it('get_weights/set_weights take tensors or nested arrays, with Keras checks', () => {
    const model = twoLayers();
    const dense = model.get_layer('hidden');
    const [k, b] = dense.get_weights();
    expect(k.shape).to.deep.equal([3, 4]);
    expect(b.shape).to.deep.equal([4]);
    dense.set_weights([tf.ones([3, 4]), [1, 2, 3, 4]]);
    expect(Array.from(dense.getWeights()[1].dataSync())).to.deep.equal([1, 2, 3, 4]);
    expect(() => dense.set_weights([tf.ones([3, 4])])).to.throw('with a weight list of length 1, but the layer was expecting 2 weights');
    expect(() => dense.set_weights([tf.ones([4, 4]), [1, 2, 3, 4]])).to.throw('weight shape (3, 4) is not compatible with provided weight shape (4, 4)');
    model.set_weights(model.get_weights());
    expect(model.count_params()).to.equal(3 * 4 + 4 + 4 * 2 + 2);
    expect(dense.count_params()).to.equal(16);
  });

  it('get_layer/getLayer by name or index, Keras errors otherwise', () => {
    const model = twoLayers();
    expect(model.getLayer({ index: 0 }).name).to.equal('hidden');
    expect(model.get_layer({ index: 1 }).name).to.equal('out');
    expect(model.getLayer(1).name).to.equal('out');
    expect(model.getLayer('out').name).to.equal('out');
    expect(model.get_layer(undefined, 0).name).to.equal('hidden');
    expect(model.get_layer({ name: 'hidden' }).name).to.equal('hidden');
    expect(() => model.getLayer({ index: 5 })).to.throw('Was asked to retrieve layer at index 5 but model only has 2 layers.');
    expect(() => model.getLayer('hiden')).to.throw("No such layer: hiden. Existing layers are: ['hidden', 'out']. Did you mean 'hidden'?");
    expect(() => model.getLayer({ name: 'out', index: 0 })).to.throw('Provide only a layer name or a layer index');
    expect(() => model.get_layer()).to.throw('Provide either a layer name or layer index at `get_layer`.');
  });

  it('trainable_weights, non_trainable_weights, input_shape, output_shape', () => {
    const input = layers.Input({ shape: [5] });
    const bn = layers.BatchNormalization();
    const out = layers.Dense(2)(bn(input));
    const model = models.Model(input, out);
    expect(model.trainable_weights).to.have.length(4);
    expect(model.non_trainable_weights).to.have.length(2);
    expect(bn.non_trainable_weights.map((w) => w.shape)).to.deep.equal([[5], [5]]);
    expect(model.input_shape).to.deep.equal([null, 5]);
    expect(model.output_shape).to.deep.equal([null, 2]);
    expect(bn.input_shape).to.deep.equal([null, 5]);
    expect(bn.output_shape).to.deep.equal([null, 5]);
    expect(() => layers.Dense(3).output_shape).to.throw('has never been called');
  });

  it('train_on_batch/trainOnBatch and test_on_batch right after compile, returning numbers at once', () => {
    const model = twoLayers();
    model.compile({ optimizer: optimizers.SGD({ learning_rate: 0.1 }), loss: 'mse', metrics: ['mae'] });
    const x = tf.tensor2d([[1, 2, 3], [0, 1, 0]]);
    const y = tf.tensor2d([[1, 0], [0, 1]]);
    const before = model.test_on_batch(x, y) as number[];
    expect(before).to.have.length(2);
    const first = model.train_on_batch(x, y) as number[];
    expect(first[0]).to.be.closeTo(before[0], 1e-5); // the loss before the step
    for (let i = 0; i < 20; i++) model.trainOnBatch(x, y);
    const after = model.testOnBatch(x, y, { return_dict: true }) as Record<string, number>;
    expect(Object.keys(after)).to.deep.equal(['loss', 'mae']);
    expect(after.loss).to.be.lessThan(before[0]);
    const p = model.predict_on_batch(x) as tf.Tensor;
    expect(p.shape).to.deep.equal([2, 2]);
    const q = model.predictOnBatch([[1, 2, 3]]) as tf.Tensor;
    expect(q.shape).to.deep.equal([1, 2]);
    tf.dispose([x, y, p, q]);
    const bare = twoLayers();
    expect(() => bare.train_on_batch([[1, 2, 3]], [[1, 0]])).to.throw('train_on_batch: the model must be compiled first');
  });

  it('fitDataset and evaluateDataset right after compile', async () => {
    const model = twoLayers();
    model.compile({ optimizer: 'adam', loss: 'mse' });
    const xs = tf.data.array([[1, 2, 3], [0, 1, 0], [1, 1, 1], [2, 0, 1]]);
    const ys = tf.data.array([[1, 0], [0, 1], [1, 1], [0, 0]]);
    const ds = tf.data.zip({ xs, ys }).batch(2);
    const history = await model.fitDataset(ds, { epochs: 3, verbose: 0, validationData: ds });
    expect(history.history.loss).to.have.length(3);
    expect(history.history.val_loss).to.have.length(3);
    expect(history.params).to.include({ steps: 2, samples: 4, batchSize: 2 });
    const loss = await model.evaluateDataset(ds, { verbose: 0 });
    expect(loss).to.be.a('number');
    let error: Error | null = null;
    await model.fitDataset(ds, { epocs: 1 } as never).catch((e: Error) => (error = e));
    expect(String(error)).to.include("Did you mean 'epochs'?");
  });

  it('save_weights/load_weights (and saveWeights/loadWeights) round-trip by position', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsdl-weights-'));
    const file = path.join(dir, 'my.weights.h5');
    const a = twoLayers();
    await a.save_weights(file);
    const b = models.Sequential([layers.Dense(4, { activation: 'relu', input_shape: [3] }), layers.Dense(2)]);
    await b.load_weights(file);
    const wa = a.get_weights().map((t) => Array.from(t.dataSync()));
    const wb = b.get_weights().map((t) => Array.from(t.dataSync()));
    expect(wb).to.deep.equal(wa);
    await b.saveWeights(path.join(dir, 'b.json'));
    await a.loadWeights(path.join(dir, 'b.json'));
    const c = models.Sequential([layers.Dense(5, { input_shape: [3] }), layers.Dense(2)]);
    let error: Error | null = null;
    await c.load_weights(file).catch((e: Error) => (error = e));
    expect(String(error)).to.include('has shape (3, 5), but the file');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('to_json, models.clone_model (fresh weights, same architecture), the optimizer learning_rate', () => {
    const model = twoLayers();
    const json = JSON.parse(model.to_json()) as { class_name: string };
    expect(json.class_name).to.equal('Sequential');
    const clone = models.clone_model(model);
    expect(clone.layers.map((l) => l.getClassName())).to.deep.equal(['Dense', 'Dense']);
    expect(clone.count_params()).to.equal(model.count_params());
    expect(clone.layers[0]).to.not.equal(model.layers[0]);
    expect(clone.predict(tf.ones([1, 3]), { verbose: 0 }) as tf.Tensor).to.be.instanceOf(tf.Tensor);
    const input = layers.Input({ shape: [3] });
    const functional = models.Model(input, layers.Dense(2)(layers.Dense(4)(input)));
    const fclone = models.cloneModel(functional);
    expect(fclone.count_params()).to.equal(functional.count_params());
    expect(fclone.layers[1]).to.not.equal(functional.layers[1]);
    const opt = optimizers.Adam({ learning_rate: 0.01 });
    expect(opt.learning_rate).to.be.closeTo(0.01, 1e-9);
    opt.learning_rate = 0.5;
    expect(opt.learning_rate).to.equal(0.5);
    const sgd = optimizers.SGD();
    sgd.learning_rate = 0.2;
    expect(sgd.learning_rate).to.equal(0.2);
  });

  it('summary({ expand_nested, print_fn }) lists nested layers', () => {
    const inner = models.Sequential([layers.Dense(4, { input_shape: [3], name: 'inner_dense' })], { name: 'inner' });
    const outer = models.Sequential([inner, layers.Dense(1, { name: 'top' })]);
    const lines: string[] = [];
    outer.summary({ expand_nested: true, print_fn: (l: string) => lines.push(l) } as never);
    expect(lines.join('\n')).to.include('└ inner_dense (Dense)');
    const flat: string[] = [];
    outer.summary({ print_fn: (l: string) => flat.push(l) } as never);
    expect(flat.join('\n')).to.not.include('inner_dense');
    expect(() => outer.summary({ expand_nestd: true } as never)).to.throw("Did you mean 'expand_nested'?");
  });

  it('completion offers snake_case names only where Keras has them', () => {
    const model = twoLayers();
    model.compile({ optimizer: 'adam', loss: 'mse' });
    const scope = Object.assign(Object.create(globalThis) as object, { model, dense: model.layers[0], adam: optimizers.Adam(), models, layers, optimizers, utils, mnist: datasets.mnist });
    const snake = (prefix: string) => complete(prefix, prefix.length, scope).matches.filter((name) => /^[a-z]+(_[a-z]+)+$/.test(name)).sort();
    const layerNames = ['count_params', 'get_config', 'get_weights', 'input_shape', 'non_trainable_weights', 'output_shape', 'set_weights', 'trainable_weights'];
    expect(snake('dense.')).to.deep.equal(layerNames);
    const modelNames = ['get_layer', 'load_weights', 'predict_on_batch', 'save_weights', 'test_on_batch', 'to_json', 'train_on_batch'];
    expect(snake('model.')).to.deep.equal([...layerNames, ...modelNames].sort());
    expect(snake('adam.')).to.deep.equal(['learning_rate']);
    expect(snake('models.')).to.deep.equal(['clone_model', 'load_model']);
    expect(snake('utils.')).to.deep.equal(['plot_model', 'set_random_seed', 'to_categorical']);
    expect(snake('mnist.')).to.deep.equal(['load_data']);
    // Both spellings where Keras has the name.
    expect(complete('model.get', 9, scope).matches).to.include.members(['getLayer', 'get_layer', 'getWeights', 'get_weights']);
    // Keras's favourites first; private names only when the prefix asks for them.
    expect(complete('model.', 6, scope).matches.slice(0, 7)).to.deep.equal(['fit', 'compile', 'evaluate', 'predict', 'summary', 'save', 'layers']);
    expect(complete('model.', 6, scope).matches.filter((name) => name.startsWith('_'))).to.deep.equal([]);
    expect(complete('model._', 7, scope).matches).to.not.be.empty;
    // No snake_case twin of a name Keras does not have.
    expect(complete('model.fit', 9, scope).matches.filter((name) => name.includes('_'))).to.deep.equal([]);
  });
});
