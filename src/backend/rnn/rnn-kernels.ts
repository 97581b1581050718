// Fused recurrent sequences as two tfjs kernels (forward, and backward through time) for the wasm backend (over
// the native addon, or JavaScript on the heap) and the cpu backend (JavaScript). The layers in
// src/keras/layers/recurrent-fused.ts tie them together with tf.customGrad.
import type { KernelFunc, TensorInfo } from '@tensorflow/tfjs';
import type { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { NativeBlas } from '../native/addon';
import type { TfModule } from '../types';
import { f32, heapBuffer, offsetOf } from '../wasm/heap';
import { ACTIVATIONS, CELLS, type CellKind, type FusedActivation, type RnnDims } from './cells';
import { rnnBackwardJs, rnnForwardJs } from './rnn-js';

/**
 * Inputs {xw [B,T,G·U] (x·W), bias [G·U], rk [U,G·U], s0 [B,S·U], mask [B,T]}; attrs {cell, hard, act};
 * outputs [seq [B,T,S·U], gates [B,T,G·U]] (layouts in src/backend/native/tsdl_rnn.c).
 */
export const RNN_SEQUENCE = 'TsdlRnnSequence';
/** Inputs {dseq, rk, s0, mask, seq, gates}; attrs as the forward kernel's; outputs [dxw, dbias, drk, ds0]. */
export const RNN_SEQUENCE_GRAD = 'TsdlRnnSequenceGrad';

/** What the fused kernels compute, besides the shapes they read off their inputs. */
export interface RnnAttrs {
  cell: CellKind;
  hard: boolean;
  act: FusedActivation;
}

type Named = Record<string, TensorInfo>;

const FORWARD_IN = ['xw', 'bias', 'rk', 's0', 'mask'] as const;
const BACKWARD_IN = ['dseq', 'rk', 's0', 'mask', 'seq', 'gates'] as const;

function dims(inputs: Named, attrs: unknown): RnnDims {
  const { cell, hard, act } = attrs as RnnAttrs;
  const [batch, steps] = inputs.mask.shape;
  return { cell, batch, steps, units: inputs.rk.shape[0], hard, act };
}

function outShapes(name: string, d: RnnDims): number[][] {
  const { batch: B, steps: T, units: U } = d;
  const G = CELLS[d.cell].gates * U;
  const S = CELLS[d.cell].states * U;
  return name === RNN_SEQUENCE ? [[B, T, S], [B, T, G]] : [[B, T, G], [G], [U, G], [B, S]];
}

/** Runs the JS loops on float32 arrays fetched by `arrayOf`, writing into `outs`. */
function runJs(name: string, inputs: Named, outs: Float32Array[], arrayOf: (t: TensorInfo) => Float32Array, d: RnnDims): void {
  if (name === RNN_SEQUENCE) {
    const [xw, bias, rk, s0, mask] = FORWARD_IN.map((k) => arrayOf(inputs[k]));
    rnnForwardJs({ xw, bias, rk, s0, mask, seq: outs[0], gates: outs[1] }, d);
  } else {
    const [dseq, rk, s0, mask, seq, gates] = BACKWARD_IN.map((k) => arrayOf(inputs[k]));
    rnnBackwardJs({ dseq, rk, s0, mask, seq, gates, dxw: outs[0], dbias: outs[1], drk: outs[2], ds0: outs[3] }, d);
  }
}

function wasmKernel(name: string, blas: NativeBlas | null): KernelFunc {
  return ({ inputs, backend, attrs }) => {
    const be = backend as BackendWasm;
    const ins = inputs as Named;
    const d = dims(ins, attrs);
    const outs = outShapes(name, d).map((s) => be.makeOutput(s, 'float32'));
    if (!blas) {
      // Views only after every makeOutput: growing the heap detaches earlier ones.
      runJs(name, ins, outs.map((o) => f32(be, o)), (t) => f32(be, t), d);
      return outs;
    }
    const off = (t: TensorInfo) => offsetOf(be, t);
    const sizes = [d.batch, d.steps, d.units, d.hard ? 1 : 0, ACTIVATIONS.indexOf(d.act)];
    const cell = CELLS[d.cell].code;
    if (name === RNN_SEQUENCE) blas.rnnForward(heapBuffer(be), cell, ...FORWARD_IN.map((k) => off(ins[k])), ...outs.map(off), ...sizes);
    else blas.rnnBackward(heapBuffer(be), cell, ...BACKWARD_IN.map((k) => off(ins[k])), ...outs.map(off), ...sizes);
    return outs;
  };
}

function cpuKernel(name: string): KernelFunc {
  return ({ inputs, backend, attrs }) => {
    const be = backend as MathBackendCPU;
    const ins = inputs as Named;
    const d = dims(ins, attrs);
    const shapes = outShapes(name, d);
    const outs = shapes.map((s) => new Float32Array(s.reduce((a, b) => a * b, 1)));
    runJs(name, ins, outs, (t) => be.data.get(t.dataId)!.values as Float32Array, d);
    return outs.map((values, i) => be.makeTensorInfo(shapes[i], 'float32', values));
  };
}

/** Which cells take the fused path on each backend that has the kernels. */
const fused = new Map<string, readonly CellKind[]>();
const ALL: readonly CellKind[] = ['lstm', 'gru', 'simple'];

/**
 * Registers the two kernels for wasm: native where the addon is loaded (`blas`), JavaScript on the heap
 * otherwise. Without the addon only GRU and SimpleRNN fuse: tfjs's generic LSTM, on XNNPACK's SIMD matmuls,
 * trained faster than the LSTM's JavaScript loops in bench/cpu (the GRU and SimpleRNN loops win).
 */
export function registerRnnWasmKernels(tf: TfModule, blas: NativeBlas | null): string[] {
  const names = [RNN_SEQUENCE, RNN_SEQUENCE_GRAD];
  for (const kernelName of names) {
    if (tf.getKernel(kernelName, 'wasm')) tf.unregisterKernel(kernelName, 'wasm');
    tf.registerKernel({ kernelName, backendName: 'wasm', kernelFunc: wasmKernel(kernelName, blas) });
  }
  fused.set('wasm', blas ? ALL : ['gru', 'simple']);
  return names;
}

/** Registers the cpu kernels once (the cpu backend needs no set-up, so the layers ask for them on first use). */
export function ensureRnnCpuKernels(tf: TfModule): void {
  for (const kernelName of [RNN_SEQUENCE, RNN_SEQUENCE_GRAD]) {
    if (!tf.getKernel(kernelName, 'cpu')) tf.registerKernel({ kernelName, backendName: 'cpu', kernelFunc: cpuKernel(kernelName) });
  }
  fused.set('cpu', ALL);
}

/** Whether `cell` takes the fused path on `backend`. */
export function fusesOn(backend: string, cell: CellKind): boolean {
  return fused.get(backend)?.includes(cell) ?? false;
}
