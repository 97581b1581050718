// The fused LSTM, GRU and SimpleRNN (src/keras/layers/recurrent-fused.ts) against tfjs's generic per-step layers on
// the cpu backend: outputs and gradients on cpu (JavaScript kernels) and on wasm (native addon, or JavaScript with
// TSDL_NATIVE=0).
import { expect } from 'chai';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as tf from '@tensorflow/tfjs';
import { layers, models } from '../../src/keras';
import type { CellKind } from '../../src/backend/rnn/cells';
import { fusesOn, RNN_SEQUENCE, RNN_SEQUENCE_GRAD } from '../../src/backend/rnn/rnn-kernels';
import { FusedGRU, FusedLSTM, FusedSimpleRNN } from '../../src/keras/layers/recurrent-fused';
import { rand, relErr, wasmReady } from '../backend/helpers';

const [B, T, D, U] = [3, 7, 4, 5];
const TOL = 1e-4;

interface Case {
  name: string;
  args: Record<string, unknown>;
  /** Steps to mask (b, t), as Embedding's mask_zero would. */
  masked?: [number, number][];
  initialState?: boolean;
}

const CASES: Case[] = [
  { name: 'last output', args: { recurrentActivation: 'sigmoid' } },
  { name: 'sequences', args: { recurrentActivation: 'sigmoid', returnSequences: true } },
  { name: 'last output, hard sigmoid (SimpleRNN: relu), no bias', args: { recurrentActivation: 'hardSigmoid', useBias: false } },
  { name: 'sequences + states, go_backwards', args: { recurrentActivation: 'sigmoid', returnSequences: true, returnState: true, goBackwards: true } },
  { name: 'masked steps, last output', args: { recurrentActivation: 'sigmoid' }, masked: [[0, 0], [0, 1], [1, 6], [2, 3], [2, 6]] },
  { name: 'masked steps, sequences + states', args: { recurrentActivation: 'sigmoid', returnSequences: true, returnState: true }, masked: [[0, 5], [0, 6], [1, 0], [2, 2]] },
  { name: 'initial states', args: { recurrentActivation: 'sigmoid', returnState: true }, initialState: true },
  { name: 'initial states, masked, go_backwards, hard sigmoid (SimpleRNN: relu)', args: { recurrentActivation: 'hardSigmoid', returnSequences: true, goBackwards: true }, initialState: true, masked: [[1, 1], [2, 6]] },
];

type Args = Record<string, unknown>;

interface Kind {
  name: string;
  cell: CellKind;
  fused: (args: Args) => tf.layers.Layer;
  generic: (args: Args) => tf.layers.Layer;
  /** The cases' options for this layer (SimpleRNN has no gates: its activation varies instead). */
  args: (args: Args) => Args;
  states: number;
}

/** SimpleRNN: sigmoid gates → tanh, hard sigmoid gates → relu; a linear case of its own below. */
function simpleArgs({ recurrentActivation, ...rest }: Args): Args {
  return { ...rest, activation: recurrentActivation === 'hardSigmoid' ? 'relu' : (rest.activation ?? 'tanh') };
}

const KINDS: Kind[] = [
  { name: 'LSTM', cell: 'lstm', fused: (a) => new FusedLSTM(a as never), generic: (a) => tf.layers.lstm(a as never), args: (a) => a, states: 2 },
  { name: 'GRU', cell: 'gru', fused: (a) => new FusedGRU(a as never), generic: (a) => tf.layers.gru(a as never), args: (a) => a, states: 1 },
  { name: 'SimpleRNN', cell: 'simple', fused: (a) => new FusedSimpleRNN(a as never), generic: (a) => tf.layers.simpleRNN(a as never), args: simpleArgs, states: 1 },
];

/** Outputs, and gradients of Σ out·r w.r.t. the weights, the input and the initial states. */
function evaluate(layer: tf.layers.Layer, c: Case, nStates: number): Float32Array[] {
  return tf.tidy(() => {
    const x = rand([B, T, D], 1);
    const states = c.initialState ? [rand([B, U], 2), rand([B, U], 3)].slice(0, nStates) : [];
    const keep = tf.buffer([B, T], 'float32');
    for (let b = 0; b < B; b++) for (let t = 0; t < T; t++) keep.set(1, b, t);
    for (const [b, t] of c.masked ?? []) keep.set(0, b, t);
    const mask = c.masked ? tf.cast(keep.toTensor(), 'bool') : undefined;
    const f = (xin: tf.Tensor, ...s: tf.Tensor[]) => {
      const out = layer.apply(xin, { mask, ...(s.length ? { initialState: s } : {}) }) as tf.Tensor | tf.Tensor[];
      const outs = Array.isArray(out) ? out : [out];
      return { outs, loss: tf.addN(outs.map((o, i) => tf.sum(tf.mul(o, rand(o.shape, 10 + i))))) as tf.Scalar };
    };
    const { outs } = f(x, ...states);
    const vars = layer.trainableWeights.map((w) => w.read() as tf.Variable);
    const { grads } = tf.variableGrads(() => f(x, ...states).loss, vars);
    const inputGrads = tf.grads((xin: tf.Tensor, ...s: tf.Tensor[]) => f(xin, ...s).loss)([x, ...states]);
    return [...outs, ...vars.map((v) => grads[v.name]), ...inputGrads].map((t) => t.dataSync() as Float32Array);
  });
}

/** Runs `evaluate` and checks that both fused kernels ran where the backend fuses this cell, and did not elsewhere. */
async function evaluateFused(layer: tf.layers.Layer, c: Case, kind: Kind): Promise<Float32Array[]> {
  let out: Float32Array[] = [];
  const { kernelNames } = await tf.profile(() => {
    out = evaluate(layer, c, kind.states);
  });
  const fused = [RNN_SEQUENCE, RNN_SEQUENCE_GRAD].filter((k) => kernelNames.includes(k));
  expect(fused).to.deep.equal(fusesOn(tf.getBackend(), kind.cell) ? [RNN_SEQUENCE, RNN_SEQUENCE_GRAD] : []);
  return out;
}

/** A fused and a generic layer with the same (seeded) weights. */
function pair(kind: Kind, c: Case): { fused: tf.layers.Layer; generic: tf.layers.Layer } {
  const args = { units: U, ...kind.args(c.args) };
  const fused = kind.fused(args);
  const generic = kind.generic(args);
  for (const l of [fused, generic]) tf.dispose(l.apply(tf.zeros([B, T, D])) as tf.Tensor);
  fused.setWeights(fused.weights.map((w, i) => rand(w.shape as number[], 20 + i)));
  generic.setWeights(fused.getWeights());
  return { fused, generic };
}

describe('keras: fused recurrent layers match tfjs generic ones', function () {
  this.timeout(60000);
  before(wasmReady);
  after(() => tf.setBackend('cpu'));

  const linear: Case = { name: 'linear activation, masked, sequences', args: { activation: 'linear', returnSequences: true }, masked: [[0, 3], [2, 0]] };
  for (const kind of KINDS) {
    for (const c of kind.name === 'SimpleRNN' ? [...CASES, linear] : CASES) {
      it(`${kind.name}: ${c.name}`, async () => {
        const { fused, generic } = pair(kind, c);
        await tf.setBackend('cpu');
        const want = evaluate(generic, c, kind.states);
        const onCpu = await evaluateFused(fused, c, kind);
        await tf.setBackend('wasm');
        const onWasm = await evaluateFused(fused, c, kind);
        expect(onCpu.length).to.equal(want.length);
        want.forEach((w, i) => {
          expect(relErr(onCpu[i], w), `cpu, tensor ${i}`).to.be.at.most(TOL);
          expect(relErr(onWasm[i], w), `wasm, tensor ${i}`).to.be.at.most(TOL);
        });
      });
    }
  }

  it('takes the generic path for dropout, and it still trains', async () => {
    await tf.setBackend('wasm');
    const model = models.Sequential([layers.LSTM(4, { dropout: 0.2, input_shape: [5, 3] }), layers.Dense(1)]);
    model.compile({ optimizer: 'rmsprop', loss: 'mse' });
    const h = await model.fit(rand([8, 5, 3], 1), rand([8, 1], 2), { epochs: 2, verbose: 0 });
    expect(h.history.loss.every((l) => Number.isFinite(l as number))).to.equal(true);
  });
});

/** tsdl's factories (Keras 2 defaults) and a tfjs generic layer configured the same. */
const MODEL_KINDS = [
  { name: 'LSTM', tsdl: () => layers.LSTM(6), cls: FusedLSTM, generic: () => tf.layers.lstm({ units: 6, recurrentActivation: 'sigmoid' }) },
  { name: 'GRU', tsdl: () => layers.GRU(6), cls: FusedGRU, generic: () => tf.layers.gru({ units: 6, recurrentActivation: 'sigmoid' }) },
  { name: 'SimpleRNN', tsdl: () => layers.SimpleRNN(6), cls: FusedSimpleRNN, generic: () => tf.layers.simpleRNN({ units: 6 }) },
];

describe('keras: recurrent layers (fused) in models', function () {
  this.timeout(60000);
  before(wasmReady);
  after(() => tf.setBackend('cpu'));

  it("LSTM and GRU default to Keras 2's sigmoid gates; the classes keep tfjs's names", () => {
    for (const k of MODEL_KINDS) {
      const l = k.tsdl();
      expect(l).to.be.instanceOf(k.cls);
      expect(l.getClassName()).to.equal(k.name);
      if (k.name !== 'SimpleRNN') expect((l.getConfig() as { recurrentActivation: string }).recurrentActivation).to.equal('sigmoid');
    }
  });

  it('Bidirectional(LSTM) fuses both directions (where LSTM fuses) and matches a generic pair on cpu', async () => {
    const x = rand([3, 6, 4], 5);
    const fused = layers.Bidirectional(layers.LSTM(5, { return_sequences: true }));
    await tf.setBackend('wasm');
    const { kernels } = await tf.profile(() => tf.dispose(fused.apply(x) as tf.Tensor));
    expect(kernels.filter((k) => k.name === RNN_SEQUENCE)).to.have.length(fusesOn('wasm', 'lstm') ? 2 : 0);
    const got = tf.tidy(() => (fused.apply(x) as tf.Tensor).dataSync() as Float32Array);
    // The same weights in two generic tfjs LSTMs, the second reading the sequence backwards, as Bidirectional does.
    const [fw, bw] = [false, true].map((goBackwards) => tf.layers.lstm({ units: 5, returnSequences: true, recurrentActivation: 'sigmoid', goBackwards }));
    await tf.setBackend('cpu');
    const want = tf.tidy(() => {
      const f = fw.apply(x) as tf.Tensor;
      const b = bw.apply(x) as tf.Tensor;
      const w = fused.getWeights();
      fw.setWeights(w.slice(0, 3));
      bw.setWeights(w.slice(3));
      tf.dispose([f, b]);
      return tf.concat([fw.apply(x) as tf.Tensor, tf.reverse(bw.apply(x) as tf.Tensor, 1)], -1).dataSync() as Float32Array;
    });
    expect(relErr(got, want)).to.be.at.most(TOL);
  });

  for (const k of MODEL_KINDS) {
    it(`Embedding(mask_zero) → ${k.name}: same loss and gradients as the generic layer`, async () => {
      const build = (rnn: tf.layers.Layer) =>
        tf.sequential({ layers: [tf.layers.embedding({ inputDim: 12, outputDim: 4, maskZero: true, inputLength: 9 }), rnn, tf.layers.dense({ units: 1 })] });
      const fused = build(k.tsdl());
      const generic = build(k.generic());
      generic.setWeights(fused.getWeights());
      // Leading and trailing zeros (padding on either side), and a row that is all padding but one step.
      const x = tf.tensor2d([[0, 0, 3, 4, 5, 6, 7, 8, 9], [1, 2, 3, 4, 5, 0, 0, 0, 0], [0, 0, 0, 0, 11, 0, 0, 0, 0]]);
      const y = tf.tensor2d([[1], [-1], [0.5]]);
      const run = (m: tf.LayersModel) =>
        tf.tidy(() => {
          const vars = m.trainableWeights.map((w) => w.read() as tf.Variable);
          const { value, grads } = tf.variableGrads(() => tf.losses.meanSquaredError(y, m.apply(x) as tf.Tensor) as tf.Scalar, vars);
          return [value, ...vars.map((v) => grads[v.name])].map((t) => t.dataSync() as Float32Array);
        });
      await tf.setBackend('cpu');
      const want = run(generic);
      for (const backend of ['cpu', 'wasm']) {
        await tf.setBackend(backend);
        run(fused).forEach((g, i) => expect(relErr(g, want[i]), `${backend}, tensor ${i}`).to.be.at.most(TOL));
      }
    });

    it(`${k.name} trains on wasm (loss goes down, no leaked tensors), saves and loads both ways`, async () => {
      await tf.setBackend('wasm');
      const model = models.Sequential([layers.Embedding(30, 8, { mask_zero: true, input_length: 12 }), k.tsdl(), layers.Dense(1, { activation: 'sigmoid' })]);
      model.compile({ optimizer: tf.train.rmsprop(0.01), loss: 'binary_crossentropy' });
      // Label: whether the last token is above 15; zeros pad the front.
      const rows = Array.from({ length: 64 }, (_, i) => Array.from({ length: 12 }, (_, t) => (t < i % 5 ? 0 : 1 + ((i * 7 + t * 3) % 29))));
      const x = tf.tensor2d(rows);
      const y = tf.tensor2d(rows.map((r) => [r[11] > 15 ? 1 : 0]));
      await model.fit(x, y, { epochs: 1, batch_size: 16, verbose: 0 });
      const before = tf.memory().numTensors;
      const h = await model.fit(x, y, { epochs: 15, batch_size: 16, verbose: 0 });
      const loss = h.history.loss as number[];
      expect(loss[loss.length - 1], loss.join(' ')).to.be.below(loss[0] * 0.8);
      expect(tf.memory().numTensors).to.equal(before);

      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsdl-rnn-'));
      await model.save(path.join(dir, 'm'));
      const json = JSON.parse(fs.readFileSync(path.join(dir, 'm', 'model.json'), 'utf8')) as { weightsManifest: Array<{ weights: Array<{ name: string }> }> };
      const weightNames = json.weightsManifest[0].weights.map((w) => w.name.replace(/^.*\//, ''));
      expect(weightNames.slice(1, 4)).to.deep.equal(['kernel', 'recurrent_kernel', 'bias']);
      const loaded = await models.loadModel(path.join(dir, 'm'));
      fs.rmSync(dir, { recursive: true, force: true });
      expect(loaded.layers[1]).to.be.instanceOf(k.cls);
      const want = (model.predict(x) as tf.Tensor).dataSync();
      expect(relErr((loaded.predict(x) as tf.Tensor).dataSync(), want)).to.be.at.most(1e-6);
      // The same weights in tfjs's own layer (as a plain tfjs program would load them) give the same predictions.
      const generic = tf.sequential({
        layers: [tf.layers.embedding({ inputDim: 30, outputDim: 8, maskZero: true, inputLength: 12 }), k.generic(), tf.layers.dense({ units: 1, activation: 'sigmoid' })],
      });
      generic.setWeights(loaded.getWeights());
      await tf.setBackend('cpu');
      expect(relErr((generic.predict(x) as tf.Tensor).dataSync(), want)).to.be.at.most(TOL);
    });
  }
});
