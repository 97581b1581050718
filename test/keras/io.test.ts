import { expect } from 'chai';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { tf, layers, models } from '../../src/keras';
import { useCpu } from '../helpers/cpu';

describe('keras save/load', () => {
  let dir: string;
  useCpu();
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsdl-keras-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('saves a Sequential model as model.json + its weights file and loads it back, compiled', async () => {
    const model = models.Sequential([layers.Dense(4, { activation: 'relu', input_shape: [3] }), layers.Dense(2, { activation: 'softmax' })]);
    model.compile({ optimizer: 'adam', loss: 'categorical_crossentropy', metrics: ['accuracy'] });
    const target = path.join(dir, 'my_model');
    await model.save(target);
    const files = fs.readdirSync(target).sort();
    expect(files).to.have.length(2);
    expect(files[0]).to.equal('model.json');
    expect(files[1]).to.match(/^weights-\w+\.bin$/);
    const json = JSON.parse(fs.readFileSync(path.join(target, 'model.json'), 'utf8')) as { format: string; weightsManifest: Array<{ paths: string[] }> };
    expect(json.format).to.equal('layers-model');
    expect(json.weightsManifest[0].paths).to.deep.equal([files[1]]);

    const loaded = await models.loadModel(target);
    expect(loaded).to.be.instanceOf(models.Sequential);
    const x = tf.tensor2d([[1, 2, 3], [0, -1, 4]]);
    const a = model.predict(x, { verbose: 0 }) as tf.Tensor;
    const b = loaded.predict(x, { verbose: 0 }) as tf.Tensor;
    expect(Array.from(b.dataSync())).to.deep.equal(Array.from(a.dataSync()));
    expect(loaded.compiled?.optimizer.getClassName()).to.equal('Adam');
    const h = await loaded.fit(x, [[1, 0], [0, 1]], { verbose: 0 });
    expect(Object.keys(h.history)).to.deep.equal(['loss', 'accuracy']);
    tf.dispose([x, a, b]);
  });

  it('replaces the previous save whole: one weights file remains, named by model.json', async () => {
    const target = path.join(dir, 'resaved');
    const small = models.Sequential([layers.Dense(2, { input_shape: [3] })]);
    await small.save(target);
    const big = models.Sequential([layers.Dense(8, { input_shape: [3] }), layers.Dense(2)]);
    await big.save(target);
    const weights = fs.readdirSync(target).filter((name) => name !== 'model.json');
    expect(weights).to.have.length(1);
    const loaded = await models.loadModel(target);
    expect(loaded.layers.map((l) => l.countParams())).to.deep.equal([32, 18]);
  });

  it('saves and loads a functional model to a .json path', async () => {
    const a = layers.Input({ shape: [2] });
    const b = layers.Input({ shape: [2] });
    const model = models.Model([a, b], layers.Dense(1)(layers.add([a, b])));
    const file = path.join(dir, 'nested', 'net.json');
    await model.save(file);
    const names = fs.readdirSync(path.dirname(file)).sort();
    expect(names).to.have.length(2);
    expect(names[0]).to.equal('net.json');
    expect(names[1]).to.match(/^net\.weights-\w+\.bin$/);
    const loaded = await models.loadModel(`file://${file}`);
    expect(loaded).to.be.instanceOf(models.Model);
    const x = tf.ones([1, 2]);
    const p = loaded.predict([x, x], { verbose: 0 }) as tf.Tensor;
    const q = model.predict([x, x], { verbose: 0 }) as tf.Tensor;
    expect(p.dataSync()[0]).to.be.closeTo(q.dataSync()[0], 1e-6);
    tf.dispose([x, p, q]);
  });

  it('reports a missing model clearly', async () => {
    let error: Error | null = null;
    await models.loadModel(path.join(dir, 'nope')).catch((e: Error) => (error = e));
    expect(String(error)).to.match(/cannot read .*nope\/model.json/);
  });
});
