import { expect } from 'chai';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { tf, callbacks, layers, models, optimizers } from '../../src/keras';
import { getLearningRate } from '../../src/keras/optimizers';
import { useCpu } from '../helpers/cpu';

function setup() {
  const x = tf.randomUniform([32, 4], 0, 1, 'float32', 7);
  const y = tf.randomUniform([32, 1], 0, 1, 'float32', 8);
  const model = models.Sequential([layers.Dense(1, { input_shape: [4] })]);
  return { x, y, model };
}

describe('keras callbacks', () => {
  let dir: string;
  useCpu();
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsdl-cb-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('EarlyStopping stops when the monitored figure stops improving, mixed with plain objects', async () => {
    const { x, y, model } = setup();
    model.compile({ optimizer: optimizers.SGD({ learning_rate: 0 }), loss: 'mse' });
    const seen: number[] = [];
    const h = await model.fit(x, y, {
      epochs: 20,
      verbose: 0,
      callbacks: [callbacks.EarlyStopping({ monitor: 'loss', patience: 2 }), { onEpochEnd: (e: number) => void seen.push(e) }, { on_epoch_end: () => undefined }],
    });
    expect(h.epoch).to.deep.equal([0, 1, 2]);
    expect(seen).to.deep.equal([0, 1, 2]);
    tf.dispose([x, y]);
  });

  it('EarlyStopping restores the best weights without leaking tensors', async () => {
    const { x, y, model } = setup();
    model.compile({ optimizer: optimizers.SGD({ learning_rate: 5 }), loss: 'mse' });
    await model.fit(x, y, { epochs: 1, verbose: 0 });
    const before = tf.memory().numTensors;
    const es = callbacks.EarlyStopping({ monitor: 'loss', patience: 1, restore_best_weights: true });
    await model.fit(x, y, { epochs: 6, verbose: 0, callbacks: [es] });
    expect(tf.memory().numTensors).to.equal(before);
    tf.dispose([x, y]);
  });

  it('ModelCheckpoint saves best models with formatted paths', async () => {
    const { x, y, model } = setup();
    model.compile({ optimizer: 'sgd', loss: 'mse' });
    const filepath = path.join(dir, 'ckpt_{epoch:02d}');
    await model.fit(x, y, { epochs: 2, verbose: 0, validation_split: 0.25, callbacks: [callbacks.ModelCheckpoint(filepath, { save_best_only: true })] });
    expect(fs.readdirSync(dir)).to.include('ckpt_01');
    expect(fs.existsSync(path.join(dir, 'ckpt_01', 'model.json'))).to.equal(true);
    expect(callbacks.ModelCheckpointCallback.formatPath('m_{epoch:03d}_{val_loss:.2f}', 4, { val_loss: 0.12345 })).to.equal('m_005_0.12');
    tf.dispose([x, y]);
  });

  it('ReduceLROnPlateau lowers the learning rate; CSVLogger, LambdaCallback and TerminateOnNaN work', async () => {
    const { x, y, model } = setup();
    model.compile({ optimizer: optimizers.RMSprop({ lr: 0 }), loss: 'mse' });
    const csv = path.join(dir, 'log.csv');
    const events: string[] = [];
    await model.fit(x, y, {
      epochs: 3,
      verbose: 0,
      callbacks: [
        callbacks.ReduceLROnPlateau({ monitor: 'loss', patience: 1, factor: 0.5, min_lr: 0 }),
        callbacks.CSVLogger(csv),
        callbacks.LambdaCallback({ on_train_begin: () => void events.push('begin'), on_epoch_end: (e: number) => void events.push(`epoch ${e}`) }),
      ],
    });
    expect(events).to.deep.equal(['begin', 'epoch 0', 'epoch 1', 'epoch 2']);
    const lines = fs.readFileSync(csv, 'utf8').trim().split('\n');
    expect(lines[0]).to.equal('epoch,learning_rate,loss');
    expect(lines).to.have.length(4);

    const model2 = models.Sequential([layers.Dense(1, { input_shape: [4] })]);
    const opt = optimizers.SGD({ learning_rate: 0.01 });
    model2.compile({ optimizer: opt, loss: 'mse' });
    await model2.fit(x, y, { epochs: 4, verbose: 0, callbacks: [callbacks.ReduceLROnPlateau({ monitor: 'loss', patience: 1, factor: 0.5, mode: 'max' })] });
    expect(getLearningRate(opt)).to.be.lessThan(0.01);

    const nan = tf.fill([32, 1], NaN);
    const h = await model2.fit(x, nan, { epochs: 3, verbose: 0, batch_size: 8, callbacks: [callbacks.TerminateOnNaN()] });
    expect(h.epoch).to.deep.equal([0]);
    tf.dispose([x, y, nan]);
  });

  it('works with tfjs callbacks too', async () => {
    const { x, y, model } = setup();
    model.compile({ optimizer: optimizers.SGD({ learning_rate: 0 }), loss: 'mse' });
    const h = await model.fit(x, y, { epochs: 10, verbose: 0, callbacks: [tf.callbacks.earlyStopping({ monitor: 'loss', patience: 1 })] });
    expect(h.epoch.length).to.be.lessThan(10);
    tf.dispose([x, y]);
  });
});
