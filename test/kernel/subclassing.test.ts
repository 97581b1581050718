// Subclassing through the kernel, as a notebook writes it: cells are TypeScript transpiled by esbuild and run in one
// persistent context, so `class MyDense extends layers.Layer` must work there, and again when its cell is re-run.
import { expect } from 'chai';
import { ExecuteOutcome, resultText, useKernel } from '../helpers/kernel';

function ok(outcome: ExecuteOutcome): ExecuteOutcome {
  expect(outcome.reply.content.status, JSON.stringify(outcome.reply.content)).to.equal('ok');
  return outcome;
}

/** Every text/plain a cell displayed (summaries are display_data) and printed. */
function allText(outcome: ExecuteOutcome): string {
  return outcome.outputs
    .map((m) => (m.header.msg_type === 'stream' ? String(m.content.text) : String((m.content.data as Record<string, string> | undefined)?.['text/plain'] ?? '')))
    .join('\n');
}

const MY_DENSE = `
class MyDense extends layers.Layer {
  units: number;
  w: tf.LayerVariable;
  b: tf.LayerVariable;
  constructor(units = 32, options = {}) {
    super(options);
    this.units = units;
  }
  build(inputShape) {
    this.w = this.addWeight({ shape: [inputShape[inputShape.length - 1], this.units], initializer: 'random_normal', name: 'kernel' });
    this.b = this.add_weight({ shape: [this.units], initializer: 'zeros', name: 'bias' });
  }
  call(inputs) {
    return tf.add(tf.matMul(inputs, this.w.read()), this.b.read());
  }
  getConfig() {
    return { ...super.getConfig(), units: this.units };
  }
  static fromConfig(config) {
    const { units, ...rest } = config;
    return new this(units, rest);
  }
}`;

describe('kernel: subclassing as in Keras', function () {
  this.timeout(120000);
  const kernel = useKernel();

  it('defines a custom layer in a cell (twice), trains it in Sequential and shows it in summary()', async () => {
    ok(await kernel().execute(MY_DENSE));
    ok(await kernel().execute(MY_DENSE)); // a re-run cell declares the class again
    const out = ok(
      await kernel().execute(`
        const seq = models.Sequential([new MyDense(8, { input_shape: [4] }), layers.Dense(1)]);
        seq.compile({ optimizer: 'adam', loss: 'mse' });
        await seq.fit(tf.randomNormal([32, 4]), tf.randomNormal([32, 1]), { epochs: 2, verbose: 0 });
        seq.summary();`),
    );
    const text = allText(out);
    expect(text).to.match(/my_dense(_\d+)? \(MyDense\)/);
    expect(text).not.to.match(/MyDense\d/);
    const check = ok(await kernel().execute('[seq.layers[0] instanceof MyDense, seq.layers[0] instanceof layers.Layer, seq.countParams()]'));
    expect(resultText(check)).to.equal('[ true, true, 49 ]');
  });

  it('calls a custom layer on symbolic inputs (functional API) and on concrete tensors', async () => {
    const out = ok(
      await kernel().execute(`
        const inp = layers.Input({ shape: [5] });
        const sym = new MyDense(3)(inp);
        const fm = models.Model({ inputs: inp, outputs: sym });
        const concrete = new MyDense(2)(tf.ones([4, 5]));
        [sym.shape, fm.predict(tf.ones([2, 5]), { verbose: 0 }).shape, concrete.shape]`),
    );
    expect(resultText(out)).to.equal('[ [ null, 3 ], [ 2, 3 ], [ 4, 2 ] ]');
  });

  it('fits a subclassed models.Model and shows its summary once built', async () => {
    const notBuilt = await kernel().execute(`
      class TwoLayers extends models.Model {
        constructor() {
          super();
          this.dense1 = layers.Dense(8, { activation: 'relu' });
          this.dense2 = layers.Dense(1);
        }
        call(inputs, training) {
          return this.dense2(this.dense1(inputs));
        }
      }
      const sub = new TwoLayers();
      sub.summary();`);
    expect(notBuilt.reply.content.status).to.equal('error');
    expect(String(notBuilt.reply.content.evalue)).to.match(/This model has not yet been built/);
    const out = ok(
      await kernel().execute(`
        sub.compile({ optimizer: 'adam', loss: 'mse', metrics: ['mae'] });
        const hist = await sub.fit(tf.randomNormal([64, 4]), tf.randomNormal([64, 1]), { epochs: 2, batch_size: 16, verbose: 0 });
        sub.summary();
        [Object.keys(hist.history).join(), sub.name, sub instanceof models.Model, sub.countParams()]`),
    );
    expect(resultText(out)).to.match(/^\[ 'loss,mae', 'two_layers(_\d+)?', true, 49 \]$/);
    const text = allText(out);
    expect(text).to.match(/\(None, 8\)/);
    expect(text).to.match(/Total params: 49|49/);
  });

  it("shows a custom layer and a subclassed model as a cell's value, and call's errors in Keras's words", async () => {
    const layer = ok(await kernel().execute('new MyDense(2, { name: "shown" })'));
    expect(resultText(layer)).to.equal('<MyDense name=shown, built=False>');
    const model = ok(await kernel().execute('sub'));
    expect(resultText(model)).to.match(/two_layers[\s\S]*Dense[\s\S]*49/);
    const failed = await kernel().execute(`
      class Broken extends layers.Layer {
        call(inputs) { return tf.matMul(inputs, tf.ones([7, 1])); }
      }
      new Broken()(layers.Input({ shape: [3] }));`);
    expect(failed.reply.content.status).to.equal('error');
    expect(String(failed.reply.content.evalue)).to.match(/Exception encountered when calling Broken\.call\(\)[\s\S]*inputs=shape=\(None, 3\)/);
  });

  it('saves and loads back a custom layer, a Lambda and a custom loss with custom_objects', async () => {
    const out = ok(
      await kernel().execute(`
        const dir = require('fs').mkdtempSync(require('path').join(require('os').tmpdir(), 'tsdl-sub-'));
        function my_loss(yTrue, yPred) { return tf.mean(tf.square(tf.sub(yTrue, yPred)), -1); }
        const double = (x) => tf.mul(x, 2);
        const toSave = models.Sequential([new MyDense(3, { input_shape: [4] }), layers.Lambda(double), layers.Dense(1)]);
        toSave.compile({ optimizer: 'adam', loss: my_loss });
        await toSave.save(dir);
        let failure = '';
        try { await models.loadModel(dir); } catch (e) { failure = e.message; }
        const back = await models.loadModel(dir, { custom_objects: { MyDense, double, my_loss } });
        await back.fit(tf.ones([2, 4]), tf.ones([2, 1]), { verbose: 0 });
        const same = tf.ones([1, 4]);
        require('fs').rmSync(dir, { recursive: true, force: true });
        [failure.split('.')[0], back.layers.map((l) => l.getClassName()).join(), back.compiled.outputs[0].loss === my_loss]`),
    );
    expect(resultText(out)).to.equal("[ \"Unknown layer: 'MyDense'\", 'MyDense,Lambda,Dense', true ]");
  });
});
