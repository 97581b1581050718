import { expect } from 'chai';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { tf, callbacks, layers, models, optimizers } from '../../src/keras';
import { useCpu } from '../helpers/cpu';

const { schedules } = optimizers;

/** One SGD-style step on `v` with the gradient `g` (loss = sum(v * g)). */
function step(optimizer: tf.Optimizer, v: tf.Variable, g: number[]): void {
  const gt = tf.tensor(g, v.shape);
  optimizer.minimize(() => tf.sum(tf.mul(v, gt)) as tf.Scalar, false, [v]);
  gt.dispose();
}

describe('keras: learning rate schedules, clipping, weight decay', () => {
  useCpu();

  it("ExponentialDecay: initial * rate ^ (step / decay_steps), floored with staircase", () => {
    const s = schedules.ExponentialDecay(0.1, 10, 0.5);
    expect(s(0)).to.be.closeTo(0.1, 1e-12);
    expect(s(5)).to.be.closeTo(0.1 * Math.SQRT1_2, 1e-12);
    expect(s(20)).to.be.closeTo(0.025, 1e-12);
    const stairs = schedules.ExponentialDecay({ initial_learning_rate: 0.1, decay_steps: 10, decay_rate: 0.5, staircase: true });
    expect(stairs(15)).to.be.closeTo(0.05, 1e-12);
    expect(stairs.call(9)).to.be.closeTo(0.1, 1e-12);
    expect(() => schedules.ExponentialDecay({ initial_learning_rate: 0.1, decay_step: 10, decay_rate: 0.5 })).to.throw("Did you mean 'decay_steps'?");
  });

  it('PiecewiseConstantDecay: values[i] while step <= boundaries[i]', () => {
    const s = schedules.PiecewiseConstantDecay([10, 20], [1, 0.5, 0.1]);
    expect([0, 10, 11, 20, 21, 1000].map((x) => s(x))).to.deep.equal([1, 1, 0.5, 0.5, 0.1, 0.1]);
    expect(() => schedules.PiecewiseConstantDecay([10, 20], [1, 0.5])).to.throw('The length of boundaries should be 1 less than the length of values');
  });

  it('CosineDecay: with alpha, and with a linear warmup to warmup_target', () => {
    const s = schedules.CosineDecay(1.0, 100);
    expect(s(0)).to.be.closeTo(1, 1e-12);
    expect(s(50)).to.be.closeTo(0.5, 1e-12);
    expect(s(25)).to.be.closeTo(0.5 * (1 + Math.cos(Math.PI / 4)), 1e-12);
    expect(s(100)).to.be.closeTo(0, 1e-12);
    expect(s(500)).to.be.closeTo(0, 1e-12);
    const a = schedules.CosineDecay({ initial_learning_rate: 2, decay_steps: 100, alpha: 0.1 });
    expect(a(50)).to.be.closeTo(2 * (0.9 * 0.5 + 0.1), 1e-12);
    expect(a(1000)).to.be.closeTo(0.2, 1e-12);
    const w = schedules.CosineDecay({ initial_learning_rate: 0, decay_steps: 100, warmup_target: 1, warmup_steps: 10 });
    expect(w(5)).to.be.closeTo(0.5, 1e-12);
    expect(w(10)).to.be.closeTo(1, 1e-12);
    expect(w(60)).to.be.closeTo(0.5, 1e-12);
    expect(w(1000)).to.be.closeTo(0, 1e-12);
  });

  it('InverseTimeDecay: initial / (1 + rate * step / decay_steps)', () => {
    expect(schedules.InverseTimeDecay(0.1, 1, 0.5)(2)).to.be.closeTo(0.05, 1e-12);
    expect(schedules.InverseTimeDecay(0.1, 10, 0.5, true)(15)).to.be.closeTo(0.1 / 1.5, 1e-12);
    expect(schedules.InverseTimeDecay(0.1, 10, 0.5)(15)).to.be.closeTo(0.1 / 1.75, 1e-12);
  });

  it('an optimizer follows its schedule step by step; its learning_rate is then not settable', () => {
    const opt = optimizers.SGD({ learning_rate: schedules.ExponentialDecay(0.1, 1, 0.5) });
    expect(opt.learning_rate).to.be.closeTo(0.1, 1e-9);
    const v = tf.variable(tf.zeros([1]));
    for (let i = 0; i < 3; i++) step(opt, v, [1]);
    expect(v.dataSync()[0]).to.be.closeTo(-(0.1 + 0.05 + 0.025), 1e-6);
    expect(opt.learning_rate).to.be.closeTo(0.0125, 1e-9); // schedule(iterations), as Keras reports it
    expect(() => (opt.learning_rate = 0.1)).to.throw(TypeError, 'hence its learning rate is not settable');
    v.dispose();
  });

  it('a custom LearningRateSchedule subclass works too', () => {
    class Halving extends schedules.LearningRateSchedule {
      call(s: number): number {
        return 1 / 2 ** s;
      }
    }
    const opt = optimizers.SGD({ learning_rate: new Halving() });
    const v = tf.variable(tf.zeros([1]));
    step(opt, v, [1]);
    step(opt, v, [1]);
    expect(v.dataSync()[0]).to.be.closeTo(-1.5, 1e-6);
    v.dispose();
  });

  it('clipnorm, clipvalue, global_clipnorm as Keras clips', () => {
    const cases: Array<[Record<string, number>, number[]]> = [
      [{ clipnorm: 1 }, [-0.6, -0.8]],
      [{ clipvalue: 1 }, [-1, -1]],
      [{ global_clipnorm: 1 }, [-0.6, -0.8]],
      [{ clipnorm: 10 }, [-3, -4]],
    ];
    for (const [extra, expected] of cases) {
      const v = tf.variable(tf.zeros([2]));
      step(optimizers.SGD({ learning_rate: 1, ...extra }), v, [3, 4]);
      const got = Array.from(v.dataSync());
      got.forEach((x, i) => expect(x, JSON.stringify(extra)).to.be.closeTo(expected[i], 1e-6));
      v.dispose();
    }
    // Per variable for clipnorm, across all of them for global_clipnorm.
    const a = tf.variable(tf.zeros([1]));
    const b = tf.variable(tf.zeros([1]));
    const opt = optimizers.SGD({ learning_rate: 1, global_clipnorm: 1 });
    opt.minimize(() => tf.add(tf.sum(tf.mul(a, 3)), tf.sum(tf.mul(b, 4))) as tf.Scalar, false, [a, b]);
    expect(a.dataSync()[0]).to.be.closeTo(-0.6, 1e-6);
    expect(b.dataSync()[0]).to.be.closeTo(-0.8, 1e-6);
    tf.dispose([a, b]);
    expect(() => optimizers.Adam({ clipnorm: 1, clipvalue: 1 })).to.throw('Only one of `clipnorm`, `clipvalue` and `global_clipnorm` can be set. Received: clipnorm=1, clipvalue=1, global_clipnorm=None');
    expect(() => optimizers.Adam({ clip_norm: 1 } as never)).to.throw("Did you mean 'clipnorm'?");
  });

  it('AdamW decays weights by weight_decay * lr before the Adam update; weight_decay on other optimizers too', () => {
    const w = tf.variable(tf.ones([1]));
    const opt = optimizers.AdamW({ learning_rate: 0.1, weight_decay: 0.5 });
    step(opt, w, [2]);
    // (1 - 0.5 * 0.1) then Adam's first step, lr * m̂ / (sqrt(v̂) + eps) = 0.1 * 2 / 2.
    expect(w.dataSync()[0]).to.be.closeTo(0.95 - 0.1, 1e-5);
    const s = tf.variable(tf.ones([1]));
    step(optimizers.SGD({ learning_rate: 0.1, weight_decay: 0.1 }), s, [0]);
    expect(s.dataSync()[0]).to.be.closeTo(0.99, 1e-6);
    expect(optimizers.get('adamw').getClassName()).to.equal('Adam');
    tf.dispose([w, s]);
  });

  it('callbacks.LearningRateScheduler sets schedule(epoch, lr) each epoch and logs learning_rate', async () => {
    const model = models.Sequential([layers.Dense(1, { input_shape: [2] })]);
    model.compile({ optimizer: optimizers.SGD({ learning_rate: 0.1 }), loss: 'mse' });
    const seen: number[] = [];
    const scheduler = callbacks.LearningRateScheduler((epoch: number, lr: number) => {
      seen.push(lr);
      return epoch < 1 ? lr : lr * 0.5;
    });
    const history = await model.fit(tf.ones([4, 2]), tf.ones([4, 1]), { epochs: 3, verbose: 0, callbacks: [scheduler] });
    expect(seen.map((x) => +x.toFixed(6))).to.deep.equal([0.1, 0.1, 0.05]);
    expect(history.history.learning_rate.map((x) => +x.toFixed(6))).to.deep.equal([0.1, 0.05, 0.025]);
    const bad = callbacks.LearningRateScheduler(() => 'fast' as unknown as number);
    let error: Error | null = null;
    await model.fit(tf.ones([4, 2]), tf.ones([4, 1]), { epochs: 1, verbose: 0, callbacks: [bad] }).catch((e: Error) => (error = e));
    expect(String(error)).to.include('The output of the `schedule` function should be a float. Got: fast');
  });

  it('a schedule in compile trains a model (the rate per step, not per epoch)', async () => {
    const model = models.Sequential([layers.Dense(1, { input_shape: [2] })]);
    const opt = optimizers.Adam({ learning_rate: schedules.PiecewiseConstantDecay([1], [0.1, 0.01]) });
    model.compile({ optimizer: opt, loss: 'mse' });
    await model.fit(tf.ones([8, 2]), tf.ones([8, 1]), { epochs: 1, batch_size: 4, verbose: 0 });
    expect(opt.learning_rate).to.equal(0.01); // two steps done: step 2 > boundary 1
  });

  it('save/loadModel keep the optimizer: AdamW, its schedule, clipping and weight decay', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsdl-opt-'));
    const model = models.Sequential([layers.Dense(1, { input_shape: [2] })]);
    const schedule = schedules.CosineDecay({ initial_learning_rate: 0.1, decay_steps: 10, warmup_target: 0.2, warmup_steps: 2 });
    model.compile({ optimizer: optimizers.AdamW({ learning_rate: schedule, weight_decay: 0.1, clipnorm: 1 }), loss: 'mse' });
    await model.save(dir);
    const loaded = await models.loadModel(dir);
    const saved = optimizers.toSaved(loaded.optimizer!);
    expect(saved).to.deep.equal(optimizers.toSaved(model.optimizer!));
    expect(saved.className).to.equal('AdamW');
    expect(saved.config).to.include({ weightDecay: 0.1, clipnorm: 1 });
    expect(saved.config.learningRate).to.deep.equal({ className: 'CosineDecay', config: { initial_learning_rate: 0.1, decay_steps: 10, alpha: 0, warmup_target: 0.2, warmup_steps: 2 } });
    expect(() => (loaded.optimizer!.learning_rate = 1)).to.throw(TypeError);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
