// LSTM, GRU and SimpleRNN whose whole sequence runs as one fused op where the backend has tsdl's fused kernels
// (wasm with the native addon, and cpu; GRU and SimpleRNN also on wasm without the addon, see fusesOn): x·W for
// every step in one matmul, then all steps, and their backward pass, in one kernel call each (src/backend/rnn). tfjs's generic per-step RNN, tens of ops per step, stays the path for what the fused op does
// not cover (dropout, stateful layers, other activations, other backends). Weights, config and class names are
// tfjs's, so saved models load either way.
import * as tf from '@tensorflow/tfjs';
import type { GRU as TfGRU, LSTM as TfLSTM, RNN, SimpleRNN as TfSimpleRNN } from '@tensorflow/tfjs-layers/dist/layers/recurrent';
import { ACTIVATIONS, CELLS, type CellKind, type FusedActivation } from '../../backend/rnn/cells';
import { ensureRnnCpuKernels, fusesOn, RNN_SEQUENCE, RNN_SEQUENCE_GRAD, type RnnAttrs } from '../../backend/rnn/rnn-kernels';

type Kwargs = Record<string, unknown>;

/** What the fused path reads off tfjs's LSTMCell, GRUCell and SimpleRNNCell. */
interface Cell {
  units: number;
  activation: { getClassName(): string };
  recurrentActivation?: { getClassName(): string };
  useBias: boolean;
  kernel: { read(): tf.Tensor };
  recurrentKernel: { read(): tf.Tensor };
  bias: { read(): tf.Tensor } | null;
  dropout: number;
  recurrentDropout: number;
}

// tfjs exports only the factories (tf.layers.lstm...); the classes are in the serialization registry.
const registered = (name: string) => tf.serialization.SerializationMap.getMap().classNameMap[name][0];
const TfLstmClass = registered('LSTM') as unknown as typeof TfLSTM;
const TfGruClass = registered('GRU') as unknown as typeof TfGRU;
const TfSimpleRnnClass = registered('SimpleRNN') as unknown as typeof TfSimpleRNN;

const GATES: Record<string, boolean> = { sigmoid: false, hardSigmoid: true };

/** All steps given x·W (`xw`): the states after every step, with a gradient for every input but the mask. */
function sequenceOp(attrs: RnnAttrs): (xw: tf.Tensor, bias: tf.Tensor, rk: tf.Tensor, s0: tf.Tensor, mask: tf.Tensor) => tf.Tensor {
  const attrMap = { ...attrs };
  const op = tf.customGrad(((xw: tf.Tensor, bias: tf.Tensor, rk: tf.Tensor, s0: tf.Tensor, mask: tf.Tensor, save: tf.GradSaveFunc) => {
    const [seq, gates] = tf.engine().runKernel(RNN_SEQUENCE, { xw, bias, rk, s0, mask }, attrMap) as tf.Tensor[];
    save([rk, s0, mask, seq, gates]);
    return {
      value: seq,
      gradFunc: (dseq: tf.Tensor, saved: tf.Tensor[]) => {
        const [srk, ss0, smask, sseq, sgates] = saved;
        const inputs = { dseq, rk: srk, s0: ss0, mask: smask, seq: sseq, gates: sgates };
        const [dxw, dbias, drk, ds0] = tf.engine().runKernel(RNN_SEQUENCE_GRAD, inputs, attrMap) as tf.Tensor[];
        return [dxw, dbias, drk, ds0, tf.zerosLike(smask)];
      },
    };
  }) as unknown as Parameters<typeof tf.customGrad>[0]);
  return op as (...args: tf.Tensor[]) => tf.Tensor;
}

const ops = new Map<string, ReturnType<typeof sequenceOp>>();
const opFor = (attrs: RnnAttrs) => {
  const key = `${attrs.cell}/${attrs.hard}/${attrs.act}`;
  if (!ops.has(key)) ops.set(key, sequenceOp(attrs));
  return ops.get(key)!;
};

/** The fused kernels' attrs for this layer, or null when it needs tfjs's generic path. */
function fusedAttrs(layer: RNN, cell: Cell, kind: CellKind, x: tf.Tensor): RnnAttrs | null {
  ensureRnnCpuKernels(tf);
  if (!fusesOn(tf.getBackend(), kind)) return null;
  if (layer.stateful || cell.dropout > 0 || cell.recurrentDropout > 0) return null;
  if (x.rank !== 3 || x.dtype !== 'float32' || x.shape[0] === 0 || x.shape[1] === 0) return null;
  const act = cell.activation.getClassName() as FusedActivation;
  if (kind === 'simple') return ACTIVATIONS.includes(act) ? { cell: kind, hard: false, act } : null;
  const gate = cell.recurrentActivation!.getClassName();
  return act === 'tanh' && gate in GATES ? { cell: kind, hard: GATES[gate], act } : null;
}

/**
 * RNN.call through the fused op, with tfjs's semantics: mask (any non-zero value takes the step; a masked step
 * repeats the previous states), initial states, go_backwards, return_sequences, return_state. Null when the
 * layer needs the generic path.
 */
function fusedCall(layer: RNN, kind: CellKind, inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs): tf.Tensor | tf.Tensor[] | null {
  const x = Array.isArray(inputs) ? inputs[0] : inputs;
  const cell = layer.cell as unknown as Cell;
  const attrs = fusedAttrs(layer, cell, kind, x);
  if (!attrs) return null;
  return tf.tidy(() => {
    const [batch, steps, dim] = x.shape;
    const units = cell.units;
    const { gates, states } = CELLS[kind];
    const given = (kwargs.initialState as tf.Tensor[] | undefined) ?? (Array.isArray(inputs) && inputs.length > 1 ? inputs.slice(1) : null);
    const s0 = given ? (given.length > 1 ? tf.concat(given, 1) : given[0]) : tf.zeros([batch, states * units]);
    const maskArg = (Array.isArray(kwargs.mask) ? kwargs.mask[0] : kwargs.mask) as tf.Tensor | undefined;
    let mask = maskArg ? tf.cast(tf.cast(maskArg, 'bool'), 'float32').reshape([batch, steps]) : tf.ones([batch, steps]);
    let xs = x;
    if (layer.goBackwards) {
      xs = tf.reverse(xs, 1);
      mask = tf.reverse(mask, 1);
    }
    const xw = tf.matMul(xs.reshape([batch * steps, dim]), cell.kernel.read()).reshape([batch, steps, gates * units]);
    const bias = cell.useBias && cell.bias ? cell.bias.read() : tf.zeros([gates * units]);
    const seq = opFor(attrs)(xw, bias, cell.recurrentKernel.read(), s0, mask);
    const width = states * units;
    const last = seq.slice([0, steps - 1, 0], [batch, 1, width]).reshape([batch, width]);
    const finals = states === 1 ? [last] : [last.slice([0, 0], [batch, units]), last.slice([0, units], [batch, units])];
    const output = !layer.returnSequences ? finals[0] : states === 1 ? seq : seq.slice([0, 0, 0], [batch, steps, units]);
    return layer.returnState ? [output, ...finals] : output;
  });
}

/** tfjs's LSTM, fused where it can be; `tf.serialization` maps 'LSTM' to it. */
export class FusedLSTM extends TfLstmClass {
  static override className = 'LSTM';

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs): tf.Tensor | tf.Tensor[] {
    return fusedCall(this, 'lstm', inputs, kwargs) ?? super.call(inputs, kwargs);
  }
}

/** tfjs's GRU (reset gate before the recurrent product), fused where it can be. */
export class FusedGRU extends TfGruClass {
  static override className = 'GRU';

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs): tf.Tensor | tf.Tensor[] {
    return fusedCall(this, 'gru', inputs, kwargs) ?? super.call(inputs, kwargs);
  }
}

/** tfjs's SimpleRNN, fused where it can be (tanh, relu or linear). */
export class FusedSimpleRNN extends TfSimpleRnnClass {
  static override className = 'SimpleRNN';

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs): tf.Tensor | tf.Tensor[] {
    return fusedCall(this, 'simple', inputs, kwargs) ?? super.call(inputs, kwargs);
  }
}

for (const cls of [FusedLSTM, FusedGRU, FusedSimpleRNN]) tf.serialization.registerClass(cls);
