// Subclassing as in Keras: custom layers (layers.Layer with build/call/addWeight), subclassed models
// (models.Model with call), and custom objects through save/load.
import { expect } from 'chai';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { tf, layers, models } from '../../src/keras';
import { useCpu } from '../helpers/cpu';

/** Keras's guide example: a dense layer of its own. */
class MyDense extends layers.Layer {
  units: number;
  w!: tf.LayerVariable;
  b!: tf.LayerVariable;
  constructor(units = 32, options: Record<string, unknown> = {}) {
    super(options);
    this.units = units;
  }
  override build(inputShape: Array<number | null>): void {
    this.w = this.addWeight({ shape: [inputShape[inputShape.length - 1] as number, this.units], initializer: 'random_normal', name: 'kernel' });
    this.b = this.add_weight({ shape: [this.units], initializer: 'zeros', name: 'bias' });
  }
  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.add(tf.matMul(inputs as tf.Tensor, this.w.read()), this.b.read());
  }
  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), units: this.units };
  }
  static override fromConfig<T extends tf.serialization.Serializable>(this: unknown, config: tf.serialization.ConfigDict): T {
    const { units, ...rest } = config;
    return new MyDense(units as number, rest) as unknown as T;
  }
}

describe('subclassing: layers.Layer', () => {
  useCpu();

  it('is callable on concrete tensors, builds its weights with addWeight and names itself in snake_case', () => {
    const layer = new MyDense(3);
    expect(layer.name).to.match(/^my_dense(_\d+)?$/);
    expect(layer.getClassName()).to.equal('MyDense');
    expect(layer).to.be.instanceOf(MyDense);
    expect(layer).to.be.instanceOf(layers.Layer);
    expect(layer).to.be.instanceOf(tf.layers.Layer);
    const y = layer(tf.ones([2, 4])) as tf.Tensor;
    expect(y.shape).to.deep.equal([2, 3]);
    expect(layer.weights.map((w) => w.name)).to.deep.equal([`${layer.name}/kernel`, `${layer.name}/bias`]);
    expect(layer.countParams()).to.equal(15);
    y.dispose();
  });

  it('works on symbolic inputs in the functional API, its output shape found by running call', () => {
    const x = layers.Input({ shape: [5] });
    const y = new MyDense(3)(x);
    expect(y.shape).to.deep.equal([null, 3]);
    const model = models.Model({ inputs: x, outputs: y });
    const out = model.predict(tf.ones([2, 5])) as tf.Tensor;
    expect(out.shape).to.deep.equal([2, 3]);
    out.dispose();
  });

  it('keeps unknown dimensions unknown in the inferred output shape', () => {
    class Twice extends layers.Layer {
      override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
        return tf.concat([inputs as tf.Tensor, inputs as tf.Tensor], 1);
      }
    }
    const x = layers.Input({ shape: [null, 4] });
    expect(new Twice()(x).shape).to.deep.equal([null, null, 4]);
    const fixed = layers.Input({ shape: [3, 4] });
    expect(new Twice()(fixed).shape).to.deep.equal([null, 6, 4]);
  });

  it('probes call with the symbolic inputs dtype (int32 ids stay int32)', () => {
    class Lookup extends layers.Layer {
      table!: tf.LayerVariable;
      override build(): void {
        this.table = this.addWeight({ shape: [10, 4], name: 'table' });
      }
      override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
        const ids = inputs as tf.Tensor;
        if (ids.dtype !== 'int32') throw new TypeError(`ids must be int32, got ${ids.dtype}`);
        return tf.gather(this.table.read(), ids);
      }
    }
    const ids = layers.Input({ shape: [5], dtype: 'int32' });
    expect(new Lookup()(ids).shape).to.deep.equal([null, 5, 4]);
  });

  it('trains in a Sequential model, and summary() names it my_dense (MyDense)', async () => {
    const model = models.Sequential([new MyDense(8, { input_shape: [4] }), layers.Dense(1)]);
    model.compile({ optimizer: 'adam', loss: 'mse' });
    const lines: string[] = [];
    model.summary(undefined, undefined, (line) => lines.push(line));
    const text = lines.join('\n');
    expect(text).to.match(/my_dense(_\d+)? \(MyDense\)/);
    expect(text).not.to.match(/MyDense\d/);
    expect(text).to.match(/Total params: 49/);
    const before = model.getWeights().map((w) => w.dataSync().slice());
    const h = await model.fit(tf.randomNormal([32, 4]), tf.randomNormal([32, 1]), { epochs: 2, verbose: 0 });
    expect(h.history.loss).to.have.length(2);
    const after = model.getWeights();
    expect(Array.from(after[0].dataSync())).not.to.deep.equal(Array.from(before[0]));
  });

  it('takes Keras 3 call(inputs, training): training is true in fit, false in predict', async () => {
    const seen: Array<boolean | undefined> = [];
    class Spy extends layers.Layer {
      override call(inputs: tf.Tensor | tf.Tensor[], training?: boolean | Record<string, unknown>): tf.Tensor {
        seen.push(training as boolean | undefined);
        return inputs as tf.Tensor;
      }
    }
    const model = models.Sequential([layers.Dense(2, { input_shape: [3] }), new Spy()]);
    model.compile({ loss: 'mse' });
    seen.length = 0;
    await model.fit(tf.ones([4, 3]), tf.ones([4, 2]), { epochs: 1, verbose: 0, batch_size: 4 });
    expect(seen).to.include(true);
    seen.length = 0;
    tf.dispose(model.predict(tf.ones([4, 3])));
    expect(seen.every((t) => !t)).to.equal(true);
  });

  it('accepts Keras 3 positional addWeight(shape, initializer) and tfjs addWeight(name, shape, ...)', () => {
    class Two extends layers.Layer {
      a!: tf.LayerVariable;
      b!: tf.LayerVariable;
      override build(): void {
        this.a = this.addWeight([2], 'ones');
        this.b = this.addWeight('b', [2], 'float32', tf.initializers.zeros());
      }
      override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
        return tf.add(tf.mul(inputs as tf.Tensor, this.a.read()), this.b.read());
      }
    }
    const layer = new Two();
    const y = layer(tf.tensor2d([[3, 4]])) as tf.Tensor;
    expect(Array.from(y.dataSync())).to.deep.equal([3, 4]);
    expect(layer.weights.map((w) => w.name.split('/')[1])).to.deep.equal(['variable', 'b']);
  });

  it('creates weights in the constructor too, and adds their regularization to the loss', async () => {
    class Scale extends layers.Layer {
      scale: tf.LayerVariable;
      constructor(options: Record<string, unknown> = {}) {
        super(options);
        this.scale = this.addWeight({ shape: [1], initializer: 'ones', regularizer: 'l2', name: 'scale' });
      }
      override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
        return tf.mul(inputs as tf.Tensor, this.scale.read());
      }
    }
    const layer = new Scale({ input_shape: [2] });
    expect(layer.weights).to.have.length(1);
    const model = models.Sequential([layer]);
    model.compile({ loss: 'mse', optimizer: 'sgd' });
    // Targets equal to the inputs: the data loss is 0 at scale 1, so the loss is l2's 0.01 * scale².
    const x = tf.ones([4, 2]);
    const score = (await model.evaluate(x, x, { verbose: 0 })) as number;
    expect(score).to.be.closeTo(0.01, 1e-6);
    x.dispose();
  });

  it("reports errors in Keras's words: unknown options, unknown initializers, errors inside call", () => {
    expect(() => new MyDense(3, { input_shap: [4] })).to.throw(/unknown option 'input_shap'. Did you mean 'input_shape'/);
    expect(() => new MyDense(3, { units: 3 })).to.throw(/Unrecognized keyword arguments passed to MyDense: \{'units'\}/);
    class BadInit extends layers.Layer {
      override build(): void {
        this.addWeight({ shape: [2], initializer: 'glorot_unifrom' });
      }
    }
    expect(() => new BadInit()(tf.ones([1, 2]))).to.throw(/unknown initializer 'glorot_unifrom'. Did you mean 'glorot_uniform'/);
    class Broken extends layers.Layer {
      override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
        return tf.matMul(inputs as tf.Tensor, tf.ones([7, 1]));
      }
    }
    expect(() => new Broken()(layers.Input({ shape: [3] }))).to.throw(/Exception encountered when calling Broken.call\(\)[\s\S]*inputs=shape=\(None, 3\)/);
  });

  it('keeps the type of errors raised in call, and lets other errors (interrupts) through untouched', () => {
    class Interrupt extends Error {
      override name = 'InterruptError';
    }
    let thrown: Error = new Error();
    class Throws extends layers.Layer {
      override call(): tf.Tensor {
        throw thrown;
      }
    }
    thrown = new TypeError('bad input');
    expect(() => new Throws()(tf.ones([1, 2]))).to.throw(TypeError, /Exception encountered when calling Throws.call\(\)[\s\S]*bad input/);
    thrown = new Interrupt('stop');
    expect(() => new Throws()(tf.ones([1, 2]))).to.throw(Interrupt, /^stop$/);
  });

  it('getConfig carries the constructor arguments, and fromConfig makes the layer again', () => {
    const layer = new MyDense(5, { name: 'mine' });
    const config = layer.getConfig();
    expect(config).to.include({ name: 'mine', units: 5 });
    const again = (MyDense as unknown as { fromConfig(c: tf.serialization.ConfigDict): MyDense }).fromConfig({ ...config, name: 'again' });
    expect(again.units).to.equal(5);
    expect(again.name).to.equal('again');
  });
});

class TwoLayers extends models.Model {
  dense1: ReturnType<typeof layers.Dense>;
  dense2: ReturnType<typeof layers.Dense>;
  constructor() {
    super();
    this.dense1 = layers.Dense(8, { activation: 'relu' });
    this.dense2 = layers.Dense(1);
  }
  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return this.dense2(this.dense1(inputs as tf.Tensor));
  }
}

describe('subclassing: models.Model', () => {
  useCpu();

  it('compiles, fits, evaluates and predicts like any model', async () => {
    const model = new TwoLayers();
    expect(model).to.be.instanceOf(TwoLayers);
    expect(model).to.be.instanceOf(models.Model);
    expect(model.name).to.match(/^two_layers(_\d+)?$/);
    model.compile({ optimizer: 'adam', loss: 'mse', metrics: ['mae'] });
    const x = tf.randomNormal([64, 4]);
    const y = tf.sum(x, 1, true);
    const h = await model.fit(x, y, { epochs: 3, batch_size: 16, verbose: 0 });
    expect(Object.keys(h.history)).to.deep.equal(['loss', 'mae']);
    expect(h.history.loss[2]).to.be.lessThan(h.history.loss[0]);
    expect(model.trainableWeights).to.have.length(4);
    expect(model.countParams()).to.equal(4 * 8 + 8 + 8 + 1);
    const p = model.predict(x) as tf.Tensor;
    expect(p.shape).to.deep.equal([64, 1]);
    const score = await model.evaluate(x, y, { verbose: 0 });
    expect(score).to.have.length(2);
    tf.dispose([x, y, p]);
  });

  it('summary() fails before the model is built, in Keras words, and lists its layers after', async () => {
    const model = new TwoLayers();
    expect(() => model.summary()).to.throw(/This model has not yet been built/);
    const out = model(tf.ones([2, 4])) as tf.Tensor;
    expect(out.shape).to.deep.equal([2, 1]);
    out.dispose();
    const lines: string[] = [];
    model.summary(undefined, undefined, (line) => lines.push(line));
    const text = lines.join('\n');
    expect(text).to.match(/dense\w* \(Dense\)\s+\(None, 8\)\s+40/);
    expect(text).to.match(/dense\w* \(Dense\)\s+\(None, 1\)\s+9/);
    expect(text).to.match(/Total params: 49/);
  });

  it('builds with model.build(input_shape), as in Keras, then shows its layers', () => {
    const model = new TwoLayers();
    model.build([null, 4]);
    const lines: string[] = [];
    model.summary(undefined, undefined, (line) => lines.push(line));
    expect(lines.join('\n')).to.match(/\(None, 8\)[\s\S]*Total params: 49/);
    expect(model.inputs[0].shape).to.deep.equal([null, 4]);
  });

  it('runs tf ops in call (not only layers), with training passed as in Keras', async () => {
    class Noisy extends models.Model {
      dense = layers.Dense(1);
      sawTraining = false;
      override call(inputs: tf.Tensor | tf.Tensor[], training?: boolean | Record<string, unknown>): tf.Tensor {
        if (training === true) this.sawTraining = true;
        return tf.mul(this.dense(inputs as tf.Tensor), 2);
      }
    }
    const model = new Noisy();
    model.compile({ loss: 'mse', optimizer: 'sgd' });
    await model.fit(tf.ones([8, 3]), tf.ones([8, 1]), { epochs: 1, verbose: 0 });
    expect(model.sawTraining).to.equal(true);
    const lines: string[] = [];
    model.summary(undefined, undefined, (line) => lines.push(line));
    expect(lines.join('\n')).to.match(/Total params: 4/);
  });

  it('leaves no tensors behind in fit, predict, evaluate and calls, with a custom layer inside', async () => {
    class Relu extends layers.Layer {
      w!: tf.LayerVariable;
      override build(shape: Array<number | null>): void {
        this.w = this.addWeight({ shape: [shape[1] as number, 2] });
      }
      override call(x: tf.Tensor | tf.Tensor[]): tf.Tensor {
        return tf.relu(tf.matMul(x as tf.Tensor, this.w.read()));
      }
    }
    class Net extends models.Model {
      relu = new Relu();
      out = layers.Dense(1);
      override call(x: tf.Tensor | tf.Tensor[]): tf.Tensor {
        return tf.mul(this.out(this.relu(x as tf.Tensor)), 1);
      }
    }
    const model = new Net();
    model.compile({ loss: 'mse', optimizer: 'adam' });
    const x = tf.ones([16, 3]);
    const y = tf.ones([16, 1]);
    const round = async () => {
      await model.fit(x, y, { epochs: 2, verbose: 0 });
      tf.dispose(model.predict(x, { verbose: 0 }));
      await model.evaluate(x, y, { verbose: 0 });
      tf.dispose(model(x) as tf.Tensor);
    };
    await round(); // creates the optimizer's slots
    const before = tf.memory().numTensors;
    await round();
    expect(tf.memory().numTensors - before).to.equal(0);
    tf.dispose([x, y]);
  });

  it('takes a name, subclasses further, and says when call() or super({ inputs, outputs }) is missing', () => {
    class Base extends models.Model {
      dense = layers.Dense(2);
      constructor(options: Record<string, unknown> = {}) {
        super(options);
      }
      override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
        return this.dense(inputs as tf.Tensor);
      }
    }
    class Scaled extends Base {
      override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
        return tf.mul(super.call(inputs), 3);
      }
    }
    const named = new Base({ name: 'mine' });
    expect(named.name).to.equal('mine');
    const scaled = new Scaled();
    expect(scaled).to.be.instanceOf(Base);
    expect(scaled).to.be.instanceOf(models.Model);
    expect(named).not.to.be.instanceOf(Scaled);
    expect((scaled(tf.ones([1, 3])) as tf.Tensor).shape).to.deep.equal([1, 2]);
    class NoCall extends models.Model {}
    expect(() => new NoCall()(tf.ones([1, 2]))).to.throw(/Model NoCall does not have a `call\(\)` method implemented/);
    const x = layers.Input({ shape: [2] });
    class Functionalish extends models.Model {
      constructor() {
        super({ inputs: x, outputs: x });
      }
    }
    expect(() => new Functionalish()).to.throw(/super\(\{ inputs, outputs \}\)[\s\S]*not supported/);
  });

  it('takes several inputs once built for them, and several outputs with a list of losses', async () => {
    class TwoInTwoOut extends models.Model {
      a = layers.Dense(2);
      b = layers.Dense(1);
      override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor[] {
        const [x1, x2] = inputs as tf.Tensor[];
        const merged = tf.concat([x1, x2], 1);
        return [this.a(merged), this.b(merged)];
      }
    }
    const model = new TwoInTwoOut();
    model.compile({ optimizer: 'sgd', loss: ['mse', 'mae'] });
    model.build([[null, 2], [null, 3]]);
    expect(model.inputNames).to.have.length(2);
    expect(model.outputNames).to.deep.equal(['output_1', 'output_2']);
    const h = await model.fit([tf.ones([4, 2]), tf.ones([4, 3])], [tf.zeros([4, 2]), tf.zeros([4, 1])], { epochs: 1, verbose: 0 });
    expect(Object.keys(h.history)).to.deep.equal(['loss', 'output_1_loss', 'output_2_loss']);
  });

  it('keeps the functional models.Model working, and instanceof apart', () => {
    const x = layers.Input({ shape: [2] });
    const functional = models.Model({ inputs: x, outputs: layers.Dense(1)(x) });
    expect(functional).to.be.instanceOf(models.Model);
    expect(functional).not.to.be.instanceOf(TwoLayers);
    expect(() => models.Model({ inputs: x } as never)).to.throw(/give both inputs and outputs/);
  });

  it('holds a custom layer, trained with the model', async () => {
    class WithCustom extends models.Model {
      inner = new MyDense(2);
      override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
        return this.inner(inputs as tf.Tensor);
      }
    }
    const model = new WithCustom();
    model.compile({ loss: 'mse', optimizer: 'sgd' });
    await model.fit(tf.ones([4, 3]), tf.zeros([4, 2]), { epochs: 1, verbose: 0 });
    expect(model.trainableWeights.map((w) => w.name.split('/').pop())).to.deep.equal(['kernel', 'bias']);
  });
});

describe('subclassing: custom objects through save and load', () => {
  let dir: string;
  useCpu();
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsdl-subclass-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('loads a model holding a custom layer back with custom_objects', async () => {
    const model = models.Sequential([new MyDense(3, { input_shape: [4] }), layers.Dense(1)]);
    model.compile({ optimizer: 'adam', loss: 'mse' });
    const target = path.join(dir, 'custom');
    await model.save(target);
    await expectRejected(models.loadModel(target), /Unknown layer: 'MyDense'[\s\S]*custom_objects/);
    const loaded = await models.loadModel(target, { custom_objects: { MyDense } });
    expect(loaded.layers[0]).to.be.instanceOf(MyDense);
    expect((loaded.layers[0] as unknown as MyDense).units).to.equal(3);
    const x = tf.ones([2, 4]);
    expect(Array.from((loaded.predict(x) as tf.Tensor).dataSync())).to.deep.equal(Array.from((model.predict(x) as tf.Tensor).dataSync()));
    await loaded.fit(x, tf.ones([2, 1]), { epochs: 1, verbose: 0 });
  });

  it('saves a subclassed model\'s weights (not the model whole), loaded into a new instance', async () => {
    const model = new TwoLayers();
    const x = tf.ones([2, 4]);
    const a = model.predict(x, { verbose: 0 }) as tf.Tensor;
    await expectRejected(model.save(path.join(dir, 'whole')), /Saving a subclassed model \(TwoLayers\) whole is not supported[\s\S]*saveWeights/);
    const file = path.join(dir, 'two.weights.bin');
    await model.saveWeights(file);
    const again = new TwoLayers();
    again.build([null, 4]);
    await again.loadWeights(file);
    const b = again.predict(x, { verbose: 0 }) as tf.Tensor;
    expect(Array.from(b.dataSync())).to.deep.equal(Array.from(a.dataSync()));
    tf.dispose([x, a, b]);
  });

  it('loads a functional model holding a custom layer, compiled with a custom metric', async () => {
    function abs_error(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
      return tf.mean(tf.abs(tf.sub(yTrue, yPred)), -1);
    }
    const x = layers.Input({ shape: [4] });
    const y = layers.Dense(1)(new MyDense(3)(x));
    const model = models.Model({ inputs: x, outputs: y });
    model.compile({ optimizer: 'sgd', loss: 'mse', metrics: [abs_error] });
    const target = path.join(dir, 'functional');
    await model.save(target);
    await expectRejected(models.loadModel(target, { custom_objects: { MyDense } }), /Could not locate function 'abs_error'/);
    const loaded = await models.loadModel(target, { custom_objects: { MyDense, abs_error } });
    expect(loaded.layers.map((l) => l.getClassName())).to.deep.equal(['InputLayer', 'MyDense', 'Dense']);
    const h = await loaded.fit(tf.ones([2, 4]), tf.ones([2, 1]), { verbose: 0 });
    expect(Object.keys(h.history)).to.have.length(2);
    const uncompiled = await models.loadModel(target, { custom_objects: { MyDense }, compile: false });
    expect(uncompiled.compiled).to.equal(null);
  });

  it('loads a model compiled with a custom loss function', async () => {
    function my_loss(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
      return tf.mean(tf.abs(tf.sub(yTrue, yPred)), -1);
    }
    const model = models.Sequential([layers.Dense(1, { input_shape: [2] })]);
    model.compile({ optimizer: 'sgd', loss: my_loss });
    const target = path.join(dir, 'loss');
    await model.save(target);
    await expectRejected(models.loadModel(target), /Could not locate function 'my_loss'[\s\S]*custom_objects/);
    const loaded = await models.loadModel(target, { custom_objects: { my_loss } });
    expect(loaded.compiled?.outputs[0].loss).to.equal(my_loss);
    const h = await loaded.fit(tf.ones([2, 2]), tf.ones([2, 1]), { verbose: 0 });
    expect(h.history.loss).to.have.length(1);
  });

  it('loads a Lambda layer back with its function from custom_objects', async () => {
    const double = (x: tf.Tensor | tf.Tensor[]) => tf.mul(x as tf.Tensor, 2);
    const model = models.Sequential([layers.Dense(2, { input_shape: [2] }), layers.Lambda(double)]);
    const target = path.join(dir, 'lambda');
    await model.save(target);
    await expectRejected(models.loadModel(target), /Lambda[\s\S]*custom_objects/);
    const loaded = await models.loadModel(target, { custom_objects: { double } });
    const x = tf.ones([1, 2]);
    expect(Array.from((loaded.predict(x) as tf.Tensor).dataSync())).to.deep.equal(Array.from((model.predict(x) as tf.Tensor).dataSync()));
  });
});

async function expectRejected(promise: Promise<unknown>, pattern: RegExp): Promise<void> {
  try {
    await promise;
  } catch (e) {
    expect((e as Error).message).to.match(pattern);
    return;
  }
  expect.fail(`expected a rejection matching ${pattern}`);
}
